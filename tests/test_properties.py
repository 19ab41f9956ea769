"""Property tests (Hypothesis): random documents and random damage never raise an uncaught error.

The loader, the importer and the checker meet random and mutated input; only their own
errors (`ClausepressError`) may come out. Valid generated documents build, and the
checker finds no error in them, in the source, the PDF or the EPUB.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausepress import build, loads
from clausepress.check import check_document
from clausepress.check.epub import check_epub
from clausepress.check.pdf import check_pdf
from clausepress.errors import ClausepressError
from clausepress.importer import import_text

from .conftest import FIRST

SOUND = FIRST.read_text(encoding="utf-8")

# Words of the genre, so that generated documents read as documents, and the characters
# that stress a loader: Markdown, YAML and HTML punctuation.
WORDS = st.sampled_from(
    [
        "the",
        "of",
        "and",
        "to",
        "records",
        "archive",
        "members",
        "council",
        "report",
        "year",
        "shall",
        "may",
        "public",
        "access",
        "Armenia",
        "Nagorno-Karabakh",
        "Geneva",
        "2024",
        "(a)",
        "section",
        "it's",
        "«cité»",
        "Ժողով",
        "Совет",
    ]
)
PUNCT = st.sampled_from(list(",;:.!?'\"()[]*_#&<>%@`|-—"))
MARKUP = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@st.composite
def sentence(draw: st.DrawFn, end: str = ";") -> str:
    words = draw(st.lists(WORDS, min_size=3, max_size=14))
    return " ".join(words) + end


@st.composite
def document(draw: st.DrawFn) -> dict[str, object]:
    """A valid clausepress document, as the data of its YAML."""
    n = draw(st.integers(1, 6))
    sources = {f"s{i}": {"title": f"Report {i}", "URL": f"https://archive.test/report/{i}"} for i in range(3)}
    cited: set[str] = set()

    def cite(text: str) -> str:
        if draw(st.booleans()):
            key = draw(st.sampled_from(sorted(sources)))
            cited.add(key)
            words = text.split(" ")
            i = draw(st.integers(0, max(0, len(words) - 2)))
            words[i] = f"[{words[i]}][{key}]"
            return " ".join(words)
        return text

    clauses = []
    for i in range(n):
        clause: dict[str, object] = {
            "verb": draw(st.sampled_from(["Decides", "Urges", "Calls upon", "Notes"]))
        }
        clause["text"] = cite(draw(sentence("." if i == n - 1 else ";")))
        if draw(st.booleans()):
            clause["subclauses"] = [draw(sentence(";")) for _ in range(draw(st.integers(1, 3)))]
        clauses.append(clause)
    data: dict[str, object] = {
        "title": " ".join(draw(st.lists(WORDS, min_size=1, max_size=6))).capitalize(),
        "issuer": "Council of Archivists",
        "adopted": "2024-05-01",
        "language": "en",
        "preamble": [cite("Recognising " + draw(sentence(";"))) for _ in range(draw(st.integers(0, 3)))],
        "enacting": "The Council:",
        "operative": clauses,
    }
    data["sources"] = {k: v for k, v in sources.items() if k in cited}
    return data


def _dump(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_loader_on_any_text(text: str) -> None:
    with contextlib.suppress(ClausepressError):
        loads(text, "random.yaml")


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_loader_on_damaged_sources(data: st.DataObject) -> None:
    """A sound source with characters cut, inserted or replaced."""
    text = SOUND
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["cut", "insert", "replace"]))
        junk = data.draw(MARKUP)
        j = min(len(text), i + data.draw(st.integers(1, 60)))
        text = text[:i] + (junk if action != "cut" else "") + (text[j:] if action != "insert" else text[i:])
    try:
        doc = loads(text, "damaged.yaml")
    except ClausepressError:
        return
    from clausepress.check.source import check_source

    check_source(doc)  # a loadable document can always be checked


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(sentence("."), sentence(";"), MARKUP, st.just(""), st.just("1. *Decides* x;")), max_size=12
    )
)
def test_importer_on_any_text(lines: list[str]) -> None:
    try:
        result = import_text("\n".join(lines), "random.txt")
    except ClausepressError:
        return
    loads(result.yaml, "imported.yaml")  # what it writes always loads


@settings(max_examples=60, deadline=None)
@given(document())
def test_model_survives_yaml(data: dict[str, object]) -> None:
    """Dumped as YAML and read back, a generated document keeps its structure."""
    doc = loads(_dump(data), "generated.yaml")
    assert len(doc.operative) == len(data["operative"])  # type: ignore[arg-type]
    assert [c.verb for c in doc.operative] == [c["verb"] for c in data["operative"]]  # type: ignore[index, union-attr]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_generated_documents_build_and_check_clean(data: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "generated.yaml"
        source.write_text(_dump(data), encoding="utf-8")
        outputs = {o.format: o.path for o in build(source, tmp)}
        report = check_document(source, outputs["pdf"], outputs["epub"])
        errors = [str(f) for f in report.findings if f.severity == "error"]
        assert errors == []
        assert not [str(f) for f in report.findings if f.code.startswith(("pdf.", "epub.", "text."))]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_checker_on_damaged_outputs(data: st.DataObject) -> None:
    """Random bytes of a built PDF or EPUB replaced: the checker reports, it never crashes."""
    global _BUILT
    if not _BUILT:
        out = Path(tempfile.mkdtemp())
        _BUILT = {o.format: o.path for o in build(FIRST, out, formats=["pdf", "epub"])}
    doc = loads(SOUND, "content/iags-2024-nagorno-karabakh.yaml")
    fmt = data.draw(st.sampled_from(["pdf", "epub"]))
    raw = bytearray(_BUILT[fmt].read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    with tempfile.TemporaryDirectory() as tmp:
        damaged = Path(tmp) / f"damaged.{fmt}"
        damaged.write_bytes(bytes(raw))
        findings = check_pdf(doc, damaged) if fmt == "pdf" else check_epub(doc, damaged)
        assert isinstance(findings, list)


_BUILT: dict[str, Path] = {}
