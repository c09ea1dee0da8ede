"""Low-level WordprocessingML for the DOCX backend: the pieces python-docx has no API for.

Runs (the one place user text enters the XML), external hyperlinks, fields (page numbers),
numbering definitions and the zip post-processing that makes the bytes reproducible. Kept apart
from :mod:`cvgen.backends.docx` so the layout code reads as layout. Imported with
:mod:`cvgen.backends.docx`, which the registry loads only when Word output is asked for.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import NamespacePrefixedTag
from docx.oxml.ns import qn as _qn
from docx.oxml.parser import oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement

from cvgen.chars import XML_FORBIDDEN


@functools.cache
def qn(nsptag: str) -> str:
    """python-docx's ``qn`` ("w:val" → Clark notation), worked out once per name."""
    return _qn(nsptag)


@functools.cache
def _tag_parts(nsptag: str) -> tuple[str, dict[str, str]]:
    tag = NamespacePrefixedTag(nsptag)
    return tag.clark_name, tag.nsmap


def OxmlElement(nsptag: str, attrs: dict[str, str] | None = None) -> Any:  # noqa: N802 - python-docx's name
    """python-docx's ``OxmlElement`` (same parser, so the same element classes) with the tag's names
    worked out once: a CV's runs, text and properties make thousands of elements."""
    clark, nsmap = _tag_parts(nsptag)
    return oxml_parser.makeelement(clark, attrib=attrs, nsmap=nsmap)


# Hyphens a line must not break at: page ranges ("51584-51605") and initials ("P.-Y. Chen").
_KEEP_HYPHEN = re.compile(r"(?<=[0-9.])-(?=[0-9A-Z])")
# The en dash of a number range ("pp. 26693–26712"): a word joiner after it keeps Word from breaking there.
_RANGE_DASH = re.compile("(?<=[0-9])\u2013(?=[0-9])")


@dataclass(frozen=True)
class RunFormat:
    """Direct formatting of one run; ``style`` is a character style id ("Hyperlink", "CVOwner")."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    style: str | None = None


def add_text(parent: BaseOxmlElement, text: str, fmt: RunFormat = RunFormat()) -> None:
    """Append ``text`` as a run to a paragraph or hyperlink element.

    The only function that puts text into the document: lxml escapes ``& < >`` itself, so the one
    thing to guard is characters XML forbids (the loader already refused them). Tabs and newlines
    become Word's own elements, and hyphens in page ranges and initials become non-breaking
    hyphens (``w:noBreakHyphen``, read back as "-") so a range never splits across lines.
    """
    # The loader refuses these characters; this is the last line of defence.
    assert not XML_FORBIDDEN.search(text), f"control character reached the DOCX writer: {text!r}"
    if not text:
        return
    run = OxmlElement("w:r")
    rpr = _run_properties(fmt)
    if rpr is not None:
        run.append(rpr)
    for i, line in enumerate(text.split("\n") if "\n" in text else (text,)):
        if i:
            run.append(OxmlElement("w:br"))
        for j, chunk in enumerate(line.split("\t") if "\t" in line else (line,)):
            if j:
                run.append(OxmlElement("w:tab"))
            if "\u2013" in chunk:
                chunk = _RANGE_DASH.sub("\u2013\u2060", chunk)
            for k, piece in enumerate(_KEEP_HYPHEN.split(chunk) if "-" in chunk else (chunk,)):
                if k:
                    run.append(OxmlElement("w:noBreakHyphen"))
                if piece:
                    t = OxmlElement("w:t")
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    t.text = piece
                    run.append(t)
    parent.append(run)


def add_tab(parent: BaseOxmlElement, fmt: RunFormat = RunFormat()) -> None:
    """A tab character: dates sit on the style's right-aligned tab stop, never after spaces."""
    run = OxmlElement("w:r")
    rpr = _run_properties(fmt)
    if rpr is not None:
        run.append(rpr)
    run.append(OxmlElement("w:tab"))
    parent.append(run)


_PLAIN = RunFormat()


