"""The UN title block, page furniture, page-foot footnotes and meeting line of a copied print.

Unit tests of one rule each, on small invented texts laid out as copies of a UN PDF come
(a line per printed line, or the title block's fields run together); the real texts are
in tests/corpus/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clausepress.check.source import check_source
from clausepress.importer import import_file, import_text
from clausepress.model import Citation, plain_text
from clausepress.outline import outline

LINES = """\
United Nations A/RES/99/7
General Assembly Distr.: General
3 November 2099
Ninety-ninth session
Agenda item 12
99-12345 (E) 051199
*9912345*
Resolution adopted by the General Assembly on 1 November 2099
[without reference to a Main Committee (A/99/L.5)]
99/7. Cooperation between the United Nations and the Example
Organization
The General Assembly,
Recalling its resolution 98/7 of 2 November 2098,1
Welcoming the report of the Secretary-General,2
Noting with appreciation the work of the Example Organization in the field of
cooperation and the statement made by its representative in the debate on the item,
1. Takes note of the report of the Secretary-General;
2. Requests the Secretary-General:
(a) To continue the cooperation with the Example Organization in the fields of its
work and to keep the Member States informed;
(b) To report to the General Assembly at its hundredth
session;
__________________
1 See resolution 98/7.
2 A/99/123.
Please recycle
A/RES/99/7 Cooperation between the United Nations and the Example Organization
2/2 99-12345
3. Decides to include in the provisional agenda of its hundredth session the item
entitled "Cooperation between the United Nations and the Example Organization".
22nd plenary meeting
1 November 2099
"""

# The same block as other copies give it: fields run into one line, paragraphs parted by blank lines.
RUN_TOGETHER = """\
United Nations A/RES/99/7

General Assembly Distr.: General 3 November 2099

Ninety-ninth session Agenda item 12 Cooperation between the United Nations and the Example Organization

Resolution adopted by the General Assembly on 1 November 2099

[without reference to a Main Committee (A/99/L.5)]

99/7. Cooperation between the United Nations and the Example Organization

The General Assembly,

Recalling its resolution 98/7 of 2 November 2098,

1. Takes note of the report of the Secretary-General;

2. Decides to include the item in the provisional agenda of its hundredth session.

