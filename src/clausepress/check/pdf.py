"""Checks of a built PDF against the model: clauses, footnotes, links and outline.

PDFium reads the PDF's text, pypdf its structure (links, destinations, outline). The
body text is told from footnotes, note calls, the running header and the footer by type
size: those are set smaller than the text.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import dataclasses
import logging
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import Destination

from ..errors import display_path
from ..forms import FORMS
from ..furniture import catalogue, format_date
from ..model import Document
from ..presentation import (
    ACTUAL_TEXT_UNREAD,
    COMPLEX_SCRIPTS,
    NO_BREAK,
    NOTE_ID,
    address_key,
    is_linkable,
    normalize,
    note_id,
    small_number,
    words,
)
from ..variants import VARIANTS
from .findings import Finding, shown
from .text import blocks, check_blocks
from .typography import check_typography
from .variant import check_variant, detect_variant, variant_by_name

__all__ = ["check_pdf", "read_pdf", "PdfText"]


@dataclass
class PdfText:
    """What the checker reads from a PDF."""

    body_words: list[str] = field(default_factory=list)
    word_pages: list[int] = field(default_factory=list)  # 1-based page of each body word
    note_numbers: dict[int, list[int]] = field(default_factory=dict)  # page -> note numbers at its foot
    annotations: list[tuple[int, str, str]] = field(default_factory=list)  # (page, "uri" | "dest", target)
    destinations: dict[str, int] = field(default_factory=dict)  # name -> page
    outline: list[tuple[int, str, int | None]] = field(default_factory=list)  # (depth, title, page)
    pages: int = 0

    @property
    def uris(self) -> list[tuple[int, str]]:
        return [(page, target) for page, kind, target in self.annotations if kind == "uri"]

    @property
    def internal(self) -> list[tuple[int, str]]:
        return [(page, target) for page, kind, target in self.annotations if kind == "dest"]


def footer_pattern(language: str) -> re.Pattern[str]:
    """The page numbering a build sets in the footer, in the document's language ("Page 3 of
    4", "第 3 页，共 4 页"; furniture.py), as a pattern of a footer line."""
    page = catalogue(language)("Page {page} of {pages}")
    parts = re.split(r"(\{pages?\}|\s+)", page)
    return re.compile(
        "".join(
            r"\d+" if x in ("{page}", "{pages}") else r"\s*" if x.isspace() else re.escape(x)
            for x in parts
            if x
        )
    )


_FOOTER = footer_pattern("en")
# The running header and footer stand in the page's margins (24 mm in styles/document.css):
# within this distance of the trim box's top or bottom edge; the text never does.
MARGIN_BAND = 66.0


def read_pdf(
    path: Path,
    rtl: bool = False,
    notes: bool = True,
    furniture: tuple[str, ...] = (),
    reader: PdfReader | None = None,
    footer: re.Pattern[str] = _FOOTER,
    long_words: Iterable[str] = (),
) -> PdfText:
    """Read the text, annotations, destinations and outline of a PDF.

    `rtl`: the text runs of a right-to-left document are joined with spaces: their order
    is not the reading order where directions mix, and only their words are compared.
    `notes`: whether the document has footnotes (whose bold numbers give their size).
    `furniture`: the running header's text, left out of the body. `footer`: the page numbering's
    pattern (`footer_pattern`). `reader`: the file already open in pypdf, which reads its structure; PDFium reads its text. `long_words`: the
    document's words, of which those too long for a line may be broken at a line's end with no
    hyphen (see `_join_broken`).
    """
    whole = sorted({w for w in long_words if len(w) >= LONG_WORD})
    reader = reader or PdfReader(path)
    out = PdfText(pages=len(reader.pages))
    fragments = list(_fragments(path))
    for number, pdf_page in enumerate(reader.pages, 1):
        for ref in pdf_page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                out.annotations.append((number, "uri", str(action["/URI"])))
            elif action is not None and "/D" in action:
                out.annotations.append((number, "dest", str(action["/D"])))
            elif "/Dest" in annot:
                out.annotations.append((number, "dest", str(annot["/Dest"])))

    # The body is what is set larger than the notes (whose numbers are bold digits): that
    # leaves out the notes, the note calls and the running header and footer, which are
    # set smaller. Without notes, the header and footer are told by their text and their
    # place in the page's top or bottom margin.
    numbers = [
        size for _, size, bold, text, _ in fragments if bold and small_number(text.strip()) is not None
    ]
    note_size = min(numbers, default=0.0) if notes else 0.0
    pages_text: dict[int, list[str]] = {}
    for page, size, bold, text, in_margin in fragments:
        stripped = text.strip()
        note = small_number(stripped)
        if note_size and bold and note is not None and size <= note_size * 1.01:
            out.note_numbers.setdefault(page, []).append(note)
        elif size > 1.1 * note_size and not (in_margin and _is_furniture(stripped, furniture, footer)):
            pages_text.setdefault(page, []).append(text)
            continue
        # What is left out keeps its white space: a note call at the end of a line may carry
        # the line break that separates two words.
        pages_text.setdefault(page, []).append(
            "".join(ch for ch in text if ch.isspace() and ch not in NO_BREAK)
        )
    carry = ""  # a word hyphenated across a page break goes on to the next page, whole
    for page in sorted(pages_text):
        text = carry + ("\n" if carry else "") + (" " if rtl else "").join(pages_text[page])
        text = _join_broken(text, whole)
        carry = ""
        broken = _WORD_BROKEN_AT_END.search(text)
        if broken and page + 1 in pages_text:
            text, carry = text[: broken.start()], broken.group(1)
        for word in words(text):
            out.body_words.append(word)
            out.word_pages.append(page)

    for name, dest in reader.named_destinations.items():
        try:
            out.destinations[str(name)] = (reader.get_destination_page_number(dest) or 0) + 1
        except (KeyError, ValueError, TypeError, AttributeError):
            out.destinations[str(name)] = 0

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif isinstance(item, Destination):
                try:
                    at: int | None = (reader.get_destination_page_number(item) or 0) + 1
                except (KeyError, ValueError, TypeError, AttributeError):
                    at = None
                out.outline.append((depth, str(item.title), at if at and at > 0 else None))

    walk(reader.outline, 0)
    return out


