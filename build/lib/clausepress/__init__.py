"""clausepress: formal documents of numbered clauses, from one YAML source to PDF, EPUB and HTML."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Output", "__version__", "build", "load", "loads"]

if TYPE_CHECKING:
    from .builder import Output, build
    from .source import load, loads


def __getattr__(name: str) -> Any:
    # The API loads on first use: `python -m clausepress` starts its workers before the
    # libraries it does not need in them (Jinja, PyYAML, markdown-it) are imported.
    modules = {"Output": "builder", "build": "builder", "load": "source", "loads": "source"}
    if name not in modules:
        raise AttributeError(f"module 'clausepress' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{modules[name]}", __name__), name)
