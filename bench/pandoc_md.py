"""The Markdown rendition of a clausepress document for the pandoc pipeline: same text, same footnotes."""

from __future__ import annotations

import re

from clausepress.model import Citation, Document, Emphasis, Inline, Strong, Text
from clausepress.render.notes import note_html


def _inline(doc: Document, nodes: tuple[Inline, ...]) -> str:
    out = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.text.replace("*", r"\*").replace("[", r"\[").replace("]", r"\]"))
        elif isinstance(n, Emphasis):
            out.append(f"*{_inline(doc, n.children)}*")
        elif isinstance(n, Strong):
            out.append(f"**{_inline(doc, n.children)}**")
        elif isinstance(n, Citation):
            out.append(f"{_inline(doc, n.children)}[^{n.number}]")
    return "".join(out)


def markdown(doc: Document) -> str:
    """The document as pandoc Markdown, with one footnote per citation."""
    lines = ["---", f"title: {doc.title!r}", f"author: {doc.issuer!r}", f"lang: {doc.language}", "---", ""]
    lines += [_inline(doc, p.content) + "\n" for p in doc.preamble]
    lines += [_inline(doc, doc.enacting) + "\n"]
    for c in doc.operative:
        lines.append(f"{c.number}. *{c.verb}* {_inline(doc, c.content)}")
    lines += ["", _inline(doc, doc.closing), ""]
    for cite in doc.citations():
        text = re.sub(r"<[^>]+>", "", str(note_html(doc.sources.get(cite.source_id), cite.source_id)))
        lines.append(f"[^{cite.number}]: {text}")
    return "\n".join(lines) + "\n"