# A word shorter than this fits every line of the page (the narrowest, a sub-clause's under its
# hanging labels, holds some 60 characters): only a longer one may be broken where it does not fit.
LONG_WORD = 24
_BROKEN_PART = 8  # the fewest characters of a long word's part that ends a line
_FIRST_RUN = re.compile(r"[ \t]*(\S+)")


def _last_run(line: str) -> tuple[int, int]:
    """Where the last run of non-space characters of `line` starts and ends (scanned from the end:
    a regular expression would take quadratic time on a crafted line of one long run)."""
    end = len(line.rstrip(" \t"))
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return start, end


def _join_broken(text: str, whole: list[str]) -> str:
    """`text` with the line breaks inside a word too long for its line undone: WeasyPrint breaks such
    a word (a checksum, an address: `overflow-wrap: anywhere`) where the line ends, with no hyphen.

    A line's last run and the next line's first are one word again when, joined, they begin one
    of the document's long words (`whole`, sorted), and the first is no short word of its own:
    the part of a word broken so fills its line. Other line breaks stay word breaks, so an output
    that parted a word otherwise is still reported.
    """
    if not whole or "\n" not in text:
        return text
    lines = text.split("\n")
    out: list[list[str]] = [[lines[0]]]  # each output line in parts, joined once at the end
    word = ""  # the long word joined so far, normalized, while the last line ends inside it
    for line in lines[1:]:
        if not word:
            start, end = _last_run(out[-1][-1])
            word = normalize(out[-1][-1][start:end]) if end - start >= _BROKEN_PART else ""
        head = _FIRST_RUN.match(line)
        if word and head is not None:
            joined = word + normalize(head.group(1))
            at = bisect.bisect_left(whole, joined)
            if at < len(whole) and whole[at].startswith(joined):
                out[-1][-1] = out[-1][-1].rstrip(" \t")
                out[-1].append(line[head.start(1) :])
                # The line goes on after the word's last part: the next line starts afresh.
                word = joined if head.end(1) == len(line.rstrip(" \t")) else ""
                continue
        out.append([line])
        word = ""
    return "\n".join("".join(parts) for parts in out)


_WORD_BROKEN_AT_END = re.compile(r"(\S*[\u2010\u00ad-])\s*\Z")


