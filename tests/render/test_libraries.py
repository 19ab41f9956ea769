"""Loading WeasyPrint's libraries from the loader cache finds what ctypes would find."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from clausepress.render import libraries

# The names under which WeasyPrint finds its libraries through a lookup on Linux.
NAMES = ["gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loader cache is glibc's")
def test_the_cache_answers_as_ctypes_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    libraries._loader_cache.cache_clear()
    listing = libraries._loader_cache()
    assert listing, "ldconfig -p gave nothing"
    for name in NAMES:
        assert libraries._from_cache(listing, name) == ctypes.util.find_library(name), name
    # Names for other platforms, which ctypes would look for with gcc and ld, are not found.
    assert libraries._from_cache(listing, "libgobject-2.0-0") is None


def test_the_lookup_is_restored_after_the_block() -> None:
    original = ctypes.util.find_library
    with libraries.quick_library_lookup():
        pass
    assert ctypes.util.find_library is original


def test_without_a_readable_cache_ctypes_looks_up_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", "/nowhere")
    libraries._loader_cache.cache_clear()
    try:
        original = ctypes.util.find_library
        with libraries.quick_library_lookup():
            assert ctypes.util.find_library is original
    finally:
        libraries._loader_cache.cache_clear()
