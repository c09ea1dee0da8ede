"""JSON Resume export against the official schema (npm ``@jsonresume/schema``, vendored with its version)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.interop.jsonresume_schema import SCHEMA_FILE, SCHEMA_VERSION, schema_problems

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def test_the_vendored_schema_is_the_published_one():
    # sha256 of package/schema.json in `npm pack @jsonresume/schema@1.3.1` (noted in schemas/README.md)
    assert SCHEMA_VERSION in SCHEMA_FILE.name
    digest = hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()
    assert digest == "a07eedd3d86ac5bb61d72e136d788269e35baf42c35391e15d0be39b3dc5a4bd"


def test_the_check_catches_what_the_schema_forbids():
    bad = {"basics": {"email": "jane at uni dot edu", "profiles": "github"}, "work": [{"startDate": "May 2020"}]}
    found = "\n".join(schema_problems(bad))
    assert "basics.email" in found and "basics.profiles" in found and "work.0.startDate" in found


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_exports_a_valid_json_resume(tmp_path, example):
    out = tmp_path / "resume.json"
    result = CliRunner().invoke(cli, ["export", "jsonresume", str(example), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert schema_problems(json.loads(out.read_text(encoding="utf-8"))) == []
