"""Inline text: emphasis and links kept as Markdown, footnote calls and addresses turned into citations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..source import skip_bracketed
from .located import Located
from .pages import URL, Note, trim_url
from .patterns import ADDRESS_BASE, BARE_BASE, SENTINELS
from .repair import Repair

_PLACEHOLDERS = {"", "#", "TODO", "TBD", "XXX", "FIXME", "URL", "LINK"}
_STOPWORDS = {
    "the", "a", "an", "of", "and", "in", "on", "to", "by", "for", "with", "from", "its", "at", "as", "or",
    "le", "la", "les", "de", "des", "du", "et", "l", "d", "en", "au", "aux", "https", "http", "www",
}  # fmt: skip
_LAST_WORD = re.compile(r"(\w[\w'’-]*\w|\w)(\W*)\Z")
_FIRST_WORD = re.compile(r"(\W*?)(\w[\w'’-]*\w|\w)")
_SENTINEL = re.compile(f"([{SENTINELS}])")


def _markdown() -> MarkdownIt:
    """The inline Markdown the loader reads (emphasis, links, escapes), so both read a text alike."""
    md = MarkdownIt("zero").enable(["emphasis", "link", "escape", "newline"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return md


@dataclass
class Node:
    """Inline content: "text", "em", "strong", "link" (from the input) or "cite" (in the output)."""

    kind: str
    text: str = ""
    children: list[Node] = field(default_factory=list)
    href: str = ""
    title: str = ""  # a link's title, `[anchor](url "title")`
    source: str = ""


def _tree(tokens: list[Token]) -> list[Node]:
    root: list[Node] = []
    stack = [root]
    for tok in tokens:
        if tok.type in ("em_open", "strong_open", "link_open"):
            attrs = tok.attrs
            node = Node(
                tok.type.removesuffix("_open"),
                href=str(attrs.get("href", "")),
                title=str(attrs.get("title", "")),
            )
            stack[-1].append(node)
            stack.append(node.children)
        elif tok.type in ("em_close", "strong_close", "link_close"):
            stack.pop()
        else:
            _add_text(stack[-1], tok.content if tok.type not in ("softbreak", "hardbreak") else " ")
    return root


def _add_text(out: list[Node], text: str) -> None:
    if not text:
        return
    if out and out[-1].kind == "text":
        out[-1].text += text
    else:
        out.append(Node("text", text))


def plain(nodes: list[Node]) -> str:
    return "".join(n.text if n.kind == "text" else plain(n.children) for n in nodes)


def _links(nodes: list[Node]) -> list[Node]:
    found = []
    for n in nodes:
        if n.kind == "link":
            found.append(n)
        found += _links(n.children)
    return found


def escape(text: str) -> str:
    """Text that Markdown shows as it is."""
    return re.sub(r"([\\*_\[\]`])", r"\\\1", text)


def serialize(nodes: list[Node]) -> str:
    out = []
    for n in nodes:
        if n.kind == "text":
            out.append(escape(n.text))
        elif n.kind == "em":
            out.append(f"*{serialize(n.children)}*")
        elif n.kind == "strong":
            out.append(f"**{serialize(n.children)}**")
        else:
            out.append(f"[{serialize(n.children)}][{n.source}]")
    return "".join(out)


def slug(text: str) -> str:
    """A short kebab-case id from an anchor's words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    kept = [w for w in words if w not in _STOPWORDS] or words
    result = ""
    for word in kept[:3]:
        if len(result) + len(word) > 32:
            break
        result = f"{result}-{word}" if result else word
    result = result or "source"
    return result if result[0].isalpha() else f"ref-{result}"


