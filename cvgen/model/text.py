"""Plain-text checks shared by every text field of the model.

Every string that reaches a backend passes through :func:`clean_text`, so no backend ever sees a
control character that XML or TeX cannot hold, a bidi override that could disguise a name, or a
string so long that layout would hang. Text is normalised to NFC so that a name typed in NFC and
in NFD gives identical output and is recognised as the same person.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

MAX_FIELD_CHARS = 20_000
"""Longest text accepted in one field; far above any real title or abstract."""

_BIDI_CONTROLS = {
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u061c",  # marks
}


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "control character")
    return f"U+{ord(ch):04X} ({name})"


_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "".join(sorted(_BIDI_CONTROLS))
    + "]"
)
"""Every character :func:`clean_text` refuses, to find in one search that a text has none (most do)."""


def clean_text(value: str) -> str:
    """Return ``value`` in NFC, or raise ValueError naming the first unacceptable character."""
    if len(value) > MAX_FIELD_CHARS:
        raise ValueError(f"text is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}")
    if _REFUSED.search(value) is None:
        return unicodedata.normalize("NFC", value)
    for ch in value:
        code = ord(ch)
        if ch in "\t\n":
            continue
        if code < 0x20 or 0x7F <= code < 0xA0:
            raise ValueError(f"control character {_describe(ch)} is not allowed in text")
        if 0xD800 <= code <= 0xDFFF:
            raise ValueError(f"lone surrogate U+{code:04X} is not valid text")
        if code in (0xFFFE, 0xFFFF) or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            raise ValueError(f"non-character U+{code:04X} is not allowed in text")
        if ch in _BIDI_CONTROLS:
            raise ValueError(
                f"bidirectional control {_describe(ch)} is not allowed: it can make text display "
                "differently from what it says"
            )
    return unicodedata.normalize("NFC", value)


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _nonempty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


class AlsoNumberInSchema:
    """JSON Schema hook: text may be written as a bare number.

    YAML editors type ``volume: 3`` as a number, while cvgen's reader keeps it as the text "3";
    the schema agrees with cvgen so editors do not flag it.
    """

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        if schema.get("type") == "string" and "pattern" not in schema:  # a patterned key is never a number
            schema["type"] = ["string", "number"]
        return schema


PlainText = Annotated[
    str, BeforeValidator(_strip), AfterValidator(clean_text), AfterValidator(_nonempty), AlsoNumberInSchema()
]
"""A single line or paragraph of literal text (no markup), cleaned and never empty."""
