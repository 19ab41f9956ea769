"""The document model: frozen dataclasses every writer and check consumes.

The loader (`source.py`) builds it; nothing downstream reads YAML again. Each node
carries the `Origin` (file, line, column) it was read from, so that findings and
errors can point back into the source. Origins take no part in equality: two models are
equal when they say the same, wherever each was read from (the YAML writer's round trip).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from .errors import Origin
from .presentation import joining_space, split_words

# --- inline content -----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised (italic) inline content."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised (bold) inline content."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Citation:
    """A link in the text: its anchor and the source it cites.

    `source_id` names an entry of `Document.sources`. A direct link
    (`[text](https://...)`) gets a source of its own, id `url:<address>`, so that
    every citation resolves the same way. `number` is the footnote number, 1..N in
    reading order.
    """

    children: tuple[Inline, ...]
    source_id: str
    number: int
    origin: Origin = field(compare=False)

    @property
    def anchor(self) -> str:
        return plain_text(self.children)


Inline = Text | Emphasis | Strong | Citation


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The text of inline nodes without any markup."""
    return "".join(n.text if isinstance(n, Text) else plain_text(n.children) for n in nodes)


def iter_citations(nodes: tuple[Inline, ...]) -> Iterator[Citation]:
    """Every citation in inline nodes, in reading order."""
    for n in nodes:
        if isinstance(n, Citation):
            yield n
        if not isinstance(n, Text):
            yield from iter_citations(n.children)


