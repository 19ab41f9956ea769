"""Reading a received web page (HTML or XHTML) into the Markdown the importer reads (see received.py).

The page is parsed by lxml's HTML parser with the network off: nothing it names is ever
fetched, no entity expanded; scripts, styles, templates, frames and forms are never read.
The main content is the page's `<main>` (or `role="main"`), else its largest `<article>`,
else the densest block: the element whose paragraphs hold the most words that are no link's.
(A rule of its own rather than readability-lxml or trafilatura, which were not tried here: they
are made to keep an article's prose, an import must keep a page's notes and title block too; the
rule is small, on lxml alone, and tested on the pages of four writers.)
Inside it, navigation, site headers and footers, asides and search forms are left out, each
with a repair. The page's `<h1>` and the `<header>` that holds it (the document's title
block, as clausepress's own page prints it) are kept even outside the main content.

A footnote is what a call (`<a href="#x">` whose text is a number) points to: pandoc's
`<li id="fn1">`, LibreOffice's `<div id="sdfootnote1">`, clausepress's inline
`<span class="footnote">`. Calls become `[^n]`, the notes `[^n]: ...` at the end, less
their back-links. Links keep their addresses; a `javascript:` (or `vbscript:`, `data:`)
address is left out, its words kept, with a repair. `<em>`/`<i>` are italic, `<strong>`/`<b>`
bold; each paragraph, list item and heading is a paragraph, an ordered list's items
numbered as printed. Repairs stand at the line of the Markdown written and name the
page's own line.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Origin, SourceError
from ..source import MAX_CHARACTERS
from .markdown_out import Run, Writer, missing_notes, notes_of_links, paragraph_lines
from .patterns import find_date
from .received import Converted

__all__ = ["read"]

_NEVER_READ = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
               "svg", "math", "canvas", "video", "audio", "head", "button", "select", "textarea", "input")  # fmt: skip
_FURNITURE_TAGS = ("nav", "header", "footer", "aside", "form", "menu")
_FURNITURE_ROLES = ("navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary")
_BLOCKS = frozenset("p div section article main header footer li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote "
                    "pre table thead tbody tfoot tr td th caption figure figcaption address hr center body".split())  # fmt: skip
_ITALIC = frozenset(("em", "i", "cite", "var", "dfn"))
_BOLD = frozenset(("strong", "b"))
_CALL_TEXT = re.compile(r"[\[(]?(\d{1,4}|[*†‡§])[\])]?\Z")
_SCRIPT_ADDRESS = re.compile(r"\s*(javascript|vbscript|data)\s*:", re.I)
_LABEL = re.compile(r"\(?(\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]\s")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
_BACK = re.compile(r"back|return|rev", re.I)


def _parse(data: bytes, name: str) -> Any:
    from lxml import etree, html

    # A page that declares no encoding is read as UTF-8 when it is valid UTF-8 (as browsers guess
    # today), not as libxml2's Latin-1: a dash must not come back as "â€“".
    declared = re.search(
        rb"charset\s*=|<\?xml[^>]*encoding|^\xef\xbb\xbf|^\xff\xfe|^\xfe\xff", data[:2048], re.I
    )
    encoding = None
    if declared is None:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = None
    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, encoding=encoding
    )
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"the web page cannot be read: {exc}", Origin(name, 1, 1)) from None
    if root is None:
        raise SourceError("the web page is empty", Origin(name, 1, 1))
    return root


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _is_furniture(el: Any) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    return (
        tag in _FURNITURE_TAGS
        or (el.get("role") or "").lower() in _FURNITURE_ROLES
        or el.get("hidden") is not None
        or (el.get("aria-hidden") or "").lower() == "true"
    )


def _text_len(el: Any) -> int:
    return len(" ".join(el.text_content().split()))


def _main(body: Any) -> Any:
    """The page's main content: `<main>`, else the largest `<article>`, else the densest block."""
    for path in ("//main", "//*[@role='main']"):
        found = [el for el in body.xpath(path) if _text_len(el) > 0]
        if found:
            return max(found, key=_text_len)
    articles = body.xpath("//article")
    if articles:
        return max(articles, key=_text_len)
    scores: dict[Any, float] = {}
    for p in body.iter("p", "li", "h1", "h2", "h3", "dd", "td", "blockquote", "pre"):
        if any(_is_furniture(a) for a in p.iterancestors()):
            continue
        own = _text_len(p) - sum(_text_len(a) for a in p.iter("a"))
        parent = p.getparent()
        for weight, el in ((1.0, parent), (0.5, parent.getparent() if parent is not None else None)):
            if el is not None:
                scores[el] = scores.get(el, 0.0) + weight * max(own, 0)
    return max(scores, key=lambda el: scores[el]) if scores else body


