"""Text as the checker compares it: normalised words, the blocks a document is made of, word diffs."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import Origin
from ..model import Clause, Document, Heading, Paragraph, SubClause, plain_text
from ..presentation import words
from .findings import Finding
from .findings import shown as _quote


@dataclass(frozen=True)
class Block:
    """A part of the document that every output shows as one run of text."""

    id: str
    label: str  # "operative clause 7", "preamble paragraph 3"
    words: tuple[str, ...]
    origin: Origin
    number: tuple[str, ...] = ()  # the clause's label as shown, in words: ("7.",), ("Article", "7")
    number_pattern: tuple[re.Pattern[str], ...] = ()  # what a label of the numbering style looks like


def _subclause_text(subs: tuple[SubClause, ...]) -> Iterator[str]:
    for s in subs:
        yield f"({s.label}) {plain_text(s.content)}"
        yield from _subclause_text(s.subclauses)


def label_patterns(style: str, letters: bool = False) -> tuple[re.Pattern[str], ...]:
    """Word patterns of a numbering style's labels: "1." -> (\\d+\\.), "Article 1" -> (Article, \\d+).

    `letters`: numbers may also be written in letters (一, א), as where some of a
    document's numbers are; digits of any script always count.
    """
    if style == "none":
        return ()
    number = r"(?:\d+|[^\W\d_]{1,8})" if letters else r"\d+"
    return tuple(re.compile(re.escape(token).replace("1", number) + r"\Z") for token in words(style))


def blocks(doc: Document) -> list[Block]:
    """The document's blocks in reading order, with the words each must show."""
    found = []
    if doc.formula:
        origin = doc.extra_origins["formula"]
        found.append(Block("formula", "the formula", tuple(words(plain_text(doc.formula))), origin))
    found += _preamble_blocks(doc.preamble, "preamble paragraph")
    if doc.enacting:
        origin = doc.extra_origins["enacting"]
        found.append(Block("enacting", "the enacting line", tuple(words(plain_text(doc.enacting))), origin))
    every = [c for c in doc.operative] + [c for a in doc.annexes for c in a.paragraphs]
    patterns = label_patterns(
        doc.numbering, letters=any(c.number and not c.number.isdecimal() for c in every)
    )
    found += _clause_blocks(doc.operative, "operative clause", patterns)
    if doc.closing:
        origin = doc.extra_origins["closing"]
        found.append(Block("closing", "the closing line", tuple(words(plain_text(doc.closing))), origin))
    for annex in doc.annexes:
        title = " ".join(x for x in (annex.label, plain_text(annex.title)) if x)
        if words(title):  # an annex whose heading a copy lost prints none
            found.append(Block(annex.id, f"the title of {annex.id}", tuple(words(title)), annex.origin))
        found += _preamble_blocks(annex.preamble, f"preamble paragraph of {annex.id}")
        found += _clause_blocks(annex.paragraphs, f"paragraph of {annex.id}", patterns)
        found += [_heading_block(h) for h in annex.end_headings]
    return found


def _heading_block(h: Heading) -> Block:
    return Block(h.id, f"the heading '{_opening(h.text)}'", tuple(words(h.text)), h.origin)


def _preamble_blocks(paragraphs: tuple[Paragraph, ...], noun: str) -> list[Block]:
    found = []
    for p in paragraphs:
        found += [_heading_block(h) for h in p.headings]
        text = plain_text(p.content) if p.label is None else f"{p.label}. {plain_text(p.content)}"
        found.append(Block(p.id, f"{noun} {p.index}", tuple(words(text)), p.origin))
    return found


def _clause_blocks(
    clauses: tuple[Clause, ...], noun: str, patterns: tuple[re.Pattern[str], ...]
) -> list[Block]:
    found = []
    for c in clauses:
        found += [_heading_block(h) for h in c.headings]
        parts = [c.label, c.verb, plain_text(c.content), *_subclause_text(c.subclauses)]
        parts += [plain_text(p) for p in c.paragraphs]
        text = " ".join(x for x in parts if x)
        number = tuple(words(c.label))
        # A label whose number is written in characters compared one by one ("第十一条"), or that is
        # not of the style's kind (an inserted "1a.", "14 bis"): as it stands.
        own = (
            patterns
            if len(patterns) == len(number) and all(p.match(w) for p, w in zip(patterns, number, strict=True))
            else tuple(re.compile(re.escape(u) + r"\Z") for u in number)
        )
        found.append(Block(c.id, f"{noun} {c.name}", tuple(words(text)), c.origin, number, own))
    return found


