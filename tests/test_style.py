"""The code is kept as ruff and mypy want it: lint clean, formatted, and typed strictly."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "src", "tests", "bench")
    assert lint.returncode == 0, lint.stdout
    fmt = _run("ruff", "format", "--check", "src", "tests", "bench")
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_strict() -> None:
    """`[tool.mypy] strict = true` over src/ (pyproject.toml), overrides only for untyped libraries."""
    typed = _run("mypy", "--no-incremental")
    assert typed.returncode == 0, typed.stdout[-6000:]
