"""Pictures of a volume for the README, laid out from the corpus's United Nations resolutions (real
texts, imported as `clausepress import` reads them).

The General Assembly's eightieth-session resolutions of `tests/corpus/` (`unga-80-*`) are imported
into a temporary folder, listed in a volume grouped by the committee on whose report each was
adopted (`session_volume`), built as the screen PDF, and two of its pages drawn with poppler's
pdftoppm: `docs/volume/contents.png` (the contents) and `docs/volume/first-page.png` (the first
document's first page). `un_volume` is the volume of every UN resolution of the corpus, which the
tests build in every variant (tests/test_volume_corpus.py). Run it after a change to the volume's
layout or the styles: `.venv/bin/python scripts/volume_pictures.py`.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from clausepress import load
from clausepress.importer import import_file
from clausepress.volume import build_volume

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "docs" / "volume"
RESOLUTION = 60


def un_volume(folder: Path) -> Path:
    """The volume of every UN resolution of the corpus in `folder`, under two headings ("General
    Assembly", "Security Council"), its documents imported beside it (tests/test_volume_corpus.py)."""
    lines = [
        "title: Resolutions of the United Nations in the clausepress corpus",
        "issuer: United Nations",
        "documents:",
    ]
    for heading, prefix in {"General Assembly": "unga-", "Security Council": "unsc-"}.items():
        lines += [f"  - heading: {heading}", "    documents:"]
        for text in sorted(p for p in CORPUS.iterdir() if p.name.startswith(prefix)):
            _import(text, folder)
            lines.append(f"      - {text.name}.yaml")
    return _write(folder / "un.yaml", lines)


def session_volume(folder: Path) -> Path:
    """The General Assembly's eightieth-session resolutions of the corpus, grouped by the committee
    whose report each was adopted on (its origin line, "[on the report of the First Committee ...]"),
    as the Official Records group them."""
    groups: dict[str, list[str]] = {}
    for text in sorted(p for p in CORPUS.iterdir() if p.name.startswith("unga-80-")):
        doc = load(_import(text, folder))
        found = re.search(r"on the report of the (.+? Committee)", doc.metadata.get("origin", ""))
        heading = (
            f"On the reports of the {found.group(1)}" if found else "Without reference to a Main Committee"
        )
        groups.setdefault(heading, []).append(f"{text.name}.yaml")
    lines = ["title: Resolutions adopted by the General Assembly", "issuer: United Nations",
             "session: Eightieth session", "documents:"]  # fmt: skip
    for heading, names in groups.items():
        lines += [f"  - heading: {heading}", "    documents:", *(f"      - {n}" for n in names)]
    return _write(folder / "session.yaml", lines)


def _import(text: Path, folder: Path) -> Path:
    (source,) = text.glob("input.*")
    out = folder / f"{text.name}.yaml"
    import_file(source, out)
    return out


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _draw(pdf: Path, page: int, out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(RESOLUTION),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf, laid = build_volume(session_volume(Path(tmp)), Path(tmp) / "out")
        contents, first = 3, laid.starts[0]  # the title page and its blank back, then the contents
        _draw(pdf, contents, OUT / "contents.png")
        _draw(pdf, first, OUT / "first-page.png")
        print(
            f"{pdf.name}: {laid.pages} pages, {len(laid.starts)} documents; drew pages {contents} and {first}"
        )


if __name__ == "__main__":
    main()
