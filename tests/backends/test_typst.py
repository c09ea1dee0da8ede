"""The Typst PDF backend: registration, the generated source, fonts, the sealed root, determinism.

The PDFs are compiled by the real Typst engine (the ``typst`` package) and read back with pypdf
and poppler; the reference CV's full read-back in both themes lives in tests/e2e/test_typst_e2e.py.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest

from cvgen.backends.base import RenderOptions
from cvgen.backends.typst import (
    _COVERED,
    TypstPdfBackend,
    covered,
    font_files,
    render_source,
)
from cvgen.errors import RenderError, UsageError
from cvgen.model.markup import Inline, Strong, plain
from cvgen.themes import builtin_dir, resolve_theme
from tests.conftest import THEMES

_LITERAL = re.compile(r'"(?:\\.|[^"\\])*"')


def skeleton(source: str) -> str:
    """The source with every string literal emptied and every line comment removed: the template's own code."""
    return re.sub(r"(?m)^\s*//.*$", "", _LITERAL.sub('""', source))


def user_strings(doc) -> list[str]:
    """Every piece of text of the document a CV owner wrote (or the view made from it), at least 6 characters."""
    out: list[str] = [doc.header.name, doc.meta.title, doc.meta.description, *doc.meta.keywords]

    def walk(nodes: Inline) -> None:
        for node in nodes:
            if hasattr(node, "text"):
                out.append(node.text)
            if hasattr(node, "children"):
                walk(node.children)

    for block in doc.header.affiliations:
        for line in block:
            walk(line)
    out.extend(c.text for c in doc.header.contacts)
    for section in doc.sections:
        out.append(section.title)
        for para in section.intro:
            walk(para)
        for group in section.groups:
            walk(group.title or ())
            for item in group.items:
                out.extend([item.date, item.label or ""])
                for nodes in (item.main, *item.details, item.abstract or ()):
                    walk(nodes)
    return [s for s in out if len(s.strip()) >= 6]


@pytest.fixture(scope="module", params=THEMES)
def source(request, example_doc) -> tuple[str, str]:
    return request.param, render_source(example_doc, resolve_theme(request.param))[0]


def test_registered_under_its_name_and_alias() -> None:
    from cvgen.backends import registry

    assert isinstance(registry.get("pdf-typst"), TypstPdfBackend)
    assert isinstance(registry.get("typst"), TypstPdfBackend)
    backend = registry.get("pdf-typst")
    assert backend.suffix == ".pdf" and backend.binary and "typst" in backend.requires_modules
    assert backend.check() is None


def test_import_cvgen_does_not_load_typst() -> None:
    code = "import sys, cvgen, cvgen.backends.typst; print('typst' in sys.modules, 'jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_user_text_only_inside_string_literals(source, example_doc) -> None:
    _, typ = source
    code = skeleton(typ)
    strings = user_strings(example_doc)
    assert len(strings) > 100
    leaked = [s for s in strings if s in code]
    assert leaked == []
    # ... and every one of them is in the source, as a literal.
    literals = "".join(_LITERAL.findall(typ))
    assert [s for s in strings if s.replace("\\", "\\\\").replace('"', '\\"') not in literals] == []


def test_owner_is_bold_and_nobody_else(source, example_doc) -> None:
    _, typ = source
    owner_runs = re.findall(r"#cvowner\[(.*?)\];", typ)
    # The initial is tied to the surname by a no-break space (issue 21).
    assert owner_runs and set(owner_runs) <= {'#"S.\u00a0Liu";', '#"S.\u00a0Liu";#super[#"*";];'}
    pubs = next(s for s in example_doc.sections if s.key == "publications")
    owners = sum(1 for item in pubs.items for node in item.main if isinstance(node, Strong) and node.role == "owner")
    assert len(owner_runs) == owners == 10
    for other in ("Y. Zhang", "J. Jia", "M. Hong"):
        assert f'#cvowner[#"{other}' not in typ and f'#strong[#"{other}' not in typ


def test_theme_settings_reach_the_source(example_doc) -> None:
    a4 = dataclasses.replace(example_doc, meta=dataclasses.replace(example_doc.meta, page_size="a4", accent_colour="#a31f34"))
    classic, families = render_source(a4, resolve_theme("classic"))
    modern, _ = render_source(a4, resolve_theme("modern"))
    assert 'paper: "a4"' in classic and 'paper: "a4"' in modern
    assert 'rgb("#a31f34")' in modern
    assert families[0] == "TeX Gyre Termes" and "DejaVu Serif" in families
    assert "date: none" in classic and "date: none" in modern  # no clock in the PDF


