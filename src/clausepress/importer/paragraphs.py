"""Paragraphs from lines: wrapped lines joined, line-end hyphens undone, paragraphs a page split rejoined."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pyphen

from ..forms import FORMS, Form
from ..presentation import number_value
from .located import Located
from .pages import Line
from .patterns import (
    CHAPEAU,
    HEADING,
    OPENING,
    SENTINELS,
    Marker,
    formula_at,
    is_adoption_line,
    is_article_line,
    marker,
    opens_as_recital,
)
from .repair import Repair

# First parts that keep their hyphen in compounds ("self-determination", "non-governmental").
PREFIXES = frozenset({
    "self", "non", "co", "ex", "anti", "multi", "pre", "post", "cross", "well", "long", "short", "full",
    "half", "all", "high", "low", "large", "small", "quasi", "semi", "socio", "inter", "intra", "extra",
    "ultra", "pro", "counter", "vice", "mid", "part", "one", "two", "three", "four", "five", "so",
})  # fmt: skip
_THEMATIC_BREAK = re.compile(r"(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})")
_SETEXT = re.compile(r"(?:=+|-+)")
# A row of a Markdown table ("|Peste bovine. |Rage. |"), and one of its rules ("|:---|:---|", and the
# row of dashes a converter writes for a table without a head, "| --- | --- |").
TABLE_ROW = re.compile(r"\|.*\|\s*")
_TABLE_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+\s*")
# A letter, or a mark that goes with one: the vowel signs of Devanagari and other Indic scripts ("असे")
# are no letters of their own (\w leaves them out), but part of the word.
_MARKS = "".join(
    re.escape(chr(c)) for c in range(0x300, 0x3000) if unicodedata.category(chr(c)) in ("Mn", "Mc")
)
_LETTER = f"(?:[^\\W\\d_]|[{_MARKS}])"
_WORDS = re.compile(f"{_LETTER}+(?:-{_LETTER}+)*")
_ENDS_SENTENCE = ".;:,!?…"
_FULL_WIDTH_ENDS = "。；：，！？"  # Chinese and Japanese punctuation, which ends a sentence or a clause
# A character of a word in Chinese or Japanese (Han, kana, the iteration marks), not punctuation.
_ARTICLES = FORMS["articles"]
_IDEOGRAPHIC = re.compile(
    "[\u3005\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)


class Vocabulary:
    """The words of the whole text, to decide whether a hyphen at a line end belongs to the word."""

    def __init__(self, lines: list[Line], language: str) -> None:
        self.words: set[str] = set()
        self.hyphenated: set[str] = set()
        self.alone: Counter[str] = Counter()  # how often each is written as a word of its own
        for line in lines:
            for word in _WORDS.findall(line.text.text):
                (self.hyphenated if "-" in word else self.words).add(word.lower())
                self.words.update(part.lower() for part in word.split("-"))
                self.alone[word.lower()] += "-" not in word
        lang = language.replace("-", "_")
        found = pyphen.language_fallback(lang) or pyphen.language_fallback(lang.split("_")[0])
        self.dictionary = pyphen.Pyphen(lang=found) if found else None

    def decide(self, left: str, right: str) -> tuple[bool, bool, str]:
        """(keep the hyphen, sure, why) for `left-` at a line end followed by `right`."""
        hyphenated, joined = f"{left}-{right}", f"{left}{right}"
        if right[:1].isupper() or right[:1].isdigit():
            return True, True, "its second part starts with a capital or a digit"
        if hyphenated.lower() in self.hyphenated:
            return True, True, f"'{hyphenated}' is written so elsewhere in the text"
        if joined.lower() in self.words:
            return False, True, f"'{joined}' is written so elsewhere in the text"
        if left.lower() in PREFIXES:
            return True, False, f"'{left}-' is a prefix that often keeps its hyphen"
        if self.dictionary is not None and len(left) in self.dictionary.positions(joined.lower()):
            return False, True, "the line broke the word at a hyphenation point"
        if self.dictionary is None and self.alone[left.lower()] <= 1 and self.alone[right.lower()] <= 1:
            # No dictionary for the language ("जन-" / "ताओं"): parts written nowhere else as words are
            # pieces of one; parts that are words may make a compound ("भेद-भाव").
            return False, False, f"neither '{left}' nor '{right}' is written alone elsewhere in the text"
        return True, False, "nothing in the text says whether the hyphen belongs to the word"


@dataclass
class Block:
    """A paragraph: its text (marker included), where it starts, and what stood before it."""

    text: Located
    line: Line
    page_break: bool = False  # a page break stands between this paragraph and the one before
    heading: int = 0  # the level of a Markdown heading
    lines: list[Line] = field(default_factory=list)
    item: bool = False  # a list item whose marker was lost: one line of a list under a lead-in
    note: bool = False  # an editor's note (a Kramdown alert), not the text's


def join_lines(lines: list[Line], vocab: Vocabulary, repairs: list[Repair], report_wraps: bool) -> Located:
    """One paragraph from its lines: a space at each line end, or no space after a line-end hyphen."""
    text = lines[0].text
    wraps = 0
    for prev, line in zip(lines, lines[1:], strict=False):
        joined = _join_hyphenated(text, prev, line, line.text, vocab, repairs)
        if joined is None:
            # Chinese and Japanese put no space between words nor after their punctuation (。，、):
            # a line end between two such characters joins without one.
            unspaced = _IDEOGRAPHIC.match(line.text.text[:1]) is not None and (
                _IDEOGRAPHIC.match(text.text[-1:]) is not None
                or text.text[-1:] in _FULL_WIDTH_ENDS + "、」』）"
            )
            text = text.append("" if unspaced else " ", line.text)
            wraps += 1
        else:
            text = joined
    if wraps and report_wraps:
        no, column = lines[0].text.where(0)
        repairs.append(
            Repair(no, column, "hard-wrap", f"joined {wraps + 1} wrapped lines into one paragraph")
        )
    return text


def _join_hyphenated(
    text: Located, prev: Line, line: Line, following: Located, vocab: Vocabulary, repairs: list[Repair]
) -> Located | None:
    """`text` (ending on line `prev`) joined to `following` (from `line` on) across a line-end hyphen.

    None when `text` does not end in a hyphen that could have broken a word.
    """
    m = re.search(rf"(?<![\w-])((?:[^\W\d_]{_LETTER}*))(-|\xad)\Z", text.text)
    right = re.match(rf"{_LETTER}+|\d+", line.text.text)
    if not m or not right:
        return None
    left = m.group(1)
    hyphen = len(text.text) - 1
    no, column = text.where(hyphen)
    tail = prev.raw[column - 1 :] if prev.no == no else m.group(2)
    # Across a page break the lines between are reported by their own repairs (or are blank):
    # this one reports the hyphen alone.
    # (Only its white space: a line number before the text is another repair's.)
    indent = re.match(r"[^\S\n]*", line.raw[: line.indent])
    between = "\n" + (indent.group(0) if indent else "") if line.no == prev.no + 1 and prev.no == no else ""
    if m.group(2) == "\xad":
        keep, sure, why = False, True, "a soft hyphen"
    else:
        keep, sure, why = vocab.decide(left, right.group(0))
    if keep:
        message = f"kept the hyphen in '{left}-{right.group(0)}' at a line end: {why}"
        if not between:
            tail = tail[:1]
        if not sure:
            message += "; check it"
        repairs.append(Repair(no, column + 1, "dehyphenate", message, removed=tail[1:] + between))
        return text + following
    message = f"joined '{left}-' and '{right.group(0)}' into '{left}{right.group(0)}': {why}"
    if not sure:
        message += "; check it"
    repairs.append(Repair(no, column, "dehyphenate", message, removed=tail + between))
    return text[:hyphen] + following


def lines_are_paragraphs(lines: list[Line]) -> bool:
    """A text whose lines were never wrapped: each line is a paragraph (a web page's text copied out).

    Told by the length of its lines: the longer lines of a text wrapped for a page or a mail
    hold some 60 to 100 characters; those of an unwrapped one, a paragraph's worth.
    """
    lengths = sorted(len(line.text.text) for line in lines if len(line.text.text) >= 40)
    return bool(lengths) and lengths[len(lengths) // 2] >= 120


def print_width(lines: list[Line], md: bool) -> int | None:
    """The width of a full line of a print copied line by line with no blank line between its
    paragraphs (a PDF's text): the lines before a paragraph's end stop short of it. None for a
    text whose paragraphs blank lines part, or whose lines were never wrapped."""
    content = [len(line.text.text) for line in lines if not line.blank]
    blanks = sum(line.blank for line in lines)
    if md or len(content) < 3 or blanks * 6 > len(content):
        return None
    long = sorted(n for n in content if n >= 30)
    if len(long) < 8:
        return max(content)
    return long[int(len(long) * 0.8)]


def _wrap_ends(prev: str, text: str, width: int, opening: str = "") -> bool:
    """In a print copied line by line, the line `prev` ends its paragraph before `text`: it ends a
    clause's or a recital's sentence (a full stop, a comma, a danda "।"), and stops short of the full
    width, or the next line opens as a recital does or with the word that opened the paragraph
    (`opening`: the next of a run of recitals, "चूंकि ..., " over "चूंकि ...")."""
    end = re.sub(f"[{SENTINELS}\"'’”»)\\]]+\\Z", "", prev)[-1:]  # past a footnote's call
    if end not in ".;:,।॥" or not _capital(text[:1]):
        return False
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return len(prev) < width * 0.85 or bool(OPENING.match(text)) or (len(first) > 3 and first == opening)


def _capital(char: str) -> bool:
    """A letter that may open a sentence: a capital, or a letter of a script with no case (Devanagari)."""
    return char.isupper() or (char.isalpha() and char.lower() == char.upper())


def _set_in(lines: list[Line], at: int) -> bool:
    """In a print copied line by line, a line set in from the line before and the line after (a first
    line's indent): it opens a paragraph."""
    if at == 0 or at + 1 >= len(lines) or lines[at - 1].blank or lines[at + 1].blank:
        return False
    return lines[at - 1].indent < lines[at].indent > lines[at + 1].indent


def _title_word_by_word(lines: list[Line], at: int) -> bool:
    """In a print copied line by line, the line after a title set a word a line ("मानव" / "अधिकारों" /
    "की" / ...): the text opens with two lines or more of one word each, and this line is the first
    of several words."""
    if at < 2 or len(lines[at].text.text.split()) < 2:
        return False
    return all(len(line.text.text.split()) == 1 for line in lines[:at])


def _alone(text: str, form: Form | None) -> bool:
    """A line the form prints as a paragraph of its own: an annex's heading ("Annex II"), a heading
    of its operative part ("I. Follow-up"), short and ending no sentence. Before the form is known,
    the heading over a preamble of any form's ("Preamble", "प्रस्तावना")."""
    if form is None:
        return any(f.preamble_heading.fullmatch(text.strip()) for f in FORMS.values())
    if form.annex.fullmatch(text):
        return True
    shaped = len(text.split()) <= 20 and not text.endswith((".", ",", ";", ":"))
    return shaped and form.chapter.match(text) is not None


def _bare_heading_line(prev: str, text: str, following: str, md: bool) -> bool:
    """A line that is a heading with no label ("Travel ban"): short, ending no sentence, after a
    line that ends one and over a numbered clause."""
    mark = marker(following, md)
    return (
        prev.rstrip()[-1:] in ";.:,"
        and 0 < len(text.split()) <= 6
        and text[:1].isupper()
        and not text.rstrip().endswith((".", ",", ";", ":"))
        and marker(text, md) is None
        and mark is not None
        and mark.kind == "clause"
    )


def split_blocks(
    lines: list[Line],
    md: bool,
    repairs: list[Repair],
    one_per_line: bool = False,
    width: int | None = None,
    form: Form | None = None,
) -> list[tuple[list[Line], bool, int]]:
    """The paragraphs' lines: (lines, a page break before, heading level).

    A blank line ends a paragraph; so does a line that opens a part (a clause number, a
    sub-clause label, "Article 7", a closing line) where the line before could end one, and
    every line end of a text whose lines are paragraphs (`one_per_line`). In a print copied line
    by line (`width`, see `print_width`), a line that ends a sentence short of the width, or
    before a line that opens as a recital does, ends its paragraph; the lines the `form` prints
    alone (an annex's heading and the title after it, a heading) are paragraphs of their own.
    """
    blocks: list[tuple[list[Line], bool, int]] = []
    current: list[Line] = []
    last_clause = 0
    clause_indent: int | None = None  # where the last clause's number stood
    title_next = False

    def close() -> None:
        nonlocal current
        if current:
            blocks.append((current, current[0].page_break, 0))
        current = []

    content = [i for i, x in enumerate(lines) if not x.blank]
    following = {a: lines[b].text.text for a, b in zip(content, content[1:], strict=False)}
    for at, line in enumerate(lines):
        text = line.text.text
        if line.blank:
            close()
            continue
        if md and (h := HEADING.fullmatch(text)):
            close()
            blocks.append(([line], line.page_break, len(h.group(1))))
            continue
        if md and len(current) == 1 and _SETEXT.fullmatch(text):
            blocks.append((current, current[0].page_break, 1 if text.startswith("=") else 2))
            current = []
            no, column = line.text.where(0)
            repairs.append(Repair(no, column, "markup", "took the underline of a heading", removed=text))
            continue
        if md and TABLE_ROW.fullmatch(text):
            # The model has no tables: each row is a paragraph of its own, its cells as written.
            if at == 0 or not TABLE_ROW.fullmatch(lines[at - 1].text.text):  # the table's first line
                no, column = line.text.where(0)
                rows = len(list(itertools.takewhile(lambda x: TABLE_ROW.fullmatch(x.text.text), lines[at:])))
                repairs.append(
                    Repair(no, column, "table", f"kept each row of this table of {rows} lines as a paragraph "
                           "of its own, its cells as written: the model has no tables")
                )  # fmt: skip
            close()
            if _TABLE_RULE.fullmatch(text):
                no, column = line.text.where(0)
                repairs.append(
                    Repair(no, column, "markup", f"removed the table's rule '{text}'", removed=text)
                )
            else:
                blocks.append(([line], line.page_break, 0))
            continue
        if md and _THEMATIC_BREAK.fullmatch(text):
            close()
            no, column = line.text.where(0)
            repairs.append(Repair(no, column, "markup", f"removed the rule '{text}'", removed=text))
            continue
        if _alone(text, form) or (
            form is not None
            and form.bare_headings
            and current
            and _bare_heading_line(current[-1].text.text, text, following.get(at, ""), md)
        ):
            close()
            blocks.append(([line], line.page_break, 0))
            if form is not None and form.annex.fullmatch(text):
                last_clause, clause_indent = 0, None  # an annex numbers its paragraphs anew
                title_next = True
            continue
        if title_next:
            title_next = False
            if len(text.split()) <= 30 and not text.endswith((".", ",", ";", ":")):
                close()
                blocks.append(([line], line.page_break, 0))  # the annex's title
                continue
        if current and (
            line.opens
            or _opens_part(text, current[-1].text.text, md, last_clause)
            or (
                width is not None
                and (
                    _wrap_ends(current[-1].text.text, text, width, current[0].text.text.split(maxsplit=1)[0])
                    or _set_in(lines, at)
                    or _title_word_by_word(lines, at)
                )
            )
        ):
            close()
        mk = marker(text, md)
        if mk is not None and mk.kind == "clause" and (clause_indent is None or line.indent <= clause_indent):
            # An item set in under a clause ("    1. Udit Vira") numbers its own list, not the clauses.
            last_clause, clause_indent = number_value(mk.label) or 0, line.indent
        if len(current) == 1 and not blocks and _title_over_text(current[0], line):
            close()
        if one_per_line and current and not _goes_on(text, md):
            close()
        current.append(line)
        if is_article_line(text):
            close()
    close()
    return blocks


# A Chinese line that says a text was adopted (and proclaimed, promulgated): it ends so ("……决议通过并颁布").
_HAN_ADOPTED = re.compile(r"(?:通过|通過|颁布|頒布|公布)[。.]?\s*\Z")


def _title_over_text(first: Line, line: Line) -> bool:
    """The text's first line is its title, over a paragraph set in from it with no blank line
    between ("மனித உரிமைகள் பற்றிய உலகப் பிரகடனம்" over a foreword indented by four)."""
    title = first.text.text
    if _HAN_ADOPTED.search(line.text.text) and len(title) <= 40 and not _HAN_ADOPTED.search(title):
        return True  # "世界人权宣言" over "联合国大会……第217A(III)号决议通过并颁布": its adoption line
    return (
        line.indent != first.indent
        and len(title.split()) <= 10
        and not re.match(r"(?i)(?:whereas|considering|recalling|resolved)\b", title)
        and not title.endswith((".", ",", ";", ":"))
        and marker(title, False) is None
    )


def _goes_on(text: str, md: bool) -> bool:
    """In a text whose lines are paragraphs, a line that goes on with the one before (a PDF's wrap
    left in it): it opens with a number that is neither a clause's nor a note's ("60/48 of ...")."""
    return text[:1].isdigit() and marker(text, md) is None and not re.match(r"\d{1,3}\s", text)


def _opens_part(text: str, prev: str, md: bool, last_clause: int) -> bool:
    if is_article_line(prev):
        return True
    mk = marker(text, md)
    # The sentence's end in any script: a Chinese copy ends its lines with "。 " (a space after the stop).
    ends = prev.rstrip().rstrip("\"'’”»)]")[-1:] in _ENDS_SENTENCE + _FULL_WIDTH_ENDS or bool(
        re.search(r"\b(?:and|or|et|ou)\Z", prev)
    )
    if mk is None:
        if re.match(r"Resolved\b", text) and re.search(r"\bbe it\Z|[:;.]\Z", prev.rstrip()):
            return True  # "…: Now, therefore, be it" over "Resolved, That the Senate--"
        return is_adoption_line(text) and prev.rstrip("\"'’”»)]")[-1:] in ".;"
    if mk.kind == "bullet" or mk.kind == "article":
        return True
    if mk.kind == "sub" and re.search(r"(?:--|[—–:])\Z", prev.rstrip()):
        return True  # "Resolved, That the Senate--" over "(1) recognizes ..."
    if mk.kind == "clause" and number_value(mk.label) == last_clause + 1:
        return True
    return ends


def assemble(
    lines: list[Line], md: bool, vocab: Vocabulary, repairs: list[Repair], form: Form | None = None
) -> list[Block]:
    """The paragraphs of the text, with those a page break had split joined again."""
    blocks: list[Block] = []
    one_per_line = not md and lines_are_paragraphs(lines)
    width = None if one_per_line else print_width(lines, md)
    for block_lines, page_break, heading in split_blocks(lines, md, repairs, one_per_line, width, form):
        if blocks and not heading and _lost_markers(blocks[-1], block_lines, md):
            no, column = block_lines[0].text.where(0)
            repairs.append(
                Repair(
                    no, column, "list-items",
                    f"took each of these {len(block_lines)} lines for an item of the list under "
                    f"'{_short(blocks[-1].text.text)}': each ends a sentence (their markers were lost)",
                )
            )  # fmt: skip
            blocks += [Block(line.text, line, page_break and k == 0, 0, [line], item=True) for k, line in
                       enumerate(block_lines)]  # fmt: skip
            continue
        if md and not heading and _one_a_line(block_lines):
            no, column = block_lines[0].text.where(0)
            repairs.append(
                Repair(
                    no, column, "lines-are-paragraphs",
                    f"took each of these {len(block_lines)} lines for a paragraph: each ends a clause and "
                    "the next opens with a capital (the blank lines between them were lost)",
                )
            )  # fmt: skip
            blocks += [Block(line.text, line, page_break and k == 0, 0, [line]) for k, line in
                       enumerate(block_lines)]  # fmt: skip
            continue
        if heading and (h := HEADING.fullmatch(block_lines[0].text.text)):
            start = (
                block_lines[0].text.text.index(h.group(2)) if h.group(2) else len(block_lines[0].text.text)
            )
            text = block_lines[0].text[start : start + len(h.group(2))]
            if is_article_line(text.text):
                heading = 0  # "### Article 1": the heading of an article is the article's marker
        else:
            text = join_lines(block_lines, vocab, repairs, report_wraps=not md)
        note = any(line.note for line in block_lines)
        blocks.append(Block(text, block_lines[0], page_break, heading, block_lines, note=note))
    blocks = _rejoin(_split_run_together(blocks, md, repairs), md, vocab, repairs, form)
    if form is not None and form.formula_first and form.head:
        blocks = _split_run_together(_split_run_in(blocks, md, form, repairs), md, repairs, form)
        blocks = _split_run_in_subs(blocks, md, repairs)
    return blocks


# A sub-clause's label run on into its clause's chapeau or the sub-clause before ("... should, (a)
# Investigate ...", "...; and (b) The elections", "... enter and, (b) that ..."): after a clause's or
# an item's punctuation, or an "and" or "or" with its comma, before a word.
_SUB_AFTER = r"(?:(?<=[,;:.])[ \t]+(?:(?:and|or),?[ \t]+)?|(?<=\s)(?:and|or),[ \t]+)"


def _split_run_in_subs(blocks: list[Block], md: bool, repairs: list[Repair]) -> list[Block]:
    """A clause's paragraph that runs on into its sub-clauses, or a sub-clause's into the ones after
    it: parted before each label in sequence ((a) in a clause, then (b), (c) ...), the "and" before a
    label left with the item it ends (each cut a repair)."""
    out: list[Block] = []
    for block in blocks:
        mark = marker(block.text.text, md) if not block.heading else None
        if (
            mark is None
            or mark.kind not in ("clause", "sub")
            or (mark.kind == "sub" and len(mark.label) != 1)
        ):
            out.append(block)
            continue
        text = block.text.text
        label = "a" if mark.kind == "clause" else chr(ord(mark.label) + 1)
        cuts: list[tuple[int, str]] = []
        at = mark.end - 1 if mark.kind == "clause" else mark.end
        while label <= "z":
            found = re.compile(rf"{_SUB_AFTER}(?=\({label}\)[ \t]+[^\W\d_])").search(text, max(at, 0))
            if found is None:
                break
            cuts.append((found.end(), f"sub-clause ({label}) runs on from the text before it"))
            at, label = found.end() + 3, chr(ord(label) + 1)
        out += _cut(block, cuts, repairs)
    return out


# Where one part of a UN text runs on into the next in a copy that lost the paragraph breaks: a recital
# after a recital's comma ("..., Convinced that"; "..., and having taken notice of", in a copy that writes
# its recitals in lower case), the first clause after the last recital ("..., 1. Reiterates"), the meeting
# line after the last clause ("... the item. 52nd plenary meeting").
_AFTER_COMMA = re.compile(r"(?<=,)[ \t]+(?=\S)")
_AFTER_COMMA_AND = re.compile(r"(?<=,)[ \t]+(?:(?:and|or)[ \t]+)?(?=\S)")
_AFTER_SENTENCE = re.compile(r"(?<=[.;])[ \t]+(?=\S)")
_NUMBER_AT = re.compile(r"\d{1,3}\\?\.[ \t]+\S")


def _split_run_in(blocks: list[Block], md: bool, form: Form, repairs: list[Repair]) -> list[Block]:
    """The paragraphs of a UN text that a copy ran together, parted (each cut a repair): the formula
    and the paragraph after it ("The General Assembly, Recalling ...", "The General Assembly, 1. Mindful
    ..."), recitals run into each other, the first clause into the last recital, and the meeting line
    into the last clause. A paragraph number the copy set before the formula ("1\\. The General Assembly
    mindful of ...") numbers the paragraph after it: it moves there."""
    out: list[Block] = []
    clauses = False
    for block in blocks:
        pieces = _formula_parted(block, form, repairs) if not block.heading and not clauses else [block]
        for piece in pieces:
            text = piece.text.text
            mark = marker(text, md) if not piece.heading else None
            after = mark.end if mark is not None and mark.kind == "clause" else 0
            recital = not piece.heading and opens_as_recital(text[after:], lower=True)
            recital = recital and not form.verb.match(text[after:][:1].upper() + text[after:][1:])
            clauses = clauses or (mark is not None and mark.kind == "clause" and not recital)
            cuts: list[tuple[int, str]] = []
            if recital and not clauses and (mark is None or mark.kind == "clause"):
                lower = text[after:][:1].islower()
                cuts += [
                    (m.end(), "a recital runs on from the one before")
                    for m in (_AFTER_COMMA_AND if lower else _AFTER_COMMA).finditer(text, after)
                    if opens_as_recital(text[m.end() :], lower=lower)
                ]
                number = int(mark.label) + 1 if mark is not None and mark.label.isdigit() else 1
                first = re.compile(rf"(?<=[,;.])[ \t]+(?={number}\\?\.[ \t]+[A-Z])").search(text, after)
                if first is not None:
                    cuts = [c for c in cuts if c[0] < first.start()]
                    cuts.append((first.end(), "the first clause runs on from the last recital"))
            if not piece.heading:
                cuts += [
                    (m.end(), "the meeting line runs on from the last clause")
                    for m in _AFTER_SENTENCE.finditer(text)
                    if form.meeting.fullmatch(text[m.end() :].rstrip())
                ]
            out += _cut(piece, cuts, repairs)
    return out


def _cut(block: Block, cuts: list[tuple[int, str]], repairs: list[Repair]) -> list[Block]:
    """The block cut at each offset of `cuts`, each cut reported with its reason."""
    if not cuts:
        return [block]
    out: list[Block] = []
    at = 0
    for k, (cut, why) in enumerate(sorted(cuts)):
        piece = block.text[at:cut].strip()
        out.append(Block(piece, block.line, block.page_break and k == 0, 0, block.lines, note=block.note))
        no, column = block.text.where(cut)
        repairs.append(Repair(no, column, "split", f"{why}: parted"))
        at = cut
    out.append(Block(block.text[at:].strip(), block.line, False, 0, block.lines, note=block.note))
    return out


def _formula_parted(block: Block, form: Form, repairs: list[Repair]) -> list[Block]:
    """The block as the formula and what a copy ran on into it (`patterns.formula_at`): a title before
    it, a recital or a numbered paragraph after it; a paragraph number before it moved to the paragraph
    after it. The block itself when it holds no formula, or the formula alone."""
    text = block.text
    found = formula_at(text.text, form)
    if found is None:
        return [block]
    rest = text.text[found.end :]
    runs_on = bool(rest.strip()) and (
        _NUMBER_AT.match(rest.lstrip()) is not None or opens_as_recital(rest.lstrip(), lower=True)
    )
    cuts: list[tuple[int, str]] = []
    if found.start > 0 and found.number is None:
        cuts.append((found.start, "the title runs on into the formula"))
    if not runs_on:
        return _cut(block, cuts, repairs)
    why = "the first recital" if opens_as_recital(rest.lstrip(), lower=True) else "the first paragraph"
    pieces = _cut(block, [*cuts, (found.end, f"the formula runs on into {why}")], repairs)
    if found.number is not None:
        a, b = found.number
        formula, after = pieces[-2], pieces[-1]
        no, column = text.where(a)
        repairs.append(
            Repair(
                no, column, "moved-text",
                f"the number '{text.text[a:b].strip()}' before the formula numbers the paragraph run into it: moved there",
            )
        )  # fmt: skip
        number = text[a:b]
        pieces[-2] = Block(formula.text[b - a :].strip(), formula.line, formula.page_break, 0, formula.lines)
        pieces[-1] = Block(number + after.text, after.line, False, 0, after.lines, note=after.note)
    return pieces


# The next clause's number after a clause's end, maybe after a heading run in with it
# ("…(2011); Reporting and review 36.  Calls upon …").
# After a clause's end, or a recital's comma; an "and" before the number stays with the clause it ends
# ("…; and 11. Decides …"). A demand of a parliament's motion opens in lower case ("...zu
# berücksichtigen; 2. den begonnenen Dialog ...", "... auf: 4. sich ... einzusetzen"), after a
# semicolon or a lead-in's colon.
_NEXT_CLAUSE = re.compile(
    r"(?<=[;.,])\s+(?:(?P<and>and|or)\s+)?(?:(?P<heading>[A-Z][a-z]+(?:\s+[a-z]+){0,4})\s+)?(?P<n>\d{1,3})\.\s+(?=[A-Z])"
    r"|(?<=[;:])\s+(?P<lower>\d{1,3})\.\s+(?=[^\W\d_A-Z])"
)


def _split_run_together(
    blocks: list[Block], md: bool, repairs: list[Repair], form: Form | None = None
) -> list[Block]:
    """A clause's paragraph that runs on into the next ones ("…; 10. Confirms …; 11. Reaffirms …",
    a copy that lost the line ends): parted where the next numbers stand, after a clause's end,
    a heading run in before a number parted too. In a `form` whose clauses open with a verb
    (`Form.verb`), a clause whose verb in capitals the copy set before its number ("NOTES WITH
    SATISFACTION 7. Declarations ...") runs on so too."""
    out: list[Block] = []
    for block in blocks:
        mark = marker(block.text.text, md) if not block.heading else None
        chapeau = CHAPEAU.match(block.text.text) if mark is None and not block.heading and form else None
        if chapeau is not None and form is not None and form.verb.match(chapeau.group("verb").capitalize()):
            mark = Marker("clause", "1.", chapeau.group("n"), chapeau.end(), chapeau.group(0))
        if mark is None or mark.kind != "clause" or not mark.label.isdigit():
            out.append(block)
            continue
        number, text, first = int(mark.label), block.text, True
        while True:
            found = next(
                (
                    m
                    for m in _NEXT_CLAUSE.finditer(text.text)
                    if int(m.group("n") or m.group("lower")) == number + 1
                ),
                None,
            )
            if found is None:
                break
            end = found.end("and") if found.group("and") else found.start()
            out.append(Block(text[:end], block.line, block.page_break and first, 0, block.lines))
            first = False
            if found.group("heading"):
                heading = text[found.start("heading") : found.end("heading")]
                out.append(Block(heading, block.line, False, 0, block.lines))
                no, column = heading.where(0)
                repairs.append(
                    Repair(no, column, "split", f"'{heading.text}' heads clause {number + 1}: parted")
                )
            text = text[found.start("n" if found.group("n") else "lower") :]
            number += 1
            no, column = text.where(0)
            repairs.append(
                Repair(no, column, "split", f"clause {number} runs on from the one before: parted")
            )
        out.append(block if first else Block(text, block.line, False, 0, block.lines, note=block.note))
    return out


# A line that ends a clause: its punctuation, maybe a closing quote, maybe a footnote's call ("..., 1").
_CLAUSE_END = re.compile(r"[.;:,!?][\"'’”»)]?(?:[ \t]+\d{1,3})?\Z")


def _one_a_line(lines: list[Line]) -> bool:
    """A Markdown paragraph whose lines are paragraphs (a page that set each on a line, its blank lines
    lost): three lines at least, each but the last a long one that ends a clause, each after the first
    opening with a capital and no list or clause marker."""
    if len(lines) < 3:
        return False
    texts = [line.text.text for line in lines]
    # Each opens as a recital does ("Considering", "Resolved"), or all open with the same word:
    # a line of a wrapped paragraph may open with a capital too ("Bangkok (2003), Zagreb (2005)").
    firsts = [t.split(maxsplit=1)[0].casefold() if t.split() else "" for t in texts]
    opens = sum(bool(OPENING.match(t)) or firsts.count(f) > 1 for t, f in zip(texts, firsts, strict=True))
    alike = opens >= 3 and opens >= len(texts) - 2  # the formula and one other may open otherwise
    return (
        alike
        and all(len(t) >= 60 and _CLAUSE_END.search(t) for t in texts[:-1])
        and all(t[:1].isupper() and marker(t, True) is None for t in texts[1:])
    )


_ITEM_END = re.compile(r"(?:[.;!?]|;\s+(?:and|or))[\"'’”»)]?\Z")


def _lost_markers(before: Block, lines: list[Line], md: bool) -> bool:
    """Lines of a list whose markers were lost: under a lead-in that ends with a colon ("Conference
    notes:", "calls upon ... to:"), each line opens with a capital or a digit and ends a sentence."""
    if len(lines) < 2 or before.heading or not before.text.text.rstrip().endswith(":"):
        return False
    return all(
        (line.text.text[:1].isupper() or line.text.text[:1].isdigit())
        and _ITEM_END.search(line.text.text)
        and marker(line.text.text, md) is None
        for line in lines
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rejoin(
    blocks: list[Block], md: bool, vocab: Vocabulary, repairs: list[Repair], form: Form | None = None
) -> list[Block]:
    """Join a paragraph to the one before when a page break (or a stray blank line) had split them.

    In a copied print of a `form` whose every paragraph ends with its punctuation (a UN
    resolution's), one that ends on a bare word was cut by a page break, seen or not.
    """
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is None
            or len(out) == 1
            or block.heading
            or prev.heading
            or block.item
            or block.note
            or prev.note
            or marker(block.text.text, md)
            or (md and (TABLE_ROW.fullmatch(block.text.text) or TABLE_ROW.fullmatch(prev.text.text)))
        ):
            out.append(block)
            continue
        text, before = block.text.text, prev.text.text
        prev_marker = marker(before, md)
        closed = before.rstrip("\"'’”»)]")[-1:] in _ENDS_SENTENCE
        wrapped = _IDEOGRAPHIC.match(before[-1:]) is not None and _IDEOGRAPHIC.match(text[:1]) is not None
        if is_article_line(before) or _ARTICLES.preamble_heading.fullmatch(before.strip()):
            join = False  # "第 一 条" or "序 言" over its text
        elif wrapped:
            # Chinese and Japanese put no space between words, and end a sentence or a clause
            # with its punctuation (。、，；): a paragraph that ends on a character of a word and
            # a next one that opens with one are a line the copy broke mid-sentence.
            join = True
        elif text[:1].islower():
            # After sub-clauses, a paragraph in lower case goes on with the clause's sentence; one
            # that opens with the word the one before opens with is the next of a run of recitals
            # ("принимая во внимание ...", "da ...": languages whose recitals open in lower case).
            join = not (
                prev_marker is not None and prev_marker.kind == "sub" and closed
            ) and not _same_opening(before, text)
        else:
            cut = form is not None and form.punctuated and before[-1:].isalpha() and not _alone(before, form)
            cut = cut and not (len(out) > 1 and _alone(out[-2].text.text, form))  # an annex's title
            join = (
                (block.page_break or cut)
                and (before[-1:].isalnum() or before.endswith("-"))
                and not is_adoption_line(text)
                and not _same_opening(before, text)  # "...; and" then "WHEREAS, ...": the next recital
            )
        if not join:
            out.append(block)
            continue
        no, column = block.text.where(0)
        joined = (
            None
            if wrapped
            else _join_hyphenated(prev.text, prev.lines[-1], block.lines[0], block.text, vocab, repairs)
        )
        prev.text = joined if joined is not None else prev.text.append("" if wrapped else " ", block.text)
        prev.lines = prev.lines + block.lines
        why = (
            "a line end stood in its sentence, in a script written without spaces"
            if wrapped
            else "it starts in lower case"
            if text[:1].islower()
            else "a page break stood in its sentence"
        )
        repairs.append(
            Repair(no, column, "page-break-join", f"joined this paragraph to the one before: {why}")
        )
    return out


def _same_opening(before: str, text: str) -> bool:
    """Both paragraphs open with the same word (case aside): parallel paragraphs, not one sentence."""
    first, second = before.split(maxsplit=1), text.split(maxsplit=1)
    return bool(first and second) and first[0].casefold() == second[0].casefold()
