"""Build: a source through the model to HTML, PDF and EPUB, each output written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import Document
from .render import RenderOptions, build_timestamp
from .render.epub import render_epub
from .render.html import STYLES, render_html
from .render.pdf import render_pdf
from .source import load

__all__ = ["FORMATS", "Output", "build", "build_document"]

FORMATS = ("pdf", "epub", "html")


@dataclass(frozen=True)
class Output:
    """One file a build wrote."""

    path: Path
    format: str
    size: int
    pages: int | None = None
    warnings: tuple[str, ...] = ()


def build(
    source: str | Path,
    out_dir: str | Path = "output",
    formats: Iterable[str] = FORMATS,
    paper: str = "a4",
    styles: Path = STYLES,
) -> list[Output]:
    """Load `source` and write its outputs into `out_dir`; return what was written."""
    return build_document(load(source), Path(out_dir), formats, paper, styles, Path(source).parent)


def build_document(
    doc: Document,
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    paper: str = "a4",
    styles: Path = STYLES,
    base_dir: Path = Path("."),
) -> list[Output]:
    """Render every requested format first, then write them all: a failure writes nothing."""
    wanted = [f for f in FORMATS if f in set(formats)]
    options = RenderOptions(paper=paper, timestamp=build_timestamp(doc))
    rendered: list[tuple[str, bytes, int | None, tuple[str, ...]]] = []
    html = render_html(doc, options, styles=styles)
    if "html" in wanted:
        rendered.append(("html", html.encode("utf-8"), None, ()))
    if "pdf" in wanted:
        pdf = render_pdf(doc, html, base_dir.resolve())
        rendered.append(("pdf", pdf.data, pdf.pages, pdf.warnings))
    if "epub" in wanted:
        rendered.append(("epub", render_epub(doc, options, styles), None, ()))
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = []
    for fmt, data, pages, warnings in sorted(rendered, key=lambda r: wanted.index(r[0])):
        path = out_dir / f"{doc.id}.{fmt}"
        write_atomically(path, data)
        outputs.append(Output(path, fmt, len(data), pages, warnings))
    return outputs


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
