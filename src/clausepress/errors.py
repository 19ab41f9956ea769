"""Exceptions that stop a command, each category with its own exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .check.findings import Finding


@dataclass(frozen=True)
class Origin:
    """Where a node of the model came from: file, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def display_path(path: str | Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class ClausepressError(Exception):
    """Base of every error a user can cause; never shown as a traceback."""

    exit_code = 1
    category = "error"

    def __init__(self, message: str, origin: Origin | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.origin = origin

    def __reduce__(self) -> tuple[object, ...]:  # raised in a worker process, shown in this one
        return (type(self), (self.message, self.origin))

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}error: {self.message}"


class UsageError(ClausepressError):
    """Bad command-line usage."""

    exit_code = 2
    category = "usage"


class SourceError(ClausepressError):
    """A source file that cannot be read as a clausepress document."""

    exit_code = 2
    category = "source"


class OutputError(ClausepressError):
    """An output that cannot be written: a full disk, a read-only file system, a file where a
    folder should be, no permission. The user's environment, never a bug."""

    exit_code = 2
    category = "output"


def shown(text: object) -> str:
    """User text (a path, a value) as one line: control characters as \\xNN or \\uNNNN."""
    out = []
    for ch in str(text):
        code = ord(ch)
        if code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0x80 <= code < 0xA0 or code in (0x2028, 0x2029) or 0xD800 <= code < 0xE000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class ResourceError(ClausepressError):
    """A resource clausepress refused to fetch: anything on the network or on disk."""

    exit_code = 3
    category = "resource"


class RenderError(ClausepressError):
    """A renderer (WeasyPrint, the EPUB writer) failed on a valid model."""

    exit_code = 4
    category = "render"


class NotBuilt(ClausepressError):
    """A document whose errors make its outputs meaningless (a duplicated id, say): not built."""

    exit_code = 1
    category = "refused"

    def __init__(self, path: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(f"{path}: not built: the errors above make the output meaningless")
        self.path = path
        self.findings = tuple(findings)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.findings))

    def __str__(self) -> str:
        return "\n".join([*(str(f) for f in self.findings), self.message])
