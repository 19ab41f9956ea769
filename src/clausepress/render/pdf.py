"""The PDF writer: WeasyPrint renders the HTML page with its print styles."""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import RenderError, ResourceError
from ..model import Document
from ..presentation import note_id, noteref_id
from ..variants import PDFX, SOURCE_MIME, variant
from . import MissingGlyph, PdfResult, RenderOptions, book_identifier
from .libraries import import_weasyprint

import_weasyprint()  # first: it finds WeasyPrint's libraries without a compiler run per name

import weasyprint  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher  # noqa: E402

from . import actualtext, footnotes, linebreak  # noqa: E402
from .verify import (  # noqa: E402
    EVEN,
    LOOSE,
    keep_whole,
    ladders,
    lone_lines,
    loose_lines,
    overflows,
    page_starts,
    stranded,
)

actualtext.install()
linebreak.install()
footnotes.install()

__all__ = ["PdfResult", "render_pdf"]


class _Refuser(URLFetcher):  # type: ignore[misc]
    """Fetches nothing and remembers what was asked for.

    Everything a page needs is inline (its styles too), so any request (a stylesheet's
    `@import` or `url()`, from the network or from a file) is refused, and the build
    fails naming it. `data:` addresses are decoded in memory when `data` is allowed.
    """

    def __init__(self, data: bool = False) -> None:
        super().__init__(allowed_protocols=("data",) if data else (), fail_on_errors=True)
        self.refused: list[str] = []
        self.data = data

    def fetch(self, url: str, headers: object = None) -> object:
        if not (self.data and url.startswith("data:")):
            self.refused.append(url)
            raise ResourceError(f"refused to fetch {url}")
        return super().fetch(url, headers)


def render_pdf(
    doc: Document,
    html: str,
    base_url: Path,
    options: RenderOptions | None = None,
    source: bytes | None = None,
) -> PdfResult:
    """The PDF of `html`, in the variant `options` asks for.

    Every variant is tagged and carries the document's language. The archival one is
    PDF/A-3a with `source` (the YAML) attached as its `Source`; the screen one is
    PDF/UA-1. The file identifier is derived from the HTML, every date from
    `options.timestamp`: the same source gives the same bytes.
    """
    options = options or RenderOptions()
    logger = logging.getLogger("weasyprint")
    messages: list[str] = []
    handler = _Collect(messages)
    logger.addHandler(handler)
    kind = variant(options.variant)
    pdf_variant = PDFX if kind.name == "print" and options.pdfx else kind.weasyprint
    attachments = []
    if kind.attaches_source:
        if source is None:
            raise RenderError(f"the archival PDF of {doc.path} needs its source to attach")
        attachments.append(_source_attachment(doc, source, options))
    if kind.attaches_akn:
        attachments.append(_akn_attachment(doc, options))
    fetcher = _Refuser()
    try:
        document, pages, repairs = _laid_out(doc, html, base_url, fetcher, messages)
        document.metadata.xmp_metadata = [_xmp(doc)]
        identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
        pdf = document.write_pdf(
            pdf_identifier=identifier,
            pdf_variant=pdf_variant,
            pdf_tags=True,
            attachments=attachments,
            uncompressed_pdf=False,
        )
    except ResourceError:
        raise
    except (Exception, FatalURLFetchingError) as exc:  # each is a render failure here
        if fetcher.refused:
            raise ResourceError(f"{doc.path}: refused to fetch {', '.join(fetcher.refused)}") from exc
        raise RenderError(f"WeasyPrint failed on {doc.path}: {exc}") from exc
    finally:
        logger.removeHandler(handler)
    if pdf is None:
        raise RenderError(f"WeasyPrint produced no PDF for {doc.path}")
    warnings, missing = _named(messages, html)
    return PdfResult(
        pdf, len(document.pages), warnings, pages, tuple(repairs), page_starts(document), missing
    )


@functools.lru_cache(maxsize=1)
def _font_config() -> FontConfiguration:
    """WeasyPrint's font configuration, made once a process (pages use no web fonts)."""
    return FontConfiguration()


