"""Output formats. Each backend module imports its engine only when it renders."""

from cvgen.backends.base import Backend, InlineFormat, RenderOptions, render_inline
from cvgen.backends.registry import get, names, register, unregister

__all__ = ["Backend", "InlineFormat", "RenderOptions", "get", "names", "register", "render_inline", "unregister"]
