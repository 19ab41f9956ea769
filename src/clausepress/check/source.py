"""Checks of the model itself: clause numbering, ids, the genre's conventions, and links."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..errors import Origin
from ..furniture import catalogue
from ..model import Citation, Clause, Document, Heading, Paragraph, SubClause, iter_citations, plain_text
from ..presentation import (
    BIDI_CONTROLS,
    RESERVED_IDS,
    address_key,
    inserted_number,
    note_id,
    noteref_id,
    number_value,
    reserved_by,
    subclause_label,
)
from . import conventions as conv
from .findings import Finding, at

__all__ = ["check_source", "citation_places", "FATAL_CODES"]

# Errors after which an output would be meaningless: the build refuses them.
FATAL_CODES = frozenset({"id.duplicate"})

_PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|org|net)|example|invalid|localhost)$")


def check_source(doc: Document) -> list[Finding]:
    """Every finding in the model of one document, in source order within each kind."""
    return [
        *check_numbering(doc),
        *check_ids(doc),
        *check_conventions(doc),
        *check_links(doc),
        *check_characters(doc),
        *check_furniture(doc),
    ]


def check_furniture(doc: Document) -> Iterator[Finding]:
    """A language with no catalogue of clausepress's added words (furniture.py) gets them in
    English: said once, at the document's `language`."""
    words = catalogue(doc.language)
    if words.fallback:
        yield at(
            doc.extra_origins.get("language", doc.origin),
            "language.furniture",
            "warning",
            f"clausepress has no catalogue for the language '{doc.language}': the words it adds (page "
            "numbers, contents, notes) are in English",
        )


# --- numbering ----------------------------------------------------------------------------


def check_numbering(doc: Document) -> Iterator[Finding]:
    """Numbers run 1..N: each clause is one more than the highest number before it.

    The operative part and each annex are numbered on their own.
    """
    yield from _check_recital_labels(doc)
    yield from _check_clause_numbers(
        doc, doc.operative, "operative clause", "the operative clauses", _first_number(doc.preamble)
    )
    for annex in doc.annexes:
        yield from _check_clause_numbers(
            doc, annex.paragraphs, f"paragraph of {annex.id}", f"the paragraphs of {annex.id}",
            _first_number(annex.preamble),
        )  # fmt: skip


def _first_number(preamble: tuple[Paragraph, ...]) -> int:
    """The number the clauses after `preamble` may start at besides 1: one more than its last
    numbered paragraph, in a text that numbers its preamble and its clauses in one sequence ("1.
    Mindful that ...", ..., "6. Having considered ...", then "7. Notes ..."). A text that numbers
    them apart (recitals 1-9, then clauses from 1) starts at 1."""
    # Decimal digits of any script, and few of them: "²" is a digit int() refuses, and so is a
    # label of thousands of digits.
    numbers = [
        int(p.label) for p in preamble if p.label is not None and p.label.isdecimal() and len(p.label) <= 9
    ]
    return numbers[-1] + 1 if numbers else 1


def _check_clause_numbers(
    doc: Document, clauses: tuple[Clause, ...], noun: str, plural: str, start: int = 1
) -> Iterator[Finding]:
    seen: set[int] = set()
    highest = 0
    previous: int | None = None
    inserts = 0  # the last insertion after the clause numbered `previous` (1 for "1a", "14 bis")
    last = ""  # the number of the last clause in sequence
    index = 0  # the place among the numbered clauses (an unnumbered one among them takes none)
    for clause in clauses:
        yield from _check_labels(clause.subclauses, 1, f"clause {clause.name}")
        if doc.numbering == "none" or not clause.label:
            continue  # unnumbered clauses: only their sub-clauses have labels
        index += 1
        number = number_value(clause.number)
        inserted = inserted_number(clause.number)
        if number is None and inserted is not None:
            # "Artículo 14 bis", "1a": a clause an amendment inserted after 14, after 1, in sequence
            base, position = inserted
            if base != previous:
                yield at(
                    clause.number_origin, "numbering.order", "error",
                    f"{noun} {clause.number} {f'follows clause {last}' if last else 'comes first'}: it is inserted after {base}",
                )  # fmt: skip
            elif position <= inserts:
                code, what = ("numbering.repeat", "is numbered twice") if position == inserts else (
                    "numbering.order", f"follows clause {last}: the numbers step back")  # fmt: skip
                yield at(clause.number_origin, code, "error", f"{noun} {clause.number} {what}")
            elif position > inserts + 1:
                yield at(
                    clause.number_origin, "numbering.gap", "error", f"{noun} {clause.number} follows clause {last}"
                )  # fmt: skip
            if base == previous and position > inserts:
                inserts, last = position, clause.number
            continue
        if number is None:
            yield at(
                clause.number_origin, "numbering.invalid", "error",
                f"{noun} {index} has the number '{clause.name}', not a whole number",
            )  # fmt: skip
            continue
        if index == 1 and number not in (1, start):
            yield at(
                clause.number_origin,
                "numbering.start",
                "error",
                f"{plural} start at {number}, not {' or '.join(map(str, sorted({1, start})))}",
            )
        elif number in seen:
            yield at(clause.number_origin, "numbering.repeat", "error", f"{noun} {number} is numbered twice")
        elif previous is not None and number < previous:
            yield at(
                clause.number_origin, "numbering.order", "error",
                f"{noun} {number} follows clause {previous}: the numbers step back",
            )  # fmt: skip
        elif index > 1 and number > highest + 1:
            yield at(
                clause.number_origin, "numbering.gap", "error",
                f"{noun} {number} follows clause {previous if previous is not None else highest}",
            )  # fmt: skip
        seen.add(number)
        highest = max(highest, number)
        previous = number
        inserts, last = 0, clause.number


