"""Footnotes laid out once each (render/footnotes.py): the same pages as WeasyPrint's own layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clausepress import loads
from clausepress.render import footnotes
from clausepress.render import pdf as render_pdf
from clausepress.render.html import render_html

from ..check.conftest import UN
from ..conftest import FIRST


def _notes(count: int, per: int) -> str:
    """A source of `count` direct links, `per` to a clause: pages full of notes, some moved on."""
    clauses = "".join(
        "  - verb: Notes\n    text: "
        + " ".join(
            f"word [w{k}](https://n.test/{k}/{'x' * (k % 40)})" for k in range(start, min(start + per, count))
        )
        + ";\n"
        for start in range(0, count, per)
    )
    return f"title: Notes\noperative:\n{clauses}"


def _layout(html: str) -> tuple[dict[str, int], list[tuple[float, float]]]:
    """The page of every id, and the place and height of every page's footnote area."""
    import weasyprint

    document = weasyprint.HTML(string=html, url_fetcher=render_pdf._Refuser()).render(
        font_config=render_pdf._font_config(), pdf_tags=True
    )
    areas: list[tuple[float, float]] = []

    def walk(box: Any) -> Iterator[Any]:
        yield box
        for child in getattr(box, "children", []):
            yield from walk(child)

    for page in document.pages:
        areas += [
            (round(b.position_y, 3), round(b.height, 3))
            for b in walk(page._page_box)
            if type(b).__name__ == "FootnoteAreaBox"
        ]
    return render_pdf._page_map(document), areas


def _both(html: str) -> tuple[Any, Any]:
    footnotes.uninstall()
    try:
        theirs = _layout(html)
    finally:
        footnotes.install()
    return theirs, _layout(html)


@pytest.mark.parametrize("source", [UN, FIRST], ids=["un-resolution", "first-document"])
def test_the_same_pages_as_weasyprints_own_layout(source: Path) -> None:
    theirs, ours = _both(render_html(loads(source.read_text(encoding="utf-8"), str(source))))
    assert ours == theirs
    assert any(height for _, height in ours[1])  # it has notes to place


@pytest.mark.slow
@pytest.mark.parametrize(("count", "per"), [(120, 40), (90, 3)])
def test_the_same_pages_with_pages_full_of_notes(count: int, per: int) -> None:
    theirs, ours = _both(render_html(loads(_notes(count, per))))
    assert ours == theirs
    assert len(ours[1]) >= 3


def test_installed_once() -> None:
    from weasyprint.layout import LayoutContext

    footnotes.install()
    footnotes.install()
    update = LayoutContext._update_footnote_area
    assert getattr(update, "clausepress_footnotes_once", False)
    assert not getattr(update.original, "clausepress_footnotes_once", False)
