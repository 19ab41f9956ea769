"""A Word (DOCX, Office Open XML) document read into blocks and notes (see office.py).

What it reads: the paragraphs of `word/document.xml` in order (those of tables too, kept as
text with a repair; content controls and custom XML by their content), each paragraph's
style (a heading by its outline level or its "heading N" / "Title" style), its numbering
(`w:numPr`, in the paragraph or its style, resolved through `word/numbering.xml`: `w:num`,
its `w:lvlOverride`s, `w:abstractNum` and the level's `w:numFmt`, `w:lvlText` and `w:start`,
counted as Word counts), its runs with their italic and bold (direct, or from the run's and
the paragraph's styles), hyperlinks (an external relationship's target is the address and is
never opened; a link to a bookmark the document does not hold is a link whose target is lost),
HYPERLINK fields, and footnote and endnote references (`word/footnotes.xml`, `word/endnotes.xml`;
the separator notes skipped), in one sequence of notes in the order of their calls.

Tracked changes (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`) are refused: which text is
the document's is not settled until they are accepted or rejected. Comments are left out,
each reported with its author and words. A field's code is dropped (its printed result
kept), with a repair; so is a picture.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

from ..errors import Origin, SourceError
from .office import Block, Notes, Package, Piece, formatted
from .repair import Repair

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_W = f"{{{W}}}"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DOCUMENT = "word/document.xml"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def main_part(package: Package) -> str:
    """The document's main part, as the package's own relationships name it (word/document.xml
    as a rule; some writers name it otherwise)."""
    if package.has("_rels/.rels"):
        for rel in package.xml("_rels/.rels").iter(f"{{{PKG}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode", "") != "External":
                member = str(posixpath.normpath(str(rel.get("Target", "")).lstrip("/")))
                if package.has(member):
                    return member
    if not package.has(DOCUMENT):
        raise package.error(f"the DOCX package has no main document part ({DOCUMENT})")
    return DOCUMENT


_OFF = {"0", "false", "off", "none"}


def _on(element: etree._Element | None) -> bool | None:
    """A toggle property (w:i, w:b): True, False, or None when absent."""
    if element is None:
        return None
    return element.get(f"{_W}val", "true").lower() not in _OFF


def _chosen(alternate: etree._Element) -> etree._Element | None:
    """What a reader of this format takes of an `mc:AlternateContent`: its first `mc:Choice` (Word
    writes a text box as DrawingML there and again as VML in `mc:Fallback`: the words once)."""
    for tag in ("Choice", "Fallback"):
        found = alternate.find(f"{{{MC}}}{tag}")
        if found is not None:
            return found
    return None


def _val(element: etree._Element | None, default: str = "") -> str:
    return default if element is None else element.get(f"{_W}val", default)


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    italic: bool | None = None
    bold: bool | None = None
    outline: int | None = None
    num_id: str = ""
    ilvl: int | None = None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False


@dataclass
class _Numbering:
    """numbering.xml: each w:num's abstract numbering and overrides, and the counters as Word keeps them."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        if num_id not in self.nums:
            return None
        abstract_id, overrides, _starts = self.nums[num_id]
        return overrides.get(ilvl) or self.abstract.get(abstract_id, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The label the next paragraph of (num_id, ilvl) prints, counted; (label, is a bullet)."""
        level = self.level(num_id, ilvl)
        if level is None:
            return None
        abstract_id, _overrides, starts = self.nums[num_id]
        # Lists of one abstract numbering count on together, unless a w:num restarts its own.
        key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
        counts = self.counters.setdefault(key, {})
        if key not in self.started and starts:
            self.started.add(key)
            for lvl, start in starts.items():
                counts[lvl] = start - 1
        first = self.level(num_id, ilvl)
        counts[ilvl] = counts.get(ilvl, (first.start if first else 1) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level.fmt == "bullet":
            return "", True

        def number(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            lvl = self.level(num_id, at)
            value = counts.get(at, lvl.start if lvl else 1)
            style = "decimal" if level.legal and at < ilvl else (lvl.fmt if lvl else "decimal")
            return formatted(value, style)

        return re.sub(r"%([1-9])", number, level.text).strip(), False


def _levels(parent: etree._Element) -> dict[int, _Level]:
    out = {}
    for lvl in parent.iter(f"{_W}lvl"):
        try:
            ilvl = int(lvl.get(f"{_W}ilvl", "0"))
            start = int(_val(lvl.find(f"{_W}start"), "1"))
        except ValueError:
            continue
        out[ilvl] = _Level(
            fmt=_val(lvl.find(f"{_W}numFmt"), "decimal"),
            text=_val(lvl.find(f"{_W}lvlText"), f"%{ilvl + 1}."),
            start=start,
            legal=bool(_on(lvl.find(f"{_W}isLgl"))),
        )
    return out


def _numbering(root: etree._Element | None) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    for abstract in root.iter(f"{_W}abstractNum"):
        numbering.abstract[abstract.get(f"{_W}abstractNumId", "")] = _levels(abstract)
    for num in root.iter(f"{_W}num"):
        overrides: dict[int, _Level] = {}
        starts: dict[int, int] = {}
        for override in num.iter(f"{_W}lvlOverride"):
            try:
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    starts[ilvl] = int(_val(start, "1"))
            except ValueError:
                continue
            overrides.update(_levels(override))
        numbering.nums[num.get(f"{_W}numId", "")] = (_val(num.find(f"{_W}abstractNumId")), overrides, starts)
    return numbering


def _styles(root: etree._Element | None) -> tuple[dict[str, _Style], str]:
    """The styles by id, and the language the document's defaults declare."""
    styles: dict[str, _Style] = {}
    language = ""
    if root is None:
        return styles, language
    defaults = root.find(f"{_W}docDefaults")
    if defaults is not None:
        lang = defaults.find(f".//{_W}lang")
        language = _val(lang)
    for style in root.iter(f"{_W}style"):
        rpr = style.find(f"{_W}rPr")
        ppr = style.find(f"{_W}pPr")
        outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
        num = ppr.find(f"{_W}numPr") if ppr is not None else None
        found = _Style(
            name=_val(style.find(f"{_W}name")).lower(),
            based_on=_val(style.find(f"{_W}basedOn")),
            italic=_on(rpr.find(f"{_W}i")) if rpr is not None else None,
            bold=_on(rpr.find(f"{_W}b")) if rpr is not None else None,
        )
        if outline is not None and _val(outline).isdigit():
            found.outline = int(_val(outline))
        if num is not None:
            found.num_id = _val(num.find(f"{_W}numId"))
            ilvl = _val(num.find(f"{_W}ilvl"))
            found.ilvl = int(ilvl) if ilvl.isdigit() else None
        styles[style.get(f"{_W}styleId", "")] = found
    return styles, language


def _relationships(package: Package, member: str) -> dict[str, tuple[str, str, bool]]:
    """A part's relationships: id -> (type's last word, target, external). Nothing is opened."""
    rels = posixpath.join(posixpath.dirname(member), "_rels", posixpath.basename(member) + ".rels")
    if not package.has(rels):
        return {}
    out = {}
    for rel in package.xml(rels).iter(f"{{{PKG}}}Relationship"):
        external = rel.get("TargetMode", "") == "External"
        target = rel.get("Target", "")
        if not external:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(member), target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target, external)
    return out


