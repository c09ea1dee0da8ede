"""LaTeX output: an editable .tex (for Overleaf or a department template), compiled on request.

The theme's ``cv.tex.j2`` is a Jinja template with LaTeX-friendly delimiters::

    ((* for item in group.items *))   statements
    ((( item.date )))                 values, escaped automatically
    ((= a comment =))

Every plain string a template prints goes through :func:`~cvgen.backends.tex_escape.escape` (the
environment's ``finalize``), and rich text through the ``inline`` filter, so templates never escape
by hand and user text can never become a TeX command. ``url`` escapes a link target for ``\\href``.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from cvgen.backends.base import (
    Backend,
    InlineFormat,
    RenderOptions,
    Source,
    hex_digits,
    render_inline,
    source_environment,
)
from cvgen.backends.tex_compile import DEFAULT_ENGINE, compile_tex, engine_problem
from cvgen.backends.tex_escape import escape, escape_url
from cvgen.backends.tex_language import tex_language
from cvgen.errors import RenderError

if TYPE_CHECKING:
    from cvgen.model.markup import Inline
    from cvgen.themes import Theme
    from cvgen.view.document import Document

TEMPLATE = "cv.tex.j2"


TeX = Source
"""Text that is already LaTeX source: the template prints it unchanged."""


class LatexInline(InlineFormat):
    """Rich text as LaTeX; :meth:`text` is the only escaping function."""

    def __init__(self, rtl: bool = False) -> None:
        self.rtl = rtl

    def text(self, s: str) -> str:
        return escape(s, rtl=self.rtl)

    def strong(self, inner: str, role: str | None) -> str:
        return f"\\cvowner{{{inner}}}" if role == "owner" else f"\\textbf{{{inner}}}"

    def emph(self, inner: str) -> str:
        return f"\\emph{{{inner}}}"

    def link(self, href: str, inner: str) -> str:
        return f"\\href{{{escape_url(href)}}}{{{inner}}}"

    def sup(self, inner: str) -> str:
        return f"\\textsuperscript{{{inner}}}"


_INLINES = {False: LatexInline(), True: LatexInline(rtl=True)}


def _inline(nodes: Inline, rtl: bool = False) -> TeX:
    return TeX(render_inline(nodes, _INLINES[rtl]))


def _url(href: str) -> TeX:
    return TeX(escape_url(href))


def _colour(value: str | None, default: str) -> TeX:
    """A colour (#rrggbb, checked by the model or the theme manifest) as xcolor's HTML model wants it: "1F4E79"."""
    return TeX(hex_digits(value, default).upper())


def environment(theme: Theme, rtl: bool = False) -> Any:
    """The theme's Jinja environment for LaTeX (sandboxed for user themes); ``rtl`` for right-to-left CVs."""
    env = source_environment(theme, "latex-rtl" if rtl else "latex", functools.partial(escape, rtl=rtl))
    env.filters.update(
        inline=functools.partial(_inline, rtl=rtl), url=_url, colour=functools.partial(_colour, default=theme.accent)
    )
    return env


_SCRIPT_MACROS = ("\\cvarab{", "\\cvhebr{", "\\cvdeva{")


class LatexBackend(Backend):
    name = "latex"
    aliases = ("tex",)
    suffix = ".tex"
    binary = False
    description = "LaTeX source (xelatex, lualatex or pdflatex); --compile also writes the PDF"
    requires_modules = ("jinja2",)

    def check(self, options: RenderOptions | None = None) -> str | None:
        """Writing .tex needs only Jinja; compiling needs the chosen engine (xelatex by default)."""
        problem = super().check()
        if problem or options is None or not options.compile:
            return problem
        return engine_problem(options.engine or DEFAULT_ENGINE)

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> str:
        problem = self.check(options)
        language = tex_language(doc.meta.language, doc.meta.direction)
        if not problem and options.compile and (options.engine or DEFAULT_ENGINE) == "pdflatex":
            problem = language.pdflatex_problem()
        if problem:
            raise RenderError(f"cannot compile LaTeX: {problem}")
        theme.file(TEMPLATE, self.name)
        template = environment(theme, rtl=language.rtl).get_template(TEMPLATE)
        context = {
            "doc": doc, "meta": doc.meta, "header": doc.header, "sections": doc.sections,
            "accent": doc.meta.accent_colour or theme.accent,
            "babel": TeX(language.preamble()), "scripts": doc.meta.localized,
        }
        source = template.render(context)
        if not context["scripts"] and any(macro in source for macro in _SCRIPT_MACROS):
            # An English CV naming someone in Arabic, Hebrew or Devanagari: define the script fonts too.
            source = template.render({**context, "scripts": True})
        return source

    def extra_outputs(self, doc: Document, theme: Theme, options: RenderOptions, data: bytes) -> dict[str, bytes]:
        """With ``options.compile``: the PDF the engine makes from the .tex, written next to it."""
        if not options.compile:
            return {}
        try:
            result = compile_tex(data.decode("utf-8"), options.engine or DEFAULT_ENGINE, user_theme=theme.user)
        except RenderError as exc:
            raise RenderError(_with_places(str(exc), doc)) from None
        return {".pdf": result.pdf}


_CODE = re.compile(r"\(U\+([0-9A-F]{4,6})")


def _with_places(message: str, doc: Document) -> str:
    """A "no font for ∼ (U+223C)" message, plus where those characters are in the CV and what to do."""
    places: dict[str, list[str]] = {}
    for code in dict.fromkeys(m.group(1) for m in _CODE.finditer(message)):
        ch = chr(int(code, 16))
        where = _find(doc, ch)
        if where:
            places.setdefault(where, []).append(ch)
    if not places:
        return message
    found = "; ".join(f"{' '.join(chars)} in {where}" for where, chars in list(places.items())[:4])
    fix = (" Render with -f pdf or -f pdf-typst (they draw it), install a font that has it, or replace it in the CV."
           if "no font" in message else "")
    return f"{message}. Found: {found}.{fix}"


def _find(doc: Document, ch: str) -> str | None:
    """The first place of ``ch`` in the prepared document: "section 'Publications', P3 “…”"."""
    from cvgen.model.markup import plain

    if ch in doc.header.name:
        return "person.name"
    for section in doc.sections:
        for text in (section.title, *(plain(p) for p in section.intro)):
            if ch in text:
                return f"section '{section.title}'"
        for item in section.items:
            lines = [plain(item.main), *(plain(d) for d in item.details), item.date]
            for line in lines:
                if ch in line:
                    at = max(0, line.index(ch) - 30)
                    label = f"{item.label} " if item.label else ""
                    return f"section '{section.title}', {label}“{'…' if at else ''}{line[at:at + 60]}…”"
    return None
