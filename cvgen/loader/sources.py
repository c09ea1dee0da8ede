"""``publications_from: {bibtex: refs.bib, overrides: …}``: the .bib beside the CV, merged before validation.

The loader calls :func:`expand_publications_from` after reading the YAML and before validating it:
the .bib (which must sit inside the CV's folder) is imported, each citation key's overrides are
merged into its entry, and the publications are appended to any written in the YAML. Validation
then sees one ordinary list. Problems in overrides point at their own lines, problems in imported
entries at the ``bibtex:`` line. The input shapes live in :mod:`cvgen.model.sources`.
"""

from __future__ import annotations

import difflib
import logging
import re
from pathlib import Path
from typing import Any

from cvgen.containment import contain
from cvgen.errors import InputError, Problem
from cvgen.loader.strict_yaml import path_str
from cvgen.model.authors import parse_compact

log = logging.getLogger("cvgen.interop")


def _problem(filename: str, located: Any, path: tuple[Any, ...], message: str) -> Problem:
    pos = None
    probe: tuple[Any, ...] | None = path
    while pos is None and probe is not None and located is not None:
        pos = located.positions.get(probe)
        probe = probe[:-1] if probe else None
    line, col = pos if pos else (None, None)
    return Problem(filename, line, col, path_str(path), message)


def resolve_inside(base_dir: Path, name: str, roots: tuple[Path, ...] | None = None) -> Path:
    """``name`` relative to ``base_dir``, refused unless inside ``roots`` (default: the CV's folder)."""
    base = base_dir.resolve()
    path = contain(name, base, roots or (base,), "the .bib")
    if not path.is_file():
        raise ValueError(f"{name!r} does not exist in {base}")
    return path


def expand_publications_from(
    data: dict[str, Any], located: Any, filename: str, base_dir: Path, roots: tuple[Path, ...] | None = None
) -> dict[str, Any]:
    """Return ``data`` with the .bib's publications (overrides merged) appended to ``publications``."""
    spec = data.get("publications_from")
    if not isinstance(spec, dict) or not isinstance(spec.get("bibtex"), str):
        return data  # validation reports the malformed value at its own line
    entries = _read_bib(spec["bibtex"], located, filename, base_dir, roots)
    overrides = spec.get("overrides") or {}
    if not isinstance(overrides, dict):
        overrides = {}
    problems = _override_problems(overrides, entries, spec["bibtex"], located, filename)
    if problems:
        raise InputError(problems)
    existing = data.get("publications") or []
    if not isinstance(existing, list):
        return data
    positions = located.positions if located is not None else {}
    return {**data, "publications": _merged(list(existing), entries, overrides, positions)}


def _read_bib(name: str, located: Any, filename: str, base_dir: Path, roots: tuple[Path, ...] | None) -> list[dict[str, Any]]:
    from cvgen.interop.bibtex import import_bibtex_file

    try:
        imported = import_bibtex_file(resolve_inside(base_dir, name, roots))
    except (ValueError, OSError) as exc:
        raise InputError([_problem(filename, located, ("publications_from", "bibtex"), str(exc))]) from None
    for w in imported.warnings:
        log.warning("%s", w)
    return imported.data


def _override_problems(
    overrides: dict[str, Any], entries: list[dict[str, Any]], bib: str, located: Any, filename: str
) -> list[Problem]:
    """Overrides naming a key the .bib lacks, or an author role for someone not on the paper."""
    problems: list[Problem] = []
    by_key = {p["key"]: p for p in entries}
    for key, change in overrides.items():
        where = ("publications_from", "overrides", key)
        if key not in by_key:
            close = difflib.get_close_matches(str(key), list(by_key), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(_problem(filename, located, where, f"no entry {key!r} in {bib}{hint}"))
            continue
        roles = change.get("author_roles") if isinstance(change, dict) else None
        for who in roles if isinstance(roles, dict) else ():
            names = [parse_compact(a)["name"] for a in by_key[key]["authors"]]
            if not (_is_position(who) and 1 <= int(who) <= len(names)) and who not in names:
                problems.append(_problem(
                    filename, located, (*where, "author_roles", who),
                    f"{who!r} is neither an author of {key} ({', '.join(names)}) nor a position 1–{len(names)}"))
    return problems


def _is_position(who: Any) -> bool:
    """An author position written in ASCII digits ("3"); "²" and "①" pass ``str.isdigit()`` but not ``int()``."""
    return re.fullmatch(r"[0-9]{1,6}", str(who)) is not None


def _omitted(change: Any) -> bool:
    return isinstance(change, dict) and str(change.get("omit", "")).lower() in ("true", "yes", "on", "1")


def _merged(out: list[Any], entries: list[dict[str, Any]], overrides: dict[str, Any], positions: dict) -> list[Any]:
    """``out`` plus each entry not omitted, its overrides applied; positions point at the lines written."""
    source_pos = positions.get(("publications_from", "bibtex"))
    for pub in entries:
        change = overrides.get(pub["key"])
        if _omitted(change):
            continue
        index = len(out)
        if source_pos:
            positions[("publications", index)] = source_pos
        out.append(_apply(dict(pub), pub["key"], change, index, positions) if isinstance(change, dict) else dict(pub))
    return out


def _apply(merged: dict[str, Any], key: str, change: dict[str, Any], index: int, positions: dict) -> dict[str, Any]:
    for field, value in change.items():
        if field in ("omit", "author_roles"):
            continue
        merged[field] = value
        pos = positions.get(("publications_from", "overrides", key, field))
        if pos:
            positions[("publications", index, field)] = pos
    roles = change.get("author_roles")
    if isinstance(roles, dict):
        merged["authors"] = _with_roles(merged["authors"], roles)
    return merged


def _with_roles(authors: list[Any], roles: dict[str, Any]) -> list[Any]:
    """Add roles to authors chosen by 1-based position or by name; unknown ones are left for validation."""
    out = [parse_compact(a) if isinstance(a, str) else dict(a) for a in authors]
    for who, wanted in roles.items():
        names = wanted if isinstance(wanted, list) else [wanted]
        index = int(who) - 1 if _is_position(who) else next(
            (i for i, a in enumerate(out) if a.get("name") == who), None)
        if index is None or not 0 <= index < len(out):
            continue  # PublicationsFrom validation reports it
        for role in names:
            if isinstance(role, str):
                out[index][role] = True
    return out