@pytest.mark.parametrize("theme", THEMES)
def test_compiles_with_metadata_and_page_size(theme, example_doc) -> None:
    a4 = dataclasses.replace(example_doc, meta=dataclasses.replace(example_doc.meta, page_size="a4"))
    pdf = TypstPdfBackend().render(a4, resolve_theme(theme), RenderOptions())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Sijia Liu — Curriculum Vitae"
    assert reader.metadata.author == "Sijia Liu"
    assert "/CreationDate" not in reader.metadata
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)


def test_fast_font_path_claim_holds_for_the_installed_fonts() -> None:
    """Every code point of the fast path is drawn by the themes' fallback fonts (fontconfig's own coverage)."""
    if not Path("/usr/bin/fc-list").exists():
        pytest.skip("no fontconfig")
    for family in ("Noto Serif", "Noto Sans"):
        out = subprocess.run(["fc-list", "--format", "%{charset}\n", f"{family}:style=Regular"],
                             capture_output=True, text=True, check=True).stdout.split()
        assert out, f"{family} is not installed (scripts/setup.sh installs fonts-noto-core)"
        ranges = [(int(a, 16), int(b or a, 16)) for a, _, b in (t.partition("-") for t in out)]
        drawn = {cp for lo, hi in ranges for cp in range(lo, hi + 1)}
        missing = [hex(cp) for lo, hi in _COVERED for cp in range(lo, hi + 1)
                   if unicodedata.category(chr(cp)) not in ("Cn", "Co", "Cs", "Cc") and cp not in drawn]
        assert missing == [], (family, missing[:20])


def test_font_files_fast_path_and_full_scan() -> None:
    families = ["TeX Gyre Termes", "Noto Serif", "Noto Serif CJK SC", "DejaVu Serif"]
    fast = font_files("Nguyễn Văn Đức · Αλέξανδρος · Кириллица — “quotes”", families)
    assert fast is not None and any("texgyretermes" in Path(f).name.lower() for f in fast), fast
    assert any(Path(f).name == "NotoSerif-Regular.ttf" for f in fast), fast
    assert not any("opentype/noto" in f or "NotoSans" in f for f in fast)  # neither the CJK collections nor other families
    assert covered("Zoë") and not covered("刘思佳")
    assert font_files("刘思佳", families) is None  # CJK: every system font
    assert font_files("Zoë", ["DejaVu Serif"]) is None  # the claim is only checked for Noto Serif/Sans


def test_the_fast_font_book_holds_the_named_families_and_no_other_system_font() -> None:
    """The private folder of links gives Typst exactly the files fontconfig lists for the families."""
    from cvgen.backends.typst import _font_book

    files = font_files("Ada Lovelace", ["Noto Serif", "DejaVu Serif"])
    assert files is not None
    families = set(_font_book(files).families())
    assert {"Noto Serif", "DejaVu Serif"} <= families
    assert not {"Noto Sans", "Noto Serif Display", "DejaVu Sans"} & families, families


def test_a_character_no_font_has_is_a_loud_error(example_doc) -> None:
    doc = dataclasses.replace(example_doc, header=dataclasses.replace(example_doc.header, name="Ada \U0001f9ec Lovelace"))
    with pytest.raises(RenderError, match="U\\+1F9EC"):
        TypstPdfBackend().render(doc, resolve_theme("classic"), RenderOptions())