# The repairs of a paragraph with a loose line, in the order a compositor tries them: shorter
# words hyphenated, then the type tracked 1% wider (which takes up a line's slack unseen), and
# only for a line still wider than LOOSE, a ragged paragraph.
_LOOSE_RULES = {
    1: ("hyphenate-limit-chars: 5 2 2;", "may hyphenate shorter words"),
    2: ("hyphenate-limit-chars: 5 2 2; letter-spacing: 0.01em;", "is now tracked 1% wider"),
    3: ("hyphenate-limit-chars: 5 2 2; letter-spacing: 0.01em; text-align: start;", "is now set ragged"),
}
_MOVABLE = 3  # the lines of a paragraph a widow's repair may take to the next page with it
_REPAIRS = 12  # the relayouts a build may make to set its notes on their calls' pages and end ladders


def _laid_out(
    doc: Document | Path, html: str, base_url: Path, fetcher: _Refuser, messages: list[str]
) -> tuple[weasyprint.Document, dict[str, int], list[str]]:
    """The pages of `html`, verified and repaired, the page of each id, and the repairs made.

    Each layout is verified, and what breaks a rule is repaired and laid out again, up to
    `_REPAIRS` times, each repair said; what stays broken is a warning in `messages`:

    - a heading, or an article's number set on a line of its own, left alone at a page's foot
      (WeasyPrint's `break-after: avoid` does not always hold): it starts the next page;
    - a footnote set a page after its call (WeasyPrint, footnote-policy: line, when the page
      cannot hold it): the paragraph that calls it starts the next page (`break-before: page`
      for its id); a note that stays apart even so (a paragraph and its notes longer than a
      page) is left to `clausepress check`;
    - three hyphenated line ends in a row (a ladder, which WeasyPrint's `hyphens: auto` does
      not prevent: it has no `hyphenate-limit-lines`): the middle line's word is kept whole;
    - a justified line whose word spaces are wider than 0.8 em (a long word the dictionary
      cannot break, no dictionary for the language, a copy's words run together): its
      paragraph may hyphenate shorter words (`hyphenate-limit-chars: 5 2 2`), then is tracked
      1% wider (`letter-spacing: 0.01em`, which takes up the slack unseen); a line still wider
      than 1 em is set ragged (`text-align: start`), as a compositor sets a paragraph that
      cannot be justified.
    """
    named = doc.path if isinstance(doc, Document) else doc  # what a message names
    breaks: list[str] = []
    moved: list[str] = []  # the selectors of paragraphs that now start a page, so as to leave no line alone
    wrapped: list[str] = []  # the blocks whose text past the margin may now break anywhere
    whole: list[tuple[str, str, int]] = []
    loose: dict[str, int] = {}  # block id -> the last of _LOOSE_RULES its loose lines had
    repairs: list[str] = []
    for _ in range(_REPAIRS + 1):
        styled = html
        rules = " ".join(f"#{b} {{ break-before: page; }}" for b in breaks)
        rules += " ".join(f"{m} {{ break-before: page; }}" for m in moved)
        rules += " ".join(f"#{b}, #{b} * {{ overflow-wrap: anywhere; }}" for b in wrapped)
        rules += " ".join(f"#{b} {{ {_LOOSE_RULES[step][0]} }}" for b, step in loose.items())
        if rules:
            styled = html.replace("</head>", f"<style>@media print {{ {rules} }}</style>\n</head>", 1)
        document = weasyprint.HTML(string=styled, base_url=str(base_url), url_fetcher=fetcher).render(
            font_config=_font_config(), pdf_tags=True
        )
        if fetcher.refused:
            raise ResourceError(
                f"{named}: its page asked for {', '.join(fetcher.refused)}; clausepress fetches nothing "
                "from the network or from files (styles must be self-contained)"
            )
        pages = _page_map(document)
        apart = _notes_apart(pages)
        block = _calling_block(html, *apart[0]) if apart else None
        alone = next((b for b in stranded(document) if b not in breaks), None)
        if alone is not None and (block is None or block in breaks):
            breaks.append(alone)
            repairs.append(f"'{alone}' stood alone at the foot of a page: it now starts the next")
            continue
        if block is not None and block not in breaks:
            breaks.append(block)
            repairs.append(
                f"footnote {apart[0]} fell a page after its call: '{block}' now starts a page, so that both stand on one"
            )
            continue
        lone = next(
            (
                x
                for x in lone_lines(document)
                if x.selector is not None
                and x.selector not in moved
                and (x.kind == "orphan" or x.before <= _MOVABLE)
            ),
            None,
        )
        if lone is not None and lone.selector is not None:
            moved.append(lone.selector)
            repairs.append(
                f"a paragraph of '{lone.block}' left its {'first' if lone.kind == 'orphan' else 'last'} line alone "
                f"at the {'foot' if lone.kind == 'orphan' else 'head'} of page {lone.page}: it now starts the next page"
            )
            continue
        # Every ladder, loose paragraph and run past the margin of this layout is repaired at once: each is a
        # paragraph's own, and a relayout costs as much as the first layout.
        changed = False
        for ladder in ladders(document):
            # The second line's word, or where that one breaks at a hyphen of its own ("high-risk")
            # and keeping it whole did not help, another of the ladder's.
            for block_id, start, occurrence in (b for b in ladder if b not in whole):
                kept = keep_whole(html, block_id, start, occurrence)
                whole.append((block_id, start, occurrence))
                if kept is not None:
                    html, word = kept
                    repairs.append(
                        f"three hyphenated lines in a row in '{block_id}': '{word}' is now kept whole"
                    )
                    changed = True
                    break
        for block_id, em in loose_lines(document, EVEN):
            step = loose.get(block_id, 0) + 1
            if step < len(_LOOSE_RULES) or (step == len(_LOOSE_RULES) and em > LOOSE):
                loose[block_id] = step
                repairs.append(
                    f"a line of '{block_id}' had word spaces of {em:.2f} em: the paragraph {_LOOSE_RULES[step][1]}"
                )
                changed = True
        for _page, wide, _past, _text in overflows(document):
            if wide is not None and wide not in wrapped:
                wrapped.append(wide)
                repairs.append(f"a run of '{wide}' stood past the margin: it may now break anywhere")
                changed = True
        if not changed:
            break
    for lone in lone_lines(document):
        messages.append(
            f"layout.{lone.kind}: '{lone.block}' leaves one line alone at the "
            f"{'foot' if lone.kind == 'orphan' else 'head'} of page {lone.page}"
        )
    for page, wide, past, text in overflows(document):
        messages.append(
            f"layout.overflow: '{wide}' sets '{text}' {past * 0.75:.1f} pt past the margin of page {page}"
        )
    for prefix, number in _notes_apart(pages):
        messages.append(
            f"layout.footnote-page: footnote {number} is on page {pages[prefix + note_id(number)]}, its call on page "
            f"{pages[prefix + noteref_id(number)]} ('{_calling_block(html, prefix, number)}'), and no page break "
            "could join them"
        )
    return document, pages, repairs


