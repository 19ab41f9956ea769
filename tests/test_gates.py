"""Input that gets past the gates: each class of hostile input that used to pass the loader's,
the importer's, the checker's or the stylesheets' checks, by several of its members.

The one-line refusals of single sources are in tests/hostile/ (test_hostile.py runs them);
here are the classes that need more than a file: messages, imports, limits at their edge,
streams, collisions between documents, and stylesheets.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import clausepress.render.html as html_writer
import clausepress.source as source_module
from clausepress import build, load, loads
from clausepress.check import check_document
from clausepress.check.source import check_source
from clausepress.cli import main
from clausepress.errors import ResourceError, SourceError, UsageError, one_line, shown
from clausepress.importer import import_file, import_text
from clausepress.reading import TooLarge, read_at_most
from clausepress.resources import STYLES

from .conftest import FIXTURES
from .test_hostile import _Recorder, server  # noqa: F401  # the fixture, and what it records

CLAUSE = "operative:\n  - verb: Decides\n    text: to act.\n"
TERMINAL = ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u2028", "\n", "\r")  # what a message must not carry


def _refusal(text: str, name: str = "bad.yaml") -> str:
    with pytest.raises(SourceError) as info:
        loads(text, name)
    return str(info.value)


def _printable(line: str) -> bool:
    return not any(ch in line for ch in TERMINAL)


# --- control characters in loaded values; messages escape what they quote -----------------


@pytest.mark.parametrize(
    "escape",
    [
        "\\e[31m",
        "\\a",
        "\\0",
        "\\x01",
        "\\x1b",
        "\\x7f",
        "\\x9b",
        "\\N",
        "\\uFFFF",
        "\\U0000001B",
        "\\b",
        "\\v",
        "\\f",
    ],
)
@pytest.mark.parametrize(
    "place",
    [
        'title: "T{e}"\n' + CLAUSE,
        'title: T\nissuer: "{e}Body"\n' + CLAUSE,
        'title: T\nmetadata: {{symbol: "A/{e}1"}}\n' + CLAUSE,
        'title: T\noperative:\n  - verb: "Decides{e}"\n    text: to act.\n',
        'title: T\noperative:\n  - verb: Decides\n    "text{e}": to act.\n',
        "title: T\n" + CLAUSE + 'sources:\n  r: {{title: R, note: "n{e}"}}\n',
    ],
    ids=["title", "issuer", "metadata", "verb", "key", "source-note"],
)
def test_escaped_control_character_is_refused(escape: str, place: str) -> None:
    """A double-quoted scalar's escapes are held to the rule on the bytes, in every field."""
    message = _refusal(place.format(e=escape))
    assert "(written as an escape) is not allowed in a source" in message
    assert message.startswith("bad.yaml:") and _printable(message)


@pytest.mark.parametrize("escape", ["\\t", "\\n", "\\r", "\\u00e9", "\\u200b", "\\u00a0"])
def test_escaped_text_characters_still_load(escape: str) -> None:
    doc = loads(f'title: "T{escape}x"\n' + CLAUSE)
    assert doc.title.startswith("T")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("title: T\nlanguage: 'e\u202en'\n" + CLAUSE, "'e\\u202en'"),
        ("title: T\nnumbering: 'Art\u2028icle'\n" + CLAUSE, "'Art\\u2028icle'"),
        ("title: T\noperative:\n  - {number: '7\u2066', verb: D, text: x}\n", "'7\\u2066'"),
        ("title: T\noperative:\n  - {verb: D, text: x, '\u202eon': y}\n", "'\\u202eon'"),
        ("title: T\nform: 'un\u2029ga'\n" + CLAUSE, "'un\\u2029ga'"),
        ("title: T\n" + CLAUSE + "sources:\n  r: {status: '\u200flost'}\n", "'\\u200flost'"),
        ("title: T\nadopted: '2021\u202e-01-01'\n" + CLAUSE, "'2021\\u202e-01-01'"),
    ],
    ids=["language", "numbering", "number", "key", "form", "status", "date"],
)
def test_refusal_escapes_what_it_quotes(text: str, quoted: str) -> None:
    """A bad value that holds a reordering or line-breaking character is shown escaped."""
    message = _refusal(text)
    assert quoted in message and _printable(message), message


def test_refusal_shortens_a_long_value() -> None:
    message = _refusal("title: T\nlanguage: '" + "x" * 5000 + "'\n" + CLAUSE)
    assert len(message) < 200 and message.endswith("…'")


