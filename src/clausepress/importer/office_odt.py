"""An OpenDocument text (ODT) read into blocks and notes (see office.py).

What it reads: `content.xml`'s `office:text` in order: paragraphs (`text:p`), headings
(`text:h` by its outline level; a paragraph in the "Title" style), lists (`text:list`, their
items labelled as the word processor prints them: the list style's `text:list-level-style-number`
for the item's depth, its `style:num-format`, `style:num-prefix`, `style:num-suffix`,
`text:start-value` and `text:display-levels`; an item's own `text:start-value`; a list that
continues another by `text:continue-numbering` or `text:continue-list`), sections, tables (kept
as text, with a repair), spans with their italic and bold (`fo:font-style`, `fo:font-weight`
of the span's, the paragraph's and their parents' styles, in `content.xml` and `styles.xml`),
links (`text:a`; one to a place the document does not hold is a link whose target is lost),
and notes (`text:note`, footnotes and endnotes in one sequence, in the order of their calls).

Tracked changes (`text:tracked-changes` holding a changed region, `text:change*` marks) are
refused; comments (`office:annotation`) are left out, each reported with its author and words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import Origin, SourceError
from .office import Block, Notes, Package, Piece, formatted
from .repair import Repair

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XLINK = "http://www.w3.org/1999/xlink"
DC = "http://purl.org/dc/elements/1.1/"
XML = "http://www.w3.org/XML/1998/namespace"
CONTENT = "content.xml"

_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "": "none",
}


def _t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


@dataclass
class _Style:
    parent: str = ""
    italic: bool | None = None
    bold: bool | None = None
    list_style: str = ""
    display: str = ""


@dataclass
class _ListLevel:
    bullet: bool = False
    fmt: str = "decimal"
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    display: int = 1


@dataclass
class _Counter:
    style: str
    counts: dict[int, int] = field(default_factory=dict)


def _styles(roots: list[etree._Element]) -> tuple[dict[str, _Style], dict[str, dict[int, _ListLevel]]]:
    styles: dict[str, _Style] = {}
    lists: dict[str, dict[int, _ListLevel]] = {}
    for root in roots:
        for style in root.iter(f"{{{STYLE}}}style"):
            props = style.find(f"{{{STYLE}}}text-properties")
            found = _Style(
                parent=style.get(f"{{{STYLE}}}parent-style-name", ""),
                list_style=style.get(f"{{{STYLE}}}list-style-name", ""),
                display=(style.get(f"{{{STYLE}}}display-name") or style.get(f"{{{STYLE}}}name", "")).lower(),
            )
            if props is not None:
                posture = props.get(f"{{{FO}}}font-style")
                weight = props.get(f"{{{FO}}}font-weight")
                if posture is not None:
                    found.italic = posture in ("italic", "oblique")
                if weight is not None:
                    found.bold = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
            styles[style.get(f"{{{STYLE}}}name", "")] = found
        for list_style in root.iter(_t("list-style")):
            levels: dict[int, _ListLevel] = {}
            for level in list_style:
                if not isinstance(level.tag, str):
                    continue
                local = etree.QName(level).localname
                try:
                    depth = int(level.get(_t("level"), "1"))
                    start = int(level.get(_t("start-value"), "1"))
                    display = int(level.get(_t("display-levels"), "1"))
                except ValueError:
                    continue
                if local == "list-level-style-bullet":
                    levels[depth] = _ListLevel(bullet=True)
                elif local == "list-level-style-number":
                    levels[depth] = _ListLevel(
                        fmt=_FORMATS.get(level.get(f"{{{STYLE}}}num-format", "1"), "decimal"),
                        prefix=level.get(f"{{{STYLE}}}num-prefix", ""),
                        suffix=level.get(f"{{{STYLE}}}num-suffix", ""),
                        start=start,
                        display=max(display, 1),
                    )
                else:
                    levels[depth] = _ListLevel(fmt="none")
            lists[list_style.get(f"{{{STYLE}}}name", "")] = levels
    return styles, lists


class _Reader:
    def __init__(self, package: Package, root: etree._Element, styles_root: etree._Element | None) -> None:
        self.package = package
        self.repairs: list[Repair] = []
        self.notes = Notes()
        roots = [root] if styles_root is None else [styles_root, root]
        self.styles, self.lists = _styles(roots)
        self.counter = 0
        self.bookmarks = {b.get(_t("name"), "") for b in root.iter(_t("bookmark"), _t("bookmark-start"))} | {
            h.get(f"{{{XML}}}id", "") for h in root.iter(_t("h"))
        }
        self.counters: list[_Counter] = []
        self.by_id: dict[str, _Counter] = {}
        self.in_note = False

    def prop(self, style: str, name: str) -> bool | None:
        seen = set()
        while style and style in self.styles and style not in seen:
            seen.add(style)
            value: bool | None = getattr(self.styles[style], name)
            if value is not None:
                return value
            style = self.styles[style].parent
        return None

    def refuse_changes(self, root: etree._Element) -> None:
        tracked = next(root.iter(_t("changed-region")), None)
        mark = next(root.iter(_t("change"), _t("change-start"), _t("change-end")), None)
        if tracked is not None or mark is not None:
            author = next((c.text for c in root.iter(f"{{{DC}}}creator") if c.text), "")
            raise SourceError(
                f"the document has tracked changes{f' (by {author})' if author and tracked is not None else ''} "
                f"in {CONTENT}: accept or reject them in the word processor, then import it",
                Origin(self.package.name, 1, 1),
            )

    # --- blocks ---

    def blocks(self, parent: Iterable[etree._Element], out: list[Block]) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            q = etree.QName(child)
            if q.namespace == TEXT and q.localname in ("p", "h"):
                out.append(self.paragraph(child))
            elif q.namespace == TEXT and q.localname == "list":
                self.read_list(child, out, 1, None, "")
            elif q.namespace == TEXT and q.localname in ("section", "index-body", "table-of-content",
                                                          "alphabetical-index", "illustration-index"):  # fmt: skip
                self.blocks(child, out)
            elif q.namespace == TABLE and q.localname == "table":
                first = len(out)
                rows = [
                    r for r in child.iter(f"{{{TABLE}}}table-row")
                    if next(r.iterancestors(f"{{{TABLE}}}table")) is child
                ]  # fmt: skip
                for cell in child.iter(f"{{{TABLE}}}table-cell"):
                    if next(cell.iterancestors(f"{{{TABLE}}}table")) is child:  # a nested table: its own
                        self.blocks(cell, out)
                number = out[first].number if first < len(out) else self.counter
                self.repairs.append(
                    Repair(number, 1, "table",
                           f"a table of {len(rows)} row{'s' if len(rows) != 1 else ''} (from paragraph {number} of {CONTENT}) is kept as text: "
                           "each cell a paragraph, row by row; the model has no tables")
                )  # fmt: skip

    def read_list(
        self, element: etree._Element, out: list[Block], depth: int, counter: _Counter | None, style: str
    ) -> None:
        style = element.get(_t("style-name"), "") or style
        if counter is None:
            continued = element.get(_t("continue-list"), "")
            if continued and continued in self.by_id:
                counter = self.by_id[continued]
            elif element.get(_t("continue-numbering"), "") == "true" and self.counters:
                counter = next((c for c in reversed(self.counters) if c.style == style), self.counters[-1])
            else:
                counter = _Counter(style)
                self.counters.append(counter)
            if element.get(f"{{{XML}}}id"):
                self.by_id[element.get(f"{{{XML}}}id", "")] = counter
        for item in element:
            if not isinstance(item.tag, str):
                continue
            local = etree.QName(item).localname
            if local not in ("list-item", "list-header"):
                continue
            labelled = local == "list-item"
            start = item.get(_t("start-value"))
            for child in item:
                if not isinstance(child.tag, str):
                    continue
                q = etree.QName(child)
                if q.namespace == TEXT and q.localname in ("p", "h"):
                    block = self.paragraph(child)
                    if labelled:
                        self.label(block, counter, style or self.list_style_of(child), depth, start)
                        labelled = False
                    out.append(block)
                elif q.namespace == TEXT and q.localname == "list":
                    self.read_list(child, out, depth + 1, counter, style)
                else:
                    self.blocks([child], out)

    def list_style_of(self, paragraph: etree._Element) -> str:
        style = paragraph.get(_t("style-name"), "")
        seen = set()
        while style and style in self.styles and style not in seen:
            seen.add(style)
            if self.styles[style].list_style:
                return self.styles[style].list_style
            style = self.styles[style].parent
        return ""

    def label(self, block: Block, counter: _Counter, style: str, depth: int, start: str | None) -> None:
        levels = self.lists.get(style, {})
        level = levels.get(depth, _ListLevel())
        counts = counter.counts
        if start is not None and start.isdigit():
            counts[depth] = int(start) - 1
        counts[depth] = counts.get(depth, level.start - 1) + 1
        for deeper in [k for k in counts if k > depth]:
            del counts[deeper]
        block.level = depth - 1
        if level.bullet:
            block.bullet = True
            return
        if level.fmt == "none":
            return
        shown = []
        for d in range(max(1, depth - level.display + 1), depth + 1):
            lv = levels.get(d, _ListLevel())
            shown.append(formatted(counts.get(d, lv.start), lv.fmt))
        block.label = f"{level.prefix}{'.'.join(shown)}{level.suffix}".strip()

    def paragraph(self, p: etree._Element) -> Block:
        number = self.counter + 1
        self.counter += sum(1 for _ in p.iter(_t("p"), _t("h")))  # a note's paragraphs count after it
        style = p.get(_t("style-name"), "")
        pieces: list[Piece] = []
        self.inline(
            p, pieces, self.prop(style, "italic") or False, self.prop(style, "bold") or False, None, number
        )
        heading = 0
        if etree.QName(p).localname == "h":
            level = p.get(_t("outline-level"), "1")
            heading = int(level) if level.isdigit() and 0 < int(level) <= 6 else 1
        elif self.is_title(style):
            heading = 1
        if heading:  # a heading's style sets it bold or italic: no emphasis of its words
            pieces = [Piece(x.text, False, False, x.href, x.call) for x in pieces]
        return Block(pieces, number, heading=heading)

    def is_title(self, style: str) -> bool:
        seen = set()
        while style and style in self.styles and style not in seen:
            seen.add(style)
            if self.styles[style].display in ("title",):
                return True
            style = self.styles[style].parent
        return False

    # --- inline ---

    def inline(
        self,
        parent: etree._Element,
        out: list[Piece],
        italic: bool,
        bold: bool,
        href: str | None,
        number: int,
    ) -> None:
        if parent.text:
            out.append(Piece(parent.text, italic, bold, href))
        for child in parent:
            if isinstance(child.tag, str):
                self.element(child, out, italic, bold, href, number)
            if child.tail:
                out.append(Piece(child.tail, italic, bold, href))

    def element(
        self, child: etree._Element, out: list[Piece], italic: bool, bold: bool, href: str | None, number: int
    ) -> None:
        q = etree.QName(child)
        if q.namespace == TEXT:
            name = q.localname
            if name == "span":
                style = child.get(_t("style-name"), "")
                i, b = self.prop(style, "italic"), self.prop(style, "bold")
                self.inline(child, out, italic if i is None else i, bold if b is None else b, href, number)
            elif name == "a":
                self.inline(child, out, italic, bold, self.link(child.get(f"{{{XLINK}}}href", "")), number)
            elif name == "s" or name in ("tab", "line-break"):
                out.append(Piece(" ", italic, bold, href))
            elif name == "note":
                out.append(Piece(call=self.note(child)))
            elif name in ("note-citation", "soft-page-break", "bookmark", "bookmark-start", "bookmark-end",
                          "reference-mark", "reference-mark-start", "reference-mark-end", "toc-mark",
                          "alphabetical-index-mark", "sequence-decls"):  # fmt: skip
                return
            else:  # a field (a page number, a cross-reference, a date): its printed text
                self.inline(child, out, italic, bold, href, number)
        elif q.namespace == OFFICE and q.localname == "annotation":
            author = next((c.text for c in child.iter(f"{{{DC}}}creator") if c.text), "")
            words = " ".join(" ".join(t for t in child.itertext() if t).split())
            if author and words.startswith(author):
                words = words[len(author) :].strip()
            self.repairs.append(
                Repair(number, 1, "comment",
                       f"left out a comment{f' by {author}' if author else ''} on paragraph {number} of {CONTENT}"
                       f"{f': {words!r}' if words else ''} (a comment is no part of the text)")
            )  # fmt: skip
        elif q.namespace == DRAW:
            boxes = list(child.iter(f"{{{DRAW}}}text-box"))
            for box in boxes:
                for p in box.iter(_t("p"), _t("h")):
                    out.append(Piece(" "))
                    self.inline(p, out, italic, bold, href, number)
            if not boxes and q.localname in ("frame", "image", "object"):
                self.repairs.append(
                    Repair(
                        number,
                        1,
                        "picture",
                        f"left out a picture or object in paragraph {number} of {CONTENT}",
                    )
                )

    def link(self, target: str) -> str:
        target = target.strip()
        if not target or target == "#":
            return "#"
        if target.startswith("#"):
            name = target[1:].split("|")[0]
            return "" if name in self.bookmarks else "#"  # "": a place in the document, no source
        return target

    def note(self, element: etree._Element) -> int:
        pieces: list[Piece] = []
        number = self.notes.add(pieces)
        body = element.find(_t("note-body"))
        if body is not None:
            for i, p in enumerate(body.iter(_t("p"), _t("h"))):
                if i:
                    pieces.append(Piece(" "))
                style = p.get(_t("style-name"), "")
                self.inline(
                    p,
                    pieces,
                    self.prop(style, "italic") or False,
                    self.prop(style, "bold") or False,
                    None,
                    self.counter,
                )
        while pieces and not pieces[0].call and not pieces[0].text.strip():
            pieces.pop(0)
        if pieces and not pieces[0].call:
            pieces[0] = Piece(pieces[0].text.lstrip(), pieces[0].italic, pieces[0].bold, pieces[0].href)
        return number


def read_package(package: Package) -> tuple[list[Block], Notes, str, list[Repair]]:
    """The document's blocks, its notes, the language it declares, the repairs."""
    if not package.has(CONTENT):
        raise package.error(f"the ODT package has no {CONTENT}")
    root = package.xml(CONTENT)
    if etree.QName(root).localname != "document-content" or etree.QName(root).namespace != OFFICE:
        raise package.error(
            f"{CONTENT} is no OpenDocument content (its root is <{etree.QName(root).localname}>)"
        )
    styles_root = package.xml("styles.xml") if package.has("styles.xml") else None
    reader = _Reader(package, root, styles_root)
    reader.refuse_changes(root)
    text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    blocks: list[Block] = []
    if text is not None:
        reader.blocks(text, blocks)
    # "" marks a link to a place in the document: its words stay as text.
    for block in blocks:
        block.pieces = [
            Piece(p.text, p.italic, p.bold, None if p.href == "" else p.href, p.call) for p in block.pieces
        ]
    for number, pieces in reader.notes.texts.items():
        reader.notes.texts[number] = [
            Piece(p.text, p.italic, p.bold, None if p.href == "" else p.href, p.call) for p in pieces
        ]
    return blocks, reader.notes, _language(package, styles_root), reader.repairs


def _language(package: Package, styles_root: etree._Element | None) -> str:
    if package.has("meta.xml"):
        found = next((e.text for e in package.xml("meta.xml").iter(f"{{{DC}}}language") if e.text), None)
        if found:
            return str(found)
    if styles_root is not None:
        for default in styles_root.iter(f"{{{STYLE}}}default-style"):
            if default.get(f"{{{STYLE}}}family") != "paragraph":
                continue
            props = default.find(f"{{{STYLE}}}text-properties")
            if props is not None and props.get(f"{{{FO}}}language") not in (None, "none", "zxx"):
                country = props.get(f"{{{FO}}}country")
                lang = str(props.get(f"{{{FO}}}language", ""))
                return f"{lang}-{country}" if country and country != "none" else lang
    return ""
