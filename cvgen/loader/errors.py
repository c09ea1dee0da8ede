"""Turn pydantic's validation errors into located, human messages."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from cvgen.errors import Problem
from cvgen.loader.strict_yaml import Located, Path, path_str

_MAX_SHOWN = 60


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…'"


def _real_path(value: Any, loc: tuple[Any, ...], missing: bool = False) -> Path:
    """Keep the parts of pydantic's ``loc`` that index the data (dropping union branch names).

    Only a *missing* field's name is kept although absent from the data: any other absent last
    part is a union branch's name ("constrained-str"), not a field.
    """
    out: list[str | int] = []
    current = value
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and part in current:
            out.append(part)
            current = current[part]
        elif isinstance(current, (list, tuple)) and isinstance(part, int) and 0 <= part < len(current):
            out.append(part)
            current = current[part]
        elif last and missing and isinstance(current, dict) and isinstance(part, str):
            out.append(part)
        else:
            continue
    return tuple(out)


def _unwrap(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation can hold (through Optional, tuple, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    if origin in (typing.Union, types.UnionType, tuple, list, dict):
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                found.extend(_unwrap(arg))
    return found


def _fields_at(root: type[BaseModel], path: Path) -> list[str]:
    """Field names valid in the mapping at ``path`` (for "did you mean …")."""
    models: list[type[BaseModel]] = [root]
    for part in path:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for model in models:
            info = model.model_fields.get(part)
            if info is not None:
                nxt.extend(_unwrap(info.annotation))
        if nxt:
            models = nxt
        # a dict key (settings.profiles.NAME) keeps the value models found one step earlier
    return sorted({name for m in models for name in m.model_fields})


# pydantic's wording ("Input should be a valid tuple") speaks Python; a CV author thinks in YAML.
_PLAIN = {
    "string_type": "expected text",
    "tuple_type": "expected a list",
    "list_type": "expected a list",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number",
}


def _plain_words(kind: str, ctx: dict[str, Any], msg: str) -> str:
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "literal_error" and "expected" in ctx:
        return f"expected one of {ctx['expected']}"
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        return f"does not have the expected form (pattern {ctx['pattern']})"
    if kind == "too_short" and "min_length" in ctx:
        n = ctx["min_length"]
        return f"needs at least {n} item{'s' if n != 1 else ''}"
    if kind in ("greater_than_equal", "greater_than") and ("ge" in ctx or "gt" in ctx):
        return f"must be at least {ctx['ge']}" if "ge" in ctx else f"must be more than {ctx['gt']}"
    return msg


def _message(err: dict[str, Any], root: type[BaseModel], path: Path) -> str:
    kind = err["type"]
    msg = str(err["msg"])
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        known = _fields_at(root, path[:-1])
        import difflib  # only a misspelt key needs it

        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (f"; known fields: {', '.join(known)}" if known else "")
        return f"unknown field {_short(name)}{hint}"
    if kind == "missing":
        return "required field is missing"
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    msg = _plain_words(kind, err.get("ctx") or {}, msg)
    if "input" in err and kind not in ("model_type", "dict_type") or kind in ("string_type",):
        value = err.get("input")
        if isinstance(value, (dict, list)):
            what = "a mapping" if isinstance(value, dict) else "a list"
            return f"{msg} (got {what})"
        if value is None:
            return f"{msg} (got nothing)"
        if isinstance(value, str) and repr(value) in msg:
            return msg
        return f"{msg} (got {_short(value)})"
    if kind in ("model_type", "dict_type"):
        value = err.get("input")
        got = "a list" if isinstance(value, list) else ("nothing" if value is None else _short(value))
        return f"expected a mapping of fields (got {got})"
    return msg


def _where(
    located: Located | None, path: Path, is_key: bool, files: dict[Path, str], filename: str
) -> tuple[int | None, int | None, str]:
    """(line, col, file) of the nearest written value at or above ``path`` (an unknown key: the key itself)."""
    if located is None:
        return None, None, filename
    at: Path | None = path
    pos = located.key_positions.get(path) if is_key else None
    while pos is None and at is not None:
        pos = located.positions.get(at)
        if pos is None:
            at = at[:-1] if at else None
    if pos is None or at is None:
        return None, None, filename
    return pos[0], pos[1], files.get(at, filename)


def problems_from_validation(
    exc: ValidationError, data: Any, located: Located | None, filename: str, root: type[BaseModel],
    files: dict[Path, str] | None = None,
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located at the nearest known position.

    ``files`` gives the file of the paths written in another file than ``filename`` (a base file).
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        path = _real_path(data, tuple(err["loc"]), missing=err["type"] == "missing")
        message = _message(err, root, path)
        line, col, file = _where(located, path, err["type"] == "extra_forbidden", files or {}, filename)
        key = (path_str(path), message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(file, line, col, path_str(path), message))
    problems.sort(key=lambda p: (p.line or 0, p.col or 0))
    return problems
