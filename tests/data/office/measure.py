"""What the import of each office test file recovers, as a table (the numbers the tests assert).

PYTHONPATH=. .venv/bin/python tests/data/office/measure.py
"""

from tests.test_corpus import _words, document_words
from tests.test_import_office import (
    FILES,
    all_citations,
    file_links,
    file_notes,
    file_text,
    imported,
    original,
)

from clausepress.outline import outline

print(
    "file | imported: preamble/operative/sub-clauses/headings/citations | as the source | words lost | addresses (file/recovered) | lost targets (file/missing) | notes (file/imported)"
)
for p in FILES:
    d = imported(p).document
    o = outline(d)
    e = outline(original(p))
    k = ("preamble", "operative", "subclauses", "headings", "footnotes")
    lost = sum((_words(file_text(p)) - document_words(d)).values())
    addr, gone = file_links(p)
    urls = {s.url for s in d.sources.values() if s.url}
    rec = sum(1 for a in addr if a in urls)
    miss = sum(1 for _, s in all_citations(d) if d.sources[s].status == "missing")
    notes = file_notes(p)
    got = sum(1 for _, s in all_citations(d) if d.sources[s].note)
    print(
        f"{p.name} | {'/'.join(str(o[x]) for x in k)} | {all(o[x] == e[x] for x in k)} | {lost} | {len(addr)}/{rec} | {gone}/{miss} | {len(notes)}/{got}"
    )
