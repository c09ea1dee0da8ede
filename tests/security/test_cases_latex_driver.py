"""Hardening I, item 2: a user LaTeX theme cannot make the compiled PDF carry a file from outside.

``openin_any=p`` binds TeX's own ``\\input``, not xdvipdfmx's ``pdf:fstream``, pdfTeX's ``\\pdfobj
file`` or LuaTeX's ``io.open``: each of those put the bytes of any readable file into the PDF, where
nothing shows on a page. The compile is confined by the kernel (cvgen/backends/tex_sandbox.py), so
the attack fails however the command is spelt. Each payload is first shown to leak when the
confinement is switched off, so the test proves the attack is real and the fix is what stops it.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

import cvgen
from cvgen.backends import tex_sandbox
from cvgen.backends.base import RenderOptions
from cvgen.backends.tex_compile import compile_tex
from cvgen.errors import RenderError
from tests.conftest import require_program

SECRET = "SECRET-7d1e-BYTES"

pytestmark = pytest.mark.skipif(not tex_sandbox.available(), reason="Landlock is not available on this kernel")


def pdf_holds(pdf: bytes, needle: str) -> bool:
    """Whether ``needle`` is anywhere in the PDF, including inside compressed streams."""
    if needle.encode() in pdf:
        return True
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            if needle.encode() in zlib.decompressobj().decompress(m.group(1)):
                return True
        except zlib.error:
            continue
    return False


# Each payload reads {path} into the PDF. {{ and }} are braces in the TeX (str.format escapes).
DVIPDFMX = {
    "plain": r"\special{{pdf:fstream @leak ({path})}}\special{{pdf:put @resources <</Leak @leak>>}}",
    "csname": r"\csname sp\string e\detokenize{{cial}}\endcsname{{pdf:fstream @leak ({path})}}"
              r"\csname special\endcsname{{pdf:put @resources <</Leak @leak>>}}",
    "catcodes": r"{{\catcode`\Q=0 \catcode`\[=1 \catcode`\]=2 Qspecial[pdf:fstream @leak ({path})]"
                r"Qspecial[pdf:put @resources <</Leak @leak>>]}}",
    "scantokens": r"{{\everyeof{{\noexpand}}\lccode`\Q=`\\ \lowercase{{\scantokens{{Qspecial{{pdf:fstream @leak ({path})}}"
                  r"Qspecial{{pdf:put @resources <</Leak @leak>>}}}}}}}}",
}
PDFTEX = {
    "plain": r"\immediate\pdfobj file {{{path}}}\pdfcatalog{{/Leak \the\pdflastobj\space 0 R}}",
    "csname": r"\immediate\csname pdf\string o\detokenize{{bj}}\endcsname file {{{path}}}"
              r"\pdfcatalog{{/Leak \the\pdflastobj\space 0 R}}",
}
LUATEX = {
    "plain": r"\immediate\pdfextension obj file {{{path}}}"
             r"\pdfextension catalog{{/Leak \the\numexpr\pdffeedback lastobj\relax\space 0 R}}",
    "lua-io": r"\directlua{{local f = io[string.char(111,112,101,110)]('{path}') if f then pdf.immediateobj('stream', f:read('*a')) end}}",
}
CASES = [("xelatex", k, v) for k, v in DVIPDFMX.items()] + [("pdflatex", k, v) for k, v in PDFTEX.items()] + [
    ("lualatex", k, v) for k, v in LUATEX.items()]


def latex_theme(folder: Path, payload: str) -> Path:
    folder.mkdir()
    (folder / "cv.tex.j2").write_text(
        "\\documentclass{article}\\begin{document}((( header.name )))\n" + payload + "\n\\end{document}\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="ascii")
    return path


@pytest.mark.parametrize(("engine", "variant", "payload"), CASES, ids=[f"{e}-{v}" for e, v, _ in CASES])
def test_theme_tex_cannot_embed_a_file_from_outside(tmp_path: Path, secret: Path, engine: str, variant: str,
                                                    payload: str) -> None:
    require_program(engine)
    theme = latex_theme(tmp_path / "theme", payload.format(path=secret))
    out = tmp_path / "cv.tex"
    try:
        written = cvgen.render_to_file({"person": {"name": "Ada"}}, out, theme=theme,
                                       options=RenderOptions(compile=True, engine=engine))
    except RenderError as exc:  # the engine may also stop on the refused read
        assert SECRET not in str(exc)
        return
    pdf = out.with_suffix(".pdf")
    assert pdf in written
    assert not pdf_holds(pdf.read_bytes(), SECRET)


@pytest.mark.parametrize(("engine", "variant", "payload"), CASES, ids=[f"{e}-{v}" for e, v, _ in CASES])
def test_the_payload_does_leak_without_the_confinement(
    tmp_path: Path, secret: Path, engine: str, variant: str, payload: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control: the same TeX, compiled unconfined, carries the file (so the test above is not vacuous)."""
    require_program(engine)
    source = "\\documentclass{article}\\begin{document}x\n" + payload.format(path=secret) + "\n\\end{document}\n"
    monkeypatch.setattr(tex_sandbox, "confine", lambda folder: None)
    assert pdf_holds(compile_tex(source, engine).pdf, SECRET)


