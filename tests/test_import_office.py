"""clausepress import of Word (DOCX) and OpenDocument (ODT) files, on files real tools made.

The files (tests/data/office/, provenance in its README) were written by pandoc and by
LibreOffice from real texts. For each, the import keeps every word the file holds, finds the
structure of the text it was made from, recovers every link address and every note the file
carries, and marks every link whose target the file lost as missing. What the file's XML holds
is read here independently of the importer (all its text, its relationships, its notes).
"""

from __future__ import annotations

import contextlib
import random
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from clausepress import load, loads
from clausepress.check.source import check_source
from clausepress.cli import main
from clausepress.errors import SourceError
from clausepress.importer import ImportResult, import_file
from clausepress.importer.office import MAX_INFLATED, formatted, letters, roman
from clausepress.importer.received import read_received
from clausepress.model import Citation, Document, Inline, plain_text
from clausepress.outline import outline

from .conftest import DATA, FIRST
from .test_corpus import _words, document_words

OFFICE = DATA / "office"
CASES = {
    "iags-2024-nagorno-karabakh": FIRST,
    "unga-80-68-ccw-convention": DATA.parent / "corpus" / "unga-80-68-ccw-convention" / "input.md",
    "ny-senate-res-159-2023": DATA.parent / "corpus" / "ny-senate-res-159-2023" / "input.md",
    "unsc-2339-2017-car-sanctions-s-2017-77": (
        DATA.parent / "corpus" / "unsc-2339-2017-car-sanctions-s-2017-77" / "input.txt"
    ),
}
FILES = sorted(OFFICE.glob("*.docx")) + sorted(OFFICE.glob("*.odt"))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"


def case_of(path: Path) -> str:
    return path.name.split(".")[0]


def original(path: Path) -> Document:
    """The document the file was made from (make_files.py)."""
    source = CASES[case_of(path)]
    return load(source) if source.suffix == ".yaml" else import_file(source).document


_IMPORTS: dict[Path, ImportResult] = {}


def imported(path: Path) -> ImportResult:
    if path not in _IMPORTS:
        _IMPORTS[path] = import_file(path)
    return _IMPORTS[path]


# --- what the file holds, read from its XML -------------------------------------------------


