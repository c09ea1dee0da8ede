"""Hardening I, item 3: one resource policy for the HTML page and the watch preview.

Each payload is something a theme author might slip into a page to make it call out when opened. The
oracle is a real browser: headless Chromium loads all payloads from a page served on 127.0.0.1 and a
recording server shows that each one really is fetched. cvgen must then refuse a user theme holding
any of them, naming the URL, and the preview's CSP must stop such a page from calling out.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import cvgen
from cvgen.errors import RenderError
from cvgen.resources import css_urls, external_resources
from cvgen.themes import builtin_dir
from tests.conftest import require_program

# {u} stands for the recording server's base URL (replaced, not formatted: CSS has braces); each payload asks for its own path.
PAYLOADS: dict[str, tuple[str, str]] = {
    # name: (where it goes: "html" in the page body or "css" in the stylesheet, the payload)
    "css-escaped-url": ("css", ".c1 { background: \\75 rl({u}/css-escaped-url) }"),
    "image-set": ("css", '.c2 { background-image: image-set("{u}/image-set" 1x) }'),
    "webkit-image-set": ("css", '.c3 { background-image: -webkit-image-set("{u}/webkit-image-set" 1x) }'),
    "import-escaped": ("css", '@\\69mport "{u}/import-escaped";'),
    "import-comment": ("css", '@import/**/"{u}/import-comment";'),
    "font-face": ("css", '@font-face { font-family: x; src: local(nothing), url("{u}/font-face") } body { font-family: x }'),
    "body-background": ("html", '<body background="{u}/body-background">'),
    "table-background": ("html", '<table background="{u}/table-background"><tr><td>x</td></tr></table>'),
    "meta-refresh": ("html", '<meta http-equiv="refresh" content="1;url={u}/meta-refresh">'),
    "svg-image": ("html", '<svg width="10" height="10"><image href="{u}/svg-image" width="10" height="10"/></svg>'),
    "svg-fill": ("html", '<svg width="10" height="10"><rect width="10" height="10" fill="url({u}/svg-fill#p)"/></svg>'),
    "svg-style": ("html", '<svg width="1" height="1"><style>@import url({u}/svg-style);</style></svg>'),
    "srcset": ("html", '<img alt="" srcset="{u}/srcset 1x">'),
    "video-poster": ("html", '<video poster="{u}/video-poster"></video>'),
    "link-preload": ("html", '<link rel="preload" as="image" href="{u}/link-preload">'),
    "iframe-srcdoc": ("html", '<iframe srcdoc="&lt;img src=&quot;{u}/iframe-srcdoc&quot;&gt;"></iframe>'),
    "input-image": ("html", '<input type="image" alt="" src="{u}/input-image">'),
}
"""Every payload Chromium fetches (checked below); a ``<meta refresh>`` counts when it fires."""

SCRIPTS: dict[str, str] = {
    "inline-script": '<script>fetch("{u}/inline-script")</script>',
    "onerror": '<img alt="" src="data:," onerror="fetch(\'{u}/onerror\')">',
    "svg-onload": '<svg onload="fetch(\'{u}/svg-onload\')" width="1" height="1"></svg>',
}
"""Code can fetch anything: a theme's page holds none (these call out in Chromium too)."""


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str]
    page: bytes = b""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path.split("?")[0].split("#")[0])
        body = self.page if self.path == "/page.html" else b""
        self.send_response(200 if self.path == "/page.html" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str], type[_Recorder]]]:
    seen: list[str] = []
    handler = type("H", (_Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen, handler
    server.shutdown()
    server.server_close()


def chromium_load(tmp_path: Path, url: str) -> None:
    exe = require_program("chromium")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", f"--user-data-dir={profile}", "--virtual-time-budget=5000",
                    "--dump-dom", url], capture_output=True, text=True, timeout=90)


def page_with(payloads: dict[str, tuple[str, str]], base: str) -> str:
    rules = [p.replace("{u}", base) for kind, p in payloads.values() if kind == "css"]
    css = "\n".join(sorted(rules, key=lambda rule: not rule.startswith("@")))  # @import only counts first
    tags = [p.replace("{u}", base) for kind, p in payloads.values() if kind == "html"]
    opening = next((t for t in tags if t.startswith("<body")), "<body>")
    body = "\n".join(t for t in tags if t != opening) + '<p class="c1">1</p><p class="c2">2</p><p class="c3">3</p>'
    return f"<!doctype html><html><head><meta charset=utf-8><style>{css}</style></head>{opening}{body}</body></html>"


@pytest.mark.e2e
def test_chromium_fetches_every_payload(tmp_path: Path, recorder) -> None:
    """The oracle: each payload is a real call-out in a real browser (so refusing it matters)."""
    base, seen, handler = recorder
    handler.page = page_with({**PAYLOADS, **{k: ("html", v) for k, v in SCRIPTS.items()}}, base).encode()
    chromium_load(tmp_path, f"{base}/page.html")
    missed = sorted(name for name in (*PAYLOADS, *SCRIPTS) if f"/{name}" not in seen)
    assert missed == [], f"not fetched by Chromium: {missed}"