def test_pdf_a3b_and_ua1(example_doc, monkeypatch) -> None:
    """The claims pypdf reads back (as for the WeasyPrint PDF); Typst itself refuses a PDF breaking them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # PDF/A needs a date: this one, not the clock
    theme = resolve_theme("modern")
    archival = TypstPdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/a-3b"))
    assert archival == TypstPdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/a-3b"))
    pdfa = pypdf.PdfReader(io.BytesIO(archival))
    xmp = pdfa.xmp_metadata.stream.get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp and b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert b"2023-11-14" in xmp  # 1700000000 s after the epoch
    assert "/OutputIntents" in pdfa.trailer["/Root"]
    pdfua = pypdf.PdfReader(io.BytesIO(TypstPdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/ua-1"))))
    root = pdfua.trailer["/Root"]
    assert b"<pdfuaid:part>1</pdfuaid:part>" in pdfua.xmp_metadata.stream.get_data()
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    default = pypdf.PdfReader(io.BytesIO(TypstPdfBackend().render(example_doc, theme, RenderOptions())))
    assert "/StructTreeRoot" in default.trailer["/Root"]  # Typst tags every PDF
    with pytest.raises(UsageError, match="pdf/a-3b"):
        TypstPdfBackend().render(example_doc, theme, RenderOptions(pdf_variant="pdf/x-1a"))


def _theme_with(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "theme"
    folder.mkdir(parents=True)
    template = (builtin_dir() / "classic" / "cv.typ.j2").read_text(encoding="utf-8")
    (folder / "cv.typ.j2").write_text(template + "\n" + extra + "\n", encoding="utf-8")
    return folder


def test_compile_root_holds_only_the_cv(tmp_path, example_doc) -> None:
    """Even a theme's own code can read nothing outside the fresh root (only cv.typ is there).

    User themes render in a forked, limited child; this process has already run Typst (earlier
    tests), whose threads do not survive fork, so this also proves the child's fresh-interpreter compile.
    """
    from cvgen.api import render_document

    ok = render_document(example_doc, "pdf-typst", resolve_theme(_theme_with(tmp_path / "a", '#read("cv.typ").len()')))
    assert ok.data.startswith(b"%PDF")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    for path in ("/etc/passwd", str(secret), "../secret.txt", "../../etc/passwd"):
        theme = resolve_theme(_theme_with(tmp_path / f"t{abs(hash(path))}", f'#read("{path}")'))
        with pytest.raises(RenderError, match="Typst could not compile") as caught:
            render_document(example_doc, "pdf-typst", theme)
        assert "top secret" not in str(caught.value)


def test_photo_is_embedded(example_doc) -> None:
    from PIL import Image

    from cvgen.loader.photo import reencode

    buf = io.BytesIO()
    Image.new("RGB", (60, 80), (30, 90, 160)).save(buf, format="PNG")
    photo = reencode(buf.getvalue(), "me.png", "cv.yaml")
    doc = dataclasses.replace(example_doc, header=dataclasses.replace(example_doc.header, photo=photo))
    for theme in THEMES:
        source, _ = render_source(doc, resolve_theme(theme))
        assert "image(" in source
        reader = pypdf.PdfReader(io.BytesIO(TypstPdfBackend().render(doc, resolve_theme(theme), RenderOptions())))
        assert len(reader.pages[0].images) == 1


def test_long_word_wraps_inside_the_page(example_doc) -> None:
    from cvgen.model.markup import Text

    word = "ACGT" * 125  # 500 characters, no space
    first = next(s for s in example_doc.sections if s.items)
    item = dataclasses.replace(first.items[0], main=(Text(word),))
    group = dataclasses.replace(first.groups[0], items=(item, *first.groups[0].items[1:]))
    section = dataclasses.replace(first, groups=(group, *first.groups[1:]))
    doc = dataclasses.replace(example_doc, sections=(section,))
    pdf = TypstPdfBackend().render(doc, resolve_theme("classic"), RenderOptions())
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert word in re.sub(r"\s", "", text)  # all of it on the page, only line breaks added
    assert plain(item.main) == word


def test_the_font_list_fetched_early_is_the_one_the_compile_uses(monkeypatch) -> None:
    """A batch task starts fontconfig's listing while the CV loads; the compile waits for it rather
    than listing again, and gets the same answer."""
    import cvgen.backends.typst as typst_backend

    expected = typst_backend._family_files()
    calls: list[list[str]] = []
    real_run = typst_backend.subprocess.run

    def counting_run(args, *rest, **kwargs):  # noqa: ANN001, ANN202 - a pass-through spy
        calls.append(list(args))
        return real_run(args, *rest, **kwargs)

    typst_backend._family_files.cache_clear()
    monkeypatch.setattr(typst_backend, "_listing", None)
    monkeypatch.setattr(typst_backend.subprocess, "run", counting_run)
    try:
        typst_backend.TypstPdfBackend().start_early()
        assert typst_backend._listing is not None
        files = font_files("Ada Lovelace", ["Noto Serif"])
        typst_backend.TypstPdfBackend().start_early()  # already known: nothing more to start
        assert typst_backend._family_files() == expected
    finally:
        typst_backend._family_files.cache_clear()
    assert len([c for c in calls if "fc-list" in c[0]]) == 1
    assert files is not None and any(Path(f).name == "NotoSerif-Regular.ttf" for f in files)


def test_covered_is_exactly_the_listed_ranges() -> None:
    """``covered`` (one regex search) accepts each range's ends and refuses the code point just
    outside a range unless another range holds it; tab and line breaks are always accepted."""
    from cvgen.backends import typst as typst_backend

    ranges = typst_backend._COVERED

    def listed(cp: int) -> bool:
        return any(low <= cp <= high for low, high in ranges)

    for low, high in ranges:
        for cp in (low, high, low - 1, high + 1):
            if cp >= 0:
                assert typst_backend.covered("ab" + chr(cp)) is listed(cp), hex(cp)
    assert typst_backend.covered("a\tb\nc\r") and typst_backend.covered("")
    assert not typst_backend.covered("caf\u00e9 \u4e2d")
