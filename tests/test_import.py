"""clausepress import: received texts become sources that load, with every word kept and every repair told."""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from clausepress import load, loads
from clausepress.check.source import check_source
from clausepress.errors import SourceError, UsageError
from clausepress.importer import ImportResult, Repair, import_file, import_text
from clausepress.model import Document, Emphasis, Inline, Strong, SubClause, Text, plain_text

from .conftest import DATA, FIRST, Golden

INPUTS = Path(__file__).resolve().parent / "import"
SEED = DATA / "iags-2024-received.txt"
ALL_INPUTS = sorted(p for p in INPUTS.iterdir() if p.is_file()) + [SEED]  # pdf/, html/: their own tests


def imported(path: Path, **kwargs: str) -> tuple[ImportResult, Document]:
    """The import of `path`, and the document its YAML loads as."""
    result = import_file(path, **kwargs)  # type: ignore[arg-type]
    return result, loads(result.yaml, path.name, default_id=path.stem)


def kinds(result: ImportResult) -> Counter[str]:
    return Counter(r.kind for r in result.repairs)


def removed(result: ImportResult, kind: str) -> list[str]:
    return [r.removed for r in result.repairs if r.kind == kind]


def errors_and_warnings(doc: Document) -> tuple[list[str], list[str]]:
    findings = check_source(doc)
    return (
        [f.code for f in findings if f.severity == "error"],
        [f.code for f in findings if f.severity == "warning"],
    )


# --- word preservation ----------------------------------------------------------------------
#
# The words of the input, less what the importer consumed as markup, must be the words of
# the source. Consumed markup, taken out of the input here by pattern:
#   - link targets `(url)` after `[anchor]`, and the link's brackets;
#   - addresses in brackets after a word, `word [https://...]` (the address becomes the
#     source's URL; the word, the anchor);
#   - `*` emphasis marks;
#   - markers at the start of a line: Markdown headings `#` and list bullets `-`, clause
#     numbers `1.` `1)`, sub-clause labels `(a)` `a)` `(iv)`, recital labels `A.`, and
#     "Article 1" lines. They become `number:`/`label:`/list structure, not words: the
#     source's words below do not include numbers or labels either.
# Everything else the importer took out is in the repairs, each with the exact `removed`
# text at its line and column: that text is cut out of the input at that place (which
# also checks that every repair points where it says).
# The source's words: title, preamble texts, enacting line, each clause's verb, text,
# sub-clause texts and further paragraphs, the closing line, and the notes of the sources
# (the footnotes). Compared as sequences, except where the importer moved a part (a
# "moved-text" repair): there as multisets.

_LINE_MARKERS = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)](?=\s|$)|\(?[a-z]{1,4}\)(?=\s|$)|[A-Z]\.(?=\s)|Article \d+[ \t]*$)",
    re.MULTILINE,
)


