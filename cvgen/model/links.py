"""URL checks: one place decides which links a CV may contain.

Links are clickable in every output but cvgen never fetches them. Schemes that run code or read
local files (``javascript:``, ``vbscript:``, ``data:``, ``file:``) are refused wherever they appear.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote, unquote

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
    if scheme == "mailto":
        _check_mailto(url[len(match.group(0)):])
    return one_fragment(url)


def one_fragment(url: str) -> str:
    """``…/#a#b`` → ``…/#a%23b``: a URL has one fragment, so a later ``#`` is data and is written encoded.

    Browsers read both spellings as the same fragment, but TeX's hyperref cuts a link at its second
    ``#``; written once this way here, every format carries the same, whole target.
    """
    head, sep, fragment = url.partition("#")
    return head + sep + fragment.replace("#", "%23") if sep else url


def _check_mailto(rest: str) -> None:
    """A ``mailto:`` link names addresses only: no ``?cc=…&subject=…&body=…`` pre-filled headers."""
    if "?" in rest or "#" in rest:
        raise ValueError("a mailto: link may hold addresses only, not ?cc=, ?subject= or ?body= headers")
    for address in rest.split(","):
        check_email(unquote(address))


# The "valid e-mail address" of the HTML standard (the address a browser's <input type=email> accepts):
# https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address
_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


def check_email(value: str) -> str:
    """Return ``value`` if it is one e-mail address (HTML's definition), else raise ValueError.

    Text without an ``@`` ("ana at example dot org", written to escape address harvesters) is kept
    as text: it is shown as written and never becomes a link. Anything with an ``@`` must be exactly
    one address, so no ``?cc=…&body=…`` and no second address rides along into a ``mailto:``.
    """
    address = clean_text(value.strip())
    if "@" in address and not _EMAIL.fullmatch(address):
        raise ValueError(f"{address!r} is not an e-mail address (one address such as name@example.org)")
    if not address:
        raise ValueError("an e-mail address must not be empty")
    return address


def is_address(value: str) -> bool:
    """Whether a checked ``emails`` entry is an address (linked) rather than text such as "ana at example dot org"."""
    return "@" in value


def mailto(address: str) -> str:
    """The ``mailto:`` link of a checked address, its local part percent-encoded as RFC 6068 asks.

    Characters such as ``?``, ``&``, ``%`` and ``#`` are legal in an address but mean something
    in a ``mailto:`` URL; encoded, the link opens a message to exactly that address.
    """
    local, _, domain = address.rpartition("@")
    return f"mailto:{quote(local, safe=_RFC6068_SAFE)}@{domain}"


_RFC6068_SAFE = "!$'()*+,;:-._~"
"""Characters a mailto: address may carry unencoded (RFC 6068's qchar, less the letters and digits)."""


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Url = Annotated[
    str,
    BeforeValidator(_strip),
    AfterValidator(check_url),
    # Schemes are case-insensitive (check_url lower-cases them); JSON Schema regexes have no flags.
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^([hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]|[tT][eE][lL]|[fF][tT][pP]|[dD][oO][iI]):"}),
]


Email = Annotated[
    str,
    BeforeValidator(_strip),
    AfterValidator(check_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]
