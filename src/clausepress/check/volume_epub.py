"""`clausepress check VOLUME.yaml`: the volume's EPUB (volume_epub.py), read back, not trusted.

Each document's file is checked as a document's own EPUB is (check/epub.py): its blocks' words in
order, its links and its footnotes, and the nav entries under the document's title (every
operative paragraph, named and in order); the volume's own: every document in the spine once, in
the volume's order (`volume-epub.document-missing`, `volume-epub.order`), and the page list against
the volume's screen PDF (each page's marker before the word the page begins with).
"""

from __future__ import annotations

import copy
import functools
from dataclasses import replace
from pathlib import Path

from lxml import etree

from ..errors import display_path
from ..volume import Volume
from .epub import (
    NS,
    XHTML,
    _Book,
    _check_footnotes,
    _check_links,
    _check_nav,
    _check_page_markers,
    _read,
    _TooLarge,
    _Unreadable,
    _words,
)
from .findings import Finding, shown
from .text import check_blocks

__all__ = ["check_volume_epub"]

_DOCUMENT_FILE = (
    "document-{k}.xhtml"  # as volume_epub.document_file names them (check/ never imports render/)
)


def _document_nav(book: _Book, file: str) -> etree._Element | None:
    """The volume's nav entries that lead into `file`, as a toc of their own (in their order)."""
    if book.nav is None:
        return None
    nav = etree.Element(f"{{{XHTML}}}nav", nsmap={None: XHTML, "epub": NS["epub"]})
    nav.set(f"{{{NS['epub']}}}type", "toc")
    ol = etree.SubElement(nav, f"{{{XHTML}}}ol")
    for a in book.nav.xpath("//x:nav[contains(concat(' ', @epub:type, ' '), ' toc ')]//x:a", namespaces=NS):
        if (a.get("href") or "").split("#", 1)[0].rsplit("/", 1)[-1] == file:
            entry = copy.deepcopy(a)
            entry.tail = None
            etree.SubElement(ol, f"{{{XHTML}}}li").append(entry)
    return nav


def _element(where: list[str], i: int) -> dict[str, object]:
    return {"element": where[i]}


def check_volume_epub(volume: Volume, path: Path, pdf_pages: dict[int, str] | None = None) -> list[Finding]:
    """Every finding in the volume's EPUB at `path`; `pdf_pages`: the first word of each page of
    the volume's screen PDF."""
    name = display_path(path)
    try:
        book = _read(path)
    except _Unreadable as exc:
        return [Finding("epub.unreadable", "error", f"the EPUB cannot be read: {shown(str(exc))}", name)]
    except _TooLarge as exc:
        return [Finding("epub.too-large", "error", f"the EPUB is not checked: {exc}", name)]
    findings: list[Finding] = []
    base = next(iter(book.documents), "").rsplit("/", 1)[0]
    spine = [n.rsplit("/", 1)[-1] for n in book.documents]
    expected = [_DOCUMENT_FILE.format(k=k) for k in range(1, len(volume.parts) + 1)]
    present = [f for f in spine if f.startswith("document-")]
    for k, (file, part) in enumerate(zip(expected, volume.parts, strict=True), 1):
        if file not in present:
            findings.append(
                Finding(
                    "volume-epub.document-missing", "error",
                    f"document {k} ({shown(part.document.title, 60)}) is not in the EPUB's spine", name,
                )
            )  # fmt: skip
    if [f for f in present if f in expected] != [f for f in expected if f in present] or len(present) != len(
        set(present)
    ):
        findings.append(
            Finding("volume-epub.order", "error", f"the spine holds the documents as {present}", name)
        )
    if pdf_pages:
        markers: dict[int, int] = {}
        words, _ = _words(book, markers)
        findings += _check_page_markers(words, markers, pdf_pages, name)
    for k, part in enumerate(volume.parts, 1):
        file = f"{base}/{expected[k - 1]}" if base else expected[k - 1]
        if file not in book.documents:
            continue
        one = _Book(
            documents={file: book.documents[file]},
            nav_name=book.nav_name,
            nav=_document_nav(book, expected[k - 1]),
            ids={n: ids for n, ids in book.ids.items() if n in (file, book.nav_name)},
        )
        words, where = _words(one)
        found = [
            *check_blocks(part.document, words, functools.partial(_element, where), "epub", name),
            *_check_nav(part.document, one, name),
            *_check_links(part.document, one, name),
            *_check_footnotes(part.document, one, name),
        ]
        findings += [replace(f, message=f"document {k}: {f.message}") for f in found]
    return findings
