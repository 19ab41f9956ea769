"""Volumes: a session's resolutions in one book (`clausepress volume VOLUME.yaml`).

A volume source names its front matter and its documents, in order, optionally grouped under
headings:

    title: Resolutions adopted by the Security Council in 2024
    issuer: United Nations
    session: 2024                   # or a session's name; optional
    introduction: ...               # optional, plain text
    documents:
      - unsc-2722.yaml              # paths relative to the volume file
      - heading: Middle East
        documents: [unsc-2730.yaml]

Two layouts give the same pages: the one-process layout (`lay_out_volume`), every document's
page laid out by WeasyPrint in one pass over one HTML, the reference; and the layout in parts
(`lay_out_in_parts`, what `build_volume` uses), each document alone on a core of its own (worker
processes, or a Dask cluster's), assembled by render/assemble.py. The volume has a title
page, a contents list with each document's number, title and page (dot leaders, links), each
document starting on a right-hand page, running heads with the document's
number and short title, continuous page numbers, footnotes numbered per document, and an outline
that nests each document's parts under it. The PDF is tagged, carries the volume's language and
title, in each PDF variant (variants.py): the screen one declared PDF/UA-1, the print one with
bleed and crop marks, the archival one PDF/A-3a with every document's YAML source attached; veraPDF
confirms both claims in the tests (tests/test_volume.py).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import yaml

from .errors import Origin, RenderError, SourceError, display_path
from .files import cannot_write, write_atomically
from .furniture import catalogue
from .model import Document
from .reading import TooLarge, read_at_most
from .render import RenderOptions
from .render.html import _css_string, render_html
from .source import MAX_SOURCE_BYTES, decode, load, read_source
from .variants import PDFX, SOURCE_MIME, variant

__all__ = [
    "MAX_DOCUMENTS", "LaidPart", "Part", "Volume", "VolumePdf", "build_volume", "index_order", "is_volume",
    "lay_out_in_parts", "lay_out_part", "lay_out_volume", "load_volume", "volume_html", "without_number",
]  # fmt: skip

MAX_DOCUMENTS = 1000  # a session's resolutions (the General Assembly adopts about 300 a year)
_KEYS = ("title", "issuer", "session", "introduction", "language", "documents")


@dataclass(frozen=True)
class Part:
    """A document of the volume, its source file and the heading of its group (None: none)."""

    document: Document
    source: Path
    group: str | None
    origin: Origin  # where the volume names it

    @property
    def number(self) -> str:
        """The document's number as the contents and the running heads give it: its symbol, unless
        its title opens with the resolution's number already ("80/13. Implementation of ...")."""
        symbol = self.document.metadata.get("symbol", "")
        tail = symbol.rsplit("/RES/", 1)[-1]
        return "" if tail and self.document.title.startswith(tail) else symbol

    @property
    def index_number(self) -> str:
        """The number the volume's index lists the document by: its symbol, or the number its title
        opens with ("80/13"); empty for a document with neither (the index leaves it out)."""
        symbol = self.document.metadata.get("symbol", "")
        opening = re.match(r"(\d+(?:/\d+)*(?: \(\d{4}\))?)\.\s", self.document.title)
        return symbol or (opening.group(1) if opening else "")


def without_number(title: str, number: str) -> str:
    """A title as the index gives it beside its number: without the number it opens with."""
    tail = number.rsplit("/RES/", 1)[-1]
    return title[len(tail) :].lstrip(". ") if tail and title.startswith(tail) else title


