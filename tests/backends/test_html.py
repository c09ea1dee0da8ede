"""HTML backend: escaping, valid HTML5, numbering attributes, JSON-LD, fragments, the resource guard."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest

from cvgen.api import render
from cvgen.backends.base import RenderOptions
from cvgen.backends.html import HtmlBackend, HtmlInline, external_resources, inline_html, json_ld, render_html
from cvgen.errors import InputError, RenderError
from cvgen.model.markup import Emph, Link, Strong, Sup, Text
from cvgen.themes import builtin_dir, resolve_theme
from tests.conftest import THEMES
from tests.seed_facts import normalise
from tests.typo import folded

# BAD_INPUTS 17, 20, 21: text that must come out literally, never as markup.
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</style>",
    "& % $ # _ { } ~ ^ \\ < > | \" ' --",
    "C++ and C#",
    "*nix",
    "snake_case_name",
    "2*3*4",
    "javascript:alert(1)",
]
HOSTILE_TEXT = " ".join(HOSTILE)
HOSTILE_NAME = "Eve <script>alert(1)</script> O'Hara"


def hostile_cv(**settings: object) -> dict:
    return {
        "person": {
            "name": HOSTILE_NAME,
            "affiliations": [{"title": HOSTILE_TEXT, "institution": "</script><script>alert(2)</script>"}],
            "emails": ["eve@example.org"],
        },
        "honors": [{"title": HOSTILE_TEXT, "date": "2020", "description": HOSTILE_TEXT}],
        "publications": [
            {"title": HOSTILE_TEXT, "authors": [HOSTILE_NAME, "X. Y"], "venue": HOSTILE_TEXT, "date": "2021",
             "abstract": HOSTILE_TEXT, "url": "https://example.org/?a=1&b=\"<x>"},
        ],
        "talks": [{"title": HOSTILE_TEXT, "event": HOSTILE_TEXT, "date": "2022"}],
        "settings": {"publications": {"show_abstracts": True}, **settings},
    }


def parse_strict(html: str) -> ElementTree.Element:
    """Parse with html5lib in strict mode: any parse error (invalid HTML5) raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(html)


def visible_text(root: ElementTree.Element) -> str:
    body = root.find("body")
    assert body is not None
    return folded(normalise(" ".join(body.itertext())))


@pytest.fixture(scope="module", params=THEMES)
def hostile_html(request) -> str:
    return render(hostile_cv(theme=request.param), "html").decode("utf-8")


def test_hostile_text_is_valid_html5_and_shown_literally(hostile_html: str) -> None:
    root = parse_strict(hostile_html)
    text = visible_text(root)
    for piece in HOSTILE:  # as written, but for the view's typographic quotes and dashes
        assert folded(normalise(piece)) in text, piece
    assert folded(normalise(HOSTILE_NAME)) in text


def test_hostile_text_injects_no_element(hostile_html: str) -> None:
    root = parse_strict(hostile_html)
    scripts = list(root.iter("script"))
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert list(root.iter("img")) == [] and list(root.iter("style"))[0].text.count("alert") == 0
    for el in root.iter():
        assert not any(attr.lower().startswith("on") for attr in el.attrib), (el.tag, el.attrib)
    # The only <style> elements are the theme's and the page size: </style> in user text closed nothing.
    assert all("alert" not in (s.text or "") for s in root.iter("style"))


def test_json_ld_cannot_close_its_script(hostile_html: str) -> None:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', hostile_html, re.S)
    assert block is not None
    raw = block.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["@type"] == "Person" and data["name"] == HOSTILE_NAME
    assert data["affiliation"]["name"] == "</script><script>alert(2)</script>"


def test_no_javascript_href_survives(hostile_html: str) -> None:
    root = parse_strict(hostile_html)
    hrefs = [a.get("href", "") for a in root.iter("a")]
    assert hrefs, "expected the email and publication links"
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "vbscript:", "data:"))]
    assert "https://example.org/?a=1&b=\"<x>" in hrefs  # escaped in the attribute, intact when parsed


def test_loader_refuses_javascript_links() -> None:
    cv = {"person": {"name": "A B"}, "honors": [{"title": "[x](javascript:alert(1))", "date": "2020"}]}
    with pytest.raises(InputError, match="honors"):
        render(cv, "html")


def test_abstract_is_collapsible_details(hostile_html: str) -> None:
    root = parse_strict(hostile_html)
    details = list(root.iter("details"))
    assert len(details) == 1 and details[0].get("open") is None
    assert details[0].find("summary") is not None
    assert normalise("<script>alert(1)</script>") in normalise("".join(details[0].itertext()))


def test_inline_format_escapes_in_one_place() -> None:
    fmt = HtmlInline()
    assert str(fmt.text("<b>&\"'")) == "&lt;b&gt;&amp;&#34;&#39;"
    nodes = (
        Text("a<"), Strong((Text("S. Liu"),), role="owner"), Emph((Text("v&"),)),
        Link('https://x.org/?q="<>', (Text("t"),)), Sup((Text("†,*"),)),
    )
    assert str(inline_html(nodes)) == (
        'a&lt;<strong class="owner">S. Liu</strong><em>v&amp;</em>'
        '<a href="https://x.org/?q=&#34;&lt;&gt;">t</a><sup>†,*</sup>'
    )
    # a role that is not a plain word never reaches the class attribute
    assert fmt.strong("x", 'a" onclick="y') == "<strong>x</strong>"


