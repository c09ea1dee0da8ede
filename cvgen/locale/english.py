"""English dates and lists exactly as cvgen has always written them, without Babel.

English is the seed CV's own style ("Mar. 2016", "Jan. 2021 – present", "A, B, and C"), which
differs from CLDR's ("Mar 2016", "Jan 2021 – …"); keeping it here keeps English output byte-identical
and the English start-up free of Babel.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.model.dates import PRESENT, DateStyle, format_date

ENGLISH_LISTS = {"2": "{0} and {1}", "start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0}, and {1}"}
"""CLDR's English list patterns, which are also what cvgen wrote before it had a locale layer."""


@dataclass(frozen=True)
class EnglishDates:
    """Dates in the English display styles of :func:`cvgen.model.dates.format_date`."""

    present: str = "present"
    range_pattern: str = "{0} – {1}"

    def date(self, d: object, style: DateStyle = "abbr") -> str:
        if d == PRESENT:
            return self.present
        return format_date(d, style)  # type: ignore[arg-type]

    def money(self, value: float, currency: str) -> str:
        """"$50,000" for the currencies with a symbol, "50,000 CHF" otherwise (the seed's form)."""
        symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥"}.get(currency.upper())
        amount = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
        return f"{symbol}{amount}" if symbol else f"{amount} {currency}"

    @property
    def list_patterns(self) -> dict[str, str]:
        return ENGLISH_LISTS
