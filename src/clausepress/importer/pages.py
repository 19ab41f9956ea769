"""Lines of the input, less what the pages added: running headers, page numbers and footnotes."""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import yaml

from .located import Located
from .patterns import (
    HEADING,
    MONTH_NAMES,
    NOTE_BASE,
    OPENING,
    is_adoption_line,
    is_resolved_line,
    is_structural,
)
from .repair import Repair

# Line breaks YAML knows and Python's splitlines would split on are spaces inside a line.
_ODD_SPACE = str.maketrans({c: " " for c in "\t\f\v\x85\u2028\u2029\x1c\x1d\x1e\x1f"})
_EDGE_SPACE = " \u00a0\u202f\u3000"  # the ideographic space too: a line of it alone is blank


@dataclass(frozen=True)
class Line:
    """One input line without its surrounding white space."""

    no: int
    text: Located
    raw: str  # the line as received, for repairs that report exactly what they took out
    indent: int
    page_break: bool = False  # a page break (form feed, removed header or page number) stands before it
    opens: bool = False  # a paragraph opens here (the first line of a text whose lines are numbered)
    note: bool = False  # an editor's note ends here (a Kramdown alert, `{:.alert}`, under it)

    @property
    def blank(self) -> bool:
        return not self.text.text


def read_lines(text: str) -> list[Line]:
    """The input's lines, numbered from 1; columns count characters of each line."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for no, raw in enumerate(text.split("\n"), 1):
        clean = Located.at(raw.translate(_ODD_SPACE), no, 1)
        stripped = clean.strip(_EDGE_SPACE)
        indent = stripped.where(0)[1] - 1 if stripped.text else 0
        lines.append(Line(no, stripped, raw, indent, page_break="\f" in raw))
    return lines


# A character of Chinese or Japanese text, or its punctuation (full-width forms, 。、「」).
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACED = re.compile(f"(?<=[{_CJK},;:!?]) (?=[{_CJK}])|(?<=[{_CJK}]) (?=[,;:!?])")
_UNSPACED = re.compile(f"[{_CJK}](?=[{_CJK}])")


def unspace_cjk(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """A Chinese or Japanese text whose copy set a space after every character (a print of
    GB2312 text, "鉴 于 对 人 类"), with those spaces taken out: the script puts none between its
    words, and a page would show them as gaps. Only where most pairs of characters are so
    spaced (at least 20): a space a writer set between two words of such a text stays."""
    spaced = sum(len(_SPACED.findall(line.text.text)) for line in lines)
    unspaced = sum(len(_UNSPACED.findall(line.text.text)) for line in lines)
    if spaced < 20 or spaced <= unspaced:
        return lines
    out = []
    first: tuple[int, int] | None = None
    for line in lines:
        cuts = [m.start() for m in _SPACED.finditer(line.text.text)]
        if not cuts:
            out.append(line)
            continue
        first = first or line.text.where(cuts[0])
        text, at = None, 0
        for cut in cuts:
            piece = line.text[at:cut]
            text = piece if text is None else text + piece
            at = cut + 1
        rest = line.text[at:]
        out.append(dataclasses.replace(line, text=rest if text is None else text + rest))
    if first is not None:
        repairs.append(
            Repair(*first, "cjk-spacing", f"took out the {spaced:,} spaces the copy set between the characters "
                   "of its Chinese or Japanese text (the script sets none between words)")
        )  # fmt: skip
    return out


def front_matter(lines: list[Line], repairs: list[Repair]) -> tuple[dict[str, str], list[Line]]:
    """A leading `---` block of `key: value` lines (Markdown front matter): the document's metadata.

    A key with no value (`status:`) says nothing: it is left out, and a repair says so.
    """
    if not lines or lines[0].text.text != "---":
        return {}, lines
    for end in range(1, min(len(lines), 30)):
        if lines[end].text.text in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(line.raw for line in lines[1:end]))
            except yaml.YAMLError:
                return {}, lines
            if not isinstance(data, dict):
                return {}, lines
            # A date (`adopted: 2024-05-09`) reads back as its ISO text; a list or a mapping, as
            # flow YAML on one line (its words kept in the metadata); a null, as "".
            meta = {
                str(k).lower(): (
                    str(v)
                    if isinstance(v, str | int | float | date)
                    else ""
                    if v is None
                    else yaml.safe_dump(v, default_flow_style=True, allow_unicode=True, width=10**6).strip()
                )
                for k, v in data.items()
            }
            for key in [k for k, v in meta.items() if not v.strip()]:
                del meta[key]
                for line in lines[1:end]:
                    if re.match(rf"{re.escape(key)}\s*:\s*(?:~|null)?\s*\Z", line.raw, re.IGNORECASE):
                        repairs.append(
                            Repair(line.no, 1, "front-matter", f"left out '{key}': it has no value", line.raw)
                        )
            return meta, lines[end + 1 :]
    return {}, lines


# --- line numbers and markup ---------------------------------------------------------------

_LINE_NUMBER = re.compile(r"(\d{1,4})(?:[ \t\u00a0]+|\Z)")


def remove_line_numbers(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """Take out the numbers a PDF prints at the start of its lines ("2 its Second Session", "4" alone).

    They are the longest run of line-start numbers counting up by one, ten at the least, on most
    lines from its first to its last (the rest are page headers). A line of a number alone was a
    blank line. When the run starts at 2, the line before it is the text's first line (its number
    lost): a paragraph opens there, what stands above is the title block.
    """
    run: list[tuple[int, int]] = []
    best: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        m = _LINE_NUMBER.match(line.text.text)
        if m is None:
            continue
        n = int(m.group(1))
        if run and n == run[-1][1] + 1:
            run.append((i, n))
        elif len(run) < 3:  # a number in the text, once a run is under way, is no line number
            run = [(i, n)]
        if len(run) > len(best):
            best = run
    if len(best) < 10:
        return lines
    first, last = best[0][0], best[-1][0]
    content = sum(not line.blank for line in lines[first : last + 1])
    if len(best) < 0.8 * content:
        return lines
    out = list(lines)
    for i, n in best:
        line = lines[i]
        m = _LINE_NUMBER.match(line.text.text)
        assert m is not None
        no, column = line.text.where(0)
        removed = m.group(0) if m.end() < len(line.text.text) else m.group(1)
        repairs.append(Repair(no, column, "line-number", f"removed the line number '{n}'", removed=removed))
        text = line.text[m.end() :]
        out[i] = replace(line, text=text, indent=text.where(0)[1] - 1 if text.text else 0)
    if best[0][1] == 2 and first > 0 and not lines[first - 1].blank:
        out[first - 1] = replace(out[first - 1], opens=True)
    return out


def removal(text: Located, kind: str, message: str) -> list[Repair]:
    """The repairs that take `text` out: one for each run of it that stands together in the input
    (a line whose HTML tags were taken out stands in pieces), the first with the message."""
    starts = [offset for offset, _, _ in text.marks] + [len(text.text)]
    pieces = [(a, b) for a, b in zip(starts, starts[1:], strict=False) if b > a]
    out = []
    for k, (a, b) in enumerate(pieces):
        no, column = text.where(a)
        out.append(
            Repair(no, column, kind, message if k == 0 else f"{message} (continued)", removed=text.text[a:b])
        )
    return out


# Inline HTML a transcription carries ("<span class=...>72</span>", "<br>"): the tags go, their text stays.
_HTML_TAG = re.compile(r"</?(?:span|br|div|font|p)\b[^<>]*>", re.IGNORECASE)
# A Kramdown attribute list alone on its line, under the paragraph it dresses ("{:.alert .alert-primary}").
_KRAMDOWN_IAL = re.compile(r"\{:[^{}]*\}")


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _glues(text: str, start: int, end: int) -> bool:
    """Taking out text[start:end] would run the words on its two sides together (other tags aside)."""
    left = _HTML_TAG.sub("", text[:start])[-1:]
    right = _HTML_TAG.sub("", text[end:])[:1]
    return bool(left.strip()) and bool(right.strip()) and right not in ",.;:!?)"


# A wiki's debris in a page converted to Markdown: its table of contents ("[[toc]]"), the anchor a
# heading or a paragraph carries ("{#the_text}"), and the backslash a converter set before a quote
# ("Council\'s"), which Markdown reads as the quote alone.
_WIKI_TOC = re.compile(r"[ \t]*\[\[_*toc_*\]\][ \t]*", re.IGNORECASE)
_WIKI_ANCHOR = re.compile(r"[ \t]*\{#[^{}\s]+\}")
_ESCAPED_QUOTE = re.compile(r"\\(?=['\"])")
# The title pandoc gives every link it converts from a wiki ("[News](http://... "wikilink")"): no author's.
_WIKI_TITLE = re.compile(r"[ \t]+\"wikilink\"(?=\))")
# A link to another page of the wiki, by its name and no address: "](ToineMandersEn "wikilink")".
_WIKI_TARGET = re.compile(r"\]\((?P<page>[^\W\d_][\w-]*)(?:[ \t]+\"[^\"\n]*\")?\)")


def _wiki_debris(text: Located, repairs: list[Repair]) -> Located:
    """`text` less a wiki's table of contents, anchors and escaped quotes, each reported."""
    cuts: list[tuple[int, int, str]] = []
    for m in _WIKI_TOC.finditer(text.text):
        cuts.append((m.start(), m.end(), "removed the wiki's table of contents '[[toc]]'"))
    for m in _WIKI_ANCHOR.finditer(text.text):
        cuts.append((m.start(), m.end(), f"removed the wiki's anchor '{m.group(0).strip()}'"))
    for m in _WIKI_TITLE.finditer(text.text):
        cuts.append((m.start(), m.end(), "removed the converter's link title 'wikilink'"))
    for m in _ESCAPED_QUOTE.finditer(text.text):
        cuts.append((m.start(), m.end(), f"removed the backslash before a quote ('\\{text.text[m.end()]}')"))
    for start, end, message in sorted(cuts, reverse=True):
        no, column = text.where(start)
        repairs.append(Repair(no, column, "markup", message, removed=text.text[start:end]))
        text = text[:start] + text[end:]
    return text


