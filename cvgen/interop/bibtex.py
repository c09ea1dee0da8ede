"""BibTeX → cvgen publications, with bibtexparser 2 doing the parsing.

bibtexparser splits the file into blocks and its middlewares resolve ``@string`` macros, remove the
enclosing braces, separate co-authors, split names into parts, decode LaTeX to Unicode and turn
month macros into numbers. cvgen adds three middlewares of its own around them:

* :class:`_CleanFields` (before) lower-cases field names (keeping the first of duplicated fields),
  strips hand-made owner highlighting (``\\textbf{…}``, ``{\\bf …}``, ``<strong>…</strong>``) and turns
  marker macros (``$^{\\dagger}$``, ``\\textsuperscript{*}``) into the characters cvgen reads;
* :class:`_SplitNames` splits each author into parts, keeping a name it cannot split whole;
* :class:`_Decode` decodes LaTeX everywhere except in web addresses and DOIs.

Then :func:`_publication` maps one entry to cvgen's publication fields. Whatever has no place in
cvgen is listed in the warnings, with the line it came from.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.interop.bibtex_limits import (
    MAX_BIB_CHARS,
    MAX_BIB_ENTRIES,
    MAX_BIB_FIELD_CHARS,
    BibTooLarge,
    too_large,
)
from cvgen.interop.bibtex_strings import resolve_strings
from cvgen.interop.common import Data, Imported, good_date, good_url, squeeze
from cvgen.interop.latex_decode import DecodeBudgetExceeded, LinearDecoder
from cvgen.model.authors import COMPACT_MARKERS
from cvgen.model.dates import MONTHS as _MONTHS
from cvgen.model.people import NameMatcher, name_key

# ---------------------------------------------------------------------------------------------
# What maps where

ENTRY_KINDS = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "book",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "patent": "patent",
    "periodical": "magazine",
    "misc": "other",
    "unpublished": "other",
    "online": "other",
    "electronic": "other",
    "www": "other",
    "manual": "other",
    "booklet": "other",
    "dataset": "other",
    "software": "other",
}

# NASA ADS writes journals as AASTeX macros (journal = {\apjl}); without these they decode to nothing.
ADS_JOURNALS = {
    "aj": "AJ", "apj": "ApJ", "apjl": "ApJL", "apjs": "ApJS", "aap": "A&A", "aaps": "A&AS", "aapr": "A&A Rev.",
    "mnras": "MNRAS", "pasp": "PASP", "pasj": "PASJ", "pasa": "PASA", "araa": "ARA&A", "nat": "Nature",
    "sci": "Science", "icarus": "Icarus", "jgr": "J. Geophys. Res.", "grl": "Geophys. Res. Lett.", "jcap": "JCAP",
    "prd": "Phys. Rev. D", "prl": "Phys. Rev. Lett.", "pra": "Phys. Rev. A", "prb": "Phys. Rev. B",
    "prc": "Phys. Rev. C", "pre": "Phys. Rev. E", "physrep": "Phys. Rep.", "ssr": "Space Sci. Rev.",
    "planss": "Planet. Space Sci.", "apss": "Ap&SS", "na": "New A", "nar": "New A Rev.", "memras": "MmRAS",
    "qjras": "QJRAS", "baas": "BAAS", "solphys": "Sol. Phys.", "procspie": "Proc. SPIE", "aplett": "Astrophys. Lett.",
    "azh": "AZh", "actaa": "Acta Astron.", "bain": "BAN", "nphysa": "Nucl. Phys. A", "jrasc": "JRASC",
}

# Fields holding web addresses and the label each link gets.
LINK_FIELDS = {
    "url": None,  # labelled from the address (arXiv, PDF, URL)
    "pdf": "PDF",
    "html": "HTML",
    "code": "Code",
    "codeurl": "Code",
    "slides": "Slides",
    "slidesurl": "Slides",
    "poster": "Poster",
    "video": "Video",
    "website": "Website",
    "blog": "Blog",
    "supp": "Supplement",
    "project": "Project",
    "_talkurl": "Talk",
    "talk": "Talk",
    "eprint": None,
    "howpublished": None,
    "adsurl": "ADS",
}

# Fields read somewhere in _publication; everything else is reported as not carried over.
USED_FIELDS = {
    "title", "author", "author+an", "journal", "booktitle", "school", "institution", "howpublished",
    "publisher", "organization", "series", "year", "month", "day", "date", "volume", "number", "issue",
    "pages", "doi", "note", "_note", "abstract", "keywords", "selected", "abbr", "_venue", "shortjournal",
    "journalabbr", "shorthand", "pubstate", "award", "awards", "topics", "categories", "primaryclass",
    "eprintclass", "archiveprefix", "eprinttype", "arxiv", "times-cited", "citations", "pllinks", "type",
    "pmid", "pmcid", *LINK_FIELDS,
}

_STATUS_WORDS = [
    (re.compile(r"^\s*(?:under|in)\s+(?:review|revision)\b", re.I), "under-review"),
    (re.compile(r"^\s*submitted\b", re.I), "submitted"),
    (re.compile(r"^\s*(?:accepted|in\s+press|forthcoming|to\s+appear)\b", re.I), "accepted"),
    (re.compile(r"^\s*in\s+prep(?:aration|\.)?\b", re.I), "in-preparation"),
]
_PUBSTATE = {
    "inpress": "accepted", "forthcoming": "accepted", "accepted": "accepted", "submitted": "submitted",
    "inpreparation": "in-preparation", "in-preparation": "in-preparation", "underreview": "under-review",
    "under-review": "under-review", "published": "published",
}

_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>{}]+)")
_DOI_WHOLE = re.compile(r"^\s*(?:doi\s*:?\s*)?(?:https?://)?(?:dx\.)?(?:doi\.org/)?(10\.\d{4,9}/\S+?)[.,;]?\s*$", re.I)
_DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.I)
_ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", re.I)
_PREPRINT_SERVERS = re.compile(r"arxiv|biorxiv|medrxiv|chemrxiv|eartharxiv|essoar|ssrn|research\s*square|preprint", re.I)

# ---------------------------------------------------------------------------------------------
# Clean-up before bibtexparser's own middlewares

# Owner highlighting written by hand: the owner is recognised automatically, so it is stripped.
_HIGHLIGHTS = [
    re.compile(r"<(strong|b)>\s*(?P<name>.*?)\s*</\1>", re.I | re.S),
    re.compile(r"\\(?:textbf|bf|mathbf|underline|uline)\s*\{(?P<name>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"),
    re.compile(r"\{\s*\\bf(?:series)?\s+(?P<name>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"),
]
# Superscript marks: $^{\dagger}$, $^*$, $\dagger$, \textsuperscript{*,\dag}, \dag
_SUPERSCRIPT = re.compile(
    r"\$\s*\^?\s*\{?\s*(?P<a>(?:\\[a-zA-Z]+|[*,\s0-9†‡])+?)\s*\}?\s*\$|\\textsuperscript\s*\{(?P<b>[^{}]*)\}"
)
_MARK_MACROS = {
    "\\dagger": "†", "\\dag": "†", "†": "†", "*": "*", "\\ast": "*", "\\star": "*", "∗": "*",
    "\\ddagger": "‡", "\\ddag": "‡", "‡": "‡", "\\Envelope": "✉", "\\envelope": "✉", "\\Letter": "✉",
}
_BARE_DAG = re.compile(r"\\(dagger|dag|ddagger|ddag)\b(?:\{\})?")
_NOOP = re.compile(r"\\noop\s*\{[^{}]*\}")
_NOOP_YEAR = re.compile(r"\\noop\s*\{\s*(\d{4})\s*\}")
_UNESCAPED = re.compile(r"(?<!\\)([&%#])")


def _verbatim(key: str, value: str) -> bool:
    """Fields that hold addresses or identifiers: LaTeX decoding would damage them."""
    v = value.strip()
    return (
        key in ("doi", "url", "eprint", "pllinks", "file", "icon", "isbn", "issn")
        or key in LINK_FIELDS and key != "howpublished"
        or key.endswith("url") or key.startswith("bdsk-url")
        or bool(re.match(r"^(https?://|www\.|doi:)", v, re.I))
    )


def unlatex_url(value: str) -> str:
    """``\\url{https://a.org/x\\_y}`` → ``https://a.org/x_y``."""
    v = value.strip()
    m = re.match(r"^\\(?:url|href)\s*\{([^{}]*)\}", v)
    if m:
        v = m.group(1)
    v = v.strip("{} ")
    v = re.sub(r"\\([_%&#$~])", r"\1", v)
    return v.replace("{\\textasciitilde}", "~").replace("\\textasciitilde{}", "~").replace("\\~{}", "~")


def _marks(inner: str) -> tuple[str, list[str]]:
    """The marker characters a superscript holds, and whatever else it held (affiliation numbers)."""
    out, rest = [], []
    for tok in re.findall(r"\\[a-zA-Z]+|[^\s,]", inner):
        if tok in _MARK_MACROS:
            out.append(_MARK_MACROS[tok])
        else:
            rest.append(tok)
    return "".join(out), rest


@dataclass
class _State:
    """What the clean-up found, shared with the conversion step."""

    warnings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    highlighted: list[str] = field(default_factory=list)
    daggers: int = 0
    """† marks written into names (cvgen reads † as "student"; the file may have meant otherwise)."""


def _clean_fields_middleware(state: _State):  # noqa: ANN202 - bibtexparser is imported lazily
    from bibtexparser.middlewares.middleware import BlockMiddleware

    class _CleanFields(BlockMiddleware):
        """Lower-case keys, keep the first of duplicated fields, strip highlighting, read markers."""

        def __init__(self) -> None:
            super().__init__(allow_inplace_modification=True, allow_parallel_execution=False)

        def transform_entry(self, entry, library):  # noqa: ANN001, ANN201
            seen: dict[str, Any] = {}
            kept = []
            for f in entry.fields:
                key = f.key.strip().lower()
                value = f.value if isinstance(f.value, str) else str(f.value)
                if key in seen:
                    if squeeze(value) and squeeze(value) != squeeze(seen[key].value):
                        state.warnings[entry.key].append(
                            f"field {key!r} is given twice; kept the first ({_short(seen[key].value)}), "
                            f"ignored {_short(value)}"
                        )
                    if not squeeze(seen[key].value) and squeeze(value):
                        seen[key].value = value
                    continue
                f.key = key
                if not _verbatim(key, value):
                    if key == "year":  # \noop{2025}in review: the sort year is the best date there is
                        value = _NOOP_YEAR.sub(r"\1 ", value)
                    value = _NOOP.sub("", value)
                    value = _UNESCAPED.sub(r"\\\1", value)
                    if key in ("author", "editor"):
                        value = self._people(entry.key, value)
                f.value = value
                seen[key] = f
                kept.append(f)
            entry.fields = kept
            return entry

        def _people(self, key: str, value: str) -> str:
            for pattern in _HIGHLIGHTS:
                def keep(m: re.Match[str]) -> str:
                    state.highlighted.append(m.group("name"))
                    return m.group("name")

                value = pattern.sub(keep, value)

            def superscript(m: re.Match[str]) -> str:
                marks, rest = _marks(m.group("a") or m.group("b") or "")
                if rest:
                    state.warnings[key].append(
                        f"author superscript {m.group(0)!r}: {' '.join(rest)!r} is not a role cvgen knows; dropped"
                    )
                return marks

            value = _SUPERSCRIPT.sub(superscript, value)
            value = _BARE_DAG.sub(lambda m: _MARK_MACROS["\\" + m.group(1)], value)
            state.daggers += value.count("†")
            return value

    return _CleanFields()


def _split_names_middleware(state: _State):  # noqa: ANN202
    from bibtexparser.middlewares.middleware import BlockMiddleware
    from bibtexparser.middlewares.names import InvalidNameError, NameParts, parse_single_name_into_parts

    class _SplitNames(BlockMiddleware):
        """Like bibtexparser's SplitNameParts, but a name it cannot split is kept whole and reported."""

        def __init__(self) -> None:
            super().__init__(allow_inplace_modification=True, allow_parallel_execution=False)

        def transform_entry(self, entry, library):  # noqa: ANN001, ANN201
            for f in entry.fields:
                if f.key in ("author", "editor") and isinstance(f.value, list):
                    parts = []
                    for name in f.value:
                        try:
                            parts.append(parse_single_name_into_parts(name, strict=False))
                        except InvalidNameError as exc:
                            state.warnings[entry.key].append(f"{f.key} {name!r} kept whole: {exc.reason}")
                            parts.append(NameParts(last=[name]))
                    f.value = parts
            return entry

    return _SplitNames()


def _decode_middleware():  # noqa: ANN202
    import pylatexenc.latex2text as l2t
    from bibtexparser.middlewares import LatexDecodingMiddleware
    from bibtexparser.middlewares.names import NameParts

    context = l2t.get_default_latex_context_db()
    context.add_context_category(
        "cvgen-bibtex", prepend=True,
        macros=[l2t.MacroTextSpec("url", simplify_repl="%s"), l2t.MacroTextSpec("href", simplify_repl="%(2)s"),
                l2t.MacroTextSpec("textasciicircum", simplify_repl="^"),
                # cvgen's export writes literal braces this way (BibTeX counts the brace of \{)
                l2t.MacroTextSpec("textbraceleft", simplify_repl="{"),
                l2t.MacroTextSpec("textbraceright", simplify_repl="}"),
                *(l2t.MacroTextSpec(name, simplify_repl=journal) for name, journal in ADS_JOURNALS.items())],
    )
    decoder = l2t.LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="text")
    from pylatexenc import latexwalker

    walker_db = latexwalker.get_default_latex_context_db()  # latex_to_text rebuilds it on every call

    def to_text(value: str) -> str:
        return decoder.nodelist_to_text(latexwalker.LatexWalker(value, latex_context=walker_db).get_latex_nodes()[0])

    linear = LinearDecoder(to_text)  # linear time, one budget per file

    class _Decode(LatexDecodingMiddleware):
        """LaTeX → Unicode for every field except addresses and identifiers."""

        def transform_entry(self, entry, library):  # noqa: ANN001, ANN201
            for f in entry.fields:
                if isinstance(f.value, str) and len(f.value) > MAX_BIB_FIELD_CHARS:
                    raise BibTooLarge((entry.start_line or 0) + 1, f"{entry.key}: field {f.key!r} is "
                                      f"{len(f.value):,} characters long; the limit is {MAX_BIB_FIELD_CHARS:,}")
                if isinstance(f.value, str):
                    if not _verbatim(f.key, f.value):
                        f.value = self._text(f.value)
                elif isinstance(f.value, list) and f.value and isinstance(f.value[0], NameParts):
                    for p in f.value:
                        p.first = [self._text(x) for x in p.first]
                        p.von = [self._text(x) for x in p.von]
                        p.last = [self._text(x) for x in p.last]
                        p.jr = [self._text(x) for x in p.jr]
            return entry

        @staticmethod
        def _text(value: str) -> str:
            try:
                out = linear(value)
            except DecodeBudgetExceeded:
                raise BibTooLarge(None, f"more than {linear.limit:,} characters of LaTeX to decode") from None
            except Exception:  # noqa: BLE001 - pylatexenc gives up on broken LaTeX; keep the source
                out = value
            return squeeze(html.unescape(out))

    return _Decode(decoder=decoder)


