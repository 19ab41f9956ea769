"""The PDF variants and the accessible EPUB, each confirmed by the real validators.

Every document in content/ and a few test documents are built in every variant; the
checker, qpdf, veraPDF (PDF/A-3a for the archival PDF, PDF/UA-1 for the screen one) and
Ace by DAISY (the EPUB) must find nothing; the variant checks must catch injected defects.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from pypdf import PdfReader

from clausepress import build
from clausepress.check import check_document
from clausepress.check.pdf import check_pdf
from clausepress.source import load

from .conftest import FIXTURES, ROOT, Validators

SHAPES = Path(__file__).resolve().parent / "shapes"
DOCUMENTS = [*sorted((ROOT / "content").glob("*.yaml")), FIXTURES / "subclauses.yaml", SHAPES / "arabic.yaml"]
VARIANTS = ("screen", "print", "archival")


def _built(source: Path, out: Path) -> dict[str, Path]:
    outputs = build(source, out, variants=VARIANTS)
    return {(o.variant or o.format): o.path for o in outputs}


FIRST_SOURCE = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> dict[Path, dict[str, Path]]:
    """Every document, built in every variant, once; each file queued for its validator.

    The archival PDFs for veraPDF's PDF/A-3a, the screen ones for PDF/UA-1 (with the first
    document's screen PDF stripped of its PDF/UA identification, which must fail), the
    EPUBs for Ace.
    """
    found = {source: _built(source, tmp_path_factory.mktemp(source.stem)) for source in DOCUMENTS}
    for outputs in found.values():
        validators.want("verapdf-3a", outputs["archival"])
        validators.want("verapdf-ua1", outputs["screen"])
        validators.want("ace", outputs["epub"])
    stripped = tmp_path_factory.mktemp("stripped") / "stripped.pdf"
    shutil.copy(found[FIRST_SOURCE]["screen"], stripped)
    with pikepdf.open(stripped, allow_overwriting_input=True) as p:
        xmp = p.Root.Metadata.read_bytes().replace(b'pdfuaid:part="1"', b"")
        assert xmp != p.Root.Metadata.read_bytes()
        p.Root.Metadata.write(xmp)
        p.save(stripped)
    found[FIRST_SOURCE]["stripped"] = stripped
    validators.want("verapdf-ua1", stripped)
    return found


def _ids(built: dict[Path, dict[str, Path]]) -> list[str]:
    return [p.stem for p in built]


def test_names_of_the_variants(built: dict[Path, dict[str, Path]]) -> None:
    outputs = built[ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"]
    assert {k: p.name for k, p in outputs.items() if k in VARIANTS} == {
        "screen": "iags-2024-nagorno-karabakh.pdf",
        "print": "iags-2024-nagorno-karabakh.print.pdf",
        "archival": "iags-2024-nagorno-karabakh.archival.pdf",
    }


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.stem)
def test_checker_finds_nothing_in_any_output(source: Path, built: dict[Path, dict[str, Path]]) -> None:
    outputs = built[source]
    report = check_document(source, [outputs[v] for v in VARIANTS], outputs["epub"])
    assert set(report.checked) == {"pdf", "pdf.print", "pdf.archival", "epub"}
    # Only what is wrong with the text itself (the first document's received text) remains.
    assert [str(f) for f in report.findings if not f.file.endswith(".yaml")] == []
    assert all(f.severity == "warning" for f in report.findings)


def test_qpdf_finds_nothing(built: dict[Path, dict[str, Path]]) -> None:
    for outputs in built.values():
        for variant in VARIANTS:
            proc = subprocess.run(["qpdf", "--check", str(outputs[variant])], capture_output=True, text=True)
            assert proc.returncode == 0 and "No syntax or stream encoding errors found" in proc.stdout, (
                outputs[variant],
                proc.stdout[-500:],
            )


@pytest.mark.validators
def test_verapdf_archival_is_pdfa_3a(built: dict[Path, dict[str, Path]], validators: Validators) -> None:
    for outputs in built.values():
        result = validators.report("verapdf-3a", outputs["archival"])
        assert result["profile"] and result["checks"], result
        assert result["compliant"] and result["failures"] == [], result


@pytest.mark.validators
def test_verapdf_screen_is_pdfua_1(built: dict[Path, dict[str, Path]], validators: Validators) -> None:
    for outputs in built.values():
        result = validators.report("verapdf-ua1", outputs["screen"])
        assert result["profile"] and result["checks"], result
        assert result["compliant"] and result["failures"] == [], result


@pytest.mark.validators
def test_ace_finds_no_violation(built: dict[Path, dict[str, Path]], validators: Validators) -> None:
    for outputs in built.values():
        result = validators.report("ace", outputs["epub"])
        assert result["violations"] == {} and result["outcome"] == "pass", result


@pytest.mark.slow
def test_every_variant_is_reproducible(built: dict[Path, dict[str, Path]], tmp_path: Path) -> None:
    first, second = built[FIRST_SOURCE], _built(FIRST_SOURCE, tmp_path / "b")
    assert set(second) == set(first) - {"stripped"}
    for key in second:
        assert first[key].read_bytes() == second[key].read_bytes(), key


def test_pdfx_print_variant_is_reproducible(tmp_path: Path) -> None:
    source = FIXTURES / "subclauses.yaml"
    a = build(source, tmp_path / "a", formats=["pdf"], variants=["print"], pdfx=True)[0].path.read_bytes()
    b = build(source, tmp_path / "b", formats=["pdf"], variants=["print"], pdfx=True)[0].path.read_bytes()
    assert a == b
    info = PdfReader(tmp_path / "a" / "subclauses.print.pdf").metadata
    assert info is not None and str(info["/GTS_PDFXVersion"]) == "PDF/X-3:2003"


def test_archival_carries_its_source_and_metadata(built: dict[Path, dict[str, Path]]) -> None:
    source = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
    pdf = pikepdf.open(built[source]["archival"])
    files = {str(f.AFRelationship): f for f in pdf.Root.AF}
    assert sorted(files) == ["/Data", "/Source"]  # the YAML source, and its Akoma Ntoso (tests/test_akn.py)
    spec = files["/Source"]
    assert str(spec.UF) == source.name
    assert spec.EF.F.read_bytes() == source.read_bytes()
    assert str(spec.EF.F.Subtype) == "/application#2fyaml" or str(spec.EF.F.Subtype) == "/application/yaml"
    xmp = pdf.Root.Metadata.read_bytes().decode()
    doc = load(source)
    for expected in (
        'pdfaid:part="3"',
        'pdfaid:conformance="A"',
        doc.title,
        doc.issuer,
        "2024-09-02",
        "urn:uuid:",
    ):
        assert expected in xmp
    assert "<rdf:li>en</rdf:li>" in xmp


def test_print_variant_has_bleed_marks_and_no_links(built: dict[Path, dict[str, Path]]) -> None:
    outputs = built[ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"]
    reader = PdfReader(outputs["print"])
    page = reader.pages[0]
    trim, bleed = [float(v) for v in page["/TrimBox"]], [float(v) for v in page["/BleedBox"]]
    assert [round(t - b, 1) for t, b in zip(trim[:2], bleed[:2], strict=True)] == [8.5, 8.5]
    assert [round(float(v)) for v in page["/TrimBox"]][2:] == [595, 842]
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in reader.pages
        for a in p.get("/Annots") or []
        if "/URI" in a.get_object().get("/A", {})
    ]
    assert uris == []
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "https://www.icj-cij.org/case/180" in text.replace("\n", "").replace(" ", "")


def test_epub_accessibility_metadata_and_page_list(built: dict[Path, dict[str, Path]]) -> None:
    outputs = built[ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"]
    with zipfile.ZipFile(outputs["epub"]) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
        text = etree.fromstring(z.read("EPUB/document.xhtml"))
    ns = {
        "opf": "http://www.idpf.org/2007/opf",
        "x": "http://www.w3.org/1999/xhtml",
        "epub": "http://www.idpf.org/2007/ops",
    }
    props = {m.get("property"): m.text for m in opf.iterfind(".//opf:meta", ns) if m.get("property")}
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo"):  # fmt: skip
        assert props.get(prop), prop
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    pages = len(PdfReader(outputs["screen"]).pages)
    entries = nav.xpath("//x:nav[@epub:type='page-list']//x:a/text()", namespaces=ns)
    assert entries == [str(n) for n in range(1, pages + 1)]
    markers = text.xpath("//*[@epub:type='pagebreak']/@aria-label", namespaces=ns)
    assert markers == entries
    assert text.xpath("//x:section[@epub:type='preamble']", namespaces=ns)


# --- defects the variant checks must catch ------------------------------------------------


@pytest.fixture
def archival(built: dict[Path, dict[str, Path]], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the first document's source and of its archival PDF, to edit."""
    source = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
    src, pdf = tmp_path / source.name, tmp_path / "edited.archival.pdf"
    shutil.copy(source, src)
    shutil.copy(built[source]["archival"], pdf)
    return src, pdf


