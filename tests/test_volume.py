"""Volumes (`clausepress volume`): the one-process layout of three General Assembly resolutions of
the corpus (real texts, imported here as `clausepress import` reads them), read back from the PDF.

What a reader of the book relies on is asserted from the PDF itself: the contents' page numbers
are the pages each document starts on, every document starts on a right-hand (odd) page, the
page numbers run on through the volume, the outline nests each document's parts under its group,
the contents link to the documents, and the same volume gives the same bytes.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from clausepress.cli import main
from clausepress.errors import SourceError
from clausepress.importer import import_file
from clausepress.volume import build_volume, load_volume

from .conftest import Validators

CORPUS = Path(__file__).resolve().parent / "corpus"
TEXTS = (
    "unga-80-13-indian-ocean-zone-of-peace",
    "unga-80-20-no-first-placement-outer-space",
    "unga-80-57-lethal-autonomous-weapons",
)


def _volume_source(folder: Path) -> Path:
    for name in TEXTS:
        (source,) = (CORPUS / name).glob("input.*")
        import_file(source, folder / f"{name}.yaml")
    volume = folder / "session.yaml"
    listed = "\n".join(f"      - {name}.yaml" for name in TEXTS[1:])
    volume.write_text(
        "title: Resolutions adopted by the General Assembly\nissuer: United Nations\nsession: Eightieth session\n"
        f"documents:\n  - {TEXTS[0]}.yaml\n  - heading: First Committee\n    documents:\n{listed}\n",
        encoding="utf-8",
    )
    return volume


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, validators: Validators
) -> tuple[Path, Path, tuple[int, ...]]:
    folder = tmp_path_factory.mktemp("volume")
    volume = _volume_source(folder)
    out, laid = build_volume(volume, folder / "out")
    validators.want("verapdf-ua1", out)  # run with the other PDFs' batch
    return volume, out, laid.starts


@pytest.fixture(scope="module")
def variants(
    built: tuple[Path, Path, tuple[int, ...]], validators: Validators
) -> dict[str, tuple[Path, tuple[int, ...]]]:
    """The print and archival volumes, beside the screen one (the archival one queued for veraPDF)."""
    from clausepress.render import RenderOptions

    volume, pdf, starts = built
    made = {"screen": (pdf, starts)}
    for name in ("print", "archival"):
        out, laid = build_volume(volume, pdf.parent, RenderOptions(variant=name))
        made[name] = (out, laid.starts)
    validators.want("verapdf-3a", made["archival"][0])
    return made


def test_every_variant_lays_the_volume_out_alike(variants: dict[str, tuple[Path, tuple[int, ...]]]) -> None:
    """The print volume has its bleed around the trim box; the archival one carries every document's
    source, byte for byte; all three start the documents on the same pages."""
    import pikepdf

    assert (
        variants["print"][0].name == "session.print.pdf"
        and variants["archival"][0].name == "session.archival.pdf"
    )
    assert len({starts for _, starts in variants.values()}) == 1
    with pikepdf.open(variants["print"][0]) as printed:
        page = printed.pages[0]
        trim, media = [float(x) for x in page.TrimBox], [float(x) for x in page.MediaBox]
        assert media[0] < trim[0] and media[2] > trim[2]  # the bleed
    volume = variants["screen"][0].parent.parent / "session.yaml"
    with pikepdf.open(variants["archival"][0]) as archival:
        attached = {name: f.get_file().read_bytes() for name, f in archival.attachments.items()}
    assert attached == {p.source.name: p.source.read_bytes() for p in load_volume(volume).parts}


@pytest.mark.validators
def test_verapdf_finds_the_archival_volume_pdfa_3a(
    variants: dict[str, tuple[Path, tuple[int, ...]]], validators: Validators
) -> None:
    result = validators.report("verapdf-3a", variants["archival"][0])
    assert result["compliant"] is True, result["failures"]


@pytest.mark.validators
def test_verapdf_finds_the_volume_pdfua_1(
    built: tuple[Path, Path, tuple[int, ...]], validators: Validators
) -> None:
    """The volume's PDF declares PDF/UA-1, and veraPDF confirms it."""
    _, pdf, _ = built
    import pikepdf

    with pikepdf.open(pdf) as opened:
        assert opened.open_metadata().get("pdfuaid:part") == "1"  # the declaration
    result = validators.report("verapdf-ua1", pdf)
    assert result["compliant"] is True, result["failures"]


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")[:-1]


