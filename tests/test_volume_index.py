"""A volume's index of documents by number: every numbered document once, ordered by its number as
people read numbers (80/9 before 80/13), with the page it starts on; in the PDF (read back by
`clausepress check VOLUME.yaml`) and in the EPUB (`index.xhtml`, its nav entry and landmark)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from clausepress import volume as volumes
from clausepress.check.volume import check_volume
from clausepress.importer import import_file
from clausepress.volume import build_volume, index_order, load_volume
from clausepress.volume_epub import build_volume_epub

from .test_volume import CORPUS, TEXTS


def test_numbers_sort_as_people_read_them() -> None:
    numbers = ["80/13", "S/RES/2334 (2016)", "80/9", "A/RES/80/57", "S/RES/255 (1968)", "A/RES/80/20"]
    assert sorted(numbers, key=index_order) == [
        "80/9", "80/13", "A/RES/80/20", "A/RES/80/57", "S/RES/255 (1968)", "S/RES/2334 (2016)",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def reversed_volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three General Assembly resolutions listed against their numbers' order (80/57, 80/20, 80/13)."""
    folder = tmp_path_factory.mktemp("volume-index")
    for name in TEXTS:
        (source,) = (CORPUS / name).glob("input.*")
        import_file(source, folder / f"{name}.yaml")
    volume = folder / "reversed.yaml"
    listed = "\n".join(f"  - {name}.yaml" for name in reversed(TEXTS))
    volume.write_text(f"title: Resolutions\nissuer: United Nations\ndocuments:\n{listed}\n", encoding="utf-8")
    return volume


def _index_page(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    (page,) = [p for p in text.stdout.split("\f") if "Index of documents by number" in p]
    return page


def test_the_index_lists_the_documents_by_number_with_their_pages(
    reversed_volume: Path, tmp_path: Path
) -> None:
    pdf, laid = build_volume(reversed_volume, tmp_path)
    parts = load_volume(reversed_volume).parts
    page = " ".join(_index_page(pdf).split())
    numbers = [p.index_number for p in parts]
    assert numbers == ["A/RES/80/57", "A/RES/80/20", "A/RES/80/13"]
    at = [page.index(n) for n in numbers]
    assert at[2] < at[1] < at[0]  # 80/13, 80/20, 80/57: by number, not in the volume's order
    printed = [int(n) for n in re.findall(r"(?:\.\s*){3,}(\d+)", page)]
    assert printed == [laid.starts[2], laid.starts[1], laid.starts[0]]
    report = check_volume(reversed_volume, pdf, tmp_path)
    assert [str(f) for f in report.findings if f.code.startswith("volume.")] == []


def test_the_checker_finds_an_index_out_of_order(
    reversed_volume: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:  # the index laid out in the volume's order, not the numbers'
        patched.setattr(volumes, "index_order", lambda number: ())
        pdf, _ = build_volume(reversed_volume, tmp_path)
    codes = {f.code for f in check_volume(reversed_volume, pdf, tmp_path).findings}
    assert {"volume.index-order", "volume.index-page"} <= codes


def test_the_epub_has_the_index(reversed_volume: Path, tmp_path: Path) -> None:
    epub, _ = build_volume_epub(reversed_volume, tmp_path)
    with zipfile.ZipFile(epub) as z:
        index = z.read("EPUB/index.xhtml").decode()
        nav = z.read("EPUB/nav.xhtml").decode()
    hrefs = re.findall(r'<li id="index-\d+"><a href="([^"]+)"', index)
    assert hrefs == ["document-3.xhtml#title", "document-2.xhtml#title", "document-1.xhtml#title"]
    assert 'epub:type="index" href="index.xhtml#index-title"' in nav
