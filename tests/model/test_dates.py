"""Partial dates as academics write them, and the display styles every backend shares."""

from __future__ import annotations

import datetime as dt

import pytest

from cvgen.model.dates import (
    ACCEPTED_FORMS,
    PRESENT,
    PartialDate,
    format_date,
    format_range,
    parse_date,
    parse_end,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024", PartialDate(2024)),
        (2024, PartialDate(2024)),
        ("2016-03", PartialDate(2016, 3)),
        ("2016-3", PartialDate(2016, 3)),
        ("2024-07-16", PartialDate(2024, 7, 16)),
        ("Mar 2016", PartialDate(2016, 3)),
        ("Mar. 2016", PartialDate(2016, 3)),
        ("March 2016", PartialDate(2016, 3)),
        ("sept 2020", PartialDate(2020, 9)),
        ("Mar 27, 2022", PartialDate(2022, 3, 27)),
        ("  2020-01  ", PartialDate(2020, 1)),
        (dt.date(2024, 7, 16), PartialDate(2024, 7, 16)),
    ],
)
def test_accepted_forms(written: object, expected: PartialDate) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    "written",
    ["2024-13-01", "01/02/2024", "Febtember 2020", "2024-02-30", "2023-02-29", "999", "3000", "2024-00",
     "yesterday", "", "2024/01", "20240101", "Mar 32, 2020"],
)
def test_invalid_dates_raise(written: str) -> None:
    with pytest.raises(ValueError):
        parse_date(written)


@pytest.mark.parametrize("written", ["2024-13-01", "01/02/2024", "Febtember 2020"])
def test_invalid_date_message_lists_the_accepted_forms(written: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_date(written)
    assert ACCEPTED_FORMS in str(info.value)
    assert repr(written) in str(info.value)


@pytest.mark.parametrize("value", [None, 3.5, True, ["2020"], {"year": 2020}])
def test_non_dates_raise(value: object) -> None:
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(value)


def test_leap_day_is_a_date() -> None:
    assert parse_date("2024-02-29") == PartialDate(2024, 2, 29)


@pytest.mark.parametrize("word", ["present", "Present", "now", "current", "ongoing"])
def test_present(word: str) -> None:
    assert parse_end(word) == PRESENT


def test_partial_dates_sort_by_precision() -> None:
    dates = [PartialDate(2020, 5), PartialDate(2020), PartialDate(2019, 12, 31), PartialDate(2020, 5, 2)]
    assert sorted(dates, key=lambda d: d.sort_key) == [dates[2], dates[1], dates[0], dates[3]]


@pytest.mark.parametrize(
    ("date", "style", "shown"),
    [
        (PartialDate(2016, 3), "abbr", "Mar. 2016"),
        (PartialDate(2011, 5), "abbr", "May 2011"),
        (PartialDate(2016, 7), "abbr", "July 2016"),
        (PartialDate(2020, 9), "abbr", "Sep. 2020"),
        (PartialDate(2024, 6), "numeric", "06/2024"),
        (PartialDate(2024, 7, 16), "long", "July 16, 2024"),
        (PartialDate(2024, 7, 16), "iso", "2024-07-16"),
        (PartialDate(2024, 7, 16), "year", "2024"),
        (PartialDate(2024), "numeric", "2024"),
        (PRESENT, "abbr", "present"),
        (None, "abbr", ""),
    ],
)
def test_format_date(date: PartialDate | None, style: str, shown: str) -> None:
    assert format_date(date, style) == shown  # type: ignore[arg-type]


def test_format_range() -> None:
    assert format_range(PartialDate(2021, 1), PRESENT) == "Jan. 2021 – present"
    assert format_range(PartialDate(2018), PartialDate(2020)) == "2018 – 2020"
    assert format_range(PartialDate(2018), PartialDate(2018)) == "2018"
    assert format_range(None, PartialDate(2016, 3)) == "Mar. 2016"
    assert format_range(PartialDate(2018), None) == "2018"
