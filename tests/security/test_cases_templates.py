"""BAD_INPUTS 32-34: user themes that try to escape Jinja's sandbox, run away, or use undefined names.

A user theme is a folder given with ``--theme`` (or ``settings.theme``). Its templates run in an
immutable Jinja sandbox with undefined names as errors, inside a forked child with a deadline and
an address-space limit (cvgen.isolation), so each failure is one clear RenderError naming the
template and the line, and a batch goes on with the other CVs.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import cvgen
from cvgen.errors import RenderError
from cvgen.isolation import MEMORY_ENV, TIMEOUT_ENV

CV = {"person": {"name": "Ada Lovelace"}, "summary": "Mathematician."}
HTML_HEAD = "<!DOCTYPE html>\n<html><head><title>{{ meta.title }}</title></head>\n<body>\n"
TEX_HEAD = "\\documentclass{article}\n\\begin{document}\n((( header.name )))\n"


def html_theme(folder: Path, body_line: str) -> Path:
    """A user theme whose cv.html.j2 has ``body_line`` on line 4."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cv.html.j2").write_text(HTML_HEAD + body_line + "\n</body></html>\n", encoding="utf-8")
    (folder / "style.css").write_text("body { font-family: serif; }\n", encoding="utf-8")
    return folder


def tex_theme(folder: Path, body_line: str) -> Path:
    """A user theme whose cv.tex.j2 has ``body_line`` on line 4."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cv.tex.j2").write_text(TEX_HEAD + body_line + "\n\\end{document}\n", encoding="utf-8")
    return folder


def failure(fmt: str, theme: Path) -> str:
    with pytest.raises(RenderError) as caught:
        cvgen.render(CV, fmt, theme=theme)
    return str(caught.value)


# ----------------------------------------------------------------------------- 32: sandbox escapes

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''|attr('__class__')|attr('__mro__') }}",
    "{{ header|attr('__init__')|attr('__globals__') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ '{0.__class__.__mro__}'.format(header) }}",
    "{{ doc.sections.__class__ }}",
    "{% set x = doc.sections.__len__ %}{{ x() }}",
    "{{ meta.keywords.__class__.__base__.__subclasses__() }}",
]


@pytest.mark.parametrize("attack", ESCAPES, ids=range(len(ESCAPES)))
def test_sandbox_escape_is_a_security_error_naming_template_and_line(tmp_path: Path, attack: str) -> None:
    message = failure("html", html_theme(tmp_path / "theme", attack))
    assert "cv.html.j2:4:" in message and "security error" in message, message
    assert "theme 'theme'" in message


def test_mutating_the_document_is_refused(tmp_path: Path) -> None:
    """The immutable sandbox: a template cannot change the lists it is given (e.g. for the next format)."""
    message = failure("html", html_theme(tmp_path / "theme", "{% set xs = [1] %}{{ xs.append(2) }}"))
    assert "cv.html.j2:4:" in message and ("security error" in message or "unsafe" in message), message


def test_latex_theme_escape_names_its_template(tmp_path: Path) -> None:
    message = failure("latex", tex_theme(tmp_path / "theme", "((( ''.__class__.__mro__ )))"))
    assert "cv.tex.j2:4:" in message and "security error" in message, message


def test_pdf_theme_escape_names_its_template(tmp_path: Path) -> None:
    message = failure("pdf", html_theme(tmp_path / "theme", "{{ ''|attr('__class__') }}"))
    assert "cv.html.j2:4:" in message and "security error" in message, message


# ----------------------------------------------------------------------------- 33: runaway templates

FOREVER = "{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}{% endfor %}{% endfor %}{% endfor %}"
GIGABYTES = "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"


def test_endless_template_is_stopped_by_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "2")
    start = time.monotonic()
    message = failure("html", html_theme(tmp_path / "theme", FOREVER))
    assert "took longer than 2 s and was stopped" in message and "theme 'theme'" in message
    assert time.monotonic() - start < 15


def test_gigabyte_string_is_stopped_by_the_memory_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "60")
    start = time.monotonic()
    message = failure("html", html_theme(tmp_path / "theme", GIGABYTES))
    assert "more memory than allowed" in message or "out of memory" in message, message
    assert time.monotonic() - start < 60


def test_limits_from_the_environment_are_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MEMORY_ENV, "lots")
    with pytest.raises(RenderError, match="CVGEN_THEME_MEMORY_MB='lots' is not a number"):
        cvgen.render(CV, "html", theme=html_theme(tmp_path / "theme", "{{ header.name }}"))


def test_runaway_theme_fails_alone_in_a_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "2")
    theme = html_theme(tmp_path / "runaway", FOREVER)
    sources = []
    for i in range(4):
        path = tmp_path / f"cv{i}.yaml"
        extra = f"settings:\n  theme: {theme}\n" if i == 1 else ""
        path.write_text(f"person:\n  name: Person {i}\n{extra}", encoding="utf-8")
        sources.append(path)
    out = tmp_path / "out"
    out.mkdir()
    results = cvgen.render_many(sources, ["html"], output_dir=out, jobs=2)
    by_source = {r.source.name: r for r in results}
    assert [name for name, r in sorted(by_source.items()) if not r.ok] == ["cv1.yaml"]
    assert "took longer than" in by_source["cv1.yaml"].error
    assert sorted(p.name for p in out.iterdir()) == ["cv0.html", "cv2.html", "cv3.html"]
    assert all(f"Person {i}" in (out / f"cv{i}.html").read_text() for i in (0, 2, 3))


# ----------------------------------------------------------------------------- 34: undefined names


@pytest.mark.parametrize(("fmt", "make", "line"), [
    ("html", html_theme, "<p>{{ header.nickname }}</p>"),
    ("html", html_theme, "<p>{{ no_such_variable }}</p>"),
    ("latex", tex_theme, "((( no_such_variable )))"),
], ids=["missing-attribute", "html-variable", "latex-variable"])
def test_undefined_name_is_an_error_naming_template_and_line(tmp_path: Path, fmt: str, make, line: str) -> None:
    message = failure(fmt, make(tmp_path / "theme", line))
    template = "cv.html.j2" if fmt == "html" else "cv.tex.j2"
    assert f"{template}:4: template error:" in message, message
    assert "is undefined" in message or "has no attribute 'nickname'" in message, message


def test_undefined_name_in_a_loop_that_never_runs_is_no_error(tmp_path: Path) -> None:
    """Strictness is about what is printed, not about names a template never reaches."""
    html = cvgen.render(CV, "html", theme=html_theme(tmp_path / "theme", "{% for x in [] %}{{ nope }}{% endfor %}ok"))
    assert b"ok" in html
