"""Even lines from WeasyPrint: a fix of its first-fit line breaker, carried until upstream has it.

WeasyPrint (v62 to v70 at least) fits text into a line in `text.line_break.split_first_line`.
Pango is asked to lay the text out in the line's width; when Pango keeps it all on one line
(it does not count the spaces a line ends with), WeasyPrint measures that line *with* its
trailing space. A text that fits but for the space it ends with (the text before a note call
or a citation's element, the last words of a paragraph before its closing white space) is then
taken for one that cannot be broken at all, and WeasyPrint hyphenates its first word: the line
gets one syllable ("liga-" alone on a line, between "ob-" and "tions"), or the line before it
backs up and stretches its spaces to two ems. The inline layout itself already lets a text box
overflow by the white space it ends with (the space hangs, and is removed at the line's end);
only the measure of the line breaker disagrees with it.

The fix keeps WeasyPrint's function and decides that one case before it: a wrapping text of
collapsible white space that ends with spaces, and fits the width without them, is a line that
fits, as the inline layout already treats it. A minimal reproduction, for the upstream report,
is in `tests/test_typography.py` (`test_text_that_fits_but_for_its_trailing_space`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["install"]

_MARK = "clausepress_fits_but_for_trailing_space"


def install() -> None:
    """Wrap WeasyPrint's line breaker (once per process)."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    original = line_break.split_first_line
    if getattr(original, _MARK, False):
        return

    def split_first_line(
        text: str,
        style: Any,
        context: Any,
        max_width: float | None,
        justification_spacing: float,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> Any:
        if (
            max_width is not None
            and text.endswith(" ")
            and style["white_space"] in ("normal", "pre-line")
            and _fits_without_trailing_spaces(text, style, context, max_width, justification_spacing)
        ):
            # Laid out with no width, as WeasyPrint lays out what it knows fits: one line, the
            # trailing space kept (the inline layout lets it hang and removes it at the line's end).
            return original(text, style, context, None, justification_spacing, is_line_start, minimum)
        return original(text, style, context, max_width, justification_spacing, is_line_start, minimum)

    def _fits_without_trailing_spaces(
        text: str, style: Any, context: Any, max_width: float, justification_spacing: float
    ) -> bool:
        stripped = text.rstrip(" ")
        if not stripped or "\xad" in stripped[-1:]:
            return False
        layout = line_break.create_layout(stripped, style, context, max_width, justification_spacing)
        try:
            line, resume = layout.get_first_line()
            if resume is not None:
                return False
            width, _ = line_break.line_size(line, style)
            return bool(width <= max_width)
        finally:
            layout.deactivate()

    setattr(split_first_line, _MARK, True)
    split_first_line.__wrapped__ = original  # type: ignore[attr-defined]
    line_break.split_first_line = split_first_line
    inline.split_first_line = split_first_line  # the inline layout imported the name itself
