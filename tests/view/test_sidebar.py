"""The view decides once which sections a sidebar theme sets beside the main column."""

from __future__ import annotations

import cvgen
from cvgen.model.markup import Text
from cvgen.view import prepare
from cvgen.view.document import Contact, Group, Item, Section
from cvgen.view.sidebar import PHOTO_CHARS, SIDEBAR_CHARS, fits_sidebar, sidebar_keys


def _section(key: str, *mains: str, date: str = "", label: str | None = None) -> Section:
    items = tuple(Item(main=(Text(m),), kind="entry", date=date, label=label) for m in mains)
    return Section(key, key.title(), groups=(Group(None, items),))


def test_short_undated_facts_go_beside_the_rest_stays_in_the_main_column() -> None:
    assert fits_sidebar(_section("research_areas", "Trustworthy ML: adversarial ML"))
    assert fits_sidebar(_section("skills", "Python", "Rust"))
    assert not fits_sidebar(_section("education", "Ph.D."))  # not a sidebar kind of section
    assert not fits_sidebar(_section("skills", "Python", date="2020"))  # a date needs the main column's date column
    assert not fits_sidebar(_section("skills", "Python", label="S1"))  # numbered
    assert not fits_sidebar(_section("skills", *[f"skill {n}" for n in range(13)]))  # a long list


def test_the_sidebar_holds_only_what_fits_beside_page_one() -> None:
    areas, skills = _section("research_areas", "ML " * 100), _section("skills", "Python")
    assert sidebar_keys([areas, _section("education", "Ph.D."), skills]) == ("research_areas", "skills")
    # Long contacts leave room for the short section only; the long one moves to the main column.
    contacts = [Contact("link", "Web", "x" * (SIDEBAR_CHARS - 200))]
    assert sidebar_keys([areas, skills], contacts) == ("skills",)
    # A photo takes its share too: the same contacts and a photo leave room for neither.
    assert sidebar_keys([areas, skills], [Contact("link", "Web", "x" * (SIDEBAR_CHARS - PHOTO_CHARS))],
                        photo=True) == ()


def test_the_document_splits_its_sections_in_display_order() -> None:
    doc = prepare(cvgen.load({
        "person": {"name": "Ada Lovelace", "emails": ["ada@example.org"]},
        "research_areas": [{"label": "Analysis", "topics": ["engines"]}],
        "honors": [{"title": "Medal", "date": 1840}],
        "custom_sections": [{"key": "skills", "title": "Skills", "entries": [{"title": "Bernoulli numbers"}]}],
        "settings": {"sections": ["honors", "skills", "research_areas"]},
    }))
    assert [s.key for s in doc.sections] == ["honors", "skills", "research_areas"]
    assert doc.sidebar_keys == ("skills", "research_areas")
    assert [s.key for s in doc.sidebar_sections] == ["skills", "research_areas"]
    assert [s.key for s in doc.main_sections] == ["honors"]


def test_funder_documents_have_no_sidebar() -> None:
    data = {"person": {"name": "Ada Lovelace"}, "research_areas": [{"label": "Analysis", "topics": ["engines"]}],
            "settings": {"profiles": {"bio": {"layout": "biosketch"}}}}
    assert prepare(cvgen.load(data), cvgen.view.ViewOptions(profile="bio")).sidebar_keys == ()
