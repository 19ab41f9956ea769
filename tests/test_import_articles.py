"""clausepress import of texts in articles: ordinal article numbers, annexed statutes, run-on preambles."""

from __future__ import annotations

from clausepress.check.source import check_source
from clausepress.forms import ordinal_value
from clausepress.importer import import_text
from clausepress.model import plain_text
from clausepress.presentation import number_value


def test_articles_numbered_by_ordinal_words_keep_them() -> None:
    """'ماده اول', 'ماده دوم' (Persian ordinals, either yeh) and 'Article premier' head articles; the word
    is the article's number as printed, and its value is the form's."""
    text = "اعلامیه\n\nماده اول ــ یک.\n\nماده دوم ــ دو.\n\nماده سيزدهم ــ سه.\n"
    doc = import_text(text, "fa.txt", language="fa").document
    assert [c.label for c in doc.operative] == ["ماده اول", "ماده دوم", "ماده سيزدهم"]
    assert [number_value(c.number) for c in doc.operative] == [1, 2, 13]
    assert ordinal_value("بيست و يكم") == 21 and ordinal_value("premier") == 1
    french = import_text("Statuts\n\nArticle premier\n\nUn.\n\nArticle 2\n\nDeux.\n", "fr.txt").document
    assert [c.label for c in french.operative] == ["Article premier", "Article 2"]


def test_an_arrangement_with_annexed_statutes() -> None:
    """'###ANNEXE.' opens the annex; the heading under it is its title, though it ends with a full stop;
    its articles are its own. The parties' paragraph that runs on with their recital and 'sont
    convenus de ce qui suit:' is the preamble, no enacting line."""
    parties = "Les Gouvernements de la Belgique, de la France et de la Suisse, " + " ".join(
        ["ayant jugé utile d'organiser l'Office,"] * 5
    )
    text = (
        f"####Arrangement international.\n\n{parties} sont convenus de ce qui suit:\n\n"
        "###Article premier\n\nUn.\n\n###Article 2\n\nDeux.\n\n###ANNEXE.\n\n####Statuts organiques.\n\n"
        "###Article premier\n\nIl est institué.\n\n###Article 2\n\nL'Office.\n"
    )
    doc = import_text(text, "oie.md", "md").document
    assert len(doc.preamble) == 1 and not plain_text(doc.enacting) and len(doc.operative) == 2
    (annex,) = doc.annexes
    assert annex.label == "ANNEXE." and plain_text(annex.title) == "Statuts organiques."
    assert len(annex.paragraphs) == 2


def test_parts_and_chapters_with_ordinal_words_and_an_inserted_article() -> None:
    """'# Primera Parte' and '## Capítulo Primero: ...' are headings; '### Artículo 1 bis' an article."""
    text = (
        "# Constitución\n\n# Primera Parte\n\n## Capítulo Primero: Declaraciones\n\n### Artículo 1\n\nUno.\n\n"
        "### Artículo 1 bis\n\nDos.\n\n## Capítulo Segundo: Nuevos derechos\n\n### Artículo 2\n\nTres.\n"
    )
    doc = import_text(text, "ar.md", "md").document
    assert [c.label for c in doc.operative] == ["Artículo 1", "Artículo 1 bis", "Artículo 2"]
    assert [c.id for c in doc.operative] == ["clause-1", "clause-1bis", "clause-2"]
    assert [f.code for f in check_source(doc) if f.severity == "error"] == []
    assert [h.label for c in doc.operative for h in c.headings] == [
        "Primera Parte",
        "Capítulo Primero",
        "Capítulo Segundo",
    ]


def test_a_misprinted_article_heading_is_taken_by_its_place() -> None:
    """'弟2条' between 第1条 and 第3条 heads article 2: a repair says so and names what it took out (the
    label prints '第2条'); one letter off a heading out of sequence is no heading."""
    text = "宣言\n\n第１条\n\n一。\n\n弟2条\n\n二。\n\n第3条\n\n三。\n"
    result = import_text(text, "ja.txt", language="ja")
    assert [c.label for c in result.document.operative] == ["第１条", "第2条", "第3条"]
    (misprint,) = [r for r in result.repairs if r.kind == "misprint"]
    assert (misprint.line, misprint.column, misprint.removed) == (7, 1, "弟2条")
    hindi = "घोषणा\n\nअनुच्छेद १. एक।\n\nअनुच्छेव २. दो।\n"
    assert [c.label for c in import_text(hindi, "hi.txt", language="hi").document.operative] == [
        "अनुच्छेद १",
        "अनुच्छेद २",
    ]
    apart = "宣言\n\n第１条\n\n一。\n\n弟5条\n\n二。\n\n第3条\n\n三。\n"
    assert len(import_text(apart, "ja.txt", language="ja").document.operative) == 2