class _Reader:
    """One page's walk: its notes found first, then its blocks written as paragraphs."""

    def __init__(self, root: Any, name: str) -> None:
        self.root = root
        self.name = name
        self.writer = Writer()
        self.ids: dict[str, Any] = {}
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for key in ("id", "name") if el.tag == "a" else ("id",):
                if el.get(key):
                    self.ids.setdefault(el.get(key), el)
        self.calls: dict[Any, str] = {}  # call element -> label
        self.notes: dict[str, Any] = {}  # label -> note element
        self.note_elements: set[Any] = set()
        self.paragraphs: list[list[Run]] = []
        self.lines: list[int] = []
        self.characters = 0

    def find_notes(self) -> None:
        for a in self.root.iter("a"):
            href = (a.get("href") or "").strip()
            if not href.startswith("#") or len(href) < 2:
                continue
            label = " ".join(a.text_content().split())
            m = _CALL_TEXT.match(label)
            target = self.ids.get(href[1:])
            if m is None or target is None or target in self.calls:
                continue  # not a call, or the back-link of one (LibreOffice's note number links back)
            note = target
            if note.tag == "a" or note.tag in ("sup", "span") and "footnote" not in " ".join(_classes(note)):
                note = next(
                    (
                        x
                        for x in note.iterancestors()
                        if x.tag in ("li", "div", "aside", "section", "dd", "p")
                    ),
                    None,
                )
            if (
                note is None
                or note.tag in ("body", "main", "html")
                or any(x is note for x in a.iterancestors())
            ):
                continue
            label = m.group(1)
            if label in self.notes and self.notes[label] is not note:
                label = f"{label}-{len(self.notes) + 1}"
            self.calls[a] = label
            self.notes[label] = note
            self.note_elements.add(note)

    # -- the walk -------------------------------------------------------------------------

    def block(self, el: Any, runs: list[Run], italic: bool = False, bold: bool = False, uri: str | None = None,
              note: Any = None) -> None:  # fmt: skip
        """The runs of `el`'s content appended to `runs`; a block inside it parts a paragraph."""
        if el.text:
            self.words(el.text, runs, italic, bold, uri)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child, runs, italic, bold, uri, note)
            if child.tail:
                self.words(child.tail, runs, italic, bold, uri)

    def element(self, el: Any, runs: list[Run], italic: bool, bold: bool, uri: str | None, note: Any) -> None:
        tag = el.tag
        if tag in _NEVER_READ:
            return
        if el in self.note_elements and el is not note:
            return  # written at the end, as a note
        if note is not None and self._note_furniture(el, note):
            return
        if el in self.calls and note is None:
            runs.append(Run(call=self.calls[el]))
            return
        if _is_furniture(el) and note is None and not self._title_block(el):
            text = " ".join(el.text_content().split())
            if text:
                self.writer.repair(
                    "furniture",
                    f"left out the page's <{tag}> at its line {el.sourceline} (navigation, a site's header or footer): '{_short(text)}'",
                    text,
                )
            return
        if (
            tag == "pre"
            and note is None
            and not any(isinstance(x.tag, str) and x.tag == "a" for x in el.iter())
        ):
            # A text set as it was typed (GPO's bills as congress.gov shows them): its blank lines part
            # its paragraphs, its line ends stay, for the text import to join as a copy's.
            self.flush(runs)
            for chunk in re.split(r"\n[ \t]*\n", el.text_content()):
                lines: list[Run] = []
                for k, line in enumerate(chunk.split("\n")):
                    if k:
                        lines.append(Run("\n"))
                    self.words(line, lines, italic, bold, uri)
                self.flush(lines)
            return
        if tag in _BLOCKS and note is not None:
            runs.append(Run(" "))  # a note's paragraphs are one note
            self.block(el, runs, italic or tag in _ITALIC, bold or tag in _BOLD, uri, note)
            runs.append(Run(" "))
            return
        if tag in _BLOCKS:
            self.flush(runs)
            inner: list[Run] = []
            if tag == "li":
                inner += self._label(el)
            if tag in ("h1",) and note is None:
                inner.append(Run("\0h1"))
            label = len(inner)
            self.block(el, inner, italic or tag in _ITALIC, bold or tag in _BOLD, uri, note)
            if any(r.call is not None or r.text.strip() for r in inner[label:]):
                self.flush(inner)  # an item with nothing but its number is no paragraph
            inner.clear()
            return
        if tag == "br":
            runs.append(Run("\n"))
            return
        if tag == "a" and el.get("href") is not None:
            href = el.get("href").strip()
            if _SCRIPT_ADDRESS.match(href):
                self.writer.repair(
                    "link",
                    f"left out the script address of the link '{_short(el.text_content())}' (page line {el.sourceline}): its words are kept",
                    href,
                )
                href = ""
            if href.startswith("#"):
                href = ""
            if "missing" in _classes(el) or (not href and self._anchors_missing(el)):
                uri = "#"
            elif href:
                uri = href
        elif tag == "span" and self._anchors_missing(el):
            uri = "#"
        self.block(el, runs, italic or tag in _ITALIC, bold or tag in _BOLD, uri, note)

    def _anchors_missing(self, el: Any) -> bool:
        """An element right before a call whose note says the link's target is not given."""
        nxt = el.getnext()
        if nxt is None or nxt not in self.calls or (el.tail or "").strip():
            return False
        note = self.notes.get(self.calls[nxt])
        return note is not None and _note_words(note) in missing_notes()

    def _note_furniture(self, el: Any, note: Any) -> bool:
        """A note's own number or back-link: not its words."""
        if el.tag == "a":
            href = el.get("href") or ""
            text = el.text_content().strip()
            return href.startswith("#") and (
                bool(_BACK.search(" ".join(_classes(el))))
                or text in ("↩", "↩︎", "^", "↑")
                or bool(_CALL_TEXT.match(text))
            )
        return "fn-number" in _classes(el) or "footnote-number" in _classes(el)

    def _title_block(self, el: Any) -> bool:
        return el.tag == "header" and el.find(".//h1") is not None

    def _label(self, li: Any) -> list[Run]:
        parent = li.getparent()
        if parent is None or parent.tag != "ol":
            return [Run("- ")] if parent is not None and parent.tag == "ul" else []
        if _LABEL.match(" ".join(li.text_content().split()) + " "):
            return []  # the item prints its own number
        items = [x for x in parent if isinstance(x.tag, str) and x.tag == "li"]
        try:
            start = int(parent.get("start") or 1)
        except ValueError:
            start = 1
        number = start + items.index(li)
        if li.get("value", "").isdigit():
            number = int(li.get("value"))
        kind = parent.get("type") or ""
        if kind in ("a", "A") and 1 <= number <= 26:
            return [Run(f"({chr(ord(kind) + number - 1)}) ")]
        return [Run(f"{number}. ")]

    def words(self, text: str, runs: list[Run], italic: bool, bold: bool, uri: str | None) -> None:
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise SourceError(
                f"the web page holds more than {MAX_CHARACTERS:,} characters of text", Origin(self.name, 1, 1)
            )
        for piece in re.split(r"(\s+)", text):
            if piece:
                runs.append(Run(" " if piece.isspace() else piece, italic, bold, uri))

    def flush(self, runs: list[Run]) -> None:
        if any(r.call is not None or r.text.strip() for r in runs):
            self.paragraphs.append(list(runs))
        runs.clear()