def _short(value: str, n: int = 40) -> str:
    v = squeeze(str(value))
    return repr(v if len(v) <= n else v[: n - 1] + "…")


# ---------------------------------------------------------------------------------------------
# Parsing


@dataclass
class BibtexImport(Imported):
    """Publications (cvgen dicts, in file order) plus what the importer learned about the owner."""

    highlighted: list[str] = field(default_factory=list)
    """Author names the file highlighted by hand (``\\textbf{…}``): the owner's spellings."""
    entries: int = 0
    """Entries found in the file (including broken ones that were recovered)."""


def import_bibtex(text: str, filename: str = "<bibtex>") -> BibtexImport:
    """Read BibTeX text into cvgen publication dicts and warnings (``pubs, warnings = …``).

    The caps of :mod:`cvgen.interop.bibtex_limits` are checked before the work each one bounds;
    one exceeded is an :class:`~cvgen.errors.InputError` naming the file (and line).
    """
    if len(text) > MAX_BIB_CHARS:
        raise too_large(filename, None, f"{len(text):,} characters; the limit is {MAX_BIB_CHARS:,}")
    warnings: list[str] = []
    text = _repair_key_commas(text, filename, warnings)
    failed: list[int] = []
    entries, strings = _sort_blocks(_parse_blocks(text), filename, warnings, failed)
    if len(entries) > MAX_BIB_ENTRIES:
        raise too_large(filename, None, f"{len(entries):,} entries; the limit is {MAX_BIB_ENTRIES:,}")
    state = _State()
    decode = _decode_middleware()
    try:
        library = _clean(strings, entries, state, decode)
        highlighted = [decode._text(h) for h in state.highlighted]
    except BibTooLarge as exc:
        raise too_large(filename, exc.line, exc.message) from None
    pubs, dropped = _convert(library, state, filename, warnings)
    for name, where_keys in sorted(dropped.items()):
        shown = ", ".join(where_keys[:3]) + (", …" if len(where_keys) > 3 else "")
        warnings.append(f"{filename}: field {name!r} not carried over ({len(where_keys)} entr"
                        f"{'y' if len(where_keys) == 1 else 'ies'}: {shown})")
    if state.daggers:
        warnings.append(f"{filename}: {state.daggers} author marks † were read as cvgen's 'student under my "
                        "supervision'; check that the file meant that")
    _replacement_characters(pubs, text, filename, warnings)
    return BibtexImport(pubs, warnings, highlighted=highlighted, entries=len(entries) + len(failed))


