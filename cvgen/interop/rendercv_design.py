"""RenderCV's presentation keys (``design``, ``locale``) → the cvgen settings that mean the same.

Carried over: the page size (``design.page.size``: ``a4``, ``us-letter``), the theme when cvgen has
one of that style (``classic``; ``moderncv`` → ``modern``), the accent colour (the colour of names
and section titles, ``rgb(0, 79, 144)`` or ``#004f90``) and the language (``locale.language``).
Everything else (margins, fonts, spacing, templates) is what a cvgen theme decides; each such
key is named in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

PAGE_SIZES = {"a4": "a4", "us-letter": "letter", "letter": "letter"}
THEMES = {"classic": "classic", "moderncv": "modern"}
LANGUAGES = {
    "english": "en", "spanish": "es", "french": "fr", "german": "de", "italian": "it", "portuguese": "pt",
    "turkish": "tr", "chinese": "zh", "japanese": "ja", "korean": "ko", "russian": "ru", "dutch": "nl",
    "polish": "pl", "swedish": "sv", "danish": "da", "norwegian": "nb", "finnish": "fi", "greek": "el",
    "hindi": "hi", "indonesian": "id", "vietnamese": "vi", "arabic": "ar", "hebrew": "he", "persian": "fa",
}
_RGB = re.compile(r"^\s*rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)\s*$", re.I)
_HEX = re.compile(r"^\s*#([0-9a-f]{6}|[0-9a-f]{3})\s*$", re.I)
_COLOUR_KEYS = ("primary", "section_titles", "name")


def colour(value: Any) -> str | None:
    """``rgb(0, 79, 144)`` or ``#004f90`` → ``#004f90``; None for anything else (or black)."""
    text = str(value or "")
    m = _RGB.match(text)
    if m and all(int(g) <= 255 for g in m.groups()):
        hexa = "#" + "".join(f"{int(g):02x}" for g in m.groups())
    elif _HEX.match(text):
        hexa = "#" + _HEX.match(text).group(1).lower()
    else:
        return None
    return None if hexa in ("#000000", "#000") else hexa


def settings_from(doc: dict[str, Any], warn: Callable[[str, str], None]) -> dict[str, Any]:
    """cvgen settings from a RenderCV file's ``design`` and ``locale``; the rest is warned about."""
    out: dict[str, Any] = {}
    design = doc.get("design") if isinstance(doc.get("design"), dict) else {}
    for key, value in design.items():
        _design_key(key, value, out, warn)
    locale = doc.get("locale") if isinstance(doc.get("locale"), dict) else {}
    language = str(locale.get("language") or "").strip().lower()
    if language:
        code = LANGUAGES.get(language) or (language if re.fullmatch(r"[a-z]{2,3}", language) else None)
        if code:
            out["language"] = code
        else:
            warn("locale.language", f"{language!r} is not a language cvgen knows; not carried over")
    for key in locale:
        if key != "language":
            warn(f"locale.{key}", "RenderCV's wording and date formats are cvgen's locale; not carried over")
    for key in ("locale_catalog", "settings", "rendercv_settings"):
        if doc.get(key):
            warn(key, "RenderCV's own settings; not carried over (cvgen's are in settings:)")
    return out


def _design_key(key: str, value: Any, out: dict[str, Any], warn: Callable[[str, str], None]) -> None:
    if key == "theme":
        theme = THEMES.get(str(value).strip().lower())
        if theme:
            out["theme"] = theme
        else:
            warn("design.theme", f"RenderCV's {value!r} theme has no cvgen twin; cvgen's classic theme is used")
    elif key == "page" and isinstance(value, dict):
        size = PAGE_SIZES.get(str(value.get("size") or "").strip().lower())
        if size:
            out["page_size"] = size
        elif value.get("size"):
            warn("design.page.size", f"{value['size']!r} is not a page size cvgen has (a4, letter); not carried over")
        rest = sorted(k for k in value if k != "size")
        if rest:
            warn("design.page", f"{', '.join(rest)}: margins and page furniture are the theme's; not carried over")
    elif key in ("colors", "color"):
        found = value if isinstance(value, dict) else {"primary": value}
        accent = next((colour(found[k]) for k in _COLOUR_KEYS if k in found and colour(found[k])), None)
        if accent:
            out["accent_colour"] = accent
        else:
            warn(f"design.{key}", "no accent colour found in it; not carried over")
    else:
        warn(f"design.{key}", "layout and typography are the cvgen theme's; not carried over")
