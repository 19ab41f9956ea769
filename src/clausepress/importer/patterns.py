"""What the parts of a received resolution look like: clause markers, enacting and adoption lines, language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..forms import FORMS, ORDINALS, Form, ordinal_value
from ..presentation import number_value

# Private-use characters of plane 15 stand in for footnote calls and addresses between
# the stages: they are no letter, space or Markdown, so nothing on the way mistakes them
# for text. (The BMP's private-use area is not used: text copied from PDFs carries its
# glyphs, U+F0B7 for a Symbol bullet, and they are kept as text.) An input holding
# plane-15 characters itself is refused (`refuse_sentinels`).
NOTE_BASE = 0xF0000
ADDRESS_BASE = 0xF8000
BARE_BASE = 0xFC000
SENTINELS = "\U000f0000-\U000ffffd"
_SENTINEL_IN_INPUT = re.compile(f"[{SENTINELS}]")


def sentinel_in(text: str) -> int | None:
    """The index of the first character of `text` that the importer keeps for its own use."""
    found = _SENTINEL_IN_INPUT.search(text)
    return found.start() if found else None


_ROMAN = re.compile(r"(?=[ivxlc])(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})\Z")
_ARTICLE = FORMS["articles"].article
# The word that heads the articles of the text being imported, when the form's list lacks it
# ("Artykuł", "Điều", "ধারা", "ข้อ"): found from the text by `article_word` and set for one import.
_TEXT_ARTICLE: ContextVar[re.Pattern[str] | None] = ContextVar("text_article", default=None)
_NUMBERED_LINE = re.compile(r"(?P<word>[^\W\d_][^\s\d]{0,24})\s+(?P<n>\d{1,3})\s*[.:]?")
_NOT_ARTICLE_WORDS = re.compile(
    r"(?:page|p\.|pg\.?|seite|página|pagina|section|sec\.|chapter|part|annex|exhibit|item|no\.?|number|"
    r"resolution|paragraph|schedule|appendix)\Z",
    re.IGNORECASE,
)


def article_word(lines: Iterable[str]) -> re.Pattern[str] | None:
    """The pattern of the article headings of a text in a language the form does not list: a word
    alone on its line with a number, the same word numbered 1, 2, 3 ... down the text ("Artykuł 1",
    "ধারা ১"). None when there is no such word, or the form's own pattern finds the articles."""
    numbers: dict[str, list[int]] = {}
    for line in lines:
        text = line.strip()
        if _ARTICLE.match(text):
            return None
        if (m := _NUMBERED_LINE.fullmatch(text)) and not _NOT_ARTICLE_WORDS.match(m.group("word")):
            numbers.setdefault(m.group("word"), []).append(int(m.group("n")))
    for word, found in sorted(numbers.items(), key=lambda kv: -len(kv[1])):
        if len(found) >= 3 and found[:3] == [1, 2, 3] and found == sorted(found):
            return re.compile(
                rf"(?P<word>{re.escape(word)})\s+(?P<n>\d{{1,3}})(?=[\s.:\-–—]|\Z)(?P<han>(?!))?(?P<ko>(?!))?"
            )
    return None


@contextmanager
def articles_headed_by(pattern: re.Pattern[str] | None) -> Iterator[None]:
    """Within the block, `pattern` also heads articles (see `article_word`)."""
    token = _TEXT_ARTICLE.set(pattern)
    try:
        yield
    finally:
        _TEXT_ARTICLE.reset(token)


@dataclass(frozen=True)
class Misprint:
    """An article heading misprinted ("弟23条" for "第23条"), found by its place in the sequence."""

    index: int  # of its line
    printed: str  # the heading as printed
    heading: str  # as it should read
    number: str  # the article's number, in the text's notation
    style: str  # the numbering style of the headings around it
    between: str  # the headings it stands between, as the repair names them


# The misprinted headings of the text being imported, each as printed: (number, style). Set for one
# import by `misprints_recognised`; `_article` takes them for headings.
_MISPRINTED: ContextVar[tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]] = ContextVar(
    "misprinted", default=(None, {})
)
_BOUNDARY = re.compile(r"[\s.:\-–—]")
_FOLD_LETTERS = str.maketrans("يك", "یک")  # Persian's two yehs and kafs: one letter each


