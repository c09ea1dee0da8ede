"""Draw page 1 of the reference example in every built-in theme for the README's gallery.

    .venv/bin/python scripts/readme_gallery.py      # writes docs/images/themes/<theme>.png

Each picture is cvgen's own ``png`` format (the default PDF engine's page drawn by PDFium) at a
thumbnail resolution; rerun it after changing a theme. The docs gallery (docs/gallery.md) shows
every format and is drawn at docs build time instead.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cvgen  # noqa: E402
from cvgen.backends.base import RenderOptions  # noqa: E402
from cvgen.themes import builtin_themes  # noqa: E402

EXAMPLE = ROOT / "examples" / "sijia_liu.yaml"
OUT = ROOT / "docs" / "images" / "themes"
DPI = 40


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for theme in builtin_themes():
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "cv.png"
            cvgen.render_to_file(EXAMPLE, page, "png", theme=theme, options=RenderOptions(dpi=DPI))
            (OUT / f"{theme}.png").write_bytes(page.read_bytes())
        print(f"wrote {OUT / f'{theme}.png'}")


if __name__ == "__main__":
    main()
