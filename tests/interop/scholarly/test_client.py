"""The one HTTP client, against a real socket on 127.0.0.1: retries, timeouts, size limits, hostile
bodies, the cache, polite use. Expected behaviour comes from the services' published rules
(Retry-After per RFC 9110, OpenAlex's ``mailto`` polite pool, arXiv's one request per three seconds)."""

from __future__ import annotations

import json

import httpx
import pytest

from cvgen.interop.scholarly.client import ClientOptions, RecordNotFound, ScholarlyClient, ServiceError
from tests.interop.scholarly.conftest import Answer, fixture


def client(tmp_path, **kw) -> ScholarlyClient:
    sleeps: list[float] = []
    kw.setdefault("cache_dir", tmp_path / "cache")
    opts = ClientOptions(sleep=sleeps.append, **kw)
    c = ScholarlyClient(opts)
    c.sleeps = sleeps  # type: ignore[attr-defined]
    return c


def test_429_then_success_waits_as_told_and_succeeds(services, tmp_path):
    services.add("openalex", "/authors/A5023888391",
                 Answer(b'{"error": "slow down"}', status=429, headers={"Retry-After": "2"}),
                 fixture("openalex/author_A5023888391.json"))
    with client(tmp_path) as c:
        data = c.get_json("openalex", "/authors/A5023888391")
    assert data["display_name"] == "Jason Priem"
    assert len(services.requests("openalex")) == 2
    assert c.sleeps == [2.0]  # the Retry-After the service asked for, not a guess


def test_5xx_backs_off_exponentially_then_gives_a_clear_error(services, tmp_path):
    services.add("crossref", "/works/10.5555/12345678", Answer(b"upstream down", status=503))
    with client(tmp_path, retries=3, backoff=1.0) as c, pytest.raises(ServiceError) as err:
        c.get_json("crossref", "/works/10.5555/12345678")
    assert c.sleeps == [1.0, 2.0, 4.0]
    assert len(services.requests("crossref")) == 4
    assert "Crossref answered HTTP 503" in str(err.value) and err.value.exit_code == 1


def test_retry_after_longer_than_cvgen_waits_fails_at_once(services, tmp_path):
    services.add("dblp", "/pid/s/AlexanderSSzalay.xml", Answer(b"", status=429, headers={"Retry-After": "3600"}))
    with client(tmp_path) as c, pytest.raises(ServiceError, match="asks cvgen to wait 3600 s"):
        c.get_xml("dblp", "/pid/s/AlexanderSSzalay.xml")
    assert c.sleeps == []


def test_timeout_is_a_clear_error(services, tmp_path):
    services.add("orcid", "/0000-0002-1825-0097/person", Answer(b"{}", delay=1.5))
    with client(tmp_path, read_timeout=0.3) as c, pytest.raises(ServiceError) as err:
        c.get_json("orcid", "/0000-0002-1825-0097/person")
    assert "ORCID did not answer" in str(err.value) and "timeout" in str(err.value)


def test_malformed_json_is_refused_and_not_cached(services, tmp_path):
    services.add("openalex", "/authors/A5023888391", Answer(b'{"id": "https://openalex.org/A1", "display_'))
    with client(tmp_path) as c, pytest.raises(ServiceError, match="is not valid JSON"):
        c.get_json("openalex", "/authors/A5023888391")
    assert not list((tmp_path / "cache").rglob("*.body"))


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_50_mb_body_is_refused_while_streaming(services, tmp_path, declared):
    size = 50 * 1024 * 1024
    if declared:
        answer = Answer(b"x" * size)
    else:
        answer = Answer(chunks=(b"[" + b"1," * 32768 for _ in range(size // 65536)))
    services.add("openalex", "/works", answer)
    with client(tmp_path) as c, pytest.raises(ServiceError, match="more than 20 MB"):
        c.get_json("openalex", "/works")


def test_hostile_xml_entities_are_refused(services, tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b"<dblpperson>&lol2;</dblpperson>")
    services.add("dblp", "/pid/x/Bomb.xml", Answer(bomb, content_type="application/xml"))
    with client(tmp_path) as c, pytest.raises(ServiceError, match="XML features cvgen refuses"):
        c.get_xml("dblp", "/pid/x/Bomb.xml")


def test_404_means_the_id_is_wrong(services, tmp_path):
    with client(tmp_path) as c, pytest.raises(RecordNotFound) as err:
        c.get_json("openalex", "/authors/A0000000000")
    assert err.value.exit_code == 2 and "check the id" in str(err.value)


def test_error_bodies_are_shown_printable_only(services, tmp_path):
    services.add("crossref", "/works/10.1/x", Answer(b"bad request \x1b[31mred\x1b[0m", status=400))
    with client(tmp_path) as c, pytest.raises(ServiceError) as err:
        c.get_json("crossref", "/works/10.1/x")
    assert "\x1b" not in str(err.value) and "bad request" in str(err.value)


def test_cache_offline_and_refresh(services, tmp_path):
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    with client(tmp_path) as c:
        c.get_json("openalex", "/authors/A5023888391")
        c.get_json("openalex", "/authors/A5023888391")
    assert len(services.requests("openalex")) == 1  # the second answer came from the cache
    with client(tmp_path, offline=True) as c:
        assert c.get_json("openalex", "/authors/A5023888391")["works_count"] == 49
        with pytest.raises(ServiceError, match="--offline: no cached OpenAlex response"):
            c.get_json("openalex", "/authors/A5048491430")
    with client(tmp_path, refresh=True) as c:
        c.get_json("openalex", "/authors/A5023888391")
    assert len(services.requests("openalex")) == 2


def test_user_agent_names_a_contact_and_openalex_gets_mailto(services, tmp_path):
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    services.add("arxiv", "/query?id_list=2205.01833&max_results=1", fixture("arxiv/2205.01833.xml"))
    with client(tmp_path, mailto="jane@example.org") as c:
        c.get_json("openalex", "/authors/A5023888391")
        c.get_xml("arxiv", "/query", {"id_list": "2205.01833", "max_results": "1"})
    (_, oa_target, oa_headers), (_, ax_target, ax_headers) = services.log
    assert "mailto:jane@example.org" in oa_headers["User-Agent"] and oa_headers["User-Agent"].startswith("academic-cvgen/")
    assert "mailto=jane%40example.org" in oa_target  # OpenAlex's polite pool
    assert "mailto" not in ax_target and "mailto:jane@example.org" in ax_headers["User-Agent"]


def test_arxiv_pacing_keeps_three_seconds_between_requests(tmp_path, monkeypatch):
    """Through a transport mock (the real host name, no socket): the client waits as arXiv's terms ask."""
    monkeypatch.delenv("CVGEN_ARXIV_URL", raising=False)
    feed = fixture("arxiv/2205.01833.xml").body
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=feed))
    with client(tmp_path, transport=transport, cache_dir=None) as c:
        c.get_xml("arxiv", "/query", {"id_list": "2205.01833"})
        c.get_xml("arxiv", "/query", {"id_list": "1706.03762"})
    assert len(c.sleeps) == 1 and 2.5 < c.sleeps[0] <= 3.0


def test_a_damaged_cache_entry_is_fetched_again(services, tmp_path):
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    with client(tmp_path) as c:
        c.get_json("openalex", "/authors/A5023888391")
    for path in (tmp_path / "cache").rglob("*.body"):
        path.write_bytes(b"{broken")
    with client(tmp_path) as c:
        assert json.dumps(c.get_json("openalex", "/authors/A5023888391"))
    assert len(services.requests("openalex")) == 2
