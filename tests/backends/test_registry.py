"""The backend registry: names, aliases, duplicates refused unless forced."""

from __future__ import annotations

import pytest

from cvgen.backends import registry
from cvgen.backends.base import Backend, RenderOptions
from cvgen.errors import UsageError


class _Echo(Backend):
    name = "echo-test"
    aliases = ("echo-alias",)
    suffix = ".echo"
    description = "test backend"

    def render(self, doc, theme, options: RenderOptions) -> str:
        return doc.header.name


class _Clash(Backend):
    name = "echo-test"
    suffix = ".clash"

    def render(self, doc, theme, options: RenderOptions) -> str:
        return "clash"


@pytest.fixture
def echo():
    registry.register(_Echo)
    yield _Echo
    registry.unregister("echo-test")


def test_register_and_get_by_alias(echo, example_doc) -> None:
    backend = registry.get("echo-alias")
    assert isinstance(backend, _Echo)
    assert backend.check() is None
    assert backend.render(example_doc, None, RenderOptions()) == "Sijia Liu"
    assert "echo-test" in registry.names()


def test_duplicate_refused_unless_forced(echo) -> None:
    with pytest.raises(registry.DuplicateBackendError, match="already used"):
        registry.register(_Clash)
    registry.register(_Clash, force=True)
    assert isinstance(registry.get("echo-test"), _Clash)
    with pytest.raises(UsageError):
        registry.get("echo-alias")  # the forced replacement dropped the old aliases


def test_unknown_format_lists_available() -> None:
    with pytest.raises(UsageError, match="available formats"):
        registry.get("nonexistent-format")


def test_missing_dependency_reported_by_check() -> None:
    class _Needs(Backend):
        name = "needs-test"
        suffix = ".x"
        requires_modules = ("module_that_does_not_exist_xyz",)
        requires_programs = ("program-that-does-not-exist-xyz",)

        def render(self, doc, theme, options):  # pragma: no cover - never reached
            return ""

    assert "module_that_does_not_exist_xyz" in (_Needs().check() or "")


def test_builtin_table_is_the_packages_entry_points() -> None:
    """cvgen's own formats are imported from ``registry.BUILTIN`` without reading the installed
    metadata, so that table must say exactly what pyproject.toml declares."""
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert registry.BUILTIN == pyproject["project"]["entry-points"]["cvgen.backends"]


def test_builtin_format_found_without_the_entry_point_scan() -> None:
    """``-f pdf-typst`` imports its backend without listing every installed package's entry points;
    an alias still finds its owner through them."""
    fresh = registry.Registry()
    assert fresh.get("pdf-typst").name == "pdf-typst"
    assert fresh._pending is None  # the scan of installed distributions never ran
    assert fresh.get("word").name == "docx"
    assert fresh._pending is not None
    assert "pdf-typst" in fresh.names() and fresh.broken() == {}
