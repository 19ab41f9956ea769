"""The title block of a text copied from a body's print: its fields into the metadata, its title found.

A UN resolution's first page opens with a block the form defines field by field (the
symbol, "Distr.: General" and its date, the session, the agenda item, the job number and
barcode, "Resolution adopted by the General Assembly on …", the committee it came from) and
then the title ("80/4. Necessity of …"), before the formula ("The General Assembly,").
Copies of the PDF give that block a line per printed line, or run several fields into one
line ("General Assembly Distr.: General 31 October 2025"), or wrap one field over two. The
block is read as one text: each field starts where its pattern (`Form.head`) finds it and
runs on to the start of the next, so every layout gives the same fields, every word kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..forms import FORMS, Form
from .located import Located
from .pages import Line
from .patterns import formula_at
from .repair import Repair

__all__ = ["Head", "early_form", "page_furniture", "take_head"]

_LOOK = 80  # the lines a title block and the form's signals are looked for in


@dataclass
class Head:
    """What the title block gave: the title (None when the block prints none) and the metadata fields."""

    title: Located | None
    metadata: dict[str, Located] = field(default_factory=dict)


def early_form(lines: list[Line]) -> Form | None:
    """The form with a title block whose signals and formula the first lines show, before any paragraph is made."""
    content = [line.text.text for line in lines if not line.blank][:_LOOK]
    text = "\n".join(content)
    best, score = None, 1  # one signal alone is not enough: "General Assembly" is said in many texts
    for form in FORMS.values():
        if not form.head:
            continue
        found = sum(bool(signal.search(text)) for signal in form.signals)
        found += sum(bool(form.formula.fullmatch(line.strip()) or formula_at(line, form)) for line in content)
        if not found:
            continue  # a title block's fields alone (a date line, "Section 1.") tell no form
        found += sum(bool(pattern.search(text)) for key, pattern in form.head if key != "furniture")
        if found > score:
            best, score = form, found
    return best


def _flat(text: Located) -> Located:
    """A field wrapped over several lines, on one: each line end a space."""
    parts = text.text.split("\n")
    out, at = [], 0
    for part in parts:
        piece = text[at : at + len(part)].strip()
        if piece.text:
            out.append(piece)
        at += len(part) + 1
    return Located.join(out)


def take_head(lines: list[Line], form: Form, repairs: list[Repair]) -> tuple[list[Line], Head | None]:
    """The lines from the formula on, and the title block before it; (lines, None) when the form has
    no title block or the text shows none (no formula line in its first lines)."""
    if not form.head:
        return lines, None
    content = [i for i, line in enumerate(lines) if not line.blank][:_LOOK]
    at = next(
        (
            i
            for i in content
            if form.formula.fullmatch(lines[i].text.text.strip())
            or form.head_end.match(lines[i].text.text.strip())
            or formula_at(lines[i].text.text, form)
        ),
        None,
    )
    if at is None or at == content[0] and not _title_before_formula(lines[at], form):
        return lines, None
    lines = list(lines)
    before = [_unmarked(lines[i].text, repairs) for i in content if i < at]
    if (cut := _title_before_formula(lines[at], form)) is not None:
        # "PROHIBITION OF ... COUNCIL The General Assembly, ...": the title runs on into the formula.
        text = lines[at].text
        before.append(text[:cut].strip())
        no, column = text.where(cut)
        repairs.append(Repair(no, column, "split", "the title runs on into the formula: parted"))
        rest = text[cut:]
        lines[at] = replace(lines[at], text=rest, indent=rest.where(0)[1] - 1)
    block = Located.join(before, "\n")
    starts: list[tuple[int, int, str]] = []
    for key, pattern in form.head:
        starts += [(m.start(), m.end(), key) for m in pattern.finditer(block.text)]
    # A title that opens with its number ("80/4. ") before one a line in capitals is (a documents volume's).
    titles = sorted(form.title_start.finditer(block.text), key=lambda m: m.end() == m.start())
    if (title := next(iter(titles), None)) is not None:
        starts.append((title.start(), title.end(), "title"))
    starts.sort()
    fields: list[tuple[int, str]] = []
    end = -1
    for start, stop, key in starts:
        if start >= end:  # a field's words are no start of another ("… adopted by the General Assembly")
            fields.append((start, key))
            end = stop
    if not fields or all(key == "title" for _, key in fields):
        return lines, None
    if fields[0][0] > 0:
        fields.insert(0, (0, "head"))
    head = Head(None)
    bounds = [start for start, _ in fields] + [len(block.text)]
    for (start, key), stop in zip(fields, bounds[1:], strict=True):
        if key == "title":
            # A date alone on the title's last line (a print that sets the day of adoption under the
            # title) is the title block's date line, no word of the title.
            last = block.text.rstrip("\n").rfind("\n", start, stop)
            if last > start and _DATE_LINE.fullmatch(block.text[last + 1 : stop].strip()) is not None:
                dated = _flat(block[last + 1 : stop])
                head.metadata["date line"] = dated
                no, column = dated.where(0)
                repairs.append(
                    Repair(
                        no,
                        column,
                        "furniture",
                        f"'{dated.text}' under the title is its date line: kept in the metadata",
                    )
                )
                stop = last
        text = _flat(block[start:stop])
        if not text.text:
            continue
        no, column = text.where(0)
        if key == "title":
            head.title = text
            continue
        n = sum(k.split(" (")[0] == key for k in head.metadata)
        name = key if n == 0 else f"{key} ({n + 1})"
        head.metadata[name] = text
        short = text.text if len(text.text) <= 40 else text.text[:39] + "…"
        repairs.append(
            Repair(
                no, column, "furniture", f"'{short}' is the {key} of the title block: kept in the metadata"
            )
        )
    return lines[at:], head


_HEADING_MARK = re.compile(r"#{1,6}[ \t]+")
# A day alone, as the bodies print it under a title: "1 December 2025", "December 1, 2025".
_DATE_LINE = re.compile(r"\d{1,2}(?:er)? \w+ \d{4}|\w+ \d{1,2}, \d{4}")
_WRAPPING_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def _unmarked(text: Located, repairs: list[Repair]) -> Located:
    """A line of a Markdown title block less the markup a whole line carries (a heading's "# ", the
    "**...**" of a symbol set in bold, the "*...*" of a date in italics), each removal reported."""
    if (m := _HEADING_MARK.match(text.text)) is not None:
        no, column = text.where(0)
        repairs.append(
            Repair(
                no, column, "markup", "removed the heading mark of a title block's line", removed=m.group()
            )
        )
        text = text[m.end() :]
    while (m := _WRAPPING_EMPHASIS.fullmatch(text.text)) is not None:
        mark = m.group(1)
        no, column = text.where(0)
        repairs.append(
            Repair(
                no,
                column,
                "markup",
                f"removed the emphasis '{mark}' around a title block's line",
                removed=mark,
            )
        )
        text = text[len(mark) : len(text.text) - len(mark)]
    return text


def _title_before_formula(line: Line, form: Form) -> int | None:
    """Where the formula starts on a line whose title in capitals runs into it (see `formula_at`)."""
    found = formula_at(line.text.text, form)
    return found.start if found is not None and found.start > 0 and found.number is None else None


def page_furniture(form: Form, head: Head | None) -> re.Pattern[str] | None:
    """The lines that are page furniture of a copied print: the form's own (a page number with the job
    number, "Please recycle"), and the running heads that repeat the document's symbol."""
    patterns = [form.page_furniture.pattern] if form.page_furniture.pattern != "(?!)" else []
    symbol = head.metadata.get("symbol") if head is not None else None
    if symbol is not None:
        s = re.escape(symbol.text)
        patterns += [rf"{s}(?:\s+\S.*)?", rf".*\S\s+{s}"]
    title = head.title.text if head is not None and head.title is not None else ""
    if (number := form.title_start.match(title)) is not None and title[number.end() :].strip():
        patterns.append(re.escape(title[number.end() :].strip()))  # a running head: the title less its number
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
