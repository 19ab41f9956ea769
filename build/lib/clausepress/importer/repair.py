"""What the importer hands back: the source it wrote and the repairs it made on the way."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document


@dataclass(frozen=True)
class Repair:
    """One thing the importer changed or was unsure about, reported to the user.

    `line` and `column` are 1-based in the input. `removed` is the exact text this repair
    took out of the document (a running header, a page number, a footnote number, the
    hyphen and line break of a hyphenated line end), so that nothing leaves silently. A
    footnote call set apart by a space ("word 12") goes with its space: `removed` is " 12".
    Cut at (line, column) from the input, `removed` is exactly what stood there.
    """

    line: int
    column: int
    kind: str
    message: str
    removed: str = ""

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """The YAML source to write, every repair made to the text (in input order), and the model it holds.

    `document` is what `loads(yaml)` reads, origins aside: its origins point into the input.
    """

    yaml: str
    repairs: tuple[Repair, ...]
    document: Document
