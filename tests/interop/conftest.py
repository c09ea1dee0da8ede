"""Paths of the interop fixtures and of the held-out real-world files (read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interop"
HELDOUT = SHARED / "heldout"


def heldout(*parts: str) -> Path:
    """A held-out file; the test is skipped (with the reason) when the shared folder is not beside the repo."""
    path = HELDOUT.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is not available (the shared/ folder is not next to the repository)")
    return path
