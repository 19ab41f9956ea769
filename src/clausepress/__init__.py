"""clausepress: formal documents of numbered clauses, from one YAML source to PDF, EPUB and HTML."""

from __future__ import annotations

__version__ = "0.1.0"

from .build import Output, build  # noqa: E402
from .source import load, loads  # noqa: E402

__all__ = ["Output", "__version__", "build", "load", "loads"]
