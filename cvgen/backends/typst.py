"""PDF through Typst: the second, fast PDF engine (``--pdf-engine typst`` or ``-f pdf-typst``).

WeasyPrint's import and layout cost about a second per CV; Typst is one compiled extension that
lays out the same pages in a fraction of that. The theme's ``cv.typ.j2`` is a Jinja template with
delimiters that do not clash with Typst syntax::

    ((* for item in group.items *))   statements
    ((( item.date )))                 values, shown literally (``#"…";``)
    ((= a comment =))

Every plain string a template prints becomes a Typst string literal through
:mod:`cvgen.backends.typst_escape` (the environment's ``finalize``); rich text goes through the
``inline`` filter, ``str`` gives a literal for code positions (``#set document(title: …)``),
``fonts`` a list of font families and the test ``item is short`` says an entry surely fits on a page
(Typst cuts off an unbreakable block taller than a page, so only those are kept whole). User text can therefore never run Typst code or markup.

The compile is sealed: its root is a fresh temporary folder holding only the generated ``cv.typ``
(and the photo, re-encoded by cvgen), so ``#read``/``#image`` of anything else is impossible, and
the document sets no date, so the same input gives the same bytes.

Fonts: scanning every system font costs Typst about 0.2 s (most of it the CJK collections), so when
all the text is in scripts the themes' own fonts cover (Latin with Vietnamese, Greek, Cyrillic) only
the files of the families the template names are loaded. Other text gets every system font and
the same "no font for U+…" check as the WeasyPrint PDF, since Typst draws an empty box silently.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from cvgen.backends.base import (
    Backend,
    InlineFormat,
    RenderOptions,
    Source,
    hex_digits,
    render_inline,
    source_environment,
)
from cvgen.backends.glyphs import require_glyphs
from cvgen.backends.typst_escape import literal, markup
from cvgen.errors import RenderError, UsageError
from cvgen.locale.tables import table_name
from cvgen.model.markup import plain
from cvgen.view.document import DEFAULT_PAGE_NUMBER

if TYPE_CHECKING:
    from cvgen.model.markup import Inline
    from cvgen.themes import Theme
    from cvgen.view.document import Document

TEMPLATE = "cv.typ.j2"
_PHOTO_NAMES = {"image/jpeg": "photo.jpg", "image/png": "photo.png", "image/svg+xml": "photo.svg"}


Typ = Source
"""Text that is already Typst source: the template prints it unchanged."""


class TypstInline(InlineFormat):
    """Rich text as Typst markup; :meth:`text` is the only escaping function (a string literal)."""

    def text(self, s: str) -> str:
        return markup(s)

    def strong(self, inner: str, role: str | None) -> str:
        # The role is a fixed word chosen by cvgen ("owner", …), never user text.
        return f"#cvowner[{inner}];" if role == "owner" else f"#strong[{inner}];"

    def emph(self, inner: str) -> str:
        return f"#emph[{inner}];"

    def link(self, href: str, inner: str) -> str:
        return f"#link({literal(href)})[{inner}];"

    def sup(self, inner: str) -> str:
        return f"#super[{inner}];"


_INLINE = TypstInline()


def _inline(nodes: Inline | None) -> Typ:
    return Typ(render_inline(nodes or (), _INLINE))


def _str(value: Any) -> Typ:
    """A value as a Typst string literal, for code positions."""
    return Typ(literal("" if value is None else str(value)))


def _strs(values: Any) -> Typ:
    """A list of strings as a Typst array of string literals (the trailing comma keeps one item an array)."""
    return Typ("(" + "".join(f"{literal(str(v))}, " for v in values).rstrip() + ")")


def _colour(value: str | None, default: str) -> Typ:
    """The CV's accent colour (#rrggbb, checked by the model) as ``rgb("#1f4e79")``."""
    return Typ(f'rgb("#{hex_digits(value, default)}")')


_CHARS_PER_LINE = 60
"""A low guess of characters per line, so that an entry's height in lines is over- rather than underestimated."""
_MAX_UNBROKEN_LINES = 40
"""Entries estimated longer than this may break across pages: Typst would cut off an unbreakable block taller than a page."""