22nd plenary meeting 1 November 2099
"""


def test_lines_of_a_print() -> None:
    doc = import_text(LINES, "a.txt", "txt").document
    got = outline(doc)
    assert (got["form"], got["title"]) == (
        "un-ga",
        "99/7. Cooperation between the United Nations and the Example Organization",
    )
    assert (got["preamble"], got["operative"], got["subclauses"], got["footnotes"]) == (3, 3, 2, 2)
    assert doc.metadata["symbol"] == "A/RES/99/7"
    assert doc.metadata["distribution"] == "Distr.: General 3 November 2099"
    assert doc.metadata["session"] == "Ninety-ninth session"
    assert doc.metadata["agenda item"] == "Agenda item 12"
    assert doc.metadata["adopted by"] == "Resolution adopted by the General Assembly on 1 November 2099"
    assert doc.metadata["origin"] == "[without reference to a Main Committee (A/99/L.5)]"
    assert plain_text(doc.formula) == "The General Assembly,"
    assert plain_text(doc.closing) == "22nd plenary meeting 1 November 2099"
    # The page's furniture and notes are out of the text; the clause the page split is whole.
    words = plain_text(doc.operative[1].subclauses[1].content)
    assert words == "To report to the General Assembly at its hundredth session;"
    assert plain_text(doc.operative[2].content).startswith("to include in the provisional agenda")
    assert [s.note for s in doc.sources.values()] == ["See resolution 98/7.", "A/99/123."]


def test_fields_run_together() -> None:
    doc = import_text(RUN_TOGETHER, "b.txt", "txt").document
    got = outline(doc)
    assert (got["form"], got["preamble"], got["operative"]) == ("un-ga", 1, 2)
    assert got["title"] == "99/7. Cooperation between the United Nations and the Example Organization"
    assert doc.metadata["distribution"] == "Distr.: General 3 November 2099"
    assert doc.metadata["session"] == "Ninety-ninth session"
    assert doc.metadata["agenda item"] == (
        "Agenda item 12 Cooperation between the United Nations and the Example Organization"
    )
    assert plain_text(doc.closing) == "22nd plenary meeting 1 November 2099"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("Seventy-ninth session", "session"),
        ("Tenth emergency special session", "session"),
        ("Agenda items 13 and 117", "agenda item"),
        ("[on the report of the Third Committee (A/99/478)]", "origin"),
    ],
)
def test_title_block_fields(line: str, key: str) -> None:
    text = LINES.replace("Ninety-ninth session", line if key == "session" else "Ninety-ninth session")
    if key == "agenda item":
        text = text.replace("Agenda item 12", line)
    if key == "origin":
        text = text.replace("[without reference to a Main Committee (A/99/L.5)]", line)
    assert import_text(text, "a.txt", "txt").document.metadata[key] == line


SECURITY_COUNCIL = """\
United Nations S/RES/9999 (2099)
Security Council Distr.: General
23 December 2099
99-22883 (E)
*9922883*
Resolution 9999 (2099)
Adopted by the Security Council at its 9853rd meeting, on
23 December 2099
The Security Council,
Reaffirming its relevant resolutions,
Expressing its concern at the situation in the region and its effect on the
population of the region and its neighbours,
1. Calls upon all parties to respect the ceasefire;
2. Decides to remain seized of the matter.
"""


def test_security_council_title_block() -> None:
    doc = import_text(SECURITY_COUNCIL, "c.txt", "txt").document
    got = outline(doc)
    assert (got["form"], got["title"], got["preamble"], got["operative"]) == (
        "un-sc", "Resolution 9999 (2099)", 2, 2
    )  # fmt: skip
    assert doc.metadata["symbol"] == "S/RES/9999 (2099)"
    assert (
        doc.metadata["adopted by"]
        == "Adopted by the Security Council at its 9853rd meeting, on 23 December 2099"
    )
    assert plain_text(doc.formula) == "The Security Council,"


ANNEXED = """\
United Nations A/RES/99/8
General Assembly Distr.: General
3 November 2099
Ninety-ninth session
Agenda item 14
Resolution adopted by the General Assembly on 1 November 2099
[without reference to a Main Committee (A/99/L.6)]
99/8. Declaration on the example
The General Assembly,
Recalling its resolution 98/8 of 2 November 2098,
1. Adopts the Declaration on the example, annexed to the present resolution;
2. Decides to remain seized of the matter.
23rd plenary meeting
1 November 2099
Annex
Declaration on the example
We, the Heads of State and Government, gathered at United Nations Headquarters,
I. Commitments
1. We commit to the example in all its forms and manifestations, with full respect
for the Charter;
2. We will:
(a) Strengthen cooperation;
(b) Report on progress;
II. Follow-up
3. We request the Secretary-General to report on the implementation of the present
Declaration.
"""


def test_annex_with_its_own_paragraphs_and_headings() -> None:
    doc = import_text(ANNEXED, "d.txt", "txt").document
    got = outline(doc)
    assert (got["operative"], got["subclauses"], got["headings"]) == (2, 0, 0)
    assert got["annexes"] == [{"title": "Declaration on the example", "paragraphs": 3, "headings": 2}]
    (annex,) = doc.annexes
    assert annex.label == "Annex"
    assert [plain_text(p.content) for p in annex.preamble] == [
        "We, the Heads of State and Government, gathered at United Nations Headquarters,"
    ]
    assert [(h.label, plain_text(h.content)) for c in annex.paragraphs for h in c.headings] == [
        ("I.", "Commitments"), ("II.", "Follow-up")
    ]  # fmt: skip
    assert [s.label for s in annex.paragraphs[1].subclauses] == ["a", "b"]
    assert plain_text(doc.closing) == "23rd plenary meeting 1 November 2099"


def test_a_note_that_is_no_link_prints_as_a_note() -> None:
    from clausepress.render.notes import MISSING, note_html

    doc = import_text(LINES, "a.txt", "txt").document
    notes = [str(note_html(s, s.id)) for s in doc.sources.values()]
    assert notes == ["See resolution 98/7.", "A/99/123."]
    assert MISSING not in " ".join(notes)


# A print copied line by line whose recitals stand one to a line, long past the print's width.
ONE_A_LINE = """\
The Security Council,
Recalling its resolutions on the example, in particular its resolution on the example of the region and of the world at large, adopted in the past year,
Being deeply concerned by the situation in the region and its effect on the population of the region, of its neighbours and of the world at large,
Strongly deploring all acts of violence against the civilian population of the region and of its neighbours, and the attacks on its institutions,
1. Calls upon all parties to respect the ceasefire in the region and to refrain
from any act that would endanger the population of the region or of its
neighbours, and to cooperate fully with the mission in the region;
2. Requests the Secretary-General to report to the Council on the situation in
the region and on the implementation of the present resolution within ninety
days of its adoption, and every ninety days thereafter, in a public meeting;
3. Encourages all States of the region to cooperate with the mission and with
the Secretary-General in the implementation of the present resolution, and to
share the information they hold on the situation in the region with them;
4. Decides to remain seized of the matter.
"""


def test_recitals_that_open_with_being_or_an_adverb() -> None:
    got = outline(import_text(ONE_A_LINE, "e.txt", "txt").document)
    assert (got["preamble"], got["operative"]) == (3, 4)


# A UN text whose recitals, first clause and meeting line a copy ran into one paragraph.
RUN_IN = """\
# 99/9. Example