def test_the_contents_give_the_pages_the_documents_start_on(
    built: tuple[Path, Path, tuple[int, ...]],
) -> None:
    volume, pdf, starts = built
    pages = _pages(pdf)
    titles = [part.document.title for part in load_volume(volume).parts]
    # Where each title is first printed after the contents: the page its document starts on.
    contents = next(i for i, page in enumerate(pages) if "Contents" in page)
    found = [
        next(i + 1 for i, page in enumerate(pages) if i > contents and title[:40] in page) for title in titles
    ]
    assert list(starts) == found
    assert all(page % 2 == 1 for page in found), found  # each on a right-hand page
    listed = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", pages[contents], re.MULTILINE)]
    assert listed == found


def test_page_numbers_run_on_and_blank_pages_carry_none(built: tuple[Path, Path, tuple[int, ...]]) -> None:
    _, pdf, _ = built
    pages = _pages(pdf)
    for number, page in enumerate(pages, 1):
        footer = re.findall(r"Page (\d+) of (\d+)", page)
        if page.strip():
            assert footer == [(str(number), str(len(pages)))], (number, footer)
        else:
            assert footer == []


def test_the_outline_nests_each_document_under_its_group(built: tuple[Path, Path, tuple[int, ...]]) -> None:
    volume, pdf, starts = built
    reader = PdfReader(pdf)
    tree = reader.outline
    top = [item.title for item in tree if not isinstance(item, list)]
    assert top == [
        "Contents", load_volume(volume).parts[0].document.title, "First Committee", "Index of documents by number",
    ]  # fmt: skip
    nested = [item for item in tree if isinstance(item, list)]
    first_parts, grouped = nested[0], nested[1]
    assert [x.title for x in first_parts if not isinstance(x, list)] == ["Preamble", "Operative part"]
    docs = [x for x in grouped if not isinstance(x, list)]
    assert [reader.get_destination_page_number(x) + 1 for x in docs] == list(starts[1:])


def test_the_contents_link_to_the_documents(built: tuple[Path, Path, tuple[int, ...]]) -> None:
    _, pdf, starts = built
    reader = PdfReader(pdf)
    contents = next(i for i, page in enumerate(reader.pages) if "Contents" in (page.extract_text() or ""))
    targets = []
    for annotation in reader.pages[contents].get("/Annots", []):
        link = annotation.get_object()
        dest = link.get("/Dest") or link.get("/A", {}).get("/D")
        if dest is not None:
            resolved = reader.named_destinations[str(dest)] if isinstance(dest, str) else dest
            page = resolved.page if hasattr(resolved, "page") else resolved[0]
            targets.append(
                reader.get_page_number(page.get_object() if hasattr(page, "get_object") else page) + 1
            )
    # A link is drawn as one rectangle a line (and one for its leader): each document's, in order.
    assert list(dict.fromkeys(targets)) == list(starts)


def test_the_same_volume_gives_the_same_bytes(
    built: tuple[Path, Path, tuple[int, ...]], tmp_path: Path
) -> None:
    volume, pdf, _ = built
    again, _ = build_volume(volume, tmp_path)
    assert again.read_bytes() == pdf.read_bytes()


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("issuer: I\ndocuments: [a.yaml]\n", "missing key 'title' in the volume", 1),
        ("title: T\nissuer: I\nwhat: x\ndocuments: [a.yaml]\n", "unknown key 'what' in the volume", 3),
        ("title: T\nissuer: I\ndocuments:\n  - nope.yaml\n", "no document at nope.yaml", 4),
        ("title: T\nissuer: I\ndocuments:\n  - a.yaml\n  - ./a.yaml\n", "./a.yaml is in the volume twice (first at line 4)", 5),
        ("title: T\nissuer: I\ndocuments:\n  - heading: H\n    documents:\n      - heading: G\n        documents: [a.yaml]\n",
         "not inside another group", 6),
        ("title: T\nissuer: I\ndocuments: []\n", "expected at least one document", 3),
        ("title: [T\n", "not valid YAML", 2),
    ],
)  # fmt: skip
def test_a_wrong_volume_is_refused_at_its_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    (source,) = (CORPUS / TEXTS[0]).glob("input.*")
    import_file(source, tmp_path / "a.yaml")
    volume = tmp_path / "v.yaml"
    volume.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(message)) as error:
        load_volume(volume)
    assert error.value.origin.line == line


