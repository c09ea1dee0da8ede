"""Build each built-in theme's reference.docx: the Word styles the DOCX backend writes with.

    .venv/bin/python scripts/make_reference_docx.py            # every theme
    .venv/bin/python scripts/make_reference_docx.py classic    # one

The .docx files in templates/<theme>/ are generated; edit the THEMES table below and rerun
rather than editing them by hand (a user theme may of course ship a reference.docx made in
Word). The looks follow the themes' style.css so Word and PDF output agree: classic is a Times
serif (metric-identical to the PDF's TeX Gyre Termes; Times New Roman is declared because every
Word installation has it, and LibreOffice maps it to TeX Gyre Termes) with small-caps headings
over a rule; modern is a humanist sans (Calibri declared for Word users; LibreOffice shows Noto
Sans, as the PDF does) with one accent colour.

Dated entries are rows of a borderless two-column table (the date on the entry's first line), so
no layout depends on the compatibility mode. Lines are at least as tall as the PDF's (font size
times the CSS line-height), so a page of Word holds what a page of the PDF holds.
"""

from __future__ import annotations

import datetime
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from cvgen.backends.docx_styles import CHARACTER, PARAGRAPH, ensure_styles, set_text_width
from cvgen.backends.docx_xml import normalise_zip
from cvgen.themes import read_manifest

ROOT = Path(__file__).resolve().parent.parent


def _accent(theme: str) -> str | None:
    """The theme's accent from its templates/<theme>/theme.toml, as Word writes it ("1F5F8B"), or None."""
    accent = read_manifest(ROOT / "templates" / theme).accent
    return accent.lstrip("#").upper() if accent else None


@dataclass(frozen=True)
class Look:
    """One theme's typography, in Word terms."""

    latin: str
    east_asian: str
    complex_script: str
    size: float
    """Body text size in points."""
    margins: tuple[float, float, float, float]
    """Top, right, bottom, left in inches."""
    line: float
    """The PDF's line height in points (font size × style.css line-height): Word's line height."""
    accent: str | None
    """The theme manifest's accent colour (None: a monochrome theme)."""
    ink: str = "111111"
    muted: str = "444444"
    link: str = "1A3F8F"
    styles: dict[str, dict] = field(default_factory=dict)
    """Per-role overrides: keys of :func:`_apply`."""


CLASSIC = Look(
    latin="Times New Roman",
    east_asian="Noto Serif CJK SC",
    complex_script="Noto Naskh Arabic",
    size=10,
    margins=(0.7, 0.75, 0.75, 0.75),
    line=13,
    accent=_accent("classic"),
    styles={
        "title": {"size": 21, "after": 5, "line": 24},
        "header": {"size": 9.5, "after": 0},
        "h1": {"size": 11.5, "bold": True, "small_caps": True, "spacing": 0.4, "before": 9, "after": 3, "line": 14.6,
               "rule": ("222222", 5)},
        "h2": {"size": 10, "bold": True, "before": 5, "after": 2},
        "intro": {"after": 3},
        "entry": {"after": 2.6},
        "detail": {"after": 0.5, "indent": 0.17, "colour": "444444"},
        "description": {"after": 0.5, "indent": 0.17, "italic": True, "colour": "444444"},
        "links": {"after": 0.5, "indent": 0.17, "size": 9.5},
        "abstract": {"after": 2, "indent": 0.17, "size": 9.3, "colour": "444444"},
        "numbered": {"after": 2.6, "indent": 0.32, "hanging": 0.32},
        "footer": {"size": 8.5, "colour": "555555"},
        "owner": {"bold": True},
        "date": {},
        "label": {},
        "link": {"colour": "111111"},
    },
)

_MODERN_ACCENT = _accent("modern")

