"""The Python API: load, prepare and render CVs from scripts.

    import cvgen
    cv = cvgen.load("cv.yaml")                  # or a dict, YAML text, or cvgen.CV(...)
    pdf = cvgen.render(cv, "pdf")               # bytes
    cvgen.render_to_file(cv, "out/cv.docx")     # format from the suffix

Both go through the one pipeline in :mod:`cvgen.pipeline`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvgen.errors import UsageError
from cvgen.pipeline import Job, Rendered, backend_for, render_document, run, write_result

if TYPE_CHECKING:
    from cvgen.backends.base import RenderOptions
    from cvgen.loader import Loaded
    from cvgen.model.cv import CV
    from cvgen.themes import Theme
    from cvgen.view import ViewOptions

__all__ = ["Rendered", "backend_for", "render", "render_document", "render_to_file", "write_result"]


def _view(view: ViewOptions | None, profile: str | None) -> ViewOptions:
    from cvgen.view import ViewOptions

    return view or ViewOptions(profile=profile)


def render(
    cv: CV | Loaded | dict[str, Any] | str | Path,
    format: str = "pdf",
    *,
    theme: str | Path | Theme | None = None,
    profile: str | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
    allow: tuple[str | Path, ...] = (),
) -> bytes:
    """Render a CV to one format and return the bytes (text formats are UTF-8).

    Files the CV names (photo, .bib, ``settings.theme``) must be inside its folder, the theme
    folder given here, or one of the folders in ``allow`` (see :mod:`cvgen.containment`).
    """
    job = Job(cv, ((format, None),), theme, _view(view, profile), options, tuple(allow))
    return run(job).rendered[0].data


def render_to_file(
    cv: CV | Loaded | dict[str, Any] | str | Path,
    path: str | Path,
    format: str | None = None,
    *,
    theme: str | Path | Theme | None = None,
    profile: str | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
    allow: tuple[str | Path, ...] = (),
) -> list[Path]:
    """Render a CV and write it atomically; the format defaults to the path's suffix.

    Returns the files written (a compiled LaTeX render also writes the PDF next to the .tex).
    """
    path = Path(path)
    fmt = format or _format_for_suffix(path.suffix)
    return run(Job(cv, ((fmt, path),), theme, _view(view, profile), options, tuple(allow))).written


def _format_for_suffix(suffix: str) -> str:
    from cvgen.backends import registry

    for name in registry.names():
        backend = registry.get(name)
        if backend.suffix == suffix.lower():
            return name
    raise UsageError(f"cannot tell the format from the suffix {suffix!r}; pass format=")
