"""The on-disk cache of compiled built-in templates can speed a run up and can change nothing else."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from cvgen.template_cache import bytecode_cache, cache_root

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = {"trim_blocks": True, "finalize": str}


def _env(templates: Path, cache: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache, **OPTIONS)  # type: ignore[arg-type]


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "cv.txt.j2").write_text("{% for x in items %}<{{ x }}>{% endfor %}\n", encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(folder))
    return folder


def _cached_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("templates-*/*.cache"))


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the template was compiled although its code was cached")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_a_second_environment_reuses_the_compiled_code(templates: Path, cache_dir: Path, monkeypatch) -> None:
    first = _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[1, 2])
    assert first == "<1><2>"
    assert len(_cached_files(cache_dir)) == 1
    _no_compiling(monkeypatch)
    again = _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[1, 2])
    assert again == first


def test_an_edited_template_is_compiled_again(templates: Path, cache_dir: Path) -> None:
    _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[1])
    (templates / "cv.txt.j2").write_text("{{ items|length }} items\n", encoding="utf-8")
    assert _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[1]) == "1 items"


def test_other_settings_or_kinds_never_share_compiled_code(templates: Path, cache_dir: Path) -> None:
    _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[1])
    _env(templates, bytecode_cache("latex", OPTIONS)).get_template("cv.txt.j2").render(items=[1])
    _env(templates, bytecode_cache("text", {**OPTIONS, "trim_blocks": False})).get_template("cv.txt.j2").render(items=[1])
    assert len(_cached_files(cache_dir)) == 3


@pytest.mark.parametrize("damage", [b"", b"j2 not a cache", b"\x00" * 40, "truncate"])
def test_a_damaged_file_is_a_missing_file(templates: Path, cache_dir: Path, damage: object) -> None:
    expected = _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[3])
    (cached,) = _cached_files(cache_dir)
    good = cached.read_bytes()
    cached.write_bytes(good[: len(good) // 2] if damage == "truncate" else damage)  # type: ignore[arg-type]
    assert _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[3]) == expected
    assert cached.read_bytes() == good  # rewritten whole


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX permissions (root writes anywhere)")
def test_a_read_only_cache_folder_is_only_read(templates: Path, cache_dir: Path) -> None:
    _env(templates, bytecode_cache("text", OPTIONS))  # makes the folders
    for folder in (cache_dir, *cache_dir.iterdir()):
        folder.chmod(0o500)
    try:
        out = _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[4])
    finally:
        for folder in (cache_dir, *cache_dir.iterdir()):
            folder.chmod(0o700)
    assert out == "<4>" and _cached_files(cache_dir) == []


@pytest.mark.parametrize("failing", ["replace", "mkstemp"])
def test_a_cache_write_that_fails_leaves_no_file(templates: Path, cache_dir: Path, monkeypatch, failing: str) -> None:
    """A full disk (the rename) or a read-only folder (the temporary file): the run goes on uncached."""
    import tempfile

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device") if failing == "replace" else PermissionError(13, "Permission denied")

    monkeypatch.setattr(*(os, "replace") if failing == "replace" else (tempfile, "mkstemp"), refused)
    assert _env(templates, bytecode_cache("text", OPTIONS)).get_template("cv.txt.j2").render(items=[5]) == "<5>"
    assert list(cache_dir.rglob("*")) == [next(cache_dir.iterdir())]  # the folder, no file, no temporary


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(shared))
    assert bytecode_cache("text", OPTIONS) is None
    assert stat.S_IMODE(shared.stat().st_mode) == 0o777  # left as it was


def test_a_path_that_is_a_file_or_off_means_no_cache(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CVGEN_CACHE_DIR", str(blocker))
    assert bytecode_cache("text", OPTIONS) is None
    monkeypatch.setenv("CVGEN_CACHE_DIR", "off")
    assert cache_root() is None and bytecode_cache("text", OPTIONS) is None


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CVGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if os.name != "nt":
        assert cache_root() == tmp_path / "cvgen"


def test_renders_with_and_without_the_cache_are_identical(tmp_path: Path) -> None:
    """Three fresh processes on the built-in theme: no cache, filling the cache, reading it."""
    example = ROOT / "examples" / "sijia_liu.yaml"
    outputs = []
    for run, cache in enumerate(("off", str(tmp_path / "cache"), str(tmp_path / "cache"))):
        out = tmp_path / f"run{run}"
        env = {**os.environ, "CVGEN_CACHE_DIR": cache}
        subprocess.run([sys.executable, "-m", "cvgen", "render", str(example), "-f", "latex,html,pdf-typst", "-o", f"{out}/"],
                       check=True, capture_output=True, env=env, timeout=300)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(_cached_files(tmp_path / "cache")) == 3  # the three templates
    assert outputs[0] == outputs[1] == outputs[2]


def test_user_themes_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's own templates compile in the sandbox every time; only built-in ones use the cache."""
    import shutil

    from cvgen.backends.html import _environment
    from cvgen.themes import builtin_dir, resolve_theme

    monkeypatch.setenv("CVGEN_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(builtin_dir() / "classic", tmp_path / "mine")
    assert _environment(resolve_theme(tmp_path / "mine")).bytecode_cache is None
    assert _environment(resolve_theme("classic")).bytecode_cache is not None