MODERN = Look(
    latin="Calibri",
    east_asian="Noto Sans CJK SC",
    complex_script="Noto Sans Arabic",
    size=9.5,
    margins=(0.65, 0.7, 0.75, 0.7),
    line=13.1,
    accent=_MODERN_ACCENT,
    styles={
        "title": {"size": 21, "after": 3, "colour": _MODERN_ACCENT, "line": 23.5},
        "header": {"size": 9, "after": 0, "colour": "333333"},
        "h1": {"size": 10.5, "bold": True, "caps": True, "spacing": 1.0, "before": 10, "after": 4,
               "colour": _MODERN_ACCENT, "rule": ("BBBBBB", 4)},
        "h2": {"size": 9.5, "bold": True, "before": 5, "after": 2},
        "intro": {"after": 2.5},
        "entry": {"after": 2.1},
        "detail": {"after": 0.3, "indent": 0.13, "colour": "555555"},
        "description": {"after": 0.3, "indent": 0.13, "colour": "555555"},
        "links": {"after": 0.3, "indent": 0.13, "size": 8.8},
        "abstract": {"after": 2, "indent": 0.13, "size": 8.8, "colour": "555555"},
        "numbered": {"after": 2.1, "indent": 0.33, "hanging": 0.33},
        "footer": {"size": 7.5, "colour": "777777"},
        "owner": {"bold": True},
        "date": {"colour": "555555"},
        "label": {"bold": True, "colour": _MODERN_ACCENT},
        "link": {"colour": _MODERN_ACCENT},
    },
)

_BANNER_ACCENT = _accent("banner")

# moderncv banking: Palatino declared for Word users (LibreOffice and fontconfig map it to TeX Gyre
# Pagella, the PDF's font); the name, affiliations and contacts centred ("center"), headings in the
# accent over a thin accent rule, italic dates. "center": centred, indented so many inches each side.
BANNER = Look(
    latin="Palatino Linotype",
    east_asian="Noto Serif CJK SC",
    complex_script="Noto Naskh Arabic",
    size=10,
    margins=(0.7, 0.75, 0.75, 0.75),
    line=13,
    accent=_BANNER_ACCENT,
    styles={
        "title": {"size": 24, "bold": True, "after": 1, "colour": _BANNER_ACCENT, "line": 27.6, "center": 0},
        "header": {"size": 10, "after": 0, "center": 0.7},
        "h1": {"size": 13, "bold": True, "before": 6, "after": 3.5, "line": 16.25, "colour": _BANNER_ACCENT,
               "rule": (_BANNER_ACCENT, 5)},
        "h2": {"size": 10, "bold": True, "before": 5, "after": 2, "colour": _BANNER_ACCENT},
        "intro": {"after": 2.8},
        "entry": {"after": 3.5},
        "detail": {"after": 0.5, "indent": 0.17, "colour": "555555"},
        "description": {"after": 0.5, "indent": 0.17, "colour": "555555"},
        "links": {"after": 0.5, "indent": 0.17, "size": 9.5},
        "abstract": {"after": 2, "indent": 0.17, "size": 9.3, "colour": "555555"},
        "numbered": {"after": 2.5, "indent": 0.32, "hanging": 0.32},
        "footer": {"size": 8.5, "colour": "737373"},
        "owner": {"bold": True},
        "date": {"italic": True},
        "label": {"colour": _BANNER_ACCENT},
        "link": {"colour": _BANNER_ACCENT},
    },
)

_COMPACT_ACCENT = _accent("compact")

# compact: TeX Gyre Heros (the PDFs' font; LibreOffice finds it through fontconfig) at 9pt on 11.25pt,
# small bold accent headings over a thin grey rule; the numbers hang in the left margin (no left indent,
# a hanging indent as wide as the PDFs' label column plus gap: 3.45em = 0.43in). LibreOffice adds, rather
# than collapses, an entry's space after and a heading's space before: "before" is the CSS margin less 1.35pt.
COMPACT = Look(
    latin="TeX Gyre Heros",
    east_asian="Noto Sans CJK SC",
    complex_script="Noto Sans Arabic",
    size=9,
    margins=(0.6, 0.7, 0.7, 0.7),
    line=11.25,
    accent=_COMPACT_ACCENT,
    ink="161616",
    styles={
        "title": {"size": 18, "bold": True, "after": 1.8, "line": 20.7},
        "header": {"size": 9, "after": 0},
        "h1": {"size": 9.9, "bold": True, "before": 4.05, "after": 1.85, "line": 12.4, "colour": _COMPACT_ACCENT,
               "rule": ("8A8A8A", 3)},
        "h2": {"size": 9, "bold": True, "before": 3.15, "after": 0.9},
        "intro": {"after": 1.8},
        "entry": {"after": 1.35},
        "detail": {"after": 0, "indent": 0.125, "colour": "4A4A4A"},
        "description": {"after": 0, "indent": 0.125, "italic": True, "colour": "4A4A4A"},
        "links": {"after": 0, "indent": 0.125},
        "abstract": {"after": 1.35, "indent": 0.125, "size": 8.4, "colour": "4A4A4A"},
        "numbered": {"after": 1.35, "indent": 0, "hanging": 0.43},
        "footer": {"size": 7.5, "colour": "666666"},
        "owner": {"bold": True},
        "date": {"colour": "4A4A4A"},
        "label": {"colour": "4A4A4A"},
        "link": {"colour": _COMPACT_ACCENT},
    },
)

