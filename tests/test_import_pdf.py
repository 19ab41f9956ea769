"""clausepress import of PDF files that real tools printed (WeasyPrint through clausepress, LibreOffice):
every word kept, every link address and footnote the file carries found, the first document's
round trip, and a damaged, encrypted or textless file refused in one line."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from clausepress import build
from clausepress.check import check_document
from clausepress.cli import main
from clausepress.errors import SourceError
from clausepress.importer import ImportResult, import_file
from clausepress.model import Document
from clausepress.source import load

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "import" / "pdf"
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
PDFS = sorted(DATA.glob("*.pdf"))


def words(text: str) -> Counter[str]:
    """The words of a text, as a multiset: lower case, split at every sign; a typesetter's hyphen
    at a line end (U+2010, U+00AD) joined; the runs of letters only (calls and page numbers are numbers)."""
    text = re.sub("[\u2010\u00ad][ \t]*\n[ \t]*", "", text)
    return Counter(re.findall(r"[^\W\d_]+", text.lower()))


def pdf_text(path: Path) -> str:
    """The file's text as poppler's pdftotext reads it: no part of the importer."""
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_addresses(path: Path) -> set[str]:
    """Every /URI of the file's link annotations, read with pypdf."""
    found = set()
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get_object().get("/URI"):
                found.add(str(action.get_object()["/URI"]))
    return found


def imported_words(result: ImportResult) -> Counter[str]:
    """The words of the source written, and those each repair took out (furniture, a note said twice)."""
    return words(result.yaml + "\n" + "\n".join(r.removed for r in result.repairs))


@pytest.fixture(scope="module")
def imports() -> dict[str, ImportResult]:
    return {p.name: import_file(p) for p in PDFS}


def test_the_test_files_are_made_by_at_least_two_tools() -> None:
    producers = {pypdf.PdfReader(p).metadata.get("/Producer", "").split()[0] for p in PDFS}
    assert {"WeasyPrint", "LibreOffice"} <= producers
    # Links of each tool: clausepress's and LibreOffice's link annotations.
    assert pdf_addresses(DATA / "iags-2024-nagorno-karabakh.weasyprint.pdf")
    assert pdf_addresses(DATA / "ny-senate-res-159-2023.libreoffice.pdf")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_word_of_the_pdf_is_kept(path: Path, imports: dict[str, ImportResult]) -> None:
    lost = words(pdf_text(path)) - imported_words(imports[path.name])
    assert not lost, f"words of the PDF missing from the import: {sorted(lost.elements())[:20]}"


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_link_address_the_pdf_carries_is_found(path: Path, imports: dict[str, ImportResult]) -> None:
    result = imports[path.name]
    urls = {s.url for s in result.document.sources.values() if s.url}
    addresses = pdf_addresses(path)
    for address in addresses:
        # The one place a link cannot stand is the title block's metadata: the import says so.
        assert address in urls or any(address in r.message for r in result.repairs), address


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_the_import_builds_and_checks_clean(
    path: Path, imports: dict[str, ImportResult], tmp_path: Path
) -> None:
    source = tmp_path / "imported.yaml"
    source.write_text(imports[path.name].yaml, encoding="utf-8")
    build(source, tmp_path / "out", formats=["html"])
    report = check_document(source, output_dir=tmp_path / "out")
    assert not report.errors, [str(f) for f in report.errors]


def test_libreoffice_footnotes_are_footnotes(imports: dict[str, ImportResult]) -> None:
    """The ODT LibreOffice printed holds three notes: each is a footnote of the import, with its words."""
    content = zipfile.ZipFile(DATA / "unga-80-57.pandoc.odt").read("content.xml").decode()
    bodies = re.findall(r"<text:note-body>(.*?)</text:note-body>", content, re.S)
    assert len(bodies) == 3
    doc = imports["unga-80-57.libreoffice.pdf"].document
    notes = [s.note for s in doc.sources.values() if s.note]
    assert len(doc.citations()) >= 3
    for body in bodies:
        said = " ".join(re.sub(r"<[^>]+>", " ", body).split())
        first = said.split(". 4.")[0]  # the third note holds operative paragraph 4, glued by the extraction
        assert any(first.rstrip(".") in " ".join(n.split()) for n in notes), said
    # Not a word of a note is left in the recitals: the calls went, the notes were taken out.
    recitals = " ".join(str(p.content) for p in doc.preamble)
    assert "Treaty Series" not in recitals


def test_libreoffice_page_numbers_are_furniture(imports: dict[str, ImportResult]) -> None:
    result = imports["unga-80-57.libreoffice.pdf"]
    pages = len(pypdf.PdfReader(DATA / "unga-80-57.libreoffice.pdf").pages)
    furniture = [r for r in result.repairs if r.kind == "furniture" and "page's furniture" in r.message]
    assert sorted(r.removed for r in furniture) == [str(n) for n in range(1, pages + 1)]
    assert all(f"page {r.removed}:" in r.message for r in furniture)