def _check_recital_labels(doc: Document) -> Iterator[Finding]:
    """Lettered recitals run A, B, C... (or a, b, c..., or 1, 2, 3...) from the first labelled one."""
    labelled = [p for p in doc.preamble if p.label is not None]
    if not labelled:
        return
    first = labelled[0].label or "A"
    position, previous, inserts = 0, "", 0
    for p in labelled:
        # "Ba" after B, "3a" after 3: a recital an amendment inserted, its letters in sequence.
        if (
            (first.isdigit() or first.isupper())
            and p.label
            and p.label[:-1] == previous
            and p.label[-1].islower()
        ):
            want = previous + chr(ord("a") + inserts)
            if p.label != want:
                yield at(p.label_origin or p.origin, "numbering.recital", "error",
                         f"recital {p.label} is at the place of recital {want}")  # fmt: skip
            inserts += 1
            continue
        position += 1
        if first.isdigit():
            want = str(position)
        else:
            want = subclause_label(position, 1)
            want = want.upper() if first.isupper() else want
        previous, inserts = want, 0
        if p.label != want:
            yield at(
                p.label_origin or p.origin,
                "numbering.recital",
                "error",
                f"recital {p.label} is at the place of recital {want}",
            )


def _check_labels(subs: tuple[SubClause, ...], depth: int, parent: str) -> Iterator[Finding]:
    # Letters at the first level, roman numerals below; or numbers, where the first is one
    # (the numbered paragraphs of an article: 1., 2. or (1), (2)); or letters below, where the
    # first is (a) or (A) (US legislation: (1), then (A), then (i)).
    # Or numerals of the document's script, where the first is its one ("一", "א"): in sequence.
    numbered = bool(subs) and subs[0].label.isdecimal()
    lettered = bool(subs) and subs[0].label.lower() == "a"
    # Or roman numerals right under the clause, where the first is (i) (a statute's "i.", "ii.").
    roman = bool(subs) and subs[0].label.lower() == "i" and (len(subs) < 2 or subs[1].label.lower() == "ii")
    scripted = (
        bool(subs) and not numbered and not subs[0].label.isascii() and number_value(subs[0].label) == 1
    )
    for position, sub in enumerate(subs, 1):
        level = 2 if roman else 1 if lettered else depth
        want = str(position) if numbered else subclause_label(position, level)
        if (scripted or numbered) and number_value(sub.label) == position:
            continue  # "१", "۱": the digits of the document's script
        if sub.label.lower() != want:
            before = f"follows ({subs[position - 2].label})" if position > 1 else "comes first"
            yield at(
                sub.label_origin,
                "numbering.subclause",
                "error",
                f"sub-clause ({sub.label}) of {parent} {before}; expected ({want})",
            )
        yield from _check_labels(sub.subclauses, depth + 1, f"{parent}({sub.label})")


# --- ids ----------------------------------------------------------------------------------


def _all_subclauses(subs: tuple[SubClause, ...]) -> Iterator[SubClause]:
    for s in subs:
        yield s
        yield from _all_subclauses(s.subclauses)


