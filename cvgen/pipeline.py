"""The one render pipeline: load → prepare → choose theme → render → write.

Every front end goes through :func:`run`: ``cvgen.render``/``render_to_file`` (the API), the batch
runner, ``cvgen render`` (through the batch runner) and ``cvgen watch``. The data shapes on the way:

    source (path, YAML text, dict or CV) --loader.load_cv--> Loaded (CV + origin) --view.prepare--> Document
    Document + Theme --Backend.render--> Rendered (bytes + companions) --write_result--> files

A :class:`Job` says what to render: one CV and its targets, each a format and where it goes (or
nowhere: the caller keeps the bytes). The CV is prepared once for all its targets.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvgen.errors import CVError, RenderError, UsageError

if TYPE_CHECKING:
    from cvgen.backends.base import Backend, RenderOptions
    from cvgen.model.cv import CV
    from cvgen.model.loaded import Loaded
    from cvgen.themes import Theme
    from cvgen.view import ViewOptions
    from cvgen.view.document import Document


@dataclass(frozen=True)
class Rendered:
    """The output of one render: the main file's bytes plus any companions (a compiled PDF)."""

    data: bytes
    suffix: str
    extras: dict[str, bytes]
    companion_family: str | None = None
    """The backend's :attr:`~cvgen.backends.base.Backend.companion_family`: which files beside the
    output are this render's numbered companions, so earlier renders' extra ones can be removed."""


@dataclass(frozen=True)
class Job:
    """One CV to render: its source, its targets and the choices that apply to all of them."""

    source: CV | dict[str, Any] | str | Path
    targets: tuple[tuple[str, Path | None], ...]
    """(format name or alias, output path) pairs; a None path keeps the bytes in the result only."""
    theme: str | Path | Theme | None = None
    """A built-in theme name, a theme folder, a Theme, or None for the CV's ``settings.theme``."""
    view: ViewOptions | None = None
    options: RenderOptions | None = None
    allow: tuple[str | Path, ...] = ()
    """Folders besides the CV's own that files the CV names may come from (``--allow DIR``,
    ``--base DIR``, a data file's folder): photos, .bib files, styles, ``extends`` bases."""


@dataclass
class Done:
    """What a job produced: the prepared document, each target's render (in target order), the files written."""

    doc: Document
    rendered: list[Rendered] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def backend_for(fmt: str, options: RenderOptions | None = None) -> Backend:
    """The backend for ``fmt``, checked to be usable here for ``options`` (engine installed)."""
    from cvgen.backends import registry

    backend = registry.get(fmt)
    problem = backend.check(options)
    if problem:
        raise RenderError(f"{backend.name} output is not available here: {problem}")
    return backend


PDF_ENGINES = {"weasyprint": "pdf", "typst": "pdf-typst"}
"""The PDF engines and the format that each lays out ``pdf`` with."""


def pdf_format(fmt: str, options: RenderOptions | None, cv: CV) -> str:
    """``pdf`` becomes the format of the chosen PDF engine (``--pdf-engine``, else ``settings.pdf_engine``)."""
    if fmt.lower() != "pdf":
        return fmt
    engine = (options.pdf_engine if options is not None else None) or cv.settings.pdf_engine
    if engine not in PDF_ENGINES:
        raise UsageError(f"unknown PDF engine {engine!r}; choose one of {', '.join(PDF_ENGINES)}")
    return PDF_ENGINES[engine]


def choose_theme(loaded: Loaded, theme: str | Path | Theme | None, allow: tuple[str | Path, ...] = ()) -> Theme:
    """The theme asked for, or the CV's own ``settings.theme`` when none (or an empty name) is given.

    A theme the caller names (``--theme``, ``theme=``) is theirs to choose. One the CV names is a
    path written in a file: a built-in name, or a folder resolved from the CV's folder that must stay
    inside the allowed folders (:mod:`cvgen.containment`), so a CV alone cannot pick a theme some
    other user left in /tmp.
    """
    from cvgen.themes import Theme, builtin_themes, resolve_theme

    if isinstance(theme, Theme):
        return theme
    if theme:
        return resolve_theme(theme)
    named = loaded.cv.settings.theme
    if not named or named in builtin_themes():
        return resolve_theme(named or None)
    return resolve_theme(_theme_folder_from_cv(loaded, named, allow))


