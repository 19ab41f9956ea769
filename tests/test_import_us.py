"""clausepress import: the rules of the US, municipal and association forms, one invented text each.

Each test holds one rule: PDF line numbers and page headers, inline HTML and Kramdown alerts,
recitals that quote, list items whose markers were lost, a title block's masthead, a repeated
title, links to the copy's own site, a conference's motions.
"""

from __future__ import annotations

from clausepress.importer import ImportResult, import_text
from clausepress.model import plain_text

from .test_import import cut_removed


def _removed(result: ImportResult, kind: str) -> list[str]:
    return [r.removed for r in result.repairs if r.kind == kind]


def test_line_numbers_at_line_starts_are_taken_out() -> None:
    """A PDF's line numbers go, each a repair at its place; a number alone was a blank line; the run
    starting at 2 says the line before it is the text's first (the title block stands above)."""
    lines = ["WHEREAS, the first line lost its number; and"]
    lines += [f"{n} WHEREAS, recital {n} of the text; and" if n % 2 else str(n) for n in range(2, 14)]
    lines[-1] = "13 WHEREAS, the last recital:"
    text = (
        "HOUSE RESOLUTION NO. 7\n"
        + "\n".join(lines)
        + "\n14\n15 NOW THEREFORE BE IT RESOLVED that it is so.\n"
    )
    result = import_text(text, "hr.txt")
    doc = result.document
    assert doc.title == "HOUSE RESOLUTION NO. 7"
    assert [plain_text(p.content).split(",")[0] for p in doc.preamble] == ["WHEREAS"] * 7
    assert plain_text(doc.preamble[1].content) == "WHEREAS, recital 3 of the text; and"
    numbers = [r for r in result.repairs if r.kind == "line-number"]
    assert [r.removed for r in numbers[:3]] == ["2", "3 ", "4"] and (numbers[1].line, numbers[1].column) == (
        4,
        1,
    )
    assert "14" not in cut_removed(text, result.repairs).split()
    assert len(doc.operative) == 1


def test_a_running_header_that_ends_in_its_page_number() -> None:
    """'HCR 32 2', 'HCR 32 3': a header whose last number runs with the pages, after a number of its own."""
    body = "\n\n".join(f"WHEREAS, recital {n} of a long text that runs on; and" for n in range(1, 7))
    paragraphs = body.split("\n\n")
    text = "Resolution\n\n" + "\n\n".join(paragraphs[:2]) + "\n\nHCR 32 2\n\n"
    text += "\n\n".join(paragraphs[2:4]) + "\n\nHCR 32 3\n\n" + "\n\n".join(paragraphs[4:])
    text += "\n\nBE IT RESOLVED that it is so.\n"
    result = import_text(text, "hcr.txt")
    assert _removed(result, "running-header") == ["HCR 32 2", "HCR 32 3"]
    assert len(result.document.preamble) == 6


def test_html_tags_go_and_their_text_stays() -> None:
    """A transcription's '<span ...>72</span>' and '<br>': tags taken out (each a repair), words kept."""
    text = (
        '# RESOLUTION NO. <span class="filled" data-tooltip="Field filled in">72</span>\n\n'
        "WHEREAS, a city;\n\nBE IT RESOLVED that it is.\n\n"
        '<span class="signature-mark">Signature</span><br>\nA. Mayor, Mayor\n'
    )
    result = import_text(text, "r.md", "md")
    assert result.document.title == "RESOLUTION NO. 72"
    assert '<span class="filled" data-tooltip="Field filled in">' in _removed(result, "markup")
    assert "Signature" in plain_text(result.document.closing)
    assert "<" not in result.yaml.split("preamble:")[0].split("title:")[1]


def test_a_kramdown_alert_is_an_editors_note() -> None:
    """A paragraph under '{:.alert ...}' is an editor's (a ruling on the motion): kept in the metadata."""
    text = (
        "# Motion on parks\n\nConference notes that parks are green.\n\n"
        "Conference calls for more parks.\n\nThe committee ruled the next sentence out of order.\n"
        "{:.alert .alert-primary}\n\nConference calls for trees.\n"
    )
    result = import_text(text, "m.md", "md")
    doc = result.document
    assert doc.metadata["editorial note"] == "The committee ruled the next sentence out of order."
    assert _removed(result, "markup") == ["{:.alert .alert-primary}"]
    assert len(doc.preamble) == 1 and len(doc.operative) == 2


