"""`cvgen watch` driven as a user would: a real process, real saves, the real preview server."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CVGEN = Path(sys.executable).with_name("cvgen")
WAIT = 10.0  # seconds: the longest any step may take before the test fails
_RESTORE_SIGINT = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
        return response.read().decode("utf-8")


class Watcher:
    """A `cvgen watch` process and what it printed."""

    def __init__(self, folder: Path, *args: str) -> None:
        command = [str(CVGEN), "watch", "cv.yaml", "--port", "0", *args]
        self.proc = subprocess.Popen(
            # A test runner started in the background inherits an ignored SIGINT, and so would cvgen:
            # restore it before exec, as a terminal would have it, so that Ctrl+C can be tested.
            [sys.executable, "-c", _RESTORE_SIGINT, *command],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()
        self.base = ""

    @staticmethod
    def _pump(stream, sink: list[str]) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            sink.append(line)

    def wait_for(self, predicate, what: str) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}\nstdout: {''.join(self.out)}\nstderr: {''.join(self.err)}")

    def start_preview(self) -> None:
        def url_printed() -> bool:
            m = re.search(r"preview: (http://127\.0\.0\.1:\d+/)", "".join(self.out))
            if m:
                self.base = m.group(1)
            return bool(m) and "watching" in "".join(self.out)

        self.wait_for(url_printed, "the preview URL")

    def version(self) -> dict:
        return json.loads(_fetch(self.base + "version"))

    def stop(self, sig: int = signal.SIGINT) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)


@pytest.fixture
def cv_folder(tmp_path: Path) -> Path:
    starter = Path(__file__).resolve().parents[2] / "cvgen" / "starter.yaml"
    shutil.copy(starter, tmp_path / "cv.yaml")
    return tmp_path


@pytest.fixture
def watcher(cv_folder: Path) -> Iterator[Watcher]:
    w = Watcher(cv_folder, "--format", "html", "-o", "out/")
    try:
        yield w
    finally:
        w.stop()


def _edit(path: Path, old: str, new: str, *, replace: bool) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    if replace:  # as vim and many IDEs save: a new file renamed over the old one
        tmp = path.with_name(".cv.yaml.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    else:
        with open(path, "r+", encoding="utf-8") as fh:
            fh.seek(0)
            fh.truncate()
            fh.write(text)


def test_saves_rerender_and_errors_recover(watcher: Watcher, cv_folder: Path) -> None:
    cv = cv_folder / "cv.yaml"
    written = cv_folder / "out" / "cv.html"
    watcher.start_preview()
    first = watcher.version()
    assert first == {"version": 1, "error": False}
    assert "Ada Lovelace" in _fetch(watcher.base + "cv.html")
    assert "Ada Lovelace" in written.read_text(encoding="utf-8")

    # 1. An in-place write.
    _edit(cv, "name: Ada Lovelace", "name: Ada Inplace Lovelace", replace=False)
    watcher.wait_for(lambda: watcher.version()["version"] >= 2, "a render after an in-place write")
    assert "Ada Inplace Lovelace" in _fetch(watcher.base + "cv.html")
    assert "Ada Inplace Lovelace" in written.read_text(encoding="utf-8")

    # 2. A save that replaces the file by renaming over it.
    seen = watcher.version()["version"]
    _edit(cv, "Ada Inplace Lovelace", "Ada Renamed Lovelace", replace=True)
    watcher.wait_for(lambda: watcher.version()["version"] > seen, "a render after a rename-over save")
    assert "Ada Renamed Lovelace" in _fetch(watcher.base + "cv.html")
    watcher.wait_for(lambda: "Ada Renamed Lovelace" in written.read_text(encoding="utf-8"), "the html file rewritten")

    # 3. A broken save: the error shows (escaped) on the page and in the terminal; the last good CV stays.
    seen = watcher.version()["version"]
    _edit(cv, "name: Ada Renamed Lovelace", "name: Ada <b>Lovelace\n  nmae: typo", replace=True)
    watcher.wait_for(lambda: watcher.version()["error"], "the error to be published")
    assert watcher.version()["version"] > seen
    error = _fetch(watcher.base + "error")
    assert "nmae" in error and "cv.yaml:" in error
    page = _fetch(watcher.base)
    assert "nmae" in page and 'id="error"' in page and " hidden>" not in page.split('id="error"')[1][:20]
    assert "Ada Renamed Lovelace" in _fetch(watcher.base + "cv.html"), "the last good render stays on show"
    watcher.wait_for(lambda: "nmae" in "".join(watcher.err), "the error on stderr")
    assert watcher.proc.poll() is None, "a bad save must not stop the watcher"
    assert "Ada Renamed Lovelace" in written.read_text(encoding="utf-8"), "a bad save never overwrites output"

    # 4. The next good save recovers.
    seen = watcher.version()["version"]
    _edit(cv, "name: Ada <b>Lovelace\n  nmae: typo", "name: Ada <b>Fixed</b> Lovelace", replace=False)
    watcher.wait_for(lambda: not watcher.version()["error"], "recovery")
    assert watcher.version()["version"] > seen
    assert _fetch(watcher.base + "error") == ""
    html = _fetch(watcher.base + "cv.html")
    assert "Ada &lt;b&gt;Fixed&lt;/b&gt; Lovelace" in html, "user text is shown literally"
    assert 'id="error" role="alert" hidden' in _fetch(watcher.base)


def test_preview_is_local_and_the_cv_stays_script_free(watcher: Watcher) -> None:
    watcher.start_preview()
    assert watcher.base.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(watcher.base + "cv.html", timeout=5) as response:  # noqa: S310
        policy = response.headers["Content-Security-Policy"]
        body = response.read().decode("utf-8")
    assert "script-src 'none'" in policy
    assert "<script>" not in body.replace('<script type="application/ld+json">', "")
    wrapper = _fetch(watcher.base)
    assert "<script>" in wrapper and 'sandbox="allow-same-origin allow-popups"' in wrapper
    request = urllib.request.Request(watcher.base + "version", headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310
    assert refused.value.code == 403
    port = int(watcher.base.rsplit(":", 1)[1].strip("/"))
    with open("/proc/net/tcp") as fh:  # listening sockets: only on 127.0.0.1 (0100007F)
        listening = [line.split()[1] for line in fh.readlines()[1:] if line.split()[3] == "0A"]
    mine = [addr for addr in listening if int(addr.split(":")[1], 16) == port]
    assert mine == ["0100007F:" + f"{port:04X}"]


def test_no_serve_writes_files_and_exits_cleanly_on_ctrl_c(cv_folder: Path) -> None:
    w = Watcher(cv_folder, "--no-serve")
    try:
        w.wait_for(lambda: "watching" in "".join(w.out), "the watcher to start")
        assert "preview:" not in "".join(w.out)
        assert "Ada Lovelace" in (cv_folder / "cv.html").read_text(encoding="utf-8")
        _edit(cv_folder / "cv.yaml", "name: Ada Lovelace", "name: Ada Disk Lovelace", replace=True)
        w.wait_for(lambda: "Ada Disk Lovelace" in (cv_folder / "cv.html").read_text(encoding="utf-8"), "cv.html rewritten")
    finally:
        w.stop()
    assert w.proc.returncode == 0, "".join(w.out) + "".join(w.err)
    assert "stopped watching" in "".join(w.out)


def test_user_theme_edits_rerender(cv_folder: Path) -> None:
    from cvgen.themes import builtin_dir

    shutil.copytree(builtin_dir() / "classic", cv_folder / "mytheme")
    w = Watcher(cv_folder, "--theme", "./mytheme")
    try:
        w.start_preview()
        seen = w.version()["version"]
        css = cv_folder / "mytheme" / "style.css"
        css.write_text(css.read_text(encoding="utf-8") + "\nh2 { color: #8b1f3f; }\n", encoding="utf-8")
        w.wait_for(lambda: w.version()["version"] > seen, "a render after a theme edit")
        assert "#8b1f3f" in _fetch(w.base + "cv.html")
    finally:
        w.stop(signal.SIGTERM)
    assert w.proc.returncode == 0 and "stopped watching" in "".join(w.out), "SIGTERM stops cleanly too"


def test_watch_help_has_examples() -> None:
    result = subprocess.run([str(CVGEN), "watch", "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert "Examples:" in result.stdout and "cvgen watch cv.yaml --format pdf" in result.stdout