def _xml(path: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def _docx_paragraph_text(p: etree._Element) -> str:
    marks = {f"{W}tab": " ", f"{W}br": " ", f"{W}noBreakHyphen": "\u2011"}
    return "".join((t.text or "") if t.tag == f"{W}t" else marks[t.tag] for t in p.iter(f"{W}t", *marks))


def file_text(path: Path) -> str:
    """Every paragraph's text of the document and of its notes (none of the note marks)."""
    if path.suffix == ".docx":
        parts = [_docx_paragraph_text(p) for p in _xml(path, "word/document.xml").iter(f"{W}p")]
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
        for member, tag in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            if member in names:
                for note in _xml(path, member).iter(f"{W}{tag}"):
                    if note.get(f"{W}type", "normal") == "normal":
                        parts += [_docx_paragraph_text(p) for p in note.iter(f"{W}p")]
        return "\n".join(parts)
    body = _xml(path, "content.xml")
    for citation in body.iter(f"{TEXT}note-citation"):
        citation.text = ""
    parts = []
    for p in body.iter(f"{TEXT}p", f"{TEXT}h"):
        parts.append("".join(x for x in p.xpath("text()|.//text()[not(ancestor::text:note-body)]",
                                                  namespaces={"text": TEXT[1:-1]})))  # fmt: skip
    return "\n".join(parts)


def file_links(path: Path) -> tuple[list[str], int]:
    """The link addresses the file carries (each link once), and the number of its links whose
    target is lost (to no address, or to a place the document does not hold)."""
    addresses: list[str] = []
    lost = 0
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
        for member in ("word/document.xml", "word/footnotes.xml"):
            if member not in names:
                continue
            root = _xml(path, member)
            rels_name = f"word/_rels/{member.split('/')[1]}.rels"
            rels = {}
            if rels_name in names:
                for rel in _xml(path, rels_name):
                    rels[rel.get("Id")] = rel.get("Target")
            bookmarks = {b.get(f"{W}name") for b in _xml(path, "word/document.xml").iter(f"{W}bookmarkStart")}
            for link in root.iter(f"{W}hyperlink"):
                target = rels.get(link.get(f"{R}id"), "") if link.get(f"{R}id") else ""
                if target and target != "#":
                    addresses.append(target)
                elif link.get(f"{W}anchor") not in bookmarks or not link.get(f"{W}anchor"):
                    lost += 1
        return addresses, lost
    root = _xml(path, "content.xml")
    bookmarks = {b.get(f"{TEXT}name") for b in root.iter(f"{TEXT}bookmark", f"{TEXT}bookmark-start")}
    for link in root.iter(f"{TEXT}a"):
        href = link.get(f"{XLINK}href", "")
        if href.startswith("#") or not href:
            lost += href[1:] not in bookmarks or not href[1:]
        else:
            addresses.append(href)
    return addresses, lost


def file_notes(path: Path) -> list[str]:
    """Each note's text, in the order of its call."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            if "word/footnotes.xml" not in z.namelist():
                return []
        bodies = {
            n.get(f"{W}id"): " ".join(_docx_paragraph_text(p) for p in n.iter(f"{W}p"))
            for n in _xml(path, "word/footnotes.xml").iter(f"{W}footnote")
            if n.get(f"{W}type", "normal") == "normal"
        }
        calls = [r.get(f"{W}id") for r in _xml(path, "word/document.xml").iter(f"{W}footnoteReference")]
        return [bodies[c] for c in calls]
    return [
        " ".join("".join(p.itertext()) for p in note.iter(f"{TEXT}p"))
        for note in _xml(path, "content.xml").iter(f"{TEXT}note")
    ]


def citations(nodes: tuple[Inline, ...]) -> list[Citation]:
    found: list[Citation] = []
    for n in nodes:
        if isinstance(n, Citation):
            found.append(n)
        if hasattr(n, "children"):
            found += citations(n.children)
    return found


def all_citations(doc: Document) -> list[tuple[str, str]]:
    """(anchor words, source id) of every citation, in reading order."""
    return [(" ".join(plain_text(c.children).split()), c.source_id) for c in doc.citations()]


# --- the files ------------------------------------------------------------------------------


def test_each_format_is_made_by_two_tools() -> None:
    tools = {(p.suffix, p.name.split(".")[1]) for p in FILES}
    assert tools == {
        (".docx", "pandoc"),
        (".docx", "libreoffice"),
        (".odt", "pandoc"),
        (".odt", "libreoffice"),
    }
    assert {case_of(p) for p in FILES} == set(CASES)
    for path in FILES:  # made by the tool its name says, not by this project
        tool = path.name.split(".")[1]
        with zipfile.ZipFile(path) as z:
            if path.suffix == ".odt":
                made_by = z.read("meta.xml").decode()
                assert ("LibreOffice/7.4" if tool == "libreoffice" else "Pandoc/2.17") in made_by, path.name
            elif tool == "libreoffice":
                assert "LibreOffice/7.4" in z.read("docProps/app.xml").decode(), path.name
            else:  # pandoc's DOCX carries its reference document's styles (and its app.xml)
                assert 'w:styleId="FirstParagraph"' in z.read("word/styles.xml").decode(), path.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_word_of_the_file_is_kept(path: Path) -> None:
    result = imported(path)
    lost = _words(file_text(path)) - document_words(result.document)
    assert not lost, f"words of the file not in the document: {sorted(lost)[:20]}"
    assert loads(result.yaml, path.name, default_id=result.document.id) == result.document


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_structure_of_the_text_is_found(path: Path) -> None:
    doc, made_from = imported(path).document, original(path)
    compared = ("preamble", "operative", "subclauses", "headings", "footnotes")
    got, expected = outline(doc), outline(made_from)
    assert {k: got[k] for k in compared} == {k: expected[k] for k in compared}
    # A text with no title of its own (a Security Council copy that opens with its formula) has
    # its file's name standing in: each file's own.
    stands_in = any(r.kind == "no-title" for r in imported(path).repairs)
    assert doc.title == (path.stem if stands_in else made_from.title)
    assert [(c.label, c.verb) for c in doc.operative] == [(c.label, c.verb) for c in made_from.operative]
    labels = [[s.label for s in c.subclauses] for c in doc.operative]
    assert labels == [[s.label for s in c.subclauses] for c in made_from.operative]
    assert [[[t.label for t in s.subclauses] for s in c.subclauses] for c in doc.operative] == [
        [[t.label for t in s.subclauses] for s in c.subclauses] for c in made_from.operative
    ]
    # Emphasis: the italic verbs are the clauses' verbs, none guessed.
    if any(c.verb for c in made_from.operative):
        assert not [r for r in imported(path).repairs if r.kind == "unsure-verb"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_link_the_file_carries_is_recovered(path: Path) -> None:
    doc = imported(path).document
    addresses, lost = file_links(path)
    urls = {s.url for s in doc.sources.values() if s.url}
    notes = " ".join(s.note or "" for s in doc.sources.values())
    assert [a for a in addresses if a not in urls and a not in notes] == []
    missing = [sid for _, sid in all_citations(doc) if doc.sources[sid].status == "missing"]
    assert len(missing) == lost


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_note_the_file_carries_is_a_footnote(path: Path) -> None:
    doc = imported(path).document
    notes = file_notes(path)
    cited = [doc.sources[sid] for _, sid in all_citations(doc) if doc.sources[sid].note]
    assert len(cited) == len(notes)
    for source, note in zip(cited, notes, strict=True):
        assert _words(note) <= _words(f"{source.note} {source.url or ''}"), (source, note)


@pytest.mark.parametrize(
    "path", [p for p in FILES if case_of(p) == "iags-2024-nagorno-karabakh"], ids=lambda p: p.name
)
def test_the_first_document_keeps_its_five_addresses_and_its_24_lost_targets(path: Path) -> None:
    """The first document written out as DOCX/ODT with its five known addresses imports back with
    those addresses on the right words, and its 24 lost targets still marked missing."""
    doc, first = imported(path).document, load(FIRST)

    def by_kind(d: Document) -> tuple[list[tuple[str, str]], list[str]]:
        known = [(a, d.sources[s].url or "") for a, s in all_citations(d) if d.sources[s].url]
        missing = [a for a, s in all_citations(d) if d.sources[s].status == "missing"]
        return known, missing

    known, missing = by_kind(doc)
    first_known, first_missing = by_kind(first)
    assert len(first_known) == 5 and len(first_missing) == 24
    assert known == first_known
    assert missing == first_missing
    assert len(all_citations(doc)) == 29
    assert not check_errors(doc)


def check_errors(doc: Document) -> list[str]:
    return [str(f) for f in check_source(doc) if f.severity == "error"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_import_checks_clean(path: Path) -> None:
    assert check_errors(imported(path).document) == []


@pytest.mark.parametrize(
    "path", [p for p in FILES if case_of(p) == "unga-80-68-ccw-convention"], ids=lambda p: p.name
)
def test_numbering_is_read_as_the_word_processor_prints_it(path: Path) -> None:
    """The clause numbers and sub-clause labels come from the numbering (Word's numbering.xml, the
    ODT's list styles), not from the text: the file's text holds none of them."""
    fmt = path.suffix[1:]
    text = read_received(path.read_bytes(), path.name, fmt).text
    body = file_text(path)
    assert not re.search(r"^(?:\(?[a-z]{1,3}\)|\d+\.)\s", body, re.M)  # no label typed in the text
    assert re.findall(r"^(\d+)\. \*", text, re.M) == [str(n) for n in range(1, 16)]
    assert re.search(r"^8\. \*Recalls\*", text, re.M)
    assert re.findall(r"^\((?:[a-d]|i{1,3}|iv|v)\)", text, re.M) == [
        "(a)", "(b)", "(c)", "(d)", "(i)", "(ii)", "(iii)", "(iv)", "(v)"
    ]  # fmt: skip


def test_counting_styles() -> None:
    assert [letters(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["i", "iv", "ix", "xiv", "xl", "mcmxc"]
    assert formatted(3, "upperLetter") == "C" and formatted(4, "upperRoman") == "IV"
    assert formatted(7, "decimalZero") == "07" and formatted(2, "none") == ""


# --- small edits of a real file, each for one rule -----------------------------------------

REAL_DOCX = OFFICE / "unga-80-68-ccw-convention.pandoc.docx"
REAL_ODT = OFFICE / "unga-80-68-ccw-convention.libreoffice.odt"
IAGS_DOCX = OFFICE / "iags-2024-nagorno-karabakh.pandoc.docx"


def edited(path: Path, member: str, edit: object) -> bytes:
    """The package with one member's bytes replaced by `edit(old bytes)`."""
    out = BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, edit(data) if info.filename == member else data)  # type: ignore[operator]
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_runs_split_anywhere_make_one_emphasis(tmp_path: Path) -> None:
    """Word splits a run anywhere ("Re" + "calls", both italic): the verb is one italic word."""

    def split(data: bytes) -> bytes:
        text = data.decode()
        run = '<w:r><w:rPr><w:iCs /><w:i /></w:rPr><w:t xml:space="preserve">Recalls</w:t></w:r>'
        assert run in text
        halves = run.replace(">Recalls<", ">Re<") + run.replace(">Recalls<", ">calls<")
        return text.replace(run, halves, 1).encode()

    path = write(tmp_path, "split.docx", edited(REAL_DOCX, "word/document.xml", split))
    text = read_received(path.read_bytes(), path.name, "docx").text
    assert "*Recalls*" in text and "*Re*" not in text
    assert (
        imported(REAL_DOCX).document.operative[7].verb
        == import_file(path).document.operative[7].verb
        == "Recalls"
    )


def test_tracked_changes_are_refused(tmp_path: Path) -> None:
    def insert(data: bytes) -> bytes:
        return re.sub(
            rb"(<w:r>(?:(?!</w:r>).)*?Recalls(?:(?!</w:r>).)*?</w:r>)",
            rb'<w:ins w:id="90" w:author="Editor" w:date="2025-01-01T00:00:00Z">\1</w:ins>', data, count=1, flags=re.S,
        )  # fmt: skip

    path = write(tmp_path, "changed.docx", edited(REAL_DOCX, "word/document.xml", insert))
    with pytest.raises(
        SourceError,
        match=r"tracked changes \(1; the first, an insertion by Editor, in paragraph \d+ of word/document.xml\)",
    ):
        import_file(path)

    def odt_change(data: bytes) -> bytes:
        return re.sub(rb"(<office:text[^>]*>)", rb'\1<text:tracked-changes><text:changed-region text:id="c1">'
                      rb"<text:deletion/></text:changed-region></text:tracked-changes>", data, count=1)  # fmt: skip

    path = write(tmp_path, "changed.odt", edited(REAL_ODT, "content.xml", odt_change))
    with pytest.raises(SourceError, match="tracked changes"):
        import_file(path)


def test_comments_are_reported_and_left_out(tmp_path: Path) -> None:
    def comment(data: bytes) -> bytes:
        return data.replace(b'<w:t xml:space="preserve">Recalls</w:t></w:r>',
                            b'<w:t xml:space="preserve">Recalls</w:t></w:r><w:r><w:commentReference w:id="7"/></w:r>', 1)  # fmt: skip

    def comments(data: bytes) -> bytes:
        assert data.endswith(b" />")  # pandoc writes the part, empty
        return data[:-3] + (b'><w:comment w:id="7" w:author="Editor"><w:p><w:r><w:t>check the date</w:t>'
                            b"</w:r></w:p></w:comment></w:comments>")  # fmt: skip

    once = edited(REAL_DOCX, "word/document.xml", comment)
    path = write(tmp_path, "once.docx", once)
    path = write(tmp_path, "commented.docx", edited(path, "word/comments.xml", comments))
    result = import_file(path)
    (found,) = [r for r in result.repairs if r.kind == "comment"]
    assert (
        "by Editor" in found.message
        and "check the date" in found.message
        and "word/document.xml" in found.message
    )
    assert "check" not in " ".join(document_words(result.document))
    assert result.document == loads(result.yaml, path.name, default_id=result.document.id)


_BROKEN = {
    "truncated": (
        lambda d: d[: len(d) // 2],
        r"\(line \d+, column \d+ of that member\) is not well-formed XML: [^,]*\Z",
    ),
    "dtd": (
        lambda d: b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]>' + d.split(b"?>", 1)[1],
        "has a document type declaration",
    ),
    "entity": (
        lambda d: b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd">' + d.split(b"?>", 1)[1],
        "has a document type declaration",
    ),
}


@pytest.mark.parametrize("broken", list(_BROKEN))
@pytest.mark.parametrize(("real", "member"), [(REAL_DOCX, "word/document.xml"), (REAL_ODT, "content.xml")])
def test_a_broken_member_is_refused_naming_it(tmp_path: Path, broken: str, real: Path, member: str) -> None:
    edit, message = _BROKEN[broken]
    path = write(tmp_path, f"broken{real.suffix}", edited(real, member, edit))
    with pytest.raises(SourceError, match=message) as caught:
        import_file(path)
    said = str(caught.value)
    assert said.startswith(f"{path}:1:1: error: {member} ") and "\n" not in said
    assert "root:" not in said


def test_a_damaged_zip_is_refused(tmp_path: Path) -> None:
    data = REAL_DOCX.read_bytes()
    path = write(tmp_path, "damaged.docx", data[: len(data) // 2])
    with pytest.raises(SourceError, match="damaged zip|no readable DOCX"):
        import_file(path)


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    out = BytesIO()
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/zeros.bin", b"\0" * (MAX_INFLATED + 1))
    path = write(tmp_path, "bomb.docx", out.getvalue())
    with pytest.raises(SourceError, match="inflates"):
        import_file(path)


def test_a_member_inflating_too_many_times_is_refused(tmp_path: Path) -> None:
    out = BytesIO()
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/zeros.bin", b"\0" * (2 * 1024 * 1024))  # some 1,000 times its stored size
    path = write(tmp_path, "ratio.docx", out.getvalue())
    with pytest.raises(SourceError, match="zip bomb"):
        import_file(path)


def test_an_external_relationship_is_only_an_address(tmp_path: Path) -> None:
    """A relationship outside the package is never opened: a hyperlink's is its address; a part's
    (footnotes pointing at a file of the disk) is not read."""

    def rels(data: bytes) -> bytes:
        return data.replace(b'Target="footnotes.xml"', b'Target="../../../../etc/passwd"')

    path = write(tmp_path, "outside.docx", edited(REAL_DOCX, "word/_rels/document.xml.rels", rels))
    result = import_file(path)  # the footnotes part is gone: its calls are reported, nothing is read
    assert "root:" not in result.yaml
    assert [r for r in result.repairs if r.kind == "footnote" and "does not hold" in r.message]

    def link(data: bytes) -> bytes:
        assert b"https://www.icj-cij.org/case/180" in data
        return data.replace(b"https://www.icj-cij.org/case/180", b"file:///etc/passwd")

    path = write(tmp_path, "file-link.docx", edited(IAGS_DOCX, "word/_rels/document.xml.rels", link))
    result = import_file(path)
    assert result.document.sources["international-court-justice"].url == "file:///etc/passwd"
    assert "root:" not in result.yaml  # an address, never opened


def test_the_cli_imports_a_docx_and_refuses_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.yaml"
    assert main(["import", str(OFFICE / "iags-2024-nagorno-karabakh.libreoffice.docx"), "-o", str(out)]) == 0
    assert load(out).operative[0].verb == "Declares"
    capsys.readouterr()
    data = REAL_DOCX.read_bytes()
    broken = write(tmp_path, "broken.docx", data[: len(data) // 3])
    assert main(["import", str(broken), "-o", str(tmp_path / "b.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "broken.docx" in err and not (tmp_path / "b.yaml").exists()


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is a test dependency (bootstrap.sh setup)"
)
def test_a_file_libreoffice_writes_now_imports_as_the_committed_one(tmp_path: Path) -> None:
    """LibreOffice, run now, writes the committed file's DOCX again: its import is the same."""
    src = tmp_path / "iags-2024-nagorno-karabakh.odt"
    shutil.copy(OFFICE / "iags-2024-nagorno-karabakh.pandoc.odt", src)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path / "out"), str(src)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    fresh = import_file(tmp_path / "out" / "iags-2024-nagorno-karabakh.docx").document
    committed = imported(OFFICE / "iags-2024-nagorno-karabakh.libreoffice.docx").document
    assert outline(fresh) | {"id": ""} == outline(committed) | {"id": ""}
    assert all_citations(fresh) == all_citations(committed)
    assert Counter(document_words(fresh)) == Counter(document_words(committed))


# --- files Word made: python-docx's test files (tests/data/office/word/, MIT) ---------------

WORD = OFFICE / "word"
WORD_FILES = sorted(WORD.glob("*.docx"))
_TARGETS = re.compile(r"\]\((?:<[^>]*>|[^()\s]*)\)|\[\^\d+\]:?")


def converted(path: Path) -> tuple[str, tuple[object, ...]]:
    got = read_received(path.read_bytes(), path.name, "docx")
    return got.text, got.repairs


def test_the_word_files_are_words() -> None:
    assert len(WORD_FILES) == 6
    for path in WORD_FILES:
        assert "Microsoft" in zipfile.ZipFile(path).read("docProps/app.xml").decode(), path.name


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_a_word_file_keeps_every_word(path: Path) -> None:
    text, _ = converted(path)
    assert not _words(file_text(path)) - _words(_TARGETS.sub(" ", text))
    addresses, _lost = file_links(path)
    for address in addresses:  # every hyperlink's address, on its words
        assert re.search(rf"\]\(<?{re.escape(address)}", text), address


def test_word_footnotes_are_notes_at_their_calls() -> None:
    text, _ = converted(WORD / "footnotes.docx")
    notes = file_notes(WORD / "footnotes.docx")
    assert len(notes) == 3
    assert re.findall(r"^\[\^(\d)\]: (.*)$", text, re.M) == [
        (str(i), n.strip()) for i, n in enumerate(notes, 1)
    ]
    assert "one footnote here[^1]." in text and "here[^2] and here[^3]." in text


def test_word_links_to_bookmarks_are_text_and_fragments_stay() -> None:
    text, _ = converted(WORD / "par-hlink-frags.docx")
    assert "Two with link to bookmark." in text  # a place in the document: no source
    assert "[http://foo.com#introduction](http://foo.com/#intro)" in text  # w:anchor is the fragment


def test_word_comments_are_reported_with_their_words() -> None:
    text, repairs = converted(WORD / "comments-rich-para.docx")
    comments = [r for r in repairs if getattr(r, "kind", "") == "comment"]
    said = [
        " ".join("".join(t.text or "" for t in c.iter(f"{W}t")).split())
        for c in _xml(WORD / "comments-rich-para.docx", "word/comments.xml")
    ]
    assert len(comments) == len(said) == 4
    for repair, words in zip(comments, said, strict=True):
        assert words in repair.message and words not in text  # type: ignore[attr-defined]


def test_word_numbering_by_style_and_tables_reported() -> None:
    text, _ = converted(WORD / "num-having-numbering-part.docx")
    assert text.startswith("1. Paragraph having List Number style.")  # numPr of the style, not the paragraph
    _, repairs = converted(WORD / "blk-paras-and-tables.docx")
    tables = [r for r in repairs if getattr(r, "kind", "") == "table"]
    assert len(tables) == sum(
        1 for _ in _xml(WORD / "blk-paras-and-tables.docx", "word/document.xml").iter(f"{W}tbl")
    )


def test_the_import_tells_each_repair_at_its_paragraph() -> None:
    """The text import's repairs are told at the paragraph of word/document.xml (not at a line of the
    Markdown the user never sees): the first lost link at the paragraph that holds its words."""
    path = OFFICE / "iags-2024-nagorno-karabakh.pandoc.docx"
    paragraphs = [_docx_paragraph_text(p) for p in _xml(path, "word/document.xml").iter(f"{W}p")]
    result = imported(path)
    assert all(1 <= r.line <= len(paragraphs) for r in result.repairs)
    first = next(r for r in result.repairs if r.kind == "missing-link-target")
    assert "killing and other violence" in first.message
    assert "killing and other violence" in paragraphs[first.line - 1]


# --- more single rules, on edited copies of the real files ----------------------------------

_ICJ_LINK = (
    b'<w:hyperlink r:id="rId20"><w:r><w:rPr><w:rStyle w:val="Hyperlink" /></w:rPr>'
    b'<w:t xml:space="preserve">International Court of Justice</w:t></w:r></w:hyperlink>'
)


def test_a_hyperlink_field_is_a_link(tmp_path: Path) -> None:
    """Word writes some links as HYPERLINK fields: the field's address goes to its printed words,
    its code is no word of the text."""

    def as_field(data: bytes) -> bytes:
        assert _ICJ_LINK in data
        field_runs = (
            b'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            b'<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.icj-cij.org/case/180" </w:instrText></w:r>'
            b'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            b'<w:r><w:t>International Court</w:t></w:r><w:r><w:t xml:space="preserve"> of Justice</w:t></w:r>'
            b'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
        return data.replace(_ICJ_LINK, field_runs, 1)

    path = write(tmp_path, "field.docx", edited(IAGS_DOCX, "word/document.xml", as_field))
    doc = import_file(path).document
    known = [(a, doc.sources[s].url) for a, s in all_citations(doc) if doc.sources[s].url]
    assert known[0] == ("International Court of Justice", "https://www.icj-cij.org/case/180")
    assert "HYPERLINK" not in import_file(path).yaml


def test_endnotes_are_notes_too(tmp_path: Path) -> None:
    """The footnotes made endnotes (part, relationship, elements renamed): the same notes."""
    out = BytesIO()
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            name = info.filename.replace("footnotes", "endnotes")
            for old, new in (
                (b"w:footnote", b"w:endnote"),
                (b"footnotes", b"endnotes"),
                (b"footnote", b"endnote"),
            ):
                data = data.replace(old, new) if info.filename.endswith((".xml", ".rels")) else data
            dst.writestr(name, data)
    path = write(tmp_path, "endnotes.docx", out.getvalue())
    assert "endnotes" in " ".join(zipfile.ZipFile(path).namelist())
    ends, feet = import_file(path).document, imported(REAL_DOCX).document
    assert outline(ends)["footnotes"] == outline(feet)["footnotes"] == 16
    assert [s.note for s in ends.sources.values()] == [s.note for s in feet.sources.values()]


def test_an_odt_comment_is_reported_and_left_out(tmp_path: Path) -> None:
    def annotate(data: bytes) -> bytes:
        at = data.index(b">Recalls<") + 1
        note = b"<office:annotation><dc:creator>Editor</dc:creator><text:p>check the date</text:p></office:annotation>"
        return data[:at] + note + data[at:]

    path = write(tmp_path, "annotated.odt", edited(REAL_ODT, "content.xml", annotate))
    result = import_file(path)
    (found,) = [r for r in result.repairs if r.kind == "comment"]
    assert (
        "by Editor" in found.message
        and "'check the date'" in found.message
        and "content.xml" in found.message
    )
    assert "check" not in document_words(result.document)
    assert result.document.operative[7].verb == "Recalls"


@pytest.mark.slow
def test_the_first_document_from_word_builds_and_checks_clean(tmp_path: Path) -> None:
    """The first document, imported from the Word file pandoc wrote, builds (PDF, EPUB) and checks
    with no error."""
    from clausepress import build
    from clausepress.check import check_document

    source = tmp_path / "iags.yaml"
    assert main(["import", str(IAGS_DOCX), "-o", str(source)]) == 0
    built = {o.format: o.path for o in build(source, tmp_path / "out", formats=["pdf", "epub"])}
    report = check_document(source, built["pdf"], built["epub"])
    assert [str(f) for f in report.findings if f.severity == "error"] == []


def test_a_text_box_is_read_once(tmp_path: Path) -> None:
    """Word writes a text box twice (DrawingML in mc:Choice, VML in mc:Fallback): its words once,
    in the paragraph that anchors it, with a note."""
    box = (
        b'<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        b'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp '
        b'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>'
        b"<w:p><w:r><w:t>Distr.: General</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
        b"</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        b"<w:p><w:r><w:t>Distr.: General</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
        b"</mc:Fallback></mc:AlternateContent></w:r>"
    )

    def add_box(data: bytes) -> bytes:
        at = data.index(b"</w:p>")  # in the first paragraph, the title
        return data[:at] + box + data[at:]

    path = write(tmp_path, "box.docx", edited(REAL_DOCX, "word/document.xml", add_box))
    text, repairs = converted(path)
    assert text.count("Distr.: General") == 1
    assert [r.line for r in repairs if getattr(r, "kind", "") == "text-box"] == [1]  # type: ignore[attr-defined]
    assert "Distr.: General" not in read_received(REAL_DOCX.read_bytes(), "x.docx", "docx").text


def test_a_link_inside_a_note_keeps_its_address(tmp_path: Path) -> None:
    """A hyperlink in word/footnotes.xml (through footnotes.xml.rels): the note's source has its
    address. (The address is the resolution's own, from its corpus front matter.)"""
    address = b"https://digitallibrary.un.org/record/4096141/files/A_RES_80_68-EN.pdf"
    words = b'<w:r><w:t xml:space="preserve">United Nations, Treaty Series, vol. 1342, No. 22495.</w:t></w:r>'

    def link(data: bytes) -> bytes:
        assert words in data
        return data.replace(words, b'<w:hyperlink r:id="rIdN1">' + words + b"</w:hyperlink>", 1)

    def rels(data: bytes) -> bytes:
        rel = b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        rel += b'Id="rIdN1" Target="' + address + b'" TargetMode="External" />'
        return data.replace(b" />", b">" + rel + b"</Relationships>", 1)

    once = write(tmp_path, "once.docx", edited(REAL_DOCX, "word/footnotes.xml", link))
    path = write(tmp_path, "note-link.docx", edited(once, "word/_rels/footnotes.xml.rels", rels))
    doc = import_file(path).document
    first = doc.sources[all_citations(doc)[0][1]]
    assert first.url == address.decode()
    assert "United Nations, Treaty Series, vol. 1342, No. 22495." in (first.note or "")


@pytest.mark.slow
def test_damaged_members_are_refused_or_read_never_a_traceback(tmp_path: Path) -> None:
    """Slices of a member's markup cut out or doubled, attribute values made odd: the import reads
    the file or refuses it (SourceError), and raises nothing else. Deterministic draws."""
    from clausepress.errors import ClausepressError

    rng = random.Random(7)
    files = [*FILES, *WORD_FILES]
    for n in range(120):
        real = rng.choice(files)
        with zipfile.ZipFile(real) as z:
            members = [i.filename for i in z.infolist() if i.filename.endswith((".xml", ".rels"))]
        member = rng.choice(members)

        def damage(data: bytes) -> bytes:
            text = data.decode("utf-8", "replace")
            tags = [i for i, c in enumerate(text) if c == "<"]
            if len(tags) < 4:
                return data
            a, b = sorted(rng.sample(tags, 2))
            op = rng.random()
            if op < 0.4:
                text = text[:a] + text[b:]
            elif op < 0.7:
                text = text[:b] + text[a:b] + text[b:]
            else:
                odd = ["", "-1", "99999999", "x", "0", "%9"]
                text = re.sub(r'w:val="[^"]*"', lambda _: f'w:val="{rng.choice(odd)}"', text)
            return text.encode()

        path = write(tmp_path, f"damaged-{n}{real.suffix}", edited(real, member, damage))
        with contextlib.suppress(ClausepressError):
            import_file(path)


def test_hidden_text_is_kept_and_said(tmp_path: Path) -> None:
    def hide(data: bytes) -> bytes:
        run = b'<w:r><w:rPr><w:iCs /><w:i /></w:rPr><w:t xml:space="preserve">Recalls</w:t></w:r>'
        assert run in data
        return data.replace(run, run.replace(b"<w:i />", b"<w:i /><w:vanish />"), 1)

    path = write(tmp_path, "hidden.docx", edited(REAL_DOCX, "word/document.xml", hide))
    result = import_file(path)
    (said,) = [r for r in result.repairs if r.kind == "hidden-text"]
    assert "'Recalls'" in said.message and result.document.operative[7].verb == "Recalls"


def test_the_main_part_is_found_by_the_package_relationships(tmp_path: Path) -> None:
    out = BytesIO()
    with zipfile.ZipFile(REAL_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"word/document.xml", b"word/main.xml")
            name = info.filename.replace("word/document.xml", "word/main.xml")
            dst.writestr(name.replace("word/_rels/document.xml.rels", "word/_rels/main.xml.rels"), data)
    path = write(tmp_path, "main.docx", out.getvalue())
    assert "word/document.xml" not in zipfile.ZipFile(path).namelist()
    assert outline(import_file(path).document) | {"id": ""} == outline(imported(REAL_DOCX).document) | {
        "id": ""
    }


def test_an_ole_file_is_refused_with_what_it_is(tmp_path: Path) -> None:
    path = write(tmp_path, "protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(SourceError, match="OLE compound file: a password-protected document"):
        import_file(path)


def test_odt_endnotes_are_notes_too(tmp_path: Path) -> None:
    def endnotes(data: bytes) -> bytes:
        assert b'text:note-class="footnote"' in data
        return data.replace(b'text:note-class="footnote"', b'text:note-class="endnote"')

    path = write(tmp_path, "endnotes.odt", edited(REAL_ODT, "content.xml", endnotes))
    ends, feet = import_file(path).document, imported(REAL_ODT).document
    assert outline(ends)["footnotes"] == outline(feet)["footnotes"] == 16
    assert [s.note for s in ends.sources.values()] == [s.note for s in feet.sources.values()]


def test_an_odt_link_to_a_place_in_the_document_is_text(tmp_path: Path) -> None:
    """A link to a bookmark the document holds is a cross-reference (its words stay, no source); one
    to a bookmark it does not hold is a link whose target is lost."""
    path = OFFICE / "iags-2024-nagorno-karabakh.libreoffice.odt"

    def bookmark(data: bytes) -> bytes:
        href = b'xlink:href="https://www.icj-cij.org/case/180"'
        assert href in data
        data = data.replace(href, b'xlink:href="#preamble"', 1)
        return re.sub(rb"(<office:text[^>]*>)", rb'\1<text:bookmark text:name="preamble"/>', data, count=1)

    doc = import_file(write(tmp_path, "bookmark.odt", edited(path, "content.xml", bookmark))).document
    assert "https://www.icj-cij.org/case/180" not in {s.url for s in doc.sources.values()}
    assert "International Court of Justice" not in [a for a, _ in all_citations(doc)]
    assert len(all_citations(doc)) == 28


def test_marks_in_the_text_are_text_and_an_address_stays_whole() -> None:
    """What Markdown would read as marks is escaped (a typed "*", "[", "_"), but an address written
    out in the text is left whole, so that the text import finds it (its "_" unescaped)."""
    from clausepress.importer.office import Piece, inline_markdown

    address = "https://digitallibrary.un.org/record/4096141/files/A_RES_80_68-EN.pdf"  # the corpus copy's
    line = inline_markdown([Piece(f"A/RES/80/68 at {address}, [sic] *not* snake_case")])
    assert f"at {address}, " in line
    assert r"\[sic\] \*not\* snake\_case" in line
    assert (
        inline_markdown([Piece("Re", italic=True), Piece("calls", italic=True), Piece(" the")])
        == "*Recalls* the"
    )
    assert inline_markdown([Piece("Recalls ", italic=True), Piece("the")]) == "*Recalls* the"


def test_word_counts_lists_as_word_does() -> None:
    """numbering.xml's rules, one each: levels restart under a higher one; lists of one abstract
    numbering count on together; a w:num with a startOverride restarts its own count; w:isLgl shows
    the higher levels in decimal. (A small numbering part written for these rules.)"""
    from clausepress.importer.office_docx import _numbering

    part = etree.fromstring(
        f"""<w:numbering xmlns:w="{W[1:-1]}">
        <w:abstractNum w:abstractNumId="7">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="7"/>
          <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
        </w:numbering>"""
    )
    numbering = _numbering(part)
    seen = [
        numbering.label(n, lvl) for n, lvl in [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 0), ("1", 1)]
    ]
    seen += [numbering.label(n, lvl) for n, lvl in [("2", 0), ("2", 0), ("3", 0), ("1", 0)]]
    assert [x[0] if x else None for x in seen] == [
        "I.", "(a)", "(b)", "1.1", "II.", "(a)", "V.", "VI.", "III.", "IV."
    ]  # fmt: skip
    assert numbering.label("9", 0) is None  # a w:num the part does not hold: no label
