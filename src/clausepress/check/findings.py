"""Findings: what a check reports, as values with a code, a severity and a location."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import Origin, one_line

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a source, a PDF or an EPUB.

    The location is `file` plus, where they apply: `line` and `column` in a source,
    `page` (1-based) in a PDF, `element` (`EPUB/document.xhtml#clause-7`) in an EPUB.
    """

    code: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    page: int | None = None
    element: str | None = None

    @property
    def where(self) -> str:
        """The location as a compiler prints it."""
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}"
        if self.page is not None:
            return f"{self.file}:page {self.page}"
        if self.element is not None:
            return f"{self.file}:{self.element}"
        return self.file

    def __str__(self) -> str:
        # Whatever the message quotes (a source's text, a crafted file's), one line, no escape sequences.
        return one_line(f"{self.where}: {self.severity}: {self.message} [{self.code}]")

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
        }
        for key in ("line", "column", "page", "element"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


def at(origin: Origin, code: str, severity: Severity, message: str) -> Finding:
    """A finding at a place in a source."""
    return Finding(code, severity, message, origin.file, origin.line, origin.column)


_MAX_SHOWN = 200  # characters of a crafted file's text a message quotes


def shown(text: str, limit: int = _MAX_SHOWN) -> str:
    """Text read from a file under check, fit to quote on one line: control characters and other
    invisible ones as \\xNN or \\uNNNN, cut after `limit` characters."""
    cut = text[:limit]
    out = "".join(
        ch
        if ch == " " or (ch.isprintable() and not ch.isspace())
        else (
            f"\\x{ord(ch):02x}"
            if ord(ch) < 0x100
            else f"\\u{ord(ch):04x}"
            if ord(ch) < 0x10000
            else f"\\U{ord(ch):08x}"
        )
        for ch in cut
    )
    return out + ("…" if len(text) > limit else "")
