"""`clausepress check` on the first document: its findings, report formats, exit codes and bad input."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from clausepress.cli import main

from ..conftest import FIRST, FIXTURES, ROOT, Built, Validators

SOURCE = str(FIRST.relative_to(ROOT))  # as a user types it in the repository
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+) \[(?P<code>[\w.-]+)\]$"
)
EXPECTED = Counter(
    {"link.missing-target": 24, "convention.operative-punctuation": 3, "convention.verb-form": 1}
)


@pytest.fixture(autouse=True)
def in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def findings_of(out: str) -> list[dict[str, str]]:
    return [m.groupdict() for line in out.splitlines() if (m := LINE.match(line))]


def test_text_report(first: Built, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, SOURCE, "--pdf", first.pdf, "--epub", first.epub)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"== {SOURCE} (with {first.pdf}, {first.epub})"
    assert lines[-1] == f"{SOURCE}: 0 errors, 28 warnings"
    found = findings_of(out)
    assert len(found) == len(lines) - 2  # every other line is a finding
    assert Counter(f["code"] for f in found) == EXPECTED
    assert {f["severity"] for f in found} == {"warning"}
    assert {f["file"] for f in found} == {SOURCE}
    assert [(int(f["line"]), int(f["column"])) for f in found] == sorted(
        (int(f["line"]), int(f["column"])) for f in found
    )


def test_text_report_lines(first: Built, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, SOURCE, "--pdf", first.pdf, "--epub", first.epub)
    lines = out.splitlines()
    (verb,) = [line for line in lines if line.endswith("[convention.verb-form]")]
    assert verb.startswith(f"{SOURCE}:180:11: warning: operative clause 9 opens with 'Call upon'")
    punctuation = [f for f in findings_of(out) if f["code"] == "convention.operative-punctuation"]
    assert [re.match(r"operative clause (\d+) ", f["message"])[1] for f in punctuation] == ["12", "13", "14"]  # type: ignore[index]
    assert f"{SOURCE}:32:21: warning: link target missing for 'killing and other violence" in out


def test_strict_counts_warnings(first: Built, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, SOURCE, "--pdf", first.pdf, "--epub", first.epub, "--strict")
    assert status == 1
    assert out.splitlines()[-1] == f"{SOURCE}: 0 errors, 28 warnings"


def test_json_report(first: Built, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, SOURCE, "--pdf", first.pdf, "--epub", first.epub, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["version"] == 1
    (document,) = data["documents"]
    assert document["summary"] == {"errors": 0, "warnings": 28}
    assert document["source"] == SOURCE and document["id"] == "iags-2024-nagorno-karabakh"
    assert document["checked"] == {"pdf": str(first.pdf), "epub": str(first.epub)}
    assert Counter(f["code"] for f in document["findings"]) == EXPECTED
    verb = next(f for f in document["findings"] if f["code"] == "convention.verb-form")
    assert verb == {
        "code": "convention.verb-form",
        "severity": "warning",
        "message": verb["message"],
        "file": SOURCE,
        "line": 180,
        "column": 11,
    }
    assert data["summary"] == {"documents": 1, "errors": 0, "warnings": 28}


@pytest.fixture
def copies(first: Built, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the first document's source and, in its own folder, of its PDF and EPUB."""
    source = tmp_path / "src" / FIRST.name
    out = tmp_path / "out"
    source.parent.mkdir()
    out.mkdir()
    shutil.copy(FIRST, source)
    shutil.copy(first.pdf, out / first.pdf.name)
    shutil.copy(first.epub, out / first.epub.name)
    shutil.copytree(
        first.pdf.parent / ".clausepress-cache", out / ".clausepress-cache"
    )  # what the build recorded
    return source, out


def test_stale_output(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Staleness is what the build recorded: the PDF was built from another version of the source."""
    source, out = copies
    pdf, epub = out / "iags-2024-nagorno-karabakh.pdf", out / "iags-2024-nagorno-karabakh.epub"
    record = out / ".clausepress-cache" / "iags-2024-nagorno-karabakh.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["built"][pdf.name]["source_sha256"] = hashlib.sha256(b"an earlier version of the source").hexdigest()
    record.write_text(json.dumps(data), encoding="utf-8")
    now = source.stat().st_mtime
    os.utime(pdf, (now + 60, now + 60))  # file times say nothing either way
    os.utime(epub, (now - 3600, now - 3600))
    status, text, _ = run(capsys, source, "-o", out)
    assert status == 1
    stale = [line for line in text.splitlines() if line.endswith("[output.stale]")]
    assert stale == [
        f"{pdf}: error: {pdf} was not built from the source as it is now; not checked (run clausepress build) [output.stale]"
    ]
    assert text.splitlines()[-1] == f"{source}: 1 error, 28 warnings"

    status, text, _ = run(capsys, source, "-o", out, "--format", "json")
    assert status == 1
    (document,) = json.loads(text)["documents"]
    assert document["checked"] == {"epub": str(epub)}  # the stale PDF is not checked
    assert [f["code"] for f in document["findings"] if f["severity"] == "error"] == ["output.stale"]


def test_missing_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, text, _ = run(capsys, SOURCE, "-o", tmp_path, "--format", "json")
    assert status == 0
    (document,) = json.loads(text)["documents"]
    missing = [f for f in document["findings"] if f["code"] == "output.missing"]
    assert [(f["severity"], f["file"]) for f in missing] == [
        ("warning", str(tmp_path / "iags-2024-nagorno-karabakh.pdf")),
        ("warning", str(tmp_path / "iags-2024-nagorno-karabakh.epub")),
    ]
    assert document["checked"] == {}
    assert document["summary"] == {"errors": 0, "warnings": 30}


def test_given_output_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    absent = tmp_path / "absent.pdf"
    status, text, _ = run(capsys, SOURCE, "--pdf", absent, "-o", tmp_path)
    assert status == 1
    assert f"{absent}: error: {absent} does not exist [output.missing]" in text.splitlines()


def test_pdf_with_two_sources_is_a_usage_error(first: Built, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, SOURCE, FIXTURES / "subclauses.yaml", "--pdf", first.pdf)
    assert status == 2
    assert out == ""
    assert "--pdf and --epub need exactly one SOURCE" in err


def test_broken_yaml_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Broken\noperative: [unclosed\n", encoding="utf-8")
    status, _, err = run(capsys, bad)
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"{re.escape(str(bad))}:\d+:\d+: error: invalid YAML: .+", lines[0])


@pytest.mark.validators
def test_epubcheck_adds_nothing(
    first: Built, validators: Validators, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--epubcheck` folds EPUBCheck's report into the findings (the report of the session's one run)."""
    validators.replay(monkeypatch)
    status, out, _ = run(
        capsys, SOURCE, "--pdf", first.pdf, "--epub", first.epub, "--epubcheck", "--format", "json"
    )
    assert status == 0
    (document,) = json.loads(out)["documents"]
    assert Counter(f["code"] for f in document["findings"]) == EXPECTED
