"""User-theme work runs in a child with limits: a runaway fails alone with a clear error (case 33)."""

from __future__ import annotations

import time

import pytest

from cvgen.errors import RenderError
from cvgen.isolation import run_limited


def _forever() -> None:
    while True:
        pass


def _huge() -> str:
    return "x" * (4 * 1024**3)


def _boom() -> None:
    raise ValueError("bad value")


def test_result_comes_back() -> None:
    assert run_limited(sorted, [3, 1, 2]) == [1, 2, 3]


def test_endless_loop_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(RenderError, match="longer than"):
        run_limited(_forever, timeout=1)
    assert time.monotonic() - start < 10


def test_memory_limit() -> None:
    with pytest.raises(RenderError, match="memory"):
        run_limited(_huge, memory=512 * 1024**2)


def test_exception_is_raised_in_parent() -> None:
    with pytest.raises(ValueError, match="bad value"):
        run_limited(_boom)
