"""Running untrusted work (a user theme's templates) in a child process with time and memory limits.

Jinja's sandbox stops a template from reaching Python internals, but not from looping forever or
building a gigabyte string. A render with a user theme therefore runs in a forked child with an
address-space limit and a deadline; when either is hit the child is killed and the render fails
alone, with a clear message, while the rest of a batch goes on.

Built-in themes are trusted code, but a huge or hostile CV can still make their layout run long or
grow without bound. In cvgen's own processes (the command line and its batch workers, which call
:func:`own_process`) a built-in render therefore runs under the same limits *in place*
(:func:`in_process_limits`): an address-space cap lowered for the render and a timer, with no fork,
so engines stay loaded between CVs (forking each render cost 0.3 s per PDF and 0.7 s per Typst
PDF, measured on the example CV). In a program that imports cvgen, whose process limits are not
cvgen's to change, built-in renders run without them.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from cvgen.errors import RenderError

T = TypeVar("T")

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY = 2 * 1024**3
"""Address space for the child; WeasyPrint and fonts need a few hundred MB."""
TIMEOUT_ENV, MEMORY_ENV = "CVGEN_THEME_TIMEOUT", "CVGEN_THEME_MEMORY_MB"
"""Environment variables overriding the limits (seconds; megabytes), e.g. for a server or a test."""


def _limit(name: str, default: float, scale: float = 1) -> float:
    value = os.environ.get(name, "").strip()
    try:
        return float(value) * scale if value else default
    except ValueError:
        raise RenderError(f"{name}={value!r} is not a number") from None


def _child(write_fd: int, fn: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    """In the forked child: cap the address space, run, send (status, value) back, and exit."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass
    try:
        result: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        result = ("error", RenderError("the theme's templates used more memory than allowed"))
    except BaseException as exc:  # noqa: BLE001 - sent back to the parent as is
        result = ("error", exc)
    try:
        try:
            payload = pickle.dumps(result)
        except Exception:  # noqa: BLE001 - an unpicklable result or exception is reported by its text
            value = result[1]
            text = f"{type(value).__name__}: {value}" if result[0] == "error" else "the result could not be sent back"
            payload = pickle.dumps(("error", RenderError(text)))
        with os.fdopen(write_fd, "wb") as fh:
            fh.write(payload)
    finally:
        os._exit(0)


def run_limited(
    fn: Callable[..., T], *args: Any, timeout: float | None = None, memory: int | None = None, what: str = "render"
) -> T:
    """Run ``fn(*args)`` in a forked child; return its result or re-raise its exception here.

    Limits default to :data:`DEFAULT_TIMEOUT` and :data:`DEFAULT_MEMORY`, or the environment's
    ``CVGEN_THEME_TIMEOUT`` (seconds) and ``CVGEN_THEME_MEMORY_MB``.
    """
    if timeout is None:
        timeout = _limit(TIMEOUT_ENV, DEFAULT_TIMEOUT)
    if memory is None:
        memory = int(_limit(MEMORY_ENV, DEFAULT_MEMORY, 1024**2))
    # A plain fork rather than multiprocessing.Process: batch workers are daemonic processes, which
    # multiprocessing forbids to have children.
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which reports through the pipe
        os.close(read_fd)
        _child(write_fd, fn, args, memory)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([read_fd], [], [], max(remaining, 0))
            if not ready:
                raise RenderError(f"{what} took longer than {timeout:g} s and was stopped (a runaway template?)")
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    try:
        status, value = pickle.loads(b"".join(chunks))
    except (EOFError, pickle.UnpicklingError):
        raise RenderError(f"{what} was killed (out of memory or crashed)") from None
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]


_OWN_PROCESS = False


def own_process() -> None:
    """Declare this process cvgen's own (the CLI, a batch worker): built-in renders get the limits."""
    global _OWN_PROCESS
    _OWN_PROCESS = True


def _deadline_handler(what: str, timeout: float) -> Callable[[int, Any], None]:
    def expired(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
        raise RenderError(f"{what} took longer than {timeout:g} s and was stopped")
    return expired


@contextlib.contextmanager
def in_process_limits(what: str = "render") -> Any:
    """Run the ``with`` body under the user-theme limits, in this process, when it is cvgen's own.

    The address-space soft limit is lowered for the body and restored after it (a process may raise
    its soft limit back up to the hard one); the deadline is an interval timer, set only in the main
    thread (where Python runs signal handlers).
    """
    if not _OWN_PROCESS or not hasattr(signal, "setitimer"):
        yield
        return
    timeout = _limit(TIMEOUT_ENV, DEFAULT_TIMEOUT)
    memory = int(_limit(MEMORY_ENV, DEFAULT_MEMORY, 1024**2))
    old_as = resource.getrlimit(resource.RLIMIT_AS)
    with contextlib.suppress(ValueError, OSError):
        hard = old_as[1]
        resource.setrlimit(resource.RLIMIT_AS, (memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard))
    timed = threading.current_thread() is threading.main_thread()
    old_handler = signal.signal(signal.SIGALRM, _deadline_handler(what, timeout)) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    except MemoryError:
        raise RenderError(f"{what} used more memory than allowed ({memory // 1024**2} MB)") from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, old_as)