def cut_removed(text: str, repairs: tuple[Repair, ...]) -> str:
    """`text` less each repair's `removed` text, cut at the repair's line and column."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    cuts = sorted(
        ((starts[r.line - 1] + r.column - 1, r) for r in repairs if r.removed),
        key=lambda c: c[0],
        reverse=True,
    )
    end = len(text)
    for offset, repair in cuts:
        assert text[offset : offset + len(repair.removed)] == repair.removed, repair
        assert offset + len(repair.removed) <= end, f"repairs overlap at {repair}"
        text = text[:offset] + text[offset + len(repair.removed) :]
        end = offset
    return text


def input_words(text: str, repairs: tuple[Repair, ...]) -> list[str]:
    text = cut_removed(text, repairs)
    text = _LINE_MARKERS.sub("", text)
    text = re.sub(r"\]\((?:[^()\s]|\([^()\s]*\))*\)", "]", text)
    text = re.sub(r"[ \t]*\[https?://[^\]\s]+\]", "", text)
    text = re.sub(r"[\[\]*]", "", text)
    return text.split()


def _subclause_texts(subs: tuple[SubClause, ...]) -> list[str]:
    out = []
    for s in subs:
        out.append(plain_text(s.content))
        out += _subclause_texts(s.subclauses)
    return out


def source_words(doc: Document) -> list[str]:
    parts = [doc.title]
    parts += [plain_text(p.content) for p in doc.preamble]
    parts.append(plain_text(doc.enacting))
    for c in doc.operative:
        parts += [c.verb, plain_text(c.content), *_subclause_texts(c.subclauses)]
        parts += [plain_text(p) for p in c.paragraphs]
    parts.append(plain_text(doc.closing))
    parts += [x for s in doc.sources.values() for x in (s.title or "", s.note or "")]
    return " ".join(parts).split()


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_every_word_is_kept(path: Path) -> None:
    result, doc = imported(path)
    text = path.read_text(encoding="utf-8")
    theirs, ours = input_words(text, result.repairs), source_words(doc)
    assert Counter(theirs) == Counter(ours)
    if not any(r.kind == "moved-text" for r in result.repairs):
        assert theirs == ours


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_source_is_laid_out_for_a_person(path: Path) -> None:
    """Short lines, folded blocks that fold back to single spaces, a header that counts the repairs."""
    result = import_file(path)
    lines = result.yaml.splitlines()
    assert lines[0].startswith("# ")
    header = " ".join(line.removeprefix("#").strip() for line in lines[: lines.index("")])
    assert f"with {len(result.repairs)} repair" in header
    for i, line in enumerate(lines):
        assert len(line) <= 96 or " " not in line.strip().split(": ", 1)[-1], line
        if line.endswith(">-"):
            block = []
            for following in lines[i + 1 :]:
                if len(following) - len(following.lstrip()) <= len(line) - len(line.lstrip()):
                    break
                block.append(following)
            indents = {len(b) - len(b.lstrip()) for b in block}
            assert block and len(indents) == 1, (line, block)  # no continuation starts with a space


# --- the seed: the first document as received ---------------------------------------------


def shape(nodes: tuple[Inline, ...]) -> tuple[object, ...]:
    """Inline content without positions, note numbers or source ids."""
    out: list[object] = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.text)
        elif isinstance(n, Emphasis | Strong):
            out.append((type(n).__name__, shape(n.children)))
        else:
            out.append(("Citation", shape(n.children)))
    return tuple(out)


def test_seed_gives_the_first_document() -> None:
    result = import_text(SEED.read_text(encoding="utf-8"), "iags-2024-received.txt")
    ours, theirs = loads(result.yaml, "imported.yaml"), load(FIRST)
    assert ours.title == theirs.title == "IAGS Resolution on Nagorno-Karabakh"
    assert ours.issuer == theirs.issuer and ours.adopted == theirs.adopted and ours.language == "en"
    assert len(ours.preamble) == 19
    assert [shape(p.content) for p in ours.preamble] == [shape(p.content) for p in theirs.preamble]
    assert plain_text(ours.enacting) == plain_text(theirs.enacting)
    assert ours.numbering == "1." and all(c.number_explicit for c in ours.operative)
    assert [(c.number, c.verb, shape(c.content)) for c in ours.operative] == [
        (c.number, c.verb, shape(c.content)) for c in theirs.operative
    ]
    assert len(ours.operative) == 15 and ours.operative[8].verb == "Call upon"
    assert plain_text(ours.closing) == plain_text(theirs.closing) == "Resolution passed September 2, 2024."
    citations = ours.citations()
    assert [c.anchor for c in citations] == [c.anchor for c in theirs.citations()]
    assert len(citations) == 29
    assert all(ours.sources[c.source_id].status == "missing" for c in citations)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", sid) for sid in ours.sources)
    # The two paragraphs a page break had split, joined at the line where each second half starts.
    joins = [(r.line, r.column) for r in result.repairs if r.kind == "page-break-join"]
    assert joins == [(27, 1), (63, 1)]
    assert kinds(result) == Counter({"missing-link-target": 29, "page-break-join": 2})
    errors, warnings = errors_and_warnings(ours)
    assert errors == []
    # What the checker says of the first document, less the links the editor supplied there.
    assert Counter(warnings) == Counter(
        {"link.missing-target": 29, "convention.operative-punctuation": 3, "convention.verb-form": 1}
    )


# --- the written inputs ---------------------------------------------------------------------


def test_markdown_with_links_and_subclauses() -> None:
    result, doc = imported(INPUTS / "markdown-subclauses.md")
    assert doc.title == "Statement on the Care of Digital Records"
    assert doc.issuer == "Council of Coastal Archives" and doc.adopted.isoformat() == "2024-06-03"
    assert [plain_text(p.content).split()[0] for p in doc.preamble] == ["Recalling", "Noting", "Aware"]
    assert isinstance(doc.preamble[1].content[0], Emphasis)  # the italics of the opening words stay
    assert plain_text(doc.enacting) == "The Council of Coastal Archives:"
    assert doc.numbering == "1."
    assert [(c.number, c.verb) for c in doc.operative] == [
        ("1", "Urges"), ("2", "Recommends"), ("3", "Calls upon"), ("4", "Decides"),
    ]  # fmt: skip
    subs = doc.operative[1].subclauses
    assert [s.label for s in subs] == ["a", "b", "c"]
    assert [s.label for s in subs[1].subclauses] == ["i", "ii"]
    assert plain_text(subs[1].subclauses[1].content) == "comparing checksums with those recorded;"
    assert "# verb guessed" not in result.yaml  # italics marked every verb
    # Two links to the same address cite one source; the '#' link's source is missing.
    urls = {sid: s.url for sid, s in doc.sources.items()}
    assert list(urls.values()) == [
        "https://records.archivists.test/charter",
        "https://records.archivists.test/formats/ageing",
        None,
        "https://records.archivists.test/fixity",
    ]
    assert doc.operative[2].content[1].source_id == doc.preamble[1].content[2].source_id  # type: ignore[union-attr]
    assert kinds(result) == Counter({"missing-link-target": 1})
    missing = result.repairs[0]
    assert (missing.line, missing.column) == (9, 16)
    assert errors_and_warnings(doc) == ([], ["link.missing-target"])


def test_text_copied_from_a_pdf() -> None:
    result, doc = imported(INPUTS / "pdf-copy.txt")
    assert doc.title == "Resolution on the Preservation of Digitised Records"
    assert len(doc.preamble) == 4 and len(doc.operative) == 4
    preamble = [plain_text(p.content) for p in doc.preamble]
    # Hard-wrapped lines joined; a line-end hyphen undone, a real one kept.
    assert "to the long-term preservation of digital copies;" in preamble[0]
    assert "a well-known self-assessment tool helps" in preamble[2]
    assert plain_text(doc.operative[0].content).endswith("every digitised collection in separate places;")
    # The clause a page break had split (with a header and a page number in between).
    assert plain_text(doc.operative[2].content).endswith(
        "who carry out the work, in particular in small archives;"
    )
    assert plain_text(doc.closing) == "Adopted by the general meeting on 9 May 2024."
    header = "Digitised Records · Records Society of the Coast"
    assert removed(result, "running-header") == [header, header]
    assert removed(result, "page-number") == ["- 1 -", "- 2 -", "- 3 -"]
    assert removed(result, "footnote") == ["1", "2", "3", "___", "1", "2", "3"]
    assert [r.message for r in result.repairs if r.kind == "dehyphenate"] == [
        "joined 'preserva-' and 'tion' into 'preservation': 'preservation' is written so elsewhere in the text",
        "kept the hyphen in 'self-assessment' at a line end: 'self-assessment' is written so elsewhere in the text",
        "joined 'collec-' and 'tion' into 'collection': the line broke the word at a hyphenation point",
    ]
    assert removed(result, "dehyphenate") == ["-\n", "\n", "-\n"]
    assert kinds(result)["page-break-join"] == 1 and kinds(result)["unsure-verb"] == 4
    assert [c.verb for c in doc.operative] == ["Urges", "Recommends", "Calls upon", "Decides"]
    assert result.yaml.count("# verb guessed") == 4
    # Footnotes back as citations of the word before their call.
    citations = doc.citations()
    assert [c.anchor for c in citations] == ["digitisation", "tool", "handbook"]
    sources = [doc.sources[c.source_id] for c in citations]
    assert [s.url for s in sources] == [
        "https://records.archivists.test/guidelines-2019",
        "https://tools.archivists.test/self-assessment",
        None,
    ]
    assert sources[2].note == "Handbook of Integrity Checks, second edition, 2022."
    assert sources[0].note == (
        "Guidelines on Digitisation, Records Society of the Coast, 2019, "
        "https://records.archivists.test/guidelines-2019."
    )
    assert errors_and_warnings(doc) == ([], [])


def test_whereas_recitals_and_resolved_that() -> None:
    result, doc = imported(INPUTS / "whereas-resolved.txt")
    assert [plain_text(p.content).split()[0] for p in doc.preamble] == ["Whereas"] * 3
    assert plain_text(doc.enacting) == "Resolved, That the Society of Municipal Archivists"
    assert doc.issuer == "Society of Municipal Archivists"
    assert doc.numbering == "1)" and [c.label for c in doc.operative] == ["1)", "2)", "3)"]
    assert [c.verb for c in doc.operative] == ["Urges", "Offers", "Directs"]
    assert kinds(result) == Counter({"unsure-verb": 3})
    assert doc.sources == {} and "sources:" not in result.yaml  # a text with no link at all
    assert doc.adopted.isoformat() == "2024-04-12"
    assert errors_and_warnings(doc) == ([], [])


def test_lettered_recitals_and_articles() -> None:
    result, doc = imported(INPUTS / "recitals-articles.txt")
    assert [(p.label, plain_text(p.content).split()[0]) for p in doc.preamble] == [
        ("A", "whereas"), ("B", "whereas"), ("C", "whereas"),
    ]  # fmt: skip
    assert plain_text(doc.enacting) == "Decides as follows:"
    assert doc.numbering == "Article 1"
    assert [(c.number, c.label, c.verb) for c in doc.operative] == [
        ("1", "Article 1", ""), ("2", "Article 2", ""), ("3", "Article 3", ""),
    ]  # fmt: skip
    assert "verb:" not in result.yaml
    assert plain_text(doc.operative[0].content) == (
        "Member archives shall exchange copies of the records they hold on shared communities."
    )
    assert [s.label for s in doc.operative[1].subclauses] == ["a", "b"]
    assert plain_text(doc.closing) == "Done at Lisbon on 15 January 2024."
    assert kinds(result) == Counter({"hard-wrap": 1})
    assert errors_and_warnings(doc) == ([], [])


def test_unnumbered_list_and_bare_addresses() -> None:
    result, doc = imported(INPUTS / "unnumbered-list.md")
    assert doc.numbering == "none"
    assert [(c.number_explicit, c.label, c.verb) for c in doc.operative] == [
        (False, "", "Encourages"), (False, "", "Invites"), (False, "", "Asks"),
    ]  # fmt: skip
    assert "number:" not in result.yaml
    assert plain_text(doc.enacting) == "The Board resolves:"
    citations = doc.citations()
    assert [c.anchor for c in citations] == [
        "Open Minutes Project",
        "https://minutes.archivists.test/report-2023",  # a bare address cites itself
        "Project",  # `Project [https://...]`: the word before the bracketed address
    ]
    assert citations[0].source_id == citations[2].source_id  # the same address, one source
    assert doc.sources[citations[1].source_id].url == "https://minutes.archivists.test/report-2023"
    assert result.repairs == ()
    assert errors_and_warnings(doc) == ([], [])


@pytest.mark.parametrize("language", [None, "fr"])
def test_french_text(language: str | None) -> None:
    result, doc = imported(INPUTS / "french-guillemets.txt", **({"language": language} if language else {}))
    assert doc.language == "fr"
    assert ("guessed from the text" in result.yaml) is (language is None)
    assert [plain_text(p.content).split()[0] for p in doc.preamble] == [
        "Rappelant",
        "Considérant",
        "Profondément",
    ]
    assert "« patrimoine écrit »" in plain_text(doc.preamble[0].content)
    # The body's name opens the text, UN style: it becomes the enacting line, and says so.
    assert plain_text(doc.enacting) == "L'Assemblée générale du Conseil international des archivistes,"
    assert kinds(result)["moved-text"] == 1
    assert "# clausepress import: moved here from line 3" in result.yaml
    assert [(c.number, c.verb) for c in doc.operative] == [
        ("1", "Décide"), ("2", "Prie"), ("3", "Prend note"), ("4", "Décide"),
    ]  # fmt: skip
    assert [plain_text(s.content) for s in doc.operative[1].subclauses] == [
        "d'établir la liste des archives détruites depuis 2020 ;",
        "de lui faire rapport sur l'application de la présente résolution ;",
    ]
    assert plain_text(doc.closing) == "Adoptée à la 12e séance plénière, le 12 mai 2023."
    assert doc.adopted.isoformat() == "2023-05-12"
    assert errors_and_warnings(doc) == ([], [])


# --- smaller cases, written here ------------------------------------------------------------


def test_numbers_are_kept_as_found() -> None:
    """Never renumbered: a gap stays for the checker to report."""
    text = "Title\n\nRecalling x;\n\nDecides:\n\n1. *Urges* a;\n2. *Asks* b;\n4. *Invites* c.\n"
    doc = loads(import_text(text).yaml)
    assert [c.number for c in doc.operative] == ["1", "2", "4"]
    assert [f.code for f in check_source(doc) if f.severity == "error"] == ["numbering.gap"]


def test_other_footnote_calls_under_a_notes_heading() -> None:
    text = (
        "Statement on Archives\n\n"
        "Recalling the Charter[1] and the Code of Ethics^2 of the profession;\n\n"
        "Decides:\n\n"
        "1. *Adopts* the guide.\n\n"
        "Notes\n\n"
        "[1] Charter of Archives, https://charter.archivists.test/text.\n"
        "[2] Code of Ethics, 1996.\n"
    )
    result = import_text(text, "notes.txt")
    doc = loads(result.yaml)
    assert [c.anchor for c in doc.citations()] == ["Charter", "Ethics"]
    assert removed(result, "footnote") == ["[1]", "^2", "Notes", "[1]", "[2]"]
    assert (
        plain_text(doc.preamble[0].content)
        == "Recalling the Charter and the Code of Ethics of the profession;"
    )
    assert [s.url for s in doc.sources.values()] == ["https://charter.archivists.test/text", None]


def test_numbers_in_the_text_are_no_footnote_calls() -> None:
    """A numbered list at the end is no block of footnotes when its numbers are not called in the text."""
    text = (
        "Title\n\nRecalling resolution 1 and over 200 members;\n\nDecides:\n\n1. *Urges* a;\n2. *Asks* b.\n"
    )
    result = import_text(text)
    doc = loads(result.yaml)
    assert len(doc.operative) == 2 and doc.sources == {}
    assert "footnote" not in kinds(result)


def test_unplaced_heading_is_kept_and_marked() -> None:
    text = "# Title\n\n*Recalling* x;\n\nDecides:\n\n1. *Urges* a;\n\n## A heading in the clauses\n\n2. *Asks* b.\n"
    result = import_text(text, "x.md")
    doc = loads(result.yaml)
    assert "# clausepress import: unplaced text kept here" in result.yaml
    assert kinds(result)["unplaced-text"] == 1
    assert [plain_text(p) for p in doc.operative[0].paragraphs] == ["A heading in the clauses"]


def test_guessed_verb_particles() -> None:
    text = "T\n\nDecides:\n\n1. Calls on all members to act;\n2. Takes note of the report;\n3. Decides to meet again.\n"
    result = import_text(text)
    doc = loads(result.yaml)
    assert [c.verb for c in doc.operative] == ["Calls on", "Takes note", "Decides"]
    assert [r.kind for r in result.repairs] == ["unsure-verb"] * 3


def test_running_header_with_page_numbers_and_form_feeds() -> None:
    text = (
        "Statement on Seals\n\nRecalling the old seals of the towns and\n\n"
        "Seals Statement 1\n\fSeals Statement 2\n\n"
        "their keepers;\n\nDecides:\n\n1. *Urges* care of seals.\n"
    )
    result = import_text(text)
    doc = loads(result.yaml)
    assert removed(result, "running-header") == ["Seals Statement 1", "Seals Statement 2"]
    assert plain_text(doc.preamble[0].content) == "Recalling the old seals of the towns and their keepers;"


# --- files, and bad input --------------------------------------------------------------------


def test_never_overwrites_unless_forced(tmp_path: Path) -> None:
    inp = INPUTS / "whereas-resolved.txt"
    out = tmp_path / "out.yaml"
    first = import_file(inp, out)
    assert out.read_text(encoding="utf-8") == first.yaml
    out.write_text("kept", encoding="utf-8")
    with pytest.raises(UsageError, match="out.yaml"):
        import_file(inp, out)
    assert out.read_text(encoding="utf-8") == "kept"
    import_file(inp, out, force=True)
    assert out.read_text(encoding="utf-8") == first.yaml
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]  # no temporary file left


def test_no_output_writes_nothing_and_reads_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (INPUTS / "whereas-resolved.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = import_file("-")
    assert result.yaml == import_text(data.decode("utf-8")).yaml
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("", 1, 1, "empty"),
        ("\n  \n\n", 1, 1, "empty"),
        ("A Title\n\n  Some prose that resolves nothing.\n\nMore prose.\n", 3, 3, "no operative clause"),
    ],
)
def test_bad_input(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(SourceError, match=message) as caught:
        import_text(text, "bad.txt")
    assert caught.value.origin is not None
    assert (caught.value.origin.file, caught.value.origin.line, caught.value.origin.column) == (
        "bad.txt",
        line,
        column,
    )
    assert str(caught.value).startswith(f"bad.txt:{line}:{column}: error: ")


def test_input_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Titre\n\nRésolution\n".encode("latin-1"))
    with pytest.raises(SourceError, match="UTF-8") as caught:
        import_file(path)
    assert caught.value.origin is not None
    assert (caught.value.origin.line, caught.value.origin.column) == (3, 2)


def test_bad_format_or_language() -> None:
    with pytest.raises(UsageError):
        import_text("x", fmt="docx")
    with pytest.raises(UsageError):
        import_text("x", language="not a tag")


def test_page_numbers_and_spaced_footnote_calls() -> None:
    text = (
        "Statement on Shared Catalogues\n\n"
        "Recalling the Charter of the Network 1, and the rules adopted since;\n\n"
        "Page 1 of 2\n\n"
        "Noting the survey 2 of 2023 on catalogues;\n\n"
        "3/7\n\n"
        "Decides:\n\n"
        "1. *Takes note* of the report.\n\n"
        "12\n\n"
        "Footnotes\n"
        "1. Charter of the Network, 2001.\n"
        "2. Survey of Catalogues, https://survey.archivists.test/2023.\n"
    )
    result = import_text(text)
    doc = loads(result.yaml)
    assert removed(result, "page-number") == ["Page 1 of 2", "3/7", "12"]
    # A call set apart by a space: the space goes with the number.
    assert removed(result, "footnote") == [" 1", " 2", "Footnotes", "1.", "2."]
    assert [c.anchor for c in doc.citations()] == ["Network", "survey"]
    assert plain_text(doc.preamble[1].content) == "Noting the survey of 2023 on catalogues;"
    assert doc.operative[0].verb == "Takes note"
    assert Counter(input_words(text, result.repairs)) == Counter(source_words(doc))


def test_clause_over_several_paragraphs() -> None:
    """After its sub-clauses, a clause's sentence goes on in a paragraph of its own."""
    text = (
        "Title\n\nDecides:\n\n"
        "1. *Requests* the Secretary:\n\n"
        "(a) to report on the register;\n\n"
        "(b) to consult the members,\n\n"
        "in order that the Assembly may consider the matter at its next session;\n\n"
        "2. *Decides* to meet again.\n"
    )
    result = import_text(text)
    doc = loads(result.yaml)
    clause = doc.operative[0]
    assert plain_text(clause.content) == "the Secretary:"
    assert [plain_text(s.content) for s in clause.subclauses] == [
        "to report on the register;",
        "to consult the members,",
    ]
    assert [plain_text(p) for p in clause.paragraphs] == [
        "in order that the Assembly may consider the matter at its next session;"
    ]
    assert "page-break-join" not in kinds(result)
    assert input_words(text, result.repairs) == source_words(doc)