def test_an_article_whose_first_numbered_paragraph_runs_in() -> None:
    """'ماده دوم ــ (1) ...' then '(2) ...': the numbered paragraphs are the article's sub-clauses, the
    heading's dash its text."""
    text = "اعلامیه\n\nماده اول ــ یک.\n\nماده دوم ــ (1) هر کس.\n\n(2) ــ بعلاوه.\n"
    doc = import_text(text, "fa.txt", language="fa").document
    assert [s.label for s in doc.operative[1].subclauses] == ["1", "2"]
    assert plain_text(doc.operative[1].content) == "ــ"


def test_recitals_between_two_lead_ins() -> None:
    """Recitals that open and end each in its own way, between 'Với nhận thức rằng:' and the line that leads
    in the proclamation: the first lead-in goes to the headnote, the second opens the enacting line."""
    text = (
        "Tuyên ngôn\n\nVới nhận thức rằng:\n\nViệc thừa nhận nhân phẩm,\n\nSự xâm phạm nhân quyền.\n\n"
        "Các nước thành viên đã cam kết.\n\nNay, Đại hội đồng tuyên bố:\n\nBản tuyên ngôn này.\n\n"
        "Điều 1:\n\nMột.\n\nĐiều 2:\n\nHai.\n\nĐiều 3:\n\nBa.\n"
    )
    doc = import_text(text, "vi.txt", language="vi").document
    assert len(doc.preamble) == 3 and doc.metadata["headnote"] == "Với nhận thức rằng:"
    assert plain_text(doc.enacting) == "Nay, Đại hội đồng tuyên bố: Bản tuyên ngôn này."


def test_the_last_recital_leads_on_to_the_proclamation() -> None:
    """A recital ending in a comma and 'now:' is a recital still; the short line after it, ending in no
    punctuation, leads in the proclamation."""
    text = (
        "Beyanname\n\nHaysiyetin tanınması hususunun temeli olmasına,\n\nHakların hor görülmesinin sebep olmasına,\n\n"
        "Dostça ilişkilerin esaslı bir zaruret olmasına,\n\nBu hakların ortak bir anlayışı büyük önemde olmasına, şimdi:\n\n"
        "Genel Kurul ilan eder\n\nBu beyannameyi.\n\nMadde 1\n\nBir.\n\nMadde 2\n\nİki.\n"
    )
    doc = import_text(text, "tr.txt", language="tr").document
    assert len(doc.preamble) == 4 and plain_text(doc.enacting) == "Genel Kurul ilan eder Bu beyannameyi."


def test_front_matter_before_the_preamble_heading() -> None:
    """Between the title and '# Preámbulo', a source line, an editor's note and a converter's debris are
    front matter kept in the metadata, not the preamble."""
    text = (
        "# Constitución\n\n[Fuente: Infoleg]\n\n*(Nota editorial: texto exacto.)*\n\n\\begin{centering}\n\n"
        "# Preámbulo\n\nNos los representantes del pueblo.\n\n### Artículo 1º\n\nUno.\n\n### Artículo 2º\n\nDos.\n"
    )
    doc = import_text(text, "ar.md", "md").document
    assert len(doc.preamble) == 1 and "before the preamble" in doc.metadata


def test_a_markdown_table_keeps_each_row_as_a_paragraph() -> None:
    """The model has no tables: each row of one is a paragraph of the article, its cells as written;
    its rules are markup, taken out and reported; the text after the table is a paragraph of its own
    though it opens in lower case."""
    text = (
        "###Article premier\n\nLes parts sont les suivantes:\n\n"
        "| --- | --- |\n|:---|:---|\n|Première |10 |\n|Deuxième |— |\n\n"
        "sur la base de cent francs.\n\n###Article 2\n\nDeux.\n"
    )
    result = import_text(text, "table.md", "md")
    first = result.document.operative[0]
    assert [plain_text(p) for p in first.paragraphs] == [
        "|Première |10 |",
        "|Deuxième |— |",
        "sur la base de cent francs.",
    ]
    assert [r.kind for r in result.repairs if r.kind in ("table", "markup")] == ["table", "markup", "markup"]
    assert {r.removed for r in result.repairs if r.kind == "markup"} == {"| --- | --- |", "|:---|:---|"}