def _run_properties(fmt: RunFormat) -> BaseOxmlElement | None:
    """A new ``w:rPr`` for ``fmt`` (None for plain text): a copy of the one built for it the first time."""
    if fmt == _PLAIN:
        return None
    return copy.deepcopy(_run_properties_model(fmt))


@functools.lru_cache(maxsize=64)
def _run_properties_model(fmt: RunFormat) -> BaseOxmlElement:
    rpr = OxmlElement("w:rPr")
    # Schema order: rStyle, b, i, …, vertAlign.
    if fmt.style:
        rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): fmt.style}))
    if fmt.bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    if fmt.italic:
        rpr.append(OxmlElement("w:i"))
        rpr.append(OxmlElement("w:iCs"))
    if fmt.superscript:
        rpr.append(OxmlElement("w:vertAlign", attrs={qn("w:val"): "superscript"}))
    return rpr


class Hyperlinks:
    """External hyperlink relationships of one part, one per distinct URL.

    python-docx's ``part.relate_to`` scans every relationship of the part for a match and then
    counts up from rId1 for a free id, so 4,000 linked publications took seconds and grew
    quadratically. Here URLs map to their ids in a dict (a repeated URL reuses its id, as
    ``relate_to`` does) and ids are counted, skipping any the part already uses.
    """

    def __init__(self, part: object) -> None:
        self._rels = part.rels  # type: ignore[attr-defined]
        self._by_url: dict[str, str] = {
            rel.target_ref: rid
            for rid, rel in self._rels.items()
            if rel.is_external and rel.reltype == RT.HYPERLINK
        }
        self._next = 1

    def rid(self, href: str) -> str:
        """The relationship id for ``href``, added on first use."""
        rid = self._by_url.get(href)
        if rid is None:
            while f"rId{self._next}" in self._rels:
                self._next += 1
            rid = f"rId{self._next}"
            self._next += 1
            self._rels.add_relationship(RT.HYPERLINK, href, rid, is_external=True)
            self._by_url[href] = rid
        return rid


def add_hyperlink(paragraph: BaseOxmlElement, links: Hyperlinks, href: str) -> BaseOxmlElement:
    """An external ``w:hyperlink`` appended to ``paragraph``; the caller fills it with runs.

    python-docx has no hyperlink API: the URL becomes an external relationship of the part and
    the element refers to it by id, which is what Word itself writes.
    """
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): links.rid(href), qn("w:history"): "1"})
    paragraph.append(link)
    return link


