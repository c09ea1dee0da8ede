"""Run one documentation page's examples in order, in the current folder (a scratch copy).

Invoked by test_snippets.py as ``python run_page.py blocks.json``. Python blocks share one
namespace per page, as a reader running them one after another would; shell blocks run their
``cvgen`` commands with the cvgen of this interpreter's environment. The first failure stops
the page with a message naming the page and line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

SKIPPED = 77
"""Exit status meaning "an example needs an optional tool that is not installed" (test_snippets skips)."""

HINT = (
    "Hint: each page runs in a scratch folder holding a copy of examples/. Give an example the files it "
    "reads with a block preceded by <!-- write: NAME --> (the reader sees the file's content too), or use "
    "<!-- run-in: examples/... -->; only a block that truly cannot run gets <!-- skip-test: why -->. "
    "See tests/docs/snippets.py."
)


def _raised_in(exc: BaseException) -> str:
    """The file name of the frame that raised: the example itself, or code it called."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_filename if tb is not None else ""


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    home = Path.cwd()
    namespace: dict[str, object] = {"__name__": "__main__"}
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    for block in spec["blocks"]:
        where, code, directives = block["where"], block["code"], block["directives"]
        folder = home / directives.get("run-in", ".")
        if "write" in directives:
            target = home / directives["write"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
            continue
        os.chdir(folder)
        try:
            if block["kind"] == "python":
                sys.argv = [where]
                try:
                    exec(compile(code, where, "exec"), namespace)  # noqa: S102 - the docs' own examples
                except SystemExit as exc:
                    if exc.code not in (0, None):
                        raise
                except ModuleNotFoundError as exc:
                    # An example of using cvgen with an optional third-party tool that is not installed
                    # here: the page's test is skipped (SKIPPED exit status), like pytest.importorskip.
                    # A missing cvgen module, or one missing deeper down, still fails.
                    if not exc.name or exc.name.split(".")[0] == "cvgen" or _raised_in(exc) != where:
                        print(f"{where}: the Python example failed:\n{traceback.format_exc()}\n{HINT}", file=sys.stderr)
                        return 1
                    print(f"{where}: needs {exc.name}, which is not installed", file=sys.stderr)
                    return SKIPPED
                except BaseException:
                    print(f"{where}: the Python example failed:\n{traceback.format_exc()}\n{HINT}", file=sys.stderr)
                    return 1
            elif block["kind"] == "yaml-cv":
                import yaml

                import cvgen

                data = yaml.safe_load(code)
                data.setdefault("person", {"name": "Ada Lovelace"})
                try:
                    cvgen.load(data)
                except cvgen.InputError as exc:
                    print(f"{where}: this YAML example is not a valid CV fragment:\n{exc}", file=sys.stderr)
                    return 1
            else:
                expected = int(directives.get("expect-exit", "0"))
                for command in block["commands"]:
                    result = subprocess.run(command, shell=True, env=env, capture_output=True, text=True, timeout=300)
                    if result.returncode != expected:
                        print(f"{where}: `{command}` exited {result.returncode} (expected {expected})\n"
                              f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\n{HINT}", file=sys.stderr)
                        return 1
                    print(f"{where}: ok: {command}")
        finally:
            os.chdir(home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