def _note_words(note: Any) -> str:
    """A note's words, less its own number and back-links."""
    text = note.text_content()
    for el in note.iter("a", "span"):
        t = el.text_content()
        if (el.tag == "a" and (el.get("href") or "").startswith("#")) or {
            "fn-number",
            "footnote-number",
        } & _classes(el):
            text = text.replace(t, " ", 1)
    return " ".join(text.split())


def _outside(el: Any, main: Any, heads: list[Any], writer: Writer) -> None:
    """Each part of the page around its main content (a menu, a site's header or footer) reported as
    left out, with its words."""
    if el is main:
        return
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _NEVER_READ:
            continue
        inside = child is main or any(x is child for x in main.iterancestors())
        held = [h for h in heads if h is child or any(x is child for x in h.iterancestors())]
        if inside or held:
            if child not in heads:
                _outside(child, main, [h for h in heads if h is not child], writer)
            continue
        text = " ".join(child.text_content().split())
        if text:
            writer.repair(
                "furniture",
                f"left out the page's <{child.tag}> at its line {child.sourceline}, outside its main content: '{_short(text)}'",
                text,
            )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _meta(root: Any) -> dict[str, str]:
    fields: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and " ".join(title.text_content().split()):
        fields["title"] = " ".join(title.text_content().split())
    for el in root.iter("meta"):
        if (el.get("name") or "").lower() in ("author", "dc.creator", "dcterms.creator") and (
            el.get("content") or ""
        ).strip():
            fields.setdefault("issuer", " ".join(el.get("content").split()))
    return fields


