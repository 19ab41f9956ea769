"""`clausepress check VOLUME.yaml`: a volume's documents and the PDF laid out from them.

Each document's source is checked as `clausepress check` checks one. The volume's PDF is read
back, not trusted: its named destinations give the page each document starts on (`v1`, `v2`...:
the ids the volume gives its documents); the contents' links must go to every document once, in
the volume's order; the page numbers the contents print must be those pages (and the index's,
in the order of the documents' numbers); each document's text must stand on its own pages (every
block's words, in order), its note calls run 1..N with each note on its call's page and its links
go to its sources' addresses, as `check` finds them in a document's own PDF (check/pdf.py, on the
document's pages, its ids without the volume's prefix); and each document should start on a
right-hand page. The volume's EPUB is check/volume_epub.py's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import display_path
from ..source import load
from ..volume import Volume, load_volume
from . import DocumentReport
from .findings import Finding
from .source import check_source
from .text import blocks

if TYPE_CHECKING:
    from pypdf import PdfReader

    from .pdf import PdfText

__all__ = ["check_volume"]

# A contents entry's last line: its leader, then the page it gives.
_ENTRY_PAGE = re.compile(r"(?:\.\s*){3,}\s*(\d+)\s*$", re.MULTILINE)


def check_volume(
    source: str | Path, pdf: Path | None = None, output_dir: Path = Path("output"), epub: Path | None = None
) -> DocumentReport:
    """Check a volume's documents, its PDF (by default `<output_dir>/<volume name>.pdf`) and its EPUB
    (by default `<output_dir>/<volume name>.epub`, where it was built)."""
    source = Path(source)
    volume = load_volume(source)
    report = DocumentReport(display_path(source), source.stem)
    for part in volume.parts:
        doc = load(part.source)
        report.findings += sorted(check_source(doc), key=lambda f: (f.file or "", f.line or 0, f.column or 0))
    pdf = pdf or output_dir / f"{source.stem}.pdf"
    name = display_path(pdf)
    first_words: dict[int, str] = {}  # of the PDF's pages, for the EPUB's page list
    if not pdf.is_file():
        report.findings.append(Finding("output.missing", "warning", f"{name} has not been built", name))
    else:
        report.checked["pdf"] = name
        report.findings += _check_pdf(volume, pdf, name, first_words)
    given = epub is not None
    epub = epub or output_dir / f"{source.stem}.epub"
    if epub.is_file():
        from .volume_epub import check_volume_epub

        report.checked["epub"] = display_path(epub)
        report.findings += check_volume_epub(volume, epub, first_words)
    elif given:
        report.findings.append(
            Finding("output.missing", "error", f"{display_path(epub)} does not exist", display_path(epub))
        )
    return report


def _check_pdf(volume: Volume, pdf: Path, name: str, first_words: dict[int, str]) -> list[Finding]:
    """The PDF's findings; `first_words` gets the first word of each of its pages."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from .pdf import _check_footnotes, _check_links, footer_pattern, read_pdf

    heads = tuple(
        f"{part.number} {part.document.short_title}" if part.number else part.document.short_title
        for part in volume.parts
    )
    try:
        reader = PdfReader(pdf)
        destinations = reader.named_destinations
        texts = [page.extract_text() or "" for page in reader.pages]
        # The body's words, hyphenated line ends joined, running heads and page numbers left out.
        body = read_pdf(pdf, furniture=heads, footer=footer_pattern(volume.language), reader=reader)
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        return [Finding("volume.unreadable", "error", f"cannot read the volume's PDF: {exc}", name)]
    for word, page in zip(body.body_words, body.word_pages, strict=True):
        first_words.setdefault(page, word)
    found: list[Finding] = []
    starts: list[int | None] = []
    for k, part in enumerate(volume.parts, 1):
        dest = destinations.get(f"v{k}")
        if dest is None:
            found.append(
                Finding(
                    "volume.document-missing",
                    "error",
                    f"document {k} ({part.document.title[:60]}) is not in the PDF",
                    name,
                )
            )
            starts.append(None)
            continue
        index = reader.get_destination_page_number(dest)
        if index is None:
            found.append(
                Finding("volume.document-missing", "error", f"document {k}'s destination has no page", name)
            )
            starts.append(None)
            continue
        page = index + 1
        starts.append(page)
        if page % 2 == 0:
            found.append(
                Finding(
                    "volume.left-page",
                    "warning",
                    f"document {k} starts on a left-hand page ({page})",
                    name,
                    page=page,
                )
            )
    first = next((s for s in starts if s is not None), len(texts) + 1)
    found += _contents(volume, reader, texts, starts, name, range(first - 1))
    found += _index(volume, reader, texts, starts, name, destinations)
    index_dest = destinations.get("index")
    index_at = reader.get_destination_page_number(index_dest) if index_dest is not None else None
    back = (
        len(texts) + 1 if index_at is None else index_at + 1
    )  # the index's first page, after the last document's
    # Each document's words on its own pages, block after block; its note calls, notes and links
    # there, as `check` finds them in its own PDF.
    for k, (part, start) in enumerate(zip(volume.parts, starts, strict=True), 1):
        if start is None:
            continue
        after = [s for s in starts[k:] if s is not None]
        end = after[0] - 1 if after else back - 1
        own = _document_text(body, f"v{k}-", start, end)
        found += [
            replace(f, message=f"document {k}: {f.message}")
            for f in (*_check_footnotes(part.document, own, name), *_check_links(part.document, own, name))
        ]
        shown = [w for w, p in zip(body.body_words, body.word_pages, strict=True) if start <= p <= end]
        at = 0
        for block in blocks(part.document):
            want = list(block.words[:8])
            hit = next((i for i in range(at, len(shown)) if shown[i : i + len(want)] == want), None)
            if hit is None:
                found.append(
                    Finding(
                        "volume.clause-missing", "error",
                        f"document {k}: {block.label} ('{' '.join(want[:6])} …') is not on its pages ({start}-{end}), in order",
                        name, page=start,
                    )
                )  # fmt: skip
                break
            at = hit + len(want)
    return found