The General Assembly, Recalling its resolution 98/9, Convinced that the example matters, Noting with regret the delay, 1. Requests the Secretary-General to report; 2. Decides to remain seized of the matter. 30th plenary meeting 2 November 2099
"""


def test_parts_run_into_one_paragraph() -> None:
    result = import_text(RUN_IN, "f.md", "md")
    got = outline(result.document)
    assert (got["form"], got["preamble"], got["operative"]) == ("un-ga", 3, 2)
    assert plain_text(result.document.formula) == "The General Assembly,"
    assert plain_text(result.document.closing) == "30th plenary meeting 2 November 2099"


# Markdown notes after the text's first page: a number of the text ("resolutions 1653 (XVI)", cut by
# the page break) taken for a note's, the rest of the text in its "definition".
STRAY_DEFINITION = """\
United Nations A/RES/99/10

General Assembly Distr.: General 3 November 2099

99/10. Example

The General Assembly,

Recalling its resolution 98/10,[^1]

Recalling also its resolutions

---

[^1]: A/98/10.

[^1653]: (XVI) of 24 November 1961 and 98/11,

1. Requests the Secretary-General to report on the example;

2. Decides to remain seized of the matter.
"""


def test_a_definition_out_of_the_notes_sequence_is_the_texts() -> None:
    result = import_text(STRAY_DEFINITION, "g.md", "md")
    doc = result.document
    got = outline(doc)
    assert (got["preamble"], got["operative"], got["footnotes"]) == (2, 2, 1)
    assert plain_text(doc.preamble[1].content) == (
        "Recalling also its resolutions 1653 (XVI) of 24 November 1961 and 98/11,"
    )
    assert [r.removed for r in result.repairs if "[^1653]" in r.message] == ["[^", "]:"]


# The last page glued to the last Markdown note: "[^2]: A/99/1. 3. Decides ...".
GLUED_TO_A_NOTE = """\
United Nations A/RES/99/11

General Assembly Distr.: General 3 November 2099

99/11. Example

The General Assembly,

Recalling its resolution 98/11,[^1]

1. Requests the Secretary-General to report on the example;[^2]

2. Invites Member States to cooperate;

---

[^1]: A/98/11.

