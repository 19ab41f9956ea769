"""The build cache: a rebuild whose inputs are all unchanged renders nothing.

The key covers everything an output depends on: the source's bytes, the build's options,
the stylesheets, the templates, the fonts installed (their files, sizes and times) and
clausepress's version. A hit also requires every recorded output to be on disk with the
bytes it had.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .files import write_atomically

__all__ = ["build_key", "lookup", "store"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
CACHE_DIR = ".clausepress-cache"

_fonts_fingerprint: str | None = None


def _tree(folder: Path) -> Iterable[tuple[str, bytes]]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield str(path.relative_to(folder)), path.read_bytes()


def fonts_fingerprint() -> str:
    """The installed fonts, as their files' names, sizes and modification times (computed once)."""
    global _fonts_fingerprint
    if _fonts_fingerprint is None:
        digest = hashlib.sha256()
        for folder in FONT_DIRS:
            for root, _, files in sorted(os.walk(folder)):
                for name in sorted(files):
                    stat = os.stat(os.path.join(root, name))
                    digest.update(f"{root}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        _fonts_fingerprint = digest.hexdigest()
    return _fonts_fingerprint


def build_key(source: bytes, options: dict[str, object], styles: Path) -> str:
    """The hash of every input of a build."""
    digest = hashlib.sha256()
    digest.update(f"clausepress {__version__}\n".encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(hashlib.sha256(source).digest())
    for label, folder in (("styles", styles), ("templates", TEMPLATES)):
        for name, data in _tree(folder):
            digest.update(f"{label}/{name}\n".encode() + hashlib.sha256(data).digest())
    digest.update(fonts_fingerprint().encode())
    return digest.hexdigest()


def _record(out_dir: Path, doc_id: str) -> Path:
    return out_dir / CACHE_DIR / f"{doc_id}.json"


def lookup(out_dir: Path, doc_id: str, key: str) -> list[dict[str, object]] | None:
    """The outputs recorded for `key`, if every one is still on disk as it was written."""
    try:
        record = json.loads(_record(out_dir, doc_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("key") != key:
        return None
    for output in record["outputs"]:
        path = out_dir / output["name"]
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != output["sha256"]:
                return None
        except OSError:
            return None
    return list(record["outputs"])


def store(out_dir: Path, doc_id: str, key: str, outputs: list[dict[str, object]]) -> None:
    """Record what a build wrote, for the next one."""
    path = _record(out_dir, doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps({"key": key, "outputs": outputs}, indent=1).encode())