def add_field(paragraph: BaseOxmlElement, instruction: str, placeholder: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice compute when laying out."""

    def run_with(child: BaseOxmlElement) -> None:
        r = OxmlElement("w:r")
        r.append(child)
        paragraph.append(r)

    run_with(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "separate"}))
    add_text(paragraph, placeholder)
    run_with(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): "end"}))


class Numbering:
    """Numbered lists in the document's numbering part.

    Word numbering counts up only. To show the view's labels faithfully (P5…P1 counting down per
    group, T1…T7 up) every run of consecutive numbers gets its own ``w:num`` whose
    ``w:lvlOverride/w:startOverride`` is the run's first number: an ascending list is one
    continuous ``w:num`` (inserting a talk in Word renumbers the rest), while a descending list
    gets one ``w:num`` per item starting at that item's number. All of them point at one
    ``w:abstractNum`` per label prefix with ``lvlText`` "P%1.", so the visible numbers are real
    Word list numbers and restyling the list (indent, label font) is one edit.
    """

    def __init__(self, document: object, label_rpr: BaseOxmlElement | None = None) -> None:
        self._root = document.part.numbering_part.element  # type: ignore[attr-defined]
        self._label_rpr = label_rpr
        """Run properties of the visible label ("P5."), copied from the "CV Label" style."""
        self._abstract: dict[str, str] = {}
        self._last: tuple[str, int, str] | None = None
        """(numId, number, abstractNumId) of the previous numbered paragraph, to continue a run."""
        # Ids are counted here, not searched for: a 5,000-item list must stay linear.
        self._next_abstract = max(self._ids("w:abstractNum", "w:abstractNumId"), default=-1) + 1
        self._next_num = max(self._ids("w:num", "w:numId"), default=0) + 1
        self._first_num = self._root.find(qn("w:num"))

    def num_id(self, prefix: str, number: int, indent: tuple[int, int]) -> str:
        """The ``w:numId`` for the item numbered ``number`` with label prefix ``prefix``."""
        abstract = self._abstract.get(prefix)
        if abstract is None:
            abstract = self._abstract[prefix] = self._add_abstract(prefix, indent)
        if self._last is not None and self._last[1] == number - 1 and self._last[2] == abstract:
            num = self._last[0]
        else:
            num = self._add_num(abstract, number)
        self._last = (num, number, abstract)
        return num

    def break_run(self) -> None:
        """Start afresh (a new section): the next item never continues the previous list."""
        self._last = None

    def _ids(self, tag: str, attr: str) -> list[int]:
        return [int(el.get(qn(attr))) for el in self._root.findall(qn(tag))]

    def _add_abstract(self, prefix: str, indent: tuple[int, int]) -> str:
        new_id = str(self._next_abstract)
        self._next_abstract += 1
        left, hanging = indent
        nsid = hashlib.sha1(f"cvgen-{prefix}".encode()).hexdigest()[:8].upper()
        lvl_text = prefix + "%1."
        abstract = OxmlElement("w:abstractNum", attrs={qn("w:abstractNumId"): new_id})
        abstract.append(OxmlElement("w:nsid", attrs={qn("w:val"): nsid}))
        abstract.append(OxmlElement("w:multiLevelType", attrs={qn("w:val"): "singleLevel"}))
        abstract.append(OxmlElement("w:name", attrs={qn("w:val"): f"CV list {prefix}".strip()}))
        lvl = OxmlElement("w:lvl", attrs={qn("w:ilvl"): "0"})
        lvl.append(OxmlElement("w:start", attrs={qn("w:val"): "1"}))
        lvl.append(OxmlElement("w:numFmt", attrs={qn("w:val"): "decimal"}))
        lvl.append(OxmlElement("w:suff", attrs={qn("w:val"): "tab"}))
        lvl.append(OxmlElement("w:lvlText", attrs={qn("w:val"): lvl_text}))
        lvl.append(OxmlElement("w:lvlJc", attrs={qn("w:val"): "left"}))
        ppr = OxmlElement("w:pPr")
        tabs = OxmlElement("w:tabs")
        tabs.append(OxmlElement("w:tab", attrs={qn("w:val"): "num", qn("w:pos"): str(left)}))
        ppr.append(tabs)
        ppr.append(OxmlElement("w:ind", attrs={qn("w:left"): str(left), qn("w:hanging"): str(hanging)}))
        lvl.append(ppr)
        if self._label_rpr is not None:
            lvl.append(copy.deepcopy(self._label_rpr))
        abstract.append(lvl)
        # Every w:abstractNum must precede every w:num in the part.
        if self._first_num is not None:
            self._first_num.addprevious(abstract)
        else:
            self._root.append(abstract)
        return new_id

    def _add_num(self, abstract_id: str, start: int) -> str:
        new_id = str(self._next_num)
        self._next_num += 1
        num = OxmlElement("w:num", attrs={qn("w:numId"): new_id})
        num.append(OxmlElement("w:abstractNumId", attrs={qn("w:val"): abstract_id}))
        override = OxmlElement("w:lvlOverride", attrs={qn("w:ilvl"): "0"})
        override.append(OxmlElement("w:startOverride", attrs={qn("w:val"): str(start)}))
        num.append(override)
        self._root.append(num)
        if self._first_num is None:
            self._first_num = num
        return new_id


def set_num_pr(paragraph: object, num_id: str) -> None:
    """Make ``paragraph`` a level-0 item of list ``num_id`` (a real ``w:numPr``)."""
    num_pr = paragraph_property(paragraph._p, "numPr")  # type: ignore[attr-defined]
    _child(num_pr, "ilvl", _NUMPR_ORDER).val = 0
    _child(num_pr, "numId", _NUMPR_ORDER).val = int(num_id)


# Paragraph properties are written often (every entry has a style, most a keep-with-next), and
# python-docx's get_or_add looks for each of some thirty possible later siblings in turn to place a
# new child: a third of a Word render. Here the few existing children are scanned once instead,
# against the same order, which is the schema's.
_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
"""The children of ``w:pPr`` in the order ECMA-376 Part 1 requires (17.3.1.26, CT_PPr)."""
_NUMPR_ORDER = ("ilvl", "numId", "numberingChange", "ins")
"""The children of ``w:numPr`` (17.9.18, CT_NumPr)."""


def _child(parent: BaseOxmlElement, name: str, order: tuple[str, ...]) -> BaseOxmlElement:
    """``parent``'s ``w:name`` child, added before the first existing child that must follow it."""
    tag = qn(f"w:{name}")
    found = parent.find(tag)
    if found is not None:
        return found
    later = _later(name, order)
    child = OxmlElement(f"w:{name}")
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


