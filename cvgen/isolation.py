"""Running untrusted work (a user theme's templates) in a child process with time and memory limits.

Jinja's sandbox stops a template from reaching Python internals, but not from looping forever or
building a gigabyte string. A render with a user theme therefore runs in a forked child with an
address-space limit and a deadline; when either is hit the child is killed and the render fails
alone, with a clear message, while the rest of a batch goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import resource
import signal
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


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
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
        conn.send_bytes(pickle.dumps(result))
    except Exception as exc:  # noqa: BLE001 - an unpicklable exception is reported by its text
        conn.send_bytes(pickle.dumps(("error", RenderError(f"{type(result[1]).__name__}: {result[1]}" if result[0] == "error" else str(exc)))))
    finally:
        conn.close()
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
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, memory), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise RenderError(f"{what} took longer than {timeout:g} s and was stopped (a runaway template?)")
        try:
            status, value = pickle.loads(parent.recv_bytes())
        except EOFError:
            raise RenderError(f"{what} was killed (out of memory or crashed)") from None
    finally:
        if proc.is_alive():
            os.kill(proc.pid, signal.SIGKILL)
        proc.join(5)
        parent.close()
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]
