"""The PDF writer: WeasyPrint renders the HTML page with its print styles."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from ..errors import RenderError
from ..model import Document

__all__ = ["PdfResult", "render_pdf"]


def _refuse_fetch(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    # Everything a page needs is inline: nothing is fetched, from the network or from disk.
    raise ValueError(f"clausepress fetches no resources (refused: {url})")


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF: its bytes, its page count and what WeasyPrint warned about."""

    data: bytes
    pages: int
    warnings: tuple[str, ...]


def render_pdf(doc: Document, html: str, base_url: Path) -> PdfResult:
    """The PDF of `html`.

    The PDF's file identifier is derived from the HTML, so the same source gives the
    same bytes.
    """
    logger = logging.getLogger("weasyprint")
    messages: list[str] = []
    handler = _Collect(messages)
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=_refuse_fetch).render(
            font_config=FontConfiguration()
        )
        identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
        pdf = document.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)
    except Exception as exc:  # WeasyPrint raises many kinds; each is a render failure here
        raise RenderError(f"WeasyPrint failed on {doc.path}: {exc}") from exc
    finally:
        logger.removeHandler(handler)
    if pdf is None:
        raise RenderError(f"WeasyPrint produced no PDF for {doc.path}")
    return PdfResult(pdf, len(document.pages), tuple(messages))


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())