def _one_edit(a: str, b: str) -> bool:
    """`a` is `b` with one letter changed, left out or added."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    k = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[k:] == long[k + 1 :]


def _in_notation(number: str, value: int) -> str | None:
    """`value` written as `number` is: in its script's digits ("२३" after "२२"), or as an ordinal word."""
    if number.isdecimal():
        zero = ord(number[0]) - unicodedata.digit(number[0])
        return "".join(chr(zero + int(d)) for d in str(value))
    if ordinal_value(number) is not None:
        return next((w for w, v in ORDINALS.items() if v == value), None)
    return None


def misprinted_articles(texts: list[str]) -> list[Misprint]:
    """The lines that open with an article's heading misprinted by one letter ("弟23条", "अनुच्छेव ७.",
    "ماده يازهم"), told by their place: the article before it is numbered one less, the next (if
    any) one more, and no other line between them opens so. The text is kept as printed."""
    heads: list[tuple[int, re.Match[str], str, int]] = []
    for i, text in enumerate(texts):
        if (m := _article(text)) is not None:
            number, _ = article_number(m)
            value = number_value(number)
            if value is not None:
                heads.append((i, m, number, value))
    found: list[Misprint] = []
    for (i, m, number, value), after in zip(heads, [*heads[1:], None], strict=False):
        if after is not None and after[3] != value + 2:
            continue
        written = _in_notation(number, value + 1)
        if written is None:
            continue
        group = next(g for g in ("han", "ko", "n") if m.group(g) is not None)
        # In the digits of the heading before, or in ASCII ones ("第９条" then "第10条").
        wanted = written
        headings = [
            m.group(0)[: m.start(group) - m.start()] + w + m.group(0)[m.end(group) - m.start() :]
            for w in dict.fromkeys((written, str(value + 1) if number.isdecimal() else written))
        ]
        stop = after[0] if after is not None else len(texts)
        for k in range(i + 1, stop):
            text = texts[k].translate(_FOLD_LETTERS)
            size, heading = next(
                (
                    (n, h)
                    for h in headings
                    for folded in (h.translate(_FOLD_LETTERS),)
                    for n in (len(folded), len(folded) - 1, len(folded) + 1)
                    if 2 <= n <= len(text)
                    and (n == len(text) or _BOUNDARY.match(text[n]))
                    and _one_edit(text[:n], folded)
                ),
                (None, ""),
            )
            if size is not None:
                wanted = written if heading == headings[0] else str(value + 1)
                between = m.group(0) + (f" and {after[1].group(0)}" if after is not None else "")
                _, style = article_number(m)
                if "ي" in texts[k][:size]:  # the yeh the text writes
                    heading, wanted = (x.translate(str.maketrans("یک", "يك")) for x in (heading, wanted))
                found.append(Misprint(k, texts[k][:size], heading, wanted, style, between))
                break
    return found


@contextmanager
def misprints_recognised(misprints: list[Misprint]) -> Iterator[None]:
    """Within the block, each of `misprints` as printed heads its article (see `misprinted_articles`)."""
    pattern = None
    if misprints:
        printed = "|".join(re.escape(m.printed) for m in sorted(misprints, key=lambda m: -len(m.printed)))
        pattern = re.compile(
            rf"(?P<misprint>{printed})(?=[\s.:\-–—]|\Z)(?P<word>(?!))?(?P<n>(?!))?(?P<han>(?!))?(?P<ko>(?!))?"
        )
    token = _MISPRINTED.set((pattern, {m.printed: (m.number, m.style) for m in misprints}))
    try:
        yield
    finally:
        _MISPRINTED.reset(token)


def _article(text: str) -> re.Match[str] | None:
    if m := _ARTICLE.match(text):
        return m
    extra = _TEXT_ARTICLE.get()
    if extra is not None and (m := extra.match(text)):
        return m
    misprinted, _ = _MISPRINTED.get()
    return misprinted.match(text) if misprinted is not None else None


