"""The text of complex scripts in the PDF's text layer: each line of it carries its own text.

WeasyPrint maps each glyph to the characters of its cluster, once per font: a Devanagari,
Bengali or Thai glyph that stands for different characters in different clusters (a
conjunct, a vowel sign drawn before its consonant) keeps the first, and the text a reader
copies, searches or reads aloud comes out wrong ("মানবা7ধিকা=রেরে" for "মানবাধিকারের").
PDF's answer is the marked-content property `/ActualText` (ISO 32000-1, 14.9.4): the run
of glyphs is replaced, for text extraction, by the text given. `install()` wraps the
drawing of every line box whose text holds such a script in a `/Span` with its text as
`/ActualText`, inside the tagged PDF's own marked content. Other scripts are drawn as before.
"""

from __future__ import annotations

from typing import Any

import pydyf

from ..presentation import COMPLEX_SCRIPTS

__all__ = ["COMPLEX_SCRIPTS", "install"]


def install() -> None:
    """Wrap WeasyPrint's drawing of text boxes (once per process)."""
    import weasyprint.draw as draw

    original = draw.draw_text
    if getattr(original, "clausepress_actual_text", False):
        return

    def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        text = textbox.text
        if not COMPLEX_SCRIPTS.search(text):
            return original(stream, textbox, *args, **kwargs)
        pydyf.Stream.begin_marked_content(
            stream, "Span", pydyf.Dictionary({"ActualText": pydyf.String(text)})
        )
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            pydyf.Stream.end_marked_content(stream)

    draw_text.clausepress_actual_text = True  # type: ignore[attr-defined]
    draw.draw_text = draw_text
