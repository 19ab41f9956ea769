"""Read a YAML source into the document model, keeping file, line and column everywhere.

The YAML is composed into nodes (never constructed into Python objects by PyYAML), so
that every value keeps its position, duplicated keys are caught, and no YAML tag can
run code. Inline text is parsed with markdown-it-py (emphasis, links; raw HTML stays
text) into the model's inline nodes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from .errors import Origin, SourceError, display_path, shown
from .forms import FORMS
from .model import (
    Annex,
    Citation,
    Clause,
    Conventions,
    Document,
    Emphasis,
    Heading,
    Inline,
    Paragraph,
    Source,
    Strong,
    SubClause,
    Text,
    plain_text,
)
from .presentation import (
    BIDI_CONTROLS,
    NUMBERING_STYLES,
    clause_id,
    clause_label,
    heading_id,
    inserted_number,
    subclause_label,
)
from .reading import TooLarge, read_at_most
from .variants import variant_suffix

__all__ = ["build_markdown", "load", "loads", "parse_inline", "read_source"]

DOCUMENT_KEYS = {
    "id": "the document's id, naming its outputs",
    "title": "the title",
    "short_title": "the title in the running header",
    "issuer": "the body that issues the document",
    "adopted": "the date of adoption (YYYY-MM-DD)",
    "language": "the language as a BCP 47 tag (en, hy, ru...)",
    "preamble": "the list of preamble paragraphs",
    "enacting": "the line that opens the operative part",
    "operative": "the list of operative clauses",
    "closing": "the adoption line",
    "sources": "the map of cited sources",
    "conventions": "the conventions the checker holds the document to",
    "numbering": "how clauses are numbered: 1. (default), 1), Article 1, none, or a label with 1 in it",
    "form": "the document's form: " + ", ".join(FORMS),
    "metadata": "what the form's title block shows (symbol, session, agenda item...)",
    "formula": "the line naming the body before the preamble (The General Assembly,)",
    "annexes": "the list of annexes",
}
CONVENTION_KEYS = (
    "preamble_openings",
    "preamble_endings",
    "operative_verbs",
    "operative_ending",
    "final_ending",
)
CLAUSE_KEYS = ("number", "id", "verb", "text", "subclauses")
HEADING_KEYS = ("heading", "label", "id")
ANNEX_KEYS = ("id", "label", "title", "preamble", "paragraphs")
SUBCLAUSE_KEYS = ("label", "id", "text", "subclauses")
PARAGRAPH_KEYS = ("id", "label", "text")
METADATA_KEYS = ("text",)  # a metadata value given as inline text
SOURCE_KEYS = (
    "type", "title", "container-title", "author", "publisher", "issued", "accessed",
    "URL", "url", "DOI", "status", "note",
)  # fmt: skip
STATUSES = ("missing", "editorial")
_DATE_PARTS = (("year", -9999, 9999), ("month", 1, 12), ("day", 1, 31))
MAX_SUBCLAUSE_DEPTH = 2

# Ids are plain names of at most 100 characters: a document's names its outputs
# (`<id>.archival.pdf`, and `.<id>.archival.pdf.*.tmp` while written), far within a file
# name's 255 bytes.
MAX_ID = 100
_ID = re.compile(rf"[A-Za-z][A-Za-z0-9_.-]{{0,{MAX_ID - 1}}}\Z")
_DOC_ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID - 1}}}\Z")
_ID_WHAT = "an id (a letter, then letters, digits, - _ .)"
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
# `][id]`, where the `]` is not escaped (an even number of backslashes before it: `\\][id]` is
# a backslash, then a reference; `\][x]` is text).
_REFERENCE = re.compile(r"(?<!\\)(?:\\\\)*\]\[([^\]\s][^\]]*)\]")
SOURCE_SCHEME = "clausepress-source:"

_Headed = TypeVar("_Headed", Clause, Paragraph)  # what headings stand before


def load(path: str | Path, data: bytes | None = None) -> Document:
    """Read the document in `path` (`data`: its bytes, when read already by `read_source`);
    raise `SourceError` naming file:line:column."""
    path = Path(path)
    name = display_path(path)
    if data is None:
        data = read_source(path)
    return loads(decode(data, name), name, default_id=path.stem)


def read_source(path: str | Path) -> bytes:
    """The bytes of the source in `path`: a file, a FIFO, a device; never more than
    MAX_SOURCE_BYTES (and one) read from it. SourceError when it cannot be read or is larger."""
    name = display_path(path)
    try:
        return read_at_most(path, MAX_SOURCE_BYTES)
    except TooLarge:
        raise SourceError(
            f"the source holds more than {MAX_SOURCE_BYTES:,} bytes; the limit is {MAX_CHARACTERS:,} characters",
            Origin(name, 1, 1),
        ) from None
    except OSError as exc:
        raise SourceError(f"cannot read source: {exc.strerror or exc}", Origin(name, 1, 1)) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes as text; SourceError at the line and column of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError("the file is not valid UTF-8", Origin(name, line, column)) from None


def loads(text: str, name: str = "<string>", default_id: str = "document") -> Document:
    """Read a document from YAML text; `name` is the file name used in messages."""
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_CHARACTERS:
        raise SourceError(
            f"the source has {len(text):,} characters; the limit is {MAX_CHARACTERS:,}", Origin(name, 1, 1)
        )
    _refuse_control_characters(text, name)
    return _Reader(text, name).document(default_id)


# libyaml's parser where PyYAML was built with it (the same events and marks, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits on a source, so that a crafted one is refused quickly (see the README's security notes).
MAX_CHARACTERS = 4_000_000  # in the text, and in what it loads to (aliases expanded)
MAX_SOURCE_BYTES = 4 * MAX_CHARACTERS  # UTF-8 takes at most four bytes a character
MAX_NODES = 100_000  # YAML nodes, counting every alias as the nodes it stands for
MAX_DEPTH = 24  # nesting of YAML lists and mappings
LAST_YEAR = 2107  # of a date of adoption: the outputs' timestamps come from it, and ZIP's end in 2107
MAX_PARTS = 5_000  # preamble paragraphs, operative clauses, sub-clauses of a clause, sources

# C0 and C1 controls other than tab, line feed and carriage return; and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
CONTROL_CHARACTERS = _CONTROL  # the importer holds what it reads from XML to the same rule


def _refuse_control_characters(text: str, name: str) -> None:
    match = _CONTROL.search(text)
    if match:
        raise SourceError(
            f"control character U+{ord(match.group()):04X} is not allowed in a source",
            Origin.of(name, text, match.start()),
        )


def _mark_origin(name: str, mark: Any) -> Origin:
    """Where a YAML event starts (a `Mark` of PyYAML or of libyaml; the file's start if none)."""
    return Origin(name, mark.line + 1, mark.column + 1) if mark is not None else Origin(name, 1, 1)


# The tags a source may give explicitly: YAML's core schema (`!!str`, `!!int`...) and `!`
# (plain text). YAML 1.1's others (`!!binary`, `!!pairs`, `!!omap`, `!!set`, `!!timestamp`),
# `!!python/...` in any spelling and custom tags are refused.
ALLOWED_TAGS = frozenset(
    {"!", *(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map"))}
)


def _check_shape(text: str, name: str) -> int:
    """Refuse, before building anything, YAML nested too deep, expanding too far through
    aliases (in nodes or in characters), tagged outside YAML's core schema (no !!python/...,
    no custom tags), or whose values hold control characters written as escapes (`"\\e"`).
    Returns the characters it loads to."""
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, characters) under it
    stack: list[tuple[str | None, int, int]] = []  # (anchor, nodes, characters) of open collections
    total = characters = 0

    def grow(event: yaml.Event, nodes: int, chars: int, new_nodes: int, new_chars: int) -> None:
        """`nodes` and `chars` more under the open collection, of which `new_nodes` and
        `new_chars` are new to the totals (a collection's children are counted already)."""
        nonlocal total, characters
        total += new_nodes
        characters += new_chars
        if stack:
            anchor, held_nodes, held_chars = stack[-1]
            stack[-1] = (anchor, held_nodes + nodes, held_chars + chars)
        if total > MAX_NODES:
            raise SourceError(
                f"the source expands to more than {MAX_NODES:,} YAML nodes (through anchors and aliases); refused",
                _mark_origin(name, event.start_mark),
            )
        if characters > MAX_CHARACTERS:
            raise SourceError(
                f"the source loads to more than {MAX_CHARACTERS:,} characters (through anchors and aliases); "
                "refused",
                _mark_origin(name, event.start_mark),
            )

    for event in yaml.parse(text, Loader=_LOADER):
        tag = getattr(event, "tag", None)  # explicit tags only: implicit ones are the core schema's
        if tag and tag not in ALLOWED_TAGS:
            shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise SourceError(
                f"YAML tag {shown(shown_tag)} is not allowed in a source",
                _mark_origin(name, event.start_mark),
            )
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise SourceError(
                    f"the source nests lists and mappings deeper than {MAX_DEPTH} levels",
                    _mark_origin(name, event.start_mark),
                )
            stack.append((event.anchor, 1, 0))
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, nodes, held = stack.pop()
            if anchor:
                sizes[anchor] = (nodes, held)
            grow(event, nodes, held, 1, 0)  # its children are in the totals already
        elif isinstance(event, yaml.ScalarEvent):
            _refuse_escaped_controls(event, name)
            if event.anchor:
                sizes[event.anchor] = (1, len(event.value))
            grow(event, 1, len(event.value), 1, len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            # An alias is its anchor's nodes and text again: the page shows that text again.
            nodes, held = sizes.get(event.anchor or "", (1, 0))
            grow(event, nodes, held, nodes, held)
    return characters


def _refuse_escaped_controls(event: yaml.ScalarEvent, name: str) -> None:
    """The loaded value is held to the rule on the raw text: a double-quoted scalar's escapes
    (`\\e`, `\\x01`, `\\0`, `\\x85`) must not bring in what the bytes may not hold."""
    match = _CONTROL.search(event.value)
    if match:
        raise SourceError(
            f"control character U+{ord(match.group()):04X} (written as an escape) is not allowed in a source",
            _mark_origin(name, event.start_mark),
        )


_SPACED_ADDRESS = re.compile(r"\]\(([^()<>\s\"'][^()<>\"']*\s[^()<>\"']*)\)")


def build_markdown() -> MarkdownIt:
    """Inline Markdown: emphasis, links, escapes; no raw HTML, no images.

    The one set-up: the loader and the importer read inline text with it, so that both
    read a text alike. Every link is kept as written, whatever its address: an address
    that must never be followed (`javascript:`, `data:`...) is still a citation, which the
    renderers show without linking and the checker reports, rather than text silently
    left behind.
    """
    md = MarkdownIt("zero").enable(["emphasis", "link", "escape", "newline"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return md


# What a link becomes, told its address (`href`), title and converted anchor: a Citation
# for the loader; the importer's stand-in until it knows the source.
Cite = Callable[[str, str, tuple[Inline, ...]], Inline]


def parse_inline(
    text: str, cite: Cite, md: MarkdownIt | None = None, *, references: bool = True
) -> tuple[Inline, ...]:
    """Inline Markdown as the model's inline nodes; each link handed to `cite`, in reading order.

    With `references`, every `[anchor][id]` is a link to `clausepress-source:id`, defined
    or not (the checker reports undefined ids); without, it stays text. A line break
    stays one ("\n").
    """
    env: dict[str, Any] = {}
    if references:
        env["references"] = {
            normalizeReference(m): {"href": SOURCE_SCHEME + m, "title": ""} for m in _REFERENCE.findall(text)
        }
    tokens = (md or build_markdown()).parseInline(text, env)[0].children or []
    nodes, _ = _convert(tokens, 0, None, cite)
    return tuple(nodes)


MAX_INLINE_DEPTH = 24  # emphasis and links inside one another, as deep as YAML may nest


def _convert(
    tokens: list[Token], i: int, close: str | None, cite: Cite, depth: int = 0
) -> tuple[list[Inline], int]:
    if depth > MAX_INLINE_DEPTH:
        # Every writer walks the inline tree: bounded here, it is bounded for all of them.
        raise SourceError(f"the text nests emphasis and links deeper than {MAX_INLINE_DEPTH} levels")
    out: list[Inline] = []
    while i < len(tokens):
        tok = tokens[i]
        if close and tok.type == close:
            return out, i + 1
        if tok.type in ("text", "softbreak", "hardbreak"):
            _append_text(out, tok.content if tok.type == "text" else "\n")  # a line break stays one
        elif tok.type in ("em_open", "strong_open"):
            kids, i = _convert(tokens, i + 1, tok.type.replace("_open", "_close"), cite, depth + 1)
            out.append(Emphasis(tuple(kids)) if tok.type == "em_open" else Strong(tuple(kids)))
            continue
        elif tok.type == "link_open":
            # Links do not nest: handing one over after its anchor keeps the reading order.
            kids, i = _convert(tokens, i + 1, "link_close", cite, depth + 1)
            out.append(cite(str(tok.attrs.get("href", "")), str(tok.attrs.get("title", "")), tuple(kids)))
            continue
        else:  # code spans, images and the like are shown as their text
            _append_text(out, tok.content)
        i += 1
    return out, i


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.md = build_markdown()
        self.citations = 0
        self.loaded = 0  # characters loaded, and shown again in each footnote (see `cite`)
        self.sources: dict[str, Source] = {}
        self.numbering = "1."
        self.headings_seen: list[str] = []

    # --- positions and errors ---

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def origin_at(self, index: int) -> Origin:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return Origin(self.name, line, column)

    def fail(self, node: yaml.Node, message: str) -> SourceError:
        return SourceError(message, self.origin(node))

    # --- the YAML tree ---

    def compose(self) -> yaml.Node | None:
        try:
            self.loaded = _check_shape(self.text, self.name)
            return yaml.compose(self.text, Loader=_LOADER)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = Origin(self.name, mark.line + 1, mark.column + 1) if mark else None
            problem = exc.problem or exc.context or "invalid YAML"
            raise SourceError(f"invalid YAML: {problem}", where) from None
        except yaml.YAMLError as exc:
            raise SourceError(f"invalid YAML: {exc}", Origin(self.name, 1, 1)) from None

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The entries of a mapping node, by key; duplicated or unknown keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"expected {what} as a mapping of keys to values")
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key, f"expected a plain key in {what}")
            name = key.value
            if name in entries:
                first = self.origin(entries[name][0])
                raise self.fail(key, f"duplicate key {shown(name)} in {what} (first at line {first.line})")
            if allowed is not None and name not in allowed:
                raise self.fail(
                    key, f"unknown key {shown(name)} in {what}; expected one of: {', '.join(allowed)}"
                )
            entries[name] = (key, value)
        return entries

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"expected {what} as a list")
        if len(node.value) > MAX_PARTS:
            raise self.fail(
                node, f"too many items in {what}: {len(node.value):,} (the limit is {MAX_PARTS:,})"
            )
        return list(node.value)

    def string(self, node: yaml.Node, what: str, *, empty: bool = False) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"expected {what} as text, found a {_kind(node)}")
        if node.tag == "tag:yaml.org,2002:null" or (not empty and not node.value.strip()):
            raise self.fail(node, f"expected {what}, found nothing")
        return str(node.value)

    # --- the document ---

    def document(self, default_id: str) -> Document:
        root = self.compose()
        if root is None:
            raise SourceError("the source is empty; expected a document mapping", Origin(self.name, 1, 1))
        fields = self.mapping(root, "the document", tuple(DOCUMENT_KEYS))
        for required in ("title", "operative"):
            if required not in fields:
                raise self.fail(root, f"missing key '{required}' ({DOCUMENT_KEYS[required]})")

        def opt(key: str, read: Callable[[yaml.Node], Any], default: Any = None) -> Any:
            return read(fields[key][1]) if key in fields else default

        doc_id = opt("id", lambda n: self.pattern(n, "the document id", _DOC_ID), default_id)
        if not _DOC_ID.match(doc_id):
            raise SourceError(
                f"the file name gives the id {shown(doc_id)}, which cannot name an output; set 'id'",
                self.origin(root),
            )
        if (taken := variant_suffix(doc_id)) is not None:
            raise SourceError(
                f"the document id {shown(doc_id)} ends in '{taken}', which names another document's "
                f"{taken[1:]} PDF; choose another id",
                self.origin(fields["id"][1] if "id" in fields else root),
            )
        title_node = fields["title"][1]
        # A title that calls a note is given as inline text (`{text: ...}`), read once the sources are.
        title_text = (
            self.text_field(title_node, "the title") if isinstance(title_node, yaml.MappingNode) else None
        )
        title = "" if title_text is not None else self.string(title_node, "the title")
        # Sources first: citations in the text are checked against them.
        sources = opt("sources", self.read_sources, {})
        self.sources = dict(sources)
        form = opt("form", lambda n: self.choice(n, "a form", tuple(FORMS)), "association")
        metadata, texts = opt("metadata", self.metadata, ({}, {}))
        # The title block stands first: the citations of its fields given as inline text are
        # numbered before the formula's, in the order it prints them.
        metadata_content: dict[str, tuple[Inline, ...]] = {}
        for key, _ in FORMS[form].printed({k: v for k, v in metadata.items() if k in texts}, texts):
            metadata_content[key] = self.inline(texts[key], f"the metadata '{key}'")
            metadata[key] = plain_text(metadata_content[key])
        title_content = self.inline(title_text, "the title") if title_text is not None else ()
        if title_text is not None:
            title = plain_text(title_content)
            if not title.strip():
                raise self.fail(title_text, "expected the title, found nothing")
        formula = opt("formula", lambda n: self.inline(n, "the formula"), ())
        preamble = (
            self.preamble(fields["preamble"][1], "the preamble", "preamble", "preamble")[0]
            if "preamble" in fields
            else ()
        )
        enacting = opt("enacting", lambda n: self.inline(n, "the enacting line"), ())
        self.numbering = opt("numbering", self.numbering_style, FORMS[form].numbering)
        operative, _ = self.clauses(
            fields["operative"][1], "the operative clauses", "operative clause", "clause"
        )
        closing = opt("closing", lambda n: self.inline(n, "the closing line"), ())
        annexes = opt("annexes", self.annexes, ())
        # Direct links ([text](https://...)) became sources of their own while reading.
        sources.update({k: v for k, v in self.sources.items() if k not in sources})
        document = Document(
            id=doc_id,
            title=title,
            short_title=opt("short_title", lambda n: self.string(n, "the short title"), title),
            issuer=opt("issuer", lambda n: self.string(n, "the issuer"), ""),
            adopted=opt("adopted", self.date, None),
            language=opt("language", lambda n: self.pattern(n, "a BCP 47 language tag", _LANG), "en"),
            preamble=preamble,
            enacting=enacting,
            operative=operative,
            closing=closing,
            sources=sources,
            path=self.name,
            origin=self.origin(root),
            extra_origins={k: self.origin(v[1]) for k, v in fields.items()},
            conventions=opt("conventions", self.conventions, Conventions()),
            numbering=self.numbering,
            form=form,
            metadata=metadata,
            formula=formula,
            annexes=annexes,
            metadata_content=metadata_content,
            title_content=title_content,
        )
        if not operative:  # required, and read last: the other fields' errors come first
            raise self.fail(fields["operative"][1], "expected at least one operative clause, found none")
        return document

    def choice(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> str:
        value = self.string(node, what).strip()
        if value not in allowed:
            raise self.fail(node, f"expected {what} ({', '.join(allowed)}), found {shown(value)}")
        return value

    def metadata(self, node: yaml.Node) -> tuple[dict[str, str], dict[str, yaml.Node]]:
        """The metadata's plain values, and the text nodes of those given as inline text (`{text: ...}`),
        read once the order of the title block is known ("" stands in for them meanwhile)."""
        if _is_null(node):
            return {}, {}
        values: dict[str, str] = {}
        texts: dict[str, yaml.Node] = {}
        for name, (_, value) in self.mapping(node, "the metadata", None).items():
            what = f"the metadata {shown(name)}"
            if isinstance(value, yaml.MappingNode):
                texts[name], values[name] = self.text_field(value, what), ""
            else:
                values[name] = self.string(value, what)
        return values, texts

    def text_field(self, node: yaml.Node, what: str) -> yaml.Node:
        """The inline text node of a field given as `{text: ...}` (a title or a metadata field that calls a note)."""
        fields = self.mapping(node, what, METADATA_KEYS)
        if "text" not in fields:
            raise self.fail(node, f"missing key 'text' in {what}")
        return fields["text"][1]

    def clauses(
        self, node: yaml.Node, what: str, noun: str, prefix: str, *, end: bool = False
    ) -> tuple[tuple[Clause, ...], tuple[Heading, ...]]:
        """A list of clauses, with headings among them (`headed`)."""

        def read(item: yaml.Node, before: list[Clause]) -> Clause:
            # A clause with no number given has the next whole one: inserted clauses ("1a") are not counted.
            counted = (
                len(before) + 1 - sum(inserted_number(c.number) is not None or not c.number for c in before)
            )
            return self.clause(item, len(before) + 1, noun, prefix, counted)

        return self.headed(node, what, "clause", prefix, read, end=end)

    def preamble(
        self, node: yaml.Node, what: str, prefix: str, heading_prefix: str, *, end: bool = False
    ) -> tuple[tuple[Paragraph, ...], tuple[Heading, ...]]:
        """A list of preamble paragraphs, with headings among them (`headed`)."""

        def read(item: yaml.Node, before: list[Paragraph]) -> Paragraph:
            return self.paragraph(item, len(before) + 1, prefix)

        return self.headed(node, what, "paragraph", heading_prefix, read, end=end)

    def headed(
        self,
        node: yaml.Node,
        what: str,
        noun: str,
        prefix: str,
        read: Callable[[yaml.Node, list[_Headed]], _Headed],
        *,
        end: bool = False,
    ) -> tuple[tuple[_Headed, ...], tuple[Heading, ...]]:
        """The items of a list (each read by `read`, told the items before it), with headings among them:
        each heading goes with the item after it. With `end`, headings may end the list (an annex's,
        over no paragraph): they are returned apart; else that is an error."""
        items = self.sequence(node, what)
        result: list[_Headed] = []
        headings: list[Heading] = []
        for item in items:
            if _is_heading(item):
                headings.append(self.heading(item, heading_id(prefix, len(self.headings_seen) + 1)))
                continue
            made = read(item, result)
            result.append(dataclasses.replace(made, headings=tuple(headings)) if headings else made)
            headings = []
        if headings and not end:
            raise self.fail(items[-1], f"a heading ends {what}; a heading stands before a {noun}")
        return tuple(result), tuple(headings)

    def heading(self, node: yaml.Node, default_id: str) -> Heading:
        fields = self.mapping(node, "a heading", HEADING_KEYS)
        hid = self.pattern(fields["id"][1], _ID_WHAT, _ID) if "id" in fields else default_id
        self.headings_seen.append(hid)
        label = self.string(fields["label"][1], "a heading's label") if "label" in fields else ""
        return Heading(
            hid, label, self.inline(fields["heading"][1], "a heading", empty=bool(label)), self.origin(node)
        )

    def annexes(self, node: yaml.Node) -> tuple[Annex, ...]:
        result = []
        for i, item in enumerate(self.sequence(node, "the annexes"), 1):
            what = f"annex {i}"
            fields = self.mapping(item, what, ANNEX_KEYS)
            aid = self.pattern(fields["id"][1], _ID_WHAT, _ID) if "id" in fields else f"annex-{i}"
            # In reading order, so that citations are numbered as they are read.
            title = self.inline(fields["title"][1], f"the title of {what}") if "title" in fields else ()
            # Headings over no paragraph may end the annex: its last list.
            preamble, end = (
                self.preamble(
                    fields["preamble"][1],
                    f"the preamble of {what}",
                    f"{aid}-preamble",
                    aid,
                    end="paragraphs" not in fields,
                )
                if "preamble" in fields
                else ((), ())
            )
            paragraphs: tuple[Clause, ...] = ()
            if "paragraphs" in fields:
                paragraphs, end = self.clauses(
                    fields["paragraphs"][1],
                    f"the paragraphs of {what}",
                    f"paragraph of {what}",
                    aid,
                    end=True,
                )
            result.append(
                Annex(
                    id=aid,
                    label=self.string(fields["label"][1], "an annex label") if "label" in fields else "",
                    title=title,
                    preamble=preamble,
                    paragraphs=paragraphs,
                    origin=self.origin(item),
                    end_headings=end,
                )
            )
        return tuple(result)

    def numbering_style(self, node: yaml.Node) -> str:
        style = self.string(node, "a numbering style").strip()
        if style not in NUMBERING_STYLES and (style.count("1") != 1 or len(style) > 40):
            choices = ", ".join(f"'{s}'" for s in NUMBERING_STYLES)
            raise self.fail(
                node,
                f"expected a numbering style ({choices}, or a label of at most 40 characters with one 1 in "
                f"it), found {shown(style)}",
            )
        return style

    def conventions(self, node: yaml.Node) -> Conventions:
        fields = self.mapping(node, "the conventions", CONVENTION_KEYS)

        def words(key: str) -> tuple[str, ...] | None:
            if key not in fields:
                return None
            items = self.sequence(fields[key][1], f"the {key.replace('_', ' ')}")
            return tuple(self.string(n, "a word or phrase") for n in items)

        def text(key: str) -> str | None:
            return (
                self.string(fields[key][1], f"the {key.replace('_', ' ')}").strip() if key in fields else None
            )

        return Conventions(
            preamble_openings=words("preamble_openings"),
            preamble_endings=words("preamble_endings"),
            operative_verbs=words("operative_verbs"),
            operative_ending=text("operative_ending"),
            final_ending=text("final_ending"),
        )

    def pattern(self, node: yaml.Node, what: str, regex: re.Pattern[str]) -> str:
        value = self.string(node, what)
        if regex in (_ID, _DOC_ID) and len(value) > MAX_ID:
            raise self.fail(node, f"expected {what} of at most {MAX_ID} characters, found {len(value):,}")
        if not regex.match(value):
            raise self.fail(node, f"expected {what}, found {shown(value)}")
        return value

    def date(self, node: yaml.Node) -> _dt.date:
        value = self.string(node, "a date")
        try:
            return adoption_date(value)
        except ValueError as exc:
            raise self.fail(node, f"expected {exc}, found {shown(value)}") from None

    def paragraph(self, node: yaml.Node, index: int, prefix: str = "preamble") -> Paragraph:
        what = f"preamble paragraph {index}" if prefix == "preamble" else f"paragraph {index} of {prefix}"
        pid = f"{prefix}-{index}"
        text_node = node
        label: str | None = None
        label_node: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            fields = self.mapping(node, what, PARAGRAPH_KEYS)
            if "text" not in fields:
                raise self.fail(node, f"missing key 'text' in {what}")
            text_node = fields["text"][1]
            if "id" in fields:
                pid = self.pattern(fields["id"][1], _ID_WHAT, _ID)
            if "label" in fields:
                label_node = fields["label"][1]
                label = self.string(label_node, "a recital label").strip().rstrip(".)").lstrip("(").strip()
                if not re.fullmatch(r"[0-9A-Za-z]{1,12}", label):
                    raise self.fail(
                        label_node, f"expected a recital label such as A or 3, found {shown(label)}"
                    )
        return Paragraph(
            id=pid,
            index=index,
            content=self.inline(text_node, what),
            origin=self.origin(node),
            label=label,
            label_origin=self.origin(label_node) if label_node is not None else None,
        )

    def clause(
        self,
        node: yaml.Node,
        index: int,
        noun: str = "operative clause",
        prefix: str = "clause",
        counted: int | None = None,
    ) -> Clause:
        what = f"{noun} {index}"
        fields = self.mapping(node, what, CLAUSE_KEYS)
        if "text" not in fields and "subclauses" not in fields:  # an article may be its list alone
            raise self.fail(node, f"missing key 'text' in {what}")
        number_node = fields["number"][1] if "number" in fields else None
        number = self.string(number_node, "a clause number") if number_node else str(counted or index)
        if number_node is not None and number == "none":
            number = ""  # an unnumbered paragraph among numbered clauses: no label, outside their count
        # A number in any script's digits or letters: 7, 1bis, "14 bis" (as a constitution prints it), १, 一, א.
        elif number_node is not None and not re.fullmatch(r"[^\W_]{1,12}(?: (?:bis|ter|quater))?", number):
            raise self.fail(number_node, f"expected a clause number such as 7, found {shown(number)}")
        cid = (
            self.pattern(fields["id"][1], _ID_WHAT, _ID)
            if "id" in fields
            else clause_id(prefix, number, index)
        )
        verb_node = fields["verb"][1] if "verb" in fields else None
        verb = self.string(verb_node, f"the verb of {what}") if verb_node else ""
        # In reading order, so that citations are numbered as they are read.
        text_node = fields["text"][1] if "text" in fields else None
        content: tuple[Inline, ...]
        if text_node is None:
            items, content = [], ()
        elif isinstance(text_node, yaml.SequenceNode):
            items = self.sequence(text_node, f"the paragraphs of {what}")
            if not items:
                raise self.fail(text_node, f"expected the text of {what}, found an empty list")
            content = self.inline(items[0], what)
        else:
            items, content = [], self.inline(text_node, what)
        subs = self.subclauses(fields["subclauses"][1], cid, 1) if "subclauses" in fields else ()
        paragraphs = tuple(self.inline(n, what) for n in items[1:])
        return Clause(
            id=cid,
            number=number,
            number_explicit=number_node is not None,
            verb=verb,
            content=content,
            subclauses=subs,
            origin=self.origin(node),
            number_origin=self.origin(number_node or node),
            verb_origin=self.origin(verb_node or node),
            label=clause_label(number, self.numbering),
            paragraphs=paragraphs,
        )

    def subclauses(self, node: yaml.Node, parent_id: str, depth: int) -> tuple[SubClause, ...]:
        if depth > MAX_SUBCLAUSE_DEPTH:
            raise self.fail(node, f"sub-clauses nest at most {MAX_SUBCLAUSE_DEPTH} levels deep")
        result: list[SubClause] = []
        for i, item in enumerate(self.sequence(node, "the sub-clauses"), 1):
            label = subclause_label(i, depth)
            what = f"sub-clause ({label}) of {parent_id}"
            text_node, label_node, sub_node, sid = item, None, None, None
            if isinstance(item, yaml.MappingNode):
                fields = self.mapping(item, what, SUBCLAUSE_KEYS)
                if "text" not in fields:
                    raise self.fail(item, f"missing key 'text' in {what}")
                text_node = fields["text"][1]
                if "label" in fields:
                    label_node = fields["label"][1]
                    label = self.string(label_node, "a sub-clause label").strip().strip("()").strip()
                    # A letter or number of any script, as for clause numbers: a, iv, 3, 一.
                    if not re.fullmatch(r"[^\W_]{1,12}", label):
                        raise self.fail(label_node, f"expected a label such as a or iv, found {shown(label)}")
                if "id" in fields:
                    sid = self.pattern(fields["id"][1], _ID_WHAT, _ID)
                sub_node = fields.get("subclauses", (None, None))[1]
            if sid is None:
                # From the label as shown; from the position when a sibling has that label
                # already (the checker reports the labels; the ids stay unique).
                sid = f"{parent_id}-{label}"
                if not re.fullmatch(r"[0-9A-Za-z]+", label) or any(r.id == sid for r in result):
                    sid = f"{parent_id}-{subclause_label(i, depth)}"
            result.append(
                SubClause(
                    id=sid,
                    label=label,
                    label_explicit=label_node is not None,
                    content=self.inline(text_node, what),
                    subclauses=self.subclauses(sub_node, sid, depth + 1) if sub_node else (),
                    origin=self.origin(item),
                    label_origin=self.origin(label_node or item),
                )
            )
        return tuple(result)

    # --- sources ---

    def read_sources(self, node: yaml.Node) -> dict[str, Source]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return {}
        sources: dict[str, Source] = {}
        for name, (key, value) in self.mapping(node, "the sources", None).items():
            if not _ID.match(name):
                raise self.fail(
                    key, f"expected a source id (a letter, then letters, digits, - _ .), found {shown(name)}"
                )
            # A reference `[text][id]` finds its source whatever the case (Markdown's rule):
            # two ids that differ only in case could not be told apart by a citation.
            twin = next((other for other in sources if other.casefold() == name.casefold()), None)
            if twin is not None:
                first = sources[twin].origin.line
                raise self.fail(
                    key, f"the source id {shown(name)} differs from {shown(twin)} (line {first}) only in case, "
                    "which a citation does not tell apart; rename one",
                )  # fmt: skip
            sources[name] = self.source(name, key, value)
        return sources

    def source(self, sid: str, key: yaml.Node, node: yaml.Node) -> Source:
        what = f"source '{sid}'"
        fields = self.mapping(node, what, SOURCE_KEYS) if not _is_null(node) else {}
        if "URL" in fields and "url" in fields:
            raise self.fail(fields["url"][0], f"{what} has both 'URL' and 'url'; keep one")

        def text(name: str) -> str | None:
            return self.string(fields[name][1], f"the {name} of {what}") if name in fields else None

        status = text("status")
        if status is not None and status not in STATUSES:
            raise self.fail(
                fields["status"][1], f"expected status 'missing' or 'editorial', found {shown(status)}"
            )
        url_node = (fields.get("URL") or fields.get("url") or (None, None))[1]
        url = self.string(url_node, f"the address of {what}").strip() if url_node else None
        if url and url_node is not None:
            refuse_bidi_address(url, self.origin(url_node))
        if status == "missing" and url and url_node is not None:
            raise self.fail(url_node, f"{what} is marked missing but gives an address; drop one of them")
        return Source(
            id=sid,
            title=text("title"),
            author=self.names(fields["author"][1], what) if "author" in fields else None,
            publisher=text("publisher"),
            issued=self.csl_date(fields["issued"][1]) if "issued" in fields else None,
            accessed=self.csl_date(fields["accessed"][1]) if "accessed" in fields else None,
            url=url,
            status=status,
            note=text("note"),
            origin=self.origin(key),
        )

    def names(self, node: yaml.Node, what: str) -> str:
        if isinstance(node, yaml.SequenceNode):
            return "; ".join(self.name_of(n, what) for n in node.value)
        return self.name_of(node, what)

    def name_of(self, node: yaml.Node, what: str) -> str:
        if isinstance(node, yaml.MappingNode):
            f = self.mapping(node, f"an author of {what}", ("family", "given", "literal"))
            parts = [self.string(f[k][1], k) for k in ("given", "family", "literal") if k in f]
            return " ".join(parts)
        return self.string(node, f"an author of {what}")

    def csl_date(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            f = self.mapping(node, "a CSL date", ("date-parts", "literal", "raw"))
            if not f:
                raise self.fail(
                    node, "expected a CSL date (date-parts, literal or raw), found an empty mapping"
                )
            if "date-parts" in f:
                return self.date_parts(f["date-parts"][1])
            key = "literal" if "literal" in f else "raw"
            return self.string(f[key][1], "a date")
        return self.string(node, "a date")

    def date_parts(self, node: yaml.Node) -> str:
        """CSL's `date-parts: [[year, month, day]]` (a range's first date) as YYYY-MM-DD, or shorter."""
        seq = self.sequence(node, "date-parts")
        if not seq:
            raise self.fail(node, "expected date-parts such as [[2021, 3, 15]], found an empty list")
        parts = self.sequence(seq[0], "date-parts")
        if not 1 <= len(parts) <= 3:
            raise self.fail(
                seq[0], f"expected a year, a month and a day in date-parts, found {len(parts)} parts"
            )
        values = []
        for part, (what, low, high) in zip(parts, _DATE_PARTS, strict=False):
            text = self.string(part, f"the {what} of a date").strip()
            if not re.fullmatch(r"-?[0-9]{1,4}", text) or not low <= int(text) <= high:
                raise self.fail(part, f"expected the {what} of a date as a whole number from {low} to {high}, "
                                f"found {shown(text)}")  # fmt: skip
            values.append(int(text))
        if len(values) == 3:
            try:
                _dt.date(max(values[0], 1), values[1], values[2])
            except ValueError:
                raise self.fail(seq[0], f"date-parts {values} name no day of the calendar") from None
        return "-".join(f"{v:02d}" for v in values)

    # --- inline Markdown ---

    def inline(self, node: yaml.Node, what: str, *, empty: bool = False) -> tuple[Inline, ...]:
        # Every character as YAML gives it (folding is YAML's): no-break and thin spaces stay.
        if empty and _is_null(node):
            return ()
        source = self.string(node, f"the text of {what}", empty=empty)
        # An address with a space is no Markdown link; keep it one, for the checker to report.
        source = _SPACED_ADDRESS.sub(r"](<\1>)", source)
        cursor = [node.start_mark.index]

        def cite(href: str, title: str, anchor: tuple[Inline, ...]) -> Inline:
            origin = self.locate_link(node, cursor)
            self.citations += 1
            sid = self.source_for(href, origin)
            self.count_footnote(sid, origin)
            return Citation(anchor, sid, self.citations, origin)

        try:
            return parse_inline(source, cite, self.md)
        except SourceError as exc:
            if exc.origin is not None:
                raise
            raise SourceError(f"{exc.message} in {what}", self.origin(node)) from None

    def count_footnote(self, sid: str, origin: Origin) -> None:
        """Each call of a source shows its footnote, what is known of the source, again: a long
        note cited in every clause would multiply as aliases do, so it counts to the same limit."""
        source = self.sources.get(sid)
        if source is None or source.direct:  # an undefined id's or a link's note: its own text again
            return
        self.loaded += sum(len(v) for v in (source.title, source.author, source.publisher, source.issued,
                                            source.accessed, source.url, source.note) if v)  # fmt: skip
        if self.loaded > MAX_CHARACTERS:
            raise SourceError(
                f"the source loads to more than {MAX_CHARACTERS:,} characters with its footnotes (each call of "
                f"source {shown(sid)} shows it again); refused",
                origin,
            )

    def locate_link(self, node: yaml.Node, cursor: list[int]) -> Origin:
        """The position of the next link's `[` inside the scalar's raw text.

        The cursor then moves past the link's anchor and its `[id]` or `(address)`,
        so the next search finds the next link.
        """
        text, end = self.text, node.end_mark.index
        start = text.find("[", cursor[0], end)
        if start < 0:
            return self.origin(node)
        i = skip_bracketed(text, start, end, "[", "]")
        if i < end and text[i] in "[(":
            i = skip_bracketed(text, i, end, text[i], "]" if text[i] == "[" else ")")
        cursor[0] = i
        return self.origin_at(start)

    def source_for(self, href: str, origin: Origin) -> str:
        if href.startswith(SOURCE_SCHEME):
            label = href[len(SOURCE_SCHEME) :]
            for sid in self.sources:
                if normalizeReference(sid) == normalizeReference(label):
                    return sid
            return label
        refuse_bidi_address(href, origin)
        sid = f"url:{href}"
        if sid not in self.sources:
            self.sources[sid] = Source(
                id=sid, title=None, author=None, publisher=None, issued=None, accessed=None,
                url=href, status=None, note=None, origin=origin, direct=True,
            )  # fmt: skip
        return sid


def adoption_date(value: str) -> _dt.date:
    """A date of adoption as a source gives it: YYYY-MM-DD exactly (fromisoformat also takes
    20210315 and week dates, 2021-W11-1), before 2108. ValueError saying what was expected."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a date as YYYY-MM-DD")
    try:
        date = _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("a date as YYYY-MM-DD") from None
    if date.year > LAST_YEAR:
        raise ValueError(f"a date before {LAST_YEAR + 1} (the EPUB's ZIP dates end in {LAST_YEAR})")
    return date


def refuse_bidi_address(address: str, origin: Origin) -> None:
    """An address holding a bidirectional control shows other than it is (U+202E turns
    `gpj.exe` into `exe.jpg` on the page): refused, not warned of, since a reader follows it."""
    found = BIDI_CONTROLS.search(address)
    if found:
        raise SourceError(
            f"the address {shown(address)} holds the bidirectional control U+{ord(found.group()):04X}, "
            "which shows it other than it is; remove it",
            origin,
        )


def skip_bracketed(text: str, i: int, end: int, opening: str, closing: str) -> int:
    """The index just past the bracket that closes the one at `i`."""
    depth = 0
    while i < end:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _append_text(out: list[Inline], text: str) -> None:
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text + text)
    elif text:
        out.append(Text(text))


def _is_heading(node: yaml.Node) -> bool:
    """An item of a list of clauses or preamble paragraphs that is a heading (`heading:`)."""
    return isinstance(node, yaml.MappingNode) and any(k.value == "heading" for k, _ in node.value)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _kind(node: yaml.Node) -> str:
    kinds: dict[type[yaml.Node], str] = {yaml.MappingNode: "mapping", yaml.SequenceNode: "list"}
    return kinds.get(type(node), "value")