def _wiki_links(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """A link to a page of the wiki the copy comes from ("[Manders](ToineMandersEn "wikilink")"), with
    no address a reader could follow: its brackets and page name go, its anchor stays as text. The
    anchor may start on an earlier line."""
    out = list(lines)
    for i in range(len(lines)):
        for m in reversed(list(_WIKI_TARGET.finditer(out[i].text.text))):
            opening = _opening_bracket(out, i, m.start())
            if opening is None:
                continue
            j, at = opening
            text = out[i].text
            no, column = text.where(m.start())
            page = m.group("page")
            repairs.append(
                Repair(
                    no, column, "wiki-link",
                    f"the link to the wiki's page '{page}' has no address: its anchor is kept as text",
                    removed=m.group(0),
                )
            )  # fmt: skip
            out[i] = replace(out[i], text=text[: m.start()] + text[m.end() :])
            before = out[j].text
            no, column = before.where(at)
            repairs.append(
                Repair(no, column, "wiki-link", f"removed the bracket of the link to '{page}'", "[")
            )
            out[j] = replace(out[j], text=before[:at] + before[at + 1 :])
    return out


def _opening_bracket(lines: list[Line], i: int, close: int) -> tuple[int, int] | None:
    """(line index, offset) of the unescaped "[" that the "]" at lines[i] offset `close` closes."""
    depth = 0
    for j in range(i, max(i - 6, -1), -1):
        text = lines[j].text.text
        if lines[j].blank and j != i:
            return None
        stop = close if j == i else len(text)
        for k in range(stop - 1, -1, -1):
            if k > 0 and text[k - 1] == "\\":
                continue
            if text[k] == "]":
                depth += 1
            elif text[k] == "[":
                if depth == 0:
                    return j, k
                depth -= 1
    return None


_HTML_PARAGRAPH = re.compile(r"\s*<(?:p|li)(?:\s[^<>]*)?>", re.IGNORECASE)


def remove_markup(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """Markdown's HTML tags and Kramdown attribute lists taken out of the lines, each reported; and a
    wiki's debris (see `_wiki_debris`, `_wiki_links`).

    A paragraph dressed as an alert (`{:.alert ...}`) is an editor's note, not the text's:
    its last line is marked so.
    """
    out: list[Line] = []
    for line in _wiki_links(lines, repairs):
        text = line.text
        if _KRAMDOWN_IAL.fullmatch(text.text):
            no, column = text.where(0)
            repairs.append(
                Repair(no, column, "markup", f"removed the attribute list '{text.text}'", removed=text.text)
            )
            if ".alert" in text.text and out and not out[-1].blank:
                out[-1] = replace(out[-1], note=True)
            out.append(replace(line, text=text[:0]))
            continue
        # A line that opens with an HTML paragraph's tag (" <p>WHEREAS, ..."): a paragraph opens there.
        opens = bool(_HTML_PARAGRAPH.match(text.text))
        for m in reversed(list(_HTML_TAG.finditer(text.text))):
            no, column = text.where(m.start())
            tag = m.group(0)
            if _BREAK.fullmatch(tag) and _glues(text.text, m.start(), m.end()):
                continue  # "Decision**<br>(FEE": without it, two words would run together
            short = tag if len(tag) <= 30 else tag[:29] + "…"
            repairs.append(Repair(no, column, "markup", f"removed the HTML tag '{short}'", removed=tag))
            text = text[: m.start()] + text[m.end() :]
        text = _wiki_debris(text, repairs)
        if text is not line.text:
            text = text.strip(_EDGE_SPACE)
            line = replace(line, text=text, indent=text.where(0)[1] - 1 if text.text else line.indent)
        out.append(replace(line, opens=True) if opens else line)
    return _stray_emphasis(out, repairs)


# Emphasis marks a converter left with nothing to set off: a line of them alone (" _", "__"), and one
# that opens a paragraph none of whose lines closes it ("_[1] That is ...": a block of notes set in
# italics, its closing mark alone on a line after the last).
_LONE_EMPHASIS = re.compile(r"_{1,2}|\*{1,2}")
_OPENING_EMPHASIS = re.compile(r"_(?=[^\s_])")
_CLOSING_EMPHASIS = re.compile(r"(?<=[^\s_])_(?![^\W_])")


def _stray_emphasis(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """The lines less the emphasis marks that set off nothing (`_LONE_EMPHASIS`, `_OPENING_EMPHASIS`
    with no close in its paragraph), each reported."""
    out = list(lines)
    for i, line in enumerate(lines):
        text = line.text
        if _LONE_EMPHASIS.fullmatch(text.text):
            no, column = text.where(0)
            repairs.append(
                Repair(
                    no,
                    column,
                    "markup",
                    f"removed the emphasis mark '{text.text}' alone on its line",
                    text.text,
                )
            )
            out[i] = replace(line, text=text[:0])
            continue
        if not _OPENING_EMPHASIS.match(text.text) or (i > 0 and not lines[i - 1].blank):
            continue
        paragraph = [text.text[1:]]
        for after in lines[i + 1 :]:
            if after.blank:
                break
            paragraph.append(after.text.text)
        if not any(_CLOSING_EMPHASIS.search(t) for t in paragraph):
            no, column = text.where(0)
            repairs.append(
                Repair(
                    no,
                    column,
                    "markup",
                    "removed the emphasis mark '_' that opens a paragraph and is never closed",
                    "_",
                )
            )
            rest = text[1:]
            out[i] = replace(line, text=rest, indent=rest.where(0)[1] - 1)
    return out


# Line breaks a copy lost inside a line of Markdown: a run of spaces where a line ended ("... punishment.
#    Article 4 – ..."), and a clause's end glued to the next paragraph's first word ("...Ireland,Convinced
# that ...;Reaffirming ..."). Not in a table's row, nor after a list's or a quote's marker.
_LOST_BREAK = re.compile(
    r"(?<=[^\s|>*+#-])[ \t]{3,}(?=\S)|(?<=[^\W\d_A-Z)][;,])(?=[^\W\d_a-z][^\W\d_A-Z]+\b)"
)


def split_lost_breaks(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """Each line of Markdown that holds lost line breaks (`_LOST_BREAK`) split there into lines of
    their own, a blank line between (a paragraph ends at each); reported once a line."""
    out: list[Line] = []
    for line in lines:
        text = line.text.text
        if line.blank or text.startswith("|"):
            out.append(line)
            continue
        cuts = [m.span() for m in _LOST_BREAK.finditer(text) if not text[: m.start()].rstrip().endswith("-")]
        if not cuts:
            out.append(line)
            continue
        no, column = line.text.where(cuts[0][0])
        repairs.append(
            Repair(
                no, column, "lost-break",
                f"split the line into {len(cuts) + 1} paragraphs where a copy had run them together",
            )
        )  # fmt: skip
        start = 0
        for a, b in [*cuts, (len(text), len(text))]:
            piece = line.text[start:a].strip(_EDGE_SPACE)
            if piece.text:
                if out and start:
                    out.append(replace(line, text=piece[:0], page_break=False))
                out.append(replace(line, text=piece, indent=0, page_break=line.page_break and not start))
            start = b
    return out


# --- page furniture -------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?"
    r"|(?:page|p\.|pg\.?|seite|página|pagina)\s*\d{1,3}(?:\s*(?:of|/|sur|de|von|di)\s*\d{1,3})?"
    r"|\d{1,3}\s*(?:/|of|sur)\s*\d{1,3}",
    re.IGNORECASE,
)
_EDGE_NUMBER = re.compile(r"^\d{1,3}\s+(?:[-–—|·]\s+)?(?=\D)|(?<=\S)\s+(?:[-–—|·]\s+)?\d{1,3}$")


def _header_candidate(text: str, md: bool) -> bool:
    """Short enough, and shaped like no part of a resolution, to be a running header or footer."""
    return (
        3 <= len(text) <= 80
        and len(text.split()) <= 12
        and any(c.isalpha() for c in text)
        and not text[0].islower()
        and not text.endswith((";", ",", ":", "."))  # a running head ends no sentence
        and not text.startswith("[^")
        and not is_structural(text, md)
    )


def remove_furniture(
    lines: list[Line],
    repairs: list[Repair],
    md: bool,
    furniture: re.Pattern[str] | None = None,
    heading: re.Pattern[str] | None = None,
) -> list[Line]:
    """Take out running headers and footers and page numbers; mark the page breaks they stood at.

    `furniture`: the lines the document's form knows as page furniture (a UN page's number and
    job number, a running head with the document's symbol), taken out wherever they stand, but
    for the line after a `heading` (an annex's title may be the document's).
    """
    content = [i for i, line in enumerate(lines) if not line.blank]
    if not content:
        return lines
    title = content[0]  # the first line is the title even when a running header repeats it
    groups: dict[str, list[int]] = {}
    for i in content:
        text = lines[i].text.text
        if _header_candidate(text, md):
            groups.setdefault(_EDGE_NUMBER.sub("#", text), []).append(i)
    headers: set[int] = set()
    for members in groups.values():
        if (
            len(members) < 2
            or _ends_a_phrase_again(lines, members)
            or (md and _under_headings(lines, members))
        ):
            continue
        if len({lines[i].text.text for i in members}) > 1:
            # A header carrying the page number: the numbers must run forward, and it must
            # stand apart from the text somewhere (a wrapped line of text would not).
            numbers = [_edge_number(lines[i].text.text) for i in members]
            apart = any(_next_to_blank(lines, i) for i in members)
            if numbers != sorted(set(numbers)) or not apart:
                continue
        headers.update(i for i in members if i != title)

    out: list[Line] = []
    page_break = False
    before = ""  # the last line of text before this one
    for i, line in enumerate(lines):
        text = line.text.text
        kind = ""
        after, before = before, text or before
        if text and _yaml_key(lines, i):
            kind = "yaml-key"
        elif i != title and text:
            titled = heading is not None and heading.fullmatch(after) is not None
            if i in headers or (furniture is not None and furniture.fullmatch(text) and not titled):
                kind = "running-header"
            elif _PAGE_NUMBER.fullmatch(text):
                kind = "page-number"
        if kind:
            no, column = line.text.where(0)
            what = {"running-header": "running header or footer", "page-number": "page number"}.get(
                kind, "YAML key over the indented text"
            )
            repairs += removal(line.text, kind, f"removed the {what} '{text}'")
            page_break = True
            continue
        if page_break and not line.blank:
            line = replace(line, page_break=True)
            page_break = False
        out.append(line)
    return out


def _ends_a_phrase_again(lines: list[Line], members: list[int]) -> bool:
    """The repeated line each time goes on from a line that ends with the same word, in no sentence's
    end ("मानव अधिकारों की सार्वभौम" / "घोषणा", then "मानव अधिकारों को सार्वभौम" / "घोषणा": a title
    printed over the foreword and again over the text): the last line of a phrase printed twice, no
    running head, which stands after whatever line ends a page."""
    ends: set[str] = set()
    for i in members:
        words = lines[i - 1].text.text.split() if i > 0 else []
        if not words or unicodedata.category(words[-1][-1])[0] not in "LM":  # a letter, or its vowel sign
            return False
        ends.add(words[-1])
    return len(ends) == 1


_YAML_BLOCK_KEY = re.compile(r"[A-Za-z][\w-]*:[ \t]*[|>][-+]?")


def _yaml_key(lines: list[Line], i: int) -> bool:
    """`body-zh-cn: |-` over indented lines: a page's YAML that holds the text as a block, no part of it."""
    line = lines[i]
    if line.indent or not _YAML_BLOCK_KEY.fullmatch(line.text.text):
        return False
    after = next((x for x in lines[i + 1 :] if not x.blank), None)
    return after is not None and after.indent > 0


def _edge_number(text: str) -> int:
    m = _EDGE_NUMBER.search(text)
    return int(re.search(r"\d+", m.group(0)).group(0)) if m else -1  # type: ignore[union-attr]


def _under_headings(lines: list[Line], members: list[int]) -> bool:
    """Each of the lines stands right under a Markdown heading: each heading's answer (a form's
    "**Answer:** ☑ Yes ☐ No" under each question), no running header."""
    for i in members:
        before = next((line for line in reversed(lines[:i]) if not line.blank), None)
        if before is None or HEADING.match(before.text.text) is None:
            return False
    return True


def _next_to_blank(lines: list[Line], i: int) -> bool:
    return i == 0 or i == len(lines) - 1 or lines[i - 1].blank or lines[i + 1].blank


# --- footnotes ------------------------------------------------------------------------------


@dataclass
class Note:
    """A footnote gathered from the end of the text, and the call that cites it."""

    number: int
    text: str
    line: int
    column: int
    sentinel: str
    url: str | None = None
    called: bool = False  # a call was found in the text
    cited: bool = False  # the call became a citation


_ENTRY = re.compile(r"(\[\^?(\d{1,3})\]:?|\^?(\d{1,3})[.)]?)\s+(?=\S)")
_RULE = re.compile(r"(?:_{3,}|-{3,}|—{2,}|\*{3,}|={3,}|(?:[-_*]\s){2,}[-_*])")
_NOTES_HEADING = re.compile(
    r"(?:#{1,6}\s*)?(?:notes|footnotes|endnotes|notes de bas de page|références|references|sources)\s*:?",
    re.IGNORECASE,
)
URL = re.compile(r"https?://[^\s<>\[\]\"'«»]+")


def trim_url(url: str) -> str:
    """An address found in running text, less the punctuation that closes its sentence."""
    while url and url[-1] in ".,;:!?'\"’”»":
        url = url[:-1]
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


@dataclass(frozen=True)
class _Entry:
    number: int
    label: Located
    lines: list[Line]


def _parse_entries(lines: list[Line], start: int, stop: int | None = None) -> list[_Entry] | None:
    """The footnotes from `start` to `stop` (the end): numbered in sequence, each maybe over several lines."""
    first = _ENTRY.match(lines[start].text.text)
    if first is None:
        return None
    entries: list[_Entry] = []
    for line in lines[start:stop]:
        if line.blank:
            continue
        m = _ENTRY.match(line.text.text)
        number = int(m.group(2) or m.group(3)) if m else None
        if m and number is not None and (not entries or number == entries[-1].number + 1):
            body = line.text[m.end() :]
            entries.append(_Entry(number, line.text[: len(m.group(1))], [replace(line, text=body)]))
        elif entries:
            entries[-1].lines.append(line)
    return entries


# A note at a page's foot with no rule above it: its number, no period, then its text ("1 A/80/83.").
_BARE_ENTRY = re.compile(r"(\d{1,3})\s+(?=\S)(?!\d)")


def _page_feet(lines: list[Line]) -> list[tuple[int, int, int]] | None:
    """The footnotes at the foot of each page of a copied print: (cut, first note, end) for every
    rule followed by notes, and for every run of numbered notes that stands just before a page
    break (or the end) with no rule, each running to the page break; their numbers run on from
    page to page. None unless there are two such blocks, or one that stops before the end."""
    blocks: list[tuple[int, int, int]] = []
    content = [i for i, line in enumerate(lines) if not line.blank]
    breaks = [i for i in content if lines[i].page_break] + [len(lines)]
    expected = 1
    for k, i in enumerate(content):
        if blocks and i < blocks[-1][2]:
            continue
        if _RULE.fullmatch(lines[i].text.text) and k + 1 < len(content):
            start = content[k + 1]
            if _ENTRY.match(lines[start].text.text) is None:
                continue
            stop = next((j for j in breaks if j > start), len(lines))
            if lines[start].text.text.startswith("[^"):
                stop = len(lines)  # Markdown's notes ("[^7]: ...") are gathered at the end, page breaks aside
            stop = _notes_end(lines, start, stop)
            blocks.append((i, start, stop))
            expected = (_last_number(lines, start, stop) or expected) + 1
            continue
        m = _BARE_ENTRY.match(lines[i].text.text)
        if m is None or int(m.group(1)) != expected:
            continue
        stop = next(j for j in breaks if j > i)
        # In a text whose paragraphs blank lines part, the notes end at the first paragraph that is
        # no note ("1 United Nations, Treaty Series ..." between two recitals).
        number = expected
        for j in range(i + 1, stop):
            if lines[j].blank or not lines[j - 1].blank:
                continue
            bare = _BARE_ENTRY.match(lines[j].text.text)
            if bare is None or int(bare.group(1)) != number + 1:
                stop = j
                break
            number += 1
        if stop - i > 40 or any(
            not lines[j].blank and _RULE.fullmatch(lines[j].text.text) for j in range(i, stop)
        ):
            continue
        entries = _parse_entries(lines, i, stop) or []
        run = [j for j in range(i, stop) if not lines[j].blank]
        openers = [j for j in run if _BARE_ENTRY.match(lines[j].text.text)]
        if len(entries) == len(openers) and all(
            e.number == expected + n for n, e in enumerate(entries)
        ):  # every line of the run opens a note, in sequence (a wrapped note's lines aside)
            blocks.append((i, i, stop))
            expected += len(entries)
    if not blocks or (len(blocks) == 1 and blocks[0][2] == len(lines)):
        return None
    return blocks


def _notes_end(lines: list[Line], start: int, stop: int) -> int:
    """Where the notes from `start` end, at the latest at `stop` (the page break): at a paragraph
    after a blank line that opens no note, or at a line that opens a recital or a clause after a
    line ending a sentence (a copy that lost the page break between the notes and the text)."""
    for j in range(start + 1, stop):
        line = lines[j]
        if line.blank or _ENTRY.match(line.text.text):
            continue
        before = lines[j - 1]
        ends = before.text.text.rstrip()[-1:] in ".;:"
        if before.blank or (ends and (OPENING.match(line.text.text) or is_structural(line.text.text, False))):
            return j
    return stop


def _last_number(lines: list[Line], start: int, stop: int) -> int | None:
    entries = _parse_entries(lines, start, stop)
    return entries[-1].number if entries else None


@dataclass(frozen=True)
class _Call:
    index: int  # line index
    start: int
    end: int
    number: int
    strong: bool  # attached to its word, bracketed or raised: hardly anything else looks like it


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_CALL = re.compile(r"\[\^?(\d{1,3})\]|\^(\d{1,3})|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(?<![\d/])(\d{1,3})(?!\d)")
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+|www\.\S+|\S+@\S+")
# Words a number follows in running text ("resolution 12", "over 200", "September 2"): no call.
_NUMBER_WORDS = MONTH_NAMES | {
    "the", "a", "an", "of", "in", "on", "at", "to", "by", "for", "from", "with", "over", "under", "than",
    "about", "around", "nearly", "some", "all", "and", "or", "these", "those", "its", "their", "his", "her",
    "our", "article", "articles", "paragraph", "paragraphs", "resolution", "resolutions", "decision",
    "decisions", "section", "sections", "chapter", "clause", "clauses", "rule", "rules", "annex", "page",
    "pages", "no", "number", "item", "items", "principle", "principles", "protocol", "part", "volume",
    "vol", "session", "meeting", "recommendation", "phase", "step", "level", "grade", "table", "figure",
    "le", "la", "les", "de", "du", "des", "à", "au", "aux", "et", "ou", "en", "sur", "par", "pour",
    "paragraphe", "résolution", "décision", "séance", "alinéa", "chapitre", "annexe",
}  # fmt: skip


_GLUED_TO_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)([1-9]\d?)(?![\d%])")


def _calls(lines: list[Line], end: int) -> list[_Call]:
    """Every number in lines[:end] that could be a footnote call, in reading order."""
    calls: list[_Call] = []
    for index in range(end):
        text = lines[index].text.text
        protected = [m.span() for m in _PROTECTED.finditer(text)]
        for m in _GLUED_TO_YEAR.finditer(text):
            if not any(a <= m.start() < b for a, b in protected):
                # "2025–20286": the year 2028 and the call of note 6, run together by the copy.
                calls.append(_Call(index, m.start(2), m.end(2), int(m.group(2)), False))
        for m in _CALL.finditer(text):
            if any(a <= m.start() < b for a, b in protected):
                continue
            before, after = text[: m.start()], text[m.end() :]
            if m.group(1) or m.group(2) or m.group(3):
                digits = (m.group(1) or m.group(2) or m.group(3)).translate(_SUPERSCRIPT)
                if before.strip() or m.group(1):
                    # "1947 [1], with": a bracketed call set apart from its word goes with its space,
                    # before the punctuation or the space after it.
                    apart = (
                        bool(m.group(1)) and before.endswith(" ") and bool(re.match(r"[\s,;:.)]|\Z", after))
                    )
                    calls.append(_Call(index, m.start() - apart, m.end(), int(digits), True))
                continue
            if re.match(r"(?:and|or|the|of|to|in|which|with|for|as)\b", after) and re.search(
                r"[,;] \Z", before
            ):
                # "States Parties, 8and welcomes": a call the copy ran into the next word.
                calls.append(_Call(index, m.start(), m.end(), int(m.group(4)), False))
                continue
            if re.match(r"[^\W\d_]|[%°]|[.,:/]\d", after):
                continue  # part of a word, a measure or a number (12th, 5%, 1.5, 10:30)
            if re.match(r"[ \t]{2,}\S", after) and re.search(r"\S[ \t]\Z", before):
                # "the Lausanne Action Plan 2021–2026 3  to support": a raised call, set apart by the copy.
                calls.append(_Call(index, m.start() - 1, m.end(), int(m.group(4)), False))
                continue
            if re.search(r"\d[.,:]\Z", before) and (len(m.group(4)) == 3 or not before.endswith(",")):
                continue  # a number (100,000, 1.5, 10:30)
            if re.search(r"\d[,;)] ?\Z", before):
                # After a number and its punctuation: "resolution 79/7;1", "2 November 2098,1".
                calls.append(_Call(index, m.start(), m.end(), int(m.group(4)), False))
                continue
            # The call closes a word: "word12", "word,12", "word 12".
            if re.search(r"[^\W\d_]{2}\Z", before) or re.search(r"[^\W\d_][)”’\"»]?[.,;:!?)”’\"»]\Z", before):
                calls.append(_Call(index, m.start(), m.end(), int(m.group(4)), True))
                continue
            word = re.search(r"([^\W\d_]+)([.,;:)”’\"»]{0,2}) \Z", before)
            following = re.match(r"\s*([^\W\d_]+)", after)
            if (
                word
                and len(word.group(1)) > 1
                and (word.group(2) or word.group(1).lower() not in _NUMBER_WORDS)  # "session; 1" is a call
                and not (following and following.group(1).lower() in MONTH_NAMES)
                and not re.match(r"\s*[-–—]\s*\d", after)
            ):
                # "word 12": the space goes with the number.
                calls.append(_Call(index, m.start() - 1, m.end(), int(m.group(4)), False))
    return sorted(calls, key=lambda c: (c.index, c.start))


def _match_calls(calls: list[_Call], numbers: list[int]) -> list[_Call]:
    """The calls of `numbers`: the longest run of calls, in reading order, whose numbers rise through
    `numbers` (a note whose call was lost is skipped, not the rest); of runs as long, the one with
    the most strong calls."""
    wanted = set(numbers)
    pool = [c for c in calls if c.number in wanted]
    # best[i]: (length, strong calls, previous) of the best run ending with pool[i].
    best: list[tuple[int, int, int]] = []
    for i, call in enumerate(pool):
        top = (1, int(call.strong), -1)
        for j in range(i):
            if pool[j].number < call.number:
                length, strong, _ = best[j]
                if (length + 1, strong + call.strong) > top[:2]:
                    top = (length + 1, strong + int(call.strong), j)
        best.append(top)
    if not best:
        return []
    k = max(range(len(best)), key=lambda i: best[i][:2])
    run: list[_Call] = []
    while k != -1:
        run.append(pool[k])
        k = best[k][2]
    return run[::-1]


# A transcriber's heading over a page's notes ("### Footnotes [page 3]"); a note marked with asterisks,
# which Markdown escapes ("- \\* City Council", "\\*\\* The Citizen ..."), and its call glued to the word
# it follows ("body?\\*", "(CCI)\\*\\*").
_NOTES_TITLE = re.compile(r"#{1,6}[ \t]+(?:foot|end)?notes\b.*", re.IGNORECASE)
_SYMBOL_ENTRY = re.compile(r"(?P<label>(?:[-+][ \t]+)?(?:\\\*){1,3})[ \t]+(?=\S)")
_SYMBOL_CALL = re.compile(r"(?<=[^\s\\*])(?:\\\*){1,3}(?![\\*\w])")


def _symbol_notes(lines: list[Line]) -> tuple[list[tuple[int, int, int]], list[_Entry], list[_Call]] | None:
    """Notes marked with asterisks ("*", "**"), listed under a notes heading anywhere in a Markdown
    transcription ("### Footnotes [page 3]" among its notes on the document), each called by its mark
    glued to a word of the text before the heading: (blocks, entries, calls) as `gather_footnotes`
    takes them, the marks' asterisks their numbers; None unless every note is called."""
    for h, line in enumerate(lines):
        if not _NOTES_TITLE.fullmatch(line.text.text):
            continue
        start = next((j for j in range(h + 1, len(lines)) if not lines[j].blank), len(lines))
        entries: list[_Entry] = []
        stop = start
        for j in range(start, len(lines)):
            text = lines[j].text
            if lines[j].blank:
                continue
            m = _SYMBOL_ENTRY.match(text.text)
            if m is None and (not entries or lines[j - 1].blank or HEADING.match(text.text)):
                break  # a paragraph or a heading after the notes
            if m is None:
                entries[-1].lines.append(lines[j])  # a note's next line
            elif m.group("label").count("*") == len(entries) + 1:
                label = text[: m.end("label")]
                entries.append(_Entry(len(entries) + 1, label, [replace(lines[j], text=text[m.end() :])]))
            else:
                break
            stop = j + 1
        if not entries:
            continue
        calls = [
            _Call(index, m.start(), m.end(), m.group(0).count("*"), True)
            for index in range(h)
            for m in _SYMBOL_CALL.finditer(lines[index].text.text)
        ]
        matched = _match_calls(calls, [e.number for e in entries])
        if len(matched) == len(entries):
            return [(h, start, stop)], entries, matched
    return None


# A note marked with a letter of any script in parentheses, under the text ("(a) Adopted by resolution
# 217 A (III)", "(أ) اعتُمد بموجب قرار ..."), and its call: the same mark after a word of the text.
_LETTER_ENTRY = re.compile(r"(?P<label>\((?P<mark>[^\W\d_])\))[ \t]+(?=\S)")


def _lettered_notes(lines: list[Line]) -> tuple[list[tuple[int, int, int]], list[_Entry], list[_Call]] | None:
    """Notes marked with a letter in parentheses, one a line at the very end of the text after a blank
    line, each called once by its mark after a word before them (the title's "(أ)"): (blocks, entries,
    calls) as `gather_footnotes` takes them; None unless every note is called exactly once."""
    content = [i for i, line in enumerate(lines) if not line.blank]
    start = len(content)
    while start > 0 and _LETTER_ENTRY.match(lines[content[start - 1]].text.text):
        start -= 1
    if start == len(content) or start == 0 or not lines[content[start] - 1].blank:
        return None
    first = content[start]
    if any(lines[i].blank for i in range(first, content[-1] + 1)):
        return None  # the notes stand together, a line each
    entries: list[_Entry] = []
    calls: list[_Call] = []
    for number, i in enumerate(content[start:], 1):
        text = lines[i].text
        m = _LETTER_ENTRY.match(text.text)
        assert m is not None
        mark = re.escape(m.group("label"))
        found = [
            (j, c)
            for j in range(first)
            for c in re.finditer(rf"(?<=\w)[ \t]?{mark}(?=[\s,;:.]|\Z)", lines[j].text.text)
        ]
        if len(found) != 1:
            return None
        j, c = found[0]
        entries.append(_Entry(number, text[: m.end("label")], [replace(lines[i], text=text[m.end() :])]))
        calls.append(_Call(j, c.start(), c.end(), number, True))
    return [(first, first, len(lines))], entries, calls


# A block of notes a Markdown transcription sets in HTML, wherever it stands (under a table), each note
# opening with its number, raised ("¹ **Basic building permit.** ...") or not.
_NOTES_DIV = re.compile(
    r"\s*<div\b[^<>]*\bclass=[\"'][^\"']*\bfootnotes\b[^\"']*[\"'][^<>]*>\s*", re.IGNORECASE
)
_DIV_END = re.compile(r"\s*</div>\s*", re.IGNORECASE)
_RAISED_ENTRY = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t]+(?=\S)")


def _div_notes(lines: list[Line]) -> tuple[list[tuple[int, int, int]], list[_Entry], list[_Call]] | None:
    """The notes of a `<div class="footnotes">` (its tags taken out already: the lines as received tell
    it), each called by its number in the text before it: (blocks, entries, calls) as
    `gather_footnotes` takes them; None unless every note is called."""
    for i, line in enumerate(lines):
        if not _NOTES_DIV.fullmatch(line.raw):
            continue
        end = next((j for j in range(i + 1, len(lines)) if _DIV_END.fullmatch(lines[j].raw)), None)
        if end is None:
            return None
        entries: list[_Entry] = []
        for j in range(i + 1, end):
            text = lines[j].text
            if lines[j].blank:
                continue
            m = _RAISED_ENTRY.match(text.text) or _ENTRY.match(text.text)
            digits = (
                next((g for g in m.groups() if g and g.translate(_SUPERSCRIPT).isdigit()), "") if m else ""
            )
            if m is not None and int(digits.translate(_SUPERSCRIPT) or 0) == len(entries) + 1:
                label = text[: len(m.group(1))]
                entries.append(_Entry(len(entries) + 1, label, [replace(lines[j], text=text[m.end() :])]))
            elif entries:
                entries[-1].lines.append(lines[j])
            else:
                return None  # the block opens with no note
        if not entries:
            return None
        matched = _match_calls(_calls(lines, i), [e.number for e in entries])
        if len(matched) != len(entries):
            return None
        start = next(j for j in range(i + 1, end) if not lines[j].blank)
        return [(i, start, end + 1)], entries, matched
    return None


def _looks_like_clauses(lines: list[Line], before: int, entries: list[_Entry]) -> bool:
    """Numbered paragraphs at the end that are the operative part, not notes.

    They follow an enacting line ("Decides:", "Resolved, That"), open with an italic verb,
    or run into the closing line.
    """
    previous = lines[before].text.text
    if previous.endswith((":", "：")) or is_resolved_line(previous):
        return True
    if any(re.match(r"\*[^*\s]|_[^_\s]", e.lines[0].text.text) for e in entries):
        return True
    return any(is_adoption_line(line.text.text) for e in entries for line in e.lines[1:])


# A Markdown note's definition ("[^1653]: ..."), and, inside a note, the text's next numbered paragraph
# ("A/79/88. 4. Decides ..."): a converter's, when the number breaks the notes' sequence or follows on
# from the text's last paragraph.
_DEFINITION = re.compile(r"\[\^(\d{1,4})\]:[ \t]*")
_PARAGRAPH_IN_NOTE = re.compile(r"(?<=[.;])[ \t]+(?=(\d{1,3})\.[ \t]+[A-Z])")
_ENDS_NOTE = re.compile(r"[.;][\"'’”»)]?\Z")
_TEXT_PARAGRAPH = re.compile(r"(?:\\?\*\*)?(\d{1,3})\\?\.[ \t]+")


def _stray_definitions(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """The lines less the Markdown definitions that are the text's: one whose number breaks the notes'
    sequence and is no note's ("[^1653]:" after "[^2]:", the number of a resolution a converter took for
    a call), after a note that ends its sentence. Its markup goes, its number stays; a blank line before
    it ends the notes there, and the text goes on after them."""
    found = [(i, m) for i, line in enumerate(lines) if (m := _DEFINITION.match(line.text.text))]
    numbers = [int(m.group(1)) for _, m in found]
    out = list(lines)
    last = 0  # the number of the last note in sequence
    for i, m in found:
        number = m.group(1)
        previous = next((x for x in reversed(lines[:i]) if not x.blank), None)
        if int(number) == last + 1:
            last += 1
            continue
        if (
            not last
            or numbers.count(int(number)) > 1  # "[^7]: February 1984.": a wrap of another note
            or previous is None
            or not _ENDS_NOTE.search(previous.text.text)
        ):
            continue
        line = lines[i]
        no, column = line.text.where(0)
        repairs.append(
            Repair(
                no, column, "footnote",
                f"the note '[^{number}]' breaks the notes' sequence: its text is the document's, given back",
                "[^",
            )
        )  # fmt: skip
        end = 2 + len(number)
        no, column = line.text.where(end)
        repairs.append(Repair(no, column, "footnote", f"removed the ']:' of '[^{number}]:'", "]:"))
        text = (line.text[2:end] + line.text[end + 2 :]).strip()
        out[i] = replace(line, text=text, indent=0, page_break=True)
    for i in sorted((i for i, _ in found), reverse=True):
        if out[i] is not lines[i] and i > 0 and not out[i - 1].blank:
            out.insert(i, replace(lines[i], text=lines[i].text[:0], page_break=False))
    return out


_RECITAL_IN_NOTE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


def _recitals_in_note(text: str) -> re.Match[str] | None:
    """In the last note of a text whose operative part never came, the rest of the text glued to
    it: what follows the note's sentence ("… annex I. Taking note of …", or a page's running head
    and the rest of a recital), when it goes on at length to "1. Decides …"."""
    for m in _RECITAL_IN_NOTE.finditer(text):
        rest = text[m.end() :]
        if len(rest) > 300 and re.search(r"(?:^|[,;.]\s)1\.\s+[A-Z]", rest):
            return m
    return None


def _text_in_notes(
    lines: list[Line], blocks: list[tuple[int, int, int]], entries: list[_Entry], repairs: list[Repair]
) -> tuple[list[_Entry], list[Line]]:
    """The Markdown notes less the text a converter put inside them, and that text's lines, given back:
    a note whose text runs on into the text's next numbered paragraph ("[^3]: A/79/88. 4. Decides ...",
    the last page glued to the note) ends there; the paragraph and what follows are the text's."""
    if not entries or not all(e.label.text.startswith("[^") for e in entries):
        return entries, []
    start = min(cut for cut, _, _ in blocks)
    numbers = [int(m.group(1)) for line in lines[:start] if (m := _TEXT_PARAGRAPH.match(line.text.text))]
    expected = (max(numbers) if numbers else 0) + 1
    kept: list[_Entry] = []
    back: list[Line] = []
    for entry in entries:
        if back:
            back += entry.lines  # after text given back, a note's place is taken by the text
            continue
        own: list[Line] = []
        for k, line in enumerate(entry.lines):
            cut = next(
                (c for c in _PARAGRAPH_IN_NOTE.finditer(line.text.text) if int(c.group(1)) == expected), None
            )
            if cut is None and entry is entries[-1] and expected == 1:
                cut = _recitals_in_note(line.text.text)
            if cut is not None:
                no, column = line.text.where(cut.end())
                repairs.append(
                    Repair(
                        no, column, "footnote",
                        f"note {entry.number} runs on into paragraph {expected} of the text: given back in place",
                    )
                )  # fmt: skip
                own.append(replace(line, text=line.text[: cut.start()]))
                rest = line.text[cut.end() :]
                back = [replace(line, text=rest, indent=0), *entry.lines[k + 1 :]]
                break
            own.append(line)
        kept.append(_Entry(entry.number, entry.label, own))
    return kept, back


def gather_footnotes(
    lines: list[Line], repairs: list[Repair], join: Callable[[list[Line]], Located]
) -> tuple[list[Line], list[Note]]:
    """Find the footnotes gathered at the end and their calls in the text; take both out.

    A call becomes a private character that the inline stage turns into a citation of the
    word before it. `join` joins the lines of one note as those of a paragraph.
    """
    lines = _stray_definitions(lines, repairs)
    content = [i for i, line in enumerate(lines) if not line.blank]
    if len(content) < 3:
        return lines, []
    # (blocks, entries, calls)
    found: tuple[list[tuple[int, int, int]], list[_Entry], list[_Call]] | None = (
        _symbol_notes(lines) or _div_notes(lines) or _lettered_notes(lines)
    )
    if found is None and (feet := _page_feet(lines)) is not None:
        entries = [e for _, start, stop in feet for e in _parse_entries(lines, start, stop) or []]
        numbers = [e.number for e in entries]
        inside = {j for _, start, stop in feet for j in range(start - 1, stop)} | {
            rule for rule, _, _ in feet
        }
        masked = [replace(line, text=line.text[:0]) if j in inside else line for j, line in enumerate(lines)]
        matched = _match_calls(_calls(masked, len(masked)), numbers)
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))) and len(matched) >= max(
            1, math.ceil(len(numbers) / 2)
        ):
            found = (feet, entries, matched)
    # After a rule or a "Notes" heading: the notes may start at any number.
    for k in range(len(content) - 2, 0, -1) if found is None else ():
        i = content[k]
        text = lines[i].text.text
        if _RULE.fullmatch(text) or _NOTES_HEADING.fullmatch(text):
            stop = _notes_end(lines, content[k + 1], len(lines))
            entries = _parse_entries(lines, content[k + 1], stop) or []
            if entries:
                numbers = [e.number for e in entries]
                matched = _match_calls(_calls(lines, i), numbers)
                if len(matched) >= max(1, math.ceil(len(numbers) / 2)):
                    found = ([(i, content[k + 1], stop)], entries, matched)
            break
    if found is None:
        # No rule: the notes must start at 1, every one must be called, most of them plainly.
        for k in range(len(content) - 1, 0, -1):
            i = content[k]
            m = _ENTRY.match(lines[i].text.text)
            if not m or int(m.group(2) or m.group(3)) != 1:
                continue
            stop = _notes_end(lines, i, len(lines))
            entries = _parse_entries(lines, i, stop) or []
            if not entries or _looks_like_clauses(lines, content[k - 1], entries):
                continue
            numbers = [e.number for e in entries]
            matched = _match_calls(_calls(lines, i), numbers)
            if len(matched) == len(numbers) and sum(c.strong for c in matched) * 2 >= len(numbers):
                found = ([(i, i, stop)], entries, matched)
                break
    if found is None:
        return lines, []

    blocks, entries, matched = found
    entries, given_back = _text_in_notes(lines, blocks, entries, repairs)
    for cut, start, _ in blocks:
        for line in lines[cut:start]:
            if not line.blank:
                no, column = line.text.where(0)
                repairs.append(
                    Repair(
                        no,
                        column,
                        "footnote",
                        f"removed '{line.text.text}' above the footnotes",
                        line.text.text,
                    )
                )
    notes: list[Note] = []
    for k, entry in enumerate(entries):
        no, column = entry.label.where(0)
        label = entry.label.text
        repairs.append(
            Repair(no, column, "footnote", f"footnote {entry.number} became the source of its call", label)
        )
        text = join(entry.lines).text
        address = URL.search(text)
        notes.append(
            Note(
                entry.number,
                text,
                no,
                column,
                chr(NOTE_BASE + k),
                trim_url(address.group(0)) if address else None,
            )
        )

    # The text less the notes; a page break stands where a page's notes were.
    body: list[Line] = []
    taken = {j for cut, _, stop in blocks for j in range(cut, stop)}
    keep = [j for j in range(len(lines)) if j not in taken]
    index = {j: n for n, j in enumerate(keep)}
    for j in keep:
        line = lines[j]
        if j - 1 in taken and not line.blank:
            line = replace(line, page_break=True)
        body.append(line)
    if given_back:
        # The text a converter set inside the notes stands where the notes were: after the text before them.
        at = sum(1 for j in keep if j < blocks[-1][0])
        back = [replace(line, page_break=k == 0) for k, line in enumerate(given_back)]
        body[at:at] = [replace(back[0], text=back[0].text[:0]), *back]
    matched = [replace(c, index=index[c.index]) for c in matched if c.index in index]
    by_number = {n.number: n for n in notes}
    for call in reversed(matched):  # from the end, so that earlier offsets stay right
        line = body[call.index]
        note = by_number[call.number]
        note.called = True
        removed = line.text.text[call.start : call.end]
        no, column = line.text.where(call.start)
        repairs.append(
            Repair(
                no,
                column,
                "footnote",
                f"removed the call of footnote {call.number} ('{removed.strip()}')",
                removed,
            )
        )
        body[call.index] = replace(line, text=line.text.replace(call.start, call.end, note.sentinel))
    return body, notes


