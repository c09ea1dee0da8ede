"""URL checks: one place decides which links a CV may contain.

Links are clickable in every output but cvgen never fetches them. Schemes that run code or read
local files (``javascript:``, ``vbscript:``, ``data:``, ``file:``) are refused wherever they appear.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from cvgen.model.text import clean_text

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "doi")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]")


def check_url(value: str) -> str:
    """Return ``value`` if it is an acceptable link, else raise ValueError saying why."""
    url = clean_text(value.strip())
    if not url:
        raise ValueError("link must not be empty")
    if _INVISIBLE.search(url):
        raise ValueError("a link cannot contain spaces or control characters")
    # Browsers ignore whitespace and case inside a scheme, so check a squeezed, lower-cased copy.
    match = _SCHEME.match(url)
    if not match:
        raise ValueError(f"link {url!r} needs a scheme such as https:// (got a bare address)")
    scheme = match.group(1).lower()
    if scheme not in ALLOWED_SCHEMES:
        raise ValueError(
            f"link scheme {scheme}: is not allowed (use one of: {', '.join(s + ':' for s in ALLOWED_SCHEMES)})"
        )
    return url


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Url = Annotated[
    str,
    BeforeValidator(_strip),
    AfterValidator(check_url),
    # Schemes are case-insensitive (check_url lower-cases them); JSON Schema regexes have no flags.
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^([hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]|[tT][eE][lL]|[fF][tT][pP]|[dD][oO][iI]):"}),
]
