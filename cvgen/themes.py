"""Themes: a folder per theme holding each format's layout.

A theme folder contains, for the formats it supports:

* ``cv.html.j2`` and ``style.css`` — the HTML page, also laid out by WeasyPrint for PDF;
* ``cv.tex.j2`` — the LaTeX source;
* ``reference.docx`` — the Word styles the DOCX writer uses.

* ``theme.toml`` — the manifest (optional): the theme's defaults, read once per theme::

      description = "Sans-serif, compact, one accent colour."
      accent = "#1f5f8b"     # used when the CV sets no settings.accent_colour
      formats = ["html", "pdf", "pdf-typst", "docx", "latex", "markdown", "text"]

      own_pages = ["docx"]   # formats whose fallback breaks pages its own way (no page parity)

      [fallbacks]            # where a format cannot do the theme's layout, what it does instead
      docx = "one column: the sidebar's contacts and skills come first, under the name"

  A folder without a manifest (or a manifest without a key) gets the defaults of :class:`Manifest`:
  the accent :data:`DEFAULT_ACCENT` and no declared format list (each format then needs its file).

Built-in themes live in ``templates/`` at the top of the repository and ship in the wheel as
``cvgen/templates``. ``--theme`` takes a built-in name or the path of a user's own folder; user
themes run in Jinja's sandbox with undefined variables as errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.containment import Outside, contain, contained_loader
from cvgen.errors import UsageError

_PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
_REPO_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def builtin_dir() -> Path:
    """Where the built-in themes are: inside the installed package, or the repository's templates/."""
    return _PACKAGE_TEMPLATES if _PACKAGE_TEMPLATES.is_dir() else _REPO_TEMPLATES


def builtin_themes() -> list[str]:
    root = builtin_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))) if root.is_dir() else []


MANIFEST = "theme.toml"
DEFAULT_ACCENT = "#1f5f8b"
"""The accent colour of a theme whose manifest names none (a calm, print-safe blue)."""
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Manifest:
    """A theme's ``theme.toml``: its defaults, as declared (None: not declared)."""

    description: str = ""
    accent: str | None = None
    """#rrggbb; backends use it when the CV sets no ``settings.accent_colour``."""
    formats: tuple[str, ...] | None = None
    """The formats the theme has layouts for; None when the manifest does not say."""
    docx_header: str = "columns"
    """How the Word header lays out like the theme's PDF: "columns" (affiliations left, contacts
    right) or "inline" (each affiliation on one line joined by " · ", the contacts in one run)."""
    fallbacks: tuple[tuple[str, str], ...] = ()
    """(format, what it does instead) for each format that cannot do the theme's layout (a DOCX
    sidebar): shown by ``cvgen formats --theme`` and ``cvgen theme list``."""
    own_pages: tuple[str, ...] = ()
    """Formats (each with a fallback) whose layout breaks pages differently from the PDFs on purpose:
    they are not held to page parity. A fallback not listed here keeps the PDFs' page breaks."""


