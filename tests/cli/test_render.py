"""`cvgen render` format selection: aliases, "all", and formats that would overwrite each other."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.cli.render import expand_formats


def test_all_is_the_four_main_formats() -> None:
    assert expand_formats("all") == ["pdf", "docx", "latex", "html"]


def test_aliases_and_duplicates_collapse() -> None:
    assert expand_formats("tex, latex,word") == ["latex", "docx"]


def test_two_formats_with_one_suffix_are_refused(example_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(example_path), "-f", "pdf,pdf-typst", "-o", f"{tmp_path}/out/"])
    assert result.exit_code == 2
    assert "both write .pdf" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _producer(path: Path) -> str:
    """Who made the PDF, from its metadata: "Typst 0.x" or "WeasyPrint 6x" (pypdf reads it back)."""
    import pypdf

    info = pypdf.PdfReader(str(path)).metadata or {}
    return str(info.get("/Creator", "")) + " " + str(info.get("/Producer", ""))


def test_pdf_engine_flag_and_setting_choose_what_lays_out_the_pdf(example_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    typst, weasy = tmp_path / "typst.pdf", tmp_path / "weasy.pdf"
    assert runner.invoke(cli, ["render", str(example_path), "--pdf-engine", "typst", "-o", str(typst)]).exit_code == 0
    assert runner.invoke(cli, ["render", str(example_path), "-o", str(weasy)]).exit_code == 0
    assert "Typst" in _producer(typst) and "WeasyPrint" not in _producer(typst)
    assert "WeasyPrint" in _producer(weasy)
    alias = tmp_path / "alias.pdf"  # -f pdf-typst stays the same as --pdf-engine typst
    assert runner.invoke(cli, ["render", str(example_path), "-f", "pdf-typst", "-o", str(alias)]).exit_code == 0
    assert alias.read_bytes() == typst.read_bytes()

    text = example_path.read_text(encoding="utf-8")
    assert "\nsettings:\n" in text
    with_setting = tmp_path / "cv.yaml"
    with_setting.write_text(text.replace("\nsettings:\n", "\nsettings:\n  pdf_engine: typst\n", 1), encoding="utf-8")
    assert runner.invoke(cli, ["render", str(with_setting)]).exit_code == 0
    assert "Typst" in _producer(tmp_path / "cv.pdf")
    flag_wins = tmp_path / "flag.pdf"
    args = ["render", str(with_setting), "--pdf-engine", "weasyprint", "-o", str(flag_wins)]
    assert runner.invoke(cli, args).exit_code == 0
    assert "WeasyPrint" in _producer(flag_wins)


def test_an_unknown_pdf_engine_is_refused(example_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(example_path), "--pdf-engine", "prince", "-o", f"{tmp_path}/x.pdf"])
    assert result.exit_code == 2 and "prince" in result.output
    bad = tmp_path / "cv.yaml"
    bad.write_text("person: {name: Ada}\nsettings:\n  pdf_engine: prince\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(bad)])
    assert result.exit_code == 2 and "settings.pdf_engine" in result.output and ":3:" in result.output
    assert not (tmp_path / "cv.pdf").exists()


def test_formats_say_when_to_choose_typst() -> None:
    out = CliRunner().invoke(cli, ["formats"]).output
    typst_line = out.splitlines()[out.splitlines().index(next(x for x in out.splitlines() if x.startswith("pdf-typst"))) + 1]
    assert "faster" in typst_line and "--pdf-engine typst" in typst_line
    assert "settings.pdf_engine: typst" in out and "user CSS themes" in out