def test_cli_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`clausepress import`: the source on stdout or in -o, repairs as notes on stderr, no overwrite."""
    from clausepress.cli import main

    seed = Path(__file__).resolve().parent / "data" / "iags-2024-received.txt"
    assert main(["import", str(seed)]) == 0
    captured = capsys.readouterr()
    assert loads(captured.out, "stdout.yaml").title == "IAGS Resolution on Nagorno-Karabakh"
    notes = captured.err.splitlines()
    assert len(notes) == 31 and all(": note: " in n for n in notes)
    assert any(n.endswith("[import.page-break-join]") and ":27:1:" in n for n in notes)

    out = tmp_path / "iags.yaml"
    assert main(["import", str(seed), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["import", str(seed), "-o", str(out)]) == 2  # exists: refused
    assert "exists; use --force" in capsys.readouterr().err
    out.write_text("edited", encoding="utf-8")
    assert main(["import", str(seed), "-o", str(out), "--force"]) == 0
    assert out.read_bytes() == first


@pytest.mark.parametrize("name", sorted(p.name for p in INPUTS.iterdir() if p.is_file()))
def test_import_build_check_clean(name: str, tmp_path: Path) -> None:
    """Each received text imports, builds, and checks with no error in the source, the PDF or the EPUB."""
    from clausepress import build
    from clausepress.check import check_document
    from clausepress.importer import import_file

    source = tmp_path / "imported.yaml"
    import_file(INPUTS / name, source)
    outputs = {o.format: o.path for o in build(source, tmp_path)}
    report = check_document(source, outputs["pdf"], outputs["epub"])
    errors = [str(f) for f in report.findings if f.severity == "error"]
    assert errors == []
    assert not [f for f in report.findings if f.code.startswith(("pdf.", "epub.", "text."))]


# --- the model and the YAML ------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_yaml_loads_as_the_model_the_importer_made(path: Path) -> None:
    result, doc = imported(path)
    assert doc == result.document
    assert doc.citations() == result.document.citations()  # numbered alike, in reading order


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_yaml_as_reviewed(path: Path, golden: Golden) -> None:
    """The YAML each input gives, as a person reviewed it (pytest --update-golden writes it anew)."""
    result = import_text(path.read_text(encoding="utf-8"), path.name)
    golden.check(f"import/{path.name}.yaml", result.yaml)


def test_private_use_characters_of_the_input_are_kept_or_refused() -> None:
    """A Symbol-font bullet copied out of a PDF (U+F0B7) is text like any other; the plane-15
    characters the importer keeps for its own use are refused at their place, never dropped."""
    text = "Resolution on bullets\n\n1. *Decides* \uf0b7 to keep \uf000 and \ue000 as written.\n"
    result = import_text(text, "bullets.txt")
    from clausepress.model import plain_text

    assert plain_text(result.document.operative[0].content).endswith(
        "\uf0b7 to keep \uf000 and \ue000 as written."
    )
    with pytest.raises(SourceError, match=r"U\+F0001") as refused:
        import_text("Title\n\n1. *Decides* to \U000f0001 meet.\n", "sentinel.txt")
    assert str(refused.value).startswith("sentinel.txt:3:17: error:")


def test_resolving_clauses_and_sections_are_operative() -> None:
    """US forms: "Resolved, That ..." and "BE IT FURTHER RESOLVED" are clauses (their words their text, no
    verb); a council's "Section 1." is a numbered clause. Neither is refused for want of a number."""
    text = (
        "Resolution on the grounds\n\nWhereas the grounds are open; and\n\n"
        "Whereas they are ours: Now, therefore, be it\n\n"
        "Resolved, That the Senate opens them;\n\nBE IT FURTHER RESOLVED that the Clerk says so.\n"
    )
    doc = import_text(text, "grounds.txt").document
    assert doc.form == "us-congress" and doc.numbering == "none" and len(doc.preamble) == 2
    assert [(c.verb, plain_text(c.content).split()[0]) for c in doc.operative] == [
        ("", "Resolved,"),
        ("", "BE"),
    ]
    city = (
        "AN ORDINANCE ON DOCKS\n\nWHEREAS the City of Rivergrove has a lake;\n\n"
        "NOW, THEREFORE, THE CITY OF RIVERGROVE ORDAINS AS FOLLOWS:\n\n"
        "Section 1. Docks are allowed.\n\nSection 2. This ordinance takes effect at once.\n"
    )
    doc = import_text(city, "docks.txt").document
    assert doc.form == "us-municipal" and [c.label for c in doc.operative] == ["Section 1.", "Section 2."]
    assert plain_text(doc.operative[1].content) == "This ordinance takes effect at once."


