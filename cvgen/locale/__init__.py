"""The words cvgen writes itself, in the CV's language: the layer between the model and the view.

``load_locale(settings.language, settings.strings)`` gives a :class:`Locale`: the language's string
table (``data/<lang>.toml``) with the user's overrides on top, dates and lists from CLDR through
Babel, and the text direction. The view asks it for every word once; backends never see it.

English is special only in cost: its dates keep cvgen's own English style and Babel is never
imported for it. A language without a table gets English words and CLDR dates, with a warning;
a table's declared ``fallback`` keys are English too, each named in a warning — never mixed silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from cvgen.locale.english import EnglishDates
from cvgen.locale.tables import ENGLISH, Table, available, read_table, table_name
from cvgen.model.dates import DateStyle
from cvgen.model.strings import STRINGS, check_strings

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
T = TypeVar("T")


class DateWords(Protocol):
    """What the view needs besides the table: dates, lists and amounts in one language."""

    present: str
    range_pattern: str

    def date(self, d: object, style: DateStyle = "abbr") -> str: ...
    def money(self, value: float, currency: str) -> str: ...
    @property
    def list_patterns(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class Locale:
    """One CV's words: strings by ``group.key``, dates, lists, direction, and what fell back to English."""

    tag: str
    """The language tag as written in ``settings.language``."""
    table: str
    """The string table used ("de", "zh-Hant"; "en" when the language has none)."""
    direction: str
    """"ltr" or "rtl"."""
    strings: Mapping[str, str]
    dates: DateWords
    warnings: tuple[str, ...] = field(default=())

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    def text(self, key: str) -> str:
        """The template for ``key`` ("Cited by {count}"), placeholders left for the caller."""
        return self.strings[key]

    def fill(self, key: str, **values: object) -> str:
        """The string for ``key`` with ``{placeholders}`` replaced by plain values."""
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), self.strings[key])

    def date(self, d: object, style: DateStyle = "abbr") -> str:
        """A date (or "present") in a display style: "Jan. 2021", "janv. 2021", "2021年1月"."""
        return "" if d is None else self.dates.date(d, style)

    def date_range(self, start: object, end: object, style: DateStyle = "abbr") -> str:
        """"Jan. 2021 – present"; one date when start and end agree or one is missing."""
        if start is None:
            return self.date(end, style)
        if end is None or end == start:
            return self.date(start, style)
        return self.dates.range_pattern.replace("{0}", self.date(start, style)).replace("{1}", self.date(end, style))

    def join_and(self, parts: Sequence[str]) -> str:
        """"A, B, and C" / "A, B und C" / "A、B、C": CLDR's list patterns."""
        if not parts:
            return ""
        return join_list(list(parts), self.dates.list_patterns, lambda a, b, pattern: _pair(pattern, a, b))

    def money(self, value: float, currency: str) -> str:
        return self.dates.money(value, currency)


def _pair(pattern: str, first: str, second: str) -> str:
    return pattern.replace("{0}", first).replace("{1}", second)


def join_list(parts: Sequence[T], patterns: Mapping[str, str], pair: Callable[[T, T, str], T]) -> T:
    """Join items with CLDR list patterns; ``pair(a, b, pattern)`` puts two items into one pattern.

    CLDR builds "A, B, C and D" from the end: ``end`` joins the last two, ``middle`` the rest, and
    ``start`` the first; two items use the "2" pattern.
    """
    if not parts:
        raise ValueError("an empty list has no words to join")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return pair(parts[0], parts[1], patterns["2"])
    result = pair(parts[-2], parts[-1], patterns["end"])
    for item in reversed(parts[1:-2]):
        result = pair(item, result, patterns["middle"])
    return pair(parts[0], result, patterns["start"])


def _strings(table: Table, english: Table, overrides: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The table's strings over English ones, overrides on top; the English keys used, by name."""
    strings = dict(english.strings)
    missing: list[str] = []
    for key in english.strings:
        if key in table.strings and key not in table.fallback:
            strings[key] = table.strings[key]
        elif key not in overrides:
            missing.append(key)
    strings.update(overrides)
    return strings, missing


def load_locale(tag: str = ENGLISH, overrides: Mapping[str, str] | None = None) -> Locale:
    """The locale for ``settings.language`` and ``settings.strings``; Babel loads only if not English."""
    overrides = dict(overrides or {})
    check_strings(overrides)  # the loader checked them already; a direct caller gets the same message
    english = read_table(ENGLISH)
    name = table_name(tag)
    warnings: list[str] = []
    if name is None:
        warnings.append(
            f"settings.language {tag!r}: cvgen has no string table for this language, so its words are in "
            f"English (tables: {', '.join(available())}; see docs/languages.md to add one)"
        )
    table = read_table(name) if name else english
    strings, missing = _strings(table, english, overrides)
    if missing and name not in (None, ENGLISH):
        warnings.append(
            f"settings.language {tag!r}: {len(missing)} strings have no {table.name} translation yet and are "
            f"shown in English: {', '.join(missing)} (translate them in settings.strings)"
        )
    present = strings["terms.present"]
    if name == ENGLISH:
        return Locale(tag, ENGLISH, "ltr", strings, EnglishDates(present=present), ())
    return _with_cldr(tag, name or ENGLISH, table, strings, present, warnings)


def _with_cldr(tag: str, name: str, table: Table, strings: dict[str, str], present: str,
               warnings: list[str]) -> Locale:
    from cvgen.locale import cldr  # Babel: only for languages other than English

    babel = cldr.babel_locale(tag)
    if babel is None:
        warnings.append(f"settings.language {tag!r}: CLDR does not know this language; dates are in English")
        return Locale(tag, name, "ltr", strings, EnglishDates(present=present), tuple(warnings))
    direction = table.direction if name != ENGLISH else cldr.direction(babel)
    return Locale(tag, name, direction, strings, cldr.CldrDates(babel, present), tuple(warnings))


__all__ = ["STRINGS", "Locale", "available", "check_strings", "join_list", "load_locale", "table_name"]
