"""Write a document model as a YAML source laid out for a person to edit: the loader's inverse.

`write_yaml(doc)` gives a source that `source.loads` reads back as `doc` (origins aside):
long texts as folded blocks (`>-`) that fold back to exactly the text, short ones plain,
inline content as the Markdown the loader parses, and only the numbers, ids and labels the
loader would not derive by itself. Comments (where the importer guessed, say) are written
with ruamel.yaml, which keeps them beside the values they are about.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import textwrap
from collections.abc import Mapping
from typing import Any

from markdown_it.common.utils import normalizeReference
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .errors import Origin
from .forms import FORMS
from .model import (
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
)
from .presentation import clause_id, heading_id, subclause_label
from .source import SOURCE_SCHEME, parse_inline

__all__ = ["WIDTH", "comment_key", "inline_markdown", "write_yaml"]

WIDTH = 96  # characters on a line, as a person reads the source in an editor

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MARKUP = frozenset("*_[]")
# What a block scalar cannot hold as it is: characters YAML escapes (controls; line and
# paragraph separators, which YAML breaks lines at; the byte-order mark). Such a text is
# left to ruamel, which quotes and escapes it.
_UNBLOCKABLE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_NOT_FOLDABLE = re.compile("[\n]|" + _UNBLOCKABLE.pattern)


def comment_key(part: str, key: str | None = None) -> str:
    """The key of a comment in `write_yaml(comments=...)`.

    `part` is a document field ("title", "issuer", "adopted", "language", "numbering",
    "enacting", "closing"), or a node: `preamble/<paragraph id>`, `operative/<clause or
    sub-clause id>`, `operative/<clause id>/verb`, `sources/<source id>`.
    """
    return part if key is None else f"{part}/{key}"


def write_yaml(
    doc: Document,
    comments: Mapping[str, str] | None = None,
    header: str | None = None,
    default_id: str | None = None,
) -> str:
    """The YAML source of `doc`; `loads(write_yaml(doc), default_id=...)` gives `doc` back.

    `comments` maps a `comment_key` to a comment for that place: at the end of a short
    value's line, else on a line of its own above it. `header` is a text put first, as
    comment lines. The id is left out when it is `default_id` (the loader takes the file's
    name). Raises ValueError for a model no source can give (inline content that Markdown
    cannot write, a citation of a source id in no form the loader reads).
    """
    return _Writer(doc, dict(comments or {})).write(header, default_id)


def inline_markdown(nodes: tuple[Inline, ...], sources: Mapping[str, Source]) -> str:
    """Inline content as the Markdown the loader parses back into the same nodes.

    Emphasis is `*...*`, strong `**...**`, a citation of a defined source `[anchor][id]`
    and a direct link `[anchor](address)`. Of the text, the characters Markdown would
    read as markup are escaped, and only those, so that the text stays easy to read.
    Raises ValueError when Markdown cannot say it (emphasis opening on a space, say).
    """
    text = _serialize(nodes, sources)
    if parse_inline(text, _cite_href) != _expected(nodes, sources):
        raise ValueError(
            f"this inline content cannot be written as Markdown that reads back the same: {text!r}"
        )
    return text


# --- inline Markdown -------------------------------------------------------------------------


def _escape(text: str, before: str) -> str:
    """`text` as Markdown text; `before` is the Markdown written just before it."""
    out: list[str] = []
    for i, ch in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else ""
        previous = out[-1][-1] if out else before[-1:]
        if ch in _MARKUP:
            out.append("\\" + ch)
        elif ch == "\\" and (not following or following in _PUNCTUATION or following == "\n"):
            out.append("\\\\")  # a backslash escapes what follows it (or breaks the line)
        elif ch == "(" and previous == "]":
            # `](` would make the loader read an address there (see source._SPACED_ADDRESS).
            out.append("\\(")
        else:
            out.append(ch)
    return "".join(out)


def _destination(url: str) -> str:
    """A link's address as Markdown gives it back exactly: `<...>` when it holds a space or parenthesis."""
    escaped = re.sub(r"([\\&<>])", r"\\\1", url)
    if not url or re.search(r"[\s()]", url):
        return f"<{escaped}>"
    return escaped


