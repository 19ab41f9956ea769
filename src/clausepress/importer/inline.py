"""Inline text: emphasis and links kept as Markdown, footnote calls and addresses turned into citations."""

from __future__ import annotations

import re
import unicodedata

from ..errors import Origin, SourceError
from ..model import Citation, Emphasis, Inline, Strong, Text, plain_text
from ..source import build_markdown, parse_inline, refuse_bidi_address, skip_bracketed
from .located import Located
from .pages import URL, Note, trim_url
from .patterns import ADDRESS_BASE, BARE_BASE, SENTINELS
from .repair import Repair

_PLACEHOLDERS = {"", "#", "TODO", "TBD", "XXX", "FIXME", "URL", "LINK"}
_STOPWORDS = {
    "the", "a", "an", "of", "and", "in", "on", "to", "by", "for", "with", "from", "its", "at", "as", "or",
    "le", "la", "les", "de", "des", "du", "et", "l", "d", "en", "au", "aux", "https", "http", "www",
}  # fmt: skip
# The word a call cites: a number with its decimal point too ("$25.00¹" cites "25.00").
_LAST_WORD = re.compile(r"(\w(?:[\w'’-]|(?<=\d)[.,](?=\d))*\w|\w)(\W*)\Z")
_FIRST_WORD = re.compile(r"(\W*?)(\w[\w'’-]*\w|\w)")
_SENTINEL = re.compile(f"([{SENTINELS}])")
# A link of the input, until its source is known, cites this id and the link's index.
_PENDING = "\0link:"


def _add_text(out: list[Inline], text: str) -> None:
    if not text:
        return
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text + text)
    else:
        out.append(Text(text))


def _links(nodes: tuple[Inline, ...]) -> list[Citation]:
    found: list[Citation] = []
    for n in nodes:
        if isinstance(n, Citation):
            found.append(n)
        if not isinstance(n, Text):
            found += _links(n.children)
    return found


