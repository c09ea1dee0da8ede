"""``@string`` macros and ``#`` concatenation, expanded as BibTeX does, within a size cap.

bibtexparser replaces a field only when its whole value is one macro name, so a macro defined from
other macros (``@string{s1 = s0 # s0}``) or a field such as ``journal = pre # " Letters"`` stayed as
the text "s0 # s0". BibTeX reads a value as parts joined by ``#``: braced or quoted text, a number,
or the name of a macro defined earlier (names ignore case). Doubling a macro 40 times would give a
terabyte; every expansion is therefore refused past
:data:`~cvgen.interop.bibtex_limits.MAX_BIB_FIELD_CHARS`, before it is built.
"""

from __future__ import annotations

from typing import Any

from cvgen.interop.bibtex_limits import MAX_BIB_FIELD_CHARS, BibTooLarge


def _parts(value: str) -> list[str]:
    """``a # "b" # {c}`` → ``['a', '"b"', '{c}']`` (a ``#`` inside braces or quotes is text)."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def _expand(value: str, macros: dict[str, str], line: int | None, what: str) -> str | None:
    """The braced text ``value`` stands for, or None when it holds no macro to expand."""
    parts = _parts(value)
    if len(parts) == 1 and parts[0].lower() not in macros:
        return None  # text, a number, a month or an unknown name: left to bibtexparser as before
    pieces: list[str] = []
    size = 0
    for part in parts:
        if part[:1] in '{"' and len(part) >= 2:
            text = part[1:-1]
        elif part.lower() in macros:
            text = macros[part.lower()]
        else:
            text = part  # a number, or an unknown name kept as it is written
        size += len(text)
        if size > MAX_BIB_FIELD_CHARS:
            raise BibTooLarge(line, f"{what} expands to more than {MAX_BIB_FIELD_CHARS:,} characters "
                                    "(@string macros doubling themselves?)")
        pieces.append(text)
    return "{" + "".join(pieces) + "}"


def resolve_strings(strings: list[Any], entries: list[Any]) -> None:
    """Expand macros in the @string definitions (in file order) and then in every entry field, in place."""
    macros: dict[str, str] = {}
    for block in strings:
        line = (getattr(block, "start_line", None) or 0) + 1
        value = str(block.value)
        expanded = _expand(value, macros, line, f"@string {block.key}")
        text = expanded if expanded is not None else value
        macros[block.key.lower()] = text[1:-1] if text[:1] in '{"' and len(text) >= 2 else text
    for entry in entries:
        line = (entry.start_line or 0) + 1
        for f in entry.fields:
            if isinstance(f.value, str):
                expanded = _expand(f.value, macros, line, f"{entry.key}: field {f.key!r}")
                if expanded is not None:
                    f.value = expanded
