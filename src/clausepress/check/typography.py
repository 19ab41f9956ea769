"""Typographic faults of a finished PDF, read from its glyphs' places: the even colour of the
text, as a compositor judges it.

PDFium gives each character its origin and advance on the page. The characters of a page
are cut into lines where the baseline moves down (a raised note call does not cut: it is
smaller than the text around it), and a line's word spaces are the gaps between the advance
of the character before a space and the origin of the character after it, measured in ems of
the line's type. What is measured:

- `pdf.word-space`: a line whose widest word space is wider than 1 em (a justified
  line stretched where a better break or a hyphen was possible);
- `pdf.widow`, `pdf.orphan`: a paragraph's last line alone at the head of a page, or its
  first alone at a page's foot (see `lone_lines`);
- `pdf.hyphen-ladder`: three or more hyphenated line ends in a row (a ladder). A word's own
  hyphen at a line's end ("Nagorno-", "high-") counts as a reader sees it (and as PDFium reads
  it: it marks any hyphen that ends a line alike).

A space after a line's first token that is a label ("7.", "(a)", "iv)") is the gap between a
hanging number and its text, not a word space, and is left out.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from .findings import Finding

__all__ = ["Line", "WORD_SPACE_LIMIT", "check_typography", "lines", "lone_lines", "word_spaces"]

# The widest word space a justified line may have, in ems of its type.
WORD_SPACE_LIMIT = 1.0
# Hyphenated line ends in a row that make a ladder.
HYPHEN_LADDER = 3

# A hanging label: "7.", "(a)", "iv)", "1", "(一)", "（三）", "一、", "ա.", "•".
_LABEL = re.compile(r"[(（]?[^\W_]{1,6}[.)）、]\)?|[(（][^\W_]{1,6}[)）]|\d{1,4}|[•·–—-]")
_HYPHENS = "\u2010\u00ad"
# Glyphs closer than this (in ems) touch: letters of one word (kerning, italic overhang).
_TOUCH = 0.08
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _split(placed: list[_Char], cuts: list[int]) -> list[list[_Char]]:
    bounds = [0, *cuts, len(placed)]
    return [placed[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


@dataclass(frozen=True)
class Line:
    """One line of type on a page: its text, its size, and its word spaces in ems."""

    page: int
    size: float  # points
    text: str
    spaces: tuple[float, ...]  # each word space's width, in ems of `size`
    hyphenated: bool  # the line ends with a hyphen that breaks a word
    left: float = 0.0  # where its glyphs begin and end, and its baseline, in points from the
    right: float = 0.0  # page's lower left corner
    baseline: float = 0.0

    @property
    def widest(self) -> float:
        return max(self.spaces, default=0.0)


@dataclass
class _Char:
    char: str
    left: float
    right: float
    baseline: float
    size: float


def _page_chars(textpage: object, count: int) -> list[_Char]:
    import pypdfium2.raw as raw

    tp = textpage
    chars: list[_Char] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    for i in range(count):
        code = raw.FPDFText_GetUnicode(tp, i)
        # 2: PDFium's mark of a hyphen at a line end (a soft hyphen shown): a break's hyphen, as
        # WeasyPrint's own hyphenation character (U+2010) is; a hyphen of the text (U+002D, as in
        # "Nagorno-" or an address) is not.
        char = "\u2010" if code == 2 else chr(code)
        if char.isspace() or code == 0:
            chars.append(_Char(" " if char != "\n" and code not in (10, 13) else "\n", 0, 0, 0, 0))
            continue
        raw.FPDFText_GetCharOrigin(tp, i, x, y)
        raw.FPDFText_GetLooseCharBox(tp, i, rect)
        obj = raw.FPDFText_GetTextObject(tp, i)
        size = raw.FPDFText_GetFontSize(tp, i)
        if obj and raw.FPDFPageObj_GetMatrix(obj, matrix):
            size *= abs(matrix.d) or 1.0  # WeasyPrint scales its text objects (px to pt)
        chars.append(_Char(char, rect.left, rect.right, y.value, size))
    return chars


def _cut_lines(page: int, chars: list[_Char]) -> Iterator[Line]:
    line: list[_Char | None] = []  # None: a space
    body = 0.0
    baseline = None

    def flush() -> Line | None:
        glyphs = [c for c in line if c is not None]
        if not glyphs:
            return None
        size = max(c.size for c in glyphs)
        text = "".join(c.char if c is not None else " " for c in line).strip()
        hyphenated = text[-1:] in _HYPHENS and len(text) > 1 and text[-2].isalpha()
        where = {
            "left": min(c.left for c in glyphs),
            "right": max(c.right for c in glyphs),
            "baseline": next(c.baseline for c in glyphs if c.size == size),
        }
        if " " not in text:
            return Line(page, size, text, (), hyphenated, **where)
        # Where the glyphs stand, left to right: in a line that mixes directions (Arabic with
        # its numbers, an address in a Hebrew note) the order of the text is not the order on
        # the page. A word space is a gap between glyphs; letters of a word touch.
        placed = sorted(glyphs, key=lambda c: c.left)
        cuts = [i for i in range(1, len(placed)) if placed[i].left - placed[i - 1].right > _TOUCH * size]
        gaps = [(placed[i].left - placed[i - 1].right) / size for i in cuts]
        words = ["".join(c.char for c in part) for part in _split(placed, cuts)]
        # A hanging label stands at the line's start: on the left, or on the right of a
        # right-to-left line (whose label PDFium may give in either order: "1." or ".1").
        rtl = bool(_RTL.search(text))
        edge = -1 if rtl else 0
        if gaps and (_LABEL.fullmatch(words[edge]) or _LABEL.fullmatch(words[edge][::-1])):
            gaps.pop(edge)
        return Line(page, size, text, tuple(gaps), hyphenated, **where)

    for c in chars:
        if c.char == "\n":
            continue  # lines are cut by where the glyphs stand, not by PDFium's guesses
        if c.char == " ":
            if line and line[-1] is not None:
                line.append(None)
            continue
        if baseline is not None and line:
            # A raised note call stands above the line, smaller than its type: it does not cut it.
            raised = c.size < 0.85 * body and 0 < c.baseline - baseline < 0.8 * body
            if not raised and abs(c.baseline - baseline) > 0.5 * max(body, c.size):
                done = flush()
                if done:
                    yield done
                line, body, baseline = [], 0.0, None
        if baseline is None or c.size >= 0.85 * body:
            body = max(body, c.size)
            baseline = c.baseline
        line.append(c)
    done = flush()
    if done:
        yield done


def lines(path: Path) -> Iterator[Line]:
    """Every line of type of the PDF at `path`, page by page, top to bottom."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                chars = _page_chars(textpage.raw, raw.FPDFText_CountChars(textpage.raw))
            finally:
                textpage.close()
                page.close()
            yield from _cut_lines(index + 1, chars)
    finally:
        pdf.close()


