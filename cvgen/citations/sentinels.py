"""Private-use characters that carry structure through the CSL engine and back.

citeproc-py copies a name's family part and its suffix into the output as they are, whatever
order or initials the style chooses ("Liu, S.", "S. Liu", "Liu S"). So each author's family part
is wrapped in two characters that say which author it is, and the suffix (always printed last
in a long name) carries a third: in the output they mark where that author's name ends, without
any matching of formatted text. Formatting (italic, bold…) comes back the same way, from
:mod:`.engine`'s formatter and from rich text in titles.

The characters are from Unicode's private-use areas, which no style prints on its own. A user's
own private-use character in one of these ranges is escaped on the way in (:func:`protect`) and
restored on the way out, so nothing typed is lost.
"""

from __future__ import annotations

import re

# Formatting pairs: (open, close).
FORMATS: dict[str, tuple[str, str]] = {
    "italic": ("\ue000", "\ue001"),
    "bold": ("\ue002", "\ue003"),
    "sup": ("\ue004", "\ue005"),
    "sub": ("\ue006", "\ue007"),
    "smallcaps": ("\ue008", "\ue009"),
    "underline": ("\ue00a", "\ue00b"),
    "plain": ("\ue00c", "\ue00d"),  # CSL "normal"/"light": no cvgen node, the text stays
}
OPEN_FORMAT = {pair[0]: name for name, pair in FORMATS.items()}
CLOSE_FORMAT = {pair[1]: name for name, pair in FORMATS.items()}
LINK_CLOSE = "\ue00f"
_LINK_BASE = 0xE100  # a link inside a title: E100 + its index among the publication's links
MAX_LINKS = 0x100
_ESCAPE_OPEN, _ESCAPE_CLOSE = "\ue0fe", "\ue0ff"

# Where a given name starts. A given name may be cut to its initials, so this mark is a word of
# its own: a capital letter (Latin capital insular D, which no name uses) that citeproc-py keeps
# as an "initial", followed by the style's initial punctuation, both removed on the way out.
GIVEN_MARK = "\ua779"
GIVEN_MARKS = {"\ua779", "\ua77a"}  # and its lower case, should a style lower-case given names

# Author i: family start, family end, end of the whole name (in the suffix).
_FAMILY_START = 0xF0000
_FAMILY_END = 0xF4000
_NAME_END = 0x100000
MAX_AUTHORS = 0x4000


def link_open(index: int) -> str:
    return chr(_LINK_BASE + index)


def link_index(ch: str) -> int | None:
    code = ord(ch) - _LINK_BASE
    return code if 0 <= code < MAX_LINKS else None


def family_start(i: int) -> str:
    return chr(_FAMILY_START + i)


def family_end(i: int) -> str:
    return chr(_FAMILY_END + i)


def name_end(i: int) -> str:
    return chr(_NAME_END + i)


def author_mark(ch: str) -> tuple[str, int] | None:
    """("start" | "family-end" | "end", author index) for an author sentinel, else None."""
    code = ord(ch)
    for kind, base in (("start", _FAMILY_START), ("family-end", _FAMILY_END), ("end", _NAME_END)):
        if base <= code < base + MAX_AUTHORS:
            return kind, code - base
    return None


_OURS = re.compile("[\ua779\ua77a\ue000-\ue1ff\U000f0000-\U000f7fff\U00100000-\U00103fff]")


def protect(text: str) -> str:
    """Escape a user's own private-use characters that would read as sentinels."""
    return _OURS.sub(lambda m: f"{_ESCAPE_OPEN}{ord(m.group()):x}{_ESCAPE_CLOSE}", text)


_ESCAPED = re.compile(f"{_ESCAPE_OPEN}([0-9a-fA-F]+){_ESCAPE_CLOSE}")


def restore(text: str) -> str:
    """Undo :func:`protect` (hex digits survive any case change the style makes)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
