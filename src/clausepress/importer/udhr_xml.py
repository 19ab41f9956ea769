"""The Unicode UDHR project's XML (`udhr_<code>.xml`) as the importer's Draft: a declaration in articles.

`<udhr xml:lang=...>` holds a `<title>`, sometimes an editor's `<note>` before it, the
`<preamble>` (its own `<title>`, then `<para>`s: the recitals and the proclamation) and
thirty `<article number="N">`s, each with its `<title>` ("Article 1", "Artigo 1.º", "제 1 조")
and `<para>`s or an `<orderedlist>` of `<listitem>`s (numbered by position, or by their `tag`).
The parts go where the text importer puts them for a UDHR text: the note and the preamble's
heading into the metadata, the proclamation after the recitals as the enacting line, each
article a clause labelled as printed, its list items sub-clauses.
"""

from __future__ import annotations

from ..forms import FORMS
from ..presentation import clause_label, subclause_label
from .located import Located
from .repair import Repair
from .structure import Clause, Draft, Sub, Text, numbering_style, proclamation
from .xmlsource import Element, numbering_of, text_of

__all__ = ["NAMESPACE", "ROOTS", "read"]

NAMESPACE = "http://www.unhchr.ch/udhr"
ROOTS = ("udhr",)
_FORM = FORMS["articles"]


def _subs(items: Element, depth: int, repairs: list[Repair]) -> list[Sub]:
    """The items of an ordered list: each its paragraphs, its own list one level down."""
    subs: list[Sub] = []
    for position, item in enumerate(items.elements("listitem"), 1):
        paragraphs = [text_of(p) for p in item.elements("para")]
        if len(paragraphs) > 1:
            repairs.append(
                Repair(item.line, item.column, "items-joined",
                       f"the {len(paragraphs)} paragraphs of this list item are joined: a sub-clause has one")
            )  # fmt: skip
        children: list[Sub] = []
        for inner in item.elements("orderedlist"):
            if depth < 2:
                children += _subs(inner, depth + 1, repairs)
            else:
                paragraphs.append(text_of(inner))
                repairs.append(
                    Repair(inner.line, inner.column, "items-joined", "a third-level list: run into its item")
                )  # fmt: skip
        tag = item.get("tag").strip("().")
        label = tag if tag.isalnum() and len(tag) <= 12 else str(position)
        text = Located.join(paragraphs) if paragraphs else Located.at("", item.line, item.column)
        subs.append(Sub(label, label != subclause_label(position, depth), text, depth, children))
    return subs


def _article(article: Element, repairs: list[Repair]) -> tuple[Clause, Element | None]:
    number = article.get("number").strip() or None
    clause = Clause(number, "", False, [], article.line, article.column, 0)
    for el in article.elements():
        if el.tag == "para":
            words = text_of(el)
            if clause.subs and not clause.paragraphs:
                clause.paragraphs.append(Text(Located.at("", el.line, el.column)))
            clause.paragraphs.append(Text(words, moved=bool(clause.subs)))
        elif el.tag == "orderedlist":
            clause.subs += _subs(el, 1, repairs)
        elif el.tag != "title":
            words = text_of(el)
            short = words.text if len(words.text) <= 50 else words.text[:49] + "…"
            repairs.append(
                Repair(el.line, el.column, "unplaced-text",
                       f"'{short}' (<{el.tag}>) fits no part of a source; kept as a paragraph of article {number}")
            )  # fmt: skip
            clause.paragraphs.append(Text(words, unplaced=True, moved=bool(clause.subs)))
    if clause.subs and len(clause.paragraphs) > 1 and not clause.paragraphs[1].moved:
        repairs.append(
            Repair(*clause.paragraphs[1].text.where(0), "unplaced-text",
                   "this paragraph stands before the article's list; clausepress prints an article's further "
                   "paragraphs after its sub-clauses")
        )  # fmt: skip
    if not clause.paragraphs:
        clause.needs_text = True
    return clause, article.first("title")


def read(root: Element, text: str, repairs: list[Repair]) -> tuple[Draft, str | None, str | None]:
    """The draft of a UDHR document, its language (xml:lang) and short title (none but the title)."""
    metadata: dict[str, Located] = {}
    title: Located | None = None
    preamble: list[Text] = []
    articles: list[tuple[Clause, Element | None]] = []
    for el in root.elements():
        if el.tag == "title" and title is None:
            title = text_of(el)
        elif el.tag == "note" and ("headnote" if title is None else "note") not in metadata:
            key, where = ("headnote", "before") if title is None else ("note", "under")
            metadata[key] = text_of(el)
            repairs.append(
                Repair(el.line, el.column, "furniture", f"the note {where} the title: kept in the metadata")
            )  # fmt: skip
        elif el.tag == "preamble":
            for part in el.elements():
                if part.tag == "title" and not preamble and "preamble heading" not in metadata:
                    metadata["preamble heading"] = words = text_of(part)
                    repairs.append(
                        Repair(part.line, part.column, "furniture",
                               f"'{words.text[:40]}' is the preamble heading: kept in the metadata")
                    )  # fmt: skip
                elif part.tag == "para":
                    preamble.append(Text(text_of(part)))
                else:
                    words = text_of(part)
                    repairs.append(
                        Repair(part.line, part.column, "unplaced-text",
                               f"'{words.text[:40]}' (<{part.tag}>) fits no part of a source; kept as a preamble paragraph")
                    )  # fmt: skip
                    preamble.append(Text(words, unplaced=True))
        elif el.tag == "article":
            articles.append(_article(el, repairs))
        else:
            key = el.tag if el.tag not in metadata else f"{el.tag} ({len(metadata) + 1})"
            metadata[key] = text_of(el)
            repairs.append(
                Repair(el.line, el.column, "furniture", f"<{el.tag}> is no part of the declaration: kept in the metadata")
            )  # fmt: skip
    enacting = proclamation(preamble, metadata, repairs)
    printed = [(c.number or "", text_of(t).text) for c, t in articles if t is not None]
    numbering = numbering_style(numbering_of(printed, _FORM.numbering))
    for clause, heading in articles:
        if heading is None:
            continue
        printed_label = text_of(heading).text
        if printed_label != clause_label(clause.number or "", numbering):
            repairs.append(
                Repair(heading.line, heading.column, "unplaced-text",
                       f"'{printed_label[:40]}' is not the label the numbering gives article {clause.number}: "
                       "kept as its first paragraph")
            )  # fmt: skip
            clause.paragraphs.insert(0, Text(text_of(heading), unplaced=True))
            clause.needs_text = False
    return (
        Draft(
            title=title,
            preamble=preamble,
            enacting=enacting,
            enacting_moved=False,
            clauses=[c for c, _ in articles],
            numbering=numbering,
            closing=None,
            form=_FORM.name,
            metadata=metadata,
        ),
        root.get("xml:lang") or None,
        None,
    )
