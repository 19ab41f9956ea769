"""Files as drafters make them (Word, OpenDocument, PDF, a web page), read into the text the importer reads.

Each reader turns the file's bytes into a `Converted`: Markdown as the Markdown import
reads it (`[words](address)` for a link, `[^n]` calls and `[^n]: ...` notes for footnotes,
`*...*` for italic, `#` for headings), so that every form, repair and note of the text
import applies to every format; with what the reading itself did (a table kept as text,
a comment reported) as repairs at the file's own place. A reader is a module of this
package with `read(data: bytes, name: str, fmt: str) -> Converted`, loaded when used.
"""

from __future__ import annotations

import importlib
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from .repair import Repair

__all__ = ["BINARY_FORMATS", "Converted", "read_received", "sniff"]

# Format name -> the module that reads it.
_READERS = {"docx": "office", "odt": "office", "pdf": "pdf_reader", "html": "webpage"}
BINARY_FORMATS = tuple(_READERS)
_SUFFIXES = {".docx": "docx", ".odt": "odt", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html"}


@dataclass(frozen=True)
class Converted:
    """A received file read as Markdown text, with what the reading did."""

    text: str
    fmt: str
    language: str | None = None  # the language the file declares (w:lang, xml:lang, <html lang>)
    repairs: tuple[Repair, ...] = field(default_factory=tuple)


def sniff(data: bytes, path: str | Path | None = None) -> str | None:
    """The format of a received file by its content (then its name), or None for a text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                names = set(z.namelist())
                if "mimetype" in names and z.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
        except (zipfile.BadZipFile, OSError, KeyError):
            pass
        return _SUFFIXES.get(Path(path).suffix.lower()) if path is not None else None
    lowered = head[:256].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        lowered.startswith(b"<?xml") and b"<html" in data[:2048].lower()
    ):
        return "html"
    if path is not None and (found := _SUFFIXES.get(Path(path).suffix.lower())) is not None:
        return found
    return None


def read_received(data: bytes, name: str, fmt: str) -> Converted:
    """The file's bytes read by the reader of `fmt` (one of BINARY_FORMATS)."""
    module = importlib.import_module(f".{_READERS[fmt]}", __package__)
    converted: Converted = module.read(data, name, fmt)
    return converted
