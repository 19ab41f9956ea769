"""Building: byte-identical outputs, the command line, and failures that leave earlier outputs intact."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from clausepress import build, load
from clausepress.builder import Output
from clausepress.cli import main
from clausepress.resources import STYLES

from .conftest import FIRST, FIXTURES, ROOT, Built, Validators, epubcheck

# A small document, for what any document shows: it is laid out in a fraction of the first's time.
SMALL = FIXTURES / "subclauses.yaml"


def test_same_source_same_bytes(first: Built, tmp_path: Path) -> None:
    again = {o.format: o.path for o in build(FIRST, tmp_path)}
    assert again["pdf"].read_bytes() == first.pdf.read_bytes()
    assert again["epub"].read_bytes() == first.epub.read_bytes()
    assert again["html"].read_bytes() == first.html.read_bytes()


def test_source_date_epoch_fixes_the_timestamps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    a = {o.format: o.path.read_bytes() for o in build(SMALL, tmp_path / "a", formats=["pdf", "epub"])}
    b = {o.format: o.path.read_bytes() for o in build(SMALL, tmp_path / "b", formats=["pdf", "epub"])}
    assert a == b
    info = PdfReader(tmp_path / "a" / "subclauses.pdf").metadata
    assert info is not None and str(info["/ModDate"]).startswith("D:20231114221320")
    with zipfile.ZipFile(tmp_path / "a" / "subclauses.epub") as z:
        assert b"2023-11-14T22:13:20Z" in z.read("EPUB/content.opf")
        assert {info.date_time for info in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_cli_builds_every_content_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(ROOT)
    assert main(["build", "-o", str(tmp_path), "--to", "pdf,html"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 * len(list((ROOT / "content").glob("*.yaml")))
    assert lines[0].endswith("pages") and "iags-2024-nagorno-karabakh.pdf" in lines[0]
    assert not (tmp_path / "iags-2024-nagorno-karabakh.epub").exists()


def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--to", "docx"]) == 2
    assert "unknown format docx" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert main(["build", "--paper", "a5"]) == 2


def test_failed_build_leaves_earlier_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SMALL, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert len(before) == 3
    broken = tmp_path / SMALL.name  # the same document, broken
    text = SMALL.read_text(encoding="utf-8")
    assert text.count("verb: Urges") == 1
    broken.write_text(text.replace("verb: Urges", "verb: [Urges"), encoding="utf-8")
    assert main(["build", str(broken), "-o", str(out)]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "clausepress", "build", str(bad), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "bad.yaml:1:1: error: missing key 'operative'" in proc.stderr


@pytest.fixture(scope="session")
def readme_example(tmp_path_factory: pytest.TempPathFactory, validators: Validators) -> dict[str, Output]:
    """The README's example document, built; its EPUB queued for EPUBCheck."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    out = tmp_path_factory.mktemp("readme-example")
    source = out / "example.yaml"
    source.write_text(example, encoding="utf-8")
    outputs = {o.format: o for o in build(source, out)}
    validators.want("epubcheck", outputs["epub"].path)
    return outputs


def test_readme_example_builds(readme_example: dict[str, Output]) -> None:
    """The README's example document is a valid source, built into one page."""
    pdf = readme_example["pdf"]
    assert pdf.path.name == "esa-2021-records.pdf" and pdf.pages == 1


@pytest.mark.validators
def test_readme_example_is_epubcheck_clean(readme_example: dict[str, Output], validators: Validators) -> None:
    assert epubcheck(validators, readme_example["epub"].path)["messages"] == []


# --- the cache and --jobs ----------------------------------------------------------------