_SIDEBAR_ACCENT = _accent("sidebar")

# sidebar: Word has no reliable sidebar (its theme.toml [fallbacks] says so), so one column in the
# sidebar's type: TeX Gyre Heros (the PDFs' font; LibreOffice finds it, Word users without it get
# their sans), red accent headings, dates in the accent's italic, the style.css sizes and leading.
SIDEBAR = Look(
    latin="TeX Gyre Heros",
    east_asian="Noto Sans CJK SC",
    complex_script="Noto Sans Arabic",
    size=9.5,
    margins=(0.6, 0.6, 0.75, 0.6),
    line=12.85,
    accent=_SIDEBAR_ACCENT,
    ink="1F1F1F",
    styles={
        "title": {"size": 24, "bold": True, "after": 3, "line": 28},
        "header": {"size": 9.5, "after": 0, "colour": "5D5D5D"},
        "h1": {"size": 11, "bold": True, "before": 9, "after": 4, "colour": _SIDEBAR_ACCENT, "line": 14,
               "rule": ("C8C8C8", 4)},
        "h2": {"size": 9.5, "bold": True, "before": 5, "after": 2},
        "intro": {"after": 3},
        "entry": {"after": 2.5},
        "detail": {"after": 0, "indent": 0.13, "colour": "5D5D5D"},
        "description": {"after": 0, "indent": 0.13, "italic": True, "colour": "5D5D5D"},
        "links": {"after": 0, "indent": 0.13, "size": 8.8},
        "abstract": {"after": 2, "indent": 0.13, "size": 8.8, "colour": "5D5D5D"},
        "numbered": {"after": 2.5, "indent": 0.33, "hanging": 0.33},
        "footer": {"size": 7.5, "colour": "777777"},
        "owner": {"bold": True},
        "date": {"italic": True, "colour": _SIDEBAR_ACCENT},
        "label": {"bold": True, "colour": _SIDEBAR_ACCENT},
        "link": {"colour": _SIDEBAR_ACCENT},
    },
)

THEMES = {"classic": CLASSIC, "modern": MODERN, "banner": BANNER, "compact": COMPACT, "sidebar": SIDEBAR}


def build(look: Look) -> bytes:
    document = docx.Document()
    _drop_extras(document)
    _strip_theme_fonts(document)
    _defaults(document, look)
    ids = ensure_styles(document)
    styles = document.styles
    for role, spec in look.styles.items():
        name = PARAGRAPH.get(role) or CHARACTER[role]
        _apply(styles[name], spec, styles["Normal"])
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    top, right, bottom, left = look.margins
    section.top_margin, section.right_margin = Inches(top), Inches(right)
    section.bottom_margin, section.left_margin = Inches(bottom), Inches(left)
    section.footer_distance = Inches(0.4)
    set_text_width(document, ids, section.page_width - section.left_margin - section.right_margin)
    props = document.core_properties
    props.title, props.author, props.comments = "cvgen reference styles", "cvgen", ""
    props.last_modified_by, props.revision = "cvgen", 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), datetime.datetime(1980, 1, 1))