def _short(item: Any) -> bool:
    """The template's ``is short`` test: the entry surely fits on one page, so it is never split."""
    parts = [item.main, *item.details, *([item.abstract] if item.abstract else [])]
    lines = sum(1 + len(plain(p)) // _CHARS_PER_LINE for p in parts) + (1 if item.links else 0)
    return lines <= _MAX_UNBROKEN_LINES


class _FontRecorder:
    """The template's ``fonts(…)`` function: a Typst array of families, remembered for loading."""

    def __init__(self) -> None:
        self.families: list[str] = []

    def __call__(self, *families: str) -> Typ:
        self.families.extend(f for f in families if f not in self.families)
        return _strs(families)


def _dir(value: str) -> Typ:
    """A text direction as Typst's own value (``ltr``/``rtl``), not a string."""
    if value not in ("ltr", "rtl"):
        raise RenderError(f"unknown text direction {value!r}")
    return Typ(value)


_CJK_REGIONS = {"zh-Hant": "TC", "ja": "JP", "ko": "KR"}
"""Noto CJK's regional families by language table; Simplified Chinese (SC) otherwise."""


def environment(theme: Theme) -> Any:
    """The theme's Jinja environment for Typst (sandboxed for user themes)."""
    env = source_environment(theme, "typst", markup)
    env.filters.update(
        inline=_inline, str=_str, strs=_strs, colour=functools.partial(_colour, default=theme.accent), dir=_dir
    )
    env.tests["short"] = _short
    return env


def render_source(doc: Document, theme: Theme) -> tuple[str, list[str]]:
    """The Typst source for ``doc`` and the font families its template asked for."""
    theme.file(TEMPLATE, "pdf-typst")
    fonts = _FontRecorder()
    photo = doc.header.photo
    context = {
        "doc": doc,
        "meta": doc.meta,
        "header": doc.header,
        "sections": doc.sections,
        "fonts": fonts,
        "accent": doc.meta.accent_colour or theme.accent,
        "paper": "a4" if doc.meta.page_size.lower() == "a4" else "us-letter",
        "lang": doc.meta.language.split("-")[0].lower(),
        "localized": doc.meta.localized,
        "direction": doc.meta.direction,
        "cjk_region": _CJK_REGIONS.get(table_name(doc.meta.language) or "", "SC"),
        "page_number": doc.meta.page_number if doc.meta.page_number != DEFAULT_PAGE_NUMBER else None,
        "photo": Typ(literal(_PHOTO_NAMES.get(photo.media_type, "photo.png"))) if photo else None,
    }
    source = environment(theme).get_template(TEMPLATE).render(context)
    return source, fonts.families


# --- fonts ------------------------------------------------------------------------------------------

_COVERED = (
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA extensions, spacing modifier letters
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03E1),  # Greek (not the Coptic letters after it)
    (0x03F0, 0x03FF),
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1FFF),  # Latin Extended Additional (Vietnamese), Greek Extended
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20BF),  # currency symbols
)
"""Code points the themes' fallback fonts (Noto Serif, Noto Sans) draw: the fast path.

tests/backends/test_typst.py checks this claim against the installed fonts through fontconfig."""


_UNCOVERED = re.compile("[^\t\n\r" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _COVERED) + "]")
"""A character outside :data:`_COVERED` (tab and line breaks allowed): one regex search of the source
instead of a range test per distinct character."""


def covered(text: str) -> bool:
    """True when every character of ``text`` is in :data:`_COVERED` (or is a line break)."""
    return _UNCOVERED.search(text) is None


@functools.lru_cache(maxsize=1)
def _family_files() -> dict[str, frozenset[str]] | None:
    """Lower-case family name → its font files, from fontconfig (None without fc-list)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "--format", "%{family}\t%{file}\n"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files: dict[str, set[str]] = {}
    for line in out.splitlines():
        families, _, file = line.partition("\t")
        for family in families.split(","):
            files.setdefault(family.strip().lower(), set()).add(file)
    return {k: frozenset(v) for k, v in files.items()}


_listing: threading.Thread | None = None
"""fontconfig's listing, started early by :func:`prefetch_font_list` (None: not started)."""