[^2]: A/99/1. 3. Decides to remain seized of the matter.
"""


def test_a_note_that_runs_on_into_the_next_paragraph() -> None:
    doc = import_text(GLUED_TO_A_NOTE, "h.md", "md").document
    got = outline(doc)
    assert (got["preamble"], got["operative"], got["footnotes"]) == (1, 3, 2)
    assert [s.note for s in doc.sources.values()] == ["A/98/11.", "A/99/1."]
    assert plain_text(doc.operative[2].content) == "to remain seized of the matter."


GLUED_TO_THE_LAST_NOTE = """\
99/9. Example

The General Assembly,

Recalling its resolution 98/9,1

---

[^1]: A/98/100. Taking note of the report of the Secretary-General on the example and of the views expressed by Member States on the example in the debate on the item at its ninety-eighth session, Welcoming the efforts of Member States to implement the example in all its aspects and at all levels, including through regional cooperation, 1. Decides to continue the example; 2. Requests the Secretary-General to report on the example at its hundredth session. 22nd plenary meeting 1 November 2099
"""


def test_the_text_a_converter_glued_to_the_last_note_is_given_back() -> None:
    """The rest of a text whose operative part never came, glued to its last Markdown note after the
    note's sentence: given back as the text's, the note ending at its own sentence."""
    doc = import_text(GLUED_TO_THE_LAST_NOTE, "g.md", "md").document
    assert [s.note for s in doc.sources.values()] == ["A/98/100."]
    assert len(doc.operative) == 2


def test_what_follows_remain_seized_is_an_annex_whose_heading_was_lost() -> None:
    text = SECURITY_COUNCIL.replace(
        "2. Decides to remain seized of the matter.\n",
        "2. Decides to remain seized of the matter.\n\n"
        "The parties have engaged in acts that threaten the peace of the region.\n\n"
        "The parties have attacked civilian infrastructure in the region.\n",
    )
    doc = import_text(text, "c.txt", "txt").document
    got = outline(doc)
    assert got["operative"] == 2
    assert got["annexes"] == [{"title": "", "paragraphs": 2, "headings": 0}]
    assert plain_text(doc.operative[-1].content).endswith("seized of the matter.")


# --- a documents volume's print: a cable that quotes a resolution, or the resolution as filed ----------

# A cable with its front matter (the collection's record), its title block (dateline, grading, serial,
# the line that leads in the text), the formula with a colon, a note, and the archive's reference
# under the text that the front matter gives too; the notes set in italics as a block.
CABLE = """\
---
title: Delegation to Department
reference: '[XA : B12, 3/4/5]'
---

Cablegram XY12 GENEVA, 3 March 2099, 4.05 p.m.

MOST IMMEDIATE SECRET

Assembly 12. Example.

The following is the text of the resolution adopted by the Committee.

The General Assembly:

Recalling its resolution of 1 March 2099 [1];

1\\. Requests the Secretary-General to report;

2\\. Decides to continue the example.

 _

_[1] See Document 7.

_

 _[XA : B12, 3/4/5]_
