"""The DOCX backend, read back with python-docx and lxml: styles, numbering, links, runs, bytes."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx  # a dependency of cvgen itself: a broken install must fail here, not skip
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length

from cvgen.backends import registry
from cvgen.backends.base import RenderOptions
from cvgen.backends.docx import DocxBackend
from cvgen.model.markup import Link
from cvgen.themes import builtin_dir, resolve_theme
from cvgen.view import prepare
from tests.conftest import THEMES
from tests.seed_facts import PUBLICATION_LABELS, SECTION_TITLES, TALK_LABELS, missing_facts
from tests.typo import folded

HOSTILE = [
    "& % $ # _ { } ~ ^ \\ < > | \" ' --",
    "<script>alert(1)</script>",
    "C++ and C#",
    "*nix",
    "snake_case_name",
    "2*3*4",
]


def render(doc, theme: str = "classic") -> bytes:
    return DocxBackend().render(doc, resolve_theme(theme), RenderOptions())


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraph_text(p) -> str:
    """Visible text of a w:p element, hyperlinks included, tabs as spaces."""
    shown = {qn("w:tab"): " ", qn("w:noBreakHyphen"): "-"}
    return "".join(shown.get(el.tag) or el.text or "" for el in p.iter(qn("w:t"), *shown))


def all_text(document) -> str:
    return "\n".join(paragraph_text(p) for p in document.element.body.iter(qn("w:p")))


@pytest.fixture(scope="module", params=THEMES)
def rendered(request, example_doc):
    return open_docx(render(example_doc, request.param))


@pytest.fixture(scope="module")
def starter_doc():
    from cvgen.loader import load_file

    return prepare(load_file(Path(__file__).resolve().parents[2] / "cvgen" / "starter.yaml"))


def style_of(p) -> str:
    return p.style.name


def all_paragraphs(document) -> list:
    """Every paragraph of the body in reading order, those in tables (dated entries) included."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


def test_registered_under_name_and_alias():
    backend = registry.get("word")
    assert isinstance(backend, DocxBackend)
    assert (backend.name, backend.suffix, backend.binary) == ("docx", ".docx", True)
    assert backend.check() is None


def test_facts_survive(rendered):
    assert missing_facts(all_text(rendered)) == []


def test_headings_use_heading_styles(rendered):
    by_text = {p.text: style_of(p) for p in rendered.paragraphs}
    assert by_text["Sijia Liu"] == "Title"
    for title in SECTION_TITLES:
        assert by_text[title] == "Heading 1", title
    groups = [p for p in rendered.paragraphs if p.text.startswith("Five Representative Publications in")]
    assert len(groups) == 2
    assert {style_of(p) for p in groups} == {"Heading 2"}
    assert all(rendered.styles[name].paragraph_format.keep_with_next for name in ("Heading 1", "Heading 2"))


def _row_with(document, text: str):
    for row in document.element.body.iter(qn("w:tr")):
        if text in "".join(t.text or "" for t in row.iter(qn("w:t"))):
            return row
    raise AssertionError(f"no table row holds {text!r}")


def test_dates_sit_right_of_the_first_line_of_their_entry(rendered):
    """A dated entry is a row of a borderless two-column table: its text and details left, the date
    right-aligned at the top of the right cell, so a wrapped entry keeps the date on its first line."""
    row = _row_with(rendered, "Mar. 2016")
    assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None  # an entry never splits across pages
    text_cell, date_cell = row.findall(qn("w:tc"))
    paragraphs = text_cell.findall(qn("w:p"))
    assert [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in paragraphs] == ["CVEntry", "CVDetail"]
    assert "Ph.D." in paragraph_text(paragraphs[0]) and "All University Doctoral Prize" in paragraph_text(paragraphs[1])
    (date,) = date_cell.findall(qn("w:p"))
    assert paragraph_text(date) == "Mar. 2016"
    assert date.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "right"
    assert date_cell.find(f"{qn('w:tcPr')}/{qn('w:vAlign')}") is None  # top: the first line
    table = row.getparent()
    borders = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    # The detail reaches into the date column, full width as in the PDF.
    indent = paragraphs[1].find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert int(indent.get(qn("w:right"))) < 0


