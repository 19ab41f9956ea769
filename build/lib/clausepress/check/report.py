"""Printing findings: compiler-style text, or one JSON document for other tools."""

from __future__ import annotations

import json
from collections.abc import Sequence

from . import DocumentReport

JSON_VERSION = 1


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: DocumentReport) -> str:
    return f"{report.source}: {_count(report.errors, 'error')}, {_count(report.warnings, 'warning')}"


def format_text(reports: Sequence[DocumentReport]) -> str:
    """Findings grouped per document, each as `file:line:col: severity: message [code]`."""
    lines: list[str] = []
    for report in reports:
        checked = ", ".join(report.checked.values())
        lines.append(f"== {report.source}" + (f" (with {checked})" if checked else ""))
        lines += [str(f) for f in report.findings]
        lines.append(summary(report))
    if len(reports) > 1:
        errors = sum(r.errors for r in reports)
        warnings = sum(r.warnings for r in reports)
        lines.append(
            f"{_count(len(reports), 'document')}: {_count(errors, 'error')}, {_count(warnings, 'warning')}"
        )
    return "\n".join(lines)


def format_json(reports: Sequence[DocumentReport]) -> str:
    """The same findings as one JSON document (schema version in `version`)."""
    data = {
        "version": JSON_VERSION,
        "documents": [
            {
                "source": r.source,
                "id": r.id,
                "checked": r.checked,
                "findings": [f.as_dict() for f in r.findings],
                "summary": {"errors": r.errors, "warnings": r.warnings},
            }
            for r in reports
        ],
        "summary": {
            "documents": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
