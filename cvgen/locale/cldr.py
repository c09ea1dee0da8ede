"""Dates, lists and amounts for languages other than English, from CLDR through Babel.

Imported only when a CV's language is not English, so English renders never pay for Babel.
Each display style maps to a CLDR skeleton and Babel picks the language's own pattern for it:
"abbr" is ``yMMM`` ("Jan. 2021", "janv. 2021", "2021年1月"), "long" ``yMMMM`` (``yMMMMd`` with a
day), "numeric" ``yMM`` ("01/2021", "01.2021", "2021/01"), "year" ``y``; "iso" stays ISO 8601 in
every language. A range joins two dates with CLDR's interval fallback pattern ("{0} – {1}",
"{0}～{1}" in Japanese), the pattern CLDR gives for joining dates it does not merge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_currency

from cvgen.model.dates import PRESENT, DateStyle, PartialDate

_SKELETONS: dict[str, tuple[str, str]] = {
    # style: (skeleton without a day, skeleton with one)
    "abbr": ("yMMM", "yMMM"),
    "long": ("yMMMM", "yMMMMd"),
    "numeric": ("yMM", "yMM"),
    "year": ("y", "y"),
}


def babel_locale(tag: str) -> BabelLocale | None:
    """Babel's locale for a BCP 47 tag (``de-AT``, ``zh-Hant``), else its language alone, else None."""
    for candidate in (tag, tag.split("-")[0]):
        try:
            return BabelLocale.parse(candidate.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
    return None


def skeleton_for(d: PartialDate, style: DateStyle) -> str:
    """The CLDR skeleton a date is shown with: the style's, narrowed to the precision written."""
    if style == "year" or d.month is None:
        return "y"
    plain, with_day = _SKELETONS[style]
    return with_day if d.day is not None else plain


@dataclass(frozen=True)
class CldrDates:
    """Dates and lists as CLDR writes them in one language."""

    locale: BabelLocale
    present: str

    @cached_property
    def range_pattern(self) -> str:
        return str(self.locale.interval_formats.get(None) or "{0} – {1}")

    def date(self, d: object, style: DateStyle = "abbr") -> str:
        if d is None:
            return ""
        if d == PRESENT:
            return self.present
        assert isinstance(d, PartialDate)
        if style == "iso":
            return str(d)
        day = dt.date(d.year, d.month or 1, d.day or 1)
        return format_skeleton(skeleton_for(d, style), day, locale=self.locale)

    def money(self, value: float, currency: str) -> str:
        """The amount in the language's currency format; whole amounts without decimals."""
        whole = value == int(value)
        return format_currency(value, currency.upper(), locale=self.locale, currency_digits=not whole,
                               format=None if not whole else _whole_pattern(self.locale))

    @property
    def list_patterns(self) -> dict[str, str]:
        return dict(self.locale.list_patterns["standard"])


def _whole_pattern(locale: BabelLocale) -> str:
    """The language's currency pattern without its fraction digits ("#,##0.00 ¤" → "#,##0 ¤")."""
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace(".00", "").replace(".##", "")


def direction(locale: BabelLocale) -> str:
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
