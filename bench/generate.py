"""Generated documents for the benchmark: resolutions of a given length, with dense footnotes."""

from __future__ import annotations

import random

import yaml

WORDS = (
    "the council recalls its resolutions on the protection of archives and records in times of conflict "
    "and notes with concern reports of destruction of cultural heritage and the displacement of "
    "populations urges all parties to respect international law and calls upon member states to "
    "support the return of displaced persons and the preservation of documents"
).split()


def document(clauses: int, seed: int = 0, title: str = "Generated Resolution") -> str:
    """A resolution of `clauses` operative clauses (about five to a page), a citation in each,
    like the first document's density."""
    rnd = random.Random(seed)

    def sentence(n: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(n))

    sources = {}
    operative = []
    for i in range(1, clauses + 1):
        sid = f"s{i}"
        sources[sid] = {"title": f"Report {i} on the state of the archives", "publisher": "Council",
                        "URL": f"https://archives-council.test/reports/{i}"}  # fmt: skip
        words = sentence(rnd.randint(50, 90)).split()
        k = rnd.randint(2, len(words) - 3)
        words[k] = f"[{words[k]} {words[k + 1]}][{sid}]"
        del words[k + 1]
        operative.append({"number": i, "verb": rnd.choice(["Urges", "Calls upon", "Notes", "Decides"]),
                          "text": " ".join(words) + (";" if i < clauses else ".")})  # fmt: skip
    data = {
        "title": f"{title} ({clauses} clauses, seed {seed})",
        "issuer": "Council of Archivists",
        "adopted": "2024-01-01",
        "language": "en",
        "preamble": [f"Recalling {sentence(40)};" for _ in range(max(1, clauses // 10))],
        "enacting": "The Council:",
        "operative": operative,
        "closing": "Adopted on 1 January 2024.",
        "sources": sources,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
