"""The loader: the model it builds, the positions it keeps, and one-line errors for bad sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausepress import loads
from clausepress.cli import main
from clausepress.errors import SourceError
from clausepress.model import Citation, Emphasis, Strong, Text

from .conftest import FIXTURES

MINIMAL = """\
title: T
language: en
operative:
  - verb: Decides
    text: to act.
"""


def test_minimal_document_defaults() -> None:
    doc = loads(MINIMAL, "x.yaml", default_id="x")
    assert doc.id == "x" and doc.short_title == "T" and doc.adopted is None
    assert doc.operative[0].number == "1" and not doc.operative[0].number_explicit
    assert doc.operative[0].id == "clause-1"


def test_inline_markdown_and_positions() -> None:
    text = """\
title: T
operative:
  - verb: Notes
    text: the *first* and **second** [report][r1], and [another](https://example.net/b).
sources:
  r1: {title: Report, URL: "https://example.net/a"}
"""
    doc = loads(text, "doc.yaml")
    content = doc.operative[0].content
    assert isinstance(content[1], Emphasis) and isinstance(content[3], Strong)
    cites = [n for n in content if isinstance(n, Citation)]
    assert [(c.source_id, c.number, c.anchor) for c in cites] == [
        ("r1", 1, "report"),
        ("url:https://example.net/b", 2, "another"),
    ]
    assert (cites[0].origin.line, cites[0].origin.column) == (4, 38)
    assert (cites[1].origin.line, cites[1].origin.column) == (4, 56)
    assert doc.sources["url:https://example.net/b"].direct
    assert doc.operative[0].verb_origin.line == 3


def test_undefined_source_is_kept_for_the_checker() -> None:
    doc = loads("title: T\noperative:\n  - {verb: Notes, text: '[a][nowhere].'}\n")
    (cite,) = doc.citations()
    assert cite.source_id == "nowhere" and "nowhere" not in doc.sources


def test_raw_html_stays_text() -> None:
    doc = loads("title: T\noperative:\n  - {verb: Notes, text: '<script>alert(1)</script> x'}\n")
    assert doc.operative[0].content == (Text("<script>alert(1)</script> x"),)


def test_subclauses_are_lettered_then_roman() -> None:
    from clausepress import load

    doc = load(FIXTURES / "subclauses.yaml")
    clause = doc.operative[1]
    assert [s.label for s in clause.subclauses] == ["a", "b", "c"]
    assert [s.id for s in clause.subclauses[1].subclauses] == ["clause-2-b-i", "clause-2-b-ii"]
    assert doc.operative[2].id == "review"
    assert doc.preamble[1].id == "concern"


BAD = [
    ("title: [unclosed\n", "2:1", "expected ',' or ']'"),
    ("title: T\noperative: []\ntitle: U\n", "3:1", "duplicate key 'title' in the document (first at line 1)"),
    ("titel: T\n", "1:1", "unknown key 'titel' in the document"),
    ("language: en\n", "1:1", "missing key 'title'"),
    ("title: T\noperative:\n  - verb: Urges\n", "3:5", "missing key 'text' in operative clause 1"),
    ("title: T\noperative:\n  - {verb: Urges, text: x, number: '1.'}\n", "3:36", "expected a clause number"),
    ("title: T\nadopted: 2 Sept 2024\noperative: []\n", "2:10", "expected a date as YYYY-MM-DD"),
    ("title: T\nlanguage: english!\noperative: []\n", "2:11", "expected a BCP 47 language tag"),
    ("title: T\noperative: {a: 1}\n", "2:12", "expected the operative clauses as a list"),
    (
        "title: T\noperative: []\nsources:\n  s: {status: lost}\n",
        "4:15",
        "expected status 'missing' or 'editorial'",
    ),
    (
        "title: T\noperative: []\nsources:\n  s: {status: missing, URL: 'https://a.example'}\n",
        "4:29",
        "marked missing but gives an address",
    ),
    ("title: !!python/object:os.system x\n", "1:8", "YAML tag '!!python/object:os.system' is not allowed"),
    (
        "title: T\nmetadata:\n  serial: {txt: x}\noperative: []\n",
        "3:12",
        "unknown key 'txt' in the metadata 'serial'",
    ),
    (
        "title: T\nmetadata:\n  serial: {}\noperative: []\n",
        "3:11",
        "missing key 'text' in the metadata 'serial'",
    ),
    ("title: T\nmetadata:\n  serial: [a]\noperative: []\n", "3:11", "expected the metadata 'serial' as text"),
    ("", "1:1", "the source is empty"),
    (
        "title: T\npreamble:\n  - Noting x,\n  - heading: Findings\noperative: [{text: x}]\n",
        "4:5",
        "a heading ends the preamble; a heading stands before a paragraph",
    ),
    (
        "title: T\noperative: [{text: x}]\nannexes:\n  - preamble: [{heading: H}]\n    paragraphs: [{text: y}]\n",
        "4:16",
        "a heading ends the preamble of annex 1; a heading stands before a paragraph",
    ),
]


@pytest.mark.parametrize(("text", "where", "message"), BAD, ids=[b[2][:40] for b in BAD])
def test_bad_source_is_one_line_with_position(text: str, where: str, message: str) -> None:
    with pytest.raises(SourceError) as info:
        loads(text, "bad.yaml")
    line = str(info.value)
    assert line.startswith(f"bad.yaml:{where}: error: "), line
    assert message in line
    assert "\n" not in line


def test_cli_reports_bad_source_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("title: T\noperative:\n  - verb: Urges\n", encoding="utf-8")
    assert main(["build", str(bad), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("broken.yaml:3:5: error: missing key 'text' in operative clause 1")
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    from clausepress import load

    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"title: T\noperative:\n  - {verb: Urges, text: caf\xe9}\n")
    with pytest.raises(SourceError, match=r"latin1.yaml:3:28: error: the file is not valid UTF-8"):
        load(bad)


def test_an_inserted_clause_keeps_its_label_and_the_numbers_run_on_from_its_base() -> None:
    doc = loads(
        "title: T\noperative:\n  - verb: Urges\n    text: it.\n  - number: 1a\n    verb: Reminds\n    text: it.\n"
        "  - verb: Requests\n    text: it.\n  - number: 2 bis\n    verb: Adds\n    text: it.\n"
        "  - verb: Decides\n    text: it.\n"
    )
    assert [(c.number, c.label, c.id) for c in doc.operative] == [
        ("1", "1.", "clause-1"), ("1a", "1a.", "clause-1a"), ("2", "2.", "clause-2"),
        ("2 bis", "2 bis.", "clause-2bis"), ("3", "3.", "clause-3"),
    ]  # fmt: skip


# A cable's title block whose serial line calls a note: the field as inline text.
CALLED = """\
title: T
form: un-sc
metadata:
  dateline: GENEVA, 3 March 2099
  serial:
    text: Assembly 12. Your [XY11][doc-6].
  symbol: S/1
formula: The Security Council,
operative:
  - verb: Decides
    text: to continue the [example][doc-7].
sources:
  doc-6: {note: Document 6.}
  doc-7: {note: Document 7.}
"""


def test_a_metadata_field_given_as_inline_text_calls_a_note_first() -> None:
    """`serial: {text: ...}` is inline Markdown: its citation is numbered before the formula's and the
    text's, its plain text is the metadata's; a field given as text stays text, brackets and all."""
    doc = loads(CALLED, "c.yaml")
    assert doc.metadata == {
        "dateline": "GENEVA, 3 March 2099",
        "serial": "Assembly 12. Your XY11.",
        "symbol": "S/1",
    }
    assert list(doc.metadata_content) == ["serial"]
    assert [(c.source_id, c.number) for c in doc.citations()] == [("doc-6", 1), ("doc-7", 2)]
    (cite,) = [n for n in doc.metadata_content["serial"] if isinstance(n, Citation)]
    assert (cite.origin.line, cite.origin.column) == (6, 29)
    plain = loads(CALLED.replace("  symbol: S/1", "  symbol: '[XY11][doc-6]'"), "c.yaml")
    assert plain.metadata["symbol"] == "[XY11][doc-6]" and len(plain.citations()) == 2


HEADED = """\
title: T
preamble:
  - label: "I."
    heading: "The Assembly finds:"
  - first finding,
  - second finding,
operative:
  - label: "II."
    heading: "The Assembly:"
  - text: one.
annexes:
  - title: A form
    preamble:
      - heading: Question 1
      - Answer 1
      - heading: Question 2
"""


def test_headings_stand_before_preamble_paragraphs_and_may_end_an_annex() -> None:
    doc = loads(HEADED)
    (finds,) = doc.preamble[0].headings
    assert (finds.id, finds.label, finds.text) == ("preamble-heading-1", "I.", "I. The Assembly finds:")
    assert doc.preamble[1].headings == () and doc.preamble[1].index == 2
    assert [h.id for h in doc.operative[0].headings] == ["clause-heading-2"]  # counted in reading order
    (annex,) = doc.annexes
    assert [p.index for p in annex.preamble] == [1] and annex.paragraphs == ()
    assert [h.text for h in annex.headings()] == ["Question 1", "Question 2"]
    assert [h.id for h in annex.end_headings] == ["annex-1-heading-4"]
    assert [h.text for h in doc.headings()] == ["II. The Assembly:"]  # the operative part's


TITLE_CALLS = """\
title: {text: "Statement on the [Archives][adopted]"}
formula: "The [Assembly][doc-6],"
operative:
  - text: to continue.
sources:
  adopted: {note: Adopted at the 7th meeting.}
  doc-6: {note: Document 6.}
"""


def test_a_title_given_as_inline_text_calls_a_note_after_the_title_block() -> None:
    """`title: {text: ...}` is inline Markdown: the title is its plain text, its citation is numbered
    before the formula's; an empty one is refused at its line."""
    doc = loads(TITLE_CALLS, "t.yaml")
    assert doc.title == doc.short_title == "Statement on the Archives"
    assert [(c.source_id, c.number) for c in doc.citations()] == [("adopted", 1), ("doc-6", 2)]
    (cite,) = [n for n in doc.title_content if isinstance(n, Citation)]
    assert (cite.origin.line, cite.origin.column) == (1, 33)  # the call's "["
    with pytest.raises(SourceError, match=r"expected the text of the title, found nothing") as e:
        loads(TITLE_CALLS.replace("Statement on the [Archives][adopted]", " "), "t.yaml")
    assert e.value.origin.line == 1
    with pytest.raises(SourceError, match=r"unknown key 'txt' in the title; expected one of: text"):
        loads(TITLE_CALLS.replace('{text: "', '{txt: "'), "t.yaml")


def test_an_article_may_be_its_list_alone() -> None:
    """A clause with sub-clauses needs no text of its own (an article that is its numbered paragraphs);
    one with neither is refused at its line; the writer leaves the text out again."""
    from clausepress.yaml_writer import write_yaml

    source = "title: T\noperative:\n  - text: one.\n  - subclauses:\n      - a;\n      - b.\n"
    doc = loads(source, "l.yaml")
    assert doc.operative[1].content == () and [s.label for s in doc.operative[1].subclauses] == ["a", "b"]
    assert "\n  - subclauses:\n" in write_yaml(doc)
    assert loads(write_yaml(doc), "l.yaml") == doc
    with pytest.raises(SourceError, match=r"missing key 'text' in operative clause 2") as e:
        loads("title: T\noperative:\n  - text: one.\n  - number: '2'\n", "l.yaml")
    assert e.value.origin.line == 4
