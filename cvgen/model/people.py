"""Recognising a person in an author list (the owner, a lab's members): "S. Liu", "Sijia Liu", "Liu, S." are one person.

Names are compared without case, accents or punctuation, as (surname, given names). Two names
match when their surnames are equal and their given names agree as far as both are written:
initials match full names that start with them ("S." ~ "Sijia"), full names must be equal. So
"Y. Liu" and "G. Liu" never match "Sijia Liu". A name listed verbatim as a variant always matches.

Forms understood:

- "Sijia Liu", "S. Liu", "S Liu", "Liu, Sijia", "Liu, S." (Western order, or BibTeX's comma form);
- hyphenated given names: "P.-Y. Chen" ~ "Pin-Yu Chen" ~ "P. Y. Chen";
- particles stay with the surname: "J. van der Berg" ~ "van der Berg, Jan";
- PubMed/Vancouver style "Liu S" or "Chen PY": the last word is read as initials only when it is
  one capital letter, or two or three capitals with no vowel (so "Wei XU" or "Andrew NG" keep
  their surnames; "NG" is listed as a surname explicitly);
- names without spaces (CJK written as-is, "刘思佳") match only exactly; list them as variants.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cvgen.model.authors import Author
    from cvgen.model.cv import CV

_PARTICLES = {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "dos", "das", "ter", "ten"}
_APOSTROPHES = "'\u2019\u02bc`"
# Vowel-less capital words that are surnames, not initials.
_VOWELLESS_SURNAMES = {"NG", "NGO", "MCH"}
_PUBMED_INITIALS = re.compile(r"^(?:[A-Z]|[B-DF-HJ-NP-TV-Z]{2,3})$")


_HYPHENS = re.compile("[\u2010-\u2015\u2043\u2212\ufe58\ufe63\uff0d]")
"""Every Unicode hyphen and dash (U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN, …): all read as "-"."""


@lru_cache(maxsize=65536)  # pure, and called for every author of every publication, often the same names
def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name (NFC and NFD fold alike; any hyphen is "-")."""
    text = _HYPHENS.sub("-", text.replace("\u00ad", ""))  # a soft hyphen is invisible: dropped
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    stripped = "".join(ch for ch in stripped if ch not in _APOSTROPHES)  # O'Reilly → oreilly
    return " ".join(re.sub(r"[^\w\s,-]", " ", stripped.casefold()).split())


@dataclass(frozen=True)
class NameKey:
    surname: str
    given: tuple[str, ...]
    """Given names in order; a one-letter entry is an initial."""


def _pubmed(name: str) -> tuple[str, str] | None:
    """("Liu", "S") for "Liu S" / "Chen PY"; None when the name is not clearly in that style."""
    if "," in name or "." in name:
        return None
    words = name.split()
    if len(words) < 2:
        return None
    last = unicodedata.normalize("NFKD", words[-1])
    if not _PUBMED_INITIALS.match(last) or last in _VOWELLESS_SURNAMES:
        return None
    if any(w.isupper() and len(w) > 1 for w in words[:-1]):
        return None  # "WEI XU": all capitals, cannot tell initials from a surname
    return " ".join(words[:-1]), last


@lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    """Split a written name into folded surname and given names.

    A no-break space joins words into one ("Per Brinch\u00a0Hansen" has the surname "brinch
    hansen", as "Brinch Hansen, Per" has): it is how a reading-order name keeps a two-word surname.
    """
    name = name.replace("\u00a0", "_")  # survives fold() (NFKD would make it a plain space)
    pub = _pubmed(name.strip())
    if pub is not None:
        return NameKey(fold(pub[0]).replace("_", " "), tuple(ch for ch in fold(pub[1])))
    folded = fold(name)
    if "," in folded:
        surname, _, given = folded.partition(",")
        given_parts = given.replace("-", " ").replace("_", " ").split()
        surname = " ".join(surname.replace("_", " ").split())
    else:
        parts = folded.split()
        if not parts:
            return NameKey("", ())
        # Keep particles with the surname ("Ludwig van Beethoven" → "van beethoven").
        i = len(parts) - 1
        while i > 1 and parts[i - 1] in _PARTICLES:
            i -= 1
        surname = " ".join(parts[i:]).replace("_", " ")
        given_parts = " ".join(parts[:i]).replace("-", " ").replace("_", " ").split()
    return NameKey(surname, tuple(p for p in given_parts if p))


