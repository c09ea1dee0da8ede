"""Each service's answer read into cvgen data, from fixtures built on the services' documented examples
(see tests/fixtures/scholarly/README.md). Expected values are the fixtures' facts as the services
publish them (the OpenAlex documentation's example author, the arXiv manual's example entry, …)."""

from __future__ import annotations

import json

import pytest

from cvgen.errors import UsageError
from cvgen.interop.scholarly.client import ClientOptions, RecordNotFound, ScholarlyClient, ServiceError
from cvgen.interop.scholarly.pipeline import ImportRequest, run_import
from cvgen.interop.scholarly.writer import WriteOptions
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text
from cvgen.model.markup import plain
from tests.interop.scholarly.conftest import Answer, fixture


def imported(tmp_path, service: str, *ids: str, also=(), owner=None, abstracts=False, categories=False):
    request = ImportRequest(service=service, ids=list(ids), also=list(also),
                            write=WriteOptions(as_of="2024-07-01", owner=owner, abstracts=abstracts, categories=categories))
    with ScholarlyClient(ClientOptions(cache_dir=tmp_path / "cache")) as client:
        result = run_import(request, client)
    return result.data["data"], result.warnings


def as_cv(data):
    """The data through cvgen's own strict loader, as the CLI checks it before writing."""
    return load_text(dump_yaml(data), "<imported>")


def by_title(data, start: str):
    return next(p for p in data["publications"] if p["title"].startswith(start))


# --- OpenAlex ------------------------------------------------------------------------------------

def test_openalex_author_two_pages_metrics_and_preprint_merged(priem, tmp_path):
    data, warnings = imported(tmp_path, "openalex", "A5023888391")
    assert len(priem.requests("openalex")) == 3  # the author, then two pages of works by cursor
    # The documentation's example author: 4215 citations, h-index 20, i10-index 30, 49 works.
    m = data["metrics"]
    assert (m["citations"], m["h_index"], m["i10_index"], m["papers"], m["source"]) == (4215, 20, 30, 49, "OpenAlex")
    assert m["as_of"] == "2024-07-01" and m["provenance"]["sources"] == [{"service": "openalex", "id": "A5023888391"}]
    assert m["by_year"][0] == {"year": 2015, "citations": 198}
    # Four records, three publications: the PeerJ Preprints version joins the PeerJ article.
    titles = [p["title"] for p in data["publications"]]
    assert len(titles) == 3 and sum(t.lower().startswith("the state of oa") for t in titles) == 1
    oa = by_title(data, "The state of OA")
    assert (oa["kind"], oa["venue"], oa["volume"], oa["pages"], oa["doi"]) == ("journal", "PeerJ", "6", "e4375", "10.7717/peerj.4375")
    assert oa["date"] == "2018-02-13" and oa["citations"] == 1017
    assert {"label": "Preprint", "url": "https://doi.org/10.7287/peerj.preprints.3119v1"} in oa["links"]
    assert [s["id"] for s in oa["provenance"]["sources"]] == ["W2741809807", "W2740896151"]
    assert data["person"]["name"] == "Jason Priem" and "J. Priem" in data["person"]["name_variants"]
    assert warnings == []
    cv = as_cv(data)
    assert cv.metrics.provenance.values["h_index"] == "20" and cv.publications[1].provenance.synced.year == 2024


def test_openalex_abstracts_and_categories_only_when_asked(priem, tmp_path):
    plain_data, _ = imported(tmp_path, "openalex", "A5023888391")
    assert not any("abstract" in p or "categories" in p for p in plain_data["publications"])
    rich, _ = imported(tmp_path, "openalex", "A5023888391", abstracts=True, categories=True)
    oa = by_title(rich, "The state of OA")
    assert oa["abstract"].startswith("Despite growing interest in Open Access (OA) to scholarly literature")
    assert oa["categories"] == ["scientometrics and bibliometrics research"]


def test_openalex_with_arxiv_adds_categories_and_the_code_link(priem, tmp_path):
    data, _ = imported(tmp_path, "openalex", "A5023888391", also=["arxiv"], categories=True)
    paper = by_title(data, "OpenAlex: A fully-open index")
    assert paper["categories"] == ["cs.DL"]
    assert {"label": "Code", "url": "https://github.com/ourresearch/openalex-guts", "kind": "github"} in paper["links"]
    assert {s["service"] for s in paper["provenance"]["sources"]} == {"openalex", "arxiv"}
    assert paper["citations"] == 463  # arXiv has no counts; OpenAlex's stays


