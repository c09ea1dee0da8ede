"""The NSF Common Form biographical sketch and the separate Synergistic Activities page.

Expected headings and rules are typed from NSF's PAPPG 24-1/25-1 (II.D.2.h) and the Common Form,
not read back from the code: identifying information, professional preparation (postdoctoral
training included), appointments beginning with the current one, products in two lists of five,
and synergistic activities moved to a one-page document of their own.
"""

from __future__ import annotations

from typing import Any

from cvgen.loader import load
from cvgen.model.markup import plain
from cvgen.view import ViewOptions, prepare
from tests.typo import folded


def bio(example_cv):
    return prepare(example_cv, ViewOptions(profile="biosketch"))


def test_section_order_and_headings(example_cv) -> None:
    doc = bio(example_cv)
    assert doc.meta.layout == "biosketch"
    assert doc.meta.title == "Sijia Liu — Biographical Sketch"
    assert [s.title for s in doc.sections] == [
        "Identifying Information", "Professional Preparation", "Appointments and Positions", "Products",
    ]  # PAPPG 24-1: synergistic activities are no longer part of the biosketch
    products = doc.sections[3]
    assert [plain(g.title) for g in products.groups] == [
        "Products Most Closely Related to the Proposed Project",
        "Other Significant Products",
    ]
    assert doc.page_limit is None  # the Common Form biosketch has no page limit of its own
    ident = [plain(p) for p in doc.sections[0].intro]
    assert ident[0] == "Name: Sijia Liu"
    assert "Position title: Assistant Professor" in ident


def test_postdoc_row_names_the_position_not_the_supervisors(example_cv) -> None:
    prep = [(plain(i.main), i.date) for i in bio(example_cv).sections[1].items]
    # Reverse chronological by start date: the postdoc (07/2016) began after the Ph.D. was received (03/2016).
    assert prep[0] == ("University of Michigan, Ann Arbor — Postdoc Research Fellow", "07/2016 – 12/2017")
    assert prep[1] == ("Syracuse University — Ph.D. — Electrical and Computer Engineering", "03/2016")
    assert not any("Hero" in text or "Rajapakse" in text for text, _ in prep)


def test_primary_appointment_first_with_month_and_year(example_cv) -> None:
    appts = [(plain(i.main), i.date) for i in bio(example_cv).sections[2].items]
    assert appts == [
        ("Assistant Professor, CSE, Michigan State University", "01/2021 – present"),
        ("Affiliated Professor, MIT-IBM Watson AI Lab, IBM Research", "10/2021 – present"),
        ("Research Staff Member, MIT-IBM Watson AI Lab, IBM Research", "01/2018 – 12/2020"),
    ]


def test_products_are_selected_first_then_newest(example_cv) -> None:
    products = bio(example_cv).sections[3]
    related, other = products.groups
    assert len(related.items) == 4 and len(other.items) == 5
    assert [i.label for i in related.items] == ["1", "2", "3", "4"]
    selected = {folded(plain(p.title)) for p in example_cv.publications if p.selected}
    assert all(any(t in folded(plain(i.main)) for t in selected) for i in related.items)
    assert plain(products.intro[0]).startswith("* denotes equal contribution")
    assert other.keep_last and not related.keep_last  # the document never ends with one product alone


def cv(n_pubs: int, tags: list[str], activities: int = 3) -> dict[str, Any]:
    return {
        "person": {"name": "Ada Quill", "affiliations": [{"title": "Professor", "institution": "Example U"}]},
        "positions": [{"title": "Professor", "organization": "Example U", "start": 2020, "end": "present"}],
        "publications": [
            {"title": f"A study of things {i}", "authors": ["A. Quill"], "date": 2000 + i, "tags": tags}
            for i in range(n_pubs)
        ],
        "custom_sections": [{"key": "synergistic", "title": "Synergistic Activities",
                             "entries": [{"title": f"Activity {i}"} for i in range(activities)]}],
        "settings": {"profiles": {"bio": {"layout": "biosketch"}, "syn": {"layout": "synergistic"}}},
    }


def test_tagged_products_are_capped_at_five_with_a_warning() -> None:
    doc = prepare(load(cv(7, ["biosketch"])), ViewOptions(profile="bio"))
    products = next(s for s in doc.sections if s.key == "products")
    assert [len(g.items) for g in products.groups] == [5]
    assert any("7 products" in w for w in doc.warnings)


def test_synergistic_activities_are_their_own_one_page_document() -> None:
    doc = prepare(load(cv(2, [], activities=7)), ViewOptions(profile="syn"))
    assert [s.title for s in doc.sections] == ["Synergistic Activities"]
    assert [i.label for i in doc.sections[0].items] == ["1", "2", "3", "4", "5"]
    assert any("7 given; NSF allows 5" in w for w in doc.warnings)
    assert doc.page_limit is not None and doc.page_limit.pages == 1
    assert doc.meta.subject == "Synergistic Activities"