# A print copied line by line, no blank line between its paragraphs: its title set a word a line and
# printed again over the text, a foreword, the preamble's heading, recitals set in (but one).
PRINTED = """\
Universal
Charter
of
Examples
The Assembly adopted the charter on a day of the year and
asked that it be read aloud in schools and in other places
of learning.
  Its text in the official languages is the one set out here,
as the Assembly approved it.
Charter of
Examples
Preamble
  Whereas the first reason holds for every member of them,
and for the whole family of examples that is to be found,
Whereas the second reason holds for all of them in common,
  Whereas the third reason is given too,
The Assembly
proclaims this Charter.
Article 1. Every example is free and equal in its rights and
in its duties towards the others.
Article 2. Every example has the rights of this Charter.
"""


def test_a_print_whose_line_breaks_part_its_paragraphs() -> None:
    """The title's one-word lines are the title; 'Examples' ending it twice, after 'of' each time, is no
    running head; 'Preamble' stands alone; a line set in from the lines around it opens a paragraph,
    and so does one that opens with the word its paragraph opened with after a comma."""
    result = import_text(PRINTED, "x.txt", "txt")
    doc = result.document
    assert doc.title == "Universal Charter of Examples"
    assert not [r for r in result.repairs if r.kind == "running-header"]
    assert doc.metadata["preamble heading"] == "Preamble"
    assert [plain_text(p.content).split()[:2] for p in doc.preamble] == [["Whereas", "the"]] * 3
    assert plain_text(doc.enacting) == "The Assembly proclaims this Charter."
    assert len(doc.operative) == 2


def test_a_print_in_a_script_with_no_capitals_parts_at_a_danda() -> None:
    """A line of Devanagari that ends a sentence ('।') short of the print's width ends its paragraph: a
    letter with no case may open the next one."""
    text = (
        "सार्वभौम\nघोषणा\nयह पहला वाक्य है और यह वाक्य इस पंक्ति से आगे भी चलता\nहै ।\n"
        "यह दूसरा वाक्य है जो पूरी पंक्ति तक चलता है और आगे भी\nचलता है ।\n"
        "अनुच्छेद १. एक ।\nअनुच्छेद २. दो ।\n"
    )
    doc = import_text(text, "hi.txt", language="hi").document
    assert doc.title == "सार्वभौम घोषणा"
    assert [plain_text(p.content) for p in doc.preamble][
        -1
    ] == "यह दूसरा वाक्य है जो पूरी पंक्ति तक चलता है और आगे भी चलता है ।"


def test_a_word_broken_at_a_line_end_in_a_script_with_vowel_signs() -> None:
    """Devanagari's vowel signs are part of a word ('असे-' / 'म्बली' is 'असेम्बली', written so elsewhere);
    with no dictionary for the language, two parts written nowhere else alone are pieces of one word (a
    guess, to check), and a compound the text writes with its hyphen keeps it."""
    from clausepress.importer.pages import read_lines
    from clausepress.importer.paragraphs import Vocabulary

    vocab = Vocabulary(read_lines("असेम्बली ने असे-\nम्बली जन-\nताओं भेद-भाव भेद-\nभाव\n"), "hi")
    assert vocab.decide("असे", "म्बली")[:2] == (False, True)
    assert vocab.decide("जन", "ताओं")[:2] == (False, False)
    assert vocab.decide("भेद", "भाव")[:2] == (True, True)


def test_a_chinese_or_japanese_line_broken_mid_sentence_is_joined_without_a_space() -> None:
    """A copy of a Japanese text set one printed line to a paragraph (lines parted by blank
    lines, as the NLTK copy of the Declaration): a paragraph that ends on a character of a word
    goes on in the next, joined with no space (the script has none); one that ends with its
    punctuation (。 、) ends there."""
    text = "宣言\n\n第1条\n\nすべての人間は、生まれながらにして自由であり\n\nかつ、尊厳と権利とについて平等である。\n\n第2条\n\n何人も、\n\n差別を受けない。\n\n第3条\n\n自由である。\n"
    doc = import_text(text, "ja.txt", language="ja").document
    first, second, _ = ([plain_text(c.content), *map(plain_text, c.paragraphs)] for c in doc.operative)
    assert first == ["すべての人間は、生まれながらにして自由でありかつ、尊厳と権利とについて平等である。"]
    assert second == ["何人も、", "差別を受けない。"]
