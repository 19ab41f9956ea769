"""clausepress import of web pages that real tools wrote (clausepress, pandoc, LibreOffice): every word
of the main content kept, every link address and footnote found, the first document's round trip,
and what a page holds around its text (navigation, scripts, script addresses) left out, reported."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html

from clausepress import build
from clausepress.check import check_document
from clausepress.cli import main
from clausepress.errors import SourceError
from clausepress.importer import ImportResult, import_file
from clausepress.model import Document
from clausepress.source import load

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "import" / "html"
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
PAGES = sorted([*DATA.glob("*.html"), *DATA.glob("*.xhtml")])


def words(text: str) -> Counter[str]:
    """The words of a text as a multiset: its runs of letters, in lower case."""
    return Counter(re.findall(r"[^\W\d_]+", text.lower()))


def page_words(path: Path) -> Counter[str]:
    """The words a reader sees in the page's body (lxml's text, less scripts and styles)."""
    root = html.fromstring(path.read_bytes())
    for el in root.xpath("//script|//style|//head"):
        el.drop_tree()
    return words(root.text_content())


def page_links(path: Path) -> set[str]:
    """The addresses of the page's links to elsewhere (not to a place in the page)."""
    root = html.fromstring(path.read_bytes())
    return {a.get("href") for a in root.iter("a") if a.get("href") and not a.get("href").startswith("#")}


def page_notes(path: Path) -> int:
    """How many footnotes the page marks as such: pandoc's and clausepress's roles, LibreOffice's ids."""
    root = html.fromstring(path.read_bytes())
    return len(
        root.xpath("//*[@role='doc-endnote' or @role='doc-footnote' or starts-with(@id, 'sdfootnote')]")
    )


def imported_words(result: ImportResult) -> Counter[str]:
    return words(result.yaml + "\n" + "\n".join(r.removed for r in result.repairs))


@pytest.fixture(scope="module")
def imports() -> dict[str, ImportResult]:
    return {p.name: import_file(p) for p in PAGES}


def test_the_test_pages_are_made_by_at_least_two_tools() -> None:
    makers = {p.name.split(".")[-2] for p in PAGES}
    assert {"clausepress", "clausepress-epub", "pandoc", "libreoffice"} <= makers


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_word_of_the_page_is_kept(path: Path, imports: dict[str, ImportResult]) -> None:
    lost = page_words(path) - imported_words(imports[path.name])
    assert not lost, f"words of the page missing from the import: {sorted(lost.elements())[:20]}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_link_address_is_found(path: Path, imports: dict[str, ImportResult]) -> None:
    result = imports[path.name]
    urls = {s.url for s in result.document.sources.values() if s.url}
    for address in page_links(path):
        assert address in urls or any(address in r.message for r in result.repairs), address


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_footnote_is_a_citation(path: Path, imports: dict[str, ImportResult]) -> None:
    doc = imports[path.name].document
    expected = page_notes(path)
    assert len(doc.citations()) >= expected
    if "clausepress" not in path.name:  # clausepress's notes are its citations' own: read back as the links
        assert sum(1 for s in doc.sources.values() if s.note) == expected


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_the_import_builds_and_checks_clean(
    path: Path, imports: dict[str, ImportResult], tmp_path: Path
) -> None:
    source = tmp_path / "imported.yaml"
    source.write_text(imports[path.name].yaml, encoding="utf-8")
    build(source, tmp_path / "out", formats=["html"])
    report = check_document(source, output_dir=tmp_path / "out")
    assert not report.errors, [str(f) for f in report.errors]