@pytest.mark.parametrize("name", ["a\x1b[2Jb.yaml", "line\nbreak.yaml", "re\u202elmay.yaml"])
def test_file_name_is_escaped_in_messages(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text("title: T\nlanguage: 'english!'\n" + CLAUSE, encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and _printable(err.strip()), err
    assert one_line(name) in err


@pytest.mark.parametrize("command", ["build", "check"])
def test_every_line_printed_of_a_strange_name_is_plain(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A good source under a name with an escape sequence: the summary, the outputs' lines and
    the check report show the name escaped."""
    path = tmp_path / "a\x1b]0;pwned\x07b.yaml"
    path.write_text("id: plain\ntitle: T\n" + CLAUSE, encoding="utf-8")
    main(["build", str(path), "-o", str(tmp_path / "out"), "--to", "html"])
    if command == "check":
        capsys.readouterr()
        main(["check", str(path), "-o", str(tmp_path / "out")])
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).strip().splitlines()
    assert printed and all(_printable(line) for line in printed), printed
    assert any("a\\x1b]0;pwned\\x07b.yaml" in line for line in printed), printed


def test_finding_escapes_the_text_it_quotes() -> None:
    """A checker finding that quotes the text (a heading with a reordering control) stays one plain line."""
    doc = loads(
        'title: T\noperative:\n  - heading: "Over\u202e\u2028view"\n  - verb: Decides\n    text: x.\n'
    )
    lines = [str(f) for f in check_source(doc) if f.code == "text.bidi-control"]
    assert lines and all(_printable(line) for line in lines)
    assert "Over\\u202e\\u2028view" in lines[0]


def test_shown_escapes_every_control() -> None:
    assert shown("\x1b[31m\x07\u202e\n") == "'\\x1b[31m\\x07\\u202e\\x0a'"


@pytest.mark.parametrize("control", ["\x1b", "\x07", "\x00", "\x01", "\x7f", "\x85", "\x0b", "\ufffe"])
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_import_refuses_control_characters(control: str, fmt: str) -> None:
    """A received text's raw ESC or BEL is refused at its place, not turned into a YAML escape."""
    text = f"RESOLUTION\n\nThe Council,\n\n1. Decides to act{control} now;\n2. Notes the rest.\n"
    with pytest.raises(SourceError) as info:
        import_text(text, "received.txt", fmt)
    message = str(info.value)
    assert message.startswith("received.txt:5:18: error: control character U+") and _printable(message)


def test_import_keeps_reading_form_feeds() -> None:
    """A form feed is the page break of a text copied from a PDF: read as one, not refused."""
    text = "RESOLUTION\n\nThe Council,\n\n1. Decides to act;\n\x0c2. Notes the rest.\n"
    result = import_text(text, "received.txt", "txt")
    assert "\x0c" not in result.yaml and "\\f" not in result.yaml
    assert [c.id for c in loads(result.yaml).operative] == ["clause-1", "clause-2"]


# --- text amplification through aliases ------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """A limit of 10,000 characters, so that its edge is cheap to reach."""
    monkeypatch.setattr(source_module, "MAX_CHARACTERS", 10_000)
    return 10_000


def _aliased(scalar: int, aliases: int, shape: str) -> str:
    """A valid source whose title, of `scalar` characters, is aliased `aliases` times, in a shape."""
    head = f'title: &s "{"w" * scalar}"\noperative:\n'
    if shape == "clauses":
        return head + "  - {verb: Notes, text: *s}\n" * aliases
    if shape == "list":  # an anchored list of aliases, itself aliased
        again = aliases // 2 - 1  # the list holds two aliases itself
        return (
            head
            + "  - {verb: Notes, text: x, subclauses: &l [*s, *s]}\n"
            + "  - {verb: Notes, text: x, subclauses: *l}\n" * again
        )
    return head + "  - verb: Notes\n    text: x\n    subclauses:\n" + "      - *s\n" * aliases


@pytest.mark.parametrize("shape", ["clauses", "list", "subclauses"])
def test_aliases_are_counted_in_characters(shape: str, small_limit: int) -> None:
    """Under the limit the source loads; two aliases more (in the same shape) and it is refused."""
    # The title and 4 aliases of it: 9,500 characters and the keys', under 10,000; 6 are 13,300.
    doc = loads(_aliased(1_900, 4, shape), "a.yaml")
    assert doc.title == "w" * 1_900
    message = _refusal(_aliased(1_900, 6, shape), "a.yaml")
    assert "the source loads to more than 10,000 characters (through anchors and aliases); refused" in message


def test_nested_anchors_multiply(small_limit: int) -> None:
    """Ten aliases of a list of ten aliases of 100 characters: 10,000 loaded from 200 written."""
    text = 'title: &a "' + "z" * 100 + '"\noperative:\n  - verb: Notes\n    text: x\n    subclauses: &b ['
    text += ", ".join(["*a"] * 10) + "]\n" + "  - {verb: Notes, text: x, subclauses: *b}\n" * 9
    assert "loads to more than 10,000 characters" in _refusal(text)


def test_the_issues_amplification_is_refused_at_the_real_limit() -> None:
    """20,000 characters anchored once and aliased in 1,000 clauses: 33 KB that would load to 20 million."""
    text = 'title: T\noperative:\n  - verb: Notes\n    text: &a "' + "v" * 20_000 + '"\n'
    text += "  - {verb: Notes, text: *a}\n" * 1000
    assert len(text.encode()) < 50_000
    assert "loads to more than 4,000,000 characters" in _refusal(text)


# --- inline Markdown nesting -----------------------------------------------------------------


def _nested(depth: int, form: str) -> str:
    if form == "link":  # links do not nest: emphasis inside one link is a level more
        return "[" + _nested(depth - 1, "em") + "](https://a.example/)"
    opening = {"em": "*a{} ", "strong": "**a{} ", "under": "_a{} ", "mixed": "*a{} **b{} "}[form]
    closing = {"em": " b{}*", "strong": " b{}**", "under": " b{}_", "mixed": " c{}** d{}*"}[form]
    levels = depth if form != "mixed" else depth // 2
    text = "".join(opening.format(i, i) for i in range(levels)) + "x"
    return text + "".join(closing.format(i, i) for i in reversed(range(levels)))


@pytest.mark.parametrize("form", ["em", "strong", "under", "mixed", "link"])
def test_inline_nesting_is_bounded(form: str) -> None:
    depth = source_module.MAX_INLINE_DEPTH
    loads(f"title: T\noperative:\n  - verb: Decides\n    text: '{_nested(depth, form)}'\n")
    message = _refusal(f"title: T\noperative:\n  - verb: Decides\n    text: '{_nested(depth + 2, form)}'\n")
    assert (
        message
        == "bad.yaml:4:11: error: the text nests emphasis and links deeper than 24 levels in operative clause 1"
    )


@pytest.mark.parametrize("field", ["title", "preamble", "closing", "heading", "metadata"])
def test_deep_emphasis_is_refused_in_every_inline_field(field: str) -> None:
    deep = _nested(200, "em")
    text = {
        "title": f"title: T\nannexes:\n  - title: '{deep}'\n" + CLAUSE,
        "preamble": f"title: T\npreamble:\n  - '{deep}'\n" + CLAUSE,
        "closing": f"title: T\nclosing: '{deep}'\n" + CLAUSE,
        "heading": f"title: T\noperative:\n  - heading: '{deep}'\n  - verb: D\n    text: x\n",
        "metadata": f"title: T\nform: un-ga\nmetadata:\n  symbol: {{text: '{deep}'}}\n" + CLAUSE,
    }[field]
    assert "nests emphasis and links deeper than 24 levels" in _refusal(text)


def test_deep_emphasis_build_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "deep.yaml"
    source.write_text(
        f"title: T\noperative:\n  - verb: Decides\n    text: '{_nested(200, 'em')}'\n", encoding="utf-8"
    )
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--to", "html"]) == 2
    assert "deep.yaml:4:11: error: the text nests emphasis" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_deep_emphasis_import_exits_2_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    received = tmp_path / "deep.md"
    received.write_text(f"# Resolution\n\n1. Decides {_nested(200, 'em')}.\n2. Notes y.\n", encoding="utf-8")
    assert main(["import", str(received)]) == 2
    err = capsys.readouterr().err
    assert "deep.md:3:12: error: the text nests emphasis and links deeper than 24 levels" in err, err


# --- values the model does not expect --------------------------------------------------------


def _with_date(date: str) -> str:
    return f"title: T\noperative:\n  - verb: D\n    text: '[r][r]'\nsources:\n  r: {{title: R, issued: {date}}}\n"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (
            "{date-parts: [[x]]}",
            "expected the year of a date as a whole number from -9999 to 9999, found 'x'",
        ),
        ("{date-parts: [[2021.0]]}", "found '2021.0'"),
        ("{date-parts: [[1e3]]}", "found '1e3'"),
        ("{date-parts: [[99999]]}", "found '99999'"),
        (
            "{date-parts: [[2021, 0]]}",
            "expected the month of a date as a whole number from 1 to 12, found '0'",
        ),
        ("{date-parts: [[2021, 12, 32]]}", "expected the day of a date as a whole number from 1 to 31"),
        (
            "{date-parts: [[2021, 1, 1, 1]]}",
            "expected a year, a month and a day in date-parts, found 4 parts",
        ),
        ("{date-parts: [[]]}", "found 0 parts"),
        ("{date-parts: []}", "expected date-parts such as [[2021, 3, 15]], found an empty list"),
        ("{date-parts: [[[2021]]]}", "expected the year of a date as text, found a list"),
        ("{date-parts: [[2021, 2, 29]]}", "date-parts [2021, 2, 29] name no day of the calendar"),
        ("{}", "expected a CSL date (date-parts, literal or raw), found an empty mapping"),
    ],
)
def test_bad_date_parts_are_refused_at_their_place(date: str, message: str) -> None:
    found = _refusal(_with_date(date))
    assert message in found and found.startswith("bad.yaml:6:"), found


@pytest.mark.parametrize(
    ("date", "shown_as"),
    [("{date-parts: [[2021, 3, 15]]}", "2021-03-15"), ("{date-parts: [[2020, 2, 29]]}", "2020-02-29"),
     ("{date-parts: [[2021]]}", "2021"), ("{date-parts: [['1948', '12']]}", "1948-12"),
     ("{literal: Spring 2021}", "Spring 2021")],
)  # fmt: skip
def test_good_dates_still_load(date: str, shown_as: str) -> None:
    assert loads(_with_date(date)).sources["r"].issued == shown_as


@pytest.mark.parametrize(
    "adopted", ["20210315", "2021-W11-1", "2021W111", "2021-074", "2021-03-15T00:00", "2108-01-01", "9999-12-31",
                "2021-3-15", "+2021-03-15", "२०२१-०३-१५"],
)  # fmt: skip
def test_only_plain_dates_of_adoption(adopted: str) -> None:
    message = _refusal(f"title: T\nadopted: '{adopted}'\n" + CLAUSE)
    assert message.startswith("bad.yaml:2:10: error: expected a date") and _printable(message)


@pytest.mark.parametrize("adopted", ["1948-12-10", "2107-12-31", "1980-01-01"])
def test_dates_of_adoption_zip_can_carry(adopted: str, tmp_path: Path) -> None:
    source = tmp_path / "dated.yaml"
    source.write_text(f"title: T\nadopted: {adopted}\n" + CLAUSE, encoding="utf-8")
    assert [o.format for o in build(source, tmp_path, formats=["epub"])] == ["epub"]


@pytest.mark.parametrize(
    "tag",
    ["!!binary", "!!pairs", "!!omap", "!!set", "!!timestamp", "!!merge", "!!value", "!!yaml",
     "!<tag:yaml.org,2002:PYTHON/object/apply:os.system>", "!<tag:yaml.org,2002:Python/name:os.system>",
     "!<tag:yaml.org,2002:str/x>", "!<tag:yaml.org,2002:>", "!local", "!<tag:example.com,2000:app/x>"],
)  # fmt: skip
def test_tags_outside_the_core_schema_are_refused(tag: str) -> None:
    message = _refusal(f"title: {tag} T\n" + CLAUSE)
    assert message.startswith("bad.yaml:1:8: error: YAML tag '") and message.endswith(
        "' is not allowed in a source"
    )


@pytest.mark.parametrize("tag", ["!!str", "!", "!<tag:yaml.org,2002:str>"])
def test_core_tags_still_load(tag: str) -> None:
    assert loads(f"title: {tag} T\n" + CLAUSE).title == "T"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "id: " + "a" * 101 + "\ntitle: T\n" + CLAUSE,
            "expected the document id of at most 100 characters, found 101",
        ),
        (
            "title: T\noperative:\n  - {id: " + "c" * 101 + ", verb: D, text: x}\n",
            "of at most 100 characters, found 101",
        ),
        ("title: T\npreamble:\n  - {id: " + "p" * 250 + ", text: x}\n" + CLAUSE, "found 250"),
        ("title: T\n" + CLAUSE + "sources:\n  " + "s" * 101 + ": {title: R}\n", "expected a source id"),
        (
            "title: T\noperative:\n  - {number: '" + "1" * 13 + "', verb: D, text: x}\n",
            "expected a clause number",
        ),
        (
            "title: T\npreamble:\n  - {label: '" + "A" * 13 + "', text: x}\n" + CLAUSE,
            "expected a recital label",
        ),
        ("title: T\nnumbering: 'Article " + "9" * 5000 + "1'\n" + CLAUSE, "expected a numbering style"),
    ],
    ids=["document-id", "clause-id", "paragraph-id", "source-id", "number", "recital-label", "numbering"],
)
def test_overlong_values_are_refused(text: str, message: str) -> None:
    found = _refusal(text)
    assert message in found and len(found) < 400, found


