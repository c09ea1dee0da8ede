"""The view's typographic pass (issue 21). Expected characters come from the style guides: CLDR's
quotation delimiters per language, the Chicago Manual of Style's en dash for ranges (6.78) and
no-break spaces between initials (10.12); never applied inside URLs, DOIs, e-mail addresses or code."""

from __future__ import annotations

import pytest

from cvgen.loader import load_text
from cvgen.model.markup import Link, Strong, Sup, Text, plain
from cvgen.view import prepare
from cvgen.view.typography import typeset, typeset_text

NB = "\u00a0"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('For the paper titled "Visual Prompting"', "For the paper titled \u201cVisual Prompting\u201d"),
        ("AAAI'23 New Faculty", "AAAI\u201923 New Faculty"),
        ("U.-M. O'Reilly", f"U.-M.{NB}O\u2019Reilly"),
        ("the students' work, 'quoted' here", "the students\u2019 work, \u2018quoted\u2019 here"),
        ("pp. 51584-51605", f"pp.{NB}51584\u201351605"),
        ("vol. 3, no. 2", f"vol.{NB}3, no.{NB}2"),
        ("Unsafe Images ... For Now", "Unsafe Images \u2026 For Now"),
        ("J. Liu and P.-Y. Chen", f"J.{NB}Liu and P.-Y.{NB}Chen"),
        ("J. R. R. Tolkien", f"J.{NB}R.{NB}R.{NB}Tolkien"),
        ("Ph.D. Student", "Ph.D. Student"),
        ("COVID-19, Bi-level", "COVID-19, Bi-level"),
        ("2019-2021 and 1990--2000", "2019\u20132021 and 1990\u20132000"),
        ("stop - go; a---b", "stop \u2013 go; a\u2014b"),
    ],
)
def test_english_prose(source: str, expected: str) -> None:
    assert typeset_text(source, "en") == expected


@pytest.mark.parametrize(
    "literal",
    [
        "(315)-744-6778",  # a phone number is no range
        "2024-07-16",  # nor an ISO date
        "ISBN 978-3-16-148410-0",
        "see https://example.org/a--b...c'd\"e",
        "doi:10.1109/5.771073-12 and 10.1000/x--y",
        "mail j.o'neil@example.org",
        "run `pip install a--b`",
    ],
)
def test_addresses_numbers_and_code_stay_as_written(literal: str) -> None:
    assert typeset_text(literal, "en") == literal


def test_quotes_follow_the_language() -> None:
    assert typeset_text("Er sagt \"ja\" und 'nein'", "de") == "Er sagt \u201eja\u201c und \u201anein\u2018"
    assert typeset_text('Il dit "oui" : bien !', "fr") == "Il dit \u00ab\u202foui\u202f\u00bb\u202f: bien\u202f!"
    assert typeset_text('"yes"', "en-GB") == "\u201cyes\u201d"
    assert typeset_text('"x"', "tlh") == "\u201cx\u201d"  # unknown language: English quotes


def test_a_straight_quote_inside_a_quoted_title_nests() -> None:
    assert typeset_text('\u201cOn "Deep" Nets.\u201d', "en") == "\u201cOn \u2018Deep\u2019 Nets.\u201d"


def test_markers_links_that_show_their_address_and_final_nodes_are_untouched() -> None:
    url = "https://example.org/x--y"
    nodes = (Text('"A"'), Sup((Text("*,\u2020"),)), Link(url, (Text(url),)), Strong((Text("pp. 1-2"),), "award"))
    out = typeset(nodes, "en")
    assert out[0] == Text("\u201cA\u201d")
    assert out[1] == nodes[1] and out[2] == nodes[2]
    assert out[3] == Strong((Text(f"pp.{NB}1\u20132"),), "award")


def test_quote_state_runs_across_nodes() -> None:
    out = typeset((Text('titled "'), Strong((Text("Bold"),)), Text('" end')), "en")
    assert plain(out) == "titled \u201cBold\u201d end"


CV_YAML = """
person: {name: Jane Doe}
settings: {language: LANG}
honors:
  - {title: 'Prize for "Good Work"', date: 2020}
publications:
  - title: O'Reilly's Test
    authors: ["J. Doe*†", "A. Smith†*"]
    venue: Proc. X
    pages: 10-20
    date: 2021
"""