def _sequence(yaml_text: str) -> list[str]:
    """The words of a written source in their order, less its comments and its keys."""
    lines = [
        re.sub(r"^\s*(- )?[\w ()]+:(?=\s|$)", "", line)
        for line in yaml_text.splitlines()
        if not line.lstrip().startswith("#")
    ]
    lines = [re.sub(r"\s+#\s.*$", "", line) for line in lines]  # a comment after a value ("# verb guessed")
    return re.findall(r"[^\W\d_]+", "\n".join(lines).lower())


def test_two_columns_are_read_column_by_column(imports: dict[str, ImportResult]) -> None:
    """Each paragraph LibreOffice set in a two-column page comes out whole, its words in their order."""
    from lxml import etree

    content = zipfile.ZipFile(DATA / "ep-2006-two-columns.pandoc.odt").read("content.xml")
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    paragraphs = ["".join(p.itertext()) for p in etree.fromstring(content).iterfind(".//text:p", ns)]
    pages = pypdf.PdfReader(DATA / "ep-2006-two-columns.libreoffice.pdf").pages
    assert "/Columns" not in str(pages[0])  # the columns are LibreOffice's layout, not a marked structure
    flow = " ".join(_sequence(imports["ep-2006-two-columns.libreoffice.pdf"].yaml))
    checked = 0
    for paragraph in paragraphs:
        said = re.findall(r"[^\W\d_]+", paragraph.lower())
        if len(said) >= 8:
            assert " ".join(said) in flow, paragraph
            checked += 1
    assert checked >= 10


def _links(doc: Document) -> list[tuple[str, str]]:
    """(anchor, address) of each citation whose source has an address."""
    return [
        (c.anchor, doc.sources[c.source_id].url or "")
        for c in doc.citations()
        if doc.sources[c.source_id].url
    ]


def test_the_first_document_comes_back_from_its_pdf(imports: dict[str, ImportResult]) -> None:
    """Built by clausepress to a PDF, the first document imports back with its five addresses on the
    right words and its 24 lost targets still missing."""
    original = load(FIRST)
    result = imports["iags-2024-nagorno-karabakh.weasyprint.pdf"]
    doc = result.document
    assert _links(doc) == _links(original)
    assert (
        len(_links(original)) == 5 and len({url for _, url in _links(original)}) == 4
    )  # one order cited twice
    missing_before = [c for c in original.citations() if original.sources[c.source_id].status == "missing"]
    missing_after = [c for c in doc.citations() if doc.sources[c.source_id].status == "missing"]
    assert len(missing_before) == len(missing_after) == 24
    # Each missing link stands where it stood: its anchor ends with the word the original's ends with.
    for before, after in zip(missing_before, missing_after, strict=True):
        assert before.anchor.split()[-1].endswith(after.anchor.split()[-1]), (before.anchor, after.anchor)
    assert (doc.title, doc.issuer, doc.adopted) == (original.title, original.issuer, original.adopted)
    assert [c.verb for c in doc.operative] == [c.verb for c in original.operative]
    assert len(doc.preamble) == len(original.preamble)
    assert doc.enacting is not None and "Therefore" in str(doc.enacting)
    furniture = [r.removed for r in result.repairs if r.kind == "furniture"]
    assert furniture.count("IAGS Resolution on Nagorno-Karabakh") == 3  # the running head of pages 2-4
    assert [f for f in furniture if f.startswith("Page")] == [f"Page {n} of 4" for n in range(1, 5)]


def test_repairs_name_the_page_and_a_line_of_the_markdown(imports: dict[str, ImportResult]) -> None:
    result = imports["iags-2024-nagorno-karabakh.weasyprint.pdf"]
    reader = [r for r in result.repairs if r.kind in ("furniture", "link", "dehyphenate")]
    assert reader and all(re.match(r"page \d+: ", r.message) for r in reader)
    assert all(r.line >= 1 for r in result.repairs)