def _link_spans(text: str) -> list[tuple[int, int]]:
    """Where the Markdown links `[anchor](target)` and `[anchor][id]` stand, in order."""
    spans = []
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[":
            close = _skip(text, i, "[", "]")
            if close < len(text) and text[close] in "([":
                end = _skip(text, close, text[close], ")" if text[close] == "(" else "]")
                spans.append((i, end))
                i = end
                continue
        i += 1
    return spans


def _skip(text: str, i: int, opening: str, closing: str) -> int:
    return skip_bracketed(text, i, len(text), opening, closing)


_BRACKETED = re.compile(r"[ \t]*\[(https?://[^\]\s]+)\]")


class Citer:
    """Turns located paragraphs into inline Markdown, collecting the sources their citations name."""

    def __init__(self, notes: list[Note], repairs: list[Repair], md: bool) -> None:
        self.md = _markdown()
        # In plain text a backslash is a character, not a Markdown escape.
        self.literal_backslashes = not md
        self.repairs = repairs
        self.notes = {n.sentinel: n for n in notes}
        self.sources: dict[str, dict[str, str]] = {}
        self.comments: dict[str, str] = {}
        self.by_url: dict[str, str] = {}
        self._addresses: dict[str, tuple[str, int, int]] = {}
        self._links: list[tuple[int, int]] = []

    # --- sources ---

    def _new_id(self, anchor: str) -> str:
        base = slug(anchor)
        sid, n = base, 1
        while sid in self.sources:
            n += 1
            sid = f"{base}-{n}"
        return sid

    def _url_source(self, url: str, anchor: str) -> str:
        if url not in self.by_url:
            sid = self._new_id(anchor)
            self.sources[sid] = {"URL": url}
            self.by_url[url] = sid
        return self.by_url[url]

    def _note_source(self, note: Note, anchor: str) -> str:
        sid = self._new_id(anchor)
        self.sources[sid] = {"note": note.text, **({"URL": note.url} if note.url else {})}
        self.comments[sid] = f"footnote {note.number}"
        note.cited = True
        return sid

    def _link_source(self, node: Node, position: tuple[int, int]) -> str:
        anchor = _SENTINEL.sub("", plain(node.children))
        href = node.href.strip()
        if href.upper() in _PLACEHOLDERS:
            sid = self._new_id(anchor)
            self.sources[sid] = {"status": "missing"}
            self.repairs.append(
                Repair(
                    *position, "missing-link-target",
                    f"the link '{_short(anchor)}' has no target ('{node.href}'): its source is marked missing",
                )
            )  # fmt: skip
        else:
            sid = self._url_source(href, anchor)
        if node.title.strip():
            fields = self.sources[sid]
            fields["title"] = f"{fields['title']} {node.title}" if "title" in fields else node.title
        return sid

    def uncited_notes(self) -> None:
        """Notes whose call found no word to cite: kept as sources that nothing cites."""
        for note in self.notes.values():
            if not note.cited:
                sid = self._note_source(note, f"note {note.number}")
                self.comments[sid] = (
                    f"footnote {note.number}: {'no call found' if not note.called else 'its call cites nothing'}; {UNCITED}"
                )
                self.repairs.append(
                    Repair(
                        note.line, note.column, "unplaced-text",
                        f"footnote {note.number} is cited by no word of the text; kept as source '{sid}'",
                    )
                )  # fmt: skip

    # --- text ---

    def plain(self, text: Located) -> str:
        """Text without markup, where no citation may stand (the title).

        Emphasis marks go; a link keeps its anchor and loses its target (reported); a
        footnote call leaves its note uncited.
        """
        source = re.sub(r"[ \t\n]+", " ", text.text).strip()
        if self.literal_backslashes:
            source = source.replace("\\", "\\\\")
        nodes = _tree(self.md.parseInline(source, {})[0].children or [])
        spans = iter(_link_spans(text.text))
        for link in _links(nodes):
            start = next(spans, (0, 0))[0]
            if link.href.strip().upper() not in _PLACEHOLDERS:
                self.repairs.append(
                    Repair(
                        *text.where(start), "title-link",
                        f"the title cannot cite: its link to '{link.href}' was left out (the anchor stays)",
                    )
                )  # fmt: skip
        return _SENTINEL.sub("", plain(nodes)).strip()

    def convert(self, text: Located) -> str:
        """The paragraph as inline Markdown with `[anchor][source-id]` citations."""
        source = text.text
        spans = _link_spans(source)
        self._links = [text.where(a) for a, _ in spans]
        self._addresses = {}
        edits: list[tuple[int, int, str]] = []

        def free(a: int, b: int) -> bool:
            return not any(s < b and a < e for s, e in spans) and not any(
                s < b and a < e for s, e, _ in edits
            )

        for m in _BRACKETED.finditer(source):
            if free(m.start(), m.end()):
                key = chr(ADDRESS_BASE + len(self._addresses))
                self._addresses[key] = (m.group(1), *text.where(m.start(1)))
                edits.append((m.start(), m.end(), key))
        for m in URL.finditer(source):
            url = trim_url(m.group(0))
            if url and free(m.start(), m.start() + len(url)):
                key = chr(BARE_BASE + len(self._addresses))
                self._addresses[key] = (url, *text.where(m.start()))
                edits.append((m.start(), m.start() + len(url), key))
        for a, b, key in sorted(edits, reverse=True):
            source = source[:a] + key + source[b:]
        source = re.sub(r"[ \t\n]+", " ", source).strip()
        if self.literal_backslashes:
            source = source.replace("\\", "\\\\")
        tokens = self.md.parseInline(source, {})[0].children or []
        self._link_index = 0
        return re.sub(r" {2,}", " ", serialize(self._expand(_tree(tokens), None))).strip()

    def _expand(self, nodes: list[Node], link_source: str | None) -> list[Node]:
        out: list[Node] = []
        waiting: list[str] = []  # calls with no word before them: they cite the word after
        for node in nodes:
            if node.kind == "text":
                for part in _SENTINEL.split(node.text):
                    if len(part) == 1 and _SENTINEL.match(part):
                        if not self._call(part, out, link_source):
                            waiting.append(part)
                    elif part:
                        while waiting and (m := _FIRST_WORD.match(part)):
                            _add_text(out, m.group(1))
                            out.append(Node("cite", children=[Node("text", m.group(2))]))
                            out[-1].source = self._source_for_call(waiting.pop(0), m.group(2))
                            part = part[m.end() :]
                        _add_text(out, part)
            elif node.kind == "link":
                position = self._links[self._link_index] if self._link_index < len(self._links) else (0, 0)
                self._link_index += 1
                sid = self._link_source(node, position)
                out.append(Node("cite", children=self._expand(node.children, sid), source=sid))
            else:
                out.append(Node(node.kind, children=self._expand(node.children, link_source)))
        for key in waiting:
            if key in self.notes:
                self.notes[key].called = True  # left for uncited_notes()
            else:
                url = self._addresses[key][0]
                out.append(Node("cite", children=[Node("text", url)], source=self._url_source(url, url)))
        return out

    def _source_for_call(self, key: str, anchor: str) -> str:
        if key in self.notes:
            return self._note_source(self.notes[key], anchor)
        return self._url_source(self._addresses[key][0], anchor)

    def _call(self, key: str, out: list[Node], link_source: str | None) -> bool:
        """Cite the word before a call (a footnote, `[https://...]`) or the address itself; False if no word."""
        code = ord(key)
        if code >= BARE_BASE:
            url = self._addresses[key][0]
            out.append(Node("cite", children=[Node("text", url)], source=self._url_source(url, url)))
            return True
        note = self.notes.get(key) if code < ADDRESS_BASE else None
        if code < ADDRESS_BASE and note is None:
            return True  # not ours (a private-use character of the input): dropped
        if link_source is not None or (out and out[-1].kind == "cite"):
            # A call right after a link, or inside its anchor: the note tells about that link's source.
            sid = link_source or out[-1].source
            if note is not None:
                fields = self.sources[sid]
                fields["note"] = f"{fields['note']} {note.text}" if "note" in fields else note.text
                if note.url and "URL" not in fields and fields.get("status") != "missing":
                    fields["URL"] = note.url
                note.cited = True
                self.comments[sid] = f"footnote {note.number}"
                self.repairs.append(
                    Repair(
                        note.line,
                        note.column,
                        "footnote",
                        f"footnote {note.number} follows a link: its text is that link's note",
                    )
                )
                return True
            return False
        if not out:
            return False
        last = out[-1]
        if last.kind == "text":
            m = _LAST_WORD.search(last.text)
            if not m:
                return False
            out.pop()
            _add_text(out, last.text[: m.start(1)])
            cite = Node("cite", children=[Node("text", m.group(1))])
            out.append(cite)
            trailing = m.group(2)
        elif last.kind in ("em", "strong"):
            cite = Node("cite", children=[last])
            out[-1] = cite
            trailing = ""
        else:
            return False
        anchor = plain(cite.children)
        cite.source = self._source_for_call(key, anchor)
        if trailing:
            out.append(Node("text", trailing))
        return True


UNCITED = "clausepress import: unplaced text kept here"


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
