"""Sound documents: the checker finds nothing in their sources, PDFs and EPUBs."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausepress import load, loads
from clausepress.check import check_document
from clausepress.check.source import check_source

from ..conftest import FIXTURES, Built, _build
from .conftest import FR, RU, UN

SOUND = {
    "un_resolution": UN,
    "fr_resolution": FR,
    "ru_resolution": RU,
    "subclauses": FIXTURES / "subclauses.yaml",
    "armenian": FIXTURES / "armenian.yaml",
}


@pytest.fixture(scope="module", params=sorted(SOUND))
def sound(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each sound document, built once for this module."""
    return _build(SOUND[request.param], tmp_path_factory.mktemp(request.param))


def test_sound_document_has_no_findings(sound: Built) -> None:
    report = check_document(sound.source, sound.pdf, sound.epub)
    assert [str(f) for f in report.findings] == []
    assert set(report.checked) == {"pdf", "epub"}


def test_sound_document_cites_something(sound: Built) -> None:
    # Without a citation, the footnote and link checks would have nothing to find.
    assert load(sound.source).citations()


@pytest.mark.parametrize("path", [UN, FR, RU], ids=["en", "fr", "ru"])
def test_written_fixtures_use_their_language(path: Path) -> None:
    doc = load(path)
    assert doc.language == {UN: "en", FR: "fr", RU: "ru"}[path]
    assert len(doc.preamble) >= 4 and all(p.content for p in doc.preamble)


def test_un_fixture_has_what_the_defect_tests_edit() -> None:
    doc = load(UN)
    assert all(c.number_explicit for c in doc.operative)
    assert [c.number for c in doc.operative] == [str(n) for n in range(1, 10)]
    labels = [(s.label, [t.label for t in s.subclauses]) for s in doc.operative[2].subclauses]
    assert labels == [("a", []), ("b", ["i", "ii"]), ("c", [])]
    assert all(s.url is None or ".test/" in s.url for s in doc.sources.values())


# A sound document whose enacting line is one word that the title block also shows
# (the issuer opens with it): the text checks must find the enacting line where it
# stands, not in the title block.
def test_enacting_line_whose_words_the_title_block_repeats(tmp_path: Path) -> None:
    text = RU.read_text(encoding="utf-8")
    issuer = "issuer: Международный совет архивистов"
    assert text.count(issuer) == 1 and 'enacting: "Ассамблея"' in text
    source = tmp_path / "ru-assembly.yaml"
    source.write_text(text.replace(issuer, "issuer: Ассамблея Международного совета архивистов"), "utf-8")
    built = _build(source, tmp_path / "out")
    report = check_document(source, built.pdf, built.epub)
    assert [str(f) for f in report.findings] == []


# Openings that United Nations resolutions use, in each language the checker has rules for:
# none of them is a slip of the genre.
COMMON_OPENINGS = {
    "en": ["Taking note of", "Having considered", "Further noting", "Deeply concerned by", "Aware of"],
    "fr": ["Rappelant", "Prenant note de", "Se félicitant de", "Soucieuse de", "Vivement préoccupée par"],
    "ru": ["Напоминая о", "Руководствуясь", "Ссылаясь на", "Стремясь к", "Высоко оценивая"],
}


@pytest.mark.parametrize("language", sorted(COMMON_OPENINGS))
def test_common_preamble_openings_are_accepted(language: str) -> None:
    paragraphs = "".join(f"  - {opening} the work done,\n" for opening in COMMON_OPENINGS[language])
    doc = loads(
        f"title: T\nlanguage: {language}\npreamble:\n{paragraphs}"
        "operative:\n  - verb: Decides\n    text: to act.\n",
        "openings.yaml",
    )
    assert [str(f) for f in check_source(doc)] == []
