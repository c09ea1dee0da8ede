"""Authors with roles: the owner, students under the owner's supervision, equal contributors.

Academics already write ``"Y. Zhang†*"``; cvgen accepts that compact form and an explicit mapping
(``{name: Y. Zhang, student: true, equal: true}``). The owner is never marked by hand: the view
recognises the owner from the person's name and its variants (see :mod:`cvgen.view.owner`).
"""

from __future__ import annotations

from typing import Any

from pydantic import PrivateAttr, model_validator

from cvgen.model.base import Model
from cvgen.model.text import PlainText

# Trailing characters of the compact form, and the role each one sets.
COMPACT_MARKERS: dict[str, str] = {
    "†": "student",
    "*": "equal",
    "∗": "equal",  # U+2217, as pasted from PDFs
    "✉": "corresponding",
}


ROLES = ("student", "equal", "corresponding")
"""The marked roles, in the order used when the source gives none."""


def role_order(value: Any) -> tuple[str, ...]:
    """The marked roles in the order the source wrote them: "J. Doe*†" → ("equal", "student").

    The compact form's markers are read left to right; a mapping's keys keep their written order.
    """
    if isinstance(value, str):
        name = value.strip()
        found: list[str] = []
        for ch in [c for c in name if c in COMPACT_MARKERS]:
            role = COMPACT_MARKERS[ch]
            if role not in found:
                found.append(role)
        return tuple(found)
    if isinstance(value, dict):
        return tuple(k for k in value if k in ROLES and value[k] is True)
    return ()


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

    _order: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _from_compact(cls, value: Any, handler: Any) -> Any:
        order = role_order(value)
        author = handler(parse_compact(value) if isinstance(value, str) else value)
        if isinstance(author, Author) and order:
            author._order = order
        return author

    def __eq__(self, other: object) -> bool:
        """Equal when the fields are: the written marker order is how it looks, not what it says."""
        if isinstance(other, Author):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = Model.__hash__

    @property
    def roles(self) -> tuple[str, ...]:
        """The author's marked roles, in the order the source wrote their markers (else † * ✉)."""
        chosen = [r for r in ROLES if getattr(self, r)]
        written = [r for r in self._order if r in chosen]
        return (*written, *(r for r in chosen if r not in written))

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
        symbol = {"student": "†", "equal": "*", "corresponding": "✉"}
        return self.name + "".join(symbol[r] for r in self.roles)