def parts(doc: Document) -> list[tuple[str, Origin, str]]:
    """Every part of the document that has an id, in source order: (id, where, what it is)."""
    nodes: list[tuple[str, Origin, str]] = []

    def headings(items: tuple[Heading, ...]) -> None:
        nodes.extend((h.id, h.origin, f"the heading '{h.text}'") for h in items)

    def preamble(items: tuple[Paragraph, ...], of: str) -> None:
        for p in items:
            headings(p.headings)
            nodes.append((p.id, p.origin, f"preamble paragraph {p.index}{of}"))

    def clauses(items: tuple[Clause, ...], noun: str) -> None:
        for clause in items:
            headings(clause.headings)
            nodes.append((clause.id, clause.origin, f"{noun} {clause.name}"))
            nodes.extend(
                (s.id, s.origin, f"sub-clause ({s.label})") for s in _all_subclauses(clause.subclauses)
            )

    preamble(doc.preamble, "")
    clauses(doc.operative, "operative clause")
    for annex in doc.annexes:
        nodes.append((annex.id, annex.origin, annex.id))
        nodes.append((f"{annex.id}-title", annex.origin, f"the title of {annex.id}"))
        preamble(annex.preamble, f" of {annex.id}")
        clauses(annex.paragraphs, f"paragraph of {annex.id}")
        headings(annex.end_headings)
    return nodes


def check_ids(doc: Document) -> Iterator[Finding]:
    seen: dict[str, str] = {name: "clausepress itself" for name in RESERVED_IDS}
    for n in range(1, len(doc.citations()) + 1):
        seen[note_id(n)] = seen[noteref_id(n)] = "the footnotes"
    nodes = parts(doc)
    for ident, origin, what in nodes:
        if ident not in seen and (owner := reserved_by(ident)) is not None:
            seen[ident] = owner  # fn-9 with two footnotes, page-1: clausepress's own all the same
        if ident in seen:
            yield at(
                origin,
                "id.duplicate",
                "error",
                f"{what} has the id '{ident}', already used by {seen[ident]}",
            )
        else:
            seen[ident] = what


# --- conventions --------------------------------------------------------------------------


def _closing_text(clause: Clause) -> str:
    """The text a clause closes with: its last paragraph, else its last sub-clause, else its text."""
    if clause.paragraphs:
        return plain_text(clause.paragraphs[-1])
    subs = list(_all_subclauses(clause.subclauses))
    return plain_text(subs[-1].content) if subs else plain_text(clause.content)


def check_conventions(doc: Document) -> Iterator[Finding]:
    c = doc.conventions
    for p in doc.preamble:
        text = plain_text(p.content)
        ok = conv.preamble_opening_ok(text, doc.language, c)
        if ok is False:
            opening = " ".join(conv.first_words(text, 2))
            yield at(
                p.origin,
                "convention.preamble-opening",
                "warning",
                f"preamble paragraph {p.index} opens with '{opening}', not a participle or adjective phrase "
                "of the preamble kind",
            )
    endings = [conv.ending(plain_text(p.content)) for p in doc.preamble]
    allowed = conv.preamble_endings(doc.language, c)
    usual = _majority([e for e in endings if e in allowed]) or allowed[0]
    for p, end in zip(doc.preamble, endings, strict=True):
        if end != usual:
            yield at(
                p.origin,
                "convention.preamble-punctuation",
                "warning",
                f"preamble paragraph {p.index} closes with {_show(end)}, not '{usual}' as the preamble does",
            )

    forms = [conv.verb_form(cl.verb, doc.language) if cl.verb else None for cl in doc.operative]
    usual_form = _majority([f for f in forms if f])
    verbs = [cl.verb for cl in doc.operative if cl.verb]
    mostly_capital = sum(v[:1].isupper() for v in verbs) * 2 > len(verbs)
    for clause, form in zip(doc.operative, forms, strict=True):
        if not clause.verb:
            continue
        if c.operative_verbs is not None and clause.verb not in c.operative_verbs:
            yield at(
                clause.verb_origin,
                "convention.operative-verb",
                "warning",
                f"operative clause {clause.name} opens with '{clause.verb}', not one of the document's verbs",
            )
        elif clause.verb[:1].islower() and mostly_capital:
            yield at(
                clause.verb_origin,
                "convention.operative-verb",
                "warning",
                f"operative clause {clause.name} opens with '{clause.verb}' in lower case; its siblings' verbs are capitalised",
            )
        if form and usual_form and form != usual_form:
            yield at(
                clause.verb_origin,
                "convention.verb-form",
                "warning",
                f"operative clause {clause.name} opens with '{clause.verb}' ({form}); "
                f"its siblings use the {usual_form}",
            )

    closes = [conv.ending(_closing_text(cl)) for cl in doc.operative]
    final = conv.final_ending(doc.language, c)
    usual_close = c.operative_ending or _majority(closes[:-1])
    for i, (clause, end) in enumerate(zip(doc.operative, closes, strict=True)):
        last = i == len(closes) - 1
        want = final if last else usual_close
        if want is not None and end != want:
            role = "the last clause" if last else "its siblings"
            yield at(
                clause.origin,
                "convention.operative-punctuation",
                "warning",
                f"operative clause {clause.name} closes with {_show(end)}, not '{want}' as {role} should",
            )