_CALL = re.compile(r"(?P<prefix>(?:v\d+-)?)fnref-(?P<number>\d+)")


def _notes_apart(pages: dict[str, int]) -> list[tuple[str, int]]:
    """The notes set on another page than their calls (`pages`: each id's page), in order: each its
    ids' prefix (a volume's `v3-`, or none) and its number."""
    apart = []
    for anchor, page in pages.items():
        if (m := _CALL.fullmatch(anchor)) is not None:
            prefix, number = m.group("prefix"), int(m.group("number"))
            note = pages.get(prefix + note_id(number))
            if note is not None and note != page:
                apart.append((page, prefix, number))
    return [(prefix, number) for _, prefix, number in sorted(apart)]


_BLOCK = re.compile(r'<(?:p|li|h[1-6])\b[^>]*\bid="(?P<id>[^"]+)"')


def _calling_block(html: str, prefix: str, number: int) -> str | None:
    """The id of the paragraph, clause or sub-clause whose text calls note `number` (its ids
    prefixed `prefix`, in a volume): the last element with an id that opens before the call."""
    at = html.find(f'id="{prefix}{noteref_id(number)}"')
    if at < 0:
        return None
    found = None
    for m in _BLOCK.finditer(html, 0, at):
        found = m.group("id")
    return found


