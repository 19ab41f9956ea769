"""The UN title block, page furniture, page-foot footnotes and meeting line of a copied print.

Unit tests of one rule each, on small invented texts laid out as copies of a UN PDF come
(a line per printed line, or the title block's fields run together); the real texts are
in tests/corpus/.
"""

from __future__ import annotations

import pytest

from clausepress.importer import import_text
from clausepress.model import plain_text
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