def _codes(src: Path, pdf: Path) -> list[str]:
    return sorted({f.code for f in check_pdf(load(src), pdf, src)})


def test_sound_archival_copy_has_no_finding(archival: tuple[Path, Path]) -> None:
    assert _codes(*archival) == []


def test_missing_attachment(archival: tuple[Path, Path]) -> None:
    src, pdf = archival
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        del p.Root.AF
        del p.Root.Names.EmbeddedFiles
        p.save(pdf)
    assert _codes(src, pdf) == ["archival.akn-missing", "archival.attachment-missing"]  # both its files gone


def test_attachment_that_differs_from_the_source(archival: tuple[Path, Path]) -> None:
    src, pdf = archival
    src.write_bytes(src.read_bytes() + b"# edited after the build\n")  # same document, other bytes
    assert _codes(src, pdf) == ["archival.attachment-differs"]


def test_font_not_embedded(archival: tuple[Path, Path]) -> None:
    src, pdf = archival
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        font = next(iter(p.pages[0].Resources.Font.values()))
        del font.DescendantFonts[0].FontDescriptor.FontFile2
        p.save(pdf)
    found = [f for f in check_pdf(load(src), pdf, src) if f.code == "pdf.font-not-embedded"]
    assert found and found[0].page == 1


def test_missing_language(archival: tuple[Path, Path]) -> None:
    src, pdf = archival
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        del p.Root.Lang
        p.save(pdf)
    assert _codes(src, pdf) == ["pdf.language-missing"]


