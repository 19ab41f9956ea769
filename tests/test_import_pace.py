"""The Parliamentary Assembly of the Council of Europe's resolutions: numbered paragraphs from the
first, their items numbered with them ("3.1."), the origin and adoption lines in the title block
or at the end. Small invented texts, one rule each; no PACE text is in the corpus yet."""

from __future__ import annotations

from clausepress.importer import import_text
from clausepress.model import plain_text
from clausepress.outline import outline

HEADED = """\
Resolution 9999 (2099)
The example of a resolution
Author(s): Parliamentary Assembly
Origin - Assembly debate on 1 October 2099 (30th Sitting) (see Doc. 99999, report of the Committee on Examples, rapporteur: Mr Example). Text adopted by the Assembly on 1 October 2099 (30th Sitting).
1. The Parliamentary Assembly recalls its earlier work on the example.
2. The Assembly considers that the example matters.
3. The Assembly therefore calls on member States to:
3.1. ensure that the example is followed;
3.2. report on the progress made;
4. The Assembly resolves to follow the matter.
"""


def test_title_block_and_numbered_items() -> None:
    doc = import_text(HEADED, "p.txt", "txt").document
    got = outline(doc)
    assert (got["form"], got["preamble"], got["operative"], got["subclauses"]) == ("coe-pace", 0, 4, 2)
    assert doc.title == "Resolution 9999 (2099) The example of a resolution"
    assert doc.metadata["origin"].startswith("Origin - Assembly debate on 1 October 2099")
    assert doc.metadata["adopted by"] == "Text adopted by the Assembly on 1 October 2099 (30th Sitting)."
    assert str(doc.adopted) == "2099-10-01"
    assert [s.label for s in doc.operative[2].subclauses] == ["1", "2"]
    assert plain_text(doc.operative[2].subclauses[0].content) == "ensure that the example is followed;"


def test_origin_at_the_end_is_the_closing() -> None:
    text = (
        HEADED.replace("Author(s): Parliamentary Assembly\n", "").split("Origin - ")[0]
        + HEADED.split("\n", 4)[4]
        + HEADED.split("\n")[3]
        + "\n"
    )
    doc = import_text(text, "p.txt", "txt").document
    assert (doc.form, len(doc.preamble), len(doc.operative)) == ("coe-pace", 0, 4)
    assert plain_text(doc.closing).startswith("Origin - Assembly debate on")
