"""Reading a received pdf_reader file into Markdown the importer reads (see received.py): not built yet."""

from __future__ import annotations

from ..errors import Origin, SourceError
from .received import Converted

__all__ = ["read"]


def read(data: bytes, name: str, fmt: str) -> Converted:
    """The file read as Markdown: not built yet, refused with a clear message."""
    raise SourceError(
        f"reading a {fmt.upper()} file is not built yet; copy its text into a .txt or .md file",
        Origin(name, 1, 1),
    )
