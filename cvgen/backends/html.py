"""HTML output: one standalone HTML5 file (CSS inlined, no script needed, no external requests).

The same markup, built by :func:`render_html`, is what WeasyPrint lays out for PDF
(:mod:`cvgen.backends.pdf`), so the two formats cannot drift apart. Escaping lives in exactly one
place, :meth:`HtmlInline.text` (``markupsafe.escape``); Jinja's autoescape covers the plain strings
the templates print, and the JSON-LD block is serialised by :func:`json_ld`.
"""

from __future__ import annotations

import base64
import json
import re
from typing import TYPE_CHECKING, Any, ClassVar

from markupsafe import Markup, escape

from cvgen.backends.base import Backend, InlineFormat, RenderOptions, render_inline
from cvgen.chars import break_chances
from cvgen.errors import RenderError
from cvgen.model.markup import Inline, plain
from cvgen.resources import external_resources
from cvgen.view.document import DEFAULT_PAGE_NUMBER

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document, Photo

TEMPLATE = "cv.html.j2"
STYLESHEET = "style.css"
SCREEN_STYLESHEET = "screen.css"
LANGUAGE_STYLESHEET = "languages.css"
"""Optional theme file for CVs not in English: fonts for other scripts, the right-to-left mirror."""
"""Optional: rules only browsers need (small-screen layout); WeasyPrint never sees them."""


_RANGE = re.compile("\\d+\u2013\\d+")
def _escaped_with_breaks(s: str) -> str:
    """``s`` escaped, with a ``<wbr>`` at each break chance of its long words (cvgen.chars.break_chances):
    a theme's ``overflow-wrap`` alone is not enough in WeasyPrint for a word right after an inline
    block (a hanging "T1." label), which ran off the page there."""
    return "<wbr>".join(str(escape(part)) for part in break_chances(s))


class HtmlInline(InlineFormat):
    """Inline nodes as HTML. :meth:`text` is the format's only escaping function."""

    def text(self, s: str) -> Markup:
        # A number range the view set with an en dash ("pp. 26693–26712") never breaks after the dash.
        return Markup(_RANGE.sub(r'<span style="white-space:nowrap">\g<0></span>', _escaped_with_breaks(s)))

    def strong(self, inner: str, role: str | None) -> str:
        # Roles are fixed words chosen by cvgen ("owner", "award", "member"), never user text.
        cls = f' class="{role}"' if role and role.isidentifier() else ""
        return f"<strong{cls}>{inner}</strong>"

    def emph(self, inner: str) -> str:
        return f"<em>{inner}</em>"

    def link(self, href: str, inner: str) -> str:
        return f'<a href="{escape(href)}">{inner}</a>'  # an address as written: no <wbr>, no span

    def sup(self, inner: str) -> str:
        return f"<sup>{inner}</sup>"


_INLINE = HtmlInline()


def inline_html(nodes: Inline | None) -> Markup:
    """The ``inline`` template filter: escaped HTML for a tuple of inline nodes."""
    return Markup(render_inline(nodes or (), _INLINE))


def photo_data_uri(photo: Photo) -> str:
    """The checked, re-encoded photo as a ``data:`` URI: the only data URI cvgen produces."""
    return f"data:{photo.media_type};base64,{base64.b64encode(photo.data).decode('ascii')}"


def json_ld(doc: Document) -> Markup:
    """schema.org Person for search engines; ``<``, ``>`` and ``&`` escaped so user text cannot close the script."""
    header = doc.header
    # The name as written (the metadata's), not as typeset for the page (O'Hara, not O’Hara).
    person: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": doc.meta.author}
    if header.affiliations and header.affiliations[0]:
        first = header.affiliations[0]
        person["jobTitle"] = plain(first[0])
        if len(first) > 1:
            person["affiliation"] = {"@type": "Organization", "name": ", ".join(plain(line) for line in first[1:])}
    emails = [c.text for c in header.contacts if c.kind == "email"]
    phones = [c.text for c in header.contacts if c.kind == "phone"]
    links = [c.href for c in header.contacts if c.kind == "link" and c.href]
    if emails:
        person["email"] = emails[0]
    if phones:
        person["telephone"] = phones[0]
    if links:
        person["sameAs"] = links
    if doc.meta.keywords:
        person["knowsAbout"] = list(doc.meta.keywords)
    if doc.meta.description:
        person["description"] = doc.meta.description
    text = json.dumps(person, ensure_ascii=False, indent=1, sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text)