@pytest.mark.parametrize(
    ("heading", "number", "label"),
    [
        ("Статья 2", "2", "Статья 2"),
        ("第２条", "２", "第２条"),
        ("סעיף ב", "ב", "סעיף ב"),
        ("अनुच्छेद २.", "२", "अनुच्छेद २"),
    ],
)
def test_article_headings_in_other_languages(heading: str, number: str, label: str) -> None:
    """Article headings in the document's language are clauses, not running page headers, whatever the digits
    (kept as printed: the label is the text's own word)."""
    text = f"Title\n\n{heading.replace('2', '1').replace('２', '１').replace('ב', 'א').replace('२', '१')}\n\nOne.\n\n{heading}\n\nTwo.\n"
    doc = import_text(text, "articles.txt").document
    assert doc.form == "articles" and len(doc.operative) == 2
    assert (doc.operative[1].number, doc.operative[1].label) == (number, label)
    assert plain_text(doc.operative[1].content) == "Two."


def test_a_line_of_ideographic_spaces_is_blank() -> None:
    """A line holding only U+3000 (as Japanese copies have between paragraphs) is no paragraph:
    the loader would refuse an empty one."""
    text = "宣言\n\n\u3000\n\n人類は、\n\n\u3000\n\n第１条\n\nすべての人間は。\n\n第２条\n\nすべて人は。\n"
    result = import_text(text, "ja.txt")
    assert [plain_text(p.content) for p in result.document.preamble] == ["人類は、"]
    assert [c.label for c in result.document.operative] == ["第１条", "第２条"]


