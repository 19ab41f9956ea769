"""The structure a document has, at a glance: what `clausepress outline` prints.

An editor sees what the importer made of a text; the corpus tests compare it with what
a careful reader counted (`tests/corpus/*/expected.json`).
"""

from __future__ import annotations

import json
from typing import Any

from .model import Document, plain_text

__all__ = ["format_outline", "outline"]


def outline(doc: Document) -> dict[str, Any]:
    """The document's structure as counts (the JSON `clausepress outline --format json` prints)."""
    metadata: dict[str, str] = dict(doc.metadata)
    if doc.issuer:
        metadata["issuer"] = doc.issuer
    if doc.adopted is not None:
        metadata["adopted"] = doc.adopted.isoformat()
    return {
        "id": doc.id,
        "title": doc.title,
        "form": doc.form,
        "language": doc.language,
        "metadata": metadata,
        "preamble": len(doc.preamble),
        "operative": len(doc.operative),
        "subclauses": sum(len(c.subclauses) for c in doc.operative),
        "headings": len(doc.headings()),
        "annexes": [
            {
                "title": plain_text(a.title) or a.label,
                "paragraphs": len(a.paragraphs) or len(a.preamble),  # its text blocks, when none is numbered
                "headings": len(a.headings()),
            }
            for a in doc.annexes
        ],
        "footnotes": len(doc.citations()),
    }


def format_outline(doc: Document, fmt: str = "text") -> str:
    """The outline as JSON, or as a few lines a person reads."""
    data = outline(doc)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    lines = [f"{data['id']}: {data['title']}", f"  form {data['form']}, language {data['language']}"]
    lines += [f"  {key}: {value}" for key, value in data["metadata"].items()]
    lines.append(
        f"  {data['preamble']} preamble paragraphs, {data['operative']} operative, "
        f"{data['subclauses']} sub-clauses, {data['headings']} headings, {data['footnotes']} footnotes"
    )
    lines += [
        f"  annex: {a['title']} ({a['paragraphs']} paragraphs, {a['headings']} headings)"
        for a in data["annexes"]
    ]
    return "\n".join(lines) + "\n"