def _is_furniture(text: str, furniture: tuple[str, ...], footer: re.Pattern[str] = _FOOTER) -> bool:
    """Whether a run in the margin is the running header or footer, line by line: a page's
    footer and the next page's header may come as one run of the same type."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # Its letters, in any order: PDFium may part a right-to-left word with marks, or give the
    # glyphs of a line marked with its text in their visual order ("אַעכעלטלעװל").
    known = [_letters(f) for f in furniture]
    numbering = _letters(re.sub(r"\\[sd][*+]", "", footer.pattern))  # the words of the page numbering

    def is_footer(line: str) -> bool:
        # Its words in the page's order, or (a right-to-left line) its letters and its numbers.
        return bool(footer.fullmatch(line)) or (bool(re.search(r"\d", line)) and _letters(line) == numbering)

    if lines and all(_letters(line) in known or is_footer(line) for line in lines):
        return True
    # A header too long for one line (a short title that is the whole title) runs over several.
    header = [line for line in lines if not is_footer(line)]
    return bool(header) and _letters(" ".join(header)) in known


def _fragments(path: Path) -> Iterator[tuple[int, float, bool, str, bool]]:
    """The text of each page in runs of one size and weight, as PDFium reads it.

    Each run: (page, size in points, bold, text, in the top or bottom margin). PDFium
    (C++) reads the text many times faster than pypdf. The spaces it adds where words
    stand apart without one (justified lines) are kept; the line breaks it adds wherever
    the baseline moves (a raised note call too) only where the text goes down a line:
    below the last character at least as large as the next one.
    White space joins the run it is in; the hyphen PDFium marks at a line end stays one.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(path)
    x, y = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(256)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            _, bottom, _, top = page.get_trimbox()
            textpage = page.get_textpage()
            tp = textpage.raw
            bold_fonts: dict[int, bool] = {}
            baselines: dict[float, tuple[int, float]] = {}  # size -> (order, baseline) of the last such char
            key: tuple[float, bool, bool] = (0.0, False, False)
            run: list[str] = []
            line_break = False
            high = 0  # the high surrogate of a character outside the BMP ("𝗄"), whose low one comes next
            for i in range(raw.FPDFText_CountChars(tp)):
                code = raw.FPDFText_GetUnicode(tp, i)
                if 0xD800 <= code <= 0xDBFF:
                    high = code  # PDFium counts a character beyond U+FFFF as two, its UTF-16 halves
                    continue
                if high and 0xDC00 <= code <= 0xDFFF:
                    code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                high = 0
                if code in (10, 13) and raw.FPDFText_IsGenerated(tp, i) == 1:
                    line_break = True
                    continue
                char = "-" if code == 2 else chr(code)  # 2: PDFium's mark of a hyphen at a line end
                if char.isspace():
                    run.append(char)
                    continue
                obj = raw.FPDFText_GetTextObject(tp, i)
                font = raw.FPDFTextObj_GetFont(obj)
                address = ctypes.cast(font, ctypes.c_void_p).value or 0
                if address not in bold_fonts:
                    length = raw.FPDFFont_GetBaseFontName(font, name, len(name)) if font else 0
                    bold_fonts[address] = b"Bold" in name.raw[: max(length - 1, 0)]
                raw.FPDFText_GetCharOrigin(tp, i, x, y)
                size = round(raw.FPDFText_GetFontSize(tp, i), 2)
                if line_break:
                    larger = [b for s, b in baselines.items() if s >= size - 0.5]
                    if not larger or y.value < max(larger)[1] - 0.5 * size:
                        run.append("\n")
                    line_break = False
                baselines[size] = (i, y.value)
                here = (
                    size,
                    bold_fonts[address],
                    y.value > top - MARGIN_BAND or y.value < bottom + MARGIN_BAND,
                )
                if here != key and run:
                    yield (index + 1, key[0], key[1], "".join(run), key[2])
                    run = []
                key = here
                run.append(char)
            if run:
                yield (index + 1, key[0], key[1], "".join(run), key[2])
            textpage.close()
            page.close()
    finally:
        pdf.close()


def check_pdf(doc: Document, path: Path, source: Path | None = None) -> list[Finding]:
    """Every finding in the PDF built from `doc`, and in what its variant promises.

    `source`: the YAML file an archival PDF must carry, byte for byte.
    """
    return check_pdf_variant(doc, path, source)[1]


