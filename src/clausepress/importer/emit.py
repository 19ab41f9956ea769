"""The importer's document model, and its YAML through the one writer: comments where the importer guessed."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections import Counter
from pathlib import Path

from ..errors import Origin
from ..forms import FORMS
from ..model import (
    Annex,
    Clause,
    Document,
    Heading,
    Inline,
    Paragraph,
    Source,
    SubClause,
    Text,
    numbered,
    plain_text,
)
from ..presentation import clause_id, clause_label, heading_id, subclause_label
from ..source import adoption_date
from ..yaml_writer import comment_key, write_yaml
from .inline import Citer
from .located import Located
from .repair import Repair
from .structure import UNPLACED, Draft
from .structure import Clause as DraftClause
from .structure import Sub as DraftSub
from .structure import Text as DraftText

# Front matter the document's own fields take; the rest goes to its metadata.
_USED_META = frozenset({"title", "short_title", "issuer", "adopted", "date", "language", "lang"})
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_ELLIPSIS: tuple[Inline, ...] = (Text("…"),)  # a part with no text of its own: the loader needs one


def emit(
    draft: Draft,
    citer: Citer,
    repairs: list[Repair],
    *,
    name: str,
    title: str,
    language: str,
    language_guessed: bool,
    meta: dict[str, str],
    title_calls_note: bool = False,
) -> tuple[Document, str]:
    """The document and its YAML. Texts are converted in reading order, so that sources come in citation order.

    `title_calls_note`: the title is the draft's, whose text calls a gathered note: it is written as
    inline text, citing it."""
    at = Origin(name, 1, 1)
    comments: dict[str, str] = {}
    issuer = meta.get("issuer") or ""
    if not issuer and draft.issuer:
        issuer = draft.issuer
        comments["issuer"] = "clausepress import: taken from the enacting line"
    adopted: _dt.date | None = None
    given = meta.get("adopted") or meta.get("date")
    if given:
        try:
            adopted = adoption_date(given)  # the loader's rule: YYYY-MM-DD, before 2108
        except ValueError:  # kept in a comment, never lost
            comments["language"] = f"clausepress import: the front matter's date '{given}' is no YYYY-MM-DD"
    elif draft.adopted:
        try:
            adopted = adoption_date(draft.adopted)
            comments["adopted"] = f"clausepress import: taken from {draft.adopted_from}"
        except ValueError:  # a day the loader refuses (after 2107): the text keeps it
            adopted = None
    if language_guessed:
        comments["language"] = "clausepress import: guessed from the text"

    # The title block first: a field that calls a note is inline text, converted in the order the
    # title block prints it; the others are plain text.
    called = {key for key, value in draft.metadata.items() if citer.calls_note(value)}
    metadata_content: dict[str, tuple[Inline, ...]] = {}
    for key, _ in FORMS[draft.form].printed({k: "" for k in draft.metadata if k in called}, called):
        if plain_text(content := citer.convert(draft.metadata[key])).strip():
            metadata_content[key] = content
    metadata = {
        key: text
        for key, value in draft.metadata.items()
        if (
            text := plain_text(metadata_content[key]) if key in metadata_content else citer.plain(value)
        ).strip()
    }
    # The title after the title block's fields: where it calls a note it is inline text too.
    title_content: tuple[Inline, ...] = ()
    if title_calls_note and draft.title is not None:
        title_content = citer.convert(draft.title)
        title = plain_text(title_content)
    formula = citer.convert(draft.formula) if draft.formula is not None else ()
    metadata.update(
        (key, value) for key, value in meta.items() if key not in _USED_META and key not in metadata
    )
    # The ids the loader gives the headings: preamble-heading-1, clause-heading-2... in reading order,
    # counted across the preamble, the operative part and the annexes.
    count = [0]

    def headings(found: list[tuple[str, Located]], prefix: str) -> tuple[Heading, ...]:
        made = []
        for label, title in found:
            count[0] += 1
            where = Origin(name, *title.where(0))
            made.append(Heading(heading_id(prefix, count[0]), label, citer.convert(title), where))
        return tuple(made)

    def paragraphs(
        found: list[DraftText], prefix: str, heading_prefix: str
    ) -> tuple[tuple[Paragraph, ...], tuple[Heading, ...]]:
        """The paragraphs, and the headings after the last of them (over none)."""
        made: list[Paragraph] = []
        heads: tuple[Heading, ...] = ()
        for paragraph in found:
            heads += headings(paragraph.headings, heading_prefix)  # reading order: before its text
            content = citer.convert(paragraph.text)
            if not plain_text(content).strip():
                continue  # a paragraph of nothing (white space alone): never written, the loader refuses it
            i = len(made) + 1
            pid = f"{prefix}-{i}"
            if paragraph.unplaced and prefix == "preamble":
                comments[comment_key("preamble", pid)] = UNPLACED
            where = Origin(name, *paragraph.text.where(0))
            made.append(Paragraph(pid, i, content, where, paragraph.label, headings=heads))
            heads = ()
        return tuple(made), heads

    preamble, over_none = paragraphs(draft.preamble, "preamble", "preamble")

    enacting: tuple[Inline, ...] = ()
    if draft.enacting is not None:
        if draft.enacting_moved:
            line = draft.enacting.where(0)[0]
            comments["enacting"] = (
                f"clausepress import: moved here from line {line}, where it opens the document"
            )
        enacting = citer.convert(draft.enacting)

    numbering = draft.numbering

    def clauses(found: list[DraftClause], prefix: str) -> tuple[Clause, ...]:
        made = []
        for i, c in enumerate(found, 1):
            heads = headings(c.headings, prefix)  # reading order: before its text
            made.append(
                dataclasses.replace(_clause(c, i, numbering, citer, comments, name, prefix), headings=heads)
            )
        return tuple(made)

    operative = _headed_first(clauses(draft.clauses, "clause"), over_none)
    closing = citer.convert(draft.closing) if draft.closing is not None else ()
    annexes = []
    for k, found in enumerate(draft.annexes, 1):
        aid = f"annex-{k}"
        title_inline = citer.convert(found.title) if found.title is not None else ()
        annex_preamble, over_none = paragraphs(found.preamble, f"{aid}-preamble", aid)
        annex_clauses = _headed_first(clauses(found.clauses, aid), over_none)
        annexes.append(
            Annex(
                id=aid,
                label=found.label.text,
                title=title_inline,
                preamble=annex_preamble,
                paragraphs=annex_clauses,
                origin=Origin(name, *found.label.where(0)),
                end_headings=(() if annex_clauses else over_none) + headings(found.end_headings, aid),
            )
        )

    citer.uncited_notes()
    sources: dict[str, Source] = {}
    for sid, fields in citer.sources.items():
        if sid in citer.comments:
            comments[comment_key("sources", sid)] = citer.comments[sid]
        url = fields.get("URL")
        sources[sid] = Source(
            id=sid, title=fields.get("title"), author=None, publisher=None, issued=None, accessed=None,
            url=url.strip() if url is not None else None, status=fields.get("status"), note=fields.get("note"),
            origin=at,
        )  # fmt: skip

    stem = Path(name).stem
    doc = numbered(
        Document(
            id=stem if _DOC_ID.match(stem) and not name.startswith("<") else "document",
            title=title,
            short_title=meta.get("short_title") or title,
            issuer=issuer,
            adopted=adopted,
            language=language,
            preamble=tuple(preamble),
            enacting=enacting,
            operative=operative,
            closing=closing,
            sources=sources,
            path=name,
            origin=at,
            numbering=numbering,
            form=draft.form,
            metadata=metadata,
            title_content=title_content,
            formula=formula,
            annexes=tuple(annexes),
            metadata_content=metadata_content,
        )
    )

    counts = Counter(r.kind for r in repairs)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    said = (
        f"Imported by `clausepress import` from {name}, with {len(repairs)} "
        f"repair{'' if len(repairs) == 1 else 's'}{f' ({summary})' if summary else ''}. Check them against "
        "the text received. Comments that start with 'clausepress import:' mark what the importer "
        "guessed or could not place."
    )
    return doc, write_yaml(doc, comments, header=f"{title}\n\n{said}", default_id=doc.id)


def _headed_first(clauses: tuple[Clause, ...], headings: tuple[Heading, ...]) -> tuple[Clause, ...]:
    """`clauses`, the first of them headed by `headings` too: those after the preamble's last paragraph."""
    if not headings or not clauses:
        return clauses
    return (dataclasses.replace(clauses[0], headings=headings + clauses[0].headings), *clauses[1:])


