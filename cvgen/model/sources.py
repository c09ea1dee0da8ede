"""Publications kept in a .bib file beside the CV: the input shapes ``publications_from`` and its overrides.

:class:`PublicationsFrom` only describes the input; the loader (:mod:`cvgen.loader.sources`) reads
the .bib, merges each citation key's overrides into its entry and appends the publications to any
written in the YAML before validation, so :class:`cvgen.model.CV` stays the single model. The
``publications_from`` field is left out of ``model_dump``, so a dumped CV never imports its
publications twice.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import create_model
from pydantic.fields import FieldInfo

from cvgen.model.base import Model
from cvgen.model.publications import Publication
from cvgen.model.text import PlainText

Role = Literal["student", "equal", "corresponding"]


def _optional_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, info in Publication.model_fields.items():
        if name == "key":
            continue
        # pydantic keeps a field's validators and constraints in ``metadata``; re-attach them to
        # the type so they apply to a given value but not to the default None.
        typ = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[name] = (typ | None, FieldInfo(default=None))
    return fields


_OverrideBase = create_model("_OverrideBase", __base__=Model, **_optional_fields())
_OverrideBase.__field_docs_from__ = Publication  # type: ignore[attr-defined]  # see cvgen.model.docstrings


class PublicationOverride(_OverrideBase):  # type: ignore[misc,valid-type]
    """Changes to one imported entry: any publication field, plus ``omit`` and ``author_roles``."""

    omit: bool = False
    """Leave this entry out of the CV."""
    author_roles: dict[PlainText, tuple[Role, ...]] = {}
    """Roles by author position (``"2"``) or name as written in the .bib (``"Y. Zhang"``)."""


class PublicationsFrom(Model):
    """Input only: where the loader takes publications from. Already merged into ``publications``."""

    bibtex: PlainText
    """Path of a .bib file, relative to the CV file and inside its folder."""
    overrides: dict[PlainText, PublicationOverride] = {}
    """Changes by citation key: ``{smith2020: {notes: [Spotlight], selected: true}}``."""
