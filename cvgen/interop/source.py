"""Publications kept in a .bib file beside the CV: ``publications_from: {bibtex: refs.bib, overrides: …}``.

The loader calls :func:`expand_publications_from` after reading the YAML and before validating it:
the .bib (which must sit inside the CV's folder) is imported, each citation key's overrides are
merged into its entry, and the publications are appended to any written in the YAML. Validation
then sees one ordinary list, so :class:`cvgen.model.CV` stays the single model; the
``publications_from`` field on it only describes the input (it is left out of ``model_dump``, so a
dumped CV never imports its publications twice). Problems in overrides point at their own lines,
problems in imported entries at the ``bibtex:`` line.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import create_model
from pydantic.fields import FieldInfo

from cvgen.errors import InputError, Problem
from cvgen.model.base import Model
from cvgen.model.publications import Publication
from cvgen.model.text import PlainText

log = logging.getLogger("cvgen.interop")

Role = Literal["student", "equal", "corresponding"]


def _optional_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, info in Publication.model_fields.items():
        if name == "key":
            continue
        # pydantic keeps a field's validators and constraints in ``metadata``; re-attach them to
        # the type so they apply to a given value but not to the default None.
        typ = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[name] = (typ | None, FieldInfo(default=None, description=info.description))
    return fields


_OverrideBase = create_model("_OverrideBase", __base__=Model, **_optional_fields())


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


def _problem(filename: str, located: Any, path: tuple[Any, ...], message: str) -> Problem:
    from cvgen.loader.strict_yaml import path_str

    pos = None
    probe: tuple[Any, ...] | None = path
    while pos is None and probe is not None and located is not None:
        pos = located.positions.get(probe)
        probe = probe[:-1] if probe else None
    line, col = pos if pos else (None, None)
    return Problem(filename, line, col, path_str(path), message)


def resolve_inside(base_dir: Path, name: str) -> Path:
    """``name`` relative to ``base_dir``; refuse anything that leaves the folder (``../``, absolute)."""
    base = base_dir.resolve()
    path = (base / name).resolve()
    if path != base and base not in path.parents:
        raise ValueError(f"{name!r} is outside the CV's folder; keep the .bib next to the CV")
    if not path.is_file():
        raise ValueError(f"{name!r} does not exist in {base}")
    return path


def expand_publications_from(data: dict[str, Any], located: Any, filename: str, base_dir: Path) -> dict[str, Any]:
    """Return ``data`` with the .bib's publications (overrides merged) appended to ``publications``."""
    from cvgen.interop.bibtex import import_bibtex_file
    from cvgen.model.authors import parse_compact

    spec = data.get("publications_from")
    if not isinstance(spec, dict) or not isinstance(spec.get("bibtex"), str):
        return data  # validation reports the malformed value at its own line
    where = ("publications_from", "bibtex")
    try:
        path = resolve_inside(base_dir, spec["bibtex"])
        imported = import_bibtex_file(path)
    except (ValueError, OSError) as exc:
        raise InputError([_problem(filename, located, where, str(exc))]) from None
    for w in imported.warnings:
        log.warning("%s", w)

    overrides = spec.get("overrides") or {}
    problems: list[Problem] = []
    by_key = {p["key"]: p for p in imported.data}
    if isinstance(overrides, dict):
        for key in overrides:
            if key not in by_key:
                close = __import__("difflib").get_close_matches(str(key), list(by_key), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(_problem(filename, located, ("publications_from", "overrides", key),
                                         f"no entry {key!r} in {spec['bibtex']}{hint}"))
                continue
            roles = overrides[key].get("author_roles") if isinstance(overrides[key], dict) else None
            for who in roles if isinstance(roles, dict) else ():
                names = [parse_compact(a)["name"] for a in by_key[key]["authors"]]
                if not (str(who).isdigit() and 1 <= int(who) <= len(names)) and who not in names:
                    problems.append(_problem(
                        filename, located, ("publications_from", "overrides", key, "author_roles", who),
                        f"{who!r} is neither an author of {key} ({', '.join(names)}) nor a position 1–{len(names)}"))
    if problems:
        raise InputError(problems)

    existing = data.get("publications") or []
    if not isinstance(existing, list):
        return data
    out = list(existing)
    positions = located.positions if located is not None else {}
    source_pos = positions.get(where)
    for pub in imported.data:
        change = overrides.get(pub["key"]) if isinstance(overrides, dict) else None
        if isinstance(change, dict) and str(change.get("omit", "")).lower() in ("true", "yes", "on", "1"):
            continue
        merged = dict(pub)
        index = len(out)
        if source_pos:
            positions[("publications", index)] = source_pos
        if isinstance(change, dict):
            for field, value in change.items():
                if field in ("omit", "author_roles"):
                    continue
                merged[field] = value
                pos = positions.get(("publications_from", "overrides", pub["key"], field))
                if pos:
                    positions[("publications", index, field)] = pos
            roles = change.get("author_roles")
            if isinstance(roles, dict):
                merged["authors"] = _with_roles(merged["authors"], roles)
        out.append(merged)
    return {**data, "publications": out}


def _with_roles(authors: list[Any], roles: dict[str, Any]) -> list[Any]:
    """Add roles to authors chosen by 1-based position or by name; unknown ones are left for validation."""
    from cvgen.model.authors import parse_compact

    out = [parse_compact(a) if isinstance(a, str) else dict(a) for a in authors]
    for who, wanted in roles.items():
        names = wanted if isinstance(wanted, list) else [wanted]
        index = int(who) - 1 if str(who).isdigit() else next(
            (i for i, a in enumerate(out) if a.get("name") == who), None)
        if index is None or not 0 <= index < len(out):
            continue  # PublicationsFrom validation reports it
        for role in names:
            if isinstance(role, str):
                out[index][role] = True
    return out