# "1\." too: Markdown's escape of a number; "1a." a paragraph an amendment inserted after 1.
_CLAUSE = re.compile(r"(\d{1,3}[a-z]?)\\?([.)])(?:\s+|\Z)")
# "3.1. to ensure ...", "3.1 calls on": a paragraph's numbered item, numbered with its paragraph's number.
_DECIMAL_SUB = re.compile(r"(\d{1,3})\.(\d{1,2})\.?(?:\s+|\Z)(?=\D)")
# "11     Condemns": a clause number whose full stop the copy lost, set apart by a wide space.
_SPACED_CLAUSE = re.compile(r"(\d{1,3})[ \t]{3,}(?=[A-Z])")
# "一、", "十二、", "一．" (a full-width full stop): Chinese numbered items.
_HAN_CLAUSE = re.compile(r"([一二三四五六七八九十]{1,3})[、．]\s*")
_BULLET = re.compile(r"[-*+•]\s+")
# "㈠ 凡受刑事控告者": a Chinese numbered paragraph, its number a parenthesized ideograph (U+3220-3229,
# "(一)" as one character); the label is the ideograph, which the page prints in brackets.
_HAN_PAREN_SUB = re.compile(r"([\u3220-\u3229])\s*")
# (a), a), a.; a roman or bracketed number glued to its word by a copy ("i.the quorum", "(1)het Comité").
_SUB = re.compile(
    r"(?:\(([a-z]{1,5}|\d{1,2})\)|([a-z]{1,5})[).])(?:\s+|\Z)"
    r"|\((\d{1,2}|[ivx]{1,4})\)(?=[^\W\d_]{2})|([ivx]{1,4})\.(?=[^\W\d_A-Z]{2})"
)
# "A.", "(A)"; "Ba." a recital an amendment inserted after B, before its lower-case word ("Ba. whereas").
_RECITAL = re.compile(r"(?:([A-Z])\.|\(([A-Z])\)|([A-Z][a-z])\.(?=\s+(?:\*\*|__)?[a-z]))\s+")
# "## Title"; "##Title" too, with no space (converters write it), when a capital or digit follows.
HEADING = re.compile(r"(#{1,6})(?:\s+|(?=[^\W_a-z]))(.*?)(?:\s+#+)?\s*\Z")


# An operative paragraph's verb in capitals that a copy set before the paragraph's number, as the chapeau
# of the paragraphs that follow ("BELIEVES 3. That ...", "NOTES WITH SATISFACTION 7. Declarations ...").
CHAPEAU = re.compile(r"(?P<verb>[A-Z]{2,}(?:[ \t]+[A-Z]{2,}){0,3})[ \t]+(?P<n>\d{1,3})\\?\.[ \t]+(?=\S)")


def is_roman(label: str) -> bool:
    return bool(_ROMAN.match(label))


@dataclass(frozen=True)
class Marker:
    """A clause, sub-clause, recital or list marker at the start of a paragraph."""

    kind: str  # "article", "clause", "bullet", "sub", "recital"
    style: str  # "Article 1", "1.", "1)", "none" (a list item), "(a)", "a)", "A."
    label: str  # "1", "a", "A"; "" for a list item
    end: int  # where the text after the marker starts
    text: str  # the marker as written
    verb: tuple[int, int] | None = None  # the verb a copy set before the number ("BELIEVES 3. That")


# An article's heading set in bold before its text ("**第一條**　人皆生而自由", "**Article 1.** All ..."):
# the bold run, then a space (the ideographic space U+3000 too) or the line's end.
_BOLD_HEAD = re.compile(r"(\*\*|__)([^*_\n]{1,40}?)\1(?:[ \t\u3000]+|\Z)")


