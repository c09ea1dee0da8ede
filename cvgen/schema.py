"""JSON Schema generated from the model; the committed copy (cvgen/cvgen.schema.json) is checked by a test."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://cvgen.invalid/schema/cvgen.schema.json"


def schema() -> dict[str, Any]:
    from cvgen.model.cv import CV
    from cvgen.model.docstrings import DocstringJsonSchema

    data = CV.model_json_schema(mode="validation", schema_generator=DocstringJsonSchema)
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **data}
    data["title"] = "cvgen CV"
    data["description"] = "An academic CV for cvgen: person, education, positions, honors, publications, talks, …"
    return data


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