def _majority(items: list[str]) -> str | None:
    if not items:
        return None
    counts = Counter(items).most_common()
    return counts[0][0]


def _show(end: str) -> str:
    return f"'{end}'" if end else "no punctuation"


# --- links --------------------------------------------------------------------------------


def _labelled_subclauses(subs: tuple[SubClause, ...], prefix: str) -> Iterator[tuple[str, SubClause]]:
    for s in subs:
        path = f"{prefix}({s.label})"
        yield path, s
        yield from _labelled_subclauses(s.subclauses, path)


def citation_places(doc: Document) -> Iterator[tuple[Citation, str]]:
    """Every citation with the part of the document it stands in, in reading order."""
    for key, content in doc.metadata_content.items():
        for cite in iter_citations(content):
            yield cite, f"the metadata '{key}'"
    for cite in iter_citations(doc.title_content):
        yield cite, "the title"
    for cite in iter_citations(doc.formula):
        yield cite, "the formula"
    yield from _preamble_citation_places(doc.preamble, "")
    for cite in iter_citations(doc.enacting):
        yield cite, "the enacting line"
    yield from _clause_citation_places(doc.operative, "operative clause")
    for cite in iter_citations(doc.closing):
        yield cite, "the closing line"
    for annex in doc.annexes:
        for cite in iter_citations(annex.title):
            yield cite, f"the title of {annex.id}"
        yield from _preamble_citation_places(annex.preamble, f" of {annex.id}")
        yield from _clause_citation_places(annex.paragraphs, f"paragraph of {annex.id}")
        yield from _heading_citation_places(annex.end_headings)


def _heading_citation_places(headings: tuple[Heading, ...]) -> Iterator[tuple[Citation, str]]:
    for h in headings:
        for cite in iter_citations(h.content):
            yield cite, f"the heading '{h.text}'"


def _preamble_citation_places(paragraphs: tuple[Paragraph, ...], of: str) -> Iterator[tuple[Citation, str]]:
    for p in paragraphs:
        yield from _heading_citation_places(p.headings)
        for cite in iter_citations(p.content):
            yield cite, f"preamble paragraph {p.index}{of}"


def _clause_citation_places(clauses: tuple[Clause, ...], noun: str) -> Iterator[tuple[Citation, str]]:
    for clause in clauses:
        yield from _heading_citation_places(clause.headings)
        for cite in iter_citations(clause.content):
            yield cite, f"{noun} {clause.name}"
        for path, sub in _labelled_subclauses(clause.subclauses, ""):
            for cite in iter_citations(sub.content):
                yield cite, f"{noun} {clause.name}, sub-clause {path}"
        for paragraph in clause.paragraphs:
            for cite in iter_citations(paragraph):
                yield cite, f"{noun} {clause.name}"


def address_problem(url: str) -> tuple[str, str] | None:
    """(code, reason) when an address is a placeholder or malformed; None when it is sound."""
    bare = url.strip()
    if bare in ("", "#") or bare.strip("#").upper() in ("TODO", "TBD", "XXX", "FIXME", "URL", "LINK"):
        return "link.placeholder", f"the address '{url}' is a placeholder"
    if any(ch.isspace() for ch in url):
        return "link.malformed", f"the address '{url}' contains white space"
    try:
        parts = urlsplit(bare)
        host = parts.hostname or ""
    except ValueError:
        return "link.malformed", f"the address '{url}' cannot be parsed"
    if parts.scheme not in ("http", "https"):
        return "link.malformed", f"the address '{url}' is not http or https"
    if not host:
        return "link.malformed", f"the address '{url}' has no host"
    if _PLACEHOLDER_HOSTS.search(host):
        return "link.placeholder", f"the address '{url}' is a placeholder (reserved example host)"
    return None


