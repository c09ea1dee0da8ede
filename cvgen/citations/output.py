"""The engine's text back to cvgen's inline tree, with the owner bold and markers placed.

The engine's output (see :mod:`.sentinels`) is read once into visible characters, each with the
set of styles it has, plus where each author's sentinels stood. Then:

- an author's name ends where its end sentinel stood; markers go there, as a superscript;
- a name starts at its family part or particle, or earlier where its given name comes first (a
  mark in front of the given name shows where), so no formatted name is ever matched as text;
- the URL and DOI the style printed become links, and the title links to the paper's page;
- where the locale asks for it (US English), a period or comma after a closing quote moves
  inside it: CSL's ``punctuation-in-quote`` option, which citeproc-py 0.11 reads but never applies.

The tree is rebuilt from runs of equal styles, so every backend escapes it in its own way. Its
text is :class:`~cvgen.model.markup.FinalText`: the style has set it, no later pass changes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cvgen.citations import sentinels as s
from cvgen.citations.csl_input import AuthorNote
from cvgen.model.markup import Emph, FinalText, Inline, Link, Node, Strong, Sup, Text

Style = tuple[str, str]  # ("italic", "") / ("bold", "owner") / ("link", href) …
_NAME_SEPARATOR = ", \u00a0"
_GIVEN_MARK_TAIL = ". \u00a0"


@dataclass
class Decoded:
    """Visible characters of one entry with their styles, and where each author's name lies."""

    chars: list[str] = field(default_factory=list)
    styles: list[frozenset[Style]] = field(default_factory=list)
    starts: dict[int, int] = field(default_factory=dict)
    family_ends: dict[int, int] = field(default_factory=dict)
    ends: dict[int, int] = field(default_factory=dict)
    after_period: set[int] = field(default_factory=set)
    given_starts: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def decode(raw: str, title_links: Sequence[str] = ()) -> Decoded:
    """Split the engine's text into visible characters and sentinel positions."""
    out = Decoded()
    active: list[Style] = []
    after_given = False
    for ch in raw:
        if after_given and ch in _GIVEN_MARK_TAIL:
            continue  # the initial punctuation the style put after the mark
        after_given = ch in s.GIVEN_MARKS
        if after_given:
            out.given_starts.append(len(out.chars))
            continue
        if ch in s.OPEN_FORMAT:
            active.append((s.OPEN_FORMAT[ch], ""))
        elif ch in s.CLOSE_FORMAT or ch == s.LINK_CLOSE:
            if active:
                active.pop()
        elif (index := s.link_index(ch)) is not None:
            active.append(("link", title_links[index] if index < len(title_links) else ""))
        elif (mark := s.author_mark(ch)) is not None:
            _place(out, *mark)
        else:
            out.chars.append(ch)
            out.styles.append(frozenset(active))
    _collapse_periods(out)
    _terminal_punctuation(out)
    return out


def _place(out: Decoded, kind: str, index: int) -> None:
    if kind == "start":
        out.starts.setdefault(index, len(out.chars))
    elif kind == "family-end":
        out.family_ends[index] = len(out.chars)
    else:  # the suffix sentinel: the separator citeproc put before the (empty) suffix goes
        while out.chars and out.chars[-1] in _NAME_SEPARATOR and len(out.chars) > out.family_ends.get(index, 0):
            out.chars.pop()
            out.styles.pop()
        out.ends[index] = len(out.chars)
    if kind != "start" and out.chars and out.chars[-1] == ".":
        out.after_period.add(len(out.chars))


def _terminal_punctuation(out: Decoded) -> None:
    """A period after a run that already ends one is dropped, as CSL processors do.

    "Buy, sell, or troll?" + the style's "." is "troll?"; Nature's italic "*et al.*" + "." is
    "*et al.*". A period after a period in the same run ("Images ... For Now") is the user's text.
    """
    i = 1
    while i < len(out.chars):
        prev, ch = out.chars[i - 1], out.chars[i]
        ends_mark = prev in "?!" and (i + 1 == len(out.chars) or out.chars[i + 1] != ".")
        ends_run = prev == "." and out.styles[i - 1] != out.styles[i]
        if ch == "." and (ends_mark or ends_run):
            _delete(out, i)
        else:
            i += 1


def _delete(out: Decoded, at: int) -> None:
    del out.chars[at]
    del out.styles[at]
    for table in (out.starts, out.family_ends, out.ends):
        for key, pos in table.items():
            if pos > at:
                table[key] = pos - 1
    out.given_starts = [g - 1 if g > at else g for g in out.given_starts]


def _collapse_periods(out: Decoded) -> None:
    """"Liu, S." + the style's "." is one period, as citeproc-py prints it when no sentinel stands between."""
    for at in sorted(out.after_period, reverse=True):
        if at < len(out.chars) and out.chars[at] == ".":
            _delete(out, at)


