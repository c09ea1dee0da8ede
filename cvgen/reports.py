"""The batch report: one row per CV (status, warnings, output files, time, hashes), as JSON and CSV.

The JSON report is also what ``--changed-only`` reads back on the next run: a CV whose input hash
is unchanged and whose outputs are still there is skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cvgen.version import __version__

BatchResult = Any
"""A :class:`cvgen.batch.BatchResult` (not imported: the batch runner imports this module)."""

COLUMNS = ("source", "name", "status", "exit_code", "seconds", "outputs", "output_sha256", "input_hash", "warnings", "error")


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def row(result: BatchResult) -> dict[str, Any]:
    """One CV's line of the report."""
    return {
        "source": str(result.source),
        "name": result.name,
        "status": result.status,
        "exit_code": result.exit_code,
        "seconds": round(result.elapsed, 4),
        "outputs": [str(p) for p in result.outputs],
        "output_sha256": [file_hash(p) for p in result.outputs],
        "input_hash": result.input_hash,
        "warnings": list(result.warnings),
        "error": result.error,
    }


def report(results: Sequence[BatchResult]) -> dict[str, Any]:
    rows = [row(r) for r in results]
    counts = {status: sum(1 for r in rows if r["status"] == status) for status in ("rendered", "unchanged", "failed")}
    return {"cvgen_version": __version__, "total": len(rows), **counts, "cvs": rows}


def write_reports(results: Sequence[BatchResult], json_path: Path, csv_path: Path | None = None) -> list[Path]:
    """Write the JSON report (and the CSV one, lists joined with ' | '); atomically, like every output."""
    from cvgen.output import write_atomic

    data = report(results)
    written = [write_atomic(json_path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")]
    if csv_path is not None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for line in data["cvs"]:
            writer.writerow({k: " | ".join(v) if isinstance(v, list) else ("" if v is None else v) for k, v in line.items()})
        written.append(write_atomic(csv_path, buffer.getvalue()))
    return written
