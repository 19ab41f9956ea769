"""Property tests (Hypothesis): random documents and random damage never raise an uncaught error.

The loader, the importer and the checker meet random and mutated input; only their own
errors (`ClausepressError`) may come out. Valid generated documents build, and the
checker finds no error in them, in the source, the PDF or the EPUB.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import io
import re
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from clausepress import build, load, loads
from clausepress.check import Finding, check_document
from clausepress.check.epub import check_epub
from clausepress.check.pdf import check_pdf
from clausepress.check.text import blocks
from clausepress.errors import ClausepressError, display_path
from clausepress.importer import import_text
from clausepress.model import Document
from clausepress.variants import VARIANTS

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


@pytest.mark.slow
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


# --- the checker on damaged outputs: each kind of damage, what the findings must say ---------

DAMAGED = Path(__file__).resolve().parent / "check" / "fixtures" / "un_resolution.yaml"  # a small document
FINDING = re.compile(rf"(pdf|epub|text|{'|'.join(VARIANTS)})\.[a-z-]+")  # a variant's own checks too
WORD = re.compile(r"[^\W\d_]{3,}")
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(scope="session")
def sound_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PDF and EPUB of a small sound document, which the damage tests copy and damage."""
    out = tmp_path_factory.mktemp("to-damage")
    outputs = {o.format: o.path for o in build(DAMAGED, out, formats=["pdf", "epub"])}
    doc = load(DAMAGED)
    assert check_pdf(doc, outputs["pdf"]) == [] and check_epub(doc, outputs["epub"]) == []
    return outputs


def _well_formed(findings: list[Finding], damaged: Path) -> None:
    for f in findings:
        assert FINDING.fullmatch(f.code) and f.severity in ("error", "warning"), f
        assert f.file == display_path(damaged), f


def _other_words(doc: Document) -> set[str]:
    """Words the outputs show outside the checked blocks: title block, notes, addresses."""
    adopted = doc.adopted.strftime("%d %B %Y") if isinstance(doc.adopted, datetime.date) else ""
    text = [doc.title, doc.issuer or "", adopted, "Link target not given in the source text."]
    for source in doc.sources.values():
        text += [str(v) for v in dataclasses.astuple(source) if isinstance(v, str)]
    return set(WORD.findall(" ".join(text)))


@functools.lru_cache(maxsize=64)
def _page_text(pdf: bytes, page: int) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[page].extract_text()


