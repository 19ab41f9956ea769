"""The words clausepress adds to a document, in the document's language.

Every word a build adds that is not the source's (the page numbering, the contents and the
outline's group titles, the landmarks, the notes' heading, the footnote texts for a missing
or an editorial target, the cover's alternative text, the accessibility summary) comes from
one gettext catalogue per language, `locale/<language>.po`, read with Babel; dates are
written by CLDR's rules for the language (Babel), not by a table of month names. A language
with no catalogue gets English, and `clausepress check` says so once (`language.furniture`).

The English texts are the message ids (`MESSAGES`): a catalogue that lacks one, or whose
translation drops or adds a `{placeholder}`, fails the tests.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.messages.pofile import read_po

__all__ = [
    "ACCESSIBILITY_SUMMARY",
    "MESSAGES",
    "Furniture",
    "catalogue",
    "catalogue_languages",
    "format_date",
    "numeral_style",
]

LOCALE = Path(__file__).with_name("locale")

# The EPUB's accessibility summary (schema:accessibilitySummary): only what the tests verify.
ACCESSIBILITY_SUMMARY = (
    "A text-only document in reading order, with its language set, headings and landmarks for "
    "structural navigation, a table of contents listing every operative clause, footnotes that "
    "link to and from their calls, and a page list matching the pages of the printed PDF. Its one "
    "image is the cover, which shows the title, the issuer and the date and says so in its "
    "alternative text. It has no audio, no video and no hazards."
)

# Every text a build adds, as written in English: the catalogues' message ids.
MESSAGES = (
    "Page {page} of {pages}",
    "Contents",
    "Index of documents by number",  # a volume's index (volume.py)
    "Preamble",
    "Operative part",
    "Annex",
    "Annex {number}",
    "Notes",
    "Pages of the printed edition",
    "Landmarks",
    "Cover",
    "Link target not given in the source text.",
    "Address supplied by the editor.",
    "Link target not usable: “{url}”.",
    "Link target not usable (not an http or https address).",
    "Accessed {date}.",
    ACCESSIBILITY_SUMMARY,
)


@dataclass(frozen=True)
class Furniture:
    """The added words of one language: `words("Notes")`, `words("Page {page} of {pages}",
    page=1, pages=4)`. `language` is the catalogue's (its tag as the file names it); `fallback`
    says that the document's language has none, and the words are English."""

    language: str
    fallback: bool = False
    messages: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, message: str, **values: object) -> str:
        if message not in MESSAGES:
            raise KeyError(f"{message!r} is no message of clausepress's catalogues (furniture.MESSAGES)")
        text = self.messages.get(message) or message
        return text.format(**values) if values else text


def catalogue_languages() -> list[str]:
    """The languages with a catalogue, as their files name them (`zh_Hant`, `fr`)."""
    return sorted(p.stem for p in LOCALE.glob("*.po"))


def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=64)
def catalogue(language: str) -> Furniture:
    """The furniture for a document in `language` (a BCP 47 tag): the catalogue of its
    language and script (`zh-Hant`, `zh-TW`: `zh_Hant`), else of its language (`pt-PT`: `pt`),
    else English."""
    base = language.split("-")[0].lower()
    if base == "en":
        return Furniture("en")
    locale = _locale(language)
    names = []
    if locale is not None:
        if locale.script:
            names.append(f"{locale.language}_{locale.script}")
        elif locale.language == "zh" and locale.territory in ("TW", "HK", "MO"):
            names.append("zh_Hant")
        names.append(locale.language)
    names.append(base)
    for name in names:
        path = LOCALE / f"{name}.po"
        if path.is_file():
            with path.open("rb") as po:
                read = read_po(po)
            messages = {
                m.id: m.string
                for m in read
                if isinstance(m.id, str) and isinstance(m.string, str) and m.id and m.string and not m.fuzzy
            }
            return Furniture(name, False, messages)
    return Furniture("en", fallback=True)


def format_date(date: _dt.date, language: str) -> str:
    """A date as the document's language writes it in full (CLDR's long date: "2 September
    2024", "2 septembre 2024", "2024年9月2日"). English is written day, month, year, as the
    bodies clausepress serves print it; a language CLDR does not know gets ISO 8601."""
    if language.split("-")[0].lower() == "en":
        return _babel_date(date, format="d MMMM y", locale="en")
    locale = _locale(language)
    if locale is None:
        return date.isoformat()
    return _babel_date(date, format="long", locale=locale)


# CSS's predefined numeric counter styles (CSS Counter Styles 3, which WeasyPrint ships) by the
# zero of their digits: the page numbers are counted in the digits the document numbers its clauses in.
_COUNTER_STYLES = {
    "\u0660": "arabic-indic", "\u06f0": "persian", "\u0966": "devanagari", "\u09e6": "bengali",
    "\u0a66": "gurmukhi", "\u0ae6": "gujarati", "\u0b66": "oriya", "\u0be6": "tamil", "\u0c66": "telugu",
    "\u0ce6": "kannada", "\u0d66": "malayalam", "\u0e50": "thai", "\u0ed0": "lao", "\u0f20": "tibetan",
    "\u1040": "myanmar", "\u17e0": "khmer", "\u1810": "mongolian",
}  # fmt: skip


def numeral_style(numbers: Iterable[str]) -> str | None:
    """The CSS counter style of the script's own digits the clause numbers are written in
    ("अनुच्छेद १": "devanagari", "ماده ۱": "persian"), or None for Western digits, letters or none."""
    import unicodedata

    for number in numbers:
        for c in number:
            value = unicodedata.decimal(c, None)
            if value is not None and not c.isascii():
                return _COUNTER_STYLES.get(chr(ord(c) - value))
    return None