def _citations(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [
        (c.anchor, doc.sources[c.source_id].url, doc.sources[c.source_id].status) for c in doc.citations()
    ]


@pytest.mark.parametrize(
    "name",
    ["iags-2024-nagorno-karabakh.clausepress.html", "iags-2024-nagorno-karabakh.clausepress-epub.xhtml"],
)
def test_the_first_document_comes_back_from_its_web_page(name: str, imports: dict[str, ImportResult]) -> None:
    """clausepress's own page (and its EPUB's XHTML) keeps where each link's words begin: all 29 come
    back as they were, five with their addresses, 24 missing."""
    original = load(FIRST)
    doc = imports[name].document
    before = [(a, u, "missing" if s == "missing" else None) for a, u, s in _citations(original)]
    assert _citations(doc) == before
    assert sum(1 for _, _, s in before if s == "missing") == 24
    assert (doc.title, doc.issuer, doc.adopted, doc.language) == (
        original.title,
        original.issuer,
        original.adopted,
        original.language,
    )
    assert [c.verb for c in doc.operative] == [c.verb for c in original.operative]
    assert [c.number for c in doc.operative] == [c.number for c in original.operative]
    assert len(doc.preamble) == len(original.preamble)


def _page_around(tmp_path: Path) -> Path:
    """A real text (LibreOffice's page of NY Senate resolution J159) inside a site's page: a menu,
    a script, a footer, and a script address on a link (one rule's fixture)."""
    page = (DATA / "ny-senate-res-159-2023.libreoffice.html").read_text(encoding="utf-8")
    head, _, rest = page.partition("<body")
    attrs, _, body = rest.partition(">")
    body, _, tail = body.rpartition("</body>")
    site = (
        f"{head}<body{attrs}><nav><ul><li><a href='/'>Home</a></li><li><a href='/bills'>Bills</a></li></ul></nav>"
        "<script>document.write('tracker')</script><style>p{color:red}</style>"
        f"<main>{body.replace('<p', '<p onclick=x()', 1)}<p><a href='javascript:alert(1)'>Print</a></p></main>"
        "<footer><p>Copyright footer</p></footer></body>" + tail
    )
    path = tmp_path / "site.html"
    path.write_text(site, encoding="utf-8")
    return path


def test_a_sites_page_keeps_its_text_not_its_furniture(tmp_path: Path) -> None:
    result = import_file(_page_around(tmp_path))
    lost = page_words(DATA / "ny-senate-res-159-2023.libreoffice.html") - imported_words(result)
    assert not lost  # every word of the text
    for word in ("Home", "Bills", "tracker", "Copyright", "color", "alert"):
        assert word not in result.yaml
    kinds = {(r.kind, r.removed) for r in result.repairs}
    assert ("link", "javascript:alert(1)") in kinds
    assert any(k == "furniture" and "Home" in removed for k, removed in kinds)
    assert any(k == "furniture" and "Copyright" in removed for k, removed in kinds)
    assert "Print" in result.yaml  # the link's words stay


def test_a_page_that_names_outside_things_fetches_nothing(tmp_path: Path) -> None:
    """An external entity, an image and a stylesheet elsewhere: none is read (the parser's network is off)."""
    path = tmp_path / "entity.html"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<html lang="en"><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"/></head>'
        "<body><main><h1>Resolution</h1><p>WHEREAS, &x; the text;</p><p>RESOLVED, That it is.</p>"
        '<img src="http://127.0.0.1:9/y.png"/></main></body></html>',
        encoding="utf-8",
    )
    result = import_file(path)
    assert "root:" not in result.yaml


def test_an_empty_page_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )
    with pytest.raises(SourceError):
        import_file(path)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "empty.html" in err


def test_the_cli_imports_a_page(tmp_path: Path) -> None:
    out = tmp_path / "unga.yaml"
    assert main(["import", str(DATA / "unga-80-57.pandoc.html"), "-o", str(out)]) == 0
    doc = load(out)
    assert doc.form == "un-ga" and len(doc.operative) >= 3


def test_a_preformatted_page_imports_as_its_text(tmp_path: Path) -> None:
    """A text set in <pre> as typed (as congress.gov shows GPO's texts), on a page that declares no
    encoding: it imports to the model its text does (a real text: the corpus's UN SC resolution 2722)."""
    import html as entities

    text = (ROOT / "tests" / "corpus" / "unsc-2722-2024-red-sea-s-2024-37" / "input.txt").read_text(
        encoding="utf-8"
    )
    assert "–" in text  # a character past ASCII, which a page read as Latin-1 would garble
    page = tmp_path / "input.html"  # the text has no title: its file's name stands in, the same
    page.write_text(
        f"<!DOCTYPE html><html><body><pre>{entities.escape(text)}</pre></body></html>", encoding="utf-8"
    )
    from clausepress.importer import import_text

    expected = import_text(text, "input.txt", "txt").document
    got = import_file(page).document
    assert (got.title, got.form, got.metadata) == (expected.title, expected.form, expected.metadata)
    assert got.preamble == expected.preamble and got.operative == expected.operative