def _given_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    for x, y in zip(a, b, strict=False):
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
        elif x != y:
            return False
    return True


def _forms(key: NameKey) -> list[NameKey]:
    """A key and, for a surname of several words with no particle ("brinch hansen"), the reading in
    which only the last word is the surname: "Per Brinch Hansen" and "Brinch Hansen, P." are one person."""
    words = key.surname.split()
    if len(words) < 2 or words[0] in _PARTICLES:
        return [key]
    return [key, NameKey(words[-1], (*key.given, *words[:-1]))]


def _by_surname(keys: list[NameKey]) -> dict[str, list[NameKey]]:
    index: dict[str, list[NameKey]] = {}
    for k in keys:
        for form in _forms(k):
            index.setdefault(form.surname, []).append(form)
    return index


class NameMatcher:
    """Matches author names against one person's name and its variants.

    ``NameMatcher.people([...])`` matches any of several people (a lab's members), each name
    judged on its own. Every name is normalised once, here or on its first sight (``fold`` and
    ``name_key`` are cached), and compared only with the names of the same surname: matching an
    author list is linear in its length, whatever the number of members.
    """

    def __init__(self, names: tuple[str, ...] | list[str], *, several_people: bool = False):
        self._exact = {fold(n) for n in names if n}
        keys = [name_key(n) for n in names if n]
        self._keys = _by_surname(keys)
        # Full given names ("Sijia") decide for authors written with full names, so the variant
        # "S. Liu" does not make "Shiyu Liu" the owner. Several people: each one's single name decides.
        full = [] if several_people else [k for k in keys if k.given and len(k.given[0]) > 1]
        self._full_keys = _by_surname(full)

    @classmethod
    def people(cls, names: tuple[str, ...] | list[str]) -> NameMatcher:
        """A matcher for several different people."""
        return cls(names, several_people=True)

    def __bool__(self) -> bool:
        return bool(self._keys or self._exact)

    def matches(self, author: str) -> bool:
        if fold(author) in self._exact:
            return True
        key = name_key(author)
        if not key.given:
            return False  # a bare surname ("Liu") is never enough
        index = self._full_keys if (self._full_keys and len(key.given[0]) > 1) else self._keys
        return any(_given_agree(k.given, form.given) for form in _forms(key) for k in index.get(form.surname, ()))


@dataclass(frozen=True)
class People:
    """Who is bolded in author lists: the owner and, in lab mode, the group's members."""

    owner: NameMatcher
    members: NameMatcher

    @classmethod
    def of(cls, cv: CV) -> People:
        return cls(
            NameMatcher([cv.person.name, *cv.person.name_variants]),
            NameMatcher.people(list(cv.settings.group_members)),
        )

    def is_owner(self, author: Author) -> bool:
        return author.owner if author.owner is not None else self.owner.matches(author.name)

    def is_member(self, author: Author) -> bool:
        if author.member is not None:
            return author.member
        return bool(self.members) and self.members.matches(author.name)


def csl_name_parts(name: str) -> dict[str, str]:
    """A written name as CSL-JSON name parts (family, given, non-dropping-particle, suffix).

    BibTeX's name rules decide the parts (bibtexparser's parser, imported on first use). A single
    word, or a name the parser refuses, stays one ``literal``; empty parts are left out.
    """
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    if " " not in name.strip() and "," not in name:
        return {"literal": name}
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except ValueError:
        return {"literal": name}
    out = {"family": " ".join(parts.last), "given": " ".join(parts.first),
           "non-dropping-particle": " ".join(parts.von), "suffix": " ".join(parts.jr)}
    return {k: v for k, v in out.items() if v}