def test_recitals_that_end_alike_before_a_proclamation() -> None:
    """In a language that puts the verb last the recitals open each in its own way but end with a
    comma; the short lines naming the body, then the proclamation, are the enacting line."""
    text = (
        "Beyanname\n\nÖnsöz\n\nHaysiyetin tanınması hususunun temeli olmasına,\n\n"
        "Hakların hor görülmesinin sebep olmuş bulunmasına,\n\nDostça ilişkilerin esaslı bir zaruret olmasına,\n\n"
        "Birleşmiş Milletler Genel Kurulu,\n\nBu beyannameyi ilan eder.\n\nMadde 1\n\nBir.\n\nMadde 2\n\nİki.\n"
    )
    doc = import_text(text, "tr.txt", language="tr").document
    assert len(doc.preamble) == 3 and len(doc.operative) == 2
    assert plain_text(doc.enacting) == "Birleşmiş Milletler Genel Kurulu, Bu beyannameyi ilan eder."


def test_a_foreword_before_the_title_is_a_headnote() -> None:
    """An editor's foreword of several sentences before a short title line is kept in the metadata."""
    foreword = " ".join(["The Assembly adopted and proclaimed this Declaration on 10 December 1948."] * 3)
    text = f"{foreword}\n\nUNIVERSAL DECLARATION\n\nArticle 1\n\nOne.\n\nArticle 2\n\nTwo.\n"
    doc = import_text(text, "udhr.txt").document
    assert doc.title == "UNIVERSAL DECLARATION" and doc.metadata["headnote"] == foreword
    assert len(doc.operative) == 2


