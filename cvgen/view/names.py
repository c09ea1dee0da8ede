"""Recognising a person in an author list: "S. Liu", "Sijia Liu", "Liu, S." are one person.

Names are compared without case, accents or punctuation, as (surname, given names). Two names
match when their surnames are equal and their given names agree as far as both are written:
initials match full names that start with them ("S." ~ "Sijia"), full names must be equal. So
"Y. Liu" and "G. Liu" never match "Sijia Liu". A name listed verbatim as a variant always matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PARTICLES = {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "dos", "das", "ter", "ten"}


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name (NFC and NFD fold alike)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    return re.sub(r"[^\w\s,-]", " ", stripped.casefold()).strip()


@dataclass(frozen=True)
class NameKey:
    surname: str
    given: tuple[str, ...]
    """Given names in order; a one-letter entry is an initial."""


@lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    folded = fold(name)
    if "," in folded:
        surname, _, given = folded.partition(",")
        given_parts = given.replace("-", " ").split()
        surname = " ".join(surname.split())
    else:
        parts = folded.split()
        if not parts:
            return NameKey("", ())
        # Keep lower-case particles with the surname ("Ludwig van Beethoven" → "van beethoven").
        i = len(parts) - 1
        while i > 1 and parts[i - 1] in _PARTICLES:
            i -= 1
        surname = " ".join(parts[i:])
        given_parts = " ".join(parts[:i]).replace("-", " ").split()
    return NameKey(surname, tuple(p for p in given_parts if p))


def _given_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    for x, y in zip(a, b):
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
        elif x != y:
            return False
    return True


class NameMatcher:
    """Matches author names against one person's name and its variants."""

    def __init__(self, names: tuple[str, ...] | list[str]):
        self._exact = {fold(n) for n in names if n}
        self._keys = [name_key(n) for n in names if n]
        # Full given names ("Sijia") decide for authors written with full names, so the variant
        # "S. Liu" does not make "Shiyu Liu" the owner.
        self._full_keys = [k for k in self._keys if k.given and len(k.given[0]) > 1]

    def __bool__(self) -> bool:
        return bool(self._keys)

    def matches(self, author: str) -> bool:
        if fold(author) in self._exact:
            return True
        key = name_key(author)
        keys = self._full_keys if (self._full_keys and key.given and len(key.given[0]) > 1) else self._keys
        return any(k.surname == key.surname and _given_agree(k.given, key.given) for k in keys)
