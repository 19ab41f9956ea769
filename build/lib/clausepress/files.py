"""Writing files whole or not at all: the one atomic writer of the builder, the cache and the importer."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["FileExists", "write_atomically"]


class FileExists(Exception):
    """`write_atomically(..., overwrite=False)` found the file already there."""


def write_atomically(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then a rename.

    A reader (or a build killed half-way) sees the old file or the new one, never a
    part. With `overwrite=False` the file is linked into place only if it still does not
    exist (`FileExists` otherwise): two writers never overwrite each other.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExists(str(path)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
