"""The official JSON Resume schema, vendored, and the check every ``cvgen export jsonresume`` passes.

The schema is ``schema.json`` from the npm package ``@jsonresume/schema`` (see
``schemas/README.md`` for the version and how to update it). It allows additional properties, so
cvgen's academic extras (``talks``, ``publications[].authors`` …) are valid; what it checks is that
every standard field has its standard shape (dates as ``YYYY[-MM[-DD]]``, ``email`` an address,
``profiles`` objects, …). A document that fails is a cvgen bug, reported as such.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("schemas") / "jsonresume-schema-1.3.1.json"
SCHEMA_VERSION = "1.3.1"


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_problems(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the JSON Resume schema, as ``path: message`` lines (empty when valid)."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]