def _css_look(theme: str) -> tuple[bool, str]:
    """From the theme's style.css (the PDF's look): is an honor's description italic, and the muted grey."""
    css = (builtin_dir() / theme / "style.css").read_text(encoding="utf-8")
    italic = re.search(r"\.kind-honor \.detail\s*\{[^}]*font-style:\s*italic", css) is not None
    grey = re.search(r"--muted:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", css).group(1).upper()
    return italic, grey if len(grey) == 6 else "".join(c * 2 for c in grey)


def test_honor_descriptions_and_details_have_their_own_styles(rendered, request):
    """As in the theme's PDF: an honor's description italic where style.css says so (classic, compact),
    an advisor line roman, both in the stylesheet's muted grey."""
    styles = rendered.styles
    theme = request.node.callspec.params["rendered"]
    italic, grey = _css_look(theme)
    assert styles["CV Detail"].font.italic is not True
    assert styles["CV Description"].font.italic is (True if italic else None)
    assert str(styles["CV Detail"].font.color.rgb) == grey
    row = _row_with(rendered, "NSF) CAREER Award")
    styles_used = [p.get(qn("w:val")) for p in row.iter(qn("w:pStyle"))]
    assert styles_used == ["CVEntry", "CVDescription", "CVEntry"]


@pytest.mark.parametrize("theme", THEMES)
def test_links_and_doi_stand_on_their_own_line(starter_doc, theme):
    """As in the other formats, an entry's links (and DOI) follow it on a "CV Links" line, not inline."""
    document = open_docx(render(starter_doc, theme))
    links = [p for p in document.element.body.iter(qn("w:p"))
             if (p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None
                 and p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "CVLinks")]
    assert any("doi:10.1000/example.2023" in paragraph_text(p) for p in links)
    for p in links:
        assert p.find(qn("w:hyperlink")) is not None
        previous = p.getprevious()
        assert previous is not None and previous.tag == qn("w:p")  # right under its entry


def _numbering_labels(document) -> list[str]:
    """What Word shows for each numbered paragraph, computed from w:numPr and the numbering part."""
    numbering = document.part.numbering_part.element
    lvl_text = {
        a.get(qn("w:abstractNumId")): a.find(f"{qn('w:lvl')}/{qn('w:lvlText')}").get(qn("w:val"))
        for a in numbering.findall(qn("w:abstractNum"))
    }
    nums = {}
    for num in numbering.findall(qn("w:num")):
        start = num.find(f".//{qn('w:startOverride')}")
        nums[num.get(qn("w:numId"))] = (
            num.find(qn("w:abstractNumId")).get(qn("w:val")),
            int(start.get(qn("w:val"))) if start is not None else 1,
        )
    counters: dict[str, int] = {}
    labels = []
    for p in all_paragraphs(document):
        num_pr = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        abstract, start = nums[num_id]
        counters[num_id] = counters.get(num_id, start - 1) + 1
        labels.append(lvl_text[abstract].replace("%1", str(counters[num_id])).rstrip("."))
    return labels


def test_publications_and_talks_are_real_word_numbering(rendered):
    numbered = [p for p in all_paragraphs(rendered) if style_of(p) == "CV Numbered"]
    assert len(numbered) == len(PUBLICATION_LABELS) + len(TALK_LABELS)
    assert all(p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None for p in numbered)
    assert _numbering_labels(rendered) == PUBLICATION_LABELS + TALK_LABELS
    # Labels come from the numbering, never typed into the text.
    assert not any(p.text.startswith(("P5", "T1")) for p in numbered)


