"""The string tables: one TOML file per language in ``cvgen/locale/data/``, read with the standard library.

A table is what a translator edits: every word cvgen writes itself (section titles, terms, the
legend and metrics sentences, biosketch headings), grouped by job, with an ``[about]`` block that
names the text direction, the source of each string and the strings no source provides
(``unreviewed``) or that have no translation yet (``fallback``, shown in English with a warning).
Reading a table costs one small file and ``tomllib``; nothing here imports Babel.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
"""Where the tables live; a new language is one more file here (see docs/languages.md)."""

ENGLISH = "en"
_ALIASES = {"iw": "he", "in": "id"}  # withdrawn ISO 639 codes still written by older tools
_TRADITIONAL_REGIONS = {"TW", "HK", "MO"}


@dataclass(frozen=True)
class Table:
    """One language's strings as the file holds them (flat ``group.key`` names)."""

    language: str
    name: str
    direction: str
    strings: dict[str, str]
    fallback: tuple[str, ...] = ()
    unreviewed: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)


def available() -> tuple[str, ...]:
    """Every language with a table, as its file name says (``de``, ``zh-Hant``, …)."""
    return tuple(sorted(p.stem for p in DATA.glob("*.toml")))


def table_name(tag: str) -> str | None:
    """The table for a BCP 47 tag: ``de-AT`` → ``de``, ``zh-TW`` → ``zh-Hant``; None when there is none."""
    parts = tag.replace("_", "-").split("-")
    language = _ALIASES.get(parts[0].lower(), parts[0].lower())
    if language == "zh":
        subtags = {p.title() if len(p) == 4 else p.upper() for p in parts[1:]}
        traditional = "Hant" in subtags or (bool(subtags & _TRADITIONAL_REGIONS) and "Hans" not in subtags)
        return "zh-Hant" if traditional else "zh-Hans"
    return language if (DATA / f"{language}.toml").is_file() else None


def _flatten(data: dict[str, object]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for group, entries in data.items():
        if group == "about" or not isinstance(entries, dict):
            continue
        for key, text in entries.items():
            flat[f"{group}.{key}"] = str(text)
    return flat


@cache
def read_table(language: str) -> Table:
    """Read ``data/<language>.toml`` once per process."""
    with (DATA / f"{language}.toml").open("rb") as f:
        data = tomllib.load(f)
    about = data.get("about", {})
    return Table(
        language=about.get("language", language),
        name=about.get("name", language),
        direction=about.get("direction", "ltr"),
        strings=_flatten(data),
        fallback=tuple(about.get("fallback", ())),
        unreviewed=tuple(about.get("unreviewed", ())),
        sources=dict(about.get("sources", {})),
    )
