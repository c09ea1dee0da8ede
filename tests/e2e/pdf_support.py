"""What the PDF end-to-end tests share: the theme × page-size variants, rendering them, reading them back."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import cvgen
from cvgen.api import render_document
from cvgen.backends.tex_compile import compile_tex
from cvgen.themes import resolve_theme
from tests.conftest import THEMES, require_program

PAGE_POINTS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
VARIANTS = [(theme, size) for theme in THEMES for size in ("letter", "a4")]


def render_variants(doc, fmt: str, folder: Path) -> dict[tuple[str, str], Path]:
    """The document rendered by ``fmt`` in every theme and page size, as files in ``folder``."""
    out = {}
    for theme, size in VARIANTS:
        sized = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, page_size=size))
        path = folder / f"{theme}-{size}.pdf"
        path.write_bytes(render_document(sized, fmt, resolve_theme(theme)).data)
        out[theme, size] = path
    return out


def pdftotext(path: Path, *args: str) -> str:
    """The PDF's text in drawing order (``-raw``: the order a screen reader or copy-paste gets).

    A line ending in a hyphen is joined without a space: themes never hyphenate automatically, so
    such a hyphen belongs to the text ("Zeroth-" + "Order"); pdftotext's default mode would drop it.
    """
    exe = require_program("pdftotext")
    mode = [] if "-layout" in args or "-bbox" in args else ["-raw"]
    out = subprocess.run([exe, "-enc", "UTF-8", *mode, *args, str(path), "-"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return out if mode == [] else re.sub(r"-\n", "-", out)


def link_targets(reader) -> set[str]:
    """The URIs of every link annotation in a PDF read with pypdf (links that a reader can click)."""
    out = set()
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.add(str(action["/URI"]))
    return out


@dataclasses.dataclass(frozen=True)
class Run:
    """One stretch of PDF text in one font, as pypdf hands it to a visitor."""

    text: str
    bold: bool
    size: float


def font_runs(pdf: Path | bytes) -> list[Run]:
    """Every non-blank text run of a PDF with its font's weight and size (bold = "Bold" in the font name).

    Both engines embed a font subset whose /BaseFont names the face ("…+TeX-Gyre-Termes-Bold"), so
    a reader sees bold exactly where the PDF draws a bold face: a CSS or Typst change that unbolds
    the owner shows here, while pdftotext would still print the same words.
    """
    import io

    import pypdf

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    runs: list[Run] = []

    def visit(text, cm, tm, font, size) -> None:
        if font is not None and text.strip():
            runs.append(Run(text.strip(), "Bold" in str(font.get("/BaseFont")), float(size)))

    for page in pypdf.PdfReader(source).pages:
        page.extract_text(visitor_text=visit)
    return runs


ENGINES = ("weasyprint", "typst", "latex", "docx")
"""The four engines that lay a theme's pages out: WeasyPrint and Typst (cvgen's two PDF formats),
xelatex (the LaTeX source) and Word's file as LibreOffice lays it out."""


def render_engine(source, theme: str, engine: str, folder: Path) -> Path:
    """``source`` (a CV path or model) laid out by one engine into ``folder/<engine>.pdf``."""
    out = folder / f"{engine}.pdf"
    if engine in ("weasyprint", "typst"):
        cvgen.render_to_file(source, out, "pdf" if engine == "weasyprint" else "pdf-typst", theme=theme)
    elif engine == "latex":
        result = compile_tex(cvgen.render(source, "latex", theme=theme).decode("utf-8"), "xelatex")
        out.write_bytes(result.pdf)
        (folder / "latex.log").write_text(result.log, encoding="utf-8")
    else:
        cvgen.render_to_file(source, folder / "cv.docx", "docx", theme=theme)
        done = subprocess.run(
            [require_program("soffice"), f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
             "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(folder / "cv.docx")],
            capture_output=True, text=True, timeout=180,
        )
        assert done.returncode == 0 and (folder / "cv.pdf").is_file(), done.stderr
        (folder / "cv.pdf").replace(out)
    return out


def render_engines(source, theme: str, folder: Path, engines=ENGINES) -> dict[str, Path]:
    """``source`` laid out by each of ``engines``: {engine: its PDF}."""
    return {engine: render_engine(source, theme, engine, folder) for engine in engines}
