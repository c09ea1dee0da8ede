"""BAD_INPUTS 22-24: dangerous link schemes, links to local addresses, and awkward URLs and DOIs.

22: every link field (and inline ``[x](…)`` links in rich text) refuses ``javascript:``,
``vbscript:``, ``data:`` and ``file:`` in any spelling, naming the field.
23: links to localhost and the cloud metadata address are clickable in every output, and no
renderer ever requests them (a local server counts the requests).
24: URLs and DOIs full of ``% # _ & ~ < > ;`` are working links with the same target in every
format, and their visible text is not truncated.
"""

from __future__ import annotations

import http.server
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pypdf
import pytest

import cvgen
from cvgen.errors import InputError
from tests.security._support import html_tree, markdown_html, visible_text

pytestmark = pytest.mark.e2e

BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "FILE://localhost/etc/passwd",
]


def _place(where: str, url: str) -> tuple[dict[str, Any], str]:
    """A CV with ``url`` in one link field, and the field path the error must name."""
    person: dict[str, Any] = {"name": "Ada Lovelace"}
    data: dict[str, Any] = {"person": person}
    pub = {"title": "T", "authors": ["A. Lovelace"], "date": 2020}
    talk = {"title": "T", "event": "E", "date": 2020}
    if where == "person.links":
        person["links"] = [{"label": "Home", "url": url}]
        return data, "person.links[0].url"
    if where == "publication.url":
        data["publications"] = [{**pub, "url": url}]
        return data, "publications[0].url"
    if where == "publication.links":
        data["publications"] = [{**pub, "links": [{"label": "PDF", "url": url}]}]
        return data, "publications[0].links[0].url"
    if where == "talk.url":
        data["talks"] = [{**talk, "url": url}]
        return data, "talks[0].url"
    if where == "talk.links":
        data["talks"] = [{**talk, "links": [{"label": "Slides", "url": url}]}]
        return data, "talks[0].links[0].url"
    if where == "metrics.url":
        data["metrics"] = {"citations": 1, "url": url}
        return data, "metrics.url"
    if where == "metrics.extra":
        data["metrics"] = {"extra": [{"label": "Score", "value": "1", "url": url}]}
        return data, "metrics.extra[0].url"
    if where == "custom.url":
        data["custom_sections"] = [{"key": "x", "title": "X", "entries": [{"title": "E", "url": url}]}]
        return data, "custom_sections[0].entries[0].url"
    if where == "inline.summary":
        data["summary"] = f"See [my page]({url.strip()})."
        return data, "summary"
    data["publications"] = [{**pub, "title": f"On [attacks]({url.strip()})"}]
    return data, "publications[0].title"


PLACES = ["person.links", "publication.url", "publication.links", "talk.url", "talk.links", "metrics.url",
          "metrics.extra", "custom.url", "inline.summary", "inline.title"]


# A tab inside [x](…) makes it no link for CommonMark (plain text; see the test after this one).
CASES = [(w, u) for w in PLACES for u in BAD_URLS if not (w.startswith("inline") and "\t" in u)]


@pytest.mark.parametrize(("where", "url"), CASES, ids=[f"{w}-{i % len(BAD_URLS)}" for i, (w, _) in enumerate(CASES)])
def test_dangerous_scheme_is_refused_naming_the_field(where: str, url: str) -> None:
    data, path = _place(where, url)
    with pytest.raises(InputError) as caught:
        cvgen.load(data)
    problems = caught.value.problems
    assert [p.path for p in problems] == [path], problems
    assert re.search(r"not allowed|spaces or control characters|needs a scheme", problems[0].message)


def test_a_tab_inside_an_inline_link_leaves_plain_text_not_a_link() -> None:
    cv = cvgen.load({"person": {"name": "A"}, "summary": "See [x](java\tscript:alert(1))."})
    root = html_tree(cvgen.render(cv, "html"))
    assert not [a for a in root.iter("a") if "script" in a.get("href", "")]


# ----------------------------------------------------------------------------- 23: never fetched


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"fetched")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()


