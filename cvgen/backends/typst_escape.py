"""The one place where user text becomes Typst source.

Every string a CV owner writes reaches a ``.typ`` file as a Typst *string literal*, never as
markup. This is the approach that can be shown complete in a few lines, unlike escaping markup
characters (Typst markup gives meaning to ``# $ * _ ` < > @ = - + / \\ [ ] ~ '`` and ``"``, to
``//`` and ``/*``, to line starts and to new syntax in later versions):

* Inside ``"…"`` Typst's lexer knows only two special characters: ``\\`` starts an escape and
  ``"`` ends the literal. :func:`escape_string` doubles every ``\\`` and escapes every ``"``, so the
  literal ends exactly where we close it and every character inside stands for itself. Nothing in
  a string literal is ever evaluated: no ``#read``, ``#import``, ``#eval``, label or reference.
* Line breaks, tabs and other control characters (which would break a line or be invisible) become
  a space or are dropped, as in the other formats; lone surrogates and noncharacters are dropped.
* In markup a literal is shown with :func:`markup`: ``#"…";``. The ``#`` switches to code for one
  expression and the ``;`` ends it, so whatever the template puts next (``.``, ``(``, ``[``) can
  never continue the expression as a method call, call or content argument.
* In code (``#set document(title: …)``, ``#link(…)``) :func:`literal` gives the bare ``"…"``.
* A word longer than :data:`cvgen.chars.LONG_WORD` characters (a URL or gene name in running text) is shown as
  short boxes, ``#box("…");``, one after another: Typst may break a line between two boxes, so the
  word wraps instead of running off the page, and no character is added to the text.

A string shown this way is plain text: Typst's smart quotes and ``--`` dashes apply to markup only,
so the PDF shows exactly the characters written.
"""

from __future__ import annotations

from cvgen.chars import LONG_WORD_RE, one_line, word_pieces


def escape_string(s: str) -> str:
    """User text → the inside of a Typst string literal that denotes exactly that text.

    The only escaping function of the Typst format: every other helper wraps its result.
    """
    s = one_line(s)
    return s.replace("\\", "\\\\").replace('"', '\\"')


def literal(s: str) -> str:
    """User text → a complete Typst string literal, for code positions (arguments, settings)."""
    return f'"{escape_string(s)}"'




def markup(s: str) -> str:
    """User text → markup that shows it literally: ``#"…";`` (empty text gives nothing)."""
    out: list[str] = []
    pos = 0
    for m in LONG_WORD_RE.finditer(s):
        if m.start() > pos:
            out.append(f"#{literal(s[pos : m.start()])};")
        word = m.group()
        out.extend(f"#box({literal(piece)});" for piece in word_pieces(word))
        pos = m.end()
    if pos < len(s):
        out.append(f"#{literal(s[pos:])};")
    return "".join(out)
