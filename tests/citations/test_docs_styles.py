"""docs/publications.md's side-by-side styles come from the docs build hook, not from hand-written text."""

from __future__ import annotations

import importlib.util

import yaml

from tests.conftest import ROOT


def _hook():
    spec = importlib.util.spec_from_file_location("mkdocs_citation_styles", ROOT / "scripts" / "mkdocs_citation_styles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_build_renders_three_styles_from_the_example():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "scripts/mkdocs_citation_styles.py" in config["hooks"]
    page = (ROOT / "docs" / "publications.md").read_text(encoding="utf-8")
    assert "<!-- citation-styles: apa ieee vancouver -->" in page
    html = _hook().on_page_markdown(page, None, None, None)
    assert "<!-- citation-styles" not in html
    table = html[html.index('<table class="citation-styles">'):]
    # Each style's own name form for the owner, in bold, once per shown publication.
    for owner in ("Liu, S.", "S. Liu", "Liu S"):
        assert table.count(f'<strong class="owner">{owner}</strong>') == 3
    assert "P5. Zhang, Y.<sup>†,*</sup>" in table and "P5. Y. Zhang<sup>†,*</sup>" in table
