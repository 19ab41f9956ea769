"""Build: a source through the model to HTML, PDF and EPUB, each output written atomically."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache
from .files import write_atomically
from .model import Document
from .render import FORMATS, VARIANTS, PdfResult, RenderOptions, build_timestamp, variant_suffix
from .render.html import STYLES, render_html
from .render.workers import InProcess, Renderer
from .source import load

__all__ = ["FORMATS", "Output", "build", "build_document"]


@dataclass(frozen=True)
class Output:
    """One file a build wrote."""

    path: Path
    format: str
    size: int
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    variant: str | None = None  # for a PDF: screen, print or archival
    cached: bool = False  # unchanged since the last build: nothing was rendered


def build(
    source: str | Path,
    out_dir: str | Path = "output",
    formats: Iterable[str] = FORMATS,
    paper: str = "a4",
    styles: Path = STYLES,
    variants: Iterable[str] = ("screen",),
    pdfx: bool = False,
    use_cache: bool = True,
) -> list[Output]:
    """Load `source` and write its outputs into `out_dir`; return what was written."""
    source = Path(source)
    doc = load(source)
    return build_document(
        doc,
        Path(out_dir),
        formats,
        paper,
        styles,
        source.parent,
        variants,
        pdfx,
        source.read_bytes(),
        use_cache,
    )


def build_document(
    doc: Document,
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    paper: str = "a4",
    styles: Path = STYLES,
    base_dir: Path = Path("."),
    variants: Iterable[str] = ("screen",),
    pdfx: bool = False,
    source: bytes | None = None,
    use_cache: bool = True,
    renderer: Renderer | None = None,
) -> list[Output]:
    """Render every requested output first, then write them all: a failure writes nothing.

    `variants` are the PDF variants to write (screen, print, archival); the archival one
    needs the `source` bytes, which it carries as an attachment. `renderer`: where the
    PDFs are laid out (by default in this process, one after the other).
    """
    wanted = [f for f in FORMATS if f in set(formats)]
    pdf_variants = [v for v in VARIANTS if v in set(variants)] if "pdf" in wanted else []
    timestamp = build_timestamp(doc)
    settings = {"formats": wanted, "variants": pdf_variants, "paper": paper, "pdfx": pdfx,
                "timestamp": timestamp.isoformat(), "doc": doc.path}  # fmt: skip
    key = cache.build_key(source or repr(doc).encode(), settings, styles) if use_cache else ""
    if use_cache and (recorded := cache.lookup(out_dir, doc.id, key)) is not None:
        for o in recorded:  # up to date: no older than their source, for `check`
            os.utime(out_dir / str(o["name"]))
        return [
            Output(out_dir / str(o["name"]), str(o["format"]), int(o["size"]), o.get("pages"),  # type: ignore[arg-type]
                   (), o.get("variant"), cached=True)  # type: ignore[arg-type]
            for o in recorded
        ]  # fmt: skip
    renderer = renderer or InProcess()
    screen = RenderOptions(paper=paper, timestamp=timestamp)
    html = render_html(doc, screen, styles=styles)
    base = base_dir.resolve()
    # Every PDF is asked for first, the screen one first: workers lay them out while this
    # process writes the EPUB, whose page list follows the screen PDF's pages.
    jobs: dict[str, _PdfJob] = {}
    for variant in pdf_variants:
        options = RenderOptions(paper=paper, timestamp=timestamp, variant=variant, pdfx=pdfx)
        page_html = html if variant == "screen" else render_html(doc, options, styles=styles)
        jobs[variant] = _PdfJob(renderer, doc, page_html, base, options, source)
    if "epub" in wanted and "screen" not in jobs:
        jobs["pages"] = _PdfJob(renderer, doc, html, base, screen, source)  # for the page list only

    from .render.epub import render_epub  # ebooklib loads only when something renders

    rendered: list[Output] = []  # paths relative to out_dir until written
    data: list[bytes] = []

    def keep(name: str, fmt: str, content: bytes, **extra: object) -> None:
        rendered.append(Output(Path(name), fmt, len(content), **extra))  # type: ignore[arg-type]
        data.append(content)

    epub = None
    if "epub" in wanted:
        epub = render_epub(
            doc, screen, styles, jobs["screen" if "screen" in jobs else "pages"].result().page_map
        )
    for variant in pdf_variants:
        pdf = jobs[variant].result()
        keep(f"{doc.id}{variant_suffix(variant)}.pdf", "pdf", pdf.data, pages=pdf.pages,
             warnings=pdf.warnings, variant=variant)  # fmt: skip
    if epub is not None:
        keep(f"{doc.id}.epub", "epub", epub)
    if "html" in wanted:
        keep(f"{doc.id}.html", "html", html.encode("utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for output, content in zip(rendered, data, strict=True):
        path = out_dir / output.path
        write_atomically(path, content)
        written.append(dataclasses.replace(output, path=path))
    if use_cache:
        cache.store(out_dir, doc.id, key, [
            {"name": o.path.name, "format": o.format, "size": o.size, "pages": o.pages, "variant": o.variant,
             "sha256": hashlib.sha256(content).hexdigest()}
            for o, content in zip(written, data, strict=True)
        ])  # fmt: skip
    return written


class _PdfJob:
    """A PDF asked of a renderer; its result, or the error rendering it here reports."""

    def __init__(self, renderer: Renderer, *job: Any) -> None:
        self.job = job
        self.future = renderer.submit(*job)

    def result(self) -> PdfResult:
        try:
            return self.future.result()
        except BrokenProcessPool:  # a worker died: here, the real error shows (or none)
            return InProcess().submit(*self.job).result()
