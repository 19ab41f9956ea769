"""The build cache: a rebuild whose inputs are all unchanged renders nothing.

The key covers everything an output's bytes depend on: the source's bytes, the build's
options, the stylesheets, the templates, clausepress's version, the version of every
Python distribution installed where it imports from (WeasyPrint, pydyf, fontTools,
ebooklib, pyphen... and the rest), the system libraries that lay out text (pango, HarfBuzz,
fontconfig, FreeType), fontconfig's configuration and every font folder it reads (the
fonts' names, sizes and times). A hit also requires every recorded output to be on disk
with the bytes it had.

Each build records, beside the outputs, the SHA-256 of the source they were built from
and of each output: `clausepress check` decides staleness from that record, never from
file times.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree import ElementTree

from . import __version__
from .files import write_atomically
from .resources import TEMPLATES

__all__ = ["build_key", "font_folders", "libraries", "lookup", "record", "recorded_source", "store"]

CACHE_DIR = ".clausepress-cache"
# The system libraries that shape a PDF's bytes (WeasyPrint reaches them through cffi).
SYSTEM_LIBRARIES = ("pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "freetype")


def _tree(folder: Path) -> Iterable[tuple[str, bytes]]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            try:
                if path.is_file():
                    yield str(path.relative_to(folder)), path.read_bytes()
            except OSError:  # unreadable: the build that reads it says so
                yield str(path.relative_to(folder)), b"unreadable"


@functools.lru_cache(maxsize=1)
def libraries() -> tuple[str, ...]:
    """The Python distributions installed where this process imports from, by their metadata
    folders' names (`weasyprint-70.0.dist-info`: name and version), and the system libraries
    that lay out text (once a process).

    Every library clausepress's outputs depend on is among them (a superset: upgrading an
    unrelated package also renders anew). Listing the folders takes a millisecond, where
    importlib.metadata takes a tenth of a second to import.
    """
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    from .render.libraries import library_files

    return (*sorted(found), *library_files(SYSTEM_LIBRARIES))


def _home_path(text: str, base: Path, prefix: str | None, xdg: str, xdg_default: str) -> Path:
    """A path as fontconfig reads `<dir>` and `<include>`: `~`, prefix="xdg", relative to the file."""
    if prefix == "xdg":
        return Path(os.environ.get(xdg) or Path.home() / xdg_default) / text
    if text.startswith("~"):
        return Path(os.path.expanduser(text))
    return base / text if not os.path.isabs(text) else Path(text)


def _config_files(path: Path, seen: set[Path]) -> Iterator[tuple[Path, ElementTree.Element | None]]:
    """A fontconfig file and every file it includes, in order (a folder: its *.conf files),
    each with its parsed XML (None where it does not parse)."""
    if path in seen or len(seen) > 500:
        return
    seen.add(path)
    if path.is_dir():
        for child in sorted(path.glob("*.conf")):
            yield from _config_files(child, seen)
        return
    if not path.is_file():
        return
    try:
        root: ElementTree.Element | None = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError):
        root = None
    yield path, root
    for include in root.iter("include") if root is not None else ():
        if include.text:
            target = _home_path(include.text.strip(), path.parent, include.get("prefix"),
                                "XDG_CONFIG_HOME", ".config")  # fmt: skip
            yield from _config_files(target, seen)


def font_folders() -> tuple[list[Path], list[Path]]:
    """The configuration files fontconfig reads and the font folders they name.

    Read again only when something they depend on changed: the environment's say, or the
    size or time of a file or folder read (once a process otherwise: parsing the files
    takes most of the fingerprint's time).
    """
    start = os.environ.get("FONTCONFIG_FILE") or str(
        Path(os.environ.get("FONTCONFIG_PATH") or "/etc/fonts") / "fonts.conf"
    )
    context = (start, str(Path.home()), os.environ.get("XDG_DATA_HOME"), os.environ.get("XDG_CONFIG_HOME"))
    memo = _FOLDERS_MEMO.get(context)
    if memo is not None and all(_stamp(path) == stamp for path, stamp in memo[0]):
        return list(memo[1]), list(memo[2])
    seen: set[Path] = set()
    files: list[Path] = []
    folders: list[Path] = []
    for path, root in _config_files(Path(start), seen):
        files.append(path)
        for element in root.iter("dir") if root is not None else ():
            if element.text:
                folder = _home_path(element.text.strip(), path.parent, element.get("prefix"),
                                    "XDG_DATA_HOME", ".local/share")  # fmt: skip
                if folder not in folders:
                    folders.append(folder)
    _FOLDERS_MEMO.clear()
    _FOLDERS_MEMO[context] = (tuple((p, _stamp(p)) for p in sorted(seen)), tuple(files), tuple(folders))
    return files, folders


_FOLDERS_MEMO: dict[tuple[str | None, ...], tuple[tuple[tuple[Path, tuple[int, int] | None], ...],
                                                   tuple[Path, ...], tuple[Path, ...]]] = {}  # fmt: skip


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def fonts_fingerprint() -> str:
    """fontconfig's configuration (its files' bytes) and every font it can use (names, sizes, times).

    Taken anew at each build (about ten milliseconds): `watch` runs for hours, and a font
    installed meanwhile changes the PDFs. The font folders are walked through their symbolic
    links, as fontconfig walks them; `fc-list`, where it is installed, adds every font
    fontconfig itself lists, wherever its configuration found it.
    """
    digest = hashlib.sha256()
    files, folders = font_folders()
    for path in files:
        try:
            digest.update(f"config {path}\n".encode() + hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(f"config {path} unreadable\n".encode())
    walked: set[str] = set()
    for folder in folders:
        digest.update(f"folder {folder}\n".encode())
        for font in _font_files(folder):
            walked.add(font)
            digest.update(_stat_line(font))
    for font in _fc_list(digest.hexdigest()):
        digest.update(f"listed {font}\n".encode() if font in walked else b"listed " + _stat_line(font))
    return digest.hexdigest()


def _font_files(folder: Path) -> Iterator[str]:
    """Every file under `folder`, through symbolic links, each real folder once."""
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(root, name)


def _stat_line(path: str) -> bytes:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:gone\n".encode()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode()


@functools.lru_cache(maxsize=4)
def _fc_list(known: str) -> list[str]:
    """The font files fontconfig lists (none where `fc-list` is not installed or fails).

    Asked once a process for each state `known` of the configuration and the font folders
    read above (a long-running process asks again when they change; their files are looked
    at anew each time all the same).
    """
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{file}\\n"], capture_output=True, timeout=60, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line for line in listed.decode("utf-8", "surrogateescape").splitlines() if line})


def build_key(source: bytes, options: dict[str, object], styles: Path) -> str:
    """The hash of every input of a build."""
    digest = hashlib.sha256()
    digest.update(f"clausepress {__version__}\n".encode())
    digest.update("\n".join(libraries()).encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(hashlib.sha256(source).digest())
    for label, folder in (("styles", styles), ("templates", TEMPLATES)):
        for name, data in _tree(folder):
            digest.update(f"{label}/{name}\n".encode() + hashlib.sha256(data).digest())
    digest.update(fonts_fingerprint().encode())
    return digest.hexdigest()


def _record_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / CACHE_DIR / f"{doc_id}.json"


def _read_record(out_dir: Path, doc_id: str) -> dict[str, object] | None:
    try:
        record = json.loads(_record_path(out_dir, doc_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def lookup(out_dir: Path, doc_id: str, key: str) -> list[dict[str, object]] | None:
    """The outputs recorded for `key`, if every one is still on disk as it was written."""
    record = _read_record(out_dir, doc_id)
    if record is None or record.get("key") != key or not isinstance(record.get("outputs"), list):
        return None
    outputs: list[dict[str, object]] = record["outputs"]  # type: ignore[assignment]
    for output in outputs:
        try:
            if hashlib.sha256((out_dir / str(output["name"])).read_bytes()).hexdigest() != output["sha256"]:
                return None
        except (OSError, KeyError):
            return None
    return outputs


def record(
    out_dir: Path, doc_id: str, key: str, source: bytes, outputs: list[dict[str, object]]
) -> tuple[str, bytes]:
    """What a build wrote, and from which source, for the next build and for `check`: the
    record's name in `out_dir` and its bytes (written with the outputs, as one set)."""
    source_sha256 = hashlib.sha256(source).hexdigest()
    # Every output on disk and the source it came from, this build's and earlier ones'.
    built = (_read_record(out_dir, doc_id) or {}).get("built")
    built = dict(built) if isinstance(built, dict) else {}
    for output in outputs:
        built[str(output["name"])] = {"sha256": output["sha256"], "source_sha256": source_sha256}
    data = {"key": key, "outputs": outputs, "built": dict(sorted(built.items()))}
    return f"{CACHE_DIR}/{doc_id}.json", json.dumps(data, indent=1).encode()


def store(out_dir: Path, doc_id: str, key: str, source: bytes, outputs: list[dict[str, object]]) -> None:
    """Write the record of a build (see `record`) on its own."""
    name, data = record(out_dir, doc_id, key, source, outputs)
    (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out_dir / name, data)


def recorded_source(output: Path, doc_id: str) -> str | None:
    """The SHA-256 of the source `output` was built from, if the build that wrote it recorded it
    and the file still has the bytes that build wrote."""
    built = (_read_record(output.parent, doc_id) or {}).get("built")
    entry = built.get(output.name) if isinstance(built, dict) else None
    if not isinstance(entry, dict):
        return None
    try:
        data = output.read_bytes()
    except OSError:
        return None
    source = entry.get("source_sha256")
    return (
        source
        if hashlib.sha256(data).hexdigest() == entry.get("sha256") and isinstance(source, str)
        else None
    )
