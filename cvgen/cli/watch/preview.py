"""The live-preview server behind ``cvgen watch``: the latest HTML render, reloaded on change.

It binds only to 127.0.0.1 and answers four paths:

* ``/`` — cvgen's own wrapper page: an error banner (HTML-escaped) when the last save did not
  render, and the CV in a sandboxed ``<iframe>``. A few lines of script poll ``/version`` and reload
  the frame, keeping its scroll position. The script lives only in this wrapper: the rendered CV
  stays exactly what ``cvgen render --format html`` writes, script-free.
* ``/cv.html`` — the last good render, served with a policy that forbids scripts.
* ``/version`` — ``{"version": N, "error": bool}``; ``N`` grows on every render, good or bad.
* ``/error`` — the last error as plain text (empty when the last render worked).

Requests naming another host are refused, so a web page cannot reach the preview through DNS
rebinding. The server runs in a daemon thread and holds no state besides :class:`PreviewState`.
"""

from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

HOST = "127.0.0.1"
"""The only interface the preview listens on."""

CV_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; script-src 'none'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
"""The CV page loads nothing from anywhere (its photo is a data: URI, its CSS inline), as a written file."""
WRAPPER_POLICY = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:"

_WAITING = "<!doctype html><title>cvgen preview</title><p>Waiting for the first successful render…</p>"

WRAPPER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} – cvgen preview</title>
<style>
  html, body {{ margin: 0; height: 100%; font-family: system-ui, sans-serif; }}
  body {{ display: flex; flex-direction: column; }}
  #error {{ margin: 0; padding: .75em 1em; background: #fde8e8; color: #7a1111;
           border-bottom: 2px solid #c92a2a; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }}
  #error[hidden] {{ display: none; }}
  #status {{ padding: .25em 1em; font-size: 12px; color: #555; background: #f3f3f3; }}
  iframe {{ flex: 1; border: 0; width: 100%; }}
</style></head>
<body>
<div id="status">cvgen watch · {source} · render <span id="version">{version}</span></div>
<pre id="error" role="alert"{hidden}>{error}</pre>
<iframe id="cv" title="CV preview" sandbox="allow-same-origin allow-popups" src="/cv.html?v={version}"></iframe>
<script>
(function () {{
  var seen = {version};
  var frame = document.getElementById("cv");
  function poll() {{
    fetch("/version", {{cache: "no-store"}}).then(function (r) {{ return r.json(); }}).then(function (v) {{
      if (v.version === seen) return;
      seen = v.version;
      document.getElementById("version").textContent = v.version;
      return fetch("/error", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (text) {{
        var box = document.getElementById("error");
        box.textContent = text;
        box.hidden = !text;
        if (!v.error) {{
          var y = 0;
          try {{ y = frame.contentWindow.scrollY; }} catch (e) {{}}
          frame.onload = function () {{ try {{ frame.contentWindow.scrollTo(0, y); }} catch (e) {{}} }};
          frame.src = "/cv.html?v=" + v.version;
        }}
      }});
    }}).catch(function () {{}}).then(function () {{ setTimeout(poll, 500); }});
  }}
  setTimeout(poll, 500);
}})();
</script>
</body></html>
"""


@dataclass
class PreviewState:
    """What the preview shows: the last good HTML, the last error, and a render counter."""

    source: str = ""
    version: int = 0
    html: bytes = b""
    error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def publish(self, html_bytes: bytes) -> int:
        """A good render: show it and clear the error."""
        with self._lock:
            self.html, self.error = html_bytes, ""
            self.version += 1
            return self.version

    def fail(self, message: str) -> int:
        """A failed render: keep the last good CV and show why above it."""
        with self._lock:
            self.error = message
            self.version += 1
            return self.version

    def snapshot(self) -> tuple[int, bytes, str]:
        with self._lock:
            return self.version, self.html, self.error


def wrapper_page(state: PreviewState) -> str:
    version, _, error = state.snapshot()
    return WRAPPER.format(
        title=html.escape(state.source or "CV"),
        source=html.escape(state.source),
        version=version,
        error=html.escape(error),
        hidden="" if error else " hidden",
    )


class _Handler(BaseHTTPRequestHandler):
    state: ClassVar[PreviewState]
    server_version = "cvgen-preview"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        """Keep the terminal for render messages."""

    def _send(self, status: int, body: bytes, content_type: str, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        return host in ("127.0.0.1", "localhost")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._host_ok():
            self._send(403, b"forbidden host\n", "text/plain; charset=utf-8")
            return
        path = self.path.split("?", 1)[0]
        version, body, error = self.state.snapshot()
        if path in ("/", "/index.html"):
            self._send(200, wrapper_page(self.state).encode("utf-8"), "text/html; charset=utf-8", WRAPPER_POLICY)
        elif path == "/cv.html":
            self._send(200, body or _WAITING.encode("utf-8"), "text/html; charset=utf-8", CV_POLICY)
        elif path == "/version":
            payload = json.dumps({"version": version, "error": bool(error)}).encode("utf-8")
            self._send(200, payload, "application/json")
        elif path == "/error":
            self._send(200, error.encode("utf-8"), "text/plain; charset=utf-8")
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8")

    do_HEAD = do_GET  # noqa: N815


class PreviewServer:
    """A local HTTP server for one :class:`PreviewState`, running in a daemon thread."""

    def __init__(self, state: PreviewState, port: int = 0) -> None:
        handler = type("Handler", (_Handler,), {"state": state})
        self.httpd = ThreadingHTTPServer((HOST, port), handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="cvgen-preview", daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self) -> PreviewServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