def _serialize(
    nodes: tuple[Inline, ...], sources: Mapping[str, Source], inside: frozenset[type] = frozenset()
) -> str:
    out = ""
    for n in nodes:
        if isinstance(n, Text):
            out += _escape(n.text, out)
        elif isinstance(n, Emphasis | Strong):
            # Emphasis within emphasis takes the other mark: `*a _b_ c*` (`*a *b* c*` would not nest).
            mark = (
                ("_" if Emphasis in inside else "*")
                if isinstance(n, Emphasis)
                else ("__" if Strong in inside else "**")
            )
            out += f"{mark}{_serialize(n.children, sources, inside | {type(n)})}{mark}"
        else:
            anchor = _serialize(n.children, sources, inside)
            source = sources.get(n.source_id)
            if source is not None and source.direct:
                out += f"[{anchor}]({_destination(source.url or '')})"
            else:
                out += f"[{anchor}][{n.source_id}]"
    return out


def _cite_href(href: str, title: str, anchor: tuple[Inline, ...]) -> Inline:
    """A citation told by its address alone, to compare what Markdown gives back with what was meant."""
    return Citation(anchor, href, 0, _NOWHERE)


_NOWHERE = Origin("<yaml_writer>", 1, 1)


def _expected(nodes: tuple[Inline, ...], sources: Mapping[str, Source]) -> tuple[Inline, ...]:
    """Nodes as `_cite_href` would see them: each citation by the address the loader resolves."""
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n)
        elif isinstance(n, Emphasis):
            out.append(Emphasis(_expected(n.children, sources)))
        elif isinstance(n, Strong):
            out.append(Strong(_expected(n.children, sources)))
        else:
            source = sources.get(n.source_id)
            if source is not None and source.direct:
                href = source.url or ""
            else:
                # The loader takes the first source whose id matches the label as Markdown
                # compares labels (case and spaces aside): it must be this one.
                label = normalizeReference(n.source_id)
                first = next((k for k in sources if normalizeReference(k) == label), n.source_id)
                if first != n.source_id:
                    raise ValueError(f"source ids '{first}' and '{n.source_id}' differ only in case")
                href = SOURCE_SCHEME + n.source_id
            out.append(Citation(_expected(n.children, sources), href, 0, _NOWHERE))
    return tuple(out)


# --- scalars ------------------------------------------------------------------------------------


def _folds(text: str, room: int) -> list[int]:
    """Where to fold `text` into lines of at most `room` characters: at single spaces only,
    so that YAML's folding (a line break between two lines is one space) gives it back."""
    points: list[int] = []
    start, last = 0, -1
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " ":
            if i - start > room and last > start:
                points.append(last)
                start = last + 1
            last = i
    if len(text) - start > room and last > start:
        points.append(last)
    return points


def _scalar(text: str, column: int, key: str = "") -> Any:
    """`text` as a scalar ruamel.yaml writes so that YAML reads back exactly `text`.

    `column` is where its key starts (or the value, in a list). Short texts are plain
    (ruamel quotes them when YAML needs it); long ones fold at spaces (`>-`, the lines
    indented under the key); texts with line breaks are literal blocks (`|-`) when they
    can be. Anything else ruamel writes quoted, escaping what it must.
    """
    if (
        "\n" in text
        and text == text.strip()
        and not re.search(r"[ \t]\n|\n[ \t]", text)
        and not _UNBLOCKABLE.search(text)
    ):
        return LiteralScalarString(text)
    one_line = column + (len(key) + 2 if key else 0) + len(text) <= WIDTH
    if one_line or text != text.strip() or _NOT_FOLDABLE.search(text):
        return text
    room = WIDTH - column - (2 if key else 0)
    points = _folds(text, room)
    if not points and len(text) > room:
        return text  # one long word: no line would be shorter
    folded = FoldedScalarString(text)
    folded.fold_pos = points  # ruamel breaks the block's lines there
    return folded


