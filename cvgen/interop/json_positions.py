"""Line and column of every value in a JSON document, so import reports can point into resume.json.

The strict reader (:mod:`cvgen.interop.json_reader`) records every value's position while it
parses, without recursion; this is its positions alone, for callers that only want those. Paths
are tuples of keys and indexes, the same shape the strict YAML reader uses, e.g.
``("work", 0, "startDate")``. An invalid or refused text gives no positions.
"""

from __future__ import annotations

Positions = dict[tuple[object, ...], tuple[int, int]]


def json_positions(text: str) -> Positions:
    """``{path: (line, column)}`` for a valid JSON text."""
    from cvgen.interop.json_reader import read_json

    return dict(read_json(text).positions)
