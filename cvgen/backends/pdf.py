"""PDF output: the HTML page of :mod:`cvgen.backends.html` laid out by WeasyPrint.

The theme's ``style.css`` carries the print rules (``@page`` margins, the footer with the owner's
name and page numbers, ``break-inside: avoid`` on entries, ``break-after: avoid`` on headings);
the page size comes from the document. PDF metadata (title, author, subject, keywords, language)
comes from the page's ``<title>``, ``<meta>`` tags and ``lang``, which WeasyPrint maps to the PDF
info dictionary. Nothing outside the theme folder is ever read (:mod:`cvgen.backends.fetcher`).

Output is deterministic: WeasyPrint writes no creation date unless told to, and font subsets are
made by HarfBuzz, so the same input gives the same bytes.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, ClassVar

from cvgen.backends.base import Backend, RenderOptions
from cvgen.backends.glyphs import require_glyphs
from cvgen.backends.html import STYLESHEET, photo_data_uri, render_html
from cvgen.backends.weasy import fewer_collections, import_weasyprint
from cvgen.errors import RenderError, UsageError

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document

PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")

_lock = threading.Lock()
_font_config: Any = None
_stylesheets: dict[tuple[str, int, int], Any] = {}
"""Parsed theme stylesheets by (path, mtime, size): a batch parses each theme's CSS once."""


def _shared_font_config() -> Any:
    global _font_config
    if _font_config is None:
        import_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def _theme_stylesheet(theme: Theme) -> Any:
    """The theme's style.css parsed by WeasyPrint, cached per process (only theme files may be fetched)."""
    import_weasyprint()
    from weasyprint import CSS
    from weasyprint.urls import FatalURLFetchingError

    from cvgen.backends.fetcher import SafeFetcher

    path = theme.file(STYLESHEET, "pdf")
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _stylesheets.get(key)
        if cached is not None:
            return cached
        fetcher = SafeFetcher(theme.path)
        try:
            css = CSS(
                string=path.read_text(encoding="utf-8"),
                base_url=path.as_uri(),
                url_fetcher=fetcher,
                font_config=_shared_font_config(),
            )
        except FatalURLFetchingError as exc:
            raise _refused(theme, fetcher, exc) from None
        if fetcher.refused:
            raise _refused(theme, fetcher, None)
        _stylesheets[key] = css
        return css


def _refused(theme: Theme, fetcher: Any, exc: BaseException | None) -> RenderError:
    urls = fetcher.refused or [str(exc)]
    reason = str(exc.__cause__) if exc is not None and exc.__cause__ is not None else "not allowed"
    return RenderError(
        f"PDF render refused to fetch {', '.join(urls[:5])} (theme {theme.name!r}): {reason}. "
        "A PDF may only use files inside its theme folder."
    )


class PdfBackend(Backend):
    """PDF through WeasyPrint, from the same HTML and CSS as the HTML output."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    binary: ClassVar[bool] = True
    description: ClassVar[str] = "PDF laid out by WeasyPrint from the theme's HTML/CSS (--pdf-variant pdf/a-3b, pdf/ua-1)"
    requires_modules: ClassVar[tuple[str, ...]] = ("weasyprint", "jinja2")

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> bytes:
        import_weasyprint()
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError

        from cvgen.backends.fetcher import SafeFetcher

        variant = options.pdf_variant
        if variant is not None and variant not in PDF_VARIANTS:
            raise UsageError(f"unknown PDF variant {variant!r}; choose one of {', '.join(PDF_VARIANTS)}")
        stylesheet = _theme_stylesheet(theme)
        page = render_html(doc, theme, options, for_pdf=True)
        require_glyphs(page, "PDF")  # a character no font has would be a silent empty box
        photo = doc.header.photo
        data_uris = {photo_data_uri(photo): (photo.data, photo.media_type)} if photo else {}
        fetcher = SafeFetcher(theme.path, data_uris)
        try:
            with fewer_collections():
                html = HTML(string=page, base_url=(theme.path / "cv.html").as_uri(), url_fetcher=fetcher)
                pdf = html.write_pdf(
                    stylesheets=[stylesheet],
                    font_config=_shared_font_config(),
                    pdf_variant=variant,
                    uncompressed_pdf=False,
                )
        except FatalURLFetchingError as exc:
            raise _refused(theme, fetcher, exc) from None
        if fetcher.refused:  # belt and braces: a refusal must never give a silently degraded PDF
            raise _refused(theme, fetcher, None)
        assert isinstance(pdf, bytes)
        return pdf
