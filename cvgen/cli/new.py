"""``cvgen new``: a starter CV wired to the JSON Schema for editor completion.

``cvgen new "Jane Q. Doe"`` (a name with a space) writes ``jane_q_doe.yaml`` with that name in it;
anything else is a file name (``cvgen new my_cv`` → ``my_cv.yaml``).
"""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from pathlib import Path

import click

from cvgen.cli.common import handles_errors

STARTER = Path(__file__).resolve().parent.parent / "starter.yaml"
STARTER_NAME, STARTER_INITIALS, STARTER_INVERTED = "Ada Lovelace", "A. Lovelace", "Lovelace, A."


def is_person_name(arg: str) -> bool:
    """A person's name rather than a file: it has a space and no folder or YAML suffix."""
    return " " in arg.strip() and not arg.endswith((".yaml", ".yml")) and "/" not in arg and "\\" not in arg


def file_name_for(name: str) -> str:
    """``"Jane Q. Doe"`` → ``jane_q_doe.yaml``: ASCII letters, digits and underscores only."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    return f"{stem or 'cv'}.yaml"


def starter_for(name: str) -> str:
    """The starter with ``name`` (and its initials form, for author lists) instead of Ada Lovelace's.

    Values are written as JSON strings, which YAML reads back exactly whatever the name holds.
    """
    text = STARTER.read_text(encoding="utf-8")
    words = name.split()
    initials = " ".join(f"{w[0]}." for w in words[:-1])
    short, inverted = f"{initials} {words[-1]}", f"{words[-1]}, {words[0][0]}."
    text = text.replace(f"name: {STARTER_NAME}", f"name: {json.dumps(name, ensure_ascii=False)}", 1)
    text = text.replace(f'"{STARTER_INITIALS}"', json.dumps(short, ensure_ascii=False))
    return text.replace(f'"{STARTER_INVERTED}"', json.dumps(inverted, ensure_ascii=False))


@click.command("new", epilog='\b\nExamples:\n  cvgen new my_cv.yaml && cvgen render my_cv.yaml\n'
                              '  cvgen new "Jane Q. Doe"          # writes jane_q_doe.yaml for Jane Q. Doe')
@click.argument("name", required=False, default="cv.yaml")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@handles_errors
def command(name: str, force: bool) -> None:
    """Write a starter CV (and cvgen.schema.json beside it for editor completion).

    NAME is a file name, or your name in quotes ("Jane Q. Doe") to start a CV for you.
    """
    from cvgen.errors import UsageError
    from cvgen.output import write_atomic
    from cvgen.schema import schema_text

    person = name.strip() if is_person_name(name) else None
    if person:
        path, text = Path(file_name_for(person)), starter_for(person)
    else:
        path = Path(name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
        text = STARTER.read_text(encoding="utf-8")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    write_atomic(path, text)
    schema_path = path.parent / "cvgen.schema.json"
    write_atomic(schema_path, schema_text())
    shown = shlex.quote(str(path))
    click.echo(f"wrote {path} and {schema_path}\nnext: edit {shown}, then run: cvgen render {shown}")
