"""Shared pieces for the institutions tests: a small map and data files written into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

MAP = """\
output: "{netid}"
cv:
  person:
    name: "{name}"
    emails: {column: email, split: ";"}
    phones:
      - {number: "{phone}", label: Office}
  positions:
    - title: "{title}"
      organization: Example University
      start: "{start}"
"""

CSV = """\
netid,name,email,phone,title,start
gh1,Grace Hopper,gh@example.edu;grace@example.org,+1 517 555 0100,Professor,2020-08
en2,Emmy Noether,en@example.edu,,Lecturer,2021
"""


@pytest.fixture
def dept(tmp_path: Path) -> Path:
    """A department folder holding faculty.csv and map.yaml."""
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "faculty.csv").write_text(CSV, encoding="utf-8")
    return tmp_path
