"""MkDocs hook: docs/publications.md shows the example's publications in three citation styles.

Wherever a page holds ``<!-- citation-styles: apa ieee vancouver -->``, the docs build renders the
reference example (``examples/sijia_liu.yaml``) with each named style through cvgen's own view and
HTML inline renderer, and puts the first publications side by side in a table. The page can
therefore never show output cvgen does not produce.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sijia_liu.yaml"
_MARKER = re.compile(r"<!-- citation-styles: ([a-z0-9 -]+) -->")
SHOWN = 3


def styles_table(styles: list[str], count: int = SHOWN) -> str:
    """An HTML table: one column per style, one row per publication (numbered as in the CV)."""
    from cvgen.backends.html import inline_html
    from cvgen.loader import load_file
    from cvgen.view import ViewOptions, prepare

    cv = load_file(EXAMPLE)
    columns = []
    for style in styles:
        doc = prepare(cv, ViewOptions(style=style))
        section = next(s for s in doc.sections if s.key == "publications")
        items = [i for g in section.groups for i in g.items][:count]
        columns.append([f"{i.label}. {inline_html(i.main)}" for i in items])
    head = "".join(f"<th><code>{s}</code></th>" for s in styles)
    rows = "".join("<tr>" + "".join(f"<td>{col[r]}</td>" for col in columns) + "</tr>" for r in range(count))
    return f'<table class="citation-styles"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return _MARKER.sub(lambda m: styles_table(m.group(1).split()), markdown)
