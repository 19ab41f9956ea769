"""The volume's EPUB (`clausepress volume --to epub`): three General Assembly resolutions of the
corpus (real texts, imported as `clausepress import` reads them), read back from the package.

A reader of the e-book relies on: one file a document in the volume's order, the nav nesting each
document's operative paragraphs under its title (and under its group's heading), the page list
leading to every page of the volume's screen PDF, where that page begins; EPUBCheck and Ace find
nothing. The checker (`clausepress check VOLUME.yaml`) must find what a damaged package lost.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from clausepress.check.volume import check_volume
from clausepress.cli import main
from clausepress.volume import build_volume, load_volume
from clausepress.volume_epub import build_volume_epub

from .conftest import Validators, epubcheck
from .test_volume import _volume_source

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> tuple[Path, Path, Path, int]:
    """The volume, its screen PDF, its EPUB (built from the PDF's page starts) and the PDF's pages."""
    folder = tmp_path_factory.mktemp("volume-epub")
    volume = _volume_source(folder)
    pdf, laid = build_volume(volume, folder / "out")
    epub, _ = build_volume_epub(volume, folder / "out", page_starts=laid.page_starts)
    validators.want("epubcheck", epub)
    validators.want("ace", epub)
    return volume, pdf, epub, laid.pages


def _members(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as z:
        return {name: z.read(name) for name in z.namelist()}


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def test_one_file_a_document_in_the_volume_s_order(book: tuple[Path, Path, Path, int]) -> None:
    volume, _, epub, _ = book
    members = _members(epub)
    opf = _xml(members["EPUB/content.opf"])
    items = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:manifest/opf:item", NS)}
    spine = [items[r.get("idref")] for r in opf.iterfind(".//opf:spine/opf:itemref", NS)]
    parts = load_volume(volume).parts
    documents = [f"document-{k}.xhtml" for k in range(1, len(parts) + 1)]
    assert spine == ["cover.xhtml", "front.xhtml", *documents, "index.xhtml"]
    for k, part in enumerate(parts, 1):
        root = _xml(members[f"EPUB/document-{k}.xhtml"])
        (title,) = root.xpath("//x:h1[@id='title']", namespaces=NS)
        assert " ".join("".join(title.itertext()).split()) == part.document.title
        clauses = root.xpath("//x:li[contains(concat(' ', @class, ' '), ' clause ')]/@id", namespaces=NS)
        assert clauses == [c.id for c in part.document.operative]
    # The group's heading opens its first document's file, once.
    headings = [
        (k, "".join(h.itertext()))
        for k in range(1, len(parts) + 1)
        for h in _xml(members[f"EPUB/document-{k}.xhtml"]).xpath(
            "//x:h1[@class='volume-group-heading']", namespaces=NS
        )
    ]
    assert headings == [(2, "First Committee")]


def test_the_nav_nests_each_document_s_paragraphs_under_its_title(book: tuple[Path, Path, Path, int]) -> None:
    volume, _, epub, _ = book
    nav = _xml(_members(epub)["EPUB/nav.xhtml"])
    (toc,) = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    parts = load_volume(volume).parts
    for k, part in enumerate(parts, 1):
        (entry,) = toc.xpath(f".//x:li[x:a/@href='document-{k}.xhtml#title']", namespaces=NS)
        nested = entry.xpath("./x:ol//x:a/@href", namespaces=NS)
        clauses = [h.split("#", 1)[1] for h in nested if h.startswith(f"document-{k}.xhtml#clause-")]
        assert clauses == [c.id for c in part.document.operative]
        assert all(h.startswith(f"document-{k}.xhtml#") for h in nested)
        grouped = entry.getparent().getparent()
        group = grouped.find("x:span", NS)
        assert (group.text if group is not None else None) == part.group


def test_the_page_list_leads_to_every_page_of_the_pdf(book: tuple[Path, Path, Path, int]) -> None:
    _, _, epub, pages = book
    members = _members(epub)
    nav = _xml(members["EPUB/nav.xhtml"])
    entries = nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    assert [a.text for a in entries] == [str(n) for n in range(1, pages + 1)]
    for a in entries:
        file, ident = a.get("href").split("#")
        root = _xml(members[f"EPUB/{file}"])
        assert root.xpath(f"//*[@id='{ident}'][@epub:type='pagebreak']", namespaces=NS), a.get("href")


def test_the_checker_finds_the_volume_s_epub_clean(book: tuple[Path, Path, Path, int]) -> None:
    volume, pdf, epub, _ = book
    report = check_volume(volume, pdf, pdf.parent, epub)
    assert report.checked["epub"].endswith("session.epub")
    assert [str(f) for f in report.findings if f.severity == "error"] == []


def test_the_same_volume_gives_the_same_epub(book: tuple[Path, Path, Path, int], tmp_path: Path) -> None:
    volume, _, epub, _ = book
    again, _ = build_volume_epub(volume, tmp_path)  # laid out again for its page list
    assert again.read_bytes() == epub.read_bytes()


def _damaged(epub: Path, out: Path, change: dict[str, tuple[str, str]]) -> Path:
    """A copy of `epub` with, in each named member, one replacement (pattern, with) made."""
    data = io.BytesIO()
    with zipfile.ZipFile(epub) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in change:
                pattern, repl = change[info.filename]
                content, n = re.subn(pattern.encode(), repl.encode(), content, count=1, flags=re.S)
                assert n == 1, (info.filename, pattern)
            dst.writestr(info, content)
    out.write_bytes(data.getvalue())
    return out


@pytest.mark.parametrize(
    ("change", "code", "says"),
    [
        # A document's file dropped from the spine.
        ({"EPUB/content.opf": (r'<itemref idref="document-2"/>', "")}, "volume-epub.document-missing", "document 2"),
        # Two documents in the wrong order.
        (
            {"EPUB/content.opf": (r'(<itemref idref="document-2"/>)(\s*)(<itemref idref="document-3"/>)', r"\3\2\1")},
            "volume-epub.order", "document-3.xhtml",
        ),
        # An operative paragraph lost from the third document.
        ({"EPUB/document-3.xhtml": (r'<li class="clause" id="clause-2".*?</li>', "")}, "epub.clause-missing", "document 3"),
        # A nav entry of the first document's clause pointing nowhere.
        ({"EPUB/nav.xhtml": (r'document-1\.xhtml#clause-1"', 'document-1.xhtml#clause-99"')}, "epub.link-broken", "document 1"),
        # A page marker moved: page 6's marker at the first document's start.
        (
            {"EPUB/document-1.xhtml": (r'(<header)(.*?)(<span class="pagebreak"[^>]*id="page-6"[^>]*></span>)', r"\3\1\2")},
            "epub.page-marker", "page 6",
        ),
    ],
    ids=["missing", "order", "clause", "nav", "page"],
)  # fmt: skip
def test_the_checker_finds_what_a_damaged_epub_lost(
    book: tuple[Path, Path, Path, int],
    tmp_path: Path,
    change: dict[str, tuple[str, str]],
    code: str,
    says: str,
) -> None:
    volume, pdf, epub, _ = book
    report = check_volume(volume, pdf, pdf.parent, _damaged(epub, tmp_path / "damaged.epub", change))
    found = [f for f in report.findings if f.code == code]
    assert found and any(says in f.message for f in found), [str(f) for f in report.findings]


def test_volume_to_epub_writes_the_epub_alone(book: tuple[Path, Path, Path, int], tmp_path: Path) -> None:
    volume, _, _, _ = book
    assert main(["volume", str(volume), "-o", str(tmp_path), "--to", "epub"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.epub"]
    assert main(["volume", str(volume), "-o", str(tmp_path), "--to", "mobi"]) == 2


@pytest.mark.validators
def test_epubcheck_and_ace_find_nothing_in_the_volume(
    book: tuple[Path, Path, Path, int], validators: Validators
) -> None:
    _, _, epub, _ = book
    report = epubcheck(validators, epub)
    assert [m["message"] for m in report["messages"]] == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0
    result = validators.report("ace", epub)
    assert result["violations"] == {} and result["outcome"] == "pass", result
