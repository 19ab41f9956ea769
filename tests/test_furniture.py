"""The words clausepress adds, in the document's language: the catalogues are whole, their
placeholders intact, the language chosen by its tag, and the built PDF and EPUB say them."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from clausepress import build
from clausepress.check import check_document, check_source
from clausepress.furniture import (
    ACCESSIBILITY_SUMMARY,
    LOCALE,
    MESSAGES,
    catalogue,
    catalogue_languages,
    format_date,
)
from clausepress.source import load

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The six UN languages and those of the Universal Declaration's copies the issue names.
REQUIRED = {
    "ar",
    "zh",
    "zh_Hant",
    "fr",
    "ru",
    "es",
    "ja",
    "hi",
    "he",
    "el",
    "ka",
    "am",
    "hy",
    "fa",
    "de",
    "it",
    "pt",
    "tr",
}


def test_the_languages_required_have_a_catalogue() -> None:
    assert set(catalogue_languages()) >= REQUIRED


@pytest.mark.parametrize("language", sorted(p.stem for p in LOCALE.glob("*.po")))
def test_a_catalogue_translates_every_message_and_keeps_its_placeholders(language: str) -> None:
    with (LOCALE / f"{language}.po").open("rb") as po:
        read = read_po(po)
    entries = {m.id: m for m in read if m.id}
    assert set(entries) == set(MESSAGES), set(entries) ^ set(MESSAGES)
    for message in MESSAGES:
        entry = entries[message]
        assert entry.string and not entry.fuzzy, message
        assert sorted(_PLACEHOLDER.findall(entry.string)) == sorted(_PLACEHOLDER.findall(message)), message
        assert entry.string != message or message in ("Notes", "Page {page} of {pages}"), (language, message)


@pytest.mark.parametrize(
    ("tag", "catalogue_language", "fallback"),
    [("fr", "fr", False), ("fr-CA", "fr", False), ("zh-Hans", "zh", False), ("zh-CN", "zh", False),
     ("zh-Hant", "zh_Hant", False), ("zh-TW", "zh_Hant", False), ("pt-PT", "pt", False), ("en-GB", "en", False),
     ("ko", "en", True), ("x-klingon", "en", True)],
)  # fmt: skip
def test_the_catalogue_is_chosen_by_language_and_script(
    tag: str, catalogue_language: str, fallback: bool
) -> None:
    words = catalogue(tag)
    assert (words.language, words.fallback) == (catalogue_language, fallback)


def test_dates_are_written_by_the_language_s_rules() -> None:
    day = dt.date(2024, 9, 2)
    assert format_date(day, "en") == "2 September 2024"
    assert format_date(day, "fr") == "2 septembre 2024"
    assert format_date(day, "ru") == "2 сентября 2024\u202fг."  # CLDR: a narrow no-break space
    assert format_date(day, "zh-Hans") == "2024年9月2日"
    assert format_date(day, "es") == "2 de septiembre de 2024"


_SOURCE = """title: {title}
language: {language}
adopted: 2024-09-02
preamble:
  - text: "{recital} [x][lost]"
operative:
  - text: "{clause}"
annexes:
  - paragraphs:
      - text: "{clause}"
sources:
  lost:
    status: missing