_ENV_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}


def _environment(theme: Theme) -> Any:
    env = theme.environment("html", **_ENV_OPTIONS)  # built-in themes: compiled code kept on disk (template_cache)
    env.filters["inline"] = inline_html
    env.filters["chart_svg"] = _chart_svg
    return env


def _chart_svg(chart: Any, colour: str) -> Markup:
    from cvgen.backends.chart_svg import chart_svg

    return Markup(chart_svg(chart, colour))


def render_html(doc: Document, theme: Theme, options: RenderOptions, *, for_pdf: bool = False) -> str:
    """The HTML page (or fragment) for ``doc``: used as-is for HTML and laid out by WeasyPrint for PDF.

    With ``for_pdf`` the theme's stylesheet is left out of the page (the PDF backend passes it,
    parsed once and cached) and abstracts are printed open.
    """
    env = _environment(theme)
    css = "" if for_pdf else _page_css(theme)
    if "</style" in css.lower():
        raise RenderError(f"theme {theme.name!r}: {STYLESHEET} contains '</style', which would end the style element")
    context = {
        "doc": doc,
        "meta": doc.meta,
        "header": doc.header,
        "sections": doc.sections,
        "fragment": options.fragment and not for_pdf,
        "for_pdf": for_pdf,
        "css": Markup(css),
        "accent": doc.meta.accent_colour or theme.accent,
        "page_size": "A4" if doc.meta.page_size.lower() == "a4" else "letter",
        "photo_uri": photo_data_uri(doc.header.photo) if doc.header.photo else None,
        "json_ld": json_ld(doc),
        "theme_name": theme.name,
        "direction": doc.meta.direction if doc.meta.localized else None,
        "language_css": Markup(_language_css(doc, theme)),
    }
    try:
        template = env.get_template(TEMPLATE)
    except Exception as exc:
        if type(exc).__name__ == "TemplateNotFound":
            theme.file(TEMPLATE, "html")  # raises the theme's "has no cv.html.j2" UsageError
        raise
    html = template.render(context)
    if not for_pdf and theme.user:  # built-in themes are cvgen's own (tests/security checks them once)
        refused = external_resources(html, allowed={context["photo_uri"]} - {None})
        if refused:
            raise RenderError(
                f"theme {theme.name!r} makes the HTML load outside resources (a standalone CV loads none): "
                + ", ".join(refused[:5])
            )
    return html


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
    return f'"{escaped}"'


def _language_css(doc: Document, theme: Theme) -> str:
    """The theme's languages.css for a CV not in English, and the footer's page words when they differ."""
    css = ""
    if doc.meta.localized and theme.has(LANGUAGE_STYLESHEET):
        css = theme.file(LANGUAGE_STYLESHEET, "html").read_text(encoding="utf-8")
    before, between, after = doc.meta.page_number
    if doc.meta.page_number != DEFAULT_PAGE_NUMBER:
        content = f"{_css_string(before)} counter(page) {_css_string(between)} counter(pages) {_css_string(after)}"
        css += f"\n@page {{ @bottom-right {{ content: {content}; }} }}\n"
    if "</style" in css.lower():
        raise RenderError(f"theme {theme.name!r}: {LANGUAGE_STYLESHEET} contains '</style'")  # only a theme can
    return css


def _page_css(theme: Theme) -> str:
    css = theme.file(STYLESHEET, "html").read_text(encoding="utf-8")
    if theme.has(SCREEN_STYLESHEET):
        css += "\n" + theme.file(SCREEN_STYLESHEET).read_text(encoding="utf-8")
    return css


class HtmlBackend(Backend):
    """A standalone, responsive HTML5 page (or an embeddable publications fragment)."""

    name: ClassVar[str] = "html"
    aliases: ClassVar[tuple[str, ...]] = ("htm",)
    suffix: ClassVar[str] = ".html"
    binary: ClassVar[bool] = False
    description: ClassVar[str] = "standalone HTML5 page, CSS inlined (--fragment: publications only)"
    requires_modules: ClassVar[tuple[str, ...]] = ("jinja2", "markupsafe")

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> str:
        return render_html(doc, theme, options)
