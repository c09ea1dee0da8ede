"""The model as a Python API: strict (unknown fields refused), immutable, and the same whether built or loaded."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import cvgen
from cvgen.loader import load_text
from cvgen.model import CV, Author, Person, Publication, Settings
from cvgen.model.markup import Emph, Strong, Text, plain
from cvgen.model.settings import SectionSpec


def test_cv_built_in_python_equals_the_loaded_one() -> None:
    built = CV(
        person=Person(name="Ada Lovelace", pronouns="NO"),
        publications=[Publication(title="**Notes** on the *Engine*", authors=["A. Lovelace", "C. Babbage†*"], date="1843-10")],
    )
    loaded = load_text(
        "person: {name: Ada Lovelace, pronouns: NO}\n"
        "publications:\n"
        "  - {title: '**Notes** on the *Engine*', authors: [A. Lovelace, C. Babbage†*], date: 1843-10}\n"
    )
    assert built == loaded
    pub = built.publications[0]
    assert pub.title == (Strong((Text("Notes"),)), Text(" on the "), Emph((Text("Engine"),)))
    assert plain(pub.title) == "Notes on the Engine"
    assert pub.authors[1] == Author(name="C. Babbage", student=True, equal=True)


def test_models_are_frozen() -> None:
    cv = CV(person=Person(name="Ada"))
    with pytest.raises(ValidationError):
        cv.person.name = "Eve"  # type: ignore[misc]


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="publicatons"):
        CV.model_validate({"person": {"name": "Ada"}, "publicatons": []})


def test_defaults_reproduce_the_seed_conventions() -> None:
    settings = Settings()
    assert settings.publications.numbering.style == "descending" and settings.publications.numbering.prefix == "P"
    assert settings.talks_numbering.style == "ascending" and settings.talks_numbering.prefix == "T"
    assert settings.date_styles["talks"] == "numeric"
    assert (settings.markers.student, settings.markers.equal) == ("†", "*")


@pytest.mark.parametrize(("colour", "stored"), [("#abc", "#aabbcc"), ("#A1B2C3", "#a1b2c3")])
def test_colours(colour: str, stored: str) -> None:
    """Colours are stored as #rrggbb, the one form CSS, Word, xcolor and Typst all take."""
    assert Settings(accent_colour=colour).accent_colour == stored


@pytest.mark.parametrize("colour", ["red", "red; background:url(file:///etc/passwd)", "#12345", "#abcd", "rgb(1,2,3)"])
def test_css_in_colours_is_refused(colour: str) -> None:
    with pytest.raises(ValidationError, match="is not a colour"):
        Settings(accent_colour=colour)


def test_sections_accept_keys_and_specs() -> None:
    settings = Settings(sections=["education", {"key": "publications", "title": "Selected Publications"}])
    assert settings.sections == ("education", SectionSpec(key="publications", title="Selected Publications"))


def test_a_mapping_section_gets_one_error_naming_its_field() -> None:
    with pytest.raises(ValidationError) as info:
        Settings(sections=[{"key": "talks", "titel": "T"}])
    errors = info.value.errors()
    assert len(errors) == 1 and errors[0]["type"] == "extra_forbidden"


def test_serialised_cv_loads_back_identically(example_cv: CV) -> None:
    """model_dump(mode='json') gives markup strings again: what `cvgen` exporters write."""
    data = example_cv.model_dump(mode="json", exclude_defaults=True)
    assert CV.model_validate(data) == example_cv


def test_public_model_names_are_exported() -> None:
    for name in cvgen.model.__all__:
        assert getattr(cvgen, name) is getattr(cvgen.model, name)


def test_the_default_profile_is_the_same_built_or_validated() -> None:
    """The view builds the default profile without validation (speed); its declared defaults must
    be exactly what validation would give."""
    from cvgen.model.settings import Profile

    built, validated = Profile.model_construct(), Profile()
    assert built == validated and built.model_dump() == validated.model_dump()
    assert built.model_fields_set == validated.model_fields_set == set()
