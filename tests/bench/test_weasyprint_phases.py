"""A smoke run of bench/weasyprint_phases.py: one tiny CV, every phase timed, a real PDF laid out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_phase_timer_times_every_phase_of_a_real_render() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "weasyprint_phases.py"), "--pubs", "3", "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)["3"]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from weasyprint_phases import PHASES
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert list(result["phases"]) == list(PHASES)
    assert all(seconds >= 0 for seconds in result["phases"].values())
    # WeasyPrint's own steps ran (the wrapped functions were called): layout and import take time.
    assert result["phases"]["layout"] > 0 and result["phases"]["import WeasyPrint"] > 0
    assert result["pages"] >= 1 and result["bytes"] > 1000
