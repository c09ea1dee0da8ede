"""The safe WeasyPrint fetcher: theme files and cvgen's own data URIs only, everything else refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cvgen.backends.fetcher import RefusedURL, SafeFetcher


@pytest.fixture
def theme_dir(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    (theme / "fonts").mkdir(parents=True)
    (theme / "style.css").write_text("body { color: black }")
    (theme / "fonts" / "x.woff2").write_bytes(b"wOF2fake")
    (tmp_path / "secret.txt").write_text("secret")
    return theme


def test_serves_files_inside_the_theme(theme_dir: Path) -> None:
    fetcher = SafeFetcher(theme_dir)
    response = fetcher((theme_dir / "style.css").as_uri())
    assert response.read() == b"body { color: black }"
    assert response.content_type == "text/css"
    assert fetcher.fetch((theme_dir / "fonts" / "x.woff2").as_uri()).read() == b"wOF2fake"
    assert fetcher.refused == [] and len(fetcher.served) == 2


def test_serves_only_registered_data_uris(theme_dir: Path) -> None:
    ours = "data:image/png;base64,iVBORw0KGgo="
    fetcher = SafeFetcher(theme_dir, {ours: (b"\x89PNG", "image/png")})
    response = fetcher(ours)
    assert response.read() == b"\x89PNG" and response.content_type == "image/png"
    with pytest.raises(RefusedURL):
        fetcher("data:text/css,body{background:url(http://x/)}")
    assert fetcher.refused == ["data:text/css,body{background:url(http://x/)}"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.css",
        "https://example.org/font.woff2",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "file:///etc/hostname",
        "file://otherhost/etc/passwd",
        "gopher://x/",
        "javascript:alert(1)",
    ],
)
def test_refuses_everything_else(theme_dir: Path, url: str) -> None:
    fetcher = SafeFetcher(theme_dir)
    with pytest.raises(RefusedURL):
        fetcher(url)
    assert fetcher.refused == [url] and fetcher.served == []


def test_refuses_files_next_to_the_theme_and_dotdot(theme_dir: Path) -> None:
    fetcher = SafeFetcher(theme_dir)
    with pytest.raises(RefusedURL, match="only files inside the theme folder"):
        fetcher((theme_dir.parent / "secret.txt").as_uri())
    with pytest.raises(RefusedURL):
        fetcher(theme_dir.as_uri() + "/../secret.txt")
    with pytest.raises(RefusedURL):
        fetcher(theme_dir.as_uri())  # a folder is not a file
    with pytest.raises(RefusedURL, match="not found"):
        fetcher((theme_dir / "missing.css").as_uri())


def test_refuses_symlink_escape(theme_dir: Path) -> None:
    link = theme_dir / "innocent.css"
    os.symlink(theme_dir.parent / "secret.txt", link)
    fetcher = SafeFetcher(theme_dir)
    with pytest.raises(RefusedURL):
        fetcher(link.as_uri())
    assert fetcher.refused == [link.as_uri()]


def test_urllib_open_path_is_guarded_too(theme_dir: Path) -> None:
    """WeasyPrint may call ``open`` (the OpenerDirector API); it must go through the same check."""
    with pytest.raises(RefusedURL):
        SafeFetcher(theme_dir).open("http://127.0.0.1:9/")
