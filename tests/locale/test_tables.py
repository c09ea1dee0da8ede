"""Every string table is complete (or declares its fallback), names a source for each string, and
agrees with CLDR on its text direction; the issue's twenty languages are all there."""

from __future__ import annotations

import re

import pytest
from babel import Locale as BabelLocale

from cvgen.locale import STRINGS, available
from cvgen.locale.tables import read_table

# The languages issue 19 names, with English: the tables cvgen must ship.
REQUIRED = {
    "en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "ru", "uk",
    "zh-Hans", "zh-Hant", "ja", "ko", "ar", "he", "fa", "hi", "vi", "id",
}
LANGUAGES = available()
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def test_the_twenty_languages_of_the_issue_and_english_have_tables() -> None:
    assert REQUIRED <= set(LANGUAGES)


def test_the_english_table_is_the_catalogue() -> None:
    """en.toml holds exactly the keys of cvgen.model.strings, with the placeholders it declares."""
    english = read_table("en").strings
    assert list(english) == list(STRINGS)
    for key, text in english.items():
        assert tuple(dict.fromkeys(PLACEHOLDER.findall(text))) == STRINGS[key], key


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_table_is_complete_or_declares_its_fallback(language: str) -> None:
    table = read_table(language)
    translated = set(table.strings) - set(table.fallback)
    assert set(table.strings) <= set(STRINGS), f"unknown keys: {set(table.strings) - set(STRINGS)}"
    assert translated | set(table.fallback) == set(STRINGS), f"missing: {set(STRINGS) - translated - set(table.fallback)}"
    assert not set(table.fallback) - set(STRINGS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_string_keeps_the_placeholders_and_bold_of_the_english(language: str) -> None:
    """A translation that drops {count} would lose a fact; one that adds {foo} would print it raw."""
    table = read_table(language)
    for key, text in table.strings.items():
        assert set(PLACEHOLDER.findall(text)) == set(STRINGS[key]), f"{language} {key}: {text!r}"
        assert text.count("**") % 2 == 0, f"{language} {key}: unbalanced ** in {text!r}"
        assert (text.count("**") > 0) == ("**" in read_table("en").strings[key]), f"{language} {key}: bold lost"
        assert text == text.strip() or key.endswith("separator"), f"{language} {key}: stray spaces"
        assert text.strip(), f"{language} {key} is empty"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_each_string_names_its_source_or_is_marked_unreviewed(language: str) -> None:
    table = read_table(language)
    sourced, unreviewed = set(table.sources), set(table.unreviewed)
    assert not sourced & unreviewed, f"both sourced and unreviewed: {sourced & unreviewed}"
    assert sourced | unreviewed == set(table.strings) - set(table.fallback)
    assert all(table.sources.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_direction_agrees_with_cldr(language: str) -> None:
    """The table's direction against CLDR's layout data (Babel's character_order)."""
    table = read_table(language)
    cldr = BabelLocale.parse(language.replace("-", "_")).character_order
    assert table.direction == ("rtl" if cldr == "right-to-left" else "ltr")


def test_right_to_left_languages_are_arabic_hebrew_and_persian() -> None:
    assert {lang for lang in LANGUAGES if read_table(lang).direction == "rtl"} == {"ar", "he", "fa"}


# Terms copied from the CSL locale files (citation-style-language/locales, CC BY-SA 3.0), read
# there by hand: <term name="et-al">.
CSL_ET_AL = {"de": "u.\u00a0a.", "fr": "et al.", "ru": "и др.", "ja": "ほか", "zh-Hans": "等", "ar": "وآخرون",
             "tr": "vd.", "nl": "e.a.", "id": "dkk.", "fa": "و همکاران"}
# RenderCV's locale files (MIT): the word for an ongoing end date.
RENDERCV_PRESENT = {"de": "gegenwärtig", "ja": "現在", "ar": "الحاضر", "zh-Hans": "至今", "tr": "halen", "ko": "현재"}


@pytest.mark.parametrize("language", sorted(CSL_ET_AL))
def test_et_al_is_the_csl_term(language: str) -> None:
    table = read_table(language)
    assert table.strings["terms.et_al"] == CSL_ET_AL[language]
    assert "CSL" in table.sources["terms.et_al"]


@pytest.mark.parametrize("language", sorted(RENDERCV_PRESENT))
def test_present_is_rendercvs_word(language: str) -> None:
    table = read_table(language)
    assert table.strings["terms.present"] == RENDERCV_PRESENT[language]
    assert "RenderCV" in table.sources["terms.present"]
