"""``cvgen update`` through the real command line against the local fake services (127.0.0.1).

The example CV (``tests/fixtures/scholarly/update/cv.yaml``) was written by ``cvgen import`` from
the "last term" OpenAlex fixtures and then edited by hand. "This term" OpenAlex lists two more
works and higher counts. Expected values come from the fixtures' JSON, not from cvgen's output.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_file
from cvgen.loader.load import parse_yaml
from tests.interop.scholarly.conftest import FIXTURES, Answer, Services, fixture

EXAMPLE = FIXTURES / "update" / "cv.yaml"
WORKS = "/works?cursor=*&filter=author.id:A5023888391&per-page=200"
AS_OF = "2026-11-30"


def now_json() -> dict:
    return json.loads((FIXTURES / "update" / "works_now.json").read_text(encoding="utf-8"))


def serve(services: Services, works: dict | str = "update/works_now.json",
          author: str = "openalex/author_A5023888391.json") -> None:
    services.add("openalex", "/authors/A5023888391", fixture(author))
    body = fixture(works) if isinstance(works, str) else Answer(json.dumps(works).encode())
    services.add("openalex", WORKS, body)


def update(*args: str):
    return CliRunner().invoke(cli, ["update", *args, "--no-cache", "--as-of", AS_OF])


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def plain(path: Path) -> dict:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path)).value


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines of a line diff."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def block_of(text: str, title_start: str) -> str:
    """The text of one publication entry (from its ``- title:`` line to the next top-level item)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"- title: {title_start}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("- ", "\n")) or
                (lines[i] and not lines[i].startswith(" "))), len(lines))
    return "\n".join(lines[start:end])


# --- the example CV, a term later ---------------------------------------------------------------

def test_update_changes_only_new_works_counts_and_provenance(services, cv):
    serve(services)
    before = cv.read_text(encoding="utf-8")
    result = update(str(cv))
    assert result.exit_code == 0, result.output
    after = cv.read_text(encoding="utf-8")

    # What went away is only counts, figures, sync dates and the list of works seen.
    allowed = re.compile(r"^\s*(citations|h_index|i10_index|papers|as_of|synced): |^\s*- openalex:W\d+$|^\s*seen:")
    # Every other comment line and hand-written line is still there, word for word.
    for line in before.splitlines():
        if allowed.search(line):
            continue
        if "#" in line or "*" in line or line.strip().startswith(("selected", "notes", "tags", "code", "role", "terms")):
            assert line in after.splitlines(), line
    removed, added = changed_lines(before, after)
    assert removed and all(allowed.search(line) for line in removed), removed
    # The new counts are the fixtures' (OpenAlex's cited_by_count), the figures the author record's.
    author = json.loads((FIXTURES / "openalex" / "author_A5023888391.json").read_text(encoding="utf-8"))
    for figure, value in (("citations", author["cited_by_count"]), ("h_index", author["summary_stats"]["h_index"]),
                          ("i10_index", author["summary_stats"]["i10_index"]), ("papers", author["works_count"])):
        assert f"  {figure}: {value}" in added
    counts = {w["title"]: w["cited_by_count"] for w in now_json()["results"]}
    assert f"  citations: {counts['The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles']}" in added
    assert f"  citations: {counts['Scientometrics 2.0: New metrics of scholarly impact on the social Web']}" in added
    assert "  as_of: '2026-11-30'  # refreshed by cvgen update" in added  # the comment stays on its line

    # Everything added that is not a count, a date or the sync list belongs to the two new works.
    new_titles = ["OpenAlex: A fully-open index", "Altmetrics in the wild"]
    new_blocks = "\n".join(block_of(after, f"'{t}") for t in new_titles)
    others = [a for a in added if not allowed.search(a) and not re.match(r"^\s*- year: 2024$|^\s*citations: 310$", a)]
    assert others and all(a in new_blocks.splitlines() for a in others), [a for a in others if a not in new_blocks]

    # Loaded back: the new works, the hand edits, and every untouched field as it was.
    old, new = plain(EXAMPLE), plain(cv)
    assert [k for k in old] == [k for k in new]  # key order
    for key in old:
        if key not in ("publications", "metrics", "sync"):
            assert new[key] == old[key], key
    assert new["teaching"][0]["code"] == "01234" and new["teaching"][0]["role"] == "no"
    assert new["teaching"][0]["terms"] == ["3.10"]
    kept = {p["title"]: p for p in new["publications"]}
    for entry in old["publications"]:
        fresh = kept[entry["title"]]
        for field, value in entry.items():
            if field not in ("citations", "provenance"):
                assert fresh[field] == value, (entry["title"], field)
    assert len(new["publications"]) == 4
    loaded = load_file(cv)
    assert [p.date.year for p in loaded.publications] == [2022, 2018, 2012, 2010]  # placed by date
    assert "added 2 works" in result.stderr and "refreshed the citation counts of 2 works" in result.stderr


