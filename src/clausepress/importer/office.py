"""Reading a received Word (DOCX) or OpenDocument (ODT) file into the Markdown the importer reads.

A DOCX and an ODT are zip packages of XML. Both readers (`office_docx`, `office_odt`) walk
the file's own structure and hand back blocks (paragraphs, headings, numbered paragraphs
with their labels as the word processor prints them) of inline pieces (text with its
emphasis, link targets, note calls) and the notes; this module writes them as Markdown
(`[words](address)`, `*...*`, `[^n]` and `[^n]: ...`, `# `), which the text import reads,
so that every form, repair and note applies to these files too.

The package is opened with bounds (`Package`): at most `MAX_MEMBERS` members, `MAX_INFLATED`
bytes inflated in all, no member inflating more than `MAX_RATIO` times its stored size (a zip
bomb); only the members the reader asks for are read, and no relationship is ever followed
outside the package (an external target is only a link's address). Each XML member is parsed
by lxml with no DTD loaded, no entity resolved and no network; a document type declaration is
refused. What goes wrong is a SourceError naming the file and the member (with the XML's line
and column inside it).

A repair of the reading is at (paragraph number, 1): the paragraph's number in its member,
counted from 1 in reading order, tables' paragraphs among them; the message names the member.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from ..errors import Origin, SourceError
from .received import Converted
from .repair import Repair

__all__ = ["MAX_INFLATED", "MAX_RATIO", "Block", "Package", "Piece", "read", "write_markdown"]

MAX_INFLATED = 32 * 1024 * 1024  # bytes inflated from the package in all
MAX_RATIO = 200  # inflated / stored, for a member larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
    remove_comments=True, remove_pis=True,
)  # fmt: skip


_POSITION = re.compile(r", line \d+, column \d+\Z")  # lxml's message ends with the place, said before it


class Package:
    """A DOCX or ODT package, opened with bounds; its members read and parsed on request."""

    def __init__(self, data: bytes, name: str, fmt: str) -> None:
        self.name, self.fmt = name, fmt
        if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE compound file, no zip
            raise self.error(
                f"the file is no {fmt.upper()} package but an OLE compound file: a password-protected document or "
                "an old binary one (.doc); save it without a password as .docx or .odt"
            )
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise self.error(
                f"the file is no readable {fmt.upper()} package (a damaged zip: {exc})"
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise self.error(
                f"the {fmt.upper()} package holds {len(infos):,} members; at most {MAX_MEMBERS:,} are read"
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_INFLATED:
            raise self.error(
                f"the {fmt.upper()} package inflates to {total:,} bytes; at most {MAX_INFLATED:,} are read"
            )
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise self.error(
                    f"the member {info.filename} inflates {info.file_size // max(info.compress_size, 1):,} times "
                    f"its stored size (a zip bomb?); at most {MAX_RATIO} times is read"
                )
        self.sizes = {i.filename: i.file_size for i in infos}

    def error(self, message: str) -> SourceError:
        return SourceError(message, Origin(self.name, 1, 1))

    def has(self, member: str) -> bool:
        return member in self.sizes

    def read(self, member: str) -> bytes:
        """The member's bytes, never more than it declares (zipfile stops there and checks the CRC)."""
        try:
            with self.zip.open(member) as f:
                data = f.read(self.sizes[member] + 1)
        except KeyError:
            raise self.error(f"the {self.fmt.upper()} package has no member {member}") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise self.error(
                f"the member {member} of the {self.fmt.upper()} package cannot be read: {exc}"
            ) from None
        if len(data) > self.sizes[member]:
            raise self.error(f"the member {member} inflates past the size it declares")
        return data

    def xml(self, member: str) -> etree._Element:
        """The member parsed as XML: no DTD, no entity, no network; SourceError at its line and column."""
        data = self.read(member)
        try:
            tree = etree.parse(BytesIO(data), _PARSER)
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (1, 1)
            reason = _POSITION.sub("", exc.msg)
            raise self.error(
                f"{member} (line {line}, column {column} of that member) is not well-formed XML: {reason}"
            ) from None
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            raise self.error(
                f"{member} has a document type declaration; clausepress import refuses it (no entity is ever expanded)"
            )
        return tree.getroot()


