"""The EPUB: package metadata, nav, pop-up footnotes, shared ids, and EPUBCheck with nothing to say."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from clausepress import load
from clausepress.render import book_identifier

from ..conftest import FIRST, Built, Validators, epubcheck

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _xml(epub: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(epub.read(name))


@pytest.mark.validators
def test_epubcheck_reports_nothing(first: Built, validators: Validators) -> None:
    report = epubcheck(validators, first.epub)
    messages = [f"{m['severity']} {m['ID']}: {m['message']}" for m in report["messages"]]
    assert messages == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0


def test_package_metadata(first: Built) -> None:
    doc = load(FIRST)
    with zipfile.ZipFile(first.epub) as z:
        assert z.namelist()[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = _xml(z, "EPUB/content.opf")
    meta = opf.find("opf:metadata", NS)
    assert meta.findtext("dc:identifier", namespaces=NS) == book_identifier(doc)
    assert book_identifier(doc).startswith("urn:uuid:")
    assert meta.findtext("dc:title", namespaces=NS) == doc.title
    assert meta.findtext("dc:language", namespaces=NS) == "en"
    assert meta.findtext("dc:creator", namespaces=NS) == doc.issuer
    assert meta.findtext("dc:date", namespaces=NS) == "2024-09-02"
    modified = meta.xpath("opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2024-09-02T00:00:00Z"]


def test_nav_lists_the_clauses(first: Built) -> None:
    doc = load(FIRST)
    with zipfile.ZipFile(first.epub) as z:
        nav = _xml(z, "EPUB/nav.xhtml")
        text = _xml(z, "EPUB/document.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)[0]
    links = [(a.get("href"), a.text) for a in toc.iterfind(".//x:a", NS)]
    clause_links = links[3:-1]
    assert clause_links == [(f"document.xhtml#{c.id}", f"{c.number}. {c.verb}") for c in doc.operative]
    assert links[-1] == ("document.xhtml#notes", "Notes")  # the notes are a part of their own, listed
    ids = set(text.xpath("//@id"))
    assert all(href.split("#")[1] in ids for href, _ in links)


def test_footnotes_pop_up(first: Built) -> None:
    """noteref -> endnote -> back to the call, one per citation, in order, in a titled section of
    notes (shown by readers that hide asides); each call's number raised by markup (<sup>)."""
    with zipfile.ZipFile(first.epub) as z:
        text = _xml(z, "EPUB/document.xhtml")
    refs = text.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    (section,) = text.xpath("//x:section[@epub:type='endnotes']", namespaces=NS)
    assert section.get("role") == "doc-endnotes" and section.find("x:h2", NS).text == "Notes"
    notes = section.xpath(".//x:li[@epub:type='endnote']", namespaces=NS)
    assert len(refs) == len(notes) == 29 and not text.xpath("//x:aside", namespaces=NS)
    for n, (ref, note) in enumerate(zip(refs, notes, strict=True), 1):
        assert ref.get("role") == "doc-noteref" and ref.find("x:sup", NS).text == str(n)
        assert ref.get("href") == f"#fn-{n}" and note.get("id") == f"fn-{n}"
        back = note.find(".//x:a[@role='doc-backlink']", NS)
        assert back.get("href") == f"#{ref.get('id')}"
    missing = [n for n in notes if "Link target not given in the source text." in "".join(n.itertext())]
    assert len(missing) == 24


def test_ids_shared_with_the_html(first: Built) -> None:
    html = etree.parse(str(first.html), etree.HTMLParser()).getroot()
    with zipfile.ZipFile(first.epub) as z:
        xhtml = _xml(z, "EPUB/document.xhtml")
    structural = {"preamble-3", "clause-7", "clause-15", "preamble", "operative", "title"}
    assert structural <= set(html.xpath("//@id"))
    assert structural <= set(xhtml.xpath("//@id"))
    assert [e.get("id") for e in html.xpath("//li[@class='clause']")] == [
        e.get("id") for e in xhtml.xpath("//x:li[@class='clause']", namespaces=NS)
    ]


def test_subclause_ids(fixture_doc: Built) -> None:
    with zipfile.ZipFile(fixture_doc.epub) as z:
        xhtml = _xml(z, "EPUB/document.xhtml")
    doc = load(fixture_doc.source)
    expected = [s.id for c in doc.operative for s in c.subclauses]
    found = [e.get("id") for e in xhtml.xpath("//x:ol[@class='subclauses']/x:li", namespaces=NS)]
    assert [i for i in found if i in expected] == expected


def test_cover(first: Built) -> None:
    """A raster cover the stores accept (2:3, 1600 px wide), declared as the cover image, on a
    page of its own first in the spine, with alternative text that says what it shows."""
    import io

    from PIL import Image

    with zipfile.ZipFile(first.epub) as z:
        opf = _xml(z, "EPUB/content.opf")
        (item,) = opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
        image = Image.open(io.BytesIO(z.read(f"EPUB/{item.get('href')}")))
        cover = _xml(z, "EPUB/cover.xhtml")
        nav = _xml(z, "EPUB/nav.xhtml")
    assert (image.format, image.size) == ("PNG", (1600, 2400))
    assert not {"date:create", "date:modify", "Software"} & set(image.info), image.info  # no stamp
    spine = [ref.get("idref") for ref in opf.xpath("//opf:spine/opf:itemref", namespaces=NS)]
    assert spine[0] == "cover"
    (img,) = cover.xpath("//x:img", namespaces=NS)
    doc = load(FIRST)
    assert (
        img.get("role") == "doc-cover" and doc.title in img.get("alt") and str(doc.issuer) in img.get("alt")
    )
    assert nav.xpath("//x:nav[@epub:type='landmarks']//x:a[@epub:type='cover']", namespaces=NS)


def test_fonts_for_scripts_other_than_latin(fixture_doc: Built) -> None:
    """An Armenian document carries a subset of its Armenian font (each letter it uses, in both
    cases), declared for the Armenian block only; a Latin one carries none."""
    import io

    from fontTools.ttLib import TTFont

    with zipfile.ZipFile(fixture_doc.epub) as z:
        fonts = [n for n in z.namelist() if n.startswith("EPUB/fonts/")]
        css = z.read("EPUB/styles/epub.css").decode("utf-8")
        text = "".join(_xml(z, "EPUB/document.xhtml").itertext())
        subsets = {n: TTFont(io.BytesIO(z.read(n))) for n in fonts}
    armenian = {c for c in text if 0x0530 <= ord(c) <= 0x058F}
    if not armenian:
        assert fonts == [] and "@font-face" not in css
        return
    assert fonts == ["EPUB/fonts/armenian-normal.ttf", "EPUB/fonts/armenian-bold.ttf"]
    for font in subsets.values():
        cmap = font.getBestCmap()
        assert {ord(c) for c in armenian} | {ord(c.upper()) for c in armenian} <= set(cmap)
        assert len(cmap) < 400  # a subset, not the whole font
    assert "unicode-range: U+0530-058F" in css and 'font-family: "clausepress armenian", serif' in css


def test_font_subsets_drop_what_they_cannot_subset_quietly(caplog: pytest.LogCaptureFixture) -> None:
    """A font with a table fontTools cannot subset (DejaVu Sans's FFTM, a fallback of right-to-left
    texts) is subset with no warning: nothing of it reaches the terminal of a build."""
    import logging

    from clausepress.render.epubfonts import _subset

    path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    with caplog.at_level(logging.INFO, logger="fontTools"):
        made = _subset(path, 0, "→‏abc")
    assert made is not None and made[1] == "font/ttf"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], [
        r.getMessage() for r in caplog.records
    ]