def _opening(text: str, count: int = 6) -> str:
    shown = words(text)
    return " ".join(shown[:count]) + (" …" if len(shown) > count else "")


def _body(block: Block) -> tuple[str, ...]:
    return block.words[len(block.number) :]


def signatures(found: list[Block], shortest: int = 8) -> dict[str, tuple[str, ...]]:
    """For each block, the opening words (without its number) that no other block opens with.

    These find a block in another rendering even when its number was changed.
    """
    bodies = {b.id: _body(b) for b in found}
    result = {}
    for block in found:
        body = bodies[block.id]
        size = min(shortest, len(body))
        # In a script whose units are characters (Chinese), eight of them are a word or two: grow
        # the opening to some twenty characters.
        while size < len(body) and sum(len(w) for w in body[:size]) < 20:
            size += 1
        while size < len(body) and any(
            other != block.id and bodies[other][:size] == body[:size] for other in bodies
        ):
            size += 1
        result[block.id] = body[:size]
    return result


def find_all(haystack: list[str], needle: tuple[str, ...]) -> list[int]:
    """Every index at which `needle` starts in `haystack`."""
    if not needle:
        return []
    first, n = needle[0], len(needle)
    return [i for i, w in enumerate(haystack) if w == first and tuple(haystack[i : i + n]) == needle]


def word_diff(
    expected: tuple[str, ...] | list[str], actual: tuple[str, ...] | list[str], context: int = 3
) -> str:
    """A short word diff around the first changes: '… a b [-old-] {+new+} c d …'."""
    ops = difflib.SequenceMatcher(a=list(expected), b=list(actual), autojunk=False).get_opcodes()
    pieces: list[str] = []
    changes = 0
    for n, (tag, a0, a1, b0, b1) in enumerate(ops):
        if tag == "equal":
            run = list(expected[a0:a1])
            first, last = n == 0, n == len(ops) - 1
            head = [] if first else run[:context]
            tail = [] if last else run[-context:]
            if len(run) > len(head) + len(tail):
                run = [*head, "…", *tail]
            pieces += run
            continue
        changes += 1
        if changes > 3:
            pieces.append("…")
            break
        if a1 > a0:
            pieces.append("[-" + " ".join(expected[a0:a1]) + "-]")
        if b1 > b0:
            pieces.append("{+" + " ".join(actual[b0:b1]) + "+}")
    return " ".join(pieces)


Locate = Callable[[int], dict[str, object]]


def _goes_on(shown: list[str], last: tuple[tuple[str, ...], int] | None, hit: int, size: int) -> bool:
    """Whether the `size` words at `hit` are the block found last going on: its words (`last`:
    its body and where they start), shown from there up to these as the source has them."""
    if last is None:
        return False
    body, start = last
    return hit + size - start <= len(body) and tuple(shown[start : hit + size]) == body[: hit + size - start]


def without(found: list[Block], unread: re.Pattern[str]) -> list[Block]:
    """The blocks without the characters an output cannot show as text (`unread`), and without the
    words that were only those."""

    def strip(ws: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w for w in (unread.sub("", x) for x in ws) if w)

    return [
        dataclasses.replace(b, words=strip(b.words), number=strip(b.number))
        if unread.search(" ".join(b.words))
        else b
        for b in found
    ]


