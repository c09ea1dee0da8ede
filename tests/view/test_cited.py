"""The view with a citation style: what cvgen keeps around the style's entries."""

from __future__ import annotations

from cvgen.loader import load_file, load_text
from cvgen.model.markup import Link, Strong, plain
from cvgen.view import ViewOptions, prepare
from tests.conftest import EXAMPLES


def _items(doc):
    section = next(s for s in doc.sections if s.key == "publications")
    return section, [i for g in section.groups for i in g.items]


def test_numbering_grouping_notes_and_awards_are_kept(example_cv):
    section, items = _items(prepare(example_cv, ViewOptions(style="apa")))
    default_section, default_items = _items(prepare(example_cv))
    assert [i.label for i in items] == [i.label for i in default_items]  # P5…P1 twice
    assert [g.title for g in section.groups] == [g.title for g in default_section.groups]
    salun = plain(items[1].main)
    assert salun.startswith("Fan, C.†,*, Liu, J.†,*, Zhang, Y.†, Wong, E., Wei, D., & Liu, S. (2024). SalUn:")
    assert salun.endswith("(ICLR). (Spotlight)")
    award = next(i for i in items if "Distributed Adversarial" in plain(i.main))
    assert any(isinstance(n, Strong) and n.role == "award" for n in award.main)
    assert section.intro[-1] == default_section.intro[-1]  # the same legend: the same markers are seen


def test_the_setting_and_the_option(tmp_path):
    text = (EXAMPLES / "sijia_liu.yaml").read_text(encoding="utf-8")
    assert text.count("\n  publications:\n") == 1  # settings.publications
    cv = load_text(text.replace("\n  publications:\n", "\n  publications:\n    style: ieee\n"), "cv.yaml", tmp_path)
    assert plain(_items(prepare(cv))[1][0].main).startswith("Y. Zhang†,*, J. Jia†,*")
    # cvgen's own style ties initials to surnames (issue 21); a CSL style's text stays as the style set it.
    cvgen_style = plain(_items(prepare(cv, ViewOptions(style="cvgen")))[1][0].main)
    assert cvgen_style.replace("\u00a0", " ").startswith("Y. Zhang†,*, J. Jia†,*, X. Chen")
    assert plain(_items(prepare(cv, ViewOptions(style="vancouver")))[1][0].main).startswith("Zhang Y†,*, Jia J†,*")


def test_legend_names_only_markers_a_reader_sees():
    # AMA lists three authors of more than six; a student marker on a hidden author is not explained.
    cv = load_text(
        """
person: {name: Sijia Liu}
publications:
  - {title: T, authors: ["A. One", "B. Two", "C. Three", "D. Four†", "E. Five", "F. Six", "G. Seven"], date: 2020}
settings: {sections: [publications]}
""",
        "cv.yaml",
    )
    section, items = _items(prepare(cv, ViewOptions(style="ama")))
    assert plain(items[0].main).startswith("One A, Two B, Three C, et al.")
    assert not section.intro  # no legend: the † is not shown
    section, _ = _items(prepare(cv))
    assert "student" in plain(section.intro[-1])


def test_incomplete_author_lists_and_links_without_repeats():
    cv = load_file(EXAMPLES / "scholar_profile.yaml")
    _, items = _items(prepare(cv, ViewOptions(style="apa")))
    sketch = next(i for i in items if "Sparse Kernel Sketches" in plain(i.main))
    # "et al." written in the CV: the style's own "et al." after the authors given.
    assert plain(sketch.main).startswith("Quillfeather, A., Brandvold, T., Oyelaran, M., et al. (2022, March 27).")
    title = next(n for n in sketch.main if isinstance(n, Link))
    assert title.href.startswith("https://papers.example.org/sparse-kernel") and "Sparse Kernel" in plain(title.children)
    assert [x.label for x in sketch.links] == ["Code"]


def test_a_lab_page_layout_with_a_style_says_the_style_wins():
    cv = load_file(EXAMPLES / "optml_lab.yaml")
    doc = prepare(cv, ViewOptions(style="nature"))
    assert "settings.publications.layout: title-first applies to the cvgen style only; the nature style formats " \
           "each publication" in doc.warnings
    _, items = _items(doc)
    # The authors are in the entry, not repeated on a line below it as in the title-first layout.
    assert all(not any("Zhang" in plain(d) for d in i.details) for i in items)
    assert any("Zhang" in plain(i.main) for i in items)
