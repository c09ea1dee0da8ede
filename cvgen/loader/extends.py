"""``extends: base.yaml``: an institution's shared settings under a person's own file.

The base holds what a department keeps in one place (theme, section order, titles, language,
legend wording, an affiliation); the person's file overrides it. Mappings merge key by key, any
other value (a list, a text) from the person's file replaces the base's. Every merged value keeps
the file it came from, so an error names the file that is wrong, at its own line.

Where a base may live follows one rule: inside the CV's folder, or inside a folder the caller
names (``--base DIR`` on the command line, the data file's folder, ``allow=`` in the API; ``roots=`` in ``render_many``). A path
written in a YAML file alone never reaches anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.containment import inside as _inside
from cvgen.containment import roots_of
from cvgen.errors import InputError, Problem
from cvgen.loader.strict_yaml import Located

KEY = "extends"


@dataclass
class Merged:
    """The merged data, where each value was written, and which file wrote it."""

    value: dict[str, Any]
    located: Located
    files: dict[tuple[Any, ...], str] = field(default_factory=dict)
    """The file of each path whose value came from another file than the person's."""


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Is ``path`` inside one of ``roots`` once symlinks are resolved? (The project's one containment rule.)"""
    return _inside(path.resolve(), roots_of(*roots))


def find_base(name: object, folder: Path | None, roots: tuple[Path, ...], where: Problem) -> Path:
    """The base file ``name`` names, looked for in the CV's folder, then in each named folder."""
    if not isinstance(name, str) or not name.strip():
        raise InputError([_at(where, "expected the name of a YAML file, e.g. base.yaml")])
    allowed = tuple(r for r in ((folder,) if folder else ()) + roots)
    if not allowed:
        raise InputError([_at(where, "a base file needs a folder: load the CV from its file, or name the base's folder")])
    for root in allowed:
        candidate = root / name
        if candidate.is_file() and inside(candidate, allowed):
            return candidate
        if candidate.exists() and not inside(candidate, allowed):
            break
    names = ", ".join(str(r) for r in allowed)
    raise InputError([_at(where, f"{name!r} is not a file inside {names}; a base must sit in the CV's folder "
                                 "or in a folder named with --base")])


def _at(where: Problem, message: str) -> Problem:
    return Problem(where.file, where.line, where.col, KEY, message)


def merge(base: Located, base_name: str, own: Located, own_name: str) -> Merged:
    """``own`` over ``base``: mappings merged, other values replaced; positions and files kept."""
    out = Merged({}, Located(problems=list(own.problems)))
    _merge_into(out, (), base.value, base, base_name, own.value, own, own_name)
    out.value.pop(KEY, None)
    return out


def _merge_into(out: Merged, path: tuple[Any, ...], base_value: Any, base: Located, base_name: str,
                own_value: Any, own: Located, own_name: str) -> None:
    target = _container(out.value, path)
    for key in list(base_value) + [k for k in own_value if k not in base_value]:
        if path == () and key == KEY:
            continue
        sub = (*path, key)
        if key in own_value and key in base_value and isinstance(own_value[key], dict) and isinstance(base_value[key], dict):
            target[key] = {}
            _copy_positions(out, sub, own, None, own_name, only_here=True)
            _merge_into(out, sub, base_value[key], base, base_name, own_value[key], own, own_name)
        elif key in own_value:
            target[key] = own_value[key]
            _copy_positions(out, sub, own, None, own_name)
        else:
            target[key] = base_value[key]
            _copy_positions(out, sub, base, base_name, base_name)


def _container(root: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    for part in path:
        root = root[part]
    return root


def _copy_positions(out: Merged, prefix: tuple[Any, ...], src: Located, file: str | None, name: str,
                    only_here: bool = False) -> None:
    """Copy ``src``'s positions at and under ``prefix``; note the file when it is not the person's."""
    n = len(prefix)
    for table, found in ((out.located.positions, src.positions), (out.located.key_positions, src.key_positions)):
        for p, pos in found.items():
            if p[:n] == prefix and (not only_here or len(p) == n):
                table[p] = pos
                if file is not None:
                    out.files[p] = file
                else:
                    out.files.pop(p, None)
