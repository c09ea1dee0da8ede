"""PDF backend: refused fetches fail the render (nothing fetched), variants, determinism, caching, lazy import."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdf
import pytest

from cvgen.api import render
from cvgen.backends.base import RenderOptions
from cvgen.backends.pdf import PdfBackend, _theme_stylesheet
from cvgen.errors import RenderError, UsageError
from cvgen.themes import Theme, builtin_dir, resolve_theme
from tests.conftest import ROOT


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server on a random port that records every request (and must see none)."""
    handler = type("Handler", (_Recorder,), {"requests": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.timeout = 2
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def user_theme(tmp_path: Path, *, css_prefix: str = "", body_extra: str = "") -> Theme:
    folder = tmp_path / "user-theme"
    shutil.copytree(builtin_dir() / "classic", folder)
    if css_prefix:
        css = folder / "style.css"
        css.write_text(css_prefix + "\n" + css.read_text())
    if body_extra:
        template = folder / "cv.html.j2"
        template.write_text(template.read_text().replace("<main>", "<main>" + body_extra))
    return resolve_theme(folder)


def assert_refused(doc, theme: Theme, url: str) -> None:
    with pytest.raises(RenderError) as err:
        PdfBackend().render(doc, theme, RenderOptions())
    assert url in str(err.value)


# --- BAD_INPUTS 23 and 31: nothing fetched, the render fails -------------------------------------

def test_css_import_from_http_fails_and_fetches_nothing(tmp_path, server, example_doc) -> None:
    base, requests = server
    theme = user_theme(tmp_path, css_prefix=f"@import url({base}/x.css);")
    assert_refused(example_doc, theme, f"{base}/x.css")
    assert requests == []


def test_css_background_and_font_from_http_fail(tmp_path, server, example_doc) -> None:
    base, requests = server
    theme = user_theme(tmp_path, css_prefix=(
        f"@font-face {{ font-family: Evil; src: url({base}/f.woff2); }}\n"
        f"body {{ font-family: Evil, serif; background: url({base}/bg.png); }}"
    ))
    assert_refused(example_doc, theme, f"{base}/f.woff2")
    assert requests == []


def test_http_image_in_template_fails(tmp_path, server, example_doc) -> None:
    base, requests = server
    theme = user_theme(tmp_path, body_extra=f'<img src="{base}/pixel.png" alt="">')
    assert_refused(example_doc, theme, f"{base}/pixel.png")
    assert requests == []


@pytest.mark.parametrize(
    ("extra", "url"),
    [
        ('<img src="file:///etc/hostname" alt="">', "file:///etc/hostname"),
        ('<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
        ('<object data="file:///etc/passwd"></object>', "file:///etc/passwd"),
    ],
)
def test_local_files_outside_the_theme_fail(tmp_path, example_doc, extra: str, url: str) -> None:
    theme = user_theme(tmp_path, body_extra=extra)
    assert_refused(example_doc, theme, url)


def test_links_to_local_addresses_are_clickable_never_fetched(server) -> None:
    base, requests = server
    cv = {"person": {"name": "Ada Lovelace"},
          "honors": [{"title": f"[Metadata service]({base}/latest/meta-data)", "date": "2020"}]}
    reader = pypdf.PdfReader(io.BytesIO(render(cv, "pdf")))
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])]
    assert f"{base}/latest/meta-data" in uris
    assert requests == []


def test_theme_assets_and_the_photo_are_served(tmp_path, example_doc) -> None:
    from PIL import Image

    from cvgen.loader.photo import reencode

    folder = tmp_path / "with-logo"
    shutil.copytree(builtin_dir() / "classic", folder)
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buf, format="PNG")
    (folder / "logo.png").write_bytes(buf.getvalue())
    template = folder / "cv.html.j2"
    template.write_text(template.read_text().replace("<main>", '<main><img src="logo.png" alt="logo">'))
    photo = reencode(buf.getvalue(), "me.png", "cv.yaml")
    doc = dataclasses.replace(example_doc, header=dataclasses.replace(example_doc.header, photo=photo))
    pdf = PdfBackend().render(doc, resolve_theme(folder), RenderOptions())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    images = {img.data for page in reader.pages for img in page.images}
    assert len(images) == 2  # the theme's logo and the photo


# --- variants, determinism, caching -----------------------------------------------------------------

def test_unknown_variant_is_a_usage_error(example_doc) -> None:
    with pytest.raises(UsageError, match="pdf/a-3b"):
        PdfBackend().render(example_doc, resolve_theme("classic"), RenderOptions(pdf_variant="pdf/x-1a"))


def test_pdf_a3b_and_ua1(example_doc) -> None:
    theme = resolve_theme("modern")
    archival = PdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/a-3b"))
    assert archival == PdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/a-3b"))  # no clock
    pdfa = pypdf.PdfReader(io.BytesIO(archival))
    xmp = pdfa.xmp_metadata
    assert xmp is not None and b"pdfaid" in xmp.stream.get_data()
    assert "/OutputIntents" in pdfa.trailer["/Root"]
    pdfua = pypdf.PdfReader(io.BytesIO(PdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/ua-1"))))
    root = pdfua.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"


def test_same_input_same_bytes_across_processes(tmp_path) -> None:
    script = (
        "import hashlib, cvgen\n"
        f"print(hashlib.sha256(cvgen.render({str(ROOT / 'examples' / 'sijia_liu.yaml')!r}, 'pdf')).hexdigest())\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
            for _ in range(2)]
    digests = {r.stdout.strip() for r in runs}
    in_process = hashlib.sha256(render(ROOT / "examples" / "sijia_liu.yaml", "pdf")).hexdigest()
    assert digests == {in_process}


def test_stylesheet_is_parsed_once_per_theme() -> None:
    theme = resolve_theme("classic")
    assert _theme_stylesheet(theme) is _theme_stylesheet(theme)
    assert _theme_stylesheet(theme) is not _theme_stylesheet(resolve_theme("modern"))


def test_import_cvgen_does_not_import_weasyprint() -> None:
    code = (
        "import sys, cvgen, cvgen.api, cvgen.backends.html, cvgen.backends.pdf, cvgen.backends.png\n"
        "import cvgen.backends.weasy, cvgen.cli\n"
        "from cvgen.backends import registry\n"
        "registry.names(); registry.get('pdf'); registry.get('html'); registry.get('png')\n"
        "engines = ('weasyprint', 'pydyf', 'tinycss2', 'cffi', 'fontTools', 'pypdfium2')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in engines))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_backend_declaration() -> None:
    backend = PdfBackend()
    assert (backend.name, backend.suffix, backend.binary) == ("pdf", ".pdf", True)
    assert backend.check() is None