def _clause(
    clause: DraftClause,
    index: int,
    numbering: str,
    citer: Citer,
    comments: dict[str, str],
    name: str,
    prefix: str = "clause",
) -> Clause:
    # Reading order: the first paragraph, the sub-clauses, then the further paragraphs.
    number = clause.number if clause.number is not None else str(index)
    # The id the loader derives: from an ASCII number, else from the position ("סעיף כד", "第一条").
    cid = clause_id(prefix, number, index)
    paragraphs = [citer.convert(p.text) for p in clause.paragraphs[:1]]
    subs = _subclauses(clause.subs, cid, 1, citer, name)
    paragraphs += [citer.convert(p.text) for p in clause.paragraphs[1:]]
    if (not paragraphs or not paragraphs[0]) and not (subs and len(paragraphs) <= 1):
        # A clause with no text of its own: an article that is its list alone has none; one whose
        # list is followed by further paragraphs keeps them, after a placeholder the loader needs.
        paragraphs[:1] = [_ELLIPSIS]
    if not paragraphs:
        paragraphs = [()]
    if any(p.unplaced for p in clause.paragraphs):
        comments[comment_key("operative", cid)] = UNPLACED
    if clause.verb_guessed:
        comments[comment_key("operative", f"{cid}/verb")] = "verb guessed"
    where = Origin(name, clause.line, clause.column)
    return Clause(
        id=cid,
        number=number,
        number_explicit=clause.number is not None,
        verb=clause.verb,
        content=paragraphs[0],
        subclauses=subs,
        origin=where,
        number_origin=where,
        verb_origin=where,
        label=clause_label(number, numbering),
        paragraphs=tuple(paragraphs[1:]),
    )


def _subclauses(
    subs: list[DraftSub], parent: str, depth: int, citer: Citer, name: str
) -> tuple[SubClause, ...]:
    out: list[SubClause] = []
    for i, sub in enumerate(subs, 1):
        # The id the loader derives: from an ASCII label, else (or when a sibling has it) from the position.
        sid = f"{parent}-{sub.label}"
        if not re.fullmatch(r"[0-9A-Za-z]+", sub.label) or any(s.id == sid for s in out):
            sid = f"{parent}-{subclause_label(i, depth)}"
        where = Origin(name, *sub.text.where(0))
        content = citer.convert(sub.text) or _ELLIPSIS
        children = _subclauses(sub.subs, sid, depth + 1, citer, name)
        out.append(SubClause(sid, sub.label, sub.explicit, content, children, where, where))
    return tuple(out)