def index_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """A key that sorts document numbers as people read them: 80/9 before 80/13, S/RES/255 before
    S/RES/2334."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|[^\d\s/()]+", number))


@dataclass(frozen=True)
class Volume:
    """A volume: its front matter and its documents, in order."""

    title: str
    issuer: str
    session: str
    introduction: str
    language: str
    parts: tuple[Part, ...]
    path: Path


@dataclass(frozen=True)
class VolumePdf:
    """A volume laid out: the PDF's bytes, its page count and each document's first page."""

    data: bytes
    pages: int
    starts: tuple[int, ...]  # the page each part starts on, 1-based, in order
    # where each page begins: (the id of its first block, the characters of that block before it;
    # render/verify.page_starts), that the EPUB's page list marks
    page_starts: dict[int, tuple[str, int]] = field(default_factory=dict)


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text, self.name = path, text, display_path(path)

    def fail(self, node: yaml.Node, message: str) -> SourceError:
        mark = node.start_mark
        return SourceError(message, Origin(self.name, mark.line + 1, mark.column + 1))

    def string(self, node: yaml.Node, what: str) -> str:
        if (
            not isinstance(node, yaml.ScalarNode)
            or node.tag == "tag:yaml.org,2002:null"
            or not node.value.strip()
        ):
            raise self.fail(node, f"expected {what} as text")
        return str(node.value)

    def mapping(self, node: yaml.Node, what: str, keys: tuple[str, ...]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"expected {what} as a mapping")
        out: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what}; expected one of: {', '.join(keys)}"
                )
            if key in out:
                raise self.fail(key_node, f"the key {key!r} is given twice in {what}")
            out[key] = value
        return out

    def volume(self) -> Volume:
        try:
            root = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            raise SourceError(
                f"the volume is not valid YAML: {getattr(exc, 'problem', exc)}",
                Origin(self.name, line, column),
            ) from None
        if root is None:
            raise SourceError(
                "the volume is empty; expected its title, issuer and documents", Origin(self.name, 1, 1)
            )
        fields = self.mapping(root, "the volume", _KEYS)
        for required in ("title", "issuer", "documents"):
            if required not in fields:
                raise self.fail(root, f"missing key {required!r} in the volume")
        parts: list[Part] = []
        seen: dict[Path, Origin] = {}
        self.documents(fields["documents"], None, parts, seen)
        if not parts:
            raise self.fail(fields["documents"], "expected at least one document in the volume")
        text = {
            k: self.string(fields[k], f"the volume's {k}")
            for k in ("title", "issuer", "session", "introduction", "language")
            if k in fields
        }
        return Volume(
            title=text["title"],
            issuer=text["issuer"],
            session=text.get("session", ""),
            introduction=text.get("introduction", ""),
            language=text.get("language", parts[0].document.language),
            parts=tuple(parts),
            path=self.path,
        )

    def documents(
        self, node: yaml.Node, group: str | None, parts: list[Part], seen: dict[Path, Origin]
    ) -> None:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(
                node, "expected the documents as a list of paths or of {heading, documents} groups"
            )
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                if group is not None:
                    raise self.fail(
                        item, "a group of documents stands in the volume's list, not inside another group"
                    )
                fields = self.mapping(item, "a group of documents", ("heading", "documents"))
                if "heading" not in fields or "documents" not in fields:
                    raise self.fail(item, "a group of documents needs its 'heading' and its 'documents'")
                self.documents(
                    fields["documents"], self.string(fields["heading"], "the group's heading"), parts, seen
                )
                continue
            relative = self.string(item, "a document's path")
            path = (self.path.parent / relative).resolve()
            mark = item.start_mark
            origin = Origin(self.name, mark.line + 1, mark.column + 1)
            if path in seen:
                raise SourceError(
                    f"{relative} is in the volume twice (first at line {seen[path].line})", origin
                )
            if len(parts) >= MAX_DOCUMENTS:
                raise SourceError(f"a volume holds at most {MAX_DOCUMENTS} documents", origin)
            if not path.is_file():
                raise SourceError(f"no document at {relative} (relative to the volume's folder)", origin)
            seen[path] = origin
            parts.append(Part(load(path, read_source(path)), path, group, origin))


def is_volume(path: str | Path) -> bool:
    """Whether the YAML file at `path` is a volume source (a mapping with `documents`), not a document."""
    try:
        text = read_at_most(Path(path), MAX_SOURCE_BYTES).decode("utf-8")
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, TooLarge, UnicodeDecodeError, yaml.YAMLError):
        return False  # the document reader says what is wrong with it
    return isinstance(root, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "documents" for k, _ in root.value
    )


def load_volume(path: str | Path) -> Volume:
    """Read a volume source and every document it names (SourceError at the line of what is wrong)."""
    path = Path(path)
    name = display_path(path)
    try:
        data = read_at_most(path, MAX_SOURCE_BYTES)
    except TooLarge:
        raise SourceError(
            f"the volume holds more than {MAX_SOURCE_BYTES:,} bytes", Origin(name, 1, 1)
        ) from None
    except OSError as exc:
        raise SourceError(f"cannot read the volume: {exc.strerror or exc}", Origin(name, 1, 1)) from None
    return _Reader(path, decode(data, name)).volume()


# The volume's own rules, after each document's: the front matter, the contents' leaders and page
# numbers, each document on a right-hand page, the outline one level down under groups.
_VOLUME_CSS = """
@media print {
  @page :blank { @top-center { content: none; } @bottom-center { content: none; } }
  .volume-front h1 { string-set: none; bookmark-level: none; }
  .volume-title-page { break-after: right; text-align: center; padding-top: 30%; }
  .volume-title-page .volume-issuer { font-variant: small-caps; letter-spacing: 0.05em; }
  .volume-title-page h1 { font-size: 22pt; margin: 1.2em 0; }
  .volume-contents h2 { bookmark-level: 1; bookmark-label: content(text); }
  .volume-contents ol { list-style: none; padding: 0; margin: 0 0 1em; }
  .volume-contents li { margin: 0 0 0.4em; padding-right: 2.5em; text-indent: 0; }
  .volume-contents a { color: inherit; text-decoration: none; }
  .volume-contents a::after { content: leader(dotted) " " target-counter(attr(href url), page); margin-right: -2.5em; }
  .volume-contents .contents-number { font-weight: bold; }
  .volume-contents h3 { bookmark-level: none; }
  .volume-document { break-before: right; }
  .volume-index { break-before: right; page: volume-index; }
  @page :nth(1 of volume-index) { @top-center { content: none; } }
  .volume-index h2 { bookmark-level: 1; bookmark-label: content(text); string-set: short-title content(text); }
  .volume-index ol { list-style: none; padding: 0; margin: 0; }
  .volume-index li { margin: 0 0 0.3em; padding-right: 2.5em; break-inside: avoid; }
  .volume-index a { color: inherit; text-decoration: none; }
  .volume-index a::after { content: leader(dotted) " " target-counter(attr(href url), page); margin-right: -2.5em; }
  .volume-index .index-number { font-weight: bold; }
  .grouped h1 { bookmark-level: 2; }
  .grouped h1.volume-group-heading { bookmark-level: 1; bookmark-label: content(text); text-align: center; string-set: none; }
  .grouped section.preamble, .grouped section.operative { bookmark-level: 3; }
  .grouped .clause { bookmark-level: 4; }
  section.preamble, section.operative { bookmark-level: 2; }
  .volume-document section.preamble { bookmark-label: {preamble}; }
  .volume-document section.operative { bookmark-label: {operative}; }
}
"""


def _prefixed(html: str, prefix: str) -> tuple[str, str]:
    """A document's page as the volume holds it: its body with every id (and every reference to
    one) prefixed, so that no two documents share one; and its style sheet."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    style = "".join(s.text or "" for s in tree.iter("style"))
    body = tree.body
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if (ident := element.get("id")) is not None:
            element.set("id", f"{prefix}{ident}")
        href = element.get("href")
        if href is not None and href.startswith("#"):
            element.set("href", f"#{prefix}{href[1:]}")
        for attribute in ("aria-labelledby", "aria-describedby", "headers", "for"):
            if (value := element.get(attribute)) is not None:
                element.set(attribute, " ".join(f"{prefix}{v}" for v in value.split()))
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    return inner, style


