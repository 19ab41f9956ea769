"""Reading with a bound: at most the limit from any file or stream, whatever it is.

A size from `stat()` says nothing of standard input, a FIFO or `/dev/zero` (all of
size 0), nor of a file that grows while it is read: every read of something the user
names goes through `read_at_most`, which never takes more than the limit and one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["TooLarge", "read_at_most"]

_CHUNK = 1 << 20


class TooLarge(Exception):
    """What was read holds more than the limit; `limit` says how much that was."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit:,} bytes")
        self.limit = limit


def read_at_most(source: str | Path | BinaryIO, limit: int) -> bytes:
    """All of `source` (a path, or a binary stream such as `sys.stdin.buffer`), when it holds at
    most `limit` bytes; else `TooLarge`, having read no more than `limit + 1`. OSError as raised."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise TooLarge(limit)  # a plain file says its size: nothing to read
            return _read(stream, limit)
    return _read(source, limit)


def _read(stream: BinaryIO, limit: int) -> bytes:
    chunks: list[bytes] = []
    held = 0
    while held <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - held))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        held += len(chunk)
    raise TooLarge(limit)