# An entry whose key is not followed by its comma: "@article{smith2020" then a line "title = …".
_KEY_WITHOUT_COMMA = re.compile(r"^([ \t]*@[ \t]*[A-Za-z]+[ \t]*\{[ \t]*)([^\s,{}()=\"#%']+)([ \t]*)(?=\r?\n[ \t]*[A-Za-z][\w+:.-]*[ \t]*=)",
                               re.M)


def _repair_key_commas(text: str, filename: str, warnings: list[str]) -> str:
    """Put back the comma a key lacks (a common typo that makes bibtexparser skip the whole entry)."""
    def repair(m: re.Match[str]) -> str:
        line = text.count("\n", 0, m.start()) + 1
        warnings.append(f"{filename}:{line}: {m.group(2)}: no comma after the key; read as if it were there")
        return f"{m.group(1)}{m.group(2)},{m.group(3)}"

    return _KEY_WITHOUT_COMMA.sub(repair, text)


def _replacement_characters(pubs: list[Data], text: str, filename: str, warnings: list[str]) -> None:
    """U+FFFD is a character an earlier conversion lost: say where, so the real one can be put back."""
    for pub in pubs:
        fields = [k for k, v in pub.items() if "\ufffd" in str(v)]
        if fields:
            at = text.find("\ufffd", max(0, text.find(f"{{{pub.get('key')},")))
            where = f"{filename}:{text.count(chr(10), 0, at) + 1}" if at >= 0 else filename
            warnings.append(f"{where}: {pub.get('key')}: {', '.join(fields)} {'holds' if len(fields) == 1 else 'hold'} "
                            "U+FFFD (�), a character an earlier conversion lost; kept as it is: put the real one back")


