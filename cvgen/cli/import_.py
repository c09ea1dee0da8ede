"""``cvgen import``: BibTeX, JSON Resume, RenderCV and al-folio files to cvgen YAML, with every loss reported.

One rule: the named subcommands (``cvgen import bibtex FILE`` …) always win; ``cvgen import FILE``
with a bare existing path detects the format from the content and says which one it found. Every
import ends in :func:`cvgen.cli.import_finish.finish`: referenced files copied beside the output,
the YAML checked as ``cvgen validate`` would, a report, then the write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cvgen.cli.common import handles_errors

EPILOG = """\b
Examples:
  cvgen import refs.bib -o cv.yaml                 (format detected from the content)
  cvgen import bibtex refs.bib -o cv.yaml --owner "Jane Smith"
  cvgen import bibtex refs.bib --publications-only -o publications.yaml
  cvgen import jsonresume resume.json -o cv.yaml
  cvgen import rendercv John_Doe_CV.yaml -o cv.yaml
  cvgen import alfolio my-site/ -o cv.yaml         (_data/cv.yml + _bibliography/papers.bib)
  cvgen import openalex A5023888391 --with arxiv -o cv.yaml
  cvgen import orcid 0000-0002-1825-0097 --with openalex
The report (what went where, what was not carried over) goes to stderr; the YAML to -o or stdout.
"""


class _ImportGroup(click.Group):
    """A group whose first argument may be a file instead of a subcommand name."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and Path(args[0]).exists():
            return "auto", self.commands["auto"], args
        return super().resolve_command(ctx, args)


@click.group("import", cls=_ImportGroup, epilog=EPILOG)
def command() -> None:
    """Convert another format into a cvgen YAML file (give a FILE alone to detect its format)."""


def _read(path: str) -> str:
    from cvgen.errors import InputError, Problem
    from cvgen.loader.load import MAX_FILE_BYTES

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError([Problem(path, None, None, "", f"file is over the limit of {MAX_FILE_BYTES:,} bytes")])
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(path, None, None, "", f"not valid UTF-8 ({exc.reason}); save the file as UTF-8")]) from None
    except OSError as exc:
        raise InputError([Problem(path, None, None, "", f"cannot read: {exc.strerror or exc}")]) from None


def _output_option(fn: Any) -> Any:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                        help="YAML file to write (default, or -: stdout).")(fn)


# -- one converter per format: source file → Converted ------------------------------------------------


def _bibtex(files: tuple[str, ...], owner: str | None, publications_only: bool) -> Any:
    from cvgen.cli.import_finish import Converted
    from cvgen.interop.bibtex import guess_owner, skeleton
    from cvgen.model.people import NameMatcher

    pubs, warnings, highlighted, entries = _read_bibs(files)
    guessed, variants = guess_owner(pubs, highlighted)
    if owner:
        is_owner = NameMatcher([owner]).matches
        variants = sorted({h for h in highlighted if not is_owner(h)})
    data = {"publications": pubs} if publications_only else skeleton(pubs, owner or guessed, variants)
    mapped = [f"{len(pubs)} entries → publications"]
    if not publications_only:
        mapped.append(f"owner: {owner or guessed} ({'given' if owner else 'the most frequent author'})"
                      + (f", variants {', '.join(variants)}" if variants else ""))
    source = files[0] if len(files) == 1 else f"{files[0]} (+{len(files) - 1} more .bib files)"
    return Converted(source, "BibTeX", data, warnings, mapped, check_as_cv=not publications_only,
                     summary=f"{len(pubs)} publications of {entries} entries")


def _read_bibs(files: tuple[str, ...]) -> tuple[list[dict[str, Any]], list[str], list[str], int]:
    """Several .bib files (Hugo Blox keeps one cite.bib per publication) read as one list, keys kept unique."""
    from cvgen.interop.bibtex import import_bibtex_file

    pubs: list[dict[str, Any]] = []
    warnings: list[str] = []
    highlighted: list[str] = []
    entries = 0
    keys: set[str] = set()
    for file in files:
        result = import_bibtex_file(file)
        for pub in result.data:
            if pub.get("key") in keys:
                new = next(f"{pub['key']}-{n}" for n in range(2, 10_000) if f"{pub['key']}-{n}" not in keys)
                warnings.append(f"{file}: the key {pub['key']!r} is also used in another file; imported as {new!r}")
                pub["key"] = new
            keys.add(pub.get("key", ""))
            pubs.append(pub)
        warnings += result.warnings
        highlighted += result.highlighted
        entries += result.entries
    return pubs, warnings, highlighted, entries