def test_rebuild_with_nothing_changed_renders_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "doc.yaml"
    source.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    first = build(source, tmp_path / "out")
    assert not any(o.cached for o in first)

    def no_rendering(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr("clausepress.render.pdf.render_pdf", no_rendering)
    again = build(source, tmp_path / "out")
    assert all(o.cached for o in again) and [o.path for o in again] == [o.path for o in first]


@pytest.mark.parametrize("change", ["source", "style", "template", "option", "output", "fonts", "library"])
def test_any_changed_input_invalidates_the_cache(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clausepress import cache

    source = tmp_path / "doc.yaml"
    source.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    styles = tmp_path / "styles"
    styles.mkdir()
    for css in STYLES.iterdir():
        (styles / css.name).write_bytes(css.read_bytes())
    out = tmp_path / "out"
    first = build(source, out, styles=styles)
    paper = "a4"
    if change == "source":
        text = source.read_text(encoding="utf-8")
        assert text.count("in open formats") == 1
        source.write_text(text.replace("in open formats", "in open file formats"), encoding="utf-8")
    elif change == "style":
        (styles / "document.css").write_text(
            (styles / "document.css").read_text() + "\nh1 { color: #000; }\n"
        )
    elif change == "template":
        templates = tmp_path / "templates"
        templates.mkdir()
        for t in cache.TEMPLATES.iterdir():
            (templates / t.name).write_bytes(t.read_bytes() + (b"\n" if t.name == "nav.xhtml.j2" else b""))
        monkeypatch.setattr(cache, "TEMPLATES", templates)
    elif change == "option":
        paper = "letter"
    elif change == "output":
        first[0].path.write_bytes(b"damaged")
    elif change == "fonts":
        monkeypatch.setattr(cache, "fonts_fingerprint", lambda: "another set of fonts")
    elif change == "library":
        known = cache.libraries()
        monkeypatch.setattr(cache, "libraries", lambda: (*known, "weasyprint==99.0"))
    again = build(source, out, styles=styles, paper=paper)
    assert not any(o.cached for o in again)


def test_the_cache_knows_every_library_that_shapes_the_bytes() -> None:
    import importlib.metadata

    from clausepress import cache

    known = cache.libraries()
    for name in (
        "weasyprint",
        "pydyf",
        "fonttools",
        "ebooklib",
        "pyphen",
        "jinja2",
        "lxml",
        "tinycss2",
        "pyyaml",
    ):
        version = importlib.metadata.version(name)
        assert any(e.lower().replace("_", "-").startswith(f"{name}-{version}.") for e in known), (
            name,
            version,
        )
    files = [entry for entry in known if entry.startswith("/")]
    assert any("libpango" in f for f in files) and any("libharfbuzz" in f for f in files), files


def test_the_cache_reads_every_font_folder_fontconfig_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clausepress import cache

    conf = tmp_path / "fonts.conf"
    (tmp_path / "conf.d").mkdir()
    conf.write_text(
        '<?xml version="1.0"?><fontconfig><dir>/opt/fonts</dir><dir prefix="xdg">fonts</dir>'
        '<dir>~/.fonts</dir><include ignore_missing="yes">conf.d</include></fontconfig>'
    )
    (tmp_path / "conf.d" / "50-user.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "extra"}</dir></fontconfig>'
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    files, folders = cache.font_folders()
    assert files == [conf, tmp_path / "conf.d" / "50-user.conf"]
    assert folders == [
        Path("/opt/fonts"),
        tmp_path / "data" / "fonts",
        Path.home() / ".fonts",
        tmp_path / "extra",
    ]
    # A font added to a user's folder changes the fingerprint.
    before = cache.fonts_fingerprint()
    (tmp_path / "data" / "fonts").mkdir(parents=True)
    (tmp_path / "data" / "fonts" / "New.ttf").write_bytes(b"font")
    try:
        assert cache.fonts_fingerprint() != before
    finally:
        monkeypatch.undo()


def test_jobs_give_the_same_bytes(tmp_path: Path) -> None:
    from clausepress.cli import main as cli

    sources = [str(p) for p in sorted((ROOT / "tests" / "shapes").glob("*.yaml"))]
    assert cli(["build", *sources, "-o", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert cli(["build", *sources, "-o", str(tmp_path / "two"), "--jobs", "2"]) == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir() if p.is_file()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir() if p.is_file()}
    assert one == two and len(one) == 3 * len(sources)


def test_workers_render_the_same_bytes_as_this_process(tmp_path: Path) -> None:
    """A one-document build lays out its PDFs in worker processes: the bytes do not change."""
    import multiprocessing

    from clausepress.builder import BuildOptions, build_document
    from clausepress.render.workers import Workers

    doc = load(SMALL)
    variants = ("screen", "print", "archival")
    here = build_document(
        doc, tmp_path / "here", BuildOptions(variants=variants, cache=False), source=SMALL.read_bytes()
    )
    # Other tests' pools may still be winding down (a batch's workers exit in their own time):
    # what must be gone after close() is every process this pool started.
    before = set(multiprocessing.active_children())
    workers = Workers(2)
    try:
        there = build_document(
            doc, tmp_path / "there", BuildOptions(variants=variants, cache=False), source=SMALL.read_bytes(),
            renderer=workers,
        )  # fmt: skip
    finally:
        workers.close()
    assert [o.path.name for o in here] == [o.path.name for o in there]
    for a, b in zip(here, there, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
    assert not set(multiprocessing.active_children()) - before  # close() leaves no worker behind


def test_a_worker_error_keeps_its_kind(tmp_path: Path) -> None:
    """An error raised in a worker reaches the caller as the same error, with its message."""
    from clausepress.builder import BuildOptions, build_document
    from clausepress.errors import ResourceError
    from clausepress.render.workers import Workers

    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    css = styles / "document.css"
    css.write_text(
        '@import url("https://example.org/x.css");\n' + css.read_text(encoding="utf-8"), encoding="utf-8"
    )
    workers = Workers(1)
    try:
        with pytest.raises(ResourceError, match="example.org"):
            build_document(
                load(FIRST), tmp_path / "out", BuildOptions(styles=styles, cache=False), renderer=workers
            )
    finally:
        workers.close()
    assert not (tmp_path / "out").exists()  # nothing written


# --- one rule refuses a meaningless document, whoever asks for the build ---------------

MEANINGLESS = """title: Twins
operative:
  - id: twin
    verb: Decides
    text: to meet;
  - id: twin
    verb: Decides
    text: to part.
"""


@pytest.fixture
def meaningless(tmp_path: Path) -> Path:
    source = tmp_path / "twins.yaml"
    source.write_text(MEANINGLESS, encoding="utf-8")
    return source


def _written(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def test_the_library_refuses_a_meaningless_document(meaningless: Path, tmp_path: Path) -> None:
    from clausepress.errors import NotBuilt

    with pytest.raises(NotBuilt) as refused:
        build(meaningless, tmp_path / "out")
    assert [f.code for f in refused.value.findings] == ["id.duplicate"]
    assert refused.value.exit_code == 1 and "not built" in str(refused.value)
    assert _written(tmp_path / "out") == []


def test_the_command_refuses_a_meaningless_document(
    meaningless: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(meaningless), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("[id.duplicate]") and err[-1].endswith(
        "not built: the errors above make the output meaningless"
    )
    assert _written(tmp_path / "out") == []


def test_watch_refuses_a_meaningless_document(meaningless: Path, tmp_path: Path) -> None:
    from clausepress.watch import Watcher

    said: list[str] = []
    Watcher([meaningless], tmp_path / "out", say=said.append).build([meaningless])
    assert any(line.endswith("[id.duplicate]") for line in said[0].splitlines()), said
    assert "not built" in said[0]
    assert _written(tmp_path / "out") == []


# --- list options accumulate -----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            ["--variant", "screen", "--variant", "print", "--variant", "archival"],
            ("screen", "print", "archival"),
        ),
        (["--variant", "archival,print", "--variant", "screen"], ("screen", "print", "archival")),
        (["--to", "pdf", "--to", "html"], ("pdf", "html")),
        (["--to", "epub,html", "--to", "pdf"], ("pdf", "epub", "html")),
        ([], ("pdf", "epub", "html")),
    ],
)
def test_repeated_list_options_add_up(
    given: list[str], expected: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from clausepress import cli

    seen: list[object] = []

    def record(job: object, renderer: object = None) -> tuple[int, list[str], list[str]]:
        seen.append(job)
        return 0, [], []

    monkeypatch.setattr(cli, "_build_one", record)
    monkeypatch.setattr(cli, "cores", lambda: 1)
    assert main(["build", str(FIRST), "-o", str(tmp_path), *given]) == 0
    (job,) = seen
    options = job.options  # type: ignore[attr-defined]
    asked = options.variants if "--variant" in given else options.formats
    assert asked == expected


def test_a_cache_hit_leaves_the_outputs_untouched(tmp_path: Path) -> None:
    source = tmp_path / "doc.yaml"
    source.write_text(MEANINGLESS.replace("id: twin", "id: one", 1), encoding="utf-8")
    first = build(source, tmp_path / "out", formats=["html"])
    os.utime(first[0].path, (1_000_000, 1_000_000))
    again = build(source, tmp_path / "out", formats=["html"])
    assert again[0].cached and first[0].path.stat().st_mtime == 1_000_000
