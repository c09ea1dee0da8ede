"""The only way WeasyPrint may read anything while cvgen renders a PDF.

WeasyPrint's default fetcher follows any URL a template or stylesheet names (``http:``,
``file:///etc/passwd``, a ``<link rel=attachment>``) and, on failure, logs a warning and carries
on. A CV renderer must do neither: :class:`SafeFetcher` serves only files inside the theme's own
folder (resolved, so a symlink cannot lead out) and the ``data:`` URIs cvgen itself produced (the
checked photo), and refuses everything else *fatally* (``fail_on_errors=True`` turns the refusal
into WeasyPrint's ``FatalURLFetchingError``, which stops the render). Refused URLs are also
recorded, so the PDF backend can name them in its error even if a future WeasyPrint swallowed one.

This module imports WeasyPrint at its top: only the PDF backend imports it, inside ``render()``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from cvgen.containment import Outside, contain

MAX_THEME_FILE = 20 * 1024 * 1024
"""A theme asset (font, image, stylesheet) larger than this is refused."""


class RefusedURL(ValueError):
    """A URL the fetcher will not serve."""


class SafeFetcher(URLFetcher):
    """Serve theme files and cvgen's own data URIs; refuse (fatally) everything else."""

    def __init__(self, theme_dir: Path, data_uris: dict[str, tuple[bytes, str]] | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True)
        self.theme_dir = theme_dir.resolve()
        self.data_uris = dict(data_uris or {})
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        try:
            response = self._serve(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response

    def _serve(self, url: str) -> URLFetcherResponse:
        if url in self.data_uris:
            body, media_type = self.data_uris[url]
            return URLFetcherResponse(url, body, {"Content-Type": media_type})
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"cvgen fetches nothing from outside the theme folder (refused {_short(url)})")
        try:
            resolved = contain(unquote(parts.path), self.theme_dir, (self.theme_dir,), "theme resource")
        except Outside:
            raise RefusedURL(f"only files inside the theme folder {self.theme_dir} may be used (refused {_short(url)})") from None
        if not resolved.is_file():
            raise RefusedURL(f"theme file not found: {_short(url)}")
        if resolved.stat().st_size > MAX_THEME_FILE:
            raise RefusedURL(f"theme file too large: {_short(url)}")
        media_type = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        return URLFetcherResponse(resolved.as_uri(), resolved.read_bytes(), {"Content-Type": media_type})

    def open(self, url, data=None, timeout=None):  # noqa: ANN001, ANN201 - urllib's signature
        """Never let urllib's opener machinery (redirects, proxies) reach the network."""
        target = url if isinstance(url, str) else url.full_url
        return self.fetch(target)


def _short(url: str) -> str:
    return url if len(url) <= 100 else url[:97] + "..."
