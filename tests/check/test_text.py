"""The checker's reading of an output's words: blocks found in order, entries matched in turn."""

from __future__ import annotations

from clausepress import loads
from clausepress.check.pdf import PdfText, _check_outline
from clausepress.check.text import blocks, check_blocks
from clausepress.presentation import words

# Unnumbered clauses, each opening with words the clause before says in its course.
REPEATS = """\
title: Repeats
numbering: none
operative:
  - text: The board met on Monday. The board agreed on the budget of the year to come.
  - text: The board agreed on the budget of the year before as well, in the end.
  - text: Nothing else was agreed by the board of the club.
"""


def _shown(source: str) -> list[str]:
    doc = loads(source)
    return [*words(doc.title), *(w for b in blocks(doc) for w in b.words)]


def _check(source: str, shown: list[str]) -> list[str]:
    doc = loads(source)
    return [f"{f.code}: {f.message}" for f in check_blocks(doc, shown, lambda i: {}, "pdf", "x.pdf")]


def test_a_clause_opening_inside_the_one_before_is_found_after_it() -> None:
    assert _check(REPEATS, _shown(REPEATS)) == []


def test_a_clause_lost_is_still_seen_when_its_opening_repeats_the_one_before() -> None:
    shown = _shown(REPEATS)
    second = words("The board agreed on the budget of the year before as well, in the end.")
    at = next(i for i in range(len(shown)) if shown[i : i + len(second)] == second)
    findings = _check(REPEATS, shown[:at] + shown[at + len(second) :])
    assert findings and all("text.mismatch" in f or "clause-missing" in f for f in findings), findings


def test_outline_entries_that_read_the_same_are_taken_in_turn() -> None:
    doc = loads(
        REPEATS.replace("Nothing else was agreed by the board", "The board met on Monday. The others")
    )
    wanted = [c.bookmark for c in doc.operative]
    assert wanted[0] == wanted[2] != wanted[1]
    pdf = PdfText(outline=[(2, t, 1) for t in wanted])
    assert list(_check_outline(doc, pdf, "x.pdf")) == []
    swapped = PdfText(outline=[(2, t, 1) for t in (wanted[0], wanted[2], wanted[1])])
    assert [f.code for f in _check_outline(doc, swapped, "x.pdf")] == ["pdf.outline-order"]
    lost = PdfText(outline=[(2, t, 1) for t in wanted[:2]])
    assert [f.code for f in _check_outline(doc, lost, "x.pdf")] == ["pdf.outline-missing"]


def test_a_line_may_break_before_or_after_an_em_dash() -> None:
    joined = words("Ukraine—rather than Russia—interfered")
    assert words("Ukraine\n—rather than Russia—\ninterfered") == joined
    assert words("Ukraine — rather than Russia — interfered") == joined
    assert words("Russia\u2060—interfered") != words("Russia\n—interfered")  # a word joiner holds it


INSERTED = """\
title: Inserted
operative:
  - verb: Urges
    text: the board to meet.
  - number: 1a
    verb: Reminds
    text: the board of its rules.
  - verb: Requests
    text: a report.
"""


def test_an_inserted_clause_is_found_with_its_label_as_printed() -> None:
    shown = _shown(INSERTED)
    assert "1a." in shown and _check(INSERTED, shown) == []
    without = [w for w in shown if w != "1a."]
    assert _check(INSERTED, without) == ["pdf.clause-number: operative clause 1a has no number"]
    renumbered = ["2." if w == "1a." else "3." if w == "2." else w for w in shown]
    assert "pdf.clause-number: operative clause 1a has no number" in _check(INSERTED, renumbered)


def test_a_line_may_break_after_a_vertical_line() -> None:
    assert words("|4e |— |") == words("|\n4e |— |") == ["|", "4e", "|", "—", "|"]


HEADED = """\
title: Headed
preamble:
  - label: "I."
    heading: "The Assembly finds:"
  - "*Recalling* its work,"
operative:
  - verb: Decides
    text: to act.
annexes:
  - title: A form
    preamble:
      - heading: Who keeps the records?
      - The secretary.
      - heading: Where are they kept?
"""


def test_headings_over_the_preamble_and_at_an_annex_end_are_looked_for_in_order() -> None:
    doc = loads(HEADED)
    assert [b.id for b in blocks(doc)] == [
        "preamble-heading-1", "preamble-1", "clause-1", "annex-1", "annex-1-heading-2", "annex-1-preamble-1",
        "annex-1-heading-3",
    ]  # fmt: skip
    shown = _shown(HEADED)
    assert _check(HEADED, shown) == []
    for lost in ("I. The Assembly finds:", "Where are they kept?"):
        gone = words(lost)
        at = next(i for i in range(len(shown)) if shown[i : i + len(gone)] == gone)
        findings = _check(HEADED, shown[:at] + shown[at + len(gone) :])
        assert [f for f in findings if f.startswith(f"pdf.clause-missing: the heading '{lost}'")], findings
