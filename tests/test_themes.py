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


def test_manifest_fallbacks_are_read_and_shown(tmp_path: Path) -> None:
    """A theme says where a format cannot do its layout; `cvgen formats --theme` prints it."""
    from click.testing import CliRunner

    from cvgen.cli import cli
    from cvgen.themes import read_manifest

    (tmp_path / "theme.toml").write_text('[fallbacks]\ndocx = "one column, contacts first"\n', encoding="utf-8")
    assert read_manifest(tmp_path).fallbacks == (("docx", "one column, contacts first"),)
    out = CliRunner().invoke(cli, ["formats", "--theme", str(tmp_path)])
    assert out.exit_code == 0 and "docx: one column, contacts first" in out.output


@pytest.mark.parametrize("bad", ['fallbacks = "docx"', '[fallbacks]\ndocx = ""', '[fallbacks]\ndocx = 3'])
def test_bad_manifest_fallbacks_are_refused(tmp_path: Path, bad: str) -> None:
    from cvgen.themes import read_manifest

    (tmp_path / "theme.toml").write_text(bad + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="fallbacks"):
        read_manifest(tmp_path)


def test_own_pages_must_name_a_declared_fallback(tmp_path: Path) -> None:
    """own_pages (no page parity) is only for a format whose fallback layout the manifest explains."""
    from cvgen.themes import read_manifest

    (tmp_path / "theme.toml").write_text('own_pages = ["docx"]\n[fallbacks]\ndocx = "one column"\n', encoding="utf-8")
    assert read_manifest(tmp_path).own_pages == ("docx",)
    (tmp_path / "theme.toml").write_text('own_pages = ["docx"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match="own_pages"):
        read_manifest(tmp_path)


def test_formats_says_which_fallback_breaks_its_own_pages() -> None:
    from click.testing import CliRunner

    from cvgen.cli import cli

    out = CliRunner().invoke(cli, ["formats", "--theme", "sidebar"]).output
    assert "docx: one column" in out and "pages break differently" in out
    out = CliRunner().invoke(cli, ["formats", "--theme", "compact"]).output
    assert "docx: " in out and "pages break differently" not in out
