"""Defects injected one at a time into a sound source: each is found, with its code, at its line:column."""

from __future__ import annotations

import re

import pytest

from clausepress import loads
from clausepress.check import Finding
from clausepress.check.source import check_source

from .conftest import UN

NAME = "un.yaml"
SOUND = UN.read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = SOUND) -> str:
    """`text` with its one occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def where(text: str, needle: str, offset: int = 0, nth: int = 1) -> tuple[int, int]:
    """The 1-based line and column of the `nth` occurrence of `needle` in `text`, plus `offset` characters."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    index += offset
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def findings(text: str) -> list[Finding]:
    return check_source(loads(text, NAME, default_id="un"))


def only(text: str) -> Finding:
    """The one finding in `text`, which must be the only one."""
    found = findings(text)
    assert len(found) == 1, [str(f) for f in found]
    assert found[0].file == NAME
    return found[0]


def at(finding: Finding) -> tuple[int | None, int | None]:
    return finding.line, finding.column


def test_sound_source_has_no_findings() -> None:
    assert findings(SOUND) == []


# --- numbering ------------------------------------------------------------------------------

CLAUSE_5 = """\
  - number: 5
    verb: Invites
    text: >-
      professional associations of archivists to offer training in the salvage of damaged
      records to their members;
"""


def test_deleted_clause_leaves_a_gap() -> None:
    text = edit(CLAUSE_5, "")
    f = only(text)
    assert (f.code, f.severity) == ("numbering.gap", "error")
    assert at(f) == where(text, "number: 6", len("number: "))
    assert "operative clause 6 follows clause 4" in f.message


def test_repeated_number() -> None:
    text = edit("id: seized\n    number: 9", "id: seized\n    number: 8")
    f = only(text)
    assert (f.code, f.severity) == ("numbering.repeat", "error")
    assert at(f) == where(text, "number: 8", len("number: "), nth=2)
    assert "operative clause 8 is numbered twice" in f.message


def test_swapped_numbers_are_reported_at_the_two_swapped_clauses_only() -> None:
    text = edit("number: 2", "number: @").replace("number: 3", "number: 2").replace("number: @", "number: 3")
    found = findings(text)
    # The reader sees 1, 3, 2, 4, ...: the two middle numbers are out of place; clause 4 and
    # after stand where they should, and no number is missing.
    assert [at(f) for f in found] == [
        where(text, "number: 3", len("number: ")),
        where(text, "number: 2", len("number: ")),
    ], [str(f) for f in found]
    assert found[0].code in ("numbering.gap", "numbering.order")
    assert found[1].code == "numbering.order"
    assert "operative clause 2 follows clause 3" in found[1].message


def test_numbers_starting_at_2() -> None:
    text = re.sub(r"number: (\d+)", lambda m: f"number: {int(m[1]) + 1}", SOUND)
    f = only(text)
    assert (f.code, f.severity) == ("numbering.start", "error")
    assert at(f) == where(text, "number: 2", len("number: "))
    assert "start at 2, not 1" in f.message


def test_an_unnumbered_clause_takes_no_place_in_the_numbering() -> None:
    """`number: none` before clause 1: no label, no finding; before clause 2 (1 lost), the start is 2."""
    unnumbered = "  - number: none\n    text: The Assembly is hereby authorized to act;\n"
    text = edit("operative:\n", "operative:\n" + unnumbered)
    doc = loads(text, NAME, default_id="un")
    assert (doc.operative[0].number, doc.operative[0].label) == ("", "")
    assert doc.operative[0].id == "clause-unnumbered-1"
    assert findings(text) == []
    shifted = re.sub(r"number: (\d+)", lambda m: f"number: {int(m[1]) + 1}", text)
    assert [f.code for f in findings(shifted)] == ["numbering.start"]


# A text that numbers its preamble and its operative part in one sequence (a committee's text as a
# cable gave it): recitals 1 and 2, then clauses 3 and 4.
RUN_ON = """\
id: run-on
title: Numbered Recitals
issuer: Example Assembly
adopted: 2099-01-01
language: en
preamble:
  - label: '1'
    text: Mindful of the example,
  - label: '2'
    text: Noting the other example,
operative:
  - number: 3
    verb: Requests
    text: the Secretary-General to report;
  - number: 4
    verb: Decides
    text: to remain seized of the matter.
"""


