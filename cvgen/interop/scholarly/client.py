"""The one HTTP client every scholarly service goes through.

Why one client: timeouts, retries with backoff on 429 and 5xx, each service's polite-use rules
(a User-Agent with a contact address, OpenAlex's and Crossref's ``mailto``, a minimum interval
between requests), the on-disk cache behind ``--offline``/``--refresh`` and the response size limit
must hold for every service alike. The per-service libraries (pyalex, habanero, arxiv) each bring
their own HTTP stack with their own defaults, so none of these rules could be enforced once.

Every body is checked before use: its size while it streams, then that it decodes (JSON, or XML
through defusedxml), and the service module validates the shape. Only a body that decoded is
cached. Anything wrong becomes a :class:`ServiceError` (exit 1) or :class:`RecordNotFound`
(exit 2) with one clear sentence; nothing is written.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from cvgen.errors import CVError


class ServiceError(CVError):
    """A service could not be reached or sent something unusable. Exit status 1."""

    exit_code = 1


class RecordNotFound(CVError):
    """The id the user gave does not exist at the service (HTTP 404). Exit status 2."""

    exit_code = 2


@dataclass(frozen=True)
class ServicePolicy:
    """How cvgen talks to one service."""

    name: str
    base_url: str
    min_interval: float
    """Seconds between two requests to this service (its published rate limit, with margin)."""
    mailto_param: bool = False
    """Whether the contact address also goes into a ``mailto`` query parameter (polite pool)."""


SERVICES: dict[str, ServicePolicy] = {
    # OpenAlex: 10 requests/s at most; `mailto` puts the caller in the polite pool.
    "openalex": ServicePolicy("OpenAlex", "https://api.openalex.org", 0.1, mailto_param=True),
    # ORCID public API: 24 requests/s, bursts of 40.
    "orcid": ServicePolicy("ORCID", "https://pub.orcid.org/v3.0", 0.05),
    # Crossref: polite pool with a mailto; a few requests/s is well inside its limits.
    "crossref": ServicePolicy("Crossref", "https://api.crossref.org", 0.1, mailto_param=True),
    # DBLP asks for restraint and answers 429 with Retry-After when pressed.
    "dblp": ServicePolicy("DBLP", "https://dblp.org", 1.0),
    # arXiv API terms of use: no more than one request every three seconds.
    "arxiv": ServicePolicy("arXiv", "https://export.arxiv.org/api", 3.0),
}

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BYTES = 20 * 1024 * 1024
"""Largest response accepted; a whole OpenAlex page of 200 works is about 2 MB."""


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/cvgen/scholarly`` (``~/.cache/cvgen/scholarly``)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "cvgen" / "scholarly"


@dataclass
class ClientOptions:
    """Everything that shapes a session with the services; the CLI fills it from its options."""

    mailto: str | None = None
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    offline: bool = False
    refresh: bool = False
    cache_ttl: float = 24 * 3600
    """Seconds a cached response is used without asking again (``--refresh`` ignores it)."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 90.0
    """Longest a single response may take in total, so a trickling server cannot hold cvgen."""
    max_bytes: int = MAX_BYTES
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    """Longest cvgen waits when a service says Retry-After; a longer demand fails at once."""
    polite: bool = True
    """Keep each service's minimum interval between requests (tests turn it off)."""
    base_urls: dict[str, str] = field(default_factory=dict)
    """Per-service base URL overrides (a mirror, or the local server of the tests)."""
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep


def user_agent(mailto: str | None) -> str:
    """The User-Agent every request carries; services ask for a contact address in it."""
    from cvgen.version import __version__

    contact = f"; mailto:{mailto}" if mailto else ""
    return f"academic-cvgen/{__version__} (+https://pypi.org/project/academic-cvgen/{contact})"


