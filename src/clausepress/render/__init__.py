"""Writers that consume the document model: HTML first, then PDF and EPUB from it."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass

from ..model import Document

__all__ = ["RenderOptions", "build_timestamp"]

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class RenderOptions:
    """What every writer needs to know beyond the document: one typed record, validated once."""

    paper: str = "a4"
    timestamp: _dt.datetime = _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            raise ValueError(f"unknown paper size {self.paper!r}; expected one of {', '.join(PAPER_SIZES)}")


def build_timestamp(doc: Document) -> _dt.datetime:
    """The moment recorded in outputs: SOURCE_DATE_EPOCH when set, else the document's date.

    Never the clock: the same source must give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
    if doc.adopted is not None:
        return _dt.datetime.combine(doc.adopted, _dt.time(), tzinfo=_dt.UTC)
    return _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)
