"""The biosketch layout: NSF sections, product choice, limits and the page warning."""

from __future__ import annotations

from typing import Any

from cvgen.loader import load
from cvgen.model.markup import plain
from cvgen.view import ViewOptions, prepare
from cvgen.view.layouts.biosketch import estimate_pages
from tests.typo import folded


def bio(example_cv):
    return prepare(example_cv, ViewOptions(profile="biosketch"))


def test_sections_and_meta(example_cv) -> None:
    doc = bio(example_cv)
    assert doc.meta.layout == "biosketch"
    assert doc.meta.title == "Sijia Liu — Biographical Sketch"
    assert [s.key for s in doc.sections] == ["identifying", "preparation", "appointments", "products"]
    ident = [plain(p) for p in doc.sections[0].intro]
    assert ident[0] == "Name: Sijia Liu"
    assert "Position title: Assistant Professor" in ident


def test_preparation_and_reverse_chronological_appointments(example_cv) -> None:
    doc = bio(example_cv)
    prep = [(plain(i.main), i.date) for i in doc.sections[1].items]
    assert prep[0] == ("Syracuse University — Electrical and Computer Engineering — Ph.D.", "03/2016")
    assert prep[-1][1] == "07/2016 – 12/2017"  # the postdoc is training, listed here
    appts = [i.date for i in doc.sections[2].items]
    assert appts == ["2021 – present", "2021 – present", "2018 – 2020"]
    assert plain(doc.sections[2].items[0].main).startswith("Affiliated Professor")  # Oct. 2021 after Jan. 2021


def test_products_are_selected_first_then_newest(example_cv) -> None:
    products = bio(example_cv).sections[3]
    related, other = products.groups
    assert len(related.items) == 4 and len(other.items) == 5
    assert [i.label for i in related.items] == ["1", "2", "3", "4"]
    selected = {folded(plain(p.title)) for p in example_cv.publications if p.selected}
    assert all(any(t in folded(plain(i.main)) for t in selected) for i in related.items)
    assert plain(products.intro[0]).startswith("* denotes equal contribution")


def cv(n_pubs: int, tags: list[str], activities: int = 3, long: bool = False) -> dict[str, Any]:
    title = "A study of things " * (12 if long else 1)
    return {
        "person": {"name": "Ada Quill", "affiliations": [{"title": "Professor", "institution": "Example U"}]},
        "positions": [{"title": "Professor", "organization": "Example U", "start": 2020, "end": "present"}],
        "publications": [
            {"title": f"{title} {i}", "authors": ["A. Quill"], "date": 2000 + i, "tags": tags} for i in range(n_pubs)
        ],
        "custom_sections": [{"key": "synergistic", "title": "Synergistic Activities",
                             "entries": [{"title": f"Activity {i} " + "x" * (400 if long else 10)} for i in range(activities)]}],
        "settings": {"profiles": {"bio": {"layout": "biosketch"}}},
    }


def test_tagged_products_and_limits_warn() -> None:
    doc = prepare(load(cv(7, ["biosketch"], activities=7)), ViewOptions(profile="bio"))
    products = next(s for s in doc.sections if s.key == "products")
    assert [len(g.items) for g in products.groups] == [5]
    acts = next(s for s in doc.sections if s.key == "synergistic")
    assert [i.label for i in acts.items] == ["1", "2", "3", "4", "5"]
    assert any("7 products" in w for w in doc.warnings)
    assert any("7 synergistic activities" in w for w in doc.warnings)


def test_page_estimate_warns_when_too_long() -> None:
    short = prepare(load(cv(4, ["biosketch"])), ViewOptions(profile="bio"))
    assert estimate_pages(short) < 1
    assert not any("pages" in w for w in short.warnings)
    data = cv(10, [], activities=5, long=True)
    data["education"] = [{"degree": f"Degree {i}", "institution": "U " + "y" * 300, "end": 2000} for i in range(30)]
    long = prepare(load(data), ViewOptions(profile="bio"))
    assert estimate_pages(long) > 3
    assert any("the limit is 3" in w for w in long.warnings)
    data["settings"]["profiles"]["bio"]["page_limit"] = 50
    assert not any("pages" in w for w in prepare(load(data), ViewOptions(profile="bio")).warnings)
