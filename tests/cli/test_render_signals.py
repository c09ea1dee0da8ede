"""Hardening II, item 7: ``cvgen render … -j N`` stopped by SIGTERM, SIGHUP or SIGKILL leaves no worker behind.

The workers once outlived the command and finished their CVs about 20 s later, replacing a later
run's outputs with older ones. The child here is the real command, started through a hook (as in
``tests/security/test_cases_runs.py``): a worker about to rename its finished HTML into place writes
its process id, prints READY and waits, so the signal never races the clock. After the command has
exited, the test waits longer than the held worker would have waited and checks that no file landed
and that no worker is still alive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.security.test_cases_runs import wait_for_ready

HOOKED = """
import os, sys, time

real_replace = os.replace

def replace(src, dst, *args, **kwargs):
    if str(dst).endswith(".html"):
        with open(os.environ["CVGEN_TEST_PIDS"], "a") as fh:
            fh.write(f"{os.getpid()}\\n")
        sys.stderr.write("READY\\n")
        sys.stderr.flush()
        time.sleep(float(os.environ["CVGEN_TEST_HOLD"]))  # the worker is held here, its file not yet in place
    return real_replace(src, dst, *args, **kwargs)

os.replace = replace
sys.argv[0] = "cvgen"
from cvgen.cli import main
main()
"""

HOLD = 6.0
"""How long a held worker waits before writing: the test watches for longer than this."""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            state = next(line for line in fh if line.startswith("State:"))
    except (OSError, StopIteration):
        return False
    return " Z " not in state and "zombie" not in state


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; workers are forked on Linux")
@pytest.mark.parametrize(("sig", "jobs"), [(signal.SIGTERM, "2"), (signal.SIGHUP, "2"), (signal.SIGKILL, "2"),
                                           (signal.SIGTERM, "1")], ids=["term", "hup", "kill", "term-in-process"])
def test_a_stopped_batch_leaves_no_worker_and_no_late_file(tmp_path: Path, sig: int, jobs: str) -> None:
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    for name in ("a", "b", "c", "d"):
        (cvs / f"{name}.yaml").write_text(f"person:\n  name: {name.upper()}. Person\n", encoding="utf-8")
    out, pids = tmp_path / "out", tmp_path / "pids"
    proc = subprocess.Popen([sys.executable, "-c", HOOKED, "render", str(cvs), "-f", "html", "-j", jobs, "-o", f"{out}/"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "CVGEN_TEST_PIDS": str(pids), "CVGEN_TEST_HOLD": str(HOLD)})
    wait_for_ready(proc)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    stderr = proc.stderr.read()
    if sig != signal.SIGKILL:
        assert proc.returncode == 128 + sig, stderr
        assert f"stopped by {signal.Signals(sig).name}" in stderr and "Traceback" not in stderr, stderr
    time.sleep(HOLD + 2)  # a surviving worker would have written its file by now
    assert sorted(p.name for p in out.iterdir()) == []  # no output, and no temporary file left either
    workers = [int(line) for line in pids.read_text(encoding="ascii").split()]
    assert workers and not [pid for pid in workers if _alive(pid)]