def test_a_second_update_changes_nothing(services, cv):
    serve(services)
    assert update(str(cv)).exit_code == 0
    once = cv.read_bytes()
    again = update(str(cv))
    assert again.exit_code == 0 and "up to date" in again.stderr
    assert cv.read_bytes() == once


ROOT = FIXTURES.parents[2]


@pytest.mark.parametrize("path", [EXAMPLE, *sorted((ROOT / "examples").glob("*.yaml"))], ids=lambda p: p.name)
def test_roundtrip_writer_keeps_a_uniform_file_byte_for_byte(path):
    """PyYAML's layout (``key:\n- item``) and the hand-written one (``key:\n  - item``) both survive."""
    from cvgen.interop.update import roundtrip

    text = path.read_text(encoding="utf-8")
    assert roundtrip.dump(roundtrip.load(text), text) == text


# --- hand edits win ------------------------------------------------------------------------------

def test_hand_edited_title_kept_when_the_service_changes_it(services, cv):
    works = now_json()
    sciento = next(w for w in works["results"] if w["title"].startswith("Scientometrics"))
    sciento["title"] = sciento["display_name"] = "Scientometrics 2.0: new metrics of scholarly impact on the social web"
    serve(services, works)
    result = update(str(cv))
    assert result.exit_code == 0, result.output
    titles = [p["title"] for p in plain(cv)["publications"]]
    assert "Scientometrics 2.0: New Metrics of Scholarly Impact on the Social Web" in titles
    assert "kept your title of 'Scientometrics 2.0: New Metrics of Scholarly Impact on the Social Web'" in result.stderr
    # The record now holds the service's new title, so the user's stays a hand edit next term too.
    again = update(str(cv))
    assert "Scientometrics 2.0: New Metrics" in cv.read_text(encoding="utf-8") and again.exit_code == 0


def test_force_takes_the_service_value_over_a_hand_edit(services, cv):
    works = now_json()
    sciento = next(w for w in works["results"] if w["title"].startswith("Scientometrics"))
    sciento["title"] = sciento["display_name"] = "Scientometrics 2.0: new metrics of scholarly impact on the social web"
    serve(services, works)
    assert update(str(cv), "--force", "title").exit_code == 0
    text = cv.read_text(encoding="utf-8")
    assert '- title: "Scientometrics 2.0: new metrics of scholarly impact on the social web"  # my capitalisation' in text
    assert "Bradley M. Hemminger   # OpenAlex misspells him" in text  # other hand edits untouched


def test_hand_edited_count_kept(services, cv):
    text = cv.read_text(encoding="utf-8").replace("  citations: 588\n", "  citations: 590  # Scholar says\n")
    cv.write_text(text, encoding="utf-8")
    serve(services)
    result = update(str(cv))
    assert result.exit_code == 0
    assert "  citations: 590  # Scholar says\n" in cv.read_text(encoding="utf-8")
    assert "kept your citations of" in result.stderr


# --- deleted works stay deleted -----------------------------------------------------------------

def test_deleted_work_not_re_added_and_recorded_as_ignored(services, cv):
    text = cv.read_text(encoding="utf-8")
    start = text.index('- title: "Scientometrics 2.0')
    end = text.index("\nteaching:")
    cv.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    serve(services)
    result = update(str(cv))
    assert result.exit_code == 0, result.output
    assert not any(p["title"].startswith("Scientometrics") for p in plain(cv)["publications"])
    assert "openalex:W2112569366" in load_file(cv).sync.ignored
    assert "you deleted it" in result.stderr and "added 2 works" in result.stderr
    update(str(cv))  # and again: still left out
    assert not any(p["title"].startswith("Scientometrics") for p in plain(cv)["publications"])