def link_targets(fmt: str, data: bytes) -> set[str]:
    """The link targets a reader can click in ``data``."""
    if fmt == "html":
        return {a.get("href") for a in html_tree(data).iter("a")}
    if fmt == "markdown":
        return {a.get("href") for a in html_tree(markdown_html(data)).iter("a")}
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            rels = z.read("word/_rels/document.xml.rels").decode()
        return {m for m in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)} | {
            m for m in re.findall(r'TargetMode="External"[^>]*Target="([^"]+)"', rels)}
    if fmt == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(data))
        return {a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
                if "/A" in a.get_object()}
    if fmt == "latex":  # the links of the compiled PDF
        from cvgen.backends.tex_compile import compile_tex
        from tests.conftest import require_program

        require_program("xelatex")
        return link_targets("pdf", compile_tex(data.decode(), "xelatex").pdf)
    return set()


def same_target(url: str) -> str:
    """A URL up to the percent-encoding of characters whose encoding does not change it."""
    import html

    url = html.unescape(url)
    return re.sub(r"%(2[0289]|3[CcEe]|7[Ee]|5[CcEe]|7[BbDd])", lambda m: unquote(m.group(0)), url).replace("\\%", "%")


@pytest.fixture(scope="module")
def local_links(server) -> tuple[dict[str, bytes], str, list[str]]:
    base, requests = server
    cv = {
        "person": {"name": "Ada Lovelace", "links": [{"label": "Intranet", "url": f"{base}/person"}]},
        "publications": [{"title": "T", "authors": ["A. Lovelace"], "date": 2020, "url": f"{base}/paper",
                          "links": [{"label": "Metadata", "url": "http://169.254.169.254/latest/meta-data/"}]}],
        "talks": [{"title": "Talk", "event": "E", "date": 2020, "url": "http://localhost/slides"}],
        "summary": f"An [inline link]({base}/inline).",
    }
    loaded = cvgen.load(cv)
    outputs = {fmt: cvgen.render(loaded, fmt) for fmt in ("pdf", "docx", "html", "markdown", "text", "latex")}
    return outputs, base, requests


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "markdown", "latex"])
def test_local_addresses_are_clickable(local_links, fmt: str) -> None:
    outputs, base, _ = local_links
    targets = {same_target(t) for t in link_targets(fmt, outputs[fmt])}
    for url in (f"{base}/person", f"{base}/paper", f"{base}/inline",
                "http://169.254.169.254/latest/meta-data/", "http://localhost/slides"):
        assert url in targets, (fmt, url, targets)


def test_local_addresses_are_never_fetched(local_links) -> None:
    outputs, base, requests = local_links
    assert base in outputs["text"].decode()  # the text output prints the addresses
    assert requests == []


# ----------------------------------------------------------------------------- 24: awkward URLs and DOIs

URL = "https://example.org/a_b%20c/~user?x=1&y=<2>;z#frag_1"
DOI = "10.1000/abc_def%23(x)<y>;z~1&2"


@pytest.fixture(scope="module")
def awkward() -> dict[str, bytes]:
    cv = cvgen.load({
        "person": {"name": "Ada Lovelace", "links": [{"label": "Home page", "url": URL}]},
        "publications": [{"title": "Awkward", "authors": ["A. Lovelace"], "date": 2020, "doi": DOI, "url": URL}],
    })
    return {fmt: cvgen.render(cv, fmt) for fmt in ("pdf", "docx", "html", "markdown", "text", "latex")}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "markdown", "latex"])
def test_awkward_url_and_doi_are_working_links(awkward, fmt: str) -> None:
    targets = {same_target(t) for t in link_targets(fmt, awkward[fmt])}
    assert same_target(URL) in targets, (fmt, targets)
    assert same_target("https://doi.org/" + DOI) in targets, (fmt, targets)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "markdown", "text"])
def test_awkward_doi_is_shown_whole(awkward, fmt: str) -> None:
    text = visible_text(fmt, awkward[fmt], "Ada Lovelace")
    assert DOI in text.replace(" ", "") or DOI in text, (fmt, text[-300:])


def test_awkward_doi_is_shown_whole_in_compiled_latex(awkward) -> None:
    from cvgen.backends.tex_compile import compile_tex
    from tests.conftest import require_program

    require_program("xelatex")
    result = compile_tex(awkward["latex"].decode(), "xelatex")
    assert DOI in visible_text("pdf", result.pdf, "Ada Lovelace").replace(" ", "")
