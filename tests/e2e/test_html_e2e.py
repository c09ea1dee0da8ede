"""The reference CV as HTML in both themes: every fact, numbering, owner in bold, loaded in headless Chromium."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest

from cvgen.api import render
from tests.conftest import THEMES, require_program
from tests.seed_facts import (
    missing_facts,
    seed_problems,
)

pytestmark = pytest.mark.e2e

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
]
# Records whether the page is wider than the window (horizontal scrolling on a phone).
PROBE = ("<script>document.documentElement.dataset.probe = "
         "document.documentElement.scrollWidth + 'x' + window.innerWidth;</script>")


@pytest.fixture(scope="module", params=THEMES)
def page(request, example_path) -> tuple[str, str]:
    return request.param, render(example_path, "html", theme=request.param).decode("utf-8")


def parse(html: str) -> ElementTree.Element:
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def body_text(root: ElementTree.Element) -> str:
    return " ".join(root.find("body").itertext())


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = require_program("chromium")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    profile.mkdir()
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
                          capture_output=True, text=True, timeout=90)


def console_problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def test_every_fact_and_numbering(page) -> None:
    _, html = page
    text = body_text(parse(html))
    assert seed_problems(text) == []


def test_owner_bold_other_lius_not(page) -> None:
    _, html = page
    root = parse(html)
    # A no-break space ties each initial to its surname (issue 21): compare words.
    strong = [(" ".join("".join(s.itertext()).split()), s.get("class")) for s in root.iter("strong")]
    owners = [t for t, cls in strong if cls == "owner"]
    assert owners and set(owners) == {"S. Liu"}
    assert len(owners) == 10  # the owner is on all ten selected publications
    assert not {"Y. Liu", "G. Liu", "J. Liu"} & {t for t, _ in strong}
    text = " ".join(body_text(root).split())
    assert "J. Liu" in text and "G. Liu" in text and "Y. Liu" in text


def test_chromium_loads_without_console_errors(page, tmp_path: Path) -> None:
    theme, html = page
    path = tmp_path / f"{theme}.html"
    path.write_text(html, encoding="utf-8")
    result = chromium(tmp_path, path.as_uri(), "--window-size=1200,1600", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_problems(result.stderr) == []
    dom = parse(result.stdout)
    assert missing_facts(body_text(dom)) == []
    assert dom.find("head/title").text == "Sijia Liu — Curriculum Vitae"


def test_console_detector_sees_errors(tmp_path: Path) -> None:
    """The check above would catch a broken page: the same detector flags a deliberate error."""
    path = tmp_path / "bad.html"
    path.write_text("<!DOCTYPE html><title>x</title><script>throw new Error('boom')</script>", encoding="utf-8")
    result = chromium(tmp_path, path.as_uri(), "--dump-dom")
    assert any("boom" in line for line in console_problems(result.stderr))


@pytest.mark.parametrize("width", [1200, 400])
def test_no_horizontal_overflow_even_with_a_long_word(tmp_path: Path, width: int) -> None:
    word = "ACGT" * 125  # BAD_INPUTS 37: 500 characters without a space
    cv = {"person": {"name": "Ada Lovelace", "emails": ["ada@example.org"]},
          "honors": [{"title": word, "date": "2020"}],
          "publications": [{"title": f"On {word}", "authors": ["A. Lovelace"], "venue": "J", "date": "2021"}]}
    for theme in THEMES:
        html = render(cv, "html", theme=theme).decode("utf-8").replace("</body>", PROBE + "</body>")
        path = tmp_path / f"long-{theme}-{width}.html"
        path.write_text(html, encoding="utf-8")
        result = chromium(tmp_path, path.as_uri(), f"--window-size={width},900", "--dump-dom")
        probe = re.search(r'data-probe="(\d+)x(\d+)"', result.stdout)
        assert probe, result.stdout[:500]
        scroll, inner = map(int, probe.groups())
        assert scroll <= inner, (theme, width, scroll, inner)


def test_screenshots_render(page, tmp_path: Path) -> None:
    theme, html = page
    path = tmp_path / f"{theme}.html"
    path.write_text(html, encoding="utf-8")
    for size in ("1200,1600", "400,1200"):
        shot = tmp_path / f"{theme}-{size.split(',')[0]}.png"
        result = chromium(tmp_path, path.as_uri(), f"--window-size={size}", f"--screenshot={shot}")
        assert result.returncode == 0 and console_problems(result.stderr) == []
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page of text, not a blank image
