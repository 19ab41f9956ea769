"""The genre's conventions per language: how preamble paragraphs open, how clauses open and close.

Each language is one `LanguageConventions` value in `LANGUAGES`; `preamble_opening_ok`,
`preamble_endings`, `final_ending` and `verb_form` read it. A document can replace each default
in its `conventions:` block. Where no rule is known for a language the convention is not
checked (the functions return None): the checker never guesses.

The rules for Arabic, Chinese, English, French, Russian and Spanish were read from the six
language versions of the same United Nations texts (the UN Parallel Corpus development set,
resolutions and draft resolutions of 2015); the provenance of each rule, and what was measured
against it, is in docs/conventions.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model import Conventions


@dataclass(frozen=True)
class Openings:
    """How a preamble paragraph opens in a language.

    A paragraph opens as the genre wants when, after any `adverbs` ("Deeply", "Also"), its
    first word is one of `words`, begins with one of `prefixes` or ends with one of `endings`
    (a participle, a gerund, an adjective agreeing with the body). In a script written without
    spaces (`unspaced`) the text itself is matched: `adverb_prefixes` are taken off its start,
    then it must begin with one of `prefixes`.
    """

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    endings: tuple[str, ...] = ()
    adverbs: frozenset[str] = frozenset()
    # A preposition that stands with the noun after it as an adverb: Russian "с удовлетворением".
    with_next: frozenset[str] = frozenset()
    # Words that, standing second, make the first an opening: Arabic "وإدراكا منه" ("recognizing").
    seconds: frozenset[str] = frozenset()
    unspaced: bool = False
    adverb_prefixes: tuple[str, ...] = ()
    # Endings of nouns that `endings` would take for a participle: Russian "усилия" (-ия) is no
    # verbal adverb (-я).
    not_endings: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerbForms:
    """How to name the grammatical form of an operative verb.

    The form of the first word after `adverbs` (and after a reflexive `particles` prefix) is the
    form of the longest of `suffixes` it ends with or of `prefixes` it begins with, else the one
    `words` gives it, else `default` (None: not told).
    """

    suffixes: tuple[tuple[str, str], ...] = ()
    prefixes: tuple[tuple[str, str], ...] = ()
    words: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    adverbs: frozenset[str] = frozenset()
    particles: tuple[str, ...] = ()
    # A preposition taken off with the word after it: Russian "с удовлетворением отмечает".
    with_next: frozenset[str] = frozenset()
    default: str | None = None
    # In a script written without spaces the text itself is matched: `adverb_prefixes` are taken
    # off its start, then the form is the one `prefixes` gives the longest of them it begins with
    # (or is), else `default`.
    unspaced: bool = False
    adverb_prefixes: tuple[str, ...] = ()

    def opening(self, text: str) -> tuple[str, str | None]:
        """In a script without spaces: the adverbs and verb a text opens with ("又请"), and its form
        ("", None when it opens with none of `prefixes`)."""
        rest = text
        while (adverb := next((a for a in self.adverb_prefixes if rest.startswith(a)), None)) is not None:
            rest = rest[len(adverb) :]
        found = [(len(p), f) for p, f in self.prefixes if rest.startswith(p)]
        if not found:
            return "", None
        size, form = max(found)
        return text[: len(text) - len(rest) + size], form

    def form(self, verb: str) -> str | None:
        if self.unspaced:
            return self.opening(verb.strip())[1] or self.default
        words = [w.lower() for w in first_words(verb, 6)]
        while len(words) > 1 and (words[0] in self.adverbs or words[0] in self.with_next):
            words = words[2:] if words[0] in self.with_next and len(words) > 2 else words[1:]
        if not words:
            return None
        head = words[0]
        for particle in self.particles:
            if head.startswith(particle) and len(head) > len(particle):
                head = head[len(particle) :]
                break
        if head in self.words:
            return self.words[head]
        matches = [(len(e), f) for e, f in self.suffixes if head.endswith(e) and len(head) > len(e)]
        matches += [(len(p), f) for p, f in self.prefixes if head.startswith(p) and len(head) > len(p)]
        return max(matches)[1] if matches else self.default


@dataclass(frozen=True)
class LanguageConventions:
    """One language's conventions of the genre: the checker's defaults for it."""

    language: str
    openings: Openings | None = None
    preamble_endings: tuple[str, ...] = (";", ",")
    final_ending: str = "."
    verb_forms: VerbForms | None = None


# --- English ---------------------------------------------------------------------------------

_EN = LanguageConventions(
    language="en",
    openings=Openings(
        words=frozenset({
            "whereas", "mindful", "aware", "conscious", "cognizant", "cognisant", "desirous", "convinced",
            "determined", "resolved", "considering", "bearing", "having", "taking", "guided", "alarmed",
            "concerned", "appreciative", "grateful", "anxious", "confident", "sensible",
        }),
        endings=("ing", "ed"),
        # Words that may stand before the participle or adjective ("Deeply alarmed", "Also recalling").
        adverbs=frozenset({
            "also", "further", "furthermore", "deeply", "gravely", "seriously", "strongly", "fully", "firmly",
            "profoundly", "particularly", "again", "once", "highly", "greatly", "keenly", "noting",
        }),
    ),
    # English clauses open in the third person singular ("Declares", "Calls upon"); a base form
    # ("Call upon") among them is the slip.
    verb_forms=VerbForms(
        suffixes=(("s", "third person singular (-s)"),),
        adverbs=frozenset({"also", "further", "again", "strongly", "firmly", "hereby", "once", "furthermore"}),
        default="base form",
    ),
)  # fmt: skip

# --- French ----------------------------------------------------------------------------------

_FR = LanguageConventions(
    language="fr",
    openings=Openings(
        words=frozenset({
            "considérant", "rappelant", "notant", "reconnaissant", "soulignant", "affirmant", "réaffirmant",
            "convaincu", "convaincue", "convaincus", "convaincues", "conscient", "consciente", "conscients",
            "préoccupé", "préoccupée", "préoccupés", "ayant", "tenant", "vu", "attendu", "profondément",
            "gravement", "vivement", "sachant", "déterminé", "déterminée", "résolu", "résolue",
        }),
        # Present participles (-ant), past participles and adjectives agreeing with the body (-é, -ée, -eux...).
        endings=("ant", "é", "ée", "és", "ées", "i", "ie", "is", "u", "ue", "us", "ues", "eux", "euse", "euses",
                 "ent", "ente"),
        adverbs=frozenset({"profondément", "gravement", "vivement", "également", "aussi", "de", "plus",
                           "fermement", "très", "se", "s"}),
    ),
    # The body's verb in the third person singular of the present ("Décide", "Prie", "Prend note",
    # "Se félicite"). An infinitive ("Décider"), a plural ("Décident") or a present participle
    # ("Décidant", the preamble's form) among them is the slip. Infinitives in -re are told by
    # their endings (prendre, reconnaître, mettre, conduire, inscrire, conclure, résoudre, suivre)
    # and a few words, since a third person may end in -re too ("Déclare", "Considère").
    verb_forms=VerbForms(
        suffixes=(
            ("ant", "present participle"), ("er", "infinitive"), ("ir", "infinitive"), ("oir", "infinitive"),
            ("dre", "infinitive"), ("ttre", "infinitive"), ("aître", "infinitive"), ("uire", "infinitive"),
            ("crire", "infinitive"), ("clure", "infinitive"), ("soudre", "infinitive"), ("suivre", "infinitive"),
            ("ent", "third person plural"), ("ient", "third person singular present"),
            ("ont", "third person plural"),
        ),
        words=MappingProxyType({w: "infinitive" for w in ("faire", "dire", "lire", "élire", "croire", "interdire")}),
        adverbs=frozenset({"se", "s", "également", "aussi", "de", "nouveau"}),
        particles=("s'", "s’"),
        default="third person singular present",
    ),
)  # fmt: skip

# --- Russian ---------------------------------------------------------------------------------

_RU = LanguageConventions(
    language="ru",
    openings=Openings(
        words=frozenset({"будучи", "вновь", "также", "исходя", "руководствуясь"}),
        # Verbal adverbs (-я, -а, -в, -вши, -вшись, -ясь, -сь), short participles (-на, -ен, -ны:
        # "будучи убежден", "обеспокоена") and full participles by their suffixes, passive -нн-, -т-
        # and active -щ-, -вш- ("обеспокоенный", "действующая"); not a full adjective in -ный, -ский
        # ("Международный день" is the object of a recital that lost its "приветствуя").
        endings=("я", "а", "в", "вши", "вшись", "сь", "на", "ен", "ны",
                 *(stem + end for stem in ("нн", "щ", "вш") for end in ("ый", "ий", "ая", "ое", "ые", "ее", "ие")),
                 "тый", "тая", "тые"),
        adverbs=frozenset({"глубоко", "высоко", "серьезно", "серьёзно", "решительно", "вновь", "также", "особо",
                           "настоятельно"}),
        # "с обеспокоенностью отмечая", "с удовлетворением принимая к сведению" (S/RES/2196 (2015),
        # E/CN.5/2015/L.3 in the UN Parallel Corpus).
        with_next=frozenset({"с"}),
        # None of the 88 recitals' verbal adverbs in the set ends so; the nouns "резолюция", "усилия" do.
        not_endings=("ия", "ея", "ья"),
    ),
    # "постановляет", "призывает", "просит", "признает": the third person singular. An infinitive
    # ("постановить"), a plural ("постановляют") or a verbal adverb ("постановляя", the preamble's
    # form) among them is the slip. A word the endings do not tell is not named.
    verb_forms=VerbForms(
        suffixes=(
            ("ть", "infinitive"), ("ти", "infinitive"), ("чь", "infinitive"), ("ться", "infinitive"),
            ("ет", "third person singular"), ("ёт", "third person singular"), ("ит", "third person singular"),
            ("ется", "third person singular"), ("ётся", "third person singular"), ("ится", "third person singular"),
            ("ют", "third person plural"), ("ят", "third person plural"), ("ут", "third person plural"),
            ("ат", "third person plural"), ("ются", "third person plural"), ("ятся", "third person plural"),
            ("я", "verbal adverb"), ("ясь", "verbal adverb"),
            ("вшись", "verbal adverb"),
        ),
        adverbs=frozenset({"настоятельно", "вновь", "также", "далее", "особо", "высоко", "решительно", "еще",
                           "ещё", "глубоко", "твердо", "твёрдо", "полностью", "категорически", "неизменно",
                           "самым", "решительным", "образом"}),
        with_next=frozenset({"с"}),
    ),
)  # fmt: skip

# --- Spanish ---------------------------------------------------------------------------------

_ES = LanguageConventions(
    language="es",
    openings=Openings(
        # Gerunds ("Recordando", "Reafirmando", "Teniendo presente", "Habiéndose reunido") and
        # participles or adjectives agreeing with the body ("Convencida", "Profundamente preocupada").
        endings=("ando", "iendo", "yendo", "ándose", "iéndose", "ado", "ada", "ados", "adas", "ido", "ida",
                 "idos", "idas"),
        words=frozenset({"consciente", "conscientes", "resuelta", "resuelto", "resueltas", "resueltos",
                         "dispuesta", "dispuesto", "deseosa", "deseoso", "deseosos", "persuadida", "persuadido"}),
        adverbs=frozenset({"profundamente", "gravemente", "seriamente", "sumamente", "hondamente", "firmemente",
                           "plenamente", "también", "asimismo", "además", "nuevamente"}),
    ),
    # "Decide", "Exhorta", "Pide", "Insta", "Toma nota", "Acoge con beneplácito": the third person
    # singular of the present. An infinitive ("Decidir", "Felicitarse"), a plural ("Deciden") or a
    # gerund ("Decidiendo", the preamble's form) among them is the slip.
    verb_forms=VerbForms(
        suffixes=(
            ("ar", "infinitive"), ("er", "infinitive"), ("ir", "infinitive"), ("ír", "infinitive"),
            ("arse", "infinitive"), ("erse", "infinitive"), ("irse", "infinitive"),
            ("ndo", "gerund"), ("ndose", "gerund"), ("an", "third person plural"), ("en", "third person plural"),
        ),
        adverbs=frozenset({"también", "asimismo", "además", "nuevamente", "igualmente", "se"}),
        default="third person singular present",
    ),
)  # fmt: skip

# --- Arabic ----------------------------------------------------------------------------------


_AR = LanguageConventions(
    language="ar",
    openings=Openings(
        # إذ ("as", "whereas") or وإذ before the verb (وإذ تشير، وإذ تؤكد); وقد before a perfect
        # ("وقد نظرت", having considered).
        prefixes=("إذ", "وإذ"),
        words=frozenset({"وقد", "قد"}),
        # "وإدراكا منه" ("recognizing", S/RES/2208 (2015)), "واقتناعا منه" ("convinced", S/RES/2197
        # (2015)): an accusative verbal noun with منه or منها ("on its part") after it.
        seconds=frozenset({"منه", "منها"}),
    ),
    preamble_endings=("،", "؛", ",", ";"),
    # The imperfect in the third person singular: feminine for the General Assembly (تقرر، تطلب،
    # تهيب), masculine for the Security Council (يقرر، يطلب). A switch of gender among them, or a
    # word that is no imperfect, is the slip. A verbal noun of the second form (تأكيد) begins
    # with ت too: that slip is not found.
    verb_forms=VerbForms(
        prefixes=(
            ("ت", "third person feminine singular imperfect"), ("وت", "third person feminine singular imperfect"),
            ("ي", "third person masculine singular imperfect"), ("وي", "third person masculine singular imperfect"),
        ),
        adverbs=frozenset({"كما", "ثم"}),
        default="not an imperfect",
    ),
)  # fmt: skip

# --- Chinese ---------------------------------------------------------------------------------

# Verbs and verb phrases that open the recitals of the Chinese version of United Nations
# resolutions (the UN Parallel Corpus development set, 2015), and 鉴于 ("whereas") of the
# Universal Declaration.
_ZH_OPENERS = (
    "回顾", "重申", "注意到", "认识到", "强调", "着重指出", "表示", "欢迎", "确认", "铭记", "关切", "指出",
    "谴责", "申明", "痛惜", "深信", "赞扬", "肯定", "认定", "审议了", "提及", "呼吁", "鉴于",
)  # fmt: skip
# 又, 还 ("also"), 再次 ("again"), 特别 ("particularly"), 就此 ("in this regard").
_ZH_ADVERBS = ("又", "还", "也", "再次", "特别", "就此", "深为")
# The same words in traditional characters, and 茲 / 復 ("now" / "further") before 鑒於, as the
# Chinese text of the Universal Declaration of 1948 has them.
_HANT = str.maketrans(
    "顾认识强着欢确铭关谴赞扬审议鉴吁还调责记于决请励坚张点满别严赏",
    "顧認識強著歡確銘關譴讚揚審議鑒籲還調責記於決請勵堅張點滿別嚴賞",
)

# The verbs (and verb phrases) the operative clauses of the same set open with: 98 of its 100
# clauses, after the adverbs 又, 还 ("also", "further"), 强烈, 大力 ("strongly"), 最强烈地 ("in the
# strongest terms"), 严重 ("gravely"), 赞赏地 ("with appreciation"). The other two lines are no
# clauses (a list of speakers, "Representatives of the ..."). They are not inflected: what the
# checker can tell is whether a clause opens with an operative verb at all (a recital's 鉴于
# "whereas" or a noun at its head is the slip), and the importer finds the verb by them.
ZH_OPERATIVE_VERBS = (
    "决定", "请", "吁请", "促请", "敦促", "鼓励", "邀请", "重申", "确认", "注意到", "表示注意到", "欢迎",
    "强调", "强调指出", "着重指出", "特别指出", "重点指出", "表示", "表示关切", "表示深为关切", "表示支持",
    "表示满意", "关切", "赞同", "坚决主张", "肯定", "核准", "谴责", "回顾",
)  # fmt: skip
ZH_OPERATIVE_ADVERBS = ("又", "还", "强烈", "大力", "最强烈地", "严重", "赞赏地")
_OPERATIVE = "operative verb"


def _zh_verbs(characters: dict[int, int]) -> VerbForms:
    """The operative verbs, in simplified characters or translated by a character table."""
    return VerbForms(
        unspaced=True,
        prefixes=tuple((v.translate(characters), _OPERATIVE) for v in ZH_OPERATIVE_VERBS),
        adverb_prefixes=tuple(a.translate(characters) for a in ZH_OPERATIVE_ADVERBS),
        default="no operative verb",
    )


_ZH = LanguageConventions(
    language="zh",
    openings=Openings(unspaced=True, prefixes=_ZH_OPENERS, adverb_prefixes=_ZH_ADVERBS),
    # Recitals close with "，" (the UN's Chinese texts) or "；" (the Declaration of 1948).
    preamble_endings=("，", "；", ",", ";"),
    final_ending="。",
    verb_forms=_zh_verbs({}),
)  # fmt: skip
_ZH_HANT = LanguageConventions(
    language="zh-hant",
    openings=Openings(
        unspaced=True,
        prefixes=tuple(sorted({o.translate(_HANT) for o in _ZH_OPENERS} | {"着重指出"})),
        adverb_prefixes=tuple(a.translate(_HANT) for a in _ZH_ADVERBS) + ("茲", "復"),
    ),
    preamble_endings=_ZH.preamble_endings,
    final_ending="。",
    verb_forms=_zh_verbs(_HANT),
)  # fmt: skip

# --- Armenian -------------------------------------------------------------------------------

_HY = LanguageConventions(
    language="hy",
    # The instrumental of the infinitive (-ելով, -ալով) opens Armenian recitals: Ընդունելով, Նշելով.
    openings=Openings(
        words=frozenset({"հաշվի", "գիտակցելով", "մտահոգված", "համոզված", "ողջունելով"}),
        endings=("ելով", "ալով"),
        adverbs=frozenset({"խորապես", "կրկին", "նաև", "լրջորեն"}),
    ),
    final_ending="։",
)  # fmt: skip

# --- Dutch ------------------------------------------------------------------------------------

# The Dutch Statute of the Council of Europe (tests/corpus/coe-statute-1949-nl): "Overtuigd, dat",
# "Opnieuw bevestigende", "Gelovende, dat", "Overwegende, dat": present participles in -ende,
# the past participle "Overtuigd", the adverb "Opnieuw" before them.
_NL = LanguageConventions(
    language="nl",
    openings=Openings(endings=("ende",), words=frozenset({"overtuigd"}), adverbs=frozenset({"opnieuw"})),
)

LANGUAGES: Mapping[str, LanguageConventions] = MappingProxyType({
    "en": _EN, "fr": _FR, "ru": _RU, "es": _ES, "ar": _AR, "zh": _ZH, "zh-hant": _ZH_HANT, "hy": _HY, "nl": _NL,
    "fa": LanguageConventions("fa", preamble_endings=_AR.preamble_endings),
    "ur": LanguageConventions("ur", preamble_endings=_AR.preamble_endings),
    # The Japanese Declaration's recitals close with "、" (tests/corpus/udhr-ja-nltk).
    "ja": LanguageConventions("ja", preamble_endings=("、", "，", "；"), final_ending="。"),
    "hi": LanguageConventions("hi", final_ending="।"),
    "am": LanguageConventions("am", final_ending="።"),
})  # fmt: skip


def language_conventions(language: str) -> LanguageConventions:
    """The conventions of a language tag ("es", "zh-Hant", "en-GB"); with no rules when none are known."""
    tag = language.lower()
    parts = tag.split("-")
    if parts[0] == "zh" and ("hant" in parts or any(p in ("tw", "hk", "mo") for p in parts[1:])):
        return LANGUAGES["zh-hant"]
    return LANGUAGES.get(tag) or LANGUAGES.get(parts[0]) or LanguageConventions(parts[0])


DEFAULT_PREAMBLE_ENDINGS = LanguageConventions("").preamble_endings
DEFAULT_FINAL_ENDING = LanguageConventions("").final_ending


def preamble_endings(language: str, conventions: Conventions) -> tuple[str, ...]:
    """The punctuation a preamble paragraph may close with."""
    return conventions.preamble_endings or language_conventions(language).preamble_endings


def final_ending(language: str, conventions: Conventions) -> str:
    """The punctuation the last operative clause closes with."""
    return conventions.final_ending or language_conventions(language).final_ending


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def first_words(text: str, count: int = 3) -> list[str]:
    """The first words of a text, without punctuation."""
    return _WORD.findall(text)[:count]


def opening(text: str, language: str, count: int = 2) -> str:
    """How a text opens, to show in a message: its first words, or first characters where words are not spaced."""
    rules = language_conventions(language).openings
    if rules is not None and rules.unspaced:
        return "".join(first_words(text, 1))[:6]
    return " ".join(first_words(text, count))


def preamble_opening_ok(text: str, language: str, conventions: Conventions) -> bool | None:
    """Whether a preamble paragraph opens as the genre wants; None when there is no rule."""
    if conventions.preamble_openings is not None:
        return any(re.match(re.escape(p) + r"(?!\w)", text.lstrip()) for p in conventions.preamble_openings)
    lang = language_conventions(language)
    rules = lang.openings
    if rules is None:
        return None
    if rules.unspaced:
        rest = text.lstrip()
        while (adverb := next((a for a in rules.adverb_prefixes if rest.startswith(a)), None)) is not None:
            rest = rest[len(adverb) :]
        return rest.startswith(rules.prefixes)
    words = [w.lower() for w in first_words(text, 6)]
    if not words:
        return False
    if len(words) > 1 and words[1] in rules.seconds:
        return True
    while len(words) > 1:
        if words[0] in rules.with_next and len(words) > 2:
            words = words[2:]
        elif words[0] in rules.adverbs and not words[0].endswith(rules.endings or ("\0",)):
            words = words[1:]
        else:
            break
    head = words[0]
    return (
        head in rules.words
        or (
            bool(rules.endings)
            and head.endswith(rules.endings)
            and not head.endswith(rules.not_endings or ("\0",))
        )
        or (bool(rules.prefixes) and head.startswith(rules.prefixes))
    )


def unspaced_verb(text: str) -> str:
    """The operative verb, with its adverbs, that a clause in Chinese opens with ("又请", "决定",
    "還請"), by the verbs of the UN's clauses; "" when it opens with none. The importer marks it so."""
    for language in ("zh", "zh-hant"):
        forms = LANGUAGES[language].verb_forms
        if forms is not None and (verb := forms.opening(text)[0]):
            return verb
    return ""


