"""clausepress import of declarations in Chinese and Arabic: the rules the UDHR copies of issue 15 needed.

Each fixture is invented for the one rule it tests (the real copies are in tests/corpus/).
"""

from __future__ import annotations

from clausepress.importer import import_text
from clausepress.importer.genre import recitals_end
from clausepress.model import plain_text
from clausepress.presentation import number_value

_RECITALS = "\n\n".join(["鉴 于 甲 乙 丙,"] * 3)


def test_article_headings_with_a_space_after_each_character() -> None:
    """'第 二 十 七 条' (a converter set a space after every character) heads article 27."""
    text = f"宣 言\n\n序 言\n{_RECITALS}\n\n第 一 条\n人 人 平 等。\n\n第 二 十 七 条\n人 人 自 由。\n"
    doc = import_text(text, "zh.txt", language="zh-Hans").document
    assert [number_value(c.number) for c in doc.operative] == [1, 27]
    assert doc.numbering == "第1条"


def test_a_preamble_heading_is_no_line_of_the_first_recital() -> None:
    """'序 言' over the first recital, with no blank line between: the heading, not the recital's start."""
    text = f"宣 言\n\n序 言\n{_RECITALS}\n\n第 一 条\n人 人 平 等。\n\n第 二 条\n人 人 自 由。\n"
    doc = import_text(text, "zh.txt", language="zh-Hans").document
    assert doc.metadata["preamble heading"] == "序言"  # the copy's spaces taken out (unspace_cjk)
    assert len(doc.preamble) == 3 and plain_text(doc.preamble[0].content).startswith("鉴于")


def test_parenthesized_ideographs_number_the_paragraphs_of_an_article() -> None:
    """'㈠ ...' and '㈡ ...' on the lines under '第 十 一 条' are its sub-clauses (一), (二); a line that
    ends with '。 ' (a space after the stop) ends the paragraph before."""
    text = (
        f"宣 言\n\n{_RECITALS}\n\n第 一 条\n人 人 平 等。\n\n第 二 条\n㈠ 凡 受 控 告 者。 \n㈡ 任 何 人。 \n"
    )
    doc = import_text(text, "zh.txt", language="zh-Hans").document
    assert [s.label for s in doc.operative[1].subclauses] == ["一", "二"]


def test_a_chinese_title_over_its_adoption_line() -> None:
    """'世界人权宣言' over '……决议通过并颁布', no blank line between: the title is the first line only."""
    text = f"世界人权宣言\n联合国大会第217A(III)号决议通过并颁布\n\n{_RECITALS}\n\n第 一 条\n甲。\n\n第 二 条\n乙。\n"
    doc = import_text(text, "zh.txt", language="zh-Hans").document
    assert doc.title == "世界人权宣言"


def test_an_article_heading_in_bold_with_its_first_paragraph_run_in() -> None:
    """'**第十一條**　一．...' (bold, an ideographic space, the first numbered paragraph on the heading's
    line) then '二．...': an article with sub-clauses (一), (二); 條 is the Traditional text's word."""
    text = (
        "# 宣言\n\n**弁言**\n\n茲鑒於甲；\n\n復鑒於乙；\n\n復鑒於丙；\n\n大會爰於此頒佈宣言。\n\n"
        "**第一條**　人皆生而自由。\n\n**第十一條**　一．凡受刑事控告者。\n二．任何人。\n"
    )
    doc = import_text(text, "zh.md", "md", language="zh-Hant").document
    assert doc.form == "articles" and doc.numbering == "第1條"
    assert doc.metadata["preamble heading"] == "弁言"
    assert [number_value(c.number) for c in doc.operative] == [1, 11]
    assert [s.label for s in doc.operative[1].subclauses] == ["一", "二"]


def test_the_first_recital_opens_without_the_and_of_the_others() -> None:
    """'لمّا كان ...' then 'ولما كان ...' (and whereas, the shadda written once): six recitals, the first
    among them, not a headnote."""
    texts = ["لمّا كان أ.", *["ولما كان ب."] * 5, "فإن الجمعية العامة"]
    assert recitals_end(texts) == (0, 6)


def test_a_recital_ending_in_a_semicolon_never_names_the_body() -> None:
    """The last recitals of a text without spaces, short and ending with '；', stay recitals; the line
    'よって、ここに、国連総会は、' before the proclamation is no recital."""
    chinese = [
        "茲鑒於甲乙丙丁戊己庚辛；",
        *[f"復鑒於{c}乙丙丁戊己庚辛；" for c in "人爲國聯各此"],
        "大會爰於此頒佈宣言。",
    ]
    assert recitals_end(chinese) == (0, 7)
    japanese = [
        *["人類社会のすべての構成員の固有の尊厳を承認するので、"] * 3,
        "よって、ここに、国連総会は、",
        "この宣言を公布する。",
    ]
    assert recitals_end(japanese) == (0, 3)


def test_a_chinese_line_end_after_a_full_stop_joins_without_a_space() -> None:
    """Two lines of one Markdown paragraph, the first ending '。', the next opening with a character: no
    space between them (Chinese sets none after its punctuation)."""
    text = (
        "# 宣言\n\n茲鑒於甲；\n\n復鑒於乙；\n\n復鑒於丙；\n\n大會爰於此頒佈宣言。\n\n"
        "**第一條**　人皆生而自由。\n\n**第二條**　人人皆得享受。\n且不得因一人所隸國家。\n"
    )
    doc = import_text(text, "zh.md", "md", language="zh-Hant").document
    assert plain_text(doc.operative[1].content) == "人人皆得享受。且不得因一人所隸國家。"


def test_a_space_after_every_character_is_taken_out_once_said() -> None:
    """A copy that set a space after every character (a GB2312 print) loses those spaces, one
    repair saying how many; a text that spaces only some words keeps its spaces."""
    result = import_text(
        f"宣 言\n\n{_RECITALS}\n\n第 一 条\n人 人 平 等, 自 由。\n", "zh.txt", language="zh-Hans"
    )
    (said,) = [r for r in result.repairs if r.kind == "cjk-spacing"]
    assert (said.line, said.column) == (1, 2) and "spaces" in said.message
    doc = result.document
    assert doc.title == "宣言" and plain_text(doc.operative[0].content) == "人人平等,自由。"
    kept = import_text("宣言\n\n鉴于甲乙丙 丁戊,\n\n第一条\n人人平等 自由。\n", "zh.txt", language="zh-Hans")
    assert not [r for r in kept.repairs if r.kind == "cjk-spacing"]
    assert plain_text(kept.document.operative[0].content) == "人人平等 自由。"
