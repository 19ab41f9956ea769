"""clausepress import: the European Parliament's form and a wiki's Markdown, one invented text each.

Each test holds one rule: a wiki's debris (its table of contents, anchors, links to its own pages),
the formula, citations and lettered recitals of the European Parliament with what a copy puts before
and after them, lines a copy ran together, and sub-clause labels glued to their word.
"""

from __future__ import annotations

from clausepress.importer import ImportResult, import_text
from clausepress.model import plain_text

from .test_import import cut_removed


def _repairs(result: ImportResult, kind: str) -> list[tuple[int, int, str]]:
    return [(r.line, r.column, r.removed) for r in result.repairs if r.kind == kind]


_EP = """# Resolution adopted by the EP on an invented matter {#resolution_adopted}

-> [ [Background](BackgroundPage "wikilink") ]

*An editor's note on the text.*

The European Parliament,

— having regard to the Treaty on European Union,

\u00ad having regard to Rule 1 of its Rules of Procedure,

A. whereas the Commission\\'s proposal was made,

**Ba. whereas an amendment inserted this recital,**

1\\. Considers that the matter is urgent;

2\\. Instructs its President to forward this resolution to the Council.

## Sources {#sources}

-   [A report](http://example.org/report "wikilink")
"""


def test_the_european_parliament_form() -> None:
    """The formula before citations and recitals; the title found among what a web page puts before
    the formula (the rest kept in the metadata); the citations written with their dash; what follows
    the instruction to forward the text kept in the metadata; every word kept."""
    result = import_text(_EP, "ep.md")
    doc = result.document
    assert doc.form == "eu-parliament"
    assert doc.title == "Resolution adopted by the EP on an invented matter"
    assert plain_text(doc.formula) == "The European Parliament,"
    texts = [plain_text(p.content) for p in doc.preamble]
    assert texts[:2] == [
        "– having regard to the Treaty on European Union,",
        "– having regard to Rule 1 of its Rules of Procedure,",
    ]
    assert [p.label for p in doc.preamble] == [None, None, "A", "Ba"]
    assert texts[2] == "whereas the Commission's proposal was made,"
    assert [c.label for c in doc.operative] == ["1.", "2."]
    assert "Sources" in doc.metadata["after the text"] and not doc.citations()
    assert _repairs(result, "citation-mark") == [(9, 1, "—"), (11, 1, "\u00ad")]
    cut_removed(_EP, result.repairs)  # every repair's removed text stands at its place


def test_wiki_debris_is_taken_out_with_its_place() -> None:
    """ "[[toc]]" and "{#anchor}" go, each a repair at its line and column; a link to a page of the wiki
    (no address) keeps its anchor as text, even over two lines; an escaped quote loses its backslash."""
    text = (
        "[[toc]]\n"
        "# A Title {#a_title}\n\n"
        "WHEREAS, the [wiki's\nPage](SomePage \"wikilink\") says so, and the Council\\'s view; and\n\n"
        "RESOLVED, That it is so.\n"
    )
    result = import_text(text, "wiki.md")
    markup = _repairs(result, "markup")
    assert (1, 1, "[[toc]]") in markup and (2, 10, " {#a_title}") in markup and (5, 52, "\\") in markup
    assert _repairs(result, "wiki-link") == [(4, 14, "["), (5, 5, '](SomePage "wikilink")')]
    assert result.document.title == "A Title"
    recital = plain_text(result.document.preamble[0].content)
    assert "the wiki's Page says so" in recital and "Council's view" in recital
    assert not result.document.citations()
    cut_removed(text, result.repairs)


def test_lines_a_copy_ran_together_are_split() -> None:
    """A clause's end glued to the next recital's first word (",Convinced"), and a run of spaces where a
    line ended, each end a paragraph; a treaty's parties before the recitals are its formula."""
    text = (
        "# Statute of an Invented Body\n\n"
        "The Governments of Belgium and Denmark,Convinced that peace is vital;Believing that unity is needed;"
        "Considering that a body must be made,   Have agreed as follows:\n\n"
        "### Article 1\n\nThe body is made.    Article 2    It meets yearly.\n"
    )
    result = import_text(text, "statute.md")
    doc = result.document
    assert plain_text(doc.formula) == "The Governments of Belgium and Denmark,"
    assert [plain_text(p.content).split()[0] for p in doc.preamble] == [
        "Convinced",
        "Believing",
        "Considering",
    ]
    assert plain_text(doc.enacting) == "Have agreed as follows:"
    assert [c.label for c in doc.operative] == ["Article 1", "Article 2"]
    assert [r.line for r in result.repairs if r.kind == "lost-break"] == [3, 7]


