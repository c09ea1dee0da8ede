"""A smoke run of bench/institutions.py: a few generated records through the one command, and a
report whose figures are real measurements (the 1,000-CV run is not part of the test suite)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_department_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "institutions.py"), "--count", "4", "-j", "2",
                           "--formats", "html", "--out", str(out), "--work", str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "| CVs rendered / failed | 4 / 0 (exit status 0) |" in text
    assert re.search(r"\| throughput \| \d+\.\d\d CVs/s on 2 workers \|", text)
    assert re.search(r"\| peak memory of the largest worker \(or the parent\) \| \d+ MB \|", text)
    assert re.search(r"\| 100,000 \|(?: \d+(?:\.\d)? (?:s|min|h) \|){4}$", text, re.M)
    assert len(list((tmp_path / "work" / "out").glob("f*.html"))) == 4