# A note's call in a field of the title block: bracketed ("Your UNY644. [1]", its space with it when it
# stands apart) or raised, after a word.
_HEAD_CALL = re.compile(r"(?<=\S)(?:[ \t]?\[\^?(\d{1,3})\](?=[\s,;:.)]|\Z)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))")


def calls_in_head(fields: dict[str, Located], notes: list[Note], repairs: list[Repair]) -> dict[str, Located]:
    """The title block's fields with the calls of the notes the text calls none of ("Security 511. Your
    UNY644. [1]": a cable's serial line, its note on the cable it answers) taken out, as in the text:
    each becomes the note's private character, for the inline stage to cite the word before it. Only
    the notes numbered before every note the text calls (the title block is read first), in order."""
    called = [n.number for n in notes if n.called]
    waiting = sorted(
        (n for n in notes if not n.called and (not called or n.number < min(called))), key=lambda n: n.number
    )
    out: dict[str, Located] = {}
    for key, text in fields.items():
        cuts: list[tuple[int, int, Note]] = []
        for m in _HEAD_CALL.finditer(text.text):
            digits = (m.group(1) or m.group(2)).translate(_SUPERSCRIPT)
            if waiting and int(digits) == waiting[0].number:
                cuts.append((m.start(), m.end(), waiting.pop(0)))
        for start, end, note in reversed(cuts):
            removed = text.text[start:end]
            no, column = text.where(start)
            repairs.append(
                Repair(
                    no, column, "footnote",
                    f"removed the call of footnote {note.number} ('{removed.strip()}') from the title block's '{key}'",
                    removed,
                )
            )  # fmt: skip
            note.called = True
            text = text.replace(start, end, note.sentinel)
        out[key] = text
    return out
