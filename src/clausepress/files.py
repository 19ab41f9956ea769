"""Writing files whole or not at all: one file (`write_atomically`) or a set of them (`write_set`).

A set is what one build of a source writes: its PDFs, EPUB and HTML and the cache's record.
Its files change all at once or not at all. Every new file is first written to a temporary
file beside its name and flushed to disk; the old files are kept under a second name (a hard
link, no copy); then a manifest, `.<id>.clausepress-set`, lists the set and is written
atomically; only then are the temporaries renamed into place, and the manifest removed.
A build killed between two renames leaves its manifest: the next build or `check` of that
source finishes the set (every temporary is there, with the bytes the manifest names) or,
when one is missing, puts the old files back (`recover_set`).

Every failure to write (a full disk, a read-only file system, a file where a folder
should be, no permission) is an `OutputError` naming the path: the user's environment,
never a bug.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import signal
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError, display_path, escaped

__all__ = [
    "FileExists",
    "Recovered",
    "cannot_write",
    "recover_set",
    "set_manifest",
    "write_atomically",
    "write_set",
]

MANIFEST_SUFFIX = ".clausepress-set"
# Test-only: CLAUSEPRESS_TEST_KILL_AFTER_RENAME=N makes `write_set` kill its own process
# (SIGKILL) right after its N-th rename, so that a test can show what an interrupted set
# leaves and how the next run recovers it. Nothing else reads it.
_KILL_AFTER_RENAME = "CLAUSEPRESS_TEST_KILL_AFTER_RENAME"


class FileExists(Exception):
    """`write_atomically(..., overwrite=False)` found the file already there."""


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """The one-line error for an output that could not be written."""
    reason = {errno.EEXIST: "a file is in the way", errno.ENOTDIR: "a file is where a folder should be"}.get(
        exc.errno or 0, exc.strerror or type(exc).__name__
    )
    where = exc.filename if isinstance(exc.filename, str) else path
    return OutputError(f"cannot write {escaped(display_path(where))}: {reason}")


def _mode(path: Path) -> int:
    """The mode a file written to `path` gets: what open() would give it, the mode of the file it
    replaces, else 0o666 less the umask (mkstemp's 0o600 would keep a group or others out)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux says it (/proc/self/status)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and put back at once
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then a rename.

    A reader (or a build killed half-way) sees the old file or the new one, never a
    part. With `overwrite=False` the file is linked into place only if it still does not
    exist (`FileExists` otherwise): two writers never overwrite each other.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode(path))
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExists(str(path)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


@dataclass(frozen=True)
class Recovered:
    """A set a killed build left half renamed, and what was done with it."""

    manifest: Path
    action: str  # "completed": the new files are all in place; "rolled back": the old ones are
    names: tuple[str, ...]

    @property
    def message(self) -> str:
        return (
            f"a build was interrupted between renames; its outputs ({', '.join(map(escaped, self.names))}) "
            f"were {self.action}"
        )

    def __str__(self) -> str:
        return f"{escaped(display_path(self.manifest))}: {self.message}"


def set_manifest(folder: Path, set_id: str) -> Path:
    """Where the manifest of `set_id`'s set is while its files are renamed."""
    return folder / f".{set_id}{MANIFEST_SUFFIX}"


def write_set(folder: Path, set_id: str, files: Mapping[str, bytes]) -> Recovered | None:
    """Write `files` (names relative to `folder`, a subfolder allowed) all at once or not at all.

    Returns what was recovered first of an earlier, interrupted set of `set_id` (or None).
    Raises `OutputError` when the set cannot be written; the old files are then as they were.
    """
    wanted = sorted({folder, *((folder / name).parent for name in files)}, key=lambda p: len(p.parts))
    made = sorted({a for p in wanted for a in (p, *p.parents) if not a.exists()}, key=lambda p: len(p.parts))
    try:
        try:
            for parent in wanted:
                parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise cannot_write(folder, exc) from None
        try:
            with _locked(folder):
                return _write_set(folder, set_id, files)
        except OSError as exc:  # the lock, or recovering an earlier set
            raise cannot_write(folder, exc) from None
    except OutputError:
        for parent in reversed(made):  # the folders made for nothing, if still empty
            with contextlib.suppress(OSError):
                parent.rmdir()
        raise


def _write_set(folder: Path, set_id: str, files: Mapping[str, bytes]) -> Recovered | None:
    """`write_set` with the folder locked."""
    recovered = _recover(folder, set_id)
    _remove_strays(folder, set_id, files)
    entries = _stage(folder, files)
    manifest = set_manifest(folder, set_id)
    try:
        write_atomically(manifest, json.dumps({"clausepress-set": 1, "files": entries}, indent=1).encode())
        _sync_folders(folder, entries)
    except OSError as exc:
        _discard(folder, entries)
        manifest.unlink(missing_ok=True)
        raise cannot_write(manifest, exc) from None
    kill_after = int(os.environ.get(_KILL_AFTER_RENAME) or 0)
    try:
        for done, entry in enumerate(entries, 1):
            os.replace(folder / entry["temp"], folder / entry["name"])
            if done == kill_after:
                os.kill(os.getpid(), signal.SIGKILL)
        _sync_folders(folder, entries)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the temporaries left: completed, or the old files back
            _recover(folder, set_id)
        raise cannot_write(folder / entry["name"], exc) from None
    _finish(folder, entries, manifest)
    return recovered


def recover_set(folder: Path, set_id: str) -> Recovered | None:
    """Finish (or undo) a set of `set_id` that a killed build left half renamed; None if there is none."""
    if not set_manifest(folder, set_id).exists():
        return None
    try:
        with _locked(folder):
            return _recover(folder, set_id)
    except OSError as exc:
        raise cannot_write(set_manifest(folder, set_id), exc) from None


def _stage(folder: Path, files: Mapping[str, bytes]) -> list[dict[str, str]]:
    """Every file of the set written to a temporary beside its name, and every old file kept
    under a second name; on a failure, nothing of it is left."""
    entries: list[dict[str, str]] = []
    try:
        for name, data in files.items():
            target = folder / name
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            entry: dict[str, str] = {
                "name": name, "temp": _relative(folder, Path(tmp)), "backup": "",
                "sha256": hashlib.sha256(data).hexdigest(),
            }  # fmt: skip
            entries.append(entry)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            if target.is_dir() and not target.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(target))
            if target.exists():
                backup = target.parent / f".{target.name}.{secrets.token_hex(6)}.old"
                with contextlib.suppress(OSError):  # no hard links here: the old file is not kept
                    os.link(target, backup, follow_symlinks=False)
                    entry["backup"] = _relative(folder, backup)
    except OSError as exc:
        _discard(folder, entries)
        raise cannot_write(folder / name, exc) from None
    return entries