def test_numbers_that_run_on_from_numbered_recitals() -> None:
    def numbering(text: str) -> list[str]:
        return [
            str(f)
            for f in check_source(loads(text, NAME, default_id="run-on"))
            if f.code.startswith("numbering")
        ]

    assert numbering(RUN_ON) == []
    # Numbered apart (recitals 1-2, clauses from 1), as a board's resolution numbers them: sound too.
    restarted = RUN_ON.replace("number: 3", "number: 1").replace("number: 4", "number: 2")
    assert numbering(restarted) == []
    (found,) = numbering(RUN_ON.replace("number: 3", "number: 5").replace("number: 4", "number: 6"))
    assert "the operative clauses start at 5, not 1 or 3 [numbering.start]" in found


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("label: b", "label: d", "sub-clause (d) of clause 3 follows (a); expected (b)"),
        ("label: ii", "label: iii", "sub-clause (iii) of clause 3(b) follows (i); expected (ii)"),
        ("label: a", "label: z", "sub-clause (z) of clause 3 comes first; expected (a)"),
    ],
)
def test_explicit_subclause_label_out_of_order(old: str, new: str, message: str) -> None:
    text = edit(old + "\n", new + "\n")
    f = only(text)
    assert (f.code, f.severity) == ("numbering.subclause", "error")
    assert at(f) == where(text, new + "\n", len("label: "))
    assert message in f.message


def test_letters_below_the_first_level() -> None:
    # US legislation: (1), then (A), (B): letters at the second level, checked as letters.
    text = edit("          - label: i\n", "          - label: A\n").replace(
        "          - label: ii\n", "          - label: B\n"
    )
    assert findings(text) == []
    f = only(text.replace("          - label: B\n", "          - label: C\n"))
    assert "sub-clause (C) of clause 3(b) follows (A); expected (b)" in f.message


def test_repeated_subclause_label_also_repeats_its_id() -> None:
    # (a), (c), (c): the label is out of order, and both (c) get the id clause-3-c.
    text = edit("label: b\n", "label: c\n")
    found = findings(text)
    assert [(f.code, at(f)) for f in found] == [
        ("numbering.subclause", where(text, "label: c", len("label: "))),
        ("id.duplicate", where(text, "label: c", nth=2)),
    ], [str(f) for f in found]


# --- links ----------------------------------------------------------------------------------


def test_a_citation_in_the_title_block_is_checked_and_counts() -> None:
    """A metadata field given as inline text cites like the text: an unknown source is reported at its
    call, in 'the metadata ...'; a source it cites is cited."""
    from ..test_source import CALLED

    assert [f.code for f in check_source(loads(CALLED, "c.yaml"))] == []
    text = CALLED.replace("[XY11][doc-6]", "[XY11][doc-5]").replace("  doc-6: {note: Document 6.}\n", "")
    (f,) = check_source(loads(text, "c.yaml"))
    assert (f.code, at(f)) == ("link.undefined-source", where(text, "[XY11]"))
    assert "'XY11' in the metadata 'serial' cites 'doc-5'" in f.message


def test_undefined_source_at_the_citation() -> None:
    text = edit("[Convention][convention] and", "[Convention][conventions] and")
    f = only(text)
    assert (f.code, f.severity) == ("link.undefined-source", "error")
    assert at(f) == where(text, "[Convention][conventions]")
    assert "'Convention' in operative clause 2 cites 'conventions'" in f.message


RESCUE_LINK = "(https://rescue-teams.archives.test/reports/2021)"


@pytest.mark.parametrize("address", ["#", "", "TODO", "https://example.com/x"])
def test_placeholder_address_in_a_direct_link(address: str) -> None:
    text = edit(RESCUE_LINK, f"({address})")
    f = only(text)
    assert (f.code, f.severity) == ("link.placeholder", "error")
    assert at(f) == where(text, "[work of the regional rescue teams]")
    assert "preamble paragraph 8" in f.message


