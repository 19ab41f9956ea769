"""Golden files of what a person reviews: the model and the HTML of a few small documents.

`pytest tests/test_golden.py --update-golden` writes tests/golden/model/*.txt (tests/dump.py's
rendering of the `Document` tree) and tests/golden/html/*.html (`render_html`, its inline
stylesheet, which is styles/document.css, replaced by a line naming it) anew;
`git diff tests/golden` is then the review of what a change to the loader or the writers did.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clausepress import load
from clausepress.render.html import read_style, render_html

from .conftest import FIXTURES, Golden
from .dump import dump

SHAPES = Path(__file__).resolve().parent / "shapes"
# Sub-clauses two deep with sources of three kinds; articles and lettered recitals; a
# right-to-left document; French typography (guillemets, no-break spaces, hyphenation points).
DOCUMENTS = [
    FIXTURES / "subclauses.yaml",
    SHAPES / "articles.yaml",
    SHAPES / "arabic.yaml",
    SHAPES / "french.yaml",
    Path(__file__).resolve().parent / "forms" / "un-ga-parts.yaml",
    Path(__file__).resolve().parent / "forms" / "headed-parts.yaml",
]
_STYLE = re.compile(r"<style>\n.*?</style>", re.S)


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.stem)
def test_model(source: Path, golden: Golden) -> None:
    golden.check(f"model/{source.stem}.txt", dump(load(source)))


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.stem)
def test_html(source: Path, golden: Golden) -> None:
    html = render_html(load(source))
    assert render_html(load(source)) == html  # the same page every time: nothing varies from run to run
    css = read_style("document.css")
    assert html.count(css) == 1  # the page carries the stylesheet whole
    golden.check(
        f"html/{source.stem}.html", _STYLE.sub("<style>/* styles/document.css */</style>", html, count=1)
    )
