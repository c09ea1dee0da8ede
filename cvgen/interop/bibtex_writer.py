"""The one BibTeX writer: every value escaped or checked, so an export can never inject into LaTeX.

A BibTeX value is delimited by braces and BibTeX counts braces without regard to backslashes, so a
single stray ``}`` in a DOI (``10.1000/x},note={\\input{/etc/hostname}},zz={``) closes the field and
opens new ones that LaTeX then executes. Every value written here is therefore one of:

* **text** (:func:`bib_text`): TeX's special characters become commands that print them, braces
  included (``\\textbraceleft{}``, never ``\\{``, whose brace BibTeX would still count), and TeX's
  input ligatures are broken (``--`` → ``-{}-``, two backquotes → ``\\`{}\\```) so "--" and quotes come
  back as typed instead of as dashes and curly quotes;
* **verbatim** (:func:`bib_verbatim`): web addresses and DOIs, read literally by biblatex; the
  characters that could break out (braces, backslash, white space, controls) are percent-encoded;
* **names** (:func:`bib_name`): each name in the form BibTeX splits as intended ("von Last, Jr,
  First" when a plain reading order would be misread), braced whole when it holds " and ";
* **keys and field names**: reduced to the characters BibTeX and biber accept.

:func:`write_bibtex` checks every value once more (braces balanced, no ``@`` entry start after a
line break) before writing, so a future caller that forgets to escape fails loudly instead of
producing an injectable file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cvgen.chars import TEX_SPECIALS, one_line

_TEXT_SPECIALS = {**TEX_SPECIALS, "{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_TEXT_SPECIAL = re.compile("|".join(re.escape(c) for c in _TEXT_SPECIALS))
# TeX input ligatures (Computer Modern and T1 fonts): -- ---, `` '', !` ?`, << >>, ,,
_LIGATURE = re.compile(r"-(?=-)|`(?=`)|'(?=')|!(?=`)|\?(?=`)|<(?=<)|>(?=>)|,(?=,)")
_VERBATIM_UNSAFE = re.compile(r"[{}\\\s\x00-\x1f\x7f]")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:./+-]+")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_+-]*$")


def bib_text(text: str) -> str:
    """Literal text as a BibTeX value: specials escaped, ligatures broken, on one line."""
    escaped = _TEXT_SPECIAL.sub(lambda m: _TEXT_SPECIALS[m.group(0)], one_line(text))
    return _LIGATURE.sub(lambda m: m.group(0) + "{}", escaped)


def bib_verbatim(value: str) -> str:
    """A web address or DOI: kept as written except the characters that could leave the field."""
    return _VERBATIM_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), value)


def bib_key(raw: str) -> str:
    """A citation key BibTeX and biber accept: ASCII letters, digits and ``_:./+-``."""
    ascii_key = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return _KEY_UNSAFE.sub("-", ascii_key).strip("-") or "entry"


# ---------------------------------------------------------------------------------------------
# Names

_SUFFIX = re.compile(r"^(?:jr|sr|jnr|snr|[iv]{2,4}|[2-9](?:nd|rd|th))\.?$", re.I)
_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.I)
_ORGANISATION = re.compile(
    r"\b(university|research|institute|laboratory|lab|group|consortium|team|collaboration)\b", re.I)
_NBSP = "\u00a0"


@dataclass(frozen=True)
class NameParts:
    """A personal name as BibTeX sees it (btxdoc: First von Last, Jr)."""

    first: str
    von: str
    last: str
    jr: str


def name_parts(name: str) -> NameParts | None:
    """Split a name written in reading order ("Martin Luther King Jr", "Per Brinch\u00a0Hansen").

    The parts are those BibTeX finds in "First von Last" (btxdoc): von runs from the first to the
    last lower-case word inside the name, Last is what follows it, or else the last word. A no-break
    space joins words into one (a two-word surname such as "Brinch\u00a0Hansen"); a trailing "Jr",
    "III" (also after a comma) is the Jr part. None when the name is one word.
    """
    head, _, tail = name.rpartition(",")
    jr = ""
    if head and _SUFFIX.match(tail.strip()):
        name, jr = head, tail.strip()
    words = [w for w in name.split(" ") if w]
    if not jr and len(words) > 2 and _SUFFIX.match(words[-1]):
        jr = words.pop()
    if len(words) < 2:
        return None
    low = [i for i in range(1, len(words) - 1) if words[i][:1].islower()]
    if low:
        first, von, last = words[: low[0]], words[low[0]: low[-1] + 1], words[low[-1] + 1:]
    else:
        first, von, last = words[:-1], [], words[-1:]
    return NameParts(_words(first), _words(von), _words(last), jr)


def _words(words: list[str]) -> str:
    """Words as BibTeX text: a no-break space that joined a surname is a plain space again."""
    return " ".join(words).replace(_NBSP, " ")


def bib_name(name: str) -> str:
    """One author as BibTeX reads it back; "et al." → ``others``."""
    if name.strip().lower() in ("et al.", "et al", "others"):
        return "others"
    if _AND.search(name) or _ORGANISATION.search(name):
        return "{" + bib_text(name.replace(_NBSP, " ")) + "}"  # one name, never split at "and"
    if "," in name and not _SUFFIX.match(name.rpartition(",")[2].strip()):
        return bib_text(name)  # already BibTeX's "Last, First"
    parts = name_parts(name)
    if parts is None:
        return "{" + bib_text(name.strip()) + "}"
    if not parts.jr and (parts.von or " " not in parts.last):
        return bib_text(" ".join(p for p in (parts.first, parts.von, parts.last) if p))
    surname = " ".join(p for p in (parts.von, parts.last) if p)
    return ", ".join(bib_text(p) for p in (surname, parts.jr, parts.first) if p)


# ---------------------------------------------------------------------------------------------
# Entries


@dataclass
class BibEntry:
    """One entry: its type, key and fields, each value already encoded by a function above."""

    type: str
    key: str
    fields: list[tuple[str, str]] = field(default_factory=list)


def _check(value: str, where: str) -> None:
    """Refuse a value that could end its field or start an entry: a bug in the caller, not the CV."""
    depth = 0
    for ch in value:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            break
    if depth != 0 or "\n" in value or "\r" in value:
        raise ValueError(f"BibTeX writer: unsafe value for {where}: {value[:60]!r}")


def write_bibtex(entries: list[BibEntry], header: str = "") -> str:
    """The entries as BibTeX text (UTF-8), every type, key, field name and value checked."""
    out = [header]
    for entry in entries:
        kind = entry.type.lower()
        if not _FIELD_NAME.match(kind):
            raise ValueError(f"BibTeX writer: bad entry type {entry.type!r}")
        key = bib_key(entry.key)
        lines = [f"@{kind}{{{key},"]
        for i, (name, value) in enumerate(entry.fields):
            if not _FIELD_NAME.match(name):
                raise ValueError(f"BibTeX writer: bad field name {name!r} in {key}")
            _check(value, f"{key}.{name}")
            lines.append(f"\t{name} = {{{value}}}" + ("," if i < len(entry.fields) - 1 else ""))
        lines.append("}\n\n")
        out.append("\n".join(lines))
    return "\n".join(out) if header else "\n".join(out[1:])
