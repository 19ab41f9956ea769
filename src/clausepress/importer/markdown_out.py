"""Runs of words with their emphasis, link and note calls, written as the Markdown the importer reads.

Both readers of laid-out files (PDF, web page) end in runs: a word or a space with its
emphasis, the address it links to, or a footnote call. `paragraph_markdown` writes one
paragraph of them on one line: `[words](address)` for a link, `*...*` for italic, `**...**`
for bold, `[^n]` for a call, every other character Markdown would read as markup escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Run", "escape", "paragraph_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
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
    return _SPECIAL.sub(r"\\\1", text)


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
        while j < len(runs) and runs[j].call is None and (
            (runs[j].italic, runs[j].bold) == (run.italic, run.bold) or not runs[j].text.strip()
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
                out.append(uri + text[len(text.rstrip(".,;")):] if text.rstrip(".,;") != text else uri)
            else:
                out.append(f"[{_styled(runs[i:j])}]({uri.replace(' ', '%20').replace(')', '%29').replace('(', '%28')})")
        i = j
    line = re.sub(r"\s+", " ", "".join(out)).strip()
    return _BLOCK_START.sub(r"\\\1", line, count=1) if _BLOCK_START.match(line) else line
