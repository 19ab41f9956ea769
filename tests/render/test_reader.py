"""The EPUB as a real reader opens it: calibre (Debian's, installed by the test set-up) reads the
first document's EPUB as its viewer would.

calibre's `ebook-convert` parses the package, the spine and every file as its viewer does: its
text output must hold every clause's words in reading order and every note; its PDF output (its
viewer's rendering engine, Qt WebEngine, under a virtual display) must have no blank page (an
overflowing cover once gave one).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clausepress import load
from clausepress.check.text import blocks, words

from ..conftest import Built

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("ebook-convert") is None or shutil.which("xvfb-run") is None,
        reason="calibre and xvfb are installed by `bash scripts/bootstrap.sh test`; run that first",
    ),
]


def _convert(epub: Path, out: Path) -> Path:
    env = dict(os.environ, QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox", HOME=str(out.parent))
    subprocess.run(
        ["xvfb-run", "-a", "ebook-convert", str(epub), str(out)],
        capture_output=True, text=True, check=True, timeout=300, env=env,
    )  # fmt: skip
    return out


def _blank_pages(pdf: Path, tmp: Path) -> list[int]:
    """The pages of a PDF with no dark pixel (rendered in grey at 12 dpi)."""
    subprocess.run(["pdftoppm", "-gray", "-r", "12", str(pdf), str(tmp / "p")], check=True, timeout=120)
    blank = []
    for image in sorted(tmp.glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
        data = image.read_bytes()
        # A binary PGM: "P5", width, height, maximum, then one byte a pixel.
        header = re.match(rb"P5\s+\d+\s+\d+\s+\d+\s", data)
        assert header is not None
        if min(data[header.end() :]) > 200:
            blank.append(int(image.stem.split("-")[1]))
    return blank


def test_calibre_reads_every_clause_and_note_of_the_first_document(first: Built, tmp_path: Path) -> None:
    doc = load(first.source)
    text = _convert(first.epub, tmp_path / "first.txt").read_text(encoding="utf-8")
    # calibre's text glues a note's call to its word ("civilians1;"): digits are left out on both sides.
    shown = _letters(words(text))
    at = 0
    for block in blocks(doc):
        want = _letters(block.words)
        found = next((i for i in range(at, len(shown)) if shown[i : i + len(want)] == want), None)
        assert found is not None, f"calibre's text lacks {block.label}, in order"
        at = found + len(want)
    for source in doc.sources.values():
        if source.note:
            assert " ".join(_letters(words(source.note))) in " ".join(shown), source.note


def _letters(found: list[str] | tuple[str, ...]) -> list[str]:
    """The words without their digits, those of digits alone left out."""
    return [w for w in (re.sub(r"\d+", "", x) for x in found) if w]


def test_calibre_shows_no_blank_page(first: Built, tmp_path: Path) -> None:
    pdf = _convert(first.epub, tmp_path / "first.pdf")
    assert _blank_pages(pdf, tmp_path) == []
