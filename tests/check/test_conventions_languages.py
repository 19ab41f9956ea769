"""The checker's conventions per language, on the six language versions of real UN resolutions.

Every sentence comes from `fixtures/unpc-devset-excerpt.json`: lines of the UN Parallel Corpus
development set, copied unchanged (its "source" says where the stored copy is), of General
Assembly resolution 69/170 (persons with albinism) and Security Council resolution 2204 (2015)
(Yemen). Where a test makes a slip, it changes one word of such a sentence and says which.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from clausepress import loads
from clausepress.check import conventions as conv
from clausepress.check.findings import Finding
from clausepress.check.source import check_source
from clausepress.model import Conventions, plain_text

from .conftest import CHECK_FIXTURES

EXCERPT: dict[str, Any] = json.loads(
    (CHECK_FIXTURES / "unpc-devset-excerpt.json").read_text(encoding="utf-8")
)
GA, SC = EXCERPT["documents"]["A/RES/69/170"], EXCERPT["documents"]["S/RES/2204 (2015)"]
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
NONE = Conventions()


def recitals(lang: str) -> list[str]:
    return [line[lang] for doc in (GA, SC) for line in doc["preamble"]]


def clause(line: dict[str, str], lang: str) -> str:
    """An operative clause without its number ("2. ", "٢ - ")."""
    number, _, rest = line[lang].partition(" - " if lang == "ar" else " ")
    assert number.rstrip(".").isdigit(), line[lang]
    return rest


def clauses(doc: dict[str, Any], lang: str) -> list[str]:
    return [clause(line, lang) for line in doc["operative"]]


# --- the rules, sentence by sentence --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_recitals_open_as_the_rule_wants(lang: str) -> None:
    # "Tomando nota también", "Prenant note également", "принимая к сведению также",
    # "وإذ تحيط علما أيضا", "又表示注意到": each language's opening of these seven recitals.
    assert [t[:30] for t in recitals(lang) if conv.preamble_opening_ok(t, lang, NONE) is not True] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_recitals_close_as_the_rule_allows(lang: str) -> None:
    # Every one of them closes with the language's comma: "،" in Arabic, "，" in Chinese.
    ends = {conv.ending(t) for t in recitals(lang)}
    assert ends == {{"ar": "،", "zh": "，"}.get(lang, ",")}
    assert ends <= set(conv.preamble_endings(lang, NONE))


FORM = {
    "en": "third person singular (-s)",
    "es": "third person singular present",
    "fr": "third person singular present",
    "ru": "third person singular",
}


@pytest.mark.parametrize("lang", sorted(FORM))
def test_real_operative_verbs_are_the_third_person_singular(lang: str) -> None:
    # "Invita", "Reafirma", "Pone de relieve"; "Invite", "Souligne"; "предлагает также",
    # "особо указывает", "вновь подтверждает".
    forms = [conv.verb_form(c, lang) for doc in (GA, SC) for c in clauses(doc, lang)]
    assert forms == [FORM[lang]] * 6


def test_arabic_verbs_are_feminine_for_the_assembly_and_masculine_for_the_council() -> None:
    # تدعو (the General Assembly, الجمعية العامة) and يؤكد من جديد، يشدد (the Security Council, مجلس الأمن).
    assert {conv.verb_form(c, "ar") for c in clauses(GA, "ar")} == {
        "third person feminine singular imperfect"
    }
    assert {conv.verb_form(c, "ar") for c in clauses(SC, "ar")} == {
        "third person masculine singular imperfect"
    }


def test_chinese_clauses_open_with_operative_verbs() -> None:
    # 邀请, 重申, 强调 are not inflected: what the checker tells is that each is an operative verb.
    assert {conv.verb_form(c, "zh") for doc in (GA, SC) for c in clauses(doc, "zh")} == {"operative verb"}
    # The same clauses' recitals do not ("欢迎各国为消除…" is a recital's, but 欢迎 "welcomes" opens
    # clauses too, so only the others are asked).
    assert conv.verb_form("鉴于人类家庭所有成员的固有尊严", "zh") == "no operative verb"


# Each slip changes one word of a real clause (the clause's first, its verb).
VERB_SLIPS = [
    ("es", GA, 0, "Invita", "Invitar", "infinitive"),
    ("es", SC, 0, "Reafirma", "Reafirmando", "gerund"),
    ("es", GA, 1, "Invita", "Invitan", "third person plural"),
    ("fr", GA, 0, "Invite", "Inviter", "infinitive"),
    ("fr", SC, 0, "Réaffirme", "Réaffirmant", "present participle"),
    ("ru", GA, 0, "предлагает", "предложить", "infinitive"),
    ("ru", SC, 2, "вновь подтверждает", "вновь подтвердить", "infinitive"),
    ("ru", SC, 0, "вновь подтверждает", "вновь подтверждая", "verbal adverb"),
    ("ar", GA, 0, "تدعو", "يدعو", "third person masculine singular imperfect"),
    ("ar", SC, 1, "يشدد", "شدد", "not an imperfect"),
    ("en", GA, 0, "Invites", "Invite", "base form"),
]


@pytest.mark.parametrize(
    ("lang", "doc", "index", "old", "new", "form"), VERB_SLIPS, ids=lambda v: str(v)[:12]
)
def test_a_changed_verb_has_another_form(
    lang: str, doc: dict[str, Any], index: int, old: str, new: str, form: str
) -> None:
    real = clauses(doc, lang)[index]
    assert real.startswith(old), real
    slip = new + real[len(old) :]
    usual = conv.verb_form(real, lang)
    assert usual is not None and conv.verb_form(slip, lang) == form != usual


# Each slip takes the opening word off a real recital, which then opens with its object.
OPENING_SLIPS = [
    ("es", GA, 1, "Acogiendo con beneplácito "),  # -> "los esfuerzos realizados por los Estados..."
    ("es", SC, 2, "Recordando "),  # -> "la inclusión de Al-Qaida..."
    ("fr", GA, 1, "Saluant "),  # -> "les efforts déployés par les États..."
    ("ru", SC, 0, "вновь подтверждая "),  # -> "свою решительную приверженность..."
    ("ar", GA, 1, "وإذ ترحب "),  # -> "بالجهود التي تبذلها الدول..."
    ("zh", GA, 1, "欢迎"),  # -> "各国为消除对白化病患者的攻击和歧视作出努力，"
    ("zh", SC, 2, "回顾"),  # -> "阿拉伯半岛基地组织..."
    ("en", GA, 1, "Welcoming "),  # -> "the efforts by States..."
]


@pytest.mark.parametrize(("lang", "doc", "index", "opening"), OPENING_SLIPS, ids=lambda v: str(v)[:12])
def test_a_recital_without_its_opening_is_found(
    lang: str, doc: dict[str, Any], index: int, opening: str
) -> None:
    real = doc["preamble"][index][lang]
    assert real.startswith(opening), real
    assert conv.preamble_opening_ok(real, lang, NONE) is True
    assert conv.preamble_opening_ok(real[len(opening) :], lang, NONE) is False


def test_russian_recital_opening_with_a_noun_in_ya() -> None:
    # "приветствуя усилия государств…" (A/RES/69/170) without "приветствуя": "усилия" ends in -я like
    # a verbal adverb, but in -ия, as no verbal adverb of a recital does.
    real = GA["preamble"][1]["ru"]
    assert real.startswith("приветствуя усилия")
    assert conv.preamble_opening_ok(real[len("приветствуя ") :], "ru", NONE) is False


def test_russian_recital_opening_with_an_adjective() -> None:
    # "приветствуя Международный день альбинизма…" (A/RES/69/170) without "приветствуя".
    real = GA["preamble"][3]["ru"]
    assert real.startswith("приветствуя Международный")
    assert conv.preamble_opening_ok(real[len("приветствуя ") :], "ru", NONE) is False
    # A full participle still opens a recital: passive in -нн-, active in -щ- or -вш-.
    for participle in ("Глубоко обеспокоенный", "Будучи убежден", "Действующая", "Собравшийся"):
        assert conv.preamble_opening_ok(f"{participle} положением,", "ru", NONE) is True, participle


def test_languages_without_a_rule_are_not_checked() -> None:
    # German, Italian, Portuguese: the corpus has one opening each (the Declaration's "da",
    # "Considerato che", "Considerando que"), not enough for a rule; the checker does not guess.
    for lang in ("de", "it", "pt-PT", "ja"):
        assert conv.preamble_opening_ok("Der Deutsche Bundestag begrüßt", lang, NONE) is None
        assert conv.verb_form("begrüßt", lang) is None


def test_traditional_chinese_recitals_of_the_declaration() -> None:
    # tests/corpus/udhr-zh-hant-1948: "茲鑒於人類一家，…；" and "復鑒於人權之忽視…；".
    assert conv.preamble_opening_ok("茲鑒於人類一家，對於人人固有尊嚴", "zh-Hant", NONE) is True
    assert conv.preamble_opening_ok("復鑒於人權之忽視及侮蔑恆釀成野蠻暴行", "zh-Hant", NONE) is True
    assert conv.preamble_opening_ok("人權之忽視及侮蔑恆釀成野蠻暴行", "zh-Hant", NONE) is False
    assert "；" in conv.preamble_endings("zh-Hant", NONE)


# --- the checker, on a document ----------------------------------------------------------------

ZH_VERBS = {"A/RES/69/170": ["邀请", "邀请", "邀请"], "S/RES/2204 (2015)": ["重申", "强调", "重申"]}


def document(symbol: str, lang: str) -> str:
    """A source document of the excerpt's recitals and clauses of one resolution, in one language.

    The verb is the clause's first word (its first two characters in Chinese, as ZH_VERBS has
    them); the clauses keep their numbers in the resolution.
    """
    doc = EXCERPT["documents"][symbol]
    operative = []
    for i, line in enumerate(doc["operative"]):
        number = line[lang].split(" ", 1)[0].rstrip(".")
        text = clause(line, lang)
        verb = ZH_VERBS[symbol][i] if lang == "zh" else text.split(" ", 1)[0]
        assert text.startswith(verb)
        operative.append({"number": number, "verb": verb, "text": text[len(verb) :].lstrip()})
    data = {
        "title": symbol,
        "language": lang,
        "preamble": [line[lang] for line in doc["preamble"]],
        "operative": operative,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def convention_findings(text: str) -> list[Finding]:
    return [f for f in check_source(loads(text, "excerpt.yaml")) if f.code.startswith("convention.")]


def line_of(text: str, needle: str) -> int:
    (index,) = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return index


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_excerpt_checks_clean_but_for_its_cut_end(lang: str) -> None:
    # The excerpt stops before the resolution's last clause, so its last clause closes with ";".
    # (The Arabic text numbers it ٤.)
    found = convention_findings(document("A/RES/69/170", lang))
    last = GA["operative"][-1][lang].split(" ", 1)[0].rstrip(".")
    assert [(f.code, f.message.split(" closes")[0]) for f in found] == [
        ("convention.operative-punctuation", f"operative clause {last}")
    ], [str(f) for f in found]
    assert f"not '{conv.final_ending(lang, NONE)}' as the last clause should" in found[0].message


def test_spanish_document_with_one_infinitive() -> None:
    # Clause 3 of A/RES/69/170: "Invita a los Estados Miembros..." with "Invitar" for "Invita".
    clean = document("A/RES/69/170", "es")
    text = clean.replace("verb: Invita\n  text: a los Estados", "verb: Invitar\n  text: a los Estados")
    assert text != clean
    new = [f for f in convention_findings(text) if f not in convention_findings(clean)]
    assert [(f.code, f.severity, f.line) for f in new] == [
        ("convention.verb-form", "warning", line_of(text, "verb: Invitar"))
    ]
    assert (
        "operative clause 3 opens with 'Invitar' (infinitive); its siblings use the third person singular present"
        in new[0].message
    )


def test_arabic_document_with_one_masculine_verb() -> None:
    # Clause 4 of A/RES/69/170: "تدعو هيئات معاهدات حقوق الإنسان..." with يدعو for تدعو.
    clean = document("A/RES/69/170", "ar")
    text = clean.replace("verb: تدعو\n  text: هيئات", "verb: يدعو\n  text: هيئات")
    assert text != clean
    new = [f for f in convention_findings(text) if f not in convention_findings(clean)]
    assert [(f.code, f.line) for f in new] == [("convention.verb-form", line_of(text, "verb: يدعو"))]


def test_chinese_document_with_one_recital_opened_by_its_object() -> None:
    # Recital 2 of A/RES/69/170, "欢迎各国为消除…作出努力，", without 欢迎 ("Welcoming").
    clean = document("A/RES/69/170", "zh")
    text = clean.replace("- 欢迎各国为消除", "- 各国为消除")
    assert text != clean
    new = [f for f in convention_findings(text) if f not in convention_findings(clean)]
    assert [(f.code, f.line) for f in new] == [("convention.preamble-opening", line_of(text, "- 各国为消除"))]
    assert "preamble paragraph 2 opens with '各国为消除对'" in new[0].message


def test_chinese_document_with_a_clause_opened_by_a_recital_word() -> None:
    # Clauses 2-4 of A/RES/69/170 open with 邀请 ("Invites"); the last here with 鉴于 ("whereas"), a
    # recital's word.
    clean = document("A/RES/69/170", "zh")
    assert [f.code for f in convention_findings(clean) if f.code == "convention.verb-form"] == []
    lines = clean.splitlines()
    verbs = [i for i, line in enumerate(lines) if line.strip() == "verb: 邀请"]
    assert len(verbs) == 3
    lines[verbs[-1]] = lines[verbs[-1]].replace("邀请", "鉴于")
    text = "\n".join(lines) + "\n"
    new = [f for f in convention_findings(text) if f not in convention_findings(clean)]
    assert [(f.code, f.line) for f in new] == [("convention.verb-form", verbs[-1] + 1)]
    assert "opens with '鉴于' (no operative verb); its siblings use the operative verb" in new[0].message


def test_traditional_chinese_operative_verbs() -> None:
    # The same verbs in traditional characters, by the same table as the recitals' (no UN text in
    # traditional characters is in the set: this is the table, not a measurement).
    assert conv.verb_form("決定", "zh-Hant") == conv.verb_form("還請", "zh-Hant") == "operative verb"
    assert conv.verb_form("鑒於", "zh-Hant") == "no operative verb"


def test_chinese_document_with_a_clause_closed_by_a_full_stop() -> None:
    # Clause 3 of A/RES/69/170 closes with "；"; here with "。", as only the last clause may.
    clean = document("A/RES/69/170", "zh")
    text = clean.replace("所作的努力；", "所作的努力。")
    assert text != clean
    new = [f for f in convention_findings(text) if f not in convention_findings(clean)]
    assert [f.code for f in new] == ["convention.operative-punctuation"]
    assert "operative clause 3 closes with '。', not '；' as its siblings should" in new[0].message


# --- the corpus's texts in the other languages ----------------------------------------------


@pytest.mark.parametrize(
    ("folder", "count"),
    [("coe-statute-1949-nl", 4), ("udhr-zh-hant-1948", 7), ("udhr-zh-hans-nltk", 7), ("udhr-es-nltk", 7)],
)
def test_corpus_recitals_open_and_close_as_the_rules_want(folder: str, count: int) -> None:
    # The Dutch Statute of the Council of Europe ("Overtuigd, dat", "Opnieuw bevestigende",
    # "Gelovende, dat", "Overwegende, dat"), the Declaration in traditional (茲鑒於, 復鑒於, closing
    # with "；") and simplified Chinese (鉴于) and in Spanish ("Considerando"); provenance in
    # tests/corpus/README.md and each folder's PROVENANCE.
    from clausepress.importer import import_text

    (path,) = (CHECK_FIXTURES.parent.parent / "corpus" / folder).glob("input.*")
    fmt = {".md": "md", ".xml": "xml"}.get(path.suffix, "txt")
    result = import_text(path.read_text(encoding="utf-8"), path.name, fmt)
    doc = loads(result.yaml, f"{folder}.yaml")
    assert len(doc.preamble) == count
    found = [
        f
        for f in check_source(doc)
        if f.code in ("convention.preamble-opening", "convention.preamble-punctuation")
    ]
    # The Spanish copy's sixth recital closes ", y", read as ","; its last one with ",".
    assert [str(f) for f in found] == []


def test_chinese_clauses_imported_have_their_verbs_and_no_space_after_them(tmp_path: Any) -> None:
    # The excerpt's Chinese clauses of S/RES/2204 (2015), as numbered lines: the importer finds each
    # one's verb by the same table (重申, 强调, 重申: Chinese has no space to end a verb), and the
    # page sets the text right after it, with no space a Chinese text never has.
    from clausepress.builder import BuildOptions, build_document
    from clausepress.importer import import_text

    lines = [line["zh"] for line in SC["operative"]]
    result = import_text("\n".join(lines) + "\n", "s-res-2204.txt", "txt")
    doc = loads(result.yaml, "s-res-2204.yaml")
    assert [c.verb for c in doc.operative] == ZH_VERBS["S/RES/2204 (2015)"]
    for c, line in zip(doc.operative, lines, strict=True):
        assert line == f"{c.number}. {c.verb}{plain_text(c.content)}"
    (out,) = build_document(doc, tmp_path, BuildOptions(formats=("html",)))
    html = out.path.read_text(encoding="utf-8")
    assert '<em class="verb">重申</em>需要在全面的全国对话大会' in html
    assert '<em class="verb">重申</em> ' not in html
