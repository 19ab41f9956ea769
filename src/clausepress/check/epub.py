"""Checks of a built EPUB against the model: clauses, nav, footnotes and links; EPUBCheck on demand."""

from __future__ import annotations

import bisect
import posixpath
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from lxml import etree

from ..errors import display_path
from ..model import Document
from ..presentation import WORD_RUN, address_key, is_linkable, normalize, small_number, units
from .findings import Finding, shown
from .text import check_blocks

__all__ = ["check_epub"]

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
EPUB_TYPE = f"{{{OPS}}}type"
NS = {"x": XHTML, "epub": OPS, "opf": OPF, "c": "urn:oasis:names:tc:opendocument:xmlns:container"}


@dataclass
class _Book:
    documents: dict[str, etree._Element] = field(default_factory=dict)  # spine order
    nav_name: str | None = None
    nav: etree._Element | None = None
    ids: dict[str, set[str]] = field(default_factory=dict)


class _Unreadable(Exception):
    pass


class _TooLarge(Exception):
    pass


# What the checker inflates of an EPUB, at most: a member, and all members read together. The EPUB of
# the largest source clausepress builds (4,000,000 characters) holds some 20 MB of XHTML.
MAX_MEMBER = 32 * 1024 * 1024
MAX_INFLATED = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
# XML as the checker parses it: no DTD loaded, no entity expanded, nothing fetched.
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


class _Zip:
    """An EPUB's zip, whose members are inflated in chunks up to `MAX_MEMBER` each and
    `MAX_INFLATED` in all: a member that inflates further (a zip bomb) stops the reading."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self.inflated = 0

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.read(name), _PARSER)

    def read(self, name: str) -> bytes:
        data = bytearray()
        with self.z.open(name) as member:
            while chunk := member.read(_CHUNK):
                data += chunk
                self.inflated += len(chunk)
                if len(data) > MAX_MEMBER or self.inflated > MAX_INFLATED:
                    raise _TooLarge(
                        f"{shown(name)} inflates to more than {MAX_MEMBER // 2**20} MiB"
                        if len(data) > MAX_MEMBER
                        else f"its files inflate to more than {MAX_INFLATED // 2**20} MiB"
                    )
        return bytes(data)


def _read(path: Path) -> _Book:
    book = _Book()
    try:
        with zipfile.ZipFile(path) as archive:
            z = _Zip(archive)
            container = z.xml("META-INF/container.xml")
            opf_name = container.xpath("//c:rootfile/@full-path", namespaces=NS)[0]
            opf = z.xml(opf_name)
            base = posixpath.dirname(opf_name)
            items = {
                i.get("id"): (posixpath.join(base, i.get("href")), i.get("properties") or "")
                for i in opf.iterfind(".//opf:manifest/opf:item", NS)
            }
            for ref in opf.iterfind(".//opf:spine/opf:itemref", NS):
                name = items[ref.get("idref")][0]
                book.documents[name] = z.xml(name)
            for name, props in items.values():
                if "nav" in props.split():
                    book.nav_name = name
                    book.nav = z.xml(name)
    except _TooLarge:
        raise
    except Exception as exc:  # a damaged package can fail in any of zip, zlib or XML: it is unreadable
        raise _Unreadable(f"{type(exc).__name__}: {exc}") from exc
    for name, root in [*book.documents.items(), (book.nav_name, book.nav)]:
        if name and root is not None:
            book.ids[name] = set(root.xpath("//@id"))
    return book


def _is_noteref(el: etree._Element) -> bool:
    return "noteref" in (el.get(EPUB_TYPE) or "").split()


_NOTE_TYPES = {"footnote", "endnote", "rearnote"}


def _is_note(el: etree._Element) -> bool:
    return el.tag == f"{{{XHTML}}}aside" or bool(_NOTE_TYPES & set((el.get(EPUB_TYPE) or "").split()))


def _words(book: _Book, markers: dict[int, int] | None = None) -> tuple[list[str], list[str]]:
    """The words of the text (no notes, no note calls) and, for each, the nearest element id.

    `markers`, when given, gets each page marker's page and the index of the first word after it."""
    chars: list[str] = []
    owners: list[str] = []
    marks: list[tuple[int, int]] = []  # (page, characters before the marker)

    def add(text: str | None, owner: str) -> None:
        if text:
            chars.append(text)
            owners.extend([owner] * len(text))

    def walk(el: etree._Element, owner: str) -> None:
        if not isinstance(el.tag, str) or _is_note(el) or _is_noteref(el):
            return
        owner = f"{name}#{shown(el.get('id') or '', 80)}" if el.get("id") else owner
        page = small_number(el.get("aria-label") or "") if el.get("role") == "doc-pagebreak" else None
        if page is not None:
            marks.append((page, sum(map(len, chars))))
        add(el.text, owner)
        for child in el:
            separator = " " if child.tag in _BLOCKS else ""
            add(separator, owner)
            walk(child, owner)
            add(separator, owner)
            add(child.tail, owner)

    for name, root in book.documents.items():
        body = root.find(f"{{{XHTML}}}body")
        if body is not None:
            walk(body, name)
        add(" ", name)
    text = "".join(chars)
    words: list[str] = []
    where: list[str] = []
    starts: list[int] = []
    for match in WORD_RUN.finditer(text):
        for word in (u for part in normalize(match.group(0)).split(" ") for u in units(part)):
            words.append(word)
            where.append(owners[match.start()])
            starts.append(match.start())
    if markers is not None:
        for page, at in marks:
            markers[page] = bisect.bisect_left(starts, at)
    return words, where


