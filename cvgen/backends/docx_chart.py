"""The citations-per-year chart in Word: a small two-row table (years over counts).

Word has no vector drawing python-docx can write simply and LibreOffice renders alike, and a table
keeps every number as text a reader can copy.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from cvgen.view.chart import CitationChart


def add_chart_table(document: Any, chart: CitationChart) -> Any:
    """Append the table for ``chart`` to ``document`` and return it."""
    rows = ((chart.year_label, *(str(b.year) for b in chart.bars)),
            (chart.count_label, *(str(b.count) for b in chart.bars)))
    table = document.add_table(rows=2, cols=len(chart.bars) + 1)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            paragraph = table.rows[r].cells[c].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if c == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value)
            run.font.size = Pt(8)
            run.bold = r == 0 or c == 0
    return table