def _recover(folder: Path, set_id: str) -> Recovered | None:
    """With the folder locked: finish the set the manifest lists, or put its old files back."""
    manifest = set_manifest(folder, set_id)
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        names = tuple(str(e["name"]) for e in entries)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):  # not a manifest of ours: nothing to act on
        manifest.unlink(missing_ok=True)
        return Recovered(manifest, "left as they were (the manifest was unreadable)", ())
    if all(
        _holds(folder / e["temp"], e["sha256"]) or _holds(folder / e["name"], e["sha256"]) for e in entries
    ):
        for entry in entries:
            if _holds(folder / entry["temp"], entry["sha256"]):
                os.replace(folder / entry["temp"], folder / entry["name"])
        action = "completed"
    else:  # a temporary is gone: the old files back, the new ones out
        for entry in entries:
            target = folder / entry["name"]
            if entry["backup"] and (folder / entry["backup"]).exists():
                os.replace(folder / entry["backup"], target)
            elif _holds(target, entry["sha256"]):
                target.unlink()
        action = "rolled back"
    _sync_folders(folder, entries)
    _finish(folder, entries, manifest)
    return Recovered(manifest, action, names)


def _finish(folder: Path, entries: list[dict[str, str]], manifest: Path) -> None:
    manifest.unlink(missing_ok=True)
    _discard(folder, entries)


def _discard(folder: Path, entries: list[dict[str, str]]) -> None:
    """The temporaries and second names of a set, removed."""
    for entry in entries:
        for key in ("temp", "backup"):
            if entry.get(key):
                with contextlib.suppress(OSError):
                    (folder / entry[key]).unlink()


def _remove_strays(folder: Path, set_id: str, files: Mapping[str, bytes]) -> None:
    """Temporaries that a build killed before its manifest was whole left: of the set's names,
    and of the manifest itself."""
    strays = [(folder, f"{set_manifest(folder, set_id).name}.*.tmp")]
    for name in files:
        target = folder / name
        strays += [(target.parent, f".{target.name}.*.tmp"), (target.parent, f".{target.name}.*.old")]
    for parent, pattern in strays:
        for stray in parent.glob(pattern):
            with contextlib.suppress(OSError):
                stray.unlink()


def _holds(path: Path, sha256: str | None) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def _relative(folder: Path, path: Path) -> str:
    """`path` as the manifest names it: relative to the set's folder (`mkstemp` may give either
    an absolute or a relative path, and the folder may be given either way)."""
    return str(path.absolute().relative_to(folder.absolute()))


def _sync_folders(folder: Path, entries: list[dict[str, str]]) -> None:
    """The renames made durable: each folder of the set flushed (where the system allows)."""
    for parent in sorted({(folder / e["name"]).parent for e in entries} | {folder}):
        try:
            fd = os.open(parent, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The folder locked against another build's set (flock on the folder itself, where there is one)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
