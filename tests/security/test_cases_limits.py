"""Hardening II, item 5: deep emphasis and recursing theme macros are refused with their line (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cvgen
from cvgen.cli import cli
from cvgen.errors import RenderError
from cvgen.model.markup import MAX_MARKUP_DEPTH
from tests.security.test_cases_templates import html_theme, tex_theme


@pytest.mark.parametrize("depth", [2 * MAX_MARKUP_DEPTH + 2, 1000])  # asterisks: two make one strong level
def test_deep_emphasis_is_refused_with_its_line_and_field(tmp_path: Path, depth: int) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text("person:\n  name: A. B\npublications:\n  - title: T\n    authors: [A. B]\n    date: 2020\n"
                  f"    notes: ['{'*' * depth}x{'*' * depth}']\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(cv)])
    assert result.exit_code == 2
    assert f"cv.yaml:7:13: publications[0].notes[0]: emphasis and links nested more than {MAX_MARKUP_DEPTH} " \
           "levels deep" in result.stderr


def test_emphasis_within_the_limit_is_kept() -> None:
    from cvgen.model.markup import Emph, Strong

    nodes = cvgen.load({"person": {"name": "A. B"}, "summary": "***a** b*"}).summary
    assert isinstance(nodes[0], Emph) and isinstance(nodes[0].children[0], Strong)


@pytest.mark.parametrize(("fmt", "make", "template"), [("html", html_theme, "cv.html.j2"),
                                                       ("latex", tex_theme, "cv.tex.j2")])
def test_a_recursing_theme_macro_is_reported_with_its_template_line(tmp_path: Path, fmt: str, make, template: str) -> None:
    line = ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}" if fmt == "html"
            else "((* macro f(n) *))((( f(n + 1) )))((* endmacro *))((( f(0) )))")
    with pytest.raises(RenderError) as caught:
        cvgen.render({"person": {"name": "A. B"}}, fmt, theme=make(tmp_path / "theme", line))
    assert f"{template}:4: template error: a macro or include calls itself without end" in str(caught.value)
