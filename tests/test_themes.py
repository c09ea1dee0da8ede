"""Theme lookup: built-in names, user folders (sandboxed), clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvgen.errors import UsageError
from cvgen.themes import builtin_themes, resolve_theme


def test_builtin_themes_exist() -> None:
    assert {"classic", "modern"} <= set(builtin_themes())
    theme = resolve_theme("classic")
    assert not theme.user and theme.path.is_dir()


def test_unknown_theme_names_the_known_ones() -> None:
    with pytest.raises(UsageError, match="classic"):
        resolve_theme("no-such-theme")


def test_user_theme_is_sandboxed(tmp_path: Path) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    (tmp_path / "mine").mkdir()
    theme = resolve_theme(tmp_path / "mine")
    assert theme.user
    env = theme.environment("t", autoescape=True)
    assert isinstance(env, SandboxedEnvironment)


def test_missing_theme_file_names_the_format(tmp_path: Path) -> None:
    (tmp_path / "bare").mkdir()
    theme = resolve_theme(str(tmp_path / "bare"))
    with pytest.raises(UsageError, match="cv.tex.j2 needed for latex"):
        theme.file("cv.tex.j2", "latex")


def test_missing_theme_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        resolve_theme(str(tmp_path / "absent/"))
