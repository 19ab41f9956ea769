"""The PDF: footnotes on the page of their call, links, outline, metadata, fonts (structure, not pixels)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import Destination

from clausepress import build, load

from ..conftest import FIRST, FIXTURES, Built


def _annotations(reader: PdfReader) -> list[tuple[int, str, str]]:
    """(page index, kind, target) of every link annotation: kind 'uri' or 'dest'."""
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                found.append((index, "uri", str(action["/URI"])))
            elif "/Dest" in annot:
                found.append((index, "dest", str(annot["/Dest"])))
    return found


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    def walk(items: list[object], depth: int) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for item in items:
            if isinstance(item, list):
                out += walk(item, depth + 1)
            else:
                assert isinstance(item, Destination)
                out.append((depth, str(item.title)))
        return out

    return walk(reader.outline, 0)


def test_footnotes_on_the_page_of_their_call(first: Built) -> None:
    """29 calls, each linking to its note, and each note on the page of its call."""
    reader = PdfReader(first.pdf)
    names = reader.named_destinations
    calls = [(page, target) for page, kind, target in _annotations(reader) if kind == "dest"]
    assert [t for _, t in calls] == [f"fn-{n}" for n in range(1, 30)]
    for page, target in calls:
        note_page = reader.get_destination_page_number(names[target])
        call_page = reader.get_destination_page_number(names["fnref-" + target[3:]])
        assert note_page == page == call_page, f"{target}: call on page {page + 1}, note on {note_page + 1}"
    assert len({p for p, _ in calls}) > 1  # the notes really are spread over the pages


def test_footnote_text_on_the_page_of_its_call(first: Built) -> None:
    """Each note's text, numbered, is on the page that carries its call, and says what is known."""
    reader = PdfReader(first.pdf)
    doc = load(FIRST)
    call_pages = {int(t[3:]): p for p, kind, t in _annotations(reader) if kind == "dest"}
    texts = [page.extract_text() for page in reader.pages]
    for cite in doc.citations():
        source = doc.sources[cite.source_id]
        start = "Link target not given" if source.status == "missing" else str(source.publisher)
        pattern = rf"(?m)^{cite.number}\s+{re.escape(start)}"
        pages = [i for i, text in enumerate(texts) if re.search(pattern, text)]
        assert pages == [call_pages[cite.number]], f"note {cite.number} on pages {pages}"
    text = " ".join(" ".join(texts).split())
    assert text.count("Link target not given in the source text.") == 24
    assert text.count("Address supplied by the editor") == 5


def test_links_are_the_known_addresses(first: Built) -> None:
    reader = PdfReader(first.pdf)
    uris = {t for _, kind, t in _annotations(reader) if kind == "uri"}
    known = {s.url for s in load(FIRST).sources.values() if s.url}
    assert uris == known and len(known) == 4


def test_outline_lists_every_clause_in_order(first: Built) -> None:
    outline = _outline(PdfReader(first.pdf))
    doc = load(FIRST)
    assert outline[:3] == [(0, doc.title), (1, "Preamble"), (1, "Operative part")]
    assert outline[3:] == [(2, f"{c.number}. {c.verb}") for c in doc.operative]


def test_text_in_order(first: Built) -> None:
    """The preamble, the enacting line and the 15 clauses appear in the source's order."""
    text = " ".join(p.extract_text() for p in PdfReader(first.pdf).pages)
    flat = re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u2010 ", "").replace("- ", "-"))
    positions = [flat.index("Therefore, the International Association of Genocide Scholars:")]
    for c in load(FIRST).operative:
        positions.append(flat.index(f"{c.number}. {c.verb}", positions[-1]))
    assert positions == sorted(positions)
    assert (
        flat.index("Recognising the killing")
        < positions[0]
        < flat.index("Resolution passed September 2, 2024.")
    )