def _theme_folder_from_cv(loaded: Loaded, named: str, allow: tuple[str | Path, ...]) -> Path:
    """``settings.theme`` as a folder inside the allowed roots, or an InputError located at it."""
    from cvgen.containment import Outside, contain, roots_of
    from cvgen.errors import InputError, Problem
    from cvgen.themes import builtin_themes

    origin = loaded.origin
    folder = origin.base_dir or Path.cwd()
    roots = origin.roots or roots_of(folder, *allow)
    line, col = origin.position("settings", "theme")
    try:
        path = contain(named, folder, roots, "settings.theme")
        if not path.is_dir():
            raise Outside(f"settings.theme {named!r} is neither a built-in theme ({', '.join(builtin_themes())}) "
                          f"nor a folder next to the CV")
    except Outside as exc:
        message = str(exc).replace("pass --allow DIR", "pass --theme DIR, or --allow DIR")
        raise InputError([Problem(origin.filename, line, col, "settings.theme", message)]) from None
    return path


def run(job: Job, backend: Callable[[str], Backend] | None = None, written: list[Path] | None = None) -> Done:
    """Load, prepare, choose the theme, then render and write each target in turn.

    ``backend`` gives the backend for a format name (a batch worker keeps its instances, and their
    engines, between CVs); by default each is looked up and checked for ``job.options``. Files written are appended to ``written`` as they land,
    so a caller still knows them when a later target fails.
    """
    from cvgen.loader import load_cv
    from cvgen.view import prepare

    allow = (*job.allow, *named_theme_folder(job.theme))
    loaded = load_cv(job.source, style=job.view.style if job.view else None, allow=allow)
    theme = choose_theme(loaded, job.theme, allow)
    _refuse_writing_inputs(job, loaded)
    done = Done(prepare(loaded, job.view), written=written if written is not None else [])
    limited = done.doc.page_limit is not None  # written only once the limit is checked (--strict writes nothing)
    for target, path in job.targets:
        fmt = pdf_format(target, job.options, loaded.cv)
        chosen = backend(fmt) if backend is not None else backend_for(fmt, job.options)
        result = render_document(done.doc, chosen.name, theme, job.options, chosen)
        done.rendered.append(result)
        if path is not None and not limited:
            done.written.extend(write_result(result, path))
    if limited:
        done.doc = check_page_limit(done, theme, job.options)
        for (_, path), result in zip(job.targets, done.rendered, strict=True):
            if path is not None:
                done.written.extend(write_result(result, path))
    return done


def check_page_limit(done: Done, theme: Theme, options: RenderOptions | None) -> Document:
    """The document with a warning when its PDF runs past ``page_limit``; with ``options.strict``, an error.

    The PDF measured is the one rendered for a target, or its compiled companion; for other formats
    (DOCX alone) the PDF is rendered for the check only, so every format gets the same verdict.
    """
    from dataclasses import replace

    from cvgen.backends.pages import over_limit
    from cvgen.errors import LimitError

    pdf = next((r.data for r in done.rendered if r.suffix == ".pdf"), None)
    pdf = pdf or next((r.extras[".pdf"] for r in done.rendered if ".pdf" in r.extras), None)
    if pdf is None:
        try:
            pdf = render_document(done.doc, "pdf", theme, options).data
        except RenderError as exc:
            return replace(done.doc, warnings=(*done.doc.warnings, f"the page limit was not checked: {exc}"))
    message = over_limit(done.doc, pdf)
    if message is None:
        return done.doc
    if options is not None and options.strict:
        raise LimitError(message + "; nothing was written (--strict)")
    return replace(done.doc, warnings=(*done.doc.warnings, message))


def named_theme_folder(theme: str | Path | Theme | None) -> tuple[Path, ...]:
    """The theme folder the caller named (an allowed root, as the CV's folder is), if any."""
    from cvgen.themes import Theme

    if isinstance(theme, Theme):
        return (theme.path,) if theme.user else ()
    if theme and Path(theme).is_dir() and ("/" in str(theme) or isinstance(theme, Path)):
        return (Path(theme),)
    return ()


