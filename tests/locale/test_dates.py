"""Dates in every language and every date style, checked against CLDR.

Two independent checks of :mod:`cvgen.locale.cldr` (which asks Babel's ``format_skeleton``):
a small reader of CLDR's raw data (the skeleton's pattern and the month names, read from Babel's
data tables rather than through its formatter), and values typed from the CLDR charts.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel import Locale as BabelLocale

from cvgen.locale import available, load_locale
from cvgen.model.dates import PRESENT, PartialDate, format_date, format_range

LANGUAGES = [lang for lang in available() if lang != "en"]
STYLES = ("abbr", "long", "numeric", "iso", "year")
DATES = (PartialDate(2021, 1), PartialDate(2016, 3, 27), PartialDate(2024, 7, 16), PartialDate(2019), PartialDate(2023, 11))
# The skeleton each style asks for: (no day, with a day).
SKELETON = {"abbr": ("yMMM", "yMMM"), "long": ("yMMMM", "yMMMMd"), "numeric": ("yMM", "yMM"), "year": ("y", "y")}
TOKEN = re.compile(r"'(?:[^']|'')*'|([yMLd])\1*|.", re.S)


def cldr_pattern(babel: BabelLocale, skeleton: str) -> str:
    """The pattern CLDR lists for a skeleton; ``yMM`` falls back to ``yM`` where a language lists none."""
    patterns = babel.datetime_skeletons
    return str(patterns.get(skeleton) or patterns["yM"])


def expand(pattern: str, babel: BabelLocale, d: PartialDate) -> str:
    """Fill a CLDR date pattern by hand (y, M/L 1–4, d; quoted literals), from the raw month tables."""
    out = []
    for m in TOKEN.finditer(pattern):
        tok = m.group(0)
        if tok.startswith("'"):
            out.append(tok[1:-1].replace("''", "'") if len(tok) > 1 else "'")
        elif tok[0] == "y":
            out.append(str(d.year))
        elif tok[0] in "ML":
            width = {3: "abbreviated", 4: "wide"}.get(len(tok))
            context = "format" if tok[0] == "M" else "stand-alone"
            out.append(babel.months[context][width][d.month] if width else f"{d.month:0{len(tok)}d}")
        elif tok[0] == "d":
            out.append(f"{d.day:0{len(tok)}d}")
        else:
            out.append(tok)
    return "".join(out)


def expected(language: str, d: PartialDate, style: str) -> str:
    if style == "iso":
        return str(d)
    babel = BabelLocale.parse(language.replace("-", "_"))
    if style == "year" or d.month is None:
        skeleton = "y"
    else:
        skeleton = SKELETON[style][1 if d.day else 0]
    return expand(cldr_pattern(babel, skeleton), babel, d)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("style", STYLES)
def test_dates_follow_cldr_in_every_language_and_style(language: str, style: str) -> None:
    locale = load_locale(language)
    for d in DATES:
        assert locale.date(d, style) == expected(language, d, style), (language, style, d)


@pytest.mark.parametrize("language", LANGUAGES)
def test_range_uses_cldrs_interval_fallback_and_the_tables_present(language: str) -> None:
    babel = BabelLocale.parse(language.replace("-", "_"))
    fallback = babel._data["interval_formats"][None]  # the raw CLDR intervalFormatFallback
    locale = load_locale(language)
    start = expected(language, PartialDate(2021, 1), "abbr")
    assert locale.date_range(PartialDate(2021, 1), PRESENT) == fallback.replace("{0}", start).replace(
        "{1}", locale.text("terms.present")
    )
    assert locale.date_range(PartialDate(2021, 1), PartialDate(2021, 1)) == start
    assert locale.date_range(None, PartialDate(2021, 1)) == start


# Values typed from the CLDR charts (cldr.unicode.org, by-type "Date & Time" / "Gregorian").
CHARTS = [
    ("fr", PartialDate(2021, 1), "abbr", "janv. 2021"),
    ("fr", PartialDate(2021, 1), "long", "janvier 2021"),
    ("de", PartialDate(2024, 7, 16), "long", "16. Juli 2024"),
    ("de", PartialDate(2016, 3), "long", "März 2016"),
    ("es", PartialDate(2021, 1), "long", "enero de 2021"),
    ("pl", PartialDate(2024, 7, 16), "long", "16 lipca 2024"),  # day: genitive month
    ("pl", PartialDate(2024, 7), "long", "lipiec 2024"),  # no day: nominative (stand-alone)
    ("tr", PartialDate(2021, 1), "long", "Ocak 2021"),
    ("ja", PartialDate(2021, 1), "abbr", "2021年1月"),
    ("ja", PartialDate(2024, 7, 16), "long", "2024年7月16日"),
    ("zh-Hans", PartialDate(2019), "abbr", "2019年"),
    ("ko", PartialDate(2021, 1), "abbr", "2021년 1월"),
    ("ar", PartialDate(2021, 1), "long", "يناير 2021"),
    ("he", PartialDate(2021, 1), "long", "ינואר 2021"),
    ("ru", PartialDate(2021, 1), "long", "январь 2021\u202fг."),
    ("it", PartialDate(2021, 1), "long", "gennaio 2021"),
]


@pytest.mark.parametrize(("language", "d", "style", "want"), CHARTS)
def test_dates_match_the_cldr_charts(language: str, d: PartialDate, style: str, want: str) -> None:
    assert load_locale(language).date(d, style) == want


def test_the_issues_examples() -> None:
    """"Jan. 2021 – present" in English; French and Japanese with their CLDR month and range forms."""
    start = PartialDate(2021, 1)
    assert load_locale("en").date_range(start, PRESENT) == "Jan. 2021 – present"
    assert load_locale("fr").date_range(start, PRESENT) == "janv. 2021\u2009–\u2009présent"
    assert load_locale("ja").date_range(start, PRESENT) == "2021年1月～現在"


@pytest.mark.parametrize("style", STYLES)
def test_english_dates_are_cvgens_own_style_unchanged(style: str) -> None:
    locale = load_locale("en")
    for d in DATES:
        assert locale.date(d, style) == format_date(d, style)
        assert locale.date_range(PartialDate(2018), d, style) == format_range(PartialDate(2018), d, style)
    assert locale.date(PRESENT, style) == "present"


def test_english_never_imports_babel() -> None:
    code = (
        "import sys, cvgen.locale as l; from cvgen.model.dates import PartialDate;"
        "x = l.load_locale('en'); x.date(PartialDate(2021, 1)); x.join_and(['a', 'b', 'c']); x.money(5, 'USD');"
        "assert 'babel' not in sys.modules, 'babel imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_override_of_present_reaches_the_dates() -> None:
    assert load_locale("de", {"terms.present": "heute"}).date_range(PartialDate(2020), PRESENT) == "2020\u2009–\u2009heute"
    assert load_locale("en", {"terms.present": "now"}).date_range(PartialDate(2020), PRESENT) == "2020 – now"