def test_labels_glued_or_bare_in_articles() -> None:
    """In articles, "i.the" and "(1)het" are labels glued to their word, "ii" after "i" its sibling;
    "1 No one" is a bare number counting on from 1 in its article."""
    text = (
        "# Convention\n\n"
        "### Article 1\n\nThe organs are:\n\ni.the Committee;\n\nii.the Assembly.\n\n"
        "### Article 2\n\n1 No one shall be held.\n\n2 No one shall be forced.\n\n"
        "### Article 3\n\n(1)het Comité;\n\n(2)de Vergadering.\n"
    )
    doc = import_text(text, "convention.md").document
    first, second, third = doc.operative
    assert [s.label for s in first.subclauses] == ["i", "ii"]
    assert plain_text(first.subclauses[0].content) == "the Committee;"
    assert [s.label for s in second.subclauses] == ["1", "2"]
    assert plain_text(second.subclauses[0].content) == "No one shall be held."
    assert [s.label for s in third.subclauses] == ["1", "2"]


def test_demands_run_together_in_lower_case_are_parted() -> None:
    """A motion's demands open in lower case, run together after a semicolon or a lead-in's colon
    ("1. bei ... zu berücksichtigen; 2. den Dialog ... auf: 3. sich ..."): each a clause of its own."""
    text = (
        "# Ein erfundener Antrag\n\nDer Bundestag wolle beschließen:\n\n"
        "1\\. bei Debatten die Lage zu berücksichtigen; 2. den Dialog fortzusetzen. Ferner fordert der "
        "Bundestag auf: 3. sich dafür einzusetzen, dass Absatz 4. gilt.\n"
    )
    result = import_text(text, "r.md", "md")
    numbers = [c.number for c in result.document.operative]
    assert numbers == ["1", "2", "3"]
    assert [r.line for r in result.repairs if r.kind == "split"] == [5, 5]


_PARTS = (
    "# Ein erfundener Antrag\n\nDer Bundestag wolle beschließen:\n\n"
    "I. Der Deutsche Bundestag stellt fest:\n\nDie Lage ist ernst.\n\nSie wird ernster.\n\n"
    "II\\. Der Deutsche Bundestag fordert die Bundesregierung auf:\n\n"
    "1\\. die Lage zu prüfen;\n\n2\\. zu berichten.\n"
)


def test_a_text_in_parts_heads_its_findings_and_its_demands() -> None:
    """'I. ... stellt fest:' over the findings heads the preamble (no lettered recital), 'II. ... fordert
    ... auf:' over the demands the operative part (no enacting line); the escape of 'II\\.' is a repair."""
    result = import_text(_PARTS, "r.md", "md")
    doc = result.document
    assert [p.index for p in doc.preamble] == [1, 2] and doc.preamble[0].label is None
    assert [h.text for h in doc.preamble[0].headings] == ["I. Der Deutsche Bundestag stellt fest:"]
    assert doc.enacting == () and [c.number for c in doc.operative] == ["1", "2"]
    assert [h.text for h in doc.headings()] == ["II. Der Deutsche Bundestag fordert die Bundesregierung auf:"]
    assert _repairs(result, "markup") == [(11, 3, "\\")]
    assert "\\" not in cut_removed(_PARTS, result.repairs).split("\n")[10]


def test_one_roman_lead_in_or_numbers_out_of_turn_head_no_part() -> None:
    one = _PARTS.replace("II\\. Der Deutsche", "Der Deutsche")
    assert import_text(one, "r.md", "md").document.preamble[0].headings == ()
    swapped = _PARTS.replace("I. Der", "III. Der")
    assert import_text(swapped, "r.md", "md").document.headings() == []
