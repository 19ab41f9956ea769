"""clausepress import of XML: the Unicode UDHR's XML and USLM, told by content or name, and XML refused safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausepress import loads
from clausepress.check.source import check_source
from clausepress.cli import IMPORT_FORMATS, main
from clausepress.errors import SourceError
from clausepress.importer import FORMATS, import_file, import_text
from clausepress.model import plain_text
from clausepress.outline import outline

from .test_corpus import document_words, input_words

UDHR = Path(__file__).resolve().parent / "fixtures" / "udhr-xml"

# Counted by reading each file (tests/fixtures/udhr-xml/PROVENANCE): 7 recitals, then the proclamation in
# three <para>s; 30 articles; 32 list items in 13 ordered lists (articles 11, 13-17, 20, 21, 23,
# 25-27, 29); Article 2 has a second paragraph, outside a list.
UDHR_CASES = {
    "udhr_eng.xml": ("en", "Universal Declaration of Human Rights", "Preamble", "Article 1", "Now, therefore,"),
    "udhr_ita.xml": ("it", "DICHIARAZIONE UNIVERSALE DEI DIRITTI UMANI", "Preambolo", "Articolo 1", "L'ASSEMBLEA GENERALE"),
    "udhr_kor.xml": ("ko", "세 계 인 권 선 언", "전 문", "제 1 조", "이에,"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(UDHR_CASES))
def test_udhr_xml_imports_as_counted(name: str) -> None:
    language, title, heading, numbering, enacting = UDHR_CASES[name]
    path = UDHR / name
    text = path.read_text(encoding="utf-8")
    result = import_file(path)
    doc = result.document
    got = outline(doc)
    assert (got["form"], got["language"], got["title"]) == ("articles", language, title)
    assert (got["preamble"], got["operative"], got["subclauses"], got["headings"]) == (7, 30, 32, 0)
    assert doc.metadata["preamble heading"] == heading
    assert doc.numbering == numbering and doc.operative[10].label == numbering.replace("1", "11")
    assert plain_text(doc.enacting).startswith(enacting)
    assert [len(c.paragraphs) for c in doc.operative].count(1) == 1  # Article 2's second paragraph
    assert [s.label for s in doc.operative[10].subclauses] == ["1", "2"]
    assert not input_words(text, result, xml=True) - document_words(doc)
    assert loads(result.yaml, name, default_id=doc.id) == doc
    assert [f for f in check_source(doc) if f.severity == "error"] == []


def test_udhr_note_before_the_title_is_a_headnote() -> None:
    doc = import_file(UDHR / "udhr_ita.xml").document
    assert doc.metadata["headnote"].startswith("Il 10 dicembre 1948, l'Assemblea Generale")


USLM = """<?xml version="1.0" encoding="UTF-8"?>
<bill xmlns="http://schemas.gpo.gov/xml/uslm" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="en">
<preface><congress value="118">118th CONGRESS</congress><session value="1">1st Session</session>
<dc:type>H. R. </dc:type><docNumber>1</docNumber>
<currentChamber>IN THE HOUSE OF REPRESENTATIVES</currentChamber></preface>
<main><longTitle><docTitle>A BILL</docTitle><officialTitle>To test a reader.</officialTitle></longTitle>
<enactingFormula><i>Be it enacted by the Senate and House of Representatives,</i></enactingFormula>
<title><num value="I">TITLE I—</num><heading>FIRST THINGS</heading>
<section><num value="1">SEC. 1. </num><heading>SHORT TITLE.</heading><content>This Act may be cited as the Test Act.</content></section>
<section><num value="2">SEC. 2. </num><heading>RULES.</heading>
<subsection><num value="a">(a) </num><content>One &amp; only.</content></subsection>
<subsection><num value="b">(b) </num><chapeau>Two:</chapeau>
<paragraph><num value="1">(1) </num><content>first; and</content></paragraph>
<paragraph><num value="2">(2) </num><content>second.</content></paragraph></subsection></section></title>
</main></bill>
"""


def test_uslm_bill_told_by_content() -> None:
    result = import_text(USLM, "bill.txt")  # the name says text; the content says USLM
    doc = result.document
    assert (doc.form, doc.title, doc.language) == ("us-congress", "To test a reader.", "en")
    assert plain_text(doc.enacting) == "Be it enacted by the Senate and House of Representatives,"
    assert doc.metadata["number"] == "H. R. 1" and doc.metadata["designation"] == "A BILL"
    assert doc.numbering == "SEC. 1." and [c.label for c in doc.operative] == ["SEC. 1.", "SEC. 2."]
    assert [h.text for h in doc.headings()] == ["TITLE I— FIRST THINGS"]
    second = doc.operative[1]
    assert [s.label for s in second.subclauses] == ["a", "b"]
    assert plain_text(second.subclauses[0].content) == "One & only."
    assert [s.label for s in second.subclauses[1].subclauses] == ["1", "2"]
    assert {r.kind for r in result.repairs} == {"unplaced-text"}  # the sections' captions
    assert not input_words(USLM, result, xml=True) - document_words(doc)


def test_uslm_told_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "bill.xml"
    path.write_text(USLM.replace('<?xml version="1.0" encoding="UTF-8"?>\n', ""), encoding="utf-8")
    assert import_file(path).document.form == "us-congress"


def _refused(text: str, fmt: str = "auto") -> str:
    with pytest.raises(SourceError) as caught:
        import_text(text, "in.xml", fmt)
    message = str(caught.value)
    assert "\n" not in message
    return message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<udhr xmlns="http://www.unhchr.ch/udhr"><title>&lol3;</title></udhr>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE udhr [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<udhr xmlns="http://www.unhchr.ch/udhr"><title>&secret;</title></udhr>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entities_are_never_expanded(text: str) -> None:
    message = _refused(text)
    assert message.startswith("in.xml:2:1: ") and "document type declaration" in message


def test_an_external_parameter_entity_is_refused() -> None:
    text = '<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">\n<udhr xmlns="http://www.unhchr.ch/udhr"/>'
    assert "document type declaration" in _refused(text)


def test_malformed_xml_names_line_and_column() -> None:
    text = '<?xml version="1.0"?>\n<udhr xmlns="http://www.unhchr.ch/udhr">\n  <title>x</titel>\n</udhr>'
    assert _refused(text).startswith("in.xml:3:13: ") and "mismatched tag" in _refused(text)


def test_xml_of_neither_format_is_refused() -> None:
    message = _refused('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><p>x</p></html>')
    assert message.startswith("in.xml:2:1: ") and "<html>" in message
    assert "(uslm)" in message and "(udhr)" in message
    forced = _refused(USLM, "udhr")  # a USLM bill where the UDHR's XML was asked for
    assert "<bill>" in forced and "(udhr)" in forced and "(uslm)" not in forced


def test_deep_nesting_is_refused() -> None:
    text = '<udhr xmlns="http://www.unhchr.ch/udhr">' + "<para>" * 5000 + "</para>" * 5000 + "</udhr>"
    assert "more than 200 deep" in _refused(text)


def test_xml_without_clauses_is_refused() -> None:
    assert "no operative clause" in _refused(
        '<udhr xmlns="http://www.unhchr.ch/udhr"><title>T</title></udhr>'
    )


def test_cli_refuses_bad_xml_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ":2:1: " in err and "Traceback" not in err


def test_cli_offers_the_importers_formats() -> None:
    assert IMPORT_FORMATS == FORMATS
