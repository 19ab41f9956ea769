"""The volume's EPUB 3 (`clausepress volume --to epub`): one XHTML file a document, the nav nesting
each document's parts under its title (and under its group's heading), and the page list of the
volume's screen PDF.

Each document's XHTML is the one its own EPUB holds (render/html.py, `target="epub"`): its ids are
its own, one file each, so that `document-3.xhtml#clause-2` is operative paragraph 2 of the third
document, as `v3-clause-2` is in the volume's PDF. Before the documents, the front matter: the
volume's title page, its introduction and its contents, linking to each document. The page list
marks each page of the screen PDF where it begins (`VolumePdf.page_starts`, read from the laid-out
volume as the document's EPUB reads its PDF: render/verify.page_starts), in the file that holds it.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from ebooklib import epub

from .files import cannot_write, write_atomically
from .furniture import ACCESSIBILITY_SUMMARY, catalogue
from .model import RTL_LANGUAGES, Document
from .render import RenderOptions
from .render.cover import cover_image
from .render.epub import (
    ACCESSIBILITY,
    COVER_FILE,
    COVER_IMAGE,
    COVER_XHTML,
    Xhtml,
    add_style,
    mark_pages,
    page_marker,
    repack,
)
from .render.html import _ENV, annex_title, render_html
from .resources import STYLES
from .volume import Part, Volume, index_order, lay_out_in_parts, load_volume, without_number

__all__ = ["FRONT_FILE", "build_volume_epub", "document_file", "render_volume_epub", "volume_identifier"]

FRONT_FILE = "front.xhtml"
INDEX_FILE = "index.xhtml"
_FRONT_IDS = ("volume-title", "contents-title", "contents")  # the front matter's blocks (volume_html)


def document_file(k: int) -> str:
    """The file of the volume's `k`th document (1-based)."""
    return f"document-{k}.xhtml"


def volume_identifier(volume: Volume) -> str:
    """A stable identifier: the same volume (title, issuer, session, documents) always gets the same one."""
    import uuid

    from .render import book_identifier

    key = "\n".join(
        [volume.title, volume.issuer, volume.session, *(book_identifier(p.document) for p in volume.parts)]
    )
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'clausepress:volume:' + key)}"


@dataclass(frozen=True)
class _Item:
    k: int
    file: str
    label: str
    document: Document


def _direction(language: str) -> str:
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def _label(part: Part) -> str:
    return f"{part.number} {part.document.title}" if part.number else part.document.title


def _front(volume: Volume, direction: str) -> str:
    words = catalogue(volume.language)
    contents: list[str] = []
    group: str | None = None
    for k, part in enumerate(volume.parts, 1):
        if part.group != group:
            group = part.group
            if group is not None:
                contents.append(f'</ol>\n<h3 class="contents-group">{escape(group)}</h3>\n<ol>')
        number = f'<span class="contents-number">{escape(part.number)}</span> ' if part.number else ""
        contents.append(
            f'<li id="contents-{k}"><a href="{document_file(k)}#title">{number}{escape(part.document.title)}</a></li>'
        )
    body = "\n".join(
        x
        for x in (
            '<section class="volume-front" epub:type="frontmatter">',
            '<header class="volume-title-page" epub:type="titlepage">',
            f'<p class="volume-issuer">{escape(volume.issuer)}</p>',
            f'<h1 class="volume-title" id="volume-title">{escape(volume.title)}</h1>',
            f'<p class="volume-session">{escape(volume.session)}</p>' if volume.session else "",
            "</header>",
            f'<p class="volume-introduction">{escape(volume.introduction)}</p>'
            if volume.introduction
            else "",
            f'<section class="volume-contents" id="contents" aria-labelledby="contents-title">'
            f'<h2 id="contents-title">{escape(words("Contents"))}</h2>\n<ol>',
            *contents,
            "</ol>\n</section>\n</section>",
        )
        if x
    ).replace("<ol>\n</ol>\n", "")
    return _page(volume, direction, volume.title, body)


def _page(volume: Volume, direction: str, title: str, body: str) -> str:
    lang = escape(volume.language)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" '
        f'xml:lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8" />\n<title>{escape(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="styles/epub.css" />\n</head>\n<body>\n'
        f"{body}\n</body>\n</html>\n"
    )


