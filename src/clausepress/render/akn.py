"""Model -> Akoma Ntoso 3.0 (OASIS LegalDocML), the AKN4UN way for UN documents.

The form says the document type and the FRBR IRI's parts (`forms.Akn`). The preamble holds the
formula ("The General Assembly,", `formula name="enactingFormula"`), the recitals and the enacting
line (`formula name="resolvingFormula"`); each operative clause is a `paragraph` (an `article` in an
act) with its `num`, its sub-clauses `subparagraph`s, its further paragraphs the `wrapUp`; headings
are `hcontainer name="crossHeading"` (in the preamble, where AKN has no hcontainer, a
`blockContainer class="crossHeading"`); annexes are `attachment`s, each a `doc name="annex"`; the
meeting line is the `conclusions`. A citation is a `ref` to its source followed by the footnote, an
`authorialNote placement="bottom"` whose `marker` is the note's number. Every `eId` is the id the
HTML and the EPUB give the part (`clause-7`, `clause-7-a`, `fn-3`). What AKN has no place for (the
source's flags and plain metadata, its sources' fields, its conventions) is in `<proprietary>`, in
clausepress's namespace, so that `clausepress import` gives back the same model.

The bytes depend on the document and the build's timestamp only.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable

from lxml import etree
from markupsafe import Markup

from ..akn import CP, NS, actor, language_code, work_iri
from ..forms import FORMS
from ..furniture import catalogue, format_date
from ..model import (
    Annex,
    Citation,
    Clause,
    Document,
    Emphasis,
    Heading,
    Inline,
    Paragraph,
    Strong,
    SubClause,
    Text,
)
from ..presentation import is_linkable, note_id, noteref_id
from . import RenderOptions, build_timestamp
from .notes import note_html

__all__ = ["render_akn"]

_A = f"{{{NS}}}"
_C = f"{{{CP}}}"
_NSMAP = {None: NS, "cp": CP}
GENERATOR = "clausepress"


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    qname = tag if tag.startswith("{") else _A + tag
    node = etree.Element(qname, nsmap=_NSMAP) if parent is None else etree.SubElement(parent, qname)
    for key, value in attrs.items():
        node.set(key, value)
    if text is not None:
        node.text = text
    return node


def _cp(node: etree._Element, name: str, value: str) -> None:
    node.set(_C + name, value)


def _append_text(node: etree._Element, text: str) -> None:
    """Text after `node`'s last child (or in it, when it has none)."""
    if len(node):
        last = node[-1]
        last.tail = (last.tail or "") + text
    else:
        node.text = (node.text or "") + text


