"""The documentation site builds in strict mode (broken links, missing pages and anchors fail)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.docs.snippets import DOCS, ROOT


def test_site_builds_strict_and_offline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    for md in DOCS.rglob("*.md"):
        rel = md.relative_to(DOCS).with_suffix("")
        expected = "index.html" if rel.as_posix() == "index" else f"{rel.as_posix()}/index.html"
        assert expected in pages, f"{md} was not built"
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert 'id="publication"' in reference and "International Conference on Learning Representations" in reference
    _check_gallery(site)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html, f"{page} loads Google Fonts"
        remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert not remote, f"{page} loads {remote}"


def _check_gallery(site: Path) -> None:
    """docs/gallery.md: page 1 of every built-in theme in each of the five formats (HTML at two widths), drawn at build time,
    and each theme's [fallbacks] sentences beside them."""
    from html import escape

    from PIL import Image

    from cvgen.themes import builtin_themes, resolve_theme

    page = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    for theme in builtin_themes():
        for fmt, sentence in resolve_theme(theme).manifest.fallbacks:
            assert f"{escape(fmt)}: {escape(sentence)}" in page, (theme, fmt)
        for fmt in ("pdf", "pdf-typst", "latex", "docx", "html", "html-phone"):  # XeLaTeX, LibreOffice, Chromium: installed
            image = site / "gallery" / f"{theme}-{fmt}.png"
            assert f'src="{image.name}"' in page
            with Image.open(image) as img:
                if fmt == "html-phone":  # a 390 x 844 screen at 36/96 scale
                    assert img.size == (146, 316), img.size
                else:
                    assert img.width > 200 and img.height > 250, img.size  # a page at 36 DPI is 306 x 396
                assert sum(img.convert("L").histogram()[:128]) > 300  # text was drawn


def test_every_page_is_in_the_nav() -> None:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506

    def walk(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [p for v in node.values() for p in walk(v)]
        if isinstance(node, list):
            return [p for v in node for p in walk(v)]
        return []

    listed = walk(config["nav"])
    assert len(listed) == len(set(listed)), f"a page is listed twice in the nav: {sorted(listed)}"
    in_nav = set(listed)
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert pages - in_nav == set(), "add these pages to the nav in mkdocs.yml"
    assert in_nav - pages == set(), "the nav names pages that do not exist"