# --- a preprint meets its published version -----------------------------------------------------

def test_preprint_linked_to_its_published_version(services, tmp_path):
    services.add("openalex", "/authors/A5023888391", fixture("update/author_before.json"))
    services.add("openalex", WORKS, fixture("update/works_preprint_only.json"))
    path = tmp_path / "cv.yaml"
    made = CliRunner().invoke(cli, ["import", "openalex", "A5023888391", "--no-cache", "--as-of", "2026-05-04",
                                    "-o", str(path)])
    assert made.exit_code == 0, made.output
    (preprint,) = [p for p in plain(path)["publications"] if "state of oa" in p["title"].casefold()]
    assert preprint["kind"] == "preprint" and preprint["doi"] == "10.7287/peerj.preprints.3119v1"

    services.add("openalex", "/authors/A5023888391", fixture("openalex/author_A5023888391.json"))
    services.add("openalex", WORKS, fixture("update/works_now.json"))
    result = update(str(path))
    assert result.exit_code == 0, result.output
    entries = [p for p in plain(path)["publications"] if "state of oa" in p["title"].casefold()]
    assert len(entries) == 1  # linked, not duplicated
    (paper,) = entries
    assert paper["kind"] == "journal" and paper["doi"] == "10.7717/peerj.4375" and paper["venue"] == "PeerJ"
    assert {"label": "Preprint", "url": "https://doi.org/10.7287/peerj.preprints.3119v1"} in paper["links"]
    assert {s["id"] for s in paper["provenance"]["sources"]} == {"W2741809807", "W2740896151"}
    assert load_file(path)  # and the CV validates
    assert "linked the published version to the preprint" in result.stderr


# --- safe writes --------------------------------------------------------------------------------

def test_no_network_fails_fast_and_leaves_the_file_byte_identical(services, cv, monkeypatch):
    monkeypatch.setenv("CVGEN_OPENALEX_URL", "http://127.0.0.1:9/openalex")  # the discard port: refused
    before = cv.read_bytes()
    started = time.monotonic()
    result = update(str(cv))
    assert result.exit_code == 1
    assert time.monotonic() - started < 10
    assert "cannot reach OpenAlex" in result.stderr and "Traceback" not in result.output
    assert cv.read_bytes() == before
    assert [p.name for p in cv.parent.iterdir()] == ["cv.yaml"]  # no temporary file left


def test_dry_run_shows_a_diff_and_writes_nothing(services, cv):
    serve(services)
    before = cv.read_bytes()
    result = update(str(cv), "--dry-run")
    assert result.exit_code == 0
    assert cv.read_bytes() == before
    assert "-  citations: 951\n+  citations: 1017\n" in result.stdout
    assert "+- title: 'Altmetrics in the wild" in result.stdout and "would update" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_write_keeps_the_file_mode(services, cv):
    cv.chmod(0o600)
    serve(services)
    assert update(str(cv)).exit_code == 0
    assert cv.stat().st_mode & 0o777 == 0o600