def test_ids_of_100_characters_build(tmp_path: Path) -> None:
    """The longest id names every output and its temporary file (`.<id>.archival.pdf.*.tmp`)."""
    source = tmp_path / "long.yaml"
    source.write_text(f"id: {'a' * 100}\ntitle: T\n" + CLAUSE, encoding="utf-8")
    written = build(source, tmp_path / "out", formats=["html", "epub"])
    assert sorted(o.path.name for o in written) == [f"{'a' * 100}.epub", f"{'a' * 100}.html"]


def test_file_name_too_long_for_an_id_is_refused(tmp_path: Path) -> None:
    source = tmp_path / f"{'f' * 200}.yaml"
    source.write_text("title: T\n" + CLAUSE, encoding="utf-8")
    with pytest.raises(SourceError, match="the file name gives the id 'fff.*…', which cannot name an output"):
        load(source)


@pytest.mark.parametrize(
    "operative", ["[]", "", "~", "[{heading: Only a heading}]"], ids=["empty", "nothing", "null", "heading"]
)
def test_operative_part_is_required(operative: str) -> None:
    message = _refusal(f"title: T\noperative: {operative}\n")
    assert message.startswith("bad.yaml:2:") and ("found none" in message or "a heading ends" in message)


# --- names that collide ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"), [("charter", "Charter"), ("UN-report", "un-REPORT"), ("a.b", "A.B")]
)
def test_source_ids_differing_in_case_are_refused(first: str, second: str) -> None:
    text = f"title: T\n{CLAUSE}sources:\n  {first}: {{title: One}}\n  {second}: {{title: Two}}\n"
    message = _refusal(text)
    assert message.startswith("bad.yaml:7:3: error: the source id") and "only in case" in message


