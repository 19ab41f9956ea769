"""What the PDF writer verifies in its own layout (WeasyPrint's boxes, in memory), and the
repairs it makes in the page's HTML for what it finds.

Hyphen ladders: WeasyPrint's `hyphens: auto` has no `hyphenate-limit-lines`, so nothing stops
three or more lines in a row from ending with a broken word. `ladders` finds them in the
laid-out lines; `keep_whole` keeps a word of one of them whole (`<span class="whole">`, the
class the writer already gives words in capitals, which are never hyphenated), and the page is
laid out again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

__all__ = [
    "EVEN",
    "LADDER",
    "LOOSE",
    "Lone",
    "keep_whole",
    "ladders",
    "loose_lines",
    "lone_lines",
    "overflows",
    "page_starts",
    "stranded",
]

LADDER = 3  # hyphenated line ends in a row that a compositor does not let stand
LOOSE = 1.0  # the widest word space, in ems of the type, a justified line may have (check/typography.py's)
EVEN = 0.8  # the widest a build leaves where it can: a wider line's paragraph is hyphenated or tracked


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}


def _flow(page: Any) -> Any:
    """The page's flow: its root box, not its footnote area or its margin boxes."""
    return page._page_box.children[0]


def _lines(box: Any, block: str | None) -> Iterator[tuple[str | None, Any]]:
    """Every line box under `box`, with the id of the nearest block (paragraph, list item,
    heading) around it that has one."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None) in _BLOCKS:
        block = element.get("id") or block
    if type(box).__name__ == "LineBox":
        yield block, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, block)


def _last_text(line: Any) -> Any:
    """The last text box of a line box (its last word, however deep in inline boxes)."""
    found = None
    for child in getattr(line, "children", ()):
        if type(child).__name__ == "TextBox":
            found = child
        elif getattr(child, "children", None):
            deeper = _last_text(child)
            found = deeper if deeper is not None else found
    return found


Break = tuple[str, str, int]  # a block's id, the first part of a word broken at a line's end, which such word


def ladders(document: Any) -> list[list[Break]]:
    """Each ladder of `LADDER` or more hyphenated line ends in one block, in page order: its
    breaks, each (the block's id, the first part of the broken word, and which of the words of
    the block that begin so it is: 0 for the first), the second line's first (the word a
    compositor keeps whole), then the others."""
    found: list[list[Break]] = []
    run: list[Break] = []
    text: dict[str, str] = {}  # block id -> its text laid out so far
    for page in document.pages:
        for block, line in _lines(_flow(page), None):
            word = _broken_word(line)
            if block is not None:
                text[block] = text.get(block, "") + " " + _line_text(line)
            here = None
            if word is not None and block is not None:
                before = text[block][: text[block].rfind(word)]
                here = (block, word, len(_word_start(word).findall(before)))
            if here is not None and (not run or run[-1][0] == block):
                run.append(here)
                continue
            if len(run) >= LADDER:
                found.append([run[1], run[0], *run[2:]])
            run = [here] if here is not None else []
    if len(run) >= LADDER:
        found.append([run[1], run[0], *run[2:]])
    return found


def _word_start(start: str) -> re.Pattern[str]:
    """A word that begins with `start` (not one that has it inside: "national", not "international")."""
    return re.compile(rf"(?<![\w&#]){re.escape(start)}")


def _broken_word(line: Any) -> str | None:
    """The first part of the word a line box ends with, where hyphenation broke it."""
    text = _last_text(line)
    if text is None:
        return None
    hyphen = str(text.style["hyphenate_character"])
    words = str(text.text)[: -len(hyphen)].split() if hyphen and str(text.text).endswith(hyphen) else []
    return words[-1] if words else None


_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")


def keep_whole(html: str, block_id: str, start: str, occurrence: int = 0) -> tuple[str, str] | None:
    """`html` with the `occurrence`-th word (from 0) that begins with `start` in the element
    `block_id` kept whole (no hyphenation), and that word; None where it is not found."""
    at = html.find(f'id="{block_id}"')
    if at < 0 or not start:
        return None
    at = html.find(">", at) + 1
    word = re.compile(_word_start(start).pattern + r"\w*")
    depth = 0
    seen = 0
    for m in _TAG_OR_TEXT.finditer(html, at):
        piece = m.group(0)
        if piece.startswith("</"):
            depth -= 1
            if depth < 0:
                return None  # the element ended
            continue
        if piece.startswith("<"):
            depth += 0 if piece.endswith("/>") else 1
            continue
        for hit in word.finditer(piece):
            if seen == occurrence:
                a, b = m.start() + hit.start(), m.start() + hit.end()
                return f'{html[:a]}<span class="whole">{html[a:b]}</span>{html[b:]}', html[a:b]
            seen += 1
    return None


def _is_note(box: Any) -> bool:
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    return "noteref" in classes or "footnote" in classes


def _line_text(box: Any) -> str:
    """The text a line box shows, less note calls (their numbers are not the text's)."""
    if _is_note(box):
        return ""
    if type(box).__name__ == "TextBox":
        return str(box.text)
    return "".join(_line_text(c) for c in getattr(box, "children", ()))


def page_starts(document: Any) -> dict[int, tuple[str, int]]:
    """Where each page begins in the text: (the id of the block its first line belongs to, the
    number of characters of that block's text, white space and note calls left out, that come
    before it). A page that begins with a block has 0; a page that begins inside a paragraph
    has the characters of the paragraph's lines on the pages before. The EPUB's page markers
    stand there (render/epub.py)."""
    starts: dict[int, tuple[str, int]] = {}
    seen: dict[str, int] = {}  # block id -> characters laid out so far
    for number, page in enumerate(document.pages, 1):
        first = True
        for block, line in _lines(_flow(page), None):
            if block is None:
                continue
            text = _line_text(line)
            hyphen = _broken_word(line) is not None
            if hyphen:
                text = text[: -len(str(_last_text(line).style["hyphenate_character"]))]
            if first:
                starts[number] = (block, seen.get(block, 0))
                first = False
            seen[block] = seen.get(block, 0) + sum(not ch.isspace() for ch in text)
    return starts


def _text_boxes(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        if type(child).__name__ == "TextBox":
            yield child
        elif type(child).__name__ == "InlineBox":
            yield from _text_boxes(child)


_SPACES: dict[str, float] = {}


def _natural_space(style: Any) -> float:
    """The width of a word space in `style`'s font, unstretched (Pango's advance of a space)."""
    from weasyprint.text.line_break import _font_style_cache_key, create_layout, line_size

    key = _font_style_cache_key(style, include_size=True)
    if key not in _SPACES:
        widths = []
        for text in ("a a", "aa"):
            layout = create_layout(text, style, None, None, 0)
            line, _ = layout.get_first_line()
            widths.append(line_size(line, style)[0])
            layout.deactivate()
        _SPACES[key] = widths[0] - widths[1]
    return _SPACES[key]


def loose_lines(document: Any, limit: float = LOOSE) -> list[tuple[str, float]]:
    """The blocks with a justified line whose word spaces are wider than `limit` ems (each block
    once, with its widest space), in page order: WeasyPrint stretches a line's spaces by its
    `justification_spacing` when no break or hyphen fills it better."""
    found: dict[str, float] = {}
    for page in document.pages:
        for block, line in _lines(_flow(page), None):
            if block is None:
                continue
            for text in _text_boxes(line):
                stretch = getattr(text, "justification_spacing", 0) or 0
                if stretch <= 0 or " " not in str(text.text):
                    continue
                size = float(text.style["font_size"]) or 1.0
                # Tracking widens the gap a reader sees by the space's own and the letter's before it.
                tracking = text.style["letter_spacing"]
                tracked = 2 * float(tracking) if isinstance(tracking, int | float) else 0.0
                em = (_natural_space(text.style) + stretch + tracked) / size
                if em > limit:
                    found[block] = max(found.get(block, 0.0), em)
                break
    return list(found.items())


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _label_line(line: Any) -> bool:
    """A line that holds only a clause's label set as a line of its own ("Article 5")."""
    children = [
        c for c in getattr(line, "children", ()) if type(c).__name__ != "TextBox" or str(c.text).strip()
    ]
    if len(children) != 1:
        return False
    element = getattr(children[0], "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    return "clause-number" in classes


def stranded(document: Any) -> list[str]:
    """The blocks whose heading, or whose label set on a line of its own, is the last line of a
    page, its text on the next: each a heading or an article's number left alone at a page's
    foot. The block's id (a heading's own, or the clause's), in page order."""
    found: list[str] = []
    for page in document.pages[:-1]:
        last = None
        for block, line in _lines(_flow(page), None):
            last = (block, line)
        if last is None:
            continue
        block, line = last
        if block is None:
            continue
        tag = next(
            (
                getattr(b, "element_tag", None)
                for b in _ancestors(_flow(page), line)
                if getattr(b, "element_tag", None) in _HEADINGS
            ),
            None,
        )
        if tag is not None or _label_line(line):
            found.append(block)
    return found


def _ancestors(root: Any, target: Any) -> list[Any]:
    """The boxes from `root` down to `target` (empty where it is not under `root`)."""
    if root is target:
        return [root]
    for child in getattr(root, "children", ()):
        path = _ancestors(child, target)
        if path:
            return [root, *path]
    return []


def _paragraph_lines(
    box: Any, block: str | None, path: tuple[Any, ...] = ()
) -> Iterator[tuple[str | None, tuple[Any, ...], Any]]:
    """Every line box under `box`, with the id of the nearest block around it that has one and
    the boxes from the root down to the block box that holds the line (the paragraph it is a
    line of, last)."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None) in _BLOCKS:
        block = element.get("id") or block
    if str(getattr(box, "element_tag", "")).endswith("::marker"):
        return  # a list item's number, set outside its lines
    if type(box).__name__ == "LineBox":
        yield block, path, box
        return
    for child in getattr(box, "children", ()):
        yield from _paragraph_lines(child, block, (*path, box))


def _selector(path: tuple[Any, ...]) -> str | None:
    """A CSS selector of the element of the last box of `path`: its id, or the nearest id above
    it and the child positions down to it (`#clause-12 > :nth-child(3)`); None where no
    element above it has an id."""
    steps: list[str] = []
    child = None
    for box in reversed(path):
        element = getattr(box, "element", None)
        if element is None or element is child:
            continue
        if child is not None:
            steps.append(f":nth-child({list(element).index(child) + 1})")
        if element.get("id"):
            return " > ".join([f"#{element.get('id')}", *reversed(steps)])
        child = element
    return None


class Lone(NamedTuple):
    """A paragraph's line left alone by a page break: `kind` "widow" (its last line, at the
    head of `page`) or "orphan" (its first, at the foot of `page`); `block`, the id of the
    clause or paragraph around it; `selector`, the paragraph's own CSS selector; `before`, the
    paragraph's lines on the page before the break."""

    kind: str
    page: int
    block: str
    selector: str | None
    before: int


def lone_lines(document: Any, forbid: int | None = None) -> list[Lone]:
    """Widows and orphans: each paragraph that a page break leaves with one line alone, its
    last at the head of a page (a widow) or its first at the foot of one (an orphan), where its
    style forbids it (`widows`, `orphans` of 2 or more, WeasyPrint's defaults; or where `forbid`
    is 2 or more, whatever the style). WeasyPrint may still make one when a page must hold a
    footnote. A paragraph is a block box of lines: a clause's second paragraph of one line is
    no widow of its first."""
    # Each line as (the id of its block, the boxes down to the paragraph that holds it).
    pages: list[list[tuple[str | None, tuple[Any, ...]]]] = [
        [(block, path) for block, path, _ in _paragraph_lines(_flow(page), None) if path]
        for page in document.pages
    ]

    def element(entry: tuple[str | None, tuple[Any, ...]]) -> Any:
        return getattr(entry[1][-1], "element", None)

    found: list[Lone] = []
    for number, (here, after) in enumerate(zip(pages, pages[1:], strict=False), 1):
        if not here or not after:
            continue
        block, path = here[-1]
        mine = element(here[-1])
        if block is None or mine is None or mine is not element(after[0]):
            continue
        on_here = sum(1 for e in here if element(e) is mine)
        on_after = sum(1 for e in after if element(e) is mine)
        before = pages[number - 2] if number > 1 else []
        orphans = forbid if forbid is not None else int(path[-1].style["orphans"])
        widows = forbid if forbid is not None else int(after[0][1][-1].style["widows"])
        selector = _selector(path)
        if on_here == 1 and not any(element(e) is mine for e in before) and orphans >= 2:
            found.append(Lone("orphan", number, block, selector, on_here))
        if on_after == 1 and widows >= 2:
            found.append(Lone("widow", number + 1, block, selector, on_here))
    return found


_TOLERANCE = 0.5  # CSS px a glyph run may reach past the margin unseen (rounding, a glyph's side bearing)


_HANGING = {"clause-number", "subclause-label", "recital-label", "heading-label", "annex-label", "fn-number"}


def _blocks_text(
    box: Any, block: str | None, hanging: bool = False
) -> Iterator[tuple[str | None, bool, Any]]:
    """Every text box under `box`, with the id of the nearest block around it that has one and
    whether it is a label the styles hang in the margin before its text (a clause's number, a
    list's marker)."""
    element = getattr(box, "element", None)
    tag = str(getattr(box, "element_tag", ""))
    if element is not None and tag in _BLOCKS:
        block = element.get("id") or block
    if element is not None and not tag.endswith("::marker") and element.get("class"):
        hanging = hanging or bool(_HANGING & set(str(element.get("class")).split()))
    hanging = hanging or tag.endswith("::marker")
    if type(box).__name__ == "TextBox":
        yield block, hanging, box
        return
    for child in getattr(box, "children", ()):
        yield from _blocks_text(child, block, hanging)


def overflows(document: Any) -> list[tuple[int, str | None, float, str]]:
    """The text set past a page's margins, in the page's flow or its footnote area: (page, the
    block's id, how far past, in CSS px, the run's first characters), each block once a page.
    A run no break point can split (a long address or number, a word in a script WeasyPrint
    cannot break) stands out of the line when the line cannot hold it."""
    found: list[tuple[int, str | None, float, str]] = []
    for number, page in enumerate(document.pages, 1):
        box = page._page_box
        left = box.content_box_x()
        right = left + box.width
        seen: set[str | None] = set()
        for area in box.children:
            if type(area).__name__ == "MarginBox":
                continue
            for block, hanging, text in _blocks_text(area, None):
                if not str(text.text).strip() or block in seen:
                    continue
                start = float(text.position_x)
                end = start + float(text.width)
                # A label hangs in the margin before its text by design (on the right of a
                # right-to-left text): only what passes the page's other side counts.
                rtl = text.style["direction"] == "rtl"
                past = max(left - start, end - right) if not hanging else left - start if rtl else end - right
                if past > _TOLERANCE:
                    seen.add(block)
                    found.append((number, block, past, str(text.text).strip()[:24]))
    return found
