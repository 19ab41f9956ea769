"""Mistakes are the user's, not bugs: each is one line and exit 2 (never 70, which is kept for bugs).

The importer's own output is one of them: whatever tiny text it is given, it refuses it
(SourceError) or writes a source its loader reads.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausepress import loads
from clausepress.cli import main
from clausepress.errors import ClausepressError
from clausepress.importer import import_text

from .conftest import FIXTURES

SMALL = FIXTURES / "subclauses.yaml"

# What a title line of a tiny text may hold: blanks of every kind Unicode has (which str.strip
# takes for nothing, as the loader does), invisible marks, Markdown that renders to nothing.
BLANKS = " \t\u00a0\u1680\u2000\u2003\u200a\u2007\u202f\u205f\u3000\x85\u2028\u2029\x0b\x0c\x1c\x1f"
INVISIBLE = "\u200b\u2060\ufeff\u00ad\u034f\u180e"
MARKS = "#*_`[]()!<>-=~|\\"


@pytest.mark.parametrize(
    "text",
    [
        "\u2003\n\n1. Go on.\n",  # an em space for a title
        "\u3000\u3000\n1. Do it now, please.\n",  # ideographic spaces
        "\x85\n\n1. Go on at once.\n",  # a NEL, a line end to YAML, a blank to str.strip
        "# \u2003\n\n1. Decides to act.\n",  # a Markdown heading of nothing visible
        "---\ntitle: ' '\n---\n\n1. Decides to act.\n",  # a blank title in the front matter
        "---\nshort_title: '\u2003'\n---\nT\n\n1. Decides to act.\n",  # a blank short title
    ],
    ids=["em-space", "ideographic", "nel", "heading", "front-matter", "short-title"],
)
def test_a_text_with_a_blank_title_imports_as_a_loadable_source(text: str) -> None:
    result = import_text(text, "tiny.txt")
    doc = loads(result.yaml, "tiny.yaml")
    assert doc.title.strip() and doc.short_title.strip()
    assert "title: ''" not in result.yaml


@settings(max_examples=400, deadline=None)
@given(
    title=st.text(alphabet=BLANKS + INVISIBLE + MARKS + "aZ1.", max_size=5),
    gap=st.sampled_from(["\n", "\n\n", "\r\n", "\n\u2003\n"]),
    clause=st.sampled_from(["1. Go.", "1. Decides to act;", "Article 1\nAll are equal.", "- Go on."]),
    front=st.sampled_from(["", "---\ntitle: ' '\n---\n", "---\nshort_title: ' '\n---\n"]),
)
def test_a_tiny_text_imports_as_a_loadable_source_or_is_refused(
    title: str, gap: str, clause: str, front: str
) -> None:
    text = front + title + gap + clause + "\n"
    try:
        result = import_text(text, "tiny.txt")
    except ClausepressError:
        return  # refused in one line: fine
    loads(result.yaml, "tiny.yaml")  # never a source its own loader refuses


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.printable + BLANKS + INVISIBLE, max_size=30))
def test_any_tiny_text_imports_as_a_loadable_source_or_is_refused(text: str) -> None:
    try:
        result = import_text(text, "tiny.txt")
    except ClausepressError:
        return
    loads(result.yaml, "tiny.yaml")


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err and "internal error" not in err, err
    return lines[-1]


@pytest.mark.parametrize(
    "case", ["a file in the way", "a folder in the way", "a file where a folder should be"]
)
def test_import_to_an_output_that_cannot_be_written_exits_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("A title\n\n1. Decides to act.\n", encoding="utf-8")
    (tmp_path / "file").write_bytes(b"x")
    (tmp_path / "folder").mkdir()
    out = {"a file in the way": tmp_path / "file" / "x.yaml", "a folder in the way": tmp_path / "folder",
           "a file where a folder should be": tmp_path / "file" / "deeper" / "x.yaml"}[case]  # fmt: skip
    assert main(["import", str(text), "-o", str(out), "--force"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "cannot write" in line and str(tmp_path) in line


@pytest.mark.parametrize(
    "argv",
    [
        ["build", str(SMALL), "--styles", "{tmp}/none"],  # a --styles folder that is not there
        ["build", str(SMALL), "--styles", "{tmp}/file"],  # a file, not a folder
        ["build", str(SMALL), "--styles", "{tmp}/empty", "--to", "html"],  # a folder without document.css
        ["build", str(SMALL), "--styles", "{tmp}/latin1", "--to", "html"],  # a stylesheet not in UTF-8
        ["build", str(SMALL), "-o", "{tmp}/file", "--to", "html"],  # -o naming a file
        ["watch", str(SMALL), "-o", "{tmp}/file", "--port", "0"],  # watch -o naming a file
        ["watch", str(SMALL), "-o", "{tmp}/out", "--port", "99999"],
        ["watch", str(SMALL), "-o", "{tmp}/out", "--port", "-1"],
        ["watch", "{tmp}/none/doc.yaml", "-o", "{tmp}/out", "--no-serve"],  # no folder to watch
    ],
    ids=[
        "styles-missing",
        "styles-file",
        "styles-empty",
        "styles-latin1",
        "o-file",
        "watch-o-file",
        "port-99999",
        "port-negative",
        "watch-no-folder",
    ],  # fmt: skip
)
def test_a_mistake_exits_2_in_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_bytes(b"x")
    (tmp_path / "empty").mkdir()
    (tmp_path / "latin1").mkdir()
    for name in ("document.css", "print.css", "epub.css"):
        (tmp_path / "latin1" / name).write_bytes("/* caf\xe9 */".encode("latin-1"))
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "error:" in line


@pytest.mark.parametrize(
    "exc",
    [PermissionError(13, "Permission denied", "/srv/out/x.pdf"), OSError(28, "No space left on device"),
     OSError(24, "Too many open files", "/srv/in\x1b[2J.yaml")],
    ids=["permission", "no-space", "control-character-in-the-path"],
)  # fmt: skip
def test_the_system_refusing_anything_else_is_exit_2_not_a_bug(
    exc: OSError, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where no command names the path itself, the system's refusal still is the environment's doing."""

    def refused(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr("clausepress.builder.build_document", refused)
    assert main(["build", str(SMALL), "--to", "html"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("clausepress: error: ") and exc.strerror in line and "\x1b" not in line
