"""``cvgen watch``: re-render a CV every time it is saved, with a live HTML preview.

With ``--theme ./folder`` the theme's files are watched too, for theme authors.

The folder holding the CV is watched (not the file itself) so that editors which save by writing a
new file and renaming it over the old one (vim, many IDEs) are seen like an in-place write. A bad
save is reported in the terminal and on the preview page, and the watcher keeps going: the next
good save replaces the error with the new render.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cvgen.cli.common import handles_errors

if TYPE_CHECKING:
    from cvgen.backends.base import Backend, RenderOptions
    from cvgen.cli.watch.preview import PreviewState
    from cvgen.view import ViewOptions

EPILOG = """\b
Examples:
  cvgen watch cv.yaml                        # preview at http://127.0.0.1:8000/
  cvgen watch cv.yaml --format pdf           # also rewrite cv.pdf on every save
  cvgen watch cv.yaml --format pdf,docx -o out/ --port 8123
  cvgen watch cv.yaml --no-serve --format pdf  # no server: just keep cv.pdf current
  cvgen watch cv.yaml --format png           # also keep page images cv.png, cv-2.png… current
Stop with Ctrl+C.
"""

DEFAULT_PORT = 8000


@dataclass
class Renderer:
    """Renders one CV file: HTML for the preview, and the requested formats to disk."""

    source: Path
    formats: list[str]
    backends: dict[str, Backend]
    output: str | None
    theme: str | None
    view: ViewOptions
    options: RenderOptions
    state: PreviewState | None
    say: Callable[[str], None] = click.echo
    allow: tuple[str, ...] = ()
    """Folders besides the CV's own its files may come from (``--allow``)."""

    def run(self) -> bool:
        """One render; True when it worked. Errors are shown, never raised."""
        from cvgen.cli.common import report
        from cvgen.errors import InputError
        from cvgen.pipeline import Job, backend_for, run

        started = time.monotonic()
        preview = (("html", None),) if self.state is not None else ()
        try:
            job = Job(self.source, preview + self.targets(), self.theme, self.view, self.options, self.allow)
            done = run(job, lambda fmt: self.backends.get(fmt) or backend_for(fmt))
        except Exception as exc:  # noqa: BLE001 - a bad save must never stop the watcher
            report(exc)  # to stderr, exactly as `cvgen render` shows it
            if self.state is not None:
                text = "\n".join(str(p) for p in exc.problems) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
                self.state.fail(text)
            self.say(time.strftime("%H:%M:%S") + f" {self.source.name}: not rendered (see the errors above); still watching")
            return False
        if self.state is not None:
            self.state.publish(done.rendered[0].data)
        files = ", ".join(str(p) for p in done.written) or "preview"
        self.say(time.strftime("%H:%M:%S") + f" rendered {files} in {time.monotonic() - started:.1f}s")
        return True

    def targets(self) -> tuple[tuple[str, Path | None], ...]:
        """Where each requested format goes (``-o`` as for ``cvgen render``)."""
        from cvgen.cli.render import output_path

        many = len(self.formats) > 1
        return tuple((name, output_path(self.source, self.backends[name].suffix, self.output, many)) for name in self.formats)


def theme_folder(theme: str | None) -> Path | None:
    """The folder of a user theme given with --theme, watched too so theme authors see their edits."""
    from cvgen.themes import builtin_themes

    if not theme or theme in builtin_themes():
        return None
    folder = Path(theme)
    return folder.resolve() if folder.is_dir() else None


def changes_of(source: Path, theme_dir: Path | None = None) -> Callable[[object, str], bool]:
    """A watchfiles filter keeping events on the CV file itself (created, changed or renamed onto)
    and on files of the user theme; editors' swap and backup files are ignored."""
    target = source.resolve()

    def keep(_change: object, path: str) -> bool:
        p = Path(path)
        if p == target or p.resolve() == target:
            return True
        return theme_dir is not None and p.parent == theme_dir and not p.name.startswith(".") and not p.name.endswith("~")

    return keep


