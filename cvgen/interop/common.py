"""Small helpers shared by the importers and exporters: results, warnings, text clean-up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cvgen.model.dates import parse_date, parse_end
from cvgen.model.links import check_url

Data = dict[str, Any]


@dataclass
class Imported:
    """What an importer produced: cvgen data and the warnings about what did not fit.

    Unpacks as ``(data, warnings)`` so callers can write ``pubs, warnings = import_bibtex(...)``.
    """

    data: Any
    warnings: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Any]:
        yield self.data
        yield self.warnings


_SPACES = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Collapse runs of white space (line breaks, no-break spaces, tabs) into one space."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def good_url(value: str) -> str | None:
    """``value`` if cvgen accepts it as a link (http, https, mailto, …), else None."""
    try:
        return check_url(value)
    except ValueError:
        return None


def good_date(value: Any) -> str | None:
    """A date as cvgen writes it (``2021``, ``2021-05``), or None when it is not one."""
    if value is None:
        return None
    try:
        return str(parse_date(str(value).strip()))
    except ValueError:
        return None


def good_end(value: Any) -> str | None:
    """An end date, which may also be ``present``."""
    if value is None:
        return None
    try:
        return str(parse_end(str(value).strip()))
    except ValueError:
        return None


_MD_WRAP = re.compile(r"^(\*{1,3}|_{1,3})(.+?)\1$")


def strip_markdown_emphasis(name: str) -> tuple[str, bool]:
    """``'***John Doe***'`` → (``'John Doe'``, True): the emphasis RenderCV users put on their name."""
    m = _MD_WRAP.match(name.strip())
    if m:
        return m.group(2).strip(), True
    return name.strip(), False


def prune(data: Any) -> Any:
    """Drop None values, empty strings, lists and mappings, so the YAML holds only what is known."""
    if isinstance(data, dict):
        out = {k: prune(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {}, ())}
    if isinstance(data, (list, tuple)):
        return [v for v in (prune(x) for x in data) if v not in (None, "", [], {}, ())]
    return data


def section_key(title: str, taken: set[str]) -> str:
    """A custom-section key (lowercase letters, digits, ``_``) made from a section title, unique in ``taken``."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_title.lower()).strip("_") or "section"
    if not key[0].isalpha():
        key = "s_" + key
    base, n = key, 2
    while key in taken:
        key = f"{base}_{n}"
        n += 1
    taken.add(key)
    return key


_KIND_WORDS = (
    ("preprint", re.compile(r"preprint|arxiv|biorxiv|medrxiv|ssrn|working paper|under review|submitted|in preparation",
                            re.I)),
    ("workshop", re.compile(r"workshop", re.I)),
    ("conference", re.compile(r"conference|proceedings|symposium|congress|neurips|nips|icml|iclr|cvpr|iccv|eccv|"
                              r"\bacl\b|emnlp|naacl|aaai|ijcai|\bkdd\b|sigir|neural information processing", re.I)),
    ("journal", re.compile(r"journal|article|letters|transactions|review", re.I)),
    ("chapter", re.compile(r"chapter", re.I)),
    ("book", re.compile(r"\bbooks?\b|monograph", re.I)),
    ("thesis", re.compile(r"thes[ie]s|dissertation", re.I)),
    ("patent", re.compile(r"patent", re.I)),
    ("report", re.compile(r"report|white paper", re.I)),
    ("magazine", re.compile(r"magazine|popular|outreach article", re.I)),
)


def publication_kind(*texts: str | None) -> str | None:
    """A publication kind from words (a section title first, then a venue): "Conference Papers" → conference."""
    for text in texts:
        if text:
            for kind, pattern in _KIND_WORDS:
                if pattern.search(text):
                    return kind
    return None


_OPEN_END = re.compile(r"^(?:present|now|current|today|ongoing|heute|actual|actualidad)?$", re.I)
_RANGE = re.compile(r"^(.+?)\s*(?:–|—|-{1,2}|\bto\b)\s*(.*)$", re.I)


def year_range(value: str) -> tuple[str | None, str | None, str | None]:
    """al-folio's free ``year``: ``2017`` → single; ``2019 - 2023``, ``2021-Present``, ``2020 -`` → start/end."""
    text = squeeze(value)
    single = good_date(text)
    if single:
        return None, None, single
    m = _RANGE.match(text)
    if m and good_date(m.group(1)):
        end = "present" if _OPEN_END.match(m.group(2).strip()) else good_end(m.group(2))
        if end:
            return good_date(m.group(1)), end, None
    return None, None, None
