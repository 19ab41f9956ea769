"""The checker: clause numbering and links intact in the source, the PDF and the EPUB.

`check_document` loads a source, checks its model, and checks the outputs built from
it; each problem is a `Finding` value with a code, a severity and a location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import display_path
from ..model import Document
from ..source import load
from .epub import check_epub
from .findings import Finding
from .pdf import check_pdf
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
    pdf: Path | None = None,
    epub: Path | None = None,
    output_dir: Path = Path("output"),
    epubcheck: bool = False,
) -> DocumentReport:
    """Check a source and the PDF and EPUB built from it (by default those in `output_dir`).

    Raises `SourceError` when the source cannot be read at all.
    """
    source = Path(source)
    doc = load(source)
    report = DocumentReport(display_path(source), doc.id)
    report.findings += sorted(check_source(doc), key=lambda f: (f.line or 0, f.column or 0))
    for fmt, given in (("pdf", pdf), ("epub", epub)):
        path = _output(source, doc, fmt, given, output_dir, report)
        if path is None:
            continue
        report.checked[fmt] = display_path(path)
        if fmt == "pdf":
            report.findings += check_pdf(doc, path)
        else:
            report.findings += check_epub(doc, path, epubcheck=epubcheck)
    return report


def _output(
    source: Path, doc: Document, fmt: str, given: Path | None, output_dir: Path, report: DocumentReport
) -> Path | None:
    """The output to check, or None (with a finding) when there is none fit to check."""
    path = given or output_dir / f"{doc.id}.{fmt}"
    name = display_path(path)
    if not path.exists():
        if given is not None:
            report.findings.append(Finding("output.missing", "error", f"{name} does not exist", name))
        else:
            report.findings.append(
                Finding("output.missing", "warning", f"{name} is not built (run clausepress build)", name)
            )
        return None
    if given is None and path.stat().st_mtime < source.stat().st_mtime:
        report.findings.append(
            Finding(
                "output.stale",
                "error",
                f"{name} is older than its source; not checked (run clausepress build)",
                name,
            )
        )
        return None
    return path
