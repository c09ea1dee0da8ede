"""The base class of every model: unknown keys refused, values immutable after loading."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Strict, frozen model: a misspelt key is an error, never silently ignored."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_default=True,
        populate_by_name=True,
        # Field docstrings are descriptions (JSON Schema, docs/reference.md), read only when asked
        # for by cvgen.model.docstrings: reading them here re-read every model's source at import.
        # Build validators on first use, not at import: the models a run never validates directly
        # (most nested ones are built once, with the root) cost nothing, and `import` stays quick.
        defer_build=True,
    )