def test_prepare_typesets_every_format_once_in_the_cv_language() -> None:
    doc = prepare(load_text(CV_YAML.replace("LANG", "de")))
    honors = next(s for s in doc.sections if s.key == "honors")
    assert plain(honors.items[0].main) == "Prize for \u201eGood Work\u201c"
    pub = next(s for s in doc.sections if s.key == "publications").items[0]
    assert f"S.{NB}10\u201320" in plain(pub.main) and "O\u2019Reilly\u2019s" in plain(pub.main)  # German "S."


def test_marker_order_is_as_written() -> None:
    doc = prepare(load_text(CV_YAML.replace("LANG", "en")))
    pub = next(s for s in doc.sections if s.key == "publications").items[0]
    assert [plain(n.children) for n in pub.main if isinstance(n, Sup)] == ["*,\u2020", "\u2020,*"]


COUNT_YAML = """
person: {name: Jane Doe}
settings:
  publications:
    group_by: topic
    topics:
      - {key: a, title: "Five Representative Papers"}
      - {key: b, title: "{count} Papers on B"}
  profiles:
    short: {selected_only: true}
publications:
"""


def _pubs(n: int, topic: str, selected: int) -> str:
    return "".join(
        f"  - {{title: T{topic}{i}, authors: [J. Doe], venue: V, date: 2020, topics: [{topic}], selected: {str(i < selected).lower()}}}\n"
        for i in range(n)
    )


def test_count_placeholder_and_a_shrunk_numbered_title_warns() -> None:
    from cvgen.view import ViewOptions

    cv = load_text(COUNT_YAML + _pubs(5, "a", 2) + _pubs(3, "b", 1))
    full = prepare(cv)
    titles = [plain(g.title) for s in full.sections for g in s.groups]
    assert titles == ["Five Representative Papers", "3 Papers on B"] and full.warnings == ()
    short = prepare(cv, ViewOptions(profile="short"))
    assert [plain(g.title) for s in short.sections for g in s.groups] == ["Five Representative Papers", "1 Papers on B"]
    (warning,) = short.warnings
    assert "'Five Representative Papers'" in warning and "2 of its 5" in warning and "{count}" in warning


def test_header_shows_the_orcid_id_handles_and_short_addresses() -> None:
    cv = load_text("""
person:
  name: Jane Doe
  emails: [j@example.org]
  links:
    - {label: ORCID, url: "https://orcid.org/0000-0002-1825-0097", kind: orcid}
    - {label: GitHub, url: "https://github.com/janedoe/", kind: github}
    - {label: Twitter, url: "https://twitter.com/jane_doe", kind: twitter}
    - {label: Lab, url: "https://www.lab.example.edu/", kind: lab}
    - {label: Google Scholar, url: "https://scholar.google.com/citations?user=AbCdEfGhIjKl&hl=en", kind: scholar}
    - {label: Blog}
""")
    contacts = prepare(cv).header.contacts
    shown = [(c.caption, c.text) for c in contacts if c.kind == "link"]
    assert shown == [
        ("ORCID", "0000-0002-1825-0097"), (None, "github.com/janedoe"), ("Twitter", "@jane_doe"),
        (None, "lab.example.edu"), (None, "Google Scholar"), (None, "Blog"),
    ]
    assert prepare(cv).header.compact_contacts  # seven contacts: one wrapping line, not a column


def test_text_a_citation_style_set_is_left_as_it_is() -> None:
    from cvgen.model.markup import FinalText

    final = FinalText('pp. 1-2, "as styled"')
    out = typeset((Text('"'), final, Text('" end')), "en")
    assert out[1] is final
    assert out[0] == Text("\u201c") and out[2] == Text("\u201d end")


def test_quick_check_never_hides_a_protected_span() -> None:
    """The quick search that skips the protected-span scan must find something in every text where
    that scan finds a span: else a URL or address could be typeset (its quotes curled, its "--" made a dash)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cvgen.view import typography

    pieces = st.sampled_from(["a", "W", "w", ".", "@", "/", ":", "`", "10.", "1234", "x", " ", "-", "ORC", "ID",
                              "\u0131", "\u0130", "K", "http", "arXiv", "doi"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def check(text: str) -> None:
        if typography._PROTECTED.search(text):
            assert typography._MAY_PROTECT.search(text)

    check()
    assert typography._PROTECTED.search("mail a.b@c.org") and typography._MAY_PROTECT.search("mail a.b@c.org")
