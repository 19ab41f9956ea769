"""Reading a received PDF into the Markdown the importer reads (see received.py), with pdfplumber.

A PDF holds words at places, in fonts and sizes; what a text copy flattens, their places
tell apart. The body's size is the size most characters are set in. Lines that repeat at
the same place from page to page are the page's furniture (running heads, page numbers),
left out, each with a repair. Smaller lines at a page's foot that open with a number are
its footnotes; raised smaller numbers in the body are their calls (`[^n]`). A link
annotation carries its address to the words its box covers (`[words](address)`); the
font's name tells italic and bold. Paragraphs part where the gap between lines grows, where
the indent changes, or where a line ends a sentence short of the column's edge. A page set
in two columns (a gutter no line crosses) is read column by column.

A note that only says its link's target is lost (clausepress's own "Link target not given
in the source text.", in any of its languages) is that link's: the call becomes a link to
nothing (`[word](#)`, a source with `status: missing`) on the word before it, since a PDF
does not show where a link's words begin. A note that gives again the address of the link
before its call is that link's printed address, left out with a repair.

Repairs are placed at the line of the Markdown written (one paragraph a line, so the
text import's notes point there too), and name the PDF's page in their message.
"""

from __future__ import annotations

import re
import statistics
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from io import BytesIO
from typing import Any

from ..errors import Origin, SourceError
from ..source import MAX_CHARACTERS
from .markdown_out import Run, Writer, missing_notes, notes_of_links, paragraph_lines
from .patterns import find_date
from .received import Converted

__all__ = ["MAX_PAGES", "read"]

MAX_PAGES = 2000
MAX_LINKS = 2000  # link annotations on one page: each word is tested against each
_ITALIC = re.compile(r"italic|oblique|slanted|-it\b|,it\b", re.I)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_NUMBER = re.compile(r"\d{1,4}")
_NOTE_START = re.compile(r"(\d{1,4})[.)]?\Z")
_SOFT_HYPHENS = ("\u2010", "\u00ad")  # a typesetter's hyphen at a break, never one of the text's
_HYPHENS = ("-", *_SOFT_HYPHENS)
_ADDRESS = re.compile(r"(https?://|www\.)\S*\Z", re.I)
_ENDS_SENTENCE = re.compile(r"[.;:!?]['’”)\]]*\Z")
_SCRIPT_ADDRESS = re.compile(r"\s*(javascript|vbscript|data)\s*:", re.I)
_LABEL = re.compile(r"(\d{1,3}|[A-Za-z]|[ivxlc]{1,6})[.)]|\((\d{1,3}|[A-Za-z]|[ivxlc]{1,6})\)")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")