@pytest.mark.parametrize(
    "address",
    [
        "ftp://rescue-teams.archives.test/reports/2021",
        "https://rescue-teams.archives.test/reports/ 2021",  # a stray space
        "<https://rescue-teams.archives.test/reports/ 2021>",  # the same, in Markdown's brackets
        "javascript:void(0)",
    ],
)
def test_malformed_address_in_a_direct_link(address: str) -> None:
    text = edit(RESCUE_LINK, f"({address})")
    found = findings(text)
    assert [(f.code, at(f)) for f in found] == [
        ("link.malformed", where(text, "[work of the regional rescue teams]"))
    ], [str(f) for f in found]


STATEMENT_URL = "URL: https://record-keepers.test/statements/2019-safe-places"


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("TODO", "link.placeholder"),
        ("'#'", "link.placeholder"),
        ("https://example.com/x", "link.placeholder"),
        ("http://localhost/statement", "link.placeholder"),
        ("ftp://x", "link.malformed"),
        ("https://record keepers.test/x", "link.malformed"),
        ("record-keepers.test/statements/2019", "link.malformed"),
        ("https:///statements/2019", "link.malformed"),
    ],
)
def test_bad_address_of_a_source(address: str, code: str) -> None:
    text = edit(STATEMENT_URL, f"URL: {address}")
    f = only(text)
    assert (f.code, f.severity) == (code, "error")
    assert at(f) == where(text, "statement-2019:")
    assert "source 'statement-2019'" in f.message


UNUSED = """\
  unused:
    title: A Report Nobody Cites
    URL: https://record-keepers.test/never-cited
"""


def test_unused_source() -> None:
    text = SOUND + UNUSED
    f = only(text)
    assert (f.code, f.severity) == ("link.unused-source", "warning")
    assert at(f) == where(text, "unused:")
    assert "source 'unused' is never cited" in f.message


def test_source_marked_missing_warns_at_each_citation_naming_clause_and_anchor() -> None:
    text = edit("    type: book\n    title: Handbook", "    status: missing\n    title: Handbook")
    f = only(text)
    assert (f.code, f.severity) == ("link.missing-target", "warning")
    assert at(f) == where(text, "[handbook of emergency procedures]")
    assert "'handbook of emergency procedures' in operative clause 8" in f.message
    assert "(source 'handbook')" in f.message


def test_source_marked_missing_in_a_nested_subclause() -> None:
    text = edit("    URL: https://record-keepers.test/guidelines/safe-copies\n", "    status: missing\n")
    f = only(text)
    assert (f.code, f.severity) == ("link.missing-target", "warning")
    assert at(f) == where(text, "[guidelines on safe copies]")
    assert "'guidelines on safe copies' in operative clause 3, sub-clause (b)(ii)" in f.message


@pytest.mark.parametrize("suffix", ["", "/"])
def test_same_address_under_two_ids(suffix: str) -> None:
    text = edit(STATEMENT_URL, "URL: https://treaties.record-keepers.test/convention-1987" + suffix)
    f = only(text)
    assert (f.code, f.severity) == ("link.duplicate-address", "warning")
    assert at(f) == where(text, "statement-2019:")
    assert "source 'statement-2019' has the same address as source 'convention'" in f.message


def test_direct_link_to_a_source_address() -> None:
    text = edit(RESCUE_LINK, "(https://un-archive.test/doc/A-76-301)")
    f = only(text)
    assert (f.code, f.severity) == ("link.duplicate-address", "warning")
    assert at(f) == where(text, "[work of the regional rescue teams]")
    assert "same address as source 'rapporteur-report'" in f.message


# --- ids ------------------------------------------------------------------------------------


def test_duplicate_clause_ids() -> None:
    text = edit("  - number: 4\n", "  - id: seized\n    number: 4\n")
    f = only(text)
    assert (f.code, f.severity) == ("id.duplicate", "error")
    assert at(f) == where(text, "id: seized", nth=2)
    assert "operative clause 9 has the id 'seized', already used by operative clause 4" in f.message