def marker(text: str, md: bool) -> Marker | None:
    """The marker a paragraph opens with, if any."""
    if md and (b := _BOLD_HEAD.match(text)) and (m := _article(b.group(2))) and is_article_line(b.group(2)):
        label, style = article_number(m)
        return Marker("article", style, label, b.end(), b.group(0).rstrip())
    if m := _article(text):
        rest = re.match(r"\s*[-–—:.]?\s*", text[m.end() :])
        end = m.end() + (rest.end() if rest else 0)
        label, style = article_number(m)
        return Marker("article", style, label, end, m.group(0))
    if m := _DECIMAL_SUB.match(text):
        # "3.1." under paragraph 3 (the Council of Europe's numbering): a sub-clause, its own number.
        return Marker("sub", "1.1.", m.group(2), m.end(), m.group(0).rstrip())
    if m := _CLAUSE.match(text):
        return Marker("clause", "1" + m.group(2), m.group(1), m.end(), m.group(0).rstrip())
    if m := _SPACED_CLAUSE.match(text):
        return Marker("clause", "1.", m.group(1), m.end(), m.group(1))
    if m := _HAN_CLAUSE.match(text):
        return Marker("clause", "1、", m.group(1), m.end(), m.group(0).rstrip())
    if m := _HAN_PAREN_SUB.match(text):
        label = unicodedata.normalize("NFKC", m.group(1)).strip("()")
        return Marker("sub", "(a)", label, m.end(), m.group(1))
    if m := _SUB.match(text):
        label = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if len(label) == 1 or is_roman(label) or label.isdigit():
            style = "(a)" if m.group(1) or m.group(3) else "a)"
            return Marker("sub", style, label, m.end(), m.group(0).rstrip())
    if m := _RECITAL.match(text):
        return Marker("recital", "A.", m.group(1) or m.group(2) or m.group(3), m.end(), m.group(0).rstrip())
    if md and (m := _BULLET.match(text)):
        inner = marker(text[m.end() :], md=False)
        if inner is not None and inner.kind in ("sub", "clause"):
            # "- (a) text", "- 1. text": the list marker and the label, both consumed.
            return Marker(
                inner.kind,
                inner.style,
                inner.label,
                m.end() + inner.end,
                text[: m.end() + inner.end].rstrip(),
            )
        return Marker("bullet", "none", "", m.end(), m.group(0).rstrip())
    return None


def article_number(m: re.Match[str]) -> tuple[str, str]:
    """The number of an article heading, in the digits it is printed with, and its numbering style.

    "Статья 1" gives ("1", "Статья 1"); "第１条", ("１", "第1条"); "סעיף כד", ("כד", "סעיף 1");
    "Article premier", ("premier", "Article 1").
    """
    if "misprint" in m.re.groupindex and m.group("misprint") is not None:
        return _MISPRINTED.get()[1][m.group("misprint")]  # as it should read: the label prints it so
    if m.group("han") is not None:
        # "第 二 十 七 条" is 第二十七条; the Traditional text's 條 is its word ("第1條").
        number, style = "".join(m.group("han").split()), f"第1{m.group(0)[-1]}"
    elif m.group("ko") is not None:
        number, style = m.group("ko"), "제1조"
    else:
        number, style = m.group("n"), f"{m.group('word')} 1"
    # The ordinal mark after a figure goes ("1.º", "1er"); an ordinal word stays as printed ("premier",
    # "ماده اول"): its value is the form's (`forms.ordinal_value`).
    number = re.sub(r"(?<=[\dIVXLC])(?:\.?º|er)(?=\Z|\s)", "", number)
    if number.isascii() and number.isdigit():
        number = str(int(number))  # "01" is 1; "１", "१" stay as printed (the label keeps the text's digits)
    return number, style


def is_article_line(text: str) -> bool:
    """A line that heads an article, its text below: "Article 7", or "Article 7 - Purpose"."""
    m = _article(text)
    if m is not None and not text[m.end() :].strip(" \t.:-–—"):
        return True
    if m is None or not re.match(r"\s*[-–—:]\s+\S", text[m.end() :]):
        return False
    title = text[m.end() :].strip(" -–—:")
    return len(title.split()) <= 8 and not title.endswith((".", ";", ","))


