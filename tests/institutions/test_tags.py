"""Tags select entries, talks, bullets and publications, from a profile or the command line, and
combine with the `selected` flag and with date windows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import cvgen
from cvgen.cli import cli

CV = """\
person: {name: Ada Lovelace}
positions:
  - {title: Research Scientist, organization: Engine Works, start: 2019, tags: [industry]}
  - title: Professor
    organization: Example University
    start: 2021
    notes:
      - Teaches the analysis course
      - {text: Chairs the hiring committee (internal note), tags: [internal]}
honors:
  - {title: Untagged Medal, date: 2018}
  - {title: ML Prize, date: 2022, tags: [ml]}
talks:
  - {title: Engines for ML, event: NeurIPS, date: 2022-12, tags: [ml], selected: true}
  - {title: Looms and Cards, event: Textile Week, date: 2022-05, tags: [history], selected: true}
  - {title: Old ML Talk, event: ICML, date: 2015-07, tags: [ml], selected: true}
  - {title: Unselected ML Talk, event: Seminar, date: 2023-01, tags: [ml]}
publications:
  - {title: Notes on the Engine, authors: [A. Lovelace], date: 2021, tags: [ml]}
  - {title: On Looms, authors: [A. Lovelace], date: 2020, tags: [history]}
custom_sections:
  - key: outreach
    title: Outreach
    entries:
      - {title: School visit, tags: [internal]}
      - {title: Public lecture}
settings:
  profiles:
    ml-public: {include_tags: [ml], exclude_tags: [internal], selected_only: true, since: 2020}
"""


def _text(**view: object) -> str:
    return cvgen.render(CV, "text", view=cvgen.ViewOptions.make(**view)).decode()


def test_without_tags_everything_shows() -> None:
    text = _text()
    for title in ("Research Scientist", "hiring committee", "ML Prize", "Looms and Cards", "On Looms", "School visit"):
        assert title in text


def test_include_keeps_the_tagged_ones_asked_for_and_every_untagged_one() -> None:
    text = _text(include_tags="ml")
    assert "Engines for ML" in text and "ML Prize" in text and "Notes on the Engine" in text
    assert "Looms and Cards" not in text and "On Looms" not in text and "Research Scientist" not in text
    assert "Untagged Medal" in text and "Professor" in text and "Public lecture" in text


def test_exclude_drops_entries_and_bullets() -> None:
    text = _text(exclude_tags="internal,industry")
    assert "hiring committee" not in text and "Teaches the analysis course" in text
    assert "School visit" not in text and "Public lecture" in text
    assert "Research Scientist" not in text and "Professor" in text


def test_profile_tags_combine_with_selected_and_dates() -> None:
    text = cvgen.render(CV, "text", profile="ml-public").decode()
    assert "Engines for ML" in text  # ml, selected, 2022
    assert "Old ML Talk" not in text  # before the window
    assert "Unselected ML Talk" not in text  # not selected
    assert "Looms and Cards" not in text  # not ml
    assert "hiring committee" not in text  # internal bullet
    assert "T1." in text and "T2." not in text  # numbering counts what is shown


def test_command_line_tags_replace_the_profile_lists(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(CV)
    out = tmp_path / "cv.txt"
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "cv.yaml"), "-f", "text", "-o", str(out),
                                      "--include-tags", "history", "--exclude-tags", "internal"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Looms and Cards" in text and "On Looms" in text
    assert "Engines for ML" not in text and "hiring committee" not in text


def test_tagged_bullets_round_trip_through_a_dump() -> None:
    cv = cvgen.load(CV)
    dumped = cv.model_dump(mode="json")
    assert dumped["positions"][1]["notes"][1] == {"text": "Chairs the hiring committee (internal note)", "tags": ["internal"]}
    assert cvgen.CV.model_validate(dumped) == cv


def test_publication_tags_keep_their_uses() -> None:
    yaml = CV.replace("settings:\n", "settings:\n  publications: {show_tags: true}\n")
    text = cvgen.render(yaml, "text").decode()
    assert "Tags: ml" in text and "Tags: history" in text
