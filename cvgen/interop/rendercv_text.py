"""RenderCV text → cvgen text: Markdown escapes resolved, Typst markup turned into Markdown.

RenderCV reads its values as Markdown and renders through Typst, so real files hold

* Markdown escapes: ``Ben-David†\\*`` means a literal ``*`` (cvgen's author marker for equal
  contribution); cvgen shows a backslash as written, so the escape is resolved here;
* Typst markup, which RenderCV passes through: ``#strong[…]``, ``#emph[…]``, ``#underline[…]``,
  ``#link("https://…")[…]``, ``#text(fill: red)[…]``, ``#h(1em)``. Strong and emphasis become
  ``**…**`` and ``*…*``, links ``[…](…)``; decorations keep their text; spacing becomes a space.
  A Typst function cvgen does not know keeps its text and is reported.

The whole document is cleaned once, before it is converted, so every field benefits alike; web
addresses, dates and file names are left as written.
"""

from __future__ import annotations

import re
from typing import Any

# Only the escapes that keep Markdown from reading a character as syntax (\* \_ \# \[ \] \` \|);
# other backslashes are LaTeX that BibTeX-generated files carry (Lo{\"i}c) and stay as written.
_ESCAPE = re.compile(r"\\([*_#\[\]`|])")
# Innermost calls first: #name or #name(args) followed by [content] without nested brackets.
_CALL = re.compile(r"#([a-z][a-z0-9_.-]*)(?:\(((?:[^()]|\([^()]*\))*)\))?\[([^\[\]]*)\]")
_BARE = re.compile(r"#(h|v|linebreak|parbreak|colbreak|pagebreak)\([^()]*\)")
_LINK_TARGET = re.compile(r"^\s*\"([^\"]+)\"")
_KEEP_TEXT = {"underline", "overline", "strike", "highlight", "smallcaps", "text", "box", "block", "upper", "lower",
              "super", "sub", "align", "pad", "sc", "fa-icon"}
_VERBATIM_KEYS = {"url", "doi", "photo", "website", "email", "phone", "date", "start_date", "end_date", "username",
                  "network"}


def _typst_call(m: re.Match[str], unknown: set[str]) -> str:
    name, args, body = m.group(1), m.group(2), m.group(3)
    if name == "strong":
        return f"**{body}**"
    if name == "emph":
        return f"*{body}*"
    if name == "link":
        target = _LINK_TARGET.match(args or "")
        return f"[{body}]({target.group(1)})" if target else body
    if name not in _KEEP_TEXT:
        unknown.add(name)
    return body


def typst_to_markdown(text: str) -> tuple[str, set[str]]:
    """(Markdown, Typst functions cvgen did not know) for one RenderCV value."""
    unknown: set[str] = set()
    if "#" not in text:
        return text, unknown
    text = _BARE.sub(" ", text)
    while True:
        new = _CALL.sub(lambda m: _typst_call(m, unknown), text)
        if new == text:
            break
        text = new
    text = re.sub(r'#link\("([^"]+)"\)', r"[\1](\1)", text)
    return " ".join(text.split()), unknown


def unescape(text: str) -> str:
    """Resolve Markdown's escapes of its own syntax: ``\\*`` → ``*``, ``\\_`` → ``_``."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def clean_document(value: Any, path: str = "", notes: list[tuple[str, str]] | None = None) -> Any:
    """Every text value of a RenderCV ``cv:`` cleaned; ``notes`` collects (path, Typst functions unknown)."""
    if isinstance(value, dict):
        return {k: v if str(k) in _VERBATIM_KEYS else clean_document(v, f"{path}.{k}" if path else str(k), notes)
                for k, v in value.items()}
    if isinstance(value, list):
        return [clean_document(v, f"{path}[{i}]", notes) for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value
    text, unknown = typst_to_markdown(value)
    if unknown and notes is not None:
        notes.append((path, ", ".join(f"#{u}" for u in sorted(unknown))))
    return unescape(text)
