"""Writers that consume the document model: HTML first, then PDF and EPUB from it."""

from __future__ import annotations

import datetime as _dt
import os
import uuid
from dataclasses import dataclass, field

from ..errors import UsageError, shown
from ..model import Document
from ..resources import STYLES
from ..variants import variant

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "PAPER_SIZES",
    "STYLES",
    "RenderOptions",
    "build_timestamp",
]

FORMATS = ("pdf", "epub", "html", "akn")  # what a build can write
DEFAULT_FORMATS = ("pdf", "epub", "html")  # what it writes when not told: Akoma Ntoso on request

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class RenderOptions:
    """What every writer needs to know beyond the document: one typed record, validated once."""

    paper: str = "a4"
    timestamp: _dt.datetime = _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)
    variant: str = "screen"
    pdfx: bool = False  # print variant: declare PDF/X-3

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            raise ValueError(f"unknown paper size {self.paper!r}; expected one of {', '.join(PAPER_SIZES)}")
        variant(self.variant)  # known, or ValueError

    @property
    def links(self) -> bool:
        """Whether addresses are links (not on paper, where they are printed text)."""
        return variant(self.variant).links


_END_OF_ZIP_TIME = int(_dt.datetime(2108, 1, 1, tzinfo=_dt.UTC).timestamp())


def build_timestamp(doc: Document) -> _dt.datetime:
    """The moment recorded in outputs: SOURCE_DATE_EPOCH when set, else the document's date.

    Never the clock: the same source must give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        # Before 2108, as a date of adoption must be: the EPUB's ZIP dates end in 2107.
        if len(epoch) > 11 or int(epoch) >= _END_OF_ZIP_TIME:
            raise UsageError(
                f"SOURCE_DATE_EPOCH={shown(epoch, 20)} is after 2107, where the EPUB's ZIP dates end"
            )
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
    if doc.adopted is not None:
        return _dt.datetime.combine(doc.adopted, _dt.time(), tzinfo=_dt.UTC)
    return _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)


@dataclass(frozen=True)
class MissingGlyph:
    """A character the layout drew with no font's glyph (a box on the page), the id of the part
    it stands in (None when not found) and the Debian package with a font for its script."""

    char: str
    part: str | None
    package: str

    @property
    def message(self) -> str:
        import unicodedata

        name = unicodedata.name(self.char, "")
        code = " ".join(x for x in (f"U+{ord(self.char):04X}", name) if x)
        return (
            f"no installed font draws '{self.char}' ({code})" + (f" in '{self.part}'" if self.part else "")
            + f": install a font for its script (on Debian: {self.package})"
        )  # fmt: skip


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF: its bytes, its page count and what WeasyPrint warned about (its missing
    glyphs apart, as values)."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]
    page_map: dict[str, int] = field(default_factory=dict)  # element id -> page it starts on
    repairs: tuple[str, ...] = ()  # what the writer repaired in its layout (render/pdf.py's _laid_out)
    page_starts: dict[int, tuple[str, int]] = field(
        default_factory=dict
    )  # page -> where it begins (verify.py)
    missing_glyphs: tuple[MissingGlyph, ...] = ()


_NAMESPACE = uuid.UUID("6f1c3b52-9d57-4a43-a3a5-3b0b0e4b8a41")  # clausepress's own namespace


def book_identifier(doc: Document) -> str:
    """A stable identifier: the same document (id, title, date) always gets the same one."""
    key = f"{doc.id}\n{doc.title}\n{doc.adopted.isoformat() if doc.adopted else ''}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"
