"""Presentation facts every writer and the checker share: labels, ids, links and text comparison.

One owner for each rule: the writers show a clause's label, name an element, make an
address a link by these functions, and the checker asks the same functions what the
outputs must show. Nothing here knows a file format.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from .forms import ordinal_value

__all__ = [
    "NUMBERING_STYLES",
    "ACTUAL_TEXT_UNREAD",
    "BIDI_CONTROLS",
    "COMPLEX_SCRIPTS",
    "DEFAULT_IGNORABLE",
    "RESERVED_IDS",
    "address_key",
    "SPACELESS_CHARACTERS",
    "clause_id",
    "clause_label",
    "heading_id",
    "inserted_number",
    "is_linkable",
    "NO_BREAK",
    "WORD_RUN",
    "normalize",
    "split_words",
    "note_id",
    "number_value",
    "reserved_by",
    "small_number",
    "noteref_id",
    "subclause_label",
    "units",
    "words",
]

# --- labels ---------------------------------------------------------------------------

NUMBERING_STYLES = ("1.", "1)", "Article 1", "none")

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def clause_label(number: str, style: str) -> str:
    """How a numbering style shows clause `number`: "7.", "7)", "Article 7", or "" (no numbering, or
    an unnumbered clause among numbered ones, whose number is "")."""
    return "" if style == "none" or not number else style.replace("1", number, 1)


def subclause_label(position: int, depth: int) -> str:
    """The label of the sub-clause at `position` (1-based): a, b, ... z at depth 1, i, ii, ... below."""
    if depth == 1:
        return "abcdefghijklmnopqrstuvwxyz"[position - 1] if position <= 26 else str(position)
    out = ""
    for value, numeral in _ROMAN:
        while position >= value:
            out += numeral
            position -= value
    return out


_CJK_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_HEBREW = {ch: v for ch, v in zip("אבגדהוזחטיכלמנסעפצקרשת",
                                   (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400),
                                   strict=True)}  # fmt: skip
_HEBREW.update({"ך": 20, "ם": 40, "ן": 50, "ף": 80, "ץ": 90})


# The most digits a number read from a file may have: int() refuses over 4,300, and a crafted file
# (a note destination, a page label, a clause number) can hold thousands.
_DIGITS = 9


def small_number(text: str) -> int | None:
    """The value of `text` when it is a number of at most nine ASCII digits, else None: how every
    number is read from a file under check ("²" and "٣" are digits, and no note number)."""
    return int(text) if 0 < len(text) <= _DIGITS and text.isascii() and text.isdigit() else None


def number_value(number: str) -> int | None:
    """The value of a clause number as printed: 7, ७ or ٧ (any script's digits), 二十一 (Chinese
    numerals), כא (Hebrew letters), an ordinal word that numbers articles ("premier", "بيستم", see
    `forms.ORDINALS`); None for anything else (7bis, A)."""
    if number.isdecimal():
        return int(number) if len(number) <= _DIGITS else None
    if number and all(ch in _CJK_DIGITS or ch in _CJK_UNITS for ch in number):
        total, digit = 0, None
        for ch in number:
            if ch in _CJK_UNITS:
                total += (digit if digit is not None else 1) * _CJK_UNITS[ch]
                digit = None
            else:
                digit = _CJK_DIGITS[ch]
        return total + (digit or 0)
    if number and all(ch in _HEBREW or ch in "׳'\"״" for ch in number):
        return sum(_HEBREW.get(ch, 0) for ch in number) or None
    return ordinal_value(number)


# A clause an amendment inserted: its base's number and a Latin ordinal or a letter ("14 bis",
# "14bis", "1a"), printed as it stands; the clauses after it are numbered on from its base.
_INSERTED = re.compile(r"(\d{1,9}) ?(bis|ter|quater|[a-z])")
_LATIN = ("bis", "ter", "quater")


def inserted_number(number: str) -> tuple[int, int] | None:
    """The base and the place after it of an inserted clause's number: "1a" -> (1, 1), "14 ter" ->
    (14, 2); None for any other number."""
    found = _INSERTED.fullmatch(number)
    if found is None:
        return None
    suffix = found.group(2)
    return int(found.group(1)), _LATIN.index(suffix) + 1 if suffix in _LATIN else ord(suffix) - ord("a") + 1


# --- ids ------------------------------------------------------------------------------

# Ids the page itself uses (the template's parts and landmarks, the EPUB's nav); a
# document's own ids must not take them. Footnotes take fn-N and fnref-N, the EPUB's page
# markers page-N: `reserved_by` tells those families, for every N.
RESERVED_IDS = (
    "top", "title", "text", "formula", "preamble", "operative", "enacting", "closing", "notes", "notes-title",
    "toc", "toc-title", "landmarks", "landmarks-title", "page-list", "page-list-title",
)  # fmt: skip
_RESERVED_FAMILIES = (
    (re.compile(r"fn-[0-9]+\Z"), "the footnotes"),
    (re.compile(r"fnref-[0-9]+\Z"), "the footnotes' calls"),
    (re.compile(r"page-[0-9]+\Z"), "the EPUB's page markers"),
)


def reserved_by(ident: str) -> str | None:
    """What of clausepress's own takes the id `ident` (None when a document may use it)."""
    if ident in RESERVED_IDS:
        return "clausepress itself"
    return next((owner for family, owner in _RESERVED_FAMILIES if family.match(ident)), None)


