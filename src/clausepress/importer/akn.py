"""Akoma Ntoso 3.0 (`<akomaNtoso>`) -> the document model, and its YAML through the one writer.

An AKN file clausepress wrote (`render/akn.py`) comes back as the model it was written from: the
structure from the body (recitals, paragraphs with their `num`, sub-paragraphs, headings, annexes,
the conclusions), the inline text from the `p`s (`i`, `b`, `ref` with its `authorialNote`), and
what AKN has no place for from clausepress's `<proprietary>` (the id, form, numbering, plain
metadata, conventions, the sources' fields).

An AKN file of another tool (a Laws.Africa act, an OASIS example) is read for its parts: the
title (`longTitle`, `docTitle`, else the work's `FRBRname`), the language (`FRBRlanguage`, ISO
639-2), the issuer (the work's author, a `TLC*` reference) and date, the preamble's recitals and
citations, and the body's hierarchy: a unit that holds others with a heading (chapter, part,
title...) is a heading, the units under it the clauses, their own units sub-clauses (two levels;
deeper ones run into their text, reported). A `ref` keeps its words, its target reported; an
`authorialNote` is taken out, reported with its words. Every such change is a `Repair`.

The tree is parsed by lxml with no network, no DTD and no entities (after `xmlsource.parse` has
refused any DOCTYPE).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..akn import CP, NS, language_tag
from ..errors import Origin, SourceError
from ..forms import FORMS
from ..model import (
    Annex,
    Citation,
    Clause,
    Conventions,
    Document,
    Emphasis,
    Heading,
    Inline,
    Paragraph,
    Source,
    Strong,
    SubClause,
    Text,
    numbered,
    plain_text,
)
from ..presentation import clause_id, clause_label, heading_id, subclause_label
from .repair import Repair

__all__ = ["NAMESPACE", "ROOTS", "read_document", "without_emphasis"]

NAMESPACE = NS  # and its working drafts' (`accepts`)
ROOTS = ("akomaNtoso",)
_A = f"{{{NS}}}"
_C = f"{{{CP}}}"
# The hierarchy's units (AKN's ANhier, and hcontainer): what may hold a clause or be one.
_UNITS = frozenset(
    _A + t
    for t in ("clause", "section", "part", "paragraph", "chapter", "title", "article", "book", "tome", "division",
              "list", "point", "indent", "alinea", "rule", "subrule", "proviso", "subsection", "subpart",
              "subparagraph", "subchapter", "subtitle", "subdivision", "subclause", "sublist", "level",
              "transitional", "hcontainer")
)  # fmt: skip
_GROUPS = frozenset(_A + t for t in ("part", "chapter", "title", "book", "tome", "division", "subpart",
                                     "subchapter", "subtitle", "subdivision"))  # fmt: skip
_ARABIC = re.compile(r"[0-9]+[A-Za-z]{0,6}")
_DIGITS = re.compile(r"[0-9]+[A-Za-z]{0,6}|[IVXLCDM]+\b|[a-z]{1,3}\b")


def accepts(namespace: str | None) -> bool:
    """AKN 3.0's namespace, or one of its drafts' (".../ns/akn/3.0/WD17", "/CSD13")."""
    return namespace is not None and (
        namespace == NS or re.fullmatch(re.escape(NS) + r"/[A-Z]{2,3}[0-9]{1,3}", namespace) is not None
    )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, remove_comments=True)


class _Reader:
    def __init__(self, name: str, repairs: list[Repair]) -> None:
        self.name = name
        self.repairs = repairs
        self.sources: dict[str, Source] = {}
        self.own = False

    def at(self, node: etree._Element) -> Origin:
        return Origin(self.name, int(node.sourceline or 1), 1)

    def words(self, node: etree._Element) -> str:
        """A `num`'s or a label's text: as written in clausepress's own file, its spaces folded in another's."""
        text = "".join(node.itertext())
        return text if self.own else " ".join(text.split())

    def report(self, node: etree._Element, kind: str, message: str, removed: str = "") -> None:
        self.repairs.append(Repair(int(node.sourceline or 1), 1, kind, message, removed=removed))

    # --- inline ---------------------------------------------------------------------------

    def inline(self, node: etree._Element, *, skip_verb: bool = False) -> tuple[Inline, ...]:
        out: list[Inline] = []

        def text(value: str | None) -> None:  # noqa: F811  # another tool's file: its layout's spaces folded
            if not value:
                return
            if not self.own:
                value = _SPACES.sub(" ", value)
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + value)
            else:
                out.append(Text(value))

        text(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                text(child.tail)
                continue
            if skip_verb and child is node[0] and child.tag == _A + "i" and child.get("class") == "verb":
                tail = child.tail or ""
                text(tail[1:] if tail.startswith(" ") else tail)
                continue
            tag = child.tag
            if tag in (_A + "i", _A + "em"):
                out.append(Emphasis(self.inline(child)))
            elif tag in (_A + "b", _A + "strong"):
                out.append(Strong(self.inline(child)))
            elif tag == _A + "ref" and child.get(_C + "source") is not None:
                out.append(Citation(self.inline(child), child.get(_C + "source") or "", 0, self.at(child)))
            elif tag == _A + "authorialNote":
                if not self.own:
                    words = " ".join("".join(child.itertext()).split())
                    self.report(child, "note-removed", f"the note '{words[:60]}' is taken out: kept in no part",
                                removed=words)  # fmt: skip
            elif tag == _A + "ref":
                self.report(
                    child,
                    "ref-text",
                    f"the reference to '{(child.get('href') or '')[:80]}' is kept as its words",
                )
                for piece in self.inline(child):
                    text(piece.text) if isinstance(piece, Text) else out.append(piece)
            else:
                for piece in self.inline(child):
                    text(piece.text) if isinstance(piece, Text) else out.append(piece)
            text(child.tail)
        return _stripped(tuple(out)) if not self.own else tuple(out)

    def blocks(self, node: etree._Element) -> list[etree._Element]:
        """The paragraphs (`p`s, at any depth of block containers) of a block."""
        found = [
            p
            for p in node.iter(_A + "p")
            if not any(a.tag == _A + "authorialNote" for a in p.iterancestors())
        ]
        return found or [node]

    def joined(self, node: etree._Element) -> tuple[Inline, ...]:
        parts: list[Inline] = []
        for i, p in enumerate(self.blocks(node)):
            if i:
                parts.append(Text(" "))
            parts.extend(self.inline(p))
        return _merged(parts)

    # --- parts ----------------------------------------------------------------------------

    def heading(self, node: etree._Element, count: list[int], prefix: str) -> Heading:
        count[0] += 1
        num = node.find(_A + "num")
        label = self.words(num) if num is not None else ""
        title = node.find(_A + "heading")
        if title is None:
            title = node.find(_A + "crossHeading")
        content = self.inline(title) if title is not None else ()
        return Heading(node.get("eId") or heading_id(prefix, count[0]), label, content, self.at(node))

    def preamble(self, preamble: etree._Element | None, count: list[int], prefix: str,
                 ) -> tuple[tuple[Inline, ...], tuple[Paragraph, ...], tuple[Inline, ...]]:  # fmt: skip
        formula: tuple[Inline, ...] = ()
        enacting: tuple[Inline, ...] = ()
        paragraphs: list[Paragraph] = []
        pending: list[Heading] = []
        if preamble is None:
            return formula, (), enacting

        def add(node: etree._Element, content: tuple[Inline, ...], label: str | None) -> None:
            index = len(paragraphs) + 1
            pid = node.get("eId") or f"{prefix}-{index}"
            paragraphs.append(Paragraph(pid, index, content, self.at(node), label, None, tuple(pending)))
            pending.clear()

        for child in preamble:
            if not isinstance(child.tag, str):
                continue
            if child.tag == _A + "formula":
                if child.get("name") == "resolvingFormula" or paragraphs:
                    enacting = self.joined(child)
                else:
                    formula = self.joined(child)
            elif child.tag == _A + "blockContainer" and child.get("class") == "crossHeading":
                pending.append(self.heading(child, count, prefix))
            elif child.tag in (_A + "recitals", _A + "citations"):
                for item in child:
                    if item.tag in (_A + "recital", _A + "citation"):
                        num = item.find(_A + "num")
                        add(
                            item,
                            self.joined_without(item, ("num", "heading")),
                            self.words(num) if num is not None else None,
                        )
                    elif item.tag in (_A + "intro", _A + "wrapUp"):
                        add(item, self.joined(item), None)
            elif child.tag == _A + "p" or child.tag == _A + "container" or child.tag == _A + "blockContainer":
                add(child, self.joined(child), None)
        return formula, tuple(paragraphs), enacting

    def joined_without(self, node: etree._Element, skipped: tuple[str, ...]) -> tuple[Inline, ...]:
        keep = [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname not in skipped]
        parts: list[Inline] = []
        for c in keep:
            if parts:
                parts.append(Text(" "))
            parts.extend(self.joined(c))
        return _merged(parts)

    def clause(self, node: etree._Element, index: int, prefix: str, headings: tuple[Heading, ...]) -> Clause:
        num = node.find(_A + "num")
        printed = self.words(num) if num is not None else ""
        number = node.get(_C + "number")
        explicit = node.get(_C + "explicit") == "true"
        if number is None:
            found = _ARABIC.search(printed) or _DIGITS.search(printed)
            number, explicit = (found.group(0) if found else str(index)), True
        verb = ""
        content: tuple[Inline, ...] = ()
        paragraphs: list[tuple[Inline, ...]] = []
        subs: list[SubClause] = []
        cid = node.get("eId") or clause_id(prefix, number, index)
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag in (_A + "content", _A + "intro"):
                ps = self.blocks(child)
                verb, content = self.opening(ps[0])
                paragraphs += [self.inline(p) for p in ps[1:]]
            elif child.tag == _A + "wrapUp":
                paragraphs += [self.inline(p) for p in self.blocks(child)]
            elif child.tag in _UNITS:
                subs.append(self.subclause(child, len(subs) + 1, 1, cid))
            elif child.tag not in (_A + "num", _A + "heading", _A + "subheading"):
                paragraphs.append(self.joined(child))
        if not self.own and node.find(_A + "heading") is not None:
            heading = node.find(_A + "heading")
            assert heading is not None
            title = self.inline(heading)
            joint = " " if plain_text(title).rstrip()[-1:] in ".:;—-" else ". "
            content = _merged([*title, Text(joint if content else ""), *content]) if title else content
            self.report(heading, "heading-joined", "the unit's heading opens its text")
        return Clause(cid, number, explicit, verb, content, tuple(subs), self.at(node), self.at(node),
                      self.at(node), headings=headings, paragraphs=tuple(paragraphs))  # fmt: skip

    def opening(self, p: etree._Element) -> tuple[str, tuple[Inline, ...]]:
        first = p[0] if len(p) else None
        if (
            first is not None
            and first.tag == _A + "i"
            and first.get("class") == "verb"
            and not (p.text or "")
        ):
            return "".join(first.itertext()), self.inline(p, skip_verb=True)
        return "", self.inline(p)

    def subclause(self, node: etree._Element, position: int, depth: int, parent: str) -> SubClause:
        num = node.find(_A + "num")
        written = self.words(num) if num is not None else ""
        printed = written[1:-1] if self.own and written.startswith("(") else written.strip("().")
        label = printed or subclause_label(position, depth)
        explicit = (
            node.get(_C + "explicit") == "true" if self.own else label != subclause_label(position, depth)
        )
        content: tuple[Inline, ...] = ()
        children: list[SubClause] = []
        rest: list[Inline] = []
        sid = node.get("eId") or f"{parent}-{label}"
        for child in node:
            if not isinstance(child.tag, str) or child.tag in (_A + "num", _A + "heading", _A + "subheading"):
                continue
            if child.tag in (_A + "content", _A + "intro"):
                content = self.joined(child)
            elif child.tag in _UNITS and depth < 2:
                children.append(self.subclause(child, len(children) + 1, depth + 1, sid))
            else:
                if child.tag in _UNITS:
                    self.report(child, "items-joined", "a third level of sub-paragraphs: run into its item")
                rest += [Text(" "), *self.joined(child)]
        if rest:
            content = _merged([*content, *rest]) if content else _merged(rest[1:])
        if not plain_text(content).strip():  # the loader needs a text: "…" stands in
            self.report(node, "empty", f"sub-paragraph ({label}) has no text of its own: '…' stands in")
            content = (Text("…"),)
        return SubClause(sid, label, explicit, content, tuple(children), self.at(node), self.at(node))

    def clauses(
        self, body: etree._Element, prefix: str, count: list[int]
    ) -> tuple[list[Clause], list[Heading]]:
        """The clauses of a body, and the headings left after the last one."""
        out: list[Clause] = []
        pending: list[Heading] = []

        def walk(node: etree._Element) -> None:
            for child in node:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == _A + "hcontainer" and child.get("name") == "crossHeading":
                    pending.append(self.heading(child, count, prefix))
                elif child.tag in _GROUPS or (
                    child.tag == _A + "hcontainer" and any(c.tag in _UNITS for c in child)
                ):
                    pending.append(self.heading(child, count, prefix))
                    walk(child)
                elif child.tag in _UNITS:
                    out.append(self.clause(child, len(out) + 1, prefix, tuple(pending)))
                    pending.clear()
                elif child.tag == _A + "p" and child.get("class") == "empty":
                    continue
                elif child.tag in (_A + "p", _A + "blockList", _A + "blockContainer", _A + "container"):
                    words = plain_text(self.joined(child))
                    if words.strip():
                        out.append(
                            Clause(clause_id(prefix, "", len(out) + 1), "", False, "", self.joined(child), (),
                                   self.at(child), self.at(child), self.at(child), headings=tuple(pending))
                        )  # fmt: skip
                        pending.clear()

        walk(body)
        return out, pending

    def annex(self, attachment: etree._Element, number: int, count: list[int]) -> Annex | None:
        doc = next((c for c in attachment if isinstance(c.tag, str) and c.tag != _A + "num"), None)
        if doc is None:
            return None
        aid = attachment.get("eId") or f"annex-{number}"
        label = ""
        title: tuple[Inline, ...] = ()
        preface = doc.find(_A + "preface")
        if preface is not None:
            docnumber = preface.find(f".//{_A}docNumber")
            label = self.words(docnumber) if docnumber is not None else ""
            doctitle = preface.find(f".//{_A}docTitle")
            if doctitle is None:
                doctitle = preface.find(f".//{_A}longTitle")
            title = self.joined(doctitle) if doctitle is not None else ()
        _, preamble, _ = self.preamble(doc.find(_A + "preamble"), count, aid)
        body = doc.find(_A + "mainBody")
        if body is None:
            body = doc.find(_A + "body")
        paragraphs, end = self.clauses(body, aid, count) if body is not None else ([], [])
        return Annex(aid, label, title, preamble, tuple(paragraphs), self.at(attachment), tuple(end))


def _words(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


_SPACES = re.compile(r"\s+")


def _stripped(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Inline content without the spaces at its two ends (another tool's indentation)."""
    out = list(nodes)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


