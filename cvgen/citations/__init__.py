"""Citation styles: publications formatted by a CSL engine, with cvgen's annotations kept.

The Citation Style Language (CSL) describes thousands of reference styles (APA, IEEE, Chicago…).
cvgen runs them with citeproc-py and turns the result back into its own inline tree, so every
backend escapes it itself. The flow, one module per step:

- :mod:`.catalogue` — which ``.csl`` file a style name means (built-in short names, a user file),
  read when the CV is loaded (the view gets the XML, never a path);
- :mod:`.csl_input` — a :class:`~cvgen.model.publications.Publication` as CSL-JSON, each author's
  name carrying invisible sentinels so the formatted names can be found again;
- :mod:`.engine` — the citeproc-py run (imported only when a CSL style is asked for);
- :mod:`.output` — the engine's text back to inline nodes: the owner bold, markers after the
  right names, links clickable.

Only the standard library and the model are imported here; citeproc-py and lxml load with
:mod:`.engine`, on first use.
"""

from __future__ import annotations

from cvgen.citations.catalogue import BUILTIN_STYLES, CVGEN_STYLE, builtin_style, read_style
from cvgen.citations.csl_input import AuthorNote

__all__ = ["BUILTIN_STYLES", "CVGEN_STYLE", "AuthorNote", "builtin_style", "read_style"]
