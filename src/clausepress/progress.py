"""Progress of long work on a terminal: one line, redrawn in place ("documents 12/100, pages 340,
~40 s left"); nothing in a pipe, a file or with --quiet (what the line says is no output)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Counts documents done and their pages; draws the line on `stream` only if it is a terminal."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False, what: str = "documents") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = not quiet and _is_terminal(self.stream)
        self.what = what
        self.total = self.done = self.pages = 0
        self.began = time.monotonic()

    def start(self, total: int) -> None:
        """`total` pieces of work to come."""
        self.total, self.done, self.pages, self.began = total, 0, 0, time.monotonic()
        self._draw()

    def advance(self, pages: int | None = None) -> None:
        """One more done, of `pages` pages (None: not a PDF)."""
        self.done += 1
        self.pages += pages or 0
        self._draw()

    def clear(self) -> None:
        """Erase the line (the next `advance` draws it again), so that a line printed now stands alone."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def finish(self) -> None:
        """The work is over: the line is cleared, so that what is printed next stands alone."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def line(self) -> str:
        """What the line says now."""
        text = f"{self.what} {self.done}/{self.total}"
        if self.pages:
            text += f", pages {self.pages}"
        if 0 < self.done < self.total:
            left = (time.monotonic() - self.began) / self.done * (self.total - self.done)
            text += f", ~{left:.0f} s left"
        return text

    def _draw(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or no file behind it
        return False
