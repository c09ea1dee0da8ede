"""Typographic normalisation, decided once for every format: quotes, dashes, ellipses, tied spaces.

Applied by :func:`cvgen.view.prepare.prepare` to every piece of text a reader sees, so the
WeasyPrint, Typst, LaTeX, Word, HTML, Markdown and text outputs all print the same characters:

* straight quotes become the language's curly quotes (``"x"`` → “x” in English, „x“ in German,
  « x » in French) and apostrophes become ’ (``AAAI'23`` → AAAI’23, ``O'Reilly`` → O’Reilly);
* a hyphen between two numbers is an en dash (``pp. 51584-51605`` → 51584–51605); a spaced
  hyphen is a spaced en dash; ``--`` is an en dash and ``---`` an em dash;
* ``...`` is an ellipsis (…);
* a no-break space ties "pp."/"p."/"vol."/"no." to the number after them and initials to each
  other and to the surname ("J.\u00a0Liu"), so no line ends in "pp." or splits a name;
* French puts a no-break space inside its guillemets and before ; : ! ?.

Never inside a URL, an e-mail address, a DOI or `code`: those spans are copied unchanged, as are
author markers (superscripts) and :class:`~cvgen.model.markup.FinalText` (a citation style's output
already follows its style). The quote table is keyed by the language's primary subtag; a language
it does not know gets English quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cache
from typing import Any

from cvgen.model.markup import Emph, FinalText, Inline, Link, Node, Strong, Sup, Text
from cvgen.view.document import Document

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True)
class Quotes:
    """A language's quotation marks: outer pair, inner pair, and the space set inside them."""

    open: str
    close: str
    open_inner: str
    close_inner: str
    inside: str = ""
    apostrophe: str = "\u2019"


