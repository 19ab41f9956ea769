"""XML as the importer reads it: a small tree whose texts remember their line and column, parsed safely.

The readers of XML formats (`uslm`, `udhr_xml`) share it. Parsing is expat's (the parser
defusedxml hardens), with every declaration refused before it can take effect: a
document type declaration (and so any entity declaration, internal or external: no
billion laughs, no external entity, nothing fetched) is a SourceError at its line and
column, as is any malformed XML. Nothing here reaches the network or the disk.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from ..errors import Origin, SourceError
from ..source import CONTROL_CHARACTERS
from .located import Located
from .repair import Repair

__all__ = ["Element", "numbering_of", "parse", "root_of", "squeeze", "text_of"]

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 200  # elements inside elements: a bill nests a dozen; a crafted file may nest thousands


@dataclass
class Element:
    """An element: its namespace and local name, attributes, children in order (texts as Located).

    `line` and `column` (1-based) are where its start tag opens; `start` and `end` the offsets
    of its whole markup (start tag to end tag) in the input text.
    """

    ns: str
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    start: int
    end: int = 0
    children: list[Element | Located] = field(default_factory=list)

    def elements(self, *tags: str) -> Iterator[Element]:
        """The child elements, those named `tags` only when given."""
        for child in self.children:
            if isinstance(child, Element) and (not tags or child.tag in tags):
                yield child

    def first(self, *tags: str) -> Element | None:
        return next(self.elements(*tags), None)

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    def raw(self, text: str) -> str:
        """The element's markup exactly as it stands in the input."""
        return text[self.start : self.end]

    def removal(self, text: str, message: str, kind: str = "furniture") -> Repair:
        """A repair that takes the whole element out of the document, its markup as `removed`."""
        return Repair(self.line, self.column, kind, message, removed=self.raw(text))


