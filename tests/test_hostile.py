"""Hostile and broken input: refused with one clear line, rendered safely, nothing lost.

tests/hostile/ holds crafted and broken sources, each with the error it must produce on
its first line (`# expect: LINE:COL: error: ...`). A local HTTP server on 127.0.0.1 must
receive no request from any build.
"""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from clausepress import build, load, loads
from clausepress.check.source import check_source
from clausepress.cli import main
from clausepress.resources import STYLES

from .conftest import FIRST, FIXTURES, ROOT, Validators, epubcheck

HOSTILE = Path(__file__).resolve().parent / "hostile"


def _expectation(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.yaml")), ids=lambda p: p.stem)
def test_hostile_source_is_refused_in_one_line(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    started = time.monotonic()
    status = main(["build", str(path), "-o", str(out)])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err.strip()
    assert status == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    expected = _expectation(path)
    assert err.endswith(expected) if ":" in expected.split("error:")[0] else expected in err, err
    assert f"{path.name}:" in err  # the file is named
    assert not out.exists() or not any(out.iterdir())  # nothing written
    assert elapsed < 10  # refused quickly (a generous bound: no expansion happens at all)


def test_too_many_clauses_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "many.yaml"
    source.write_text("title: Many\noperative:\n" + "  - {verb: Notes, text: x.}\n" * 5001, encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path)]) == 2
    assert "too many items in the operative clauses: 5,001 (the limit is 5,000)" in capsys.readouterr().err


def test_byte_order_mark_and_line_endings(tmp_path: Path) -> None:
    text = "title: Endings\r\noperative:\r\n  - verb: Decides\n    text: to accept\r\n      both endings.\r\n"
    source = tmp_path / "endings.yaml"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = load(source)
    assert doc.title == "Endings" and doc.operative[0].content[0].text == "to accept both endings."  # type: ignore[union-attr]


HOSTILE_TEXT = """\
title: Hostile text <script>alert('title')</script>
issuer: Example "Body" & Co
language: en
preamble:
  - Recalling <img src=x onerror="alert(1)"> and <a href="javascript:alert(2)">a link</a>;
  - Noting [a script link](javascript:alert(3)) and [a data link](data:text/html;base64,PHNjcmlwdD4=);
operative:
  - verb: Decides
    text: "to show <body onload=alert(4)> as text, and [a file](file:///etc/passwd)."
"""


@pytest.fixture(scope="session")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> dict[str, Path]:
    """HOSTILE_TEXT built (screen and archival PDFs); its EPUB queued for EPUBCheck."""
    out = tmp_path_factory.mktemp("hostile")
    source = out / "hostile.yaml"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    outputs = {o.variant or o.format: o.path for o in build(source, out, variants=["screen", "archival"])}
    validators.want("epubcheck", outputs["epub"])
    return {**outputs, "source": source}