def test_openalex_by_orcid_resolves_through_openalex(services, tmp_path):
    services.add("openalex", "/authors/orcid:0000-0001-6187-6610", fixture("openalex/author_A5023888391.json"))
    services.add("openalex", "/works?cursor=*&filter=author.id:A5023888391&per-page=200",
                 fixture("openalex/works_page2.json"))
    data, _ = imported(tmp_path, "openalex", "https://orcid.org/0000-0001-6187-6610")
    assert data["person"]["name"] == "Jason Priem" and len(data["publications"]) == 2


def test_diacritics_owner_spelt_without_accent_by_one_source(services, tmp_path):
    services.add("openalex", "/authors/A5048491430", fixture("openalex/author_A5048491430.json"))
    services.add("openalex", "/works?cursor=*&filter=author.id:A5048491430&per-page=200",
                 fixture("openalex/works_A5048491430.json"))
    data, _ = imported(tmp_path, "openalex", "A5048491430")
    assert data["person"]["name"] == "Vincent Larivière"
    assert data["person"]["name_variants"] == ["Vincent Lariviere"]
    cv = as_cv(data)
    from cvgen.view import prepare

    text = str(prepare(cv))
    assert "Lariviere" in text  # the author list keeps the spelling the source used


# --- ORCID ---------------------------------------------------------------------------------------

def test_orcid_record_whose_works_lack_dois(carberry, tmp_path):
    data, warnings = imported(tmp_path, "orcid", "0000-0002-1825-0097")
    assert data["person"]["name"] == "Josiah Carberry"
    assert data["person"]["name_variants"] == ["J. S. Carberry"]
    assert {"label": "ORCID", "url": "https://orcid.org/0000-0002-1825-0097", "kind": "orcid"} in data["person"]["links"]
    pubs = data["publications"]
    assert len(pubs) == 3
    assert [p.get("doi") for p in pubs] == [None, None, "10.5555/12345678"]  # newest first; two lack a DOI
    thin = by_title(data, "Developing Thin Clients")
    assert thin["authors"] == ["Josiah Carberry", "Zoë Ångström"] and thin["date"] == "2012-03"
    assert thin["provenance"]["sources"] == [{"service": "orcid", "id": "0000-0002-1825-0097/work/1002"}]
    cracks = by_title(data, "The Effect of Electromagnetic Cracks")
    assert cracks["kind"] == "conference" and cracks["authors"] == ["Josiah Carberry"]
    assert any("lists no authors" in w for w in warnings)
    # No counts at ORCID: the metrics line says how many works and where from, nothing invented.
    assert data["metrics"]["papers"] == 3 and data["metrics"]["source"] == "ORCID" and "citations" not in data["metrics"]
    as_cv(data)


def test_same_work_at_orcid_and_crossref_is_one_entry(carberry, tmp_path):
    data, _ = imported(tmp_path, "orcid", "0000-0002-1825-0097", also=["crossref"])
    assert len(data["publications"]) == 3
    silly = by_title(data, "Toward a Unified Theory")
    assert (silly["venue"], silly["venue_short"], silly["volume"], silly["issue"], silly["pages"]) == (
        "Journal of Psychoceramics", "J. Psychoceram.", "5", "11", "1-3")
    assert silly["citations"] == 12
    assert [s["service"] for s in silly["provenance"]["sources"]] == ["crossref", "orcid"]
    assert data["metrics"]["source"] == "Crossref (per-paper counts)" and data["metrics"]["citations"] == 12


def test_bad_orcid_fails_before_any_request(services, tmp_path):
    with pytest.raises(UsageError, match="check digit"):
        imported(tmp_path, "orcid", "0000-0002-1825-0098")
    assert services.log == []


# --- Crossref and arXiv: a preprint and its published version --------------------------------------

def test_arxiv_preprint_and_its_published_version_merge(prendergast, tmp_path):
    data, _ = imported(tmp_path, "arxiv", "cond-mat/0102536", also=["crossref"], owner="J. C. Greer", categories=True)
    assert len(data["publications"]) == 1
    p = data["publications"][0]
    # Bibliographic facts from the publisher (J. Chem. Phys. 115, 1626), the arXiv version linked.
    assert (p["kind"], p["venue"], p["venue_short"], p["volume"], p["pages"], p["doi"]) == (
        "journal", "The Journal of Chemical Physics", "J. Chem. Phys.", "115", "1626-1634", "10.1063/1.1383585")
    assert p["date"] == "2001-07-22"
    assert {"label": "arXiv", "url": "https://arxiv.org/abs/cond-mat/0102536"} in p["links"]
    assert p["categories"] == ["cond-mat.str-el"] and "notes" not in p
    assert p["authors"] == ["David Prendergast", "M. Nolan", "Claudia Filippi", "Stephen Fahy", "J. C. Greer"]
    assert [s["service"] for s in p["provenance"]["sources"]] == ["crossref", "arxiv"]


