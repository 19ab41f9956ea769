"""Akoma Ntoso 3.0: every corpus document exports schema-valid AKN and comes back as the same model;
the checker finds injected defects; the archival PDF carries the AKN; other tools' AKN imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from lxml import etree

from clausepress import akn, build, load
from clausepress.builder import BuildOptions, NotBuilt, build_document
from clausepress.check import FATAL_CODES, check_document, check_source
from clausepress.check.akn import check_akn
from clausepress.importer import import_file, import_text
from clausepress.render.akn import render_akn

from .conftest import ROOT, Validators
from .test_corpus import CASES, import_corpus_text

A = f"{{{akn.NS}}}"
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
FOREIGN = Path(__file__).resolve().parent / "import" / "akn"
CORPUS_CASES = [pytest.param(*c.values, id=c.id) for c in CASES]  # the corpus's known failures are no AKN's


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))


@pytest.mark.parametrize("folder", CORPUS_CASES)
def test_corpus_document_round_trips_through_valid_akn(folder: Path, tmp_path: Path) -> None:
    """Source -> AKN (valid against the OASIS XSD, the same bytes twice, clean for the checker) ->
    import -> the same model. Compared: every field of the model dataclasses that takes part in
    equality, that is all but the origins (file, line, column) and `Document.path`."""
    _, result = import_corpus_text(folder)
    doc = result.document
    if any(f.code in FATAL_CODES and f.severity == "error" for f in check_source(doc)):
        with pytest.raises(NotBuilt):  # such a source builds no output, AKN included
            build_document(doc, tmp_path, BuildOptions(formats=("akn",)))
        return
    data = render_akn(doc)
    assert render_akn(doc) == data
    assert akn.schema_errors(_parse(data)) == []
    path = tmp_path / akn.file_name(doc.id)
    path.write_bytes(data)
    assert check_akn(doc, path) == []
    back = import_text(data.decode("utf-8"), path.name)
    assert back.document == doc
    assert back.repairs == ()


def test_the_schema_is_read_from_the_package_only() -> None:
    """The XSD and the xml.xsd it imports are the package's files, read through a resolver that
    refuses anything else; validation then finds a wrong element at its line."""
    from clausepress.resources import SCHEMAS

    _, read = akn.load_schema(SCHEMAS / "akomantoso30.xsd")
    assert read == ["akomantoso30.xsd", "xml.xsd"]
    data = render_akn(load(FIRST))
    assert akn.schema_errors(_parse(data)) == []
    broken = data.replace(b"<recitals>", b"<recitalz>", 1).replace(b"</recitals>", b"</recitalz>", 1)
    errors = akn.schema_errors(_parse(broken))
    line = broken[: broken.index(b"<recitalz>")].count(b"\n") + 1
    assert errors and errors[0].line == line and "recitalz" in errors[0].message


def test_a_schema_import_from_the_network_is_refused_unfetched(tmp_path: Path) -> None:
    """A schema that imports from an address (a server on 127.0.0.1 stands in for the network) is
    refused by the loader's resolver: the load fails (lxml alone would go on without the import,
    silently), and the server is never asked."""
    import http.server
    import threading

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  # http.server's name
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        xsd = tmp_path / "fetching.xsd"
        xsd.write_text(
            '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x">'
            '<xsd:import namespace="http://www.w3.org/XML/1998/namespace" '
            f'schemaLocation="http://127.0.0.1:{server.server_port}/xml.xsd"/></xsd:schema>',
            encoding="utf-8",
        )
        with pytest.raises(etree.XMLSchemaParseError):
            akn.load_schema(xsd)
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []


def test_first_document_is_marked_up_as_akn4un_says() -> None:
    doc = load(FIRST)
    root = _parse(render_akn(doc))
    (statement,) = root
    assert statement.tag == A + "statement" and statement.get("name") == "resolution"
    work = statement.find(f"{A}meta/{A}identification/{A}FRBRWork")
    assert work is not None
    uri = work.find(A + "FRBRuri")
    assert uri is not None and uri.get("value") == (
        "/akn/xx/statement/deliberation/international-association-of-genocide-scholars/2024-09-02/"
        "iags-2024-nagorno-karabakh"
    )
    lang = statement.find(f".//{A}FRBRExpression/{A}FRBRlanguage")
    assert lang is not None and lang.get("language") == "eng"
    org = statement.find(f".//{A}TLCOrganization")
    assert org is not None and org.get("showAs") == doc.issuer
    paragraphs = statement.findall(f"{A}mainBody/{A}paragraph")
    assert [p.get("eId") for p in paragraphs] == [c.id for c in doc.operative]
    assert [p.findtext(A + "num") for p in paragraphs] == [c.label for c in doc.operative]
    recitals = statement.findall(f"{A}preamble/{A}recitals/{A}recital")
    assert [r.get("eId") for r in recitals] == [p.id for p in doc.preamble]
    notes = statement.findall(f".//{A}authorialNote")
    assert [n.get("marker") for n in notes] == [str(c.number) for c in doc.citations()]
    assert {n.get("placement") for n in notes} == {"bottom"}
    refs = [r for r in statement.iter(A + "ref") if r.get("eId")]
    assert [r.get("eId") for r in refs] == [f"fnref-{c.number}" for c in doc.citations()]


def test_un_resolution_has_akn4un_iri_and_formula(tmp_path: Path) -> None:
    """A UN GA resolution: its IRI from the symbol (A/RES/71/4 is 71-4), the formula in the preamble."""
    for case in CASES:
        _, result = import_corpus_text(case.values[0])  # type: ignore[arg-type]
        doc = result.document
        if doc.form == "un-ga" and "A/RES/" in doc.metadata.get("symbol", "") and doc.formula:
            break
    else:
        pytest.fail("no UN GA resolution with a symbol and a formula in the corpus")
    root = _parse(render_akn(doc))
    uri = root.find(f".//{A}FRBRWork/{A}FRBRuri")
    session, number = doc.metadata["symbol"].split("/")[2:4]
    assert uri is not None and uri.get("value", "").startswith("/akn/un/statement/deliberation/un-ga/")
    assert uri.get("value", "").endswith(f"/{session}-{number.split()[0]}")
    formula = root.find(f".//{A}preamble/{A}formula")
    assert formula is not None and formula.get("name") == "enactingFormula"
    assert "".join(formula.itertext()).strip() == "".join(n.text for n in doc.formula if hasattr(n, "text"))


# --- the checker, on defects injected into the first document's real AKN -------------------------


@pytest.fixture
def written(tmp_path: Path) -> tuple[Any, Path, bytes]:
    doc = load(FIRST)
    path = tmp_path / akn.file_name(doc.id)
    data = render_akn(doc)
    path.write_bytes(data)
    assert check_akn(doc, path) == []
    return doc, path, data


def _line_of(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def test_checker_finds_a_renumbered_paragraph(written: tuple[Any, Path, bytes]) -> None:
    doc, path, data = written
    needle = b'<paragraph eId="clause-3"'
    path.write_bytes(data.replace(b"<num>3.</num>", b"<num>4.</num>", 1))
    found = check_akn(doc, path)
    assert [(f.code, f.line) for f in found] == [("akn.numbering", _line_of(data, needle))]
    assert "'clause-3' is numbered '4.'" in found[0].message


def test_checker_finds_a_broken_eid_reference(written: tuple[Any, Path, bytes]) -> None:
    doc, path, data = written
    source = doc.citations()[0]
    ref = f'<ref eId="fnref-{source.number}" href="#src-1"'.encode()
    assert ref in data
    path.write_bytes(data.replace(ref, ref.replace(b"#src-1", b"#src-999"), 1))
    found = check_akn(doc, path)
    assert [(f.code, f.line) for f in found] == [("akn.reference", _line_of(data, ref))]


def test_checker_finds_a_dropped_note(written: tuple[Any, Path, bytes]) -> None:
    doc, path, data = written
    tree = _parse(data)
    note = next(tree.iter(A + "authorialNote"))
    tail = note.tail
    parent = note.getparent()
    assert parent is not None
    parent.remove(note)
    previous = parent[-1] if len(parent) else None
    if previous is not None:
        previous.tail = (previous.tail or "") + (tail or "")
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    found = check_akn(doc, path)
    codes = {f.code for f in found}
    assert codes == {"akn.notes"}
    assert any(f"has {len(doc.citations()) - 1} notes, the source {len(doc.citations())}" in f.message and
               ": notes" in f.message for f in found)  # fmt: skip


def test_checker_finds_a_schema_violation_at_its_line(written: tuple[Any, Path, bytes]) -> None:
    doc, path, data = written
    needle = b'<FRBRlanguage language="eng"/>'
    path.write_bytes(data.replace(needle, b'<FRBRlanguage lang="eng"/>', 1))
    found = [f for f in check_akn(doc, path) if f.code == "akn.schema"]
    assert found and {f.line for f in found} == {_line_of(data, needle)}


# --- build, check, the archival PDF -------------------------------------------------------------


def test_build_to_akn_and_check(tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "clausepress"]
    built = subprocess.run([*cli, "build", str(FIRST), "-o", str(tmp_path), "--to", "akn"],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert built.returncode == 0, built.stderr
    path = tmp_path / "iags-2024-nagorno-karabakh.akn.xml"
    assert path.read_bytes() == render_akn(load(FIRST))
    report = check_document(FIRST, output_dir=tmp_path)
    assert report.checked["akn"].endswith(path.name)
    assert [f for f in report.findings if f.code.startswith("akn.")] == []
    path.write_bytes(path.read_bytes().replace(b"<num>3.</num>", b"<num>4.</num>", 1))
    checked = subprocess.run([*cli, "check", str(FIRST), "-o", str(tmp_path)], capture_output=True, text=True,
                             check=False)  # fmt: skip
    # An output edited after its build is no output of this source: `check` says so and reads no further
    # (the defects themselves: the tests above, through check_akn).
    assert f"{path.name} was not built from the source as it is now" in checked.stdout
    assert checked.returncode != 0


@pytest.fixture(scope="module")
def archival(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("archival")
    return {
        o.variant or o.format: o.path
        for o in build(FIRST, out, formats=("pdf", "akn"), variants=("archival",))
    }


def test_archival_pdf_carries_the_akn(archival: dict[str, Path]) -> None:
    with pikepdf.open(archival["archival"]) as pdf:
        files = {str(f.AFRelationship): f for f in pdf.Root.AF}
        data = files["/Data"]
        assert str(data.UF) == "iags-2024-nagorno-karabakh.akn.xml"
        assert str(data.EF.F.Subtype) == "/application/akn+xml"  # pikepdf decodes the name's #2f
        assert data.EF.F.read_bytes() == archival["akn"].read_bytes()
    report = check_document(FIRST, output_dir=archival["akn"].parent)
    assert [f for f in report.findings if "akn" in f.code] == []


def test_checker_finds_the_archival_akn_missing(archival: dict[str, Path], tmp_path: Path) -> None:
    from clausepress.check.variant import check_variant

    copy = tmp_path / archival["archival"].name
    with pikepdf.open(archival["archival"]) as pdf:
        pdf.Root.AF = pikepdf.Array([f for f in pdf.Root.AF if str(f.AFRelationship) != "/Data"])
        pdf.save(copy)
    found = check_variant(load(FIRST), copy, FIRST, "archival")
    assert "archival.akn-missing" in {f.code for f in found}


@pytest.mark.validators
def test_archival_pdf_with_akn_passes_verapdf(archival: dict[str, Path], validators: Validators) -> None:
    result = validators.report("verapdf-3a", archival["archival"])
    assert result["profile"] and result["checks"], result
    assert result["compliant"] and result["failures"] == [], result


# --- other tools' AKN ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title_start", "counts", "form"),
    [
        ("us_Act_2011-11-29.xml", "To facilitate the hosting in the United States of the 34th America's Cup",
         (0, 7, 0), "articles"),
        ("uk_pga-2014-27-enacted-data.xml", "An Act to make provision, in consequence of a declaration",
         (0, 8, 3), "articles"),
        # 5 citations, the recitals' intro "Whereas:" and 36 recitals; 24 articles in 9 chapters
        ("eu_COM(2013)0619_EN-8.xml", "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
         (42, 24, 9), "articles"),
    ],
)  # fmt: skip
def test_other_tools_akn_imports(
    name: str, title_start: str, counts: tuple[int, int, int], form: str
) -> None:
    """The OASIS examples (tests/import/akn/README.md) import as a source that loads back as the same model."""
    result = import_file(FOREIGN / name)
    doc = result.document
    assert doc.title.startswith(title_start) and doc.form == form and doc.language == "en"
    assert (len(doc.preamble), len(doc.operative), len(doc.headings())) == counts
    assert any(r.kind == "namespace" for r in result.repairs)  # a draft's namespace, said so
    from clausepress import loads

    assert loads(result.yaml, name, default_id=doc.id) == doc
    # and out again: valid AKN of the imported model
    assert akn.schema_errors(_parse(render_akn(doc))) == []


def test_readme_excerpt_is_the_real_output() -> None:
    """The README's AKN excerpt of the first document is cut from what the writer writes, unedited."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Akoma Ntoso\n") :]
    (block,) = re.findall(r"```xml\n(.*?)```", section[: section.index("\n## ", 5)], re.S)
    output = render_akn(load(FIRST)).decode("utf-8")
    pieces = block.split("      <!-- … -->\n")
    assert len(pieces) == 3
    for piece in pieces:
        assert piece.strip() and piece in output, piece[:200]
    assert output.startswith(pieces[0])


def test_emphasis_markdown_cannot_write_is_run_into_the_text() -> None:
    """The Italian Senate's bill sets numbers in italics against the next word: the import says it ran
    them into plain text, and the source it writes loads back as its model (no internal error)."""
    from clausepress import loads

    result = import_file(FOREIGN / "it_senato_ddl_2013.xml")
    assert "emphasis-removed" in {r.kind for r in result.repairs}
    assert result.document.language == "it" and len(result.document.operative) == 6
    assert loads(result.yaml, "it.yaml", default_id=result.document.id) == result.document