class _Refused(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


_TAG_END = re.compile(r"""[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")


def parse(text: str, name: str) -> Element:
    """The root element of `text`; SourceError naming the line and column of what is wrong."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    bom = 1 if text.startswith("\ufeff") else 0  # expat skips it, our offsets count it
    parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def here() -> tuple[int, int, int]:
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber
        column += bom if line == 1 else 0
        return line, column + 1, starts[line - 1] + column

    def refuse(what: str) -> Callable[..., None]:
        def handler(*_: object) -> None:
            line, column, offset = here()
            declared = text.rfind("<!", 0, offset + 1)  # expat stands inside the declaration: its start
            if declared >= 0 and what.startswith(("a document type", "an entity")):
                line = text.count("\n", 0, declared) + 1
                column = declared - (text.rfind("\n", 0, declared) + 1) + 1
            raise _Refused(f"the XML has {what}; clausepress import refuses it (no entity is ever expanded)",
                           line, column)  # fmt: skip

        return handler

    def refuse_controls(data: str, line: int, column: int) -> None:
        # XML 1.0 allows C1 controls (&#x9b;, the terminal's CSI) and character references to
        # them: held to the rule on a source's characters, not written out as YAML escapes.
        control = CONTROL_CHARACTERS.search(data)
        if control is not None:
            raise _Refused(
                f"the XML holds control character U+{ord(control.group()):04X}, which a source may not hold; "
                "remove it",
                line, column,
            )  # fmt: skip

    stack: list[Element] = []
    found: list[Element] = []

    def start(qname: str, attrs: dict[str, str]) -> None:
        ns, _, tag = qname.rpartition(" ")
        line, column, offset = here()
        if len(stack) >= MAX_DEPTH:  # the readers walk the tree recursively
            raise _Refused(f"the XML nests elements more than {MAX_DEPTH} deep", line, column)
        named = {k.replace(f"{XML_NAMESPACE} ", "xml:").rpartition(" ")[2]: v for k, v in attrs.items()}
        for value in named.values():
            refuse_controls(value, line, column)
        element = Element(ns, tag, named, line, column, offset)
        (stack[-1].children if stack else found).append(element)
        stack.append(element)

    def end(_: str) -> None:
        element = stack.pop()
        _line, _column, offset = here()
        if text.startswith("</", offset):  # expat stands at the end tag, or past an empty element's tag
            offset = text.index(">", offset) + 1
        element.end = offset

    def characters(data: str) -> None:
        if not stack:
            return
        line, column, _offset = here()
        refuse_controls(data, line, column)
        for i, part in enumerate(data.split("\n")):
            if i:
                stack[-1].children.append(Located.at("\n", line, column))
                line, column = line + 1, 1
            if part:
                stack[-1].children.append(Located.at(part, line, column))
                column += len(part)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = refuse("a document type declaration (<!DOCTYPE ...>)")
    parser.EntityDeclHandler = refuse("an entity declaration")
    external = refuse("a reference to an external entity")

    def external_entity(*args: str | None) -> int:
        external(*args)
        return 0  # never reached: refused

    parser.ExternalEntityRefHandler = external_entity
    try:
        parser.Parse(text.removeprefix("\ufeff").encode("utf-8"), True)
    except _Refused as exc:
        raise SourceError(str(exc), Origin(name, exc.line, exc.column)) from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code is not None else str(exc)
        column = exc.offset + 1 + (bom if exc.lineno == 1 else 0)
        raise SourceError(
            f"the input is not well-formed XML: {message}", Origin(name, exc.lineno, column)
        ) from None
    return found[0]


# The first element of a document, past the XML declaration, comments and processing instructions.
_ROOT = re.compile(
    r"\A\ufeff?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<(?:[\w.-]+:)?(?P<tag>[\w.-]+)(?P<attrs>[^>]*)>", re.DOTALL
)


def root_of(text: str) -> tuple[str, str] | None:
    """(root element's local name, its namespace) when `text` reads as XML; None when it is no XML."""
    m = _ROOT.match(text[:20_000])
    if m is None:
        return None
    prefix = re.match(
        r"\A\ufeff?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<(?:(?P<p>[\w.-]+):)?", m.group(0), re.DOTALL
    )
    attr = f"xmlns:{prefix.group('p')}" if prefix is not None and prefix.group("p") else "xmlns"
    ns = re.search(rf"""\s{re.escape(attr)}\s*=\s*(["'])(?P<ns>.*?)\1""", m.group("attrs"))
    return m.group("tag"), ns.group("ns") if ns else ""


# Punctuation that follows a word: no space goes before it where two elements meet.
_CLOSING = ".,;:!?)]}’”»"


def text_of(
    element: Element, inline: frozenset[str] = frozenset(), skip: frozenset[str] = frozenset()
) -> Located:
    """The element's text, its white space made single spaces, located in the input.

    Elements named in `inline` (emphasis, small capitals, references) run on with the text
    around them; any other child is a block of its own, set apart by a space (but never
    before the punctuation that follows it). Children named in `skip` are left out.
    """
    pieces: list[Located] = []

    def add_break(where: Element) -> None:
        pieces.append(Located.at("\0", where.line, where.column))

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, Located):
                pieces.append(child)
            elif child.tag in skip:
                continue
            elif child.tag in inline:
                walk(child)
            else:
                add_break(child)
                walk(child)
                add_break(child)

    walk(element)
    joined = Located.join(pieces, "") if pieces else Located.at("", element.line, element.column)
    return squeeze(joined)


def squeeze(text: Located) -> Located:
    """Runs of white space (and of block breaks, "\\0") as one space, none before closing punctuation."""
    for m in reversed(list(re.finditer(r"[\s\0]+", text.text))):
        after = text.text[m.end() : m.end() + 1]
        gap = m.group(0)
        joined = "\0" in gap and not any(c.isspace() for c in gap) and after and after in _CLOSING
        text = text.replace(m.start(), m.end(), "" if joined else " ")
    return text.strip()


def numbering_of(printed: list[tuple[str, str]], default: str) -> str:
    """The numbering style most of the labels follow: each (number, label as printed) with the
    number made "1" ("SEC. 2." gives "SEC. 1."); `default` when none holds its number."""
    styles = Counter(
        label.replace(number, "1", 1)
        for number, label in printed
        if number and number in label and label.count(number) == 1
    )
    return styles.most_common(1)[0][0] if styles else default