def test_nothing_hostile_reaches_the_outputs(hostile_outputs: dict[str, Path]) -> None:
    """Raw HTML stays text; javascript:, data: and file: addresses never become links or actions."""
    outputs = hostile_outputs
    source = outputs["source"]
    html = etree.parse(str(outputs["html"]), etree.HTMLParser()).getroot()
    with zipfile.ZipFile(outputs["epub"]) as z:
        xhtml = etree.fromstring(z.read("EPUB/document.xhtml"))
    for root in (html, xhtml):
        assert not root.xpath("//*[local-name()='script' or local-name()='img' or local-name()='iframe']")
        attributes = root.xpath("//@*")
        assert not [a for a in attributes if a.attrname.lower().startswith("on")]
        addresses = root.xpath("//@href | //@src")
        assert all(not a.lower().startswith(("javascript:", "data:", "file:")) for a in addresses), addresses
    text = outputs["html"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in text  # shown, as the author wrote it
    for pdf in (outputs["screen"], outputs["archival"]):
        raw = PdfReader(pdf)
        for page in raw.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                assert action.get("/S") != "/JavaScript"
                assert not str(action.get("/URI", "")).lower().startswith(("javascript:", "data:", "file:"))
        assert "/JavaScript" not in raw.trailer["/Root"].get("/Names", {})
        assert "/OpenAction" not in raw.trailer["/Root"]
    codes = sorted(f.code for f in check_source(load(source)))
    assert codes == ["link.malformed"] * 3  # javascript:, data: and file: are reported, not followed


@pytest.mark.validators
def test_hostile_text_gives_an_epubcheck_clean_epub(
    hostile_outputs: dict[str, Path], validators: Validators
) -> None:
    assert epubcheck(validators, hostile_outputs["epub"])["messages"] == []


def test_bidirectional_controls_are_a_warning() -> None:
    doc = loads('title: T\noperative:\n  - verb: Decides\n    text: "to pay \u202e01$\u202c."\n', "bidi.yaml")
    found = [f for f in check_source(doc) if f.code == "text.bidi-control"]
    assert len(found) == 1 and found[0].severity == "warning" and "U+202C, U+202E" in found[0].message
    assert (found[0].line, found[0].column) == (3, 5)


def test_invisible_and_long_words_render_and_check_clean(tmp_path: Path) -> None:
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4
    text = (
        "title: Zero\u200bwidth and long words\noperative:\n  - verb: Notes\n"
        f"    text: the word {long_word} and [the address](https://archive.test/{'a' * 180}).\n"
    )
    source = tmp_path / "long.yaml"
    source.write_text(text, encoding="utf-8")
    outputs = {o.format: o.path for o in build(source, tmp_path)}
    from clausepress.check import check_document

    report = check_document(source, outputs["pdf"], outputs["epub"])
    assert [str(f) for f in report.findings] == []


# --- nothing fetched ----------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red; }")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    "rule",
    [
        '@import url("{server}/imported.css");',
        'body {{ background: url("{server}/image.png"); }}',
        'body {{ background: url("file:///etc/passwd"); }}',
        'body {{ background: url("../../secret.png"); }}',
        '@font-face {{ font-family: X; src: url("{server}/font.woff2"); }} body {{ font-family: X; }}',
    ],
)
def test_styles_that_reach_out_are_refused(
    rule: str, server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    styles = tmp_path / "styles"
    styles.mkdir()
    for name in ("document.css", "epub.css", "print.css"):
        (styles / name).write_text((STYLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (styles / "document.css").write_text(
        rule.format(server=server) + "\n" + (STYLES / "document.css").read_text(encoding="utf-8")
    )
    out = tmp_path / "out"
    status = main(
        ["build", str(FIXTURES / "subclauses.yaml"), "-o", str(out), "--to", "pdf", "--styles", str(styles)]
    )
    err = capsys.readouterr().err
    assert status == 3, err
    assert "refused to fetch" in err and "Traceback" not in err
    assert _Recorder.requests == []
    assert not out.exists() or not any(out.glob("*.pdf"))


# --- nothing lost -------------------------------------------------------------------------


# The build, in a child process whose one atomic writer (clausepress.files.write_atomically)
# stops where a kill does the most harm: at the output named in argv[1], the new bytes all
# in its temporary file, the rename next. The child says on its standard output which
# outputs it has renamed, then where it stopped, and waits on its standard input, which the
# parent never writes to.
_STOP_BEFORE_RENAME = """
import os, sys, types
from pathlib import Path
import clausepress.files as files
from clausepress.cli import main

stop_at = sys.argv.pop(1)

class _Os(types.ModuleType):
    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def replace(tmp, path):
        if Path(path).name == stop_at:
            print("stopped", tmp, path, sep="\\t", flush=True)
            sys.stdin.read()  # until the parent kills this process
        os.replace(tmp, path)
        if Path(path).suffix in (".pdf", ".epub", ".html"):
            print("renamed", Path(path).name, sep="\\t", flush=True)

files.os = _Os("os")
sys.exit(main(sys.argv[1:]))
"""


def _processes_naming(text: str) -> list[int]:
    """The processes whose command line holds `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    "stop_at", ["subclauses.pdf", "subclauses.html"], ids=["first-output", "last-output"]
)
def test_killed_build_leaves_earlier_outputs(stop_at: str, tmp_path: Path) -> None:
    """A build killed while it writes an output, the new bytes written but not yet renamed.

    Killed at its first output or its last, the set's manifest is left; the next build (or
    check) finishes the set: every output new, whole, and no temporary left."""
    out = tmp_path / "out"
    earlier = FIXTURES / "subclauses.yaml"
    variants = ["screen", "print", "archival"]
    build(earlier, out, variants=variants)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    names = {"subclauses.pdf", "subclauses.print.pdf", "subclauses.archival.pdf", "subclauses.epub"}
    assert names | {"subclauses.html"} == set(before)
    source = tmp_path / "subclauses.yaml"  # the same document, edited: it must be laid out again
    text = earlier.read_text(encoding="utf-8")
    assert text.count("in open formats") == 1
    source.write_text(text.replace("in open formats", "in open file formats"), encoding="utf-8")
    new = {o.path.name: o.path.read_bytes() for o in build(source, tmp_path / "new", variants=variants)}
    assert set(new) == set(before) and all(new[n] != before[n] for n in new)
    command = ["build", str(source), "-o", str(out), "--variant", ",".join(variants)]
    proc = subprocess.Popen(
        [sys.executable, "-c", _STOP_BEFORE_RENAME, stop_at, *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, proc.kill)  # a child that never reaches the write fails, not hangs
    watchdog.start()
    renamed, stopped = [], None
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            what, *rest = line.rstrip("\n").split("\t")
            if what == "stopped":
                stopped = rest
                break
            renamed.append(rest[0])
    finally:
        watchdog.cancel()
    assert stopped, (
        f"the build ended without writing {stop_at} (exit {proc.wait()}): {proc.stderr.read()[-2000:]}"
    )  # type: ignore[union-attr]
    tmp, target = Path(stopped[0]), Path(stopped[1])
    assert target == out / stop_at and stop_at not in renamed
    assert tmp.parent == out and tmp.read_bytes() == new[stop_at]  # the new bytes, whole, not yet in place
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    # Its worker processes end with it: none is left waiting for work that will never come.
    deadline = time.monotonic() + 20
    while (left_behind := _processes_naming(str(source))) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left_behind == [], f"processes of the killed build left running: {left_behind}"
    if stop_at == "subclauses.pdf":
        assert renamed == []  # the first output: nothing was replaced yet
    else:
        assert sorted(renamed) == sorted(names)  # the last output: all others were
    assert (out / ".subclauses.clausepress-set").exists()  # the set is known to be unfinished
    assert main(["build", str(source), "-o", str(out), "--variant", ",".join(variants)]) == 0
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == new  # the whole new set; no temporary, old copy or manifest left


@pytest.mark.slow
def test_two_builds_at_once_both_finish(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "clausepress", "build", str(FIRST), "-o", str(out)]
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    assert len(PdfReader(out / "iags-2024-nagorno-karabakh.pdf").pages) >= 3
    with zipfile.ZipFile(out / "iags-2024-nagorno-karabakh.epub") as z:
        assert z.testzip() is None
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


def test_internal_error_is_a_short_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("clausepress.builder.build_document", broken)
    os.chdir(ROOT)
    assert main(["build", str(FIRST)]) == 70
    err = capsys.readouterr().err
    report = err.strip().splitlines()[-1]
    assert report.startswith("clausepress: internal error") and "RuntimeError: a bug" in report
    assert "Traceback" not in err
