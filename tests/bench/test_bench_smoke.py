"""A smoke run of the benchmark script: tiny sizes, cvgen only, HTML only; the report has real numbers.

The benchmarks themselves are not part of the test suite (bench/run.py, docs/benchmarks.md).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"\d+(?:\.\d+)? (?:ms|s)"


def test_quick_benchmark_writes_a_table_with_numbers(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--no-rendercv", "--formats", "html",
         "--sizes", "2,4,8", "--batch-count", "2", "--repeats", "1", "--out", str(out), "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert re.search(rf"\| \(a\) 5 publications to html \| {NUMBER} \| not measured \|", text), text
    assert re.search(rf"\| cvgen jobs2 \| .* \| {NUMBER} \| \d+\.\d\d \|", text)  # (c): time and CVs/s
    for size in (2, 4, 8):  # (d): one row per size, wall (CPU), memory
        assert re.search(rf"\| {size} \| - \| {NUMBER} \({NUMBER}\), \d+ MB \|", text), size
    assert re.search(rf"\| `cvgen --help` \| {NUMBER} \|", text)
    assert "| (e) `import cvgen` loads no engine | none loaded | met |" in text
    assert not re.search(r"\|\s*failed", text)
    # the batch really rendered both generated CVs
    assert sorted(p.name for p in (tmp_path / "work" / "out-batch-j2").iterdir()) == ["cv_000.html", "cv_001.html"]
