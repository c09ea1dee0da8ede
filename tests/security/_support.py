"""Shared helpers of the security tests: hostile CVs and text read back from every output format.

Every reader turns an output into the text a person would see, so a test can say "this string is
shown literally" the same way for PDF (pdftotext), DOCX (python-docx), HTML (html5lib), Markdown
(rendered by markdown-it-py, then parsed) and plain text.
"""

from __future__ import annotations

import io
import re
import subprocess
from typing import Any
from xml.etree import ElementTree

from tests.conftest import require_program
from tests.seed_facts import normalise

# BAD_INPUTS 17-21 in one string: TeX specials, TeX commands and ^^ notation, HTML that would inject
# an element, Markdown-like text that is not markup.
SPECIAL = "& % $ # _ { } ~ ^ \\ < > | \" ' -- ` ```"
COMMANDS = r"\input{/etc/hostname} \write18{id} ^^5cinput^^7b/etc/hostname^^7d \def\x{\x}\x \begin{input}"
HTML = "<script>alert(1)</script> \"><img src=x onerror=alert(1)> </style>"
MARKDOWNISH = "C++ and C# *nix snake_case_name 2*3*4"
HOSTILE = f"{SPECIAL} {COMMANDS} {HTML} {MARKDOWNISH}"

TEXT_FORMATS = ("html", "markdown", "text")
ALL_FORMATS = ("pdf", "docx", "latex", "html", "markdown", "text")


def every_field_cv(value: str, *, blank_line: bool = True) -> tuple[dict[str, Any], list[str]]:
    """A CV with ``F01 <value>``, ``F02 <value>``… in every kind of text field a reader sees.

    Returns the data and the tagged strings, each of which must appear in every output. Dates are
    all the year 2020 (stripped by :func:`strip_dates`, so a right-aligned date drawn in the middle
    of a wrapped line does not split a string). With ``blank_line``, a few single-line fields also
    hold a blank line (BAD_INPUTS 19); those are not in the returned list.
    """
    tags: list[str] = []

    def f(kind: str = "") -> str:
        tag = f"F{len(tags) + 1:02d}{kind} {value}"
        tags.append(tag)
        return tag

    para = "Heading with a blank line\n\nin the middle" if blank_line else "Plain heading"
    data: dict[str, Any] = {
        "person": {
            "name": "Ada " + value[:40].replace("\\", "/") + " Lovelace",
            "name_variants": ["A. Lovelace"],
            "pronouns": "she/her",
            "affiliations": [{"title": f(), "department": f(), "institution": f(), "location": f()}],
            "emails": ["ada_b%c@example.org"],
            "phones": [{"number": "+1 555 0100", "label": f()}],
            "address": [f()],
            "links": [{"label": f(), "url": "https://example.org/~ada?x=1&y=2"}],
        },
        "summary": f(),
        "research_areas": [{"label": f(), "topics": [f(), f()]}],
        "education": [{"degree": f(), "field": f(), "institution": f(), "location": f(), "end": 2020,
                       "distinctions": [f()], "advisors": [f()], "thesis": f(), "notes": [f(), para]}],
        "positions": [{"title": f(), "organization": f(), "unit": f(), "location": f(), "start": 2020,
                       "supervisors": [f()], "notes": [f()]}],
        "honors": [{"title": f(), "event": f(), "awarder": f(), "date": 2020, "description": f()}],
        "grants": [{"title": f(), "sponsor": f(), "role": f(), "number": f(), "start": 2020, "notes": [f()]}],
        "publications": [
            {"title": f(), "authors": ["A. Lovelace", f()], "venue": f(), "venue_short": f(), "date": 2020,
             "volume": f(), "issue": f(), "pages": f(), "publisher": f(), "notes": [f()], "awards": [f()],
             "abstract": f(), "categories": [f()], "links": [{"label": f(), "url": "https://example.org/p"}]},
        ],
        "metrics": {"citations": 10, "h_index": 1, "source": f(), "extra": [{"label": f(), "value": f()}]},
        "talks": [{"title": f(), "event": f(), "location": f(), "date": 2020,
                   "links": [{"label": f(), "url": "https://example.org/t"}]}],
        "teaching": [{"course": f(), "code": f(), "institution": f(), "role": f(), "terms": ["Fall 2020"],
                      "evaluation": f(), "notes": [f()]}],
        "mentoring": [{"name": f(), "thesis": f(), "co_advisor": f(), "placement": f(), "notes": [f()]}],
        # years and terms print in the date column: short, like real ones (see docs/security.md, case 37)
        "service": [{"role": f(), "organization": f(), "years": ["2019", "2020"], "notes": [f()]}],
        "custom_sections": [{"key": "extra", "title": para, "entries": [
            {"title": f(), "subtitle": f(), "location": f(), "date": 2020, "details": [f()]}]}],
        "settings": {"publications": {"show_abstracts": True}, "titles": {"talks": para}},
    }
    return data, tags


