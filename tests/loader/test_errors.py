"""Validation errors become located messages in the author's words, not pydantic's."""

from __future__ import annotations

import pytest

from cvgen.errors import InputError
from cvgen.loader import load_text


def _problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(InputError) as info:
        load_text(text, "cv.yaml")
    return [(p.line, p.path, p.message) for p in info.value.problems]


def test_far_off_key_lists_the_known_fields() -> None:
    ((line, path, message),) = _problems("person:\n  name: A\n  zzz: 1\n")
    assert (line, path) == (3, "person.zzz")
    assert message.startswith("unknown field 'zzz'; known fields: address, affiliations")


def test_did_you_mean_works_inside_lists_and_dicts() -> None:
    text = (
        "person: {name: A}\n"
        "settings:\n"
        "  profiles:\n"
        "    short:\n"
        "      selectd_only: true\n"
    )
    ((line, path, message),) = _problems(text)
    assert (line, path) == (5, "settings.profiles.short.selectd_only")
    assert message == "unknown field 'selectd_only'; did you mean 'selected_only'?"


def test_union_branches_do_not_leak_into_the_path() -> None:
    """settings.sections items are a key or {key, title}; the error names the item, not the union branch."""
    text = "person: {name: A}\nsettings:\n  sections: [education, {key: talks, titel: T}]\n"
    problems = _problems(text)
    assert problems and all(p[1].startswith("settings.sections[1]") for p in problems)
    assert all(p[0] == 3 for p in problems)


def test_python_type_words_are_translated() -> None:
    text = (
        "person: {name: A}\n"
        "publications:\n"
        "  - {title: T, authors: [A], date: 2020, selected: maybe, citations: -1, kind: blog}\n"
        "teaching:\n"
        "  - {course: C, enrollment: 3.5}\n"
    )
    messages = {path: message for _, path, message in _problems(text)}
    assert messages["publications[0].selected"] == "expected true or false (got 'maybe')"
    assert messages["publications[0].citations"] == "must be at least 0 (got '-1')"
    assert messages["publications[0].kind"].startswith("expected one of 'journal', 'conference'")
    assert messages["teaching[0].enrollment"] == "expected a whole number (got '3.5')"
    for message in messages.values():
        assert "Input should" not in message and "pydantic" not in message


def test_bad_colour_is_named() -> None:
    ((_, path, message),) = _problems("person: {name: A}\nsettings:\n  accent_colour: 'red; background:url(file:///etc/passwd)'\n")
    assert path == "settings.accent_colour"
    assert "is not a colour" in message


def test_bad_doi_is_named() -> None:
    ((line, path, _),) = _problems("person: {name: A}\npublications:\n  - {title: T, authors: [A], date: 2020, doi: 'not a doi'}\n")
    assert (line, path) == (3, "publications[0].doi")


def test_messages_are_sorted_by_position() -> None:
    text = "person:\n  name: A\nhonors:\n  - {title: X, date: nope}\n  - {title: '', date: 2020}\nsummary: [x]\n"
    lines = [p[0] for p in _problems(text)]
    assert lines == sorted(lines) and len(lines) == 3


def test_absurdly_long_keys_are_shortened_in_messages() -> None:
    ((line, path, message),) = _problems("person: {name: A}\n" + "k" * 1000 + ": 1\n")
    assert line == 2 and len(path) <= 40 and path.endswith("…")
    assert len(message) < 400


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400"])
def test_amounts_must_be_finite(value: str) -> None:
    ((_, path, message),) = _problems(f"person: {{name: A}}\ngrants:\n  - {{title: G, sponsor: S, amount: {{value: {value}}}}}\n")
    assert path == "grants[0].amount.value"
    assert "finite" in message or "at least 0" in message


def test_huge_integers_are_refused_not_crashing() -> None:
    ((_, path, _),) = _problems("person: {name: A}\nmetrics: {citations: " + "9" * 5000 + "}\n")
    assert path == "metrics.citations"
