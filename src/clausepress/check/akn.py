"""The Akoma Ntoso file: valid against the AKN 3.0 schema, and saying what the source says.

`akn.schema` for each violation of the schema (at the line lxml reports); `akn.syntax` for a file
that is no well-formed XML; then the structure against the model: the operative paragraphs, the
annexes' and the sub-paragraphs, each by its `eId`, numbered as the source numbers them
(`akn.numbering`), each present once (`akn.missing`, `akn.extra`); every `href="#..."` resolves to an
`eId` of the file (`akn.reference`); one `authorialNote` a citation, in order, numbered 1..N and
placed at the page's foot (`akn.notes`); the identification names the document's language and
title (`akn.identification`). The file is parsed with no network, no DTD and no entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..akn import NS, language_code, schema_errors
from ..errors import display_path
from ..forms import FORMS
from ..model import Clause, Document, SubClause
from .findings import Finding, shown

__all__ = ["check_akn"]

_A = f"{{{NS}}}"
_MAX_REPORTED = 20  # schema errors reported one by one; the rest counted


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)


def check_akn(doc: Document, path: Path) -> list[Finding]:
    """Every finding of the AKN file at `path` built from `doc`."""
    name = display_path(path)
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        return [
            Finding(
                "akn.syntax",
                "error",
                f"not well-formed XML: {shown(exc.msg or str(exc))}",
                name,
                line,
                column,
            )
        ]
    except OSError as exc:
        return [Finding("akn.unreadable", "error", f"{name} cannot be read ({exc})", name)]
    findings = list(_schema(tree, name))
    root = tree.getroot()
    findings += _identification(doc, root, name)
    findings += _numbering(doc, root, name)
    findings += _references(root, name)
    findings += _notes(doc, root, name)
    return findings


def _schema(tree: etree._ElementTree, name: str) -> Iterator[Finding]:
    errors = schema_errors(tree)
    for e in errors[:_MAX_REPORTED]:
        yield Finding(
            "akn.schema", "error", f"breaks the AKN 3.0 schema: {shown(e.message)}", name, e.line, e.column
        )
    if len(errors) > _MAX_REPORTED:
        yield Finding(
            "akn.schema", "error", f"{len(errors) - _MAX_REPORTED} more violations of the schema", name
        )


def _line(node: etree._Element) -> int | None:
    line = node.sourceline
    return int(line) if line is not None else None


def _identification(doc: Document, root: etree._Element, name: str) -> Iterator[Finding]:
    language = root.find(f".//{_A}FRBRExpression/{_A}FRBRlanguage")
    expected = language_code(doc.language)
    if language is None or language.get("language") != expected:
        said = "none" if language is None else f"'{shown(language.get('language') or '')}'"
        where = _line(language) if language is not None else None
        yield Finding("akn.identification", "error",
                      f"the expression's language is {said}, not '{expected}' ({doc.language})", name, where)  # fmt: skip
    title = root.find(f".//{_A}FRBRWork/{_A}FRBRname")
    if title is None or title.get("value") != doc.title:
        yield Finding("akn.identification", "error", "the work's FRBRname is not the document's title", name,
                      _line(title) if title is not None else None)  # fmt: skip


def _num(node: etree._Element) -> str | None:
    num = node.find(f"{_A}num")
    return None if num is None else "".join(num.itertext())


def _expected(clauses: tuple[Clause, ...]) -> Iterator[tuple[str, str, str]]:
    """(eId, num, what) of each clause and sub-clause, as the source numbers them."""
    for c in clauses:
        yield c.id, c.label, f"paragraph {c.name}"
        yield from _expected_subs(c.subclauses)


def _expected_subs(subs: tuple[SubClause, ...]) -> Iterator[tuple[str, str, str]]:
    for s in subs:
        yield s.id, f"({s.label})", f"sub-paragraph ({s.label})"
        yield from _expected_subs(s.subclauses)


def _numbering(doc: Document, root: etree._Element, name: str) -> Iterator[Finding]:
    form = FORMS[doc.form].akn
    tags = {_A + t for t in (form.clause, form.subclause, "paragraph", "subparagraph", "article")}
    found: dict[str, etree._Element] = {}
    for node in root.iter(*tags):
        eid = node.get("eId")
        if eid is not None:
            found.setdefault(eid, node)
    expected = list(_expected(doc.operative))
    for annex in doc.annexes:
        expected += _expected(annex.paragraphs)
    known = set()
    for eid, label, what in expected:
        known.add(eid)
        node = found.get(eid)
        if node is None:
            yield Finding(
                "akn.missing", "error", f"{what} of the source ('{eid}') is not in the AKN file", name
            )
            continue
        num = _num(node)
        if (num or "") != label:
            yield Finding(
                "akn.numbering", "error",
                f"'{eid}' is numbered '{shown(num or '')}' in the AKN file, '{label}' in the source ({what})",
                name, _line(node),
            )  # fmt: skip
    for eid, node in found.items():
        if eid not in known:
            yield Finding(
                "akn.extra", "error", f"'{shown(eid)}' is no paragraph of the source", name, _line(node)
            )


def _references(root: etree._Element, name: str) -> Iterator[Finding]:
    eids = {node.get("eId") for node in root.iter() if node.get("eId") is not None}
    for node in root.iter():
        for attr in ("href", "refersTo"):
            value = node.get(attr)
            if value is None or not value.startswith("#"):
                continue
            if value[1:] not in eids:
                tag = etree.QName(node).localname
                yield Finding("akn.reference", "error",
                              f"<{tag} {attr}=\"{shown(value)}\"> names no eId of the file", name, _line(node))  # fmt: skip


def _notes(doc: Document, root: etree._Element, name: str) -> Iterator[Finding]:
    notes = [n for n in root.iter(_A + "authorialNote")]
    citations = doc.citations()
    for index, note in enumerate(notes, 1):
        if note.get("placement") != "bottom":
            yield Finding("akn.notes", "error",
                          f"note {note.get('marker')} is not placed at the page's foot (placement=\"bottom\")",
                          name, _line(note))  # fmt: skip
        if note.get("marker") != str(index):
            yield Finding("akn.notes", "error",
                          f"note {index} is marked '{shown(note.get('marker') or '')}', not '{index}'", name,
                          _line(note))  # fmt: skip
    if len(notes) != len(citations):
        markers = {n.get("marker") for n in notes}
        lost = [str(c.number) for c in citations if str(c.number) not in markers]
        detail = f": notes {', '.join(lost[:10])} of the source are not in it" if lost else ""
        yield Finding("akn.notes", "error",
                      f"the AKN file has {len(notes)} notes, the source {len(citations)}{detail}", name)  # fmt: skip