def _index(volume: Volume, direction: str) -> str | None:
    """The index of documents by number, as the PDF's (volume_html), linking to each document."""
    numbered = sorted(
        ((p.index_number, k, p) for k, p in enumerate(volume.parts, 1) if p.index_number),
        key=lambda x: (index_order(x[0]), x[1]),
    )
    if not numbered:
        return None
    title = catalogue(volume.language)("Index of documents by number")
    entries = "\n".join(
        f'<li id="index-{k}"><a href="{document_file(k)}#title"><span class="index-number">{escape(number)}</span> '
        f"{escape(without_number(part.document.short_title, number))}</a></li>"
        for number, k, part in numbered
    )
    body = (
        f'<section class="volume-index" id="index" epub:type="index" role="doc-index" aria-labelledby="index-title">\n'
        f'<h2 id="index-title">{escape(title)}</h2>\n<ol>\n{entries}\n</ol>\n</section>'
    )
    return _page(volume, direction, title, body)


def _document(volume: Volume, k: int, options: RenderOptions, styles: Path) -> str:
    """The `k`th document's XHTML, its group's heading before it when it opens the group."""
    part = volume.parts[k - 1]
    xhtml = render_html(part.document, options, target="epub", styles=styles)
    if part.group is not None and (k == 1 or volume.parts[k - 2].group != part.group):
        heading = f'<h1 class="volume-group-heading" id="group-{k}">{escape(part.group)}</h1>\n'
        xhtml = re.sub(r"(<body\b[^>]*>\n)", lambda m: m.group(1) + heading, xhtml, count=1)
    return xhtml


def _page_files(
    volume: Volume, page_starts: dict[int, tuple[str, int]]
) -> dict[str, dict[int, tuple[str, int] | None]]:
    """The PDF's page starts by the file that holds them, with the ids that file gives the blocks;
    None for a page that begins with the file (a document's first page: its title block, before
    its title; the volume's title page). A page with no text (the blank left-hand page before a
    document) begins where the next one does."""
    by_file: dict[str, dict[int, tuple[str, int] | None]] = {}
    filled = dict(page_starts)
    for page in range(max(page_starts, default=0) - 1, 0, -1):
        filled.setdefault(page, filled[page + 1])
    for page, (block, offset) in sorted(filled.items()):
        at: tuple[str, int] | None = (block, offset)
        if page == 1 or block in _FRONT_IDS or block.startswith("contents-"):
            file = FRONT_FILE
            at = None if block == "volume-title" and offset == 0 else at
        elif (m := re.fullmatch(r"v(\d+)-(.+)", block)) is not None:
            file = document_file(int(m.group(1)))
            at = None if m.group(2) == "title" and offset == 0 else (m.group(2), offset)
        elif block in ("index", "index-title") or re.fullmatch(r"index-\d+", block):
            file = INDEX_FILE
            at = None if block in ("index", "index-title") and offset == 0 else at
        elif (m := re.fullmatch(r"group-(\d+)", block)) is not None:
            file, at = document_file(int(m.group(1))), None
        else:
            continue  # a block the EPUB does not hold: the page is not marked
        by_file.setdefault(file, {})[page] = at
    return by_file


def _mark(xhtml: str, starts: dict[int, tuple[str, int] | None]) -> tuple[str, list[int]]:
    """`xhtml` with its pages marked: a page that begins with the file first, the others where
    their text begins."""
    xhtml, marked = mark_pages(xhtml, {p: at for p, at in starts.items() if at is not None})
    first = sorted(p for p, at in starts.items() if at is None)
    markers = "".join(page_marker(p) for p in first)
    xhtml = re.sub(r"(<body\b[^>]*>\n)", lambda m: m.group(1) + markers, xhtml, count=1)
    return xhtml, marked + first


