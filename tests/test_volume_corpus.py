"""The volume of every United Nations resolution of the corpus (23 real texts: General Assembly
and Security Council, 1946 to 2025, imported as `clausepress import` reads them), built in every
PDF variant and as an EPUB, checks with no error, and the validators confirm what it declares:
veraPDF PDF/UA-1 (screen) and PDF/A-3a (archival), EPUBCheck and Ace on the EPUB, qpdf on each PDF.
The volume is the one `scripts/volume_pictures.py` defines (`un_volume`)."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

from clausepress.check.volume import check_volume
from clausepress.render import RenderOptions
from clausepress.volume import build_volume
from clausepress.volume_epub import build_volume_epub

from .conftest import ROOT, Validators, epubcheck

pytestmark = pytest.mark.slow


def _pictures() -> object:
    spec = importlib.util.spec_from_file_location("volume_pictures", ROOT / "scripts" / "volume_pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def un(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("un-volume")
    volume = _pictures().un_volume(folder)  # type: ignore[attr-defined]
    out = folder / "out"
    built: dict[str, Path] = {}
    page_starts = None
    for name in ("screen", "print", "archival"):
        built[name], laid = build_volume(volume, out, RenderOptions(variant=name))
        page_starts = laid.page_starts if name == "screen" else page_starts
    built["epub"], _ = build_volume_epub(volume, out, page_starts=page_starts)
    validators.want("verapdf-ua1", built["screen"])
    validators.want("verapdf-3a", built["archival"])
    validators.want("epubcheck", built["epub"])
    validators.want("ace", built["epub"])
    return volume, built


def test_the_un_volume_holds_every_un_resolution_of_the_corpus(un: tuple[Path, dict[str, Path]]) -> None:
    volume, _ = un
    listed = [
        line.strip().removeprefix("- ")
        for line in volume.read_text().splitlines()
        if line.strip().endswith(".yaml")
    ]
    corpus = sorted(
        p.name for p in (ROOT / "tests" / "corpus").iterdir() if p.name.startswith(("unga-", "unsc-"))
    )
    assert sorted(name.removesuffix(".yaml") for name in listed) == corpus and len(corpus) >= 20


def test_the_un_volume_checks_with_no_error(un: tuple[Path, dict[str, Path]]) -> None:
    volume, built = un
    report = check_volume(volume, built["screen"], built["screen"].parent, built["epub"])
    assert set(report.checked) == {"pdf", "epub"}
    assert [str(f) for f in report.findings if f.severity == "error"] == []


def test_qpdf_finds_every_variant_sound(un: tuple[Path, dict[str, Path]]) -> None:
    _, built = un
    for name in ("screen", "print", "archival"):
        proc = subprocess.run(["qpdf", "--check", str(built[name])], capture_output=True, text=True)
        assert proc.returncode == 0, (name, proc.stdout[-500:], proc.stderr[-500:])


@pytest.mark.validators
def test_the_validators_confirm_the_un_volume(
    un: tuple[Path, dict[str, Path]], validators: Validators
) -> None:
    _, built = un
    for kind, path in (("verapdf-ua1", built["screen"]), ("verapdf-3a", built["archival"])):
        result = validators.report(kind, path)
        assert result["compliant"] is True, (kind, result["failures"])
    report = epubcheck(validators, built["epub"])
    assert [m["message"] for m in report["messages"]] == []
    ace = validators.report("ace", built["epub"])
    assert ace["violations"] == {} and ace["outcome"] == "pass", ace


def test_the_readme_shows_the_volume_s_pictures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for picture in ("docs/volume/contents.png", "docs/volume/first-page.png"):
        assert f"]({picture})" in readme and (ROOT / picture).is_file(), picture
