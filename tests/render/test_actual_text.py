"""The PDF's text layer gives back the text of complex scripts (Devanagari, Bengali, Thai).

WeasyPrint maps each glyph to one text per font, so reordered and conjunct glyphs come out
wrong; clausepress marks each line of such a script with its `/ActualText`. The words are
real: the first article of the Universal Declaration in the corpus's Hindi, Bengali and
Thai copies.
"""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from clausepress import build
from clausepress.check.pdf import read_pdf
from clausepress.presentation import words

from ..test_corpus import CORPUS, import_corpus_text


@pytest.mark.parametrize("folder", ["udhr-hi-nltk", "udhr-bn-nltk2", "udhr-th-nltk2"])
def test_complex_script_reads_back(folder: str, tmp_path: Path) -> None:
    _, result = import_corpus_text(CORPUS / folder)
    doc = result.document
    article = doc.operative[0]
    text = " ".join(x.text for x in article.content if hasattr(x, "text"))
    source = tmp_path / "a.yaml"
    source.write_text(
        f"title: {json.dumps(doc.title)}\nlanguage: {doc.language}\noperative:\n  - text: {json.dumps(text)}\n",
        encoding="utf-8",
    )
    (pdf,) = [o.path for o in build(source, tmp_path / "out", formats=["pdf"])]
    shown = read_pdf(pdf).body_words
    assert " ".join(words(text)) in " ".join(shown)
    assert b"/ActualText" in _contents(pdf)  # the mark is there, not only a lucky font


def test_latin_text_carries_no_actual_text(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text(
        "title: Plain\noperative:\n  - text: All human beings are born free.\n", encoding="utf-8"
    )
    (pdf,) = [o.path for o in build(source, tmp_path / "out", formats=["pdf"])]
    assert b"/ActualText" not in _contents(pdf)


def _contents(pdf: Path) -> bytes:
    with pikepdf.open(pdf) as opened:
        return b"".join(page.Contents.read_bytes() for page in opened.pages)