# Characters that change the order in which text is shown without being seen themselves:
# what a reader sees can differ from what the checker (and a search) reads. A warning in
# text (`text.bidi-control`); refused in an address, where what is shown is not what is fetched.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clause_id(prefix: str, number: str, index: int) -> str:
    """The id a clause gets when the source gives none: `clause-7` from its number, or from its
    place (`clause-3`) when the number is not plain ASCII (`一`, `१`); an unnumbered clause among
    numbered ones (number "") from its place too, apart from theirs (`clause-unnumbered-1`)."""
    if not number:
        return f"{prefix}-unnumbered-{index}"
    compact = number.replace(" ", "")  # "14 bis", an inserted article: clause-14bis
    return f"{prefix}-{compact}" if re.fullmatch(r"[0-9A-Za-z]+", compact) else f"{prefix}-{index}"


def heading_id(prefix: str, count: int) -> str:
    """The id of the `count`-th heading of a document (counted in reading order: over the preamble,
    the operative part, then the annexes) when the source gives none."""
    return f"{prefix}-heading-{count}"


def note_id(number: int) -> str:
    """The id of footnote `number`."""
    return f"fn-{number}"


def noteref_id(number: int) -> str:
    """The id of the call of footnote `number`."""
    return f"fnref-{number}"


# A footnote's id; its group is the number. At most nine ASCII digits: a crafted PDF's or EPUB's
# destination of thousands of digits is no note of ours (and int() of it would raise).
NOTE_ID = re.compile(r"fn-([0-9]{1,9})\Z")


# --- links ----------------------------------------------------------------------------


def is_linkable(url: str | None) -> bool:
    """An address a reader can follow: http or https, a host, no white space."""
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# Percent-escapes of UTF-8 sequences (a non-ASCII character in an address: WeasyPrint writes
# "résumé" as "r%C3%A9sum%C3%A9") and of unreserved ASCII characters, which RFC 3986 and 3987 say
# name the same resource as the characters themselves.
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _unescape(run: str) -> str:
    """A run of percent-escapes as an IRI has them: UTF-8 sequences and unreserved characters
    decoded, every other octet kept escaped (upper case), as RFC 3987's URI-to-IRI mapping does."""
    data = bytes(int(run[i + 1 : i + 3], 16) for i in range(0, len(run), 3))
    out, i = [], 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}")
            i += 1
            continue
        size = 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 else 4 if byte >> 3 == 0b11110 else 0
        try:
            out.append(data[i : i + size].decode("utf-8") if size else "")
        except UnicodeDecodeError:
            size = 0
        if not size:
            out.append(f"%{byte:02X}")
            size = 1
        i += size
    return "".join(out)