def _jsonresume(file: str) -> Any:
    from cvgen.cli.import_finish import Asset, Converted
    from cvgen.errors import InputError, Problem
    from cvgen.interop.json_reader import read_json
    from cvgen.interop.jsonresume import import_jsonresume
    from cvgen.interop.report import locate, position
    from cvgen.interop.template_content import sample_content, sample_warning

    located = read_json(_read(file))  # strict: duplicate keys, NaN, huge numbers and depth refused, located
    if located.problems:
        raise InputError([Problem(file, ln, col, path, msg) for ln, col, path, msg in located.problems])
    doc = located.value
    result = import_jsonresume(doc, file, located)  # its shape is checked first, located
    positions = located.positions
    warnings = locate(result.warnings, file, positions)

    def where(path: tuple[Any, ...]) -> str:
        pos = position(positions, path)
        return f"{file}:{pos[0]}" if pos else file

    sample = sample_warning(sample_content(doc), where)
    if sample:
        warnings.insert(0, f"{file}: {sample}")
    mapped = [f"{k} → {v}" for k, v in (("work", "positions"), ("volunteer", "service"), ("education", "education"),
                                         ("awards", "honors"), ("publications", "publications"))
              if isinstance(doc, dict) and doc.get(k)]
    photo = result.data.get("person", {}).get("photo")
    assets = [Asset("person.photo", Path(file).resolve().parent / photo)] if photo else []
    return Converted(file, "JSON Resume", result.data, warnings, mapped, assets)


def _rendercv(file: str) -> Any:
    from cvgen.cli.import_finish import Asset, Converted
    from cvgen.interop.rendercv import import_rendercv
    from cvgen.interop.report import locate
    from cvgen.loader.strict_yaml import read

    text = _read(file)
    result = import_rendercv(text, file)
    located = read(text)
    warnings = locate(result.warnings, file, {**located.positions, **located.key_positions})
    titles = result.data.get("settings", {}).get("titles", {})
    mapped = [f"'{title}' → {key}" for key, title in titles.items()]
    mapped += [f"'{s['title']}' → custom section {s['key']}" for s in result.data.get("custom_sections", [])]
    assets = []
    photo = result.data.get("person", {}).get("photo")
    if photo:
        warnings = [w for w in warnings if "cv.photo: kept as a path" not in w]
        assets.append(Asset("person.photo", Path(file).resolve().parent / photo))
    return Converted(file, "RenderCV", result.data, warnings, mapped, assets)


def _alfolio(path: str) -> Any:
    from collections import Counter

    from cvgen.cli.import_finish import Asset, Converted
    from cvgen.errors import InputError, Problem
    from cvgen.interop.alfolio import import_alfolio, read_config, site_files

    given = Path(path)
    cv_file = given / "_data" / "cv.yml" if given.is_dir() else given
    if not cv_file.is_file():
        raise InputError([Problem(str(given), None, None, "", "no _data/cv.yml in this folder (is it an al-folio site?)")])
    config, bib = site_files(cv_file)
    result = import_alfolio(_read(str(cv_file)), str(cv_file), read_config(config) if config else None,
                            bibtex=bib.name if bib else None)
    assets: list[Asset] = []
    extra: Counter[str] = Counter()
    if bib is not None and "publications_from" in result.data:
        from cvgen.interop.bibtex import import_bibtex_file

        pubs = import_bibtex_file(bib)
        extra = Counter(f"publications ({p.get('kind', 'other')}, from {bib.name})" for p in pubs.data)
        result.warnings.extend(pubs.warnings)
        result.mapped.append(f"{bib} ({len(pubs.data)} of {pubs.entries} entries) → publications_from")

        def inline(data: dict[str, Any]) -> str:
            data.pop("publications_from", None)
            data["publications"] = pubs.data
            return f"{bib} is outside this folder; its publications are written into the YAML instead"

        assets.append(Asset("publications_from.bibtex", bib, fallback=inline))
    return Converted(str(cv_file), result.shape, result.data, result.warnings, result.mapped, assets, extra=extra)