def input_files(loaded: Any) -> list[Path]:
    """The files a loaded CV was read from: the CV, its .bib (publications_from) and its photo."""
    origin, cv = loaded.origin, loaded.cv
    if origin.base_dir is None:
        return []
    found = [Path(origin.filename)] if Path(origin.filename).is_file() else []
    named = [cv.publications_from.bibtex if cv.publications_from else None, cv.person.photo]
    return found + [origin.base_dir / name for name in named if name]


def _refuse_writing_inputs(job: Job, loaded: Any) -> None:
    from cvgen.output import refuse_inputs

    inputs = input_files(loaded)
    for _fmt, path in job.targets:
        if path is not None:
            refuse_inputs(path, inputs)


def render_document(
    doc: Document, fmt: str, theme: Theme, options: RenderOptions | None = None, backend: Backend | None = None
) -> Rendered:
    """Render an already prepared document.

    A user theme renders in a child process with time and memory limits; a built-in theme renders
    under the same limits in place, in cvgen's own processes (see cvgen.isolation).
    """
    from cvgen.backends.base import RenderOptions

    backend = backend or backend_for(fmt, options)
    opts = options or RenderOptions()
    if theme.user:
        from cvgen.isolation import run_limited

        return run_limited(_render_now, doc, theme, opts, backend, what=f"{backend.name} render with theme {theme.name!r}")
    return _render_now(doc, theme, opts, backend, limited=True)


def write_result(result: Rendered, path: Path) -> list[Path]:
    """Write the main file and its companions atomically: a ".pdf" key replaces the suffix (cv.pdf
    beside cv.tex), a "-2.png" key extends the stem (cv-2.png beside cv.png)."""
    from cvgen.output import write_atomic

    written = [write_atomic(path, result.data)]
    for key, data in result.extras.items():
        companion = path.with_name(path.stem + key) if key.startswith("-") else path.with_suffix(key)
        written.append(write_atomic(companion, data))
    if result.companion_family is not None:
        from cvgen.output import remove_stale_companions

        remove_stale_companions(path, result.companion_family, written)
    return written


def _render_now(doc: Document, theme: Theme, opts: RenderOptions, backend: Backend, limited: bool = False) -> Rendered:
    """Render and make the companions; ``limited``: the layout runs under the user-theme limits in
    place (in cvgen's own processes), while a TeX compile keeps its own deadline."""
    import contextlib

    from cvgen.isolation import in_process_limits

    limits = in_process_limits(f"{backend.name} render") if limited else contextlib.nullcontext()
    try:
        with limits:
            out = backend.render(doc, theme, opts)
        data = out.encode("utf-8") if isinstance(out, str) else out
        extras = backend.extra_outputs(doc, theme, opts, data)
    except CVError:
        raise
    except MemoryError:
        raise RenderError(f"{backend.name} rendering used more memory than allowed (a runaway template?)") from None
    except Exception as exc:
        template_error = describe_template_error(exc, theme)
        if template_error:
            raise RenderError(template_error) from None
        raise RenderError(f"{backend.name} rendering failed: {type(exc).__name__}: {exc}") from exc
    return Rendered(data, backend.suffix, dict(extras), backend.companion_family)


def _template_line(exc: BaseException) -> str:
    """``"cv.html.j2:12: "`` for the innermost template frame of ``exc``'s traceback (Jinja maps each
    frame to its template line), or "" when none is a template."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and frame.filename.endswith((".j2", ".html", ".tex", ".jinja")):
            return f"{os.path.basename(frame.filename)}:{frame.lineno}: "
    return ""


def describe_template_error(exc: BaseException, theme: Theme) -> str | None:
    """"theme 'x': cv.html.j2:12: access to attribute '__class__' is unsafe" for template failures."""
    import jinja2
    from jinja2.exceptions import SecurityError

    if isinstance(exc, RecursionError):  # a macro or include that calls itself: name where it recurses
        where = _template_line(exc)
        return f"theme {theme.name!r}: {where}template error: a macro or include calls itself without end " \
               "(recursion too deep)"
    if not isinstance(exc, (jinja2.TemplateError, SecurityError)):
        return None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        where = f"{exc.name or exc.filename or '?'}:{exc.lineno}: "
    else:
        where = _template_line(exc)
    kind = "security error" if isinstance(exc, SecurityError) else "template error"
    return f"theme {theme.name!r}: {where}{kind}: {exc.message if hasattr(exc, 'message') and exc.message else exc}"
