"""USLM, the US Government Publishing Office's United States Legislative Markup, as the importer's Draft.

A bill or resolution (`<resolution>`, `<bill>`) gives its parts as elements: the printed
title block (`<preface>`: congress, session, designation, chamber, the actions that name
its sponsors), its title (`<longTitle>`), recitals (`<preamble>`), the resolving words
(`<resolvingClause>`: "Resolved, That") and its sections with their numbered subsections,
paragraphs and subparagraphs (`<main>`), and the signatures. Each becomes the part of the
document the text importer would make of it; what is never printed (the machine-readable
`<meta>`, the endorsement that repeats the title block on the back page) is left out, each
with a repair that holds its markup, and what has no place is kept with a repair.
"""

from __future__ import annotations

from ..forms import FORMS
from ..presentation import clause_label, subclause_label
from .located import Located
from .repair import Repair
from .structure import Clause, Draft, Sub, Text, numbering_style
from .xmlsource import Element, numbering_of, text_of

__all__ = ["NAMESPACE", "ROOTS", "read"]

NAMESPACE = "http://schemas.gpo.gov/xml/uslm"
ROOTS = ("resolution", "bill")

# Elements that run on with the text around them.
_INLINE = frozenset({
    "i", "b", "inline", "sup", "sub", "ref", "date", "term", "sponsor", "cosponsor", "committee", "span",
    "quotedText", "shortTitle", "del", "ins", "entity", "organization", "person", "amendingAction",
})  # fmt: skip
# The levels of a section, outermost first; and the levels above sections, which print as headings.
_LEVELS = ("subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem", "subsubitem")
_DIVISIONS = ("division", "subdivision", "title", "subtitle", "part", "subpart", "chapter", "subchapter")
_LEAD = ("chapeau", "content", "text", "p")
_FORM = FORMS["us-congress"]