def _article(part: Part, k: int, opening: bool, options: RenderOptions) -> tuple[str, str, str]:
    """The `k`th document as the volume holds it: its <article> (its ids prefixed `v{k}-`, its
    group's heading first when it opens the group), its style sheet, its running head."""
    prefix = f"v{k}-"
    inner, css = _prefixed(render_html(part.document, options, target="html"), prefix)
    short = part.document.short_title
    head = f"{part.number} {short}" if part.number else short
    inner = inner.replace(f'data-short-title="{escape(short)}"', f'data-short-title="{escape(head)}"', 1)
    heading = ""  # a group's heading opens its first document's first page
    if opening and part.group is not None:
        heading = f'<h1 class="volume-group-heading" id="group-{k}">{escape(part.group)}</h1>'
    grouped = " grouped" if part.group is not None else ""
    lang = part.document.language
    article = (
        f'<article class="volume-document{grouped}" id="v{k}" lang="{escape(lang)}" '
        f'dir="{part.document.direction}">{heading}{inner}</article>'
    )
    return article, css, head


def _openings(volume: Volume) -> list[bool]:
    """Whether each document opens its group (its group's heading stands on its first page)."""
    out, group = [], None
    for part in volume.parts:
        out.append(part.group != group and part.group is not None)
        group = part.group
    return out


