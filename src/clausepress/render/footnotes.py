"""Footnotes laid out once each: WeasyPrint's footnote area, measured without laying it out again whole.

WeasyPrint (v70) keeps a page's footnote area up to date in `LayoutContext._update_footnote_area`:
each time it places a note on the page (or takes one back), it copies the whole area and lays out
every note in it again, to learn the area's height. A page of k notes lays out k(k+1)/2 notes,
and a document of many notes spends nearly all its layout there (a page of 30 notes: 465 note
layouts for 30; 200 notes over 7 pages: 22 of 25 seconds).

The fix measures each note once, alone in a copy of the area, and adds the heights. That is the
height WeasyPrint finds where the notes' margins cannot collapse with each other or with the area:
the area has a top border or padding, and no note has a bottom margin (styles/document.css: a rule
above the notes, `margin-top` on each); the notes then stack, each its top margin and its box. An
area with a `max-height` (whose overflow WeasyPrint reports) or any other arrangement is laid out
as WeasyPrint does. The same pages come out: `tests/render/test_pdf.py` compares the page of every
note with and without the fix.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["install", "uninstall"]

_MARK = "clausepress_footnotes_once"


def install() -> None:
    """Replace WeasyPrint's footnote area update (once per process)."""
    from weasyprint.layout import LayoutContext

    original = LayoutContext._update_footnote_area
    if getattr(original, _MARK, False):
        return

    def _update_footnote_area(self: Any) -> bool:
        area = self.current_footnote_area
        if not _stackable(area, self.current_page_footnotes):
            return bool(original(self))
        if area.height != "auto" and not self.in_column:
            self.page_bottom += area.margin_height()
        area.children = self.current_page_footnotes
        if not area.children:
            area.height = 0
            if not self.in_column:
                self.page_bottom -= area.margin_height()
            return False
        area.height = sum(_height(self, area, note) for note in area.children)
        if not self.in_column:
            self.page_bottom -= area.margin_height()
        return False  # an area with no max-height never overflows itself

    setattr(_update_footnote_area, _MARK, True)
    _update_footnote_area.original = original  # type: ignore[attr-defined]
    LayoutContext._update_footnote_area = _update_footnote_area


def uninstall() -> None:
    """Put WeasyPrint's own update back (for the test that compares both)."""
    from weasyprint.layout import LayoutContext

    current = LayoutContext._update_footnote_area
    if getattr(current, _MARK, False):
        LayoutContext._update_footnote_area = current.original


def _stackable(area: Any, notes: list[Any]) -> bool:
    """Whether the area's height is the sum of its notes' own: nothing collapses, nothing is capped."""
    style = area.style
    top = style["border_top_width"] > 0 or _length(style["padding_top"]) > 0
    capped = not _infinite(_length(style["max_height"]))
    return top and not capped and all(_length(n.style["margin_bottom"]) == 0 for n in notes)


def _length(value: Any) -> float:
    return float(getattr(value, "value", value) or 0)


def _infinite(value: float) -> bool:
    return math.isinf(value)


def _height(context: Any, area: Any, note: Any) -> float:
    """The height a note adds to the area (its top margin and its box), laid out once per width."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout.block import block_level_layout

    cache: dict[tuple[int, float], float] = context.__dict__.setdefault("_clausepress_note_heights", {})
    key = (id(note), area.width)
    if key not in cache:
        children = area.children
        area.children = [note]
        try:
            alone = build.create_anonymous_boxes(area.deepcopy())
        finally:
            area.children = children
        cache[key] = block_level_layout(context, alone, -math.inf, None, area.page)[0].height
    return cache[key]
