"""Generate docs/reference.md, the YAML reference, from the model itself.

The model is the single source of truth: every field's name, type, default and description (the
field's docstring) comes from :class:`cvgen.model.CV` and the models it contains, so the reference
cannot drift from what the loader accepts. Each table is followed by an example taken from the
reference CV (``examples/sijia_liu.yaml``) or the starter file, validated against its model while
the page is generated. A test fails when the committed page is stale; regenerate it with::

    python scripts/docs_reference.py            # writes docs/reference.md
    python scripts/docs_reference.py --check    # exit 1 when docs/reference.md is stale

It is a development tool (it reads ``examples/`` and writes ``docs/``, neither of which ships in
the wheel), so it lives in ``scripts/`` rather than in the package.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from cvgen.model.base import Model
from cvgen.model.cv import CV
from cvgen.model.dates import Date, EndDate
from cvgen.model.docstrings import description
from cvgen.model.links import Url
from cvgen.model.markup import RichText
from cvgen.model.settings import Colour, SectionKey
from cvgen.model.text import PlainText

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "reference.md"
EXAMPLE_SOURCES = (ROOT / "examples" / "sijia_liu.yaml", ROOT / "cvgen" / "starter.yaml")
REGENERATE = "python scripts/docs_reference.py"

# Named type aliases of the model, shown by their meaning rather than their Python spelling.
_ALIASES: list[tuple[Any, str]] = [
    (PlainText, "text"),
    (RichText, "text with markup"),
    (Url, "URL"),
    (Date, "date"),
    (EndDate, 'date or "present"'),
    (SectionKey, "section key"),
    (Colour, "colour"),
]

HEADER = f"""\
<!-- Generated from cvgen's model by `{REGENERATE}`; do not edit by hand. -->
# YAML reference

Every key a CV file may contain, generated from cvgen's model. Unknown keys are errors, so a
misspelt key is reported with its line and column instead of being ignored.

**Types.**
*text* is one line or paragraph, shown literally.
*text with markup* also accepts `**bold**`, `*italic*` and `[label](https://…)`; nothing else is markup
(HTML, LaTeX and backticks are shown as typed).
A *date* is `2024`, `2024-03`, `2024-03-27`, `Mar 2016`, `March 2016` or `Mar 27, 2022`;
an end date may also be `present`.
A *URL* starts with `http:`, `https:`, `mailto:`, `tel:`, `ftp:` or `doi:`.
A *section key* is lowercase letters, digits, `-` and `_`.
A *list of X* is written as a YAML list (`[a, b]` or one `- item` per line).

Your editor can check all of this as you type: see [Editor support](editor.md).
"""


def _alias_name(tp: Any) -> str | None:
    for alias, name in _ALIASES:
        try:
            if tp == alias:
                return name
        except Exception:  # noqa: BLE001 - some typing objects refuse comparison
            continue
    return None


def _anchor(cls: type[BaseModel]) -> str:
    return cls.__name__.lower()


def describe_type(tp: Any) -> str:
    """A reader's name for a type: "list of [Author](#author)", "one of `a`, `b`", …"""
    name = _alias_name(tp)
    if name:
        return name
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return describe_type(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        parts = [describe_type(a) for a in get_args(tp) if a is not type(None)]
        return " or ".join(parts)
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in get_args(tp))
    if origin is tuple:
        return "list of " + describe_type(get_args(tp)[0])
    if origin is dict:
        key, value = get_args(tp)
        return f"mapping of {describe_type(key)} to {describe_type(value)}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{_anchor(tp)})"
    return {str: "text", int: "integer", float: "number", bool: "true or false"}.get(tp, getattr(tp, "__name__", str(tp)))