def _named(k: int) -> str:
    """Each document's pages are a page group of their own: its first page has no running head."""
    return f"#v{k} {{ page: v{k}; }} @page :nth(1 of v{k}) {{ @top-center {{ content: none; }} }}\n"


def _front(volume: Volume, pages: tuple[int, ...] | None = None) -> str:
    """The front matter: the title page and the contents. With `pages` (each document's first
    page, known from a layout in parts), the contents give them as text and each entry is its
    link's own target, as the front matter laid out alone needs."""
    words = catalogue(volume.language)
    contents: list[str] = []
    group: str | None = None
    for k, part in enumerate(volume.parts, 1):
        if part.group != group:
            group = part.group
            if group is not None:
                contents.append(f'</ol><h3 class="contents-group">{escape(group)}</h3><ol>')
        number = f'<span class="contents-number">{escape(part.number)}</span> ' if part.number else ""
        known = "" if pages is None else f' id="v{k}-title" data-page="{pages[k - 1]}"'
        # The number stands outside the link: WeasyPrint 70 tags no annotation but the first of a
        # link with an element inside it (veraPDF: "Links shall be tagged", PDF/UA-1 7.18.5).
        contents.append(
            f'<li id="contents-{k}">{number}<a href="#v{k}-title"{known}>{escape(part.document.title)}</a></li>'
        )
    front = [
        '<section class="volume-front">',
        '<div class="volume-title-page">',
        f'<p class="volume-issuer">{escape(volume.issuer)}</p>',
        f'<h1 class="volume-title" id="volume-title">{escape(volume.title)}</h1>',
        f'<p class="volume-session">{escape(volume.session)}</p>' if volume.session else "",
        "</div>",
        f'<p class="volume-introduction">{escape(volume.introduction)}</p>' if volume.introduction else "",
        f'<nav class="volume-contents" id="contents"><h2 id="contents-title">{escape(words("Contents"))}</h2><ol>',
        *contents,
        "</ol></nav></section>",
    ]
    return "\n".join(x for x in front if x).replace("<ol></ol>", "")


def _index(volume: Volume, pages: tuple[int, ...] | None = None) -> str:
    """The index of documents by number, after the documents: each numbered document once, in the
    order people read numbers, with its page (by `target-counter`, or with `pages` known, as text
    and each entry its link's own target, as the contents); empty when no document has a number."""
    words = catalogue(volume.language)
    numbered = sorted(
        ((part.index_number, k, part) for k, part in enumerate(volume.parts, 1) if part.index_number),
        key=lambda x: (index_order(x[0]), x[1]),
    )
    if not numbered:
        return ""
    entries = []
    for number, k, part in numbered:
        known = "" if pages is None else f' id="v{k}-title" data-page="{pages[k - 1]}"'
        entries.append(
            f'<li id="index-{k}"><span class="index-number">{escape(number)}</span> <a href="#v{k}-title"{known}>'
            f"{escape(without_number(part.document.short_title, number))}</a></li>"
        )
    title = escape(words("Index of documents by number"))
    return f'<section class="volume-index" id="index"><h2 id="index-title">{title}</h2><ol>{"".join(entries)}</ol></section>'


def _style(volume: Volume, options: RenderOptions) -> str:
    """The first document's style sheet: the volume's (its page furniture in its language)."""
    return _article(volume.parts[0], 1, False, options)[1]


def _page(head: str, css: str, body: str) -> str:
    return f"{head}{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"