@pytest.mark.parametrize("ident", ["notes", "fn-2", "clause-5"])
def test_id_taken_by_clausepress_or_a_clause(ident: str) -> None:
    text = edit("  - number: 4\n", f"  - id: {ident}\n    number: 4\n")
    found = findings(text)
    assert [(f.code, at(f)) for f in found] == [
        ("id.duplicate", where(text, f"id: {ident}") if ident != "clause-5" else where(text, "number: 5"))
    ], [str(f) for f in found]


# --- conventions ----------------------------------------------------------------------------

CONVINCED = "- >-\n    Convinced that the training"


def test_preamble_opening_not_of_the_genre() -> None:
    text = edit(CONVINCED, "- >-\n    The assembly notes that the training")
    f = only(text)
    assert (f.code, f.severity) == ("convention.preamble-opening", "warning")
    assert at(f) == where(text, ">-\n    The assembly notes")
    assert "preamble paragraph 7 opens with 'The assembly'" in f.message


def test_preamble_punctuation_changed() -> None:
    text = edit("in which they are kept,\n", "in which they are kept;\n")
    f = only(text)
    assert (f.code, f.severity) == ("convention.preamble-punctuation", "warning")
    assert at(f) == where(text, ">-\n    Noting with concern")
    assert "preamble paragraph 3 closes with ';', not ','" in f.message


def test_preamble_paragraph_without_punctuation() -> None:
    text = edit(
        "cannot be restored\n      once they are burned,", "cannot be restored\n      once they are burned"
    )
    f = only(text)
    assert f.code == "convention.preamble-punctuation"
    assert at(f) == where(text, "id: whereas-registers")
    assert "preamble paragraph 5 closes with no punctuation" in f.message


def test_base_form_among_third_person_verbs() -> None:
    text = edit("verb: Urges", "verb: Urge")
    f = only(text)
    assert (f.code, f.severity) == ("convention.verb-form", "warning")
    assert at(f) == where(text, "verb: Urge", len("verb: "))
    assert "operative clause 6 opens with 'Urge' (base form)" in f.message


def test_last_clause_ending_with_a_semicolon() -> None:
    text = edit("to remain seized of the matter.", "to remain seized of the matter;")
    f = only(text)
    assert (f.code, f.severity) == ("convention.operative-punctuation", "warning")
    assert at(f) == where(text, "id: seized")
    assert "operative clause 9 closes with ';', not '.' as the last clause should" in f.message


def test_middle_clause_ending_with_a_full_stop() -> None:
    text = edit("each year on 9 June;", "each year on 9 June.")
    f = only(text)
    assert f.code == "convention.operative-punctuation"
    assert at(f) == where(text, "- number: 7", len("- "))
    assert "operative clause 7 closes with '.', not ';' as its siblings should" in f.message


def test_clause_with_subclauses_closes_with_its_last_subclause() -> None:
    text = edit("implementation of the present resolution;", "implementation of the present resolution.")
    f = only(text)
    assert f.code == "convention.operative-punctuation"
    assert at(f) == where(text, "- number: 3", len("- "))


def test_lower_case_verb() -> None:
    text = edit("verb: Encourages", "verb: encourages")
    f = only(text)
    assert (f.code, f.severity) == ("convention.operative-verb", "warning")
    assert at(f) == where(text, "verb: encourages", len("verb: "))


# --- the document's own conventions ---------------------------------------------------------

OPENINGS = [
    "Recalling",
    "Deeply alarmed",
    "Noting with concern",
    "Mindful",
    "Whereas",
    "Bearing in mind",
    "The assembly notes",
    "Welcoming",
]


def conventions(**keys: object) -> str:
    lines = ["conventions:"]
    for key, value in keys.items():
        if isinstance(value, list):
            lines.append(f"  {key}:")
            lines += [f"    - {v!r}" for v in value]
        else:
            lines.append(f"  {key}: {value!r}")
    return "\n".join(lines) + "\n"


