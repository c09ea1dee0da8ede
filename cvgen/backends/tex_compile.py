"""Running a TeX engine on generated source, safely and with short error messages.

The engine runs in a fresh temporary folder with shell escape off, kpathsea's paranoid file
access (``openin_any=p openout_any=p``: no absolute paths, no parent folders, no dot files), a time
limit that kills the whole process group, and no terminal input. Where the kernel allows it, the
engine and its PDF driver are also confined to that folder by :mod:`cvgen.backends.tex_sandbox`:
``openin_any`` does not bind xdvipdfmx, pdfTeX's ``\\pdfobj file`` or LuaTeX's ``io.open``. A failure becomes a
:class:`~cvgen.errors.RenderError` quoting TeX's own message and the offending source line rather
than the whole log.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cvgen.errors import RenderError, UsageError

ENGINES = ("xelatex", "lualatex", "pdflatex")
DEFAULT_ENGINE = "xelatex"
TIMEOUT = 120.0
"""Seconds per run. lualatex's first run on a machine builds its font database (tens of seconds)."""

_RERUN = re.compile(r"Rerun to get|Label\(s\) may have changed|Package rerunfilecheck Warning")
_MISSING_CHAR = re.compile(r"Missing character: There is no (.) \((U\+[0-9A-F]+)\) in font ([^!\n]*)")
_UNICODE_NOT_SET_UP = re.compile(r"Unicode character (.) \((U\+[0-9A-F]+)\)\s*not set up for use with LaTeX")


@dataclass(frozen=True)
class CompileResult:
    pdf: bytes
    log: str
    recorder: str
    """The -recorder .fls listing: every file the engine opened (INPUT/OUTPUT lines)."""
    seconds: float
    runs: int


def available_engines() -> list[str]:
    return [e for e in ENGINES if shutil.which(e)]


def engine_problem(engine: str | None) -> str | None:
    """Why ``engine`` (or, for None, any engine) cannot run here; None when it can."""
    if engine is None:
        return None if available_engines() else f"no TeX engine found ({', '.join(ENGINES)})"
    if engine not in ENGINES:
        return f"unknown LaTeX engine {engine!r}; choose one of {', '.join(ENGINES)}"
    return None if shutil.which(engine) else f"{engine} is not installed (install TeX Live, e.g. texlive-xetex)"


@lru_cache(maxsize=1)
def pdflatex_charset() -> frozenset[int]:
    """Code points LaTeX's utf8 input can typeset with the T1, TS1, OT1 and OMS encodings.

    Read from the installed kernel's declaration files, so it matches the TeX Live in use.
    """
    cps: set[int] = set(range(0x20, 0x7F))
    decl = re.compile(r"\\DeclareUnicodeCharacter\{([0-9A-F]+)\}")
    for name in ("t1enc.dfu", "ts1enc.dfu", "ot1enc.dfu", "omsenc.dfu", "utf8enc.dfu"):
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=False).stdout.strip()
        if not found:
            continue
        for m in decl.finditer(Path(found).read_text(encoding="utf-8", errors="replace")):
            cp = int(m.group(1), 16)
            if name == "utf8enc.dfu" and 0x0370 <= cp <= 0x052F:
                continue  # Greek and Cyrillic need LGR/T2A fonts that are not loaded
            cps.add(cp)
    return frozenset(cps)


def pdflatex_unsupported(source: str) -> list[str]:
    """Characters in ``source`` pdflatex cannot typeset (with T1 fonts), in order of appearance."""
    charset = pdflatex_charset()
    seen: dict[str, None] = {}
    for ch in source:
        if ord(ch) > 0x7E and ord(ch) not in charset and ch not in seen and not ch.isspace():
            seen[ch] = None
    return list(seen)


def _describe(chars: list[str], limit: int = 8) -> str:
    shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in chars[:limit])
    return shown + (f" and {len(chars) - limit} more" if len(chars) > limit else "")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TEXMFOUTPUT", None)
    # Reproducible PDFs (same input, same bytes): dates and the file ID come from SOURCE_DATE_EPOCH,
    # 1980-01-01 unless the caller set one, as for DOCX.
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    env.setdefault("FORCE_SOURCE_DATE", "1")
    env.update(openin_any="p", openout_any="p", shell_escape="f", max_print_line="1000")
    return env


def _run(cmd: list[str], cwd: Path, timeout: float, confine: Callable[[], None] | None = None) -> None:
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True, preexec_fn=confine,
    )
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise RenderError(f"{cmd[0]} did not finish within {timeout:.0f} s and was stopped") from None