def _not_a_source(output: str | None, *sources: str) -> None:
    """``-o`` naming a file being imported would replace it with its conversion: refused before reading."""
    from cvgen.output import refuse_inputs

    if output and output != "-":
        refuse_inputs(Path(output), [Path(s) for s in sources])


def _finish(conv: Any, output: str | None, what: str) -> None:
    from cvgen.cli.import_finish import finish

    finish(conv, output, f"Imported from {Path(conv.source.split(' (+')[0]).name} ({what}) by cvgen.")


# -- the subcommands ----------------------------------------------------------------------------------------


@command.command("bibtex", epilog="\b\nExamples:\n  cvgen import bibtex refs.bib -o publications.yaml --owner \"Sijia Liu\"\n"
                                   "  cvgen import bibtex content/publication/*/cite.bib -o cv.yaml   (Hugo Blox)")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_output_option
@click.option("--owner", help="The CV owner's name (default: the most frequent author).")
@click.option("--publications-only", is_flag=True, help="Write only the publications: list, to paste into a CV.")
@handles_errors
def bibtex(files: tuple[str, ...], output: str | None, owner: str | None, publications_only: bool) -> None:
    """Import .bib files (one or many): LaTeX decoded, names split, roles and DOIs recovered."""
    _not_a_source(output, *files)
    _finish(_bibtex(files, owner, publications_only), output, "BibTeX")


@command.command("jsonresume", epilog="\b\nExample:\n  cvgen import jsonresume resume.json -o cv.yaml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_output_option
@handles_errors
def jsonresume(file: str, output: str | None) -> None:
    """Import a JSON Resume (resume.json)."""
    _not_a_source(output, file)
    _finish(_jsonresume(file), output, "JSON Resume")


@command.command("rendercv", epilog="\b\nExample:\n  cvgen import rendercv John_Doe_CV.yaml -o cv.yaml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_output_option
@handles_errors
def rendercv(file: str, output: str | None) -> None:
    """Import a RenderCV YAML file (cv: and its sections; the photo is copied beside the output)."""
    _not_a_source(output, file)
    _finish(_rendercv(file), output, "RenderCV")


@command.command("alfolio", epilog="\b\nExamples:\n  cvgen import alfolio my-site/ -o cv.yaml\n"
                                    "  cvgen import alfolio my-site/_data/cv.yml -o cv.yaml")
@click.argument("path", type=click.Path(exists=True))
@_output_option
@handles_errors
def alfolio(path: str, output: str | None) -> None:
    """Import an al-folio site: _data/cv.yml, plus the owner from _config.yml and _bibliography/papers.bib."""
    _not_a_source(output, path)
    _finish(_alfolio(path), output, "al-folio")


@command.command("auto", hidden=True, epilog="\b\nExamples:\n  cvgen import refs.bib -o cv.yaml\n"
                                            "  cvgen import my-site/ -o cv.yaml")
@click.argument("file", type=click.Path(exists=True))
@_output_option
@click.option("--owner", help="BibTeX only: the CV owner's name (default: the most frequent author).")
@handles_errors
def auto(file: str, output: str | None, owner: str | None) -> None:
    """cvgen import FILE: the format (BibTeX, RenderCV, JSON Resume, al-folio) is detected from the content."""
    from cvgen.errors import InputError, Problem
    from cvgen.interop.detect import FORMATS, detect

    _not_a_source(output, file)
    if Path(file).is_dir():
        found, why = "alfolio", "a folder: read as an al-folio site"
    else:
        found, why = detect(_read(file))
    if found is None:
        raise InputError([Problem(file, None, None, "", f"cannot tell the format ({why}); name it: cvgen import "
                                                        f"{'|'.join(FORMATS)} {file}")])
    click.echo(f"{file}: detected {FORMATS[found]} ({why})", err=True)
    if owner and found != "bibtex":
        raise InputError([Problem(file, None, None, "", "--owner applies to BibTeX files only")])
    conv = {"bibtex": lambda: _bibtex((file,), owner, False), "jsonresume": lambda: _jsonresume(file),
            "rendercv": lambda: _rendercv(file), "alfolio": lambda: _alfolio(file)}[found]()
    _finish(conv, output, FORMATS[found])


def _add_scholarly() -> None:
    """orcid, openalex, dblp, doi and arxiv live in their own module (cvgen.cli.import_scholarly)."""
    from cvgen.cli.import_scholarly import COMMANDS

    for cmd in COMMANDS:
        command.add_command(cmd)


_add_scholarly()