class ScholarlyClient:
    """Fetches, caches and decodes responses from the scholarly services."""

    def __init__(self, options: ClientOptions | None = None):
        self.options = options or ClientOptions()
        self._last: dict[str, float] = {}
        self._http: httpx.Client | None = None
        self.requests_made = 0

    def __enter__(self) -> ScholarlyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def base_url(self, service: str) -> str:
        env = os.environ.get(f"CVGEN_{service.upper()}_URL")
        return (self.options.base_urls.get(service) or env or SERVICES[service].base_url).rstrip("/")

    def url(self, service: str, path: str, params: dict[str, Any] | None = None) -> str:
        """The full URL of a request, parameters in a fixed order (the cache key depends on it)."""
        query = urlencode(sorted((params or {}).items()))
        return self.base_url(service) + path + (f"?{query}" if query else "")

    # --- decoded responses -------------------------------------------------------------------

    def get_json(self, service: str, path: str, params: dict[str, Any] | None = None,
                 check: Callable[[Any], Any] | None = None) -> Any:
        """The decoded JSON body of ``GET path``, passed through ``check`` (the service's shape) before
        it is used or cached; malformed JSON or a wrong shape is a ServiceError."""

        def decode(body: bytes) -> Any:
            try:
                value = json.loads(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise self._bad(service, path, "is not UTF-8 text") from None
            except json.JSONDecodeError as exc:
                raise self._bad(service, path, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
            except RecursionError:
                raise self._bad(service, path, "is JSON nested too deeply to read") from None
            return check(value) if check else value

        return self._get(service, path, params, "application/json", decode)

    def get_xml(self, service: str, path: str, params: dict[str, Any] | None = None) -> Any:
        """The parsed XML root of ``GET path``, read by defusedxml (no entity expansion, no DTD fetch)."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring

        def decode(body: bytes) -> Any:
            try:
                return fromstring(body)
            except DefusedXmlException as exc:
                raise self._bad(service, path, f"uses XML features cvgen refuses ({type(exc).__name__})") from None
            except ParseError as exc:
                raise self._bad(service, path, f"is not well-formed XML ({exc})") from None

        return self._get(service, path, params, "application/xml, application/atom+xml", decode)

    def _bad(self, service: str, path: str, what: str) -> ServiceError:
        return ServiceError(f"{SERVICES[service].name} sent a response to {path} that {what}; nothing was written")

    def _get(self, service: str, path: str, params: dict[str, Any] | None, accept: str,
             decode: Callable[[bytes], Any]) -> Any:
        params = dict(params or {})
        key_url = self.url(service, path, params)  # the contact address is not part of the key
        if self.options.mailto and SERVICES[service].mailto_param:
            params["mailto"] = self.options.mailto
        cached = self._cache_read(service, key_url)
        if cached is not None:
            try:
                return decode(cached)
            except ServiceError:
                pass  # a damaged cache entry is fetched again (or reported, offline)
        if self.options.offline:
            raise ServiceError(
                f"--offline: no cached {SERVICES[service].name} response for {key_url}; run once without --offline"
            )
        body = self._fetch(service, self.url(service, path, params), path, accept)
        value = decode(body)
        self._cache_write(service, key_url, body)
        return value

    # --- network -----------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        if self._http is None:
            o = self.options
            self._http = httpx.Client(
                timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout),
                headers={"User-Agent": user_agent(o.mailto)},
                follow_redirects=True,
                max_redirects=5,
                transport=o.transport,
            )
        return self._http

    def _fetch(self, service: str, url: str, path: str, accept: str) -> bytes:
        """One response body, retried on 429/5xx and dropped connections, within the size limit."""
        name = SERVICES[service].name
        attempt = 0
        while True:
            self._pace(service)
            try:
                status, headers, body = self._stream(service, url, path, accept)
            except (httpx.ConnectError, httpx.RemoteProtocolError) as exc:
                if attempt >= self.options.retries:
                    raise ServiceError(f"cannot reach {name} ({self._reason(exc)}); check the connection and try again") from None
                self.options.sleep(self.options.backoff * 2**attempt)
                attempt += 1
                continue
            if status == 200:
                return body
            if status in RETRY_STATUSES and attempt < self.options.retries:
                self.options.sleep(self._wait(name, headers, attempt))
                attempt += 1
                continue
            raise self._status_error(name, path, status, body, attempt)

    def _stream(self, service: str, url: str, path: str, accept: str) -> tuple[int, httpx.Headers, bytes]:
        name = SERVICES[service].name
        o = self.options
        started = time.monotonic()
        self.requests_made += 1
        try:
            with self._client().stream("GET", url, headers={"Accept": accept}) as resp:
                if resp.status_code != 200:
                    return resp.status_code, resp.headers, _head(resp)
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > o.max_bytes:
                    raise self._too_big(name, path)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > o.max_bytes:
                        raise self._too_big(name, path)
                    if time.monotonic() - started > o.deadline:
                        raise ServiceError(f"{name} took longer than {o.deadline:g} s to answer {path}; try again later")
                    chunks.append(chunk)
                return 200, resp.headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise ServiceError(
                f"{name} did not answer {path} within {o.read_timeout:g} s (timeout); try again later"
            ) from None
        except httpx.TooManyRedirects:
            raise ServiceError(f"{name} redirected {path} too many times") from None
        except httpx.DecodingError:
            raise self._bad(service, path, "could not be decompressed") from None

    def _too_big(self, name: str, path: str) -> ServiceError:
        limit = self.options.max_bytes // (1024 * 1024)
        return ServiceError(f"{name} sent more than {limit} MB for {path}; cvgen refuses responses that large")

    def _wait(self, name: str, headers: httpx.Headers, attempt: int) -> float:
        """Seconds to wait before retrying: the service's Retry-After, else exponential backoff."""
        demanded = _retry_after(headers.get("retry-after"))
        if demanded is None:
            return self.options.backoff * 2**attempt
        if demanded > self.options.max_wait:
            raise ServiceError(f"{name} asks cvgen to wait {demanded:.0f} s (rate limit); try again later")
        return demanded

    def _status_error(self, name: str, path: str, status: int, body: bytes, attempt: int) -> CVError:
        if status == 404:
            return RecordNotFound(f"{name} has no record at {path} (HTTP 404); check the id")
        if status in RETRY_STATUSES:
            return ServiceError(f"{name} answered HTTP {status} to {path} {attempt + 1} times; try again later")
        detail = _snippet(body)
        return ServiceError(f"{name} answered HTTP {status} to {path}" + (f": {detail}" if detail else ""))

    @staticmethod
    def _reason(exc: Exception) -> str:
        return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__

    def _pace(self, service: str) -> None:
        """Keep the service's minimum interval since the previous request to it."""
        if not self.options.polite or _is_loopback(self.base_url(service)):
            return  # a mirror on this machine (or the tests' server) has no rate limit to respect
        gap = SERVICES[service].min_interval - (time.monotonic() - self._last.get(service, -1e9))
        if gap > 0:
            self.options.sleep(gap)
        self._last[service] = time.monotonic()

    # --- cache -------------------------------------------------------------------------------

    def _cache_path(self, service: str, url: str) -> Path | None:
        if self.options.cache_dir is None:
            return None
        return self.options.cache_dir / service / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".body")

    def _cache_read(self, service: str, url: str) -> bytes | None:
        path = self._cache_path(service, url)
        if path is None or (self.options.refresh and not self.options.offline):
            return None
        try:
            age = time.time() - path.stat().st_mtime
            if not self.options.offline and age > self.options.cache_ttl:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def _cache_write(self, service: str, url: str, body: bytes) -> None:
        """Keep a checked body (temporary file, then a rename, so a reader never sees half of one);
        a cache that cannot be written only costs a later request."""
        import tempfile

        path = self._cache_path(service, url)
        if path is None:
            return
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".part-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, path)
            tmp = None
        except OSError:
            pass
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_loopback(url: str) -> bool:
    host = httpx.URL(url).host
    return host in ("localhost", "127.0.0.1", "::1")


def _head(resp: httpx.Response, limit: int = 4096) -> bytes:
    """The first bytes of an error body; the rest is never read."""
    out = b""
    for chunk in resp.iter_bytes():
        out += chunk
        if len(out) >= limit:
            break
    return out[:limit]


def _snippet(body: bytes) -> str:
    """The start of an error body, printable characters only, so a hostile body cannot paint the terminal."""
    text = body[:300].decode("utf-8", "replace")
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())[:200]