def name_spans(decoded: Decoded) -> dict[int, tuple[int, int]]:
    """(start, end) of each author's printed name.

    A given name printed before the family part ("S. Liu") starts the name: it is the last given
    mark between the previous name's end and this family part.
    """
    spans: dict[int, tuple[int, int]] = {}
    previous_end = 0
    for index in sorted(decoded.starts, key=decoded.starts.__getitem__):
        start = decoded.starts[index]
        end = decoded.ends.get(index, decoded.family_ends.get(index, start))
        given = [g for g in decoded.given_starts if previous_end <= g < start]
        spans[index] = (given[-1] if given else start, end)
        previous_end = end
    return spans


def annotate(decoded: Decoded, spans: dict[int, tuple[int, int]], notes: Sequence[AuthorNote]) -> dict[int, str]:
    """Bold the owner's (and members') names; return the markers to insert, by position."""
    inserts: dict[int, str] = {}
    for index, (start, end) in spans.items():
        note = notes[index] if index < len(notes) else AuthorNote()
        if note.bold:
            for i in range(start, end):
                decoded.styles[i] = decoded.styles[i] | {("strong", note.bold)}
        if note.marks:
            inserts[end] = inserts.get(end, "") + note.marks
    return inserts


def add_links(decoded: Decoded, url: str | None, doi: str | None, title: str | None) -> None:
    """Make the printed DOI and URL clickable; link the title to the paper's page."""
    text = decoded.text
    if doi:
        for m in re.finditer(r"(?:https?://(?:dx\.)?doi\.org/)?" + re.escape(doi), text, flags=re.IGNORECASE):
            _link(decoded, m.start(), m.end(), f"https://doi.org/{doi}")
    if url:
        for m in re.finditer(re.escape(url), text):
            _link(decoded, m.start(), m.end(), url)
    if url and title:
        after_names = max([*decoded.ends.values(), *decoded.family_ends.values(), 0])
        for m in re.finditer(re.escape(title.lower()), text.lower()[after_names:]):
            start, end = after_names + m.start(), after_names + m.end()
            if not _inside_word(text, start, end):  # the title itself, not a word that contains it
                _link(decoded, start, end, url)
                break


def _inside_word(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


def _link(decoded: Decoded, start: int, end: int, href: str) -> None:
    if any(style[0] == "link" for i in range(start, end) for style in decoded.styles[i]):
        return  # links never nest: a title's own link, or a DOI already linked
    for i in range(start, end):
        decoded.styles[i] = decoded.styles[i] | {("link", href)}


def punctuation_in_quote(decoded: Decoded, closing_quotes: Sequence[str]) -> None:
    """US usage: "Title," and "Title." — the comma or period moves inside the closing quote.

    When the title already ends in . ? or !, the moved mark is dropped ("Why?" not "Why?.").
    """
    quotes = {q[-1] for q in closing_quotes if q}
    chars = decoded.chars
    i = 1
    while i < len(chars):
        if chars[i] in ".," and chars[i - 1] in quotes:
            moved, style = chars.pop(i), decoded.styles.pop(i)
            if i >= 2 and chars[i - 2] in ".?!":
                i += 1
                continue
            chars.insert(i - 1, moved)
            decoded.styles.insert(i - 1, style)
        i += 1


_ORDER = ("link", "strong", "bold", "italic", "sup")


def build(decoded: Decoded, inserts: dict[int, str]) -> Inline:
    """Runs of equal styles → nested nodes (links outermost), markers as superscripts."""
    runs: list[tuple[frozenset[Style], str] | Node] = []
    for i, ch in enumerate(decoded.chars):
        if i in inserts:
            runs.append(Sup((FinalText(inserts[i]),)))
        style = decoded.styles[i]
        if runs and isinstance(runs[-1], tuple) and runs[-1][0] == style:
            runs[-1] = (style, runs[-1][1] + ch)
        else:
            runs.append((style, ch))
    if len(decoded.chars) in inserts:
        runs.append(Sup((FinalText(inserts[len(decoded.chars)]),)))
    return _nest(runs, 0)


def _key(run: tuple[frozenset[Style], str] | Node, level: int) -> Style | None:
    if not isinstance(run, tuple):
        return None
    kind = _ORDER[level]
    found = [st for st in run[0] if st[0] == kind]
    return min(found) if found else None


def _nest(runs: list[tuple[frozenset[Style], str] | Node], level: int) -> Inline:
    if level == len(_ORDER):
        return tuple(r if not isinstance(r, tuple) else FinalText(s.restore(r[1])) for r in runs)
    out: list[Node] = []
    i = 0
    while i < len(runs):
        key = _key(runs[i], level)
        j = i + 1
        while j < len(runs) and isinstance(runs[j], tuple) and _key(runs[j], level) == key and key is not None:
            j += 1
        children = _nest(runs[i:j], level + 1)
        out.extend(_wrap(key, children) if key else children)
        i = j
    return _merge_text(out)


def _wrap(key: Style, children: Inline) -> Inline:
    kind, value = key
    if kind == "link":
        return (Link(value, children),) if value else children
    if kind in ("strong", "bold"):
        return (Strong(children, value or None),)
    if kind == "italic":
        return (Emph(children),)
    return (Sup(children),)


def _merge_text(nodes: list[Node]) -> Inline:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text) and out and type(out[-1]) is type(node):
            out[-1] = type(node)(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    return tuple(out)