# The words a recital or an operative paragraph opens with that no sentence goes on with after a
# line end: participles and adjectives in capitals ("Recalling", "Deeply concerned", "Mindful").
OPENING = re.compile(
    r"(?:[A-Z][a-z]+ly\s+)?(?:[A-Z][a-z]{2,}(?:ing|ed)|Mindful|Aware|Conscious|Convinced|Cognizant|Desirous"
    r"|Determined|Gravely|Deeply|Also|Further|Bearing|Having|Guided|Noting|Taking|Being)\b"
    r"|[A-Z][a-z]+ly\s+[a-z]{3,}(?:ing|ed)\b"  # "Strongly deploring", "Deeply concerned"
)


def opens_as_recital(text: str, lower: bool = False) -> bool:
    """A UN recital's opening: a participle or an adjective in capitals ("Recalling its", "Having
    considered", "CONSCIOUS of"), the word after it in lower case; in lower case too when `lower`
    ("mindful of", a copy that ran its recitals into the formula)."""
    words = text.split(maxsplit=3)[:3]
    if lower and words and words[0].islower():
        words[0] = words[0].capitalize()
    head = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)
    m = OPENING.match(head)
    after = re.match(r"[ \t]+([a-z]+)", head[m.end() :]) if m is not None else None
    if m is None or after is None or after.group(1) in ("and", "or"):
        return False  # "Production, Stockpiling and Use of ...": a name's words
    return not (after.group(1) == "of" and m.group(0).endswith("ing"))  # "Stockpiling of", not "Mindful of"


@dataclass(frozen=True)
class FormulaAt:
    """Where a paragraph holds its form's formula, as the copy prints it."""

    start: int  # where the formula starts (an opening quote before the body's name is the formula's)
    end: int  # past its punctuation, and an editor's words in brackets after it ("[matter omitted]")
    number: tuple[int, int] | None  # a paragraph number the copy set before it: "1\. The General Assembly"


_FORMULA_LEAD = re.compile(r"(?P<number>\d{1,3}\\?\.[ \t]+)?(?P<quote>['‘“\"](?=\S))?")
_FORMULA_TAIL = re.compile(
    r"(?P<mark>[ \t]*(?:[,:;]|[-–—](?=[ \t]*(?:[^\W\d_]|\Z))))?(?:[ \t]*\[[^\[\]\n]{1,40}\])?"
)
_RUN_IN_NUMBER = re.compile(r"[ \t]+\d{1,3}\\?\.[ \t]+\S")


def formula_at(text: str, form: Form) -> FormulaAt | None:
    """The form's formula at the start of a paragraph, whatever a copy made of it (`Form.body`): its
    comma lost or made a colon or a dash, a paragraph number or a quote before it, the next paragraph
    run into it ("THE GENERAL ASSEMBLY 1. Notes", "The General Assembly mindful of ..."); or the
    formula as printed after a title in capitals run into it ("... OF THE SECURITY COUNCIL The
    General Assembly,"). None when the paragraph does not open so."""
    lead = _FORMULA_LEAD.match(text)
    assert lead is not None
    number = lead.span("number") if lead.group("number") else None
    body = form.body.match(text, lead.end())
    start = lead.start("quote") if lead.group("quote") else lead.end()
    if body is None:
        # The formula as printed, not in capitals as the title's own words are ("... OF THE SECURITY COUNCIL").
        proper = next((m for m in form.formula.finditer(text) if not m.group(0).isupper()), None)
        before = text[: proper.start()] if proper is not None else ""
        if (
            proper is None
            or not re.fullmatch(r"[^a-z]*[A-Z]{2}[^a-z]*[ \t]", before)
            or len(before.split()) < 3
        ):
            return None
        body, start, number = form.body.match(text, proper.start()), proper.start(), None
        if body is None:
            return None
    tail = _FORMULA_TAIL.match(text, body.end())
    assert tail is not None
    rest = text[tail.end() :]
    runs_on = _RUN_IN_NUMBER.match(rest) or (
        rest[:1].isspace() and opens_as_recital(rest.lstrip(), lower=True)
    )
    if not tail.group("mark") and rest.strip() and not runs_on:
        return None  # no punctuation, and no paragraph after it: a sentence's words ("The General Assembly adopted")
    return FormulaAt(start, tail.end(), number)


