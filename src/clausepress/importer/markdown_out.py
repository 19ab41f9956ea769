"""Runs of words with their emphasis, link and note calls, written as the Markdown the importer reads.

Both readers of laid-out files (PDF, web page) end in runs: a word or a space with its
emphasis, the address it links to, or a footnote call. `paragraph_markdown` writes one
paragraph of them on one line: `[words](address)` for a link, `*...*` for italic, `**...**`
for bold, `[^n]` for a call, every other character Markdown would read as markup escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..furniture import catalogue, catalogue_languages
from ..render.notes import MISSING
from .repair import Repair

__all__ = [
    "Run",
    "Writer",
    "escape",
    "missing_notes",
    "notes_of_links",
    "paragraph_lines",
    "paragraph_markdown",
]

# What Markdown would read as markup: emphasis marks, a code span, an escape, a tag, a link's or a
# note's brackets (a bracket that opens no link, "[on the report of ...]", stays as printed).
_SPECIAL = re.compile(r"[*`]|\\(?=[!-/:-@\[-`{-~])|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])|\[(?=\^)|\](?=[(\[:])")
# A line that Markdown would read as a heading, a list item or a quote, and the text never meant so.
_BLOCK_START = re.compile(r"([#>+\-])(?=\s|$)")


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: `text` (one word, or a space), or a footnote call (`call`)."""

    text: str = ""
    italic: bool = False
    bold: bool = False
    uri: str | None = None
    call: str | None = None


def escape(text: str) -> str:
    """Text with the characters Markdown reads as markup escaped."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(), text)


def _styled(runs: list[Run]) -> str:
    """Runs of one link (or none) with their emphasis marked: spaces at a run's edges stay outside."""
    out: list[str] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if run.call is not None:
            out.append(f"[^{run.call}]")
            i += 1
            continue
        if not run.text.strip() or not (run.italic or run.bold):
            out.append(escape(run.text))
            i += 1
            continue
        j = i
        while (
            j < len(runs)
            and runs[j].call is None
            and ((runs[j].italic, runs[j].bold) == (run.italic, run.bold) or not runs[j].text.strip())
        ):
            j += 1
        while j > i and not runs[j - 1].text.strip():
            j -= 1
        mark = "***" if run.italic and run.bold else "**" if run.bold else "*"
        out.append(mark + "".join(escape(r.text) for r in runs[i:j]) + mark)
        i = j
    return "".join(out)


def _bare(text: str, uri: str) -> bool:
    """A link whose words are its address (a note's printed URL): written as the address alone."""
    words = re.sub(r"\s+", "", text)
    return words == uri or words.rstrip(".,;") == uri or "//" + words == uri.partition(":")[2]


def paragraph_lines(runs: list[Run]) -> str:
    """A paragraph's runs as Markdown, on one line but where a run is a line break ("\\n")."""
    lines: list[list[Run]] = [[]]
    for r in runs:
        if r.text == "\n":
            lines.append([])
        else:
            lines[-1].append(r)
    return "\n".join(t for t in (paragraph_markdown(x) for x in lines) if t)


def _destination(uri: str) -> str:
    """An address as a Markdown link's destination: a space encoded, a parenthesis escaped unless
    the address balances them (CommonMark takes "P6_B(2004)0152_EN.pdf" as it is)."""
    uri = uri.replace(" ", "%20").replace("\\", "%5C")
    depth = 0
    for ch in uri:
        depth += 1 if ch == "(" else -1 if ch == ")" else 0
        if depth < 0:
            break
    return uri if depth == 0 else uri.replace("(", "\\(").replace(")", "\\)")


def paragraph_markdown(runs: list[Run]) -> str:
    """One paragraph's runs as one line of Markdown."""
    out: list[str] = []
    i = 0
    while i < len(runs):
        uri = runs[i].uri
        j = i
        while j < len(runs) and runs[j].uri == uri and runs[j].call is None:
            j += 1
        if uri is None or j == i:
            j = max(j, i + 1)
            out.append(_styled(runs[i:j]))
        else:
            while j > i + 1 and not runs[j - 1].text.strip():
                j -= 1
            text = "".join(r.text for r in runs[i:j])
            if _bare(text, uri) and not uri.lower().startswith("javascript:"):
                out.append(uri + text[len(text.rstrip(".,;")) :] if text.rstrip(".,;") != text else uri)
            else:
                out.append(f"[{_styled(runs[i:j])}]({_destination(uri)})")
        i = j
    line = re.sub(r"\s+", " ", "".join(out)).strip()
    return _BLOCK_START.sub(r"\\\1", line, count=1) if _BLOCK_START.match(line) else line


def missing_notes() -> frozenset[str]:
    """The note clausepress prints for a link with no target, in each language it speaks."""
    said = {MISSING}
    for language in catalogue_languages():
        said.add(catalogue(language)(MISSING))
    return frozenset(" ".join(s.split()) for s in said)


class Writer:
    """The Markdown written so far, a paragraph a line, and the repairs placed at its lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.repairs: list[Repair] = []

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def paragraph(self, text: str) -> int:
        """`text` written as the next paragraph; the line it starts on."""
        if self.lines:
            self.lines.append("")
        first = len(self.lines) + 1
        self.lines += text.split("\n")
        return first

    def repair(self, kind: str, message: str, removed: str = "", line: int | None = None) -> None:
        at = line if line is not None else max(1, self.next_line + (1 if self.lines else 0))
        self.repairs.append(Repair(at, 1, kind, message, removed))

    def notes(
        self, used: list[str], texts: dict[str, tuple[str, int]], uncalled: Callable[[str, int], str]
    ) -> None:
        """The notes as `[^label]: ...` definitions at the end: those called, in the order of their
        calls, then the others, each with the repair `uncalled(label, where)` says (where: the page,
        or the line, it stood on)."""
        left = dict(texts)
        for label in used:
            if label in left:
                self.paragraph(f"[^{label}]: {left.pop(label)[0]}")
        for label, (text, where) in left.items():
            self.repair("footnote", uncalled(label, where), line=self.paragraph(f"[^{label}]: {text}"))


def notes_of_links(
    runs: list[Run],
    texts: dict[str, tuple[str, int]],
    missing: frozenset[str],
    writer: Writer,
    where: str = "",
) -> list[Run]:
    """A paragraph's calls of notes that belong to a link: one that says the link's target is lost
    makes the word before it a link to nothing; one that gives the link's address again goes."""
    out: list[Run] = []
    for run in runs:
        if run.call is None or run.call not in texts:
            out.append(run)
            continue
        note = texts[run.call][0]
        said = " ".join(note.split())
        before = next((i for i in range(len(out) - 1, -1, -1) if out[i].text.strip()), None)
        if said in missing and before is not None:
            word = out[before]
            out[before] = replace(word, uri="#")
            del texts[run.call]
            writer.repair(
                "link",
                f"{where}note {run.call} says the link's target is not given: read as a link to nothing on "
                f"the word before its call, '{word.text}' (a PDF does not show where a link's words begin)",
                f"[^{run.call}]: {note}",
            )
            continue
        address = out[before].uri if before is not None else None
        if address is not None and address != "#" and address in note.replace("\\", ""):
            del texts[run.call]
            writer.repair(
                "link",
                f"{where}note {run.call} gives again the address of the link before its call "
                f"({address}): left out, the link keeps its address",
                f"[^{run.call}]: {note}",
            )
            continue
        out.append(run)
    return out
