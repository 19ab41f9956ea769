"""A scanned PDF's pages read through Tesseract (Debian's `tesseract-ocr`), with its confidence.

Each page is drawn by PDFium (pypdfium2) at 300 dpi and handed to the `tesseract` program on
its standard input; its TSV answer gives each word with its box and its confidence (0-100).
The words come back with their places in points, as a text layer's would, so the PDF reader
tells lines, paragraphs and the page's furniture apart from them the same way; a scan has no
fonts, so no italic, bold or raised call is told. Nothing is fetched; each page is bounded in
time, and a scan of more than `MAX_OCR_PAGES` pages is refused. Tesseract reads each page as one
column of lines of many sizes (`--psm 4`), which keeps a clause's hanging number on its line;
the reader finds two columns from the words' places itself.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import dataclass

__all__ = ["MAX_OCR_PAGES", "OcrWord", "available", "read_page", "version"]

MAX_OCR_PAGES = 50
DPI = 300
_TIMEOUT = 300  # seconds for one page
# Tesseract's names of the languages clausepress speaks, by BCP 47 primary subtag.
_LANGUAGES = {
    "en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld", "ru": "rus",
    "uk": "ukr", "pl": "pol", "tr": "tur", "el": "ell", "hy": "hye", "ar": "ara", "fa": "fas", "he": "heb",
    "hi": "hin", "zh": "chi_sim", "ja": "jpn", "ko": "kor", "ka": "kat", "am": "amh", "vi": "vie", "id": "ind",
}  # fmt: skip


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read: its text, box in points, the height of its line, and its confidence."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    line_height: float
    confidence: float


def available() -> bool:
    """Whether the `tesseract` program is installed."""
    return shutil.which("tesseract") is not None


def version() -> str:
    """Tesseract's version, as it says it ("5.3.0")."""
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30, check=False)
    first = (out.stdout or out.stderr).split("\n", 1)[0].split()
    return first[1] if len(first) > 1 else "?"


def language_for(tag: str | None) -> str:
    """The Tesseract language to read a page in: the PDF's own, when its data is installed, else English."""
    out = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    installed = set(out.stdout.split()[1:]) if out.returncode == 0 else set()
    wanted = _LANGUAGES.get((tag or "en").split("-")[0].lower(), "eng")
    return wanted if wanted in installed else "eng"


def read_page(page: object, language: str) -> list[OcrWord]:
    """The words of one PDFium page, as Tesseract reads its image."""
    image = page.render(scale=DPI / 72).to_pil().convert("L")  # type: ignore[attr-defined]
    png = io.BytesIO()
    image.save(png, format="PNG")
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", language, "--psm", "4", "tsv"],
        input=png.getvalue(),
        capture_output=True,
        timeout=_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Tesseract failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    rows = list(
        csv.DictReader(
            io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE
        )
    )
    scale = 72 / DPI
    lines: dict[tuple[str, str, str], float] = {}
    for row in rows:
        if row.get("level") == "4":
            lines[(row["block_num"], row["par_num"], row["line_num"])] = float(row["height"]) * scale
    words = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (float(row[k]) * scale for k in ("left", "top", "width", "height"))
        line = lines.get((row["block_num"], row["par_num"], row["line_num"]), height)
        words.append(OcrWord(text, left, left + width, top, top + height, line, float(row["conf"])))
    return words