def check_blocks(
    doc: Document,
    shown: list[str],
    locate: Locate,
    prefix: str,
    file: str,
    unread: re.Pattern[str] | None = None,
) -> Iterator[Finding]:
    """Each block of `doc` once in the words an output shows, in order, with its number and words.

    A block is found by its opening words (its signature), looking first after the block
    before it, so that the same words in the title block or in earlier text do not
    count. `unread`: characters the output cannot show as text, left out of what it must show.
    `locate` turns a word's index into the finding's location (`page=` or
    `element=`); `prefix` ("pdf", "epub") starts the codes of what this output lacks.
    """
    every = blocks(doc) if unread is None else without(blocks(doc), unread)
    sigs = signatures(every)
    found: list[tuple[Block, int, bool]] = []  # block, index of its first word, number reported
    # The blocks stand after the title: the title block's metadata may say what a recital says.
    title = tuple(w for w in (unread.sub("", x) if unread else x for x in words(doc.title)) if w)
    at = find_all(shown, title) if title else []
    previous = at[0] + len(title) - 1 if at else -1
    main_start: int | None = None
    last: tuple[tuple[str, ...], int] | None = None  # the body of the block found last, and its start
    for block in every:
        sig = sigs[block.id]
        hits = find_all(shown, sig)
        if not hits:
            opening = " ".join(sig[:6])
            yield Finding(
                f"{prefix}.clause-missing", "error", f"{block.label} ('{opening} …') is missing", file
            )
            continue
        # Not where the block before goes on in these very words: unnumbered clauses may open
        # with what the one before says ("The Constitution provides ..."), and the block is
        # looked for from that block's end, in order.
        later = [h for h in hits if h > previous and not _goes_on(shown, last, h, len(sig))]
        later = later or [h for h in hits if h > previous]
        hit = later[0] if later else hits[0]
        main_start = hit if main_start is None else main_start
        body = _body(block)
        repeats = [h for h in hits if h >= main_start and tuple(shown[h : h + len(body)]) == body]
        # Blocks that open with these very words (an identical clause, or one that goes on
        # with sub-clauses) start where this block's words are found again: no duplicate.
        twins = sum(_body(other)[: len(body)] == body for other in every)
        # A heading's few words ("Panel of Experts") are said again in the text: no duplicate of it.
        if len(repeats) > twins and len(body) >= 3 and "-heading-" not in block.id:
            yield Finding(
                f"{prefix}.clause-duplicated", "error", f"{block.label} appears {len(repeats)} times", file,
                **locate(repeats[twins]),  # type: ignore[arg-type]
            )  # fmt: skip
        start, number_reported = hit, False
        if block.number:
            k = len(block.number)
            before = tuple(shown[hit - k : hit]) if hit >= k else ()
            if len(before) == k and all(
                p.match(w) for p, w in zip(block.number_pattern, before, strict=True)
            ):
                start = hit - k
                if before != block.number:
                    number_reported = True
                    yield Finding(
                        f"{prefix}.clause-number", "error", f"{block.label} is numbered '{_quote(' '.join(before))}'", file,
                        **locate(start),  # type: ignore[arg-type]
                    )  # fmt: skip
            else:
                number_reported = True
                yield Finding(
                    f"{prefix}.clause-number", "error", f"{block.label} has no number", file,
                    **locate(hit),  # type: ignore[arg-type]
                )  # fmt: skip
        if found and hit <= previous:
            yield Finding(
                f"{prefix}.clause-order", "error", f"{block.label} comes before {found[-1][0].label}", file,
                **locate(start),  # type: ignore[arg-type]
            )  # fmt: skip
        found.append((block, start, number_reported))
        previous = max(previous, hit)
        last = (body, hit)

    ordered = sorted(found, key=lambda f: f[1])
    for i, (block, start, number_reported) in enumerate(ordered):
        end = ordered[i + 1][1] if i + 1 < len(ordered) else len(shown)
        words_shown = shown[start:end]
        expected = block.words
        if number_reported:  # already said; compare the rest
            expected = _body(block)
            k = len(block.number)
            if words_shown[:k] and all(
                p.match(w) for p, w in zip(block.number_pattern, words_shown[:k], strict=False)
            ):
                words_shown = words_shown[k:]
        if i + 1 == len(ordered):  # nothing follows the last block but what is not a block
            words_shown = words_shown[: len(expected)]
        if tuple(words_shown) != expected:
            yield Finding(
                "text.mismatch", "error",
                f"{block.label} differs from the source: {_quote(word_diff(expected, words_shown), 600)}", file,
                **locate(start),  # type: ignore[arg-type]
            )  # fmt: skip
