"""The named Word styles a cvgen DOCX uses, and how a reference.docx is brought up to them.

Every paragraph and character the writer emits carries one of these styles, so a user restyles
the whole CV in Word by editing one style, and a theme's reference.docx decides the look. A user
theme's reference.docx may lack some of them (it was made in Word from a blank document): the
missing ones are added with plain defaults rather than failing. The built-in themes' full looks
are made by scripts/make_reference_docx.py.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.styles import BabelFish

_STYLE, _NAME, _VAL = qn("w:style"), qn("w:name"), qn("w:val")

PARAGRAPH = {
    "title": "Title",
    "header": "CV Header",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "intro": "CV Intro",
    "entry": "CV Entry",
    "detail": "CV Detail",
    "description": "CV Description",
    "links": "CV Links",
    "abstract": "CV Abstract",
    "numbered": "CV Numbered",
    "footer": "Footer",
}
"""Paragraph styles by role; the values are the names a user sees in Word."""

CHARACTER = {"link": "Hyperlink", "owner": "CV Owner", "date": "CV Date", "label": "CV Label"}
"""Character styles by role. "CV Label" is copied into the list numbering's label format (Word
numbering cannot refer to a character style) and used for labels written as text."""

RIGHT_TAB_STYLES = ("entry", "numbered", "footer")
"""Styles whose right-aligned tab stop marks the text width (dates, page numbers)."""


def ensure_styles(document: object) -> dict[str, str]:
    """Make sure every style the writer uses exists; return role → style id."""
    styles = document.styles  # type: ignore[attr-defined]
    found = _index(styles)
    ids: dict[str, str] = {}
    for kind, roles, defaults in ((WD_STYLE_TYPE.PARAGRAPH, PARAGRAPH, _default_paragraph),
                                  (WD_STYLE_TYPE.CHARACTER, CHARACTER, _default_character)):
        for role, name in roles.items():
            element = found.get((kind, name.lower()))
            if element is None:
                style = styles.add_style(name, kind)
                found[(kind, name.lower())] = element = style.element
                defaults(role, style)
            ids[role] = element.styleId  # what python-docx's ``style.style_id`` reads
    return ids


def _index(styles: object) -> dict[tuple[WD_STYLE_TYPE, str], Any]:
    """(type, lower-case name) → the first style element so named: one pass over the styles.

    Reads each ``w:style``'s ``w:name`` with lxml, without python-docx's style objects: its
    ``style.name`` and ``style.type`` on all of a reference's ~350 styles were a tenth of a DOCX render.
    The names are python-docx's UI names (``BabelFish``: "heading 1" → "Heading 1"), as ``style.name``.
    """
    elements: dict[tuple[WD_STYLE_TYPE, str], Any] = {}
    for element in styles.element.iterchildren(_STYLE):  # type: ignore[attr-defined]
        name = element.find(_NAME)
        value = None if name is None else name.get(_VAL)
        if value is not None:
            kind = element.type or WD_STYLE_TYPE.PARAGRAPH
            elements.setdefault((kind, BabelFish.internal2ui(value).lower()), element)
    return elements


def _default_paragraph(role: str, style: object) -> None:
    """Plain, readable defaults for a style a user's reference.docx did not define."""
    s = style
    s.base_style = None  # type: ignore[attr-defined]
    fmt = s.paragraph_format  # type: ignore[attr-defined]
    fmt.space_after = Pt(2)
    if role in ("h1", "h2", "title"):
        fmt.keep_with_next = True
        s.font.bold = True  # type: ignore[attr-defined]
        s.font.size = Pt({"title": 20, "h1": 13, "h2": 11}[role])  # type: ignore[attr-defined]
        fmt.space_before = Pt(10 if role == "h1" else 6)
    if role in ("entry", "numbered"):
        fmt.keep_together = True
    if role in ("detail", "description", "links", "abstract"):
        fmt.left_indent = Inches(0.25)
    if role == "numbered":
        fmt.left_indent = Inches(0.45)
        fmt.first_line_indent = Inches(-0.45)
    if role in ("abstract", "description"):
        s.font.italic = True  # type: ignore[attr-defined]


def _default_character(role: str, style: object) -> None:
    font = style.font  # type: ignore[attr-defined]
    if role == "owner":
        font.bold = True
    elif role == "link":
        font.color.rgb = RGBColor(0x1F, 0x3A, 0x93)
        font.underline = True


def set_text_width(document: object, ids: dict[str, str], width: int) -> None:
    """Put the right-aligned tab stop of the dated styles at the text width (page size varies)."""
    styles = document.styles  # type: ignore[attr-defined]
    for role in RIGHT_TAB_STYLES:
        style = styles.get_by_id(ids[role], WD_STYLE_TYPE.PARAGRAPH)
        tabs = style.paragraph_format.tab_stops
        for index in reversed(range(len(tabs))):
            if tabs[index].alignment == WD_TAB_ALIGNMENT.RIGHT:
                del tabs[index]
        tabs.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def set_accent(document: object, colour: str) -> None:
    """Recolour the theme's accent (Heading 1's colour) to the CV's ``accent_colour`` setting.

    A theme with coloured headings uses one accent for headings, rules and links; every use of it
    in styles.xml changes together. A theme with black headings gets the accent on its headings.
    """
    new = colour.lstrip("#").upper()
    if len(new) == 3:
        new = "".join(c * 2 for c in new)
    root = document.styles.element  # type: ignore[attr-defined]
    heading = document.styles["Heading 1"]  # type: ignore[attr-defined]
    colour_el = heading.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
    old = colour_el.get(qn("w:val")).upper() if colour_el is not None else ""
    if old and old not in ("AUTO", "000000"):
        for el in root.iter(qn("w:color")):
            if (el.get(qn("w:val")) or "").upper() == old:
                el.set(qn("w:val"), new)
        for el in root.iter():
            if el.get(qn("w:color"), "").upper() == old:
                el.set(qn("w:color"), new)
    else:
        for name in ("Heading 1", "Heading 2"):
            document.styles[name].font.color.rgb = RGBColor.from_string(new)  # type: ignore[attr-defined]