def _where(filename: str, line: int | None) -> str:
    """``file:line`` for a block (bibtexparser counts lines from 0)."""
    return f"{filename}:{(line or 0) + 1}" if line is not None else filename


def _parse_blocks(text: str) -> list[Any]:
    """bibtexparser's blocks, with no middleware yet; its syntax messages are silenced because
    :func:`_sort_blocks` reports them with line numbers."""
    import bibtexparser

    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        return bibtexparser.parse_string(text, parse_stack=[]).blocks
    finally:
        quiet.setLevel(level)


def _sort_blocks(blocks: list[Any], filename: str, warnings: list[str], failed: list[int]) -> tuple[list[Any], list[Any]]:
    """Entries (a duplicated key renamed, a duplicated field's entry kept) and @string macros;
    everything else is reported and skipped (the start lines of unreadable entries go to ``failed``,
    so the summary counts them)."""
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        DuplicateFieldKeyBlock,
        Entry,
        ParsingFailedBlock,
        String,
    )

    entries: list[Any] = []
    strings: list[Any] = []
    keys: Counter[str] = Counter()
    for block in blocks:
        if isinstance(block, Entry):
            keys[block.key] += 1
            entries.append(block)
        elif isinstance(block, String):
            strings.append(block)
        elif isinstance(block, DuplicateBlockKeyBlock):
            entry = block.ignore_error_block
            if isinstance(entry, Entry):
                keys[entry.key] += 1
                entries.append(_renamed(entry, keys[entry.key], _where(filename, block.start_line), warnings))
            else:
                strings.append(entry)
        elif isinstance(block, DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            warnings.append(
                f"{_where(filename, block.start_line)}: {entry.key}: broken entry (field "
                f"{', '.join(sorted(block.duplicate_keys))} given twice); imported with the first value"
            )
            entries.append(entry)
        else:
            if isinstance(block, ParsingFailedBlock) and re.match(r"\s*@\s*(?!string|comment|preamble)[a-z]",
                                                                  block.raw or "", re.I):
                failed.append(block.start_line)
            message = _skipped(block)
            if message:
                warnings.append(f"{_where(filename, block.start_line)}: {message}")
    return entries, strings


def _renamed(entry: Any, count: int, where: str, warnings: list[str]) -> Any:
    new_key = f"{entry.key}-{count}"
    warnings.append(f"{where}: the key {entry.key!r} is used twice; the second entry was imported as {new_key!r}")
    entry.key = new_key
    return entry


def _skipped(block: Any) -> str | None:
    """Why a block that is not an entry is skipped (None for plain % comments)."""
    from bibtexparser.model import ExplicitComment, ImplicitComment, ParsingFailedBlock, Preamble

    if isinstance(block, ParsingFailedBlock):
        why = str(block.error or "").strip() or "a syntax error: check its braces, quotes and commas"
        return f"cannot read this block ({why}); skipped: {_short(block.raw or '', 60)}"
    if isinstance(block, ImplicitComment):
        stray = [ln for ln in block.comment.splitlines() if ln.strip() and not ln.strip().startswith("%")]
        if stray and all(ln.strip() == "---" for ln in stray):
            return None  # Jekyll front matter (al-folio's papers.bib starts with "---" "---"): no content
        if [ln.strip() for ln in stray] == ["@"]:
            return "a stray '@' (as in @@inproceedings) was skipped; the entry after it was imported"
        return f"text outside any entry skipped: {_short(' '.join(stray), 50)}" if stray else None
    if isinstance(block, ExplicitComment):
        return f"@comment skipped: {_short(block.comment, 50)}"
    if isinstance(block, Preamble):
        note = " (\\noop{…} is understood: its argument is dropped)" if "\\noop" in block.value else ""
        return f"@preamble skipped{note}"
    return None


def _clean(strings: list[Any], entries: list[Any], state: _State, decode: Any) -> Any:
    """bibtexparser's middlewares with cvgen's own around them (see the module docstring)."""
    from bibtexparser import middlewares as mw
    from bibtexparser.library import Library

    resolve_strings(strings, entries)  # nested macros and '#' too, within the field cap
    library = Library(blocks=[*strings, *entries], fail_on_duplicate_key=False)
    stack = [
        mw.RemoveEnclosingMiddleware(allow_inplace_modification=True),
        _clean_fields_middleware(state),
        mw.SeparateCoAuthors(allow_inplace_modification=True),
        _split_names_middleware(state),
        decode,
        mw.MonthIntMiddleware(allow_inplace_modification=True),
    ]
    for middleware in stack:
        library = middleware.transform(library)
    return library


def _convert(library: Any, state: _State, filename: str, warnings: list[str]) -> tuple[list[Data], dict[str, list[str]]]:
    """Each cleaned entry → a publication; returns them and the fields not carried over (name → keys)."""
    from bibtexparser.model import Entry, String

    pubs: list[Data] = []
    dropped: dict[str, list[str]] = defaultdict(list)
    for entry in library.blocks:
        if isinstance(entry, String):
            continue
        if not isinstance(entry, Entry):
            block = getattr(entry, "ignore_error_block", None)
            warnings.append(f"{_where(filename, getattr(entry, 'start_line', None))}: "
                            f"{getattr(block, 'key', '?')}: could not be processed ({getattr(entry, 'error', '')})")
            continue
        entry_warnings = state.warnings.get(entry.key, [])
        pubs.append(_publication(entry, entry_warnings, dropped))
        warnings.extend(f"{_where(filename, entry.start_line)}: {entry.key}: {w}" for w in entry_warnings)
    return pubs, dropped


def import_bibtex_file(path: str | Path) -> BibtexImport:
    """Read a .bib file (UTF-8, or Latin-1 when it is not UTF-8, with a warning)."""
    path = Path(path)
    with path.open("rb") as fh:
        raw = fh.read(MAX_BIB_CHARS * 4 + 1)  # UTF-8 needs at most 4 bytes a character
    if len(raw) > MAX_BIB_CHARS * 4 or (len(raw) > MAX_BIB_CHARS and len(raw.decode("utf-8", "replace")) > MAX_BIB_CHARS):
        raise too_large(str(path), None, f"the file is over the limit of {MAX_BIB_CHARS:,} characters")
    try:
        text = raw.decode("utf-8-sig")
        note = None
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        note = f"{path}: not UTF-8; read as Latin-1"
    result = import_bibtex(text, str(path))
    if note:
        result.warnings.insert(0, note)
    return result


# ---------------------------------------------------------------------------------------------
# One entry → one cvgen publication


def _person_name(parts: Any) -> tuple[str, dict[str, bool]]:
    """Join name parts as "Given von Last Jr", reading and removing marker characters.

    A Last of several words with no von ("Brinch Hansen, Per") is joined by a no-break space, the
    one sign cvgen's export reads as "these words are one surname", so the name goes out as it came.
    """
    roles: dict[str, bool] = {}
    groups = [_unmarked(w, roles) for w in parts.first], [_unmarked(w, roles) for w in [*parts.von, *parts.last]], \
        [_unmarked(w, roles) for w in parts.jr]
    first, middle, jr = ([squeeze(w) for w in g if squeeze(w)] for g in groups)
    if not parts.von and len(middle) > 1 and first:
        middle = ["\u00a0".join(middle)]
    return " ".join([*first, *middle, *jr]), roles


def _unmarked(word: str, roles: dict[str, bool]) -> str:
    """``word`` without the marker characters around it, each recorded in ``roles``."""
    w = word.strip()
    while w and (w[-1] in COMPACT_MARKERS or w[-1] == "‡"):
        if w[-1] in COMPACT_MARKERS:
            roles[COMPACT_MARKERS[w[-1]]] = True
        w = w[:-1].rstrip()
    while w and (w[0] in COMPACT_MARKERS or w[0] == "‡"):
        if w[0] in COMPACT_MARKERS:
            roles[COMPACT_MARKERS[w[0]]] = True
        w = w[1:].lstrip()
    return w


def _annotations(value: str, warnings: list[str]) -> dict[int, set[str]]:
    """biblatex ``author+an = {1=student; 2=equal,corresponding}`` → {1: {...}, 2: {...}}."""
    out: dict[int, set[str]] = defaultdict(set)
    for part in value.split(";"):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(\d+)\s*=\s*(.+)$", part)
        if not m:
            warnings.append(f"author+an item {part!r} is not N=role; ignored")
            continue
        for role in re.split(r"[,\s]+", m.group(2).strip().strip('"')):
            role = role.lower()
            canonical = {
                "student": "student", "equal": "equal", "equalcontrib": "equal", "equal-contribution": "equal",
                "corresponding": "corresponding", "corr": "corresponding",
                "highlight": "owner", "me": "owner", "owner": "owner", "self": "owner",
            }.get(role)
            if canonical:
                out[int(m.group(1))].add(canonical)
            elif role:
                warnings.append(f"author+an role {role!r} (author {m.group(1)}) has no cvgen meaning; ignored")
    return out


def _authors(entry: Any, warnings: list[str], remarks: list[str] | None = None) -> list[str]:
    """The author list in cvgen's compact form; a bracketed remark written as an author
    (``{[Dual first authorship]}``, as some al-folio files do) goes to ``remarks``, not the list."""
    people = entry.fields_dict.get("author")
    value = people.value if people else None
    if not value:
        editors = entry.fields_dict.get("editor")
        if editors and editors.value:
            warnings.append("no author; the editors are listed as authors")
            value = editors.value
        else:
            warnings.append("no author listed; written as 'Anonymous'")
            return ["Anonymous"]
    notes = _annotations(entry.fields_dict["author+an"].value, warnings) if "author+an" in entry.fields_dict else {}
    out: list[str] = []
    for i, parts in enumerate(value, start=1):
        name, roles = _person_name(parts)
        if name.lower() == "others":
            out.append("et al.")
            continue
        if name.startswith("[") and name.endswith("]") and remarks is not None:
            remarks.append(name[1:-1].strip())
            warnings.append(f"author {i} {name!r} is a remark, not a name; kept as a note")
            continue
        if not name:
            warnings.append(f"author {i} is empty; skipped")
            continue
        for role in notes.get(i, ()):
            if role != "owner":
                roles[role] = True
        marks = ("†" if roles.get("student") else "") + ("*" if roles.get("equal") else "") + (
            "✉" if roles.get("corresponding") else "")
        out.append(name + marks)
    if not out:
        warnings.append("no usable author; written as 'Anonymous'")
        out = ["Anonymous"]
    return out


def _doi(value: str) -> str | None:
    m = _DOI_WHOLE.match(value.strip())
    return m.group(1).rstrip(".,;") if m else None


def _link_label(url: str) -> str:
    low = url.lower()
    if "arxiv.org" in low:
        return "arXiv"
    if low.endswith(".pdf") or "/pdf/" in low:
        return "PDF"
    if "github.com" in low or "gitlab.com" in low:
        return "Code"
    return "URL"


def _field_label(key: str) -> str:
    base = re.sub(r"[-_]?url[-_]?\d*$|^bdsk-url.*$|^_+", "", key).replace("_", " ").strip()
    return base.capitalize() if base else "URL"


@dataclass
class _Fields:
    """One entry's fields while it is converted: the values, which ones were read, what is reported."""

    key: str
    raw: dict[str, Any]
    """Field values as bibtexparser left them (``month`` may be an int, names are lists)."""
    text: dict[str, str]
    """The string fields, whitespace squeezed."""
    warnings: list[str]
    dropped: dict[str, list[str]]
    used: set[str] = field(default_factory=set)
    """Fields some step read; any other non-empty field is reported as not carried over."""

    @classmethod
    def of(cls, entry: Any, warnings: list[str], dropped: dict[str, list[str]]) -> _Fields:
        raw = {k: v.value for k, v in entry.fields_dict.items()}
        text = {k: squeeze(v) for k, v in raw.items() if isinstance(v, str)}
        return cls(entry.key, raw, text, warnings, dropped)

    def take(self, *names: str) -> str | None:
        """The first non-empty field of ``names``; all of them count as read."""
        self.used.update(names)
        return next((self.text[n] for n in names if self.text.get(n)), None)

    def drop(self, name: str) -> None:
        self.dropped[name].append(self.key)

    def report_unused(self) -> None:
        for key in self.raw:
            if key not in self.used and key not in USED_FIELDS and self.text.get(key):
                self.drop(key)


def _publication(entry: Any, warnings: list[str], dropped: dict[str, list[str]]) -> Data:
    """One BibTeX entry → one cvgen publication dict; every step reads its fields from ``fields``."""
    fields = _Fields.of(entry, warnings, dropped)
    kind = _entry_kind(entry.entry_type.lower(), warnings)
    pub: Data = {"title": fields.take("title") or entry.key}
    if "title" not in fields.text:
        warnings.append("no title; the citation key is used as the title")
    fields.used.update({"author", "author+an", "editor"} if "author" not in fields.text else {"author", "author+an"})
    remarks: list[str] = []
    pub["authors"] = _authors(entry, warnings, remarks)
    status, venue_links = _venue(fields, kind, pub)
    status = _date(fields, pub, status)
    _numbers(fields, pub)
    links = _Links(fields, _doi_field(fields, pub, venue_links), venue_links)
    links.read_fields()
    pub["doi"] = links.doi or links.doi_in_addresses()
    _pubmed_ids(fields, pub)
    pub["status"] = _status(fields, status)
    pub["links"] = [{"label": label, "url": url} for label, url in links.found]
    _notes(fields, pub)
    pub["notes"] = [*remarks, *pub.get("notes", [])]
    _extras(fields, pub)
    fields.report_unused()
    return _order({k: v for k, v in pub.items() if v not in (None, "", [], {})})


_PMID = re.compile(r"^\s*(?:pmid\s*:?\s*)?([1-9]\d{0,8})\s*$", re.I)
_PMCID = re.compile(r"^\s*(?:pmcid\s*:?\s*)?(?:PMC)?(\d{1,9})\s*$", re.I)


def _pubmed_ids(fields: _Fields, pub: Data) -> None:
    """``pmid`` and ``pmcid`` fields (as JabRef, Zotero and PubMed's own export write them), checked."""
    for name, pattern, prefix in (("pmid", _PMID, ""), ("pmcid", _PMCID, "PMC")):
        value = fields.take(name)
        if not value:
            continue
        match = pattern.match(value)
        if match:
            pub[name] = prefix + match.group(1)
        else:
            fields.warnings.append(f"{name} {_short(value)} is not a PubMed {'Central ' if prefix else ''}ID; "
                                   "not carried over")


def _entry_kind(etype: str, warnings: list[str]) -> str:
    kind = ENTRY_KINDS.get(etype)
    if kind is None:
        warnings.append(f"entry type @{etype} is not a cvgen kind; imported as 'other'")
        kind = "other"
    return kind


def _venue(fields: _Fields, kind: str, pub: Data) -> tuple[str | None, list[tuple[str, str]]]:
    """Sets kind, venue and venue_short; returns the status a venue like "Under review at X" gave,
    and the venue as a link when it was a web address."""
    venue = fields.take("journal", "booktitle", "school", "institution")
    how = fields.take("howpublished")
    if how and not venue and not good_url(unlatex_url(how)):
        venue = how
    status, venue = _status_prefix(venue)
    short = fields.take("abbr", "_venue", "shortjournal", "journalabbr")
    pub["kind"] = _refine_kind(kind, venue, short, fields.text)
    links: list[tuple[str, str]] = []
    if venue and good_url(unlatex_url(venue)):
        fields.warnings.append(f"the venue is a web address ({_short(venue)}); kept as a link")
        links.append((_link_label(unlatex_url(venue)), unlatex_url(venue)))
        venue = None
    pub["venue"] = venue
    series = fields.take("series")
    if series:
        if not short and len(series) <= 30:
            short = series
        else:
            fields.drop("series")
    if short and not (venue and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", venue, re.I)):
        pub["venue_short"] = short  # "Neural Information Processing Systems (NeurIPS)" already says NeurIPS
    return status, links


def _status_prefix(venue: str | None) -> tuple[str | None, str | None]:
    """"Under review at Nature" → ("under-review", "Nature")."""
    if venue:
        for pattern, st in _STATUS_WORDS:
            m = pattern.match(venue)
            if m:
                return st, re.sub(r"^[\s,:]*(?:in|to|at|for)?\s+", "", venue[m.end():], flags=re.I).strip(" ,:")
    return None, venue


_CONFERENCE = re.compile(
    r"\b(?:conference|symposium|congress|workshops?|neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|emnlp|naacl|coling|"
    r"aaai|ijcai|kdd|sigir|sigmod|vldb|chi|uist|uai|aistats|colt|interspeech|icassp|miccai|corl|icra|iros|"
    r"neural information processing systems)\b", re.I)
_JOURNAL = re.compile(r"\b(?:journal|transactions|letters|review|magazine)\b", re.I)


def _refine_kind(kind: str, venue: str | None, short: str | None, text: dict[str, str]) -> str:
    """Preprints hide in @article/@misc, workshops in @inproceedings, magazines in @article."""
    arxiv_like = bool(venue and _PREPRINT_SERVERS.search(venue)) or any(
        "arxiv" in text.get(k, "").lower() for k in ("url", "eprint", "archiveprefix", "eprinttype", "arxiv")
    )
    if kind in ("journal", "other") and arxiv_like and (
        _PREPRINT_SERVERS.search(venue or "") or kind == "other" and not venue and not (short and not _PREPRINT_SERVERS.search(short))
    ):
        return "preprint"
    if kind == "journal" and _CONFERENCE.search(f"{venue or ''} {short or ''}") and not _JOURNAL.search(venue or ""):
        kind = "conference"  # al-folio users type NeurIPS, CVPR and ACL papers as @article
    if kind == "conference" and venue and re.search(r"\bworkshops?\b", venue, re.I):
        return "workshop"
    if kind == "journal" and venue and re.search(r"\bmagazine\b", venue, re.I):
        return "magazine"
    return kind


_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")


def _date(fields: _Fields, pub: Data, status: str | None) -> str | None:
    """Sets the date from year/month/day (or date, or the file's date-added); returns the status
    the year field may hold ("in review", "\\noop{2025}in review", "in prep")."""
    year_text = fields.take("year") or ""
    years = _YEAR.findall(year_text)
    rest = _YEAR.sub("", year_text).strip(" ,;()")
    if rest:
        st = next((st for pattern, st in _STATUS_WORDS if pattern.match(rest)), None)
        if st:
            status = status or st
        else:
            fields.warnings.append(f"year {year_text!r}: {rest!r} is not a year; ignored")
    fields.used.update({"month", "day", "date", "date-added", "date-modified", "timestamp"})
    date = None
    text = fields.text
    if years:
        date = _with_month_and_day(fields, years[0])
    elif text.get("date") and good_date(text["date"][:10]):
        date = good_date(text["date"][:10])
    if date is None:
        date = _fallback_date(fields, year_text)
    pub["date"] = good_date(date) or date
    return status


def _with_month_and_day(fields: _Fields, year: str) -> str:
    date = year
    month = fields.raw.get("month")
    if isinstance(month, int):
        date += f"-{month:02d}"
    elif isinstance(month, str) and month.strip():
        mm = re.match(r"^\s*([A-Za-z]{3})[a-z]*\.?\s*$", month)
        if mm and mm.group(1).lower() in _MONTHS:
            date += f"-{_MONTHS[mm.group(1).lower()]:02d}"
        elif month.strip().isdigit() and 1 <= int(month) <= 12:
            date += f"-{int(month):02d}"
        elif not _doi(month):
            fields.warnings.append(f"month {_short(month)} is not a month; ignored")
    day = fields.text.get("day")
    if day and day.isdigit() and "-" in date and good_date(f"{date}-{int(day):02d}"):
        date += f"-{int(day):02d}"
    return date


def _fallback_date(fields: _Fields, year_text: str) -> str:
    """No usable year: the file's date-added (or similar), else this year, with a warning either way."""
    text = fields.text
    fallback = next((good_date(text[k][:4]) for k in ("date-added", "date-modified", "timestamp")
                     if text.get(k) and good_date(text[k][:4])), None)
    if fallback:
        fields.warnings.append(f"no year ({year_text!r}); the date is taken from the file's date-added ({fallback})")
        return fallback
    import datetime

    date = str(datetime.date.today().year)
    fields.warnings.append(f"no year ({year_text!r}); this year ({date}) is used — set the real date")
    return date


def _numbers(fields: _Fields, pub: Data) -> None:
    """Volume, issue, pages (with an en dash) and publisher (a conference's organization)."""
    pub["volume"] = fields.take("volume")
    pub["issue"] = fields.take("number", "issue")
    pages = fields.take("pages")
    if pages:
        pages = re.sub(r"\s*(?:-{1,3}|–|—)\s*", "–", pages)
    pub["pages"] = pages
    pub["publisher"] = fields.take("publisher") or (
        fields.take("organization") if pub["kind"] in ("conference", "workshop") else None)
    if pub["publisher"] is None:
        fields.take("organization")
        if fields.text.get("organization"):
            fields.drop("organization")


def _doi_field(fields: _Fields, pub: Data, links: list[tuple[str, str]]) -> str | None:
    """The DOI from the doi field, or one written into month/number/pages/volume/note/issue
    (that field is then cleared). A web address that is not a DOI (a handle.net link) becomes a link."""
    text, warnings = fields.text, fields.warnings
    doi = None
    if text.get("doi"):
        fields.used.add("doi")
        doi = _doi(unlatex_url(text["doi"]))
        url = good_url(unlatex_url(text["doi"])) if doi is None else None
        if url:
            label = "Handle" if "handle.net" in url.lower() else _link_label(url)
            warnings.append(f"doi {_short(text['doi'])} is a web address, not a DOI; kept as a link ({label})")
            links.append((label, url))
        elif doi is None:
            warnings.append(f"doi {_short(text['doi'])} is not a DOI (10.xxxx/…); not carried over")
    for k in ("month", "number", "pages", "volume", "note", "issue"):
        v = text.get(k)
        if v and _doi(v) and (len(v) < 200):
            found = _doi(v)
            if doi is None:
                doi = found
            if found == doi:
                warnings.append(f"the DOI was written in the {k} field ({_short(v)}); moved to doi")
            else:
                warnings.append(f"a second DOI in the {k} field ({_short(v)}) was not carried over")
            if k in ("number", "issue", "pages", "volume"):
                pub[{"number": "issue"}.get(k, k)] = None
    return doi


class _Links:
    """The entry's links, in field order and without duplicates; a doi.org address fills the DOI."""

    def __init__(self, fields: _Fields, doi: str | None, found: list[tuple[str, str]]) -> None:
        self.fields = fields
        self.doi = doi
        self.found = list(found)

    def add(self, label: str, raw_url: str, key: str) -> None:
        url = unlatex_url(raw_url)
        if _DOI_URL.match(url) and _doi(url):
            self.doi = self.doi or _doi(url)
            if _doi(url) == self.doi:
                return
        if url.lower().startswith("www."):
            url = "https://" + url
        ok = good_url(url)
        if ok is None:
            self.fields.warnings.append(f"{key} {_short(url)} is not a web address (a file on a website?); not carried over")
            return
        if all(u != ok for _, u in self.found):
            self.found.append((label, ok))

    def read_fields(self) -> None:
        """Every field that holds an address (url, pdf, code, eprint, arxiv, pllinks, *url, ...)."""
        fields = self.fields
        for key in list(fields.raw):
            value = fields.text.get(key)
            if not value:
                continue
            if key in LINK_FIELDS or key.endswith("url") or key.startswith("bdsk-url"):
                self._link_field(key, value)
            elif key == "arxiv":
                self._arxiv(key, value, _ARXIV_ID.match(value), "is not an arXiv id")
            elif key == "pllinks":
                for label, url in re.findall(r"\[([^\]]+)\]\s*:\s*(\S+?)(?:;|$)", fields.raw[key]):
                    self.add(label.strip(), url, key)
            elif key not in USED_FIELDS and good_url(unlatex_url(value)) and " " not in value.strip():
                self.add(_field_label(key), value, key)
                fields.used.add(key)

    def _link_field(self, key: str, value: str) -> None:
        if key == "howpublished" and not good_url(unlatex_url(value)):
            return
        self.fields.used.add(key)
        if key == "eprint" and not re.match(r"^(https?://|www\.)", value, re.I):
            m = _ARXIV_ID.match(value)
            text = self.fields.text
            on_arxiv = m and ("arxiv" in (text.get("archiveprefix", "") + text.get("eprinttype", "")).lower()
                              or "." in m.group(1))
            self._arxiv(key, value, m if on_arxiv else None, "is neither an arXiv id nor an address")
            return
        label = LINK_FIELDS.get(key) or (_link_label(unlatex_url(value)) if key in LINK_FIELDS else _field_label(key))
        self.add(label, value, key)

    def _arxiv(self, key: str, value: str, match: re.Match[str] | None, problem: str) -> None:
        if match:
            self.add("arXiv", f"https://arxiv.org/abs/{match.group(1)}", key)
        else:
            self.fields.warnings.append(f"{key} {_short(value)} {problem}; not carried over")

    def doi_in_addresses(self) -> str | None:
        """A DOI inside a publisher's address (``…/doi/abs/10.1145/…``), when no field gave one."""
        for _, url in self.found:
            m = re.search(r"/doi/(?:abs/|full/|pdf/|epdf/)?(10\.\d{4,9}/[^\s?#]+)", url)
            if m:
                return m.group(1)
        return None


def _status(fields: _Fields, status: str | None) -> str | None:
    """The status the venue or year gave, else biblatex's pubstate."""
    pubstate = fields.text.get("pubstate")
    if status is None and pubstate:
        status = _PUBSTATE.get(pubstate.lower().replace(" ", ""))
        if status is None:
            fields.warnings.append(f"pubstate {pubstate!r} has no cvgen status; ignored")
    return status


def _notes(fields: _Fields, pub: Data) -> None:
    """note and _note (addresses made clickable), after the type of a thesis/report/patent/other."""
    notes: list[str] = []
    for k in ("note", "_note"):
        v = fields.take(k)
        if v and not (k == "note" and _doi(v)):
            notes.append(_link_urls(v))
    typ = fields.take("type")
    if typ and pub["kind"] in ("thesis", "report", "patent", "other"):
        notes.insert(0, typ)
    elif typ:
        fields.drop("type")
    pub["notes"] = notes


def _split_list(value: str | None, separators: str = r"[,;]") -> list[str]:
    return [t.strip() for t in re.split(separators, value or "") if t.strip()]


def _extras(fields: _Fields, pub: Data) -> None:
    """Awards, selection, topics, citation count, ids, abstract, categories and keywords."""
    take = fields.take
    pub["awards"] = _split_list(take("award", "awards"), r";")
    sel = take("selected")
    if sel is not None:
        pub["selected"] = sel.strip().lower() in ("true", "yes", "1", "y")
    pub["topics"] = _split_list(take("topics"))
    cites = take("times-cited", "citations")
    if cites and cites.strip().isdigit():
        pub["citations"] = cites.strip()
    pub["id"] = take("shorthand")
    pub["key"] = fields.key
    pub["abstract"] = take("abstract")
    pub["categories"] = _split_list(take("categories", "primaryclass", "eprintclass"))
    pub["tags"] = list(dict.fromkeys(_split_list(take("keywords"))))
    take("archiveprefix", "eprinttype")


_URL_IN_TEXT = re.compile(r"(?<!\]\()(?<!\[)\bhttps?://[^\s<>\[\]()]+[^\s<>\[\]().,;:]")


def _link_urls(text: str) -> str:
    """Make bare addresses in a note clickable: ``see https://x`` → ``see [https://x](https://x)``."""
    return _URL_IN_TEXT.sub(lambda m: f"[{m.group(0)}]({m.group(0)})" if good_url(m.group(0)) else m.group(0), text)


_ORDER = ["title", "authors", "kind", "venue", "venue_short", "date", "volume", "issue", "pages", "publisher",
          "doi", "pmid", "pmcid", "status", "links", "notes", "awards", "selected", "topics", "citations", "id", "key", "abstract",
          "categories", "tags"]


def _order(pub: Data) -> Data:
    return {k: pub[k] for k in _ORDER if k in pub}


# ---------------------------------------------------------------------------------------------
# Who owns the list


def guess_owner(pubs: list[Data], highlighted: list[str] = ()) -> tuple[str | None, list[str]]:
    """The most frequent author (the owner of a publication list), and spellings to list as variants.

    Names are grouped by surname and first initial; the fullest spelling becomes the name. Names the
    file highlighted by hand win over counting.
    """
    from cvgen.model.authors import parse_compact

    names = [parse_compact(a)["name"] for p in pubs for a in p["authors"] if a != "et al."]
    if not names:
        return None, []
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for n in names:
        k = name_key(n)
        groups[(k.surname, k.given[0][:1] if k.given else "")][n] += 1
    if highlighted:
        hk = name_key(Counter(highlighted).most_common(1)[0][0])
        best = (hk.surname, hk.given[0][:1] if hk.given else "")
        if best not in groups:
            best = max(groups, key=lambda g: sum(groups[g].values()))
    else:
        best = max(groups, key=lambda g: sum(groups[g].values()))
    spellings = groups[best]

    def fullness(n: str) -> tuple[int, int, int]:
        k = name_key(n)
        return (int("," not in n), sum(len(g) for g in k.given), spellings[n])

    name = max(spellings, key=fullness)
    matcher = NameMatcher([name])
    variants = sorted({h for h in highlighted if h and not matcher.matches(h)}
                      | {n for n in spellings if not matcher.matches(n)})
    return name, variants


def skeleton(pubs: list[Data], owner: str | None, variants: list[str] = ()) -> Data:
    """A complete, valid cvgen file around imported publications."""
    data: Data = {"person": {"name": owner or "Your Name"}}
    if variants:
        data["person"]["name_variants"] = list(variants)
    data["publications"] = pubs
    return data