def check_pdf_variant(
    doc: Document, path: Path, source: Path | None = None
) -> tuple[str, list[Finding], dict[int, str]]:
    """The PDF's variant (screen when unreadable), `check_pdf`'s findings, and the first word of
    each page's body (where the text's order is the page's: not in a right-to-left document),
    reading it once.

    pypdf's complaints about the file (what it read past) are findings (`pdf.malformed`), never
    lines on standard error."""
    name = display_path(path)
    with _pypdf_messages() as messages:
        variant, findings, first_words = _check_pdf_variant(doc, path, source, name)
    said = list(dict.fromkeys(messages))
    if said and not any(f.code == "pdf.unreadable" for f in findings):  # else said there
        more = f" (and {len(said) - 1} more)" if len(said) > 1 else ""
        findings.append(
            Finding(
                "pdf.malformed",
                "warning",
                f"pypdf read past a fault of the file: {shown(said[0])}{more}",
                name,
            )
        )
    return variant, findings, first_words


def _check_pdf_variant(
    doc: Document, path: Path, source: Path | None, name: str
) -> tuple[str, list[Finding], dict[int, str]]:
    variant = "screen"
    try:
        try:
            reader = PdfReader(path)
            locked = _encryption(reader)
        except DependencyError:  # pypdf decrypts AES only with the `cryptography` package
            locked = "encrypted with AES"
        if locked is not None:  # what it declares cannot be read: its name says its variant
            variant = variant_by_name(path)
            return variant, _locked(variant, locked, name), {}
        variant = detect_variant(path, reader)
        pdf = read_pdf(
            path, rtl=doc.direction == "rtl", notes=bool(doc.citations()), furniture=(doc.short_title,),
            reader=reader, footer=footer_pattern(doc.language), long_words=_long_words(doc),
        )  # fmt: skip
    except DependencyError:  # AES under an encryption pypdf opened (/R 4): its objects cannot be read
        variant = variant_by_name(path)
        return variant, _locked(variant, "encrypted with AES", name), {}
    except Exception as exc:  # a damaged file can make pypdf or PDFium raise anything: it is unreadable
        return variant, [_unreadable(exc, name)], {}
    first_words: dict[int, str] = {}
    if doc.direction != "rtl":
        for word, page in zip(pdf.body_words, pdf.word_pages, strict=True):
            first_words.setdefault(page, word)
    if doc.direction == "rtl":
        text_findings = list(_check_words_unordered(doc, pdf, name))
    else:
        text_findings = list(_check_text(doc, pdf, name))
    try:
        variant_findings = check_variant(doc, path, source, variant, reader)
    except Exception as exc:  # a damaged file can make pypdf raise anything: it is unreadable
        variant_findings = [_unreadable(exc, name)]
    if any(f.code == "pdf.missing-glyph" for f in variant_findings):
        text_findings = [_after_boxes(f) for f in text_findings]
    try:
        typography = check_typography(path)
    except Exception as exc:  # PDFium on a damaged file, likewise
        typography = [_unreadable(exc, name)]
    return (
        variant,
        [
            *text_findings,
            *_check_footnotes(doc, pdf, name),
            # On paper the addresses are printed text, not links.
            *(_check_links(doc, pdf, name) if VARIANTS[variant].links else []),
            *_check_outline(doc, pdf, name),
            *variant_findings,
            *typography,
        ],
        first_words,
    )


def _check_text(doc: Document, pdf: PdfText, name: str) -> Iterator[Finding]:
    """The blocks in the PDF's words. In a document with text in a complex script, whose lines carry
    their text as /ActualText, the characters PDFium does not read from it (from U+FFFD up: an
    emoji, a supplementary letter) are compared on neither side."""
    if not any(COMPLEX_SCRIPTS.search(" ".join(b.words)) for b in blocks(doc)):
        yield from check_blocks(doc, pdf.body_words, lambda i: {"page": pdf.word_pages[i]}, "pdf", name)
        return
    kept = [
        (w, p)
        for w, p in (
            (ACTUAL_TEXT_UNREAD.sub("", w), p) for w, p in zip(pdf.body_words, pdf.word_pages, strict=True)
        )
        if w
    ]
    shown = [w for w, _ in kept]
    yield from check_blocks(
        doc, shown, lambda i: {"page": kept[i][1]}, "pdf", name, unread=ACTUAL_TEXT_UNREAD
    )


def _after_boxes(finding: Finding) -> Finding:
    """A text finding in a PDF that draws boxes: what it reads there may be the box's, not the
    text's (WeasyPrint gives every box of a font with 65,535 glyphs one text), which is said."""
    if finding.code not in ("pdf.clause-missing", "text.mismatch"):
        return finding
    note = (
        "; the PDF draws boxes for characters no font has (pdf.missing-glyph), whose text it may give wrongly"
    )
    return dataclasses.replace(finding, message=finding.message + note)


