"""Load a CV from a YAML file, YAML text, a dict, or a CV object, with located errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cvgen.chars import YAML_NON_PRINTABLE
from cvgen.containment import roots_of
from cvgen.errors import InputError, Problem
from cvgen.loader.strict_yaml import Located, read
from cvgen.model.cv import CV
from cvgen.model.loaded import Loaded, Origin

EXTENDS = "extends"
"""The key naming a base file whose values the CV's own override (see cvgen.loader.extends)."""

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A CV with thousands of publications is well under a megabyte."""



def decode(raw: bytes, filename: str) -> str:
    """UTF-8 with or without a BOM; anything else is an error naming the line."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(filename, None, None, "", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw[:256]
    if head and head.count(0) * 3 >= len(head):  # UTF-16/32 without a BOM decodes "validly" with NULs
        raise InputError([Problem(filename, 1, 1, "", _UTF8_HINT.format(line=1, hint=" (the file looks like UTF-16)"))])
    try:
        return raw.decode("utf-8")  # characters YAML forbids are refused by check_text, with their line
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ""
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = " (the file looks like UTF-16)"
        raise InputError([Problem(filename, line, col, "", _UTF8_HINT.format(line=line, hint=hint))]) from None


_UTF8_HINT = "not valid UTF-8 at line {line}{hint}; save the file as UTF-8"


def check_text(text: str, filename: str) -> None:
    """Refuse text too large to be a CV, or holding characters YAML forbids, before parsing it."""
    if len(text) > MAX_FILE_BYTES:
        raise InputError(
            [Problem(filename, None, None, "", f"text is {len(text):,} characters long; the limit is {MAX_FILE_BYTES:,}")]
        )
    bad = YAML_NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(
            [Problem(filename, line, col, "", f"control character U+{ord(bad.group()):04X} is not allowed in a YAML file")]
        )


def parse_yaml(text: str, filename: str) -> Located:
    """Strict YAML to plain values, raising InputError when no mapping could be read.

    Problems that leave a usable mapping (a duplicate key, a list used as a key) stay in
    ``located.problems`` so that :func:`load_text` reports them together with the model's.
    """
    check_text(text, filename)
    located = read(text)
    if located.problems and not isinstance(located.value, dict):
        raise InputError(_yaml_problems(located, filename))
    if located.value is None:
        raise InputError([Problem(filename, 1, 1, "", "expected one mapping (person:, publications:, …), got an empty file")])
    if not isinstance(located.value, dict):
        kind = "a list" if isinstance(located.value, list) else "a single value"
        raise InputError([Problem(filename, 1, 1, "", f"expected one mapping at the top of the file, got {kind}")])
    return located


def validate(
    data: dict[str, Any], filename: str = "<data>", located: Located | None = None,
    files: dict[tuple[Any, ...], str] | None = None,
) -> CV:
    """Validate plain data into a :class:`CV`, turning errors into located problems.

    The size caps (:mod:`cvgen.loader.limits`) are checked first, so an oversized CV is refused
    before the model spends time and memory on it. ``files`` names the file of each path written
    somewhere else than ``filename`` (a base file).
    """
    from cvgen.loader.limits import check_limits

    too_big = check_limits(data, filename, located)
    if too_big:
        raise InputError(too_big)
    try:
        return CV.model_validate(data)
    except ValidationError as exc:
        from cvgen.loader.errors import problems_from_validation  # only a bad CV needs it

        raise InputError(problems_from_validation(exc, data, located, filename, CV, files)) from None
    except RecursionError:
        raise InputError([Problem(filename, None, None, "", "too deeply nested")]) from None


Allow = tuple[str | Path, ...]
"""Folders the user allows beyond the CV's own (``--allow DIR``, ``--base DIR``, a data file's
folder, ``allow=[...]``): photos, .bib files, citation styles and ``extends`` bases may come from them."""


def load_text(text: str, filename: str = "<string>", base_dir: Path | None = None, allow: Allow = ()) -> CV:
    """Load a CV from YAML text."""
    return _loaded_from_text(text, filename, base_dir, allow).cv