"""


def test_a_cables_title_block_and_the_archives_reference() -> None:
    result = import_text(CABLE, "c.md", "md")
    doc = result.document
    got = outline(doc)
    assert (got["form"], got["title"], got["preamble"], got["operative"], got["footnotes"]) == (
        "un-ga", "Delegation to Department", 1, 2, 1,
    )  # fmt: skip
    assert plain_text(doc.formula) == "The General Assembly:"
    assert {k: doc.metadata[k] for k in ("dateline", "classification", "serial", "lead-in")} == {
        "dateline": "Cablegram XY12 GENEVA, 3 March 2099, 4.05 p.m.",
        "classification": "MOST IMMEDIATE SECRET",
        "serial": "Assembly 12. Example.",
        "lead-in": "The following is the text of the resolution adopted by the Committee.",
    }
    assert doc.metadata["reference (text)"] == "[XA : B12, 3/4/5]" and not doc.closing
    assert [s.note for s in doc.sources.values()] == ["See Document 7."]
    assert sorted(r.removed for r in result.repairs if r.kind == "markup") == ["_", "_", "_"]
    assert not [r for r in result.repairs if r.kind == "no-title"]  # the front matter gives the title


def test_a_note_called_from_the_cables_serial_line() -> None:
    """'Assembly 12. Your XY11. [1]': note 1, which the text calls nowhere before note 2, is called from
    the title block's serial line; the field keeps the call as inline text, numbered first, printed."""
    text = CABLE.replace("Assembly 12. Example.", "Assembly 12. Your XY11. [1]").replace(
        "1 March 2099 [1];", "1 March 2099 [2];"
    )
    text = text.replace("the example.", "the example. [3]")
    text = text.replace("_[1] See Document 7.", "1 Document 6.\n\n2 See Document 7.\n\n3 A note.")
    result = import_text(text, "c.md", "md")
    doc = result.document
    assert outline(doc)["footnotes"] == 3
    assert doc.metadata["serial"] == "Assembly 12. Your XY11."
    (cite,) = [n for n in doc.metadata_content["serial"] if isinstance(n, Citation)]
    assert (cite.anchor, cite.number, doc.sources[cite.source_id].note) == ("XY11", 1, "Document 6.")
    (call,) = [r for r in result.repairs if "title block's 'serial'" in r.message]
    assert (call.line, call.column, call.removed) == (10, 24, " [1]")
    assert "serial:\n    text: Assembly 12. Your [XY11][xy11].\n" in result.yaml
    assert [c.number for c in doc.citations()] == [1, 2, 3]


# A resolution as filed: a dateline, its title in capitals, the adoption line in capitals, the formula.
FILED = """\
Security Council Document S/9999 GENEVA, 3 March 2099

RESOLUTION ON THE EXAMPLE QUESTION

ADOPTED AT THE 999TH MEETING OF THE SECURITY COUNCIL, 3 MARCH 2099

THE SECURITY COUNCIL,

CONSIDERING the example;

1\\. CALLS UPON the parties to co-operate;

2\\. requests the Secretary-General to report.
"""


def test_a_title_in_capitals_and_the_adoption_line_over_the_formula() -> None:
    doc = import_text(FILED, "f.md", "md").document
    got = outline(doc)
    assert (got["form"], got["title"], got["preamble"], got["operative"]) == (
        "un-sc", "RESOLUTION ON THE EXAMPLE QUESTION", 1, 2,
    )  # fmt: skip
    assert doc.metadata["adopted by"].startswith("ADOPTED AT THE 999TH MEETING")
    assert doc.adopted is not None and doc.adopted.isoformat() == "2099-03-03"
    assert plain_text(doc.formula) == "THE SECURITY COUNCIL,"


# An extract: the title in capitals run into the formula, the preamble left out by the editor, and
# operative paragraphs that the print does not number.
EXTRACT = """\
Resolution 99 (C) extract, GENEVA, 3 March 2099

EXAMPLE OF A TITLE IN CAPITALS The General Assembly, [matter omitted]

Requests the Secretary-General to report on the example;

Further invites all States to co-operate to the utmost of their power.
"""


def test_a_title_run_into_the_formula_and_unnumbered_clauses() -> None:
    result = import_text(EXTRACT, "e.md", "md")
    doc = result.document
    got = outline(doc)
    assert (got["form"], got["title"], got["preamble"], got["operative"]) == (
        "un-ga", "EXAMPLE OF A TITLE IN CAPITALS", 0, 2,
    )  # fmt: skip
    assert plain_text(doc.formula) == "The General Assembly, [matter omitted]"
    assert [(c.label, c.verb) for c in doc.operative] == [("", "Requests"), ("", "Further invites")]
    assert [r.kind for r in result.repairs if "title runs on" in r.message] == ["split"]