def test_custom_openings_accept_what_the_default_rejects() -> None:
    text = edit(CONVINCED, "- >-\n    The assembly notes that the training")
    assert [f.code for f in findings(text)] == ["convention.preamble-opening"]
    assert findings(text + conventions(preamble_openings=OPENINGS)) == []


def test_custom_openings_reject_what_they_do_not_list() -> None:
    text = SOUND + conventions(preamble_openings=[o for o in OPENINGS if o != "Whereas"] + ["Convinced"])
    f = only(text)
    assert f.code == "convention.preamble-opening"
    assert at(f) == where(text, "id: whereas-registers")


def test_custom_preamble_endings() -> None:
    text = SOUND + conventions(preamble_endings=[";"])
    found = findings(text)
    assert {f.code for f in found} == {"convention.preamble-punctuation"}
    assert len(found) == 8
    assert all("closes with ',', not ';'" in f.message for f in found)


def test_custom_operative_verbs() -> None:
    verbs = ["Condemns", "Calls upon", "Requests", "Encourages", "Urges", "Decides", "Further requests"]
    text = SOUND + conventions(operative_verbs=verbs)
    f = only(text)
    assert (f.code, f.severity) == ("convention.operative-verb", "warning")
    assert at(f) == where(text, "verb: Invites", len("verb: "))
    assert "operative clause 5 opens with 'Invites', not one of the document's verbs" in f.message


def test_custom_final_ending() -> None:
    text = edit("to remain seized of the matter.", "to remain seized of the matter;")
    assert [f.code for f in findings(text)] == ["convention.operative-punctuation"]
    assert findings(text + conventions(final_ending=";")) == []


def test_custom_operative_ending() -> None:
    found = findings(SOUND + conventions(operative_ending=","))
    # Clauses 1 to 8 close with ';' where the document asks for ','; the last keeps its '.'.
    assert [f.code for f in found] == ["convention.operative-punctuation"] * 8
    assert [f.line for f in found] == [where(SOUND, f"- number: {n}")[0] for n in range(1, 9)]


# --- inserted clauses and recitals (an amendment's "1a" after 1, "Ba" after B) ----------------


def _numbering(numbers: list[str], recitals: tuple[str, ...] | list[str] = ()) -> list[str]:
    from clausepress.check.source import check_numbering

    text = "title: T\n"
    if recitals:
        text += "preamble:\n" + "".join(f"  - label: {r}\n    text: whereas it is so,\n" for r in recitals)
    text += "operative:\n" + "".join(f"  - number: '{n}'\n    verb: Notes\n    text: it.\n" for n in numbers)
    return [f.code for f in check_numbering(loads(text, NAME))]


@pytest.mark.parametrize(
    ("numbers", "codes"),
    [
        (["1", "1a", "2"], []),
        (["1", "1a", "1b", "2"], []),
        (["1", "1 bis", "1 ter", "2"], []),
        (["1", "1b", "2"], ["numbering.gap"]),  # 1a is missing
        (["1", "1a", "1a", "2"], ["numbering.repeat"]),
        (["1", "1a", "1b", "1a"], ["numbering.order"]),
        (["1", "2", "1a"], ["numbering.order"]),  # inserted after 1, standing after 2
        (["1", "1a", "3"], ["numbering.gap"]),  # the whole numbers still run on
        (["1a", "2"], ["numbering.order", "numbering.gap"]),
    ],
)
def test_an_inserted_clause_follows_its_base_in_sequence(numbers: list[str], codes: list[str]) -> None:
    assert _numbering(numbers) == codes


@pytest.mark.parametrize(
    ("recitals", "codes"),
    [
        (["A", "B", "Ba", "C"], []),
        (["A", "B", "Ba", "Bb", "C"], []),
        (["1", "2", "2a", "3"], []),
        (["A", "B", "Bb", "C"], ["numbering.recital"]),  # Ba is missing
        (["A", "B", "Ba", "D"], ["numbering.recital"]),  # C is missing
        (["A", "Ba"], ["numbering.recital"]),  # no B to insert after
    ],
)
def test_an_inserted_recital_follows_its_base_in_sequence(recitals: list[str], codes: list[str]) -> None:
    assert _numbering(["1"], recitals) == codes