"""
# Each a line of the Universal Declaration in the language (its own first article's words), for
# a unit test of the furniture only.
_TEXTS = {
    "fr": (
        "Déclaration",
        "Considérant que la reconnaissance de la dignité",
        "Tous les êtres humains naissent libres.",
    ),
    "ar": ("الإعلان", "لما كان الاعتراف بالكرامة المتأصلة", "يولد جميع الناس أحرارًا."),
    "zh-Hans": ("宣言", "鉴于对人类家庭所有成员的固有尊严", "人人生而自由。"),
    "ko": ("선언", "인류 가족 모든 구성원의 고유한 존엄성", "모든 사람은 태어날 때부터 자유롭다."),
}


@pytest.mark.parametrize("language", sorted(_TEXTS))
def test_the_pdf_and_the_epub_say_the_added_words_in_the_document_s_language(
    language: str, tmp_path: Path
) -> None:
    title, recital, clause = _TEXTS[language]
    source = tmp_path / "doc.yaml"
    source.write_text(
        _SOURCE.format(title=title, language=language, recital=recital, clause=clause), encoding="utf-8"
    )
    outputs = {
        o.format: o.path for o in build(source, tmp_path / "out", formats=["pdf", "epub"], cache=False)
    }
    words = catalogue(language)
    pdf_text = subprocess.run(
        ["pdftotext", str(outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext wraps right-to-left runs in embedding controls and may order a line's words by
    # their places: each word of the added texts is looked for.
    shown = set(re.findall(r"\w+", pdf_text))
    for added in (
        words("Page {page} of {pages}", page=1, pages=2),
        words("Link target not given in the source text."),
    ):
        assert set(re.findall(r"\w+", added)) <= shown, (added, sorted(shown))
    with zipfile.ZipFile(outputs["epub"]) as epub:
        nav = epub.read("EPUB/nav.xhtml").decode()
        document = epub.read("EPUB/document.xhtml").decode()
        opf = epub.read("EPUB/content.opf").decode()
    for message in (
        "Contents",
        "Preamble",
        "Operative part",
        "Pages of the printed edition",
        "Landmarks",
        "Cover",
    ):
        assert f">{words(message)}<" in nav, message
    assert f'aria-label="{words("Preamble")}"' in document and f">{words('Notes')}</h2>" in document
    assert words("Annex {number}", number=1) in nav
    assert words(ACCESSIBILITY_SUMMARY) in opf  # the accessibility summary
    # The checker knows the page numbering in the language: it is no part of the text.
    report = check_document(source, outputs["pdf"], outputs["epub"])
    assert [str(f) for f in report.findings if f.severity == "error"] == []
    said = [f for f in check_source(load(source)) if f.code == "language.furniture"]
    assert len(said) == (1 if words.fallback else 0)
    if words.fallback:
        assert said[0].line == 2 and "'ko'" in said[0].message


@pytest.mark.parametrize(
    ("language", "verb", "style"),
    [("zh-Hans", "决定", "normal"), ("ja", "決定する", "normal"), ("fr", "Décide", "italic")],
)
def test_scripts_without_italics_mark_the_verb_in_bold(language: str, verb: str, style: str) -> None:
    """Chinese and Japanese have no italics: the operative verb is bold and upright (a Latin
    script's stays italic)."""
    import weasyprint

    from clausepress import loads
    from clausepress.render.html import render_html

    doc = loads(f"title: T\nlanguage: {language}\noperative:\n  - verb: {verb}\n    text: x。\n", "t.yaml")
    page = weasyprint.HTML(string=render_html(doc)).render().pages[0]

    def verbs(box: object) -> list[object]:
        element = getattr(box, "element", None)
        if (
            element is not None
            and "verb" in (element.get("class") or "").split()
            and type(box).__name__ == "InlineBox"
        ):
            return [box]
        return [v for c in getattr(box, "children", ()) for v in verbs(c)]

    (found, *_) = verbs(page._page_box)
    assert found.style["font_style"] == style  # type: ignore[attr-defined]
    assert (found.style["font_weight"] >= 700) == (style == "normal")  # type: ignore[attr-defined]


def test_the_page_numbers_are_in_the_digits_the_clauses_are_numbered_in(tmp_path: Path) -> None:
    """A document whose clauses are numbered in the script's own digits (the Hindi Declaration's
    "अनुच्छेद १") has its page numbers in them too ("पृष्ठ १ / २"); the checker reads them as
    furniture. Western digits, letters and no number keep CSS's decimal page numbers."""
    from clausepress.furniture import numeral_style

    assert numeral_style(["१", "२"]) == "devanagari"
    assert numeral_style(["", "۱"]) == "persian" and numeral_style(["١"]) == "arabic-indic"
    assert numeral_style(["1", "א", "一", "", "1bis"]) is None
    source = tmp_path / "doc.yaml"
    clauses = "".join(
        f"  - number: '{d}'\n    text: \"{d}: सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।\"\n"
        for d in "१२३४५६७८९"
    )
    source.write_text(f"title: घोषणा\nlanguage: hi\nform: articles\noperative:\n{clauses}", encoding="utf-8")
    outputs = {o.format: o.path for o in build(source, tmp_path / "out", formats=["pdf"], cache=False)}
    pdf_text = subprocess.run(
        ["pdftotext", str(outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert catalogue("hi")("Page {page} of {pages}", page="१", pages="१") in pdf_text
    report = check_document(source, outputs["pdf"], None)
    assert [str(f) for f in report.findings if f.severity == "error"] == []
