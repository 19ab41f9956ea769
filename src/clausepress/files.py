"""Writing files whole or not at all: the one atomic writer of the builder, the cache and the importer."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["FileExists", "write_atomically"]


class FileExists(Exception):
    """`write_atomically(..., overwrite=False)` found the file already there."""


def _mode(path: Path) -> int:
    """The mode a file written to `path` gets: what open() would give it, the mode of the file it
    replaces, else 0o666 less the umask (mkstemp's 0o600 would keep a group or others out)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux says it (/proc/self/status)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and put back at once
    os.umask(mask)
    return mask


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
        os.chmod(tmp, _mode(path))
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExists(str(path)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