def is_formula(text: str, form: Form) -> bool:
    """The whole paragraph is the form's formula, as printed or as a copy made it ("The General Assembly:")."""
    text = text.strip()
    if form.formula.fullmatch(text):
        return True
    found = formula_at(text, form)
    return found is not None and found.start == 0 and found.number is None and found.end == len(text)


def is_structural(text: str, md: bool) -> bool:
    """A line that opens a part of the document (never page furniture)."""
    return marker(text, md) is not None or bool(HEADING.match(text)) or text.startswith((">", "|"))


_RESOLVED = re.compile(
    r"(?:now,?\s+)?(?:therefore,?\s+)?(?:be\s+it\s+(?:further\s+|also\s+)?)?resolved\b", re.IGNORECASE
)


def is_resolved_line(text: str) -> bool:
    """ "Resolved, That ...", "Be it resolved that ...": the American enacting formula."""
    return bool(_RESOLVED.match(text))


# The resolving words alone, as a heading or a line of their own: "IT WAS RESOLVED THAT",
# "**BE IT RESOLVED:**", "Resolved, that:".
_RESOLVING_ALONE = re.compile(
    r"(?:\*\*|__)?(?:it\s+(?:was|is)\s+)?(?:now,?\s+)?(?:therefore,?\s+)?(?:be\s+it\s+)?resolved,?"
    r"(?:\s+(?:as\s+follows|that))?\s*:?\s*(?:\*\*|__)?\s*:?",
    re.IGNORECASE,
)


def is_resolving_alone(text: str) -> bool:
    """A line that holds the resolving words and nothing else ("IT WAS RESOLVED THAT")."""
    return bool(_RESOLVING_ALONE.fullmatch(text.strip()))


_ADOPTION = re.compile(
    r"(?:(?:the\s+)?(?:resolution|decision|statement|declaration|motion)\s+(?:was\s+)?)?"
    r"(?:adopted|passed|approved|agreed|done|signed|carried|fait|adopté|adoptée|approuvé|approuvée"
    r"|dated(?=\s+(?:in|at|this|on)\b))\b",
    re.IGNORECASE,
)


# The meeting lines the forms close with ("22nd plenary meeting", "Adopted unanimously at the 2255th meeting.").
_MEETING = [f.meeting for f in FORMS.values() if f.meeting.pattern != "(?!)"]


def is_adoption_line(text: str) -> bool:
    """ "Adopted on ...", "Resolution passed ...", "Done at ...", "Fait à ...", "22nd plenary meeting": a closing line."""
    return bool(_ADOPTION.match(text)) or any(m.match(text) for m in _MEETING)


# --- dates ----------------------------------------------------------------------------------