def watch_loop(renderer: Renderer, last: tuple[tuple[str, int, int, int], ...], stop: object | None = None) -> None:
    """Render on every change until interrupted; ``last`` is the files' signature at the last render."""
    import watchfiles

    folders = {renderer.source.resolve().parent}
    theme_dir = theme_folder(renderer.theme)
    if theme_dir is not None:
        folders.add(theme_dir)
    for changes in watchfiles.watch(
        *sorted(folders), watch_filter=changes_of(renderer.source, theme_dir), debounce=400, step=50,
        recursive=False, stop_event=stop, raise_interrupt=False,  # type: ignore[arg-type]
        rust_timeout=1000, yield_on_timeout=True,
    ):
        now = signature(renderer.source, theme_dir)
        if not changes and now == last:
            continue  # the once-a-second check: nothing happened
        if not renderer.source.exists():
            time.sleep(0.2)  # an editor between deleting the old file and writing the new one
            now = signature(renderer.source, theme_dir)
        last = now
        renderer.run()


def signature(source: Path, theme_dir: Path | None = None) -> tuple[tuple[str, int, int, int], ...]:
    """(name, mtime, size, inode) of the CV and the theme's files, compared once a second as well:
    file events can be missed (a save before the watcher is set up; polling watchers on network
    drives see one change per second at most)."""
    paths = [source]
    if theme_dir is not None:
        paths += sorted(p for p in theme_dir.iterdir() if p.is_file())
    out = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((path.name, st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


def _stop_on_sigterm() -> None:
    """`kill` and process managers send SIGTERM: stop as cleanly as on Ctrl+C."""
    import signal

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


@click.command("watch", epilog=EPILOG)
@click.argument("cv", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", default="",
              help="Formats to write to disk on every good save (pdf, docx, latex, html, all, or a list).")
@click.option("-o", "--output", help="Output file or folder (ending with /) for --format; default: next to CV.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Preview port on 127.0.0.1 (0: any free port).")
@click.option("--serve/--no-serve", default=True, show_default=True, help="Serve the live HTML preview.")
@click.option("-t", "--theme", help="Built-in theme name (classic, modern) or a theme folder.")
@click.option("-p", "--profile", help="A profile from settings.profiles (e.g. selected).")
@click.option("--style", help="Citation style of publications (see `cvgen render --help`).")
@click.option("--allow", "allow", multiple=True, type=click.Path(file_okay=False),
              help="A folder files named in the CV may also come from (repeatable); by default only the CV's own.")
@handles_errors
def command(
    cv: str, fmt: str, output: str | None, port: int, serve: bool, theme: str | None, profile: str | None,
    style: str | None, allow: tuple[str, ...],
) -> None:
    """Re-render CV on every save and show it live in the browser."""
    from cvgen.backends.base import RenderOptions
    from cvgen.cli.render import expand_formats
    from cvgen.errors import UsageError
    from cvgen.pipeline import backend_for
    from cvgen.view import ViewOptions

    source = Path(cv)
    if not source.parent.resolve().is_dir():
        raise UsageError(f"the folder of {cv} does not exist")
    formats = expand_formats(fmt) if fmt else ([] if serve else ["html"])
    backends = {name: backend_for(name) for name in formats}
    if serve:
        backend_for("html")
    if output and len(formats) > 1 and not output.endswith(("/", "\\")) and not Path(output).is_dir():
        raise UsageError("several formats need a folder: pass -o DIR/ (ending with /)")

    state = server = None
    if serve:
        from cvgen.cli.watch.preview import PreviewServer, PreviewState

        state = PreviewState(source=source.name)
        try:
            server = PreviewServer(state, port).start()
        except OSError as exc:
            raise UsageError(f"cannot serve the preview on port {port}: {exc.strerror or exc}; try --port 0") from None
    renderer = Renderer(source, formats, backends, output, theme, ViewOptions(profile=profile, style=style),
                        RenderOptions(), state, allow=allow)
    before_first_render = signature(source, theme_folder(theme))  # a save during the first render is not lost
    renderer.run()
    if server is not None:
        click.echo(f"preview: {server.url}")
    click.echo(f"watching {source} for changes; press Ctrl+C to stop")
    _stop_on_sigterm()
    try:
        watch_loop(renderer, before_first_render)
    except KeyboardInterrupt:
        pass  # Ctrl+C during a render: outputs are written atomically, so stopping here is safe
    finally:
        if server is not None:
            server.stop()
    click.echo("stopped watching")
