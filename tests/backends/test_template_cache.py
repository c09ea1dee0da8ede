"""Compiled templates on disk (cvgen.backends.template_cache): reused, never stale, never a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from cvgen.backends.template_cache import CACHE_ENV, bytecode_cache, cache_root
from tests.conftest import ROOT

OPTIONS = {"autoescape": True}


class CountingEnvironment(jinja2.Environment):
    """Counts how often a template's source is parsed (what the cache saves)."""

    parses = 0

    def _parse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        type(self).parses += 1
        return super()._parse(*args, **kwargs)


def _render(templates: Path, cache: object) -> str:
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache, **OPTIONS)
    return env.get_template("t.j2").render(name="<Ada>")


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("Hello {{ name }}{% for i in range(2) %}!{% endfor %}", encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    CountingEnvironment.parses = 0
    return tmp_path / "cache"


def test_a_second_environment_loads_the_compiled_code(templates: Path, cache_dir: Path) -> None:
    assert _render(templates, bytecode_cache("t", OPTIONS)) == "Hello &lt;Ada&gt;!!"
    assert CountingEnvironment.parses == 1
    assert len(list(cache_dir.rglob("*.cache"))) == 1
    assert _render(templates, bytecode_cache("t", OPTIONS)) == "Hello &lt;Ada&gt;!!"
    assert CountingEnvironment.parses == 1  # the second one did not parse


def test_an_edited_template_is_compiled_again(templates: Path, cache_dir: Path) -> None:
    _render(templates, bytecode_cache("t", OPTIONS))
    (templates / "t.j2").write_text("Bye {{ name }}", encoding="utf-8")
    assert _render(templates, bytecode_cache("t", OPTIONS)) == "Bye &lt;Ada&gt;"
    assert CountingEnvironment.parses == 2


@pytest.mark.parametrize("garbage", [b"", b"j2\x00\x00", b"\x00" * 40, b"not a cache at all" * 10])
def test_a_corrupt_file_is_ignored(templates: Path, cache_dir: Path, garbage: bytes) -> None:
    _render(templates, bytecode_cache("t", OPTIONS))
    for file in cache_dir.rglob("*.cache"):
        file.write_bytes(garbage)
    assert _render(templates, bytecode_cache("t", OPTIONS)) == "Hello &lt;Ada&gt;!!"


def test_a_cache_that_cannot_be_created_or_written_is_no_failure(templates: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder inside a file cannot exist
    assert bytecode_cache("t", OPTIONS) is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    cache = bytecode_cache("t", OPTIONS)
    folder = Path(cache.directory)
    folder.rmdir()
    folder.write_text("now a file", encoding="utf-8")  # writing the compiled code fails
    assert _render(templates, cache) == "Hello &lt;Ada&gt;!!"


def test_other_options_or_kinds_never_share_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    folders = {bytecode_cache(kind, options).directory
               for kind, options in [("html", OPTIONS), ("html", {"autoescape": False}), ("tex", OPTIONS)]}
    assert len(folders) == 3


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_root() is None and bytecode_cache("t", OPTIONS) is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_root() == tmp_path / "cvgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_root() == Path.home() / ".cache" / "cvgen"


def test_the_html_page_is_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    """Fresh processes (as a user runs cvgen): cache off, first use (writes it), second use (reads it)."""
    script = (
        "import hashlib, sys, cvgen\n"
        f"page = cvgen.render({str(ROOT / 'examples' / 'sijia_liu.yaml')!r}, 'html', theme='modern')\n"
        "print(hashlib.sha256(page).hexdigest())\n"
    )
    digests = []
    for setting in ("", str(tmp_path), str(tmp_path)):
        env = {**os.environ, CACHE_ENV: setting}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                             check=True, env=env)
        digests.append(run.stdout.strip())
        if not setting:
            assert not list(tmp_path.rglob("*.cache"))
    assert len(set(digests)) == 1
    assert len(list(tmp_path.rglob("*.cache"))) == 1


def test_user_themes_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from cvgen.backends.html import _environment
    from cvgen.themes import builtin_dir, resolve_theme

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    shutil.copytree(builtin_dir() / "classic", tmp_path / "mine")
    assert _environment(resolve_theme(tmp_path / "mine")).bytecode_cache is None
    assert _environment(resolve_theme("classic")).bytecode_cache is not None