def _long_words(doc: Document) -> set[str]:
    """The document's words that may be too long for a line: in its blocks and its title."""
    found = {w for b in blocks(doc) for w in b.words if len(w) >= LONG_WORD}
    return found | {w for w in words(doc.title) if len(w) >= LONG_WORD}


def _unreadable(exc: BaseException, name: str) -> Finding:
    return Finding(
        "pdf.unreadable", "error", f"the PDF cannot be read: {shown(str(exc) or type(exc).__name__)}", name
    )


def _encryption(reader: PdfReader) -> str | None:
    """Why an encrypted PDF cannot be read: None when it is not encrypted, or opens with the empty
    password and a cipher pypdf has (RC4). pypdf needs the `cryptography` package for AES, which
    clausepress does not depend on: an AES-encrypted PDF is reported as encrypted, unread."""
    if not reader.is_encrypted:
        return None
    try:
        if reader.decrypt(""):
            return None
    except DependencyError:
        return "encrypted with AES"
    return "encrypted with a password"


def _locked(variant: str, why: str, name: str) -> list[Finding]:
    """What is said of a PDF that is encrypted and cannot be read: a variant whose standard forbids
    encryption (PDF/A: the archival one) says so; any other cannot be checked."""
    if VARIANTS[variant].attaches_source:
        return [
            Finding(
                f"{variant}.encrypted",
                "error",
                f"the {variant} PDF is {why} (PDF/A forbids encryption); its content is not checked",
                name,
            )  # fmt: skip
        ]
    return [Finding("pdf.unreadable", "error", f"the PDF cannot be read: it is {why}", name)]


class _Messages(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.sink.append(record.getMessage())


@contextlib.contextmanager
def _pypdf_messages() -> Iterator[list[str]]:
    """pypdf's log and `warnings` while a PDF is checked, kept from standard error: pypdf logs what
    it reads past in a damaged file to the "pypdf" logger, which has no handler of its own."""
    sink: list[str] = []
    logger = logging.getLogger("pypdf")
    handler = _Messages(sink)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield sink
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    sink.extend(str(w.message) for w in caught)


_LETTERS = re.compile(r"[^\W\d_]+")


def _letters(text: str) -> Counter[str]:
    """The letters of `text`, counted: no spaces, marks or punctuation. A PDF's text of a
    right-to-left script may part a word at a mark ("אַ לװעלטלעכע"), join two across a joiner
    or drop a shadda, while every letter the page shows is there once."""
    # Decomposed: a letter with a mark ("ۂ") may come as the letter and the mark ("ہ" + hamza).
    return Counter(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c).startswith("L"))


def _check_words_unordered(doc: Document, pdf: PdfText, name: str) -> Iterator[Finding]:
    """For right-to-left documents: the PDF shows the source's letters, each as often, in any order.

    The extracted text's order and spacing are not relied on where directions mix, so the
    order of the blocks and their numbers are checked through the outline only.
    """
    expected: Counter[str] = Counter()
    for block in blocks(doc):
        expected.update(_letters(" ".join(block.words)))
    title_block = " ".join(
        [
            doc.title,
            doc.issuer,
            *(v for _, v in FORMS[doc.form].printed(dict(doc.metadata), doc.metadata_content)),
            format_date(doc.adopted, doc.language) if doc.adopted else "",  # the title block's, in words
        ]
    )
    expected.update(_letters(normalize(title_block)))
    shown = _letters(" ".join(pdf.body_words))
    missing, extra = expected - shown, shown - expected
    if missing or extra:
        detail = []
        if missing:
            detail.append(
                f"{sum(missing.values())} letters not shown: " + "".join(sorted(missing.elements())[:24])
            )
        if extra:
            detail.append(
                f"{sum(extra.values())} not in the source: " + "".join(sorted(extra.elements())[:24])
            )
        yield Finding(
            "text.mismatch", "error", f"the text differs from the source ({'; '.join(detail)})", name
        )