@pytest.mark.parametrize(
    ("ident", "owner"),
    [("page-1", "the EPUB's page markers"), ("page-250", "the EPUB's page markers"), ("fn-9", "the footnotes"),
     ("fnref-1", "the footnotes' calls"), ("toc", "clausepress itself"), ("notes-title", "clausepress itself"),
     ("page-list", "clausepress itself"), ("landmarks", "clausepress itself")],
)  # fmt: skip
def test_clausepress_s_own_ids_are_reserved(ident: str, owner: str, tmp_path: Path) -> None:
    text = f"title: T\noperative:\n  - {{id: {ident}, verb: Decides, text: x}}\n"
    found = [f for f in check_source(loads(text, "ids.yaml")) if f.code == "id.duplicate"]
    assert [f.message for f in found] == [f"operative clause 1 has the id '{ident}', already used by {owner}"]
    source = tmp_path / "ids.yaml"
    source.write_text(text, encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--to", "epub"]) == 1  # not built
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("ident", ["page", "page-x", "pages-1", "fn", "fn-a", "top-1"])
def test_names_near_the_reserved_ones_stay_free(ident: str) -> None:
    text = f"title: T\noperative:\n  - {{id: {ident}, verb: Decides, text: x}}\n"
    assert [f for f in check_source(loads(text)) if f.code == "id.duplicate"] == []


@pytest.mark.parametrize(("first", "second"), [("same", "same"), ("same", "SAME"), ("Res-1", "res-1")])
def test_two_sources_with_one_id_in_one_build_are_refused(
    first: str, second: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(f"id: {first}\ntitle: A\n" + CLAUSE, encoding="utf-8")
    b.write_text(f"id: {second}\ntitle: B\n" + CLAUSE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(a), str(b), "-o", str(out), "--to", "html"]) == 2
    err = capsys.readouterr().err.strip()
    assert (
        err.endswith("their outputs would overwrite each other; nothing built") and len(err.splitlines()) == 1
    )
    assert "a.yaml and" in err and "b.yaml both have the id" in err
    assert not out.exists()


def test_the_same_source_twice_is_built_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.yaml"
    a.write_text("title: A\n" + CLAUSE, encoding="utf-8")
    assert (
        main(["build", str(a), str(tmp_path / "." / "a.yaml"), "-o", str(tmp_path / "out"), "--to", "html"])
        == 0
    )
    assert capsys.readouterr().out.count("a.html") == 1


@pytest.mark.parametrize("ident", ["x.print", "x.archival", "X.Print", "report.ARCHIVAL"])
def test_ids_that_name_another_document_s_variant_are_refused(ident: str, tmp_path: Path) -> None:
    assert "which names another document's" in _refusal(f"id: {ident}\ntitle: T\n" + CLAUSE)
    named = tmp_path / f"{ident}.yaml"  # the id taken from the file's name
    named.write_text("title: T\n" + CLAUSE, encoding="utf-8")
    with pytest.raises(SourceError, match="which names another document's"):
        load(named)


# --- reads without bound ---------------------------------------------------------------------


class _Counting(io.RawIOBase):
    """An endless stream of one byte that counts what is read of it."""

    def __init__(self) -> None:
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"a" * len(buffer)
        self.read_so_far += len(buffer)
        return len(buffer)


@pytest.mark.parametrize("limit", [0, 1, 1000, (1 << 20) + 5])
def test_read_at_most_reads_no_more_than_the_limit_and_one(limit: int) -> None:
    stream = _Counting()
    with pytest.raises(TooLarge):
        read_at_most(stream, limit)  # type: ignore[arg-type]
    assert stream.read_so_far == limit + 1
    assert read_at_most(io.BytesIO(b"b" * limit), limit) == b"b" * limit


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """A FIFO, and a thread that writes to it until it is closed: (path, [bytes written])."""
    path = tmp_path / "stream.yaml"
    os.mkfifo(path)
    written = [0]

    def feed() -> None:
        try:
            with open(path, "wb") as pipe:
                pipe.write(b"title: T\n" + CLAUSE.encode() + b"# ")
                while written[0] < 100_000_000:
                    pipe.write(b"z" * 65536)
                    written[0] += 65536
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    yield path, written
    thread.join(timeout=30)


def test_a_pipe_fed_past_the_limit_is_refused(
    fifo: tuple[Path, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, written = fifo
    monkeypatch.setattr(source_module, "MAX_SOURCE_BYTES", 1_000_000)
    with pytest.raises(SourceError, match="the source holds more than 1,000,000 bytes"):
        load(path)
    assert written[0] < 100_000_000  # the writer was stopped: nothing like all of it was read


def test_a_pipe_within_the_limit_builds(tmp_path: Path) -> None:
    path = tmp_path / "piped.yaml"
    os.mkfifo(path)
    threading.Thread(
        target=lambda: path.write_bytes(b"title: Piped\n" + CLAUSE.encode()), daemon=True
    ).start()
    written = build(path, tmp_path / "out", formats=["html"])  # read once: a pipe can be read only once
    assert [o.path.name for o in written] == ["piped.html"]


@pytest.mark.parametrize("command", [["build"], ["check"], ["outline"]])
def test_dev_zero_as_a_source_is_refused(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "/dev/zero"]) == 2
    err = capsys.readouterr().err
    assert "/dev/zero:1:1: error: the source holds more than 16,000,000 bytes" in err


def test_import_of_dev_zero_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "/dev/zero"]) == 2
    assert "the input holds more than 16,000,000 bytes" in capsys.readouterr().err