def read(data: bytes, name: str, fmt: str) -> Converted:
    """The web page's main content read as Markdown, with its links and footnotes."""
    root = _parse(data, name)
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    language = lang if lang and _LANGUAGE.match(lang) else None
    body = root.find("body")
    if body is None:
        body = root
    reader = _Reader(root, name)
    reader.find_notes()
    main = _main(body)
    # The document's title and its title block, when the main content leaves them out.
    heads: list[Any] = []
    if main.find(".//h1") is None:
        h1 = next(
            (
                h
                for h in body.iter("h1")
                if not any(_is_furniture(a) and not reader._title_block(a) for a in h.iterancestors())
            ),
            None,
        )
        if h1 is not None:
            header = next((a for a in h1.iterancestors() if reader._title_block(a)), None)
            heads.append(header if header is not None else h1)
    _outside(body, main, heads, reader.writer)
    runs: list[Run] = []
    for head in heads:
        reader.block(head, runs)
        reader.flush(runs)
    title_block = len(reader.paragraphs)  # the paragraphs of the title block outside the main content
    reader.element(main, runs, False, False, None, None) if main is not body else reader.block(main, runs)
    reader.flush(runs)
    if not reader.paragraphs:
        raise SourceError("the web page holds no text in its main content", Origin(name, 1, 1))
    writer = reader.writer
    texts: dict[str, tuple[str, int]] = {}
    for label, note in reader.notes.items():
        inner: list[Run] = []
        reader.block(note, inner, note=note)
        texts[label] = (" ".join(paragraph_lines(inner).split()), note.sourceline or 1)
    fields = _meta(root)
    paragraphs = reader.paragraphs
    taken: list[tuple[str, str]] = []
    guessed: set[str] = set()
    if title_block:
        # The title block the page sets apart (a <header> holding its <h1>): its heading is the
        # title, a line above it the issuer (unless the page names its author), a date alone the date.
        block, paragraphs = paragraphs[:title_block], paragraphs[title_block:]
        heading = next((i for i, para in enumerate(block) if para and para[0].text == "\0h1"), len(block))
        kept_back: list[list[Run]] = []
        for i, para in enumerate(block):
            said = " ".join("".join(r.text for r in para if r.call is None).replace("\0h1", "").split())
            if i == heading:
                fields["title"] = said
                taken.append(("title", said))
            elif i < heading and "issuer" not in fields and len(said) <= 120:
                fields["issuer"] = said
                taken.append(("issuer", said))
                guessed.add("issuer")
            elif fields.get("issuer") == said:
                taken.append(("issuer", said))
            elif i > heading and "date" not in fields and len(said) <= 40 and (day := find_date(said)):
                fields["date"] = day
                taken.append(("date", said))
            else:
                kept_back.append(para)
        paragraphs = kept_back + paragraphs
    while paragraphs and fields and not title_block:
        said = " ".join("".join(r.text for r in paragraphs[0] if r.call is None).replace("\0h1", "").split())
        key = next((k for k, v in fields.items() if v == said), None)
        if key is None and taken and len(said) <= 40 and "date" not in fields and (day := find_date(said)):
            fields["date"], key = day, "date"
        if key is None:
            break
        taken.append((key, said))
        paragraphs = paragraphs[1:]
    fields = {k: v for k, v in fields.items() if any(k == key for key, _ in taken)}  # what the page prints
    if fields:
        import yaml

        writer.lines += [
            "---",
            *yaml.safe_dump(fields, allow_unicode=True, width=10**6, sort_keys=False).splitlines(),
            "---",
        ]
        for key, printed in taken:
            writer.repair(
                "front-matter",
                f"the page's title block '{_short(printed)}' is the document's {key}"
                f"{' (the line above its title)' if key in guessed else ''}: kept in the front matter",
                printed,
                line=2,
            )
    missing = missing_notes()
    used: list[str] = []
    for para in paragraphs:
        titled = bool(para) and para[0].text == "\0h1"
        para = [r for r in para if r.text != "\0h1"]
        para = notes_of_links(para, texts, missing, writer)
        used += [r.call for r in para if r.call is not None]
        text = paragraph_lines(para)
        if not text:
            continue
        writer.paragraph(("# " + " ".join(text.split())) if titled else text)
    writer.notes(
        used,
        texts,
        lambda label, line: (
            f"footnote {label} (page line {line}) has no call in the main content; kept at the end"
        ),
    )
    return Converted("\n".join(writer.lines) + "\n", fmt, language, tuple(writer.repairs))