def test_without_landlock_a_user_latex_theme_is_not_compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented behaviour where the kernel cannot confine TeX: a clear refusal, the .tex kept possible."""
    require_program("xelatex")
    monkeypatch.setattr(tex_sandbox, "available", lambda: False)
    theme = latex_theme(tmp_path / "theme", "")
    with pytest.raises(RenderError, match="needs Linux's Landlock"):
        cvgen.render({"person": {"name": "Ada"}}, "latex", theme=theme, options=RenderOptions(compile=True))
    assert b"Ada" in cvgen.render({"person": {"name": "Ada"}}, "latex", theme=theme)
    # Built-in themes are cvgen's own TeX (user text is escaped): they still compile.
    out = tmp_path / "cv.tex"
    assert out.with_suffix(".pdf") in cvgen.render_to_file({"person": {"name": "Ada"}}, out, theme="classic",
                                                           options=RenderOptions(compile=True))


def test_confined_compile_reads_nothing_outside_its_folder_and_the_tex_trees(tmp_path: Path) -> None:
    """The recorder lists every file the engine opened: all inside the TeX trees or the compile folder."""
    require_program("xelatex")
    result = compile_tex("\\documentclass{article}\\begin{document}Ada\\end{document}\n")
    inputs = [line[6:] for line in result.recorder.splitlines() if line.startswith("INPUT ")]
    assert inputs
    outside = [p for p in inputs if p.startswith("/") and not p.startswith(("/usr/", "/var/lib/texmf", "/etc/texmf"))
               and "cvgen-tex-" not in p]
    assert outside == []


def test_lua_code_in_a_theme_can_open_only_the_compile_folder_and_the_tex_trees(tmp_path: Path, secret: Path) -> None:
    """Past the issue's list: LuaTeX's Lua probes /proc, /etc, the home folder and writes outside."""
    require_program("lualatex")
    written = tmp_path / "written-by-tex.txt"
    probes = ["/proc/self/environ", "/etc/passwd", str(Path.home() / ".bashrc"), str(secret), "cv.tex",
              f"{tmp_path}/../../"]
    # "~" is active in LaTeX, so the Lua avoids "~=".
    lua = ("local r = '' for _, p in ipairs({" + ", ".join(f"'{p}'" for p in probes) + "}) do "
           "local f = io.open(p) r = r .. 'PROBE:' .. p .. '=' .. tostring(f and true or false) .. ';' end "
           f"local w = io.open('{written}', 'w') r = r .. 'WRITE=' .. tostring(w and true or false) "
           "pdf.immediateobj('stream', r)")
    theme = latex_theme(tmp_path / "theme", "\\directlua{" + lua + "}")
    out = tmp_path / "cv.tex"
    cvgen.render_to_file({"person": {"name": "Ada"}}, out, theme=theme, options=RenderOptions(compile=True, engine="lualatex"))
    pdf = out.with_suffix(".pdf").read_bytes()
    for probe in probes:
        opened = "cv.tex" == probe
        assert pdf_holds(pdf, f"PROBE:{probe}={str(opened).lower()};"), probe
    assert pdf_holds(pdf, "WRITE=false") and not written.exists()