def word_spaces(path: Path) -> list[float]:
    """The widest word space of each line of the PDF, in ems: a summary for measurements."""
    return [line.widest for line in lines(path) if line.spaces]


def lone_lines(found: list[Line]) -> list[tuple[str, Line]]:
    """The widows and orphans of a PDF's lines (`lines(path)`, in order): ("widow", line) for a
    paragraph's last line set alone at the head of a page, ("orphan", line) for its first set
    alone at a page's foot.

    Read as a compositor reads a justified page: the lines of the text's type (not the notes,
    the running heads, the headings: other sizes); a line that reaches the measure's end (the
    right, or the left of a right-to-left line) goes on in the next line; one that stops short
    of it ends its paragraph; a paragraph begins after a gap wider than the line spacing. A
    widow is a page's first line that stops short and stands alone (a gap, or the page's end,
    after it) after a page whose last line went on; an orphan, a page's last line that goes on
    and begins its paragraph. Text set ragged gives neither (no line reaches the end)."""
    sizes = Counter(round(line.size, 1) for line in found if line.text)
    if not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    pages: dict[int, list[Line]] = {}
    for line in found:
        if abs(line.size - body) <= 0.03 * body:
            pages.setdefault(line.page, []).append(line)
    steps = sorted(
        a.baseline - b.baseline
        for ls in pages.values()
        for a, b in zip(ls, ls[1:], strict=False)
        if a.baseline > b.baseline
    )
    if not steps:
        return []
    pitch = steps[len(steps) // 2]

    # The measure, on the odd and on the even pages (a printed book's margins mirror): where
    # the justified lines end, three of them at least (a text of short lines has none).
    measure: dict[int, tuple[float, float]] = {}
    for side in (0, 1):
        side_lines = [x for n, page in pages.items() if n % 2 == side for x in page]
        if side_lines:
            start, end = min(x.left for x in side_lines), max(x.right for x in side_lines)
            ltr = [x for x in side_lines if not _RTL.search(x.text)]
            full = sum(x.right >= end - 0.3 * x.size for x in ltr) + sum(
                x.left <= start + 0.3 * x.size for x in side_lines if _RTL.search(x.text)
            )
            if full >= 3:
                measure[side] = (start, end)

    def goes_on(line: Line, page: list[Line]) -> bool:
        # It fills the measure: reaches its end, and starts near its start (a sub-clause is set
        # in; a line set flush to the end, as a meeting line is, does not go on).
        if line.page % 2 not in measure:
            return False
        start, end = measure[line.page % 2]
        if _RTL.search(line.text):
            start, end = end, start
            return line.left <= end + 0.3 * line.size and line.right >= start - 4 * line.size
        return line.right >= end - 0.3 * line.size and line.left <= start + 4 * line.size

    def gap(a: Line, b: Line) -> bool:
        return a.baseline - b.baseline > 1.2 * pitch

    out: list[tuple[str, Line]] = []
    numbers = sorted(pages)
    for number, after in zip(numbers, numbers[1:], strict=False):
        here, there = pages[number], pages[after]
        if after != number + 1 or len(here) < 3 or len(there) < 3:
            continue
        last, first = here[-1], there[0]
        if not goes_on(last, here):
            continue
        if len(here) > 1 and gap(here[-2], last):
            out.append(("orphan", last))
        if not goes_on(first, there) and (len(there) == 1 or gap(first, there[1])):
            out.append(("widow", first))
    return out


def check_typography(path: Path) -> list[Finding]:
    """The typographic faults of the PDF at `path`, as warnings with their page."""
    name = display_path(path)
    findings: list[Finding] = []
    ladder: list[Line] = []
    every = list(lines(path))
    for kind, line in lone_lines(every):
        where = "at the head of" if kind == "widow" else "at the foot of"
        findings.append(
            Finding(
                f"pdf.{kind}",
                "warning",
                f"the line {_quote(line.text)} stands alone {where} page {line.page}, the rest of its "
                "paragraph on the page " + ("before" if kind == "widow" else "after"),
                name,
                page=line.page,
            )
        )
    for line in every:
        if line.widest > WORD_SPACE_LIMIT:
            findings.append(
                Finding(
                    "pdf.word-space",
                    "warning",
                    f"a word space of {line.widest:.2f} em (over {WORD_SPACE_LIMIT:g} em) in the line "
                    f"{_quote(line.text)}",
                    name,
                    page=line.page,
                )
            )
        if line.hyphenated:
            ladder.append(line)
            continue
        if len(ladder) >= HYPHEN_LADDER:
            findings.append(_ladder(ladder, name))
        ladder = []
    if len(ladder) >= HYPHEN_LADDER:
        findings.append(_ladder(ladder, name))
    return findings


def _ladder(ladder: list[Line], name: str) -> Finding:
    return Finding(
        "pdf.hyphen-ladder",
        "warning",
        f"{len(ladder)} hyphenated line ends in a row, from the line {_quote(ladder[0].text)}",
        name,
        page=ladder[0].page,
    )


def _quote(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return ascii(shown)[1:-1] if not shown.isprintable() else f"“{shown}”"
