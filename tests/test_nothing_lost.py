"""Nothing lost: a source's outputs change all at once or not at all, and a disk that fails is the
user's environment (exit 2, one line naming the path), never a bug.

The kill between renames is deterministic: CLAUSEPRESS_TEST_KILL_AFTER_RENAME=N makes the build
SIGKILL itself right after its N-th rename (files.py). The full and read-only disks are small
tmpfs mounts, which need root: as another user those tests skip, saying so.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausepress import build
from clausepress.check import check_document
from clausepress.cli import main
from clausepress.errors import OutputError
from clausepress.files import recover_set, set_manifest, write_set

from .conftest import FIXTURES

SMALL = FIXTURES / "subclauses.yaml"
NAMES = ("subclauses.pdf", "subclauses.epub", "subclauses.html")
RECORD = ".clausepress-cache/subclauses.json"


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones too, by its path relative to it (the cache's record
    without its key, which holds the source's path)."""
    found = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if RECORD in found:
        record = json.loads(found[RECORD])
        found[RECORD] = json.dumps({k: v for k, v in record.items() if k != "key"}).encode()
    return found


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The small document and an edit of it, each built clean: (the edited source, old set, new set)."""
    root = tmp_path_factory.mktemp("versions")
    source = root / "subclauses.yaml"
    text = SMALL.read_text(encoding="utf-8")
    assert text.count("Urges") == 1
    source.write_text(text, encoding="utf-8")
    build(source, root / "old")
    source.write_text(text.replace("Urges", "Strongly urges"), encoding="utf-8")
    build(source, root / "new")
    old, new = _outputs(root / "old"), _outputs(root / "new")
    assert set(old) == set(new) == {*NAMES, RECORD}
    assert all(old[n] != new[n] for n in NAMES)
    source.write_text(text, encoding="utf-8")
    return source, old, new


def _edited_copy(tmp_path: Path, versions: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> Path:
    """The old outputs in tmp_path/out, and the edited source beside them."""
    source, old, new = versions
    out = tmp_path / "out"
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    edited = tmp_path / "subclauses.yaml"
    edited.write_text(source.read_text(encoding="utf-8").replace("Urges", "Strongly urges"), encoding="utf-8")
    return edited


def _killed_build(source: Path, out: Path, after: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAUSEPRESS_TEST_KILL_AFTER_RENAME": str(after)}
    return subprocess.run(
        [sys.executable, "-m", "clausepress", "build", str(source), "-o", str(out), "--no-cache"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize("after", [1, 2, 3])
@pytest.mark.parametrize("next_run", ["build", "check"])
def test_a_set_killed_between_renames_is_completed_by_the_next_run(
    after: int,
    next_run: str,
    tmp_path: Path,
    two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, old, new = two_versions
    source = _edited_copy(tmp_path, two_versions)
    out = tmp_path / "out"
    proc = _killed_build(source, out, after)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    # Killed mid-set: some files new, some old, and the manifest that says so.
    mixed = {n: d for n, d in _outputs(out).items() if n in old}
    assert (
        sum(mixed[n] == new[n] for n in mixed) == after
        and sum(mixed[n] == old[n] for n in mixed) == 4 - after
    )
    manifest = json.loads(set_manifest(out, "subclauses").read_text(encoding="utf-8"))
    assert [e["name"] for e in manifest["files"]] == [*NAMES, RECORD]
    if next_run == "check":
        report = check_document(source, output_dir=out)
        interrupted = [f for f in report.findings if f.code == "output.interrupted"]
        assert len(interrupted) == 1 and "completed" in interrupted[0].message
        assert not [f for f in report.findings if f.code == "output.stale"]  # the record came with the set
    else:
        assert main(["build", str(source), "-o", str(out)]) == 0
        assert "a build was interrupted between renames" in capsys.readouterr().err
    assert _outputs(out) == new  # the whole new set, and nothing else: no manifest, temporary, old copy
    assert recover_set(out, "subclauses") is None


def test_a_set_whose_temporary_is_gone_is_rolled_back(
    tmp_path: Path, two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    _, old, _ = two_versions
    source = _edited_copy(tmp_path, two_versions)
    out = tmp_path / "out"
    assert _killed_build(source, out, 2).returncode == -signal.SIGKILL
    entries = json.loads(set_manifest(out, "subclauses").read_text(encoding="utf-8"))["files"]
    (out / entries[3]["temp"]).unlink()  # the set cannot be finished: the old one comes back
    recovered = recover_set(out, "subclauses")
    assert recovered is not None and recovered.action == "rolled back"
    assert _outputs(out) == old


def test_a_build_killed_before_its_manifest_leaves_the_old_set(
    tmp_path: Path, two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    """Killed while its temporaries are written: the old set stands; the next build sweeps them."""
    _, old, new = two_versions
    source = _edited_copy(tmp_path, two_versions)
    out = tmp_path / "out"
    for name in (".subclauses.pdf.x1y2z3.tmp", ".subclauses.html.a1b2c3d4e5f6.old",
                 ".subclauses.clausepress-set.q9w8e7.tmp", ".clausepress-cache/.subclauses.json.r5t6.tmp"):  # fmt: skip
        (out / name).write_bytes(b"left by a killed build")
    assert (
        recover_set(out, "subclauses") is None and {n: d for n, d in _outputs(out).items() if n in old} == old
    )
    assert main(["build", str(source), "-o", str(out)]) == 0
    assert _outputs(out) == new


def test_an_unreadable_manifest_is_reported_not_a_bug(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    set_manifest(out, "x").write_bytes(b"\x00{not json")
    recovered = recover_set(out, "x")
    assert recovered is not None and "unreadable" in recovered.action
    assert not set_manifest(out, "x").exists()


# --- disks that fail ---------------------------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A small tmpfs mounted for the test (root only: the caller skips otherwise)."""
    folder = Path(tempfile.mkdtemp(prefix="clausepress-tmpfs-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs (a full or read-only disk) needs root; CI runs as root"
)


def _one_line_error(err: str, *words: str) -> str:
    lines = [line for line in err.splitlines() if "error:" in line]
    assert len(lines) == 1 and "Traceback" not in err and "internal error" not in err, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@needs_root
@pytest.mark.parametrize("free_kib", [0, 8, 40, 100, 125])
def test_a_full_disk_changes_nothing_and_exits_2(
    free_kib: int, tmp_path: Path, two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """The disk fills at the first temporary, a later one, or the manifest: the old set stands whole."""
    _, old, _ = two_versions
    source = _edited_copy(tmp_path, two_versions)
    with _tmpfs("512k") as disk:
        out = disk / "out"
        for name, data in old.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
        filler = disk / "filler"
        # Fill the disk, then give back what the test leaves free.
        with filler.open("wb", buffering=0) as f, contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 4096)
        os.truncate(filler, max(0, filler.stat().st_size - free_kib * 1024))
        capsys.readouterr()
        assert main(["build", str(source), "-o", str(out), "--no-cache"]) == 2
        _one_line_error(capsys.readouterr().err, str(out), "No space left on device")
        assert _outputs(out) == old  # byte for byte, and no temporary left behind


@needs_root
def test_a_full_disk_leaves_no_folder_made_for_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with _tmpfs("96k") as disk:
        assert main(["build", str(SMALL), "-o", str(disk / "out" / "deeper"), "--no-cache"]) == 2
        _one_line_error(capsys.readouterr().err, str(disk), "No space left on device")
        assert list(disk.iterdir()) == []


@needs_root
@pytest.mark.parametrize("force", [False, True], ids=["new-file", "overwritten"])
def test_import_on_a_full_disk_exits_2_and_keeps_the_old_file(
    force: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("A title\n\n" + "".join(f"{n}. Decides to act on item {n};\n" for n in range(1, 400)))
    with _tmpfs("64k") as disk:
        out = disk / "t.yaml"
        if force:
            out.write_text("the old source\n")
        with (disk / "filler").open("wb", buffering=0) as f, contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 4096)
        assert main(["import", str(text), "-o", str(out), *(["--force"] if force else [])]) == 2
        _one_line_error(capsys.readouterr().err, str(out), "No space left on device")
        assert sorted(p.name for p in disk.iterdir()) == (["filler", "t.yaml"] if force else ["filler"])
        assert not force or out.read_text() == "the old source\n"


@needs_root
@pytest.mark.parametrize("where", ["the folder", "a new folder in it"])
def test_a_read_only_disk_exits_2(where: str, capsys: pytest.CaptureFixture[str]) -> None:
    with _tmpfs("64k") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        out = disk if where == "the folder" else disk / "new"
        assert main(["build", str(SMALL), "-o", str(out), "--to", "html"]) == 2
        _one_line_error(capsys.readouterr().err, str(disk), "Read-only file system")


@pytest.mark.parametrize("case", ["-o names a file", "-o inside a file", "a folder where an output goes",
                                  "a folder where the record goes"])  # fmt: skip
def test_an_output_that_cannot_be_written_exits_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    if case == "-o names a file":
        out.write_bytes(b"a file")
    elif case == "-o inside a file":
        (tmp_path / "file").write_bytes(b"a file")
        out = tmp_path / "file" / "out"
    elif case == "a folder where an output goes":
        (out / "subclauses.html").mkdir(parents=True)
    else:
        (out / ".clausepress-cache" / "subclauses.json").mkdir(parents=True)
    before = _outputs(tmp_path)
    assert main(["build", str(SMALL), "-o", str(out), "--to", "html"]) == 2
    _one_line_error(capsys.readouterr().err, "cannot write")
    assert _outputs(tmp_path) == before


def test_write_set_names_the_path_on_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every errno a disk can give on a write is an OutputError, for the library as for the command."""
    import clausepress.files as files

    for code in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT, errno.EIO, errno.EFBIG):

        def failing(*args: object, code: int = code) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(files.os, "fsync", failing)
        with pytest.raises(OutputError, match=r"cannot write .*a\.html: " + os.strerror(code)):
            write_set(tmp_path, "a", {"a.html": b"new"})
        monkeypatch.undo()
        assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- workers die with their parent -------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
@pytest.mark.parametrize("moment", ["workers-started", "laying-out"])
@pytest.mark.parametrize("jobs", ["one-document", "jobs-2"])
def test_a_killed_build_closes_its_pipe(sig: int, moment: str, jobs: str, tmp_path: Path) -> None:
    """`clausepress build ... | cat`, the build killed: its workers end with it and the pipe reaches EOF."""
    from .conftest import FIRST, ROOT

    if jobs == "one-document":
        args = [str(FIRST), "--variant", "screen,print,archival"]
    else:
        args = ["-j", "2", *map(str, sorted((ROOT / "content").glob("*.yaml")))]
    proc = subprocess.Popen(
        [sys.executable, "-m", "clausepress", "build", *args, "-o", str(tmp_path / "out"), "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120  # a bound for a build that never starts its workers, not a timing
    workers: list[int] = []
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.02)
    assert workers, f"no worker started (exit {proc.poll()})"
    if moment == "laying-out":  # the source read and checked: the workers are at the PDFs now
        assert proc.stderr is not None
        assert b"errors" in proc.stderr.readline()
    workers = _children(proc.pid)
    try:
        _killed_and_drained(proc, sig, workers)
    finally:
        for worker in filter(_alive, workers):  # a failed test leaves none of them behind
            with contextlib.suppress(OSError):
                os.kill(worker, signal.SIGKILL)


def _killed_and_drained(proc: subprocess.Popen[bytes], sig: int, workers: list[int]) -> None:
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == -sig
    eof = threading.Event()

    def drain() -> None:
        assert proc.stdout is not None
        while proc.stdout.read(65536):
            pass
        eof.set()

    threading.Thread(target=drain, daemon=True).start()
    assert eof.wait(timeout=30), f"the pipe stayed open; workers alive: {[w for w in workers if _alive(w)]}"
    end = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < end:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "workers outlived their build"


_ORPHAN = """
import os, sys, time
sys.platform = "darwin"  # as on a system without PR_SET_PDEATHSIG: only the watchdog is left
from clausepress.render.workers import die_with_parent
parent = os.getpid()
child = os.fork()
if child == 0:
    die_with_parent(parent)
    time.sleep(600)
    os._exit(0)
print(child, flush=True)
time.sleep(600)
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a worker as the pool does (POSIX)")
def test_the_watchdog_ends_a_worker_where_the_kernel_would_not() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline())
    try:
        proc.kill()
        assert proc.wait(timeout=60) == -signal.SIGKILL
        assert proc.stdout.read() == b""  # EOF: the worker holds nothing of the pipe
        end = time.monotonic() + 30
        while _alive(worker) and time.monotonic() < end:
            time.sleep(0.05)
        assert not _alive(worker), "the worker outlived its parent"
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