def volume_html(volume: Volume, options: RenderOptions | None = None) -> str:
    """The whole volume as one HTML page, laid out in one pass."""
    options = options or RenderOptions()
    openings = _openings(volume)
    articles = [_article(part, k, openings[k - 1], options) for k, part in enumerate(volume.parts, 1)]
    named = "".join(_named(k) for k in range(1, len(volume.parts) + 1))
    head = _head(volume, articles[0][1], named)
    body = _front(volume) + "\n" + "\n".join(a[0] for a in articles) + "\n" + _index(volume)
    return _page(head, "", body)


def _write_pdf(
    html: str,
    base: str,
    options: RenderOptions,
    *,
    title: str,
    lang: str,
    attachments: list[Any],
    tags: bool = True,
    repaired: Path | None = None,
) -> tuple[bytes, Any]:
    """`html` laid out by WeasyPrint, written in the variant `options` asks for; the PDF's bytes and
    WeasyPrint's document. With `repaired` (the file a message names), the layout is verified and
    repaired as a document's own PDF is (render/pdf.py: a footnote set a page after its call, a
    heading alone at a page's foot, a line alone, a loose line...), its ids prefixed or not."""
    from .render.libraries import import_weasyprint

    import_weasyprint()
    import weasyprint

    from .render.pdf import _font_config, _laid_out, _Refuser

    kind = variant(options.variant)
    logger = logging.getLogger("weasyprint")
    level = logger.level
    try:
        if repaired is not None:
            document = _laid_out(repaired, html, Path(base), _Refuser(), [])[0]
        else:
            document = weasyprint.HTML(string=html, base_url=base, url_fetcher=_Refuser()).render(
                font_config=_font_config()
            )
        document.metadata.title = title
        document.metadata.lang = lang
        identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
        data = document.write_pdf(
            pdf_identifier=identifier,
            pdf_variant=(PDFX if kind.name == "print" and options.pdfx else kind.weasyprint)
            if tags
            else None,
            pdf_tags=tags,
            attachments=attachments,
            uncompressed_pdf=False,
        )
    finally:
        logger.setLevel(level)
    return data, document


def lay_out_volume(volume: Volume, options: RenderOptions | None = None) -> VolumePdf:
    """The volume's PDF, laid out in one WeasyPrint pass over `volume_html` (the reference that
    `lay_out_in_parts` matches)."""
    from .render.verify import page_starts

    options = options or RenderOptions()
    kind = variant(options.variant)
    html = volume_html(volume, options)
    try:
        attachments = (
            [_source(volume, part, options) for part in volume.parts] if kind.attaches_source else []
        )
        data, document = _write_pdf(
            html, str(volume.path.parent), options, title=volume.title, lang=volume.language,
            attachments=attachments, repaired=volume.path,
        )  # fmt: skip
    except Exception as exc:  # a render failure, named
        raise RenderError(f"WeasyPrint failed on the volume {display_path(volume.path)}: {exc}") from exc
    starts = []
    for k in range(1, len(volume.parts) + 1):
        anchor = f"v{k}"
        starts.append(next(i for i, page in enumerate(document.pages, 1) if anchor in page.anchors))
    return VolumePdf(data, len(document.pages), tuple(starts), page_starts(document))


# A document laid out alone: its pages without the furniture that depends on its place in the
# volume (the running head and the page number, drawn over them once the page counts are known).
_PART_CSS = "@media print { @page { @top-center { content: none; } @bottom-center { content: none; } } }\n"
# The front matter laid out alone: the contents' page numbers as text, known by then.
_FRONT_CSS = _PART_CSS + (
    '@media print { .volume-contents a::after, .volume-index a::after { content: leader(dotted) " " attr(data-page); } }\n'
)
# The furniture: one page per page of the volume, nothing on it but the running head and the page
# number, as the one-pass layout draws them (no marks: the pages under it have their own).
_FURNITURE_CSS = """
@media print {
  @page { marks: none; }
  @page furniture-first { @top-center { content: none; } }
  @page furniture-blank { @top-center { content: none; } @bottom-center { content: none; } {marks} }
  .furniture { break-before: page; height: 1px; string-set: short-title attr(data-head); }
  .furniture-first { page: furniture-first; }
  .furniture-blank { page: furniture-blank; }
}
"""


@dataclass(frozen=True)
class LaidPart:
    """A document of the volume laid out alone: its PDF's bytes, its page count, its running head."""

    data: bytes
    pages: int
    head: str
    page_starts: dict[int, tuple[str, int]]  # its own pages' (render/verify.page_starts), from 1


