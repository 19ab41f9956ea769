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

This is the first step of the volume (issue 17): the one-process layout, every document's page
laid out by WeasyPrint in one pass over one HTML (the reference that a laid-out-in-parts volume
must match): a title page, a contents list with each document's number, title and page (dot
leaders, links), each document starting on a right-hand page, running heads with the document's
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
    "MAX_DOCUMENTS", "Part", "index_order", "without_number", "Volume", "VolumePdf", "build_volume", "is_volume", "load_volume", "volume_html",
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
  .volume-index { break-before: right; }
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


def volume_html(volume: Volume, options: RenderOptions | None = None) -> str:
    """The whole volume as one HTML page, laid out in one pass."""
    options = options or RenderOptions()
    words = catalogue(volume.language)
    bodies: list[str] = []
    style = ""
    contents: list[str] = []
    group: str | None = None
    for k, part in enumerate(volume.parts, 1):
        prefix = f"v{k}-"
        inner, css = _prefixed(render_html(part.document, options, target="html"), prefix)
        style = style or css
        short = part.document.short_title
        head = f"{part.number} {short}" if part.number else short
        inner = inner.replace(f'data-short-title="{escape(short)}"', f'data-short-title="{escape(head)}"', 1)
        opening = ""  # a group's heading opens its first document's first page
        if part.group != group:
            group = part.group
            if group is not None:
                opening = f'<h1 class="volume-group-heading" id="group-{k}">{escape(group)}</h1>'
                contents.append(f'</ol><h3 class="contents-group">{escape(group)}</h3><ol>')
        grouped = " grouped" if part.group is not None else ""
        lang = part.document.language
        bodies.append(
            f'<article class="volume-document{grouped}" id="v{k}" lang="{escape(lang)}" dir="{part.document.direction}">{opening}{inner}</article>'
        )
        number = f'<span class="contents-number">{escape(part.number)}</span> ' if part.number else ""
        # The number stands outside the link: WeasyPrint 70 tags no annotation but the first of a
        # link with an element inside it (veraPDF: "Links shall be tagged", PDF/UA-1 7.18.5).
        contents.append(
            f'<li id="contents-{k}">{number}<a href="#{prefix}title">{escape(part.document.title)}</a></li>'
        )
    # Each document's pages are a page group of their own: its first page has no running head.
    pages = "".join(
        f"#v{k} {{ page: v{k}; }} @page :nth(1 of v{k}) {{ @top-center {{ content: none; }} }}\n"
        for k in range(1, len(volume.parts) + 1)
    )
    rules = pages + _VOLUME_CSS.replace("{preamble}", _css_string(words("Preamble"))).replace(
        "{operative}", _css_string(words("Operative part"))
    )
    numbered = sorted(
        ((part.index_number, k, part) for k, part in enumerate(volume.parts, 1) if part.index_number),
        key=lambda x: (index_order(x[0]), x[1]),
    )
    index = (
        [
            f'<section class="volume-index" id="index"><h2 id="index-title">{escape(words("Index of documents by number"))}</h2><ol>',
            *(
                f'<li id="index-{k}"><span class="index-number">{escape(number)}</span> <a href="#v{k}-title">'
                f"{escape(without_number(part.document.short_title, number))}</a></li>"
                for number, k, part in numbered
            ),
            "</ol></section>",
        ]
        if numbered
        else []
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
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(volume.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(volume.title)}</title>\n<style>{style}{rules}</style>\n</head>\n<body>\n"
        + "\n".join(x for x in front if x).replace("<ol></ol>", "")
        + "\n"
        + "\n".join(bodies)
        + "\n"
        + "".join(index)
        + "\n</body>\n</html>\n"
    )


def lay_out_volume(volume: Volume, options: RenderOptions | None = None) -> VolumePdf:
    """The volume's PDF, laid out in one WeasyPrint pass over `volume_html`."""
    from .render.libraries import import_weasyprint

    import_weasyprint()
    import weasyprint

    from .render.pdf import _font_config, _Refuser
    from .render.verify import page_starts

    options = options or RenderOptions()
    kind = variant(options.variant)
    html = volume_html(volume, options)
    logger = logging.getLogger("weasyprint")
    level = logger.level
    try:
        document = weasyprint.HTML(
            string=html, base_url=str(volume.path.parent), url_fetcher=_Refuser()
        ).render(font_config=_font_config())
        document.metadata.title = volume.title
        document.metadata.lang = volume.language
        identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
        attachments = (
            [_source(volume, part, options) for part in volume.parts] if kind.attaches_source else []
        )
        data = document.write_pdf(
            pdf_identifier=identifier,
            pdf_variant=PDFX if kind.name == "print" and options.pdfx else kind.weasyprint,
            pdf_tags=True,
            attachments=attachments,
            uncompressed_pdf=False,
        )
    except Exception as exc:  # a render failure, named
        raise RenderError(f"WeasyPrint failed on the volume {display_path(volume.path)}: {exc}") from exc
    finally:
        logger.setLevel(level)
    starts = []
    for k in range(1, len(volume.parts) + 1):
        anchor = f"v{k}"
        starts.append(next(i for i, page in enumerate(document.pages, 1) if anchor in page.anchors))
    return VolumePdf(data, len(document.pages), tuple(starts), page_starts(document))


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
    path: str | Path, out_dir: str | Path = "output", options: RenderOptions | None = None
) -> tuple[Path, VolumePdf]:
    """Load the volume at `path`, lay it out in the variant `options` asks for (screen by default)
    and write `<out_dir>/<volume name>.pdf` (`.print.pdf`, `.archival.pdf`)."""
    options = options or RenderOptions()
    volume = load_volume(path)
    laid = lay_out_volume(volume, options)
    out = Path(out_dir) / variant(options.variant).file_name(Path(path).stem)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, laid.data)
    except OSError as exc:
        raise cannot_write(out, exc) from None
    return out, laid