@dataclass
class Piece:
    """A stretch of inline text with its marks; or, when `call` is set, a note's call (its number)."""

    text: str = ""
    italic: bool = False
    bold: bool = False
    href: str | None = None  # a link's address; "#" for a link whose target is lost
    call: int = 0


@dataclass
class Block:
    """A paragraph: its pieces, where it is (its number in `member`), and how it is set."""

    pieces: list[Piece]
    number: int
    heading: int = 0  # 1..6 for a heading
    label: str = ""  # the number the word processor prints before it ("1.", "(a)", "(i)")
    bullet: bool = False
    level: int = 0  # the list level, 0 the outermost


@dataclass
class Notes:
    """The notes (footnotes and endnotes) in the order of their calls: number -> paragraphs' pieces."""

    texts: dict[int, list[Piece]] = field(default_factory=dict)

    def add(self, pieces: list[Piece]) -> int:
        number = len(self.texts) + 1
        self.texts[number] = pieces
        return number


def read(data: bytes, name: str, fmt: str) -> Converted:
    """The DOCX or ODT file read as Markdown, with the repairs of the reading."""
    import importlib

    package = Package(data, name, fmt)
    reader = importlib.import_module(f".office_{fmt}", __package__)  # each loaded with its format
    blocks, notes, language, repairs = reader.read_package(package)
    text, lines = write_markdown(blocks, notes)
    if not text.strip():
        raise package.error(f"the {fmt.upper()} file holds no text")
    return Converted(text, fmt, _declared(language, text, name, repairs), tuple(repairs), lines)


_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")


def _declared(language: str, text: str, name: str, repairs: list[Repair]) -> str | None:
    """The language the file declares, when its words are too few to tell theirs; else None: the
    text import tells it from the words, as for a text copied out of the file (a word processor
    declares its installation's language, "en-US", whatever is typed in it). A declaration the
    words contradict is said in a repair."""
    from .patterns import guess_language

    language = language.strip().replace("_", "-")
    if not language or not _TAG.match(language):
        return None
    guessed = guess_language(re.sub(r"\[\^\d+\]|\]\([^)]*\)", " ", text[:20_000]))
    if guessed is None:
        parts = language.split("-")
        subtags = (p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:])
        return "-".join([parts[0].lower(), *subtags])
    if guessed.split("-")[0].lower() != language.split("-")[0].lower():
        repairs.append(
            Repair(1, 1, "language",
                   f"the file declares the language '{language}', but its text reads as '{guessed}': "
                   "the declaration is left aside")
        )  # fmt: skip
    return None


# --- writing Markdown ---------------------------------------------------------------------

_ESCAPED = re.compile(r"([\\`*_\[\]<>])")
_SPACES = re.compile(r"[ \t\n\r\u000b\u000c]+")


# An address written out in the text: kept as it is, for the text import finds addresses in the raw text.
_BARE_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\[\]]+")


def _escape(text: str) -> str:
    """Text as Markdown that reads as that text (an address in it left whole)."""
    out, at = [], 0
    for m in _BARE_ADDRESS.finditer(text):
        out += [_ESCAPED.sub(r"\\\1", text[at : m.start()]), m.group()]
        at = m.end()
    return "".join(out) + _ESCAPED.sub(r"\\\1", text[at:])


def _merged(pieces: Iterable[Piece]) -> list[Piece]:
    """Adjacent pieces with the same marks made one (a word processor splits runs anywhere)."""
    out: list[Piece] = []
    for p in pieces:
        if p.call == 0 and not p.text:
            continue
        last = out[-1] if out else None
        if (
            last is not None and not p.call and not last.call
            and (last.italic, last.bold, last.href) == (p.italic, p.bold, p.href)
        ):  # fmt: skip
            out[-1] = Piece(last.text + p.text, p.italic, p.bold, p.href)
        else:
            out.append(Piece(p.text, p.italic, p.bold, p.href, p.call))
    return out