def evil_theme(tmp_path: Path, kind: str, payload: str) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(builtin_dir() / "classic", theme)
    if kind == "css":
        (theme / "style.css").write_text((theme / "style.css").read_text() + "\n" + payload + "\n")
    else:
        page = theme / "cv.html.j2"
        page.write_text(page.read_text().replace("<main>", "<main>" + payload.replace("<body", "<div"), 1)
                        if not payload.startswith("<body") else page.read_text().replace("<body", payload[:-1] + " x", 1))
    return theme


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_user_theme_with_the_payload_is_refused(tmp_path: Path, name: str) -> None:
    kind, payload = PAYLOADS[name]
    base = "http://127.0.0.1:9"
    theme = evil_theme(tmp_path, kind, payload.replace("{u}", base))
    out = tmp_path / "cv.html"
    with pytest.raises(RenderError) as caught:
        cvgen.render_to_file({"person": {"name": "Ada"}}, out, theme=theme)
    assert f"{base}/{name}" in str(caught.value)
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_user_theme_with_script_is_refused(tmp_path: Path, name: str) -> None:
    theme = evil_theme(tmp_path, "html", SCRIPTS[name].replace("{u}", "http://127.0.0.1:9"))
    with pytest.raises(RenderError, match="script|handler"):
        cvgen.render({"person": {"name": "Ada"}}, "html", theme=theme)


def test_javascript_links_in_a_theme_are_refused(tmp_path: Path) -> None:
    theme = evil_theme(tmp_path, "html", '<a href=" java\tscript:fetch(1)">x</a>')
    with pytest.raises(RenderError, match="javascript"):
        cvgen.render({"person": {"name": "Ada"}}, "html", theme=theme)


def test_the_finder_sees_each_payload_in_one_page() -> None:
    found = external_resources(page_with(PAYLOADS, "http://h"), allowed=set())
    assert sorted({u.split("#")[0].rsplit("/", 1)[1] for u in found}) == sorted(PAYLOADS)


def test_harmless_css_and_links_are_not_resources() -> None:
    """No false alarm: a fragment, a clicked link (even one containing url(…)), text in content: ""."""
    html = ('<a href="https://example.org/url(x)?a=1&amp;b=2">x</a><svg><a href="https://e.org/">y</a>'
            '<rect fill="url(#grad)"/></svg><p style="content: \'http://not-fetched\'">z</p>')
    assert external_resources(html, allowed=set()) == []
    assert css_urls("a { content: 'url(http://x)' }") == []


def test_built_in_themes_load_nothing(example_path: Path) -> None:
    for theme in ("classic", "modern"):
        html = cvgen.render(example_path, "html", theme=theme).decode()
        assert [u for u in external_resources(html, allowed=set()) if not u.startswith("data:")] == []


@pytest.mark.e2e
def test_preview_policy_stops_a_page_calling_out(tmp_path: Path, recorder) -> None:
    """The watch preview serves the CV with a CSP that allows nothing outside: Chromium obeys it."""
    from cvgen.cli.watch.preview import PreviewServer, PreviewState

    base, seen, handler = recorder
    fetched = {k: v for k, v in PAYLOADS.items() if k != "meta-refresh"}  # navigation, not a load; refused above
    page = page_with(fetched, base)
    handler.page = page.encode()
    chromium_load(tmp_path, f"{base}/page.html")  # control: served without the policy, it calls out
    assert any(p != "/page.html" for p in seen)
    seen.clear()
    state = PreviewState(source="cv.yaml")
    state.publish(page.encode())
    server = PreviewServer(state, 0).start()
    try:
        chromium_load(tmp_path, f"{server.url}cv.html")
    finally:
        server.stop()
    assert seen == []


@pytest.mark.parametrize(("svg", "found"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="http://h/a.png"/></svg>', "http://h/a.png"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<use xlink:href="http://h/b.svg#x"/></svg>', "http://h/b.svg#x"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://h/c.css);</style></svg>', "http://h/c.css"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(http://h/d.svg#p)"/></svg>', "http://h/d.svg#p"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(1)"/>', "onload= handler"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>fetch(1)</script></svg>', "<script> element"),
])
def test_svg_images_fall_under_the_same_policy(svg: str, found: str) -> None:
    from cvgen.resources import svg_urls

    assert found in svg_urls(svg)


def test_a_harmless_svg_loads_nothing_and_entities_are_not_read(tmp_path: Path) -> None:
    from cvgen.resources import svg_urls

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-SVG")
    assert svg_urls('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#g)"/><a href="https://e.org/">x</a></svg>') == []
    xxe = (f'<!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')
    assert "SECRET-SVG" not in " ".join(svg_urls(xxe))


@pytest.mark.parametrize("svg", [
    '<rect width="10" height="10" style="fill: \\75 rl(http://127.0.0.1:9/escaped)"/>',
    '<style>@\\69mport "http://127.0.0.1:9/import";</style>',
    '<rect width="10" height="10" style="fill: image-set(&quot;http://127.0.0.1:9/set&quot; 1x)"/>',
])
def test_svg_photo_reaching_out_past_the_sanitiser_is_refused(tmp_path: Path, svg: str) -> None:
    """The SVG photo sanitiser (issue 16) matches url( and @import; the policy's tokenizer finds the rest."""
    from cvgen.errors import InputError

    folder = tmp_path / "cv"
    folder.mkdir()
    (folder / "me.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{svg}</svg>')
    cv = folder / "cv.yaml"
    cv.write_text("person:\n  name: Ada\n  photo: me.svg\n", encoding="utf-8")
    with pytest.raises(InputError, match="would still load outside resources.*127.0.0.1:9"):
        cvgen.load_cv(cv)


def test_a_clean_svg_photo_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "cv"
    folder.mkdir()
    (folder / "me.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs>'
                                   '<linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/></svg>')
    cv = folder / "cv.yaml"
    cv.write_text("person:\n  name: Ada\n  photo: me.svg\n", encoding="utf-8")
    assert cvgen.load_cv(cv).photo is not None
