"""Where a WeasyPrint PDF render spends its time, phase by phase, for CVs of several sizes.

Each size runs in a fresh process (imports count, as they do for a user) and reports, for every
phase, CPU seconds and its share of the whole render:

* ``cvgen: import, load, prepare``: everything before the PDF backend (not WeasyPrint's);
* ``import WeasyPrint``: as cvgen imports it (:func:`cvgen.backends.weasy.import_weasyprint`);
* ``CSS parse``: the theme's stylesheet and the font configuration;
* ``HTML build``: the Jinja template and the glyph check;
* ``HTML parse``, ``cascade``, ``boxes``, ``layout``: WeasyPrint's own steps, timed by wrapping
  its functions (``get_all_computed_styles``, ``build_formatting_structure``, ``layout_document``);
* ``draw pages``, ``fonts (subset)``, ``PDF write``: ``write_pdf`` split into painting, font
  embedding and serialising/compressing the file.

    .venv/bin/python bench/weasyprint_phases.py [--pubs 40,2000] [--theme classic]

The numbers are CPU time of this one process (and of programs it ran): on a shared machine read the shares (and compare
runs made in the same minute), never the absolute seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("cvgen: import, load, prepare", "import WeasyPrint", "CSS parse", "HTML build", "HTML parse",
          "cascade", "boxes", "layout", "draw pages", "fonts (subset)", "PDF write")


def cpu() -> float:
    """CPU seconds of this process and of the children it waited for (a library may run programs)."""
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


class Clock:
    """Adds CPU time to named phases; ``wrap`` times a library function wherever it is called from."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = dict.fromkeys(PHASES, 0.0)
        self.last = cpu()

    def mark(self, name: str) -> None:
        now = cpu()
        self.phases[name] += now - self.last
        self.last = now

    def wrap(self, module: Any, attribute: str, phase: str, before: str) -> None:
        original: Callable[..., Any] = getattr(module, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.mark(before)  # whatever ran since the last mark belongs to the enclosing phase
            result = original(*args, **kwargs)
            self.mark(phase)
            return result

        setattr(module, attribute, timed)


def one_render(path: Path, theme_name: str) -> dict[str, Any]:
    """Render ``path`` to PDF once in this process, timing each phase."""
    clock = Clock()
    from cvgen.backends.base import RenderOptions
    from cvgen.loader import load_file
    from cvgen.themes import resolve_theme
    from cvgen.view import prepare

    doc = prepare(load_file(path))
    theme = resolve_theme(theme_name)
    clock.mark("cvgen: import, load, prepare")
    try:
        from cvgen.backends.weasy import fewer_collections, import_weasyprint
    except ImportError:  # an older cvgen, for before/after comparisons
        fewer_collections, import_weasyprint = contextlib.nullcontext, None
    if import_weasyprint is not None:
        import_weasyprint()
    import weasyprint
    from weasyprint import document as wp_document
    from weasyprint import pdf as wp_pdf

    from cvgen.backends import pdf as pdf_backend
    from cvgen.backends.fetcher import SafeFetcher
    from cvgen.backends.glyphs import require_glyphs
    from cvgen.backends.html import render_html

    clock.mark("import WeasyPrint")
    stylesheet = pdf_backend._theme_stylesheet(theme)
    font_config = pdf_backend._shared_font_config()
    clock.mark("CSS parse")
    page = render_html(doc, theme, RenderOptions(), for_pdf=True)
    require_glyphs(page, "PDF")
    clock.mark("HTML build")
    clock.wrap(wp_document, "get_all_computed_styles", "cascade", "HTML parse")
    clock.wrap(wp_document, "build_formatting_structure", "boxes", "cascade")
    clock.wrap(wp_document, "layout_document", "layout", "boxes")
    clock.wrap(wp_pdf, "build_fonts_dictionary", "fonts (subset)", "draw pages")
    with fewer_collections():  # as the PDF backend runs WeasyPrint
        html = weasyprint.HTML(string=page, base_url=(theme.path / "cv.html").as_uri(),
                               url_fetcher=SafeFetcher(theme.path, {}))
        clock.mark("HTML parse")
        document = html.render(stylesheets=[stylesheet], font_config=font_config)
        clock.mark("layout")
        data = document.write_pdf(uncompressed_pdf=False)
        clock.mark("PDF write")
    return {"phases": clock.phases, "pages": len(document.pages), "bytes": len(data)}


def measure(pubs: int, theme: str, work: Path) -> dict[str, Any]:
    """Generate a CV with ``pubs`` publications and time its render in a fresh process."""
    out = work / f"p{pubs}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--pubs", str(pubs), "--out", str(out)],
                   check=True, capture_output=True)
    cv = out / "cvgen" / "cv_000.yaml"
    done = subprocess.run([sys.executable, __file__, "--one", str(cv), "--theme", theme],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    head = "| phase | " + " | ".join(f"{n} publications ({results[n]['pages']} pages)" for n in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    for phase in PHASES:
        cells = []
        for n in sizes:
            phases = results[n]["phases"]
            total = sum(phases.values())
            cells.append(f"{phases[phase]:.3f} s ({100 * phases[phase] / total:.0f}%)")
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    totals = [f"{sum(results[n]['phases'].values()):.3f} s" for n in sizes]
    lines.append("| **total CPU** | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pubs", default="40,2000", help="comma-separated publication counts")
    parser.add_argument("--theme", default="classic")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the child process: one CV
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_render(args.one, args.theme)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = {n: measure(n, args.theme, Path(tmp)) for n in map(int, args.pubs.split(","))}
    print(json.dumps(results, indent=1) if args.json else table(results))


if __name__ == "__main__":
    main()