def _drop_extras(document: docx.document.Document) -> None:
    """Drop the template's thumbnail and Word-2010 style copy, which would contradict our styles."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid)


def _strip_theme_fonts(document: docx.document.Document) -> None:
    """Theme font and colour references override explicit ones in Word; remove them all."""
    for el in document.styles.element.iter():
        for attr in list(el.attrib):
            local = attr.split("}")[-1]
            if local.endswith("Theme") or local in ("cstheme", "themeColor", "themeShade", "themeTint"):
                del el.attrib[attr]


def _fonts(rpr: OxmlElement, look: Look) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot, value in (("ascii", look.latin), ("hAnsi", look.latin), ("eastAsia", look.east_asian),
                        ("cs", look.complex_script)):
        fonts.set(qn(f"w:{slot}"), value)


def _defaults(document: docx.document.Document, look: Look) -> None:
    """Fonts for every script, size and language in the document defaults; Normal with no spacing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr, look)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(int(look.size * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    normal = document.styles["Normal"]
    normal.font.size = Pt(look.size)
    normal.font.color.rgb = RGBColor.from_string(look.ink)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    # Exactly the PDF's leading: "at least" let a bold run's taller font box add 1-2 pt to a line.
    fmt.line_spacing, fmt.line_spacing_rule = Pt(look.line), WD_LINE_SPACING.EXACTLY
    fmt.widow_control = True


def _apply(style: object, spec: dict, normal: object) -> None:
    """Reset a style to Normal-based and give it the spec's look."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in el.findall(qn(tag)):
            el.remove(old)
    is_paragraph = style.type == 1
    if is_paragraph:
        style.base_style = normal
        style.hidden, style.quick_style = False, True
    font = style.font
    if "size" in spec:
        font.size = Pt(spec["size"])
    font.bold = spec.get("bold")
    font.italic = spec.get("italic")
    font.small_caps = spec.get("small_caps")
    font.all_caps = spec.get("caps")
    if spec.get("colour"):
        font.color.rgb = RGBColor.from_string(spec["colour"])
    if spec.get("spacing"):
        rpr = el.get_or_add_rPr()
        rpr.append(OxmlElement("w:spacing", attrs={qn("w:val"): str(int(spec["spacing"] * 20))}))
        _reorder_rpr(rpr)
    if not is_paragraph:
        return
    _paragraph_look(style, spec)


def _paragraph_look(style: object, spec: dict) -> None:
    el = style.element
    fmt = style.paragraph_format
    fmt.space_before = Pt(spec.get("before", 0))
    fmt.space_after = Pt(spec.get("after", 0))
    if "indent" in spec:
        fmt.left_indent = Inches(spec["indent"])
        if "hanging" in spec:
            fmt.first_line_indent = Inches(-spec["hanging"])
    if spec.get("justify"):
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if "center" in spec:  # the banner theme's centred header, indented this many inches each side
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.left_indent = fmt.right_indent = Inches(spec["center"])
    name = style.name
    if "line" in spec:  # a larger size than the body's needs its own leading
        fmt.line_spacing, fmt.line_spacing_rule = Pt(spec["line"]), WD_LINE_SPACING.EXACTLY
    if name in ("Title", "Heading 1", "Heading 2"):
        fmt.keep_with_next = True
        fmt.keep_together = True
        if name != "Title":
            ppr = el.get_or_add_pPr()
            level = OxmlElement("w:outlineLvl", attrs={qn("w:val"): "0" if name == "Heading 1" else "1"})
            ppr.append(level)
    if name in ("CV Entry", "CV Numbered"):
        fmt.keep_together = True
    if "rule" in spec:
        colour, size = spec["rule"]
        ppr = el.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        borders.append(OxmlElement("w:bottom", attrs={qn("w:val"): "single", qn("w:sz"): str(size),
                                                      qn("w:space"): "1", qn("w:color"): colour}))
        ppr.append(borders)
    _reorder_ppr(el.get_or_add_pPr())


_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
              "rPr", "sectPr", "pPrChange"]
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


def _reorder(parent: OxmlElement, order: list[str]) -> None:
    """Put children in schema order (Word refuses files whose property elements are out of order)."""
    rank = {name: i for i, name in enumerate(order)}
    children = sorted(parent, key=lambda c: rank.get(c.tag.split("}")[-1], len(order)))
    for child in children:
        parent.append(child)


def _reorder_ppr(ppr: OxmlElement) -> None:
    _reorder(ppr, _PPR_ORDER)


def _reorder_rpr(rpr: OxmlElement) -> None:
    _reorder(rpr, _RPR_ORDER)


def main(argv: list[str]) -> int:
    names = argv or list(THEMES)
    for name in names:
        target = ROOT / "templates" / name / "reference.docx"
        target.write_bytes(build(THEMES[name]))
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
