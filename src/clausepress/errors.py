"""Exceptions that stop a command, each category with its own exit code."""

from __future__ import annotations

import re
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

    @classmethod
    def of(cls, file: str, text: str, index: int) -> Origin:
        """The place of `text[index]` in `file` (`text` its whole content)."""
        return cls(file, text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1)


def display_path(path: str | Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


# What a message must not carry as it is: C0 and C1 controls (a terminal's escape sequences,
# line ends), bidirectional controls (which reorder what is shown), line and paragraph
# separators, lone surrogates and non-characters.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """`text` safe to print on one line: every control character shown as \\xNN or \\uNNNN."""
    return _UNSHOWABLE.sub(_escape, text)


def terminal_safe_json(text: str) -> str:
    """JSON text with what `one_line` escapes written as JSON's own `\\uNNNN`: the same JSON,
    safe to print (C1 controls, bidirectional controls and line separators are valid JSON raw)."""
    # A line end stands between a JSON text's items (json.dumps writes those inside strings as \\n).
    return _UNSHOWABLE.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)


def shown(value: str, limit: int = 60) -> str:
    """A user's value quoted in a message: escaped (`one_line`), in quotes, shortened past `limit`."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return "'" + one_line(value) + "'"


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
        return one_line(f"{where}error: {self.message}")  # whatever it quotes, one line


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


def escaped(text: object) -> str:
    """User text (a path, a value) as one line, not quoted: control characters as \\xNN or \\uNNNN."""
    return one_line(str(text))


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
        return "\n".join([*(str(f) for f in self.findings), one_line(self.message)])