def test_untagged(archival: tuple[Path, Path]) -> None:
    src, pdf = archival
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        del p.Root.StructTreeRoot
        p.save(pdf)
    assert _codes(src, pdf) == ["pdf.untagged"]


def test_archival_declaring_another_level(archival: tuple[Path, Path]) -> None:
    src, pdf = archival
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        xmp = p.Root.Metadata.read_bytes().replace(b'pdfaid:conformance="A"', b'pdfaid:conformance="B"')
        p.Root.Metadata.write(xmp)
        p.save(pdf)
    assert _codes(src, pdf) == ["archival.identification"]


def test_print_without_bleed(built: dict[Path, dict[str, Path]], tmp_path: Path) -> None:
    source = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
    pdf = tmp_path / "edited.print.pdf"
    shutil.copy(built[source]["print"], pdf)
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        del p.pages[1].obj.BleedBox
        p.save(pdf)
    found = [(f.code, f.page) for f in check_pdf(load(source), pdf, source) if f.severity == "error"]
    assert found == [("print.boxes", 2)]


@pytest.mark.validators
def test_check_folds_in_verapdf_and_ace(
    built: dict[Path, dict[str, Path]], validators: Validators, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`clausepress check --verapdf --ace` runs both validators on every variant: nothing to report.

    The wrappers read the session's reports of the same files (`Validators.replay`).
    """
    validators.replay(monkeypatch)
    outputs = built[FIRST_SOURCE]
    report = check_document(
        FIRST_SOURCE, [outputs[v] for v in VARIANTS], outputs["epub"], verapdf=True, ace=True
    )
    assert [str(f) for f in report.findings if f.code.startswith(("verapdf.", "ace."))] == []
    assert all(f.severity == "warning" for f in report.findings)  # the received text's own 28 warnings


@pytest.mark.validators
def test_verapdf_failures_become_findings(
    built: dict[Path, dict[str, Path]], validators: Validators, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen PDF stripped of its PDF/UA identification fails PDF/UA-1: veraPDF's rules become findings."""
    from clausepress.check.validators import run_verapdf

    validators.replay(monkeypatch)
    outputs = built[FIRST_SOURCE]
    # Without its PDF/UA identification the file is no longer recognised as the screen variant:
    # validate it as one explicitly, through the same wrapper.
    failures = validators.report("verapdf-ua1", outputs["stripped"])["failures"]
    findings = run_verapdf(outputs["stripped"], profile="ua1")
    assert findings and all(f.code.startswith("verapdf.") and f.severity == "error" for f in findings)
    assert len(findings) == len(failures)  # type: ignore[arg-type]
    assert run_verapdf(outputs["screen"]) == []
