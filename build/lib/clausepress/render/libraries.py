"""Loading WeasyPrint without a compiler run for every library name it tries.

WeasyPrint (v70) opens gobject, pango, harfbuzz and fontconfig through cffi, trying the
names every platform uses in turn ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0",
... "libgobject-2.0.so.0"). cffi hands each name it cannot open directly to
`ctypes.util.find_library`, which on Linux runs `ldconfig -p`, then gcc, then ld, for
every name: about 0.14 s of each start, a sixth of a whole one-document build.

While WeasyPrint loads, `quick_library_lookup` answers those lookups from one reading
of the loader's cache, with the pattern ctypes itself applies to it. A name the cache
does not know is not found (gcc and ld would only find libraries the loader cannot open
by name anyway). Where the cache cannot be read (no glibc `ldconfig`, or
`LD_LIBRARY_PATH` set, which the cache does not cover), ctypes looks up as usual.
The upstream change that makes this unnecessary: WeasyPrint trying the Linux names
("libgobject-2.0.so.0"), which cffi opens without a lookup, before the others.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator

__all__ = ["import_weasyprint", "library_files", "quick_library_lookup"]

# ctypes.util's own table: the ABI tag ldconfig prints for this machine's libraries.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


@functools.lru_cache(maxsize=1)
def _loader_cache() -> bytes | None:
    """`ldconfig -p` once, or None where it is not the way libraries are found."""
    if not sys.platform.startswith("linux") or os.environ.get("LD_LIBRARY_PATH"):
        return None
    try:
        done = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def _from_cache(listing: bytes, name: str) -> str | None:
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name).encode(), _ABI.get(machine, "libc6").encode())
    found = re.search(pattern, listing)
    return os.fsdecode(found.group(1)) if found else None


@contextlib.contextmanager
def quick_library_lookup() -> Iterator[None]:
    """Within the block, `ctypes.util.find_library` reads the loader's cache only."""
    listing = _loader_cache()
    if listing is None:
        yield
        return
    original: Callable[[str], str | None] = ctypes.util.find_library
    ctypes.util.find_library = functools.partial(_from_cache, listing)
    try:
        yield
    finally:
        ctypes.util.find_library = original  # type: ignore[assignment]


def import_weasyprint() -> None:
    """Import WeasyPrint, its libraries looked up quickly; the usual way if that fails."""
    if "weasyprint" in sys.modules:
        return
    try:
        with quick_library_lookup():
            import weasyprint  # noqa: F401
    except OSError:
        import weasyprint  # noqa: F401  # a library only ctypes' full search finds


def library_files(names: tuple[str, ...]) -> list[str]:
    """The files the loader would open for `names` ("pango-1.0"...), resolved, with their sizes.

    Their real names carry the version ("libpango-1.0.so.0.5000.12"): what the build cache
    keys on. Empty where the loader's cache cannot be read.
    """
    listing = _loader_cache() or b""
    found = []
    for name in names:
        match = re.search(rb"\s+lib%s\.so[^\s]*\s+\([^)]*\)\s+=>\s+(\S+)" % re.escape(name).encode(), listing)
        if match:
            path = os.path.realpath(os.fsdecode(match.group(1)))
            with contextlib.suppress(OSError):
                found.append(f"{path}:{os.stat(path).st_size}")
    return found
