"""Profiles, date windows and command-line overrides in the preparation step."""

from __future__ import annotations

import re

import pytest

import cvgen
from cvgen.errors import UsageError
from cvgen.model.dates import PRESENT, parse_date
from cvgen.model.markup import plain
from cvgen.model.settings import Profile
from cvgen.view import ViewOptions, prepare
from cvgen.view.selection import in_window as _in_window
from tests.seed_facts import PUBLICATION_TITLES
from tests.typo import folded


def window(since=None, until=None) -> Profile:
    return Profile(since=since, until=until)


D = parse_date


@pytest.mark.parametrize(
    ("since", "until", "start", "end", "shown"),
    [
        (2021, None, D(2018), PRESENT, True),  # a position from 2018 to present overlaps since 2021
        (2021, None, D(2019), None, False),  # a 2019 publication does not
        (2021, None, D(2021), None, True),
        (2021, None, D("2020-12"), None, False),
        ("2021-06", None, D(2021), None, True),  # "2021" covers June 2021
        ("2021-06", None, D("2021-05"), None, False),
        (2021, None, D(2016), D(2020), False),
        (2021, None, D(2016), D(2021), True),
        (2021, None, None, D("2021-03"), True),  # a graduation date alone
        (2021, None, None, D(2016), False),
        (None, 2020, D(2018), PRESENT, True),
        (None, 2020, D(2021), PRESENT, False),
        (None, 2020, D("2020-12-31"), None, True),
        (None, "2020-06", D("2020-07"), None, False),
        (2023, 2023, D("2023-10"), None, True),
        (2023, 2023, D(2022), D("2023-01"), True),
        (2023, 2023, D(2024), None, False),
        (2021, 2022, None, None, True),  # undated items are always kept
        (None, None, D(1990), None, True),
    ],
)
def test_windows_overlap(since, until, start, end, shown) -> None:
    profile = window(since, until)
    assert _in_window(profile, start, end) is shown


def section_titles(doc) -> list[str]:
    return [s.title for s in doc.sections]


def pub_titles(doc) -> set[str]:
    pubs = next((s for s in doc.sections if s.key == "publications"), None)
    if pubs is None:
        return set()
    # Titles as the seed writes them ("Images ... For Now"), whatever the view typeset them to ("…").
    return {folded(re.search(r"“(.+?)\.?”", plain(i.main)).group(1)) for i in pubs.items}


def test_selected_profile(example_cv) -> None:
    doc = prepare(example_cv, ViewOptions(profile="selected"))
    assert section_titles(doc) == ["Education", "Professional Experience", "Selected Publications",
                                   "Selected Talks/Presentations"]
    assert pub_titles(doc) == {p for p in PUBLICATION_TITLES if p.startswith(("To Generate", "SalUn", "An Introduction",
                                                                               "Distributed Adversarial"))}
    talks = next(s for s in doc.sections if s.key == "talks")
    assert [i.label for i in talks.items] == ["T1", "T2"]


def test_since_2023_keeps_what_overlaps(example_cv) -> None:
    doc = prepare(example_cv, ViewOptions.make(since="2023"))
    assert pub_titles(doc) == {PUBLICATION_TITLES[i] for i in (0, 1, 2, 5, 6)}
    positions = next(s for s in doc.sections if s.key == "positions")
    assert [i.date for i in positions.items] == ["Jan. 2021 – present", "Oct. 2021 – present"]
    assert "Education" not in section_titles(doc)
    honors = next(s for s in doc.sections if s.key == "honors")
    assert [i.date for i in honors.items] == ["2024", "2023", "2023"]


def test_annual_profile_is_one_year(example_cv) -> None:
    doc = prepare(example_cv, ViewOptions(profile="annual-2023"))
    assert pub_titles(doc) == {PUBLICATION_TITLES[2], PUBLICATION_TITLES[6]}
    talks = next(s for s in doc.sections if s.key == "talks")
    assert {i.date for i in talks.items} == {"10/2023", "06/2023", "02/2023"}


def test_command_line_overrides_the_profile(example_cv) -> None:
    doc = prepare(example_cv, ViewOptions.make(profile="selected", since=2024))
    assert pub_titles(doc) == {PUBLICATION_TITLES[0], PUBLICATION_TITLES[1], PUBLICATION_TITLES[5]}
    doc = prepare(example_cv, ViewOptions.make(selected_only=True, until="2022"))
    assert pub_titles(doc) == {PUBLICATION_TITLES[8]}


def test_max_items_caps_each_group(example_cv) -> None:
    doc = prepare(example_cv, ViewOptions(max_items=2))
    pubs = next(s for s in doc.sections if s.key == "publications")
    assert [[i.label for i in g.items] for g in pubs.groups] == [["P2", "P1"], ["P2", "P1"]]


def test_unknown_profile_names_the_known_ones(example_cv) -> None:
    with pytest.raises(UsageError, match="annual-2023, biosketch, selected"):
        prepare(example_cv, ViewOptions(profile="nope"))
    assert prepare(example_cv, ViewOptions(profile="full")).sections  # "full" is always there


def test_python_api_profile(example_path) -> None:
    full = cvgen.render(example_path, "text").decode()
    selected = cvgen.render(example_path, "text", profile="selected").decode()
    assert "Model Sparsity Can Simplify Machine Unlearning" in full
    assert "Model Sparsity Can Simplify Machine Unlearning" not in selected
    assert "SalUn" in selected
    assert len(selected) < len(full)
