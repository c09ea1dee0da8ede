"""PNG page previews: the default PDF (WeasyPrint) rasterised page by page with PDFium.

The pages are exactly those of ``--format pdf`` (same theme, same layout), drawn by pypdfium2, the
Python binding of Chrome's PDF renderer: a prebuilt wheel, no Poppler or Ghostscript program
needed. Naming: the requested file (``cv.png``) is page 1; further pages are companions named
``cv-2.png``, ``cv-3.png``… next to it (:meth:`Backend.extra_outputs` keys starting with ``-``).
Re-rendering a CV that now has fewer pages removes the page images of the same name it no longer
makes (:attr:`Backend.companion_family`); no other file is touched, and nothing when the render fails.
The resolution is :attr:`RenderOptions.dpi` (default :data:`DEFAULT_DPI`).

Bytes are deterministic: PDFium's drawing is, and Pillow writes PNGs without a time stamp.
"""

from __future__ import annotations

import hashlib
import io
import threading
from typing import TYPE_CHECKING, ClassVar

from cvgen.backends.base import Backend, RenderOptions

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document

DEFAULT_DPI = 96
"""A screen's resolution: a letter page is 816 × 1056 pixels, sharp enough to read, small to store."""
MAX_DPI = 600


class PngBackend(Backend):
    name = "png"
    aliases = ("preview",)
    suffix = ".png"
    binary = True
    description = "page images (PNG) of the PDF, for previews and galleries"
    requires_modules = ("weasyprint", "pypdfium2")
    companion_family = r"-(?:[2-9]|[1-9][0-9]+)\.png"
    """Pages 2, 3…, 10… exactly as :meth:`extra_outputs` names them (no "-02.png", no "-1.png")."""

    _later_pages: ClassVar[dict[str, list[bytes]]] = {}
    """Pages 2… of a render, keyed by page 1's digest, until :meth:`extra_outputs` collects them."""
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> bytes:
        from cvgen.backends.pdf import PdfBackend

        pages = pdf_to_pngs(PdfBackend().render(doc, theme, options), options.dpi or DEFAULT_DPI)
        with self._lock:
            self._later_pages[hashlib.sha256(pages[0]).hexdigest()] = pages[1:]
        return pages[0]

    def extra_outputs(self, doc: Document, theme: Theme, options: RenderOptions, data: bytes) -> dict[str, bytes]:
        with self._lock:
            later = self._later_pages.pop(hashlib.sha256(data).hexdigest(), [])
        return {f"-{number}.png": png for number, png in enumerate(later, start=2)}


def pdf_to_pngs(pdf: bytes, dpi: int = DEFAULT_DPI, first: int | None = None) -> list[bytes]:
    """Each page of ``pdf`` (or only the first ``first`` pages) as PNG bytes at ``dpi``."""
    import pypdfium2

    if not 1 <= dpi <= MAX_DPI:
        from cvgen.errors import UsageError

        raise UsageError(f"--dpi must be between 1 and {MAX_DPI}, not {dpi}")
    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document) if first is None else min(first, len(document))
        return [_page_png(document[index], dpi) for index in range(count)]
    finally:
        document.close()


def _page_png(page: object, dpi: int) -> bytes:
    bitmap = page.render(scale=dpi / 72)  # type: ignore[attr-defined]  # PDF units are 1/72 inch
    image = bitmap.to_pil().convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
