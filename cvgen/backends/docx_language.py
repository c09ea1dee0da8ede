"""The CV's language and direction in a Word document: ``w:lang``, ``w:bidi`` and the script fonts.

Word keeps three languages per run (``w:lang``): ``w:val`` for Latin-script text, ``w:eastAsia``
for Chinese, Japanese and Korean, ``w:bidi`` for complex scripts (Arabic, Hebrew, Persian,
Devanagari). The CV's language goes into the right slot of the document defaults, so spelling and
line breaking follow it, and the theme's East Asian and complex-script fonts are switched to the
ones that cover it (Noto Serif CJK JP for Japanese rather than SC, Noto Serif Hebrew for Hebrew).
A right-to-left CV gets ``w:bidi`` on every paragraph (through the defaults) and on the section:
Word and LibreOffice then run lines from the right, and the dates' right-aligned tab stop, which
right-to-left paragraphs measure from the right margin, puts the date column on the left.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cvgen.locale.tables import table_name

EAST_ASIAN = {"zh-Hans": "SC", "zh-Hant": "TC", "ja": "JP", "ko": "KR"}
"""Noto CJK's regional variant per language: the same code point is drawn the way each region writes it."""
COMPLEX = {"ar": "Arabic", "fa": "Arabic", "he": "Hebrew", "hi": "Devanagari"}
"""Languages Word sets with its complex-script fonts, by script."""
_COMPLEX_FONTS = {
    ("Arabic", "serif"): "Noto Naskh Arabic", ("Arabic", "sans"): "Noto Sans Arabic",
    ("Hebrew", "serif"): "Noto Serif Hebrew", ("Hebrew", "sans"): "Noto Sans Hebrew",
    ("Devanagari", "serif"): "Noto Serif Devanagari", ("Devanagari", "sans"): "Noto Sans Devanagari",
}


def uses_complex_script(tag: str) -> bool:
    """Is the CV's language one Word sets with its complex-script fonts and formatting?"""
    return table_name(tag) in COMPLEX


def _child(parent: Any, tag: str, first: bool = False) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


# Elements that follow w:bidi in a paragraph's and a section's properties (ECMA-376 sequence order).
_AFTER_PPR_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
_AFTER_SECT_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def _insert(parent: Any, tag: str, successors: tuple[str, ...]) -> None:
    """Add an empty ``tag`` where the schema puts it (Word refuses elements out of order)."""
    if parent.find(qn(tag)) is None:
        parent.insert_element_before(OxmlElement(tag), *successors)


def _defaults(document: Any) -> tuple[Any, Any] | None:
    """The run and paragraph properties of the document defaults (created when missing)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    ppr = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
    return rpr, ppr


def set_language(document: Any, tag: str, rtl: bool) -> None:
    """Declare the language in the slot Word reads for its script and pick fonts covering that script."""
    found = _defaults(document)
    if found is None:
        return
    rpr, ppr = found
    table = table_name(tag)
    lang = _child(rpr, "w:lang")
    if table in EAST_ASIAN:
        lang.set(qn("w:eastAsia"), tag)
    elif table in COMPLEX:
        lang.set(qn("w:bidi"), tag)
    else:
        lang.set(qn("w:val"), tag)
    _script_fonts(rpr, table)
    if rtl:
        _insert(ppr, "w:bidi", _AFTER_PPR_BIDI)
        for section in document.sections:
            _insert(section._sectPr, "w:bidi", _AFTER_SECT_BIDI)


def _script_fonts(rpr: Any, table: str | None) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None or table is None:
        return
    east = fonts.get(qn("w:eastAsia")) or ""
    if table in EAST_ASIAN and east[-2:] in EAST_ASIAN.values():
        fonts.set(qn("w:eastAsia"), east[:-2] + EAST_ASIAN[table])
    if table in COMPLEX:
        style = "sans" if "Sans" in (fonts.get(qn("w:cs")) or fonts.get(qn("w:ascii")) or "") else "serif"
        fonts.set(qn("w:cs"), _COMPLEX_FONTS[(COMPLEX[table], style)])


_COMPLEX_TWINS = (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs"))
"""Word sets Arabic, Hebrew and Devanagari with the complex-script twin of bold, italic and size."""


def complex_script_formatting(document: Any) -> None:
    """Give every bold, italic and size its complex-script twin, in the styles and the body.

    A theme's reference.docx sizes and bolds Latin text (``w:sz``, ``w:b``); Word and LibreOffice
    read ``w:szCs`` and ``w:bCs`` for Arabic letters, so without the twins an Arabic name would be
    set small and the owner's name not bold. Only CVs in such a language get them.
    """
    roots = [document.styles.element, document.element.body]
    for section in document.sections:
        roots.append(section.footer._element)
    for root in roots:
        for rpr in root.iter(qn("w:rPr")):
            for latin, twin in _COMPLEX_TWINS:
                found = rpr.find(qn(latin))
                if found is not None and rpr.find(qn(twin)) is None:
                    copy = OxmlElement(twin)
                    for name, value in found.attrib.items():
                        copy.set(name, value)
                    found.addnext(copy)