def _models_in(tp: Any) -> Iterator[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield tp
    for arg in get_args(tp):
        yield from _models_in(arg)


def model_order(root: type[BaseModel] = CV) -> list[tuple[type[BaseModel], tuple[str, ...]]]:
    """Every model reachable from ``root``, breadth first, with the key path where it first appears."""
    seen: dict[type[BaseModel], tuple[str, ...]] = {root: ()}
    queue = [root]
    while queue:
        cls = queue.pop(0)
        hints = typing.get_type_hints(cls, include_extras=True)
        for name in cls.model_fields:
            for sub in _models_in(hints[name]):
                if sub not in seen:
                    seen[sub] = (*seen[cls], name)
                    queue.append(sub)
    return list(seen.items())


def describe_default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    value = info.default_factory() if info.default_factory is not None else info.default  # type: ignore[call-arg]
    if value is PydanticUndefined or value is None:
        return "–"
    if isinstance(value, BaseModel):
        return "see below" if not value.model_fields_set else _yaml_inline(value.model_dump(mode="json", exclude_unset=True))
    if isinstance(value, tuple | list | dict):
        return _yaml_inline(value if not isinstance(value, tuple) else list(value)) if value else ("`[]`" if not isinstance(value, dict) else "`{}`")
    return _yaml_inline(value)


def _yaml_inline(value: Any) -> str:
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")].strip()
    text = text.removesuffix("...").strip()
    return f"`{text}`".replace("|", "\\|")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _load_examples() -> list[Any]:
    import yaml

    out = []
    for source in EXAMPLE_SOURCES:
        if source.is_file():
            out.append(yaml.safe_load(source.read_text(encoding="utf-8")))
    return out


def _follow(data: Any, path: tuple[str, ...]) -> Any:
    """The first value at ``path`` in raw YAML data, stepping into the first item of lists and maps."""
    for key in path:
        if isinstance(data, list):
            data = next((d for d in data if isinstance(d, dict)), None)
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    if isinstance(data, list):
        data = next((d for d in data if isinstance(d, dict)), None)
    return data


# Examples for models the example files do not spell out as a mapping.
EXTRA_EXAMPLES: dict[str, dict[str, Any]] = {
    "Author": {"name": "Y. Zhang", "student": True, "equal": True},
    "CustomSection": {
        "key": "patents",
        "title": "Patents",
        "numbered": True,
        "entries": [{"title": "Zeroth-order optimisation of black-box models", "subtitle": "US Patent 11,000,000",
                     "date": "2023-05"}],
    },
    "Entry": {"title": "Zeroth-order optimisation of black-box models", "subtitle": "US Patent 11,000,000",
              "date": "2023-05", "details": ["Licensed to **Example Corp**"]},
    "SectionSpec": {"key": "publications", "title": "Selected Publications"},
    "Topic": {"key": "trustworthy", "title": "Publications in *Trustworthy ML*"},
    "Markers": {"student": "†", "equal": "*", "corresponding": "✉"},
    "Legend": {"student": "{marker} denotes a student I supervise", "separator": "; "},
    "Profile": {"sections": ["education", "positions", "publications"], "selected_only": True, "since": 2020},
}


def example_for(cls: type[BaseModel], path: tuple[str, ...], examples: list[Any]) -> Any:
    """A raw example of ``cls`` from the example files, checked against the model; None if none fits."""
    if not path:
        return None  # the whole CV is the example file itself
    if cls.__name__ in EXTRA_EXAMPLES:
        value = EXTRA_EXAMPLES[cls.__name__]
        cls.model_validate(value)
        return value
    from pydantic import ValidationError

    for data in examples:
        value = _follow(data, path)
        if isinstance(value, dict) and value:
            try:
                cls.model_validate(value)  # an example that does not load would teach the wrong thing
            except ValidationError:
                continue
            return value
    return None


def _is_tuple(tp: Any) -> bool:
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _is_tuple(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return any(_is_tuple(a) for a in get_args(tp))
    return origin is tuple


def _is_dict(tp: Any) -> bool:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return any(_is_dict(a) for a in get_args(tp))
    return origin is dict


def model_section(cls: type[Model], path: tuple[str, ...], examples: list[Any]) -> str:
    hints = typing.get_type_hints(cls, include_extras=True)
    where = "the top level of the file" if not path else "`" + ".".join(path) + "`"
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    lines = [f"## {cls.__name__} {{#{_anchor(cls)}}}", ""]
    if doc and not doc.startswith(("!!!", "Usage docs")):
        lines += [" ".join(doc.split()), ""]
    lines += [f"Used at {where}.", "", "| Key | Type | Default | Description |", "| --- | --- | --- | --- |"]
    for name, info in cls.model_fields.items():
        key = info.alias or name
        lines.append(
            f"| `{key}` | {_cell(describe_type(hints[name]))} | {describe_default(info)} | {_cell(description(cls, name) or '')} |"
        )
    lines.append("")
    example = example_for(cls, path, examples)
    if example is not None:
        parent_hints = typing.get_type_hints(_owner(path), include_extras=True)
        field_type = parent_hints[path[-1]]
        wrapped: Any = [example] if _is_tuple(field_type) else example
        if _is_dict(field_type):
            wrapped = {"selected": example}
        text = _dump(_wrap(path, wrapped))
        lines += ["Example:", "", "```yaml", text.rstrip("\n"), "```", ""]
    return "\n".join(lines)


def _wrap(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """``value`` under its key, inside the enclosing mappings up to the nearest list (settings → publications)."""
    doc = {path[-1]: value}
    i = len(path) - 1
    while i > 0:
        field_type = typing.get_type_hints(_owner(path[:i]), include_extras=True)[path[i - 1]]
        if _is_tuple(field_type) or _is_dict(field_type):
            break
        doc = {path[i - 1]: doc}
        i -= 1
    return doc


def _owner(path: tuple[str, ...]) -> type[BaseModel]:
    owner: type[BaseModel] = CV
    for step in path[:-1]:
        hints = typing.get_type_hints(owner, include_extras=True)
        owner = next(_models_in(hints[step]))
    return owner


def _dump(value: Any) -> str:
    """Block-style YAML as people write it, with short lists of plain values on one line."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def list_repr(dumper: yaml.SafeDumper, data: list[Any]) -> Any:
        flow = all(not isinstance(item, dict | list) for item in data)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    Dumper.add_representer(list, list_repr)
    return yaml.dump(value, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def generate() -> str:
    """The whole reference page as Markdown."""
    examples = _load_examples()
    order = model_order(CV)
    parts = [HEADER]
    parts += [model_section(cls, path, examples) for cls, path in order]  # type: ignore[arg-type]
    return "\n".join(parts).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    target = Path(args[0]) if args else DEFAULT_OUTPUT
    text = generate()
    if check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is stale; regenerate it with: {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