def test_talks_share_one_continuous_list(rendered):
    numbered = [p for p in all_paragraphs(rendered) if style_of(p) == "CV Numbered"]
    talk_ids = [
        p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
        for p in numbered[-len(TALK_LABELS):]
    ]
    assert len(talk_ids) == len(TALK_LABELS) and len(set(talk_ids)) == 1


def test_every_link_is_an_external_hyperlink(starter_doc):
    document = open_docx(render(starter_doc))
    part = document.part
    links = list(document.element.body.iter(qn("w:hyperlink")))
    assert links
    targets = set()
    for link in links:
        rel = part.rels[link.get(qn("r:id"))]
        assert rel.is_external and rel.reltype == RT.HYPERLINK
        targets.add(rel.target_ref)
        runs = link.findall(qn("w:r"))
        assert runs and all(r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "Hyperlink" for r in runs)
    expected = {c.href for c in starter_doc.header.contacts if c.href}
    for section in starter_doc.sections:
        for item in section.items:
            expected |= {ref.href for ref in item.links}
            expected |= _hrefs(item.main) | {h for d in item.details for h in _hrefs(d)}
        expected |= {h for nodes in section.intro for h in _hrefs(nodes)}
    assert "mailto:ada@example.org" in expected and "https://doi.org/10.1000/example.2023" in expected
    assert targets == expected


def _hrefs(nodes) -> set[str]:
    out = set()
    for node in nodes:
        if isinstance(node, Link):
            out.add(node.href)
        if hasattr(node, "children"):
            out |= _hrefs(node.children)
    return out


def _effective_bold(run) -> bool:
    if run.bold is not None:
        return run.bold
    style = run.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def test_owner_bold_other_lius_not(rendered):
    runs = [r for p in all_paragraphs(rendered) if style_of(p) == "CV Numbered" for r in p.runs]
    owner = [r for r in runs if r.text == "S.\u00a0Liu"]  # initials tied to the surname
    assert len(owner) == len(PUBLICATION_LABELS)  # the owner is an author of every selected paper
    assert all(_effective_bold(r) for r in owner)
    assert all(r.style.name == "CV Owner" for r in owner)
    others = [r for r in runs if any(n in r.text.replace("\u00a0", " ") for n in ("Y. Liu", "G. Liu", "J. Liu"))]
    assert others and not any(_effective_bold(r) for r in others)


def test_markers_are_superscript(rendered):
    runs = [r for p in all_paragraphs(rendered) if style_of(p) == "CV Numbered" for r in p.runs]
    markers = [r for r in runs if r.text and set(r.text) <= set("†*,")]
    assert len(markers) > 20
    assert all(r.font.superscript for r in markers)
    assert not any(r.font.superscript for r in runs if "Zhang" in r.text)


def test_legend_and_metrics_lines(rendered):
    intro = [p for p in rendered.paragraphs if style_of(p) == "CV Intro"]
    text = " ".join(p.text for p in intro)
    assert "8509 citations as of July 16, 2024" in text and "denotes student authors" in text
    bold = [r.text for p in intro for r in p.runs if _effective_bold(r)]
    assert "Google Scholar" in bold and "under my supervision" in bold


def test_hostile_text_comes_out_literally():
    from cvgen.loader import load

    cv = load({
        "person": {"name": "Ada Lovelace"},
        "honors": [{"title": h, "date": 2020, "description": h} for h in HOSTILE],
        "publications": [{"title": h, "authors": ["A. Lovelace"], "venue": h, "date": 2021} for h in HOSTILE],
        "talks": [{"title": h, "event": h, "date": "2020-01"} for h in HOSTILE],
    })
    document = open_docx(render(prepare(cv)))
    # Typographic quotes and dashes aside (issue 21), every character comes out as written.
    paragraphs = [folded(paragraph_text(p)) for p in document.element.body.iter(qn("w:p"))]
    for h in HOSTILE:
        # honour title line, its detail line, the publication and the talk
        assert sum(p.count(folded(h)) for p in paragraphs) >= 5, h
    assert not any(r.font.italic for p in document.paragraphs for r in p.runs if "nix" in r.text and "*" not in r.text)