def _page_words(pdf: Path, page: int, pattern: re.Pattern[str] = WORD) -> Counter[str]:
    return Counter(pattern.findall(_page_text(pdf.read_bytes(), page)))


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_checker_on_a_pdf_with_text_cut(
    data: st.DataObject, sound_outputs: dict[str, Path], tmp_path: Path
) -> None:
    """One text-showing operator of a page removed: the words it showed are reported, in their block."""
    doc = load(DAMAGED)
    pdf = sound_outputs["pdf"]
    pages = len(PdfReader(pdf).pages)
    page = data.draw(st.integers(0, pages - 1), label="page")
    damaged = tmp_path / "cut.pdf"
    with pikepdf.open(pdf) as p:
        ops = pikepdf.parse_content_stream(p.pages[page])
        shows = [i for i, (_, op) in enumerate(ops) if str(op) in ("TJ", "Tj", "'", '"')]
        del ops[data.draw(st.sampled_from(shows), label="operator")]
        p.pages[page].Contents = p.make_stream(pikepdf.unparse_content_stream(ops))
        p.save(damaged)
    findings = check_pdf(doc, damaged)
    _well_formed(findings, damaged)
    lost = set(_page_words(pdf, page) - _page_words(damaged, page))
    distinctive = lost - _other_words(doc)
    owners = [b.label for b in blocks(doc) if distinctive & set(WORD.findall(" ".join(b.words)))]
    tokens = re.compile(r"\S+")
    if _page_words(pdf, page, tokens) == _page_words(damaged, page, tokens):
        # the page reads as before (the operator drew spaces, or nothing): nothing to say
        assert [str(f) for f in findings] == []
    if owners:  # words only a checked block has are gone: an error names the block (or its words)
        errors = [f for f in findings if f.severity == "error"]
        assert any(
            re.search(rf"\b{re.escape(label)}\b", f.message) or any(w in f.message for w in distinctive)
            for f in errors
            for label in owners
        ), (sorted(lost), owners, [str(f) for f in findings])


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_checker_on_an_epub_with_a_word_cut(
    data: st.DataObject, sound_outputs: dict[str, Path], tmp_path: Path
) -> None:
    """One word of a block removed from the EPUB's XHTML: an error names that block."""
    doc = load(DAMAGED)
    by_id = {b.id: b for b in blocks(doc)}
    with zipfile.ZipFile(sound_outputs["epub"]) as z:
        entries = {i.filename: z.read(i) for i in z.infolist()}
    name = "EPUB/document.xhtml"
    root = etree.fromstring(entries[name])

    def owner(element: etree._Element) -> str | None:
        while element is not None:
            if element.get("id") in by_id:
                return element.get("id")
            if element.get(EPUB_TYPE) in ("noteref", "footnote"):
                return None  # a note call or a note: not the block's own words
            element = element.getparent()
        return None

    # (element, attribute, block id) of every text of a block that holds a word
    texts = [
        (e, attr, block)
        for e in root.iter(f"{XHTML}*")
        for attr, holder in (("text", e), ("tail", e.getparent()))
        if holder is not None and (block := owner(holder)) is not None and WORD.search(getattr(e, attr) or "")
    ]
    element, attr, block = data.draw(st.sampled_from(texts), label="text")
    words = list(WORD.finditer(getattr(element, attr)))
    cut = data.draw(st.sampled_from(words), label="word")
    text = getattr(element, attr)
    setattr(element, attr, text[: cut.start()] + text[cut.end() :])
    entries[name] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    damaged = tmp_path / "cut.epub"
    with zipfile.ZipFile(damaged, "w") as z:
        for entry, content in entries.items():
            z.writestr(entry, content, zipfile.ZIP_STORED if entry == "mimetype" else zipfile.ZIP_DEFLATED)
    findings = check_epub(doc, damaged)
    _well_formed(findings, damaged)
    label = by_id[block].label
    errors = [f for f in findings if f.severity == "error"]
    assert any(re.search(rf"\b{re.escape(label)}\b", f.message) for f in errors), (
        cut.group(),
        label,
        [str(f) for f in findings],
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["pdf", "epub"]), data=st.data())
def test_checker_on_a_cut_off_file(
    fmt: str, data: st.DataObject, sound_outputs: dict[str, Path], tmp_path: Path
) -> None:
    """A PDF or EPUB cut short (its end, where the cross-reference or the zip directory is, lost):
    one finding, that the file cannot be read."""
    raw = sound_outputs[fmt].read_bytes()
    damaged = tmp_path / f"cut.{fmt}"
    damaged.write_bytes(raw[: data.draw(st.integers(0, len(raw) - 64), label="length")])
    doc = load(DAMAGED)
    findings = check_pdf(doc, damaged) if fmt == "pdf" else check_epub(doc, damaged)
    assert [(f.code, f.severity) for f in findings] == [(f"{fmt}.unreadable", "error")]
    _well_formed(findings, damaged)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["pdf", "epub"]), data=st.data())
def test_checker_on_bytes_replaced(
    fmt: str, data: st.DataObject, sound_outputs: dict[str, Path], tmp_path: Path
) -> None:
    """Random bytes of a built PDF or EPUB replaced: the checker never crashes, and what it reports
    is findings of the file (its codes, severities and name), unreadable or not."""
    raw = bytearray(sound_outputs[fmt].read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    damaged = tmp_path / f"damaged.{fmt}"
    damaged.write_bytes(bytes(raw))
    doc = load(DAMAGED)
    findings = check_pdf(doc, damaged) if fmt == "pdf" else check_epub(doc, damaged)
    _well_formed(findings, damaged)
    if bytes(raw) == sound_outputs[fmt].read_bytes():  # the same bytes drawn again: still sound
        assert findings == []
    unreadable = [f for f in findings if f.code.endswith(".unreadable")]
    assert not unreadable or findings == unreadable  # an unreadable file is only that
