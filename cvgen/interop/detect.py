"""Which format a file is in, from its content: what ``cvgen import FILE`` runs.

The file name is no guide (``cv.yml`` is al-folio's, RenderCV's and cvgen's own name), so the
content decides, most certain test first:

* JSON whose top level is an object with JSON Resume sections (``basics``, ``work``, …) → JSON Resume;
* a line starting ``@article{`` (any ``@type{`` or ``@type(``) → BibTeX; a YAML line can never
  start with ``@``, so no YAML file matches;
* YAML with a ``cv:`` mapping → RenderCV (also the shape of newer al-folio ``cv.yml`` files);
* YAML that is a list of ``{title, type, contents}`` sections → al-folio's classic ``cv.yml``.
"""

from __future__ import annotations

import json
import re

FORMATS = {
    "bibtex": "BibTeX",
    "rendercv": "RenderCV",
    "jsonresume": "JSON Resume",
    "alfolio": "al-folio cv.yml",
}
JSON_RESUME_KEYS = {"basics", "work", "education", "volunteer", "awards", "publications", "skills", "projects",
                    "languages", "interests", "references", "certificates"}
_BIB_ENTRY = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.M)


def detect(text: str) -> tuple[str | None, str]:
    """(format key or None, the reason), e.g. ``("bibtex", "12 entries such as @article{…")``."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        try:
            doc = json.loads(stripped)
        except ValueError:
            return None, "it starts like JSON but is not valid JSON"
        keys = set(doc) & JSON_RESUME_KEYS if isinstance(doc, dict) else set()
        if keys:
            return "jsonresume", f"a JSON object with JSON Resume sections ({', '.join(sorted(keys)[:4])})"
        return None, "a JSON object without JSON Resume sections (basics, work, education, …)"
    entries = _BIB_ENTRY.findall(text)
    if entries:
        return "bibtex", f"{len(entries)} BibTeX entr{'y' if len(entries) == 1 else 'ies'} such as {entries[0].strip()}…"
    return _detect_yaml(text)


def _detect_yaml(text: str) -> tuple[str | None, str]:
    from cvgen.interop.alfolio import is_classic
    from cvgen.loader.strict_yaml import read

    try:
        doc = read(text).value
    except Exception:  # noqa: BLE001 - any reader failure means "not YAML we know"
        return None, "neither JSON, BibTeX nor YAML"
    if isinstance(doc, dict) and isinstance(doc.get("cv"), dict):
        return "rendercv", "YAML with a 'cv:' mapping (RenderCV's shape, also newer al-folio cv.yml)"
    if is_classic(doc):
        return "alfolio", "YAML listing sections with title, type and contents (al-folio's cv.yml)"
    if isinstance(doc, dict) and "person" in doc:
        return None, "it is already a cvgen CV (check it with 'cvgen validate')"
    return None, "no BibTeX entry, JSON Resume object, RenderCV 'cv:' or al-folio section list was found"