def read_manifest(folder: Path) -> Manifest:
    """The manifest of a theme folder, or the defaults when it has none; a bad one is a UsageError."""
    try:
        path = contain(MANIFEST, folder, (folder.resolve(),), f"theme {folder.name!r}: file")
    except Outside as exc:
        raise UsageError(str(exc)) from None
    if not path.is_file():
        return Manifest()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the theme manifest: {exc}") from None
    known = ("description", "accent", "formats", "docx_header", "fallbacks", "own_pages")
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise UsageError(f"{path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(known)}")
    accent, formats = data.get("accent"), data.get("formats")
    docx_header = data.get("docx_header", "columns")
    if docx_header not in ("columns", "inline"):
        raise UsageError(f"{path}: docx_header must be \"columns\" or \"inline\", not {docx_header!r}")
    if accent is not None and not (isinstance(accent, str) and _HEX_COLOUR.fullmatch(accent)):
        raise UsageError(f"{path}: accent must be a colour written #rrggbb, not {accent!r}")
    if formats is not None and not (isinstance(formats, list) and all(isinstance(f, str) for f in formats)):
        raise UsageError(f"{path}: formats must be a list of format names")
    fallbacks = data.get("fallbacks", {})
    if not (isinstance(fallbacks, dict) and all(isinstance(v, str) and v.strip() for v in fallbacks.values())):
        raise UsageError(f"{path}: [fallbacks] must map a format name to a sentence, e.g. docx = \"one column\"")
    own_pages = data.get("own_pages", [])
    if not (isinstance(own_pages, list) and all(isinstance(f, str) and f in fallbacks for f in own_pages)):
        raise UsageError(f"{path}: own_pages must list formats that have a sentence in [fallbacks], e.g. [\"docx\"]")
    return Manifest(
        str(data.get("description", "")), accent.lower() if accent else None, tuple(formats) if formats else None,
        docx_header, tuple(sorted(fallbacks.items())), tuple(own_pages),
    )


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    user: bool = False
    """A user's own folder: templates are sandboxed."""
    manifest: Manifest = field(default_factory=Manifest, compare=False)
    _envs: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def accent(self) -> str:
        """The theme's accent colour (#rrggbb): its manifest's, else :data:`DEFAULT_ACCENT`."""
        return self.manifest.accent or DEFAULT_ACCENT

    def supports(self) -> str:
        """"html, pdf, …" as the manifest declares them, or "" when it declares none."""
        return ", ".join(self.manifest.formats or ())

    def has(self, filename: str) -> bool:
        return (self.path / filename).is_file()

    def file(self, filename: str, fmt: str = "") -> Path:
        """The theme's ``filename`` (resolved, inside the theme folder), or a UsageError saying why not.

        A theme file that is a symlink leading out of the folder (``style.css -> /etc/passwd``) is
        refused here, so no backend can copy it into an output.
        """
        try:
            p = contain(filename, self.path, (self.path,), f"theme {self.name!r}: file")
        except Outside as exc:
            raise UsageError(str(exc)) from None
        if not p.is_file():
            what = f" needed for {fmt} output" if fmt else ""
            formats = f"; it supports: {self.supports()}" if self.supports() else ""
            raise UsageError(f"theme {self.name!r} has no {filename}{what} ({self.path}){formats}")
        return p

    def environment(self, key: str, **options: Any) -> Any:
        """A Jinja environment loading from this theme (sandboxed for user themes), cached per key."""
        env = self._envs.get(key)
        if env is None:
            import jinja2

            from cvgen.template_cache import bytecode_cache

            cls = _strict_sandbox() if self.user else jinja2.Environment
            env = cls(
                loader=contained_loader(self.path),
                undefined=jinja2.StrictUndefined,
                auto_reload=False,
                # Built-in templates only: their compiled code is kept between runs (cvgen.template_cache).
                bytecode_cache=None if self.user else bytecode_cache(key, options),
                **options,
            )
            self._envs[key] = env
        return env


def _strict_sandbox() -> type:
    """Jinja's immutable sandbox, with an unsafe attribute an immediate SecurityError.

    Jinja's own sandbox returns an undefined value for ``x.__class__`` or ``x|attr('__class__')`` and
    raises only if it is printed; chained (``|attr('__class__')|attr('__mro__')``) the security
    reason was lost in a plain "no attribute" error. Raising at once names the real problem.
    """
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class StrictSandbox(ImmutableSandboxedEnvironment):
        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    return StrictSandbox


_cache: dict[str, Theme] = {}


def resolve_theme(name_or_dir: str | Path | None) -> Theme:
    """A built-in theme by name, or a user theme folder by path."""
    key = str(name_or_dir or "classic")
    if key in _cache:
        return _cache[key]
    candidate = Path(key)
    if isinstance(name_or_dir, Path) or "/" in key or "\\" in key or (candidate.is_dir() and key not in builtin_themes()):
        if not candidate.is_dir():
            raise UsageError(f"theme folder {key!r} does not exist")
        theme = Theme(candidate.name, candidate.resolve(), user=True, manifest=read_manifest(candidate))
    else:
        path = builtin_dir() / key
        if not path.is_dir():
            raise UsageError(f"unknown theme {key!r}; built-in themes: {', '.join(builtin_themes())}, or give a folder path")
        theme = Theme(key, path, manifest=read_manifest(path))
    _cache[key] = theme
    return theme
