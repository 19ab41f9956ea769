"""The EPUB 3 writer: the HTML writer's XHTML, a nav document and metadata, via ebooklib.

ebooklib stamps the ZIP entries with the clock; the package is therefore written again
with fixed entry times, `mimetype` first and stored, so the same source gives the same
bytes.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ebooklib import epub

from ..furniture import ACCESSIBILITY_SUMMARY, catalogue
from ..model import Clause, Document, Paragraph
from ..resources import STYLES
from . import RenderOptions, book_identifier
from .cover import cover_alt, cover_png
from .epubfonts import EmbeddedFont, embedded_fonts
from .html import annex_title, read_style, render_html, render_nav

__all__ = [
    "ACCESSIBILITY",
    "add_style",
    "COVER_XHTML",
    "Xhtml",
    "book_identifier",
    "font_css",
    "mark_pages",
    "page_marker",
    "render_epub",
    "repack",
]

DOCUMENT_FILE = "document.xhtml"
COVER_FILE = "cover.xhtml"
COVER_IMAGE = "images/cover.png"
COVER_XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8" />
<title>{title}</title>
<style>body {{ margin: 0; padding: 0; }} img {{ display: block; margin: 0 auto; max-width: 100%; max-height: 100vh; }}</style>
</head>
<body epub:type="cover">
<img src="{image}" alt="{alt}" role="doc-cover" />
</body>
</html>
"""


class Xhtml(epub.EpubHtml):  # type: ignore[misc]
    """An XHTML document written as given (ebooklib would rebuild its head and body)."""

    def get_content(self, default: bytes | None = None) -> bytes:
        content = self.content
        return content if isinstance(content, bytes) else str(content).encode("utf-8")


# What the package says of its accessibility, and only what the tests verify (Ace by DAISY
# finds no violation; EPUBCheck none): see the README.
ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),  # the cover, an image of the title, issuer and date
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "pageNavigation"),
    ("schema:accessibilityFeature", "printPageNumbers"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
    ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
)


def render_epub(
    doc: Document,
    options: RenderOptions,
    styles: Path = STYLES,
    page_map: dict[str, int] | None = None,
    page_starts: dict[int, tuple[str, int]] | None = None,
) -> bytes:
    """The EPUB 3 package of `doc` as bytes.

    `page_starts` (page of the screen PDF -> the block it begins in and the characters of
    that block before it; render/verify.py) gives the page list: each page's marker stands
    at the first word of that page. Without it, `page_map` (element id -> page it starts on)
    gives a coarser one: each marker at the start of the part in which its page begins.
    """
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
    for prop, value in ACCESSIBILITY:
        book.add_metadata(None, "meta", value, {"property": prop})
    words = catalogue(doc.language)
    book.add_metadata(None, "meta", words(ACCESSIBILITY_SUMMARY), {"property": "schema:accessibilitySummary"})
    pages = {"title": [1]} if page_starts else page_breaks(doc, page_map or {})
    if pages:
        # The page list's pages are those of the screen PDF.
        book.add_metadata("DC", "source", f"{book_identifier(doc)}#pdf", {"id": "print-source"})
        book.add_metadata(None, "meta", "pagination", {"refines": "#print-source", "property": "source-of"})

    text = Xhtml(uid="document", file_name=DOCUMENT_FILE, title=doc.title, lang=doc.language)
    xhtml = render_html(doc, options, target="epub", styles=styles, page_breaks=pages)
    add_style(book, [xhtml], styles)
    if page_starts:
        xhtml, marked = mark_pages(xhtml, {n: at for n, at in page_starts.items() if n > 1})
        numbers = sorted({1, *marked})
    else:
        numbers = sorted({p for ps in pages.values() for p in ps})
    text.content = xhtml.encode("utf-8")
    nav = Xhtml(uid="nav", file_name="nav.xhtml", title=words("Contents"), lang=doc.language)
    nav.properties = ["nav"]
    nav.content = render_nav(doc, DOCUMENT_FILE, numbers).encode("utf-8")
    book.add_item(text)
    book.add_item(nav)
    book.set_cover(COVER_IMAGE, cover_png(doc), create_page=False)
    cover = Xhtml(uid="cover", file_name=COVER_FILE, title=doc.title, lang=doc.language)
    cover.content = COVER_XHTML.format(
        lang=escape(doc.language), dir=doc.direction, title=escape(doc.title),
        image=COVER_IMAGE, alt=escape(cover_alt(doc), {'"': "&quot;"}),
    ).encode("utf-8")  # fmt: skip
    book.add_item(cover)

    # The NCX, for EPUB 2 reading systems, from the same table of contents.
    clauses = [epub.Link(f"{DOCUMENT_FILE}#{c.id}", c.bookmark, f"toc-{c.id}") for c in doc.operative]
    toc: list[object] = [epub.Link(f"{DOCUMENT_FILE}#title", doc.title, "toc-title")]
    if doc.preamble:
        toc.append(epub.Link(f"{DOCUMENT_FILE}#preamble", words("Preamble"), "toc-preamble"))
    toc.append((epub.Section(words("Operative part"), f"{DOCUMENT_FILE}#operative"), clauses))
    for annex in doc.annexes:
        paragraphs = [
            epub.Link(f"{DOCUMENT_FILE}#{c.id}", c.bookmark, f"toc-{c.id}") for c in annex.paragraphs
        ]
        toc.append((epub.Section(annex_title(annex, words), f"{DOCUMENT_FILE}#{annex.id}-title"), paragraphs))
    if doc.citations():
        toc.append(epub.Link(f"{DOCUMENT_FILE}#notes", words("Notes"), "toc-notes"))
    book.toc = toc
    book.add_item(epub.EpubNcx())
    book.spine = [cover, text]

    raw = io.BytesIO()
    epub.write_epub(
        raw, book, {"mtime": options.timestamp, "epub3_pages": False, "play_order": {"enabled": False}}
    )
    return repack(raw.getvalue(), options.timestamp.timetuple()[:6], doc.language, doc.direction)