def _check_footnotes(doc: Document, pdf: PdfText, name: str) -> Iterator[Finding]:
    citations = doc.citations()
    calls = [(page, int(m.group(1))) for page, dest in pdf.internal if (m := NOTE_ID.match(dest))]
    numbers = [n for _, n in calls]
    expected = [c.number for c in citations]
    if numbers != expected:
        missing = sorted(set(expected) - set(numbers))
        extra = [n for n, count in Counter(numbers).items() if count > 1 or n not in expected]
        detail = []
        if missing:
            detail.append(f"no call for note{'s' if len(missing) > 1 else ''} {_ranges(missing)}")
        if extra:
            detail.append(f"unexpected or repeated calls {_ranges(sorted(extra))}")
        if not detail:
            detail.append(f"calls run {_ranges(numbers)} out of order")
        yield Finding(
            "pdf.footnote-numbering",
            "error",
            f"note calls are not 1..{len(expected)} in order: {'; '.join(detail)}",
            name,
        )
    call_page = {n: page for page, n in calls}
    note_page = {n: page for page, ns in pdf.note_numbers.items() for n in ns}
    for n in expected:
        if n not in call_page:
            continue
        dest = pdf.destinations.get(note_id(n))
        if dest is None or n not in note_page:
            yield Finding(
                "pdf.footnote-missing", "error", f"footnote {n} is not in the PDF", name, page=call_page[n]
            )
        elif note_page[n] != call_page[n] or dest != call_page[n]:
            shown = note_page[n] if note_page[n] != call_page[n] else dest
            yield Finding(
                "pdf.footnote-page",
                "error",
                f"footnote {n} is on page {shown}, its call on page {call_page[n]}",
                name,
                page=call_page[n],
            )


def _check_links(doc: Document, pdf: PdfText, name: str) -> Iterator[Finding]:
    # Addresses are compared as IRIs: WeasyPrint writes a non-ASCII address percent-encoded.
    known = {address_key(s.url): s.url for s in doc.sources.values() if s.url and is_linkable(s.url)}
    seen = {address_key(uri) for _, uri in pdf.uris}
    for key in sorted(set(known) - seen):
        yield Finding("pdf.link-missing", "error", f"no link to the source address {known[key]}", name)
    reported: set[str] = set()
    for page, uri in pdf.uris:
        key = address_key(uri)
        if key not in known and key not in reported:
            reported.add(key)
            yield Finding(
                "pdf.link-unknown", "error", f"a link goes to {shown(key)}, which no source gives", name,
                page=page,
            )  # fmt: skip
    # Each anchor of a known address links to it: WeasyPrint writes the anchor's link
    # just before the link of its note call.
    cited = {c.number: doc.sources.get(c.source_id) for c in doc.citations()}
    for i, (page, kind, target) in enumerate(pdf.annotations):
        match = NOTE_ID.match(target) if kind == "dest" else None
        source = cited.get(int(match.group(1))) if match else None
        url = address_key(source.url) if source is not None and source.url else None
        if match is None or source is None or url is None or url not in known or url not in seen:
            continue  # an address linked nowhere is reported once, above
        before = pdf.annotations[i - 1] if i else None
        if before is None or before[0] != page or before[1] != "uri":
            yield Finding(
                "pdf.link-missing", "error", f"the anchor of note {match.group(1)} does not link to {source.url}",
                name, page=page,
            )  # fmt: skip
        elif address_key(before[2]) != url and address_key(before[2]) in known:
            yield Finding(
                "pdf.link-wrong", "error",
                f"the anchor of note {match.group(1)} links to {shown(address_key(before[2]))}, not to its "
                f"source's {source.url}",
                name, page=page,
            )  # fmt: skip
    for page, dest in pdf.internal:
        if dest not in pdf.destinations or not pdf.destinations[dest]:
            yield Finding(
                "pdf.link-broken",
                "error",
                f"an internal link points to '{shown(dest)}', which does not exist",
                name,
                page=page,
            )


def _check_outline(doc: Document, pdf: PdfText, name: str) -> Iterator[Finding]:
    wanted = [c.bookmark for c in doc.operative]
    titles = [title for _, title, _ in pdf.outline]
    # Clauses whose entries read the same (unnumbered clauses that open alike) take the
    # entries of that title in turn: the first not taken after the entry before, else the
    # first not taken.
    previous = -1
    taken: set[int] = set()
    for want in wanted:
        free = [i for i, title in enumerate(titles) if title == want and i not in taken]
        if not free:
            yield Finding(
                "pdf.outline-missing", "error", f"the outline has no entry for clause '{want}'", name
            )
            continue
        position = next((i for i in free if i > previous), free[0])
        if position < previous:
            yield Finding("pdf.outline-order", "error", f"the outline lists '{want}' out of order", name)
        taken.add(position)
        previous = position
    for _, title, page in pdf.outline:
        if page is None:
            yield Finding(
                "pdf.outline-broken", "error", f"the outline entry '{shown(title)}' points nowhere", name
            )


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:12]) + (" …" if len(numbers) > 12 else "")