def _number(value: str) -> Any:
    """A clause number or label: an integer for YAML when it reads as the same digits (`number: 7`)."""
    if value.isascii() and value.isdigit() and str(int(value)) == value:
        return int(value)
    return value


def _date(value: Any) -> Any:
    """A CSL date as YAML writes a date or a year, unquoted, when it reads as the same text."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return _number(value) if isinstance(value, str) else value


# --- the document ------------------------------------------------------------------------------


class _Writer:
    def __init__(self, doc: Document, comments: dict[str, str]) -> None:
        self.doc = doc
        self.comments = comments
        self.used: set[str] = set()
        self.headings: list[str] = []  # ids of the headings written so far, as the loader counts them

    def comment(self, key: str) -> str | None:
        if key in self.comments:
            self.used.add(key)
            return self.comments[key]
        return None

    def inline(self, nodes: tuple[Inline, ...], indent: int, key: str = "") -> Any:
        return _scalar(inline_markdown(nodes, self.doc.sources), indent, key)

    def put(
        self, m: CommentedMap, key: str, value: Any, indent: int, comment: str | None, blank: bool = False
    ) -> None:
        """`key: value` in `m`, its comment at the end of the line when it fits, else above."""
        m[key] = value
        one_line = isinstance(value, int | _dt.date) or (
            isinstance(value, str) and not isinstance(value, FoldedScalarString | LiteralScalarString)
        )
        length = indent + len(key) + 2 + len(str(value)) + 2
        if comment and one_line and length + len(comment) + 2 <= WIDTH:
            m.yaml_add_eol_comment(comment, key, column=length)
            comment = None
        before = "\n".join(_wrap(comment, indent)) if comment else None
        if blank or before:
            text = ("\n" if blank else "") + (before or "")
            m.yaml_set_comment_before_after_key(key, before=text, indent=indent)

    def write(self, header: str | None, default_id: str | None) -> str:
        doc = self.doc
        root = CommentedMap()
        if doc.id != default_id:
            self.put(root, "id", doc.id, 0, None)
        title: Any = _scalar(doc.title, 0, "title")
        if doc.title_content:  # inline text, which calls a note: `{text: ...}`
            title = CommentedMap()
            title["text"] = self.inline(doc.title_content, 2, "text")
        self.put(root, "title", title, 0, self.comment("title"))
        if doc.short_title != doc.title:
            self.put(
                root,
                "short_title",
                _scalar(doc.short_title, 0, "short_title"),
                0,
                self.comment("short_title"),
            )
        if doc.issuer:
            self.put(root, "issuer", _scalar(doc.issuer, 0, "issuer"), 0, self.comment("issuer"))
        if doc.adopted is not None:
            self.put(root, "adopted", doc.adopted, 0, self.comment("adopted"))
        self.put(root, "language", doc.language, 0, self.comment("language"))
        if doc.form != "association":
            self.put(root, "form", doc.form, 0, self.comment("form"))
        if doc.metadata:
            meta = CommentedMap()
            for key, value in doc.metadata.items():
                written: Any = _scalar(value, 2, key)
                if key in doc.metadata_content:  # inline text, which may call a note: `{text: ...}`
                    written = CommentedMap()
                    written["text"] = self.inline(doc.metadata_content[key], 4, "text")
                self.put(meta, key, written, 2, self.comment(comment_key("metadata", key)))
            self.put(root, "metadata", meta, 0, self.comment("metadata"))
        if doc.numbering != FORMS[doc.form].numbering:
            self.put(root, "numbering", doc.numbering, 0, self.comment("numbering"))
        if doc.conventions != Conventions():
            self.put(root, "conventions", self.conventions(doc.conventions), 0, None, blank=True)
        if doc.formula:
            self.put(
                root, "formula", self.inline(doc.formula, 0, "formula"), 0, self.comment("formula"), True
            )
        if doc.preamble:
            self.put(
                root,
                "preamble",
                self.preamble(doc.preamble, "preamble"),
                0,
                self.comment("preamble"),
                blank=True,
            )
        if doc.enacting:
            self.put(
                root, "enacting", self.inline(doc.enacting, 0, "enacting"), 0, self.comment("enacting"), True
            )
        operative = self.clauses(doc.operative, "clause", 2)
        self.put(root, "operative", operative, 0, self.comment("operative"), blank=True)
        if doc.closing:
            self.put(
                root, "closing", self.inline(doc.closing, 0, "closing"), 0, self.comment("closing"), True
            )
        if doc.annexes:
            annexes = CommentedSeq()
            for i, annex in enumerate(doc.annexes, 1):
                m = CommentedMap()
                if annex.id != f"annex-{i}":
                    m["id"] = annex.id
                if annex.label:
                    m["label"] = _scalar(annex.label, 4, "label")
                if annex.title:
                    m["title"] = self.inline(annex.title, 4, "title")
                if annex.preamble or (annex.end_headings and not annex.paragraphs):
                    m["preamble"] = self.preamble(annex.preamble, f"{annex.id}-preamble", 6, annex.id)
                if annex.paragraphs:
                    m["paragraphs"] = self.clauses(annex.paragraphs, annex.id, 6)
                if (
                    annex.end_headings
                ):  # over no paragraph: they end its last list, where the loader finds them
                    last = m["paragraphs"] if annex.paragraphs else m["preamble"]
                    last.extend(self.heading(h, annex.id, 6) for h in annex.end_headings)
                annexes.append(m)
                self.before_item(annexes, i - 1, comment_key("annexes", annex.id), 2)
            self.put(root, "annexes", annexes, 0, self.comment("annexes"), blank=True)
        written = {k: s for k, s in doc.sources.items() if not s.direct}
        if written:
            sources = CommentedMap()
            for sid, source in written.items():
                self.put(sources, sid, self.source(source), 2, self.comment(comment_key("sources", sid)))
            self.put(root, "sources", sources, 0, self.comment("sources"), blank=True)
        unused = sorted(set(self.comments) - self.used)
        if unused:
            raise ValueError(f"comments for places the document does not have: {', '.join(unused)}")

        yaml = YAML()
        # The writer folds long texts itself (`_scalar`); ruamel is not to break other lines.
        yaml.width = 1_000_000
        yaml.indent(mapping=2, sequence=4, offset=2)
        out = io.StringIO()
        yaml.dump(root, out)
        head = "".join(f"# {line}".rstrip() + "\n" for line in _wrap(header, 0)) + "\n" if header else ""
        return head + out.getvalue()

    def before_item(self, seq: CommentedSeq, index: int, key: str, indent: int) -> None:
        comment = self.comment(key)
        if comment:
            seq.yaml_set_comment_before_after_key(
                index, before="\n".join(_wrap(comment, indent)), indent=indent
            )

    def conventions(self, c: Conventions) -> CommentedMap:
        m = CommentedMap()
        for key in ("preamble_openings", "preamble_endings", "operative_verbs"):
            words = getattr(c, key)
            if words is not None:
                m[key] = CommentedSeq(words)
        for key in ("operative_ending", "final_ending"):
            value = getattr(c, key)
            if value is not None:
                m[key] = value
        return m

    def preamble(
        self,
        paragraphs: tuple[Paragraph, ...],
        prefix: str,
        indent: int = 2,
        heading_prefix: str = "preamble",
    ) -> CommentedSeq:
        """Preamble paragraphs as the loader reads them: each paragraph's headings as items before it."""
        seq = CommentedSeq()
        for p in paragraphs:
            seq.extend(self.heading(h, heading_prefix, indent) for h in p.headings)
            seq.append(self.paragraph(p, prefix, indent + 2))
            self.before_item(seq, len(seq) - 1, comment_key("preamble", p.id), indent)
        return seq

    def clauses(self, clauses: tuple[Clause, ...], prefix: str, indent: int) -> CommentedSeq:
        """Clauses as the loader reads them: each clause's headings as items before it."""
        seq = CommentedSeq()
        for index, c in enumerate(clauses, 1):
            seq.extend(self.heading(h, prefix, indent) for h in c.headings)
            seq.append(self.clause(c, prefix, index, indent + 2))
            self.before_item(seq, len(seq) - 1, comment_key("operative", c.id), indent)
        return seq

    def heading(self, h: Heading, prefix: str, indent: int) -> CommentedMap:
        """A heading as an item of its list; its id written when it is not the one the loader counts."""
        m = CommentedMap()
        if h.label:
            m["label"] = _scalar(h.label, indent + 2, "label")
        m["heading"] = self.inline(h.content, indent + 2, "heading") if h.content else None
        if h.id != heading_id(prefix, len(self.headings) + 1):
            m["id"] = h.id
        self.headings.append(h.id)
        return m

    def paragraph(self, p: Paragraph, prefix: str = "preamble", indent: int = 4) -> Any:
        if p.label is None and p.id == f"{prefix}-{p.index}":
            return self.inline(p.content, indent)
        m = CommentedMap()
        if p.id != f"{prefix}-{p.index}":
            m["id"] = p.id
        if p.label is not None:
            m["label"] = _number(p.label)
        m["text"] = self.inline(p.content, 4, "text")
        return m

    def clause(self, c: Clause, prefix: str = "clause", index: int = 0, indent: int = 4) -> CommentedMap:
        m = CommentedMap()
        if c.number_explicit:
            m["number"] = _number(c.number) if c.number else "none"  # "none": unnumbered among numbered
        if c.id != clause_id(prefix, c.number, index):
            m["id"] = c.id
        if c.verb:
            self.put(
                m,
                "verb",
                _scalar(c.verb, 4, "verb"),
                4,
                self.comment(comment_key("operative", f"{c.id}/verb")),
            )
        if c.paragraphs:
            m["text"] = CommentedSeq(self.inline(p, 8) for p in (c.content, *c.paragraphs))
        elif c.content or not c.subclauses:  # an article that is its list alone has no text
            m["text"] = self.inline(c.content, 4, "text")
        if c.subclauses:
            m["subclauses"] = self.subclauses(c.subclauses, c.id, 1, 8)
        return m

    def subclauses(self, subs: tuple[SubClause, ...], parent: str, depth: int, indent: int) -> CommentedSeq:
        seq = CommentedSeq()
        derived: list[str] = []
        for i, s in enumerate(subs, 1):
            # The id the loader gives: from the label, or from the position when a sibling has it.
            sid = f"{parent}-{s.label}"
            if sid in derived:
                sid = f"{parent}-{subclause_label(i, depth)}"
            derived.append(s.id)
            if not s.label_explicit and s.id == sid and not s.subclauses:
                seq.append(self.inline(s.content, indent))
            else:
                m = CommentedMap()
                if s.label_explicit:
                    m["label"] = _number(s.label)
                if s.id != sid:
                    m["id"] = s.id
                m["text"] = self.inline(s.content, indent, "text")
                if s.subclauses:
                    m["subclauses"] = self.subclauses(s.subclauses, s.id, depth + 1, indent + 4)
                seq.append(m)
            self.before_item(seq, i - 1, comment_key("operative", s.id), indent - 2)
        return seq

    def source(self, s: Source) -> CommentedMap | None:
        fields = {
            "title": s.title, "author": s.author, "publisher": s.publisher, "issued": s.issued,
            "accessed": s.accessed, "URL": s.url, "status": s.status, "note": s.note,
        }  # fmt: skip
        m = CommentedMap((k, _scalar(v, 4, k)) for k, v in fields.items() if v is not None)
        for key in ("issued", "accessed"):
            if key in m:
                m[key] = _date(m[key])
        return m or None  # `id:` alone: a source nothing is known of


def _wrap(text: str, indent: int) -> list[str]:
    """A comment's lines (ruamel puts the `# `), wrapped to the width; only printable
    characters, which YAML requires even in a comment."""
    printable = "".join(c if c.isprintable() or c == "\n" else " " for c in text)
    lines: list[str] = []
    for paragraph in printable.split("\n"):
        wrapped = textwrap.wrap(paragraph, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
        lines += wrapped or [""]
    return lines
