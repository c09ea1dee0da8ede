"""Hardening I, item 6: one link rule. A target is checked once and every format keeps it whole.

Each output is read back the way a reader's software reads it: the PDF's link annotations (pypdf),
the compiled LaTeX PDF's too, the DOCX relationships, the HTML through an HTML5 parser and the
Markdown rendered by markdown-it-py (a CommonMark implementation).
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

import cvgen
from cvgen.errors import InputError
from tests.security._support import html_tree, markdown_html
from tests.security.test_cases_links import link_targets

FORMATS = ("pdf", "docx", "html", "markdown", "latex")


def targets(fmt: str, data: bytes) -> set[str]:
    found = link_targets(fmt, data)
    return {html.unescape(t) for t in found} if fmt == "docx" else found


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    cv = cvgen.load({
        "person": {"name": "Ada Lovelace", "links": [
            {"label": "Two hashes", "url": "https://example.org/page/#a#b"},
            {"label": "Entity", "url": "https://example.org/?q=a&amp;b=2"},
        ]},
        "publications": [{"title": "A study of [engines](https://engines.example/) and looms", "authors": ["A. Lovelace"],
                          "date": 2020, "url": "https://paper.example/p1"}],
    })
    return {fmt: cvgen.render(cv, fmt) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_second_hash_keeps_the_whole_target(outputs, fmt: str) -> None:
    """hyperref cut ``…/#a#b`` at the second ``#``; written ``#a%23b`` (the same fragment) it survives."""
    found = targets(fmt, outputs[fmt])
    assert "https://example.org/page/#a%23b" in found, found
    assert not any(t.endswith("/page/#a") for t in found)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_entity_written_in_a_url_stays_itself(outputs, fmt: str) -> None:
    """CommonMark decodes ``&amp;`` in a destination; the Markdown writes it so it does not."""
    assert "https://example.org/?q=a&amp;b=2" in targets(fmt, outputs[fmt])


def test_a_linked_title_on_a_linked_entry_gives_two_links_side_by_side(outputs) -> None:
    root = html_tree(outputs["html"])
    anchors = list(root.iter("a"))
    assert not [a for a in anchors if list(a.iter("a"))[1:]]  # no <a> inside an <a>
    by_text = {"".join(a.itertext()).strip(): a.get("href") for a in anchors}
    assert by_text.get("engines") == "https://engines.example/"
    assert any("A study of" in t and h == "https://paper.example/p1" for t, h in by_text.items())
    assert any("looms" in t and h == "https://paper.example/p1" for t, h in by_text.items())
    md = html_tree(markdown_html(outputs["markdown"]))
    md_links = {a.get("href") for a in md.iter("a")}
    assert {"https://engines.example/", "https://paper.example/p1"} <= md_links


def test_nested_links_are_resolved_in_the_view_for_every_format(outputs) -> None:
    for fmt in ("pdf", "docx", "latex"):
        assert {"https://engines.example/", "https://paper.example/p1"} <= targets(fmt, outputs[fmt]), fmt


@pytest.mark.parametrize("email", [
    "ada@example.org?cc=boss@example.org&subject=Offer&body=Hi",
    "ada@example.org&bcc=spy@example.org",
    "ada@example.org, spy@example.org",
    "Ada <ada@example.org>",
    "@example.org",
])
def test_an_email_must_be_one_address(tmp_path: Path, email: str) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text(f'person:\n  name: Ada\n  emails:\n    - "{email}"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cvgen", "validate", str(cv)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert f"{cv}:4:7: person.emails[0]: " in proc.stderr and "not an e-mail address" in proc.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unusual_address_opens_a_message_to_exactly_that_address(fmt: str) -> None:
    """``%``, ``&``, ``?``, ``=`` are legal in an address's local part; the mailto: encodes them (RFC 6068)."""
    address = "ada%x&y?z=w@example.org"
    data = cvgen.render({"person": {"name": "Ada", "emails": [address]}}, fmt)
    mailtos = [t for t in targets(fmt, data) if t.startswith("mailto:")]
    assert len(mailtos) == 1
    assert "?" not in mailtos[0] and "&" not in mailtos[0]
    assert unquote(mailtos[0].removeprefix("mailto:")) == address


def test_a_mailto_link_with_headers_is_refused() -> None:
    with pytest.raises(InputError, match="addresses only"):
        cvgen.load({"person": {"name": "Ada", "links": [{"label": "Mail", "url": "mailto:a@b.org?body=hi"}]}})


def test_an_address_written_against_harvesters_is_text_and_never_a_link() -> None:
    data = cvgen.render({"person": {"name": "Ada", "emails": ["ada at example dot org"]}}, "html")
    root = html_tree(data)
    assert "ada at example dot org" in "".join(root.itertext())
    assert not [a for a in root.iter("a") if (a.get("href") or "").startswith("mailto:")]
