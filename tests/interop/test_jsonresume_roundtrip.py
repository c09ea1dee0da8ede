"""cvgen → JSON Resume → cvgen gives the same CV back (issue 16: research areas and link labels were lost).

Compared field by field on every example; the only known difference is an author's explicit
``member: false``, which the compact author form cannot say (it reads back as "not set").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.interop.jsonresume_schema import schema_problems
from cvgen.loader import load_file

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def _differences(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            yield from _differences(a[key], b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{path}[{i}]")
    elif a != b and not (path.endswith(".member") and a is False and b is None):
        yield path, a, b


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_round_trip_keeps_every_field(tmp_path, example):
    runner = CliRunner()
    resume = tmp_path / "resume.json"
    assert runner.invoke(cli, ["export", "jsonresume", str(example), "-o", str(resume)]).exit_code == 0
    assert schema_problems(json.loads(resume.read_text(encoding="utf-8"))) == []
    back = tmp_path / "cv.yaml"
    result = runner.invoke(cli, ["import", "jsonresume", str(resume), "-o", str(back)])
    assert result.exit_code == 0, result.output
    before = load_file(example).model_dump(mode="json", exclude={"settings"})
    after = load_file(back).model_dump(mode="json", exclude={"settings"})
    assert list(_differences(before, after)) == []


def test_research_areas_and_link_labels_come_back(tmp_path):
    cv = tmp_path / "cv.yaml"
    cv.write_text("""person:
  name: Ana Souza
  emails: [ana at example dot org, ana@example.org]
  links:
    - {label: Lab website, url: "https://lab.example.org", kind: lab}
    - {label: Office hours on request}
research_areas:
  - label: Pollination
    topics: [networks, drought]
""", encoding="utf-8")
    runner = CliRunner()
    resume = tmp_path / "resume.json"
    assert runner.invoke(cli, ["export", "jsonresume", str(cv), "-o", str(resume)]).exit_code == 0
    doc = json.loads(resume.read_text(encoding="utf-8"))
    assert doc["basics"]["email"] == "ana@example.org"  # the schema's email must be an address
    assert runner.invoke(cli, ["import", "jsonresume", str(resume), "-o", str(tmp_path / "back.yaml")]).exit_code == 0
    back = load_file(tmp_path / "back.yaml")
    assert [(lnk.label, lnk.url, lnk.kind) for lnk in back.person.links] == [
        ("Lab website", "https://lab.example.org", "lab"), ("Office hours on request", None, "other")]
    assert [(a.label, [str(t[0].text) for t in a.topics]) for a in back.research_areas] == [
        ("Pollination", ["networks", "drought"])]
    assert back.custom_sections == ()  # not a "Skills" section any more
    assert list(back.person.emails) == ["ana at example dot org", "ana@example.org"]