def add_style(book: epub.EpubBook, xhtml: list[str], styles: Path = STYLES) -> None:
    """Add to `book` the font subsets for the scripts of its XHTML texts other than Latin, then its
    style sheet, which declares them (a document's EPUB and a volume's)."""
    fonts = embedded_fonts(" ".join(html.unescape(re.sub(r"<[^>]*>", " ", x)) for x in xhtml))
    for font in fonts:
        book.add_item(
            epub.EpubItem(
                uid=f"font-{font.script}-{font.weight}", file_name=f"fonts/{font.file_name}",
                media_type=font.media_type, content=font.data,
            )
        )  # fmt: skip
    book.add_item(
        epub.EpubItem(
            uid="style", file_name="styles/epub.css", media_type="text/css",
            content=(font_css(fonts) + read_style("epub.css", styles)).encode("utf-8"),
        )
    )  # fmt: skip


def page_breaks(doc: Document, page_map: dict[str, int]) -> dict[str, list[int]]:
    """For each part (by id), the pages whose markers stand at its start.

    Page 1 starts at the title; page N at the start of the last part that starts on or
    before page N (the part in which page N begins).
    """
    if not page_map:
        return {}

    def headed(items: tuple[Clause, ...] | tuple[Paragraph, ...]) -> list[str]:
        return [i for c in items for i in (*(h.id for h in c.headings), c.id)]

    parts = ["title"] + (["formula"] if doc.formula else []) + headed(doc.preamble)
    parts += (["enacting"] if doc.enacting else []) + headed(doc.operative)
    parts += ["closing"] if doc.closing else []
    for annex in doc.annexes:
        parts += [annex.id, *headed(annex.preamble), *headed(annex.paragraphs)]
        parts += [h.id for h in annex.end_headings]
    starts = [(part, page_map[part]) for part in parts if part in page_map]
    last_page = max(page_map.values())
    breaks: dict[str, list[int]] = {}
    for page in range(1, last_page + 1):
        candidates = [part for part, start in starts if start <= page]
        if candidates:
            breaks.setdefault(candidates[-1], []).append(page)
    return breaks


_PIECE = re.compile(r"<[^>]*>|&[^;\s]{1,32};|[^<&]+|&")
_OPEN_ID = re.compile(r'<(p|li|h[1-6])\b[^>]*\bid="([^"]+)"')