def _refused(data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "received.pdf"
    path.write_bytes(data)
    with pytest.raises(SourceError):
        import_file(path)
    assert main(["import", str(path), "-o", str(tmp_path / "out.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()
    return err


def test_a_pdf_without_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A blank page: nothing to read, with Tesseract or without (its absence said, with the way out)."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    out = tmp_path / "blank.pdf"
    writer.write(out)
    err = _refused(out.read_bytes(), tmp_path, capsys)
    assert "no text layer" in err
    assert ("Tesseract found no words" if shutil.which("tesseract") else "install Tesseract") in err


def test_an_encrypted_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    writer = pypdf.PdfWriter(clone_from=DATA / "ny-senate-res-159-2023.libreoffice.pdf")
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = tmp_path / "locked.pdf"
    writer.write(out)
    assert "encrypted" in _refused(out.read_bytes(), tmp_path, capsys)


@pytest.mark.parametrize("cut", [200, 5000])
def test_a_damaged_pdf_is_refused(cut: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (DATA / "ny-senate-res-159-2023.libreoffice.pdf").read_bytes()
    err = _refused(data[:cut], tmp_path, capsys)
    assert "received.pdf" in err and "cannot be read" in err


def test_the_cli_imports_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "senate.yaml"
    assert main(["import", str(DATA / "ny-senate-res-159-2023.libreoffice.pdf"), "-o", str(out)]) == 0
    doc = load(out)
    assert doc.title.startswith("Memorializing Governor Kathy Hochul")
    assert len(doc.preamble) == 4 and len(doc.operative) == 2


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/bootstrap.sh setup"
)
def test_libreoffice_printing_again_reads_the_same(tmp_path: Path, imports: dict[str, ImportResult]) -> None:
    """The ODT printed now by this machine's LibreOffice imports to the same source as the committed PDF."""
    shutil.copy(DATA / "unga-80-57.pandoc.odt", tmp_path / "unga.odt")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "unga.odt")], check=True, capture_output=True, timeout=300)  # fmt: skip
    again = import_file(tmp_path / "unga.pdf")
    committed = imports["unga-80-57.libreoffice.pdf"]
    assert again.document.operative == committed.document.operative
    assert again.document.preamble == committed.document.preamble


def test_a_pdf_of_too_many_pages_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = pypdf.PdfWriter()
    for _ in range(2001):
        writer.add_blank_page(100, 100)
    out = tmp_path / "long.pdf"
    writer.write(out)
    assert "2,001 pages" in _refused(out.read_bytes(), tmp_path, capsys)


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is installed by scripts/bootstrap.sh setup"
)
def test_a_scan_is_read_through_tesseract_with_its_confidence(tmp_path: Path) -> None:
    """The first document's PDF drawn as images (PDFium, 150 dpi) and saved as a PDF of images
    (Pillow): a scan with no text layer. Tesseract reads it; each page says its confidence."""
    import pypdfium2 as pdfium

    original = DATA / "iags-2024-nagorno-karabakh.weasyprint.pdf"
    drawn = pdfium.PdfDocument(original)
    images = [drawn[i].render(scale=150 / 72).to_pil().convert("L") for i in range(len(drawn))]
    scan = tmp_path / "scan.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=150)
    assert not pdf_text(scan).strip()  # no text layer
    result = import_file(scan)
    said = [r for r in result.repairs if r.kind == "ocr"]
    assert [r.message.split(":")[0] for r in said] == [f"page {n}" for n in range(1, len(images) + 1)]
    for r in said:
        found = re.search(r"mean confidence ([\d.]+) of 100", r.message)
        assert found is not None and 50 < float(found.group(1)) <= 100
    # OCR is not exact: most of the words come back, and the clauses are found.
    expected = words(pdf_text(original))
    kept = expected & imported_words(result)
    assert sum(kept.values()) >= 0.9 * sum(expected.values())
    assert len(result.document.operative) == 15


def test_a_scan_without_tesseract_is_refused_saying_how_to_read_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from clausepress.importer import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    out = tmp_path / "blank.pdf"
    writer.write(out)
    err = _refused(out.read_bytes(), tmp_path, capsys)
    assert "no text layer (a scan, 1 page of images)" in err and "install Tesseract" in err


def test_a_link_to_a_script_is_left_out_its_words_kept(tmp_path: Path) -> None:
    """LibreOffice's PDF with its one link annotation made to run a script (one rule's fixture)."""
    from pypdf.generic import NameObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=DATA / "ny-senate-res-159-2023.libreoffice.pdf")
    changed = 0
    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                action.get_object()[NameObject("/URI")] = TextStringObject("javascript:alert(1)")
                changed += 1
    assert changed == 1
    out = tmp_path / "script.pdf"
    writer.write(out)
    result = import_file(out)
    assert "javascript" not in result.yaml
    assert [(r.kind, r.removed) for r in result.repairs if "script" in r.message] == [
        ("link", "javascript:alert(1)")
    ]
    assert not words(pdf_text(out)) - imported_words(result)


def test_a_un_resolution_printed_by_clausepress_imports_as_it_was(imports: dict[str, ImportResult]) -> None:
    """UN GA 80/57 built by clausepress and read back from its PDF: the same form, title, title-block
    fields and counts as the source it was printed from (the symbol set in bold, the title a heading,
    the day under the title the day of adoption: none of them a word of another field)."""
    from clausepress.importer import import_file as again
    from clausepress.outline import outline

    (text,) = (Path(__file__).resolve().parent / "corpus" / "unga-80-57-lethal-autonomous-weapons").glob(
        "input.*"
    )
    printed = again(text).document
    back = imports["unga-80-57.weasyprint.pdf"].document
    want, got = outline(printed), outline(back)
    for key in ("form", "title", "preamble", "operative", "subclauses", "headings", "footnotes"):
        assert got[key] == want[key], key
    for key in ("symbol", "distribution", "session", "agenda item", "adopted by", "origin"):
        assert back.metadata[key] == printed.metadata[key], key
    assert back.adopted == printed.adopted and "date line" not in back.metadata