def _head(volume: Volume, style: str, named: str) -> str:
    """The volume's page up to its style sheet's end (left open for what a piece adds)."""
    prefix, rules = _frame(volume, style)
    return prefix + named + rules


def _frame(volume: Volume, style: str) -> tuple[str, str]:
    words = catalogue(volume.language)
    rules = _VOLUME_CSS.replace("{preamble}", _css_string(words("Preamble"))).replace(
        "{operative}", _css_string(words("Operative part"))
    )
    prefix = (
        f'<!DOCTYPE html>\n<html lang="{escape(volume.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(volume.title)}</title>\n<style>{style}"
    )
    return prefix, rules


@dataclass(frozen=True)
class PartJob:
    """What laying out one document of the volume alone needs: a worker's (or a cluster's) whole
    work, a function of these only."""

    part: Part
    number: int  # its place in the volume, from 1
    opening: bool  # it opens its group
    frame: tuple[str, str]  # the volume's page before and after a document's own page rules
    base: str
    options: RenderOptions
    title: str
    lang: str


def lay_out_part(job: PartJob) -> LaidPart:
    """One document of the volume laid out alone: its HTML written, then laid out (RenderError,
    naming the document, if WeasyPrint fails on it)."""
    article, _, head = _article(job.part, job.number, job.opening, job.options)
    html = _page(job.frame[0] + _named(job.number) + job.frame[1], _PART_CSS, article)
    try:
        data, document = _write_pdf(
            html, job.base, job.options, title=job.title, lang=job.lang, attachments=[],
            repaired=job.part.source,
        )  # fmt: skip
    except Exception as exc:  # a render failure, named by its document
        raise RenderError(
            f"WeasyPrint failed on {display_path(job.part.source)} in the volume: {exc}"
        ) from None
    from .render.verify import page_starts

    return LaidPart(data, len(document.pages), head, page_starts(document))


