"""The genre's conventions per language: how preamble paragraphs open, how clauses close.

A document can replace each default in its `conventions:` block. Where no default is
known for a language the convention is not checked: the checker never guesses.
"""

from __future__ import annotations

import re

from ..model import Conventions

# Words that may stand before the participle or adjective ("Deeply alarmed", "Also recalling").
_EN_ADVERBS = {
    "also", "further", "furthermore", "deeply", "gravely", "seriously", "strongly", "fully", "firmly",
    "profoundly", "particularly", "again", "once", "highly", "greatly", "keenly", "noting",
}  # fmt: skip
_EN_OPENERS = {
    "whereas", "mindful", "aware", "conscious", "cognizant", "cognisant", "desirous", "convinced",
    "determined", "resolved", "considering", "bearing", "having", "taking", "guided", "alarmed",
    "concerned", "appreciative", "grateful", "anxious", "confident", "sensible",
}  # fmt: skip
_FR_OPENERS = {
    "considérant", "rappelant", "notant", "reconnaissant", "soulignant", "affirmant", "réaffirmant",
    "convaincu", "convaincue", "convaincus", "convaincues", "conscient", "consciente", "conscients",
    "préoccupé", "préoccupée", "préoccupés", "ayant", "tenant", "vu", "attendu", "profondément",
    "gravement", "vivement", "sachant", "déterminé", "déterminée", "résolu", "résolue",
}  # fmt: skip
_FR_ADVERBS = {
    "profondément",
    "gravement",
    "vivement",
    "également",
    "aussi",
    "de",
    "plus",
    "fermement",
    "très",
}
# Present participles (-ant), past participles and adjectives agreeing with the body (-é, -ée, -eux, -euse...).
_FR_ENDINGS = (
    "ant",
    "é",
    "ée",
    "és",
    "ées",
    "i",
    "ie",
    "is",
    "u",
    "ue",
    "us",
    "ues",
    "eux",
    "euse",
    "euses",
    "ent",
    "ente",
)
_RU_OPENERS = {"будучи", "вновь", "также", "исходя", "руководствуясь"}
_RU_ADVERBS = {
    "глубоко",
    "высоко",
    "серьезно",
    "серьёзно",
    "решительно",
    "вновь",
    "также",
    "особо",
    "настоятельно",
}
# Verbal adverbs (-я, -а, -в, -вшись, -ясь, -сь) and participles or short adjectives (-на, -ен, -ы...).
_RU_ENDINGS = ("я", "а", "в", "вши", "вшись", "сь", "ый", "ая", "ые", "ий", "на", "ен", "ны")

DEFAULT_PREAMBLE_ENDINGS = (";", ",")
PREAMBLE_ENDINGS = {"ar": ("،", "؛", ",", ";"), "fa": ("،", "؛", ",", ";"), "ur": ("،", "؛", ",", ";")}


def preamble_endings(language: str, conventions: Conventions) -> tuple[str, ...]:
    """The punctuation a preamble paragraph may close with."""
    return conventions.preamble_endings or PREAMBLE_ENDINGS.get(_lang(language)) or DEFAULT_PREAMBLE_ENDINGS


DEFAULT_FINAL_ENDING = "."
# Scripts whose full stop is its own character.
FINAL_ENDINGS = {"hy": "։", "zh": "。", "ja": "。", "hi": "।", "am": "።"}


def final_ending(language: str, conventions: Conventions) -> str:
    """The punctuation the last operative clause closes with."""
    return conventions.final_ending or FINAL_ENDINGS.get(_lang(language), DEFAULT_FINAL_ENDING)


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _lang(language: str) -> str:
    return language.split("-")[0].lower()


def first_words(text: str, count: int = 3) -> list[str]:
    """The first words of a text, without punctuation."""
    return _WORD.findall(text)[:count]


def preamble_opening_ok(text: str, language: str, conventions: Conventions) -> bool | None:
    """Whether a preamble paragraph opens as the genre wants; None when there is no rule."""
    if conventions.preamble_openings is not None:
        return any(re.match(re.escape(p) + r"(?!\w)", text.lstrip()) for p in conventions.preamble_openings)
    words = [w.lower() for w in first_words(text, 4)]
    if not words:
        return False
    lang = _lang(language)
    if lang == "en":
        while len(words) > 1 and words[0] in _EN_ADVERBS and not words[0].endswith("ing"):
            words = words[1:]
        head = words[0]
        return head in _EN_OPENERS or head.endswith(("ing", "ed"))
    if lang == "fr":
        while len(words) > 1 and (words[0] in _FR_ADVERBS or words[0] in ("se", "s")):
            words = words[1:]
        return words[0] in _FR_OPENERS or words[0].endswith(_FR_ENDINGS)
    if lang == "ru":
        while len(words) > 1 and words[0] in _RU_ADVERBS:
            words = words[1:]
        return words[0] in _RU_OPENERS or words[0].endswith(_RU_ENDINGS)
    if lang == "hy":
        # The instrumental of the infinitive (-ելով, -ալով) opens Armenian recitals: Ընդունելով, Նշելով.
        while len(words) > 1 and words[0] in _HY_ADVERBS:
            words = words[1:]
        return words[0].endswith(("ելով", "ալով")) or words[0] in _HY_OPENERS
    if lang == "ar":
        # Arabic recitals open with إذ ("as", "whereas") or وإذ, before the verb.
        return words[0] in ("إذ", "وإذ") or words[0].startswith(("إذ", "وإذ"))
    return None


_HY_ADVERBS = {"խորապես", "կրկին", "նաև", "լրջորեն"}
_HY_OPENERS = {"հաշվի", "գիտակցելով", "մտահոգված", "համոզված", "ողջունելով"}

_EN_VERB_ADVERBS = {"also", "further", "again", "strongly", "firmly", "hereby", "once", "furthermore"}


def verb_form(verb: str, language: str) -> str | None:
    """A name for the grammatical form of an operative verb, where the language has a rule.

    English clauses open in the third person singular ("Declares", "Calls upon"); a base
    form ("Call upon") among them is the slip this finds.
    """
    if _lang(language) != "en":
        return None
    words = [w.lower() for w in first_words(verb, 4)]
    while len(words) > 1 and words[0] in _EN_VERB_ADVERBS:
        words = words[1:]
    if not words:
        return None
    return "third person singular (-s)" if words[0].endswith("s") else "base form"


def ending(text: str) -> str:
    """The punctuation a text closes with ('' when it closes with a letter or digit)."""
    stripped = text.rstrip().rstrip("\"'’”»)]")
    for conjunction in (" and", " or", " et", " ou", " и", " или"):
        # "...; and" before the last clause closes like ";"
        if stripped.endswith(conjunction) and stripped[: -len(conjunction)].endswith((";", ",")):
            stripped = stripped[: -len(conjunction)]
            break
    return stripped[-1:] if stripped and not stripped[-1].isalnum() else ""