QUOTES: dict[str, Quotes] = {
    "en": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": Quotes("\u201e", "\u201c", "\u201a", "\u2018"),
    "fr": Quotes("\u00ab", "\u00bb", "\u2039", "\u203a", inside=NNBSP),
    "es": Quotes("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "it": Quotes("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "pt": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "nl": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "pl": Quotes("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "ru": Quotes("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "sv": Quotes("\u201d", "\u201d", "\u2019", "\u2019"),
    "zh": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "ja": Quotes("\u300c", "\u300d", "\u300e", "\u300f"),
}
"""Quotation marks by primary language subtag (CLDR's delimiters)."""


def quotes_for(language: str) -> Quotes:
    """The quotation marks of a BCP 47 tag ("de-AT" → German); English for unknown languages."""
    return QUOTES.get(language.split("-")[0].lower(), QUOTES["en"])


# Spans copied unchanged: URLs, e-mail addresses, DOIs and `code`.
_PROTECTED = re.compile(
    r"`[^`]*`"
    r"|\b(?:https?|ftp)://\S+|\bwww\.\S+"
    r"|\b(?:doi:\s*)?10\.\d{4,9}/\S+"
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:arXiv:|ORCID:?\s*)\S+",
    re.IGNORECASE,
)
_MAY_PROTECT = re.compile(r"[`:@/]|www\.|orcid", re.IGNORECASE)
"""What every :data:`_PROTECTED` span contains (a backquote, "://", "www.", the "/" of a DOI, the "@"
of an address, "arXiv:", "ORCID"): text without any of these has no protected span. A quick search
first, because _PROTECTED tries its address pattern at every character of every text."""
_RANGE = re.compile(r"(?<![A-Za-z0-9.\-/–])(\d+)-(\d+)(?![A-Za-z0-9\-/])")
"""Two numbers joined by one hyphen, not part of a longer chain (dates, ISBNs, phone numbers)."""
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
ABBREVIATIONS: dict[str, str] = {
    "en": "pp p vol no nos ch sec fig eq Vol No Nos Fig Eq",
    "de": "S Bd Nr Abb Kap Jg H",
    "fr": "p pp vol no chap fig",
    "es": "p pp pág págs vol núm cap",
    "it": "p pp pag vol n cap",
}
"""Abbreviations a number follows ("pp. 38", "S. 38", "Bd. 41"), tied to it by a no-break space."""


@cache
def _abbreviations(primary: str) -> re.Pattern[str]:
    words = set(ABBREVIATIONS["en"].split()) | set(ABBREVIATIONS.get(primary, "").split())
    return re.compile(r"(?<![\w.])(" + "|".join(sorted(words, key=len, reverse=True)) + r")\. (?=[\dIVXLC])")
_INITIAL = re.compile(r"(?<![\w.\-])((?:[A-Z]\.-)?[A-Z]\.) (?=[A-Z])")
"""An initial ("J." or "P.-Y.") and the space after it when a capital follows: another initial or
the surname. "Ph.D. Student" is no initial (a letter comes before "D.")."""
_FRENCH_HIGH = re.compile(r" (?=[;:!?](?:\s|$))")


def typeset(nodes: Inline, language: str = "en") -> Inline:
    """``nodes`` with typographic characters for ``language``; URLs, DOIs, code and markers untouched."""
    state = _State(quotes_for(language), language.split("-")[0].lower())
    return state.nodes(nodes)


def typeset_text(value: str, language: str = "en") -> str:
    """:func:`typeset` for a plain string (a section title, a date)."""
    if not value:
        return value
    out = typeset((Text(value),), language)
    return "".join(n.text for n in out if isinstance(n, Text))


class _State:
    """Walks text in reading order, remembering the character before and the quotes left open."""

    def __init__(self, quotes: Quotes, primary: str) -> None:
        self.q = quotes
        self.primary = primary
        self.abbreviations = _abbreviations(primary)
        self.prev = ""
        self.doubles: list[str] = []
        """Open double quotes, innermost last: "curly" (written curly, e.g. cvgen's quotes around a
        title), "outer" or "inner" (a straight quote set as the inner pair inside a curly one)."""
        self.open_single = 0

    def nodes(self, nodes: Inline) -> Inline:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, FinalText):  # a citation style's own output (issue 20): as it set it
                out.append(node)
                self.prev = node.text[-1:] or self.prev
            elif isinstance(node, Sup):
                out.append(node)
                self.prev = "x"
            elif isinstance(node, Text):
                out.append(Text(self.text(node.text)))
            elif isinstance(node, Link) and _looks_like_address(node):
                out.append(node)
                self.prev = "x"
            elif isinstance(node, Strong):
                out.append(Strong(self.nodes(node.children), node.role))
            elif isinstance(node, Link):
                out.append(Link(node.href, self.nodes(node.children)))
            elif isinstance(node, Emph):
                out.append(Emph(self.nodes(node.children)))
            else:
                out.append(node)
        return tuple(out)

    def text(self, text: str) -> str:
        if not _MAY_PROTECT.search(text):  # most text: no protected span, and _PROTECTED's search is slow
            return self.prose(text)
        out: list[str] = []
        pos = 0
        for m in _PROTECTED.finditer(text):
            out.append(self.prose(text[pos : m.start()]))
            out.append(m.group(0))
            self.prev = m.group(0)[-1]
            pos = m.end()
        out.append(self.prose(text[pos:]))
        return "".join(out)

    def prose(self, text: str) -> str:
        if not text:
            return text
        text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
        if "-" in text:  # each pattern below needs the character tested first: most text skips them
            text = _RANGE.sub("\\1\u2013\\2", text)
            text = _SPACED_HYPHEN.sub(" \u2013 ", text)
        if ". " in text:
            text = self.abbreviations.sub(f"\\1.{NBSP}", text)
            text = _INITIAL.sub(f"\\1{NBSP}", text)
        text = self.quotes(text)
        if self.primary == "fr":
            text = _FRENCH_HIGH.sub(NNBSP, text)
        self.prev = text[-1]
        return text

    def quotes(self, text: str) -> str:
        """Straight quotes set curly; the walk visits only the quotation marks, the text between is copied.

        A mark's "previous character" is what was written before it: the text's own character, or the
        replacement of a mark just before it, or (at the start) the last character of the text before.
        """
        q = self.q
        out: list[str] = []
        pos = 0
        last = ""  # what the mark just before was set as
        for m in _quote_marks(q).finditer(text):
            i = m.start()
            ch = text[i]
            prev = last if pos == i and i else (text[i - 1] if i else self.prev)
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if ch == '"':
                ch = self._double(prev, nxt)
            elif ch == "'":
                ch = self._single(prev, nxt)
            elif ch == q.open and q.open != q.close:
                self.doubles.append("curly")  # cvgen's own quotes around a title: a straight quote inside nests
            elif ch == q.close and q.open != q.close and self.doubles:
                self.doubles.pop()
            out.append(text[pos:i])
            out.append(ch)
            pos, last = i + 1, ch
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def _double(self, prev: str, nxt: str) -> str:
        opening = _opens(prev) and not (nxt == "" or nxt.isspace())
        if opening or (not self.doubles and _opens(prev)):
            # Only inside quotes written curly does a straight one nest; two straight ones in a row
            # (unbalanced user text) stay double quotes.
            inner = bool(self.doubles) and self.doubles[-1] == "curly"
            self.doubles.append("inner" if inner else "outer")
            return (self.q.open_inner if inner else self.q.open) + self.q.inside
        inner = self.doubles.pop() == "inner" if self.doubles else False
        return self.q.inside + (self.q.close_inner if inner else self.q.close)

    def _single(self, prev: str, nxt: str) -> str:
        if "\u0590" <= prev <= "\u05ff":
            return "'"  # a Hebrew geresh written as an apostrophe ("עמ'") is no quote
        if prev.isalnum() and (nxt.isalnum() or not self.open_single):
            return self.q.apostrophe  # O'Reilly, AAAI'23, students' work
        if _opens(prev) and nxt.isdigit():
            return self.q.apostrophe  # '23
        if _opens(prev) and nxt and not nxt.isspace():
            self.open_single += 1
            return self.q.open_inner + self.q.inside
        self.open_single = max(0, self.open_single - 1)
        return self.q.inside + self.q.close_inner