def test_a_front_matter_key_without_a_value_is_left_out() -> None:
    text = "---\ntitle: Parks\nstatus: \n---\nConference notes that parks are green.\n\nConference calls for parks.\n"
    result = import_text(text, "m.md", "md")
    assert "status" not in result.document.metadata
    assert _removed(result, "front-matter") == ["status: "]


def test_lines_under_a_lead_in_are_list_items_whose_markers_were_lost() -> None:
    """Under 'Conference notes:' and '... to:', each line that ends a sentence is an item: the recitals,
    the formula that leads them in, and the sub-clauses of the clause that leads them in."""
    text = (
        "---\ntitle: Parks\n---\nConference notes:\n\nParks are green.\nTrees grow in them.\n"
        "Conference calls upon the Council to act.\n\nConference calls upon the Council to:\n\n"
        "Plant trees.\nOpen parks.\n"
    )
    doc = import_text(text, "m.md", "md").document
    assert doc.form == "association" and plain_text(doc.formula) == "Conference notes:"
    assert [plain_text(p.content) for p in doc.preamble] == ["Parks are green.", "Trees grow in them."]
    assert len(doc.operative) == 2
    assert [plain_text(s.content) for s in doc.operative[1].subclauses] == ["Plant trees.", "Open parks."]


def test_an_agenda_section_is_no_part_of_the_motion() -> None:
    """'## Synopsis' and its text are the agenda's: kept in the metadata; '## Motion' is furniture."""
    text = (
        "---\ntitle: Parks\n---\n## Synopsis\nA motion on parks.\n\n## Motion\n"
        "This Conference notes that parks are green.\n\nConference believes parks matter.\n\n"
        "This Conference resolves to plant trees. Conference calls for more.\n"
    )
    doc = import_text(text, "m.md", "md").document
    assert doc.metadata["Synopsis"] == "A motion on parks." and doc.metadata["furniture"] == "Motion"
    assert len(doc.preamble) == 2 and len(doc.operative) == 1 and doc.operative[0].verb == ""


