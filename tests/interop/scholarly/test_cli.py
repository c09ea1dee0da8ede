"""``cvgen import orcid|openalex|dblp|doi|arxiv`` through the real command line, against the local
fake services: a good import writes a CV that validates; a hostile answer leaves no file (and an
existing file untouched), prints one clear line and never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_file
from tests.interop.scholarly.conftest import Answer, fixture

BASE = ["--as-of", "2024-07-01"]


def run(*args: str):
    return CliRunner().invoke(cli, ["import", *args, *BASE])


def test_openalex_import_writes_a_cv_that_validates(priem, tmp_path):
    out = tmp_path / "cv.yaml"
    result = run("openalex", "A5023888391", "--with", "arxiv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and "3 publications from 5 records at OpenAlex, arXiv" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Imported from openalex A5023888391 by cvgen on 2024-07-01")
    cv = load_file(out)
    assert cv.metrics.h_index == 20 and len(cv.publications) == 3
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0


def test_publications_only_to_stdout(carberry):
    result = run("orcid", "0000-0002-1825-0097", "--publications-only")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n- title:") == 3 and "person:" not in result.stdout


def test_offline_uses_only_the_cache(priem, tmp_path):
    cache = str(tmp_path / "c")
    first = run("openalex", "A5023888391", "--cache-dir", cache)
    assert first.exit_code == 0
    seen = len(priem.log)
    again = run("openalex", "A5023888391", "--cache-dir", cache, "--offline")
    assert again.exit_code == 0 and again.stdout == first.stdout and len(priem.log) == seen
    cold = run("openalex", "A5023888391", "--cache-dir", str(tmp_path / "empty"), "--offline")
    assert cold.exit_code == 1 and "--offline: no cached OpenAlex response" in cold.stderr


HOSTILE = {
    "malformed JSON": Answer(b'{"id": "https://openalex.org/A5023888391", "works_count": 4'),
    "50 MB body": Answer(b" " * (50 * 1024 * 1024)),
    "slow": Answer(b"{}", delay=2.0),
    "rate limited forever": Answer(b"", status=429, headers={"Retry-After": "0"}),
    "wrong shape": Answer(b'{"id": 17, "works_count": "many"}'),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_answers_leave_no_file_and_no_traceback(services, tmp_path, case):
    services.add("openalex", "/authors/A5023888391", HOSTILE[case])
    out = tmp_path / "cv.yaml"
    out.write_text("# my precious CV\n", encoding="utf-8")
    result = run("openalex", "A5023888391", "-o", str(out), "--timeout", "0.5")
    assert result.exit_code == 1, result.output
    assert out.read_text(encoding="utf-8") == "# my precious CV\n"
    assert "Traceback" not in result.output and result.stderr.startswith("error: OpenAlex")
    assert len(result.stderr.strip().splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["cv.yaml"]  # no temporary file left either


def test_hostile_xml_from_dblp(services, tmp_path):
    bomb = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><dblpperson name="&b;"/>'
    services.add("dblp", "/pid/s/AlexanderSSzalay.xml", Answer(bomb, content_type="application/xml"))
    out = tmp_path / "cv.yaml"
    result = run("dblp", "s/AlexanderSSzalay", "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert "XML features cvgen refuses" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["orcid", "0000-0002-1825-009X"], "check digit"),
        (["openalex", "W2741809807"], "not an ORCID iD"),
        (["doi", "not-a-doi"], "is not a DOI"),
        (["arxiv", "hello"], "is not an arXiv id"),
        (["openalex", "A5023888391", "--with", "scopus"], "unknown service"),
        (["openalex", "A5023888391", "--with", "dblp"], "needs the DBLP person id"),
        (["openalex", "A5023888391", "--offline", "--refresh"], "contradict"),
        (["openalex", "A5023888391", "--as-of", "yesterday"], "is not a date"),
    ],
)
def test_bad_ids_and_options_exit_2_before_any_request(services, tmp_path, args, message):
    result = CliRunner().invoke(cli, ["import", *args, "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and services.log == [] and not (tmp_path / "cv.yaml").exists()


def test_unknown_id_exits_2(services, tmp_path):
    result = run("openalex", "A9999999999", "-o", str(tmp_path / "cv.yaml"))
    assert result.exit_code == 2 and "OpenAlex has no record at /authors/A9999999999" in result.stderr


def test_help_lists_the_services():
    result = CliRunner().invoke(cli, ["import", "--help"])
    for name in ("orcid", "openalex", "dblp", "doi", "arxiv"):
        assert f"  {name} " in result.output
    detail = CliRunner().invoke(cli, ["import", "openalex", "--help"])
    assert "--mailto" in detail.output and "--offline" in detail.output and "cvgen import openalex A5023888391" in detail.output


def test_mailto_from_the_environment(priem, monkeypatch):
    monkeypatch.setenv("CVGEN_MAILTO", "lab@example.edu")
    assert run("openalex", "A5023888391", "--no-cache").exit_code == 0
    assert all("mailto:lab@example.edu" in headers["User-Agent"] for _, _, headers in priem.log)
    assert all("mailto=lab%40example.edu" in target for _, target, _ in priem.log)


def test_same_fixture_twice_gives_identical_yaml(priem, tmp_path):
    a = run("openalex", "A5023888391", "--with", "arxiv", "--no-cache")
    b = run("openalex", "A5023888391", "--with", "arxiv", "--no-cache")
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout


def test_fixture_readme_names_every_fixture():
    from tests.interop.scholarly.conftest import FIXTURES

    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for path in FIXTURES.rglob("*.*"):
        if path.name != "README.md":
            assert path.name in readme, path
    assert fixture("openalex/author_A5023888391.json").body
