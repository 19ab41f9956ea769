"""A volume laid out in parts (each document alone, in worker processes, then assembled with
pikepdf) against the one-pass layout of the same volume: the same pages, pixel for pixel, in
every variant; the same bytes whatever --jobs; a PDF qpdf finds sound. (veraPDF on the assembled
screen and archival volumes: tests/test_volume.py, whose `build_volume` lays out in parts.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from clausepress.cli import main
from clausepress.render import RenderOptions
from clausepress.volume import VolumePdf, lay_out_in_parts, lay_out_volume, load_volume

from .test_volume import _volume_source

DPI = 100


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _volume_source(tmp_path_factory.mktemp("parts"))


def _images(data: bytes, folder: Path, name: str) -> list[bytes]:
    """Each page drawn by Poppler, as PNG bytes."""
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(folder / name)], check=True)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.png"))]


@pytest.mark.parametrize("name", ["screen", "print", "archival"])
def test_the_parts_give_the_pages_of_the_one_pass_layout(volume: Path, tmp_path: Path, name: str) -> None:
    """Every page drawn from the assembled volume is the one-pass volume's page, pixel for pixel:
    the documents, the blank pages between them, the running heads and page numbers drawn over the
    parts, the contents' page numbers, the print variant's bleed and crop marks."""
    loaded = load_volume(volume)
    options = RenderOptions(variant=name)
    one = lay_out_volume(loaded, options)
    parts = lay_out_in_parts(loaded, options, jobs=2)
    assert (parts.pages, parts.starts) == (one.pages, one.starts)
    assert one.pages > len(loaded.parts) * 2  # documents of more than one page, and blank ones
    first, second = _images(one.data, tmp_path, "one"), _images(parts.data, tmp_path, "parts")
    assert len(first) == one.pages
    differ = [n for n, (a, b) in enumerate(zip(first, second, strict=True), 1) if a != b]
    assert differ == []


def test_the_same_bytes_whatever_the_jobs(volume: Path, tmp_path: Path) -> None:
    """One process or two workers: the same PDF, and qpdf finds nothing wrong in it."""
    loaded = load_volume(volume)
    alone: VolumePdf = lay_out_in_parts(loaded, jobs=1)
    assert lay_out_in_parts(loaded, jobs=2).data == alone.data
    out = tmp_path / "volume.pdf"
    out.write_bytes(alone.data)
    checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors" in checked.stdout


def _shape(element: object) -> object:
    """A structure element as its type and its kids' shapes (marked content as "mc", a link's
    annotation as "annot"), and the page it is on."""
    import pikepdf

    if isinstance(element, int):
        return "mc"
    assert isinstance(element, pikepdf.Dictionary)
    if element.get("/Type") == "/OBJR":
        return "annot"
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return (str(element.S), [_shape(k) for k in kids])


def test_the_assembled_volume_keeps_what_it_declares(volume: Path) -> None:
    """One structure tree, of the one-pass volume's shape, whose Document holds every piece's
    elements, each page's and link's key in the parent tree pointing back at its own page's
    elements; the volume's language and its PDF/UA identification."""
    import io

    import pikepdf

    loaded = load_volume(volume)
    laid = lay_out_in_parts(loaded, jobs=2)
    with pikepdf.open(io.BytesIO(lay_out_volume(loaded).data)) as pdf:
        reference = _shape(pdf.Root.StructTreeRoot.K[0])
    with pikepdf.open(io.BytesIO(laid.data)) as pdf:
        assert _shape(pdf.Root.StructTreeRoot.K[0]) == reference
        assert str(pdf.Root.Lang) == loaded.language
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        root = pdf.Root.StructTreeRoot
        (document,) = list(root.K)
        nums = dict(pikepdf.NumberTree(root.ParentTree).items())
        assert len(nums) == int(root.ParentTreeNextKey)
        assert all(kid.P.objgen == document.objgen for kid in document.K)
        for number, page in enumerate(pdf.pages):
            if "/StructParents" not in page.obj:
                assert number + 1 not in laid.starts  # only blank pages carry no content
                continue
            for element in nums[int(page.obj.StructParents)]:
                assert element.Pg.objgen == page.obj.objgen
            for annotation in page.obj.get("/Annots", []):
                link = nums[int(annotation.StructParent)]
                assert any(k.get("/Obj") is not None and k.Obj.objgen == annotation.objgen for k in link.K)


def test_the_command_line_lays_a_volume_out_on_two_workers(
    volume: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`clausepress volume --jobs 2` writes the bytes `--jobs 1` writes, and prints no progress
    into a pipe (what pytest captures)."""
    assert main(["volume", str(volume), "-o", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert main(["volume", str(volume), "-o", str(tmp_path / "two"), "--jobs", "2"]) == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.err and "documents 3/3" not in captured.err
    assert (tmp_path / "two" / "session.pdf").read_bytes() == (tmp_path / "one" / "session.pdf").read_bytes()
    assert main(["volume", str(volume), "-o", str(tmp_path), "--jobs", "0"]) == 2
    assert "--jobs takes a whole number" in capsys.readouterr().err
