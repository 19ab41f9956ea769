"""Never change a character: the loader keeps every character, and the checker sees one lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausepress import build, load, loads
from clausepress.check.epub import check_epub
from clausepress.check.pdf import check_pdf
from clausepress.model import plain_text
from clausepress.presentation import normalize, words

from .conftest import FIXTURES

SPACES = FIXTURES / "spaces.yaml"  # French, with Armenian
ARABIC = FIXTURES / "spaces-ar.yaml"


@pytest.mark.parametrize("source", [SPACES, ARABIC], ids=["fr-hy", "ar"])
def test_the_loader_keeps_every_character(source: Path) -> None:
    import yaml

    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc = load(source)
    assert [plain_text(p.content) for p in doc.preamble] == raw["preamble"]
    assert [plain_text(c.content) for c in doc.operative] == [c["text"] for c in raw["operative"]]
    text = "".join(raw["preamble"]) + "".join(c["text"] for c in raw["operative"])
    assert "\u00a0" in text and "\u202f" in text


@pytest.mark.parametrize("space", [" ", "  ", "\t", "\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"])
def test_the_loader_keeps_runs_of_space_as_written(space: str) -> None:
    doc = loads(f'title: T\noperative:\n  - text: "a{space}b ;{space}c"\n')
    assert plain_text(doc.operative[0].content) == f"a{space}b ;{space}c"


def test_comparison_keeps_no_break_spaces_distinct() -> None:
    assert words("«\u00a0texte\u00a0»\u202f;") == ["«\u00a0texte\u00a0»\u202f;"]
    assert words("« texte » ;") == ["«", "texte", "»", ";"]
    assert normalize("10\u2007000") != normalize("10 000")
    assert normalize("a\u2009b") == "a b"  # a thin space is a breaking one
    assert normalize("ﬁn de ligne") == "fin de ligne"  # a ligature glyph is its letters
    assert normalize("ﻣﺮﺣﺒﺎ") == "مرحبا"  # Arabic presentation forms are their letters


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture as written, and a copy whose no-break spaces became plain ones, built."""
    out = tmp_path_factory.mktemp("spaces")
    plain = out / "plain" / "spaces.yaml"
    plain.parent.mkdir()
    text = SPACES.read_text(encoding="utf-8")
    plain.write_text(text.replace("\\u00a0", " ").replace("\\u202f", " "), encoding="utf-8")
    result = {}
    for name, source in (("kept", SPACES), ("lost", plain), ("arabic", ARABIC)):
        for o in build(source, out / name, formats=("pdf", "epub")):
            result[f"{name}.{o.format}"] = o.path
    return result


def test_outputs_keep_every_character(built: dict[str, Path]) -> None:
    doc = load(SPACES)
    assert [str(f) for f in check_pdf(doc, built["kept.pdf"]) if f.severity == "error"] == []
    assert [str(f) for f in check_epub(doc, built["kept.epub"]) if f.severity == "error"] == []
    arabic = load(ARABIC)
    assert [str(f) for f in check_pdf(arabic, built["arabic.pdf"]) if f.severity == "error"] == []
    assert [str(f) for f in check_epub(arabic, built["arabic.epub"]) if f.severity == "error"] == []


def test_the_checker_sees_a_lost_no_break_space(built: dict[str, Path]) -> None:
    """Outputs made from the text with plain spaces do not pass for the text with no-break ones."""
    doc = load(SPACES)
    for findings in (check_pdf(doc, built["lost.pdf"]), check_epub(doc, built["lost.epub"])):
        # A block whose opening words changed is not found at all; one changed later differs.
        seen = {f.message.split(" differs")[0].split(" (")[0] for f in findings
                if f.code in ("text.mismatch", "pdf.clause-missing", "epub.clause-missing")}  # fmt: skip
        assert seen == {"preamble paragraph 1", "preamble paragraph 2", "operative clause 1"}, findings


def test_the_pdf_check_reads_a_character_beyond_the_bmp_whole(tmp_path: Path) -> None:
    """PDFium gives a character beyond U+FFFF ('𝗄', a look-alike letter in a signer's name) as its two
    UTF-16 halves: the checker reads them as the one character the source has."""
    source = tmp_path / "astral.yaml"
    source.write_text(
        "title: A name in look-alike letters\noperative:\n  - text: Signed by Yurko Ꭻаrеⅿ𝗄ס, President.\n",
        encoding="utf-8",
    )
    (pdf,) = [o.path for o in build(source, tmp_path / "out", formats=("pdf",))]
    assert [str(f) for f in check_pdf(load(source), pdf) if f.severity == "error"] == []