@pytest.mark.slow
def test_import_from_standard_input_past_the_real_limit(tmp_path: Path) -> None:
    """The real limit and one byte, through a pipe into `import -`: refused, and it stops reading."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "clausepress", "import", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stderr is not None
    chunk = b"Decides to act. " * 4096
    sent = 0
    try:
        while sent <= source_module.MAX_SOURCE_BYTES:
            proc.stdin.write(chunk)
            sent += len(chunk)
        proc.stdin.close()
    except BrokenPipeError:  # it stopped reading at the limit: also what is promised
        pass
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 2, err
    assert b"<stdin>:1:1: error: the input holds more than 16,000,000 bytes" in err


def test_import_from_a_small_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"RESOLUTION\n\nThe Council,\n\n1. Decides to act;\n2. Notes it.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert "Decides" in import_file("-").yaml


@pytest.mark.parametrize("option", ["--epub", "--pdf"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "fifo", "folder"])
def test_check_reads_no_device_or_stream(
    option: str, device: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --epub /dev/zero` took 24 GB: a named output that is no plain file is not read."""
    if device == "fifo":
        device = str(tmp_path / "out.fifo")
        os.mkfifo(device)  # opened by no writer: reading it would wait for ever
    elif device == "folder":
        device = str(tmp_path)
    kind = option.removeprefix("--")
    report = check_document(FIXTURES / "subclauses.yaml", **{kind: Path(device)})  # type: ignore[arg-type]
    found = [f for f in report.findings if f.code == f"{kind}.unreadable"]
    assert len(found) == 1 and "is not a plain file" in found[0].message