def test_what_stands_between_two_recitals_is_quoted_matter() -> None:
    """A recital quoting a statute ('Section 1.' and its numbered list) keeps the quotation: no clause
    of the document; the text before the first recital is a headnote."""
    text = (
        "# RESOLUTION NO. 9\n\nPublic hearing: 1 May 1984\n\nWHEREAS, ORS 1.1 provides as follows:\n\n"
        "Section 1. A city shall provide:\n\n1. Police\n2. Fire\n\nand\n\n"
        "WHEREAS, the city provides them, now, therefore,\n\nBE IT RESOLVED, that the city certifies it:\n\n"
        "- Police;\n- Fire.\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert doc.form == "us-municipal" and len(doc.preamble) == 2
    assert plain_text(doc.preamble[0].content).endswith("1. Police 2. Fire and")
    assert doc.metadata["headnote"] == "Public hearing: 1 May 1984"
    assert len(doc.operative) == 1 and len(doc.operative[0].subclauses) == 2
    assert sum(r.kind == "recital-joined" for r in result.repairs) == 3


def test_a_state_title_block_keeps_its_masthead_in_the_metadata() -> None:
    """The session, the assembly, the sponsor and the clerk's line head the title; the rest is the title."""
    text = (
        "SECOND REGULAR SESSION\nHOUSE CONCURRENT\nRESOLUTION NO. 4\n102ND GENERAL ASSEMBLY\n"
        "INTRODUCED BY REPRESENTATIVE SMITH.\n\nWHEREAS, a state; and\n\nWHEREAS, a union:\n\n"
        "NOW THEREFORE BE IT RESOLVED that it is.\n"
    )
    doc = import_text(text, "hcr.txt").document
    assert doc.form == "us-municipal" and doc.title == "HOUSE CONCURRENT RESOLUTION NO. 4"
    assert list(doc.metadata.values()) == [
        "SECOND REGULAR SESSION",
        "102ND GENERAL ASSEMBLY",
        "INTRODUCED BY REPRESENTATIVE SMITH.",
    ]
    assert len(doc.preamble) == 2 and not doc.enacting and len(doc.operative) == 1


def test_a_heading_that_repeats_the_designation_is_no_heading() -> None:
    text = (
        "# ORDINANCE NO. 8\n\n## AN ORDINANCE ON DOCKS\n\nWHEREAS, a river;\n\n"
        "NOW THEREFORE THE CITY COUNCIL ORDAINS AS FOLLOWS:\n\n# ORDINANCE NO. 8\n\n"
        "**Section 1.** Rivergrove allows docks.\n\n**Section 2:** This takes effect.\n"
    )
    doc = import_text(text, "o.md", "md").document
    assert doc.metadata["repeated title"] == "ORDINANCE NO. 8" and not doc.headings()
    assert plain_text(doc.enacting).startswith("NOW THEREFORE")
    assert [(c.label, c.verb) for c in doc.operative] == [("Section 1.", ""), ("Section 2.", "")]
    assert plain_text(doc.operative[0].content) == "Rivergrove allows docks."


def test_a_link_to_the_copys_own_site_is_no_source() -> None:
    """'[Ordinance No. 70](../ordinances/ord-70.md)': the anchor stays as text, the path is reported."""
    text = (
        "# AN ORDINANCE\n\nWHEREAS, [Ordinance No. 70](../ordinances/ord-70.md) is silent;\n\n"
        "BE IT ORDAINED that [the rules](https://example.org/rules) apply.\n"
    )
    result = import_text(text, "o.md", "md")
    doc = result.document
    assert plain_text(doc.preamble[0].content) == "WHEREAS, Ordinance No. 70 is silent;"
    assert [s.url for s in doc.sources.values()] == ["https://example.org/rules"]
    assert [r.kind for r in result.repairs if "ord-70.md" in r.message] == ["site-link"]


def test_english_of_a_british_site_is_en_gb() -> None:
    """The words do not tell British English from the UN's; a front matter's .uk address does."""
    motion = "Conference notes that the parks of the country are green and open to everyone.\n\nConference calls for more parks in every town.\n"
    british = import_text(f"---\ntitle: Parks\nspaces: https://party.org.uk/s/1\n---\n{motion}", "m.md", "md")
    plain = import_text(
        f"---\ntitle: Parks\nspaces: https://party.example.org/s/1\n---\n{motion}", "m.md", "md"
    )
    assert (british.document.language, plain.document.language) == ("en-GB", "en")


def test_a_break_between_two_words_stays_and_a_header_with_a_tag_goes_in_pieces() -> None:
    """'Decision**<br>(FEE': taking the tag out would run two words together, so it stays; a repeated
    footer that held a tag is taken out run by run, each repair naming exactly what stood there."""
    text = (
        "# RESOLUTION NO. 5\n\nWHEREAS, a fee;\n\nBE IT RESOLVED that **Appeal**<br>(FEE) is due.\n\n"
        'Page footer <span class="x"></span>)\n\nSection 2. More.\n\nPage footer <span class="x"></span>)\n'
    )
    result = import_text(text, "r.md", "md")
    assert "**Appeal**<br>(FEE)" in result.yaml
    footer = [r for r in result.repairs if r.kind == "running-header"]
    assert [(r.line, r.column, r.removed) for r in footer[:2]] == [(7, 1, "Page footer "), (7, 36, ")")]
    cut_removed(text, result.repairs)  # every repair cuts exactly what stood at its place


def test_an_exhibits_recitals_are_not_the_documents() -> None:
    """An exhibit (an agreement with WHEREAS recitals of its own) ends the resolution's recitals."""
    text = (
        "# RESOLUTION NO. 6\n\nWHEREAS, fees are due;\n\nNOW, THEREFORE, BE IT RESOLVED by the Council:\n\n"
        "**Section 1:** Fees are set.\n\n**Section 2:** Agreements are signed.\n\n## Exhibit 1\n\n"
        "WHEREAS, the applicant applies;\n\n**1.** The applicant pays.\n"
    )
    doc = import_text(text, "r.md", "md").document
    assert len(doc.preamble) == 1 and [c.label for c in doc.operative[:2]] == ["Section 1.", "Section 2."]


def test_a_state_legislatures_resolution_is_municipal_and_resolves() -> None:
    """'Senate Resolution No. 9' and 'the State of ...' tell a state chamber from Congress, and its
    'RESOLVED, That' opens the clauses."""
    text = (
        "Senate Resolution No. 9\n\nBY: Senator SMITH\n\nMEMORIALIZING the Governor\n\n"
        "WHEREAS, a day is observed in the State of Ohio; now, therefore, be it\n\n"
        "RESOLVED, That the day be proclaimed; and be it further\n\nRESOLVED, That copies be sent.\n"
    )
    doc = import_text(text, "sr.txt").document
    assert doc.form == "us-municipal" and len(doc.preamble) == 1 and len(doc.operative) == 2


def test_resolving_words_alone_take_the_that_paragraph_under_them() -> None:
    """'BE IT FURTHER RESOLVED:' over 'That ... to:' and items 1., 2.: one clause, the items its
    sub-clauses with their numbers."""
    text = (
        "RESOLUTION NO. 3\n\nWHEREAS, a city; NOW THEREFORE,\n\nBE IT RESOLVED BY THE COUNCIL:\n\n"
        "That the Council is committed.\n\nBE IT FURTHER RESOLVED:\n\nThat the Manager is directed to:\n\n"
        "1. Develop a plan;\n2. Report.\n\nADOPTED: May 1, 2011\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert len(doc.operative) == 2 and not doc.enacting
    assert plain_text(doc.operative[1].content) == "BE IT FURTHER RESOLVED: That the Manager is directed to:"
    assert [s.label for s in doc.operative[1].subclauses] == ["1", "2"]
    assert _removed(result, "resolving-joined") == ["", ""]  # joined, not a word taken out


def test_a_designation_over_a_plain_title_and_recitals_run_together() -> None:
    """'RESOLUTION NO. 5' over 'A RESOLUTION OF ...' (no headings): the designation goes to the metadata,
    the next line is the title; '...; and WHEREAS, ...' in one paragraph is two recitals."""
    text = (
        "RESOLUTION NO. 5\n\nA RESOLUTION OF THE CITY COUNCIL ON PARKS.\n\nWHEREAS, parks are green; and "
        "WHEREAS, trees grow.\n\nNOW, THEREFORE, BE IT RESOLVED BY THE CITY COUNCIL, as follows:\n\n"
        "1. Parks open.\n\n2. Trees stay.\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert doc.title == "A RESOLUTION OF THE CITY COUNCIL ON PARKS."
    assert doc.metadata["designation"] == "RESOLUTION NO. 5"
    recitals = [plain_text(p.content) for p in doc.preamble]
    assert recitals == ["WHEREAS, parks are green; and", "WHEREAS, trees grow."]
    split = [r for r in result.repairs if r.kind == "recital-split"]
    assert [(r.line, r.column) for r in split] == [(5, 31)]
    assert plain_text(doc.enacting).startswith("NOW, THEREFORE") and len(doc.operative) == 2


def test_a_paragraph_between_the_enacting_line_and_clause_1_is_an_unnumbered_clause() -> None:
    """'... as follows:', then a paragraph of its own, then 1. and 2.: three operative clauses, the
    first unnumbered (no label, outside the numbering), as the YAML says with `number: none`."""
    text = (
        "A RESOLUTION ON PARKS.\n\nWHEREAS, parks are green.\n\n"
        "NOW, THEREFORE, BE IT RESOLVED BY THE CITY COUNCIL, as follows:\n\n"
        "The Mayor is hereby authorized to open a park.\n\n1. Parks open.\n\n2. Trees stay.\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert [(c.number, c.label) for c in doc.operative] == [("", ""), ("1", "1."), ("2", "2.")]
    assert plain_text(doc.operative[0].content).startswith("The Mayor") and len(doc.preamble) == 1
    assert [(r.line, r.kind) for r in result.repairs if r.kind == "unnumbered-clause"] == [
        (7, "unnumbered-clause")
    ]
    assert "number: none" in result.yaml and doc.operative[0].id == "clause-unnumbered-1"


def test_a_boards_background_and_resolutions_numbered_alike() -> None:
    """'## Background' over numbered paragraphs, then '## IT WAS RESOLVED THAT' over numbered ones: the
    first are the preamble (numbered recitals, the sentence before them a headnote), the heading the
    enacting line; items set in under a clause are its sub-clauses, numbered as printed; a heading
    after the last clause, over none, opens the closing."""
    text = (
        "# RESOLUTIONS OF THE BOARD\n\nResolution in writing of the board, held on 3 May 2024.\n\n"
        "## Background\n\n1. The members elected a director.\n2. The board met.\n\n"
        "## IT WAS RESOLVED THAT\n\n1. These are directors:\n    1. Ann Lee; and\n    2. Bo Kim\n"
        "2. The accounts are approved.\n\n## CURRENT STATE\n\nDirectors: Ann Lee, Bo Kim\n\n"
        "* President: Ann Lee\n\nDated in the Province of Ontario on 3 May 2024.\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert [(p.label, plain_text(p.content)) for p in doc.preamble] == [
        ("1", "The members elected a director."),
        ("2", "The board met."),
    ]
    assert doc.metadata["headnote"].startswith("Resolution in writing") and doc.metadata["preamble heading"]
    assert plain_text(doc.enacting) == "IT WAS RESOLVED THAT" and len(doc.operative) == 2
    assert [(s.label, plain_text(s.content)) for s in doc.operative[0].subclauses] == [
        ("1", "Ann Lee; and"),
        ("2", "Bo Kim"),
    ]
    assert plain_text(doc.operative[1].content) == "The accounts are approved."
    assert plain_text(doc.closing).startswith("CURRENT STATE Directors")
    kinds = {r.kind for r in result.repairs}
    assert {"numbered-recitals", "closing"} <= kinds


def test_a_templates_placeholders_and_a_quoted_article() -> None:
    """'Whereas...' and 'Therefore be it resolved that...' left from a template are placeholders (kept in
    the metadata); a quotation opened in a clause's paragraph runs, lists and numbers and all, to its
    closing mark as the clause's paragraphs; 'Article 4 is amended' set in under it opens no article;
    'Dated in ...' opens the closing."""
    text = (
        "# RESOLUTIONS OF THE BOARD\n\nWhereas...\n\n1. The members met.\n\n2. The board met.\n\n"
        "IT WAS RESOLVED THAT:\n\nTherefore be it resolved that...\n<!-- the decision -->\n\n"
        "1. The board amends the articles.\n\n   Article 4 is amended to:\n\n"
        '    "4. Special provisions are:\n    - The object is work.\n    - Members work."\n\n'
        "Dated in the Province of Ontario on the 14th day of April, 2021.\n\nAnn Lee, President\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert [m for m in doc.metadata if m.startswith("placeholder")] == ["placeholder", "placeholder (2)"]
    assert [p.label for p in doc.preamble] == ["1", "2"] and len(doc.operative) == 1
    clause = doc.operative[0]
    assert clause.subclauses == () and len(clause.paragraphs) == 4
    assert plain_text(clause.paragraphs[0]) == "Article 4 is amended to:"
    assert plain_text(doc.closing).startswith("Dated in the Province")
    assert [r.line for r in result.repairs if r.kind == "quoted-matter"] == [18]


def test_html_paragraph_tags_open_paragraphs_and_items_under_a_resolving_colon() -> None:
    """' <p>' at a line's start opens a paragraph (no blank lines between them); the unmarked
    paragraphs under a resolving clause that ends with a colon are its items."""
    text = (
        ' <p>RESOLUTION ON PARKS\n <p>WHEREAS, parks are <span class="g">green</span>; and\n'
        " <p>WHEREAS, trees grow.\n <p>NOW, THEREFORE, BE IT RESOLVED that a board is created.\n"
        " <p>BE IT FURTHER RESOLVED that the board should:\n <p>Plant trees.\n <p>Open parks.\n"
        " <p>BE IT FURTHER RESOLVED that it reports.\n"
    )
    result = import_text(text, "r.md", "md")
    doc = result.document
    assert doc.title == "RESOLUTION ON PARKS" and len(doc.preamble) == 2 and len(doc.operative) == 3
    assert [plain_text(s.content) for s in doc.operative[1].subclauses] == ["Plant trees.", "Open parks."]
    assert _removed(result, "markup")[:2] == ["<p>", "<p>"]


def test_english_dated_in_a_canadian_province_is_en_ca() -> None:
    """Nothing in the words tells Canadian English; a text that says it was made in a province does."""
    body = "WHEREAS, the members of the co-operative elected two new directors at the meeting; and\n\n"
    body += "BE IT RESOLVED that the directors are confirmed for a term of two years.\n\n"
    canadian = import_text(
        body + "Dated in the Province of Ontario on the 14th day of April, 2021.\n", "r.md", "md"
    )
    plain = import_text(body + "Dated in the City of Toledo on the 14th day of April, 2021.\n", "r.md", "md")
    assert (canadian.document.language, plain.document.language) == ("en-CA", "en")


GPO_TEXT = """\
[Congressional Bills 199th Congress]
[From the U.S. Government Publishing Office]
[S. Res. 9999 Agreed to Senate (ATS)]

<DOC>






199th CONGRESS
  1st Session
S. RES. 9999

  Recognizing the example of the example and supporting its work.


_______________________________________________________________________


                   IN THE SENATE OF THE UNITED STATES

                             March 1, 2199

   Mr. Example (for himself and Ms. Sample) submitted the following
 resolution; which was considered and agreed to

_______________________________________________________________________

                               RESOLUTION

  Recognizing the example of the example and supporting its work.

Whereas the example has served the people of the United States for a
  hundred years;

Whereas the example deserves recognition: Now, therefore, be it
    Resolved, That the Senate--
            (1) recognizes the example;
            (2) supports the work of the example; and
            (3) encourages the people of the United States to
        follow the example.
                                 <all>
"""


def test_gpo_text_of_a_simple_resolution() -> None:
    """The layout govinfo and congress.gov give a resolution's text in: its title block field by
    field, the Whereas recitals, "Resolved, That the Senate--" over its numbered items."""
    from clausepress.model import plain_text
    from clausepress.outline import outline

    doc = import_text(GPO_TEXT, "s.txt", "txt").document
    got = outline(doc)
    assert (got["form"], got["preamble"], got["operative"], got["subclauses"]) == ("us-congress", 2, 1, 3)
    assert doc.title == "Recognizing the example of the example and supporting its work."
    assert doc.metadata["congress"] == "199th CONGRESS"
    assert doc.metadata["number"] == "S. RES. 9999"
    assert doc.metadata["chamber"] == "IN THE SENATE OF THE UNITED STATES"
    assert doc.metadata["introduced"] == "March 1, 2199"
    assert doc.metadata["sponsor"].startswith("Mr. Example (for himself")
    assert plain_text(doc.operative[0].content) == "Resolved, That the Senate--"
    assert "<all>" not in doc.operative[0].subclauses[-1].content[0].text  # type: ignore[union-attr]


_QUESTIONNAIRE = """# RESOLUTION NO. 9

## A PROGRAM OF THE CITY OF EXAMPLEVILLE

WHEREAS, the City has a program,

NOW THEREFORE, BE IT RESOLVED:

1. The attached form is adopted.

---

## ATTACHMENT: FORM NO. 1

## PROGRAM

### 1. Do you have a program adopted by the council?\\*

**Answer:** ☑ Yes ☐ No

### 2. Which body runs it?

1. ☐ A committee (CC)\\*\\* of the council
2. ☑ The planning commission

### 3. Are its meetings open?

**Answer:** ☑ Yes ☐ No

### 4. List its other committees:

## Document Notes

### Footnotes [page 2]

- \\* City Council and county board
- \\*\\* The advisory committee

### Stamp [page 1]

City of Exampleville
Received: MAR 1 1976
"""


def test_an_exhibit_a_questionnaire_and_a_transcribers_notes() -> None:
    """A form attached as an exhibit: its heading names it, the headings under it (one of the same
    level too) are the form's, each over its answer (the answers that repeat, '**Answer:** ☑ Yes ☐ No',
    no running header), a check-list one answer, the last question over none; the transcriber's
    'Document Notes' are kept in the metadata, and its notes marked '\\*', '\\*\\*' are the footnotes
    of the calls so marked."""
    result = import_text(_QUESTIONNAIRE, "r.md", "md")
    doc = result.document
    (annex,) = doc.annexes
    assert (annex.label, annex.title) == ("ATTACHMENT: FORM NO. 1", ())
    assert [h.text for h in annex.headings()] == [
        "PROGRAM", "1. Do you have a program adopted by the council?", "2. Which body runs it?",
        "3. Are its meetings open?", "4. List its other committees:",
    ]  # fmt: skip
    assert [h.text for h in annex.end_headings] == ["4. List its other committees:"]
    assert annex.paragraphs == ()
    assert [plain_text(p.content) for p in annex.preamble] == [
        "Answer: ☑ Yes ☐ No", "1. ☐ A committee (CC) of the council 2. ☑ The planning commission",
        "Answer: ☑ Yes ☐ No",
    ]  # fmt: skip
    assert [s.note for s in doc.sources.values()] == [
        "City Council and county board",
        "The advisory committee",
    ]
    assert [c.anchor for c in doc.citations()] == ["council", "CC"]
    assert "Stamp [page 1] City of Exampleville" in doc.metadata["Document Notes"]
    assert "\\\\" not in cut_removed(_QUESTIONNAIRE, result.repairs).split("## Document Notes")[0]


def test_asterisks_with_no_notes_under_a_notes_heading_stay_text() -> None:
    text = _QUESTIONNAIRE.replace("### Footnotes [page 2]", "### Remarks [page 2]")
    doc = import_text(text, "r.md", "md").document
    assert doc.citations() == []
    assert "council?*" in [h.text for h in doc.annexes[0].headings()][1]


_FEES = """# RESOLUTION NO. 5

## A RESOLUTION ON FEES

**WHEREAS**, the City sets fees;

**NOW, THEREFORE, BE IT RESOLVED** by the City Council:

**Section 1:** The City adopts the schedule in Exhibit 1.

---

## Exhibit 1

### FEE SCHEDULE

| **PERMIT** | **FEE** |
| --- | --- |
| **Building Permit** | $25.00¹ |
| **Appeal** | Actual Costs² |

<div class="footnotes">

¹ **Basic building permit.** Plus the actual costs.

² Based on ORS 227.175.

</div>

The actual costs are those of the City.

---

## Exhibit 2

### AGREEMENT

**1.** Applicant agrees to pay.

**2.** City agrees to refund.
"""


def test_notes_in_a_footnotes_div_and_numbers_set_in_bold_alone() -> None:
    """The notes of a `<div class="footnotes">`, wherever it stands (under a table), are the footnotes of
    the raised numbers that call them; a number set in bold alone ('**1.** Applicant') numbers its
    paragraph."""
    result = import_text(_FEES, "r.md", "md")
    doc = result.document
    assert [s.note for s in doc.sources.values()] == ["**Basic building permit.** Plus the actual costs.",
                                                       "Based on ORS 227.175."]  # fmt: skip
    assert [c.anchor for c in doc.citations()] == ["25.00", "Costs"]
    exhibit_1, exhibit_2 = doc.annexes
    assert plain_text(exhibit_1.preamble[-1].content) == "The actual costs are those of the City."
    assert [c.number for c in exhibit_2.paragraphs] == ["1", "2"]
    assert plain_text(exhibit_2.paragraphs[0].content).endswith("agrees to pay.")