def strip_dates(text: str) -> str:
    return re.sub(r"\b2020\b", " ", text)


# ----------------------------------------------------------------------------- readers


def pdf_text(pdf: bytes, footer_name: str | None = None) -> str:
    """The PDF's text in reading order (pdftotext -raw), without the running footers.

    Footers ("Name  3 / 5" in the HTML themes, "Name 3" in LaTeX) are drawn between two pages' text,
    so a paragraph split by a page break would otherwise have a footer in its middle.
    """
    exe = require_program("pdftotext")
    out = subprocess.run([exe, "-enc", "UTF-8", "-raw", "-", "-"], input=pdf, capture_output=True, check=True, timeout=120)
    text = out.stdout.decode("utf-8")
    footer = r"\d+\s*/\s*\d+"  # "3 / 5"; a bare number may be the CV's own text
    if footer_name:  # the footer shows the name typeset (curly quotes, dashes): compare normalised
        footer = rf"{footer}|{re.escape(normalise(footer_name))}\s*\d+(\s*/\s*\d+)?"
    return "\n".join(
        line for line in text.splitlines() if not re.fullmatch(footer, normalise(line.strip().replace("\f", "")))
    )


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF lines may break after a slash or inside a long word."""
    return re.sub(r"\s+", "", normalise(text))


def docx_xml(data: bytes) -> ElementTree.Element:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ElementTree.fromstring(z.read("word/document.xml"))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """Every paragraph of the DOCX body (tables included), tabs and breaks as spaces."""
    root = docx_xml(data)
    lines = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag in (W + "tab", W + "br"):
                parts.append(" ")
            elif el.tag == W + "noBreakHyphen":
                parts.append("-")
        lines.append("".join(parts))
    return "\n".join(lines)


def html_tree(html: str | bytes) -> ElementTree.Element:
    import html5lib

    text = html.decode("utf-8") if isinstance(html, bytes) else html
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


_INLINE = {"a", "em", "strong", "sup", "sub", "span", "b", "i", "small", "abbr", "time", "code", "bdi", "cite", "q", "wbr"}
"""Elements inside a line of text; <wbr> (a break chance in a long word) adds no space either."""


def _shown_text(el: ElementTree.Element, out: list[str]) -> None:
    """Text of ``el`` a browser shows: not the JSON-LD script or the style sheet; blocks apart, inline joined."""
    block = el.tag not in _INLINE
    if el.tag in ("script", "style", "template"):
        out.append(" " + (el.tail or ""))
        return
    if block:
        out.append(" ")
    if el.text:
        out.append(el.text)
    for child in el:
        _shown_text(child, out)
    if block:
        out.append(" ")
    if el.tail:
        out.append(el.tail)


def html_text(html: str | bytes) -> str:
    body = html_tree(html).find("body")
    assert body is not None
    out: list[str] = []
    _shown_text(body, out)
    return "".join(out)


def markdown_html(md: str | bytes) -> str:
    from markdown_it import MarkdownIt

    text = md.decode("utf-8") if isinstance(md, bytes) else md
    # The YAML front matter is read by Jekyll or Hugo as data, never shown as Markdown.
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return "<!DOCTYPE html><html><head><title>x</title></head><body>" + MarkdownIt("commonmark").render(text) + "</body></html>"


def markdown_text(md: str | bytes) -> str:
    import html5lib

    root = html5lib.HTMLParser(namespaceHTMLElements=False).parse(markdown_html(md))
    out: list[str] = []
    _shown_text(root.find("body"), out)
    return "".join(out)


def visible_text(fmt: str, data: bytes, footer_name: str | None = None) -> str:
    """What a reader of ``data`` (in format ``fmt``) sees, whitespace normalised."""
    if fmt == "pdf":
        raw = pdf_text(data, footer_name)
    elif fmt == "docx":
        raw = docx_text(data)
    elif fmt == "html":
        raw = html_text(data)
    elif fmt == "markdown":
        raw = markdown_text(data)
    else:
        raw = data.decode("utf-8")
    return normalise(raw)


def missing(tags: list[str], text: str, *, squeezed: bool = False) -> list[str]:
    """The tags not shown in ``text``; ``squeezed`` compares without whitespace (PDF line breaks)."""
    if squeezed:
        hay = squeeze(strip_dates(text))
        return [t for t in tags if squeeze(t) not in hay]
    hay = normalise(strip_dates(text))
    return [t for t in tags if normalise(t) not in hay]