def test_arxiv_alone_keeps_the_journal_reference(prendergast, tmp_path):
    data, warnings = imported(tmp_path, "arxiv", "https://arxiv.org/abs/cond-mat/0102536v1", abstracts=True)
    p = data["publications"][0]
    assert p["kind"] == "preprint" and p["date"] == "2001-02-28"
    assert p["notes"] == ["Journal reference: J. Chem. Phys. 115, 1626 (2001)"]
    assert p["abstract"].startswith("The effect of the electron-electron cusp on the convergence")
    assert {"label": "PDF", "url": "https://arxiv.org/pdf/cond-mat/0102536v1"} in p["links"]
    assert any("most frequent author" in w for w in warnings)  # no --owner: said, not hidden


def test_unknown_arxiv_id_is_reported(services, tmp_path):
    empty = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title></feed>'
    services.add("arxiv", "/query?id_list=2401.99999&max_results=1", Answer(empty, content_type="application/atom+xml"))
    with pytest.raises(RecordNotFound, match="arXiv has no record of 2401.99999"):
        imported(tmp_path, "arxiv", "2401.99999")


def test_crossref_many_dois_one_unknown(prendergast, carberry, tmp_path):
    with pytest.raises(RecordNotFound, match="Crossref has no record"):
        imported(tmp_path, "doi", "10.1063/1.1383585", "10.9999/nope")
    data, _ = imported(tmp_path, "doi", "https://doi.org/10.1063/1.1383585", "doi:10.5555/12345678", owner="J. C. Greer")
    assert [p["doi"] for p in data["publications"]] == ["10.5555/12345678", "10.1063/1.1383585"]  # newest first
    assert data["metrics"]["citations"] == 70 and data["metrics"]["h_index"] == 2  # 58 and 12, computed and said so
    assert data["metrics"]["source"] == "Crossref (per-paper counts)"


# --- DBLP ----------------------------------------------------------------------------------------

def test_dblp_person_page(szalay, tmp_path):
    data, _ = imported(tmp_path, "dblp", "https://dblp.org/pid/s/AlexanderSSzalay.html")
    assert data["person"]["name"] == "Alexander S. Szalay"
    pubs = data["publications"]
    assert len(pubs) == 2  # the CoRR version joins the SIGMOD paper
    gray = by_title(data, "Jim Gray, astronomer")
    # The dblpxml.pdf example record: Commun. ACM 51(11): 58-65 (2008).
    assert (gray["title"], gray["venue_short"], gray["volume"], gray["issue"], gray["pages"], gray["date"]) == (
        "Jim Gray, astronomer", "Commun. ACM", "51", "11", "58-65", "2008")
    assert gray["doi"] == "10.1145/1400214.1400231" and gray["kind"] == "journal"
    sky = by_title(data, "The SDSS SkyServer")
    assert sky["kind"] == "conference" and sky["venue_short"] == "SIGMOD Conference"
    assert "Jim Gray" in sky["authors"] and "Jim Gray 0001" not in sky["authors"]  # DBLP's homonym number dropped
    assert {"label": "arXiv", "url": "https://arxiv.org/abs/cs/0202013"} in sky["links"]
    assert data["metrics"] == {**data["metrics"], "papers": 2, "source": "DBLP"}
    as_cv(data)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "https://evil.example/pid/1/2", ""])
def test_dblp_bad_pid(services, tmp_path, bad):
    with pytest.raises(UsageError):
        imported(tmp_path, "dblp", bad)
    assert services.log == []


# --- responses in the wrong shape ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"meta": {}, "results": {"not": "a list"}}', "unexpected shape (results"),
        (b'[1, 2, 3]', "unexpected shape"),
        (b'{"results": [{"id": "https://openalex.org/W1", "cited_by_count": -5}]}', "cited_by_count"),
    ],
)
def test_openalex_page_in_the_wrong_shape(services, tmp_path, body, expected):
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    services.add("openalex", "/works?cursor=*&filter=author.id:A5023888391&per-page=200", Answer(body))
    with pytest.raises(ServiceError, match=expected.replace("(", r"\(")):
        imported(tmp_path, "openalex", "A5023888391")


def test_openalex_cursor_that_never_ends_is_stopped(services, tmp_path):
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    loop = b'{"meta": {"next_cursor": "again"}, "results": [{"id": "https://openalex.org/W1", "title": "Looping work title here", "publication_year": 2020}]}'
    services.add("openalex", "/works?cursor=*&filter=author.id:A5023888391&per-page=200", Answer(loop))
    services.add("openalex", "/works?cursor=again&filter=author.id:A5023888391&per-page=200", Answer(loop))
    data, _ = imported(tmp_path, "openalex", "A5023888391")
    assert len(services.requests("openalex")) == 3 and len(data["publications"]) == 1


