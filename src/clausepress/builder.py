"""Build: a source through the model to HTML, PDF and EPUB, each output written atomically.

The builder owns the rule that refuses a document whose errors make its outputs
meaningless (`NotBuilt`): the command line, `watch` and `clausepress.build()` all come
through `build_document`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache
from .errors import NotBuilt
from .files import recover_set, write_set
from .model import Document
from .render import (
    DEFAULT_FORMATS,
    FORMATS,
    PAPER_SIZES,
    MissingGlyph,
    PdfResult,
    RenderOptions,
    build_timestamp,
)
from .render.html import render_html
from .render.workers import InProcess, Renderer
from .resources import STYLES
from .source import load, read_source
from .variants import VARIANTS

__all__ = ["FORMATS", "BuildOptions", "NotBuilt", "Output", "build", "build_document"]


@dataclass(frozen=True, kw_only=True)
class BuildOptions:
    """What a build writes and how: one record, validated once (ValueError names the bad value)."""

    formats: Sequence[str] = DEFAULT_FORMATS  # some of pdf, epub, html, akn
    variants: Sequence[str] = ("screen",)  # the PDF variants (see variants.py)
    paper: str = "a4"  # a4 or letter
    pdfx: bool = False  # the print variant declares PDF/X-3
    styles: Path = STYLES  # the stylesheets: document.css, print.css, epub.css
    cache: bool = True  # skip rendering what has not changed since the last build

    def __post_init__(self) -> None:
        for name, given, known in (("format", self.formats, FORMATS), ("variant", self.variants, tuple(VARIANTS)),
                                   ("paper size", (self.paper,), tuple(PAPER_SIZES))):  # fmt: skip
            if isinstance(given, str):
                raise ValueError(f"{name}s are given as a list, not the string {given!r}")
            unknown = [g for g in given if g not in known]
            if unknown:
                raise ValueError(
                    f"unknown {name} {', '.join(map(repr, unknown))}; expected one of {', '.join(known)}"
                )
        # In their canonical order, each once: the same options give the same cache key.
        object.__setattr__(self, "formats", tuple(f for f in FORMATS if f in self.formats))
        object.__setattr__(self, "variants", tuple(v for v in VARIANTS if v in self.variants))


@dataclass(frozen=True)
class Output:
    """One file a build wrote."""

    path: Path
    format: str
    size: int
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()  # for a PDF: what the layout's verification repaired
    variant: str | None = None  # for a PDF: screen, print or archival
    cached: bool = False  # unchanged since the last build: nothing was rendered


def build(
    source: str | Path,
    out_dir: str | Path = "output",
    *,
    options: BuildOptions | None = None,
    **settings: Any,
) -> list[Output]:
    """Load `source` and write its outputs into `out_dir`; return what was written.

    `options` (or its fields as keywords: `formats=`, `variants=`, `paper=`...) say what
    to write. Raises `SourceError` for a source that cannot be read and `NotBuilt` for a
    document whose errors make the outputs meaningless (a duplicated id, say).
    """
    source = Path(source)
    options = dataclasses.replace(options or BuildOptions(), **settings)
    data = read_source(source)
    doc = load(source, data)
    return build_document(doc, Path(out_dir), options, source=data, base_dir=source.parent)


def refuse_meaningless(doc: Document, findings: Sequence[Any] | None = None) -> None:
    """Raise `NotBuilt` when the source's errors make its outputs meaningless.

    `findings`: what `check_source(doc)` found, when the caller has it already.
    """
    from .check import FATAL_CODES, check_source

    found = check_source(doc) if findings is None else findings
    fatal = tuple(f for f in found if f.code in FATAL_CODES and f.severity == "error")
    if fatal:
        raise NotBuilt(doc.path, fatal)


def build_document(
    doc: Document,
    out_dir: Path,
    options: BuildOptions | None = None,
    *,
    source: bytes | None = None,
    base_dir: Path = Path("."),
    renderer: Renderer | None = None,
    findings: Sequence[Any] | None = None,
    writer: Callable[[Path, str, dict[str, bytes]], object] = write_set,
) -> list[Output]:
    """Render every requested output first, then write them all: a failure writes nothing.

    `source` is the YAML's bytes: the archival PDF carries them, the cache keys on them.
    `renderer`: where the PDFs are laid out (by default in this process, one after the
    other). `findings`: `check_source(doc)`, when the caller has it already. `writer`: what
    writes the set (`files.write_set`; a cluster's worker hands the bytes back instead).
    """
    options = options or BuildOptions()
    refuse_meaningless(doc, findings)
    wanted = list(options.formats)
    pdf_variants = list(options.variants) if "pdf" in wanted else []
    timestamp = build_timestamp(doc)
    source_bytes = source if source is not None else repr(doc).encode()
    key = _cache_key(doc, options, source_bytes)
    recover_set(out_dir, doc.id)  # a set a killed build left half renamed: finished first
    if options.cache and (recorded := cache.lookup(out_dir, doc.id, key)) is not None:
        return [_recorded_output(out_dir, o) for o in recorded]
    styles = options.styles
    renderer = renderer or InProcess()
    screen = RenderOptions(paper=options.paper, timestamp=timestamp)
    html = render_html(doc, screen, styles=styles)
    base = base_dir.resolve()
    # Every PDF is asked for first, the screen one first: workers lay them out while this
    # process writes the EPUB, whose page list follows the screen PDF's pages.
    jobs: dict[str, _PdfJob] = {}
    for variant in pdf_variants:
        page_options = RenderOptions(
            paper=options.paper, timestamp=timestamp, variant=variant, pdfx=options.pdfx
        )
        page_html = html if variant == "screen" else render_html(doc, page_options, styles=styles)
        jobs[variant] = _PdfJob(renderer, doc, page_html, base, page_options, source)
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
        laid_out = jobs["screen" if "screen" in jobs else "pages"].result()
        epub = render_epub(doc, screen, styles, laid_out.page_map, laid_out.page_starts)
    for variant in pdf_variants:
        pdf = jobs[variant].result()
        _refuse_missing_glyphs(doc, pdf.missing_glyphs)
        keep(VARIANTS[variant].file_name(doc.id), "pdf", pdf.data, pages=pdf.pages,
             warnings=pdf.warnings + tuple(f"layout.missing-glyph: {m.message}" for m in pdf.missing_glyphs),
             repairs=pdf.repairs, variant=variant)  # fmt: skip
    if epub is not None:
        keep(f"{doc.id}.epub", "epub", epub)
    if "html" in wanted:
        keep(f"{doc.id}.html", "html", html.encode("utf-8"))
    if "akn" in wanted:
        from .akn import file_name
        from .render.akn import render_akn

        keep(file_name(doc.id), "akn", render_akn(doc, screen))
    written = [dataclasses.replace(o, path=out_dir / o.path) for o in rendered]
    # The outputs and the cache's record (which `check` tells stale outputs by) change as one
    # set: all of them, or none (see files.py).
    record = cache.record(out_dir, doc.id, key, source_bytes, [
        {"name": o.path.name, "format": o.format, "size": o.size, "pages": o.pages, "variant": o.variant,
         "sha256": hashlib.sha256(content).hexdigest()}
        for o, content in zip(written, data, strict=True)
    ])  # fmt: skip
    writer(out_dir, doc.id, {**{o.path.name: content for o, content in zip(written, data, strict=True)},
                             record[0]: record[1]})  # fmt: skip
    return written


def _cache_key(doc: Document, options: BuildOptions, source_bytes: bytes) -> str:
    wanted = list(options.formats)
    settings = {"formats": wanted, "variants": list(options.variants) if "pdf" in wanted else [],
                "paper": options.paper, "pdfx": options.pdfx,
                "timestamp": build_timestamp(doc).isoformat(), "doc": doc.path}  # fmt: skip
    return cache.build_key(source_bytes, settings, options.styles)


def cached_outputs(doc: Document, out_dir: Path, options: BuildOptions, source: bytes) -> list[Output] | None:
    """The outputs of `doc` the cache holds in `out_dir` for these options, unchanged since they
    were built; None if it holds none (or the options ask for no cache). A cluster's client asks
    this before it sends a document away: an unchanged document is not sent."""
    if not options.cache:
        return None
    recorded = cache.lookup(out_dir, doc.id, _cache_key(doc, options, source))
    return None if recorded is None else [_recorded_output(out_dir, o) for o in recorded]


def _recorded_output(out_dir: Path, entry: dict[str, object]) -> Output:
    """An output the cache recorded, as the build that wrote it returned it."""
    pages, variant = entry.get("pages"), entry.get("variant")
    return Output(
        out_dir / str(entry["name"]), str(entry["format"]), int(str(entry["size"])),
        pages if isinstance(pages, int) else None, variant=variant if isinstance(variant, str) else None,
        cached=True,
    )  # fmt: skip


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


def _refuse_missing_glyphs(doc: Document, missing: Sequence[MissingGlyph]) -> None:
    """Raise `NotBuilt` when the layout drew a character with no glyph (a box on the page): each
    such character an error at the source line of the part it stands in, naming the fonts to
    install. A PDF with boxes is never written."""
    from .check.findings import at
    from .check.source import parts

    where = {ident: origin for ident, origin, _ in parts(doc)}
    found = [
        at(where.get(m.part or "", doc.origin), "layout.missing-glyph", "error", m.message) for m in missing
    ]
    if found:
        raise NotBuilt(doc.origin.file, found)