def test_portuguese_of_portugal_told_by_its_spelling() -> None:
    """Portuguese is tagged pt-PT only when the text's spelling says so ("protecção", "acto")."""
    from clausepress.importer.patterns import guess_language

    european = "Todos têm direito à protecção da lei contra qualquer acto de discriminação e à acção efectiva dos tribunais."
    brazilian = "Todos têm direito à proteção da lei contra qualquer ato de discriminação e à ação efetiva dos tribunais."
    assert guess_language(european) == "pt-PT"
    assert guess_language(brazilian) == "pt"


def test_yaml_keys_over_indented_text_are_no_part_of_it() -> None:
    """A page's YAML holding the text in blocks (`title-zh-cn: |-`, then indented lines): the keys go."""
    text = "title: |-\n  Chapter One\n\nbody: |-\n  Article 1\n\n  One.\n\n  Article 2\n\n  Two.\n"
    result = import_text(text, "page.md", "md")
    assert result.document.title == "Chapter One" and len(result.document.operative) == 2
    assert [r.removed for r in result.repairs if r.kind == "yaml-key"] == ["title: |-", "body: |-"]
    assert not result.document.preamble


def test_chinese_numbered_items_and_the_date_line_under_the_title() -> None:
    """'一、' numbers an item (a sub-clause inside an article); the date line under the title and an
    HTML comment are furniture kept in the metadata."""
    text = (
        "# 国籍法\n\n1980年9月10日 第五届全国人民代表大会第三次会议通过\n\n<!-- INFO END -->\n\n"
        "第一条 本法适用。\n\n第二条 具有下列条件之一的：\n\n一、近亲属；\n\n二、定居的。\n"
    )
    doc = import_text(text, "law.md", "md").document
    assert not doc.preamble and len(doc.operative) == 2
    assert [(s.label, plain_text(s.content)) for s in doc.operative[1].subclauses] == [
        ("一", "近亲属；"),
        ("二", "定居的。"),
    ]
    assert (
        doc.metadata["date line"].startswith("1980年9月10日")
        and doc.metadata["furniture"] == "<!-- INFO END -->"
    )