_MONTHS = {
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
       "august", "september", "october", "november", "december"), 1)},
    **{m: i for i, m in enumerate(("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
       "août", "septembre", "octobre", "novembre", "décembre"), 1)},
}  # fmt: skip
MONTH_NAMES = frozenset(_MONTHS)
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_DATES = (
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), (3, 1, 2)),
    (re.compile(rf"\b(\d{{1,2}}|1er)(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE), (3, 2, 1)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), (1, 2, 3)),  # 1980年9月10日
)


def opens_with_date(text: str) -> bool:
    """ "1980年9月10日 第五届全国人民代表大会第三次会议通过", "10 December 1948 ...": a date first."""
    return any(pattern.match(text) for pattern, _ in _DATES)


def find_date(text: str) -> str | None:
    """The one date a closing line gives, as YYYY-MM-DD; None when there is none or several."""
    found: set[str] = set()
    for pattern, (y, m, d) in _DATES:
        for match in pattern.finditer(text):
            month = match.group(m)
            month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            day = match.group(d)
            day_number = 1 if day == "1er" else int(day)
            if 1 <= month_number <= 12 and 1 <= day_number <= 31:
                found.add(f"{int(match.group(y)):04d}-{month_number:02d}-{day_number:02d}")
    return found.pop() if len(found) == 1 else None


# --- language -------------------------------------------------------------------------------

# Characters that simplified and traditional Chinese write differently, in pairs (国 國, 会 會...):
# py3langid says "zh"; these tell which script, when a text uses one set and not the other.
_PAIRS = tuple(zip("国会这为说对时发经关权议员区条门们来从动长见业产书实进与个过还乐东车开间问题应",
                   "國會這為說對時發經關權議員區條門們來從動長見業產書實進與個過還樂東車開間問題應", strict=True))  # fmt: skip
_SIMPLIFIED = frozenset(s for s, t in _PAIRS if s != t)
_TRADITIONAL = frozenset(t for s, t in _PAIRS if s != t)


# Words European Portuguese spelt with a consonant Brazil's spelling drops ("acção", "protecção",
# "acto", "efectivo", "direcção", "actividade", "adoptar"), and the Brazilian forms of the same words.
_PT_EUROPEAN = re.compile(
    r"\b(?:ac[çt]|protec[çt]|direc[çt]|efectiv|colectiv|objectiv|adopt|exact|selecç|correcç|colecç|eléctric)\w*",
    re.IGNORECASE,
)
_PT_BRAZILIAN = re.compile(
    r"\b(?:aç[ãõ]|ato|atos|ativ|atua|proteç|direç|diret|efetiv|coletiv|objetiv|adot|exat|seleç|correç|coleç|elétric)\w*",
    re.IGNORECASE,
)


def _european_portuguese(text: str) -> bool:
    """A Portuguese text that says it is of Portugal by its spelling (the pre-1990 "acção", "acto")."""
    european = len(_PT_EUROPEAN.findall(text))
    return european >= 3 and european > 3 * len(_PT_BRAZILIAN.findall(text))


# The country a web address belongs to, by its domain, and the English written there.
_ENGLISH_OF = {"uk": "en-GB", "au": "en-AU", "nz": "en-NZ", "ie": "en-IE"}
_HOST = re.compile(r"https?://(?:[\w-]+\.)+([a-z]{2})(?=[/:?#]|\Z)", re.IGNORECASE)


# A Canadian province named as such ("Dated in the Province of Ontario"): the text says it is Canada's.
_CANADIAN_PROVINCE = re.compile(
    r"\bProvince of (?:Ontario|Qu[eé]bec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia"
    r"|New Brunswick|Prince Edward Island|Newfoundland)\b"
)


def regional_english(language: str, addresses: list[str], text: str = "") -> str:
    """ "en-GB" for English text whose copy names its home under a British address (a front matter's
    `spaces: https://spaces.greenparty.org.uk/...`): the words alone do not tell British English
    from the UN's or the Council of Europe's; "en-CA" for one whose text says it was made in a
    Canadian province ("Dated in the Province of Ontario"). Any other language, or neither: as given."""
    if language != "en":
        return language
    countries = {m.group(1).lower() for a in addresses for m in _HOST.finditer(a)}
    variants = {_ENGLISH_OF[c] for c in countries if c in _ENGLISH_OF}
    if _CANADIAN_PROVINCE.search(text):
        variants.add("en-CA")
    return variants.pop() if len(variants) == 1 else language


def guess_language(text: str) -> str | None:
    """The BCP 47 tag of the language a text is most likely in (py3langid's model, shipped with it).

    Chinese is "zh-Hans" or "zh-Hant" when its characters tell, else "zh"; Portuguese is "pt-PT"
    when its spelling tells (the pre-1990 European "acção", "acto"), else "pt". None for a text with
    too few letters to tell.
    """
    letters = sum(c.isalpha() for c in text)
    if letters < 20:
        return None
    import py3langid  # loaded on first use: its model takes a moment

    code = str(py3langid.classify(text)[0])
    if code == "pt" and _european_portuguese(text):
        return "pt-PT"
    if code == "zh":
        simplified = sum(c in _SIMPLIFIED for c in text)
        traditional = sum(c in _TRADITIONAL for c in text)
        if simplified > 2 * traditional and simplified >= 3:
            return "zh-Hans"
        if traditional > 2 * simplified and traditional >= 3:
            return "zh-Hant"
    return code