def test_check_refuses_an_output_past_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import clausepress.check as check_module

    monkeypatch.setattr(check_module, "MAX_OUTPUT_BYTES", 1000)
    big = tmp_path / "big.epub"
    big.write_bytes(b"PK" + b"\0" * 2000)
    report = check_document(FIXTURES / "subclauses.yaml", epub=big)
    assert [f.message for f in report.findings if f.code == "epub.unreadable"] == [
        f"{big} holds 2,002 bytes; the checker reads at most 1,000; not checked"
    ]


# --- styles that fetch -----------------------------------------------------------------------

FETCHING_RULES = [
    '@import url("{server}/imported.css");',
    '@import "{server}/imported.css";',
    "@IMPORT '{server}/imported.css' screen;",
    '@media print {{ @import "{server}/in-media.css"; }}',
    "body {{ background: url({server}/image.png); }}",
    'body {{ background: URL("{server}/image.png"); }}',
    'body {{ background: u\\72l("{server}/escaped.png"); }}',
    'body {{ background-image: image-set("{server}/set.png" 1x); }}',
    'body {{ background-image: -webkit-image-set("{server}/set.png" 1x); }}',
    'body {{ background-image: src("{server}/src.png"); }}',
    '@font-face {{ font-family: X; src: url("{server}/font.woff2"); }}',
    '@supports (display: grid) {{ body {{ background: url("{server}/supported.png"); }} }}',
    'body {{ background: url("file:///etc/passwd"); }}',
    "body {{ background: url(data:image/png;base64,iVBORw0KGgo=); }}",
    "li::before {{ content: attr(data-x url); }}",
    '</style><script>fetch("{server}/x")</script><style>',
]


