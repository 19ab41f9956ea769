"""Measure the checker's per-language conventions on the six language versions of real UN texts.

Reads the UN Parallel Corpus v1.0 development set (one sentence a line, aligned across
ar, en, es, fr, ru, zh, with a .ids file naming each line's document), as stored in the public
repository scollins83/language_translator (commit 96c1bd15f97b895919a7a6203074ce856c2aaa47,
data/UNv1.0.devset.*). Only lines of resolutions and draft resolutions (/res/, /l_ in the id)
are read. A recital is a line whose English version opens as the English rule wants and closes
with ","; an operative clause is one whose English version is numbered ("3. Requests ...").
For each language it prints how many recitals the opening rule accepts, how many close with a
punctuation the language allows, and which verb forms the operative clauses have, with the
lines the rules reject.

    .venv/bin/python scripts/measure_conventions.py DIR   # DIR holds UNv1.0.devset.{ar,en,...,ids}
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from clausepress.check import conventions as conv
from clausepress.model import Conventions

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
NUMBER = re.compile(r"^\s*(?:\d+|[٠-٩]+)\s*[.\-–]\s*")


def main(folder: Path) -> None:
    read = {
        k: (folder / f"UNv1.0.devset.{k}").read_text(encoding="utf-8").split("\n")
        for k in (*LANGUAGES, "ids")
    }
    none = Conventions()
    recitals: list[int] = []
    clauses: list[int] = []
    for i, en in enumerate(read["en"]):
        ident = read["ids"][i].split(" ")[0] if i < len(read["ids"]) else ""
        if "/res/" not in ident and "/l_" not in ident:
            continue
        if (m := NUMBER.match(en)) and conv.verb_form(en[m.end() :], "en") == "third person singular (-s)":
            if en.rstrip().endswith((";", ".")):
                clauses.append(i)
        elif en.rstrip().endswith(",") and conv.preamble_opening_ok(en, "en", none):
            recitals.append(i)
    for lang in LANGUAGES:
        texts = [read[lang][i].strip() for i in recitals]
        ok = [t for t in texts if conv.preamble_opening_ok(t, lang, none)]
        ends = conv.preamble_endings(lang, none)
        closed = [t for t in texts if conv.ending(t) in ends]
        print(
            f"{lang}: recitals opening as the rule wants {len(ok)}/{len(texts)}; closing with {ends}: {len(closed)}/{len(texts)}"
        )
        for t in texts:
            if t not in ok:
                print(f"    opening rejected: {t[:70]}")
            if t not in closed:
                print(f"    closing rejected ({conv.ending(t) or 'none'}): ...{t[-50:]}")
        forms = Counter(conv.verb_form(NUMBER.sub("", read[lang][i].strip(), count=1), lang) for i in clauses)
        closes = Counter(conv.ending(read[lang][i]) for i in clauses)
        print(f"    operative clauses {len(clauses)}: verb forms {dict(forms)}; closing {dict(closes)}")
        # The checker compares each verb with the form most verbs of its own document have.
        by_doc: dict[str, list[int]] = {}
        for i in clauses:
            by_doc.setdefault(read["ids"][i].split(" ")[0], []).append(i)
        for ident, lines in by_doc.items():
            texts = [NUMBER.sub("", read[lang][i].strip(), count=1) for i in lines]
            doc_forms = [conv.verb_form(t, lang) for t in texts]
            usual = Counter(f for f in doc_forms if f).most_common(1)
            for t, f in zip(texts, doc_forms, strict=True):
                if f and usual and f != usual[0][0]:
                    print(f"    form {f} among {usual[0][0]}: {ident}: {t[:60]}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
