"""Authors with roles: the owner, students under the owner's supervision, equal contributors.

Academics already write ``"Y. Zhang†*"``; cvgen accepts that compact form and an explicit mapping
(``{name: Y. Zhang, student: true, equal: true}``). The owner is never marked by hand: the view
recognises the owner from the person's name and its variants (see :mod:`cvgen.view.owner`).
"""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from cvgen.model.base import Model
from cvgen.model.text import PlainText

# Trailing characters of the compact form, and the role each one sets.
COMPACT_MARKERS: dict[str, str] = {
    "†": "student",
    "*": "equal",
    "∗": "equal",  # U+2217, as pasted from PDFs
    "✉": "corresponding",
}


def parse_compact(text: str) -> dict[str, Any]:
    """Split ``"Y. Zhang†*"`` into ``{"name": "Y. Zhang", "student": True, "equal": True}``.

    Markers may also stand before the name (``"*Pang, Ce"``, as some exported lists have) and be
    separated by commas or carets (``"J. Jia^{†,*}"`` is not supported: write ``J. Jia†*``).
    """
    name = text.strip()
    roles: dict[str, Any] = {}
    while name and (name[-1] in COMPACT_MARKERS or name[-1] in ", "):
        if name[-1] in COMPACT_MARKERS:
            roles[COMPACT_MARKERS[name[-1]]] = True
        name = name[:-1]
    while name and name[0] in COMPACT_MARKERS:
        roles[COMPACT_MARKERS[name[0]]] = True
        name = name[1:]
    return {"name": name.strip(), **roles}


class Author(Model):
    """One author of a publication, with the roles cvgen marks."""

    name: PlainText
    """The author's name as printed; in a list it may end in markers: "Y. Zhang†*"."""
    student: bool = False
    """Student under the owner's supervision (marked †)."""
    equal: bool = False
    """Equal contribution (marked *)."""
    corresponding: bool = False
    """Corresponding author (marked ✉)."""
    member: bool | None = None
    """Lab mode: force group-member bolding on (true) or off (false) for this author."""
    owner: bool | None = None
    """Force owner recognition on (true) or off (false) for this author; normally left out."""

    @model_validator(mode="before")
    @classmethod
    def _from_compact(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_compact(value)
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """Editors must accept the compact string form too, not only the mapping."""
        ref = handler(core_schema)
        target = handler.resolve_ref_schema(ref)
        mapping = {k: v for k, v in target.items() if k not in ("title", "description")}
        compact = {
            "type": "string",
            "minLength": 1,
            "description": "Compact form: the name, then † (student), * (equal contribution), ✉ (corresponding).",
            "examples": ["Y. Zhang†*", "S. Liu"],
        }
        for key in list(target):
            if key not in ("title", "description"):
                del target[key]
        target["anyOf"] = [compact, mapping]
        return ref

    def compact(self) -> str:
        """The compact form, as written in YAML."""
        marks = ("†" if self.student else "") + ("*" if self.equal else "") + ("✉" if self.corresponding else "")
        return self.name + marks