def test_recitals_with_the_formula_run_in_are_a_preamble_paragraph() -> None:
    """A paragraph of several sentences ending '特作如下决议：' is the preamble, not an enacting line;
    a provincial people's congress prints in the layout of sub-national bodies."""
    text = (
        "# 河南省第六届人民代表大会关于植树的决议\n\n"
        "河南省第六届人民代表大会第一次会议审议了议案。会议认为：植树是国策。为了绿化，特作如下决议：\n\n"
        "一、每人每年植树三棵。\n\n二、每年三月定为植树月。\n"
    )
    doc = import_text(text, "henan.md", "md").document
    assert doc.form == "us-municipal" and len(doc.preamble) == 1 and len(doc.operative) == 2
    assert not doc.enacting and [c.number for c in doc.operative] == ["一", "二"]


def test_the_number_line_above_the_title_is_a_designation() -> None:
    """'# EXHIBIT A' and '# ORDINANCE NO. XVI' above '## AN ORDINANCE ...': the title is the last."""
    text = (
        "# EXHIBIT A\n\n# ORDINANCE NO. XVI\n\n## AN ORDINANCE ESTABLISHING A PARK COUNCIL\n\n"
        "THE CITY OF RIVERGROVE DOES ORDAIN AS FOLLOWS:\n\n1. A council is established.\n\n2. It advises.\n"
    )
    doc = import_text(text, "ord.md", "md").document
    assert doc.title == "AN ORDINANCE ESTABLISHING A PARK COUNCIL" and not doc.preamble
    assert [doc.metadata["designation"], doc.metadata["designation (2)"]] == [
        "EXHIBIT A",
        "ORDINANCE NO. XVI",
    ]
    alone = import_text(
        "# RESOLUTION NO. 72\n\nWHEREAS a city;\n\nBE IT RESOLVED that it is.\n", "r.md", "md"
    )
    assert alone.document.title == "RESOLUTION NO. 72"