def prefetch_font_list() -> None:
    """Start fontconfig's font listing in the background, once per process.

    ``fc-list`` is another process (some 7 ms); started while the CV is read and prepared, it runs
    on another core instead of in front of the compile. A failure here is silent: the compile asks
    again and reports it then.
    """
    global _listing
    if _listing is not None or _family_files.cache_info().currsize:
        return

    def listing() -> None:
        with contextlib.suppress(Exception):
            _family_files()

    _listing = threading.Thread(target=listing, name="cvgen-font-list", daemon=True)
    _listing.start()


_lock = threading.Lock()
_fonts: dict[tuple[str, ...] | None, Any] = {}
"""typst.Fonts by font file list (None: every system font), built once per process: a batch scans once."""


def _font_book(files: tuple[str, ...] | None) -> Any:
    import typst  # the optional extra: imported on use, so check() can report it missing

    with _lock:
        book = _fonts.get(files)
        if book is None:
            if files is None:
                book = typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)
            else:
                book = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=_font_paths(files))
            _fonts[files] = book
        return book


def _font_paths(files: tuple[str, ...]) -> list[str]:
    """A private folder of links to exactly ``files``, for this process's Typst font book.

    Typst loads fonts by folder, and Noto's folder holds some 270 files (40 MB) of which a theme
    uses four: reading them all was a quarter of a single Typst render. The links are named in the
    order of the files' paths, so Typst meets the fonts in the order it met them in their folders.
    Without symbolic links (some Windows set-ups) the files' own folders are used, as before.
    """
    import atexit

    folder = tempfile.mkdtemp(prefix="cvgen-fonts-")
    atexit.register(shutil.rmtree, folder, True)
    try:
        for index, file in enumerate(sorted(files)):
            os.symlink(file, os.path.join(folder, f"{index:04d}-{os.path.basename(file)}"))
    except OSError:
        return sorted({os.path.dirname(f) for f in files})
    return [folder]


def font_files(source: str, families: list[str]) -> tuple[str, ...] | None:
    """The font files to load for ``source``, or None for every system font (and the tofu check).

    Fast path: all text in :data:`_COVERED`, a family named that the claim was checked against
    (Noto Serif or Noto Sans) and every named family found by fontconfig.
    """
    if _listing is not None:
        _listing.join()  # a thread forked away is already "stopped": join returns at once
    known = _family_files()
    if known is not None and covered(source) and {"Noto Serif", "Noto Sans"} & set(families):
        wanted = [known.get(f.lower()) for f in families if "cjk" not in f.lower()]
        if wanted and all(wanted):
            return tuple(sorted({file for found in wanted if found for file in found}))
    require_glyphs(source, "PDF (Typst)")  # a character no installed font has would be an empty box
    return None


# --- the backend ------------------------------------------------------------------------------------


_used_in: int | None = None
"""The process that has run Typst. Typst's worker threads do not survive ``fork``: a forked child of
that process (a user theme's limited render, a batch worker forked after a render) would hang on its
first compile, so such a child compiles in a fresh interpreter instead (:func:`main`)."""
_SUBPROCESS_TIMEOUT = 300


# --pdf-variant → the PDF standard Typst checks and writes (it tags every PDF; these add the claims).
PDF_STANDARDS = {"pdf/a-3b": "a-3b", "pdf/ua-1": "ua-1"}


def compile_pdf(
    source: str, families: list[str], photo: tuple[str, bytes] | None = None, standard: str | None = None
) -> bytes:
    """Compile Typst source to PDF in a sealed, fresh root folder; Typst errors become RenderError."""
    files = font_files(source, families)
    with tempfile.TemporaryDirectory(prefix="cvgen-typst-") as tmp:
        root = Path(tmp)
        (root / "cv.typ").write_text(source, encoding="utf-8")
        if photo is not None:
            (root / photo[0]).write_bytes(photo[1])
        (root / "packages").mkdir()  # empty: no Typst package can be imported or downloaded into it
        if _used_in is not None and _used_in != os.getpid():
            return _compile_in_subprocess(root, files, standard)
        return _compile(root, files, standard)


