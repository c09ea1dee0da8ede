"""Plain text output for web forms: every fact, no markup, one line per entry."""

from __future__ import annotations

from cvgen.backends import registry
from cvgen.backends.base import RenderOptions
from cvgen.backends.text import TextBackend
from cvgen.themes import resolve_theme
from tests.seed_facts import labels_in_order, missing_facts


def render(doc, fragment: bool = False) -> str:
    return TextBackend().render(doc, resolve_theme("classic"), RenderOptions(fragment=fragment))


def test_registered() -> None:
    backend = registry.get("txt")
    assert backend.name == "text" and backend.suffix == ".txt" and not backend.binary


def test_every_fact_no_markup(example_doc) -> None:
    text = render(example_doc)
    assert missing_facts(text) == []
    for markup in ("**", "<sup>", "<br>", "\\*"):
        assert markup not in text
    assert labels_in_order(text, ["P5", "P4", "P3", "P2", "P1"] * 2 + [f"T{i}" for i in range(1, 8)])


def test_entries_are_single_lines(example_doc) -> None:
    text = render(example_doc)
    line = next(x for x in text.splitlines() if x.startswith("P5. "))
    assert line.replace("\u00a0", " ").startswith("P5. Y. Zhang†,*, J. Jia†,*, X. Chen, A. Chen†")
    assert line.endswith("European Conference on Computer Vision (ECCV), 2024")
    assert "Email: liusiji5@msu.edu" in text.splitlines()


def test_fragment(example_doc) -> None:
    text = render(example_doc, fragment=True)
    assert text.startswith("SELECTED PUBLICATIONS\n")
    assert "EDUCATION" not in text and "T1." not in text
