"""The document's form, told from its text by the forms' recognisers (forms.py), and what the form says of its parts.

`detect_form` scores each form by the lines its signals and formula find; `furniture`
takes the title block's and the page's furniture out of the paragraphs into the
document's metadata (each a repair); `recitals_end` finds where a run of recitals that
open alike ends, so that the proclamation after it ("verkündet die Generalversammlung")
is the enacting line and not a recital.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..forms import FORMS, Form
from .located import Located
from .paragraphs import Block
from .patterns import formula_at, is_resolving_alone, marker, opens_with_date
from .repair import Repair

__all__ = ["detect_form", "editorial", "furniture", "masthead", "recitals_end"]


def detect_form(blocks: list[Block], md: bool) -> Form:
    """The form whose recognisers find most in the text; "articles" when its clauses are articles."""
    kinds = Counter(m.kind for b in blocks if not b.heading and (m := marker(b.text.text, md)) is not None)
    if kinds["article"] >= 2 and kinds["article"] >= kinds["clause"] // 4:
        return FORMS["articles"]
    head = "\n".join(b.text.text for b in blocks[:60])
    best, score = FORMS["association"], 0
    for form in FORMS.values():
        found = sum(bool(signal.search(head)) for signal in form.signals)
        found += sum(
            bool(form.formula.match(b.text.text) or formula_at(b.text.text, form)) for b in blocks[:60]
        )
        if found > score:
            best, score = form, found
    return best


# A run set in bold in Markdown ("**弁言**"): its text.
_BOLD_RUN = re.compile(r"\A(\*\*|__)(.+)\1\Z")


# An HTML comment in Markdown ("<!-- INFO END -->"), or a page's <meta> tag alone on its line.
_COMMENT = re.compile(r"<!--.*?-->|<meta\b[^<>]*>", re.DOTALL | re.IGNORECASE)


# A template's placeholder left in a text made from it: a few words of a part's opening, then an
# ellipsis ("Whereas...", "Therefore be it resolved that..."), and nothing else.
_PLACEHOLDER = re.compile(r"[^\W\d_][\w'’]*(?:[ \t]+[\w'’]+){0,4}[ \t]*(?:\.{3}|…)")


def furniture(
    blocks: list[Block], form: Form, metadata: dict[str, Located], repairs: list[Repair], titled: bool = False
) -> list[Block]:
    """`blocks` less the whole paragraphs that are the form's furniture, kept in `metadata`.

    Page furniture (a symbol, "Distr.: General", a job number, an HTML comment), the heading
    over the preamble ("Präambel", "ПРЕАМБУЛА") and the date lines under the title ("1980年9月10日
    ...通过") are no paragraph of the document: each goes to the
    metadata under a key of its own, its words kept, and a repair says so. The first paragraph
    is the title, whatever it looks like, unless the document is `titled` (by its front matter).
    """
    first = 0 if titled else 1
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        text = block.text.text.strip()
        if block.note:
            key = "editorial note"  # an alert an editor set in the text: a ruling, a warning
        elif i >= first and form.preamble_heading.fullmatch(_BOLD_RUN.sub(r"\2", text)):  # "**弁言**" too
            key = "preamble heading"
            if _before_the_preamble(kept[first:], metadata, repairs):
                del kept[first:]
        elif (i >= first and form.furniture.fullmatch(text)) or _COMMENT.fullmatch(text):
            key = "furniture"
        elif len(kept) == 1 and not block.heading and opens_with_date(text) and len(text) <= 80:
            key = "date line"  # under the title, before the text: when and by whom it was adopted
        elif i >= first and not block.heading and _PLACEHOLDER.fullmatch(_COMMENT.sub("", text).strip()):
            key = (
                "placeholder"  # a template's words left in ("Whereas...", "Therefore be it resolved that...")
            )
        else:
            kept.append(block)
            continue
        n = sum(k.split(" (")[0] == key for k in metadata)
        key = key if n == 0 else f"{key} ({n + 1})"
        metadata[key] = block.text
        no, column = block.text.where(0)
        repairs.append(
            Repair(
                no, column, "furniture", f"'{text[:40]}' is the {key.split(' (')[0]}: kept in the metadata"
            )
        )
    return kept


def _before_the_preamble(blocks: list[Block], metadata: dict[str, Located], repairs: list[Repair]) -> bool:
    """What stands between the title and the preamble's heading ("# Preámbulo"): an editor's or a copy's
    front matter (a source line, a note, a converter's debris), no part of the text: kept in the metadata
    (True), unless one of them looks like a title."""
    if not blocks or any(_title_like(b.text.text.strip()) for b in blocks):
        return False  # the title itself, after a foreword taken for it (the title's to tell)
    metadata["before the preamble"] = Located.join([b.text for b in blocks], "\n")
    no, column = blocks[0].text.where(0)
    repairs.append(
        Repair(
            no,
            column,
            "furniture",
            f"the {len(blocks)} paragraphs before the preamble's heading are front matter: kept in the metadata",
        )
    )
    return True


def _title_like(text: str) -> bool:
    return 0 < len(text.split()) <= 30 and not text.endswith((".", ",", ";", ":")) and text[:1].isupper()


def editorial(
    blocks: list[Block], form: Form, metadata: dict[str, Located], repairs: list[Repair]
) -> list[Block]:
    """`blocks` less the sections an editor added to the text (an agenda's "## Synopsis", a transcriber's
    "## Document Notes"): each section's paragraphs go to the metadata under its heading, up to the next
    heading of its level or above (its own headings, "### Stamp [page 1]", with them)."""
    kept: list[Block] = []
    section: str | None = None
    level = 0  # the section's heading level
    for k, block in enumerate(blocks):
        if block.heading and (section is None or block.heading <= level):
            title = block.text.text.strip()
            section = title if form.editorial.fullmatch(title) else None
            if section is not None and _over_the_resolving_words(blocks, k):
                # "## BACKGROUND" over what the board found, then "## IT WAS RESOLVED THAT": the preamble's.
                metadata["preamble heading"] = block.text
                no, column = block.text.where(0)
                repairs.append(
                    Repair(no, column, "furniture", f"'{title}' heads the preamble: kept in the metadata")
                )
                section = None
                continue
            if section is None:
                kept.append(block)
                continue
            no, column = block.text.where(0)
            repairs.append(
                Repair(no, column, "furniture", f"the section '{title}' is an editor's: kept in the metadata")
            )
            metadata.setdefault(section, block.text[:0])
            level = block.heading
            continue
        if section is None:
            kept.append(block)
            continue
        before = metadata[section]
        metadata[section] = before.append(" ", block.text) if before.text else block.text
    return kept


def _over_the_resolving_words(blocks: list[Block], k: int) -> bool:
    """The section under heading `k` ends at a heading that holds the resolving words alone ("IT WAS
    RESOLVED THAT"): it is the text's preamble, no editor's section."""
    after = next((b for b in blocks[k + 1 :] if b.heading), None)
    return after is not None and is_resolving_alone(after.text.text)


def masthead(block: Block, form: Form, metadata: dict[str, Located], repairs: list[Repair]) -> Block:
    """The title block's lines that the form knows for no part of the title ("SECOND REGULAR SESSION",
    "INTRODUCED BY ..."), each kept in the metadata; the block of the other lines, the title."""
    lines = block.lines
    own = [line for line in lines if not form.masthead.fullmatch(line.text.text.strip())]
    if len(lines) < 2 or not own or len(own) == len(lines):
        return block
    for line in lines:
        if line not in own:
            n = sum(k.split(" (")[0] == "masthead" for k in metadata)
            metadata["masthead" if n == 0 else f"masthead ({n + 1})"] = line.text
            no, column = line.text.where(0)
            repairs.append(
                Repair(
                    no, column, "furniture", f"'{line.text.text[:40]}' heads the title: kept in the metadata"
                )
            )
    return Block(Located.join([line.text for line in own]), own[0], block.page_break, block.heading, own)


def recitals_end(texts: list[str]) -> tuple[int, int] | None:
    """(first, last + 1) of the run of recitals that open with the same word, when at least three do.

    The paragraphs before the first are a headnote; those after the last, the proclamation.
    """
    openings = [t.split(maxsplit=1)[0].casefold() if t.split() else "" for t in texts]
    common = Counter(o for o in openings if o).most_common(1)
    tokens = [w for t in texts for w in t.split()]
    if (not common or common[0][1] < 3) and tokens and sum(map(len, tokens)) >= 15 * len(tokens):
        # A script written without spaces between its words ("โดยที่การยอมรับ...", some 25 letters
        # between two spaces; Tamil's ten are words): the first characters are the word.
        openings = [t.strip()[:4].casefold() for t in texts]
        common = Counter(o for o in openings if len(o) == 4).most_common(1)
    if not common or common[0][1] < 3:
        return _recitals_by_ending(texts) or _recitals_between_lead_ins(texts)
    word = common[0][0]
    first = openings.index(word)
    last = len(openings) - 1 - openings[::-1].index(word)
    if first > 0 and _and_glued(word, openings[first - 1]):
        first -= 1  # "لمّا كان ..." then "ولما كان ...": the first recital, its word without the "and"
    return first, last + 1


# Arabic's vowel and shadda marks, which a copy writes on one word and not on the next ("لمّا", "لما").
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")


def _and_glued(word: str, before: str) -> bool:
    """`word` is `before` with the conjunction "and" glued to its front, as Arabic writes it ("ولما"
    after "لمّا"): the recitals after the first open "and whereas" (marks aside)."""
    word, before = _ARABIC_MARKS.sub("", word), _ARABIC_MARKS.sub("", before)
    return len(word) >= 3 and word.startswith("و") and word[1:] == before


# A recital is a clause of one sentence: it ends with a comma (or a semicolon), in any script.
_RECITAL_END = (",", ";", "、", "，", "；", "،", "؛")


def _recitals_by_ending(texts: list[str]) -> tuple[int, int] | None:
    """The run of recitals of a language that puts the verb last (Turkish "...olmasına,", Korean
    "...이며,", Japanese "...ので、"): they open each in its own way but all end with a comma.

    The last paragraph is the proclamation, with the short lines ending in a comma just before
    it, which name the body ("Birleşmiş Milletler Genel Kurulu,", "이에," "국제연합총회는,"), or that
    lead it in ("Nay, Đại hội đồng Liên Hợp Quốc tuyên bố:", "பொதுச் சபை பிரகடனப்படுத்துவதாவது"); what
    stands before the first paragraph ending in a comma is a headnote. None unless at least three
    recitals remain, every one ending with a comma.
    """
    ends = [t.rstrip().endswith(_RECITAL_END) or _leads_on(t) for t in texts]
    if True not in ends:
        return None
    first = ends.index(True)
    end = len(texts) - 1
    while end - 1 > first and (
        (ends[end - 1] and _names_the_body(texts[end - 1])) or _proclaims(texts[end - 1])
    ):
        end -= 1
    if end - first < 3 or not all(ends[first:end]):
        return None
    return first, end


# A character of a script written without spaces between its words (Han, kana).
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _names_the_body(text: str) -> bool:
    """A short line before the proclamation that names the body ("Birleşmiş Milletler Genel Kurulu,",
    "이에,"): five words at most and 40 characters; in a script without spaces, whose "word" is the
    whole line, 16 characters ("よって、ここに、国連総会は、"), not a recital's sentence of 30
    ("復鑒於……至關重大；"). It ends with a comma: a semicolon ends a recital."""
    text = text.strip()
    if text.endswith((";", "；", "؛")):
        return False
    if len(_UNSPACED.findall(text)) * 2 > len(text):
        return len(text) <= 16
    return len(text.split()) <= 5 and len(text) <= 40


def _leads_on(text: str) -> bool:
    """The last recital, its comma followed by a word or two that lead on to the proclamation
    ("...முக்கியமுடையதாதலாலும், இப்பொழுது:", "..., now therefore:"): a recital still."""
    text = text.rstrip()
    cut = max(text.rfind(mark) for mark in _RECITAL_END)
    return (
        text.endswith(":") and cut > 0 and len(text[cut + 1 :].split()) <= 2 and len(text[:cut].split()) >= 5
    )


def _proclaims(text: str) -> bool:
    """A short line that leads in the proclamation, ending in a colon or in no punctuation at all."""
    text = text.rstrip()
    return (
        0 < len(text.split()) <= 10
        and not _leads_on(text)
        and (text.endswith((":", "：")) or not unicodedata.category(text[-1]).startswith("P"))
    )


def _recitals_between_lead_ins(texts: list[str]) -> tuple[int, int] | None:
    """The recitals of a declaration that open each in its own way and end as they please, between
    the line that leads them in and the one that leads in the proclamation, both short and ending
    in a colon ("Với nhận thức rằng:" ... "Nay, Đại hội đồng Liên Hợp Quốc tuyên bố:"). None unless
    exactly two such lines stand with at least three paragraphs between them, and one after."""
    leads = [i for i, t in enumerate(texts) if t.rstrip().endswith((":", "：")) and len(t.split()) <= 12]
    if len(leads) != 2 or leads[1] - leads[0] <= 3 or leads[1] + 1 >= len(texts):
        return None
    return leads[0] + 1, leads[1]
