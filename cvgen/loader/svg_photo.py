"""SVG photos (common in RenderCV CVs): sanitised, then embedded as an image, never inlined.

An SVG is a program as much as a picture: it can hold scripts, event handlers, links to other
files or web addresses, XML entities (the "billion laughs") and foreign HTML. cvgen keeps only the
picture. The file is parsed by lxml with entities, DTDs and the network switched off, and rebuilt
without

* scripts, ``foreignObject``, animation (``set``/``animate…`` can rewrite a link) and processing
  instructions (``<?xml-stylesheet?>``);
* ``on…`` event attributes;
* any reference that leaves the document: the rule is the one cvgen's themes follow — an output
  loads nothing from outside. ``href``/``xlink:href`` may point inside the SVG (``#id``) or hold an
  embedded PNG/JPEG/GIF/WebP ``data:`` image; a style or presentation attribute may use
  ``url(#id)``; anything else (``https:``, ``file:``, ``@import``) is removed.

The HTML and PDF backends embed the result as a ``data:`` image in ``<img>`` (where browsers run no
script anyway), Typst reads it as an image, and the Word backend rasterises it with CairoSVG
(:mod:`cvgen.backends.svg_raster`), because Word's SVG support needs a PNG fallback picture.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.model.loaded import Photo

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_DROP = {"script", "foreignObject", "set", "animate", "animateTransform", "animateMotion", "animateColor",
         "discard", "handler", "listener", "iframe", "object", "embed", "audio", "video"}
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_IMPORT = re.compile(r"@import", re.I)
_EMBEDDED = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,", re.I)
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
DEFAULT_EDGE = 800


def looks_like_svg(data: bytes) -> bool:
    """True when the bytes are an SVG document (an XML text whose root element is ``svg``)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE svg", b"<!doctype svg")) and b"<svg" in head


def _local(tag: Any) -> str:
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def _safe_url(value: str) -> bool:
    v = value.strip()
    return v.startswith("#") or bool(_EMBEDDED.match(v))


def _safe_css(value: str) -> bool:
    return not _IMPORT.search(value) and all(m.group(2).strip().startswith("#") for m in _URL.finditer(value))


def _clean_element(el: Any, removed: set[str]) -> None:
    for name in list(el.attrib):
        local = _local(name) if name.startswith("{") else name
        value = el.attrib[name]
        if local.lower().startswith("on"):
            removed.add(f"event attribute {local}")
        elif local in ("href", "src") and not _safe_url(value):
            removed.add(f"reference {value[:60]!r}")
        elif "url(" in value.lower() and not _safe_css(value):
            removed.add(f"reference in {local}")
        else:
            continue
        del el.attrib[name]
    if _local(el.tag) == "style" and el.text and not _safe_css(el.text):
        removed.add("a <style> block that loads outside resources")
        el.text = ""


def sanitise(data: bytes) -> tuple[bytes, set[str]]:
    """(clean SVG bytes, descriptions of what was removed); ValueError when it is no SVG."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_pis=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not a well-formed SVG ({exc.msg})") from None
    if root is None or _local(root.tag) != "svg":
        raise ValueError("the root element is not <svg>")
    removed: set[str] = set()
    if root.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in data:
        removed.add("its DOCTYPE and entity declarations")
    dropped: list[Any] = []
    for el in list(root.iter()):
        if any(a in dropped for a in el.iterancestors()):
            continue
        if not isinstance(el.tag, str):  # entity references and the like: never expanded, dropped
            removed.add("entity references")
            el.getparent().remove(el)
        elif _local(el.tag) in _DROP or (el.tag.startswith("{") and not el.tag.startswith(f"{{{SVG_NS}}}")):
            removed.add(f"<{_local(el.tag)}>")
            dropped.append(el)
            el.getparent().remove(el)
        else:
            _clean_element(el, removed)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True), removed


def _size(root: Any) -> tuple[int, int]:
    """The picture's size in CSS pixels (its width/height, else its viewBox, else a square)."""
    w, h = (_LENGTH.match(root.get(k) or "") for k in ("width", "height"))
    if w and h:
        return max(1, round(float(w.group(1)))), max(1, round(float(h.group(1))))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        bw, bh = float(box[2]), float(box[3])
        scale = DEFAULT_EDGE / max(bw, bh)
        return max(1, round(bw * scale)), max(1, round(bh * scale))
    except (IndexError, ValueError, ZeroDivisionError):
        return DEFAULT_EDGE, DEFAULT_EDGE


def svg_photo(data: bytes) -> tuple[Photo, set[str]]:
    """A sanitised SVG as a Photo, and what was removed (ValueError when it is not an SVG)."""
    from lxml import etree

    clean, removed = sanitise(data)
    root = etree.fromstring(clean, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    width, height = _size(root)
    return Photo(clean, "image/svg+xml", width, height), removed
