"""Shared fixtures: the reference example, its loaded model and prepared document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cvgen.themes import builtin_themes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "sijia_liu.yaml"
THEMES = builtin_themes()
"""Every built-in theme: the contract tests run against each."""
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_cv():
    from cvgen.loader import load_file

    return load_file(EXAMPLE)


@pytest.fixture(scope="session")
def example_doc(example_cv):
    from cvgen.view import prepare

    return prepare(example_cv)


def require_program(name: str) -> str:
    """The path of a program the test needs; the test command installs them, so absence is a failure."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; run the README's test command (bash scripts/setup.sh --dev)")
    return path
