"""Publication lists in the prepared document: numbering, grouping, authors, legend, metrics."""

from __future__ import annotations

from typing import Any

import pytest

from cvgen.loader import load
from cvgen.model.markup import Strong, Sup
from cvgen.model.markup import plain as _plain
from cvgen.view import ViewOptions, prepare
from cvgen.view.document import Document, Section


def plain(nodes) -> str:
    """What a reader sees, with the view's no-break spaces (after initials, "pp.") as plain spaces."""
    return _plain(nodes).replace("\u00a0", " ")


def pub(title: str, date: Any, authors: list[Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"title": title, "date": date, "authors": authors or ["S. Liu"], **extra}


def make(pubs: list[dict[str, Any]], profile: str | None = None, **settings: Any) -> Document:
    data: dict[str, Any] = {
        "person": {"name": "Sijia Liu", "name_variants": ["S. Liu"]},
        "publications": pubs,
        "settings": settings,
    }
    return prepare(load(data), ViewOptions(profile=profile))


def section(doc: Document, key: str = "publications") -> Section:
    return next(s for s in doc.sections if s.key == key)


def labels(doc: Document) -> list[list[str | None]]:
    return [[i.label for i in g.items] for g in section(doc).groups]


def titles(doc: Document) -> list[list[str]]:
    return [[plain(i.main).split("“")[1].split(".”")[0] for i in g.items] for g in section(doc).groups]


FIVE = [pub(f"Paper {i}", 2015 + i, kind="journal" if i % 2 else "conference", topics=["a" if i < 3 else "b"])
        for i in range(1, 6)]
TOPICS = [{"key": "a", "title": "Topic A"}, {"key": "b", "title": "Topic *B*"}]


# --- numbering -------------------------------------------------------------------------------

def test_descending_per_group_counts_down_in_each_group() -> None:
    doc = make(FIVE, publications={"group_by": "topic", "topics": TOPICS})
    assert labels(doc) == [["P2", "P1"], ["P3", "P2", "P1"]]
    assert all(g.numbered and g.descending for g in section(doc).groups)


def test_descending_across_the_list_runs_on_between_groups() -> None:
    doc = make(FIVE, publications={"group_by": "topic", "topics": TOPICS,
                                   "numbering": {"style": "descending", "prefix": "P", "scope": "list"}})
    assert labels(doc) == [["P5", "P4"], ["P3", "P2", "P1"]]
    assert [i.number for g in section(doc).groups for i in g.items] == [5, 4, 3, 2, 1]


def test_ascending_per_group_and_across_the_list() -> None:
    per_group = make(FIVE, publications={"group_by": "topic", "topics": TOPICS,
                                         "numbering": {"style": "ascending", "prefix": "C"}})
    assert labels(per_group) == [["C1", "C2"], ["C1", "C2", "C3"]]
    whole = make(FIVE, publications={"group_by": "topic", "topics": TOPICS,
                                     "numbering": {"style": "ascending", "scope": "list"}})
    assert labels(whole) == [["1", "2"], ["3", "4", "5"]]
    assert not any(g.descending for g in section(whole).groups)


def test_per_kind_prefixes() -> None:
    doc = make(FIVE, publications={"group_by": "kind", "kind_order": ["journal", "conference"],
                                   "numbering": {"style": "descending", "prefixes": {"journal": "J", "conference": "C"}}})
    assert [plain(g.title) for g in section(doc).groups] == ["Journal Articles", "Conference Papers"]
    assert labels(doc) == [["J3", "J2", "J1"], ["C2", "C1"]]


def test_no_numbering() -> None:
    doc = make(FIVE, publications={"numbering": {"style": "none"}})
    assert labels(doc) == [[None] * 5]
    assert not section(doc).groups[0].numbered


def test_permanent_numbers_use_each_items_id() -> None:
    pubs = [pub("Old", 2010, id="J1"), pub("Newer", 2020, id="J7"), pub("No id", 2021)]
    doc = make(pubs, publications={"sort": "newest", "numbering": {"style": "descending", "prefix": "P", "permanent": True}})
    assert labels(doc) == [["P3", "J7", "J1"]]
    # Filtering keeps permanent numbers stable while positional ones shift.
    doc = make(pubs, profile="recent", publications={"numbering": {"style": "descending", "permanent": True}},
               profiles={"recent": {"since": 2015}})
    assert labels(doc) == [["J7", "1"]]


def test_talks_count_up_in_the_reference_example(example_doc) -> None:
    talks = section(example_doc, "talks")
    assert [i.label for i in talks.items] == [f"T{i}" for i in range(1, 8)]
    assert labels(example_doc) == [["P5", "P4", "P3", "P2", "P1"], ["P5", "P4", "P3", "P2", "P1"]]


# --- grouping and sorting --------------------------------------------------------------------

def test_topic_groups_follow_the_settings_order_and_keep_unassigned_last() -> None:
    pubs = [pub("X", 2020, topics=["b"]), pub("Y", 2021, topics=["a", "b"]), pub("Z", 2022)]
    doc = make(pubs, publications={"group_by": "topic", "topics": TOPICS})
    groups = section(doc).groups
    assert [plain(g.title) for g in groups] == ["Topic A", "Topic B", "Other Publications"]
    assert titles(doc) == [["Y"], ["X", "Y"], ["Z"]]


def test_year_groups_newest_or_oldest_first() -> None:
    pubs = [pub("A", "2021-03"), pub("B", 2023), pub("C", "2021-11"), pub("D", 2022)]
    newest = make(pubs, publications={"group_by": "year", "sort": "newest"})
    assert [plain(g.title) for g in section(newest).groups] == ["2023", "2022", "2021"]
    assert titles(newest) == [["B"], ["D"], ["C", "A"]]
    oldest = make(pubs, publications={"group_by": "year", "sort": "oldest"})
    assert [plain(g.title) for g in section(oldest).groups] == ["2021", "2022", "2023"]
    assert titles(oldest) == [["A", "C"], ["D"], ["B"]]


def test_as_written_order_is_kept() -> None:
    pubs = [pub("B", 2019), pub("A", 2024), pub("C", 2001)]
    assert titles(make(pubs)) == [["B", "A", "C"]]


def test_kind_titles_can_be_renamed() -> None:
    doc = make(FIVE, publications={"group_by": "kind", "kind_titles": {"journal": "Refereed Journal Papers"}})
    assert [plain(g.title) for g in section(doc).groups] == ["Refereed Journal Papers", "Conference Papers"]


# --- authors ----------------------------------------------------------------------------------

def owners_in(nodes) -> list[str]:
    return [plain(n.children) for n in nodes if isinstance(n, Strong) and n.role == "owner"]


def test_owner_is_strong_and_other_lius_are_not(example_doc) -> None:
    for item in section(example_doc).items:
        assert owners_in(item.main) == ["S. Liu"]
    strong_names = {plain(n.children) for i in section(example_doc).items for n in i.main if isinstance(n, Strong)}
    assert not strong_names & {"Y. Liu", "G. Liu", "J. Liu"}


def test_markers_are_superscripts(example_doc) -> None:
    first = section(example_doc).items[0].main
    sups = [plain(n.children) for n in first if isinstance(n, Sup)]
    assert sups[:3] == ["†,*", "†,*", "†"]


LONG = ["Y. Zhang", "J. Jia", "X. Chen", "A. Chen", "K. Ding", "B. Wu", "S. Liu", "T. Ma", "Q. Li"]


@pytest.mark.parametrize(
    ("authors", "limit", "expected"),
    [
        (LONG, 3, "Y. Zhang, J. Jia, X. Chen, …, S. Liu, et al."),
        (LONG[:7], 3, "Y. Zhang, J. Jia, X. Chen, …, S. Liu"),
        (LONG, 1, "Y. Zhang, …, S. Liu, et al."),
        (["S. Liu", *LONG[:4]], 2, "S. Liu, Y. Zhang, et al."),
        (LONG[:3] + ["S. Liu"], 3, "Y. Zhang, J. Jia, X. Chen, S. Liu"),
        (LONG[:3], 5, "Y. Zhang, J. Jia, X. Chen"),
        (["A. Quill", "S. Liu", "et al."], None, "A. Quill, S. Liu, et al."),
        (["A. Quill", "B. Wu", "C. Ode", "S. Liu", "others"], 2, "A. Quill, B. Wu, …, S. Liu, et al."),
    ],
)
def test_long_author_lists_are_truncated_keeping_the_owner(authors, limit, expected) -> None:
    doc = make([pub("T", 2020, authors)], publications={"max_authors": limit})
    item = section(doc).items[0]
    assert plain(item.main).startswith(expected + ", “T.”")
    assert owners_in(item.main) == (["S. Liu"] if "S. Liu" in authors else [])


def test_truncation_keeps_the_full_list_in_the_model() -> None:
    cv = load({"person": {"name": "Sijia Liu"}, "publications": [pub("T", 2020, LONG)],
               "settings": {"publications": {"max_authors": 2}}})
    assert [a.name for a in cv.publications[0].authors] == LONG


def test_group_members_are_bold_with_their_own_role_and_can_be_excluded() -> None:
    authors = ["Y. Zhang*", "C. Fan*", {"name": "Y. Zhang", "member": False}, "G. Zhang", "S. Liu"]
    doc = make([pub("T", 2020, authors)], group_members=["Y. Zhang", "C. Fan"])
    nodes = section(doc).items[0].main
    roles = [(plain(n.children), n.role) for n in nodes if isinstance(n, Strong)]
    assert roles == [("Y. Zhang", "member"), ("C. Fan", "member"), ("S. Liu", "owner")]


# --- legend -----------------------------------------------------------------------------------

def intro(doc: Document) -> list[str]:
    return [plain(p) for p in section(doc).intro]


def test_legend_lists_only_the_markers_used() -> None:
    assert intro(make([pub("T", 2020, ["A. B*", "S. Liu*"])])) == ["* denotes equal contribution."]
    assert intro(make([pub("T", 2020, ["A. B†", "S. Liu"])])) == [
        "† denotes student authors under my supervision."
    ]
    assert intro(make([pub("T", 2020, ["A. B", "S. Liu"])])) == []


def test_legend_follows_the_filtered_list() -> None:
    pubs = [pub("Old", 2010, ["A. B†", "S. Liu"]), pub("New", 2024, ["C. D*", "S. Liu"])]
    assert intro(make(pubs)) == ["* denotes equal contribution; † denotes student authors under my supervision."]
    recent = make(pubs, profile="recent", profiles={"recent": {"since": 2020}})
    assert intro(recent) == ["* denotes equal contribution."]


def test_legend_ignores_markers_hidden_by_truncation() -> None:
    doc = make([pub("T", 2020, ["S. Liu", "A. B", "C. D", "E. F†"])], publications={"max_authors": 2})
    assert intro(doc) == []


def test_legend_wording_order_separator_and_markers_are_configurable() -> None:
    doc = make(
        [pub("T", 2020, ["A. B†*", "C. D", "S. Liu"])],
        group_members=["C. D"],
        markers={"student": "‡"},
        legend={"equal": '"{marker}" indicates equal contribution', "student": "{marker} marks my students",
                "order": ["members", "student", "equal"], "separator": ", and "},
    )
    assert intro(doc) == ['Authors in bold are group members, and ‡ marks my students, and “*” indicates equal contribution.']
    sups = [plain(n.children) for n in section(doc).items[0].main if isinstance(n, Sup)]
    assert sups == ["‡,*"]


# --- metrics ----------------------------------------------------------------------------------

def test_metrics_line_in_the_configured_sentence(example_doc) -> None:
    first = intro(example_doc)[0]
    assert first.startswith(
        "Full list of publications can be found at Google Scholar (8509 citations as of July 16, 2024)."
    )
    assert "CSRanking score: 72" in first


def test_metrics_placeholders_and_default_sentence() -> None:
    data = {"person": {"name": "A. B"}, "publications": [pub("T", 2020, ["A. B"])],
            "metrics": {"citations": 10, "h_index": 2, "i10_index": 1, "papers": 3, "source": "Scholar", "as_of": "2025-01-02"}}
    doc = prepare(load({**data, "settings": {"publications": {
        "metrics_sentence": "{source}: {citations} citations, h-index {h_index}, i10 {i10_index}, {papers} papers ({as_of})."}}}))
    assert intro(doc)[0] == "Scholar: 10 citations, h-index 2, i10 1, 3 papers (January 2, 2025)."
    assert doc.warnings == ()
    default = prepare(load(data))
    assert intro(default)[0] == "10 citations, h-index 2, i10-index 1, 3 papers according to Scholar as of January 2, 2025."


def test_metrics_placeholder_without_a_value_warns() -> None:
    doc = prepare(load({"person": {"name": "A. B"}, "publications": [pub("T", 2020, ["A. B"])],
                        "metrics": {"citations": 10},
                        "settings": {"publications": {"metrics_sentence": "{citations} citations, h-index {h_index}."}}}))
    assert intro(doc)[0] == "10 citations, h-index {h_index}."
    assert any("{h_index}" in w for w in doc.warnings)


# --- scholar-profile data ----------------------------------------------------------------------

def test_abstracts_categories_tags_and_code_links() -> None:
    p = pub("T", "Mar 27, 2022", ["S. Liu"], abstract="We *study* x.", categories=["cs.LG", "stat.ML"],
            tags=["sketching"], links=[{"label": "Code", "url": "https://example.org/code"}])
    hidden = section(make([p])).items[0]
    assert hidden.abstract is None
    assert [plain(d) for d in hidden.details] == ["cs.LG, stat.ML"]
    assert [(x.label, x.href) for x in hidden.links] == [("Code", "https://example.org/code")]
    shown = section(make([p], profile="web", profiles={"web": {"show_abstracts": True}},
                         publications={"show_tags": True})).items[0]
    assert plain(shown.abstract) == "We study x."
    assert [plain(d) for d in shown.details] == ["cs.LG, stat.ML", "Tags: sketching"]
    dated = section(make([p], date_styles={"publications": "long"})).items[0]
    assert "March 27, 2022" in plain(dated.main)


def test_title_first_layout() -> None:
    p = pub("Fragile Truth", 2025, ["Y. Zhang*", "S. Liu"], url="https://example.org/p", venue_short="NeurIPS’25",
            awards=["Spotlight"])
    item = section(make([p], publications={"layout": "title-first"})).items[0]
    assert plain(item.main) == "Fragile Truth"
    assert [plain(d) for d in item.details] == ["Y. Zhang*, S. Liu", "NeurIPS’25 (Spotlight)"]
    award = [n for n in item.details[1] if isinstance(n, Strong)]
    assert [(plain(n.children), n.role) for n in award] == [("(Spotlight)", "award")]