def lay_out_in_parts(
    volume: Volume,
    options: RenderOptions | None = None,
    jobs: int = 1,
    progress: Any = None,
    executor: Any = None,
) -> VolumePdf:
    """The volume's PDF, each document laid out alone (in `jobs` worker processes when more than
    one, or by `executor`, a cluster's), then assembled (render/assemble.py): the same pages as
    `lay_out_volume`'s, and the same bytes whatever does the work.

    A document's pages do not depend on its place in the volume: each starts on a right-hand
    page, and what depends on its place (its page numbers, the contents' numbers) is not part of
    its layout. So the documents are laid out first, each alone; then, their page counts known,
    the front matter with the contents' numbers as text, and the furniture (the running heads and
    page numbers) as pages of their own, drawn over the documents' pages.
    """
    from .render.assemble import Piece, assemble

    options = options or RenderOptions()
    kind = variant(options.variant)
    base = str(volume.path.parent)
    style = _style(volume, options)
    frame = _frame(volume, style)
    head = frame[0] + frame[1]
    openings = _openings(volume)
    work = [
        PartJob(part, k, openings[k - 1], frame, base, options, volume.title, volume.language)
        for k, part in enumerate(volume.parts, 1)
    ]

    def front(starts: tuple[int, ...]) -> tuple[bytes, int, dict[int, tuple[str, int]]]:
        from .render.verify import page_starts

        attachments = (
            [_source(volume, part, options) for part in volume.parts] if kind.attaches_source else []
        )
        html = _page(head, _FRONT_CSS, _front(volume, starts))
        data, document = _write_pdf(
            html, base, options, title=volume.title, lang=volume.language, attachments=attachments
        )
        return data, len(document.pages), _own(page_starts(document), "contents")

    def back(starts: tuple[int, ...]) -> tuple[bytes, int, dict[int, tuple[str, int]]] | None:
        """The index, laid out alone with the documents' pages as text (None: there is none)."""
        from .render.verify import page_starts

        section = _index(volume, starts)
        if not section:
            return None
        html = _page(head, _FRONT_CSS, section)
        data, document = _write_pdf(
            html, base, options, title=volume.title, lang=volume.language, attachments=[]
        )
        return data, len(document.pages), _own(page_starts(document), "index")

    try:
        with _Runner(jobs, executor) as runner:
            futures = [runner.submit(job) for job in work]
            # The front matter's length hardly depends on the numbers it gives (they stand in the
            # contents' right margin) but they depend on its length: laid out with stand-ins
            # while the documents are, then with the numbers, until the length is the one they
            # were counted from.
            _, front_pages, _ = front((999,) * len(work))
            laid = runner.results(futures, progress)
            index_head = catalogue(volume.language)("Index of documents by number")
            # Then the furniture (in a worker) and the front matter with its numbers (here, with
            # the sources it attaches) at once; again if the numbers changed the front's length.
            for _ in range(3):
                starts = _starts(front_pages, [p.pages for p in laid])
                index = back(starts)
                counts = [front_pages] + [p.pages for p in laid] + ([index[1]] if index else [])
                heads = [""] + [p.head for p in laid] + ([index_head] if index else [])
                furniture_html, blanks = _furniture(head, kind.bleed_mm is not None, counts, heads)
                drawn = runner.call(
                    lay_out_furniture, furniture_html, base, options, volume.title, volume.language
                )
                front_data, again, front_starts = front(starts)
                furniture = runner.value(drawn)
                if again == front_pages:
                    break
                front_pages = again
            else:  # pragma: no cover - a contents whose numbers lengthen it, then shorten it again
                raise RenderError(f"the contents of {display_path(volume.path)} do not settle on a length")
    except RenderError:
        raise
    except Exception as exc:  # a render failure, named
        raise RenderError(f"WeasyPrint failed on the volume {display_path(volume.path)}: {exc}") from exc
    joined = [Piece(front_data, front_pages % 2, None)]
    pages = dict(front_starts)  # where each of the volume's pages begins, for the EPUB's page list
    for k, (piece, opening) in enumerate(zip(laid, openings, strict=True), 1):
        nested = volume.parts[k - 1].group is not None and not opening
        pad = piece.pages % 2 if k < len(laid) or index else 0
        joined.append(Piece(piece.data, pad, "under-last" if nested else None))
        pages.update({starts[k - 1] + p - 1: at for p, at in piece.page_starts.items()})
    if index:
        # The index's links stand in for the documents' destinations: they must not replace them.
        joined.append(Piece(index[0], 0, None, own_destinations=False))
        after = starts[-1] + laid[-1].pages + laid[-1].pages % 2
        pages.update({after + p - 1: at for p, at in index[2].items()})
    data, total = assemble(joined, furniture, blanks)
    return VolumePdf(data, total, starts, pages)


def _own(starts: dict[int, tuple[str, int]], prefix: str) -> dict[int, tuple[str, int]]:
    """A front or back piece's page starts, its links' stand-in targets (`v3-title`) given back
    the ids of their entries (`contents-3`, `index-3`), as the one-pass layout has them."""
    out = {}
    for page, (block, offset) in starts.items():
        m = re.fullmatch(r"v(\d+)-title", block)
        out[page] = (f"{prefix}-{m.group(1)}", offset) if m else (block, offset)
    return out


def lay_out_furniture(html: str, base: str, options: RenderOptions, title: str, lang: str) -> bytes:
    """The furniture's pages (untagged: they are drawn over the volume's pages as artifacts)."""
    return _write_pdf(html, base, options, title=title, lang=lang, attachments=[], tags=False)[0]


