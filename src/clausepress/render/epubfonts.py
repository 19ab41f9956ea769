"""Fonts for the e-book: a subset of the font the PDF sets each script in, for every script of
the document other than Latin, so that a reader without an Armenian, Arabic or Devanagari font
shows the text, not boxes.

Each script's characters are looked up as the PDF's fonts are found: fontconfig's best font for
a character of that script (Noto, installed by the set-up). fontTools keeps only the glyphs of
the characters the document uses (and the layout rules that join them), regular and bold. The
style sheet declares each subset with a `unicode-range` of its script, before the reader's own
serif: the reader's Latin font still sets the Latin text.
"""

from __future__ import annotations

import functools
import io
import subprocess
from dataclasses import dataclass

__all__ = ["EmbeddedFont", "SCRIPTS", "embedded_fonts"]

# Unicode blocks of the scripts a document may be set in, other than Latin (and its punctuation).
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "greek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "cyrillic": ((0x0400, 0x052F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "armenian": ((0x0530, 0x058F), (0xFB13, 0xFB17)),
    "hebrew": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "devanagari": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    "bengali": ((0x0980, 0x09FF),),
    "gurmukhi": ((0x0A00, 0x0A7F),),
    "gujarati": ((0x0A80, 0x0AFF),),
    "oriya": ((0x0B00, 0x0B7F),),
    "tamil": ((0x0B80, 0x0BFF),),
    "telugu": ((0x0C00, 0x0C7F),),
    "kannada": ((0x0C80, 0x0CFF),),
    "malayalam": ((0x0D00, 0x0D7F),),
    "sinhala": ((0x0D80, 0x0DFF),),
    "thai": ((0x0E00, 0x0E7F),),
    "lao": ((0x0E80, 0x0EFF),),
    "tibetan": ((0x0F00, 0x0FFF),),
    "myanmar": ((0x1000, 0x109F),),
    "georgian": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
    "hangul": ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)),
    "ethiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF)),
    "khmer": ((0x1780, 0x17FF),),
    "cjk": ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF), (0xFF00, 0xFFEF)),
}  # fmt: skip


@dataclass(frozen=True)
class EmbeddedFont:
    """A font subset the EPUB carries: its file name in the package, its bytes, its CSS."""

    script: str
    weight: str  # "normal" or "bold"
    file_name: str
    data: bytes
    media_type: str

    def css(self, folder: str = "../fonts") -> str:
        ranges = ", ".join(f"U+{a:04X}-{b:04X}" for a, b in SCRIPTS[self.script])
        return (
            f'@font-face {{ font-family: "clausepress {self.script}"; font-weight: {self.weight}; '
            f'src: url("{folder}/{self.file_name}"); unicode-range: {ranges}; }}'
        )


def _script(char: str) -> str | None:
    code = ord(char)
    for name, blocks in SCRIPTS.items():
        if any(a <= code <= b for a, b in blocks):
            return name
    return None


@functools.lru_cache(maxsize=64)
def _font_file(char: str, bold: bool) -> tuple[str, int] | None:
    """The file (and its index in a collection) fontconfig finds for `char`: the PDF's font."""
    pattern = f"serif:charset={ord(char):x}" + (":weight=bold" if bold else "")
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{charset}", pattern],
            capture_output=True, text=True, timeout=30, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    path, index, _ = (out.split("\t") + ["", "", ""])[:3]
    return (path, int(index or 0)) if path else None


def _subset(path: str, index: int, chars: str) -> tuple[bytes, str] | None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=False, recalcTimestamp=False)
    cmap = font.getBestCmap() or {}
    if not any(ord(c) in cmap for c in chars):
        return None  # fontconfig found no font for the script: nothing to embed
    options = subset.Options()
    options.layout_features = ["*"]  # the script's shaping: conjuncts, joining, marks
    options.name_IDs = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    # Tables the subsetter cannot subset: dropped by name, not with its warning on the terminal
    # (FFTM, FontForge's timestamp, in DejaVu Sans, a fallback of right-to-left texts).
    options.drop_tables += ["DSIG", "FFTM"]
    subsetter = subset.Subsetter(options)
    # Each letter's other case too: small capitals (the issuer's line) are drawn with capitals.
    subsetter.populate(text=chars + chars.upper() + chars.lower())
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    kind = "font/otf" if "CFF " in font or "CFF2" in font else "font/ttf"
    return out.getvalue(), kind


def embedded_fonts(text: str) -> list[EmbeddedFont]:
    """The font subsets for the scripts of `text` other than Latin, regular and bold."""
    by_script: dict[str, set[str]] = {}
    for char in set(text):  # each character once: a long text repeats its few hundred
        script = _script(char)
        if script is not None:
            by_script.setdefault(script, set()).add(char)
    fonts: list[EmbeddedFont] = []
    for script in sorted(by_script):
        chars = "".join(sorted(by_script[script]))
        seen: set[tuple[str, int]] = set()
        for weight in ("normal", "bold"):
            found = _font_file(chars[0], weight == "bold")
            if found is None or found in seen:
                continue
            seen.add(found)
            made = _subset(*found, chars)
            if made is None:
                continue
            data, kind = made
            extension = "otf" if kind == "font/otf" else "ttf"
            fonts.append(EmbeddedFont(script, weight, f"{script}-{weight}.{extension}", data, kind))
    return fonts
