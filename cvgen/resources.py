"""One resource policy: what an output would fetch by itself, found by real parsers.

A CV is a standalone document: opening it must fetch nothing (a fetch tells a server who opened the
CV, when, and from where). The HTML page is read with an HTML5 parser (tinyhtml5, WeasyPrint's own,
so elements are what a browser builds: ``<body background>``, ``<table background>``, a
``<meta http-equiv=refresh>``, inline SVG) and every stylesheet, ``<style>`` element and ``style``
attribute with a CSS tokenizer (tinycss2, also WeasyPrint's): CSS escapes are decoded before a
function name is read, so ``\\75 rl(http://…)`` is ``url(http://…)``, and ``image-set("…" 1x)`` is
an image. Links a reader clicks (``<a href>``) are not fetched and stay. Script (an inline
``<script>``, an ``on…`` attribute, a ``javascript:`` link) is refused too: it could fetch anything.

The same rule holds for every output: the PDF's fetcher serves only theme files
(:mod:`cvgen.backends.fetcher`), a DOCX keeps only allowed relationships
(:mod:`cvgen.backends.docx_package`), the watch preview's CSP allows nothing from outside, and SVG
(inline in a page, or a theme image laid out for PDF) goes through the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

FETCHED_BY_TAG: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset", "lowsrc", "dynsrc"), "source": ("src", "srcset"), "script": ("src",),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data", "codebase", "archive"),
    "applet": ("code", "codebase", "archive"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "input": ("src",), "link": ("href", "imagesrcset"), "base": ("href",),
    "a": ("ping",), "area": ("ping",), "portal": ("src",), "mglyph": ("src",), "html": ("manifest",),
}
"""HTML attributes a browser loads without a click (``<a href>`` is a click; its ``ping`` is not)."""
FETCHED_ON_ANY = ("background",)
"""``<body background>``, ``<table background>``, ``<td background>``…: old, and still loaded."""
IMAGE_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "-moz-image-set", "image", "cross-fade",
                             "-webkit-cross-fade", "src"})
"""CSS functions whose string arguments are URLs (``url()`` is handled on its own)."""
SVG = "{http://www.w3.org/2000/svg}"
DATA_SCRIPTS = frozenset({"application/ld+json", "application/json"})
"""``<script type=…>`` a browser never runs: data blocks (the themes' schema.org JSON-LD)."""


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet (or a ``style`` attribute's declarations) would fetch."""
    import tinycss2

    return list(_urls_in_tokens(tinycss2.parse_component_value_list(css, skip_comments=True)))


def _urls_in_tokens(tokens: Iterable[Any]) -> Iterator[str]:
    after_import = False
    for token in tokens:
        kind = token.type
        if kind in ("whitespace", "comment"):
            continue
        if kind == "url":
            yield token.value
        elif kind == "string" and after_import:
            yield token.value
        elif kind == "function":
            name = token.lower_name
            if name == "url" or name in IMAGE_FUNCTIONS:
                yield from (t.value for t in token.arguments if t.type == "string")
            yield from _urls_in_tokens(token.arguments)
        elif kind in ("() block", "[] block", "{} block"):
            yield from _urls_in_tokens(token.content)
        after_import = kind == "at-keyword" and token.lower_value == "import"


def _local(name: str) -> str:
    """``{namespace}tag`` or ``{namespace}attr`` → ``tag`` / ``attr``, lower-cased."""
    return name.rsplit("}", 1)[-1].lower()


def _srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _refresh_target(content: str) -> list[str]:
    """``<meta http-equiv=refresh content="30;url=http://…">`` navigates by itself: its target is fetched."""
    if ";" not in content and "," not in content:
        return []
    target = content.replace(",", ";", 1).split(";", 1)[1].strip()
    if target.lower().startswith("url"):
        target = target[3:].lstrip(" =").strip("'\" ")
    return [target] if target else []


def _element_urls(element: Any) -> Iterator[str]:
    tag = _local(element.tag) if isinstance(element.tag, str) else ""
    attrs = {_local(k): v or "" for k, v in element.attrib.items()}
    yield from _code(tag, attrs)
    for name in (*FETCHED_BY_TAG.get(tag, ()), *FETCHED_ON_ANY):
        if attrs.get(name):
            yield from _srcset(attrs[name]) if name.endswith("srcset") else [attrs[name].strip()]
    if tag == "meta" and attrs.get("http-equiv", "").strip().lower() == "refresh":
        yield from _refresh_target(attrs.get("content", ""))
    if tag == "iframe" and attrs.get("srcdoc"):
        yield from html_urls(attrs["srcdoc"])
    if str(element.tag).startswith(SVG):
        # In SVG every href but a link's is a fetch (<image>, <use>, <feImage>, gradients…), and a
        # presentation attribute may hold url() (fill, filter, clip-path, mask, marker-*, cursor).
        for name, value in attrs.items():
            if name == "href" and tag != "a":
                yield value.strip()
            elif name not in ("href", "style"):
                yield from css_urls(value)
    if attrs.get("style"):
        yield from css_urls(attrs["style"])
    if tag == "style":
        yield from css_urls("".join(element.itertext()))


def _code(tag: str, attrs: dict[str, str]) -> Iterator[str]:
    """Script a page would run (an inline ``<script>``, an ``on…`` handler, a ``javascript:`` link):
    code can fetch anything, so the page holds none (cvgen's own HTML is script-free)."""
    if tag == "script" and attrs.get("type", "").strip().lower() not in DATA_SCRIPTS:
        yield "<script> element"
    for name, value in attrs.items():
        squeezed = "".join(ch for ch in value if not ch.isspace() and ord(ch) > 0x20).lower()
        if name.startswith("on"):
            yield f"{name}= handler"
        elif name in ("href", "src", "action", "formaction", "data") and squeezed.startswith(("javascript:", "vbscript:")):
            yield f"{squeezed[:40]} ({name})"


def html_urls(html: str) -> list[str]:
    """Every URL ``html`` would load or navigate to by itself (not links a reader clicks)."""
    import tinyhtml5

    root = tinyhtml5.parse(html)
    return [url for element in root.iter() for url in _element_urls(element)]


def svg_urls(svg: bytes | str) -> list[str]:
    """Every URL (and script) an SVG image would load or run, by the same rules as an inline SVG.

    For any SVG cvgen accepts (a theme's image, an imported photo once sanitised): it must yield
    nothing. The XML parser resolves no entities and reads no network, so parsing itself fetches
    nothing; an unreadable file is reported as such rather than passed.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(svg.encode("utf-8") if isinstance(svg, str) else svg, parser)
    except etree.XMLSyntaxError as exc:
        return [f"(not well-formed SVG: {exc})"]
    found = (url for element in root.iter() if isinstance(element.tag, str) for url in _element_urls(element))
    return [url for url in found if url and not url.startswith("#")]  # a fragment refers inside the image


def external_resources(html: str, allowed: set[str]) -> list[str]:
    """URLs ``html`` would load, other than the ``allowed`` ones (cvgen's own photo data URI).

    A fragment alone (``#id``, an SVG gradient on the same page) loads nothing and is fine.
    """
    out = []
    for url in html_urls(html):
        if url and url not in allowed and not url.startswith("#"):
            out.append(url if len(url) < 120 else url[:117] + "...")
    return out
