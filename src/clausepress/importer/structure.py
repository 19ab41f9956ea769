"""The parts of a resolution, told from its paragraphs: title, preamble, enacting line, clauses, closing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..check.conventions import unspaced_verb
from ..errors import Origin, SourceError
from ..forms import FORMS, Form
from ..presentation import NUMBERING_STYLES, joining_space, number_value, subclause_label
from .genre import editorial, furniture, masthead, recitals_end
from .head import Head
from .located import Located
from .paragraphs import Block
from .patterns import (
    CHAPEAU,
    SENTINELS,
    Marker,
    find_date,
    guess_language,
    is_adoption_line,
    is_article_line,
    is_formula,
    is_resolved_line,
    is_resolving_alone,
    is_roman,
    marker,
    opens_as_recital,
)
from .repair import Repair

UNPLACED = "clausepress import: unplaced text kept here"


@dataclass
class Text:
    """A paragraph of some part, and whether it was put there for want of a better place."""

    text: Located
    unplaced: bool = False
    label: str | None = None  # a lettered recital's label
    moved: bool = False  # a clause's further paragraph that stood before one of its sub-clauses
    headings: list[tuple[str, Located]] = field(default_factory=list)  # (label, title) printed before it
    heading: str | None = None  # a heading over the paragraph after it, with this label ("I.", "")


@dataclass
class Sub:
    """A sub-clause: its label as found, its text and its own sub-clauses."""

    label: str
    explicit: bool  # the label differs from the one its position gives: written out
    text: Located
    indent: int
    subs: list[Sub] = field(default_factory=list)


@dataclass
class Clause:
    """An operative clause as found."""

    number: str | None
    verb: str
    verb_guessed: bool
    paragraphs: list[Text]
    line: int
    column: int
    indent: int
    subs: list[Sub] = field(default_factory=list)
    needs_text: bool = False  # "Article 3" on a line of its own: its text is the next paragraph
    headings: list[tuple[str, Located]] = field(default_factory=list)  # (label, title) printed before it


@dataclass
class Annex:
    """An annex as found: its label ("Annex", "Annex II"), title, unnumbered paragraphs and clauses, and
    the headings after its last paragraph, over none."""

    label: Located
    title: Located | None
    preamble: list[Text]
    clauses: list[Clause]
    end_headings: list[tuple[str, Located]] = field(default_factory=list)


@dataclass
class Draft:
    """The document as the importer understood it, its texts still located in the input."""

    title: Located | None
    preamble: list[Text]
    enacting: Located | None
    enacting_moved: bool
    clauses: list[Clause]
    numbering: str
    closing: Located | None
    issuer: str | None = None
    adopted: str | None = None
    adopted_from: str = "the closing line"  # where the date of adoption was read
    form: str = "association"
    metadata: dict[str, Located] = field(default_factory=dict)
    formula: Located | None = None
    annexes: list[Annex] = field(default_factory=list)


_ITEMS = ("clause", "article", "bullet", "resolving")


def numbering_style(style: str) -> str:
    """`style` when it can number the clauses ("1.", "Article 1", "SEC. 1."); else "1." ("(1)" labels sub-clauses)."""
    return style if style in NUMBERING_STYLES or style.count("1") == 1 and style[0] != "(" else "1."


def _resolving(text: str, form: Form) -> Marker | None:
    """A clause the form opens with its resolving words ("Resolved, That", "BE IT FURTHER RESOLVED"),
    its words kept as its text; or a section ("Section 1."), its number taken."""
    # A form may borrow the other forms' resolving words (an association's "Resolved, That").
    patterns = [form.resolving] + (
        [f.resolving for f in FORMS.values() if f is not form] if form.borrows_resolving else []
    )
    m = next((found for p in patterns if (found := p.match(text)) is not None), None)
    if m is None:
        return None
    groups = m.groupdict()
    if groups.get("n"):
        after = re.match(r"[.:](?:\*\*)?\s*", text[m.end("n") :])
        end = m.end("n") + (after.end() if after else 0)
        return Marker("clause", f"{groups['word']} 1.", groups["n"], end, text[:end].rstrip())
    return Marker("resolving", "none", "", 0, "")


def classify(
    blocks: list[Block],
    md: bool,
    name: str,
    repairs: list[Repair],
    form: Form,
    titled: bool = False,
    head: Head | None = None,
) -> Draft:
    """Tell each paragraph's part in a document of `form`; raise SourceError when there is no clause at all.

    `titled`: the front matter gives the title, so the first paragraph is no title. `head`: the
    title block read before the paragraphs were made (its title and metadata fields).
    """
    if not blocks:
        raise SourceError("the input is empty: expected a resolution's text", Origin(name, 1, 1))
    metadata: dict[str, Located] = dict(head.metadata) if head is not None else {}
    blocks = furniture(
        editorial(blocks, form, metadata, repairs), form, metadata, repairs, titled or head is not None
    )
    if not blocks:
        raise SourceError("the input is empty: expected a resolution's text", Origin(name, 1, 1))
    if not titled and head is None:
        found = _before_formula(blocks, form, metadata, repairs)
        if found is not None:
            found_title, blocks = found
            head = Head(found_title, {})
    if not titled and head is None:
        blocks[0] = masthead(blocks[0], form, metadata, repairs)
    blocks = [_marker_out_of_bold(b) if md else b for b in blocks]
    marks: list[Marker | None] = [None if b.heading else marker(b.text.text, md) for b in blocks]
    marks = [
        m if m is not None or b.heading else _resolving(b.text.text, form) or _lost_item(b)
        for b, m in zip(blocks, marks, strict=True)
    ]
    if any(m is not None and m.kind == "article" for m in marks):
        _bare_labels(blocks, marks)
    blocks, marks = _resolving_words_alone(blocks, marks, repairs)
    _part_headings(blocks, marks, repairs)
    resolved_before = False
    for i, m in enumerate(marks[:-1]):
        after = marks[i + 1]
        if after is None and i + 2 < len(marks) and blocks[i].text.text.rstrip().endswith(":"):
            after = marks[i + 2]  # "BE IT RESOLVED ..., as follows:" over a paragraph, then 1., 2.
        if m is not None and m.kind == "resolving" and after is not None and after.kind == "clause":
            if resolved_before and blocks[i].text.text.rstrip().endswith(":"):
                _items_of_resolving(marks, i + 1)  # "BE IT FURTHER RESOLVED: That ... to:" over 1., 2.
            else:
                marks[i] = None  # "Resolved, That the Society" over numbered clauses: the enacting line
        resolved_before = resolved_before or (m is not None and m.kind == "resolving")
        if m is not None and m.kind == "resolving" and blocks[i].text.text.rstrip().endswith(":"):
            _lost_items_of_resolving(blocks, marks, i + 1, repairs)
    title: Located | None = head.title if head is not None else None
    start = 0
    if head is not None:
        if title is None and not titled and not any(r.kind == "no-title" for r in repairs):
            no, column = blocks[0].text.where(0)
            repairs.append(Repair(no, column, "no-title", "the title block prints no title: set one"))
        titled = True
    if not titled and _foreword_before_title(blocks, marks):
        metadata["headnote"] = blocks[0].text
        no, column = blocks[0].text.where(0)
        repairs.append(
            Repair(no, column, "furniture", "the text before the title is a foreword: kept in the metadata")
        )
        blocks, marks = blocks[1:], marks[1:]
    if not titled:
        blocks, marks = _designations(blocks, marks, form, metadata, repairs)
    if titled:
        pass
    elif blocks[0].heading or marks[0] is None:
        title, start = blocks[0].text, 1
    else:
        no, column = blocks[0].text.where(0)
        repairs.append(
            Repair(no, column, "no-title", "the text opens with a clause: no title found; set one")
        )

    body, body_marks = blocks[start:], marks[start:]
    body, body_marks = _repeated_title(body, body_marks, title, metadata, repairs)
    resolved_alone = _resolving_line_between_numbered(body, body_marks, repairs)
    _unnumbered_clauses(body, body_marks, form, repairs)
    _numbered_recitals(body, body_marks, form, repairs)
    _verbs_before_numbers(body, body_marks, form)
    recitals = _recitals(body, body_marks, form)
    numbered = [i for i, m in enumerate(body_marks) if m is not None and m.kind in ("clause", "article")]
    resolving = [i for i, m in enumerate(body_marks) if m is not None and m.kind == "resolving"]
    if resolving and (not numbered or resolving[0] < numbered[0]):
        numbered = [resolving[0]]  # "BE IT RESOLVED: That ..." opens the clauses, numbered ones its items
    items = [i for i, m in enumerate(body_marks) if m is not None and m.kind in _ITEMS]
    if not items:
        where = body[0].text if body else blocks[0].text
        no, column = where.where(0)
        raise SourceError(
            "no operative clause found: expected clauses numbered '1.', '1)' or 'Article 1', "
            "or a list of items",
            Origin(name, no, column),
        )
    # The enacting line: the last paragraph before the operative part that introduces items.
    limit = numbered[0] if numbered else len(body)
    enacting_at = None
    for i in range(min(limit, len(body) - 1)):
        following = body_marks[i + 1]
        if (
            body_marks[i] is None
            and not body[i].heading
            and i not in recitals  # "WHEREAS, ...:" leads to the clauses but is a recital
            and (
                following is not None and following.kind in _ITEMS or _leads_in_over_one(body, body_marks, i)
            )
        ):
            text = body[i].text.text.rstrip()
            if (
                (text.endswith((":", "：")) or is_resolved_line(text))
                and not _several_sentences(text)
                and not _parties_run_on(text, form)
            ):
                enacting_at = i
    if resolved_alone is not None:
        enacting_at = resolved_alone
    op_start = enacting_at + 1 if enacting_at is not None else (numbered[0] if numbered else items[0])
    # A chapter heading ("CHAPTER I", then its title line) before the first article opens the operative part.
    back = op_start
    while back > 0 and (
        body[back - 1].heading
        or _is_heading(body[back - 1], body_marks[back - 1], form)
        or (form.bare_headings and _bare_heading(body, body_marks, back - 1))
        or _heads_part(body_marks[back - 1])
    ):
        back -= 1
        if (
            form.chapter.match(body[back].text.text.strip())
            or form.bare_headings
            or _heads_part(body_marks[back])
        ):
            op_start = back
    preamble = [
        _preamble_text(b, m)
        for b, m in zip(
            body[: enacting_at if enacting_at is not None else op_start], body_marks, strict=False
        )
    ]
    enacting = body[enacting_at].text if enacting_at is not None else None
    formula = None
    if preamble and is_formula(preamble[0].text.text, form):
        formula = preamble.pop(0).text
    if recitals:
        # Past the formula, if it was taken: the recitals' places in the preamble that is left.
        popped = int(formula is not None)
        places = [i - popped for i in recitals if i >= popped]
        if places:
            found_formula = _recital_runs(preamble, body_marks[popped:], places, metadata, repairs)
            formula = found_formula or formula
        preamble[:] = [part for p in preamble for part in _run_together(p, form, repairs)]
    elif resolved_alone is not None:
        _headnote_before_labelled(preamble, metadata, repairs)
    if form.citation_mark:
        for paragraph in preamble:
            _mark_citation(paragraph, form, repairs)
    if enacting is None and form.name == "articles":
        enacting = proclamation(preamble, metadata, repairs)
    moved = False
    if enacting is None and preamble and _opens_like_an_enacting_line(preamble[0].text.text):
        enacting, moved = preamble.pop(0).text, True
        no, column = enacting.where(0)
        repairs.append(
            Repair(
                no, column, "moved-text",
                f"'{enacting.text}' opens the document as its enacting formula; kept as the enacting line, "
                "which clausepress prints after the preamble",
            )
        )  # fmt: skip

    ops, op_marks = body[op_start:], body_marks[op_start:]
    # The annexes: from the first annex heading on ("Annex", "Annex II"), after the closing line.
    annex_at = next(
        (i for i, b in enumerate(ops) if i > 0 and form.annex.fullmatch(b.text.text.strip())), len(ops)
    )
    annexes = _annexes(ops[annex_at:], op_marks[annex_at:], repairs, form)
    ops, op_marks = ops[:annex_at], op_marks[:annex_at]
    if not annexes and (lost := _after_the_last_clause(ops, op_marks, form)) < len(ops):
        lost_parts = ops[lost:]
        no, column = lost_parts[0].text.where(0)
        repairs.append(
            Repair(
                no, column, "annex",
                "the paragraphs after the clause that ends the operative part are an annex whose heading the "
                "copy lost: kept as an annex with no label",
            )
        )  # fmt: skip
        annexes = [Annex(lost_parts[0].text[:0], None, [Text(b.text) for b in lost_parts], [])]
        ops, op_marks = ops[:lost], op_marks[:lost]
    ops, op_marks = _after_last_clause(ops, op_marks, form, metadata, repairs)
    closing_at = _closing_start(ops, op_marks)
    if (heading := _heading_after_the_clauses(ops, op_marks, form)) is not None and heading < closing_at:
        no, column = ops[heading].text.where(0)
        repairs.append(
            Repair(
                no, column, "closing",
                f"the heading '{ops[heading].text.text.strip()[:40]}' after the last clause heads no clause: "
                "it and what follows it are the closing",
            )
        )  # fmt: skip
        closing_at = heading
    clauses = _operative(
        ops[:closing_at], op_marks[:closing_at], preamble, repairs, form, enacting_at is not None
    )
    preamble, over_none = _headed(preamble)
    if over_none and clauses:  # headings after the preamble's last paragraph head the operative part
        clauses[0].headings[:0] = over_none
    elif over_none:
        preamble += [_unplaced(text, "a preamble paragraph", repairs) for _, text in over_none]
    closing = None
    if closing_at < len(ops):
        parts = [b.text for b in ops[closing_at:]]
        closing = Located.join(parts)
        if len(parts) > 1:
            no, column = parts[1].where(0)
            repairs.append(
                Repair(
                    no,
                    column,
                    "closing-joined",
                    f"joined the last {len(parts)} paragraphs into the closing line",
                )
            )
    first_mark = next(
        (m for m in op_marks if m is not None and not _heads_part(m)), None
    )  # past a chapter heading
    style = first_mark.style if first_mark is not None else "1."
    return Draft(
        title=title,
        preamble=preamble,
        enacting=enacting,
        enacting_moved=moved,
        clauses=clauses,
        numbering=numbering_style(style),
        closing=closing,
        issuer=_issuer(enacting.text) if enacting is not None else None,
        adopted=find_date(closing.text) if closing is not None else None,
        form=form.name,
        metadata=metadata,
        formula=formula,
        annexes=annexes,
    )


_BOLD_MARKER = re.compile(r"(\*\*|__)(\d{1,3}[a-z]?\\?[.)]|[A-Z][a-z]?\.)[ \t]+(?=\S)")
# A number set in bold alone before its paragraph ("**1.** Applicant agrees ...").
_BOLD_NUMBER = re.compile(r"(\*\*|__)(\d{1,3}[a-z]?\\?[.)])\1[ \t]+(?=\S)")


def _marker_out_of_bold(block: Block) -> Block:
    """A paragraph set in bold with its number inside ("**1a. Reminds ...**", an amendment's inserted
    text): the number stands before the bold ("1a. **Reminds ...**"), where it opens the paragraph. A
    number set in bold alone ("**1.** Applicant ...") loses its bold marks (nothing is set in bold)."""
    text = block.text
    if not block.heading and (m := _BOLD_NUMBER.match(text.text)) is not None:
        unmarked = text[m.start(2) : m.end(2)] + text[m.end(2) + len(m.group(1)) :]
        return Block(
            unmarked, block.line, block.page_break, block.heading, block.lines, block.item, block.note
        )
    m = _BOLD_MARKER.match(text.text)
    if m is None or block.heading or m.group(1) not in text.text[m.end() :]:
        return block
    moved = text[m.start(2) : m.end()] + text[: m.end(1)] + text[m.end() :]
    return Block(moved, block.line, block.page_break, block.heading, block.lines, block.item, block.note)


def _before_formula(
    blocks: list[Block], form: Form, metadata: dict[str, Located], repairs: list[Repair]
) -> tuple[Located | None, list[Block]] | None:
    """In a form whose formula opens the text ("The European Parliament,"), the title among the
    paragraphs before the formula, and the blocks from the formula on; None when the formula is not
    among the first paragraphs, or opens the text.

    A copy prints a title block (the document's reference, its kind, who tabled it) or a web page
    (its heading, links, an editor's commentary) before the formula: the title is the last paragraph
    that opens as the form's titles do ("European Parliament resolution on ...", the reference before
    it kept as such), else the last heading. Every other paragraph is kept in the metadata.
    """
    at = next((i for i, b in enumerate(blocks[:60]) if form.formula.fullmatch(b.text.text.strip())), None)
    if at is None:
        return None
    if at == 0:
        # The text opens with the formula (a web page's copy of a Security Council resolution, its
        # title block left out): it has no title, and the formula is no title.
        no, column = blocks[0].text.where(0)
        repairs.append(
            Repair(no, column, "no-title", "the text opens with the formula: no title found; set one")
        )
        return None, blocks
    before = blocks[:at]
    titled = [i for i, b in enumerate(before) if form.title_start.search(b.text.text)]
    headings = [i for i, b in enumerate(before) if b.heading]
    pick = titled[-1] if titled else headings[-1] if headings else None
    title = None
    if pick is not None:
        title = before[pick].text.strip()
        if titled and (m := form.title_start.search(title.text)) is not None and m.start() > 0:
            reference = title[: m.start()].strip()
            metadata["reference"] = reference
            no, column = reference.where(0)
            repairs.append(
                Repair(no, column, "furniture", f"'{reference.text}' is the reference: kept in the metadata")
            )
            title = title[m.start() :]
    for i, block in enumerate(before):
        if i == pick:
            continue
        n = sum(k.split(" (")[0] == "head" for k in metadata)
        metadata["head" if n == 0 else f"head ({n + 1})"] = block.text
        no, column = block.text.where(0)
        short = block.text.text if len(block.text.text) <= 40 else block.text.text[:39] + "…"
        repairs.append(
            Repair(
                no,
                column,
                "furniture",
                f"'{short}' stands before the formula and the text: kept in the metadata",
            )
        )
    return title, blocks[at:]


def _mark_citation(paragraph: Text, form: Form, repairs: list[Repair]) -> None:
    """A citation of the preamble ("having regard to ...") written with the form's mark ("– "), whatever
    mark the copy gave it (a list's hyphen, a soft hyphen, none)."""
    m = form.citation.match(paragraph.text.text)
    if m is None or paragraph.label is not None:
        return
    mark = m.group("mark") or ""
    if mark.strip() == form.citation_mark:
        return
    rest = paragraph.text[m.end() :]
    no, column = paragraph.text.where(0)
    wanted = form.citation_mark
    if mark:
        repairs.append(
            Repair(
                no,
                column,
                "citation-mark",
                f"wrote the citation's mark '{mark.strip()}' as '{wanted}'",
                removed=mark.strip(),
            )
        )
    paragraph.text = Located.at(f"{wanted} ", no, column) + rest


def _clause_at(blocks: list[Block], marks: list[Marker | None], pattern: re.Pattern[str]) -> int | None:
    """The first numbered clause whose text (past its number and any bold) `pattern` finds: the
    clause a form ends its operative part with ("Instructs its President to forward ...",
    "Decides to remain seized of the matter.")."""
    return next(
        (
            i
            for i, (b, m) in enumerate(zip(blocks, marks, strict=True))
            if m is not None and m.kind == "clause" and pattern.match(b.text.text[m.end :].lstrip("*_ "))
        ),
        None,
    )


def _after_last_clause(
    ops: list[Block],
    marks: list[Marker | None],
    form: Form,
    metadata: dict[str, Located],
    repairs: list[Repair],
) -> tuple[list[Block], list[Marker | None]]:
    """The operative part up to the clause that ends it ("Instructs its President to forward ..."); what a
    copy adds after it (a web page's sources, comments) kept in the metadata."""
    last = _clause_at(ops, marks, form.last_clause)
    if last is None or last + 1 >= len(ops):
        return ops, marks
    after = Located.join([b.text for b in ops[last + 1 :]], "\n")
    metadata["after the text"] = after
    no, column = after.where(0)
    repairs.append(
        Repair(
            no, column, "furniture",
            f"the {len(ops) - last - 1} paragraphs after the last clause are no part of the text: kept in the metadata",
        )
    )  # fmt: skip
    return ops[: last + 1], marks[: last + 1]


def _after_the_last_clause(blocks: list[Block], marks: list[Marker | None], form: Form) -> int:
    """Where the text after the form's last clause ("Decides to remain seized of the matter.")
    starts, when only unmarked paragraphs that are no meeting line follow it; else len(blocks)."""
    at = _clause_at(blocks, marks, form.annex_after)
    if at is None or at + 1 >= len(blocks):
        return len(blocks)
    rest = range(at + 1, len(blocks))
    if any(marks[i] is not None or blocks[i].heading or is_adoption_line(blocks[i].text.text) for i in rest):
        return len(blocks)
    return at + 1


def _annexes(
    blocks: list[Block], marks: list[Marker | None], repairs: list[Repair], form: Form
) -> list[Annex]:
    """The annexes, each from its heading: a title (the short line after it), its unnumbered
    paragraphs, then its numbered ones and their headings."""
    starts = [i for i, b in enumerate(blocks) if form.annex.fullmatch(b.text.text.strip())]
    annexes: list[Annex] = []
    for k, start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(blocks)
        part, part_marks = blocks[start + 1 : stop], marks[start + 1 : stop]
        title = None
        # A heading under the annex's own is its title, even one ending with a full stop ("Statuts ... ."),
        # but for an exhibit's, which is the attached document's own (`Form.exhibits`).
        if (
            part
            and part_marks[0] is None
            and not form.exhibits
            and (part[0].heading > blocks[start].heading > 0 or _title_shaped(part[0].text.text))
        ):
            title, part, part_marks = part[0].text, part[1:], part_marks[1:]
        part, part_marks = _check_lists(part, part_marks, repairs)
        first = next((i for i, m in enumerate(part_marks) if m is not None and m.kind in _ITEMS), len(part))
        while first > 0 and _is_heading(part[first - 1], part_marks[first - 1], form):
            first -= 1  # a heading over the first paragraph opens the numbered part
        preamble = [_preamble_text(b, m) for b, m in zip(part[:first], part_marks[:first], strict=True)]
        clauses = _operative(part[first:], part_marks[first:], preamble, repairs, form)
        preamble, over_none = _headed(preamble)
        if over_none and clauses:
            clauses[0].headings[:0] = over_none
            over_none = []
        label = blocks[start].text.strip()
        no, column = label.where(0)
        repairs.append(
            Repair(no, column, "annex", f"'{label.text}' opens an annex: its paragraphs are its own")
        )
        annexes.append(Annex(label, title, preamble, clauses, over_none))
    return annexes


# A form's box, ticked or not, opening a list item ("1. ☐ A committee ...", "- ☑ The planning commission").
_BOX = re.compile(r"[☐☑☒]")


def _check_lists(
    blocks: list[Block], marks: list[Marker | None], repairs: list[Repair]
) -> tuple[list[Block], list[Marker | None]]:
    """A form's check-list in an annex (a questionnaire's "1. ☐ ...", "2. ☑ ..." under a question): the
    run of items whose text opens with a box is one paragraph, the answer, not numbered paragraphs or
    items of their own (a repair says so)."""
    out: list[Block] = []
    out_marks: list[Marker | None] = []
    run = 0  # the items of the check-list that `out` ends with
    for block, mark in zip(blocks, marks, strict=True):
        boxed = (
            mark is not None
            and mark.kind in ("clause", "sub", "bullet")
            and not block.heading
            and _BOX.match(block.text.text[mark.end :]) is not None
        )
        if not boxed:
            out.append(block)
            out_marks.append(mark)
            run = 0
            continue
        if run:
            prev = out[-1]
            out[-1] = Block(
                prev.text.append(" ", block.text), prev.line, prev.page_break, 0, prev.lines + block.lines
            )
            if run == 1:
                no, column = prev.text.where(0)
                repairs.append(
                    Repair(
                        no,
                        column,
                        "check-list",
                        "a form's check-list: its items are one paragraph, its answer",
                    )
                )
        else:
            out.append(block)
            out_marks.append(None)
        run += 1
    return out, out_marks


def _unnumbered_clauses(
    body: list[Block], marks: list[Marker | None], form: Form, repairs: list[Repair]
) -> None:
    """A text of a form whose operative paragraphs open with a verb (`Form.verb`: "Requests ...",
    "Calls upon ...") that numbers none of them: from the first paragraph that opens so, each that
    does is an operative clause with no number (an unmarked item), the others its further paragraphs."""
    if form.verb.pattern == "(?!)" or any(m is not None and m.kind in _ITEMS for m in marks):
        return
    opens = [
        m is None and not b.heading and form.verb.match(b.text.text) is not None
        for b, m in zip(body, marks, strict=True)
    ]
    if True not in opens:
        return
    first = opens.index(True)
    for i in range(first, len(body)):
        if opens[i]:
            marks[i] = Marker("bullet", "none", "", 0, "")
    no, column = body[first].text.where(0)
    repairs.append(
        Repair(
            no, column, "clauses",
            f"took the {sum(opens)} paragraphs that open with a verb for the operative clauses: the text numbers none",
        )
    )  # fmt: skip


def _numbered_recitals(
    body: list[Block], marks: list[Marker | None], form: Form, repairs: list[Repair]
) -> None:
    """In a form whose formula names the body (`Form.body`), the numbered paragraphs before the first
    operative one that open as recitals do ("1. Mindful that ...", "2. Noting ..."): a copy that numbers
    the preamble's paragraphs and the operative part's in one sequence. They are recitals, their
    numbers kept as their labels."""
    if form.body.pattern == "(?!)":
        return
    found = []
    for i, (block, mark) in enumerate(zip(body, marks, strict=True)):
        if mark is None or block.heading:
            continue
        text = block.text.text[mark.end :]
        if (
            mark.kind != "clause"
            or not opens_as_recital(text, lower=True)
            or form.verb.match(text[:1].upper() + text[1:])  # "1. Deeply regrets": an adverb and a verb
        ):
            break
        marks[i] = Marker("recital", mark.style, mark.label, mark.end, mark.text)
        found.append(i)
    if found:
        no, column = body[found[0]].text.where(0)
        repairs.append(
            Repair(
                no, column, "recitals",
                f"took the {len(found)} numbered paragraphs that open as recitals for the preamble's: the copy "
                "numbers the preamble and the operative part in one sequence",
            )
        )  # fmt: skip


def _verbs_before_numbers(body: list[Block], marks: list[Marker | None], form: Form) -> None:
    """In a form whose operative paragraphs open with a verb (`Form.verb`), a paragraph that a copy
    opens with the verb in capitals and then the number that follows the clause before ("BELIEVES 3.
    That ..."): that clause, the words before its number its verb."""
    if form.verb.pattern == "(?!)":
        return
    last = 0
    for i, (block, mark) in enumerate(zip(body, marks, strict=True)):
        if mark is not None and mark.kind == "clause" and mark.label.isdigit():
            last = int(mark.label)
            continue
        found = CHAPEAU.match(block.text.text) if mark is None and not block.heading else None
        if found is None or int(found.group("n")) != last + 1:
            continue
        if form.verb.match(found.group("verb").capitalize()) is None:
            continue
        marks[i] = Marker("clause", "1.", found.group("n"), found.end(), found.group(0), found.span("verb"))
        last += 1


# A part's heading that leads in what follows it with a colon, numbered in roman ("I. Der Deutsche
# Bundestag stellt fest:", "II\\. Der Deutsche Bundestag fordert die Bundesregierung auf:").
_PART_HEADING = re.compile(r"(?P<label>[IVX]{1,4})(?P<escape>\\?)\.[ \t]+(?=\S)")


def _part_headings(blocks: list[Block], marks: list[Marker | None], repairs: list[Repair]) -> None:
    """A text in parts that heads each with a roman number and a line that leads it in ("I. Der Deutsche
    Bundestag stellt fest:" over its findings, "II. ... fordert die Bundesregierung auf:" over its
    demands): each such line a heading (a "heading" mark), when there are two or more, numbered I, II...
    in turn. A Markdown escape of the number's full stop ("II\\."), a converter's, is taken out (a repair)."""
    found: list[tuple[int, re.Match[str]]] = []
    for i, block in enumerate(blocks):
        text = block.text.text.rstrip()
        m = _PART_HEADING.match(text)
        if block.heading or m is None or not text.endswith((":", "：")) or len(text.split()) > 16:
            continue
        if _roman_value(m.group("label").lower()) != len(found) + 1:
            return  # "III." before "II.", or a lettered recital "I." after "H."
        found.append((i, m))
    if len(found) < 2:
        return
    for i, m in found:
        if m.group("escape"):
            no, column = blocks[i].text.where(m.start("escape"))
            repairs.append(
                Repair(
                    no, column, "markup",
                    f"removed the backslash before the full stop of the heading's number ('{m.group(0).strip()}')",
                    removed="\\",
                )
            )  # fmt: skip
        marks[i] = Marker("heading", "I.", f"{m.group('label')}.", m.end(), m.group(0).rstrip())


def _heads_part(mark: Marker | None) -> bool:
    return mark is not None and mark.kind == "heading"


def _headed(paragraphs: list[Text]) -> tuple[list[Text], list[tuple[str, Located]]]:
    """The paragraphs less the headings among them, each heading with the paragraph after it (its
    `headings`); and the headings after the last paragraph, over none."""
    kept: list[Text] = []
    pending: list[tuple[str, Located]] = []
    for paragraph in paragraphs:
        if paragraph.heading is not None:
            pending.append((paragraph.heading, paragraph.text))
            continue
        paragraph.headings[:0] = pending
        pending = []
        kept.append(paragraph)
    return kept, pending


def _bare_heading(blocks: list[Block], marks: list[Marker | None], k: int) -> bool:
    """A heading with no label between two clauses ("Arms embargo", "Reporting and review"): a short
    line that ends no sentence, after a clause's end (or the preamble's) and over a numbered clause."""
    text = blocks[k].text.text.strip()
    after = marks[k + 1] if k + 1 < len(marks) else None
    before = blocks[k - 1].text.text.rstrip() if k > 0 else ""
    return (
        marks[k] is None
        and 0 < len(text.split()) <= 6
        and _title_shaped(text)
        and after is not None
        and after.kind == "clause"
        and (not before or before[-1:] in ",;.:")
    )


_BARE_NUMBER = re.compile(r"(\d{1,2})[ \t]+(?=[^\W\d_])")


def _bare_labels(blocks: list[Block], marks: list[Marker | None]) -> None:
    """In articles, the numbers of paragraphs a copy printed bare ("1 No one shall ..."), no period or
    bracket after them: labels when they count on from 1 in each article."""
    number = 0  # the last numbered paragraph of the article
    for i, (block, mark) in enumerate(zip(blocks, marks, strict=True)):
        if mark is not None and mark.kind == "article":
            number = 0
        elif mark is not None and mark.kind == "clause" and mark.label.isdigit():
            number = int(mark.label)
        elif (
            mark is None
            and not block.heading
            and (m := _BARE_NUMBER.match(block.text.text))
            and int(m.group(1)) == number + 1
        ):
            marks[i] = Marker("clause", "1.", m.group(1), m.end(), m.group(1))
            number += 1


def _is_heading(block: Block, mark: Marker | None, form: Form) -> bool:
    """A heading of the form's operative part or annexes ("CHAPTER I", "I. Follow-up"): a Markdown
    heading, or a short line ending no sentence that the form's pattern finds."""
    shaped = block.heading or ((mark is None or mark.kind == "recital") and _title_shaped(block.text.text))
    return bool(shaped) and form.chapter.match(block.text.text.strip()) is not None


def _title_shaped(text: str) -> bool:
    """A heading's shape: a short line that ends no sentence ("Declaration on ...", "General provisions")."""
    text = text.strip()
    return 0 < len(text.split()) <= 30 and not text.endswith((".", ",", ";", ":")) and text[:1].isupper()


# The resolving words on a line of their own: "BE IT FURTHER RESOLVED:", "BE IT RESOLVED BY THE CITY
# COUNCIL OF THE CITY OF AUSTIN:"; the clause's "That ..." stands in the next paragraph.
_THAT = re.compile(r"That\b")


def _resolving_words_alone(
    blocks: list[Block], marks: list[Marker | None], repairs: list[Repair]
) -> tuple[list[Block], list[Marker | None]]:
    """A resolving line that ends in a colon or a comma, over an unmarked paragraph opening with
    "That": one clause, the resolving words and their "That ..." joined (each join a repair)."""
    out: list[Block] = []
    out_marks: list[Marker | None] = []
    for block, mark in zip(blocks, marks, strict=True):
        before = out_marks[-1] if out_marks else None
        if (
            mark is None
            and not block.heading
            and before is not None
            and before.kind == "resolving"
            and out[-1].text.text.rstrip().endswith((":", ","))
            and _THAT.match(block.text.text)
        ):
            no, column = block.text.where(0)
            repairs.append(
                Repair(
                    no, column, "resolving-joined",
                    "joined this 'That ...' paragraph to the resolving words over it: one clause",
                )
            )  # fmt: skip
            prev = out[-1]
            out[-1] = Block(
                prev.text.append(" ", block.text), prev.line, prev.page_break, 0, prev.lines + block.lines
            )
            continue
        out.append(block)
        out_marks.append(mark)
    return out, out_marks


def _items_of_resolving(marks: list[Marker | None], start: int) -> None:
    """The numbered items after a resolving clause that leads them in: its sub-clauses, their
    numbers kept as their labels."""
    i = start
    while i < len(marks) and (m := marks[i]) is not None and m.kind == "clause":
        marks[i] = Marker("sub", "1.", m.label, m.end, m.text)
        i += 1


_SENTENCE_END = re.compile(r"[.;!?][\"'’”»)]?\Z|;\s+(?:and|or)\Z")


def _lost_items_of_resolving(
    blocks: list[Block], marks: list[Marker | None], start: int, repairs: list[Repair]
) -> None:
    """The unmarked paragraphs after a resolving clause that leads them in ("... the Commission
    should:"), each opening with a capital and ending a sentence, up to the next resolving clause:
    list items whose markers were lost, its sub-clauses (a repair says so)."""
    end = start
    while (
        end < len(blocks)
        and marks[end] is None
        and not blocks[end].heading
        and blocks[end].text.text[:1].isupper()
        and _SENTENCE_END.search(blocks[end].text.text.rstrip())
    ):
        end += 1
    after = marks[end] if end < len(marks) else None
    if end == start or after is None or after.kind != "resolving":
        return
    for i in range(start, end):
        marks[i] = Marker("bullet", "none", "", 0, "")
    no, column = blocks[start].text.where(0)
    repairs.append(
        Repair(
            no, column, "list-items",
            f"took these {end - start} paragraphs for the items of the clause before: it leads them in "
            "with a colon (their markers were lost)",
        )
    )  # fmt: skip


def _lost_item(block: Block) -> Marker | None:
    """A list item whose marker was lost (a line of a list under a lead-in): an unmarked item."""
    return Marker("bullet", "none", "", 0, "") if block.item else None


def _repeated_title(
    body: list[Block],
    marks: list[Marker | None],
    title: Located | None,
    metadata: dict[str, Located],
    repairs: list[Repair],
) -> tuple[list[Block], list[Marker | None]]:
    """The body less a heading that repeats the title or the designation ("# ORDINANCE NO. 88-2017"
    again over Section 1): no heading of the text, kept in the metadata."""
    again = {x.text.strip() for x in (title, metadata.get("designation")) if x is not None}
    kept = [i for i, b in enumerate(body) if not (b.heading and b.text.text.strip() in again)]
    for i in sorted(set(range(len(body))) - set(kept)):
        n = sum(k.split(" (")[0] == "repeated title" for k in metadata)
        metadata["repeated title" if n == 0 else f"repeated title ({n + 1})"] = body[i].text
        no, column = body[i].text.where(0)
        repairs.append(Repair(no, column, "furniture", "the heading repeats the title: kept in the metadata"))
    return [body[i] for i in kept], [marks[i] for i in kept]


def _recitals(body: list[Block], marks: list[Marker | None], form: Form) -> list[int]:
    """Where the recitals of a form that opens them with its words ("WHEREAS,") stand in `body`.

    What stands between the first and the last is no clause of the document: matter a recital
    quotes (a joint resolution, a statute's "Section 1." and its list), its marks taken off; and
    the list items under a recital's lead-in ("Conference notes:") are recitals of their own.
    """
    # An annex (an exhibit: an agreement with recitals of its own) ends the document's recitals.
    end = next(
        (i for i, b in enumerate(body) if b.heading and form.annex.fullmatch(b.text.text.strip())), len(body)
    )
    found = [i for i, b in enumerate(body[:end]) if not b.heading and form.recital.match(b.text.text)]
    if not found:
        return []
    last = found[-1]
    if body[last].text.text.rstrip().endswith(":"):
        while last + 1 < len(body) and _is_bullet(marks[last + 1]):
            last += 1  # the last lead-in's items
    for i in range(found[0], last + 1):
        mark = marks[i]
        if mark is not None and mark.kind == "bullet":
            marks[i] = Marker("recital", "none", "", mark.end, mark.text)
        elif i not in found:
            marks[i] = None
    return found


def _is_bullet(mark: Marker | None) -> bool:
    return mark is not None and mark.kind == "bullet"


def _recital_runs(
    preamble: list[Text],
    marks: list[Marker | None],
    recitals: list[int],
    metadata: dict[str, Located],
    repairs: list[Repair],
) -> Located | None:
    """The preamble of a form with recital words made its recitals: what stands before the first is a
    headnote (kept in the metadata), a paragraph after a recital that is none goes on with it (quoted
    matter), and a first recital that only leads in its items ("Conference notes:") is the formula."""
    first = recitals[0]
    if first > len(preamble):
        return None
    if first:
        metadata["headnote"] = Located.join([p.text for p in preamble[:first]])
        no, column = preamble[0].text.where(0)
        repairs.append(
            Repair(
                no,
                column,
                "furniture",
                "the text before the first recital is a headnote: kept in the metadata",
            )
        )
    kinds = [m.kind if m is not None else None for m in marks[first : len(preamble)]]
    own = set(recitals)
    runs: list[Text] = []
    for k, paragraph in enumerate(preamble[first:], first):
        if (
            k in own
            or kinds[k - first] == "recital"
            or not runs
            or paragraph.unplaced
            or paragraph.heading is not None
            or runs[-1].heading is not None
        ):
            runs.append(paragraph)
            continue
        no, column = paragraph.text.where(0)
        repairs.append(
            Repair(
                no, column, "recital-joined",
                "joined this paragraph to the recital before it: it opens no recital (matter the recital quotes)",
            )
        )  # fmt: skip
        runs[-1].text = runs[-1].text.append(" ", paragraph.text)
    preamble[:] = runs
    lead = preamble[0].text if preamble else None
    if lead is not None and lead.text.rstrip().endswith(":") and len(kinds) > 1 and kinds[1] == "recital":
        preamble.pop(0)
        no, column = lead.where(0)
        repairs.append(
            Repair(no, column, "formula", f"'{lead.text[:40]}' leads in the recitals: kept as the formula")
        )
        return lead
    return None


_AFTER_RECITAL = re.compile(r"(?<=;)\s+(?:and\s+)?")


def _run_together(paragraph: Text, form: Form, repairs: list[Repair]) -> list[Text]:
    """A paragraph that holds two recitals run together ("...generally; and WHEREAS, adoption ..."):
    each recital a paragraph of its own, the "and" left with the first (each split a repair)."""
    text = paragraph.text
    if paragraph.unplaced or paragraph.label or paragraph.heading is not None:
        return [paragraph]
    cuts = [m.end() for m in _AFTER_RECITAL.finditer(text.text) if form.recital.match(text.text[m.end() :])]
    if not cuts:
        return [paragraph]
    parts: list[Text] = []
    start = 0
    for cut in cuts:
        parts.append(Text(text[start:cut].strip()))
        no, column = text.where(cut)
        repairs.append(
            Repair(
                no,
                column,
                "recital-split",
                "a recital runs on from the one before: made a paragraph of its own",
            )
        )
        start = cut
    parts.append(Text(text[start:].strip()))
    return parts


def _designations(
    blocks: list[Block],
    marks: list[Marker | None],
    form: Form,
    metadata: dict[str, Located],
    repairs: list[Repair],
) -> tuple[list[Block], list[Marker | None]]:
    """The headings above the title that give the document's number or label ("EXHIBIT A", "ORDINANCE
    NO. XVI", a page's title in another language), taken into the metadata when a heading that is no
    designation follows: that is the title."""
    n = 0
    while n < len(blocks) and blocks[n].heading and form.designation.fullmatch(blocks[n].text.text.strip()):
        n += 1
    if n == 0 and len(blocks) > 2 and blocks[0].heading and blocks[1].heading > blocks[0].heading:
        # A page's title in another language over the document's ("##Statuut van de Raad van Europa"
        # over "####Statute of the Council of Europe", a translation database's page).
        body = " ".join(b.text.text for b in blocks[2:40] if not b.heading)
        page, own, text = (guess_language(x) for x in (blocks[0].text.text, blocks[1].text.text, body))
        if text is not None and own == text and page != text:
            n = 1
    if n == 0 and _plain_designation(blocks, marks, form):
        n = 1  # "RESOLUTION NO. R2017.42" over "A RESOLUTION OF THE CITY COUNCIL ...", neither a heading
    elif n == 0 or n >= len(blocks) or not blocks[n].heading:
        return blocks, marks
    for i, block in enumerate(blocks[:n]):
        what = "designation" if form.designation.fullmatch(block.text.text.strip()) else "page title"
        key = what if i == 0 else f"{what} ({i + 1})"
        metadata[key] = block.text
        no, column = block.text.where(0)
        repairs.append(
            Repair(
                no,
                column,
                "furniture",
                f"'{block.text.text[:40]}' is the {what} above the title: kept in the metadata",
            )
        )
    return blocks[n:], marks[n:]


def _plain_designation(blocks: list[Block], marks: list[Marker | None], form: Form) -> bool:
    """A first paragraph that is the form's designation ("RESOLUTION NO. 5"), over a paragraph of one
    sentence that opens no part (no recital, clause or resolving words): that is the title."""
    if len(blocks) < 3 or blocks[0].heading or blocks[1].heading or marks[1] is not None:
        return False
    title = blocks[1].text.text.strip()
    return (
        form.designation.fullmatch(blocks[0].text.text.strip()) is not None
        and not form.recital.match(title)
        and len(title.split()) <= 80
        and len(re.findall(r"[.;:](?:\s|\Z)", title)) <= 1
    )


def _resolving_line_between_numbered(
    body: list[Block], marks: list[Marker | None], repairs: list[Repair]
) -> int | None:
    """The resolving words alone ("## IT WAS RESOLVED THAT") between two runs of numbered paragraphs:
    the enacting line, and the numbered paragraphs before it the preamble, numbered recitals (a
    background's "1. The members have elected ..."), their numbers their labels (a repair says so)."""
    at = next(
        (
            i
            for i, (b, m) in enumerate(zip(body, marks, strict=True))
            if m is None and is_resolving_alone(b.text.text)
        ),
        None,
    )
    if at is None or not any(m is not None and m.kind == "clause" for m in marks[at + 1 :]):
        return None
    before = [i for i, m in enumerate(marks[:at]) if m is not None and m.kind == "clause"]
    if not before:
        return None
    for i in before:
        mark = marks[i]
        assert mark is not None
        marks[i] = Marker("recital", mark.style, mark.label, mark.end, mark.text)
    no, column = body[before[0]].text.where(0)
    repairs.append(
        Repair(
            no, column, "numbered-recitals",
            f"the {len(before)} numbered paragraphs before '{body[at].text.text.strip()}' are the preamble: "
            "recitals, their numbers their labels",
        )
    )  # fmt: skip
    return at


def _headnote_before_labelled(
    preamble: list[Text], metadata: dict[str, Located], repairs: list[Repair]
) -> None:
    """What stands before the first numbered recital ("Resolution in writing of the board ... held on
    this 26th day of September"): a headnote, kept in the metadata, as before a first "Whereas"."""
    first = next((k for k, p in enumerate(preamble) if p.label is not None), 0)
    if not first or any(p.unplaced for p in preamble[:first]) or "headnote" in metadata:
        return
    metadata["headnote"] = Located.join([p.text for p in preamble[:first]])
    no, column = preamble[0].text.where(0)
    repairs.append(
        Repair(
            no, column, "furniture", "the text before the first recital is a headnote: kept in the metadata"
        )
    )
    del preamble[:first]


def _leads_in_over_one(body: list[Block], marks: list[Marker | None], i: int) -> bool:
    """Resolving words that lead in ("BE IT RESOLVED ..., as follows:") over one unmarked paragraph
    and then the numbered clauses: the enacting line, though a paragraph stands between."""
    after = marks[i + 2] if i + 2 < len(marks) else None
    return (
        is_resolved_line(body[i].text.text)
        and body[i].text.text.rstrip().endswith(":")
        and marks[i + 1] is None
        and not body[i + 1].heading
        and after is not None
        and after.kind == "clause"
    )


def _parties_run_on(text: str, form: Form) -> bool:
    """A paragraph that names a treaty's parties (the form's formula, "Les Gouvernements de ...,") and
    runs on with their recital and the words that lead in the articles ("ayant jugé utile ..., sont
    convenus de ce qui suit:"): the preamble in one paragraph, no enacting line of its own."""
    m = form.formula.match(text)
    return m is not None and m.end() < len(text) and len(text.split()) > 30


def _several_sentences(text: str) -> bool:
    """A paragraph of several sentences ("...的议案。会议认为：...。...特作如下决议："): recitals with the
    formula run into their end, a preamble paragraph and no enacting line."""
    return len(re.findall(r"。|(?<=[a-z]{2})\.\s+(?=[A-Z])", text)) >= 2


def _foreword_before_title(blocks: list[Block], marks: list[Marker | None]) -> bool:
    """An editor's foreword of several sentences before a short title line ("Il 10 dicembre 1948,
    l'Assemblea Generale ... approvò ..." over "DICHIARAZIONE UNIVERSALE DEI DIRITTI UMANI")."""
    if len(blocks) < 3 or marks[0] is not None or marks[1] is not None or blocks[0].heading:
        return False
    first, second = blocks[0].text.text.strip(), blocks[1].text.text.strip()
    sentences = len(re.findall(r"[.!?।。](?:\s|\Z)", first))
    return (
        sentences >= 2
        and len(first.split()) >= 30
        and 0 < len(second.split()) <= 15
        and not second.endswith((".", ",", ";", ":"))
    )


def proclamation(preamble: list[Text], metadata: dict[str, Located], repairs: list[Repair]) -> Located | None:
    """A declaration's proclamation, after its recitals, as the enacting line (None without one).

    The recitals are the run of paragraphs that open with the same word ("Considerando que",
    "da", "הואיל"); what stands after the last is the proclamation ("A Assembleia Geral
    proclama ..."), what stands before the first, a headnote kept in the metadata.
    """
    run = recitals_end([p.text.text for p in preamble])
    if run is None or any(p.unplaced for p in preamble):
        return None
    first, end = run
    headnote, proclamation = preamble[:first], preamble[end:]
    if headnote:
        metadata["headnote"] = Located.join([p.text for p in headnote])
        no, column = headnote[0].text.where(0)
        repairs.append(
            Repair(
                no, column, "furniture", "the text before the recitals is a headnote: kept in the metadata"
            )
        )
    del preamble[end:], preamble[:first]
    if not proclamation:
        return None
    enacting = Located.join([p.text for p in proclamation])
    no, column = enacting.where(0)
    repairs.append(
        Repair(
            no,
            column,
            "enacting",
            "the paragraphs after the recitals proclaim the articles: kept as the enacting line",
        )
    )
    return enacting


def _preamble_text(block: Block, mark: Marker | None) -> Text:
    if mark is not None and mark.kind == "heading":
        return Text(block.text[mark.end :].strip(), heading=mark.label)
    if block.heading:
        return Text(block.text, heading="")  # over the paragraph after it (`_headed`)
    if mark is not None and mark.kind == "recital":
        return Text(block.text[mark.end :], label=mark.label or None)
    if mark is not None and mark.kind == "bullet":
        return Text(block.text[mark.end :])
    return Text(block.text)


def _unplaced(text: Located, where: str, repairs: list[Repair]) -> Text:
    no, column = text.where(0)
    short = text.text if len(text.text) <= 50 else text.text[:49] + "…"
    repairs.append(
        Repair(
            no,
            column,
            "unplaced-text",
            f"'{short}' fits no part of a source; kept as {where}: move or delete it",
        )
    )
    return Text(text, unplaced=True)


_ENACTING_OPENING = re.compile(r"(?:The|L[’']|La|Le|Les|El|La|Die|Der|Das)\b")


def _opens_like_an_enacting_line(text: str) -> bool:
    """ "The General Assembly,", "L'Assemblée générale,": the body's name before the preamble."""
    return len(text.split()) <= 10 and text.rstrip().endswith(",") and bool(_ENACTING_OPENING.match(text))


def _heading_after_the_clauses(blocks: list[Block], marks: list[Marker | None], form: Form) -> int | None:
    """A Markdown heading after the last clause, over no clause ("## CURRENT STATE OF THE CO-OPERATIVE",
    its list of officers, the signatures): where the closing starts. None when there is none, or it is
    a heading of the form's parts ("CHAPTER II")."""
    last = max(
        (i for i, m in enumerate(marks) if m is not None and m.kind in ("clause", "article")), default=None
    )
    if last is None:
        return None
    return next(
        (
            i
            for i in range(last + 1, len(blocks))
            if blocks[i].heading and not _is_heading(blocks[i], marks[i], form)
        ),
        None,
    )


def _closing_start(blocks: list[Block], marks: list[Marker | None]) -> int:
    """Where the closing starts: the trailing plain paragraphs, from an adoption line or the last one."""
    end = len(blocks)
    first = end
    while first > 0 and marks[first - 1] is None and not blocks[first - 1].heading:
        first -= 1
    # The first paragraph after "Article 3" on its own line is that article's text.
    before = marks[first - 1] if 0 < first < end else None
    if (
        before is not None
        and before.kind == "article"
        and not blocks[first - 1].text.text[before.end :].strip()
    ):
        first += 1
    if first >= end:
        return end
    for i in range(first, end):
        if is_adoption_line(blocks[i].text.text):
            return i
    return end - 1


def _operative(
    blocks: list[Block],
    marks: list[Marker | None],
    preamble: list[Text],
    repairs: list[Repair],
    form: Form,
    enacted: bool = False,
) -> list[Clause]:
    """The clauses of `blocks`, their sub-clauses, further paragraphs and headings.

    `enacted`: an enacting line leads the blocks in ("BE IT RESOLVED ..., as follows:"), so that a
    paragraph of its own before the first numbered clause is an operative paragraph too, unnumbered
    ("The Mayor ... is hereby authorized ...", then "1.", "2."); else it is unplaced text.
    """
    clauses: list[Clause] = []
    style = next((m.kind for m in marks if m is not None and not _heads_part(m)), "clause")
    pending: list[tuple[str, Located]] = []  # headings waiting for the clause after them
    quoting = False  # inside a quotation a clause's paragraph opened: quoted matter, not structure
    for k, (block, mark) in enumerate(zip(blocks, marks, strict=True)):
        current = clauses[-1] if clauses else None
        if current is not None and quoting:
            current.paragraphs.append(Text(block.text))  # '- The primary object ...', 'A. The ...'
            quoting = not _quote_closes(block.text.text)
            continue
        if (
            current is not None
            and mark is not None
            and mark.kind == "article"
            and style == "clause"
            and block.line.indent > current.indent
        ):
            mark = None  # "   Article 15 is amended from:" set in under clause 1: a sentence that cites it
        if form.bare_headings and _bare_heading(blocks, marks, k):
            pending.append(("", block.text.strip()))  # "Travel ban" over clause 5
            continue
        if mark is not None and mark.kind == "heading":
            pending.append((mark.label, block.text[mark.end :].strip()))  # "II. ... fordert ... auf:"
            continue
        if _is_heading(block, mark, form) and (chapter := form.chapter.match(block.text.text.strip())):
            text = block.text.strip()
            label = chapter.group("label")
            pending.append((label, text[len(label) :].strip(" \t–—:")))  # "Section I – Rights": its title
            continue
        if block.heading and pending and not pending[-1][1].text:
            pending[-1] = (pending[-1][0], block.text)  # the chapter's title, on the line after its label
            continue
        indent = block.line.indent
        # A clause numbered on from the last ("9." after "8.") is the next clause, however set in.
        # ... unless it is set in as the item before it, which it numbers on from ("2. Cameron Fyfe" set
        # in under "1. Udit Vira" under clause 1): an item of the clause's own list.
        in_list = (
            current is not None
            and mark is not None
            and mark.kind == "clause"
            and bool(current.subs)
            and indent > current.indent
            and current.subs[-1].indent == indent
            and _follows(mark.label, current.subs[-1].label)
        )
        follows = (
            current is not None
            and mark is not None
            and mark.kind == "clause"
            and current.number is not None
            and number_value(mark.label) == (number_value(current.number) or -1) + 1
            and not in_list
        )
        nested = (
            current is not None
            and mark is not None
            and mark.kind in ("bullet", "clause")
            and not follows
            and (indent > current.indent or (mark.kind == "bullet" and style != "bullet"))
        )
        if style == "article" and mark is not None and mark.kind == "clause":
            # The numbered paragraphs of an article ("1. Each Party shall..."): its sub-clauses.
            mark, nested = Marker("sub", "(a)", mark.label, mark.end, mark.text), False
        if block.heading:
            if current is None:
                preamble.append(_unplaced(block.text, "a preamble paragraph", repairs))
            else:
                current.paragraphs.append(
                    _unplaced(block.text, f"a paragraph of clause {_name(current)}", repairs)
                )
        elif mark is not None and mark.kind in _ITEMS and not nested:
            clauses.append(_clause(block, mark, repairs))
            clauses[-1].headings, pending = pending, []
        elif current is not None and mark is not None and (mark.kind == "sub" or nested):
            # A numbered item set in under a clause keeps its number ("1. Udit Vira"): a list's items.
            label = mark.label if mark.kind == "sub" or (mark.kind == "clause" and mark.label) else None
            text = block.text[mark.end :]
            _add_sub(current, label, text, indent, repairs)
        elif current is None and enacted and _numbered_after(marks, k):
            no, column = block.text.where(0)
            repairs.append(
                Repair(
                    no, column, "unnumbered-clause",
                    "a paragraph after the enacting line, before the numbered clauses: an operative "
                    "paragraph of its own, unnumbered",
                )
            )  # fmt: skip
            clauses.append(_clause(block, Marker("clause", "1.", "", 0, ""), repairs))
            clauses[-1].headings, pending = pending, []
        elif current is None:
            preamble.append(_unplaced(block.text, "a preamble paragraph", repairs))
        elif current.needs_text and not current.subs:  # "4." over "(a) ...": it opens with its list
            current.paragraphs = [Text(block.text)]
            current.needs_text = False
        else:
            current.paragraphs.append(Text(block.text))
            if _quote_opens(block.text.text):
                quoting = True
                no, column = block.text.where(0)
                repairs.append(
                    Repair(
                        no, column, "quoted-matter",
                        f"a quotation opens this paragraph of clause {_name(current)}: what it quotes, up to "
                        "its closing mark, is kept as the clause's paragraphs (no clauses, no sub-clauses)",
                    )
                )  # fmt: skip
    for clause in clauses:
        if clause.needs_text:
            no, column = clause.line, clause.column
            repairs.append(Repair(no, column, "unplaced-text", f"clause {_name(clause)} has no text"))
    return clauses


def _quote_opens(text: str) -> bool:
    """A paragraph that opens a quotation it does not close (`"15. Special provisions ... are:`)."""
    text = text.strip()
    if text.startswith("“"):
        return text.count("“") > text.count("”")
    return text.startswith('"') and text.count('"') % 2 == 1


def _quote_closes(text: str) -> bool:
    """A paragraph inside a quotation that closes it (`- It is a condition ... the co-operative."`)."""
    return text.count('"') % 2 == 1 or text.count("”") > text.count("“")


def _numbered_after(marks: list[Marker | None], k: int) -> bool:
    """A numbered clause ("1.", not an article or a list item) follows paragraph `k`."""
    return any(m is not None and m.kind == "clause" and m.label for m in marks[k + 1 :])


def _name(clause: Clause) -> str:
    return clause.number or clause.verb or "(unnumbered)"


def _clause(block: Block, mark: Marker, repairs: list[Repair]) -> Clause:
    body = block.text[mark.end :].strip()
    no, column = block.text.where(0)
    number = mark.label if mark.kind in ("clause", "article") else None
    if number is not None and number.isascii() and number.isdigit():
        number = str(int(number))  # "01" is 1; other scripts' digits ("１", "١") stay as printed
    clause = Clause(number, "", False, [], no, column, block.line.indent)
    if not body.text:
        clause.needs_text = True
        return clause
    if mark.verb is not None:
        # "BELIEVES 3. That ...": the verb a copy set before the number, the chapeau of the paragraphs after it.
        clause.verb = " ".join(block.text.text[mark.verb[0] : mark.verb[1]].split())
        clause.paragraphs = [Text(body)]
        repairs.append(
            Repair(
                no, column, "moved-text",
                f"'{clause.verb}' before the number of clause {number} is its verb: kept so, after the number",
            )
        )  # fmt: skip
        return clause
    if mark.kind == "resolving" or (mark.kind == "clause" and mark.style[:1].isalpha()):
        # "Resolved, That ...": the resolving words are its text; "Section 1." opens no verb either.
        clause.paragraphs = [Text(body)]
        return clause
    if mark.kind == "article" and (run_in := _RUN_IN_SUB.match(body.text)):
        # "ماده دوم ــ (1) هر کس ...": the article's first numbered paragraph runs in with its heading;
        # the heading's dash, if any, is the article's text before it.
        dash = body[: run_in.end("dash")].strip()
        clause.paragraphs = [Text(dash)] if dash.text else []
        sub = body[run_in.end() :]
        _add_sub(clause, run_in.group("label") or run_in.group("han"), sub, block.line.indent, repairs)
        return clause
    if mark.kind == "article":
        if is_article_line(block.text.text):
            # "Article 1 - Purpose": the model has no place for an article's heading.
            clause.paragraphs = [_unplaced(body, f"the first paragraph of article {number}", repairs)]
        else:
            clause.paragraphs = [Text(body)]
        return clause
    verb, rest, how = extract_verb(body)
    clause.verb, clause.verb_guessed = verb, how == "guessed"
    clause.paragraphs = [Text(rest)]
    bno, bcolumn = body.where(0)
    if how == "guessed":
        repairs.append(
            Repair(
                bno,
                bcolumn,
                "unsure-verb",
                f"took '{verb}' as the verb of clause {_name(clause)}: no italics mark it",
            )
        )
    elif how == "none":
        repairs.append(
            Repair(
                bno,
                bcolumn,
                "unsure-verb",
                f"found no verb at the start of clause {_name(clause)}; left without one",
            )
        )
    return clause


# An article's first numbered paragraph run in with its heading, after the heading's dash ("ــ (1) ...").
# "(1)", "(a)"; a Chinese article's "一．" or "一、" ("第十一條　一．凡受刑事控告者").
_RUN_IN_SUB = re.compile(r"(?P<dash>[-–—ـ]*)\s*(?:\((?P<label>1|a)\)\s+|(?P<han>一)[、．]\s*)(?=\S)")


def _add_sub(clause: Clause, label: str | None, text: Located, indent: int, repairs: list[Repair]) -> None:
    """A sub-clause under its clause: (a), (b)... first; (i), (ii)... under the last lettered one."""
    last = clause.subs[-1] if clause.subs else None
    if label is None:
        depth = 2 if last is not None and indent > last.indent else 1
    elif (last is None and label == "a") or (
        last is not None and len(label) == 1 and len(last.label) == 1 and ord(label) == ord(last.label) + 1
    ):
        depth = 1
    elif last is not None and last.subs and _follows(label, last.subs[-1].label):
        depth = 2  # "ii" after "i" under "a."
    elif last is not None and is_roman(label) and is_roman(last.label) and _follows(label, last.label):
        depth = 1  # "ii" after "i", both right under the article
    elif is_roman(label) and last is not None:
        depth = 2
    elif last is not None and last.label.isdigit() and label.isalpha():
        depth = 2  # "a." under "2. ... by force:": a numbered paragraph's items
    else:
        depth = 1
    siblings = clause.subs if depth == 1 or last is None else last.subs
    expected = subclause_label(len(siblings) + 1, 1 if siblings is clause.subs else 2)
    siblings.append(Sub(label or expected, label is not None and label != expected, text, indent))
    for paragraph in clause.paragraphs[1:]:
        if not paragraph.moved:
            # A further paragraph found before this sub-clause: the model prints it after them all.
            paragraph.moved = paragraph.unplaced = True
            no, column = paragraph.text.where(0)
            repairs.append(
                Repair(
                    no, column, "unplaced-text",
                    f"this paragraph of clause {_name(clause)} stands before a sub-clause; clausepress prints "
                    "a clause's further paragraphs after its sub-clauses",
                )
            )  # fmt: skip


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman_value(label: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in label]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


def _follows(label: str, before: str) -> bool:
    """`label` is the one after `before`: 2 after 1, "b" after "a", "iv" after "iii"."""
    if label.isdigit() and before.isdigit():
        return int(label) == int(before) + 1
    if is_roman(label) and is_roman(before) and _roman_value(label) == _roman_value(before) + 1:
        return True
    return len(label) == 1 and len(before) == 1 and ord(label) == ord(before) + 1


# --- verbs ----------------------------------------------------------------------------------

_ITALIC_VERB = re.compile(r"(\*\*|\*|__|_)(?P<verb>[^\s*_][^*_]*?)\1(?=[\s,:;.]|\Z)")
_ADVERBS = {
    "also", "further", "again", "strongly", "firmly", "hereby", "once", "furthermore", "urgently",
    "respectfully", "earnestly", "solemnly", "formally", "unanimously", "finally", "warmly", "deeply",
}  # fmt: skip
_DETERMINERS = {
    "the", "a", "an", "all", "each", "every", "this", "that", "these", "those", "it", "its", "we", "our",
    "they", "their", "such", "any", "no", "in", "for", "to", "le", "la", "les", "un", "une", "des", "ce",
    "cette", "ces", "tout", "tous", "toute", "toutes", "il", "elle", "nous", "chaque", "el", "los", "las",
    "der", "die", "das", "l'", "l’",
}  # fmt: skip
_TAKES = {"takes", "take", "prend", "prends", "prennent", "toma", "nimmt"}
_PLAIN_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")


def extract_verb(body: Located) -> tuple[str, Located, str]:
    """(verb, rest of the text, how it was found: "italic", "guessed" or "none")."""
    text = body.text
    m = _ITALIC_VERB.match(text)
    if m and len(m.group("verb").split()) <= 5 and not re.search(rf"[{SENTINELS}\[\]]", m.group("verb")):
        return " ".join(m.group("verb").split()), body[m.end() :].strip(), "italic"
    if text[:1] and not joining_space(text[:1]) and (verb := unspaced_verb(text)) and len(text) > len(verb):
        # Chinese: no space ends the verb; the verbs the UN's Chinese clauses open with tell it.
        return verb, body[len(verb) :].strip(), "guessed"
    tokens = list(re.finditer(r"\S+", text[:300]))[:6]
    words = [t.group(0) for t in tokens]
    if len(words) < 2 or not _PLAIN_WORD.fullmatch(words[0]):
        return "", body, "none"
    if words[0].lower() in _DETERMINERS:
        return "", body, "none"
    n = 1
    if words[0].lower() in _ADVERBS | {"se"} and _PLAIN_WORD.fullmatch(words[1]):
        n = 2
    following = words[n].lower() if n < len(words) else ""
    last = words[n - 1].lower()
    if (
        following in ("upon", "on")
        or (following in ("note", "acte") and last in _TAKES)
        or (following == "to" and last in ("appeals", "appeal"))
    ):
        n += 1
    if n >= len(tokens):
        return "", body, "none"
    return " ".join(words[:n]), body[tokens[n].start() :], "guessed"


# --- metadata -------------------------------------------------------------------------------

_ISSUER = re.compile(
    r"(?:(?:now,?\s+)?therefore,?\s+|accordingly,?\s+|(?:be\s+it\s+)?resolved,?\s+that\s+)?the\s+"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of|for|on|and|the|in|[A-Z][\w'’.-]*))*?\s+[A-Z][\w'’.-]*)"
    r"\s*[:,—–-]?\s*\Z",
    re.IGNORECASE,
)


_ISSUER_VERBS = frozenset({
    "does", "do", "doth", "hereby", "ordains", "ordain", "resolves", "resolve", "declares", "adopts",
    "enacts", "decides", "as", "follows", "hereinafter",
})  # fmt: skip


def _issuer(enacting: str) -> str | None:
    """The body named by an enacting line such as "Therefore, the International Association of X:"."""
    m = _ISSUER.match(enacting.strip())
    if not m or re.search(rf"[{SENTINELS}]", enacting):
        return None
    name = m.group("name")
    # "THE CITY OF RIVERGROVE DOES ORDAIN AS FOLLOWS:": the body's name ends where its verb starts.
    words = name.split()
    verb = next((i for i, w in enumerate(words) if w.lower() in _ISSUER_VERBS), len(words))
    name = " ".join(words[:verb])
    capitals = [w for w in name.split() if w[:1].isupper()]
    if len(capitals) < 2 or not name.split()[0][:1].isupper():
        return None
    return name
