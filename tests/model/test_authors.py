"""Authors: the compact form academics already write ("Y. Zhang†*") and the explicit mapping."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cvgen.model.authors import Author, parse_compact


@pytest.mark.parametrize(
    ("written", "name", "student", "equal", "corresponding"),
    [
        ("Y. Zhang†*", "Y. Zhang", True, True, False),
        ("Y. Zhang*†", "Y. Zhang", True, True, False),
        ("J. Jia†", "J. Jia", True, False, False),
        ("S. Lu*", "S. Lu", False, True, False),
        ("*Pang, Ce", "Pang, Ce", False, True, False),
        ("∗Yadav", "Yadav", False, True, False),  # U+2217 as pasted from PDFs
        ("Yadav∗", "Yadav", False, True, False),
        ("A. Chen✉", "A. Chen", False, False, True),
        ("J. Jia†, *", "J. Jia", True, True, False),
        ("  S. Liu  ", "S. Liu", False, False, False),
        ("P.-Y. Chen", "P.-Y. Chen", False, False, False),
        ("U.-M. O'Reilly", "U.-M. O'Reilly", False, False, False),
    ],
)
def test_compact_form(written: str, name: str, student: bool, equal: bool, corresponding: bool) -> None:
    author = Author.model_validate(written)
    assert (author.name, author.student, author.equal, author.corresponding) == (name, student, equal, corresponding)
    assert author.owner is None


def test_explicit_mapping_form() -> None:
    author = Author.model_validate({"name": "Y. Zhang", "student": True, "equal": True, "owner": False})
    assert author == Author(name="Y. Zhang", student=True, equal=True, owner=False)
    assert author.compact() == "Y. Zhang†*"


def test_compact_round_trip() -> None:
    for written in ["Y. Zhang†*", "S. Lu*", "A. Chen†✉", "Plain Name"]:
        author = Author.model_validate(written)
        assert Author.model_validate(author.compact()) == author


def test_markers_alone_are_not_a_name() -> None:
    assert parse_compact("†*") == {"name": "", "student": True, "equal": True}
    with pytest.raises(ValidationError):
        Author.model_validate("†*")


def test_unknown_author_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="studnet"):
        Author.model_validate({"name": "A", "studnet": True})


def test_author_names_are_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nguyễn")
    assert Author.model_validate(nfd + "†").name == "Nguyễn"
