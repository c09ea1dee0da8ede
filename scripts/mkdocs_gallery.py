"""MkDocs hook: docs/gallery.md shows page 1 of the example in every built-in theme and format.

Where a page holds ``<!-- theme-gallery -->``, the docs build renders ``examples/sijia_liu.yaml``
with each built-in theme (every folder in ``templates/``, found by ``builtin_themes()``) to the PDF
(WeasyPrint), Typst PDF, LaTeX, DOCX and HTML formats (HTML at a page's and a phone's width), draws page 1 of each as a small PNG and puts
them side by side, one row per theme, with the theme's description and its manifest's
``[fallbacks]`` sentences (what a format does where it cannot do the layout). LaTeX is typeset by
XeLaTeX, DOCX laid out by LibreOffice (``soffice``) and HTML shown by headless Chromium, as a reader
would see them; when a program is missing at build time the cell says so instead of showing
something cvgen did not make. The images are written into the built site next to the page
(``gallery/<theme>-<format>.png``).

Cost is kept small: 36 DPI images, one LibreOffice run for all DOCX files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sijia_liu.yaml"
_MARKER = re.compile(r"<!-- theme-gallery -->")
DPI = 36
COLUMNS = (("pdf", "PDF (WeasyPrint)"), ("pdf-typst", "PDF (Typst)"), ("latex", "LaTeX (XeLaTeX)"),
           ("docx", "DOCX (LibreOffice)"), ("html", "HTML (Chromium)"), ("html-phone", "HTML on a phone (Chromium, 390 px)"))
WINDOWS = {"html": (816, 1056), "html-phone": (390, 844)}
"""Chromium's window for each HTML cell: a letter page's width at 96 DPI, and a common phone's screen
(screen.css lays the page out for small screens there)."""
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")
_images: dict[str, bytes] = {}
"""File name → PNG bytes, made while the page is rendered and written after the build."""


def _page_one(pdf: bytes) -> bytes:
    from cvgen.backends.png import pdf_to_pngs

    return pdf_to_pngs(pdf, DPI, first=1)[0]


def _docx_pages(docx: dict[str, bytes], tmp: Path) -> dict[str, bytes | str]:
    """Page 1 of each DOCX as LibreOffice lays it out, or why it could not be drawn."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return {theme: "LibreOffice (soffice) was not installed when these docs were built" for theme in docx}
    for theme, data in docx.items():
        (tmp / f"{theme}.docx").write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), *(str(tmp / f"{t}.docx") for t in docx)],
                   capture_output=True, timeout=300, check=True)
    return {theme: _page_one((tmp / f"{theme}.pdf").read_bytes()) for theme in docx}


def _html_page(html: bytes, theme: str, tmp: Path, cell: str = "html") -> bytes | str:
    """The HTML page's first screen in Chromium in the cell's window (:data:`WINDOWS`), scaled to the gallery's DPI."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return "Chromium was not installed when these docs were built"
    page, shot = tmp / f"{theme}.html", tmp / f"{theme}-{cell}.png"
    page.write_bytes(html)
    width, height = WINDOWS[cell]
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp / ('chromium-' + theme)}",
                    f"--screenshot={shot}", f"--window-size={width},{height}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    return _scaled(shot.read_bytes(), 96)


def _latex_page(tex: bytes) -> bytes | str:
    """Page 1 of the LaTeX source as XeLaTeX typesets it (the engine cvgen's LaTeX tests use)."""
    if shutil.which("xelatex") is None:
        return "XeLaTeX was not installed when these docs were built"
    from cvgen.backends.tex_compile import compile_tex

    return _page_one(compile_tex(tex.decode("utf-8"), "xelatex").pdf)


def _scaled(png: bytes, dpi: int) -> bytes:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        small = img.convert("RGB").resize((round(img.width * DPI / dpi), round(img.height * DPI / dpi)), Image.LANCZOS)
        out = io.BytesIO()
        small.save(out, format="PNG")
        return out.getvalue()


def gallery_images() -> dict[tuple[str, str], bytes | str]:
    """(theme, format) → page 1 as PNG bytes, or the reason it is missing."""
    import cvgen
    from cvgen.themes import builtin_themes

    cells: dict[tuple[str, str], bytes | str] = {}
    with tempfile.TemporaryDirectory(prefix="cvgen-gallery-") as name:
        tmp = Path(name)
        docx = {theme: cvgen.render(EXAMPLE, "docx", theme=theme) for theme in builtin_themes()}
        for theme, cell in _docx_pages(docx, tmp).items():
            cells[theme, "docx"] = cell
        for theme in builtin_themes():
            cells[theme, "pdf"] = _page_one(cvgen.render(EXAMPLE, "pdf", theme=theme))
            cells[theme, "pdf-typst"] = _page_one(cvgen.render(EXAMPLE, "pdf-typst", theme=theme))
            cells[theme, "latex"] = _latex_page(cvgen.render(EXAMPLE, "latex", theme=theme))
            html = cvgen.render(EXAMPLE, "html", theme=theme)
            for cell in WINDOWS:
                cells[theme, cell] = _html_page(html, theme, tmp, cell)
    return cells


def gallery_table() -> str:
    """The HTML table of the gallery; the images are kept in :data:`_images` for :func:`on_post_build`."""
    from html import escape

    from cvgen.themes import builtin_themes, resolve_theme

    cells = gallery_images()
    head = "<th>Theme</th>" + "".join(f"<th>{label}</th>" for _, label in COLUMNS)
    rows = []
    for theme in builtin_themes():
        manifest = resolve_theme(theme).manifest
        notes = "".join(f"<br><small>{escape(fmt)}: {escape(sentence)}</small>" for fmt, sentence in manifest.fallbacks)
        row = [f"<td><code>{escape(theme)}</code><br>{escape(manifest.description)}{notes}</td>"]
        for fmt, label in COLUMNS:
            cell = cells[theme, fmt]
            if isinstance(cell, str):
                row.append(f"<td><em>{cell}</em></td>")
                continue
            file = f"{theme}-{fmt}.png"
            _images[file] = cell
            row.append(f'<td><a href="{file}"><img src="{file}" alt="{theme} theme, {label}, page 1" loading="lazy"></a></td>')
        rows.append("<tr>" + "".join(row) + "</tr>")
    return f'<table class="theme-gallery"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _MARKER.sub(lambda m: gallery_table(), markdown) if _MARKER.search(markdown) else markdown


def on_post_build(config: Any) -> None:
    """Write the images beside the gallery page (``site/gallery/``)."""
    if _images:
        folder = Path(config["site_dir"]) / "gallery"
        folder.mkdir(parents=True, exist_ok=True)
        for file, data in _images.items():
            (folder / file).write_bytes(data)
