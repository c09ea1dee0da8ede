"""Field descriptions from the docstring under each field, read only when a description is asked for.

The docstring written under a model field is its description in the JSON Schema (editor hovers)
and in ``docs/reference.md``. pydantic's ``use_attribute_docstrings`` would read them while each
class is created, re-reading the source of every model at every import (a quarter of
``import cvgen.model``); only ``cvgen schema`` and the reference page need them, so they are read here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic.json_schema import GenerateJsonSchema


@cache
def field_docstrings(cls: type) -> dict[str, str]:
    """``{field name: description}`` of a model class, as ``use_attribute_docstrings`` would give it.

    A description set on the field itself wins; a class made by ``create_model`` (no source of its
    own) names the class whose docstrings it copies in ``__field_docs_from__``.
    """
    # The same extraction pydantic runs for use_attribute_docstrings, so the texts are identical.
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    own = cls.__dict__.get("__field_docs_from__")
    if own is not None:
        docs = field_docstrings(own)
    else:
        docs = extract_docstrings_from_cls(cls, use_inspect=True) if cls.__module__.startswith("cvgen.") else {}
    found: dict[str, str] = {}
    for name, info in getattr(cls, "model_fields", {}).items():
        if info.description is not None:
            found[name] = info.description
        elif name in docs:
            found[name] = docs[name]
        else:  # a field inherited unchanged keeps the description its class gave it
            owner = next((k for k in cls.__mro__[1:] if name in getattr(k, "model_fields", {})), None)
            if owner is not None and name in field_docstrings(owner):
                found[name] = field_docstrings(owner)[name]
    return found


def description(cls: type, name: str) -> str | None:
    """One field's description, or None."""
    return field_docstrings(cls).get(name)


class DocstringJsonSchema(GenerateJsonSchema):
    """The JSON Schema generator that adds each field's docstring as its ``description``."""

    def model_schema(self, schema: Any) -> Any:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        properties = json_schema.get("properties", {})
        for name, info in cls.model_fields.items():
            key = info.alias or name
            text = description(cls, name)
            if text is not None and key in properties and info.description is None:
                properties[key]["description"] = text
        return json_schema
