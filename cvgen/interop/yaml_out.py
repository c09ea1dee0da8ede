"""Writing cvgen YAML that reads back exactly through cvgen's strict loader."""

from __future__ import annotations

from typing import Any


def dump_yaml(data: Any, comment: str | None = None) -> str:
    """YAML text for ``data`` (dicts, lists, strings, numbers, booleans).

    PyYAML quotes every string that would otherwise read as another type (``'2021'``, ``'yes'``,
    ``'null'``), so each value comes back as the same string; no anchors or aliases are written,
    and lines are never folded, so long titles stay on one line.
    """
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - same object twice is written twice
            return True

    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False,
        indent=2,
    )
    lines = [f"# {line}".rstrip() for line in (comment or "").splitlines()]
    return ("\n".join(lines) + "\n" if lines else "") + text