_BLOCKS = {
    f"{{{XHTML}}}{t}" for t in ("p", "li", "ol", "ul", "section", "div", "header", "h1", "h2", "aside")
}


def check_epub(
    doc: Document, path: Path, epubcheck: bool = False, pdf_pages: dict[int, str] | None = None
) -> list[Finding]:
    """Every finding in the EPUB built from `doc` (and EPUBCheck's, when asked).

    `pdf_pages`: the first word of each page of the screen PDF, to which the EPUB's page list
    must lead (its marker of page N before the word page N begins with)."""
    name = display_path(path)
    try:
        book = _read(path)
    except _Unreadable as exc:
        return [Finding("epub.unreadable", "error", f"the EPUB cannot be read: {shown(str(exc))}", name)]
    except _TooLarge as exc:
        return [Finding("epub.too-large", "error", f"the EPUB is not checked: {exc}", name)]
    markers: dict[int, int] = {}
    words, where = _words(book, markers)
    findings = [
        *(_check_page_markers(words, markers, pdf_pages, name) if pdf_pages else []),
        *check_blocks(doc, words, lambda i: {"element": where[i]}, "epub", name),
        *_check_nav(doc, book, name),
        *_check_links(doc, book, name),
        *_check_footnotes(doc, book, name),
    ]
    if epubcheck:
        from .validators import run_epubcheck

        findings += run_epubcheck(path)
    return findings


def _check_page_markers(
    words: list[str], markers: dict[int, int], pdf_pages: dict[int, str], name: str
) -> Iterator[Finding]:
    # Page 1's marker opens the text, where the PDF's first page does (its title block, whose
    # small capitals the PDF's text may split); every other page is compared by its first word.
    for page, first in sorted(pdf_pages.items()):
        if page == 1:
            continue
        if page not in markers:
            yield Finding("epub.page-marker", "error", f"the page list has no marker for page {page}", name)
            continue
        at = markers[page]
        after = words[at] if at < len(words) else "(the end)"
        if after != first:
            yield Finding(
                "epub.page-marker",
                "error",
                f"the marker of page {page} stands before '{shown(after)}'; page {page} of the PDF begins with "
                f"'{shown(first)}'",
                name,
                element=f"page-{page}",
            )


def _split(href: str) -> SplitResult:
    """An href's parts; a crafted one that urlsplit refuses ("http://[::1") has none."""
    try:
        return urlsplit(href)
    except ValueError:
        return SplitResult("", "", "\x00", "", "")  # a path no file has: it points nowhere


def _scheme(href: str) -> bool:
    return bool(_split(href).scheme)


def _resolve(book: _Book, source: str, href: str) -> tuple[str, str] | None:
    """(file, id) an internal href points to, or None when it points nowhere."""
    parts = _split(href)
    target = (
        posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
        if parts.path
        else source
    )
    if target not in book.ids:
        return None
    if parts.fragment and parts.fragment not in book.ids[target]:
        return None
    return target, parts.fragment


def _check_nav(doc: Document, book: _Book, name: str) -> Iterator[Finding]:
    if book.nav is None or book.nav_name is None:
        yield Finding("epub.nav-missing", "error", "the EPUB has no navigation document", name)
        return
    toc = book.nav.xpath("//x:nav[contains(concat(' ', @epub:type, ' '), ' toc ')]", namespaces=NS)
    links = [
        (a.get("href") or "", normalize("".join(a.itertext()))) for t in toc for a in t.iterfind(".//x:a", NS)
    ]
    targets = {}
    for href, label in links:
        if _resolve(book, book.nav_name, href) is None:
            yield Finding(
                "epub.link-broken", "error", f"the nav entry '{shown(label)}' points to '{shown(href)}', which does not exist",
                name, element=book.nav_name,
            )  # fmt: skip
        targets[_split(href).fragment] = label  # a broken entry is still an entry
    order = [t for t in targets]
    previous = -1
    for clause in doc.operative:
        if clause.id not in targets:
            yield Finding(
                "epub.nav-missing", "error", f"the nav has no entry for operative clause {clause.name}",
                name, element=book.nav_name,
            )  # fmt: skip
            continue
        if targets[clause.id] != normalize(clause.bookmark):
            yield Finding(
                "epub.nav-label", "error",
                f"the nav names operative clause {clause.name} '{shown(targets[clause.id])}', not '{clause.bookmark}'",
                name, element=book.nav_name,
            )  # fmt: skip
        position = order.index(clause.id)
        if position < previous:
            yield Finding(
                "epub.nav-order", "error", f"the nav lists operative clause {clause.name} out of order",
                name, element=book.nav_name,
            )  # fmt: skip
        previous = position