def _loaded_from_text(text: str, filename: str, base_dir: Path | None, allow: Allow = ()) -> Loaded:
    """YAML text → a validated CV with its origin (no resources read yet)."""
    return loaded_from_located(parse_yaml(text, filename), filename, base_dir, allow)


def loaded_from_located(
    located: Located, filename: str, base_dir: Path | None, allow: Allow = (),
    files: dict[tuple[Any, ...], str] | None = None,
) -> Loaded:
    """Values read with their positions → a validated CV with its origin (no resources read yet).

    ``files`` names the file of values written elsewhere than ``filename`` (a data file's map, a
    person's publication file); the ``extends`` base adds its own.
    """
    files = dict(files or {})
    if EXTENDS in located.value:
        located, from_base = _with_base(located, files.get((EXTENDS,), filename), base_dir, roots_of(*allow))
        files = {**files, **from_base}
    found = _yaml_problems(located, filename)
    before = _count(located.value.get("publications"))
    roots = roots_of(base_dir, *allow) if base_dir is not None else ()
    try:
        data = _expand_sources(located.value, located, filename, base_dir, allow)
        cv = validate(data, filename, located, files)
    except InputError as exc:  # every problem of the file at once, in file order
        found += exc.problems
    if found:
        raise InputError(sorted(found, key=lambda p: (p.line or 0, p.col or 0)))
    origin = Origin(base_dir, filename, dict(located.positions), roots)
    return Loaded(cv, origin, bibtex_keys=tuple(p.key for p in cv.publications[before:]) if "publications_from" in data else ())


def _with_base(
    own: Located, filename: str, base_dir: Path | None, roots: tuple[Path, ...]
) -> tuple[Located, dict[tuple[Any, ...], str]]:
    """The CV's values over its ``extends`` base's, and the file of each value from the base."""
    from cvgen.loader.extends import find_base, merge

    line, col = own.positions.get((EXTENDS,), (None, None))
    where = Problem(filename, line, col, EXTENDS, "")
    path = find_base(own.value[EXTENDS], base_dir, roots, where)
    text, base_name, _ = _read_file(path)
    base = parse_yaml(text, base_name)
    problems = _yaml_problems(base, base_name)
    if EXTENDS in base.value:
        bl, bc = base.positions.get((EXTENDS,), (None, None))
        problems.append(Problem(base_name, bl, bc, EXTENDS, "a base file cannot extend another; merge them into one base"))
    if problems:
        raise InputError(problems)
    merged = merge(base, base_name, own, filename)
    merged.located.value = merged.value
    return merged.located, merged.files


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _expand_sources(
    data: dict[str, Any], located: Located | None, filename: str, base_dir: Path | None, allow: Allow = ()
) -> dict[str, Any]:
    """Merge ``publications_from`` (a .bib inside an allowed folder) into the data before validation."""
    if "publications_from" not in data:
        return data
    from cvgen.loader.sources import expand_publications_from

    folder = base_dir or Path.cwd()
    return expand_publications_from(data, located, filename, folder, roots_of(folder, *allow))


def _yaml_problems(located: Located, filename: str) -> list[Problem]:
    return [Problem(filename, ln, col, path, msg) for ln, col, path, msg in located.problems]


