"""Hardening II: built-in themes render under the user-theme limits in cvgen's own processes (issue 15, item 5).

The limits are applied in place (an address-space cap and a timer), not by forking each render,
which measured 0.3 s more per PDF and 0.7 s more per Typst PDF on the example CV.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sijia_liu.yaml"


def _cvgen(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cvgen", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env}, cwd=cwd, check=False)


def test_a_builtin_render_past_the_deadline_is_stopped_with_a_message(tmp_path: Path) -> None:
    """A deadline of 1 ms: every PDF render of the example takes longer (no clock race: it cannot be faster)."""
    out = tmp_path / "cv.pdf"
    result = _cvgen("render", str(EXAMPLE), "-f", "pdf", "-o", str(out), env={"CVGEN_THEME_TIMEOUT": "0.001"}, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "error: pdf render took longer than 0.001 s and was stopped" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="address-space limits as on Linux")
def test_a_builtin_render_past_the_memory_limit_fails_alone_in_a_batch(tmp_path: Path) -> None:
    """150 MB of address space is less than WeasyPrint needs: each worker fails, reported per CV, nothing written."""
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    (cvs / "b.yaml").write_bytes(EXAMPLE.read_bytes())
    result = _cvgen("render", str(cvs), "-f", "pdf", "-j", "2", "-o", f"{tmp_path}/out/",
                    env={"CVGEN_THEME_MEMORY_MB": "150"}, cwd=tmp_path)
    assert result.returncode == 1
    assert "0 rendered, 2 failed" in result.stderr and "Traceback" not in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_the_same_render_within_the_limits_succeeds(tmp_path: Path) -> None:
    out = tmp_path / "cv.html"
    result = _cvgen("render", str(EXAMPLE), "-f", "html", "-o", str(out), env={"CVGEN_THEME_TIMEOUT": "60"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def test_a_program_importing_cvgen_keeps_its_own_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """In someone else's process cvgen changes no limit: the tiny deadline does not apply there."""
    import resource

    import cvgen

    monkeypatch.setenv("CVGEN_THEME_TIMEOUT", "0.001")
    before = resource.getrlimit(resource.RLIMIT_AS)
    assert cvgen.render(EXAMPLE, "html").startswith(b"<!DOCTYPE html>")
    assert resource.getrlimit(resource.RLIMIT_AS) == before