class _Writer:
    def __init__(self, doc: Document, generated: _dt.date) -> None:
        self.doc = doc
        self.generated = generated
        self.words = catalogue(doc.language)
        self.source_eids = {sid: f"src-{i}" for i, sid in enumerate(doc.sources, 1)}

    # --- inline ---------------------------------------------------------------------------

    def inline(self, parent: etree._Element, nodes: Iterable[Inline]) -> None:
        for n in nodes:
            if isinstance(n, Text):
                _append_text(parent, n.text)
            elif isinstance(n, Emphasis):
                self.inline(_el(parent, "i"), n.children)
            elif isinstance(n, Strong):
                self.inline(_el(parent, "b"), n.children)
            elif isinstance(n, Citation):
                self.citation(parent, n)

    def citation(self, parent: etree._Element, cite: Citation) -> None:
        source = self.doc.sources.get(cite.source_id)
        href = source.url if source is not None and is_linkable(source.url) else None
        ref = _el(parent, "ref", eId=noteref_id(cite.number),
                  href=href or f"#{self.source_eids.get(cite.source_id, note_id(cite.number))}")  # fmt: skip
        _cp(ref, "source", cite.source_id)
        self.inline(ref, cite.children)
        note = _el(
            parent, "authorialNote", eId=note_id(cite.number), marker=str(cite.number), placement="bottom"
        )
        self.note_body(_el(note, "p"), note_html(source, cite.source_id, True, words=self.words))

    def note_body(self, p: etree._Element, body: Markup) -> None:
        """The footnote's words as the HTML gives them: a title in `<i>`, an address a `ref`."""
        wrapper = etree.fromstring(f"<x>{body}</x>".encode())
        p.text = wrapper.text
        for child in wrapper:
            if child.tag == "a":
                node = _el(p, "ref", "".join(child.itertext()), href=child.get("href", ""))
            else:
                node = _el(p, "i", "".join(child.itertext()))
            node.tail = child.tail

    def block(
        self, parent: etree._Element, tag: str, nodes: Iterable[Inline], **attrs: str
    ) -> etree._Element:
        node = _el(parent, tag, **attrs)
        self.inline(node, nodes)
        return node

    # --- parts ----------------------------------------------------------------------------

    def heading(self, parent: etree._Element, h: Heading, in_preamble: bool) -> None:
        if in_preamble:
            node = _el(parent, "blockContainer", eId=h.id, **{"class": "crossHeading"})
        else:
            node = _el(parent, "hcontainer", eId=h.id, name="crossHeading")
        if h.label:
            _el(node, "num", h.label)
        self.block(node, "crossHeading" if in_preamble else "heading", h.content)

    def preamble_paragraphs(self, parent: etree._Element, paragraphs: tuple[Paragraph, ...]) -> None:
        recitals: etree._Element | None = None
        for p in paragraphs:
            for h in p.headings:
                self.heading(parent, h, in_preamble=True)
                recitals = None
            if recitals is None:
                recitals = _el(parent, "recitals")
            recital = _el(recitals, "recital", eId=p.id)
            if p.label is not None:
                _el(recital, "num", p.label)
            self.block(recital, "p", p.content)

    def clause(self, parent: etree._Element, c: Clause, element: str, subelement: str) -> None:
        for h in c.headings:
            self.heading(parent, h, in_preamble=False)
        node = _el(parent, element, eId=c.id)
        _cp(node, "number", c.number)
        if c.number_explicit:
            _cp(node, "explicit", "true")
        if c.label:
            _el(node, "num", c.label)
        if c.subclauses:
            if c.verb or c.content:
                self.opening(_el(node, "intro"), c)
            for s in c.subclauses:
                self.subclause(node, s, subelement)
            if c.paragraphs:
                wrap = _el(node, "wrapUp")
                for paragraph in c.paragraphs:
                    self.block(wrap, "p", paragraph)
        else:
            content = _el(node, "content")
            self.opening(content, c)
            for paragraph in c.paragraphs:
                self.block(content, "p", paragraph)

    def opening(self, parent: etree._Element, c: Clause) -> None:
        p = _el(parent, "p")
        if c.verb:
            _el(p, "i", c.verb, **{"class": "verb"}).tail = c.verb_space or None
        self.inline(p, c.content)

    def subclause(self, parent: etree._Element, s: SubClause, element: str) -> None:
        node = _el(parent, element, eId=s.id)
        if s.label_explicit:
            _cp(node, "explicit", "true")
        _el(node, "num", f"({s.label})")
        if s.subclauses:
            if s.content:
                self.block(_el(node, "intro"), "p", s.content)
            for child in s.subclauses:
                self.subclause(node, child, element)
        else:
            self.block(_el(node, "content"), "p", s.content)

    def annex(self, attachments: etree._Element, annex: Annex, number: int) -> None:
        attachment = _el(attachments, "attachment", eId=annex.id)
        doc = _el(attachment, "doc", name="annex")
        self.identification(_el(doc, "meta"), component=f"annex_{number}")
        preface = _el(doc, "preface")
        p = _el(preface, "p")
        _el(p, "docNumber", annex.label)
        self.block(_el(preface, "p"), "docTitle", annex.title)
        if annex.preamble:
            self.preamble_paragraphs(_el(doc, "preamble"), annex.preamble)
        body = _el(doc, "mainBody")
        for c in annex.paragraphs:
            self.clause(body, c, "paragraph", "subparagraph")
        for h in annex.end_headings:
            self.heading(body, h, in_preamble=False)
        if not len(body):  # AKN's mainBody holds something: an annex of its heading and preamble alone
            _el(body, "p", **{"class": "empty"})

    # --- metadata -------------------------------------------------------------------------

    def identification(self, meta: etree._Element, component: str = "main") -> None:
        doc = self.doc
        ident = _el(meta, "identification", source=f"#{GENERATOR}")
        work = work_iri(doc, self.generated)
        language = language_code(doc.language)
        expression = f"{work}/{language}@"
        date, date_name = (doc.adopted, "adoption") if doc.adopted else (self.generated, "generation")
        by = f"#{actor(doc)}"
        for kind, uri, this in (("FRBRWork", work, f"{work}/!{component}"),
                                ("FRBRExpression", expression, f"{expression}/!{component}"),
                                ("FRBRManifestation", f"{expression}.akn", f"{expression}/!{component}.xml")):  # fmt: skip
            frbr = _el(ident, kind)
            _el(frbr, "FRBRthis", value=this)
            _el(frbr, "FRBRuri", value=uri)
            if kind == "FRBRWork" and doc.short_title and component == "main":
                _el(frbr, "FRBRalias", value=doc.short_title, name="shortTitle")
            if kind == "FRBRManifestation":
                _el(frbr, "FRBRdate", date=self.generated.isoformat(), name="generation")
                _el(frbr, "FRBRauthor", href=f"#{GENERATOR}")
                continue
            _el(frbr, "FRBRdate", date=date.isoformat(), name=date_name)
            _el(frbr, "FRBRauthor", href=by)
            if kind == "FRBRWork":
                _el(frbr, "FRBRcountry", value=FORMS[doc.form].akn.country)
                if FORMS[doc.form].akn.subtype:
                    _el(frbr, "FRBRsubtype", value=FORMS[doc.form].akn.subtype or "")
                _el(frbr, "FRBRnumber", value=work.rsplit("/", 1)[-1])
                _el(frbr, "FRBRname", value=doc.title)
            else:
                _el(frbr, "FRBRlanguage", language=language)

    def references(self, meta: etree._Element) -> None:
        doc = self.doc
        refs = _el(meta, "references", source=f"#{GENERATOR}")
        country = FORMS[doc.form].akn.country
        _el(refs, "TLCOrganization", eId=actor(doc), href=f"/akn/ontology/organizations/{country}/{actor(doc)}",
            showAs=doc.issuer or actor(doc))  # fmt: skip
        _el(refs, "TLCOrganization", eId=GENERATOR, href=f"/akn/ontology/organizations/{GENERATOR}",
            showAs=GENERATOR)  # fmt: skip
        for sid, source in doc.sources.items():
            eid = self.source_eids[sid]
            href = (
                source.url
                if source.url and is_linkable(source.url)
                else f"/akn/ontology/references/{doc.id}/{eid}"
            )
            _el(
                refs,
                "TLCReference",
                eId=eid,
                href=href,
                name="source",
                showAs=source.title or source.url or sid,
            )

    def proprietary(self, meta: etree._Element) -> None:
        doc = self.doc
        prop = _el(meta, "proprietary", source=f"#{GENERATOR}")
        top = _el(
            prop, _C + "document", id=doc.id, form=doc.form, numbering=doc.numbering, language=doc.language
        )
        top.set("title", doc.title)
        top.set("issuer", doc.issuer)
        if doc.adopted:
            top.set("adopted", doc.adopted.isoformat())
        for key, value in doc.metadata.items():
            _el(top, _C + "meta", key=key, value=value)
        for name, given in dataclasses.asdict(doc.conventions).items():
            if given is None:
                continue
            conv = _el(top, _C + "convention", name=name)
            for item in (given,) if isinstance(given, str) else given:
                _el(conv, _C + "item", item)
            if isinstance(given, str):
                conv.set("single", "true")
        for sid, source in doc.sources.items():
            node = _el(top, _C + "source", id=sid)
            for name in ("title", "author", "publisher", "issued", "accessed", "url", "status", "note"):
                if (value := getattr(source, name)) is not None:
                    node.set(name, value)
            if source.direct:
                node.set("direct", "true")

    def preface(self, parent: etree._Element) -> None:
        doc = self.doc
        preface = _el(parent, "preface")
        for key, value in FORMS[doc.form].printed(doc.metadata, doc.metadata_content):
            p = _el(preface, "p", **{"class": f"meta meta-{key.replace(' ', '-')}"})
            _cp(p, "key", key)
            if key in doc.metadata_content:
                _cp(p, "inline", "true")
                self.inline(p, doc.metadata_content[key])
            else:
                p.text = value
        if doc.issuer:
            _el(
                _el(preface, "p", **{"class": "issuer"}),
                "organization",
                doc.issuer,
                refersTo=f"#{actor(doc)}",
            )
        title = _el(preface, "longTitle", eId="title")
        p = _el(title, "p")
        if doc.title_content:
            _cp(title, "inline", "true")
            self.inline(p, doc.title_content)
        else:
            p.text = doc.title
        if doc.adopted:
            p = _el(preface, "p", **{"class": "date"})
            _el(p, "docDate", format_date(doc.adopted, doc.language), date=doc.adopted.isoformat())

    def document(self) -> etree._Element:
        doc = self.doc
        akn = FORMS[doc.form].akn
        root = _el(None, "akomaNtoso")
        top = _el(root, akn.document, name=akn.name, contains="originalVersion")
        meta = _el(top, "meta")
        self.identification(meta)
        self.references(meta)
        self.proprietary(meta)
        self.preface(top)
        if doc.formula or doc.preamble or doc.enacting:
            preamble = _el(top, "preamble")
            if doc.formula:
                self.block(_el(preamble, "formula", eId="formula", name="enactingFormula"), "p", doc.formula)
            self.preamble_paragraphs(preamble, doc.preamble)
            if doc.enacting:
                self.block(
                    _el(preamble, "formula", eId="enacting", name="resolvingFormula"), "p", doc.enacting
                )
        body = _el(top, akn.body)
        for c in doc.operative:
            self.clause(body, c, akn.clause, akn.subclause)
        if doc.closing:
            self.block(_el(top, "conclusions"), "p", doc.closing, eId="closing")
        if doc.annexes:
            attachments = _el(top, "attachments")
            for number, annex in enumerate(doc.annexes, 1):
                self.annex(attachments, annex, number)
        return root


