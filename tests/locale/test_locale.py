"""Choosing a table for a language tag, overrides from settings.strings, and English fallback with warnings."""

from __future__ import annotations

import pytest

from cvgen.locale import load_locale, table_name, tables
from cvgen.model.strings import check_strings


@pytest.mark.parametrize(
    ("tag", "table"),
    [
        ("de", "de"), ("de-AT", "de"), ("pt-BR", "pt"), ("en-GB", "en"), ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"),
        ("zh-Hans", "zh-Hans"), ("zh-TW", "zh-Hant"), ("zh-Hant", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"),
        ("zh-HK", "zh-Hant"), ("zh-Hans-HK", "zh-Hans"), ("iw", "he"), ("in", "id"), ("sw", None), ("xx", None),
    ],
)
def test_a_tag_finds_its_table(tag: str, table: str | None) -> None:
    assert table_name(tag) == table


def test_strings_come_from_the_language_table() -> None:
    de = load_locale("de")
    assert de.text("sections.education") == "Ausbildung"
    assert de.fill("terms.cited_by", count=120) == "Zitiert von 120"
    assert not de.warnings


def test_an_override_replaces_one_string_and_leaves_the_rest() -> None:
    de = load_locale("de", {"sections.education": "Studium"})
    assert de.text("sections.education") == "Studium"
    assert de.text("sections.talks") == "Vorträge"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"sections.educaton": "x"}, "did you mean 'sections.education'"),
        ({"terms.pages": "S. {page}"}, "unknown placeholder {page} (this string takes: {pages})"),
        ({"nonsense": "x"}, "docs/languages.md"),
    ],
)
def test_a_bad_override_is_refused_with_a_clear_message(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{")):
        check_strings(overrides)
    with pytest.raises(ValueError):
        load_locale("de", overrides)


def test_a_language_without_a_table_is_english_with_cldr_dates_and_a_warning() -> None:
    from cvgen.model.dates import PartialDate

    sw = load_locale("sw")
    assert sw.table == "en"
    assert sw.text("sections.education") == "Education"
    assert sw.date(PartialDate(2024, 7), "long") == "Julai 2024"  # CLDR sw, month "Julai"
    assert len(sw.warnings) == 1 and "no string table" in sw.warnings[0]


def test_a_language_unknown_to_cldr_is_english_throughout_with_warnings() -> None:
    xx = load_locale("xx")
    assert xx.direction == "ltr"
    assert [w for w in xx.warnings if "CLDR does not know" in w]


def test_an_urdu_cv_without_a_table_is_still_right_to_left() -> None:
    assert load_locale("ur").direction == "rtl"


@pytest.fixture
def partial_german(tmp_path, monkeypatch):
    """A German table that declares two strings as not yet translated."""
    source = (tables.DATA / "de.toml").read_text(encoding="utf-8")
    source = source.replace("fallback = []", 'fallback = ["terms.tags", "sections.service"]')
    source = source.replace('tags = "Schlagwörter: {tags}"\n', "")
    (tmp_path / "de.toml").write_text(source, encoding="utf-8")
    (tmp_path / "en.toml").write_text((tables.DATA / "en.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(tables, "DATA", tmp_path)
    tables.read_table.cache_clear()
    yield
    tables.read_table.cache_clear()


def test_a_declared_fallback_is_english_and_named_in_a_warning(partial_german) -> None:
    de = load_locale("de")
    assert de.text("terms.tags") == "Tags: {tags}"
    assert de.text("sections.service") == "Service"  # declared: the German text in the file is not used
    assert de.text("sections.education") == "Ausbildung"
    (warning,) = de.warnings
    assert "2 strings" in warning and "terms.tags" in warning and "sections.service" in warning


def test_an_override_fills_a_fallback_and_silences_its_warning(partial_german) -> None:
    de = load_locale("de", {"terms.tags": "Stichwörter: {tags}"})
    assert de.text("terms.tags") == "Stichwörter: {tags}"
    (warning,) = de.warnings
    assert "1 strings" in warning and "terms.tags" not in warning


@pytest.mark.parametrize(
    ("language", "want"),
    [("en", "A, B, and C"), ("de", "A, B und C"), ("fr", "A, B et C"), ("ja", "A、B、C"), ("ar", "A وB وC")],
)
def test_lists_join_with_cldr_patterns(language: str, want: str) -> None:
    assert load_locale(language).join_and(["A", "B", "C"]) == want


def test_two_and_four_items() -> None:
    assert load_locale("en").join_and(["A", "B"]) == "A and B"
    assert load_locale("de").join_and(["A", "B", "C", "D"]) == "A, B, C und D"


@pytest.mark.parametrize(
    ("language", "value", "currency", "want"),
    [
        ("en", 50000, "USD", "$50,000"),
        ("en", 1234.5, "CHF", "1,234.50 CHF"),
        ("de", 50000, "EUR", "50.000\u00a0€"),
        ("de", 1234.5, "EUR", "1.234,50\u00a0€"),
        ("fr", 50000, "EUR", "50\u202f000\u00a0€"),
        ("ja", 50000, "JPY", "￥50,000"),
    ],
)
def test_amounts_in_the_languages_currency_format(language: str, value: float, currency: str, want: str) -> None:
    assert load_locale(language).money(value, currency) == want
