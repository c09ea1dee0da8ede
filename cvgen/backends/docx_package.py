"""The DOCX side of the resource policy: only allowed relationships leave cvgen.

A theme's ``reference.docx`` is opened as the base document, and python-docx keeps every part and
relationship it holds even though the body is cleared. A ``<w:attachedTemplate>`` pointing at
``http://…/template.dotm`` (TargetMode="External") makes Word fetch that template on every open:
the known remote-template injection. Linked images, frames, OLE objects, sub-documents, ``altChunk``
imports and mail-merge sources reach out the same way, and macros or ActiveX run code.

So every ``.rels`` part of the written file is filtered against an allow-list of relationship
types (by their last path segment, which is the same in transitional and strict OOXML). An
external target is kept only for a hyperlink (a link the reader clicks). Markup referring to a
dropped relationship is removed with it, and an internal part nothing refers to any more is
deleted, so the file stays valid. Parts that need no change keep their bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable

ALLOWED_TYPES = frozenset({
    "officeDocument", "core-properties", "extended-properties", "custom-properties", "thumbnail",
    "styles", "stylesWithEffects", "settings", "webSettings", "fontTable", "theme", "numbering",
    "customXml", "customXmlProps", "header", "footer", "footnotes", "endnotes", "comments",
    "commentsExtended", "commentsIds", "commentsExtensible", "people", "image", "font", "hyperlink",
    "glossaryDocument",
})
"""Relationship types a CV needs: package parts, styles, headers and footers, embedded images and fonts."""
EXTERNAL_TYPES = frozenset({"hyperlink"})
"""The only relationships that may point outside the file: links a reader clicks."""

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                 "http://purl.oclc.org/ooxml/officeDocument/relationships")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HOLDERS = {  # a dropped image or object goes with the run content holding it
    "{http://schemas.openxmlformats.org/drawingml/2006/main}blip": (f"{_W}drawing", f"{_W}pict"),
    "{urn:schemas-microsoft-com:vml}imagedata": (f"{_W}pict",),
    "{urn:schemas-microsoft-com:office:office}OLEObject": (f"{_W}object",),
}


def allowed(rel_type: str, external: bool) -> bool:
    kind = rel_type.rstrip("/").rsplit("/", 1)[-1]
    return kind in (EXTERNAL_TYPES if external else ALLOWED_TYPES)


def _source_of(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word/document.xml`` (``_rels/.rels`` → the package)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def _filter_rels(xml: bytes) -> tuple[bytes, set[str], set[str]]:
    """The .rels without refused relationships; (new bytes, dropped ids, internal targets dropped)."""
    from lxml import etree

    root = etree.fromstring(xml)
    dropped, targets = set(), set()
    for rel in list(root):
        external = (rel.get("TargetMode") or "").lower() == "external"
        if not allowed(rel.get("Type", ""), external):
            dropped.add(rel.get("Id", ""))
            if not external:
                targets.add(rel.get("Target", ""))
            root.remove(rel)
    if not dropped:
        return xml, dropped, targets
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), dropped, targets


def _strip_references(xml: bytes, ids: set[str]) -> bytes:
    """Remove the markup of ``xml`` that names one of the dropped relationship ``ids``."""
    from lxml import etree

    root = etree.fromstring(xml)
    doomed = []
    for element in root.iter():
        names = [v for k, v in element.attrib.items() if k.startswith(tuple("{" + ns + "}" for ns in _R_NAMESPACES))]
        if any(v in ids for v in names):
            doomed.append(_holder(element))
    for element in doomed:
        parent = element.getparent()
        if parent is not None and element in parent:
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _holder(element: object) -> object:
    """The element to remove for a dropped reference: the drawing or object around an image, else itself."""
    wanted = _HOLDERS.get(getattr(element, "tag", ""), ())
    for ancestor in element.iterancestors():  # type: ignore[attr-defined]
        if ancestor.tag in wanted:
            return ancestor
    return element


SETTINGS_DROPPED = (f"{_W}attachedTemplate", f"{_W}mailMerge")
"""Settings a CV never needs that reach out: the template Word loads, a mail merge's data source."""
ALLOWED_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE",
    "AUTHOR", "TITLE", "SUBJECT", "KEYWORDS", "STYLEREF", "REF", "PAGEREF", "NOTEREF", "SEQ", "HYPERLINK",
})
"""Word fields that only show what is in the file; INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, DDEAUTO,
IMPORT, DATABASE and the rest fetch files or run programs when Word updates them."""


