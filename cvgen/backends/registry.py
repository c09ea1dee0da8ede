"""Finding backends: built-in and third-party ones, through the ``cvgen.backends`` entry-point group.

A package adds a format by declaring, in its pyproject.toml::

    [project.entry-points."cvgen.backends"]
    annual-report = "my_package.backend:AnnualReportBackend"

The :class:`Registry` reads the entry points (names only, nothing imported) and imports a backend's
module the first time that format is asked for, so ``cvgen render -f pdf-typst`` never imports the
Word or WeasyPrint code. That is why backend modules may import their engines at the top: the
module itself is the lazy point. A name that is not an entry point's (an alias such as ``word``)
loads the remaining plugins to find its owner. A plugin that fails to import, or claims a taken
name, is set aside and reported by :meth:`Registry.broken`; it never breaks the other formats.

cvgen's own formats (:data:`BUILTIN`, the same table as pyproject.toml's entry points; a test keeps
the two equal) are imported straight from that table: reading the installed packages' entry points
scans every distribution's metadata, which cost more than the Typst compile of a one-page CV. The
scan happens only for another name (an alias, a plugin) or a listing. So a built-in name always
means the built-in backend; a plugin claiming it is set aside as taken, whatever its package's name.

Backends can also be registered at run time with :func:`register`. A name or alias that is taken
is refused unless ``force=True``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from cvgen.backends.base import Backend
from cvgen.errors import EXIT_INPUT, CVError, UsageError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "cvgen.backends"

BUILTIN = {
    "html": "cvgen.backends.html:HtmlBackend",
    "pdf": "cvgen.backends.pdf:PdfBackend",
    "pdf-typst": "cvgen.backends.typst:TypstPdfBackend",
    "docx": "cvgen.backends.docx:DocxBackend",
    "latex": "cvgen.backends.latex:LatexBackend",
    "markdown": "cvgen.backends.markdown:MarkdownBackend",
    "text": "cvgen.backends.text:TextBackend",
    "png": "cvgen.backends.png:PngBackend",
}
"""cvgen's own formats → their classes: ``[project.entry-points."cvgen.backends"]`` of pyproject.toml."""


class DuplicateBackendError(CVError):
    exit_code = EXIT_INPUT


class Registry:
    """Format name or alias → backend class, each plugin imported only when first needed."""

    def __init__(self, group: str = GROUP) -> None:
        self.group = group
        self._classes: dict[str, type[Backend]] = {}
        """Loaded backends by canonical name."""
        self._aliases: dict[str, str] = {}
        """Every loaded name and alias → its canonical name."""
        self._pending: list[EntryPoint] | None = None
        """Entry points not imported yet, in discovery order (None: not read yet)."""
        self._broken: dict[str, str] = {}

    def _entries(self) -> list[EntryPoint]:
        if self._pending is None:
            from importlib.metadata import entry_points  # the scan of every installed package: only here

            self._pending, seen = [], set()
            for ep in sorted(entry_points(group=self.group), key=lambda e: (e.dist.name if e.dist else "", e.name)):
                if ep.value not in seen:  # an editable install can list the same distribution twice
                    seen.add(ep.value)
                    self._pending.append(ep)
        return self._pending

    def _load(self, ep: EntryPoint) -> None:
        self._entries().remove(ep)
        self._import(ep.name, ep.value, ep.load)

    def _load_builtin(self, name: str) -> None:
        """Import one of cvgen's own backends from :data:`BUILTIN`, without the entry-point scan."""
        value = BUILTIN[name]

        def load() -> type[Backend]:
            module, _, attr = value.partition(":")
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]

        self._import(name, value, load)

    def _import(self, name: str, value: str, load: Callable[[], type[Backend]]) -> None:
        try:
            cls = load()
        except Exception as exc:  # a broken plugin must not break the other formats
            self._broken[name] = f"{value}: {type(exc).__name__}: {exc}"
            return
        try:
            self._add(cls, force=False)
        except DuplicateBackendError as exc:
            self._broken[name] = str(exc)

    def load_all(self) -> None:
        """Import every plugin not imported yet (listing formats with their status, resolving an alias)."""
        for ep in list(self._entries()):
            self._load(ep)

    def _add(self, cls: type[Backend], force: bool) -> None:
        names = (cls.name, *cls.aliases)
        if not force:
            for n in names:
                owner = self._aliases.get(n)
                if owner is not None and self._classes[owner] is not cls:
                    taken = self._classes[owner]
                    raise DuplicateBackendError(f"format name {n!r} is already used by {taken.__module__}.{taken.__qualname__}")
        self._drop_aliases(cls.name)
        self._classes[cls.name] = cls
        for n in names:
            self._aliases[n] = cls.name

    def _drop_aliases(self, canonical: str) -> None:
        for alias, target in list(self._aliases.items()):
            if target == canonical:
                del self._aliases[alias]

    def register(self, cls: type[Backend], force: bool = False) -> type[Backend]:
        """Register a backend class under its name and aliases (every plugin is loaded first, to see clashes)."""
        self.load_all()
        self._add(cls, force)
        return cls

    def unregister(self, name: str) -> None:
        """Remove a backend (tests and plugins replacing one)."""
        self.load_all()
        canonical = self._aliases.get(name, name)
        self._classes.pop(canonical, None)
        self._drop_aliases(canonical)

    def names(self) -> list[str]:
        """Canonical names of every format: the loaded ones and the entry points not imported yet."""
        return sorted(set(self._classes) | {ep.name for ep in self._entries()})

    def broken(self) -> dict[str, str]:
        """Plugins that failed to load, and why (loads every plugin to find out)."""
        self.load_all()
        return dict(self._broken)

    def get(self, name: str) -> Backend:
        """An instance of the backend for ``name`` (a format name or alias), importing only what it takes."""
        key = name.lower()
        if key not in self._aliases and self.group == GROUP and key in BUILTIN:
            self._load_builtin(key)
        if key not in self._aliases:
            for ep in [ep for ep in self._entries() if ep.name == key][:1]:
                self._load(ep)
        if key not in self._aliases:
            self.load_all()  # an alias, or a plugin whose class name differs from its entry point's
        canonical = self._aliases.get(key)
        if canonical is None:
            raise UsageError(f"unknown format {name!r}; available formats: {', '.join(self.names())}")
        return self._classes[canonical]()


REGISTRY = Registry()
"""The registry of this process; the functions below are its methods."""

register = REGISTRY.register
unregister = REGISTRY.unregister
names = REGISTRY.names
broken = REGISTRY.broken
get = REGISTRY.get
