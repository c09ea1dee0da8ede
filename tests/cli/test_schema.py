"""The JSON Schema: committed copy up to date, and it agrees with cvgen on what editors see.

Editors (yaml-language-server) read YAML 1.2: ``2024-07-16`` stays a string, ``8509`` is a number,
``NO`` is a string. :class:`EditorLoader` reads files the same way, so these tests check the schema
against the values an editor would check, not against cvgen's own all-strings reader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_text
from cvgen.schema import schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "cvgen" / "cvgen.schema.json"
STARTER = ROOT / "cvgen" / "starter.yaml"
EXAMPLE = ROOT / "examples" / "sijia_liu.yaml"


class EditorLoader(yaml.SafeLoader):
    """YAML 1.2 core schema as editors read it: no timestamps, only true/false are booleans."""


EditorLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def editor_view(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)  # noqa: S506 - a SafeLoader subclass


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    data = schema()
    jsonschema.Draft202012Validator.check_schema(data)
    return jsonschema.Draft202012Validator(data)


def _errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "cvgen/cvgen.schema.json is out of date with the model; regenerate it with:\n"
        "    .venv/bin/cvgen schema -o cvgen/cvgen.schema.json"
    )


def test_schema_is_draft_2020_12() -> None:
    data = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["type"] == "object" and data["required"] == ["person"] and data["additionalProperties"] is False


def test_example_points_at_the_committed_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../cvgen/cvgen.schema.json"
    assert (EXAMPLE.parent / "../cvgen/cvgen.schema.json").resolve() == COMMITTED


@pytest.mark.parametrize("path", [EXAMPLE, STARTER], ids=["example", "starter"])
def test_reference_files_validate(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    text = path.read_text(encoding="utf-8")
    assert _errors(validator, editor_view(text)) == []
    load_text(text)  # and cvgen agrees


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_is_never_stricter_than_cvgen(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    """Whatever example cvgen accepts, editors must not flag."""
    from cvgen.errors import InputError
    from cvgen.loader import load_file

    try:
        load_file(path)
    except InputError:
        pytest.skip(f"{path.name} is not a valid CV for cvgen")
    assert _errors(validator, editor_view(path.read_text(encoding="utf-8"))) == []


def test_values_editors_type_as_numbers_or_strings_are_accepted(validator: jsonschema.Draft202012Validator) -> None:
    text = (
        "person:\n  name: Ada\n  pronouns: NO\n  address: [01234, 1:30, 3.10, 1e3, off]\n"
        "publications:\n  - {title: 1984, authors: [A. B†*, {name: C, equal: true}], date: 2024, volume: 3, pages: 1-9}\n"
        "talks:\n  - {title: T, event: E, date: Mar 2016}\n"
        "positions:\n  - {title: P, organization: O, start: 2021-01, end: present}\n"
        "metrics: {citations: 8509, as_of: 2024-07-16}\n"
        "grants:\n  - {title: G, sponsor: NSF, amount: {value: 250000.5}}\n"
        "settings: {sections: [education, {key: talks, title: Talks}]}\n"
    )
    assert _errors(validator, editor_view(text)) == []
    load_text(text)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("person: {name: A}\npublicatons: []\n", ""),
        ("person: {name: A, titel: x}\n", "person"),
        ("summary: x\n", ""),
        ("person: {name: A}\npublications:\n  - {title: T, authors: [A], date: 2020, kind: blog}\n", "publications/0/kind"),
        ("person: {name: A}\npublications:\n  - {title: T, authors: [A], date: 2020, titel: x}\n", "publications/0"),
        ("person: {name: A}\nhonors:\n  - {title: T, date: 01/02/2024}\n", "honors/0/date"),
        ("person: {name: A}\nsettings: {page_size: a5}\n", "settings/page_size"),
        ("person:\n  name: A\n  links: [{label: x, url: 'javascript:alert(1)'}]\n", "person/links/0/url"),
        ("person: {name: A}\nsettings: {sections: [Bad Key]}\n", "settings/sections/0"),
        ("person: {name: A}\nmetrics: {citations: many}\n", "metrics/citations"),
    ],
)
def test_schema_flags_what_cvgen_refuses(text: str, where: str, validator: jsonschema.Draft202012Validator) -> None:
    from cvgen.errors import InputError

    with pytest.raises(InputError):
        load_text(text)
    errors = list(validator.iter_errors(editor_view(text)))
    assert errors, "the schema accepted what cvgen refuses"
    assert any(path.startswith(where) for path in _paths(errors)), list(_paths(errors))


def _paths(errors: list[jsonschema.ValidationError]) -> set[str]:
    """Where each error points, including inside anyOf branches (Optional fields report at the parent)."""
    out: set[str] = set()
    for error in errors:
        out.add("/".join(map(str, error.absolute_path)))
        out |= _paths(list(error.context or []))
    return out


def test_schema_has_descriptions_for_editor_hovers() -> None:
    defs = schema()["$defs"]
    assert defs["Publication"]["properties"]["venue_short"].get("description")
    assert defs["Author"]["anyOf"][0]["type"] == "string"


def test_cli_prints_and_writes_the_schema(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(cli, ["schema"])
    assert printed.exit_code == 0 and printed.stdout == schema_text()
    out = tmp_path / "s.json"
    written = runner.invoke(cli, ["schema", "-o", str(out)])
    assert written.exit_code == 0 and out.read_text(encoding="utf-8") == schema_text()