def _anchors(book: _Book) -> Iterator[tuple[str, etree._Element]]:
    for file, root in book.documents.items():
        for a in root.iter(f"{{{XHTML}}}a"):
            if a.get("href") is not None:
                yield file, a


def _where(file: str, el: etree._Element) -> str:
    """The element's location: the file and the id of the element or its nearest ancestor with one."""
    for node in el.iterancestors(None) if el.get("id") is None else [el]:
        if node.get("id"):
            return f"{file}#{shown(node.get('id') or '', 80)}"
    return file


def _check_links(doc: Document, book: _Book, name: str) -> Iterator[Finding]:
    # Addresses are compared as IRIs (an EPUB writer may percent-encode a non-ASCII address).
    known = {address_key(s.url): s.url for s in doc.sources.values() if s.url and is_linkable(s.url)}
    seen: set[str] = set()
    for file, a in _anchors(book):
        href = a.get("href") or ""
        where = _where(file, a)
        if _is_noteref(a):
            continue  # note calls are checked with the footnotes
        if _scheme(href):
            seen.add(address_key(href))
            if address_key(href) not in known:
                yield Finding(
                    "epub.link-unknown",
                    "error",
                    f"a link goes to {shown(address_key(href))}, which no source gives",
                    name,
                    element=where,
                )
        elif _resolve(book, file, href) is None:
            yield Finding(
                "epub.link-broken",
                "error",
                f"a link points to '{shown(href)}', which does not exist",
                name,
                element=where,
            )
    for key in sorted(set(known) - seen):
        yield Finding("epub.link-missing", "error", f"no link to the source address {known[key]}", name)
    # Each citation's anchor links to its source: the anchor stands just before its note call.
    cited = {str(c.number): doc.sources.get(c.source_id) for c in doc.citations()}
    for file, call in _anchors(book):
        source = cited.get(normalize("".join(call.itertext()))) if _is_noteref(call) else None
        url = address_key(source.url) if source is not None and source.url else None
        if source is None or url is None or url not in known or url not in seen:
            continue  # an address linked nowhere is reported once, above
        anchor = call.getprevious()
        href = anchor.get("href") if anchor is not None and anchor.tag == f"{{{XHTML}}}a" else None
        if href is None:
            yield Finding(
                "epub.link-missing", "error",
                f"the anchor of note {shown(normalize(''.join(call.itertext())))} does not link to {source.url}",
                name, element=_where(file, call),
            )  # fmt: skip


def _check_footnotes(doc: Document, book: _Book, name: str) -> Iterator[Finding]:
    refs: list[tuple[str, etree._Element]] = [(f, a) for f, a in _anchors(book) if _is_noteref(a)]
    notes: dict[tuple[str, str], etree._Element] = {}
    for file, root in book.documents.items():
        for el in root.iter():
            if isinstance(el.tag, str) and _is_note(el) and el.get("id"):
                notes[(file, el.get("id"))] = el
    numbers = [normalize("".join(a.itertext())) for _, a in refs]
    expected = [str(c.number) for c in doc.citations()]
    if numbers != expected:
        yield Finding(
            "epub.footnote-numbering", "error",
            f"note calls are {len(numbers)}, numbered {shown(', '.join(numbers[:8]))}{' …' if len(numbers) > 8 else ''}; "
            f"expected 1..{len(expected)} in order",
            name,
        )  # fmt: skip
    pointed: Counter[tuple[str, str]] = Counter()
    for file, a in refs:
        resolved = _resolve(book, file, a.get("href") or "")
        if resolved is None or resolved not in notes:
            yield Finding(
                "epub.footnote-missing", "error",
                f"note call {shown(normalize(''.join(a.itertext())))} points to '{shown(a.get('href') or '')}', which is no footnote",
                name, element=_where(file, a),
            )  # fmt: skip
            continue
        pointed[resolved] += 1
        back = notes[resolved].find(".//x:a[@role='doc-backlink']", NS)
        if back is None or _resolve(book, resolved[0], back.get("href") or "") != (file, a.get("id")):
            yield Finding(
                "epub.footnote-backlink", "error", f"footnote '{shown(resolved[1])}' does not link back to its call",
                name, element=f"{resolved[0]}#{shown(resolved[1], 80)}",
            )  # fmt: skip
    for key in notes:
        if pointed[key] != 1:
            what = "is never referenced" if pointed[key] == 0 else f"is referenced {pointed[key]} times"
            yield Finding(
                "epub.footnote-reference",
                "error",
                f"footnote '{shown(key[1])}' {what}",
                name,
                element=f"{key[0]}#{shown(key[1], 80)}",
            )