def test_crlf_file_stays_crlf(services, cv):
    cv.write_bytes(cv.read_bytes().replace(b"\n", b"\r\n"))
    serve(services)
    assert update(str(cv)).exit_code == 0
    data = cv.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_invalid_cv_is_reported_and_not_touched(services, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("person:\n  name: X\npublications:\n- title: T\n  authors: [X]\n  date: someday\n", encoding="utf-8")
    before = bad.read_bytes()
    result = update(str(bad))
    assert result.exit_code == 2 and "bad.yaml:6:9" in result.stderr
    assert bad.read_bytes() == before and services.log == []  # nothing asked before the file validates


def test_file_naming_no_profile_asks_for_from(services, tmp_path):
    cv = tmp_path / "cv.yaml"
    cv.write_text("person:\n  name: X\n", encoding="utf-8")
    result = update(str(cv))
    assert result.exit_code == 2 and "--from openalex:" in result.stderr


# --- batch --------------------------------------------------------------------------------------

def test_several_files_each_with_its_summary(services, tmp_path):
    serve(services)
    a, b, missing = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "missing.yaml"
    shutil.copy(EXAMPLE, a)
    shutil.copy(EXAMPLE, b)
    result = update(str(a), str(missing), str(b))
    assert result.exit_code == 2  # the missing file
    assert f"{a}: updated" in result.stderr and f"{b}: updated" in result.stderr
    assert "missing.yaml" in result.stderr and result.stderr.count("added 2 works") == 2
    assert a.read_bytes() == b.read_bytes() != EXAMPLE.read_bytes()


def test_user_links_kept_and_the_services_new_links_added_after_them(services, cv):
    text = cv.read_text(encoding="utf-8").replace(
        "  - label: PDF\n    url: https://peerj.com/articles/4375.pdf\n",
        "  - label: PDF\n    url: https://peerj.com/articles/4375.pdf\n  - label: Slides\n    url: https://example.org/oa-slides.pdf\n")
    cv.write_text(text, encoding="utf-8")
    works = now_json()
    oa = next(w for w in works["results"] if w["id"].endswith("W2741809807"))
    oa["primary_location"]["pdf_url"] = "https://peerj.com/articles/4375v2.pdf"
    serve(services, works)
    assert update(str(cv)).exit_code == 0
    (paper,) = [p for p in plain(cv)["publications"] if p["title"].startswith("The state of OA")]
    assert [lnk["url"] for lnk in paper["links"]] == [
        "https://doi.org/10.7287/peerj.preprints.3119v1", "https://peerj.com/articles/4375.pdf",
        "https://example.org/oa-slides.pdf", "https://peerj.com/articles/4375v2.pdf"]


def test_first_update_of_a_file_without_a_sync_block(services, cv):
    text = cv.read_text(encoding="utf-8")
    cv.write_text(text[: text.index("# Written by cvgen: the profile")], encoding="utf-8")
    serve(services)
    result = update(str(cv), "--from", "openalex")  # the profile from the metrics line's provenance
    assert result.exit_code == 0, result.output
    assert "added 2 works" in result.stderr and "first update of this file" in result.stderr
    assert load_file(cv).sync.source == "openalex:A5023888391"


def test_import_records_where_to_update_from(services, tmp_path):
    serve(services, "update/works_before.json", "update/author_before.json")
    path = tmp_path / "cv.yaml"
    services.add("openalex", "/authors/orcid:0000-0001-6187-6610", fixture("update/author_before.json"))
    made = CliRunner().invoke(cli, ["import", "openalex", "0000-0001-6187-6610", "--no-cache", "-o", str(path)])
    assert made.exit_code == 0, made.output
    sync = load_file(path).sync
    assert sync.source == "openalex:A5023888391"  # the author id, though the import was asked by ORCID iD
    assert set(sync.seen) == {"openalex:W2741809807", "openalex:W2740896151", "openalex:W2112569366"}


def test_a_cv_without_publications_gets_them(services, tmp_path):
    cv = tmp_path / "cv.yaml"
    cv.write_text("person:\n  name: Jason Priem  # me\n  links:\n  - label: ORCID\n"
                  "    url: https://orcid.org/0000-0001-6187-6610\n", encoding="utf-8")
    services.add("openalex", "/authors/orcid:0000-0001-6187-6610", fixture("openalex/author_A5023888391.json"))
    services.add("openalex", WORKS, fixture("update/works_now.json"))
    result = update(str(cv), "--from", "openalex")  # OpenAlex is asked by the ORCID iD in person.links
    assert result.exit_code == 0, result.output
    text = cv.read_text(encoding="utf-8")
    assert text.startswith("person:\n  name: Jason Priem  # me\n")
    titles = [p["title"] for p in plain(cv)["publications"]]
    assert len(titles) == 4 and titles[0].startswith("OpenAlex:")  # the merged "state of OA" once
    assert load_file(cv).sync.source == "openalex:A5023888391"


def test_force_names_only_fields_update_refreshes(services, cv):
    result = update(str(cv), "--force", "selected")
    assert result.exit_code == 2 and "--force selected: not a field" in result.stderr and services.log == []


def test_file_saved_during_the_update_is_not_overwritten(services, cv, monkeypatch):
    import cvgen.interop.update.run as run

    serve(services)
    real = run.harvest

    def harvest_while_the_user_saves(*args, **kwargs):
        answer = real(*args, **kwargs)
        cv.write_text(cv.read_text(encoding="utf-8") + "# a line saved meanwhile\n", encoding="utf-8")
        return answer

    monkeypatch.setattr(run, "harvest", harvest_while_the_user_saves)
    result = update(str(cv))
    assert result.exit_code == 2 and "changed while it was being updated" in result.stderr
    assert cv.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8") + "# a line saved meanwhile\n"


@pytest.mark.parametrize(("service", "ident"), [("orcid", "0000-0002-1825-0097"), ("dblp", "s/AlexanderSSzalay")])
def test_update_right_after_an_import_changes_nothing(carberry, szalay, tmp_path, service, ident):
    path = tmp_path / "cv.yaml"
    made = CliRunner().invoke(cli, ["import", service, ident, "--no-cache", "--as-of", "2026-05-04", "-o", str(path)])
    assert made.exit_code == 0, made.output
    before = path.read_bytes()
    result = update(str(path))  # a later date, the same answers
    assert result.exit_code == 0, result.output
    assert "up to date" in result.stderr and path.read_bytes() == before
    assert load_file(path).sync.source == f"{service}:{ident}"


def test_roundtrip_reader_reads_scalars_as_the_strict_loader_does():
    from cvgen.interop.update import roundtrip

    text = "a: no\nb: 3.10\nc: 01234\nd: 0x1F\ne: 2024-01-05\nf: '3.10'\ng: ~\n"
    strict = parse_yaml(text, "<t>").value
    ours = roundtrip.load(text)
    for key in "abcdef":
        assert ours[key] == strict[key], key  # "no", "3.10", "01234" stay text, as cvgen reads them
    assert roundtrip.dump(ours, text) == text


MIXED = ("- course: Scholarly communication\n  code: 01234      # a course number, not the octal 668\n"
         "  role: no         # the Norwegian \"no\" (not false)\n  terms: [3.10]    # the third term of 2010, not 3.1\n",
         "  - course: Scholarly communication\n    code: 01234\n    role: no\n    terms: [3.10]\n")


def test_mixed_indents_are_said(services, cv):
    text = cv.read_text(encoding="utf-8").replace(*MIXED)
    assert "  - course:" in text
    cv.write_text(text, encoding="utf-8")
    serve(services)
    result = update(str(cv))
    assert result.exit_code == 0 and "layout is not uniform" in result.stderr
    assert plain(cv)["teaching"] == [{"course": "Scholarly communication", "code": "01234", "role": "no", "terms": ["3.10"]}]


def test_an_up_to_date_file_with_mixed_indents_is_not_rewritten(services, cv):
    serve(services)
    assert update(str(cv)).exit_code == 0
    mixed = cv.read_text(encoding="utf-8").replace(*MIXED)
    assert "  - course:" in mixed
    cv.write_text(mixed, encoding="utf-8")
    again = update(str(cv))
    assert again.exit_code == 0 and "up to date" in again.stderr
    assert cv.read_text(encoding="utf-8") == mixed


def test_a_hand_written_cv_only_gains_lines_in_its_own_layout(services, tmp_path):
    """A CV typed by hand (``key:\\n  - item``, no provenance, a metrics line copied from a profile page)."""
    cv = tmp_path / "cv.yaml"
    shutil.copy(ROOT / "examples" / "scholar_profile.yaml", cv)
    before = cv.read_text(encoding="utf-8")
    serve(services)
    result = update(str(cv), "--from", "openalex:A5023888391")
    assert result.exit_code == 0, result.output
    after = cv.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == []  # nothing of the user's is rewritten, the hand-typed metrics line included
    assert "  - title: 'Altmetrics in the wild: Using social media to explore scholarly impact'" in added
    assert "    authors:" in added and "sync:" in added
    assert load_file(cv).metrics.source == "Scholar profile"


def test_byte_order_mark_kept(services, cv):
    cv.write_bytes(b"\xef\xbb\xbf" + cv.read_bytes())
    serve(services)
    assert update(str(cv)).exit_code == 0
    data = cv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Imported from openalex") and data.count(b"\xef\xbb\xbf") == 1
