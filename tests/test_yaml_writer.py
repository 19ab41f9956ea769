"""The YAML writer is the loader's inverse: for generated documents, loading what it writes gives the model back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausepress import load, loads
from clausepress.errors import Origin
from clausepress.forms import FORMS
from clausepress.model import (
    Annex,
    Citation,
    Clause,
    Conventions,
    Document,
    Emphasis,
    Heading,
    Inline,
    Paragraph,
    Source,
    Strong,
    SubClause,
    Text,
    numbered,
    plain_text,
)
from clausepress.presentation import NUMBERING_STYLES, clause_id, clause_label, heading_id, subclause_label
from clausepress.yaml_writer import WIDTH, inline_markdown, write_yaml

from .conftest import FIRST, FIXTURES

HERE = Origin("generated", 1, 1)

# Text as people paste it: any letter or sign, no-break and thin spaces, line breaks, and
# the characters Markdown reads as markup, often.
_SPECIAL = "*_[]()\\`<>#!&:-'\"{}|"
_ALPHABET = st.one_of(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\ufffe\uffff\u2028\u2029\ufeff",
    ),
    st.sampled_from(_SPECIAL + "  \u00a0\u202f\t\nab"),
)


def _tidy(text: str) -> str:
    # Markdown drops spaces around a line break: a text has none there to lose.
    return re.sub(r"[ \t\u00a0\u202f]*\n[ \t]*", "\n", text)


texts = st.text(_ALPHABET, min_size=1, max_size=30).map(_tidy).filter(lambda t: t != "")
words = st.from_regex(r"[A-Za-z0-9éàüßø]{1,8}( [A-Za-z0-9éàüßø]{1,8}){0,3}", fullmatch=True)
strings = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda t: t.strip() != "")
urls = (
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E) | st.just(" "), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def emphasis(draw: st.DrawFn) -> Inline:
    """Emphasis or strong with words at its edges (Markdown cannot open `*` on a space)."""
    inner: tuple[Inline, ...] = (Text(draw(words)),)
    if draw(st.booleans()):
        kind = draw(st.sampled_from([Emphasis, Strong]))
        inner = (Text(draw(words) + " "), kind((Text(draw(words)),)), Text(" " + draw(words)))
    return draw(st.sampled_from([Emphasis, Strong]))(inner)


@st.composite
def inline(draw: st.DrawFn, targets: list[str]) -> tuple[Inline, ...]:
    """Text and marked-up runs in turn; citations of `targets` (source ids and direct addresses)."""
    nodes: list[Inline] = [Text(draw(texts))]
    for _ in range(draw(st.integers(0, 3))):
        kinds = ["emphasis", "cite"] if targets else ["emphasis"]
        if draw(st.sampled_from(kinds)) == "emphasis":
            nodes.append(draw(emphasis()))
        else:
            anchor: tuple[Inline, ...] = (Text(draw(texts)),)
            if draw(st.booleans()):
                anchor = (*anchor, draw(emphasis()))
            nodes.append(Citation(anchor, draw(st.sampled_from(targets)), 0, HERE))
        nodes.append(Text(draw(texts)))
    if not any(isinstance(n, Text) and n.text.strip() for n in nodes) and len(nodes) == 1:
        nodes = [Text("x" + nodes[0].text)]  # a source's text says something
    return tuple(nodes)


_IDS = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,10}", fullmatch=True)
_LABELS = st.from_regex(r"[0-9A-Za-z]{1,4}", fullmatch=True)


@st.composite
def subclauses(
    draw: st.DrawFn, parent: str, depth: int, cite: Callable[[], tuple[Inline, ...]]
) -> tuple[SubClause, ...]:
    out: list[SubClause] = []
    for i in range(1, draw(st.integers(0, 3)) + 1):
        explicit = draw(st.booleans())
        label = draw(_LABELS) if explicit else subclause_label(i, depth)
        sid = f"{parent}-{label}"
        if any(s.id == sid for s in out):
            sid = f"{parent}-{subclause_label(i, depth)}"
        if draw(st.integers(0, 4)) == 0:
            sid = draw(_IDS)
        children = draw(subclauses(sid, depth + 1, cite)) if depth < 2 else ()
        out.append(SubClause(sid, label, explicit, cite(), children, HERE, HERE))
    return tuple(out)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=4, unique=True))
    sources: dict[str, Source] = {}
    for sid in ids:
        url = draw(st.none() | urls)
        status = draw(st.sampled_from([None, "editorial"] + ([] if url else ["missing"])))
        sources[sid] = Source(
            sid,
            draw(st.none() | strings),
            draw(st.none() | strings),
            draw(st.none() | strings),
            draw(st.none() | st.sampled_from(["2019", "2019-05-01", "spring 2020"]) | strings),
            draw(st.none() | st.sampled_from(["2024-01-31"])),
            url,
            status,
            draw(st.none() | strings),
            HERE,
        )
    direct = draw(st.lists(urls, max_size=3, unique=True))
    targets = ids + [f"url:{u}" for u in direct]
    numbering = draw(st.sampled_from((*NUMBERING_STYLES, "Статья 1", "第1条", "Section 1.", "Հոդված 1")))
    form = draw(st.sampled_from(sorted(FORMS)))
    headings_seen: list[str] = []

    def cite() -> tuple[Inline, ...]:
        return draw(inline(targets))

    def headings(prefix: str) -> tuple[Heading, ...]:
        """None mostly, else one or two, their ids counted in reading order as the loader counts them."""
        out = []
        for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
            label = draw(st.sampled_from(["", "I.", "A.", "Chapter II", "第一章"]))
            content = cite() if not label or draw(st.booleans()) else ()
            hid = draw(st.sampled_from([heading_id(prefix, len(headings_seen) + 1)]) | _IDS)
            headings_seen.append(hid)
            out.append(Heading(hid, label, content, HERE))
        return tuple(out)

    def paragraphs(prefix: str, heading_prefix: str, labels: bool) -> tuple[Paragraph, ...]:
        out = []
        for i in range(1, draw(st.integers(0, 3)) + 1):
            heads = headings(heading_prefix)
            pid = draw(st.sampled_from([f"{prefix}-{i}"]) | _IDS)
            label = draw(st.none() | _LABELS) if labels else None
            out.append(Paragraph(pid, i, cite(), HERE, label, None, heads))
        return tuple(out)

    preamble = paragraphs("preamble", "preamble", labels=True)

    def clauses(prefix: str, least: int) -> tuple[Clause, ...]:
        out = []
        for i in range(1, draw(st.integers(least, 3)) + 1):
            heads = headings(prefix)
            explicit = draw(st.booleans())
            number = draw(_LABELS | st.sampled_from(["१", "一", "א", "٣"])) if explicit else str(i)
            derived = clause_id(prefix, number, i)
            cid = draw(st.sampled_from([derived]) | _IDS)
            out.append(
                Clause(
                    id=cid,
                    number=number,
                    number_explicit=explicit,
                    verb=draw(st.just("") | words | strings),
                    content=cite(),
                    subclauses=draw(subclauses(cid, 1, cite)),
                    origin=HERE,
                    number_origin=HERE,
                    verb_origin=HERE,
                    label=clause_label(number, numbering),
                    paragraphs=tuple(cite() for _ in range(draw(st.integers(0, 2)))),
                    headings=heads,
                )
            )
        return tuple(out)

    formula = draw(st.just(()) | st.builds(cite))
    operative = clauses("clause", 1)
    annexes = []
    for i in range(1, draw(st.integers(0, 2)) + 1):
        aid = draw(st.sampled_from([f"annex-{i}"]) | _IDS)
        label, title = draw(st.sampled_from(["", "Annex", "Annex II"])), draw(st.just(()) | st.builds(cite))
        annex_preamble = paragraphs(f"{aid}-preamble", aid, labels=False)
        annex_clauses = clauses(aid, 0)
        # Headings over no paragraph end an annex (a form's last question, unanswered).
        annexes.append(Annex(aid, label, title, annex_preamble, annex_clauses, HERE, headings(aid)))
    metadata = draw(
        st.dictionaries(st.from_regex(r"[a-z][a-z ]{0,10}[a-z]", fullmatch=True), strings, max_size=3)
    )
    # Fields given as inline text (a note called from the title block), in the order it prints them.
    inline_keys = draw(st.lists(st.sampled_from(sorted(metadata)), unique=True)) if metadata else []
    metadata_content: dict[str, tuple[Inline, ...]] = {}
    # (The title block prints the fields of inline text in the metadata's order, not in the draw's.)
    for key, _ in FORMS[form].printed({k: "" for k in metadata if k in inline_keys}, inline_keys):
        metadata_content[key] = cite()
        metadata[key] = plain_text(metadata_content[key])
    title = draw(strings)
    words_list = st.none() | st.lists(strings, max_size=3).map(tuple)
    conventions = draw(
        st.just(Conventions())
        | st.builds(
            Conventions,
            words_list,
            words_list,
            words_list,
            st.none() | strings.map(str.strip),
            st.none() | strings.map(str.strip),
        )
    )
    for url in direct:
        sources[f"url:{url}"] = Source(
            f"url:{url}", None, None, None, None, None, url, None, None, HERE, direct=True
        )
    doc = Document(
        id=draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,10}", fullmatch=True)),
        title=title,
        short_title=draw(st.just(title) | strings),
        issuer=draw(st.just("") | strings),
        adopted=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
        language=draw(st.sampled_from(["en", "fr", "hy", "ar", "en-GB"])),
        preamble=tuple(preamble),
        enacting=draw(st.just(()) | st.builds(cite)),
        operative=operative,
        closing=draw(st.just(()) | st.builds(cite)),
        sources=sources,
        path="generated.yaml",
        origin=HERE,
        conventions=conventions,
        numbering=numbering,
        form=form,
        metadata=metadata,
        formula=formula,
        annexes=tuple(annexes),
        metadata_content=metadata_content,
    )
    doc = numbered(doc)  # citation numbers 1..N in the loader's reading order
    # Only what a source can say: a direct address no text cites has nowhere to stand.
    cited = {c.source_id for c in doc.citations()}
    return dataclasses.replace(
        doc, sources={k: s for k, s in doc.sources.items() if not s.direct or k in cited}
    )


@pytest.mark.slow
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(documents())
def test_loading_what_is_written_gives_the_document_back(doc: Document) -> None:
    text = write_yaml(doc)
    assert loads(text, "written.yaml") == doc, text


@pytest.mark.parametrize("path", [FIRST, *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_written_sources_load_as_the_originals(path: Path) -> None:
    doc = load(path)
    text = write_yaml(doc, default_id=path.stem)
    assert text.startswith("id:") is (doc.id != path.stem)  # the file's name gives the id
    assert loads(text, "written.yaml", default_id=path.stem) == doc


def test_layout_for_a_person() -> None:
    """Long texts fold at spaces under their key, short ones stay plain; comments where asked."""
    long_text = "Recalling " + "the records of the society and " * 8 + "its charter;"
    doc = numbered(
        Document(
            id="x", title="Title", short_title="Title", issuer="", adopted=dt.date(2024, 5, 1), language="en",
            preamble=(Paragraph("preamble-1", 1, (Text(long_text),), HERE),),
            enacting=(Text("Decides:"),),
            operative=(
                Clause("clause-1", "1", False, "Urges", (Text("all to act "), Emphasis((Text("now"),)), Text(";")),
                       (), HERE, HERE, HERE, "1."),
            ),
            closing=(), sources={}, path="x.yaml", origin=HERE,
        )
    )  # fmt: skip
    text = write_yaml(
        doc, {"operative/clause-1/verb": "verb guessed", "language": "guessed"}, header="A title"
    )
    assert text.startswith("# A title\n\nid: x\ntitle: Title\nadopted: 2024-05-01\nlanguage: en  # guessed\n")
    assert "  - >-\n    Recalling the records" in text
    assert "  - verb: Urges  # verb guessed\n    text: all to act *now*;\n" in text
    assert "enacting: 'Decides:'\n" in text  # quoted where YAML needs it, and only there
    assert all(len(line) <= WIDTH for line in text.splitlines())
    assert loads(text) == doc
    with pytest.raises(ValueError, match="does not have"):
        write_yaml(doc, {"operative/clause-9": "no such clause"})


@pytest.mark.parametrize(
    ("nodes", "markdown"),
    [
        ((Text("a*b_c [d] e\\f \\* g](h)"),), "a\\*b\\_c \\[d\\] e\\f \\\\\\* g\\]\\(h)"),
        ((Text("(a) and (b)"),), "(a) and (b)"),
        ((Text("x "), Strong((Text("y"),))), "x **y**"),
    ],
)
def test_inline_markdown_escapes_only_markup(nodes: tuple[Inline, ...], markdown: str) -> None:
    assert inline_markdown(nodes, {}) == markdown


def test_unwritable_emphasis_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be written"):
        inline_markdown((Text("a "), Emphasis((Text(" b"),))), {})


def test_an_escaped_bracket_before_a_citation_is_text() -> None:
    """`\\]` right before `[anchor][id]` is a bracket of the text, not the end of a reference (Hypothesis found it)."""
    doc = loads("title: T\noperative:\n  - text: 'see [one][a] \\][two][b] here'\nsources:\n  a:\n  b:\n")
    assert [c.source_id for c in doc.citations()] == ["a", "b"]
    assert plain_text(doc.operative[0].content) == "see one ]two here"


def test_an_escaped_backslash_before_a_reference_is_a_backslash() -> None:
    """`\\\\][id]` ends an anchor with a backslash, then cites (Hypothesis found it too)."""
    doc = loads("title: T\noperative:\n  - text: 'x [µ\\\\][a] y'\nsources:\n  a:\n")
    assert [c.source_id for c in doc.citations()] == ["a"]
    assert plain_text(doc.operative[0].content) == "x µ\\ y"


def test_a_title_that_calls_a_note_is_written_as_inline_text() -> None:
    """The writer gives a title that calls a note back as `{text: ...}`, and it loads as it was."""
    from .test_source import TITLE_CALLS

    doc = loads(TITLE_CALLS, "t.yaml")
    written = write_yaml(doc)
    assert "title:\n  text: Statement on the [Archives][adopted]" in written
    assert loads(written, "t.yaml") == doc