def page_marker(page: int) -> str:
    """The EPUB's marker of the printed page `page` (its page list leads to it)."""
    return (
        f'<span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" id="page-{page}" '
        f'aria-label="{page}"></span>'
    )


def mark_pages(xhtml: str, starts: dict[int, tuple[str, int]]) -> tuple[str, list[int]]:
    """`xhtml` with a page marker where each page begins, and the pages marked.

    A page begins in block `id` after `offset` characters of its text (white space, note
    calls and the blocks inside it that have ids of their own left out, as
    render/verify.py counts them in the PDF's lines): its marker goes before the word that
    holds that character, at the word's start (a word a page break hyphenates is the
    previous page's). A page whose block is not found is not marked.
    """
    inserts: list[tuple[int, int]] = []  # (position in xhtml, page)
    for page, (block, offset) in sorted(starts.items()):
        at = _position(xhtml, block, offset)
        if at is not None:
            inserts.append((at, page))
    for at, page in sorted(inserts, reverse=True):
        xhtml = xhtml[:at] + page_marker(page) + xhtml[at:]
    return xhtml, [page for _, page in inserts]


def _position(xhtml: str, block: str, offset: int) -> int | None:
    start = xhtml.find(f'id="{block}"')
    if start < 0:
        return None
    start = xhtml.find(">", start) + 1
    depth = 0  # elements open inside the block
    skip_at: int | None = None  # depth at which a skipped element (a note call, a nested block) opened
    count = 0
    word_start: int | None = None
    for m in _PIECE.finditer(xhtml, start):
        piece = m.group(0)
        if piece.startswith("</"):
            depth -= 1
            if depth < 0:
                return None
            if skip_at is not None and depth < skip_at:
                skip_at = None
            continue
        if piece.startswith("<"):
            void = piece.endswith("/>")
            if skip_at is None and not void and ("noteref" in piece or _OPEN_ID.match(piece)):
                skip_at = depth + 1
            depth += 0 if void else 1
            continue
        if skip_at is not None:
            continue
        chars = [piece] if piece.startswith("&") else list(piece)
        pos = m.start()
        for ch in chars:
            if ch.isspace():
                word_start = None
            else:
                if word_start is None:
                    word_start = pos
                if count == offset:
                    return word_start
                count += 1
            pos += len(ch)
    return None


def font_css(fonts: list[EmbeddedFont]) -> str:
    """The style sheet's head for the embedded fonts: each declared for its script's characters,
    then named before the reader's serif, which sets the rest (Latin)."""
    if not fonts:
        return ""
    families = ", ".join(dict.fromkeys(f'"clausepress {f.script}"' for f in fonts))
    rules = "\n".join(f.css() for f in fonts)
    return f"/* The fonts of the PDF, for the scripts other than Latin (render/epubfonts.py). */\n{rules}\nbody {{ font-family: {families}, serif; }}\n\n"


def _ncx_depth(ncx: bytes) -> bytes:
    """The NCX with its `dtb:depth` the depth of its navMap (ebooklib writes 0)."""
    depth = level = 0
    for tag in re.finditer(rb"<(/?)navPoint\b", ncx):
        level += -1 if tag.group(1) else 1
        depth = max(depth, level)
    return ncx.replace(b'content="0" name="dtb:depth"', b'content="%d" name="dtb:depth"' % depth, 1)


def repack(data: bytes, date_time: tuple[int, ...], language: str, direction: str) -> bytes:
    """The package ebooklib wrote, again, with fixed entry times, and the OPF's own language and
    direction (the document's, or the volume's)."""
    stamp = tuple(max(v, 1980) if i == 0 else v for i, v in enumerate(date_time))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        for name in ["mimetype"] + [n for n in names if n != "mimetype"]:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = src.read(name)
            if name.endswith(".ncx"):
                content = _ncx_depth(content)
            if name.endswith(".opf"):
                lang = f'<package xml:lang="{language}" dir="{direction}" '.encode()
                content = content.replace(b"<package ", lang, 1)
            dst.writestr(info, content, compresslevel=9)
    return out.getvalue()