def _page_map(document: weasyprint.Document) -> dict[str, int]:
    """The page (1-based) on which each element with an id starts."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _source_attachment(doc: Document, source: bytes, options: RenderOptions) -> weasyprint.Attachment:
    """The YAML source as an associated file (AFRelationship /Source), dated like the build."""
    stamp = options.timestamp.replace(tzinfo=None)
    return weasyprint.Attachment(
        url=f"data:{SOURCE_MIME};base64," + base64.b64encode(source).decode("ascii"),
        url_fetcher=_Refuser(data=True),
        name=Path(doc.path).name,
        description=f"clausepress source of {doc.title}",
        created=stamp,
        modified=stamp,
        relationship="Source",
    )


def _akn_attachment(doc: Document, options: RenderOptions) -> weasyprint.Attachment:
    """The document's Akoma Ntoso as a second associated file (AFRelationship /Data): the same bytes
    as `build --to akn` writes (they depend on the document and the timestamp only)."""
    from ..akn import MIME, file_name
    from .akn import render_akn

    stamp = options.timestamp.replace(tzinfo=None)
    return weasyprint.Attachment(
        url=f"data:{MIME};base64," + base64.b64encode(render_akn(doc, options)).decode("ascii"),
        url_fetcher=_Refuser(data=True),
        name=file_name(doc.id),
        description=f"Akoma Ntoso 3.0 of {doc.title}",
        created=stamp,
        modified=stamp,
        relationship="Data",
    )


def _xmp(doc: Document) -> bytes:
    """Dublin Core properties WeasyPrint does not write: identifier, language, publisher, date."""
    adopted = (
        f"<dc:date><rdf:Seq><rdf:li>{doc.adopted.isoformat()}</rdf:li></rdf:Seq></dc:date>"
        if doc.adopted
        else ""
    )
    publisher = (
        f"<dc:publisher><rdf:Bag><rdf:li>{escape(doc.issuer)}</rdf:li></rdf:Bag></dc:publisher>"
        if doc.issuer
        else ""
    )
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:identifier>{escape(book_identifier(doc))}</dc:identifier>"
        f"<dc:language><rdf:Bag><rdf:li>{escape(doc.language)}</rdf:li></rdf:Bag></dc:language>"
        f"{publisher}{adopted}"
        "</rdf:Description></rdf:RDF>"
    ).encode()


_NOTDEF = re.compile(
    r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.+)" \(U\+([0-9A-F]+)\)'
)


def _named(messages: list[str], html: str) -> tuple[tuple[str, ...], tuple[MissingGlyph, ...]]:
    """WeasyPrint's messages, its missing glyphs apart: each character once, with the part of the
    document it stands in and the fonts to install for it."""
    out: list[str] = []
    missing: dict[str, MissingGlyph] = {}
    for message in messages:
        m = _NOTDEF.fullmatch(message)
        if m is None:
            out.append(message)
            continue
        char = chr(int(m.group(2), 16))
        if char in missing:
            continue
        at = html.find(char)
        part = next((b.group("id") for b in reversed(list(_BLOCK.finditer(html, 0, max(at, 0))))), None)
        package = (
            "fonts-noto-cjk"
            if 0x2E80 <= ord(char) <= 0x9FFF or 0xAC00 <= ord(char) <= 0xD7AF
            else "fonts-noto-extra"
        )
        missing[char] = MissingGlyph(char, part, package)
    return tuple(out), tuple(missing.values())


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())