def test_text_function_refuses_control_characters():
    from docx.oxml import OxmlElement

    from cvgen.backends.docx_xml import add_text

    with pytest.raises(AssertionError):
        add_text(OxmlElement("w:p"), "bad\x00byte")


def test_rendering_twice_gives_identical_bytes(example_doc, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = render(example_doc), render(example_doc)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_sets_timestamps(example_doc, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = render(example_doc, "modern")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    props = open_docx(data).core_properties
    assert props.created.year == 2023 and props.modified == props.created


def test_core_properties_and_language(rendered, example_doc):
    props, meta = rendered.core_properties, example_doc.meta
    assert (props.title, props.author, props.subject) == (meta.title, meta.author, meta.subject)
    assert props.keywords == ", ".join(meta.keywords) and "Trustworthy ML" in props.keywords
    defaults = rendered.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == meta.language
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")).startswith("Noto") and "CJK" in fonts.get(qn("w:eastAsia"))
    assert "Arabic" in fonts.get(qn("w:cs"))


def test_footer_has_owner_and_page_field(rendered):
    footer = rendered.sections[0].footer
    assert not footer.is_linked_to_previous
    xml = footer._element
    assert "Sijia Liu" in "".join(t.text for t in xml.iter(qn("w:t")))
    assert [i.text.strip() for i in xml.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]


def test_page_size_moves_the_date_tab(example_doc):
    from dataclasses import replace

    a4 = replace(example_doc, meta=replace(example_doc.meta, page_size="a4"))
    document = open_docx(render(a4))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    stop = document.styles["CV Entry"].paragraph_format.tab_stops[0]
    assert stop.position == section.page_width - section.left_margin - section.right_margin


def test_accent_colour_recolours_headings(example_doc):
    from dataclasses import replace

    coloured = replace(example_doc, meta=replace(example_doc.meta, accent_colour="#aa0000"))
    for theme in THEMES:
        document = open_docx(render(coloured, theme))
        assert str(document.styles["Heading 1"].font.color.rgb) == "AA0000"


def test_user_reference_without_cv_styles_still_renders(tmp_path, example_doc):
    """A reference.docx saved from a blank Word document gets the missing styles added."""
    from cvgen.themes import Theme

    docx.Document().save(tmp_path / "reference.docx")
    data = DocxBackend().render(example_doc, Theme("mine", tmp_path, user=True), RenderOptions())
    document = open_docx(data)
    assert missing_facts(all_text(document)) == []
    assert _numbering_labels(document) == PUBLICATION_LABELS + TALK_LABELS
    assert document.styles["CV Owner"].font.bold


def test_theme_without_reference_docx_is_a_usage_error(tmp_path, example_doc):
    from cvgen.errors import UsageError
    from cvgen.themes import Theme

    with pytest.raises(UsageError, match="reference.docx"):
        DocxBackend().render(example_doc, Theme("bare", tmp_path, user=True), RenderOptions())


def test_reference_docx_files_are_current():
    """templates/*/reference.docx are generated; regenerating gives the committed bytes."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("make_reference_docx", root / "scripts" / "make_reference_docx.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    for name, look in module.THEMES.items():
        assert module.build(look) == (root / "templates" / name / "reference.docx").read_bytes(), name


def test_awkward_urls_stay_exact_working_links():
    """BAD_INPUTS 24: % # _ & ~ ; in a URL or DOI survive as the relationship target."""
    from cvgen.loader import load

    url = "https://example.org/a_b%20c/~x?y=1&z=2;w#frag"
    cv = load({
        "person": {"name": "Ada Lovelace", "links": [{"label": "Site", "url": url}]},
        "publications": [{"title": "T", "authors": ["A. Lovelace"], "venue": "V", "date": 2021,
                          "doi": "10.1000/a_b%c&d~e;f#g"}],
    })
    document = open_docx(render(prepare(cv)))
    targets = {document.part.rels[h.get(qn("r:id"))].target_ref for h in document.element.body.iter(qn("w:hyperlink"))}
    assert url in targets
    assert any("10.1000/a_b" in t and t.endswith("~e;f#g") for t in targets), targets
    assert "10.1000/a_b%c&d~e;f#g" in all_text(document)


def test_header_photo_is_embedded(example_doc):
    from dataclasses import replace

    from PIL import Image

    from cvgen.view.document import Photo

    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (200, 120, 40)).save(buffer, "PNG")
    photo = Photo(buffer.getvalue(), "image/png", 120, 160)
    doc = replace(example_doc, header=replace(example_doc.header, photo=photo))
    document = open_docx(render(doc))
    pictures = document.inline_shapes
    assert len(pictures) == 1 and round(pictures[0].width.inches, 2) == 1.0
    assert missing_facts(all_text(document), ["liusiji5@msu.edu", "IBM Research"]) == []


def test_short_accent_colour_is_a_valid_word_colour() -> None:
    """"#17a" reaches Word as 1177AA (the model expands it), never the invalid three-digit "17A"."""
    import io
    import zipfile

    import cvgen

    cv = cvgen.load({"person": {"name": "A"}, "settings": {"accent_colour": "#17a", "theme": "modern"}})
    styles = zipfile.ZipFile(io.BytesIO(cvgen.render(cv, "docx"))).read("word/styles.xml").decode().upper()
    assert 'W:VAL="1177AA"' in styles
    assert 'W:VAL="17A"' not in styles


def test_numbers_hanging_in_the_margin_stay_visible_in_a_dated_table(rendered, request):
    """A theme whose numbers hang left of the text block (compact: "CV Numbered" has no left indent) gets
    dated numbered entries (talks) in a table moved that far into the margin, its paragraphs indented by
    as much, so the table cell does not clip the number and the text stays on the text block's edge."""
    style = rendered.styles["CV Numbered"].paragraph_format
    left = style.left_indent or 0
    overhang = -style.first_line_indent - left if style.first_line_indent is not None else 0
    table = _row_with(rendered, "Machine Unlearning in Computer Vision").getparent()
    indent = table.find(f"{qn('w:tblPr')}/{qn('w:tblInd')}")
    if overhang <= 0:  # classic, modern: the number hangs inside the text block, the table is not moved
        assert indent is None
        return
    assert int(indent.get(qn("w:w"))) == -Length(overhang).twips
    first = table.find(f"{qn('w:tr')}/{qn('w:tc')}/{qn('w:p')}/{qn('w:pPr')}/{qn('w:ind')}")
    assert int(first.get(qn("w:left"))) == Length(overhang).twips
    assert int(first.get(qn("w:hanging"))) == Length(-style.first_line_indent).twips


def test_stored_save_holds_what_python_docx_saves() -> None:
    """The DOCX backend saves the package without compression (``normalise_zip`` compresses once):
    every part must be the one python-docx's own ``save`` writes, only stored instead of deflated."""
    from cvgen.backends.docx_xml import save_stored

    document = docx.Document(str(builtin_dir() / "classic" / "reference.docx"))
    document.add_paragraph("Zoë & <co> — 51584-51605")
    ours = zipfile.ZipFile(io.BytesIO(save_stored(document)))
    buffer = io.BytesIO()
    document.save(buffer)
    theirs = zipfile.ZipFile(buffer)
    assert ours.namelist() == theirs.namelist()
    assert {i.compress_type for i in ours.infolist()} == {zipfile.ZIP_STORED}
    for name in theirs.namelist():
        assert ours.read(name) == theirs.read(name), name