@pytest.mark.parametrize("sheet", ["document.css", "print.css", "epub.css"])
@pytest.mark.parametrize("rule", FETCHING_RULES, ids=range(len(FETCHING_RULES)))
def test_every_stylesheet_is_checked_for_fetches(rule: str, sheet: str, server: str, tmp_path: Path) -> None:  # noqa: F811
    """Whatever format is asked for, and whichever sheet holds it: refused before anything is written."""
    styles = tmp_path / "styles"
    styles.mkdir()
    for name in ("document.css", "print.css", "epub.css"):
        (styles / name).write_text((STYLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (styles / sheet).write_text(
        (STYLES / sheet).read_text(encoding="utf-8") + "\n" + rule.format(server=server), encoding="utf-8"
    )
    for fmt in ("html", "epub"):
        out = tmp_path / f"out-{fmt}"
        with pytest.raises(ResourceError) as info:
            build(FIXTURES / "subclauses.yaml", out, formats=[fmt], styles=styles, cache=False)
        message = str(info.value)
        assert f"{sheet}:" in message and "refused to fetch" in message and _printable(message)
        assert not out.exists()
    assert _Recorder.requests == []


@pytest.mark.parametrize(
    "css",
    ['a { content: "url(x)"; }', "/* @import url(x); */ a { color: red; }", "@font-face { src: local(Arial); }",
     "a { background: linear-gradient(red, blue); }", "a::after { content: attr(title); }"],
)  # fmt: skip
def test_self_contained_styles_are_not_refused(css: str) -> None:
    assert html_writer.fetch_in_style(css) is None


@pytest.mark.parametrize("sheet", ["document.css", "print.css", "epub.css"])
def test_clausepress_s_own_styles_fetch_nothing(sheet: str) -> None:
    assert html_writer.fetch_in_style((STYLES / sheet).read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("problem", ["missing", "latin1", "device"])
def test_unreadable_stylesheet_is_a_usage_error(problem: str, tmp_path: Path) -> None:
    styles = tmp_path / "styles"
    styles.mkdir()
    for name in ("document.css", "print.css"):
        (styles / name).write_text((STYLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    if problem == "latin1":
        (styles / "epub.css").write_bytes(b"a { content: '\xe9'; }")
    elif problem == "device":
        (styles / "epub.css").symlink_to("/dev/zero")
    with pytest.raises(UsageError, match="epub.css"):
        build(FIXTURES / "subclauses.yaml", tmp_path / "out", formats=["html"], styles=styles, cache=False)


# --- bidirectional controls ------------------------------------------------------------------


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "\u061c"])
@pytest.mark.parametrize(
    "place",
    ["sources:\n  r: {{title: R, URL: 'https://a.example/{c}gpj.exe'}}\n",
     "sources:\n  r: {{title: R, url: 'https://a.example/x{c}'}}\n",
     "closing: 'Adopted, see [the page](https://a.example/{c}exe.jpg).'\n",
     "closing: 'Adopted, see [the page](<https://a.example/a b{c}>).'\n"],
    ids=["URL", "url", "link", "spaced-link"],
)  # fmt: skip
def test_bidi_control_in_an_address_is_refused(control: str, place: str) -> None:
    text = f"title: T\noperative:\n  - verb: Decides\n    text: '[r][r]'\n{place.format(c=control)}"
    message = _refusal(text)
    assert f"holds the bidirectional control U+{ord(control):04X}" in message and _printable(message)


@pytest.mark.parametrize(
    ("field", "text", "where"),
    [
        ("the title", "title: 'T \u202e'\n", (1, 8)),
        ("the short title", "title: T\nshort_title: 'S \u2067'\n", (2, 14)),
        ("the issuer", "title: T\nissuer: 'I \u200f'\n", (2, 9)),
        ("the numbering", "title: T\nnumbering: 'Art\u202e 1'\n", (2, 12)),
        ("the metadata 'symbol'", "title: T\nform: un-ga\nmetadata: {symbol: 'A/\u202e1'}\n", (3, 11)),
        ("the title of source 'r'", "title: T\nsources: {r: {title: 'R \u202e'}}\n", (2, 11)),
        ("the note of source 'r'", "title: T\nsources: {r: {title: R, note: 'N \u2066'}}\n", (2, 11)),
        ("the author of source 'r'", "title: T\nsources: {r: {author: {family: 'F \u202b'}}}\n", (2, 11)),
    ],
)
def test_bidi_control_in_any_text_field_is_a_warning(field: str, text: str, where: tuple[int, int]) -> None:
    doc = loads(text + CLAUSE, "bidi.yaml")
    found = [f for f in check_source(doc) if f.code == "text.bidi-control"]
    assert [(f.message.split(" holds")[0], f.severity, (f.line, f.column)) for f in found] == [
        (field, "warning", where)
    ]


@pytest.mark.parametrize("epoch", ["4354819200", "99999999999999", "9" * 5000])
def test_source_date_epoch_past_zip_time_is_refused(
    epoch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build's time may come from SOURCE_DATE_EPOCH instead of `adopted`: held to the same end."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    source = tmp_path / "dated.yaml"
    source.write_text("title: T\n" + CLAUSE, encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--to", "epub"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("error: SOURCE_DATE_EPOCH='") and err.endswith(
        "is after 2107, where the EPUB's ZIP dates end"
    )
    assert len(err) < 200


@pytest.mark.parametrize("reference", ["&#x9b;", "&#x85;", "&#x7f;", "&#159;", "\x9b"])
@pytest.mark.parametrize("where", ["text", "attribute"])
def test_import_refuses_controls_xml_lets_through(reference: str, where: str) -> None:
    """XML 1.0 allows C1 controls and references to them: refused at their element, not escaped."""
    from .test_import_xml import USLM

    if where == "text":
        xml = USLM.replace("<heading>", f"<heading>{reference}", 1)
    else:
        xml = USLM.replace("<heading>", f'<heading class="a{reference}">', 1)
    assert xml != USLM
    with pytest.raises(SourceError) as info:
        import_text(xml, "bill.xml", "xml")
    message = str(info.value)
    assert message.startswith("bill.xml:") and "control character U+" in message and _printable(message)


@pytest.mark.parametrize(
    "received",
    [
        "# Resolution\n\n1. Decides to read [the file](https://a.example.org/\u202egpj.exe).\n2. Notes y.\n",
        "# Resolution\n\n1. Decides to read https://a.example.org/\u2066exe.jpg now.\n2. Notes y.\n",
        "# Resolution\n\n1. Decides to read <https://a.example.org/\u200fexe.jpg> now.\n2. Notes y.\n",
        "RESOLUTION\n\n1. Decides to read the file.[1]\n2. Notes y.\n\n[1] See https://a.example.org/\u202eexe.jpg.\n",
    ],
    ids=["link", "bare", "bracketed", "footnote"],
)
def test_import_refuses_bidi_controls_in_addresses(received: str) -> None:
    """As the loader does: an import never writes a source its loader refuses (that was exit 70)."""
    with pytest.raises(SourceError) as info:
        import_text(received, "received.md")
    message = str(info.value)
    assert "holds the bidirectional control U+" in message and message.startswith("received.md:")
    assert _printable(message)


@pytest.mark.parametrize("date", ["2108-01-01", "20210315", "2021-W11-1"])
def test_import_writes_no_date_its_loader_refuses(date: str) -> None:
    """A front matter's date the loader would refuse is left out (that was exit 70), the rest imported."""
    received = f"---\ntitle: T\nadopted: '{date}'\n---\n\n1. Decides to act;\n2. Notes it.\n"
    doc = loads(import_text(received, "received.md").yaml)
    assert doc.adopted is None and len(doc.operative) == 2


@pytest.mark.parametrize("field", ["note", "title", "publisher", "author"])
def test_footnotes_count_as_often_as_they_are_called(field: str, small_limit: int) -> None:
    """A long note cited in every clause is shown at each call: counted so, to the same limit."""
    head = f"title: T\nsources:\n  r: {{{field}: '{'q' * 1_000}'}}\noperative:\n"
    loads(head + "  - {verb: Notes, text: '[a][r]'}\n" * 8)  # 8,000 characters of notes, and the text
    message = _refusal(head + "  - {verb: Notes, text: '[a][r]'}\n" * 11)
    # The call past the limit: the 9th (the note itself and the rest loaded once, 1,000 and more).
    assert (
        message.startswith("bad.yaml:13:26:")
        and "with its footnotes (each call of source 'r' shows it again)" in message
    )


def test_json_report_is_plain_and_the_same_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check --format json` of a text with a reordering control and a strange file name: valid JSON
    that reads back to the same values, with no such character raw on the terminal."""
    import json

    path = tmp_path / "name\u202e\u2028.yaml"
    text = "id: plain\ntitle: T\nissuer: 'Été'\noperative:\n  - heading: 'Over \u202eview'\n  - verb: D\n    text: x.\n"
    path.write_text(text, encoding="utf-8")
    main(["check", str(path), "-o", str(tmp_path / "out"), "--format", "json"])
    printed = capsys.readouterr().out
    assert _printable(printed.replace("\n", ""))
    data = json.loads(printed)
    messages = [
        f["message"] for r in data["documents"] for f in r["findings"] if f["code"] == "text.bidi-control"
    ]
    assert messages and "\u202e" in messages[0] and "\u202e" not in printed  # escaped as JSON escapes
    assert any(
        r["source"].endswith("name\u202e\u2028.yaml") for r in data["documents"]
    )  # the name, read back