# --- the cache knows every font fontconfig can use ---------------------------------------------


def _a_font() -> Path:
    listed = subprocess.run(["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True).stdout
    return Path(sorted(line for line in listed.splitlines() if line.endswith(".ttf"))[0])


@pytest.mark.parametrize(
    "placed", ["~/.local/share/fonts", "~/.fonts", "a linked folder in ~/.local/share/fonts",
               "$XDG_DATA_HOME/fonts", "a font changed in place"],
)  # fmt: skip
def test_a_font_installed_for_the_user_renders_anew(
    placed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    monkeypatch.delenv("FONTCONFIG_PATH", raising=False)
    font = _a_font().read_bytes()
    if placed == "a font changed in place":
        (home / ".fonts").mkdir()
        (home / ".fonts" / "Mine.ttf").write_bytes(font)
    out = tmp_path / "out"
    assert [o.cached for o in build(SMALL, out, formats=["html"])] == [False]
    assert [o.cached for o in build(SMALL, out, formats=["html"])] == [True]
    if placed == "~/.local/share/fonts":
        (home / ".local/share/fonts").mkdir(parents=True)
        (home / ".local/share/fonts" / "Mine.ttf").write_bytes(font)
    elif placed == "~/.fonts":
        (home / ".fonts").mkdir()
        (home / ".fonts" / "Mine.ttf").write_bytes(font)
    elif placed == "a linked folder in ~/.local/share/fonts":
        (home / ".local/share/fonts").mkdir(parents=True)
        (tmp_path / "elsewhere").mkdir()
        (home / ".local/share/fonts" / "linked").symlink_to(tmp_path / "elsewhere")
        assert [o.cached for o in build(SMALL, out, formats=["html"])] == [True]  # no font in it yet
        (tmp_path / "elsewhere" / "Mine.ttf").write_bytes(font)  # a font behind the link
    elif placed == "$XDG_DATA_HOME/fonts":
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
        assert [o.cached for o in build(SMALL, out, formats=["html"])] == [False]  # another folder read
        (tmp_path / "data" / "fonts").mkdir(parents=True)
        (tmp_path / "data" / "fonts" / "Mine.ttf").write_bytes(font)
    else:
        (home / ".fonts" / "Mine.ttf").write_bytes(font[:-4] + b"\0\0\0\0")
    assert [o.cached for o in build(SMALL, out, formats=["html"])] == [False]
    assert [o.cached for o in build(SMALL, out, formats=["html"])] == [True]


@pytest.mark.parametrize("folder", ["out", "./out", "nested/out", "."])
def test_a_set_is_written_into_a_folder_named_relatively(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o out` (as the README's build command names `output/`), twice, so that the second set
    replaces the first: both builds write their whole set and leave no manifest (the set's
    temporaries were named against a relative folder and failed, exit 70)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.yaml").write_text(
        "title: T\nlanguage: en\noperative:\n  - text: Decides.\n", encoding="utf-8"
    )
    for _ in range(2):
        assert main(["build", "doc.yaml", "-o", folder, "--to", "html,epub"]) == 0
    written = tmp_path / folder
    assert sorted(p.name for p in written.iterdir() if p.suffix in (".html", ".epub")) == [
        "doc.epub",
        "doc.html",
    ]
    assert not set_manifest(written, "doc").exists()
    assert not [p for p in written.iterdir() if p.name.endswith(".tmp")]
