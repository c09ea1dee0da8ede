"""Finding backends: built-in and third-party ones, through the ``cvgen.backends`` entry-point group.

A package adds a format by declaring, in its pyproject.toml::

    [project.entry-points."cvgen.backends"]
    annual-report = "my_package.backend:AnnualReportBackend"

Backends can also be registered at run time with :func:`register`. A name or alias that is taken
is refused unless ``force=True``.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from cvgen.backends.base import Backend
from cvgen.errors import CVError, UsageError

GROUP = "cvgen.backends"

_registered: dict[str, type[Backend]] = {}
_aliases: dict[str, str] = {}
_discovered = False


class DuplicateBackendError(CVError):
    exit_code = 2


def register(cls: type[Backend], force: bool = False) -> type[Backend]:
    """Register a backend class under its name and aliases; usable as a decorator."""
    _discover()
    _add(cls, force)
    return cls


def _add(cls: type[Backend], force: bool) -> None:
    names = (cls.name, *cls.aliases)
    if not force:
        for n in names:
            owner = _aliases.get(n)
            if owner is not None and _registered[owner] is not cls:
                raise DuplicateBackendError(
                    f"format name {n!r} is already used by {_registered[owner].__module__}.{_registered[owner].__qualname__}"
                )
    old = _registered.get(cls.name)
    if old is not None:
        for alias, target in list(_aliases.items()):
            if target == cls.name:
                del _aliases[alias]
    _registered[cls.name] = cls
    for n in names:
        _aliases[n] = cls.name


def unregister(name: str) -> None:
    """Remove a backend (tests and plugins replacing one)."""
    _discover()
    canonical = _aliases.get(name, name)
    _registered.pop(canonical, None)
    for alias, target in list(_aliases.items()):
        if target == canonical:
            del _aliases[alias]


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    seen: set[str] = set()
    for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.dist.name if e.dist else "", e.name)):
        if ep.value in seen:
            continue  # an editable install can list the same distribution twice
        seen.add(ep.value)
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must not break the other formats
            _broken[ep.name] = f"{ep.value}: {type(exc).__name__}: {exc}"
            continue
        try:
            _add(cls, force=False)
        except DuplicateBackendError as exc:
            _broken[ep.name] = str(exc)


_broken: dict[str, str] = {}


def names() -> list[str]:
    """Canonical names of every registered format."""
    _discover()
    return sorted(_registered)


def broken() -> dict[str, str]:
    """Plugins that failed to load, and why."""
    _discover()
    return dict(_broken)


def get(name: str) -> Backend:
    """An instance of the backend for ``name`` (a format name or alias)."""
    _discover()
    canonical = _aliases.get(name.lower())
    if canonical is None:
        raise UsageError(f"unknown format {name!r}; available formats: {', '.join(names())}")
    return _registered[canonical]()