def log_error(log: str, source: str) -> str | None:
    """TeX's first error as one short message: the "!" line and the source line it points at."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("!"):
            continue
        message = line[1:].strip()
        # A LaTeX error continues on the following lines until an empty one or "See the … manual".
        for more in lines[i + 1 : i + 4]:
            if not more.strip() or more.startswith(("See ", "Type ", "l.", "<")):
                break
            message += " " + more.strip()
        where = ""
        for follow in lines[i + 1 : i + 30]:
            m = re.match(r"l\.(\d+) ?(.*)", follow)
            if m:
                number = int(m.group(1))
                src = source.splitlines()
                text = src[number - 1].strip() if 0 < number <= len(src) else m.group(2)
                where = f" at line {number} of the .tex: {text[:160]}"
                break
        return message + where
    return None


def _first_line(engine: str, source: str) -> str:
    """What the engine reads first: the file, and for LuaTeX a file ID from the source.

    LuaTeX derives the PDF's /ID from the time and the full output path (a fresh temp folder), so
    without this the same input would give different bytes; pdfTeX and XeTeX honour SOURCE_DATE_EPOCH.
    """
    if engine != "lualatex":
        return "cv.tex"
    digest = hashlib.md5(source.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    return f"\\pdfvariable trailerid {{[<{digest}> <{digest}>]}}\\input{{cv.tex}}"


UNCONFINED_USER_THEME = (
    "compiling a user LaTeX theme needs Linux's Landlock (kernel 5.13 or later) so that TeX cannot read "
    "files outside its folder, and it is not available here; write the .tex without --compile, or use a "
    "built-in theme"
)


def compile_tex(
    source: str, engine: str = DEFAULT_ENGINE, timeout: float = TIMEOUT, *, user_theme: bool = False
) -> CompileResult:
    """Compile LaTeX ``source`` with ``engine`` and return the PDF, or raise a short RenderError.

    The run is confined to its folder wherever Landlock exists; ``user_theme`` source (TeX code
    someone else wrote) is never compiled unconfined.
    """
    from cvgen.backends import tex_sandbox

    if user_theme and not tex_sandbox.available():
        raise RenderError(UNCONFINED_USER_THEME)
    problem = engine_problem(engine)
    if problem:
        raise UsageError(problem) if engine not in ENGINES else RenderError(problem)
    if engine == "pdflatex":
        bad = pdflatex_unsupported(source)
        if bad:
            raise RenderError(
                f"pdflatex cannot typeset {_describe(bad)}; compile with --engine xelatex or lualatex instead"
            )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cvgen-tex-") as tmp:
        folder = Path(tmp)
        (folder / "cv.tex").write_text(source, encoding="utf-8")
        runs, log = _runs(engine, source, folder, timeout)
        pdf_path = folder / "cv.pdf"
        error = log_error(log, source)
        if error or not pdf_path.exists():
            raise RenderError(_failure(engine, error, log))
        missing = _MISSING_CHAR.findall(log)
        if missing:
            chars = list(dict.fromkeys(ch for ch, _, _ in missing))
            raise RenderError(f"{engine}: no font for {_describe(chars)}; the output would show empty boxes")
        fls = folder / "cv.fls"
        return CompileResult(
            pdf=pdf_path.read_bytes(),
            log=log,
            recorder=fls.read_text(encoding="utf-8", errors="replace") if fls.exists() else "",
            seconds=time.monotonic() - started,
            runs=runs,
        )


def _runs(engine: str, source: str, folder: Path, timeout: float) -> tuple[int, str]:
    """Run the engine (confined) until the cross-references settle, at most three times; (runs, log)."""
    from cvgen.backends import tex_sandbox

    cmd = [engine, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "-recorder", _first_line(engine, source)]
    confine = tex_sandbox.confine(folder)
    runs, log = 0, ""
    try:
        while runs < 3:
            _run(cmd, folder, timeout, confine)
            runs += 1
            log_path = folder / "cv.log"
            log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
            if not (folder / "cv.pdf").exists() or not _RERUN.search(log):
                break
    finally:
        if confine is not None:
            os.close(confine.ruleset)  # type: ignore[attr-defined]
    return runs, log


def _failure(engine: str, error: str | None, log: str) -> str:
    unicode = _UNICODE_NOT_SET_UP.search(log)
    if unicode:
        return f"{engine} cannot typeset {unicode.group(1)} ({unicode.group(2)}); compile with xelatex or lualatex instead"
    if error:
        return f"{engine} failed: {error}"
    tail = " ".join(log.strip().splitlines()[-3:])[:300]
    return f"{engine} produced no PDF" + (f": {tail}" if tail else "")