class _Runner:
    """Runs the documents' layouts: here, one at a time when asked for its result; in `jobs`
    worker processes; or by `executor` (a `concurrent.futures.Executor`: a cluster's)."""

    def __init__(self, jobs: int, executor: Any) -> None:
        import concurrent.futures as cf

        self.own: cf.Executor | None = None
        self.executor = executor
        if executor is None and jobs > 1:
            import multiprocessing
            import os

            from .render.workers import _preload

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork") if "fork" in methods else None
            self.own = self.executor = cf.ProcessPoolExecutor(
                max_workers=jobs, mp_context=context, initializer=_preload, initargs=(os.getpid(),)
            )

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.own is not None:
            self.own.shutdown(wait=True, cancel_futures=True)

    def submit(self, job: PartJob) -> Any:
        return job if self.executor is None else self.executor.submit(lay_out_part, job)

    def call(self, function: Any, *args: Any) -> Any:
        """`function(*args)`, run by the executor (a future), or here when its value is asked."""
        if self.executor is None:
            return (function, args)
        return self.executor.submit(function, *args)

    def value(self, called: Any) -> Any:
        if self.executor is None:
            function, args = called
            return function(*args)
        return called.result()

    def results(self, futures: list[Any], progress: Any) -> list[LaidPart]:
        import concurrent.futures as cf

        if self.executor is None:
            out = []
            for job in futures:
                out.append(lay_out_part(job))
                if progress is not None:
                    progress.advance(out[-1].pages)
            return out
        for future in cf.as_completed(futures):
            if progress is not None:
                progress.advance(future.result().pages)
        return [future.result() for future in futures]


def _starts(front: int, counts: list[int]) -> tuple[int, ...]:
    """Each document's first page: after the front matter and the documents before it, each
    padded to an even count (a document starts on a right-hand page)."""
    starts, page = [], front + front % 2 + 1
    for count in counts:
        starts.append(page)
        page += count + count % 2
    return tuple(starts)


def _furniture(head: str, bleed: bool, counts: list[int], heads: list[str]) -> tuple[str, set[int]]:
    """The furniture's HTML: a page for each of the volume's, and the 0-based indices of the blank
    ones. The front's first page (the title page) and each document's first page have no running
    head; the title page is followed by a blank page, and so is a piece of an odd page count."""
    sheets: list[str] = []
    blanks: set[int] = set()

    def sheet(kind: str, text: str = "") -> None:
        if kind == "blank":
            blanks.add(len(sheets))
        sheets.append(f'<div class="furniture furniture-{kind}" data-head="{escape(text)}"></div>')

    for n, (count, text) in enumerate(zip(counts, heads, strict=True)):
        for i in range(count):
            if i == 0:
                sheet("first", "")
            elif n == 0 and i == 1:
                sheet("blank")  # the title page's verso (in the front matter's own layout)
            else:
                sheet("body", text)
        if count % 2 and n < len(counts) - 1:  # the last piece ends the volume: no blank after it
            sheet("blank")
    css = _FURNITURE_CSS.replace("{marks}", "marks: crop;" if bleed else "")
    return _page(head, css, "\n".join(sheets)), blanks


def _source(volume: Volume, part: Part, options: RenderOptions) -> Any:
    """A document's YAML source as an associated file of the archival volume (AFRelationship
    /Source), named by its path from the volume's folder, dated like the build."""
    import base64

    import weasyprint

    from .render.pdf import _Refuser

    stamp = options.timestamp.replace(tzinfo=None)
    try:
        name = part.source.relative_to(volume.path.parent.resolve()).as_posix()
    except ValueError:
        name = part.source.name
    return weasyprint.Attachment(
        url=f"data:{SOURCE_MIME};base64," + base64.b64encode(read_source(part.source)).decode("ascii"),
        url_fetcher=_Refuser(data=True),
        name=name,
        description=f"clausepress source of {part.document.title}",
        created=stamp,
        modified=stamp,
        relationship="Source",
    )


def build_volume(
    path: str | Path,
    out_dir: str | Path = "output",
    options: RenderOptions | None = None,
    *,
    jobs: int = 1,
    progress: Any = None,
    executor: Any = None,
) -> tuple[Path, VolumePdf]:
    """Load the volume at `path`, lay it out in the variant `options` asks for (screen by default),
    each document alone (`lay_out_in_parts`: in `jobs` worker processes, or by `executor`), and
    write `<out_dir>/<volume name>.pdf` (`.print.pdf`, `.archival.pdf`). The bytes are the same
    whatever `jobs`. `progress` (progress.py) hears of each document laid out."""
    options = options or RenderOptions()
    volume = load_volume(path)
    if progress is not None:
        progress.start(len(volume.parts))
    laid = lay_out_in_parts(volume, options, jobs=jobs, progress=progress, executor=executor)
    out = Path(out_dir) / variant(options.variant).file_name(Path(path).stem)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, laid.data)
    except OSError as exc:
        raise cannot_write(out, exc) from None
    return out, laid