def tidy(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Runs of spaces made one, the whole stripped; emphasis that Markdown can write.

    Taking out footnote calls leaves spaces: "word [1] and" becomes "word and". Spaces
    at the edges of emphasis move out of it (Markdown cannot open `*` on a space), and
    emphasis left empty goes, with no word in it.
    """
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text):
            _add_text(out, n.text)
        elif isinstance(n, Emphasis | Strong):
            kids = list(tidy(list(n.children)))
            inner = plain_text(tuple(kids))
            if not inner.strip():
                _add_text(out, inner)
                continue
            lead = inner[: len(inner) - len(inner.lstrip())]
            trail = inner[len(inner.rstrip()) :]
            if lead and isinstance(kids[0], Text):
                kids[0] = Text(kids[0].text.lstrip())
                _add_text(out, lead)
            last = kids[-1]
            moved = bool(trail) and isinstance(last, Text)
            if isinstance(last, Text) and moved:
                kids[-1] = Text(last.text.rstrip())
            out.append(type(n)(tuple(k for k in kids if not (isinstance(k, Text) and not k.text))))
            if moved:
                _add_text(out, trail)
        elif isinstance(n, Citation):
            out.append(Citation(tidy(list(n.children)), n.source_id, n.number, n.origin))
    collapsed = [Text(re.sub(r" {2,}", " ", n.text)) if isinstance(n, Text) else n for n in out]
    if collapsed and isinstance(collapsed[0], Text):
        collapsed[0] = Text(collapsed[0].text.lstrip())
    if collapsed and isinstance(collapsed[-1], Text):
        collapsed[-1] = Text(collapsed[-1].text.rstrip())
    return tuple(n for n in collapsed if not (isinstance(n, Text) and not n.text))


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


# A link to another page of the site a copy was taken from ("../ordinances/2001-Ord-70.md"): a path,
# no address; it names no source a reader could find.
_SITE_PATH = re.compile(
    r"(?:\.{1,2}/|/(?!/))\S*|[\w.-]+(?:/[\w.-]+)*\.(?:md|markdown|html?|php|aspx?)(?:#\S*)?"
)
_BRACKETED = re.compile(r"[ \t]*\[(https?://[^\]\s]+)\]")


class Citer:
    """Turns located paragraphs into inline Markdown, collecting the sources their citations name."""

    def __init__(self, notes: list[Note], repairs: list[Repair], md: bool, name: str = "<stdin>") -> None:
        self.md = build_markdown()
        self.name = name
        # In plain text a backslash is a character, not a Markdown escape.
        self.literal_backslashes = not md
        self.repairs = repairs
        self.notes = {n.sentinel: n for n in notes}
        self.sources: dict[str, dict[str, str]] = {}
        self.comments: dict[str, str] = {}
        self.by_url: dict[str, str] = {}
        self._addresses: dict[str, tuple[str, int, int]] = {}
        self._links: list[tuple[int, int]] = []
        self._pending: list[tuple[str, str]] = []  # each link's address and title, in reading order

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
        if note.url:
            refuse_bidi_address(note.url, Origin(self.name, note.line, note.column))
        sid = self._new_id(anchor)
        self.sources[sid] = {"note": note.text, **({"URL": note.url} if note.url else {})}
        self.comments[sid] = f"footnote {note.number}"
        note.cited = True
        return sid

    def _link_source(self, href: str, title: str, anchor: str, position: tuple[int, int]) -> str:
        written = href
        refuse_bidi_address(href, Origin(self.name, *position))  # as the loader would
        anchor = _SENTINEL.sub("", anchor)
        href = href.strip()
        if href.upper() in _PLACEHOLDERS:
            sid = self._new_id(anchor)
            self.sources[sid] = {"status": "missing"}
            self.repairs.append(
                Repair(
                    *position, "missing-link-target",
                    f"the link '{_short(anchor)}' has no target ('{written}'): its source is marked missing",
                )
            )  # fmt: skip
        else:
            sid = self._url_source(href, anchor)
        if title.strip():
            fields = self.sources[sid]
            fields["title"] = f"{fields['title']} {title}" if "title" in fields else title
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

    def calls_note(self, text: Located) -> bool:
        """The text holds the call of a gathered note (a field of the title block may)."""
        return any(key in self.notes for key in _SENTINEL.findall(text.text))

    def plain(self, text: Located) -> str:
        """Text without markup, where no citation may stand (the title).

        Emphasis marks go; a link keeps its anchor and loses its target (reported); a
        footnote call leaves its note uncited.
        """
        source = re.sub(r"[ \t\n]+", " ", text.text).strip()
        if self.literal_backslashes:
            source = source.replace("\\", "\\\\")
        nodes = self._parse(source, text)
        spans = iter(_link_spans(text.text))
        for link in _links(nodes):
            start = next(spans, (0, 0))[0]
            href = self._pending[int(link.source_id.removeprefix(_PENDING))][0]
            if href.strip().upper() not in _PLACEHOLDERS:
                self.repairs.append(
                    Repair(
                        *text.where(start), "title-link",
                        f"the title cannot cite: its link to '{href}' was left out (the anchor stays)",
                    )
                )  # fmt: skip
        return _SENTINEL.sub("", plain_text(nodes)).strip()

    def _parse(self, source: str, text: Located) -> tuple[Inline, ...]:
        """`source` (the Markdown of `text`) as inline nodes; SourceError at `text` when refused
        (emphasis nested past the loader's bound)."""
        try:
            return parse_inline(source, self._stand_in, self.md, references=False)
        except SourceError as exc:
            raise SourceError(exc.message, exc.origin or Origin(self.name, *text.where(0))) from None

    def _stand_in(self, href: str, title: str, anchor: tuple[Inline, ...]) -> Inline:
        """A link of the input, citing a stand-in until `_expand` finds its source in reading order."""
        self._pending.append((href, title))
        return Citation(anchor, f"{_PENDING}{len(self._pending) - 1}", 0, Origin(self.name, 1, 1))

    def convert(self, text: Located) -> tuple[Inline, ...]:
        """The paragraph as the model's inline nodes, its links and footnote calls citations of sources."""
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
                refuse_bidi_address(m.group(1), Origin(self.name, *text.where(m.start(1))))
                edits.append((m.start(), m.end(), key))
        for m in URL.finditer(source):
            url = trim_url(m.group(0))
            if url and free(m.start(), m.start() + len(url)):
                key = chr(BARE_BASE + len(self._addresses))
                self._addresses[key] = (url, *text.where(m.start()))
                refuse_bidi_address(url, Origin(self.name, *text.where(m.start())))
                edits.append((m.start(), m.start() + len(url), key))
        for a, b, key in sorted(edits, reverse=True):
            source = source[:a] + key + source[b:]
        source = re.sub(r"[ \t\n]+", " ", source).strip()
        if self.literal_backslashes:
            source = source.replace("\\", "\\\\")
        nodes = self._parse(source, text)
        self._link_index = 0
        self._where = Origin(self.name, *text.where(0))
        return tidy(self._expand(nodes, None))

    def _cite(self, children: tuple[Inline, ...], sid: str) -> Citation:
        return Citation(children, sid, 0, self._where)  # numbered when the document is whole

    def _expand(self, nodes: tuple[Inline, ...], link_source: str | None) -> list[Inline]:
        out: list[Inline] = []
        waiting: list[str] = []  # calls with no word before them: they cite the word after
        for node in nodes:
            if isinstance(node, Text):
                for part in _SENTINEL.split(node.text):
                    if len(part) == 1 and _SENTINEL.match(part):
                        if not self._call(part, out, link_source):
                            waiting.append(part)
                    elif part:
                        while waiting and (m := _FIRST_WORD.match(part)):
                            _add_text(out, m.group(1))
                            sid = self._source_for_call(waiting.pop(0), m.group(2))
                            out.append(self._cite((Text(m.group(2)),), sid))
                            part = part[m.end() :]
                        _add_text(out, part)
            elif isinstance(node, Citation):  # a link of the input
                position = self._links[self._link_index] if self._link_index < len(self._links) else (0, 0)
                self._link_index += 1
                href, title = self._pending[int(node.source_id.removeprefix(_PENDING))]
                if _SITE_PATH.fullmatch(href.strip()):
                    self.repairs.append(
                        Repair(
                            *position, "site-link",
                            f"the link '{_short(plain_text(node.children))}' goes to '{href.strip()}', a page of "
                            "the site the copy comes from, no source: its anchor is kept as text",
                        )
                    )  # fmt: skip
                    out += self._expand(node.children, link_source)
                    continue
                sid = self._link_source(href, title, plain_text(node.children), position)
                out.append(self._cite(tuple(self._expand(node.children, sid)), sid))
            else:
                out.append(type(node)(tuple(self._expand(node.children, link_source))))
        for key in waiting:
            if key in self.notes:
                self.notes[key].called = True  # left for uncited_notes()
            else:
                url = self._addresses[key][0]
                out.append(self._cite((Text(url),), self._url_source(url, url)))
        return out

    def _source_for_call(self, key: str, anchor: str) -> str:
        if key in self.notes:
            return self._note_source(self.notes[key], anchor)
        return self._url_source(self._addresses[key][0], anchor)

    def _call(self, key: str, out: list[Inline], link_source: str | None) -> bool:
        """Cite the word before a call (a footnote, `[https://...]`) or the address itself; False if no word."""
        code = ord(key)
        if code >= BARE_BASE:
            url = self._addresses[key][0]
            out.append(self._cite((Text(url),), self._url_source(url, url)))
            return True
        note = self.notes.get(key) if code < ADDRESS_BASE else None
        if code < ADDRESS_BASE and note is None:
            return True  # a stand-in no note owns: never the input's (refused if it holds any)
        last_cite = out[-1] if out and isinstance(out[-1], Citation) else None
        if link_source is not None or last_cite is not None:
            # A call right after a link, or inside its anchor: the note tells about that link's source.
            sid = link_source or (last_cite.source_id if last_cite is not None else "")
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
        if isinstance(last, Text):
            m = _LAST_WORD.search(last.text)
            if not m:
                return False
            out.pop()
            _add_text(out, last.text[: m.start(1)])
            children: tuple[Inline, ...] = (Text(m.group(1)),)
            trailing = m.group(2)
        elif isinstance(last, Emphasis | Strong):
            out.pop()
            children, trailing = (last,), ""
        else:
            return False
        out.append(self._cite(children, self._source_for_call(key, plain_text(children))))
        if trailing:
            out.append(Text(trailing))
        return True


UNCITED = "clausepress import: unplaced text kept here"


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