def _merged(parts: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + part.text)
        elif not (isinstance(part, Text) and not part.text):
            out.append(part)
    return tuple(out)


_DOCUMENTS = tuple(
    _A + t for t in ("act", "bill", "doc", "statement", "debateReport", "amendment", "portion")
)


def _body(top: etree._Element) -> etree._Element | None:
    """The document's body: `mainBody`, `body`, or a debate's or judgment's."""
    for tag in ("mainBody", "body", "debateBody", "judgmentBody"):
        found = top.find(_A + tag)
        if found is not None:
            return found
    return None


def _unit_count(top: etree._Element) -> int:
    body = _body(top)
    return 0 if body is None else sum(1 for n in body.iter() if n.tag in _UNITS)


def _own(meta: etree._Element | None) -> etree._Element | None:
    return None if meta is None else meta.find(f"{_A}proprietary/{_C}document")


def _conventions(own: etree._Element) -> Conventions:
    given: dict[str, object] = {}
    for conv in own.findall(_C + "convention"):
        items = tuple(i.text or "" for i in conv.findall(_C + "item"))
        given[conv.get("name") or ""] = items[0] if conv.get("single") == "true" and items else items
    return Conventions(**given)  # type: ignore[arg-type]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "document"


def read_document(text: str, name: str) -> tuple[Document, list[Repair]]:
    """The model of an AKN document, and what reading it changed."""
    from ..source import adoption_date

    try:
        root = etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"malformed XML: {exc.msg}", Origin(name, *(exc.position or (1, 1)))) from None
    repairs: list[Repair] = []
    given = etree.QName(root).namespace or ""
    if given != NS:  # a working draft's namespace (".../akn/3.0/WD17"): its elements read as AKN 3.0's
        for node in root.iter():
            if isinstance(node.tag, str) and etree.QName(node).namespace == given:
                node.tag = _A + etree.QName(node).localname
        repairs.append(Repair(int(root.sourceline or 1), 1, "namespace",
                              f"the namespace {given} (a draft of AKN 3.0) is read as {NS}"))  # fmt: skip
    top = next((c for c in root if isinstance(c.tag, str)), None)
    if top is None:
        raise SourceError("the <akomaNtoso> element holds no document", Origin(name, 1, 1))
    if top.tag == _A + "documentCollection":  # a bill with its report, say: the document with most units
        inner = [d for d in root.iter(*_DOCUMENTS) if d is not top and _body(d) is not None]
        if inner:
            chosen = max(inner, key=_unit_count)
            repairs.append(Repair(int(chosen.sourceline or 1), 1, "collection",
                                  f"a collection of documents: its <{etree.QName(chosen).localname}> with the most "
                                  "units is read, the others left out"))  # fmt: skip
            if chosen.find(_A + "meta") is None and top.find(_A + "meta") is not None:
                chosen.insert(0, top.find(_A + "meta"))
            top = chosen
    reader = _Reader(name, repairs)
    meta = top.find(_A + "meta")
    own = _own(meta)
    reader.own = own is not None
    work = top.find(f"{_A}meta/{_A}identification/{_A}FRBRWork")
    at = Origin(name, 1, 1)
    if own is not None:
        doc_id, form = own.get("id") or "document", own.get("form") or "association"
        numbering, language = own.get("numbering") or "1.", own.get("language") or "en"
        title, issuer = own.get("title") or "", own.get("issuer") or ""
        adopted = adoption_date(own.get("adopted") or "") if own.get("adopted") else None
        metadata = {m.get("key") or "": m.get("value") or "" for m in own.findall(_C + "meta")}
        conventions = _conventions(own)
        for s in own.findall(_C + "source"):
            sid = s.get("id") or ""
            keys = ("title", "author", "publisher", "issued", "accessed", "url", "status", "note")
            fields = {k: s.get(k) for k in keys}
            reader.sources[sid] = Source(sid, **fields, origin=reader.at(s), direct=s.get("direct") == "true")
    else:
        this = work.find(_A + "FRBRthis") if work is not None else None
        iri = (this.get("value") or "") if this is not None else ""
        doc_id = _slug("-".join(p for p in iri.split("/")[2:] if p and not p.startswith("!"))) or _slug(name)
        units = {etree.QName(n).localname for n in top.iter() if isinstance(n.tag, str)}
        form = (
            "articles" if top.tag == _A + "act" or "article" in units or "section" in units else "association"
        )
        numbering = FORMS[form].numbering
        lang = top.find(f"{_A}meta/{_A}identification/{_A}FRBRExpression/{_A}FRBRlanguage")
        language = language_tag(lang.get("language") or "eng") if lang is not None else "en"
        name_el = work.find(_A + "FRBRname") if work is not None else None
        long_title = top.find(f"{_A}preface//{_A}longTitle")
        doc_title = top.find(f"{_A}preface//{_A}docTitle")
        title = (
            _words(long_title) if long_title is not None
            else _words(doc_title) if doc_title is not None
            else (name_el.get("value") or "") if name_el is not None else ""
        ) or doc_id  # fmt: skip
        issuer = ""
        author = work.find(_A + "FRBRauthor") if work is not None else None
        if author is not None and meta is not None:
            target = (author.get("href") or "").lstrip("#")
            ref = next((r for r in meta.iter() if r.get("eId") == target and r.get("showAs")), None)
            issuer = (ref.get("showAs") or "") if ref is not None else ""
        date = work.find(_A + "FRBRdate") if work is not None else None
        try:
            adopted = adoption_date(date.get("date") or "") if date is not None else None
        except ValueError:
            adopted = None
        number = work.find(_A + "FRBRnumber") if work is not None else None
        metadata = {"number": number.get("value") or ""} if number is not None and number.get("value") else {}
        if iri:
            metadata["akn work"] = iri.rsplit("/!", 1)[0]
        conventions = Conventions()
    count = [0]
    formula, preamble, enacting = reader.preamble(top.find(_A + "preamble"), count, "preamble")
    body = _body(top)
    operative, _ = reader.clauses(body, "clause", count) if body is not None else ([], [])
    if not operative:
        raise SourceError("no operative clause found: the AKN body holds no unit", Origin(name, 1, 1))
    conclusions = top.find(_A + "conclusions")
    closing = reader.joined(conclusions) if conclusions is not None else ()
    annexes = [
        a for i, att in enumerate(top.findall(f"{_A}attachments/{_A}attachment"), 1)
        if (a := reader.annex(att, i, count)) is not None
    ]  # fmt: skip
    preface = top.find(_A + "preface")
    metadata_content: dict[str, tuple[Inline, ...]] = {}
    title_content: tuple[Inline, ...] = ()
    if preface is not None and reader.own:
        for p in preface.findall(_A + "p"):
            if p.get(_C + "inline") == "true":
                metadata_content[p.get(_C + "key") or ""] = reader.inline(p)
        long_title = preface.find(_A + "longTitle")
        if long_title is not None and long_title.get(_C + "inline") == "true":
            title_content = reader.joined(long_title)
    short = work.find(_A + "FRBRalias[@name='shortTitle']") if work is not None else None
    short_title = (short.get("value") or "") if short is not None else title
    clauses = [dataclass_label(c, numbering) for c in operative]
    annexes = [
        Annex(a.id, a.label, a.title, a.preamble, tuple(dataclass_label(c, numbering) for c in a.paragraphs),
              a.origin, a.end_headings)
        for a in annexes
    ]  # fmt: skip
    doc = Document(
        id=doc_id, title=title, short_title=short_title, issuer=issuer, adopted=adopted, language=language,
        preamble=preamble, enacting=enacting, operative=tuple(clauses), closing=closing,
        sources=reader.sources, path=name, origin=at, conventions=conventions, numbering=numbering, form=form,
        metadata=metadata, formula=formula, annexes=tuple(annexes), metadata_content=metadata_content,
        title_content=title_content,
    )  # fmt: skip
    return numbered(doc), repairs


def dataclass_label(c: Clause, numbering: str) -> Clause:
    """The clause with the label its numbering style gives it (the loader's)."""
    import dataclasses

    return dataclasses.replace(c, label=clause_label(c.number, numbering))


def iter_units(node: etree._Element) -> Iterator[etree._Element]:
    """The hierarchy's units under `node`, in document order."""
    return (n for n in node.iter() if n.tag in _UNITS)


def without_emphasis(value: object) -> object:
    """`value` (a model, or any part of it) with its italics and bold run into plain text: for another
    tool's emphasis that Markdown cannot write back as it stands (`*1.*L'assegnazione`)."""
    import dataclasses

    if isinstance(value, tuple):
        out: list[object] = []
        for item in value:
            if isinstance(item, Emphasis | Strong):
                out.extend(without_emphasis(item.children))  # type: ignore[arg-type]
            else:
                out.append(without_emphasis(item))
        if out and all(isinstance(x, Text | Citation) for x in out):
            return _merged(out)  # type: ignore[arg-type]
        return tuple(out)
    if isinstance(value, dict):
        return {k: without_emphasis(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type | Text | Origin):
        changes = {
            f.name: without_emphasis(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    return value