def test_page_has_head_metadata_and_numbering(example_doc) -> None:
    html = render_html(example_doc, resolve_theme("classic"), RenderOptions())
    root = parse_strict(html)
    assert root.get("lang") == "en"
    assert root.find("head/title").text == example_doc.meta.title
    metas = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    assert metas["author"] == "Sijia Liu" and metas["description"] == example_doc.meta.description
    assert "Trustworthy ML" in metas["keywords"] and "viewport" in metas
    style = "".join(s.text or "" for s in root.iter("style"))
    assert "@media print" in style and "max-width" in style and "break-inside: avoid" in style
    lists = [ol for ol in root.iter("ol") if "numbered" in ol.get("class", "")]
    pubs = [ol for ol in lists if ol.find("li").get("class", "").find("kind-publication") >= 0]
    assert len(pubs) == 2
    for ol in pubs:
        assert ol.get("reversed") is not None
        items = ol.findall("li")
        assert [li.get("value") for li in items] == ["5", "4", "3", "2", "1"]
        assert [li.find(".//span[@class='label']").text for li in items] == ["P5. ", "P4. ", "P3. ", "P2. ", "P1. "]
    talks = [ol for ol in lists if ol.get("reversed") is None]
    assert [li.find(".//span[@class='label']").text for li in talks[0].findall("li")] == [f"T{i}. " for i in range(1, 8)]


def test_fragment_is_publications_only(example_doc) -> None:
    html = render_html(example_doc, resolve_theme("modern"), RenderOptions(fragment=True))
    assert "<html" not in html and "<head" not in html and "<body" not in html and "<style" not in html
    fragment = html5lib.parseFragment(html, namespaceHTMLElements=False)
    sections = list(fragment.iter("section"))
    assert [s.get("id") for s in sections] == ["publications"]
    assert len([li for li in fragment.iter("li")]) == 10
    assert "Selected Publications" in html and "Education" not in html


def test_accent_colour_reaches_the_modern_page(example_cv) -> None:
    cv = example_cv.model_copy(update={"settings": example_cv.settings.model_copy(update={"accent_colour": "#aa3300"})})
    html = render(cv, "html", theme="modern").decode()
    assert "--accent: #aa3300" in html


def test_owner_strong_and_markers(example_doc) -> None:
    html = render_html(example_doc, resolve_theme("classic"), RenderOptions())
    root = parse_strict(html)
    owners = {"".join(s.itertext()) for s in root.iter("strong") if s.get("class") == "owner"}
    assert owners == {"S.\u00a0Liu"}  # the initial tied to the surname
    bold = {"".join(s.itertext()).replace("\u00a0", " ") for s in root.iter("strong")}
    assert not {"Y. Liu", "G. Liu", "J. Liu"} & bold
    assert any("".join(s.itertext()) == "†,*" for s in root.iter("sup"))


def test_json_ld_of_example(example_doc) -> None:
    data = json.loads(str(json_ld(example_doc)))
    assert data["name"] == "Sijia Liu" and data["email"] == "liusiji5@msu.edu"
    assert data["jobTitle"] == "Assistant Professor" and "Trustworthy ML" in data["knowsAbout"]


def test_user_theme_with_external_resources_is_refused(tmp_path: Path, example_doc) -> None:
    theme_dir = tmp_path / "evil"
    shutil.copytree(builtin_dir() / "classic", theme_dir)
    template = theme_dir / "cv.html.j2"
    template.write_text(template.read_text().replace(
        "<main>", '<main><img src="file:///etc/hostname" alt=""><link rel="attachment" href="file:///etc/passwd">'))
    (theme_dir / "style.css").write_text("@import url(http://127.0.0.1:9/x.css);\nbody { color: red }\n")
    with pytest.raises(RenderError) as err:
        HtmlBackend().render(example_doc, resolve_theme(theme_dir), RenderOptions())
    message = str(err.value)
    assert "file:///etc/hostname" in message and "http://127.0.0.1:9/x.css" in message


def test_external_resources_finder() -> None:
    html = (
        '<p style="background:url(\'http://a/b.png\')">x</p><img src="data:image/png;base64,AA">'
        '<a href="https://ok.example">link</a><style>@import "http://c/d.css"; i{background:url(#g)}</style>'
    )
    assert external_resources(html, allowed={"data:image/png;base64,AA"}) == ["http://a/b.png", "http://c/d.css"]


def test_backend_declaration() -> None:
    backend = HtmlBackend()
    assert (backend.name, backend.aliases, backend.suffix, backend.binary) == ("html", ("htm",), ".html", False)
    assert backend.check() is None


def test_long_words_get_break_chances_escaped_piece_by_piece_and_links_keep_their_address() -> None:
    """A word over 40 characters gets a <wbr> every 8 (as LaTeX and Typst get break chances); each
    piece is escaped on its own, so no entity is cut, and the text a browser shows is unchanged."""
    word = "<&>\"x" * 12  # 60 characters, every one of them special in HTML but "x"
    out = str(HtmlInline().text(f"a {word} b"))
    assert out.count("<wbr>") == 60 // 8
    shown = "".join(html5lib.parse(f"<p>{out}</p>", namespaceHTMLElements=False).find(".//p").itertext())
    assert shown == f"a {word} b"
    assert "<wbr>" not in str(HtmlInline().text("Zeroth-Order Optimization of Deep Models, 2024"))
    url = "https://example.org/" + "a" * 60
    assert HtmlInline().link(url, "x") == f'<a href="{url}">x</a>'
