"""The academic annotations survive every style: owner bold, markers on the right names, links."""

from __future__ import annotations

import pytest

from cvgen.citations import BUILTIN_STYLES, AuthorNote
from cvgen.model.markup import Link, Strong, Sup, Text, plain
from tests.citations.helpers import cite, pub, text

PAPER = pub(
    title="Model Sparsity Can Simplify Machine Unlearning",
    authors=["J. Jia†*", "J. Liu†*", "P. Ram", "Y. Yao†", "G. Liu", "Y. Liu", "P. Sharma", "S. Liu"],
    venue="Advances in Neural Information Processing Systems (NeurIPS)", date=2023, pages="51584-51605",
    url="https://example.org/sparsity", doi="10.5555/sparsity.2023",
)
NOTES = {0: AuthorNote(marks="†,*"), 1: AuthorNote(marks="†,*"), 3: AuthorNote(marks="†"), 7: AuthorNote("owner")}

# How each style prints "S. Liu" (the owner) and "J. Jia" (the first author): the name forms of
# its guide — inverted with initials (APA), initials first (IEEE), no periods (Vancouver, AMA).
OWNER_FORM = {
    "apa": ("Liu, S.", "Jia, J."),
    "ieee": ("S. Liu", "J. Jia"),
    "chicago-author-date": ("S. Liu", "Jia, J."),
    "chicago-note-bibliography": ("S. Liu", "Jia, J."),
    "vancouver": ("Liu S", "Jia J"),
    "nature": ("Liu, S.", "Jia, J."),
    "acm": ("S. Liu", "J. Jia"),
    "harvard": ("Liu, S.", "Jia, J."),
    "mla": ("S. Liu", "Jia, J."),
    "ama": ("Liu S", "Jia J"),
}


def _strong(nodes) -> list[tuple[str, str | None]]:
    out = []
    for node in nodes:
        if isinstance(node, Strong):
            out.append((plain(node.children), node.role))
        elif not isinstance(node, Text):
            out.extend(_strong(node.children))
    return out


def _marks_after(nodes) -> list[tuple[str, str]]:
    """(text just before a superscript, the superscript) for every marker."""
    out, before = [], ""
    for node in nodes:
        if isinstance(node, Sup):
            out.append((before, plain(node.children)))
        before = plain((node,)) if not isinstance(node, Sup) else before
    return out


def test_every_builtin_style_is_checked():
    assert set(OWNER_FORM) == set(BUILTIN_STYLES)


@pytest.mark.parametrize("style", sorted(OWNER_FORM))
def test_owner_bold_in_the_styles_name_form(style):
    nodes = cite(style, PAPER, NOTES)
    owner, _ = OWNER_FORM[style]
    assert ("owner" in {role for _, role in _strong(nodes)}), plain(nodes)
    assert [t for t, role in _strong(nodes) if role == "owner"] == [owner]


@pytest.mark.parametrize("style", sorted(OWNER_FORM))
def test_markers_follow_the_right_names(style):
    nodes = cite(style, PAPER, NOTES)
    _, first = OWNER_FORM[style]
    marks = _marks_after(nodes)
    assert [m for _, m in marks] == ["†,*", "†,*", "†"]
    assert marks[0][0].endswith(first), marks
    # The marker follows the whole name: nothing of the name comes after it.
    after_first = plain(nodes).split("†,*", 1)[1]
    assert after_first.startswith((",", " ", ";")), after_first


@pytest.mark.parametrize("style", sorted(OWNER_FORM))
def test_owner_never_hidden_by_et_al(style):
    # Eight authors, the owner last: IEEE, Vancouver, Nature, Harvard, MLA and AMA would cut the list.
    nodes = cite(style, PAPER, NOTES)
    assert [t for t, role in _strong(nodes) if role == "owner"] == [OWNER_FORM[style][0]]