def _marked(text: str, mark: str) -> str:
    """`text` set off by `mark`, its edge spaces outside (Markdown opens no emphasis on a space)."""
    inner = text.strip(" ")
    if not inner:
        return text
    lead = text[: len(text) - len(text.lstrip(" "))]
    trail = text[len(text.rstrip(" ")) :]
    return f"{lead}{mark}{inner}{mark}{trail}"


def _emphasis(pieces: list[Piece]) -> str:
    """Pieces (no calls, no links) as Markdown: italic spans, bold spans inside them."""
    out = []
    i = 0
    while i < len(pieces):
        j = i
        while j < len(pieces) and pieces[j].italic == pieces[i].italic:
            j += 1
        group = pieces[i:j]
        bolded = "".join(
            _marked(_escape(_SPACES.sub(" ", p.text)), "**") if p.bold else _escape(_SPACES.sub(" ", p.text))
            for p in _merged(Piece(p.text, False, p.bold) for p in group)
        )
        out.append(_marked(bolded, "*") if pieces[i].italic else bolded)
        i = j
    return "".join(out)


def _address(href: str) -> str:
    href = href.strip()
    if re.search(r"[\s()<>]", href):
        return "<" + href.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"
    return href


def inline_markdown(pieces: list[Piece]) -> str:
    """A paragraph's pieces as one line of Markdown."""
    pieces = _merged(pieces)
    out = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        if p.call:
            out.append(f"[^{p.call}]")
            i += 1
            continue
        j = i
        while j < len(pieces) and not pieces[j].call and pieces[j].href == p.href:
            j += 1
        words = _emphasis(pieces[i:j])
        if p.href is not None and words.strip():
            lead = words[: len(words) - len(words.lstrip(" "))]
            trail = words[len(words.rstrip(" ")) :]
            out.append(f"{lead}[{words.strip(' ')}]({_address(p.href)}){trail}")
        else:
            out.append(words)
        i = j
    return _SPACES.sub(" ", "".join(out)).strip()


def write_markdown(blocks: list[Block], notes: Notes) -> tuple[str, tuple[int, ...]]:
    """The blocks as Markdown paragraphs (one line each, a blank line between), the notes after
    them; and for each line of it, the number of the paragraph it comes from (a note's: that of
    the paragraph that calls it)."""
    lines: list[str] = []
    places: list[int] = []
    called: dict[int, int] = {}
    for block in blocks:
        text = inline_markdown(block.pieces)
        if not text and not block.label:
            continue
        for piece in block.pieces:
            if piece.call:
                called.setdefault(piece.call, block.number)
        if not block.heading and not block.label and not block.bullet and text.startswith("#"):
            text = "\\" + text  # a paragraph that opens with "#" is no heading
        if block.heading:
            lines.append(f"{'#' * min(block.heading, 6)} {text}")
        elif block.bullet:
            lines.append(f"{'    ' * block.level}- {text}")
        elif block.label:
            lines.append(f"{block.label} {text}".rstrip())
        else:
            lines.append(text)
        places.append(block.number)
    last = places[-1] if places else 1
    for number, pieces in notes.texts.items():
        lines.append(f"[^{number}]: {inline_markdown(pieces)}".rstrip())
        places.append(called.get(number, last))
    # Each paragraph a line, a blank line after it (at the place of the paragraph before).
    return "\n\n".join(lines) + "\n", tuple(p for p in places for _ in (0, 1))


# --- numbering, as word processors print it -------------------------------------------------


def roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (as Word and LibreOffice count letters: the letter repeated)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def formatted(n: int, style: str) -> str:
    """The counter `n` in a numbering style: "decimal", "lowerLetter", "upperLetter", "lowerRoman",
    "upperRoman", "decimalZero", "none" (Word's names; ODF's "1", "a", "A", "i", "I" map onto them)."""
    if style == "lowerLetter":
        return letters(n)
    if style == "upperLetter":
        return letters(n).upper()
    if style == "lowerRoman":
        return roman(n) if n > 0 else str(n)
    if style == "upperRoman":
        return roman(n).upper() if n > 0 else str(n)
    if style == "decimalZero":
        return f"{n:02d}"
    if style == "none":
        return ""
    return str(n)