def test_metadata(first: Built) -> None:
    reader = PdfReader(first.pdf)
    info = reader.metadata
    assert info is not None
    assert info.title == "IAGS Resolution on Nagorno-Karabakh"
    assert info.author == "International Association of Genocide Scholars"
    assert str(info["/CreationDate"]).startswith("D:20240902")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_letter_paper(tmp_path: Path) -> None:
    (out,) = build(FIXTURES / "subclauses.yaml", tmp_path, formats=["pdf"], paper="letter")
    box = PdfReader(out.path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_fonts_embedded_and_cover_the_script(fixture_doc: Built) -> None:
    """Every font is embedded; an Armenian document uses the Armenian face."""
    reader = PdfReader(fixture_doc.pdf)
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts and all(fonts.values()), fonts
    if load(fixture_doc.source).language == "hy":
        assert any("Armenian" in name for name in fonts), fonts


def _qpdf_check(pdf: Path) -> None:
    proc = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No syntax or stream encoding errors found" in proc.stdout


def test_qpdf_finds_nothing_wrong(first: Built) -> None:
    _qpdf_check(first.pdf)


def test_qpdf_finds_nothing_wrong_in_fixtures(fixture_doc: Built) -> None:
    _qpdf_check(fixture_doc.pdf)


def test_a_note_set_apart_from_its_call_is_brought_back(tmp_path: Path) -> None:
    """WeasyPrint sets footnote 8 of GA resolution 80/20 (a real text of the corpus) a page after
    its call; the build verifies its pages and starts the calling paragraph on the next page."""
    from clausepress import build
    from clausepress.check.pdf import check_pdf

    from ..test_corpus import CORPUS, import_corpus_text

    _, result = import_corpus_text(CORPUS / "unga-80-20-no-first-placement-outer-space")
    source = tmp_path / "r.yaml"
    source.write_text(result.yaml, encoding="utf-8")
    (pdf,) = [o.path for o in build(source, tmp_path / "out", formats=["pdf"])]
    from clausepress import load

    assert [f for f in check_pdf(load(source), pdf) if f.code == "pdf.footnote-page"] == []


# Short words only, and one the dictionary breaks ("ac-count") where a line ends with no room for
# the hyphen: WeasyPrint 70, under overflow-wrap: break-word, broke it there by characters and
# printed no hyphen ("ac" / "count").
NO_ROOM = (
    "the on the may and the to shall of which of by any shall its by which its which for may of all"
    " account is or any all and is to law on shall."
)


def test_a_word_breaks_at_a_line_end_only_with_its_hyphen(tmp_path: Path) -> None:
    from clausepress.check.pdf import check_pdf, read_pdf

    source = tmp_path / "hyphens.yaml"
    source.write_text(f'title: Hyphens\nnumbering: none\noperative:\n  - text: "{NO_ROOM}"\n', "utf-8")
    (pdf,) = [o.path for o in build(source, tmp_path / "out", formats=["pdf"])]
    assert [str(f) for f in check_pdf(load(source), pdf) if f.severity == "error"] == []
    assert "account" in read_pdf(pdf).body_words


def test_a_run_with_no_break_point_for_a_line_breaks_inside_the_page(tmp_path: Path) -> None:
    """A run of capitals a copy ran together is hyphenated; a run of figures may break anywhere."""
    figures = "7" * 120
    source = tmp_path / "runs.yaml"
    source.write_text(
        "title: Runs\noperative:\n  - verb: Notes\n"
        f'    text: "the code {figures} and RESOLVEDBYTHEHOUSEOFREPRESENTATIVESANDSENATEOFTHESTATE."\n',
        "utf-8",
    )
    (pdf,) = [o.path for o in build(source, tmp_path / "out", formats=["pdf"])]
    reader = PdfReader(pdf)
    width = float(reader.pages[0].mediabox.width)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "RESOLVEDBYTHE" in text and "\u2010\n" in text  # hyphenated at a line's end
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    right = max(float(m) for m in re.findall(r'xMax="([\d.]+)"', boxes))
    assert right < width - 50  # within the text's measure, not out in the margin
