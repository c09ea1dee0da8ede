"""`import cvgen` and `cvgen --help` stay light, and the public Python API is complete and usable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ENGINES = ["weasyprint", "docx", "jinja2", "PIL", "bibtexparser", "markdown_it", "lxml", "pydantic", "yaml", "rich", "typst"]
# Libraries only some paths need (citation styles, other languages, scholarly services, SVG photos,
# JSON Resume export): a plain English CV rendered to a PDF must not pay for their import.
OPTIONAL = ["citeproc", "babel", "httpx", "lxml", "cairosvg", "jsonschema", "bibtexparser", "rich", "PIL", "docx"]


def _modules_after(code: str, *, full: bool = False) -> set[str]:
    """Run ``code`` in a fresh interpreter and return the modules it imported: top-level names, or
    every dotted name with ``full``."""
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    names = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    return names if full else {m.split(".")[0] for m in names}


def _typst_render(folder: Path) -> str:
    """Code rendering the example with `cvgen render -f pdf-typst` into ``folder``, as the CLI does."""
    example = str(Path(__file__).resolve().parent.parent / "examples" / "sijia_liu.yaml")
    return (
        "from cvgen.cli import cli\n"
        "try:\n"
        f"    cli(['render', {example!r}, '-f', 'pdf-typst', '-o', {str(folder)!r}], prog_name='cvgen')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )


def test_import_cvgen_loads_no_engine() -> None:
    loaded = _modules_after("import cvgen")
    assert loaded.isdisjoint(ENGINES + OPTIONAL), sorted(loaded & set(ENGINES + OPTIONAL))


def test_typst_render_of_the_example_loads_only_typst(tmp_path) -> None:
    """`cvgen render example -f pdf-typst`: the fast path imports Typst and none of the other engines."""
    loaded = _modules_after(_typst_render(tmp_path))
    assert (tmp_path / "sijia_liu.pdf").read_bytes().startswith(b"%PDF-")
    assert "typst" in loaded
    unwanted = {"weasyprint", "cffi", *OPTIONAL}
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


def test_typst_render_of_the_example_skips_what_only_other_paths_need(tmp_path) -> None:
    """A plain CV rendered once: no funder layouts, no batch records, no rerun hashes."""
    loaded = _modules_after(_typst_render(tmp_path), full=True)
    assert "cvgen.backends.typst" in loaded
    unwanted = {
        "cvgen.view.layouts.biosketch", "cvgen.view.layouts.nih", "cvgen.view.layouts.current_pending",
        "cvgen.loader.record_source", "cvgen.loader.mapping", "cvgen.rerun",
    }
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


def test_cli_help_loads_no_engine() -> None:
    code = (
        "from cvgen.cli import cli\n"
        "try:\n"
        "    cli(['--help'], prog_name='cvgen')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )
    loaded = _modules_after(code)
    assert loaded.isdisjoint(ENGINES), sorted(loaded & set(ENGINES))


def test_loading_and_preparing_needs_no_rendering_engine() -> None:
    loaded = _modules_after("import cvgen\ncvgen.prepare(cvgen.load('examples/sijia_liu.yaml'))")
    rendering = {"weasyprint", "docx", "jinja2", "PIL", "bibtexparser", "lxml"}
    assert loaded.isdisjoint(rendering), sorted(loaded & rendering)


PUBLIC = [
    "load", "render", "render_to_file", "render_document", "prepare", "ViewOptions", "Document", "RenderOptions",
    "Backend", "InlineFormat", "register_backend", "CVError", "InputError", "RenderError", "UsageError", "Problem",
    "resolve_theme", "CV", "Person", "Publication", "Author", "Education", "Position", "Honor", "Talk", "Grant",
    "Teaching", "Mentee", "Service", "Metrics", "Settings", "PartialDate", "__version__",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_names_exist(name: str) -> None:
    import cvgen

    assert getattr(cvgen, name) is not None
    assert name in dir(cvgen)


def test_unknown_attribute_is_an_attribute_error() -> None:
    import cvgen

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        cvgen.nope  # noqa: B018


def test_a_cv_built_in_python_validates_and_prepares() -> None:
    import cvgen
    from cvgen.model.markup import Strong, plain

    cv = cvgen.CV(
        person=cvgen.Person(name="Ada Lovelace", name_variants=["A. Lovelace"]),
        publications=[
            cvgen.Publication(
                title="Notes on the *Analytical Engine*", authors=["A. Lovelace", "C. Babbage†*"],
                venue="Scientific Memoirs", date="1843-10", pages="666-731",
            ),
            cvgen.Publication(title="Second note", authors=[cvgen.Author(name="A. Lovelace")], date=1844),
        ],
        talks=[cvgen.Talk(title="Poetical science", event="Royal Institution", date="Mar 1844")],
    )
    assert cvgen.load(cv) is cv
    doc = cvgen.prepare(cv)
    assert isinstance(doc, cvgen.Document)
    pubs = next(s for s in doc.sections if s.key == "publications")
    labels = [item.label for group in pubs.groups for item in group.items]
    assert labels == ["P2", "P1"]
    talks = next(s for s in doc.sections if s.key == "talks")
    assert [item.label for group in talks.groups for item in group.items] == ["T1"]

    def owners(nodes) -> list[str]:
        found = []
        for node in nodes:
            if isinstance(node, Strong) and node.role == "owner":
                found.append(plain(node.children))
            elif hasattr(node, "children"):
                found += owners(node.children)
        return found

    first = pubs.groups[0].items[0]
    # Recognised from the name variants, set in bold; the initial tied by a no-break space (issue 21).
    assert owners(first.main) == ["A.\u00a0Lovelace"]
    assert "666\u2013731" in plain(first.main)  # a page range takes an en dash


def test_a_cv_built_in_python_is_checked_like_a_file() -> None:
    from pydantic import ValidationError

    import cvgen

    with pytest.raises(ValidationError):
        cvgen.Publication(title="T", authors=[], date="2020")
    with pytest.raises(ValidationError):
        cvgen.Person(name="Ev\u202eil")
    with pytest.raises(cvgen.InputError) as info:
        cvgen.load({"person": {"name": "Ada"}, "talks": [{"title": "T", "event": "E", "date": "Febtember 2020"}]})
    assert info.value.problems[0].path == "talks[0].date"


def test_loading_the_example_needs_no_markdown_parser() -> None:
    """Its markup (and the legend defaults) is plain ``*x*`` / ``**x**``: no markdown-it, no photo reader.

    The example does hold markup, so this checks the shortcut in cvgen.model.markup is taken, and that
    the loader's error translator and photo reader wait until a bad CV or a photo needs them.
    """
    example = str(Path(__file__).resolve().parent.parent / "examples" / "sijia_liu.yaml")
    code = (
        "import sys, cvgen\n"
        f"cv = cvgen.load({example!r})\n"
        "from cvgen.model.markup import Emph\n"
        "assert any(isinstance(n, Emph) for t in cv.settings.publications.topics for n in t.title)\n"
    )
    loaded = _modules_after(code, full=True)
    assert "cvgen" in loaded and "markdown_it" not in loaded
    assert loaded.isdisjoint({"cvgen.loader.errors", "cvgen.loader.photo"}), sorted(loaded)