@pytest.mark.parametrize(
    ("text", "formula", "preamble", "numbers"),
    [
        # The formula carries the first paragraph's number and runs into its lower-case recitals.
        (
            "1\\. The General Assembly mindful of the example, and having considered the other, "
            "2. Requests the Secretary-General to report;\n\n3\\. Decides to continue.\n",
            "The General Assembly",
            [("1", "mindful of the example, and"), (None, "having considered the other,")],
            ["2", "3"],
        ),
        # In capitals, with no comma, a quote before it, run into paragraph 1.
        (
            "'THE GENERAL ASSEMBLY 1. Notes the example;\n\n2\\. Decides to continue.'\n",
            "'THE GENERAL ASSEMBLY",
            [],
            ["1", "2"],
        ),
        # A dash for its comma, run into the first recital.
        (
            "The Security Council- Having considered the example;\n\nCalls upon the parties to co-operate.\n",
            "The Security Council-",
            [(None, "Having considered the example;")],
            [""],
        ),
    ],
)
def test_a_formula_a_copy_damaged(
    text: str, formula: str, preamble: list[tuple[str | None, str]], numbers: list[str]
) -> None:
    doc = import_text("---\ntitle: A Cable\n---\n\n" + text, "d.md", "md").document
    assert plain_text(doc.formula) == formula
    assert [(p.label, plain_text(p.content)) for p in doc.preamble] == preamble
    assert [c.label.rstrip(".") for c in doc.operative] == numbers


# A committee's text cabled as one paragraph: numbered recitals, numbered clauses run on at commas, a
# clause's sub-clauses run into its chapeau and each other, a verb in capitals before its number.
ONE_SEQUENCE = """\
---
title: A Cable
---

The General Assembly, 1. Mindful of the example, 2. Noting the other example, 3. Notes the report, 4. Recommends that the Council should, (a) Study the example, (b) Report on it, and, (c) Act on it.

BELIEVES 5. That the example matters;

6\\. REQUESTS the Secretary-General to report; and 7. DECIDES to continue.
"""


def test_one_sequence_of_numbers_run_together() -> None:
    doc = import_text(ONE_SEQUENCE, "s.md", "md").document
    assert [(p.label, plain_text(p.content)) for p in doc.preamble] == [
        ("1", "Mindful of the example,"), ("2", "Noting the other example,"),
    ]  # fmt: skip
    assert [(c.number, c.verb) for c in doc.operative] == [
        ("3", "Notes"), ("4", "Recommends"), ("5", "BELIEVES"), ("6", "REQUESTS"), ("7", "DECIDES"),
    ]  # fmt: skip
    assert [(s.label, plain_text(s.content)) for s in doc.operative[1].subclauses] == [
        ("a", "Study the example,"), ("b", "Report on it, and,"), ("c", "Act on it."),
    ]  # fmt: skip
    assert plain_text(doc.operative[3].content) == "the Secretary-General to report; and"
    assert [f.code for f in check_source(doc) if f.code.startswith("numbering")] == []


def test_a_first_clause_that_opens_with_an_adverb_and_a_verb_is_no_recital() -> None:
    text = "---\ntitle: A Cable\n---\n\nThe General Assembly,\n\n1\\. Deeply regrets the delay;\n\n2\\. Decides to continue.\n"
    got = outline(import_text(text, "r.md", "md").document)
    assert (got["preamble"], got["operative"]) == (0, 2)


def test_a_text_that_opens_with_the_formula_has_no_title() -> None:
    """A Security Council resolution copied without its title block opens with "The Security
    Council,": that is its formula, not its title; the importer says it found none, and the file's
    name stands in, marked as such in the YAML."""
    corpus = Path(__file__).resolve().parent / "corpus"
    (source,) = (corpus / "unsc-2722-2024-red-sea-s-2024-37").glob("input.*")
    result = import_file(source)
    doc = result.document
    assert plain_text(doc.formula) == "The Security Council," and doc.title == "input"
    (said,) = [r for r in result.repairs if r.kind == "no-title"]
    assert (said.line, said.column) == (1, 1) and "opens with the formula" in said.message
    assert "# clausepress import: the text has no title; its file's name stands in" in result.yaml
