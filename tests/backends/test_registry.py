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
