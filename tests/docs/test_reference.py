"""docs/reference.md is generated from the model and must match it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from cvgen.model.docstrings import description
from tests.docs.snippets import DOCS

# The generator is a development script (scripts/docs_reference.py), not part of the package.
_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "docs_reference.py"
_spec = importlib.util.spec_from_file_location("docs_reference", _SCRIPT)
assert _spec and _spec.loader
docs_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(docs_reference)
REGENERATE, generate, model_order = docs_reference.REGENERATE, docs_reference.generate, docs_reference.model_order


def test_reference_is_up_to_date() -> None:
    current = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert current == generate(), f"docs/reference.md is stale; regenerate it with: .venv/bin/{REGENERATE}"


def test_every_field_is_documented() -> None:
    text = generate()
    undocumented = []
    for cls, _path in model_order():
        assert f"## {cls.__name__} {{#" in text
        for name, info in cls.model_fields.items():
            assert f"| `{info.alias or name}` |" in text
            if not (description(cls, name) or "").strip():
                undocumented.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not undocumented, (
        "these model fields have no description; add a one-line docstring under each field "
        f"(it shows in docs/reference.md and in editors): {undocumented}"
    )


def test_types_and_defaults_read_like_yaml() -> None:
    text = generate()
    assert "| `person` | [Person](#person) | **required** |" in text
    assert "| `start` | date | **required** |" in text  # Position.start
    assert '| `end` | date or "present" | – |' in text
    assert "| `kind` | one of `journal`, `conference`," in text
    assert "| `page_size` | one of `letter`, `a4` | `letter` |" in text


def test_check_mode_reports_a_stale_page(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / "reference.md"
    stale.write_text("old\n", encoding="utf-8")
    assert docs_reference.main([str(stale), "--check"]) == 1
    assert REGENERATE in capsys.readouterr().err
    assert docs_reference.main([str(stale)]) == 0
    assert docs_reference.main([str(stale), "--check"]) == 0
