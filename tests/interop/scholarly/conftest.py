"""A local HTTP server on 127.0.0.1 that answers like the scholarly services, from recorded fixtures.

cvgen's real client (httpx, retries, size limits, cache) talks to it over a real socket; only the
base URLs change (``CVGEN_<SERVICE>_URL``). Each route is a list of answers served in turn, the
last one repeated, so "429, then 200" is ``[TooMany(), Body(...)]``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scholarly"
SERVICES = ("openalex", "orcid", "crossref", "dblp", "arxiv")


@dataclass
class Answer:
    """One response: status, headers, body (or a generator of chunks), an optional delay first."""

    body: bytes | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: Iterator[bytes] | None = None
    content_type: str = "application/json"


def fixture(name: str) -> Answer:
    path = FIXTURES / name
    kind = "application/atom+xml" if path.suffix == ".xml" else "application/json"
    return Answer(path.read_bytes(), content_type=kind)


class Services:
    """The route table and the log of requests received."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Answer]] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []

    def add(self, service: str, path_and_query: str, *answers: Answer) -> None:
        self.routes[(service, _key(path_and_query))] = list(answers)

    def answer(self, service: str, target: str) -> Answer:
        answers = self.routes.get((service, _key(target)))
        if not answers:
            return Answer(b'{"error": "no fixture for ' + target.encode() + b'"}', status=404)
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def requests(self, service: str) -> list[str]:
        return [target for s, target, _ in self.log if s == service]


def _key(target: str) -> str:
    """Path plus sorted query, without the contact address (which the client adds)."""
    parts = urlsplit(target)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "mailto")
    return parts.path + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")


def _handler(services: Services) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            service, _, rest = self.path.lstrip("/").partition("/")
            target = "/" + rest
            services.log.append((service, target, dict(self.headers)))
            answer = services.answer(service, target)
            if answer.delay:
                time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                for k, v in answer.headers.items():
                    self.send_header(k, v)
                if answer.chunks is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for chunk in answer.chunks:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                    return
                body = answer.body or b""
                if "Content-Length" not in answer.headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up on purpose (size limit, timeout)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Services]:
    """The fake services, running; every ``CVGEN_<SERVICE>_URL`` points at them; a fresh cache folder."""
    table = Services()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(table))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    port = server.server_address[1]
    for name in SERVICES:
        monkeypatch.setenv(f"CVGEN_{name.upper()}_URL", f"http://127.0.0.1:{port}/{name}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CVGEN_MAILTO", raising=False)
    try:
        yield table
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def priem(services: Services) -> Services:
    """OpenAlex's documented example author, two pages of works, and the arXiv record of one of them."""
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    services.add("openalex", "/works?cursor=*&filter=author.id:A5023888391&per-page=200",
                 fixture("openalex/works_page1.json"))
    services.add("openalex",
                 "/works?cursor=IlsxNjA5MzcyODAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzI0ODg0OTk3NjQnXSI=&filter=author.id:A5023888391&per-page=200",
                 fixture("openalex/works_page2.json"))
    services.add("arxiv", "/query?id_list=2205.01833&max_results=1", fixture("arxiv/2205.01833.xml"))
    return services


@pytest.fixture
def carberry(services: Services) -> Services:
    """ORCID's test record (Josiah Carberry) and Crossref's test DOI."""
    orcid = "0000-0002-1825-0097"
    services.add("orcid", f"/{orcid}/person", fixture("orcid/person.json"))
    services.add("orcid", f"/{orcid}/works", fixture("orcid/works.json"))
    services.add("orcid", f"/{orcid}/works/1001,1002,1003", fixture("orcid/works_bulk.json"))
    services.add("crossref", "/works/10.5555/12345678", fixture("crossref/10.5555_12345678.json"))
    return services


@pytest.fixture
def prendergast(services: Services) -> Services:
    """The arXiv manual's example preprint and, at Crossref, its published version."""
    services.add("arxiv", "/query?id_list=cond-mat/0102536&max_results=1", fixture("arxiv/cond-mat_0102536.xml"))
    services.add("crossref", "/works/10.1063/1.1383585", fixture("crossref/10.1063_1.1383585.json"))
    return services


@pytest.fixture
def szalay(services: Services) -> Services:
    services.add("dblp", "/pid/s/AlexanderSSzalay.xml", fixture("dblp/s_AlexanderSSzalay.xml"))
    return services