def _read_file(path: str | Path) -> tuple[str, str, Path]:
    """(text, name, folder) of a CV file, refusing what is not a regular file under the size cap."""
    path = Path(path)
    name = str(path)
    try:
        if not path.is_file():
            what = "is a directory" if path.is_dir() else ("is not a regular file" if path.exists() else "does not exist")
            raise InputError([Problem(name, None, None, "", f"cannot read the CV: the path {what}")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError([Problem(name, None, None, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, None, None, "", f"cannot read the CV: {exc.strerror or exc}")]) from None
    return decode(raw, name), name, path.resolve().parent


def load_file(path: str | Path, allow: Allow = ()) -> CV:
    """Load a CV from a YAML file; ``allow`` are further folders its files (an ``extends`` base) may sit in."""
    return _loaded_from_text(*_read_file(path), allow).cv


Source = str | Path | dict[str, Any] | CV | Loaded


def _is_file_name(source: str) -> bool:
    """A ``str`` names a file when it has no line break and ends in .yaml/.yml or names an existing file."""
    return "\n" not in source and (source.endswith((".yaml", ".yml")) or Path(source).is_file())


def _load_model(source: Source, allow: Allow = ()) -> Loaded:
    """Any accepted source → a validated CV with its origin; resources are not read here."""
    if isinstance(source, Loaded):
        return source
    if isinstance(source, CV):
        return Loaded(source)
    if isinstance(source, Path) or isinstance(source, str) and _is_file_name(source):
        return _loaded_from_text(*_read_file(source), allow)
    if isinstance(source, dict) and EXTENDS in source:
        return loaded_from_located(Located(source), "<data>", None, allow)
    if isinstance(source, dict):
        return Loaded(validate(_expand_sources(source, None, "<data>", None, allow)))
    if isinstance(source, str):
        return _loaded_from_text(source, "<string>", None)
    raise TypeError(f"cvgen.load() takes a path, YAML text, a dict or a CV, not {type(source).__name__}")


def load(source: str | Path | dict[str, Any] | CV, *, allow: Allow = ()) -> CV:
    """Load a CV from a path, YAML text, a dict, or return a CV unchanged.

    A ``str`` is read as a file name when it has no line break and names a ``.yaml``/``.yml`` file
    or an existing file; otherwise it is YAML text. Files beside the CV (the photo) are not read:
    use :func:`load_cv` to get them too. ``allow`` names folders besides the CV's own that files
    the CV names (a ``publications_from`` .bib) may be read from.
    """
    return _load_model(source, allow).cv


def load_cv(source: Source, style: str | None = None, *, allow: Allow = ()) -> Loaded:
    """Load a CV and everything it refers to beside it: the photo and the citation style are read now.

    ``style`` (``--style``) overrides ``settings.publications.style``. A bad photo or style file is
    an :class:`InputError` located where it is named (``person.photo`` in the CV's file, or the
    command line), like any other problem of the file. Files the CV names (photo, .bib, style,
    ``extends`` base) must be inside its folder or one of ``allow``.
    """
    loaded = _with_style(_load_model(source, allow), style)
    relative = loaded.cv.person.photo
    if relative is None or loaded.photo is not None:
        return loaded
    from cvgen.loader.photo import load_photo  # only a CV with a photo needs it (threading, logging)

    origin = loaded.origin
    where = origin.position("person", "photo")
    photo = load_photo(origin.base_dir, relative, origin.filename, *where, roots=origin.roots or None)
    return replace(loaded, photo=photo)


def _with_style(loaded: Loaded, style: str | None) -> Loaded:
    """The CSL style named by ``style`` or the CV's setting, read beside the CV (see cvgen.citations)."""
    from cvgen.citations.catalogue import read_style

    origin = loaded.origin
    if style is not None:
        where = ("<command line>", None, None, "--style")
    else:
        style = loaded.cv.settings.publications.style
        where = (origin.filename, *origin.position("settings", "publications", "style"), "settings.publications.style")
        _check_style_inside(style, origin, where)
    if loaded.citation_style is not None and loaded.citation_style.name == style:
        return loaded
    return replace(loaded, citation_style=read_style(style, origin.base_dir, where))


def _check_style_inside(spec: str, origin: Origin, where: tuple[str, int | None, int | None, str]) -> None:
    """A .csl file the CV names obeys the containment rule: the file read_style would read is checked."""
    from cvgen.containment import Outside, contain

    if not spec.lower().endswith(".csl"):
        return
    path = Path(spec).expanduser()
    folder = origin.base_dir or Path.cwd()
    target = next((c for c in ([path] if path.is_absolute() else [folder / path, path]) if c.is_file()), None)
    if target is None:
        return  # read_style says it is missing, with the places it looked
    try:
        contain(target, folder, origin.roots or roots_of(folder), "the citation style")
    except Outside as exc:
        raise InputError([Problem(where[0], where[1], where[2], where[3], str(exc))]) from None
