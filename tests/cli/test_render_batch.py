"""``cvgen render`` with many files and ``--jobs``: per-file failures, summary, progress only on a terminal."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from tests.test_batch import BROKEN_CV, crashy, write_cvs  # noqa: F401 - crashy is a fixture

BAR = "━"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def test_200_files_with_jobs_2_render_199_and_report_the_broken_one(tmp_path: Path) -> None:
    paths = write_cvs(tmp_path / "cvs", 200)
    paths[123].write_text(BROKEN_CV, encoding="utf-8")

    code, out, err = run(str(tmp_path / "cvs"), "-f", "html", "-j", "2", "-o", str(tmp_path / "out") + "/")

    assert code == 2  # the only failure is bad input
    assert out.count("wrote ") == 199
    assert f"{paths[123]}:6:" in err  # the located problem: file:line:col
    assert "199 rendered, 1 failed:" in err
    assert f"  {paths[123]}:6:" in err.split("199 rendered, 1 failed:")[1]  # the summary names the file and why
    assert BAR not in err and "\x1b[" not in err  # no progress bar when stderr is not a terminal
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".html")
    assert len(written) == 199 and "cv_123.html" not in written
    assert "Person Number7" in html.unescape((tmp_path / "out" / "cv_007.html").read_text(encoding="utf-8"))


def test_a_crashing_worker_fails_only_its_file_with_status_1(tmp_path: Path, crashy: str) -> None:  # noqa: F811
    write_cvs(tmp_path / "cvs", 5, names={2: "Crash Dummy"})
    code, out, err = run(str(tmp_path / "cvs"), "-f", crashy, "-j", "2", "-o", str(tmp_path / "out"))
    assert code == 1
    assert out.count("wrote ") == 4
    assert "cv_002.yaml crashed (exit status 7)" in err
    assert "4 rendered, 1 failed:" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"cv_00{i}.txt" for i in (0, 1, 3, 4)]


def test_single_file_keeps_its_behaviour(tmp_path: Path) -> None:
    [cv] = write_cvs(tmp_path, 1)
    code, out, err = run(str(cv), "-f", "html")
    assert code == 0 and out.strip() == f"wrote {cv.with_suffix('.html')}"
    assert "rendered" not in err  # no batch summary for one file
    code, out, _ = run(str(cv), "-f", "html", "-o", str(tmp_path / "named.html"))
    assert code == 0 and (tmp_path / "named.html").read_text(encoding="utf-8").count("Person Number0") >= 1
    cv.write_text(BROKEN_CV, encoding="utf-8")
    code, out, err = run(str(cv), "-f", "html")
    assert code == 2 and f"{cv}:6:" in err and "1 problem found; nothing was written." in err


def test_without_a_terminal_rich_is_never_imported(tmp_path: Path) -> None:
    write_cvs(tmp_path / "cvs", 3)
    script = (
        "import sys\nfrom click.testing import CliRunner\nfrom cvgen.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['render', {str(tmp_path / 'cvs')!r}, '-f', 'html', '-j', '2'])\n"
        "print(r.exit_code, 'rich' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_a_progress_bar_is_shown(tmp_path: Path) -> None:
    write_cvs(tmp_path / "cvs", 4)
    primary, secondary = os.openpty()
    cvgen = Path(sys.executable).with_name("cvgen")
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.run(
        [str(cvgen), "render", str(tmp_path / "cvs"), "-f", "html", "-j", "2"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary, env=env, timeout=120,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    tty = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "rendering" in tty and "4/4" in tty and BAR in tty
    assert "4 rendered, 0 failed." in tty