def _host(host: str) -> str:
    """A host in Unicode, lower case: "xn--r8jz45g" and "例え" are one host."""
    host = _decode(host).lower()
    try:
        return ".".join(
            label.encode("ascii").decode("idna") if label.startswith("xn--") else label
            for label in host.split(".")
        )
    except (UnicodeError, ValueError):
        return host


def address_key(url: str) -> str:
    """An address as compared: the IRI it stands for (RFC 3987), so that the source's
    "https://hy.wikipedia.org/wiki/Արցախ" and the link WeasyPrint writes of it,
    ".../wiki/%D4%B1%D6%80...", are one address. Scheme and host in lower case, the host in
    Unicode (IDNA), percent-escapes of non-ASCII characters and unreserved ones decoded; every
    other character as given."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if parts.hostname is not None:
        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.rpartition(":") if not hostport.endswith("]") else (hostport, "", "")
        if not colon or not port.isdigit():
            host, colon, port = hostport, "", ""
        netloc = f"{userinfo}{at}{_host(host)}{colon}{port}"
    path, query, fragment = (_decode(x) for x in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme.lower(), netloc, path, query, fragment))


def _decode(text: str) -> str:
    return _ESCAPES.sub(lambda m: _unescape(m.group()), text)


# Scripts whose glyphs reorder or combine across characters: the Indic ones (Devanagari to
# Malayalam, Sinhala), Thai, Lao, Tibetan, Myanmar, Khmer, and their like in the Brahmic family. The
# PDF writer gives their lines their text as /ActualText (render/actualtext.py). Not Hebrew and
# Arabic: PDFium gives a right-to-left /ActualText in the glyphs' visual order, and their glyphs map
# back to their letters well enough for the checker's count of letters.
COMPLEX_SCRIPTS = re.compile(
    "[\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1900-\u197f"
    "\u1a00-\u1aaf\u1b00-\u1b7f\u1b80-\u1bff\ua8e0-\ua8ff\ua980-\ua9df\uaa00-\uaa5f\U00011000-\U000111ff]"
)
# What PDFium does not read from an /ActualText: every character from U+FFFD up (its text page
# skips them), an emoji or a supplementary letter among them.
ACTUAL_TEXT_UNREAD = re.compile("[\ufffd-\U0010ffff]")


# --- text as compared -----------------------------------------------------------------

# A hyphen WeasyPrint adds at a line break (U+2010) or a soft hyphen, then the line break.
_BREAK_HYPHEN = re.compile(r"[\u2010\u00ad][ \t]*[\r\n]+\s*")
# A line that ends in a hard hyphen or a slash broke inside a word or an address: no space there.
_BREAK_INSIDE = re.compile(r"(?<=\S)([-/])[ \t]*[\r\n]+\s*")
_DASH_JOINS = re.compile(r"(?<=\S)([-–—])(?=[^\s\-–—])")
# A line may also break before an em dash (UAX #14's B2 class), with no space there ("Russia" at a
# line's end, "—interfered" on the next): an em dash is a word of its own, unless a no-break space
# or a word joiner holds it to its neighbour.
_EM_DASH = re.compile(
    "(?<=[^\\s\u2060])(?=[\u2014\u2e3a\u2e3b])|(?<=[\u2014\u2e3a\u2e3b])(?=[^\\s\u2060\u2014\u2e3a\u2e3b])"
)
# A line may break after a vertical line (UAX #14's BA class), as after a hyphen: "|4e |" may show
# as "|" at a line's end and "4e |" on the next, so a word ends after one.
_AFTER_BAR = re.compile(r"(?<=\|)(?=[^\s|])")
# Unicode's Default_Ignorable_Code_Point characters (DerivedCoreProperties.txt, Unicode 15.1;
# Python's unicodedata has no such property): joiners, variation selectors (U+FE0F), the
# combining grapheme joiner (U+034F), invisible operators (U+2061-U+2064), the Mongolian vowel
# separator (U+180E), bidirectional controls, tags. HarfBuzz draws none of them, so the PDF's text
# has none, and they are compared as nothing. The Hangul fillers are the exception HarfBuzz makes:
# it draws them as spacing glyphs, which the PDF's text reads as a space, and so they are compared
# as a space (`_FILLERS`).
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
_FILLERS = "\u115f\u1160\u3164\uffa0"
_INVISIBLE: dict[int, str | None] = {
    code: (" " if chr(code) in _FILLERS else None)
    for first, last in DEFAULT_IGNORABLE
    for code in range(first, last + 1)
}
# What a PDF's text may give for one character of the source: a ligature glyph (ﬁ, ﬀ),
# an Arabic presentation form. Only these are undone; every other character, no-break
# and thin spaces among them, stays itself.
_PRESENTATION_FORMS = re.compile("[\ufb00-\ufdff\ufe70-\ufeff]")
# The spaces a line may break at; U+00A0, U+2007 and U+202F hold words together instead.
_BREAKING = "\t\n\v\f\r \x85\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000"
_SPACES = re.compile(f"[{_BREAKING}]+")
WORD_RUN = re.compile(f"[^{_BREAKING}]+")  # a run of text between breaking spaces
NO_BREAK = "\u00a0\u2007\u202f"  # the spaces that hold words together


# Scripts written without spaces between words (Han, kana, their punctuation and full-width forms).
_UNSPACED_CHARACTER = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def joining_space(before: str, after: str = "") -> str:
    """The space that stands between two runs of text put side by side (a clause's verb and its text):
    none where either side is of a script written without spaces ("邀请" and "所有会员国"), else one."""
    unspaced = any(_UNSPACED_CHARACTER.match(c) for c in (before[-1:], after[:1]) if c)
    return "" if unspaced else " "


def split_words(text: str) -> list[str]:
    """`text` split at breaking spaces only, as it would be shown; nothing else changed."""
    return WORD_RUN.findall(text)


def normalize(text: str) -> str:
    """Text as the checker compares it: line-break hyphens, ligatures, invisible characters
    and runs of breaking space undone; every other character kept distinct."""
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _BREAK_HYPHEN.sub("", text)
    text = _BREAK_INSIDE.sub(r"\1", text)
    text = _EM_DASH.sub(" ", text)
    text = text.translate(_INVISIBLE).replace("\u2010", "-")
    # "2025–2028", "Secretary-General", "బడక,- వివాహములు": whether a line broke after a hyphen or a
    # dash or at a space after it no output can tell, so a word ends at every hyphen and dash.
    text = _DASH_JOINS.sub(r"\1 ", text)
    text = _AFTER_BAR.sub(" ", text)
    return " ".join(split_words(text))


# Scripts written without spaces between words, and Hangul, whose words a line may break inside
# (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar, CJK and full-width punctuation): each character
# is a unit of comparison, since a line can end after any of them with no hyphen.
SPACELESS_CHARACTERS = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u2e80-\u2fdf\u3000-\u303f"
    "\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
)  # as a regular expression's character ranges
_SPACELESS = re.compile(f"[{SPACELESS_CHARACTERS}]")


def units(run: str) -> list[str]:
    """A normalized run of text (no breaking space in it) as the units the checker compares: the
    run itself, or in a script written without spaces (and in Hangul) each character with the
    marks that combine with it, the text between them a unit of its own."""
    if _SPACELESS.search(run) is None:
        return [run] if run else []
    out: list[str] = []
    plain = ""
    for ch in run:
        if unicodedata.category(ch).startswith("M"):
            if plain or not out:
                plain += ch
            else:
                out[-1] += ch  # a combining mark goes with the character before it
        elif _SPACELESS.match(ch):
            if plain:
                out.append(plain)
                plain = ""
            out.append(ch)
        else:
            plain += ch
    if plain:
        out.append(plain)
    return out


def words(text: str) -> list[str]:
    """The words of `text` as compared: split at breaking spaces only (a no-break space joins); in
    a script written without spaces (and in Hangul), each character on its own (see `units`)."""
    normal = normalize(text)
    return [u for run in normal.split(" ") for u in units(run)] if normal else []
