"""The checker: clause numbering and links intact in the source, the PDF and the EPUB.

`check_document` loads a source, checks its model, and checks the outputs built from
it; each problem is a `Finding` value with a code, a severity and a location.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import recorded_source
from ..errors import display_path
from ..files import recover_set
from ..source import load, read_source
from ..variants import VARIANTS
from .findings import Finding
from .source import FATAL_CODES, check_source

__all__ = ["FATAL_CODES", "DocumentReport", "Finding", "check_document", "check_source"]


@dataclass
class DocumentReport:
    """What the checker found in one document and its outputs."""

    source: str
    id: str
    checked: dict[str, str] = field(default_factory=dict)  # format -> file checked
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def check_document(
    source: str | Path,
    pdf: Path | list[Path] | None = None,
    epub: Path | None = None,
    output_dir: Path = Path("output"),
    epubcheck: bool = False,
    verapdf: bool = False,
    ace: bool = False,
    tools: Path | None = None,
) -> DocumentReport:
    """Check a source and the PDFs and EPUB built from it (by default those in `output_dir`).

    With no `pdf`, every variant found in `output_dir` is checked (`<id>.pdf`, and
    `<id>.print.pdf`, `<id>.archival.pdf` where built). `tools`: where the validators'
    wrappers are (see `validators.tools_dir`). Raises `SourceError` when the
    source cannot be read at all.
    """
    # The output checks load pypdf and lxml here, not when `build` checks a source.
    from ..akn import file_name as akn_file_name
    from .akn import check_akn
    from .epub import check_epub
    from .pdf import check_pdf_variant
    from .validators import run_ace, run_verapdf, tools_dir

    source = Path(source)
    data = read_source(source)
    doc = load(source, data)
    digest = hashlib.sha256(data).hexdigest()
    folder = tools_dir(tools)
    report = DocumentReport(display_path(source), doc.id)
    report.findings += sorted(check_source(doc), key=lambda f: (f.line or 0, f.column or 0))
    recovered = recover_set(output_dir, doc.id)  # a build killed between renames: finished first
    if recovered is not None:
        report.findings.append(
            Finding("output.interrupted", "warning", recovered.message, display_path(recovered.manifest))
        )
    pdfs = [pdf] if isinstance(pdf, Path) else list(pdf or [])
    if not pdfs:
        for variant in VARIANTS.values():  # the screen PDF is expected; the others where built
            path = output_dir / variant.file_name(doc.id)
            if (variant.name == "screen" or path.exists()) and _output(digest, path, False, report, "pdf"):
                pdfs.append(path)
    else:
        pdfs = [p for p in pdfs if _output(digest, p, True, report, "pdf")]
    first_words: dict[int, str] | None = None  # of the screen PDF's pages, for the EPUB's page list
    for path in pdfs:
        kind, findings, words = check_pdf_variant(doc, path, source)
        if kind == "screen" and words:
            first_words = words
        report.checked["pdf" if kind == "screen" else f"pdf.{kind}"] = display_path(path)
        report.findings += findings
        if verapdf:
            report.findings += run_verapdf(path, tools=folder)
    akn_path = output_dir / akn_file_name(doc.id)  # checked where built
    if akn_path.exists() and _output(digest, akn_path, False, report, "akn"):
        report.checked["akn"] = display_path(akn_path)
        report.findings += check_akn(doc, akn_path)
    epub_path = _output(digest, epub or output_dir / f"{doc.id}.epub", epub is not None, report, "epub")
    if epub_path is not None:
        report.checked["epub"] = display_path(epub_path)
        report.findings += check_epub(doc, epub_path, epubcheck=epubcheck, pdf_pages=first_words)
        if ace:
            report.findings += run_ace(epub_path, tools=folder)
    return report


# The largest PDF or EPUB the checker reads: far beyond any document clausepress builds
# (4,000,000 characters of text), so that a device or a stream is refused, not read on.
MAX_OUTPUT_BYTES = 512 * 1024 * 1024


def _output(digest: str, path: Path, given: bool, report: DocumentReport, kind: str) -> Path | None:
    """The output to check, or None (with a finding) when there is none fit to check: missing, not
    a plain file, too large, or (unless `given`) not built from the source whose SHA-256 is `digest`."""
    name = display_path(path)
    if not path.exists():
        if given:
            report.findings.append(Finding("output.missing", "error", f"{name} does not exist", name))
        else:
            report.findings.append(
                Finding("output.missing", "warning", f"{name} is not built (run clausepress build)", name)
            )
        return None
    unfit = _unfit(path)
    if unfit:
        report.findings.append(Finding(f"{kind}.unreadable", "error", f"{name} {unfit}; not checked", name))
        return None
    if not given and recorded_source(path, report.id) != digest:
        report.findings.append(
            Finding(
                "output.stale",
                "error",
                f"{name} was not built from the source as it is now; not checked (run clausepress build)",
                name,
            )  # fmt: skip
        )
        return None
    return path


def _unfit(path: Path) -> str | None:
    """Why the checker will not read `path` (its readers read whole files, and seek): not a plain
    file (a device such as /dev/zero, a FIFO, standard input), or larger than MAX_OUTPUT_BYTES."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a plain file (a device, a pipe or a folder)"
    if info.st_size > MAX_OUTPUT_BYTES:
        return f"holds {info.st_size:,} bytes; the checker reads at most {MAX_OUTPUT_BYTES:,}"
    return None
