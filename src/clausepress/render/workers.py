"""Where PDFs are rendered: in this process, or in worker processes started ahead of need.

Most of a one-document build is WeasyPrint: loading it (about a quarter of a second)
and laying out the pages. Everything else (reading the source, the checks, the HTML,
the EPUB) is small beside it, but it adds up when it waits its turn. `Workers` starts
its processes first, so that they load WeasyPrint and its fonts while this process
reads the source and writes the HTML; they then lay out the PDF variants, two at a time
with two workers, while this one writes the EPUB. The bytes are the same either way.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path

from ..model import Document
from . import PdfResult, RenderOptions

__all__ = ["InProcess", "Renderer", "Workers", "cores", "die_with_parent"]


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _render(doc: Document, html: str, base: Path, options: RenderOptions, source: bytes | None) -> PdfResult:
    from .pdf import render_pdf

    return render_pdf(doc, html, base, options, source)


def die_with_parent(parent: int) -> None:
    """In a worker: end when the process that started it ends, even by SIGKILL, and hold none of
    its output streams.

    A pool's workers wait for work from their parent; a parent killed outright cannot
    tell them to stop, and they would wait (and hold their memory) for ever, and keep the
    parent's standard output open: `clausepress build ... | cat` would never end. On Linux
    the kernel kills them when it dies (PR_SET_PDEATHSIG); elsewhere (and should that
    fail) a thread looks for the parent twice a second; one already gone is not waited
    for. A worker writes nothing itself (its results and errors go back to the parent),
    so its standard output and error go to /dev/null rather than into the parent's pipe.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.flush()
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watchdog").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


_PR_SET_PDEATHSIG = 1


def _preload(parent: int) -> None:
    """In a worker, before any job: WeasyPrint and its font configuration."""
    die_with_parent(parent)
    from .pdf import _font_config

    _font_config()


class Renderer:
    """Renders PDFs; `submit` returns a future of a `PdfResult`."""

    def submit(
        self, doc: Document, html: str, base: Path, options: RenderOptions, source: bytes | None = None
    ) -> cf.Future[PdfResult]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop what is still running: nothing more will be asked."""


class InProcess(Renderer):
    """Renders in this process, at once: the future is done when `submit` returns."""

    def submit(
        self, doc: Document, html: str, base: Path, options: RenderOptions, source: bytes | None = None
    ) -> cf.Future[PdfResult]:
        future: cf.Future[PdfResult] = cf.Future()
        try:
            future.set_result(_render(doc, html, base, options, source))
        except Exception as exc:
            future.set_exception(exc)
        return future


class Workers(Renderer):
    """Renders in `count` worker processes, started (and loading WeasyPrint) at once.

    Forked where the platform allows (fast, and nothing to import again); the platform's
    default elsewhere. A worker that dies makes its futures raise `BrokenProcessPool`;
    `build_document` then renders in its own process, which reports the real error.
    """

    def __init__(self, count: int) -> None:
        context = (
            multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        )
        self._others = set(multiprocessing.active_children())
        self._pool = cf.ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=_preload, initargs=(os.getpid(),)
        )
        for _ in range(count):  # each submission finding no idle worker starts one: all start now
            self._pool.submit(int)

    def submit(
        self, doc: Document, html: str, base: Path, options: RenderOptions, source: bytes | None = None
    ) -> cf.Future[PdfResult]:
        return self._pool.submit(_render, doc, html, base, options, source)

    def close(self) -> None:
        # Workers still loading WeasyPrint for nothing (an unchanged build, an invalid
        # source) are stopped rather than waited for.
        # The pool's manager thread may still be starting a worker while we stop the others: stop
        # those it has, wait for the thread to end (it starts no more then), and look again until
        # none of ours is left. (shutdown() forgets both, so they are taken first.)
        pool = list((getattr(self._pool, "_processes", None) or {}).values())
        manager = getattr(self._pool, "_executor_manager_thread", None)
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in pool:
            process.terminate()
        if manager is not None:
            manager.join(timeout=30)
        for process in pool:
            process.join(timeout=30)
        quiet = 0
        for _ in range(200):  # until no worker of ours has shown for three looks in a row
            mine = [p for p in multiprocessing.active_children() if p not in self._others]
            if not mine:
                quiet += 1
                if quiet == 3:
                    break
                time.sleep(0.01)
                continue
            quiet = 0
            for process in mine:
                process.terminate()
            for process in mine:
                process.join()
