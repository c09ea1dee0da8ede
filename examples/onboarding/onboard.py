"""Onboarding: a first CV for every new faculty member, from the HR spreadsheet.

Reads faculty.csv (one row per person), builds each CV with cvgen's model classes and renders it
as PDF and Word into out/. Run it from this folder:

    python onboard.py                 # or: python onboard.py my.csv other_out/
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import cvgen


def cv_from_row(row: dict[str, str]) -> cvgen.CV:
    """One CV from one spreadsheet row. Model classes validate as they are built."""
    links = [cvgen.LabelledLink(label="Website", url=row["website"], kind="website")] if row["website"] else []
    return cvgen.CV(
        person=cvgen.Person(
            name=row["name"],
            affiliations=[cvgen.Affiliation(title=row["title"], department=row["department"],
                                            institution="Example University")],
            emails=[row["email"]],
            links=links,
        ),
        education=[cvgen.Education(degree="Ph.D.", field=row["phd_field"], institution=row["phd_institution"],
                                   end=row["phd_year"])],
        positions=[cvgen.Position(title=row["title"], organization="Example University", start=row["start"],
                                  end="present")],
        settings=cvgen.Settings(theme="modern", page_size="a4"),
    )


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def main(csv_path: str = "faculty.csv", out_dir: str = "out") -> list[Path]:
    out = Path(out_dir)
    out.mkdir(exist_ok=True)
    written: list[Path] = []
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cv = cv_from_row(row)
            for suffix in (".pdf", ".docx"):
                written += cvgen.render_to_file(cv, out / f"{slug(row['name'])}{suffix}")
    for path in written:
        print(f"wrote {path}")
    return written


if __name__ == "__main__":
    main(*sys.argv[1:])
