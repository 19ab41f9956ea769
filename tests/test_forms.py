"""The parts a form gives a document, in every output: metadata, formula, headings, annexes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from clausepress import build
from clausepress.forms import FORMS, form

PARTS = Path(__file__).resolve().parent / "forms" / "un-ga-parts.yaml"
NS = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {o.format: o.path for o in build(PARTS, tmp_path_factory.mktemp("parts"))}


def test_every_form_is_one_definition() -> None:
    assert set(FORMS) >= {"association", "un-ga", "un-sc", "eu-parliament", "coe-pace", "us-congress",
                          "us-municipal", "articles"}  # fmt: skip
    assert form("un-ga").formula_first and not form("association").formula_first
    assert form("un-ga").formula.fullmatch("The General Assembly,")
    assert form("us-congress").resolving.match("Resolved, That the Senate")
    with pytest.raises(ValueError, match="unknown form"):
        form("parliament-of-mars")


def test_the_page_shows_each_part_in_its_place(outputs: dict[str, Path]) -> None:
    page = etree.parse(str(outputs["html"]), etree.HTMLParser())
    body = page.find(".//body")
    assert body is not None and body.get("class") == "form-un-ga"
    shown = ["".join(e.itertext()).replace("\u00ad", "") for e in page.iterfind(".//*[@class]")
             if e.get("class", "").startswith(("meta ", "formula", "part-heading", "annex-title"))]  # fmt: skip
    assert shown == [
        "A/RES/99/1", "Distr.: General", "Ninety-ninth session", "Agenda item 1", "The General Assembly,",
        "I. First part", "II. Second part", "Annex A declaration", "A. A heading in the annex",
    ]  # fmt: skip
    order = [e.get("id") for e in page.iterfind(".//*[@id]")]
    assert (
        order.index("formula")
        < order.index("preamble-1")
        < order.index("clause-heading-1")
        < order.index("clause-1")
    )
    assert order.index("closing") < order.index("annex-1") < order.index("annex-1-1")


def test_the_outline_and_the_nav_list_headings_and_annexes(outputs: dict[str, Path]) -> None:
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(PdfReader(outputs["pdf"]).outline)
    assert {"I. First part", "II. Second part", "Annex A declaration", "A. A heading in the annex"} <= set(
        t.replace("\u00ad", "") for t in titles
    ), titles
    with zipfile.ZipFile(outputs["epub"]) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
        ncx = z.read("EPUB/toc.ncx").decode()
    entries = ["".join(a.itertext()) for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)]
    assert entries[entries.index("II. Second part") + 1] == "2. Also decides"
    assert "Annex A declaration" in entries and "A. A heading in the annex" in entries
    assert "Annex A declaration" in ncx


def _codes(text: str) -> list[str]:
    from clausepress import loads
    from clausepress.check import check_source

    return sorted(f"{f.code}: {f.message}" for f in check_source(loads(text)) if f.severity == "error")


ANNEXED = """title: T
operative:
  - label: "I."
    heading: Part
  - text: one;
  - text: two.
annexes:
  - title: An annex
    paragraphs:
      - text: first;
      - number: 3
        text: third.
"""


def test_each_annex_is_numbered_on_its_own() -> None:
    assert _codes(ANNEXED) == ["numbering.gap: paragraph of annex-1 3 follows clause 1"]
    assert _codes(ANNEXED.replace("number: 3", "number: 2")) == []


def test_parts_of_a_form_take_part_in_the_id_and_character_checks() -> None:
    twins = ANNEXED.replace("heading: Part", "heading: Part\n    id: annex-1")
    assert _codes(twins) == [
        "id.duplicate: annex-1 has the id 'annex-1', already used by the heading 'I. Part'",
        "numbering.gap: paragraph of annex-1 3 follows clause 1",
    ]
    from clausepress import loads
    from clausepress.check import check_source

    bidi = loads(ANNEXED.replace("title: An annex", "title: An \u202eannex"))
    assert [f.message.split(" holds")[0] for f in check_source(bidi) if f.code == "text.bidi-control"] == [
        "the title of annex-1"
    ]


NUMBERED_PARAGRAPHS = """title: T
numbering: Article 1
operative:
  - text: "Everyone has rights:"
    subclauses:
      - label: "1"
        text: first;
      - label: "2"
        text: second.
"""


def test_numbered_paragraphs_inside_an_article_run_1_2_3() -> None:
    assert _codes(NUMBERED_PARAGRAPHS) == []
    assert _codes(NUMBERED_PARAGRAPHS.replace('label: "2"', 'label: "3"')) == [
        "numbering.subclause: sub-clause (3) of clause 1 follows (1); expected (2)"
    ]


HEADED = Path(__file__).resolve().parent / "forms" / "headed-parts.yaml"


def test_headings_over_the_preamble_and_at_an_annex_end_in_every_output(tmp_path: Path) -> None:
    outputs = {o.format: o.path for o in build(HEADED, tmp_path)}
    page = etree.parse(str(outputs["html"]), etree.HTMLParser())
    order = [e.get("id") for e in page.iterfind(".//*[@id]")]
    assert (
        order.index("preamble")
        < order.index("preamble-heading-1")
        < order.index("preamble-1")
        < order.index("operative")
        < order.index("clause-heading-2")
        < order.index("clause-1")
    )
    assert (
        order.index("annex-1-heading-4")
        < order.index("annex-1-preamble-2")
        < order.index("annex-1-heading-5")
    )
    assert order[-1] == "annex-1-heading-5"  # the last question, over no answer
    titles: list[tuple[int, str]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, str(item.title).replace("\u00ad", "")))  # type: ignore[attr-defined]

    walk(PdfReader(outputs["pdf"]).outline, 0)
    assert titles[:3] == [
        (0, "Test of the headings of a text in parts"),
        (1, "Preamble"),
        (2, "I. The Assembly finds:"),
    ]
    assert titles[-3:] == [
        (2, "1. Does your body keep records of its meetings?"), (2, "2. Where are they kept?"),
        (2, "3. Who may read them?"),
    ]  # fmt: skip
    with zipfile.ZipFile(outputs["epub"]) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
    entries = ["".join(a.itertext()) for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)]
    assert entries[entries.index("Preamble") + 1] == "I. The Assembly finds:"
    assert entries[-2:] == ["3. Who may read them?", "Notes"]  # the notes a part of their own, last