def render_volume_epub(
    volume: Volume,
    options: RenderOptions | None = None,
    page_starts: dict[int, tuple[str, int]] | None = None,
    styles: Path = STYLES,
) -> bytes:
    """The volume's EPUB 3 package as bytes; `page_starts` (the screen PDF's, `VolumePdf.page_starts`)
    gives its page list."""
    options = options or RenderOptions()
    words = catalogue(volume.language)
    direction = _direction(volume.language)
    book = epub.EpubBook()
    book.set_identifier(volume_identifier(volume))
    book.set_title(volume.title)
    book.set_language(volume.language)
    if direction == "rtl":
        book.set_direction("rtl")
    book.add_author(volume.issuer)
    book.add_metadata("DC", "publisher", volume.issuer)
    for prop, value in ACCESSIBILITY:
        book.add_metadata(None, "meta", value, {"property": prop})
    book.add_metadata(None, "meta", words(ACCESSIBILITY_SUMMARY), {"property": "schema:accessibilitySummary"})
    by_file = _page_files(volume, page_starts or {})
    if by_file:
        book.add_metadata("DC", "source", f"{volume_identifier(volume)}#pdf", {"id": "print-source"})
        book.add_metadata(None, "meta", "pagination", {"refines": "#print-source", "property": "source-of"})

    texts: list[tuple[str, str, str, str]] = []  # (uid, file, title, XHTML), in reading order
    pages: list[tuple[int, str]] = []
    front, marked = _mark(_front(volume, direction), by_file.get(FRONT_FILE, {}))
    pages += [(p, FRONT_FILE) for p in marked]
    texts.append(("front", FRONT_FILE, volume.title, front))
    for k, part in enumerate(volume.parts, 1):
        file = document_file(k)
        xhtml, marked = _mark(_document(volume, k, options, styles), by_file.get(file, {}))
        pages += [(p, file) for p in marked]
        texts.append((f"document-{k}", file, part.document.title, xhtml))
    index = _index(volume, direction)
    if index is not None:
        index, marked = _mark(index, by_file.get(INDEX_FILE, {}))
        pages += [(p, INDEX_FILE) for p in marked]
        texts.append(("index", INDEX_FILE, words("Index of documents by number"), index))

    add_style(book, [t[3] for t in texts], styles)
    spine: list[object] = []
    for uid, file, title, xhtml in texts:
        text = Xhtml(uid=uid, file_name=file, title=title, lang=volume.language)
        text.content = xhtml.encode("utf-8")
        book.add_item(text)
        spine.append(text)

    items = [
        _Item(k, document_file(k), _label(part), part.document) for k, part in enumerate(volume.parts, 1)
    ]
    groups: list[tuple[str | None, list[_Item]]] = []
    for item, part in zip(items, volume.parts, strict=True):
        if not groups or groups[-1][0] != part.group:
            groups.append((part.group, []))
        groups[-1][1].append(item)
    nav = Xhtml(uid="nav", file_name="nav.xhtml", title=words("Contents"), lang=volume.language)
    nav.properties = ["nav"]
    nav.content = (
        _ENV.get_template("volume_nav.xhtml.j2")
        .render(
            volume=volume, direction=direction, words=words, front=FRONT_FILE, groups=groups,
            pages=sorted(pages), first=items[0].file, first_title=items[0].label,
            index=INDEX_FILE if index is not None else None,
            annex_title=functools.partial(annex_title, words=words),
        )
        .encode("utf-8")
    )  # fmt: skip
    book.add_item(nav)
    book.set_cover(
        COVER_IMAGE,
        cover_image(volume.title, volume.issuer, volume.session or None, volume.language, direction),
        create_page=False,
    )
    cover = Xhtml(uid="cover", file_name=COVER_FILE, title=volume.title, lang=volume.language)
    alt = ". ".join(x for x in (words("Cover"), volume.issuer, volume.title, volume.session) if x)
    cover.content = COVER_XHTML.format(
        lang=escape(volume.language), dir=direction, title=escape(volume.title),
        image=COVER_IMAGE, alt=escape(alt, quote=True),
    ).encode()  # fmt: skip
    book.add_item(cover)

    # The NCX, for EPUB 2 reading systems: the volume's title, then each document with its clauses.
    toc: list[object] = [epub.Link(f"{FRONT_FILE}#volume-title", volume.title, "toc-volume")]
    for item in items:
        clauses = [
            epub.Link(f"{item.file}#{c.id}", c.bookmark, f"toc-{item.k}-{c.id}")
            for c in item.document.operative
        ]
        toc.append((epub.Section(item.label, f"{item.file}#title"), clauses))
    book.toc = toc
    book.add_item(epub.EpubNcx())
    book.spine = [cover, *spine]

    raw = io.BytesIO()
    epub.write_epub(
        raw, book, {"mtime": options.timestamp, "epub3_pages": False, "play_order": {"enabled": False}}
    )
    return repack(raw.getvalue(), options.timestamp.timetuple()[:6], volume.language, direction)


def build_volume_epub(
    path: str | Path,
    out_dir: str | Path = "output",
    options: RenderOptions | None = None,
    page_starts: dict[int, tuple[str, int]] | None = None,
    *,
    jobs: int = 1,
    executor: Any = None,
) -> tuple[Path, bytes]:
    """Load the volume at `path` and write `<out_dir>/<volume name>.epub`; its page list is
    `page_starts` (the screen PDF's, `VolumePdf.page_starts`), or the screen PDF is laid out for it
    (in parts, in `jobs` workers or by `executor`, as `clausepress volume` lays it out)."""
    options = options or RenderOptions()
    volume = load_volume(path)
    if page_starts is None:
        screen = replace(options, variant="screen")
        page_starts = lay_out_in_parts(volume, screen, jobs=jobs, executor=executor).page_starts
    data = render_volume_epub(volume, options, page_starts)
    out = Path(out_dir) / f"{Path(path).stem}.epub"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, data)
    except OSError as exc:
        raise cannot_write(out, exc) from None
    return out, data
