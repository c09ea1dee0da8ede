"""The one containment rule: every file cvgen reads because a CV or a theme named it stays inside an allowed folder.

Allowed folders ("roots") are the CV's folder, the theme's folder and the folders the person running
cvgen names themselves: ``--theme DIR``, ``--allow DIR`` (``allow=[...]`` in the API). A path written in
a file is read relative to the file that names it; it is then resolved *with its symlinks* and must land
inside one of the roots. Anything else is refused with a message naming the option that would allow it.

Every reader goes through :func:`contain`: the photo, a ``publications_from`` .bib, ``settings.theme``,
the theme's own files (``Theme.file``) and every template Jinja loads (:class:`ContainedLoader`). Resolving
first and checking after is what stops a symlink inside the folder from pointing at ``/etc/passwd``;
readers then open the resolved path, so there is no second lookup to race.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ALLOW_HINT = "pass --allow DIR (allow=[DIR] in the API) to let cvgen read that folder"
"""What a refusal tells the user: the one option that widens the roots."""


class Outside(ValueError):
    """A path that leaves every allowed folder (its message names the folders and the option)."""


def roots_of(*folders: str | Path | None) -> tuple[Path, ...]:
    """Folders as resolved, de-duplicated roots (None and empty entries dropped)."""
    out: list[Path] = []
    for folder in folders:
        if folder is None or str(folder) == "":
            continue
        resolved = Path(folder).resolve()
        if resolved not in out:
            out.append(resolved)
    return tuple(out)


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether the already resolved ``path`` is one of ``roots`` or below one."""
    return any(path == root or path.is_relative_to(root) for root in roots)


def contain(name: str | Path, relative_to: Path, roots: Iterable[Path], what: str = "the file") -> Path:
    """``name`` (as written) resolved from ``relative_to``, symlinks followed; refused unless inside ``roots``.

    ``what`` names the thing in the message ("the photo", "the .bib"). The path need not exist (the
    caller says "does not exist" in its own words); a symlink loop or an unreadable folder is refused.
    """
    roots = tuple(roots)
    text = os.fspath(name)
    if "\x00" in text:
        raise Outside(f"{what} {text!r} is not a valid path")
    try:
        resolved = (relative_to / text).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop, a permission problem
        raise Outside(f"{what} {text!r} cannot be resolved ({exc.__class__.__name__})") from None
    if not inside(resolved, roots):
        where = ", ".join(str(r) for r in roots) or "no folder"
        raise Outside(f"{what} {text!r} leads outside the allowed folders ({where}): {ALLOW_HINT}")
    return resolved


def contained_loader(folder: Path, roots: Iterable[Path] = ()) -> object:
    """A Jinja loader reading templates only from inside ``folder`` (or ``roots``), symlinks resolved.

    ``jinja2.FileSystemLoader`` refuses ``../`` in a template name but follows a symlink anywhere,
    so ``{% include "leak" %}`` with ``leak -> /etc/hostname`` printed that file. Jinja is imported
    here, so only a render pays for it.
    """
    import jinja2
    from jinja2.exceptions import SecurityError

    base = folder.resolve()
    allowed = (base, *roots)

    class ContainedLoader(jinja2.BaseLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, object]:
            pieces = jinja2.loaders.split_template_path(template)  # refuses "..": TemplateNotFound
            try:
                path = contain(os.path.join(*pieces), base, allowed, "template")
            except Outside as exc:
                raise SecurityError(str(exc)) from None
            if not path.is_file():
                raise jinja2.TemplateNotFound(template)
            text = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime
            return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    return ContainedLoader()
