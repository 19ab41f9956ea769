"""The first document against what was received: the same words, the known links, nothing invented."""

from __future__ import annotations

import re

import yaml

from clausepress import load
from clausepress.model import Document, plain_text

from .conftest import DATA, FIRST


def _words(text: str) -> list[str]:
    return text.split()


def _received_words() -> list[str]:
    """The received text's words, link markup and clause numbers taken out."""
    text = (DATA / "iags-2024-received.txt").read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    text = text.replace("*", "")
    text = re.sub(r"^\d+\. ", "", text, flags=re.M)
    return _words(text)


def _document_words(doc: Document) -> list[str]:
    parts = [doc.title]
    parts += [plain_text(p.content) for p in doc.preamble]
    parts.append(plain_text(doc.enacting))
    parts += [f"{c.verb} {plain_text(c.content)}" for c in doc.operative]
    parts.append(plain_text(doc.closing))
    return _words(" ".join(parts))


def test_words_are_the_received_words() -> None:
    received, ours = _received_words(), _document_words(load(FIRST))
    assert len(ours) == len(received) == 1118
    diffs = [(i, a, b) for i, (a, b) in enumerate(zip(received, ours, strict=True)) if a != b]
    assert diffs == []


def test_shape_of_the_document() -> None:
    doc = load(FIRST)
    assert doc.id == "iags-2024-nagorno-karabakh"
    assert doc.issuer == "International Association of Genocide Scholars"
    assert doc.adopted.isoformat() == "2024-09-02"
    assert len(doc.preamble) == 19
    assert [c.number for c in doc.operative] == [str(n) for n in range(1, 16)]
    assert all(c.number_explicit for c in doc.operative)
    assert doc.operative[8].verb == "Call upon"  # as received, not corrected
    assert plain_text(doc.closing) == "Resolution passed September 2, 2024."


def test_links_match_the_reference() -> None:
    """29 citations with the reference's anchors; missing stays missing, editorial says so."""
    reference = yaml.safe_load((DATA / "iags-2024-citations.yaml").read_text(encoding="utf-8"))["links"]
    doc = load(FIRST)
    citations = doc.citations()
    assert [c.number for c in citations] == list(range(1, 30))
    assert [c.anchor for c in citations] == [link["anchor"] for link in reference]
    for cite, link in zip(citations, reference, strict=True):
        source = doc.sources[cite.source_id]
        assert source.status == link["status"], cite
        if link["status"] == "missing":
            assert source.url is None and source.title is None
        else:
            assert source.url == link["url"]
            assert source.note and "editor" in source.note
    assert set(doc.sources) == {c.source_id for c in citations}
