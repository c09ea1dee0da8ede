"""The README's theme gallery shows every built-in theme, each a real page image."""

from __future__ import annotations

import re

from tests.conftest import ROOT, THEMES


def test_every_builtin_theme_has_its_picture_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[([a-z-]+)\]\(docs/images/themes/([a-z-]+)\.png\)", readme)
    assert sorted(name for name, _ in shown) == sorted(THEMES)
    for name, stem in shown:
        assert name == stem
        picture = ROOT / "docs" / "images" / "themes" / f"{stem}.png"
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture  # what scripts/readme_gallery.py writes