def _expanded(run: etree._Element) -> list[etree._Element]:
    """A run's children, those of an `mc:AlternateContent` as the run's own (its choice)."""
    out: list[etree._Element] = []
    for child in run:
        if not isinstance(child.tag, str):
            continue
        if etree.QName(child).localname == "AlternateContent":
            chosen = _chosen(child)
            out += _expanded(chosen) if chosen is not None else []
        else:
            out.append(child)
    return out


_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))(?:.*?\\l\s+"([^"]*)")?', re.S)


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.repairs: list[Repair] = []
        self.notes = Notes()
        self.styles: dict[str, _Style] = {}
        self.bookmarks: set[str] = set()
        self.comments: dict[str, tuple[str, str]] = {}
        self.note_bodies: dict[tuple[str, str], etree._Element] = {}
        self.note_members: dict[str, str] = {}
        self.numbering = _Numbering()
        self.reported_comments: set[str] = set()
        self.hidden: set[int] = set()
        self.numbered: dict[etree._Element, dict[etree._Element, int]] = {}
        self.called: set[tuple[str, str]] = set()
        self.note_rels: dict[str, dict[str, tuple[str, str, bool]]] = {}

    # --- the package's parts ---

    def part(self, rels: dict[str, tuple[str, str, bool]], kind: str, default: str) -> etree._Element | None:
        member = next((t for k, t, ext in rels.values() if k == kind and not ext), default)
        return self.package.xml(member) if self.package.has(member) else None

    def refuse_changes(self, root: etree._Element, member: str) -> None:
        """SourceError for tracked changes of the words: which text is the document's is not settled."""
        what = {"ins": "an insertion", "del": "a deletion", "moveFrom": "a move", "moveTo": "a move"}
        changes = list(root.iter(*(f"{_W}{tag}" for tag in what)))
        if not changes:
            return
        first = changes[0]
        number = self.paragraph_number(root, first)
        author = first.get(f"{_W}author", "")
        raise SourceError(
            f"the document has tracked changes ({len(changes)}; the first, "
            f"{what[etree.QName(first).localname]}{f' by {author}' if author else ''}, in paragraph {number} of "
            f"{member}): accept or reject them in the word processor, then import it",
            Origin(self.package.name, number, 1),
        )

    def report_formatting_changes(self, root: etree._Element, member: str) -> None:
        tags = (
            "rPrChange",
            "pPrChange",
            "sectPrChange",
            "tblPrChange",
            "trPrChange",
            "tcPrChange",
            "numberingChange",
        )
        changes = [e for e in root.iter(*(f"{_W}{t}" for t in tags))]
        if changes:
            first = self.paragraph_number(root, changes[0])
            self.repairs.append(
                Repair(first, 1, "tracked-formatting",
                       f"{len(changes)} tracked change{'s' if len(changes) != 1 else ''} of formatting (the first in "
                       f"paragraph {first} of {member}) taken as the file shows them; the words are not changed")
            )  # fmt: skip

    def paragraph_number(self, root: etree._Element, element: etree._Element) -> int:
        """The number of the paragraph holding `element` in its member, in document order."""
        paragraph = element if element.tag == f"{_W}p" else next(element.iterancestors(f"{_W}p"), None)
        if paragraph is None:
            return 1
        if root not in self.numbered:
            self.numbered[root] = {p: n for n, p in enumerate(root.iter(f"{_W}p"), 1)}
        return self.numbered[root].get(paragraph, 1)

    # --- styles ---

    def style_chain(self, style_id: str) -> list[_Style]:
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain

    def styled(self, style_id: str, prop: str) -> bool | None:
        return next(
            (getattr(s, prop) for s in self.style_chain(style_id) if getattr(s, prop) is not None), None
        )

    def heading_level(self, style_id: str, ppr: etree._Element | None) -> int:
        outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
        if outline is not None and _val(outline).isdigit() and int(_val(outline)) < 9:
            return int(_val(outline)) + 1
        for style in self.style_chain(style_id):
            if style.name == "title":
                return 1
            m = re.fullmatch(r"heading (\d)", style.name)
            if m:
                return int(m.group(1))
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return 0

    # --- paragraphs ---

    def read(self) -> tuple[list[Block], str]:
        package = self.package
        self.document = main_part(package)
        rels = _relationships(package, self.document)
        self.rels = rels
        self.styles, language = _styles(self.part(rels, "styles", "word/styles.xml"))
        self.numbering = _numbering(self.part(rels, "numbering", "word/numbering.xml"))
        root = package.xml(self.document)
        if root.tag != f"{_W}document":
            strict = etree.QName(root).namespace == STRICT
            raise package.error(
                f"{self.document} is a Strict Open XML document, which is not read: save it in the word processor as "
                "a Word document (.docx)"
                if strict
                else f"{self.document} is no Word document (its root is <{etree.QName(root).localname}>)"
            )
        self.refuse_changes(root, self.document)
        self.report_formatting_changes(root, self.document)
        self.bookmarks = {b.get(f"{_W}name", "") for b in root.iter(f"{_W}bookmarkStart")}
        for kind, default in (("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml")):
            notes = self.part(rels, kind, default)
            if notes is None:
                continue
            member = next((t for k, t, ext in rels.values() if k == kind and not ext), default)
            self.refuse_changes(notes, member)
            self.note_members[kind] = member
            self.note_rels[kind] = _relationships(package, member)
            self.bookmarks |= {b.get(f"{_W}name", "") for b in notes.iter(f"{_W}bookmarkStart")}
            tag = "footnote" if kind == "footnotes" else "endnote"
            for note in notes.iter(f"{_W}{tag}"):
                if note.get(f"{_W}type", "normal") == "normal":
                    self.note_bodies[(kind, note.get(f"{_W}id", ""))] = note
        comments = self.part(rels, "comments", "word/comments.xml")
        if comments is not None:
            for comment in comments.iter(f"{_W}comment"):
                words = " ".join("".join(t.text or "" for t in comment.iter(f"{_W}t")).split())
                self.comments[comment.get(f"{_W}id", "")] = (comment.get(f"{_W}author", ""), words)
        body = root.find(f"{_W}body")
        blocks: list[Block] = []
        self.counter = 0
        self.member = self.document
        self.links = rels
        self.field: list[dict[str, str | bool]] = []
        if body is not None:
            self.blocks(body, blocks)
        used = {k for k in self.note_bodies if k in self.called}
        for key in list(self.note_bodies):
            if key not in used:  # a note no call names: kept, its words are the document's
                self.repairs.append(
                    Repair(1, 1, "footnote",
                           f"{key[0][:-1]} {key[1]} of {self.note_members[key[0]]} is called nowhere in the text: "
                           "kept after the others")
                )  # fmt: skip
                self.note_text(key)
        return blocks, language

    def blocks(self, parent: etree._Element, out: list[Block]) -> None:
        for child in parent:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "p":
                out.append(self.paragraph(child))
            elif tag == "tbl":
                first = len(out)
                rows = [r for r in child.iter(f"{_W}tr") if next(r.iterancestors(f"{_W}tbl")) is child]
                self.blocks_of_table(child, out)
                number = out[first].number if first < len(out) else self.counter
                self.repairs.append(
                    Repair(number, 1, "table",
                           f"a table of {len(rows)} row{'s' if len(rows) != 1 else ''} (from paragraph {number} of {self.member}) is kept as text: "
                           "each cell a paragraph, row by row; the model has no tables")
                )  # fmt: skip
            elif tag in ("sdt",):
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.blocks(content, out)
            elif tag in ("customXml", "sdtContent", "smartTag"):
                self.blocks(child, out)
            elif tag == "AlternateContent":
                chosen = _chosen(child)
                if chosen is not None:
                    self.blocks(chosen, out)
            elif tag in ("altChunk", "subDoc"):
                self.repairs.append(
                    Repair(self.counter + 1, 1, "embedded",
                           f"left out a document embedded after paragraph {self.counter} of {self.member} "
                           f"(w:{tag}): its words are not read; open the file in a word processor and save it again")
                )  # fmt: skip

    def blocks_of_table(self, table: etree._Element, out: list[Block]) -> None:
        for row in table.iter(f"{_W}tr"):
            if next(row.iterancestors(f"{_W}tbl")) is not table:
                continue
            for cell in row.iter(f"{_W}tc"):
                if next(cell.iterancestors(f"{_W}tbl")) is table:
                    self.blocks(cell, out)

    def paragraph(self, p: etree._Element) -> Block:
        number = self.counter + 1
        self.counter += sum(1 for _ in p.iter(f"{_W}p"))  # a text box's paragraphs count after it
        ppr = p.find(f"{_W}pPr")
        style_id = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else ""
        pieces: list[Piece] = []
        self.inline(p, pieces, style_id, None, number)
        block = Block(pieces, number, heading=self.heading_level(style_id, ppr))
        if block.heading:  # a heading's style sets it bold or italic: no emphasis of its words
            block.pieces = [Piece(x.text, False, False, x.href, x.call) for x in pieces]
        num = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id, ilvl = "", 0
        if num is not None:
            num_id = _val(num.find(f"{_W}numId"))
            ilvl_text = _val(num.find(f"{_W}ilvl"), "0")
            ilvl = int(ilvl_text) if ilvl_text.isdigit() else 0
        else:
            for style in self.style_chain(style_id):
                if style.num_id:
                    num_id, ilvl = style.num_id, style.ilvl or 0
                    break
        if num_id and num_id != "0" and not block.heading:
            found = self.numbering.label(num_id, ilvl)
            if found is not None:
                block.label, block.bullet = found
                block.level = ilvl
        elif num_id and num_id != "0" and block.heading:
            found = self.numbering.label(num_id, ilvl)
            if found is not None and found[0]:
                block.pieces.insert(0, Piece(found[0] + " "))
        return block

    def inline(
        self, parent: etree._Element, out: list[Piece], pstyle: str, href: str | None, number: int
    ) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "r":
                self.run(child, out, pstyle, href, number)
            elif tag == "hyperlink":
                self.inline(child, out, pstyle, self.hyperlink(child, number), number)
            elif tag == "fldSimple":
                instruction = child.get(f"{_W}instr", "")
                link = self.field_link(instruction, number)
                if link is None:
                    self.dropped_field(instruction, number)
                self.inline(child, out, pstyle, link if link is not None else href, number)
            elif tag in ("smartTag", "customXml", "bdo", "dir"):
                self.inline(child, out, pstyle, href, number)
            elif tag == "sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.inline(content, out, pstyle, href, number)
            elif tag == "commentRangeStart":
                self.comment(child.get(f"{_W}id", ""), number)
            elif tag == "AlternateContent":
                chosen = _chosen(child)
                if chosen is not None:
                    self.inline(chosen, out, pstyle, href, number)

    def comment(self, cid: str, number: int) -> None:
        reported = self.reported_comments
        if cid in reported:
            return
        reported.add(cid)
        author, words = self.comments.get(cid, ("", ""))
        self.repairs.append(
            Repair(number, 1, "comment",
                   f"left out a comment{f' by {author}' if author else ''} on paragraph {number} of {self.member}"
                   f"{f': {words!r}' if words else ''} (a comment is no part of the text)")
        )  # fmt: skip

    def hyperlink(self, link: etree._Element, number: int) -> str:
        rid = link.get(f"{{{R}}}id")
        anchor = link.get(f"{_W}anchor", "")
        if rid:
            kind, target, external = self.links.get(rid, ("", "", False))
            target = target.strip()
            if target and target != "#":
                return target + (f"#{anchor}" if anchor and "#" not in target else "")
            return "#"
        if anchor and anchor in self.bookmarks:
            return f"#{anchor}"  # a place in the document: its words kept as text (see `run`)
        return "#"  # a link to a place the document does not hold: its target is lost

    def field_link(self, instruction: str, number: int) -> str | None:
        m = _HYPERLINK_FIELD.match(instruction)
        if m is None:
            return None
        target = (m.group(1) if m.group(1) is not None else m.group(2) or "").strip()
        if not target and m.group(3):
            return f"#{m.group(3)}" if m.group(3) in self.bookmarks else "#"
        return target or "#"

    def dropped_field(self, instruction: str, number: int) -> None:
        code = " ".join(instruction.split())
        if code:
            self.repairs.append(
                Repair(number, 1, "field",
                       f"dropped the field code '{code[:60]}' in paragraph {number} of {self.member}; its printed result is kept")
            )  # fmt: skip

    def run(self, r: etree._Element, out: list[Piece], pstyle: str, href: str | None, number: int) -> None:
        rpr = r.find(f"{_W}rPr")
        rstyle = _val(rpr.find(f"{_W}rStyle")) if rpr is not None else ""

        def prop(name: str, attr: str) -> bool:
            direct = _on(rpr.find(f"{_W}{name}")) if rpr is not None else None
            if direct is not None:
                return direct
            found = self.styled(rstyle, attr)
            if found is not None:
                return found
            return bool(self.styled(pstyle, attr))

        italic, bold = prop("i", "italic"), prop("b", "bold")
        if rpr is not None and _on(rpr.find(f"{_W}vanish")) and number not in self.hidden:
            self.hidden.add(number)
            self.repairs.append(
                Repair(number, 1, "hidden-text",
                       f"kept text that paragraph {number} of {self.member} marks hidden (not printed): "
                       f"{' '.join(''.join(t.text or '' for t in r.iter(f'{_W}t')).split())[:60]!r}")
            )  # fmt: skip
        if self.field and self.field[-1].get("link") is not None and href is None:
            href = str(self.field[-1]["link"])
        if href is not None and href.startswith("#") and href != "#":
            href = None  # a cross-reference within the document is no source
        for child in _expanded(r):
            tag = etree.QName(child).localname
            if self.field and self.field[-1].get("code") and tag not in ("fldChar", "instrText"):
                continue  # inside a field's code
            if tag == "t":
                out.append(Piece(child.text or "", italic, bold, href))
            elif tag in ("tab", "br", "cr"):
                out.append(Piece(" ", italic, bold, href))
            elif tag == "noBreakHyphen":
                out.append(Piece("\u2011", italic, bold, href))
            elif tag == "softHyphen":
                continue
            elif tag == "sym":
                code = child.get(f"{_W}char", "")
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    char = ""
                if char and not 0xF000 <= ord(char) <= 0xF0FF:
                    out.append(Piece(char, italic, bold, href))
                else:
                    self.repairs.append(
                        Repair(number, 1, "symbol",
                               f"left out a symbol of the font {child.get(f'{_W}font', '?')} (code {code}) in "
                               f"paragraph {number} of {self.member}: it is no Unicode character")
                    )  # fmt: skip
            elif tag in ("footnoteReference", "endnoteReference"):
                kind = "footnotes" if tag == "footnoteReference" else "endnotes"
                key = (kind, child.get(f"{_W}id", ""))
                if key not in self.note_bodies:
                    self.repairs.append(
                        Repair(number, 1, "footnote",
                               f"paragraph {number} of {self.member} calls {kind[:-1]} {key[1]}, which the file does not hold")
                    )  # fmt: skip
                    continue
                out.append(Piece(call=self.note_text(key)))
            elif tag == "commentReference":
                self.comment(child.get(f"{_W}id", ""), number)
            elif tag == "fldChar":
                kind = child.get(f"{_W}fldCharType", "")
                if kind == "begin":
                    self.field.append({"code": True, "instruction": ""})
                elif kind == "separate" and self.field:
                    instruction = str(self.field[-1]["instruction"])
                    link = self.field_link(instruction, number)
                    if link is None:
                        self.dropped_field(instruction, number)
                    self.field[-1] = {"code": False, "link": link}  # type: ignore[dict-item]
                elif kind == "end" and self.field:
                    closed = self.field.pop()
                    if closed.get("code"):  # a field with no result: its code alone
                        self.dropped_field(str(closed["instruction"]), number)
            elif tag == "instrText":
                if self.field and self.field[-1].get("code"):
                    self.field[-1]["instruction"] = str(self.field[-1]["instruction"]) + (child.text or "")
            elif tag in ("drawing", "pict", "object"):
                boxes = [
                    b
                    for b in child.iter(f"{_W}txbxContent")
                    if next(b.iterancestors(f"{_W}txbxContent"), None) is None
                ]
                for box in boxes:
                    for p in box.iter(f"{_W}p"):
                        out.append(Piece(" "))
                        ppr = p.find(f"{_W}pPr")
                        self.inline(
                            p, out, _val(ppr.find(f"{_W}pStyle")) if ppr is not None else "", href, number
                        )
                    out.append(Piece(" "))
                self.repairs.append(
                    Repair(number, 1, "text-box", f"kept the words of a text box in paragraph {number} of {self.member}, "
                           "where it is anchored")
                    if boxes else
                    Repair(number, 1, "picture", f"left out a picture or object in paragraph {number} of {self.member}")
                )  # fmt: skip

    def note_text(self, key: tuple[str, str]) -> int:
        self.called.add(key)
        note = self.note_bodies[key]
        saved = (self.member, self.links, self.counter, self.field)
        self.member = self.note_members[key[0]]
        self.links = self.note_rels.get(key[0], {})
        self.field = []
        pieces: list[Piece] = []
        number = self.notes.add(pieces)
        for i, p in enumerate(note.iter(f"{_W}p")):
            if i:
                pieces.append(Piece(" "))
            ppr = p.find(f"{_W}pPr")
            style_id = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else ""
            paragraph_no = self.paragraph_number(note.getroottree().getroot(), p)
            self.inline(p, pieces, style_id, None, paragraph_no)
        while pieces and not pieces[0].call and not pieces[0].text.strip():
            pieces.pop(0)
        if pieces and not pieces[0].call:
            pieces[0] = Piece(pieces[0].text.lstrip(), pieces[0].italic, pieces[0].bold, pieces[0].href)
        self.member, self.links, self.counter, self.field = saved
        return number


def read_package(package: Package) -> tuple[list[Block], Notes, str, list[Repair]]:
    """The document's blocks, its notes, the language its defaults declare, the repairs."""
    reader = _Reader(package)
    blocks, language = reader.read()
    return blocks, reader.notes, language, reader.repairs