def _compile(root: Path, files: tuple[str, ...] | None, standard: str | None = None) -> bytes:
    global _used_in
    import typst
    _used_in = _used_in or os.getpid()
    packages = str(root / "packages")
    try:
        compiler = typst.Compiler(
            root=str(root), font_paths=_font_book(files), package_path=packages, package_cache_path=packages
        )
        if standard is None:
            pdf = compiler.compile(input=str(root / "cv.typ"), format="pdf")
        else:
            inputs = {"cvgen-date": _document_date()} if standard.startswith("a-") else {}
            pdf = compiler.compile(input=str(root / "cv.typ"), format="pdf", pdf_standards=[standard], sys_inputs=inputs)
    except typst.TypstError as exc:
        detail = getattr(exc, "diagnostic", "") or ""
        raise RenderError(f"Typst could not compile the CV: {getattr(exc, 'message', exc)}\n{detail}".rstrip()) from None
    if not isinstance(pdf, bytes):
        raise RenderError("Typst returned no PDF")
    return without_suspects(pdf)


_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"


def without_suspects(pdf: bytes) -> bytes:
    """Drop ``/Suspects false`` from the catalog's MarkInfo, keeping every byte offset.

    The entry is optional and false is its default (ISO 32000-1, 14.7.1), but poppler up to 23.x
    reports "Syntax Error: Suspects object is wrong type (boolean)" on every page it reads, so every
    pdftotext or pdftoppm of a Typst PDF warned. Spaces replace the bytes, so the xref table stays
    right.
    """
    short = b"/MarkInfo<</Marked true>>"
    return pdf.replace(_SUSPECTS, short + b" " * (len(_SUSPECTS) - len(short)), 1)


def _document_date() -> str:
    """The date PDF/A requires: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC)."""
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.strftime("%Y-%m-%d")


def _compile_in_subprocess(root: Path, files: tuple[str, ...] | None, standard: str | None) -> bytes:
    args = [sys.executable, "-m", "cvgen.backends.typst", str(root), *([f"--standard={standard}"] if standard else []),
            *(files if files is not None else ["--all-fonts"])]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=_SUBPROCESS_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Typst took longer than {_SUBPROCESS_TIMEOUT} s") from None
    if done.returncode != 0:
        raise RenderError(done.stderr.strip() or f"Typst exited with status {done.returncode}")
    return (root / "cv.pdf").read_bytes()


def main(argv: list[str]) -> int:
    """``python -m cvgen.backends.typst ROOT [--standard=S] (FONT_FILE… | --all-fonts)``: ROOT/cv.typ to ROOT/cv.pdf."""
    root, rest = Path(argv[0]), argv[1:]
    standard = rest.pop(0).removeprefix("--standard=") if rest and rest[0].startswith("--standard=") else None
    try:
        pdf = _compile(root, None if rest == ["--all-fonts"] else tuple(rest), standard)
    except RenderError as exc:
        print(exc, file=sys.stderr)
        return 1
    (root / "cv.pdf").write_bytes(pdf)
    return 0


class TypstPdfBackend(Backend):
    """PDF laid out by Typst from the theme's ``cv.typ.j2``."""

    name: ClassVar[str] = "pdf-typst"
    aliases: ClassVar[tuple[str, ...]] = ("typst",)
    suffix: ClassVar[str] = ".pdf"
    binary: ClassVar[bool] = True
    description: ClassVar[str] = (
        "PDF laid out by Typst from the theme's cv.typ.j2: several times faster, tagged (= --pdf-engine typst)"
    )
    requires_modules: ClassVar[tuple[str, ...]] = ("typst", "jinja2")

    def start_early(self) -> None:
        """Called when a CV for this backend starts loading (see cvgen.batch): list the fonts meanwhile."""
        prefetch_font_list()

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> bytes:
        variant = options.pdf_variant
        if variant is not None and variant not in PDF_STANDARDS:
            raise UsageError(f"unknown PDF variant {variant!r}; choose one of {', '.join(PDF_STANDARDS)}")
        source, families = render_source(doc, theme)
        photo = doc.header.photo
        attached = (_PHOTO_NAMES.get(photo.media_type, "photo.png"), photo.data) if photo else None
        return compile_pdf(source, families, attached, PDF_STANDARDS.get(variant) if variant else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
