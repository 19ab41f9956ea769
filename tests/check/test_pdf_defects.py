"""Defects injected one at a time into a built PDF with pikepdf: each is found, on its page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from clausepress import load
from clausepress.check import Finding
from clausepress.check.pdf import check_pdf
from clausepress.model import Document

from ..conftest import Built

SAFE_COPIES = "https://record-keepers.test/guidelines/safe-copies"  # cited once, on page 2
RESCUE_TEAMS = "https://rescue-teams.archives.test/reports/2021"  # a direct link, page 1

Edit = Callable[[pikepdf.Pdf], None]


@pytest.fixture(scope="module")
def doc(un_built: Built) -> Document:
    return load(un_built.source)


@pytest.fixture
def check(un_built: Built, doc: Document, tmp_path: Path) -> Callable[[Edit], list[Finding]]:
    """Apply an edit to a copy of the built PDF, save it, and check the copy."""

    def run(edit: Edit) -> list[Finding]:
        edited = tmp_path / "edited.pdf"
        with pikepdf.open(un_built.pdf) as pdf:
            edit(pdf)
            pdf.save(edited)
        return check_pdf(doc, edited)

    return run


def found(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.page) for f in findings)


# --- reading and editing the PDF ------------------------------------------------------------


def _to_unicode(font: pikepdf.Dictionary) -> dict[bytes, str]:
    """A font's glyph codes and the text each stands for, from its /ToUnicode CMap."""
    table: dict[bytes, str] = {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            table[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, first in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = ord(bytes.fromhex(first).decode("utf-16-be"))
            for n in range(int(lo, 16), int(hi, 16) + 1):
                table[n.to_bytes(len(lo) // 2, "big")] = chr(start + n - int(lo, 16))
    return table


def shown_text(page: pikepdf.Page) -> tuple[list[pikepdf.ContentStreamInstruction], dict[int, str]]:
    """The page's content stream, and the text each text-showing operation draws, by index."""
    instructions = list(pikepdf.parse_content_stream(page))
    fonts = page.Resources.Font
    tables: dict[str, dict[bytes, str]] = {}
    font = ""
    texts: dict[int, str] = {}
    for index, (operands, operator) in enumerate(instructions):
        if operator == pikepdf.Operator("Tf"):
            font = str(operands[0])
        elif operator in (pikepdf.Operator("TJ"), pikepdf.Operator("Tj")):
            table = tables.setdefault(font, _to_unicode(fonts[font]))
            items = operands[0] if operator == pikepdf.Operator("TJ") else [operands[0]]
            strings = [bytes(s) for s in items if isinstance(s, pikepdf.String)]
            texts[index] = "".join(
                table.get(s[i : i + 2], "\ufffd") for s in strings for i in range(0, len(s), 2)
            )
    return instructions, texts


def clause_number_op(page: pikepdf.Page, number: int) -> int:
    """The index of the one operation that draws the clause number `number.`."""
    _, texts = shown_text(page)
    hits = [i for i, text in texts.items() if text.strip() == f"{number}."]
    assert len(hits) == 1, f"clause number {number}. drawn {len(hits)} times"
    return hits[0]


def rewrite(
    pdf: pikepdf.Pdf, page: pikepdf.Page, instructions: list[pikepdf.ContentStreamInstruction]
) -> None:
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def uri_annotations(pdf: pikepdf.Pdf, url: str) -> list[tuple[int, pikepdf.Dictionary]]:
    """(page index, annotation) of every link to `url`."""
    return [
        (n, annot)
        for n, page in enumerate(pdf.pages)
        for annot in page.get("/Annots", [])
        if "/A" in annot and str(annot.A.get("/URI", "")) == url
    ]


def remove_annotations(pdf: pikepdf.Pdf, doomed: list[pikepdf.Dictionary]) -> None:
    gone = {a.objgen for a in doomed}
    for page in pdf.pages:
        if "/Annots" in page:
            page.Annots = pikepdf.Array([a for a in page.Annots if a.objgen not in gone])


def destinations(pdf: pikepdf.Pdf) -> pikepdf.Array:
    """The flat /Names array of the named destinations (WeasyPrint writes one leaf)."""
    tree = pdf.Root.Names.Dests
    assert "/Kids" not in tree
    return tree.Names


def clause_outline(pdf: pikepdf.Pdf, outline: pikepdf.Outline) -> list[pikepdf.OutlineItem]:
    """The outline entries of the operative clauses: the children of 'Operative part'."""
    (title,) = outline.root
    (operative,) = [item for item in title.children if item.title == "Operative part"]
    return operative.children


# --- the tests ------------------------------------------------------------------------------


def test_unmodified_pdf(un_built: Built, doc: Document, check: Callable[[Edit], list[Finding]]) -> None:
    assert check_pdf(doc, un_built.pdf) == []
    assert check(lambda pdf: None) == []  # saving through pikepdf changes nothing the checker sees


def test_the_helpers_read_the_clause_numbers(un_built: Built) -> None:
    with pikepdf.open(un_built.pdf) as pdf:
        numbers = [
            [text.strip() for text in shown_text(page)[1].values() if re.fullmatch(r"\d+\.\s*", text)]
            for page in pdf.pages
        ]
    assert numbers == [["1.", "2.", "3."], ["4.", "5.", "6.", "7.", "8.", "9."]]


def test_every_link_to_an_address_removed(check: Callable[[Edit], list[Finding]]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        links = uri_annotations(pdf, SAFE_COPIES)
        assert [n for n, _ in links] == [1, 1]  # the anchor and the footnote's address
        remove_annotations(pdf, [a for _, a in links])

    findings = check(edit)
    assert found(findings) == [("pdf.link-missing", None)]
    assert SAFE_COPIES in findings[0].message


def test_link_of_one_citation_removed(check: Callable[[Edit], list[Finding]]) -> None:
    # The anchor 'work of the regional rescue teams' (page 1) loses its link; the footnote
    # still shows the address. A reader clicking the anchor gets nothing.
    def edit(pdf: pikepdf.Pdf) -> None:
        links = uri_annotations(pdf, RESCUE_TEAMS)
        assert len(links) == 2 and links[0][0] == 0
        remove_annotations(pdf, [links[0][1]])

    findings = check(edit)
    assert [f.code for f in findings] == ["pdf.link-missing"], [str(f) for f in findings]
    assert RESCUE_TEAMS in findings[0].message


def test_address_changed_everywhere(check: Callable[[Edit], list[Finding]]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        for _, annot in uri_annotations(pdf, SAFE_COPIES):
            annot.A.URI = pikepdf.String("https://record-keepers.test/guidelines/unsafe-copies")

    findings = check(edit)
    assert found(findings) == [("pdf.link-missing", None), ("pdf.link-unknown", 2)]
    assert "unsafe-copies" in next(f for f in findings if f.code == "pdf.link-unknown").message


def test_address_changed_once(check: Callable[[Edit], list[Finding]]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        uri_annotations(pdf, RESCUE_TEAMS)[0][1].A.URI = pikepdf.String(RESCUE_TEAMS.replace("2021", "2020"))

    assert found(check(edit)) == [("pdf.link-unknown", 1)]


@pytest.mark.parametrize(("shown", "clause", "page"), [(1, 2, 1), (5, 6, 2), (8, 9, 2)])
def test_clause_number_altered(
    check: Callable[[Edit], list[Finding]], shown: int, clause: int, page: int
) -> None:
    # Clause `clause` is drawn with the glyphs of the number `shown`.
    def edit(pdf: pikepdf.Pdf) -> None:
        p = pdf.pages[page - 1]
        instructions, _ = shown_text(p)
        source, target = clause_number_op(p, shown), clause_number_op(p, clause)
        instructions[target] = pikepdf.ContentStreamInstruction(
            instructions[source].operands, instructions[target].operator
        )
        rewrite(pdf, p, instructions)

    findings = check(edit)
    # Said once: the rest of the clause's text is compared apart from its number.
    assert found(findings) == [("pdf.clause-number", page)]
    assert all(f"operative clause {clause} " in f.message for f in findings)
    assert f"is numbered '{shown}.'" in next(f for f in findings if f.code == "pdf.clause-number").message


def test_clause_numbers_swapped(check: Callable[[Edit], list[Finding]]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        p = pdf.pages[1]
        instructions, _ = shown_text(p)
        five, six = clause_number_op(p, 5), clause_number_op(p, 6)
        instructions[five], instructions[six] = (
            pikepdf.ContentStreamInstruction(instructions[six].operands, instructions[five].operator),
            pikepdf.ContentStreamInstruction(instructions[five].operands, instructions[six].operator),
        )
        rewrite(pdf, p, instructions)

    findings = check(edit)
    assert found(findings) == [("pdf.clause-number", 2)] * 2
    messages = sorted(f.message for f in findings if f.code == "pdf.clause-number")
    assert messages == ["operative clause 5 is numbered '6.'", "operative clause 6 is numbered '5.'"]


def test_clause_number_deleted(check: Callable[[Edit], list[Finding]]) -> None:
    # Clause 7 is drawn without its number; clause 6 before it is untouched.
    def edit(pdf: pikepdf.Pdf) -> None:
        p = pdf.pages[1]
        instructions, _ = shown_text(p)
        del instructions[clause_number_op(p, 7)]
        rewrite(pdf, p, instructions)

    findings = check(edit)
    assert found(findings) == [("pdf.clause-number", 2)]
    assert findings[0].message == "operative clause 7 has no number"


@pytest.mark.parametrize(("note", "call_page", "moved_to"), [(6, 2, 1), (2, 1, 2)])
def test_footnote_moved_to_another_page(
    check: Callable[[Edit], list[Finding]], note: int, call_page: int, moved_to: int
) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        names = destinations(pdf)
        index = [str(names[i]) for i in range(0, len(names), 2)].index(f"fn-{note}") * 2 + 1
        old = names[index]
        assert old[0].objgen == pdf.pages[call_page - 1].obj.objgen
        names[index] = pikepdf.Array([pdf.pages[moved_to - 1].obj, *list(old)[1:]])

    findings = check(edit)
    assert found(findings) == [("pdf.footnote-page", call_page)]
    assert f"footnote {note} is on page {moved_to}, its call on page {call_page}" in findings[0].message


def test_outline_entry_removed(check: Callable[[Edit], list[Finding]]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        with pdf.open_outline() as outline:
            clauses = clause_outline(pdf, outline)
            assert clauses[4].title == "5. Invites"
            del clauses[4]

    findings = check(edit)
    assert found(findings) == [("pdf.outline-missing", None)]
    assert "'5. Invites'" in findings[0].message


def test_outline_entries_swapped(check: Callable[[Edit], list[Finding]]) -> None:
    def edit(pdf: pikepdf.Pdf) -> None:
        with pdf.open_outline() as outline:
            clauses = clause_outline(pdf, outline)
            clauses[1], clauses[2] = clauses[2], clauses[1]

    findings = check(edit)
    assert found(findings) == [("pdf.outline-order", None)]
    assert "'3. Requests'" in findings[0].message


def test_destination_of_an_internal_link_removed(check: Callable[[Edit], list[Finding]]) -> None:
    # The note call 3 (page 1) links to 'fn-3'; with the destination gone, the link is
    # broken and the footnote cannot be reached.
    def edit(pdf: pikepdf.Pdf) -> None:
        names = list(destinations(pdf))
        keep = [item for i in range(0, len(names), 2) if str(names[i]) != "fn-3" for item in names[i : i + 2]]
        assert len(keep) == len(names) - 2
        pdf.Root.Names.Dests.Names = pikepdf.Array(keep)

    findings = check(edit)
    assert found(findings) == [("pdf.footnote-missing", 1), ("pdf.link-broken", 1)]
    assert "'fn-3'" in next(f for f in findings if f.code == "pdf.link-broken").message


def test_unreadable_pdf(doc: Document, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really\n")
    assert [f.code for f in check_pdf(doc, broken)] == ["pdf.unreadable"]


def test_a_running_header_over_several_lines_is_furniture() -> None:
    """A short title too long for one line runs over two in the margin: both are the header, not text."""
    from clausepress.check.pdf import _is_furniture

    title = ("A RESOLUTION OF THE CITY COUNCIL ON PARKS AND TREES",)
    assert _is_furniture("A RESOLUTION OF THE CITY\nCOUNCIL ON PARKS AND TREES", title)
    assert _is_furniture("Page 1 of 2\nA RESOLUTION OF THE CITY COUNCIL\nON PARKS AND TREES", title)
    assert not _is_furniture("A RESOLUTION OF THE CITY\nCOUNCIL ON PARKS", title)