@dataclass
class Word:
    """A word as the page sets it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool
    bold: bool
    uri: str | None = None
    call: bool = False  # a raised, smaller number: a footnote call
    scanned: bool = False  # read by OCR from an image: a hyphen's kind is not known


@dataclass
class Line:
    """Words side by side on one line of a page (of one column, when the page has two)."""

    page: int
    words: list[Word] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def main(self) -> list[Word]:
        return [w for w in self.words if not w.call] or self.words

    @property
    def top(self) -> float:
        return min(w.top for w in self.main)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.main)

    @property
    def size(self) -> float:
        sizes = Counter[float]()
        for w in self.main:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.main)


def _open(data: bytes, name: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(BytesIO(data))
        count = len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError(
            "the PDF is encrypted: clausepress cannot read its text; save it without a password",
            Origin(name, 1, 1),
        ) from None
    except Exception as exc:  # noqa: BLE001 - any failure of the parser is a damaged file
        raise SourceError(f"the PDF cannot be read: {_reason(exc)}", Origin(name, 1, 1)) from None
    if count > MAX_PAGES:
        raise SourceError(
            f"the PDF has {count:,} pages; clausepress import reads at most {MAX_PAGES:,}", Origin(name, 1, 1)
        )
    return pdf


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _page_words(page: Any, dropped: list[tuple[int, str]]) -> list[Word]:
    """The page's words with their fonts, sizes and link addresses; a script's address
    (`javascript:`...) is no link's, noted in `dropped` with the page's number."""
    raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=1.5)
    links = [h for h in page.hyperlinks if isinstance(h.get("uri"), str) and h["uri"]]
    for link in links:
        if _SCRIPT_ADDRESS.match(link["uri"]):
            dropped.append((int(page.page_number), link["uri"]))
    links = [h for h in links if not _SCRIPT_ADDRESS.match(h["uri"])]
    if len(links) > MAX_LINKS:
        raise ValueError(
            f"{len(links):,} link annotations on one page; clausepress import reads at most {MAX_LINKS:,}"
        )
    words = []
    for w in raw:
        font = w.get("fontname") or ""
        font = font.split("+", 1)[-1]
        word = Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                    float(w["size"]), bool(_ITALIC.search(font)), bool(_BOLD.search(font)))  # fmt: skip
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        for link in links:
            if link["x0"] - 1 <= cx <= link["x1"] + 1 and link["top"] - 1 <= cy <= link["bottom"] + 1:
                uri = link["uri"]
                word.uri = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
                break
        words.append(word)
    return words


def _lines(words: list[Word], page: int) -> list[Line]:
    """Words gathered into lines: a word joins the line whose band it overlaps by half its height."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-4:]):
            top, bottom = line.top, line.bottom
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                line.words.append(word)
                break
        else:
            lines.append(Line(page, [word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        base, size = line.bottom, line.size
        for w in line.words:
            # A raised number, smaller than the line's type: a footnote call.
            w.call = (
                bool(_NUMBER.fullmatch(w.text)) and w.size < 0.85 * size and w.bottom < base - 0.2 * w.size
            )
    lines.sort(key=lambda ln: ln.top)
    return lines


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a two-column page's gutter: where almost no line has a word, with words on both sides
    in most lines. Counted a point at a time, in time linear in the page's words."""
    body = [ln for ln in lines if len(ln.words) >= 2]
    n = len(body)
    size = int(width) + 2
    if n < 6 or size > 20_000:
        return None
    cover = [0] * size
    ends = [0] * size  # lines whose first word ends at x: they have words left of every x beyond
    starts = [0] * size  # lines whose last word starts at x: they have words right of every x before
    for ln in body:
        covered = bytearray(size)
        for w in ln.words:
            a, b = max(0, int(w.x0 - 2)), min(size - 1, int(w.x1 + 2) + 1)
            covered[a:b] = b"\x01" * (b - a)
        for x, c in enumerate(covered):
            cover[x] += c
        ends[min(size - 1, max(0, int(min(w.x1 for w in ln.words)) + 1))] += 1
        starts[min(size - 1, max(0, int(max(w.x0 for w in ln.words))))] += 1
    left = [0] * size
    right = [0] * size
    running = 0
    for x in range(size):
        running += ends[x]
        left[x] = running
    running = 0
    for x in range(size - 1, -1, -1):
        right[x] = running
        running += starts[x]
    best: tuple[int, float] | None = None
    run_start: int | None = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if cover[x] <= 0.1 * n and left[x] >= 0.4 * n and right[x] >= 0.4 * n:
            run_start = x if run_start is None else run_start
            if best is None or x - run_start > best[0]:
                best = (x - run_start, (run_start + x) / 2)
        else:
            run_start = None
    return best[1] if best is not None else None


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    """A page's lines in reading order: in two columns, the left column before the right between
    the lines that cross the gutter (a title, a table's row)."""
    gutter = _gutter(lines, width)
    if gutter is None:
        return lines
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        if any(w.x0 < gutter < w.x1 for w in line.words):
            out += left + right
            left, right = [], []
            out.append(line)
            continue
        lw = [w for w in line.words if w.x1 <= gutter]
        rw = [w for w in line.words if w.x0 >= gutter]
        if lw:
            left.append(Line(line.page, lw))
        if rw:
            right.append(Line(line.page, rw))
    return out + left + right


def _shape(text: str) -> str:
    """A line's text with its numbers made one sign: "Page 3 of 4" and "Page 4 of 4" are one furniture."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _furniture(pages: list[list[Line]], heights: list[float], calls: set[str]) -> set[tuple[int, int]]:
    """(page, index) of the lines that repeat at the same place on other pages, or that are a lone
    page number at a page's top or foot."""
    places: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines):
            places[_shape(line.text)].append((p, i, line.top))
    found: set[tuple[int, int]] = set()
    for seen in places.values():
        for p, i, top in seen:
            line = pages[p][i]
            edge = (
                i < 3 or i >= len(pages[p]) - 3
            )  # a running head or foot is among a page's first or last lines
            if (
                edge
                and not line.words[0].call
                and not _opens_note(line, calls)
                and any(q != p and abs(t - top) <= 3 for q, _, t in seen)
            ):
                found.add((p, i))
    for p, lines in enumerate(pages):
        if not lines:
            continue
        for i in {0, len(lines) - 1}:
            line = lines[i]
            in_margin = line.top < heights[p] * 0.1 or line.bottom > heights[p] * 0.9
            if in_margin and re.fullmatch(
                r"[-–—\s]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–—\s]*", line.text, re.I
            ):
                found.add((p, i))
    return found


@dataclass
class Note:
    """A footnote as its page prints it."""

    number: str
    page: int
    lines: list[Line]


def _split_foot(
    lines: list[Line], body_size: float, calls: set[str]
) -> tuple[list[Line], list[Line], list[Line]]:
    """A page's lines parted: those above its foot; the foot's small lines before its first note
    (a note of the page before, continued, or small print); its notes, set smaller than the body
    at the page's foot, each opening with a number some call of the text calls."""
    cut = len(lines)
    while cut > 0 and lines[cut - 1].size <= body_size * 0.9:
        cut -= 1
    foot = lines[cut:]
    first = next((i for i, ln in enumerate(foot) if _opens_note(ln, calls)), len(foot))
    return lines[:cut], foot[:first], foot[first:]


def _opens_note(line: Line, calls: set[str]) -> bool:
    m = _NOTE_START.match(line.words[0].text)
    return m is not None and m.group(1) in calls and len(line.words) > 1


def _size_mode(pages: list[list[Line]]) -> float:
    sizes = Counter[float]()
    for lines in pages:
        for line in lines:
            for w in line.words:
                sizes[round(w.size, 1)] += len(w.text)
    return sizes.most_common(1)[0][0]


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """The flow's lines parted into paragraphs by gaps, indents, size and short sentence ends."""
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and b.top > a.top and abs(a.size - b.size) < 0.5 and a.x0 < b.x1 and b.x0 < a.x1
    ]
    usual = statistics.median(gaps) if gaps else 0.0
    right = statistics.median([ln.x1 for ln in lines]) if lines else 0.0
    left = statistics.median([ln.x0 for ln in lines]) if lines else 0.0
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[round(ln.size, 1)] += len(ln.words)
    body = weights.most_common(1)[0][0] if weights else 0.0
    out: list[list[Line]] = []
    for line in lines:
        if not out:
            out.append([line])
            continue
        para = out[-1]
        prev = para[-1]
        size = line.size
        new = False
        if line.page == prev.page and line.top <= prev.top:
            # The next column: the paragraph goes on there unless its line ended a sentence.
            new = bool(_ENDS_SENTENCE.search(prev.words[-1].text)) or abs(size - prev.size) > 0.1 * size
        elif abs(size - prev.size) > 0.1 * size or (
            line.page == prev.page and line.top - prev.bottom > usual + 0.4 * size
        ):
            new = True
        elif _centred(prev, left, right, size) and _centred(line, left, right, size):
            new = False  # a title set centred over two lines
        elif line.x0 < prev.x0 - 6 * size:
            new = True  # no indent, a line set to the right ("Distr.: General ..." over the title block)
        elif line.x0 < prev.x0 - 0.8 * size:
            # A first line set in, then the lines under it: one paragraph, when the first is full.
            new = len(para) > 1 or prev.x1 < right - 2 * size
        elif line.x0 > prev.x0 + 0.8 * size:
            hang = len(prev.words) > 1 and abs(line.x0 - prev.words[1].x0) < 3
            new = not (len(para) == 1 and hang)
        elif prev.x1 < right - 4 * size and (_ENDS_SENTENCE.search(prev.words[-1].text) or size < body - 0.5):
            new = True  # a short line ends its paragraph at a sentence's end, or in smaller type (a title block's lines)
        if new:
            out.append([line])
        else:
            para.append(line)
    return out


def _scanned(
    data: bytes, name: str, count: int, language: str | None, writer: Writer
) -> tuple[list[list[Line]], list[float], list[float]]:
    """A PDF with no text layer (a scan) read through Tesseract, each page's confidence a repair;
    refused with a clear message where Tesseract is not installed or the scan is too long."""
    from . import ocr

    scan = f"the PDF has no text layer (a scan, {count} page{'s' if count != 1 else ''} of images)"
    if not ocr.available():
        raise SourceError(
            f"{scan}: clausepress import cannot read its words; install Tesseract (apt-get install tesseract-ocr) "
            "or make its text readable first (OCR, e.g. ocrmypdf)",
            Origin(name, 1, 1),
        )
    if count > ocr.MAX_OCR_PAGES:
        raise SourceError(
            f"{scan}: clausepress import reads at most {ocr.MAX_OCR_PAGES} scanned pages", Origin(name, 1, 1)
        )
    import pypdfium2 as pdfium

    tool, tongue = ocr.version(), ocr.language_for(language)
    pages: list[list[Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    document = pdfium.PdfDocument(data)
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            try:
                read = ocr.read_page(page, tongue)
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                raise SourceError(
                    f"{scan}: Tesseract could not read page {number}: {exc}", Origin(name, 1, 1)
                ) from None
            width, height = page.get_size()
            page.close()
            words = [
                Word(w.text, w.x0, w.x1, w.top, w.bottom, w.line_height, False, False, scanned=True)
                for w in read
            ]
            pages.append(_lines(words, number))
            heights.append(float(height))
            widths.append(float(width))
            sure = [w.confidence for w in read if w.confidence >= 0]
            doubtful = sorted((w for w in read if 0 <= w.confidence < 60), key=lambda w: w.confidence)
            mean = sum(sure) / len(sure) if sure else 0.0
            shown = ", ".join(f"'{w.text}' ({w.confidence:.0f})" for w in doubtful[:5])
            writer.repair(
                "ocr",
                f"page {number}: no text layer: read by Tesseract {tool} ({tongue}), {len(read)} words, mean "
                f"confidence {mean:.1f} of 100; {len(doubtful)} under 60{': ' + shown if shown else ''}; "
                "no italics, bold or note calls are told in a scan: check the page",
                line=1,
            )
    finally:
        document.close()
    if not any(pages):
        raise SourceError(f"{scan}: Tesseract found no words in it", Origin(name, 1, 1))
    return pages, heights, widths


def _centred(line: Line, left: float, right: float, size: float) -> bool:
    """A line set centred in its column, off both its edges."""
    before, after = line.x0 - left, right - line.x1
    return before > size and after > size and abs(before - after) < size


def _runs(
    para: list[Line], notes: dict[str, str], writer: Writer, joins: list[str], kept: list[str] | None = None
) -> list[Run]:
    """A paragraph's words as runs: spaces where the page sets them, line-end hyphens of the
    typesetter taken out, a note's address joined across its break."""
    runs: list[Run] = []
    kept = [] if kept is None else kept
    prev: Word | None = None
    for li, line in enumerate(para):
        for wi, w in enumerate(line.words):
            if w.call:
                runs.append(Run(call=notes.get(w.text, w.text)))
                prev = w
                continue
            space = True
            if prev is not None and wi > 0:
                space = w.x0 - prev.x1 > 0.12 * w.size
            elif prev is not None and wi == 0 and li > 0:
                last = next((r for r in reversed(runs) if r.call is None), None)
                if (
                    last is not None
                    and last.text.endswith(_SOFT_HYPHENS)
                    and w.text[:1].isalpha()
                    and runs[-1] is last
                ):
                    runs[-1] = replace(last, text=last.text[:-1] + w.text, uri=last.uri or w.uri)
                    joins.append(last.text + w.text)
                    prev = w
                    continue
                elif (
                    last is not None
                    and (_ADDRESS.search(last.text) or (w.uri and w.uri == last.uri))
                    and _continues_address(last.text, w.text, w.uri)
                ):
                    space = False
                elif last is not None and last.text.endswith("-") and w.scanned and runs[-1] is last:
                    # In a scan every hyphen reads as "-": the text import tells a broken word from a hyphen.
                    runs.append(Run("\n"))
                    space = False
                elif (
                    last is not None and last.text.endswith("-") and w.text[:1].isalpha() and runs[-1] is last
                ):
                    # A hyphen-minus at a line end is the text's ("cost-effective"): a typesetter breaks
                    # a word with its own sign (WeasyPrint's U+2010, a soft hyphen), taken out above.
                    kept.append(last.text + w.text)
                    space = False
            if runs and space:
                runs.append(Run(" ", uri=w.uri if runs[-1].uri == w.uri else None))
            runs.append(Run(w.text, w.italic, w.bold, w.uri))
            prev = w
    if runs and _LABEL.fullmatch(runs[0].text) and len(runs) > 2:
        runs[0] = replace(runs[0], italic=False, bold=False)  # a clause's number set bold is its number
    return runs


def _continues_address(before: str, after: str, uri: str | None) -> bool:
    """A line break inside an address: the line's last word and the next one's first make part of it."""
    if uri:
        return before.replace(" ", "") + after.split()[0] in uri or (before + after).rstrip(".,;") in uri
    return bool(_ADDRESS.search(before)) and before.endswith(("/", ".", "-", "_", "=", "&", "?"))


def read(data: bytes, name: str, fmt: str) -> Converted:
    """The PDF read as Markdown, with the furniture left out and the footnotes and links kept."""
    pdf = _open(data, name)
    pages: list[list[Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    characters = 0
    language: str | None = None
    dropped: list[tuple[int, str]] = []
    info = pdf.metadata if isinstance(pdf.metadata, dict) else {}
    try:
        lang = pdf.doc.catalog.get("Lang")
        lang = lang.decode("latin-1") if isinstance(lang, bytes) else lang
        language = lang if isinstance(lang, str) and _LANGUAGE.match(lang) else None
    except Exception:  # noqa: BLE001 - a catalogue without a readable /Lang says no language
        language = None
    try:
        for number, page in enumerate(pdf.pages, 1):
            try:
                words = _page_words(page, dropped)
                characters += sum(len(w.text) for w in words)
                if characters > MAX_CHARACTERS:
                    raise SourceError(
                        f"the PDF holds more than {MAX_CHARACTERS:,} characters of text (page {number})",
                        Origin(name, 1, 1),
                    )
                pages.append(_lines(words, number))
                heights.append(float(page.height))
                widths.append(float(page.width))
            except SourceError:
                raise
            except Exception as exc:  # noqa: BLE001 - a damaged page
                raise SourceError(
                    f"the PDF cannot be read at page {number}: {_reason(exc)}", Origin(name, 1, 1)
                ) from None
            finally:
                page.close()
    finally:
        pdf.close()
    writer = Writer()
    for page_no, address in dropped:
        writer.repair(
            "link", f"page {page_no}: left out a link to a script's address (its words are kept)", address
        )
    if characters == 0:
        pages, heights, widths = _scanned(data, name, len(pages), language, writer)
    body_size = _size_mode(pages)
    calls = {w.text for lines in pages for ln in lines for w in ln.words if w.call}
    furniture = _furniture(pages, heights, calls)
    flow: list[Line] = []
    notes: list[Note] = []
    pending: list[tuple[int, str]] = []
    for p, lines in enumerate(pages):
        kept = []
        for i, line in enumerate(lines):
            if (p, i) in furniture:
                pending.append((p + 1, line.text))
            else:
                kept.append(line)
        body, lead, foot = _split_foot(kept, body_size, calls)
        if (
            lead
            and notes
            and notes[-1].page == p
            and not _ENDS_SENTENCE.search(notes[-1].lines[-1].words[-1].text)
        ):
            notes[-1].lines += lead  # the last note of the page before goes on at this page's foot
        else:
            body += lead
        flow += _reading_order(body, widths[p])
        for line in foot:
            if _opens_note(line, calls):
                notes.append(Note(_NOTE_START.match(line.words[0].text).group(1), p + 1, [line]))  # type: ignore[union-attr]
            else:
                notes[-1].lines.append(line)
    # The notes' own text, and each call's label: the printed number, unless it is printed twice.
    labels: dict[str, str] = {}
    texts: dict[str, tuple[str, int]] = {}
    for note in notes:
        label = note.number if note.number not in texts else f"{note.number}-{note.page}"
        first = note.lines[0]
        note.lines[0] = Line(first.page, first.words[1:])
        note_joins: list[str] = []
        texts[label] = (
            " ".join(paragraph_lines(_runs(note.lines, {}, writer, note_joins)).split()),
            note.page,
        )
        labels.setdefault(note.number, label)
    missing = missing_notes()
    paragraphs = _paragraphs(flow)
    paragraphs = _front_matter(info, paragraphs, writer)
    largest = max((para[0].size for para in paragraphs), default=body_size)
    titled = False
    used: list[str] = []
    for para in paragraphs:
        while pending and pending[0][0] <= para[0].page:
            page_no, text = pending.pop(0)
            writer.repair(
                "furniture",
                f"page {page_no}: left out the page's furniture '{text}' (a running head or page number, by its place)",
                text,
            )
        joins: list[str] = []
        hyphens: list[str] = []
        runs = _runs(para, labels, writer, joins, hyphens)
        runs = notes_of_links(runs, texts, missing, writer, f"page {para[0].page}: ")
        used += [r.call for r in runs if r.call is not None]
        if len(runs) > 1 and all(r.bold for r in runs if r.text.strip()):
            runs = [
                replace(r, bold=False) for r in runs
            ]  # a paragraph's style (an enacting line's), no word's emphasis
        text = paragraph_lines(runs)
        if not text:
            continue
        if not titled and para[0].page == 1 and para[0].size == largest and largest >= 1.2 * body_size:
            text, titled = "# " + text.strip("*"), True
        line_no = writer.paragraph(text)
        for joined in hyphens:
            writer.repair(
                "dehyphenate",
                f"page {para[0].page}: kept the hyphen of '{joined}' at a line end: a typesetter breaks a word "
                "with its own sign, this one is the text's",
                line=line_no,
            )
        for joined in joins:
            writer.repair(
                "dehyphenate",
                f"page {para[0].page}: joined '{joined}': the typesetter's hyphen at a line end",
                line=line_no,
            )
    for page_no, text in pending:
        writer.repair(
            "furniture",
            f"page {page_no}: left out the page's furniture '{text}' (a running head or page number, by its place)",
            text,
        )
    writer.notes(
        used,
        texts,
        lambda label, page: f"page {page}: footnote {label} has no call in the text; kept at the end",
    )
    return Converted("\n".join(writer.lines) + "\n", fmt, language, tuple(writer.repairs))


def _front_matter(info: dict[str, Any], paragraphs: list[list[Line]], writer: Writer) -> list[list[Line]]:
    """The PDF's document information (its title, its author) as the text's front matter; the
    first page's opening lines that print them, and a date alone after them, left out of the
    text into it (each with a repair): the title block, not a recital."""
    fields: dict[str, str] = {}
    for entry, field_name in (("Title", "title"), ("Author", "issuer")):
        value = info.get(entry)
        value = value.decode("latin-1", "replace") if isinstance(value, bytes) else value
        if isinstance(value, str) and value.strip() and len(value) < 300:
            fields[field_name] = " ".join(value.split())
    if not fields:
        return paragraphs
    taken: list[tuple[str, str]] = []
    rest = list(paragraphs)
    while rest and rest[0][0].page == 1:
        said = " ".join(" ".join(ln.text for ln in rest[0]).split())
        key = next((k for k, v in fields.items() if v == said), None)
        if key is None and taken and len(said) <= 40 and "date" not in fields and (day := find_date(said)):
            fields["date"], key = day, "date"
        if key is None:
            break
        taken.append((key, said))
        rest.pop(0)
    fields = {
        k: v for k, v in fields.items() if any(k == key for key, _ in taken)
    }  # what the first page prints
    if not fields:
        return rest
    import yaml

    writer.lines += [
        "---",
        *yaml.safe_dump(fields, allow_unicode=True, width=10**6, sort_keys=False).splitlines(),
        "---",
    ]
    for key, value in fields.items():
        printed = next((t for k, t in taken if k == key), None)
        if printed is not None:
            writer.repair(
                "front-matter",
                f"page 1: the title block's '{printed}' is the document's {key}: kept in the front matter",
                printed,
                line=2,
            )
        else:
            writer.repair(
                "front-matter", f"the PDF's document information gives the {key}: '{value}'", line=2
            )
    return rest