def test_markdown_article_headings_and_headings_without_a_space() -> None:
    """'### Article  1' is an article; '##Title' (no space) a heading; 'a.' a sub-clause of an article."""
    text = "##Statute of the Union\n\n### Article  1  \n\na.  The aim is unity.\nb.  It is pursued.\n\n### Article  2  \n\nThe Members.\n"
    doc = import_text(text, "statute.md", "md").document
    assert doc.title == "Statute of the Union" and [c.number for c in doc.operative] == ["1", "2"]
    assert [s.label for s in doc.operative[0].subclauses] == ["a", "b"]


def test_chapter_headings_and_a_page_title_in_another_language() -> None:
    """'### CAPITULO I' with its title line goes with the next article as its heading; the
    translation database's Dutch page title over the Spanish one is kept in the metadata."""
    text = (
        "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
        "##Statuut van de Latijns-Amerikaanse Commissie voor Burgerluchtvaart\n\n"
        "####Estatuto de la Comision Latinoamericana de Aviacion Civil\n\n### CAPITULO  I \n\n####Constitucion\n\n"
        "### Artículo  1  \n\nLas Autoridades de Aviación Civil de los Estados participantes constituyen la Comisión.\n\n"
        "### Artículo  2  \n\nPodrán integrar la Comisión los Estados de América Latina y del Caribe.\n\n"
        "### CAPITULO  II \n\n####Objetivos y funciones\n\n"
        "### Artículo  3  \n\nLa Comisión tiene por objeto proveer a las autoridades una estructura adecuada.\n"
    )
    doc = import_text(text, "clac.md", "md").document
    assert doc.title == "Estatuto de la Comision Latinoamericana de Aviacion Civil" and not doc.preamble
    assert [c.label for c in doc.operative] == ["Artículo 1", "Artículo 2", "Artículo 3"]
    assert [h.text for h in doc.headings()] == [
        "CAPITULO  I Constitucion",
        "CAPITULO  II Objetivos y funciones",
    ]
    assert doc.metadata["page title"].startswith("Statuut")


def test_notes_marked_with_a_letter_under_the_text() -> None:
    """A note marked "(a)" alone at the end, after a blank line, called once by its mark after a word
    (the title's, as the Universal Declaration prints it), becomes the title's footnote; a mark that
    the text holds twice, or none, leaves the line as text."""
    text = (
        "Statement on Archives (a)\n\n"
        "Recalling the Charter;\n\n"
        "Decides:\n\n"
        "1. *Adopts* the guide.\n\n\n"
        "(a) Adopted at the 7th meeting.\n"
    )
    result = import_text(text, "lettered.txt")
    doc = loads(result.yaml)
    assert doc.title == "Statement on Archives"
    assert [(c.anchor, c.number) for c in doc.citations()] == [("Archives", 1)]
    assert [s.note for s in doc.sources.values()] == ["Adopted at the 7th meeting."]
    assert removed(result, "footnote") == [" (a)", "(a)"]
    twice = import_text(text.replace("the Charter;", "the Charter (a);"), "lettered.txt")
    assert not loads(twice.yaml).citations()
    assert "Adopted at the 7th meeting." in twice.yaml and not loads(twice.yaml).sources
