"""The pipeline's arrows point one way: no module imports a layer above its own, and no import cycle.

Every module under ``cvgen/`` is parsed with :mod:`ast`, so imports inside functions (the ones
that hide an upward arrow from a quick read) count like those at the top. ``if TYPE_CHECKING:``
imports count too: a type that needs a higher layer is a sign the code sits too low.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cvgen"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("cvgen.errors", "cvgen.chars", "cvgen.version", "cvgen.containment", "cvgen.resources", "cvgen.template_cache"),
    ("cvgen.model",),
    # The words cvgen writes in each language (string tables, CLDR dates): read by the view and by
    # backends that set a language up (babel, Word's w:lang); it reads only the model.
    ("cvgen.locale",),
    # Importers and exporters sit beside the loader: both read files into the model (a CV's
    # publications_from is read by the BibTeX importer); the cycle check keeps them apart.
    # Citation styles: .csl files are read at load time (catalogue); the engine formats for the view.
    ("cvgen.loader", "cvgen.interop", "cvgen.citations"),
    ("cvgen.view",),
    ("cvgen.themes", "cvgen.isolation", "cvgen.output"),
    ("cvgen.backends",),
    ("cvgen.api", "cvgen.pipeline", "cvgen.schema"),
    ("cvgen.batch", "cvgen.rerun", "cvgen.reports"),
    ("cvgen.cli",),
    ("cvgen",),  # the package's __init__: lazy re-exports of everything
)
"""Lowest first. A module may import its own layer and those below it, never one above."""

KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()
"""(importer, imported) pairs allowed for now. Each is a bug to fix; the list should be empty."""


NEVER: tuple[tuple[str, str], ...] = (
    ("cvgen.view", "cvgen.loader"),  # the view is pure: what the loader read comes in a Loaded
    ("cvgen.view", "cvgen.interop"),
)
"""Lower layers a layer still must not use: (importer prefix, imported prefix)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = here.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """Every cvgen module ``name`` imports, wherever the import statement sits."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, name, path.name == "__init__.py")
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        yield from (t for t in targets if t == "cvgen" or t.startswith("cvgen."))


def layer_of(name: str) -> int:
    """Index of the most specific prefix in LAYERS that names ``name``."""
    best, best_len = None, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    assert best is not None, f"{name} is in no layer; add it to LAYERS"
    return best


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: {t for t in imports_of(name, path, known) if t != name} for name, path in found.items()}


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer_of(name)


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{src} (layer {layer_of(src)}) imports {dst} (layer {layer_of(dst)})"
        for src, targets in graph().items()
        for dst in sorted(targets)
        if layer_of(dst) > layer_of(src) and (src, dst) not in KNOWN_EXCEPTIONS
    ]
    assert upward == []


def test_known_exceptions_are_still_real() -> None:
    """An allow-list entry that no longer happens must be deleted, so the list only shrinks."""
    edges = {(src, dst) for src, targets in graph().items() for dst in targets}
    assert KNOWN_EXCEPTIONS <= edges


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_forbidden_side_arrows() -> None:
    found = [
        f"{src} imports {dst}"
        for src, targets in graph().items()
        for dst in sorted(targets)
        if any(_under(src, a) and _under(dst, b) for a, b in NEVER)
    ]
    assert found == []


def _find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle between modules, as a path, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for root in sorted(edges):
        if root in state:
            continue
        path, stack = [root], [iter(sorted(edges[root]))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif nxt not in state and nxt in edges:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(edges[nxt])))
    return None


def test_no_import_cycle() -> None:
    # A package's __init__ re-exporting its own submodules is not a cycle between modules.
    edges = {
        src: {dst for dst in targets if not (src.startswith(dst + ".") and modules()[dst].name == "__init__.py")}
        for src, targets in graph().items()
    }
    assert _find_cycle(edges) is None


def test_the_check_sees_function_local_imports(tmp_path: Path) -> None:
    """The check would catch an import hidden in a function (what the old view → loader arrow did)."""
    path = tmp_path / "probe.py"
    path.write_text("def f():\n    from cvgen.loader.load import load\n    from ..model import cv\n", encoding="utf-8")
    found = set(imports_of("cvgen.view.probe", path, {"cvgen.model.cv"}))
    assert found == {"cvgen.loader.load", "cvgen.model.cv"}
    assert layer_of("cvgen.loader.load") > layer_of("cvgen.model.cv")
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
