"""Text that remembers where each of its characters stood in the input, to report repairs by line and column."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Located:
    """A string and, for runs of it, the input line and column its characters come from.

    `marks` holds (offset, line, column): from `offset` on, the characters follow on from
    (line, column) in the input until the next mark. Slicing, joining and replacing keep the
    marks right, so that a position found late in the pipeline still names the input.
    """

    text: str
    marks: tuple[tuple[int, int, int], ...]

    @classmethod
    def at(cls, text: str, line: int, column: int) -> Located:
        """`text` as it stands at (line, column) of the input."""
        return cls(text, ((0, line, column),))

    def __len__(self) -> int:
        return len(self.text)

    def where(self, index: int) -> tuple[int, int]:
        """The input (line, column) of the character at `index` (or just past the end)."""
        offsets = [m[0] for m in self.marks]
        k = max(bisect.bisect_right(offsets, index) - 1, 0)
        offset, line, column = self.marks[k]
        return line, column + (index - offset)

    def __getitem__(self, part: slice) -> Located:
        start, stop, _ = part.indices(len(self.text))
        stop = max(stop, start)
        line, column = self.where(start)
        marks = [(0, line, column)]
        marks += [(o - start, li, co) for o, li, co in self.marks if start < o < stop]
        return Located(self.text[start:stop], tuple(marks))

    def __add__(self, other: Located) -> Located:
        n = len(self.text)
        marks = list(self.marks) + [(o + n, li, co) for o, li, co in other.marks]
        # A later mark at the same offset wins (an empty piece leaves no trace).
        tidy: dict[int, tuple[int, int, int]] = {}
        for mark in marks:
            tidy[mark[0]] = mark
        return Located(self.text + other.text, tuple(sorted(tidy.values())))

    def replace(self, start: int, end: int, new: str) -> Located:
        """`text[start:end]` replaced by `new`, which takes the position of what it replaces."""
        line, column = self.where(start)
        return self[:start] + Located.at(new, line, column) + self[end:]

    def strip(self, chars: str | None = None) -> Located:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self[left:right] if right > left else self[left:left]

    def append(self, sep: str, other: Located) -> Located:
        """This text, `sep` (placed where this text ends), then `other`."""
        line, column = self.where(len(self.text))
        return self + Located.at(sep, line, column) + other

    @staticmethod
    def join(parts: Iterable[Located], sep: str = " ") -> Located:
        result: Located | None = None
        for part in parts:
            result = part if result is None else result.append(sep, part)
        return result if result is not None else Located.at("", 1, 1)