def check_links(doc: Document) -> Iterator[Finding]:
    cited: set[str] = set()
    for cite, place in citation_places(doc):
        cited.add(cite.source_id)
        source = doc.sources.get(cite.source_id)
        if source is None:
            yield at(
                cite.origin,
                "link.undefined-source",
                "error",
                f"'{_short(cite.anchor)}' in {place} cites '{cite.source_id}', which is not among the sources",
            )
            continue
        if source.direct and source.url is not None and (problem := address_problem(source.url)):
            yield at(cite.origin, problem[0], "error", f"{problem[1]} ('{_short(cite.anchor)}' in {place})")
        if source.status == "missing":
            yield at(
                cite.origin,
                "link.missing-target",
                "warning",
                f"link target missing for '{_short(cite.anchor)}' in {place} (source '{source.id}')",
            )

    addresses: dict[str, str] = {}
    for source in doc.sources.values():
        if not source.direct:
            if source.id not in cited:
                yield at(
                    source.origin, "link.unused-source", "warning", f"source '{source.id}' is never cited"
                )
            if source.url is not None and (problem := address_problem(source.url)):
                yield at(source.origin, problem[0], "error", f"{problem[1]} (source '{source.id}')")
        if source.url:
            key = address_key(source.url.strip()).rstrip("/")
            if key in addresses and addresses[key] != source.id:
                yield at(
                    source.origin,
                    "link.duplicate-address",
                    "warning",
                    f"source '{source.id}' has the same address as source '{addresses[key]}'",
                )
            addresses.setdefault(key, source.id)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_BIDI_CONTROLS = BIDI_CONTROLS  # what a reader sees can differ from what is read (presentation.py)


def check_characters(doc: Document) -> Iterator[Finding]:
    """Bidirectional controls in the text, each a warning at its part."""
    parts: list[tuple[str, object, str]] = [
        ("the title", doc.extra_origins.get("title", doc.origin), doc.title)
    ]
    parts += [
        (f"the metadata '{k}'", doc.extra_origins.get("metadata", doc.origin), v)
        for k, v in doc.metadata.items()
    ]
    parts += [("the formula", doc.extra_origins.get("formula", doc.origin), plain_text(doc.formula))]
    parts += [
        (what, doc.extra_origins.get(key, doc.origin), text)
        for key, what, text in (
            ("short_title", "the short title", doc.short_title),
            ("issuer", "the issuer", doc.issuer),
            ("numbering", "the numbering", doc.numbering),  # printed in every clause's label
        )
        if key in doc.extra_origins  # given: the short title is the title otherwise
    ]
    parts += [
        (f"the {field} of source '{s.id}'", s.origin, value)
        for s in doc.sources.values()
        for field in ("title", "author", "publisher", "issued", "accessed", "note")
        if (value := getattr(s, field))
    ]

    def headings(items: tuple[Heading, ...]) -> None:
        parts.extend((f"the heading '{h.text}'", h.origin, f"{h.label} {h.text}") for h in items)

    def preamble(items: tuple[Paragraph, ...], of: str) -> None:
        for p in items:
            headings(p.headings)
            parts.append((f"preamble paragraph {p.index}{of}", p.origin, plain_text(p.content)))

    preamble(doc.preamble, "")

    def clauses(items: tuple[Clause, ...], noun: str) -> None:
        for c in items:
            headings(c.headings)
            text = " ".join([c.verb, plain_text(c.content), *(plain_text(p) for p in c.paragraphs)])
            text += " ".join(plain_text(s.content) for s in _all_subclauses(c.subclauses))
            parts.append((f"{noun} {c.name}", c.origin, text))

    clauses(doc.operative, "operative clause")
    parts += [("the enacting line", doc.extra_origins.get("enacting", doc.origin), plain_text(doc.enacting))]
    parts += [("the closing line", doc.extra_origins.get("closing", doc.origin), plain_text(doc.closing))]
    for annex in doc.annexes:
        parts.append((f"the title of {annex.id}", annex.origin, annex.label + " " + plain_text(annex.title)))
        preamble(annex.preamble, f" of {annex.id}")
        clauses(annex.paragraphs, f"paragraph of {annex.id}")
        headings(annex.end_headings)
    for what, origin, text in parts:
        found = sorted({f"U+{ord(ch):04X}" for ch in _BIDI_CONTROLS.findall(text)})
        if found:
            yield at(
                origin,  # type: ignore[arg-type]
                "text.bidi-control",
                "warning",
                f"{what} holds bidirectional control characters ({', '.join(found)}): what is shown "
                "may differ from what is read",
            )
