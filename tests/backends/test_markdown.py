"""Markdown output: escaping, structure (parsed back with a CommonMark parser), fragments."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from cvgen.backends import registry
from cvgen.backends.base import RenderOptions
from cvgen.backends.markdown import MarkdownBackend, escape
from cvgen.loader import load
from cvgen.themes import resolve_theme
from cvgen.view import prepare
from tests.seed_facts import missing_facts


def render(doc, fragment: bool = False) -> str:
    return MarkdownBackend().render(doc, resolve_theme("classic"), RenderOptions(fragment=fragment))


def to_html(md: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(md)


def visible(md: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", to_html(md)))


def test_registered_with_alias_and_suffix() -> None:
    backend = registry.get("md")
    assert backend.name == "markdown" and backend.suffix == ".md" and backend.check() is None
    assert registry.get("markdown").__class__ is MarkdownBackend


@pytest.mark.parametrize(
    "text",
    ["C++ and C#", "*nix", "snake_case_name", "2*3*4", "<script>alert(1)</script>", "[x](javascript:alert(1))",
     "& % $ # _ { } ~ ^ \\ < > | \" ' --", "{{ site.url }} {% include x %}", "&copy; &#169;", "# not a heading",
     "- not a list", "1. not a list", "> not a quote", "---", "a\nb", "`code`", "~~gone~~", "$$x$$", "| a | b |"],
)
def test_escape_shows_text_literally(text: str) -> None:
    md = escape(text)
    assert "{{" not in md and "{%" not in md  # Liquid never sees a tag
    rendered = to_html(f"* {md}")
    assert rendered.startswith("<ul>\n<li>") and rendered.count("<li>") == 1
    assert not re.search(r"<(?!/?(ul|li)>)", rendered), rendered  # no element but the list item
    assert visible(f"* {md}").strip() == " ".join(text.split("\n"))


def test_whole_cv_has_every_seed_fact(example_doc) -> None:
    md = render(example_doc)
    assert md.startswith('---\ntitle: "Sijia Liu — Curriculum Vitae"\n')
    assert missing_facts(visible(md)) == []


def test_owner_bold_markers_superscript_numbers_in_order(example_doc) -> None:
    md = render(example_doc)
    assert "**S.\u00a0Liu**" in md  # initials tied to the surname (issue 21)
    for other in ("Y. Liu", "G. Liu", "J. Liu"):
        assert f"**{other}**" not in md
    assert "Y.\u00a0Zhang<sup>†,\\*</sup>" in md
    labels = re.findall(r"^\* (P\d)\. ", md, flags=re.M)
    assert labels == ["P5", "P4", "P3", "P2", "P1"] * 2
    assert re.findall(r"^\* (T\d)\. ", md, flags=re.M) == [f"T{i}" for i in range(1, 8)]
    assert "\\* denotes equal contribution; † denotes student authors **under my supervision**." in md
    html = to_html(md)
    assert "<strong>S.\u00a0Liu</strong>" in html and "<sup>†,*</sup>" in html
    assert "<h3>Five Representative Publications in <em>Trustworthy ML</em></h3>" in html


def test_fragment_is_the_publication_list_only(example_doc) -> None:
    md = render(example_doc, fragment=True)
    assert md.startswith("### Selected Publications\n")
    assert "Education" not in md and "Selected Talks" not in md and "---" not in md
    assert "**Five Representative Publications in *Trustworthy ML***" in md
    assert "<em>Trustworthy ML</em>" in to_html(md)


def test_abstracts_links_and_awards() -> None:
    cv = load({
        "person": {"name": "A. Quill"},
        "publications": [{"title": "T", "authors": ["A. Quill"], "date": 2024, "abstract": "We show *x* < y.",
                          "awards": ["Best Paper"], "links": [{"label": "Code", "url": "https://e.org/a_(b)"}]}],
        "settings": {"publications": {"show_abstracts": True}},
    })
    md = render(prepare(cv))
    assert "[Code](https://e.org/a_%28b%29)" in md
    assert '**<span style="color:red">Best Paper</span>**' in md
    html = to_html(md)
    assert "<blockquote>" in html and "We show <em>x</em> &lt; y." in html