def test_hostile_text_from_a_service_is_cleaned(services, tmp_path):
    hostile = ('{"meta": {}, "results": [{"id": "https://openalex.org/W9", "publication_year": 2021, '
               '"title": "Evil\\u202e title\\u0007 with\\nbreaks", "authorships": [{"author": {"id": "https://openalex.org/A5023888391", '
               '"display_name": "Jason Priem\\u0000"}}], "primary_location": {"landing_page_url": "javascript:alert(1)"}}]}')
    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    services.add("openalex", "/works?cursor=*&filter=author.id:A5023888391&per-page=200", Answer(hostile.encode()))
    data, _ = imported(tmp_path, "openalex", "A5023888391")
    p = data["publications"][0]
    assert p["title"] == "Evil title with breaks" and p["authors"] == ["Jason Priem"] and "url" not in p
    assert plain(as_cv(data).publications[0].title) == "Evil title with breaks"


# --- asking a second service ---------------------------------------------------------------------

def test_dblp_with_openalex_asks_by_doi_and_adds_counts(szalay, tmp_path):
    # An OpenAlex page in the documented work shape, answering the DOI filter for the two DBLP DOIs.
    page = {"meta": {"next_cursor": None}, "results": [
        {"id": "https://openalex.org/W2005185963", "doi": "https://doi.org/10.1145/1400214.1400231",
         "title": "Jim Gray, astronomer", "publication_year": 2008, "publication_date": "2008-11-01",
         "type": "article", "primary_location": {"source": {"display_name": "Communications of the ACM", "type": "journal"}},
         "authorships": [{"author": {"id": "https://openalex.org/A5042374371", "display_name": "Alexander S. Szalay"}}],
         "biblio": {"volume": "51", "issue": "11", "first_page": "58", "last_page": "65"}, "cited_by_count": 9}]}
    szalay.add("openalex", "/works?cursor=*&filter=doi:https://doi.org/10.1145/1400214.1400231|"
               "https://doi.org/10.1145/564691.564758&per-page=200", Answer(json.dumps(page).encode()))
    data, _ = imported(tmp_path, "dblp", "s/AlexanderSSzalay", also=["openalex"])
    gray = by_title(data, "Jim Gray, astronomer")
    assert (gray["venue"], gray["venue_short"], gray["citations"]) == ("Communications of the ACM", "Commun. ACM", 9)
    assert [s["service"] for s in gray["provenance"]["sources"]] == ["openalex", "dblp"]
    assert len(data["publications"]) == 2


def test_orcid_with_openalex_resolves_the_same_person(carberry, tmp_path):
    author = json.loads(fixture("openalex/author_A5023888391.json").body)
    author.update(id="https://openalex.org/A5000000097", display_name="Josiah Carberry",
                  orcid="https://orcid.org/0000-0002-1825-0097", works_count=3, cited_by_count=12,
                  summary_stats={"h_index": 1, "i10_index": 1}, counts_by_year=[])
    works = {"meta": {"next_cursor": None}, "results": [
        {"id": "https://openalex.org/W1", "doi": "https://doi.org/10.5555/12345678",
         "title": "Toward a unified theory of high-energy metaphysics: silly string theory", "publication_year": 2008,
         "type": "article", "primary_location": {"source": {"display_name": "Journal of Psychoceramics", "type": "journal"}},
         "authorships": [{"author": {"id": "https://openalex.org/A5000000097", "display_name": "Josiah Carberry"}}],
         "cited_by_count": 12}]}
    carberry.add("openalex", "/authors/orcid:0000-0002-1825-0097", Answer(json.dumps(author).encode()))
    carberry.add("openalex", "/works?cursor=*&filter=author.id:A5000000097&per-page=200", Answer(json.dumps(works).encode()))
    data, _ = imported(tmp_path, "orcid", "0000-0002-1825-0097", also=["openalex"])
    assert len(data["publications"]) == 3  # the DOI joins ORCID's and OpenAlex's records
    assert data["metrics"]["source"] == "OpenAlex" and data["metrics"]["h_index"] == 1
    assert by_title(data, "Toward a Unified Theory")["citations"] == 12
    assert data["person"]["name"] == "Josiah Carberry"  # ORCID's spelling heads the CV


def test_a_service_that_cannot_be_reached(monkeypatch, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("CVGEN_OPENALEX_URL", f"http://127.0.0.1:{port}")
    opts = ClientOptions(cache_dir=None, backoff=0.0)
    with ScholarlyClient(opts) as client, pytest.raises(ServiceError, match="cannot reach OpenAlex"):
        client.get_json("openalex", "/authors/A5023888391")
    assert client.requests_made == opts.retries + 1
