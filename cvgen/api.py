"""The Python API: load, prepare and render CVs from scripts.

    import cvgen
    cv = cvgen.load("cv.yaml")                  # or a dict, YAML text, or cvgen.CV(...)
    pdf = cvgen.render(cv, "pdf")               # bytes
    cvgen.render_to_file(cv, "out/cv.docx")     # format from the suffix
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cvgen.backends import registry
from cvgen.backends.base import Backend, RenderOptions
from cvgen.errors import CVError, RenderError, UsageError
from cvgen.isolation import run_limited
from cvgen.loader import load_cv
from cvgen.model.cv import CV
from cvgen.output import write_atomic
from cvgen.themes import Theme, resolve_theme
from cvgen.view import ViewOptions, prepare
from cvgen.view.document import Document


@dataclass(frozen=True)
class Rendered:
    """The output of one render: the main file's bytes plus any companions (a compiled PDF)."""

    data: bytes
    suffix: str
    extras: dict[str, bytes]


def backend_for(fmt: str, options: RenderOptions | None = None) -> Backend:
    """The backend for ``fmt``, checked to be usable here for ``options`` (engine installed)."""
    backend = registry.get(fmt)
    problem = backend.check(options)
    if problem:
        raise RenderError(f"{backend.name} output is not available here: {problem}")
    return backend


def _theme(cv: CV, theme: str | Path | Theme | None) -> Theme:
    if isinstance(theme, Theme):
        return theme
    return resolve_theme(theme if theme is not None else cv.settings.theme)


def _render_now(doc: Document, theme: Theme, opts: RenderOptions, backend: Backend) -> Rendered:
    try:
        out = backend.render(doc, theme, opts)
        data = out.encode("utf-8") if isinstance(out, str) else out
        extras_fn = getattr(backend, "extra_outputs", None)
        extras = extras_fn(doc, theme, opts, data) if extras_fn else {}
    except CVError:
        raise
    except MemoryError:
        raise RenderError(f"{backend.name} rendering used more memory than allowed (a runaway template?)") from None
    except Exception as exc:
        template_error = describe_template_error(exc, theme)
        if template_error:
            raise RenderError(template_error) from None
        raise RenderError(f"{backend.name} rendering failed: {type(exc).__name__}: {exc}") from exc
    return Rendered(data, backend.suffix, dict(extras))


def render_document(
    doc: Document, fmt: str, theme: Theme, options: RenderOptions | None = None, backend: Backend | None = None
) -> Rendered:
    """Render an already prepared document (the batch path reuses one preparation per CV).

    A user theme renders in a child process with time and memory limits (see cvgen.isolation).
    """
    backend = backend or backend_for(fmt, options)
    opts = options or RenderOptions()
    if theme.user:
        return run_limited(_render_now, doc, theme, opts, backend, what=f"{backend.name} render with theme {theme.name!r}")
    return _render_now(doc, theme, opts, backend)


def describe_template_error(exc: BaseException, theme: Theme) -> str | None:
    """"theme 'x': cv.html.j2:12: access to attribute '__class__' is unsafe" for template failures."""
    import traceback

    try:
        import jinja2
        from jinja2.exceptions import SecurityError
    except ImportError:  # pragma: no cover - jinja2 is a dependency
        return None
    if not isinstance(exc, (jinja2.TemplateError, SecurityError)):
        return None
    where = ""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        where = f"{exc.name or exc.filename or '?'}:{exc.lineno}: "
    else:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename and frame.filename.endswith((".j2", ".html", ".tex", ".jinja")):
                where = f"{os.path.basename(frame.filename)}:{frame.lineno}: "
                break
    kind = "security error" if isinstance(exc, SecurityError) else "template error"
    return f"theme {theme.name!r}: {where}{kind}: {exc.message if hasattr(exc, 'message') and exc.message else exc}"


def render(
    cv: CV | dict[str, Any] | str | Path,
    format: str = "pdf",
    *,
    theme: str | Path | Theme | None = None,
    profile: str | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
) -> bytes:
    """Render a CV to one format and return the bytes (text formats are UTF-8)."""
    loaded = load_cv(cv)
    view = view or ViewOptions(profile=profile)
    doc = prepare(loaded, view)
    return render_document(doc, format, _theme(loaded.cv, theme), options).data


def render_to_file(
    cv: CV | dict[str, Any] | str | Path,
    path: str | Path,
    format: str | None = None,
    *,
    theme: str | Path | Theme | None = None,
    profile: str | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
) -> list[Path]:
    """Render a CV and write it atomically; the format defaults to the path's suffix.

    Returns the files written (a compiled LaTeX render also writes the PDF next to the .tex).
    """
    path = Path(path)
    fmt = format or _format_for_suffix(path.suffix)
    loaded = load_cv(cv)
    doc = prepare(loaded, view or ViewOptions(profile=profile))
    result = render_document(doc, fmt, _theme(loaded.cv, theme), options)
    return write_result(result, path)


def write_result(result: Rendered, path: Path) -> list[Path]:
    written = [write_atomic(path, result.data)]
    for suffix, data in result.extras.items():
        written.append(write_atomic(path.with_suffix(suffix), data))
    return written


def _format_for_suffix(suffix: str) -> str:
    for name in registry.names():
        backend = registry.get(name)
        if backend.suffix == suffix.lower():
            return name
    raise UsageError(f"cannot tell the format from the suffix {suffix!r}; pass format=")
