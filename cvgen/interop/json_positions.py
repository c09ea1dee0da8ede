"""Line and column of every value in a JSON document, so import reports can point into resume.json.

Python's ``json`` module parses without positions. This walks the same text once more with the
module's own string scanner (:func:`json.decoder.scanstring`), only to note where each value starts;
the values themselves still come from ``json.loads``. Paths are tuples of keys and indexes, the
same shape the strict YAML reader uses, e.g. ``("work", 0, "startDate")``.
"""

from __future__ import annotations

import re
from json.decoder import scanstring

Positions = dict[tuple[object, ...], tuple[int, int]]
_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def json_positions(text: str) -> Positions:
    """``{path: (line, column)}`` for a valid JSON text (an invalid one gives what was read so far)."""
    out: Positions = {}
    lines = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.append(i + 1)

    def where(index: int) -> tuple[int, int]:
        import bisect

        row = bisect.bisect_right(lines, index) - 1
        return row + 1, index - lines[row] + 1

    def value(i: int, path: tuple[object, ...]) -> int:
        i = _WS.match(text, i).end()
        out[path] = where(i)
        ch = text[i:i + 1]
        if ch == "{":
            return container(i + 1, path, "}", keyed=True)
        if ch == "[":
            return container(i + 1, path, "]", keyed=False)
        if ch == '"':
            return scanstring(text, i + 1)[1]
        m = _SCALAR.match(text, i)
        if not m:
            raise ValueError(f"unexpected {ch!r}")
        return m.end()

    def container(i: int, path: tuple[object, ...], close: str, keyed: bool) -> int:
        index = 0
        while True:
            i = _WS.match(text, i).end()
            if text[i:i + 1] == close:
                return i + 1
            if keyed:
                key, i = scanstring(text, _WS.match(text, i).end() + 1)
                i = _WS.match(text, i).end() + 1  # the ':'
                i = value(i, (*path, key))
            else:
                i = value(i, (*path, index))
                index += 1
            i = _WS.match(text, i).end()
            if text[i:i + 1] == ",":
                i += 1

    try:
        value(0, ())
    except (ValueError, IndexError):
        pass
    return out