class _Reader:
    def __init__(self, text: str, repairs: list[Repair]) -> None:
        self.text = text
        self.repairs = repairs
        self.metadata: dict[str, Located] = {}
        self.titles: list[tuple[Element, Located]] = []  # (element, text): the official title first
        self.preamble: list[Text] = []
        self.enacting: Located | None = None
        self.resolving: Located | None = None  # "Resolved," waiting for the section it opens
        self.clauses: list[Clause] = []
        self.pending: list[tuple[str, Located]] = []  # headings waiting for the clause after them
        self.printed: list[tuple[Clause, Element]] = []  # each numbered clause and its <num>
        self.closing: list[Located] = []

    def keep(self, key: str, value: Located) -> None:
        """`value` in the metadata under `key` ("action", then "action (2)"...)."""
        if not value.text:
            return
        n = sum(k.split(" (")[0] == key for k in self.metadata)
        self.metadata[key if n == 0 else f"{key} ({n + 1})"] = value

    def unplaced(self, element: Element, where: str) -> Located:
        found = text_of(element, _INLINE)
        short = found.text if len(found.text) <= 50 else found.text[:49] + "…"
        self.repairs.append(
            Repair(element.line, element.column, "unplaced-text",
                   f"'{short}' (<{element.tag}>) fits no part of a source; kept as {where}: move or delete it")
        )  # fmt: skip
        return found

    # --- the title block ---------------------------------------------------------------------

    def preface(self, preface: Element) -> None:
        kind: Located | None = None
        for el in preface.elements():
            tag = el.tag
            if tag == "type":  # dc:type, "H. CON. RES. ", then docNumber
                kind = text_of(el, _INLINE)
            elif tag == "docNumber":
                number = text_of(el, _INLINE)
                self.keep("number", Located.join([kind, number]) if kind is not None else number)
                kind = None
            elif tag == "title":
                self.titles.append((el, text_of(el, _INLINE)))
            elif tag == "action":
                self.action(el)
            elif tag == "relatedDocument":
                self.keep(el.get("role") or "related document", text_of(el, _INLINE))
            else:
                key = {"congress": "congress", "session": "session", "currentChamber": "chamber",
                       "slugLine": "slug line", "distributionCode": "distribution code"}.get(tag, tag)  # fmt: skip
                self.keep(key, text_of(el, _INLINE))
        if kind is not None:
            self.keep("number", kind)

    def action(self, action: Element) -> None:
        """The first action that names a sponsor is the introduction: its date and its words ("Ms. Titus
        (for herself and Mr. Meadows) submitted the following concurrent resolution; ..."); others are kept
        as printed, date and all."""
        date, description = action.first("date"), action.first("actionDescription")
        sponsored = description is not None and description.first("sponsor") is not None
        if sponsored and "introduced" not in self.metadata and date is not None and description is not None:
            self.keep("introduced", text_of(date, _INLINE))
            self.keep("sponsor", text_of(description, _INLINE))
        else:
            self.keep("action", text_of(action, _INLINE))

    # --- the body ------------------------------------------------------------------------------

    def main(self, main: Element) -> None:
        sections = [s for s in main.elements("section")]
        for el in main.elements():
            if el.tag == "longTitle":
                for part in el.elements():
                    if part.tag == "officialTitle":
                        self.titles.insert(0, (part, text_of(part, _INLINE)))
                    elif part.tag == "docTitle":
                        self.keep("designation", text_of(part, _INLINE))
                    else:
                        self.keep(part.tag, text_of(part, _INLINE))
            elif el.tag == "preamble":
                self.preamble_of(el)
            elif el.tag in ("resolvingClause", "enactingFormula"):
                self.resolve(el)
            elif el.tag == "section":
                self.section(el, last=el is sections[-1])
            elif el.tag in _DIVISIONS:
                self.division(el)
            else:
                self.heading_or_unplaced(el)

    def preamble_of(self, preamble: Element) -> None:
        for el in preamble.elements():
            if el.tag == "recital":
                items = [p for p in el.elements() if p.tag in _LEVELS]
                if items:
                    labels = ", ".join(
                        text_of(n, _INLINE).text for p in items if (n := p.first("num")) is not None
                    )
                    self.repairs.append(
                        Repair(items[0].line, items[0].column, "items-joined",
                               f"the numbered items {labels} of this recital are run into it: a preamble paragraph "
                               "has no items")
                    )  # fmt: skip
                self.preamble.append(Text(text_of(el, _INLINE)))
            elif el.tag in ("resolvingClause", "enactingFormula"):
                self.resolve(el)
            else:
                self.preamble.append(Text(self.unplaced(el, "a preamble paragraph"), unplaced=True))

    def resolve(self, el: Element) -> None:
        words = text_of(el, _INLINE)
        if self.resolving is not None:  # two resolving clauses in a row: the first opens no section
            self.resolving = self.resolving.append(" ", words)
        else:
            self.resolving = words

    def section(self, section: Element, last: bool) -> None:
        resolving, self.resolving = self.resolving, None
        num = section.first("num")
        levels = [el for el in section.elements() if el.tag in _LEVELS]
        leads = [el for el in section.elements() if el.tag in _LEAD]
        if (
            resolving is not None
            and num is None
            and last
            and levels
            and [e.tag for e in leads] == ["chapeau"]
        ):
            # "Resolved, That the Senate—" over numbered paragraphs: the enacting line, and they the clauses.
            self.enacting = resolving.append(" ", text_of(leads[0], _INLINE))
            for level in levels:
                self.unit(level)
            self.trailing(section, skip=("chapeau", *_LEVELS))
            return
        if resolving is not None and num is not None:  # "Resolved by the House ...," over SEC. 1, SEC. 2...
            self.enacting = resolving if self.enacting is None else self.enacting.append(" ", resolving)
            resolving = None
        self.unit(section, resolving)

    def unit(self, unit: Element, resolving: Located | None = None) -> None:
        """A clause of the document: a section, or a numbered paragraph under an enacting line."""
        num = unit.first("num")
        clause = Clause(
            num.get("value") or None if num is not None else None, "", False, [], unit.line, unit.column, 0
        )
        clause.headings, self.pending = self.pending, []
        if num is not None:
            self.printed.append((clause, num))
        caption = unit.first("heading")
        if caption is not None:
            words = text_of(caption, _INLINE)
            self.repairs.append(
                Repair(caption.line, caption.column, "unplaced-text",
                       f"'{words.text[:40]}' is the caption of {num and text_of(num, _INLINE).text or 'a section'}: "
                       "the model has no place for it; kept as the clause's first paragraph")
            )  # fmt: skip
            clause.paragraphs.append(Text(words, unplaced=True))
        before_levels = True
        for el in unit.elements():
            if el.tag in ("num", "heading"):
                continue
            if el.tag in _LEVELS:
                before_levels = False
                clause.subs.append(self.sub(el, 1, len(clause.subs) + 1))
            elif el.tag in _LEAD or el.tag == "continuation":
                words = text_of(el, _INLINE)
                if resolving is not None:
                    words, resolving = resolving.append(" ", words), None
                moved = bool(clause.subs) or not before_levels
                clause.paragraphs.append(Text(words, moved=moved))
            elif self.heading(el) is None:
                clause.paragraphs.append(Text(self.unplaced(el, "a paragraph of the clause"), unplaced=True))
        if resolving is not None:  # a section with no text of its own
            clause.paragraphs.insert(0, Text(resolving))
        if clause.subs and len(clause.paragraphs) > 1 and not clause.paragraphs[1].moved:
            where = clause.paragraphs[1].text.where(0)
            self.repairs.append(
                Repair(*where, "unplaced-text", "this paragraph stands before the clause's numbered items; "
                       "clausepress prints a clause's further paragraphs after them")
            )  # fmt: skip
        self.clauses.append(clause)

    def sub(self, level: Element, depth: int, position: int) -> Sub:
        """A numbered level under a clause: (a) in a section, (1) under it; deeper levels run into their parent."""
        num = level.first("num")
        label = num.get("value") if num is not None else ""
        if not label.isalnum() or len(label) > 12:
            label = ""
        parts: list[Located] = []
        children: list[Sub] = []
        for el in level.elements():
            if el.tag == "num":
                continue
            if el.tag in _LEVELS and depth < 2:
                children.append(self.sub(el, depth + 1, len(children) + 1))
                continue
            if el.tag in _LEVELS:
                self.repairs.append(
                    Repair(el.line, el.column, "items-joined",
                           f"'{text_of(el, _INLINE).text[:40]}' is a third-level item: run into the one above it")
                )  # fmt: skip
            parts.append(text_of(el, _INLINE))
        text = (
            Located.join([p for p in parts if p.text]) if parts else Located.at("", level.line, level.column)
        )
        expected = subclause_label(position, depth)
        return Sub(label or expected, bool(label) and label != expected, text, depth, children)

    def trailing(self, element: Element, skip: tuple[str, ...]) -> None:
        for el in element.elements():
            if el.tag not in skip and el.tag != "num" and self.heading(el) is None:
                self.closing.append(self.unplaced(el, "part of the closing"))

    def division(self, division: Element) -> None:
        """A title, part or chapter of a bill: its number and heading, then its sections."""
        num, heading = division.first("num"), division.first("heading")
        label = text_of(num, _INLINE).text if num is not None else ""
        title = (
            text_of(heading, _INLINE)
            if heading is not None
            else Located.at("", division.line, division.column)
        )
        self.pending.append((label, title))
        sections = list(division.elements("section"))
        for el in division.elements():
            if el.tag == "section":
                self.section(el, last=el is sections[-1])
            elif el.tag in _DIVISIONS:
                self.division(el)
            elif el.tag not in ("num", "heading"):
                self.heading_or_unplaced(el)

    def heading(self, el: Element) -> Located | None:
        """An element that holds nothing but a heading (GPO's `<appropriations>` holding "article i: abuse
        of power"): a heading of the operative part, before the clause that follows."""
        kids = list(el.elements())
        if el.tag == "heading" or (len(kids) == 1 and kids[0].tag == "heading"):
            title = text_of(el, _INLINE)
            self.pending.append(("", title))
            return title
        return None

    def heading_or_unplaced(self, el: Element) -> None:
        if self.heading(el) is None:
            self.closing.append(self.unplaced(el, "part of the closing"))

    # --- the whole -----------------------------------------------------------------------------

    def title(self) -> Located | None:
        """The official title; a second copy of it (the preface's) is left out, with a repair."""
        if not self.titles:
            return None
        (_, title), *others = self.titles
        for el, other in others:
            if other.text == title.text:
                self.repairs.append(el.removal(self.text, "the title block repeats the title: left out"))
            else:
                self.keep("title (preface)", other)
        return title

    def draft(self) -> Draft:
        title = self.title()
        if title is None and "number" in self.metadata:
            title = self.metadata["number"]
            line, column = title.where(0)
            self.repairs.append(
                Repair(line, column, "no-title", f"the resolution prints no title: its designation '{title.text}' "
                       "stands in; set one")
            )  # fmt: skip
        if self.pending and self.clauses:
            for _, heading in self.pending:
                self.clauses[-1].paragraphs.append(Text(heading, unplaced=True))
                line, column = heading.where(0)
                self.repairs.append(
                    Repair(line, column, "unplaced-text", "a heading after the last clause: kept as its last paragraph")
                )  # fmt: skip
        if self.resolving is not None:
            self.closing.insert(0, self.resolving)
        numbering = "none"
        if self.printed:
            printed = [(c.number or "", text_of(num, _INLINE).text) for c, num in self.printed]
            numbering = numbering_style(numbering_of(printed, "1."))
            for (_, num), (number, label) in zip(self.printed, printed, strict=True):
                if (
                    label.rstrip(".") != clause_label(number, numbering).rstrip(".")
                    and label.strip("().") != number
                ):
                    self.repairs.append(
                        num.removal(self.text, f"'{label}' is printed '{clause_label(number, numbering)}', the "
                                    "numbering of the other clauses", kind="relabelled")
                    )  # fmt: skip
        return Draft(
            title=title,
            preamble=self.preamble,
            enacting=self.enacting,
            enacting_moved=False,
            clauses=self.clauses,
            numbering=numbering,
            closing=Located.join(self.closing) if self.closing else None,
            form=_FORM.name,
            metadata=_ordered(self.metadata),
        )