# --- block structure ------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading of the text, over a clause or a preamble paragraph ("I. Revitalization", "Chapter II").

    `label` is its number or letter as printed, with its punctuation ("I.", "A.", "Chapter
    II"; "" for none); headings are not counted among the clauses, whose numbering runs
    on across them.
    """

    id: str
    label: str
    content: tuple[Inline, ...]
    origin: Origin = field(compare=False)

    @property
    def text(self) -> str:
        """The heading as printed: "I. Revitalization"."""
        return " ".join(x for x in (self.label, plain_text(self.content)) if x)


@dataclass(frozen=True)
class Paragraph:
    """A preamble paragraph, with its label when recitals are lettered ("A", "B"...).

    `headings` are those printed just before it, as before a clause: a text in parts may head its
    preamble ("I. Der Deutsche Bundestag stellt fest:", then its findings), an annex its text blocks
    (an agreement's "RECITALS", a form's questions over their answers).
    """

    id: str
    index: int
    content: tuple[Inline, ...]
    origin: Origin = field(compare=False)
    label: str | None = None
    label_origin: Origin | None = field(default=None, compare=False)
    headings: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class SubClause:
    """A lettered (a), (b)... or roman (i), (ii)... sub-clause."""

    id: str
    label: str
    label_explicit: bool
    content: tuple[Inline, ...]
    subclauses: tuple[SubClause, ...]
    origin: Origin = field(compare=False)
    label_origin: Origin = field(compare=False)


RTL_LANGUAGES = frozenset({
    "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "arb", "heb", "fas", "pes", "prs", "urd",
    "yid", "pbu", "pus", "snd", "uig", "div", "lah", "pnb", "skr", "ks", "bal", "syr", "arc", "nqo", "azb",
    "glk", "mzn", "bqi", "lrc", "sdh", "ydd",
})  # fmt: skip
# Scripts written right to left (ISO 15924), when a tag names its script ("pa-Arab", "ckb-Latn").
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Samr", "Mand"})


@dataclass(frozen=True)
class Clause:
    """An operative clause: its number, italic verb, text (one or more paragraphs) and sub-clauses.

    `number` is the number as given or counted ("7"); `label` is how the document's
    numbering style shows it ("7.", "7)", "Article 7", or "" when clauses are unnumbered).
    `verb` is "" for a clause without one (articles of a convention, say).
    """

    id: str
    number: str
    number_explicit: bool
    verb: str
    content: tuple[Inline, ...]
    subclauses: tuple[SubClause, ...]
    origin: Origin = field(compare=False)
    number_origin: Origin = field(compare=False)
    verb_origin: Origin = field(compare=False)
    label: str = ""
    paragraphs: tuple[tuple[Inline, ...], ...] = ()  # further paragraphs, after the sub-clauses
    headings: tuple[Heading, ...] = ()  # the headings printed just before it ("I. ...", then "A. ...")

    @property
    def name(self) -> str:
        """How messages name the clause: its number, or "(unnumbered)" for one that has none among
        numbered clauses (`number: none`, number "")."""
        return self.number or "(unnumbered)"

    @property
    def verb_space(self) -> str:
        """What stands between the verb and the text: a space, or none in Chinese and Japanese."""
        return joining_space(self.verb, plain_text(self.content))

    @property
    def bookmark(self) -> str:
        """The clause's entry in outlines and tables of contents."""
        head = " ".join(x for x in (self.label, self.verb) if x)
        if head and self.verb:
            return head
        words = split_words(plain_text(self.content))
        opening = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        return f"{head} {opening}".strip() if not self.label.startswith("Article") else head or opening


@dataclass(frozen=True)
class Source:
    """What is known of a cited source, in CSL-JSON terms plus `status` and `note`.

    `status` is `missing` (no target known), `editorial` (the editor supplied the
    address) or `None` (given by the document itself).
    """

    id: str
    title: str | None
    author: str | None
    publisher: str | None
    issued: str | None
    accessed: str | None
    url: str | None
    status: str | None
    note: str | None
    origin: Origin = field(compare=False)
    direct: bool = False


@dataclass(frozen=True)
class Conventions:
    """The genre's conventions the checker holds a document to; None means the language's default."""

    preamble_openings: tuple[str, ...] | None = None
    preamble_endings: tuple[str, ...] | None = None
    operative_verbs: tuple[str, ...] | None = None
    operative_ending: str | None = None
    final_ending: str | None = None


@dataclass(frozen=True)
class Annex:
    """An annex: its label ("Annex", "Annex II"), title, own preamble and numbered paragraphs.

    `end_headings` stand after its last paragraph, over none: a form's last question, left
    unanswered. (The document's own parts have none: a heading there stands before a paragraph.)
    """

    id: str
    label: str
    title: tuple[Inline, ...]
    preamble: tuple[Paragraph, ...]
    paragraphs: tuple[Clause, ...]
    origin: Origin = field(compare=False)
    end_headings: tuple[Heading, ...] = ()

    def headings(self) -> list[Heading]:
        """Its headings, in reading order: over its preamble's paragraphs, its clauses, and at its end."""
        return [
            *(h for p in self.preamble for h in p.headings),
            *(h for c in self.paragraphs for h in c.headings),
            *self.end_headings,
        ]


@dataclass(frozen=True)
class Document:
    """A whole document: metadata, preamble, operative part, closing and sources.

    `form` names the document's form (forms.py: how that body prints it); `metadata` holds
    what the source records of the document (a UN symbol, the session, the agenda item, a
    catalogue's record...), in order, as plain text, of which the form's title block prints its
    own fields (`Form.printed`); `metadata_content` the inline text of the fields the source gives
    as such (a field of the title block that calls a note: "Your UNY644.¹"), in the order the title
    block prints them, each printed, its plain text in `metadata`; `formula` is the line naming the body before the preamble ("The General
    Assembly,"), `enacting` the one after it ("Now, therefore, be it"); `annexes` follow
    the closing line.
    """

    id: str
    title: str
    short_title: str
    issuer: str
    adopted: _dt.date | None  # None: the source gives no date
    language: str
    preamble: tuple[Paragraph, ...]
    enacting: tuple[Inline, ...]
    operative: tuple[Clause, ...]
    closing: tuple[Inline, ...]
    sources: dict[str, Source]
    path: str = field(compare=False)
    origin: Origin = field(compare=False)
    extra_origins: dict[str, Origin] = field(default_factory=dict, compare=False)
    conventions: Conventions = field(default_factory=Conventions)
    numbering: str = "1."
    form: str = "association"
    metadata: dict[str, str] = field(default_factory=dict)
    formula: tuple[Inline, ...] = ()
    annexes: tuple[Annex, ...] = ()
    metadata_content: dict[str, tuple[Inline, ...]] = field(default_factory=dict)
    # The title as inline text where it calls a note ("... Human Rights (a)"); `title` is its plain text.
    title_content: tuple[Inline, ...] = ()

    @property
    def direction(self) -> str:
        """The writing direction of the document's language: "rtl" or "ltr"."""
        parts = self.language.split("-")
        script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
        if script is not None:
            return "rtl" if script in RTL_SCRIPTS else "ltr"
        return "rtl" if parts[0].lower() in RTL_LANGUAGES else "ltr"

    def citations(self) -> list[Citation]:
        """Every citation in reading order (numbers 1..N): the title block's first."""
        found: list[Citation] = [
            c for content in self.metadata_content.values() for c in iter_citations(content)
        ]
        found.extend(iter_citations(self.title_content))
        found.extend(iter_citations(self.formula))
        found.extend(_paragraph_citations(self.preamble))
        found.extend(iter_citations(self.enacting))
        found.extend(_clause_citations(self.operative))
        found.extend(iter_citations(self.closing))
        for annex in self.annexes:
            found.extend(iter_citations(annex.title))
            found.extend(_paragraph_citations(annex.preamble))
            found.extend(_clause_citations(annex.paragraphs))
            found.extend(_heading_citations(annex.end_headings))
        return found

    def headings(self) -> list[Heading]:
        """The headings of the operative part, in order: not those over the preamble's paragraphs
        (which head the preamble, not a part of the operative one), nor the annexes'."""
        return [h for c in self.operative for h in c.headings]


def _heading_citations(headings: tuple[Heading, ...]) -> Iterator[Citation]:
    for h in headings:
        yield from iter_citations(h.content)


def _paragraph_citations(paragraphs: tuple[Paragraph, ...]) -> Iterator[Citation]:
    for p in paragraphs:
        yield from _heading_citations(p.headings)
        yield from iter_citations(p.content)


def _clause_citations(clauses: tuple[Clause, ...]) -> Iterator[Citation]:
    for c in clauses:
        yield from _heading_citations(c.headings)
        yield from iter_citations(c.content)
        yield from _subclause_citations(c.subclauses)
        for paragraph in c.paragraphs:  # they follow the sub-clauses
            yield from iter_citations(paragraph)


def _subclause_citations(subs: tuple[SubClause, ...]) -> Iterator[Citation]:
    for s in subs:
        yield from iter_citations(s.content)
        yield from _subclause_citations(s.subclauses)


def numbered(doc: Document) -> Document:
    """`doc` with its citations numbered 1..N in reading order (`Document.citations`'s), as
    the loader numbers them: for a model built otherwise (the importer, tests)."""
    count = 0

    def walk(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        nonlocal count
        out: list[Inline] = []
        for n in nodes:
            if isinstance(n, Citation):
                count += 1
                number = count
                out.append(dataclasses.replace(n, children=walk(n.children), number=number))
            elif isinstance(n, Text):
                out.append(n)
            else:
                out.append(dataclasses.replace(n, children=walk(n.children)))
        return tuple(out)

    def subs(items: tuple[SubClause, ...]) -> tuple[SubClause, ...]:
        return tuple(
            dataclasses.replace(s, content=walk(s.content), subclauses=subs(s.subclauses)) for s in items
        )

    def headings(items: tuple[Heading, ...]) -> tuple[Heading, ...]:
        return tuple(dataclasses.replace(h, content=walk(h.content)) for h in items)

    def clauses(items: tuple[Clause, ...]) -> tuple[Clause, ...]:
        out = []
        for c in items:  # the order of _clause_citations
            heads = headings(c.headings)
            content = walk(c.content)
            children = subs(c.subclauses)
            paragraphs = tuple(walk(p) for p in c.paragraphs)
            out.append(dataclasses.replace(c, headings=heads, content=content, subclauses=children,
                                           paragraphs=paragraphs))  # fmt: skip
        return tuple(out)

    def preamble(items: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        out = []
        for p in items:  # the order of _paragraph_citations
            heads = headings(p.headings)
            out.append(dataclasses.replace(p, headings=heads, content=walk(p.content)))
        return tuple(out)

    metadata_content = {key: walk(content) for key, content in doc.metadata_content.items()}
    title_content = walk(doc.title_content)
    formula = walk(doc.formula)
    pre = preamble(doc.preamble)
    enacting = walk(doc.enacting)
    operative = clauses(doc.operative)
    closing = walk(doc.closing)
    annexes = []
    for a in doc.annexes:
        title = walk(a.title)
        pre_a, paragraphs = preamble(a.preamble), clauses(a.paragraphs)
        annexes.append(
            dataclasses.replace(
                a, title=title, preamble=pre_a, paragraphs=paragraphs, end_headings=headings(a.end_headings)
            )
        )
    return dataclasses.replace(doc, metadata_content=metadata_content, title_content=title_content,
                               formula=formula, preamble=pre,
                               enacting=enacting, operative=operative, closing=closing,
                               annexes=tuple(annexes))  # fmt: skip