def test_owner_in_the_middle_keeps_et_al_after_the_owner():
    paper = pub(title="T", authors=[f"A. Author{i}" for i in range(3)] + ["S. Liu"] + [f"B. Other{i}" for i in range(6)],
                kind="journal", venue="J", date=2020)
    out = text("ieee", paper, notes={3: AuthorNote("owner")})
    # IEEE cuts lists of seven or more to the first author; the owner (fourth) stays, then "et al.".
    assert out.startswith("A. Author0, A. Author1, A. Author2, S. Liu, et al.,"), out


def test_cv_author_limit_overrides_the_style():
    # APA lists up to 20 authors; the CV asks for 3. The owner (second) is within them.
    paper = pub(title="T", authors=["J. Jia", "S. Liu", "P. Ram", "Y. Yao", "G. Liu"], kind="journal", venue="J",
                date=2020)
    assert text("apa", paper, notes={1: AuthorNote("owner")}, max_authors=3).startswith(
        "Jia, J., Liu, S., Ram, P., et al. (2020)."
    )
    # A limit above the style's own shows every author IEEE would cut ("J. Jia et al.").
    assert text("ieee", PAPER, max_authors=10).startswith("J. Jia, J. Liu, P. Ram, Y. Yao, G. Liu, Y. Liu, P. Sharma, and S. Liu,")


def test_links_are_clickable():
    nodes = cite("apa", PAPER, NOTES)
    links = {}

    def walk(ns):
        for n in ns:
            if isinstance(n, Link):
                links[plain(n.children)] = n.href
            elif not isinstance(n, Text):
                walk(n.children)

    walk(nodes)
    assert links["https://doi.org/10.5555/sparsity.2023"] == "https://doi.org/10.5555/sparsity.2023"
    assert links["Model Sparsity Can Simplify Machine Unlearning"] == "https://example.org/sparsity"


def test_ieee_prints_the_doi_bare_and_links_it():
    nodes = cite("ieee", PAPER, NOTES)
    assert "doi: 10.5555/sparsity.2023" in plain(nodes)
    assert any(isinstance(n, Link) and n.href == "https://doi.org/10.5555/sparsity.2023" for n in nodes)


def test_user_text_is_kept_literally():
    odd = pub(title="Fast *sparse* <b>solvers</b> & 100% \\LaTeX{} \ue001 # $x$", authors=["S. Liu"], date=2020)
    out = text("apa", odd, notes={0: AuthorNote("owner")})
    assert "Fast sparse <b>solvers</b> & 100% \\LaTeX{} \ue001 # $x$" in out


def test_cited_reports_shown_authors_and_links():
    from cvgen.citations.formatter import CitationEntry
    from tests.citations.helpers import formatter

    names = tuple(a.name for a in PAPER.authors)
    notes = tuple(NOTES.get(i, AuthorNote()) for i in range(len(names)))
    # AMA: more than six authors → the first three, then "et al."; the owner (last) is added back.
    cited = formatter("ama").cite(CitationEntry(PAPER, names, notes))
    assert cited.shown == frozenset(range(8))
    cited = formatter("ama").cite(CitationEntry(PAPER, names, (AuthorNote(),) * 8))
    assert cited.shown == {0, 1, 2}
    assert "https://doi.org/10.5555/sparsity.2023" in cited.hrefs


def test_a_short_title_links_only_itself():
    paper = pub(title="Go", authors=["S. Gogh", "S. Liu"], kind="journal", venue="Go Journal", date=2020,
                url="https://example.org/go")
    nodes = cite("apa", paper, {1: AuthorNote("owner")})
    links = [(plain(n.children), n.href) for n in nodes if isinstance(n, Link)]
    # The title, then the URL APA prints when there is no DOI; not the "Go" in "Gogh" or "Go Journal".
    assert links == [("Go", "https://example.org/go"), ("https://example.org/go", "https://example.org/go")]
    assert plain(nodes) == "Gogh, S., & Liu, S. (2020). Go. Go Journal. https://example.org/go"
