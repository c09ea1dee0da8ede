"""The backend interface: one class per output format.

A backend declares its format name, aliases, file suffix, whether it writes bytes or text and the
Python modules or programs it needs; :meth:`Backend.check` reports a missing engine before any
work starts, and :meth:`Backend.render` turns a prepared :class:`~cvgen.view.Document` plus a
:class:`~cvgen.themes.Theme` into output. The registry imports a backend's module only when its
format is asked for, so a backend may import its engine at the top and ``import cvgen`` stays light.

Inline text is rendered through :class:`InlineFormat`: a backend supplies the five primitives and
:func:`render_inline` walks the tree, so escaping lives in exactly one function per format.
"""

from __future__ import annotations

import importlib.util
import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from cvgen.model.markup import Emph, Inline, Link, Strong, Sup, Text

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document


@dataclass(frozen=True)
class RenderOptions:
    """Per-render switches that are not part of the document itself."""

    pdf_variant: str | None = None
    """"pdf/a-3b" or "pdf/ua-1" for the PDF backends."""
    pdf_engine: str | None = None
    """What lays out ``pdf``: "weasyprint" or "typst"; None: the CV's ``settings.pdf_engine``."""
    compile: bool = False
    """LaTeX: also compile the .tex to PDF."""
    engine: str | None = None
    """LaTeX engine: xelatex, lualatex or pdflatex."""
    fragment: bool = False
    """HTML: publications only, no page chrome, for embedding in a web page."""
    strict: bool = False
    """Fail, writing nothing, when a funder's page limit is exceeded (otherwise a warning)."""
    dpi: int | None = None
    """PNG previews: pixels per inch (None: the backend's default, 96)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Options of third-party backends."""


class Backend(ABC):
    """Base class of every output format."""

    name: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    suffix: ClassVar[str]
    """File suffix with the dot, e.g. ".pdf"."""
    binary: ClassVar[bool] = False
    """True when :meth:`render` returns bytes, False for text (str)."""
    description: ClassVar[str] = ""
    requires_modules: ClassVar[tuple[str, ...]] = ()
    """Python modules the backend imports when rendering."""
    requires_programs: ClassVar[tuple[str, ...]] = ()
    """Programs that must be on PATH."""
    companion_family: ClassVar[str | None] = None
    """A regular expression (matched whole) for the "-" companion keys whose number varies from one
    render to the next (page images: ``-2.png``, ``-3.png``…). After a successful write, files of
    the output's name in this family that the render did not write are stale and removed, so a CV
    that shrank from five pages to three leaves no ``cv-4.png`` behind. None: no such family."""

    def check(self, options: RenderOptions | None = None) -> str | None:
        """Return why this backend cannot run here (for these options), or None when it can.

        Called before any work starts, so a missing engine is reported up front; a backend whose
        needs depend on the options (LaTeX compiling with a chosen engine) looks at ``options``.
        """
        missing = [m for m in self.requires_modules if importlib.util.find_spec(m) is None]
        if missing:
            return f"missing Python package(s): {', '.join(missing)}"
        absent = [p for p in self.requires_programs if shutil.which(p) is None]
        if absent:
            return f"missing program(s): {', '.join(absent)}"
        return None

    @abstractmethod
    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> bytes | str:
        """Render the prepared document with the theme."""

    def extra_outputs(self, doc: Document, theme: Theme, options: RenderOptions, data: bytes) -> dict[str, bytes]:
        """Companion files written next to the main output; none by default. A key is a suffix that
        replaces the output's (".pdf": LaTeX's compiled PDF beside cv.tex) or, starting with "-", one
        added to its stem ("-2.png": page 2 beside cv.png)."""
        return {}


class InlineFormat(ABC):
    """The primitives a text backend needs; :func:`render_inline` does the walking."""

    @abstractmethod
    def text(self, s: str) -> str:
        """Escape literal text. The only escaping function of the format."""

    @abstractmethod
    def strong(self, inner: str, role: str | None) -> str: ...

    @abstractmethod
    def emph(self, inner: str) -> str: ...

    @abstractmethod
    def link(self, href: str, inner: str) -> str: ...

    @abstractmethod
    def sup(self, inner: str) -> str: ...


class Source(str):
    """Text already in a backend's own syntax (LaTeX, Typst): :func:`escaping_finalize` passes it through."""


def escaping_finalize(escape: Callable[[str], str]) -> Callable[[Any], str]:
    """A Jinja ``finalize`` for templates that write source code.

    Every value a template prints is escaped with the backend's one escaping function unless it is
    already :class:`Source` (rendered rich text, a checked URL), so no template escapes by hand.
    """

    def finalize(value: Any) -> str:
        if isinstance(value, Source):
            return value
        if value is None:
            return ""
        return escape(str(value))

    return finalize


def source_environment(theme: Theme, key: str, escape: Callable[[str], str]) -> Any:
    """The Jinja environment of a theme template that writes source code (LaTeX, Typst).

    Delimiters ``((* *))``, ``((( )))`` and ``((= =))`` clash with neither language, and every value
    printed is escaped by :func:`escaping_finalize`; user themes get the sandbox (see Theme).
    """
    return theme.environment(
        key,
        block_start_string="((*",
        block_end_string="*))",
        variable_start_string="(((",
        variable_end_string=")))",
        comment_start_string="((=",
        comment_end_string="=))",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=escaping_finalize(escape),
    )


def hex_digits(colour: str | None, default: str) -> str:
    """"#1f4e79" → "1f4e79"; the model stores colours as #rrggbb, so this only drops the hash."""
    return (colour or default).lstrip("#")


def render_inline(nodes: Inline, fmt: InlineFormat) -> str:
    """Render inline nodes with a backend's primitives."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(fmt.text(node.text))
        elif isinstance(node, Strong):
            out.append(fmt.strong(render_inline(node.children, fmt), node.role))
        elif isinstance(node, Emph):
            out.append(fmt.emph(render_inline(node.children, fmt)))
        elif isinstance(node, Link):
            out.append(fmt.link(node.href, render_inline(node.children, fmt)))
        elif isinstance(node, Sup):
            out.append(fmt.sup(render_inline(node.children, fmt)))
    return "".join(out)