def refused_fields(data: bytes) -> list[str]:
    """The field instructions of a .docx that are not on :data:`ALLOWED_FIELDS` (first words)."""
    from lxml import etree

    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                body = z.read(name)
                if not _may_hold_fields(body):
                    continue
                root = etree.fromstring(body)
                found += [f"{name}: {i.split()[0]}" for i in _instructions(root)
                          if i.split() and i.split()[0].upper() not in ALLOWED_FIELDS]
    return found


def _may_hold_fields(body: bytes) -> bool:
    """False only for an XML part in an ASCII-based encoding that names neither field element.

    A field instruction lives in a ``fldSimple`` or an ``instrText`` element, and an element's name
    cannot be written with character references, so a part without those bytes has no field: the
    CV's own document.xml, most of the package, is then not parsed a second time. A part in
    UTF-16 (a NUL byte early on) is always parsed.
    """
    if b"\x00" in body[:256]:
        return True
    return b"instrText" in body or b"fldSimple" in body


_FIELD_TAGS = (f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText")


def _instructions(root: object) -> list[str]:
    """Every field instruction, nested ones apart: ``fldSimple/@instr`` and the ``instrText`` runs."""
    out: list[str] = []
    stack: list[list[str]] = []  # the instruction being read of each open field
    reading: list[bool] = []  # whether that field is still in its instruction (before "separate")
    for element in root.iter(*_FIELD_TAGS):  # type: ignore[attr-defined] # in document order, filtered by lxml
        kind = element.get(f"{_W}fldCharType") if element.tag == f"{_W}fldChar" else None
        if element.tag == f"{_W}fldSimple":
            out.append(element.get(f"{_W}instr", ""))
        elif kind == "begin":
            stack.append([])
            reading.append(True)
        elif kind in ("separate", "end") and stack:
            if reading[-1]:
                out.append("".join(stack[-1]))
                reading[-1] = False
            if kind == "end":
                stack.pop()
                reading.pop()
        elif element.tag == f"{_W}instrText" and stack and reading[-1]:
            stack[-1].append(element.text or "")
    return out


def _clean_settings(parts: dict[str, bytes]) -> bool:
    """Remove :data:`SETTINGS_DROPPED` from ``word/settings.xml``; True when something was removed."""
    from lxml import etree

    body = parts.get("word/settings.xml")
    if body is None or not any(tag.split("}")[1].encode() in body for tag in SETTINGS_DROPPED):
        return False
    root = etree.fromstring(body)
    doomed = [e for e in root.iter() if e.tag in SETTINGS_DROPPED]
    for element in doomed:
        element.getparent().remove(element)
    parts["word/settings.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return bool(doomed)


def keep_allowed_relationships(data: bytes) -> bytes:
    """``data`` (a .docx) with every refused relationship, its markup and its orphaned parts removed."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: src.read(name) for name in src.namelist()}
    orphans: set[str] = set()
    changed = _clean_settings(parts)
    for name in [n for n in parts if n.endswith(".rels")]:
        filtered, ids, targets = _filter_rels(parts[name])
        if not ids:
            continue
        changed = True
        parts[name] = filtered
        source = _source_of(name)
        if source in parts:
            parts[source] = _strip_references(parts[source], ids)
        base = posixpath.dirname(source)
        orphans |= {posixpath.normpath(posixpath.join(base, t)).lstrip("/") for t in targets}
    if not changed:
        return data
    _drop_parts(parts, orphans)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    return out.getvalue()


def _drop_parts(parts: dict[str, bytes], names: Iterable[str]) -> None:
    """Delete parts nothing refers to any more, with their own .rels and content-type overrides."""
    from lxml import etree

    gone = {n for n in names if n in parts and not _still_referenced(parts, n)}
    for name in gone:
        del parts[name]
        folder, base = posixpath.split(name)
        parts.pop(posixpath.join(folder, "_rels", base + ".rels"), None)
    if gone and "[Content_Types].xml" in parts:
        root = etree.fromstring(parts["[Content_Types].xml"])
        for override in list(root):
            if (override.get("PartName") or "").lstrip("/") in gone:
                root.remove(override)
        parts["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _still_referenced(parts: dict[str, bytes], name: str) -> bool:
    """Whether another kept relationship still targets ``name`` (two parts may share an image)."""
    from lxml import etree

    for rels_name, body in parts.items():
        if not rels_name.endswith(".rels"):
            continue
        base = posixpath.dirname(_source_of(rels_name))
        for rel in etree.fromstring(body):
            if (rel.get("TargetMode") or "").lower() != "external":
                if posixpath.normpath(posixpath.join(base, rel.get("Target", ""))).lstrip("/") == name:
                    return True
    return False
