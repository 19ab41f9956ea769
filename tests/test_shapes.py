"""The shapes resolutions take and the scripts they are written in: each built, checked clean, valid.

Fixtures in tests/shapes/ (and the checker's sound fixtures) are written for the tests;
two more are generated here: a bibliography of 100 sources, and sub-clauses (a)...(z)
with sub-sub-clauses (i)...(x).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pyphen
import pytest
import weasyprint
from fontTools.ttLib import TTFont
from lxml import etree
from pypdf import PdfReader

from clausepress import load
from clausepress.check import check_document
from clausepress.check.text import blocks

from .conftest import FIXTURES, Built, Validators, _build, epubcheck

SHAPES = Path(__file__).resolve().parent / "shapes"
CHECK_FIXTURES = Path(__file__).resolve().parent / "check" / "fixtures"


def _bibliography(n: int = 100) -> str:
    """A statement citing `n` sources, five to a clause."""
    lines = [
        "title: Statement on the Literature of Records Management",
        "issuer: Records Management Society",
        "adopted: 2024-01-31",
        "language: en",
        "preamble:",
        "  - Recognising the breadth of the literature on the keeping of records;",
        'enacting: "The Society:"',
        "operative:",
    ]
    clauses = n // 5
    for c in range(clauses):
        cites = ", ".join(f"[study {c * 5 + k + 1}][s{c * 5 + k + 1}]" for k in range(5))
        end = "." if c == clauses - 1 else ";"
        lines += ["  - verb: Commends", f"    text: the findings of {cites}{end}"]
    lines.append("sources:")
    for i in range(1, n + 1):
        lines += [
            f"  s{i}:",
            f"    title: Study number {i} of the keeping of records",
            "    publisher: Records Management Society",
            f"    issued: {1950 + i}",
            f"    URL: https://records-society.test/studies/{i}",
        ]
    return "\n".join(lines) + "\n"


def _long_subclauses() -> str:
    """A clause with sub-clauses (a) to (z), the last holding (i) to (x)."""
    lines = [
        "title: Schedule of Records to Be Kept",
        "issuer: Records Management Society",
        "adopted: 2024-02-29",
        "language: en",
        "preamble:",
        "  - Noting that members asked for a complete schedule;",
        'enacting: "The Society:"',
        "operative:",
        "  - verb: Adopts",
        '    text: "the following schedule, under which members keep:"',
        "    subclauses:",
    ]
    for i in range(1, 26):
        lines.append(f"      - registers of kind {i};")
    lines += ['      - text: "records of the last kind, namely:"', "        subclauses:"]
    lines += [f"          - files of group {i};" for i in range(1, 10)]
    lines += [
        "          - files of the last group;",
        "  - verb: Decides",
        "    text: to review the schedule in 2030.",
    ]
    return "\n".join(lines) + "\n"


STATIC = [
    SHAPES / "whereas.yaml",
    SHAPES / "articles.yaml",
    SHAPES / "unnumbered.yaml",
    SHAPES / "french.yaml",
    SHAPES / "arabic.yaml",
    FIXTURES / "armenian.yaml",
    FIXTURES / "subclauses.yaml",
    CHECK_FIXTURES / "ru_resolution.yaml",
    CHECK_FIXTURES / "un_resolution.yaml",
    Path(__file__).resolve().parent / "forms" / "un-ga-parts.yaml",
    Path(__file__).resolve().parent / "forms" / "headed-parts.yaml",
]
GENERATED = {"bibliography": _bibliography, "long-subclauses": _long_subclauses}


NAMES = [p.stem for p in STATIC] + list(GENERATED)


@pytest.fixture(scope="session")
def shapes(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> dict[str, Built]:
    """Every shape, built once; its EPUB queued for EPUBCheck."""
    built = {}
    for name in NAMES:
        out = tmp_path_factory.mktemp(name)
        if name in GENERATED:
            source = out / f"{name}.yaml"
            source.write_text(GENERATED[name](), encoding="utf-8")
        else:
            source = next(p for p in STATIC if p.stem == name)
        built[name] = _build(source, out)
        validators.want("epubcheck", built[name].epub)
    return built


@pytest.mark.parametrize("name", NAMES)
def test_checked_clean(name: str, shapes: dict[str, Built]) -> None:
    shape = shapes[name]
    report = check_document(shape.source, shape.pdf, shape.epub)
    assert [str(f) for f in report.findings] == []


@pytest.mark.validators
@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_clean(name: str, shapes: dict[str, Built], validators: Validators) -> None:
    report = epubcheck(validators, shapes[name].epub)
    assert [m["message"] for m in report["messages"]] == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0


def _drawn_characters(pdf: Path) -> set[str]:
    """Every character the PDF draws with a real glyph of an embedded font.

    A character counts when a font's ToUnicode map gives it for a glyph that the
    embedded font program has: not glyph 0 (.notdef), not beyond the font's glyphs
    (where Pango puts a character no font has).
    """
    chars: set[str] = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = next(descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor)
            glyphs = TTFont(io.BytesIO(stream.get_object().get_data())).getGlyphOrder()
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for gid, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap):
                if 0 < int(gid, 16) < len(glyphs) and glyphs[int(gid, 16)] != ".notdef":
                    chars |= set(bytes.fromhex(text).decode("utf-16-be", errors="replace"))
    return chars


@pytest.mark.parametrize("name", NAMES)
def test_no_missing_glyph(name: str, shapes: dict[str, Built]) -> None:
    """Every character of the text is drawn with a font embedded in the PDF (none falls to .notdef)."""
    shape = shapes[name]
    doc = load(shape.source)
    text = " ".join([doc.title, doc.issuer, *(" ".join(b.words) for b in blocks(doc))])
    needed = {c for c in text if not c.isspace()}
    missing = needed - _drawn_characters(shape.pdf)
    assert not missing, sorted(missing)


def test_right_to_left(shapes: dict[str, Built]) -> None:
    """Arabic is laid out right to left: the page, the EPUB spine, and clause numbers on the right."""
    built = shapes["arabic"]
    html = etree.parse(str(built.html), etree.HTMLParser()).getroot()
    assert html.get("dir") == "rtl" and html.get("lang") == "ar"
    with zipfile.ZipFile(built.epub) as z:
        opf = z.read("EPUB/content.opf").decode()
        xhtml = z.read("EPUB/document.xhtml").decode()
    assert 'page-progression-direction="rtl"' in opf and 'dir="rtl"' in xhtml
    # Where WeasyPrint laid the first clause out: its number right of its verb.
    page = weasyprint.HTML(filename=str(built.html)).render().pages[0]
    boxes = {}
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        element_class = box.element.get("class", "") if box.element is not None else ""
        if box.element_tag in ("span", "em") and element_class in ("clause-number", "verb"):
            boxes.setdefault(element_class, box)
        stack.extend(reversed(getattr(box, "children", [])))
    assert boxes["clause-number"].position_x > boxes["verb"].position_x


def test_french_hyphenation_and_quotes(shapes: dict[str, Built]) -> None:
    """French words are broken where French hyphenation allows (WeasyPrint hyphenates by the
    page's language, no soft hyphen in the text); guillemets reach the PDF."""
    from clausepress.check.typography import lines

    built = shapes["french"]
    html = built.html.read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and "\u00ad" not in html
    french = pyphen.Pyphen(lang="fr", left=2, right=3)
    printed = list(lines(built.pdf))
    breaks = [
        (a.text.split()[-1][:-1], b.text.split()[0])
        for a, b in zip(printed, printed[1:], strict=False)
        if a.hyphenated
    ]
    assert breaks, "the French page breaks no word: the test needs a narrower measure"
    for left, right in breaks:
        word = (left + right).strip(",.;:»«")
        assert len(left) in french.positions(word), f"{left}‐{right}: not a French hyphenation point"
    text = " ".join(page.extract_text() for page in PdfReader(built.pdf).pages)
    assert "« patrimoine fragile »" in text


def test_articles_and_lettered_recitals(shapes: dict[str, Built]) -> None:
    built = shapes["articles"]
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(built.pdf).pages))
    assert "A. whereas descriptions" in text and "C. whereas members" in text
    assert text.index("Article 1") < text.index("Article 2") < text.index("Article 3")

    def titles(items: list[object]) -> list[str]:
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [str(item.title)])]

    assert {"Article 1", "Article 2", "Article 3"} <= set(titles(PdfReader(built.pdf).outline))


def test_bibliography_of_100_sources(tmp_path: Path) -> None:
    source = tmp_path / "bibliography.yaml"
    source.write_text(_bibliography(), encoding="utf-8")
    doc = load(source)
    assert len(doc.sources) == 100 and [c.number for c in doc.citations()] == list(range(1, 101))
