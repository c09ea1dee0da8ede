"""Where a cvgen PDF render spends its time, phase by phase, in a fresh process (prints JSON).

Mirrors cvgen.backends.pdf.PdfBackend.render step by step so each phase is timed on its own:
importing the model, loading the YAML, preparing the document, importing WeasyPrint, filling the
HTML template, WeasyPrint's parse + layout, and writing the PDF (font subsetting, compression).
The second, warm render shows what a batch worker pays per CV once everything is loaded.

    .venv/bin/python bench/phases.py cv.yaml [THEME_DIR]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def main(path: Path, theme_dir: str | None = None) -> dict[str, Any]:
    phases: dict[str, float] = {}
    t = time.process_time()

    def mark(name: str) -> None:
        nonlocal t
        now = time.process_time()
        phases[name] = phases.get(name, 0.0) + (now - t)
        t = now

    import cvgen.cli  # noqa: F401 - what `cvgen` itself imports before any command runs

    mark("import cvgen + CLI")
    from cvgen.loader import load_file
    from cvgen.view import prepare

    mark("import model, loader, view")
    cv = load_file(path)
    mark("load + validate YAML")
    doc = prepare(cv)
    mark("prepare document")
    from cvgen.backends.weasy import fewer_collections, import_weasyprint

    weasyprint = import_weasyprint()  # as the PDF backend imports it
    from weasyprint import HTML

    from cvgen.backends import pdf as pdf_backend
    from cvgen.backends.base import RenderOptions
    from cvgen.backends.fetcher import SafeFetcher
    from cvgen.backends.html import render_html
    from cvgen.themes import resolve_theme

    mark("import WeasyPrint")
    theme = resolve_theme(Path(theme_dir) if theme_dir else cv.settings.theme)
    options = RenderOptions()
    pages = 0
    for run in ("cold", "warm"):
        start = time.process_time()
        t = start
        stylesheet = pdf_backend._theme_stylesheet(theme)
        mark(f"{run}: stylesheet + fonts setup")
        page = render_html(doc, theme, options, for_pdf=True)
        mark(f"{run}: HTML template")
        with fewer_collections():  # as the PDF backend runs WeasyPrint
            html = HTML(string=page, base_url=(theme.path / "cv.html").as_uri(), url_fetcher=SafeFetcher(theme.path, {}))
            document = html.render(stylesheets=[stylesheet], font_config=pdf_backend._shared_font_config())
            mark(f"{run}: WeasyPrint parse + layout")
            data = document.write_pdf()
            mark(f"{run}: PDF write (fonts subset, compress)")
        Path(path).with_suffix(".phases.pdf").write_bytes(data)
        mark(f"{run}: write file")
        pages = len(document.pages)
        phases[f"{run}: total render"] = time.process_time() - start
        t = time.process_time()
    return {"phases": phases, "pages": pages, "weasyprint": weasyprint.__version__}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)))