# Elements that hold elements only: their children go on lines of their own. Inside the others
# (a `p`, a `num`, a `heading`, and the notes in them) a space is text, and none is added.
_STRUCTURAL = frozenset(
    _A + t
    for t in ("akomaNtoso", "statement", "act", "doc", "meta", "identification", "FRBRWork", "FRBRExpression",
              "FRBRManifestation", "references", "proprietary", "preface", "preamble", "recitals", "recital",
              "formula", "mainBody", "body", "paragraph", "subparagraph", "article", "content", "intro", "wrapUp",
              "hcontainer", "blockContainer", "conclusions", "attachments", "attachment", "longTitle")
) | {_C + "document", _C + "convention"}  # fmt: skip


def _indent(node: etree._Element, depth: int) -> None:
    if node.tag not in _STRUCTURAL or not len(node) or (node.text or "").strip():
        return
    node.text = "\n" + "  " * (depth + 1)
    for child in node:
        _indent(child, depth + 1)
        child.tail = "\n" + "  " * (depth + 1)
    node[-1].tail = "\n" + "  " * depth


def render_akn(doc: Document, options: RenderOptions | None = None) -> bytes:
    """The document as Akoma Ntoso 3.0 XML (UTF-8, indented, the same bytes for the same document).

    The manifestation's date is `options.timestamp` (by default the build's: `build_timestamp`)."""
    stamp = options.timestamp if options is not None else build_timestamp(doc)  # the builder's, by default
    root = _Writer(doc, stamp.date()).document()
    _indent(root, 0)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"