@functools.cache
def _later(name: str, order: tuple[str, ...]) -> frozenset[str]:
    """The qualified tags that must follow ``w:name`` in ``order``."""
    return frozenset(qn(f"w:{n}") for n in order[order.index(name) + 1 :])


def paragraph_property(p: BaseOxmlElement, name: str) -> BaseOxmlElement:
    """The paragraph's ``w:pPr/w:name`` element, created in schema order when missing."""
    return _child(p.get_or_add_pPr(), name, _PPR_ORDER)  # type: ignore[attr-defined]


def set_paragraph_style(p: BaseOxmlElement, style_id: str) -> None:
    """``<w:pStyle w:val=…>``: what python-docx's ``style`` setter writes, given the style's id."""
    paragraph_property(p, "pStyle").val = style_id  # type: ignore[attr-defined]


def set_keep_next(p: BaseOxmlElement, keep: bool) -> None:
    """``paragraph_format.keep_with_next = keep`` (``<w:keepNext/>``, or ``w:val="0"`` when False)."""
    paragraph_property(p, "keepNext").val = keep  # type: ignore[attr-defined]


def fixed_time() -> _dt.datetime:
    """The timestamp written into the file: SOURCE_DATE_EPOCH when set, else 1980-01-01 (never now)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    low = _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)
    if epoch.isdigit():
        when = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC)
        return min(max(when, low), _dt.datetime(2107, 12, 31, tzinfo=_dt.UTC))
    return low


class _StoredZip:
    """python-docx's zip writer (``PhysPkgWriter``'s interface) without compression."""

    def __init__(self, file: io.BytesIO) -> None:
        self._zipf = zipfile.ZipFile(file, "w", zipfile.ZIP_STORED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._zipf.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zipf.close()


def save_stored(document: Any) -> bytes:
    """``document.save`` with the zip entries stored, not deflated.

    The bytes are only read back (relationship and field checks) and rewritten by
    :func:`normalise_zip`, which compresses every entry itself: compressing here too was a tenth of
    a DOCX render, and reading it back decompressed it again. Same steps as python-docx's
    ``OpcPackage.save``; a python-docx without them gets its own ``save``.
    """
    from docx.opc.pkgwriter import PackageWriter

    buffer = io.BytesIO()
    steps = [getattr(PackageWriter, n, None) for n in ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")]
    package = document.part.package
    if None in steps:
        document.save(buffer)
        return buffer.getvalue()
    for part in package.parts:
        part.before_marshal()
    writer = _StoredZip(buffer)
    steps[0](writer, package.parts)
    steps[1](writer, package.rels)
    steps[2](writer, package.parts)
    writer.close()
    return buffer.getvalue()


def normalise_zip(data: bytes, when: _dt.datetime | None = None) -> bytes:
    """Rewrite a .docx zip with fixed timestamps, permissions and entry order.

    python-docx stamps each entry with the current time, so two renders would differ; this makes
    rendering the same input twice give byte-identical files. ``[Content_Types].xml`` stays first
    as Office writes it.
    """
    stamp = (when or fixed_time()).timetuple()[:6]
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