def verb_form(verb: str, language: str) -> str | None:
    """A name for the grammatical form of an operative verb, where the language has a rule.

    The checker compares it with the form most of the document's verbs have: English
    "Call upon" (base form) among "Decides", Spanish "Decidir" (infinitive) among "Decide",
    Arabic يقرر (masculine) among تقرر (feminine); Chinese 鉴于 ("whereas", no operative verb)
    among 决定, 请 (operative verbs: Chinese verbs are not inflected, so that is all it tells).
    """
    forms = language_conventions(language).verb_forms
    return forms.form(verb) if forms is not None else None


# "...; and" before the last clause closes like ";": the conjunctions of the languages whose texts
# the corpus has so ("y": the Spanish Declaration, "і": the Ukrainian).
_CONJUNCTIONS = (" and", " or", " et", " ou", " и", " или", " y", " і")


def ending(text: str) -> str:
    """The punctuation a text closes with ('' when it closes with a letter or digit)."""
    stripped = text.rstrip().rstrip("\"'’”»)]")
    for conjunction in _CONJUNCTIONS:
        if stripped.endswith(conjunction) and stripped[: -len(conjunction)].endswith((";", ",")):
            stripped = stripped[: -len(conjunction)]
            break
    return stripped[-1:] if stripped and not stripped[-1].isalnum() else ""
