"""The EPUB 3 writer: the HTML writer's XHTML, a nav document and metadata, via ebooklib.

ebooklib stamps the ZIP entries with the clock; the package is therefore written again
with fixed entry times, `mimetype` first and stored, so the same source gives the same
bytes.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

from ebooklib import epub

from ..model import Document
from . import RenderOptions
from .html import STYLES, read_style, render_html

__all__ = ["render_epub", "book_identifier"]

DOCUMENT_FILE = "document.xhtml"
_NAMESPACE = uuid.UUID("6f1c3b52-9d57-4a43-a3a5-3b0b0e4b8a41")  # clausepress's own namespace


def book_identifier(doc: Document) -> str:
    """A stable identifier: the same document (id, title, date) always gets the same one."""
    key = f"{doc.id}\n{doc.title}\n{doc.adopted.isoformat() if doc.adopted else ''}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


class _Xhtml(epub.EpubHtml):  # type: ignore[misc]
    """An XHTML document written as given (ebooklib would rebuild its head and body)."""

    def get_content(self, default: bytes | None = None) -> bytes:
        content = self.content
        return content if isinstance(content, bytes) else str(content).encode("utf-8")


def render_epub(doc: Document, options: RenderOptions, styles: Path = STYLES) -> bytes:
    """The EPUB 3 package of `doc` as bytes."""
    book = epub.EpubBook()
    book.set_identifier(book_identifier(doc))
    book.set_title(doc.title)
    book.set_language(doc.language)
    if doc.direction == "rtl":
        book.set_direction("rtl")  # the spine's page-progression-direction
    if doc.issuer:
        book.add_author(doc.issuer)
        book.add_metadata("DC", "publisher", doc.issuer)
    if doc.adopted:
        book.add_metadata("DC", "date", doc.adopted.isoformat())

    css = epub.EpubItem(
        uid="style", file_name="styles/epub.css", media_type="text/css",
        content=read_style("epub.css", styles).encode("utf-8"),
    )  # fmt: skip
    text = _Xhtml(uid="document", file_name=DOCUMENT_FILE, title=doc.title, lang=doc.language)
    text.content = render_html(doc, options, target="epub", styles=styles).encode("utf-8")
    book.add_item(css)
    book.add_item(text)

    clauses = [epub.Link(f"{DOCUMENT_FILE}#{c.id}", c.bookmark, f"toc-{c.id}") for c in doc.operative]
    toc: list[object] = [epub.Link(f"{DOCUMENT_FILE}#title", doc.title, "toc-title")]
    if doc.preamble:
        toc.append(epub.Link(f"{DOCUMENT_FILE}#preamble", "Preamble", "toc-preamble"))
    toc.append((epub.Section("Operative part", f"{DOCUMENT_FILE}#operative"), clauses))
    book.toc = toc
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title="Contents")
    book.add_item(nav)
    book.spine = [text]

    raw = io.BytesIO()
    epub.write_epub(
        raw, book, {"mtime": options.timestamp, "epub3_pages": False, "play_order": {"enabled": False}}
    )
    return _repack(raw.getvalue(), options.timestamp.timetuple()[:6])


def _repack(data: bytes, date_time: tuple[int, ...]) -> bytes:
    stamp = tuple(max(v, 1980) if i == 0 else v for i, v in enumerate(date_time))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        for name in ["mimetype"] + [n for n in names if n != "mimetype"]:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()