@cache
def _quote_marks(q: Quotes) -> re.Pattern[str]:
    """The characters :meth:`_State.quotes` acts on: straight quotes and the language's own pair."""
    marks = {'"', "'"} | {c for c in (q.open, q.close) if len(c) == 1}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(marks)) + "]")


def _opens(prev: str) -> bool:
    """Does a quote after ``prev`` open (start of text, after a space, bracket or dash)?"""
    return prev == "" or prev.isspace() or prev in "([{\u2018\u201c\u201e\u00ab-\u2013\u2014/" or prev == NBSP


def _looks_like_address(link: Link) -> bool:
    """A link whose text is its own address (a bare URL or e-mail): copied as written."""
    label = "".join(n.text for n in link.children if isinstance(n, Text))
    return bool(label) and (label in link.href or bool(_PROTECTED.fullmatch(label)))


def typeset_document(doc: Document) -> Document:
    """The document with every text a reader sees typeset in its language (metadata stays literal)."""
    return typeset_tree(doc, doc.meta.language)


def typeset_tree(value: Any, language: str, skip: Callable[[Any], bool] = lambda v: False) -> Any:
    """Typeset every inline sequence and string field in a tree of frozen dataclasses.

    Strings are typeset too (titles, dates), except fields named in :data:`LITERAL_FIELDS`
    (addresses, labels that are identifiers, kinds, keys).
    """
    if isinstance(value, tuple):
        if value and all(isinstance(n, (Text, Strong, Emph, Link, Sup)) for n in value):
            return typeset(value, language)
        return tuple(typeset_tree(v, language, skip) for v in value)
    if is_dataclass(value) and not isinstance(value, type) and not skip(value):
        changes: dict[str, Any] = {}
        for f in fields(value):
            if f.name in LITERAL_FIELDS:
                continue
            old = getattr(value, f.name)
            new = typeset_text(old, language) if isinstance(old, str) else typeset_tree(old, language, skip)
            if new is not old and new != old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


LITERAL_FIELDS = frozenset({
    "key", "kind", "layout", "href", "label", "numbering_prefix", "detail_style", "language", "page_size",
    "accent_colour", "keywords", "author", "text", "caption", "photo", "meta", "fragment_keys", "warnings",
})
"""Fields copied as written: identifiers, addresses, metadata and the header's own lines (an
e-mail address, a phone number, a handle are not prose)."""