def test_the_command_line_builds_a_volume_and_refuses_a_wrong_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    volume = _volume_source(tmp_path)
    assert main(["volume", str(volume), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "session.pdf").exists()
    assert "3 documents" in capsys.readouterr().out
    volume.write_text("title: T\nissuer: I\ndocuments: [gone.yaml]\n", encoding="utf-8")
    assert main(["volume", str(volume), "-o", str(tmp_path / "out")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "v.yaml" not in line and "session.yaml:3:13: error: no document at gone.yaml" in line


def test_the_checker_reads_the_volume_back(built: tuple[Path, Path, tuple[int, ...]], tmp_path: Path) -> None:
    """`clausepress check VOLUME.yaml`: the volume as built checks clean; the same PDF against the
    volume with its documents reordered, or with one more document, does not."""
    from clausepress.check.volume import check_volume

    volume, pdf, _ = built
    clean = check_volume(volume, pdf)
    assert [str(f) for f in clean.findings if f.severity == "error"] == []
    text = volume.read_text(encoding="utf-8")
    swapped = volume.with_name("swapped.yaml")
    swapped.write_text(
        text.replace(TEXTS[1], "@").replace(TEXTS[2], TEXTS[1]).replace("@", TEXTS[2]), encoding="utf-8"
    )
    codes = sorted({f.code for f in check_volume(swapped, pdf).findings if f.severity == "error"})
    # The index too lists the swapped documents against their numbers' order.
    # The documents' notes are counted on the pages of the document the volume now names there.
    assert codes == [
        "pdf.footnote-numbering", "volume.clause-missing", "volume.contents-title", "volume.index-order",
        "volume.index-page",
    ]  # fmt: skip
    more = volume.with_name("more.yaml")
    (extra,) = (CORPUS / "unga-80-66-disarmament-commission").glob("input.*")
    import_file(extra, volume.parent / "extra.yaml")
    more.write_text(text + "      - extra.yaml\n", encoding="utf-8")
    codes = sorted({f.code for f in check_volume(more, pdf).findings if f.severity == "error"})
    assert codes == [
        "volume.contents-order", "volume.contents-title", "volume.document-missing", "volume.index-order",
        "volume.index-page",
    ]  # fmt: skip


def test_check_on_the_command_line_tells_a_volume_by_its_documents(
    built: tuple[Path, Path, tuple[int, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    volume, pdf, _ = built
    assert main(["check", str(volume), "-o", str(pdf.parent)]) == 0
    assert "0 errors" in capsys.readouterr().out


def _dest(annotation: object) -> str:
    """The named destination a link annotation goes to ("" for none)."""
    import pikepdf

    assert isinstance(annotation, pikepdf.Dictionary)
    if "/Dest" in annotation:
        return str(annotation.Dest)
    action = annotation.get("/A")
    return str(action.get("/D", "")) if isinstance(action, pikepdf.Dictionary) else ""


def test_the_checker_finds_a_document_s_note_call_lost_in_the_volume(
    built: tuple[Path, Path, tuple[int, ...]], tmp_path: Path
) -> None:
    """Each document's footnotes are checked on its own pages of the volume: a note call's link
    taken out of the second document's pages is found, and named by its document."""
    import pikepdf

    from clausepress.check.volume import check_volume

    volume, pdf, starts = built
    damaged = tmp_path / "session.pdf"
    with pikepdf.open(pdf) as opened:
        for page in opened.pages[starts[1] - 1 : starts[2] - 1]:
            annots = page.obj.get("/Annots")
            keep = [a for a in (annots or []) if _dest(a) != "v2-fn-1"]
            if annots is not None and len(keep) < len(annots):
                page.obj.Annots = pikepdf.Array(keep)
                break
        else:
            raise AssertionError("no call of the second document's note 1 on its pages")
        opened.save(damaged)
    found = [f for f in check_volume(volume, damaged).findings if f.code == "pdf.footnote-numbering"]
    assert [f.message.split(":")[0] for f in found] == ["document 2"], found
    assert [f for f in check_volume(volume, pdf).findings if f.code.startswith("pdf.")] == []