def _document_text(body: PdfText, prefix: str, start: int, end: int) -> PdfText:
    """What the volume's PDF shows of one document (its pages `start`..`end`) as its own PDF would
    show it: the annotations of its pages, its destinations (the volume's ids prefixed `prefix`)
    without the prefix, and the notes at its pages' feet."""
    from .pdf import PdfText

    own = PdfText(pages=end - start + 1)
    for page, kind, target in body.annotations:
        if start <= page <= end:
            own.annotations.append((page, kind, target.removeprefix(prefix) if kind == "dest" else target))
    own.destinations = {
        n.removeprefix(prefix): p for n, p in body.destinations.items() if n.startswith(prefix)
    }
    own.note_numbers = {p: ns for p, ns in body.note_numbers.items() if start <= p <= end}
    return own


def _linked(reader: PdfReader, pages: range) -> tuple[list[int], list[int]]:
    """The documents the links of `pages` (0-based) go to, in order, once a page; and the pages
    that hold such links."""
    linked: list[int] = []
    holding: list[int] = []
    for index in pages:
        names = []
        for annotation in reader.pages[index].get("/Annots", []) or []:
            link = annotation.get_object()
            dest = link.get("/Dest")
            if dest is None and "/A" in link:
                dest = link["/A"].get("/D")
            if isinstance(dest, str) and (m := re.fullmatch(r"v(\d+)-title", dest)) is not None:
                names.append(int(m.group(1)))
        if names:
            holding.append(index)
            linked += list(dict.fromkeys(names))
    return linked, holding


def _index(
    volume: Volume,
    reader: PdfReader,
    texts: list[str],
    starts: list[int | None],
    name: str,
    destinations: Any,
) -> list[Finding]:
    """The index of documents by number: every numbered document once, in the order of its number,
    with the page it starts on."""
    from ..volume import index_order

    numbered = sorted(
        ((p.index_number, k) for k, p in enumerate(volume.parts, 1) if p.index_number),
        key=lambda x: (index_order(x[0]), x[1]),
    )
    dest = destinations.get("index")
    at = reader.get_destination_page_number(dest) if dest is not None else None
    if at is None:
        if not numbered:
            return []
        return [
            Finding("volume.index-missing", "error", "the volume has no index of documents by number", name)
        ]
    linked, pages = _linked(reader, range(at, len(reader.pages)))
    found: list[Finding] = []
    if linked != [k for _, k in numbered]:
        found.append(
            Finding(
                "volume.index-order", "error",
                f"the index lists the documents {linked}; by number they are {[k for _, k in numbered]}",
                name, page=at + 1,
            )
        )  # fmt: skip
    printed = [int(n) for i in pages for n in _ENTRY_PAGE.findall(texts[i])]
    actual = [starts[k - 1] for _, k in numbered]
    if printed != actual:
        found.append(
            Finding(
                "volume.index-page", "error",
                f"the index gives the pages {printed}; the documents start on {actual}",
                name, page=at + 1,
            )
        )  # fmt: skip
    return found


def _contents(
    volume: Volume, reader: PdfReader, texts: list[str], starts: list[int | None], name: str, front: range
) -> list[Finding]:
    """The contents' links (every document once, in order) and the pages they print."""
    linked, contents_pages = _linked(reader, front)
    found: list[Finding] = []
    expected = list(range(1, len(volume.parts) + 1))
    if linked != expected:
        missing = [k for k in expected if k not in linked]
        detail = (
            f"documents {', '.join(map(str, missing))} are not listed"
            if missing
            else f"listed in the order {linked}"
        )
        found.append(
            Finding(
                "volume.contents-order",
                "error",
                f"the contents do not list every document once, in order: {detail}",
                name,
            )
        )
    # The titles they print: each document's, in the volume's order.
    listing = " ".join(" ".join(texts[i].split()) for i in contents_pages)
    at = 0
    for k, part in enumerate(volume.parts, 1):
        opening = " ".join(part.document.title.split()[:6])
        where = listing.find(opening, at)
        if where < 0:
            found.append(
                Finding(
                    "volume.contents-title",
                    "error",
                    f"the contents do not list document {k} ('{opening} …') in its place",
                    name,
                )
            )
        else:
            at = where + len(opening)
    printed = [int(n) for i in contents_pages for n in _ENTRY_PAGE.findall(texts[i])]
    actual = [s for s in starts if s is not None]
    if printed != actual:
        found.append(
            Finding(
                "volume.contents-page", "error",
                f"the contents give the pages {printed}; the documents start on {actual}",
                name, page=(contents_pages[0] + 1) if contents_pages else None,
            )
        )  # fmt: skip
    return found
