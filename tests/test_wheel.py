"""A wheel of clausepress, installed outside the checkout, builds and checks the README's example.

The wheel is built from this checkout without network (no build isolation) and installed
into a fresh virtual environment in a temporary folder; the libraries it runs on come from
the test environment (a `.pth` line), never the checkout's sources. Everything the
package needs (stylesheets, templates) must therefore be inside the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh environment with the wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    # From a copy of what the project is made of: setuptools builds in the source tree (build/).
    tree = work / "tree"
    for name in ("pyproject.toml", "README.md"):
        tree.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, tree / name)
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(tree)],
        check=True, capture_output=True, cwd=work,
    )  # fmt: skip
    (wheel,) = dist.glob("clausepress-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("clausepress/styles/document.css", "clausepress/styles/print.css",
                   "clausepress/styles/epub.css", "clausepress/templates/document.html.j2",
                   "clausepress/schemas/akomantoso30.xsd", "clausepress/schemas/xml.xsd",
                   "clausepress/schemas/README.md"):  # fmt: skip
        assert needed in names, f"{needed} is not in the wheel"
    env = work / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q", "--no-deps",
         "--no-index", str(wheel)],
        check=True, capture_output=True, cwd=work,
    )  # fmt: skip
    # The dependencies: the test environment's site-packages, after the wheel's own.
    site = subprocess.run(
        [str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env / "bin"


@pytest.mark.slow
def test_the_installed_wheel_builds_and_checks_the_example(installed: Path, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "example.yaml").write_text(
        readme.split("```yaml\n", 1)[1].split("```", 1)[0], encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLAUSEPRESS_TOOLS")}
    where = subprocess.run(
        [str(installed / "python"), "-c", "import clausepress; print(clausepress.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(installed.parent)), where  # the wheel's copy, not the checkout's
    run = {"capture_output": True, "text": True, "cwd": tmp_path, "env": env}
    built = subprocess.run(
        [str(installed / "clausepress"), "build", "example.yaml", "--variant", "screen,archival"], **run
    )  # type: ignore[call-overload]
    assert built.returncode == 0, built.stderr
    assert {p.name for p in (tmp_path / "output").iterdir() if p.is_file()} == {
        "esa-2021-records.pdf", "esa-2021-records.archival.pdf", "esa-2021-records.epub", "esa-2021-records.html",
    }  # fmt: skip
    checked = subprocess.run([str(installed / "clausepress"), "check", "example.yaml"], **run)  # type: ignore[call-overload]
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 errors" in checked.stdout
    # A validator whose wrapper is not configured is reported, not a crash.
    absent = subprocess.run(
        [
            str(installed / "clausepress"),
            "check",
            "example.yaml",
            "--verapdf",
            "--tools",
            str(tmp_path / "none"),
        ],
        **run,
    )  # type: ignore[call-overload]
    assert absent.returncode == 1 and "[verapdf.unavailable]" in absent.stdout, absent.stdout
