"""Owner and member recognition: name variants, initials, accents — and no false positives."""

from __future__ import annotations

import unicodedata

import pytest

from cvgen.model.people import NameMatcher, fold, name_key

OWNER = NameMatcher(["Sijia Liu", "S. Liu", "Liu, S.", "Liu, Sijia"])


@pytest.mark.parametrize(
    "written",
    ["S. Liu", "Sijia Liu", "Liu, S.", "Liu, Sijia", "S Liu", "SIJIA LIU", "sijia liu", "Liu S", "Liu SJ",
     "S. J. Liu", "Sijia  Liu", " S. Liu "],
)
def test_owner_forms_are_recognised(written: str) -> None:
    assert OWNER.matches(written)


@pytest.mark.parametrize(
    "other",
    ["Y. Liu", "G. Liu", "J. Liu", "C. Y. Liu", "X. Liu", "Shiyu Liu", "Liu", "Liu, Y.", "Liu Y", "Liu GJ",
     "S. Lu", "Sijia Li", "S. Lin", "Liu, Shiyu"],
)
def test_others_sharing_the_surname_are_not_the_owner(other: str) -> None:
    assert not OWNER.matches(other)


def test_seed_coauthors_named_liu_are_not_the_owner(example_cv) -> None:
    from cvgen.model.people import People

    people = People.of(example_cv)
    liu_authors = {a.name for p in example_cv.publications for a in p.authors if "Liu" in a.name}
    assert liu_authors == {"S. Liu", "J. Liu", "G. Liu", "Y. Liu"}
    owners = {a.name for p in example_cv.publications for a in p.authors if people.is_owner(a)}
    assert owners == {"S. Liu"}


def test_accents_and_unicode_normal_forms_fold_alike() -> None:
    nfc = unicodedata.normalize("NFC", "José García-Núñez")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    owner = NameMatcher([nfc])
    assert owner.matches(nfd)
    assert owner.matches("Jose Garcia-Nunez")
    assert owner.matches("J. García-Núñez")
    assert not owner.matches("M. García-Núñez")
    assert fold(nfc) == fold(nfd)


def test_hyphenated_given_names() -> None:
    owner = NameMatcher(["Pin-Yu Chen"])
    for same in ("P.-Y. Chen", "P. Y. Chen", "P.Y. Chen", "Chen, P.-Y.", "Chen PY", "Pin-Yu Chen"):
        assert owner.matches(same), same
    for other in ("P.-Z. Chen", "Y.-P. Chen", "Pin Chen Wu", "T. Chen", "Pinyu Zhang"):
        assert not owner.matches(other), other


def test_particles_stay_with_the_surname() -> None:
    owner = NameMatcher(["Jan van der Berg"])
    assert name_key("Jan van der Berg").surname == "van der berg"
    for same in ("J. van der Berg", "van der Berg, Jan", "van der Berg, J.", "Jan Van Der Berg"):
        assert owner.matches(same), same
    for other in ("J. Berg", "K. van der Berg", "Jan van Berg"):
        assert not owner.matches(other), other


def test_apostrophes_do_not_split_surnames() -> None:
    assert name_key("U.-M. O'Reilly") == name_key("Una-May O\u2019Reilly").__class__("oreilly", ("u", "m"))
    assert NameMatcher(["Una-May O'Reilly"]).matches("U.-M. O\u2019Reilly")
    assert not NameMatcher(["Una-May O'Reilly"]).matches("O. Reilly")


def test_cjk_names_match_only_as_written() -> None:
    owner = NameMatcher(["Sijia Liu", "刘思佳"])
    assert owner.matches("刘思佳")
    assert not owner.matches("刘思")
    assert not owner.matches("张伟")
    assert NameMatcher(["山田太郎"]).matches("山田太郎")
    assert not NameMatcher(["山田太郎"]).matches("山田花子")


def test_pubmed_style_is_only_read_when_unambiguous() -> None:
    assert name_key("Liu S") == name_key("S. Liu")
    assert name_key("Chen PY").given == ("p", "y")
    # Capital words with vowels are surnames, not initials ("Wei XU" is Wei Xu).
    assert name_key("Wei XU").surname == "xu"
    assert name_key("Andrew NG").surname == "ng"
    assert not NameMatcher(["Xiang Wei"]).matches("Wei XU")


def test_a_full_given_name_decides_over_initials() -> None:
    """With the full name known, "Shiyu Liu" is not the owner even though "S. Liu" is a variant."""
    assert not NameMatcher(["Sijia Liu", "S. Liu"]).matches("Shiyu Liu")
    # With initials only, any S. Liu written in full is accepted: nothing tells them apart.
    assert NameMatcher(["S. Liu"]).matches("Shiyu Liu")


def test_member_list_judges_each_name_on_its_own() -> None:
    members = NameMatcher.people(["Yihua Zhang", "C. Fan", "J. Jia"])
    assert members.matches("Y. Zhang")
    assert members.matches("Chongyu Fan")  # initials-only entry, full name written
    assert members.matches("J. Jia")
    assert not members.matches("G. Zhang")
    assert not members.matches("Yang Zhang")
    assert not NameMatcher.people([])
