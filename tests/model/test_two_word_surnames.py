"""A two-word surname joined by a no-break space (as the BibTeX import writes "Brinch Hansen, Per")
is still the same person as the name written with a plain space or in BibTeX's comma form."""

from __future__ import annotations

import pytest

from cvgen.model.people import NameMatcher, name_key


def test_a_no_break_space_keeps_two_words_one_surname() -> None:
    assert name_key("Per Brinch\u00a0Hansen").surname == "brinch hansen"
    assert name_key("Brinch Hansen, Per") == name_key("Per Brinch\u00a0Hansen")


@pytest.mark.parametrize("owner", ["Per Brinch\u00a0Hansen", "Per Brinch Hansen", "Brinch Hansen, Per"])
@pytest.mark.parametrize("author", ["P. Brinch Hansen", "Brinch Hansen, P.", "Per Brinch\u00a0Hansen", "P. Brinch\u00a0Hansen"])
def test_every_spelling_of_a_two_word_surname_is_one_person(owner: str, author: str) -> None:
    assert NameMatcher([owner]).matches(author)


@pytest.mark.parametrize(("owner", "author"), [
    ("Per Brinch\u00a0Hansen", "Q. Brinch Hansen"),
    ("Jan van der Berg", "J. Berg"),  # particles stay with the surname, as before
])
def test_other_people_still_do_not_match(owner: str, author: str) -> None:
    assert not NameMatcher([owner]).matches(author)
