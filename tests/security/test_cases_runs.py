"""BAD_INPUTS 39-42: reproducible output, output paths that fail, and interrupted renders.

39: the reference example rendered by two separate ``cvgen render`` processes gives byte-identical
files in every format; SOURCE_DATE_EPOCH sets the only date an output records (DOCX properties).
41: a full disk and a read-only folder are real here: a tiny tmpfs in a private mount namespace
(``unshare -m``; skipped where namespaces are not allowed, tests/test_output.py simulates both).
42: Ctrl-C (SIGINT) or SIGKILL in the middle of a render leaves no file under the final name. The child
says when it is mid-render (a hook prints READY and waits), so the signal never races the clock.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

pytestmark = pytest.mark.e2e

FORMATS = ("pdf", "docx", "latex", "html", "markdown", "text")
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "latex": ".tex", "html": ".html", "markdown": ".md", "text": ".txt"}


def cvgen_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "cvgen", *args]


def render_all(out: Path, env: dict[str, str] | None = None) -> dict[str, bytes]:
    out.mkdir(parents=True)
    proc = subprocess.run(cvgen_cmd("render", str(EXAMPLE), "-f", ",".join(FORMATS), "-o", f"{out}/"),
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    files = {p.suffix: p.read_bytes() for p in out.iterdir()}
    return {fmt: files[SUFFIXES[fmt]] for fmt in FORMATS}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("runs")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    first = render_all(base / "first", env)
    second = render_all(base / "second", env)
    third = render_all(base / "epoch", {**env, "SOURCE_DATE_EPOCH": "1700000000"})
    return first, second, third


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_processes_give_identical_bytes(two_runs, fmt: str) -> None:
    first, second, _ = two_runs
    assert len(first[fmt]) > 1000
    assert first[fmt] == second[fmt]


def test_source_date_epoch_is_the_only_date_recorded(two_runs) -> None:
    first, _, epoch = two_runs
    for fmt in ("pdf", "latex", "html", "markdown", "text"):
        assert first[fmt] == epoch[fmt], f"{fmt} depends on the clock or SOURCE_DATE_EPOCH"
    assert b"/CreationDate" not in first["pdf"] and b"/ModDate" not in first["pdf"]
    with zipfile.ZipFile(io.BytesIO(epoch["docx"])) as z:
        core = z.read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core  # 1700000000
    with zipfile.ZipFile(io.BytesIO(first["docx"])) as z:
        assert "1980-01-01T00:00:00Z" in z.read("docProps/core.xml").decode()


# ----------------------------------------------------------------------------- 41: full disk, read-only

SHELL = """
set -e
mount -t tmpfs -o size={size} tmpfs "$D"
printf 'old good output' > "$D/cv.pdf"
{remount}
set +e
"$PY" -m cvgen render "$CV" -f pdf -o "$D/cv.pdf" 2> "$ERR"
echo "rc=$?"
echo "content=$(cat "$D/cv.pdf")"
echo "files=$(ls -A "$D" | tr '\\n' ' ')"
"""


def in_private_tmpfs(tmp_path: Path, size: str, remount: str) -> tuple[dict[str, str], str]:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no mount namespaces here; tests/test_output.py covers this by simulation")
    folder, err = tmp_path / "mnt", tmp_path / "stderr.txt"
    folder.mkdir()
    env = {**os.environ, "D": str(folder), "PY": sys.executable, "CV": str(EXAMPLE), "ERR": str(err)}
    proc = subprocess.run([unshare, "-m", "sh", "-c", SHELL.format(size=size, remount=remount)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    fields = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    return fields, err.read_text()


def test_full_disk_is_a_clear_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    fields, stderr = in_private_tmpfs(tmp_path, "40k", "")
    assert fields["rc"] == "1", stderr
    assert "the disk is full" in stderr and "Traceback" not in stderr
    assert fields["content"] == "old good output"
    assert fields["files"].split() == ["cv.pdf"]  # no .part left behind


def test_read_only_folder_is_a_clear_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    fields, stderr = in_private_tmpfs(tmp_path, "1m", 'mount -o remount,ro "$D"')
    assert fields["rc"] == "1", stderr
    assert "read-only file system" in stderr and "Traceback" not in stderr
    assert fields["content"] == "old good output"
    assert fields["files"].split() == ["cv.pdf"]


# ----------------------------------------------------------------------------- 42: interrupted renders

BIG_CV = "person:\n  name: Ada Lovelace\npublications:\n" + "".join(
    f"  - {{title: Paper number {i} with a rather long title, authors: [A. Lovelace, B. Other], venue: J, date: 2001}}\n"
    for i in range(300)
)

# The child is the real `cvgen render`, started through a hook that says where it is instead of the test
# guessing from the clock. At the chosen moment the hook prints READY on stderr and then waits, still inside
# the render, until a signal arrives. "layout": WeasyPrint has laid out two pages and is about to lay out the
# next. "rename": the PDF is fully written to its temporary file and about to be renamed to the final name
# (the last moment a partial file could be left behind).
HOOKED_CVGEN = """
import os, sys, time

def hold():
    sys.stderr.write("READY\\n")
    sys.stderr.flush()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the signal ends this wait (Ctrl-C raises KeyboardInterrupt here)
        time.sleep(0.05)

stage = os.environ["CVGEN_TEST_HOLD_AT"]
if stage == "layout":
    import weasyprint.document

    real_layout = weasyprint.document.layout_document

    def layout_document(*args, **kwargs):
        for number, page in enumerate(real_layout(*args, **kwargs)):
            if number == 1:
                hold()
            yield page

    weasyprint.document.layout_document = layout_document
elif stage == "rename":
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(".pdf"):
            hold()
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace
sys.argv[0] = "cvgen"
from cvgen.cli import main
main()
"""


def wait_for_ready(proc: subprocess.Popen, timeout: float = 300) -> None:
    """Block until the child prints READY on stderr (fail if it exits or stays silent too long)."""
    ready = threading.Event()

    def watch() -> None:
        for line in proc.stderr:
            if line.strip() == "READY":
                ready.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    if not ready.wait(timeout):
        proc.kill()
        pytest.fail(f"cvgen never reached the hook (exit status {proc.wait()})")


@pytest.mark.parametrize(("sig", "stage"), [(signal.SIGINT, "layout"), (signal.SIGINT, "rename"),
                                            (signal.SIGKILL, "layout")], ids=["ctrl-c-layout", "ctrl-c-rename", "kill"])
def test_interrupted_render_leaves_no_file_under_the_final_name(tmp_path: Path, sig: int, stage: str) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(BIG_CV, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"unrelated older output")
    target = out / "big.pdf"
    proc = subprocess.Popen([sys.executable, "-c", HOOKED_CVGEN, "render", str(source), "-f", "pdf", "-o", str(target)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "CVGEN_TEST_HOLD_AT": stage})
    wait_for_ready(proc)
    if stage == "rename":
        assert any(p.name.endswith(".part") for p in out.iterdir()), "the hook fired before the PDF was written"
    proc.send_signal(sig)
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert not target.exists()
    assert sorted(p.name for p in out.iterdir()) == ["old.pdf"]  # no partial file, nothing else touched
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "Traceback" not in stderr, stderr
        assert "interrupted" in stderr.lower(), stderr
