"""A department's batch: one bad record in 200 fails alone, the report (JSON and CSV) names it, the
exit status says so; --changed-only renders only what changed."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from click.testing import CliRunner

from cvgen.cli import cli

MAP = """\
output: "{netid}"
cv:
  person:
    name: "{name}"
    emails: [{column: email}]
  positions:
    - {title: "{title}", organization: Example University, start: "{start}"}
"""


def _department(folder: Path, n: int, bad: int | None = None) -> Path:
    rows = ["netid,name,email,title,start"]
    for i in range(n):
        start = "2020-13" if i == bad else f"20{10 + i % 10}-0{1 + i % 9}"
        rows.append(f"p{i:03d},Person {i},p{i}@example.edu,Professor,{start}")
    (folder / "faculty.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "map.yaml").write_text(MAP, encoding="utf-8")
    return folder


def _render(folder: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", "--data", str(folder / "faculty.csv"), "--map", str(folder / "map.yaml"),
                                      "-f", "text,markdown", "-o", str(folder / "out"), *extra])
    return result.exit_code, result.output


def test_one_bad_record_in_200(tmp_path: Path) -> None:
    _department(tmp_path, 200, bad=137)
    status, output = _render(tmp_path)
    assert status == 2, output  # bad input in one record: the whole run says so
    out = tmp_path / "out"
    assert len(list(out.glob("*.txt"))) == 199 and len(list(out.glob("*.md"))) == 199
    assert not (out / "p137.txt").exists() and not (out / "p137.md").exists()
    report = json.loads((out / "cvgen-report.json").read_text())
    assert (report["total"], report["rendered"], report["failed"]) == (200, 199, 1)
    [failed] = [row for row in report["cvs"] if row["status"] == "failed"]
    assert failed["name"] == "Person 137"
    # Row 138 of the data is on line 139 (the header is line 1); start is its 5th column.
    assert failed["source"].endswith("faculty.csv:139")
    assert failed["error"].endswith("faculty.csv:139:5: positions[0].start: month 13 is not 1–12 in '2020-13'; "
                                    "accepted forms: YYYY, YYYY-MM, YYYY-MM-DD, 'Mar 2016', 'March 2016', "
                                    "'Mar 27, 2022', or 'present' (column 'start')")
    ok = next(row for row in report["cvs"] if row["name"] == "Person 0")
    assert ok["outputs"] == [str(out / "p000.txt"), str(out / "p000.md")]
    assert len(ok["input_hash"]) == 64 and len(ok["output_sha256"]) == 2
    with open(out / "cvgen-report.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 200 and [r["name"] for r in rows if r["status"] == "failed"] == ["Person 137"]
    assert "1 failed" in output


def test_changed_only_skips_unchanged_cvs(tmp_path: Path) -> None:
    _department(tmp_path, 5)
    assert _render(tmp_path, "--changed-only")[0] == 0  # no report yet: everything renders
    out = tmp_path / "out"
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.txt")}
    os.utime(out / "p002.txt", ns=(1, 1))  # mark one output so a rewrite would show
    data = (tmp_path / "faculty.csv").read_text().replace("Person 3,", "Person Three,")
    (tmp_path / "faculty.csv").write_text(data)
    status, output = _render(tmp_path, "--changed-only")
    assert status == 0, output
    report = json.loads((out / "cvgen-report.json").read_text())
    assert {r["name"]: r["status"] for r in report["cvs"]} == {
        "Person 0": "unchanged", "Person 1": "unchanged", "Person 2": "unchanged",
        "Person Three": "rendered", "Person 4": "unchanged",
    }
    assert (out / "p002.txt").stat().st_mtime_ns == 1  # not rewritten
    assert "Person Three" in (out / "p003.txt").read_text()
    assert "4 unchanged" in output
    # A missing output is rendered again even when its input is unchanged.
    (out / "p004.md").unlink()
    _render(tmp_path, "--changed-only")
    report = json.loads((out / "cvgen-report.json").read_text())
    assert {r["name"]: r["status"] for r in report["cvs"]}["Person 4"] == "rendered"
    assert before  # the first run wrote files


def test_changed_only_follows_the_base_and_options(tmp_path: Path) -> None:
    _department(tmp_path, 2)
    (tmp_path / "base.yaml").write_text("settings: {titles: {positions: Appointments}}\n")
    (tmp_path / "map.yaml").write_text("base: base.yaml\n" + MAP)
    _render(tmp_path)
    _render(tmp_path, "--changed-only")
    report = json.loads((tmp_path / "out" / "cvgen-report.json").read_text())
    assert {r["status"] for r in report["cvs"]} == {"unchanged"}
    (tmp_path / "base.yaml").write_text("settings: {titles: {positions: Employment}}\n")
    _render(tmp_path, "--changed-only")
    report = json.loads((tmp_path / "out" / "cvgen-report.json").read_text())
    assert {r["status"] for r in report["cvs"]} == {"rendered"}
    assert "EMPLOYMENT" in (tmp_path / "out" / "p000.txt").read_text()
    _render(tmp_path, "--changed-only", "--profile", "full")  # other options: another output
    report = json.loads((tmp_path / "out" / "cvgen-report.json").read_text())
    assert {r["status"] for r in report["cvs"]} == {"rendered"}


def test_cv_files_get_a_report_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("person: {name: A}\n")
    (tmp_path / "b.yaml").write_text("person: {name: B, emails: x}\n")
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-f", "text",
                                      "-o", str(tmp_path / "out/"), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    report = json.loads((tmp_path / "r.json").read_text())
    assert [(Path(r["source"]).name, r["status"]) for r in report["cvs"]] == [("a.yaml", "rendered"), ("b.yaml", "failed")]
    assert (tmp_path / "r.csv").is_file()


def test_data_needs_a_map(tmp_path: Path) -> None:
    _department(tmp_path, 1)
    result = CliRunner().invoke(cli, ["render", "--data", str(tmp_path / "faculty.csv")])
    assert result.exit_code == 2 and "--data and --map go together" in result.output


def test_sweep_removes_only_the_temporary_files_of_this_batch(tmp_path: Path) -> None:
    from cvgen.batch import Task, sweep_partials

    task = Task(tmp_path / "a.yaml", (("text", tmp_path / "a.txt"), ("markdown", tmp_path / "a.md")))
    leftovers = [tmp_path / ".a.txt.k3j_x9q2.part", tmp_path / ".a.md.0abc_def.part"]
    kept = [tmp_path / ".b.txt.k3j_x9q2.part", tmp_path / "a.txt", tmp_path / ".a.txt.notes"]
    for path in leftovers + kept:
        path.write_text("x")
    sweep_partials([task])
    assert [p.exists() for p in leftovers] == [False, False]
    assert all(p.exists() for p in kept)


def test_worker_processes_and_any_executor_give_the_same_files(tmp_path: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor

    import cvgen

    _department(tmp_path, 12, bad=5)
    data, mapping = tmp_path / "faculty.csv", tmp_path / "map.yaml"
    runs = {
        "one": cvgen.render_many(data, ["text", "markdown"], tmp_path / "one", mapping=mapping),
        "pool": cvgen.render_many(data, ["text", "markdown"], tmp_path / "pool", mapping=mapping, jobs=2),
    }
    with ProcessPoolExecutor(2) as executor:
        runs["executor"] = cvgen.render_many(data, ["text", "markdown"], tmp_path / "executor", mapping=mapping,
                                             executor=executor)
    for name, results in runs.items():
        assert [r.status for r in results].count("failed") == 1 and not results[5].ok, name
        files = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
        assert files == {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}, name
        assert len(files) == 22