def _ordered(metadata: dict[str, Located]) -> dict[str, Located]:
    """The form's keys first, in its order (congress, session, number, chamber...), then the rest."""
    first = {k: metadata[k] for k in _FORM.metadata if k in metadata}
    return first | {k: v for k, v in metadata.items() if k not in first}


def read(root: Element, text: str, repairs: list[Repair]) -> tuple[Draft, str | None, str | None]:
    """The draft of a USLM document, its language (xml:lang, else dc:language) and short title (its
    designation, "H. CON. RES. 16", for the running head), where it gives them."""
    reader = _Reader(text, repairs)
    language = root.get("xml:lang") or None
    for el in root.elements():
        if el.tag == "meta":
            stated = el.first("language")
            if language is None and stated is not None:
                language = text_of(stated).text.lower() or None
            repairs.append(el.removal(text, "the <meta> block is USLM's machine-readable metadata, never printed: "
                                      "left out (the printed title block, the <preface>, is kept)"))  # fmt: skip
        elif el.tag == "preface":
            reader.preface(el)
        elif el.tag == "main":
            reader.main(el)
        elif el.tag == "endorsement":
            repairs.append(
                el.removal(text, "the endorsement (the back page, repeating the title block) is left out")
            )
        elif el.tag == "endMarker":
            repairs.append(el.removal(text, "the end marker is a printer's mark: left out"))
        elif el.tag in ("signatures", "signature", "attestation"):
            reader.closing.append(text_of(el, _INLINE))
        else:
            reader.closing.append(reader.unplaced(el, "part of the closing"))
    draft = reader.draft()
    number = draft.metadata.get("number")
    return draft, language, number.text if number is not None else None
