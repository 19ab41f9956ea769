"""What the Akoma Ntoso writer, checker and reader share: namespaces, the schema, IRIs, language codes.

The schema is the OASIS AKN 3.0 XSD vendored in `schemas/` (with the `xml.xsd` it imports):
lxml loads it with a parser that never reaches the network, so validation runs offline.
`check/` and `importer/` ask this module, never `render/akn.py`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .forms import FORMS
from .model import Document
from .resources import SCHEMAS

__all__ = [
    "CP",
    "MIME",
    "NS",
    "SchemaError",
    "file_name",
    "language_code",
    "language_tag",
    "load_schema",
    "schema",
    "schema_errors",
    "work_iri",
]

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# clausepress's own namespace, for what AKN has no place for (the source's ids and flags, its
# sources' fields): attributes of it are allowed on every AKN element (`anyAttribute ##other`),
# its elements inside `<proprietary>`. A URN: it names, it is never fetched.
CP = "urn:clausepress:akn:1"
MIME = "application/akn+xml"  # the archival PDF's second associated file
SUFFIX = ".akn.xml"


def file_name(doc_id: str) -> str:
    """The AKN file of the document `doc_id`."""
    return f"{doc_id}{SUFFIX}"


@dataclass(frozen=True)
class SchemaError:
    """One violation of the AKN schema, where lxml reports it."""

    line: int
    column: int
    message: str


class _PackageFiles(etree.Resolver):  # type: ignore[misc]
    """Resolves what a schema reads (itself, the `xml.xsd` it imports) to the files of `folder`, and
    refuses anything else: no schema import ever reaches the network or another folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.read: list[str] = []  # the files' names, in the order read

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        path = (
            Path(url.removeprefix("file://")).resolve()
            if "://" not in url or url.startswith("file://")
            else None
        )
        if path is None or path.parent != self.folder or not path.is_file():
            raise etree.XMLSchemaParseError(f"the schema reads {url}, not a file of {self.folder}: refused")
        self.read.append(path.name)
        return self.resolve_filename(str(path), context)


def load_schema(path: Path) -> tuple[etree.XMLSchema, list[str]]:
    """The XSD at `path`, with every file it imports taken from its own folder (a network address or
    another folder is refused: `XMLSchemaParseError`), and the names of the files it read."""
    resolver = _PackageFiles(path.parent)
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(resolver)
    tree = etree.parse(str(path), parser)
    return etree.XMLSchema(tree), resolver.read


@functools.cache
def schema() -> etree.XMLSchema:
    """The AKN 3.0 schema, loaded once, from the package's own files only."""
    return load_schema(SCHEMAS / "akomantoso30.xsd")[0]


def schema_errors(tree: etree._ElementTree | etree._Element) -> list[SchemaError]:
    """Every schema violation of an AKN tree (none: valid)."""
    checker = schema()
    if checker.validate(tree):
        return []
    return [SchemaError(e.line, e.column, e.message) for e in checker.error_log]


def language_code(tag: str) -> str:
    """The ISO 639-2 (terminology) code of a BCP 47 tag's language, as AKN names it: "en-GB" is
    "eng", "fr" "fra", "hy" "hye"; a primary subtag pycountry does not know is kept as it is."""
    import pycountry

    primary = tag.split("-")[0].lower()
    found = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else None
    if found is None and len(primary) == 3:
        found = pycountry.languages.get(alpha_3=primary)
    return str(getattr(found, "alpha_3", primary)) if found is not None else primary


def language_tag(code: str) -> str:
    """The BCP 47 tag of an ISO 639-2 code (either the terminology or the bibliographic one):
    "eng" is "en", "fre" "fr"; a code with no two-letter form is kept ("fil")."""
    import pycountry

    code = code.lower()
    found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    alpha_2 = getattr(found, "alpha_2", None) if found is not None else None
    return str(alpha_2) if alpha_2 else code


_SLUG = re.compile(r"[^a-z0-9]+")


def actor(doc: Document) -> str:
    """The id of the issuing body: the form's (`un-ga`), else a slug of the issuer's name."""
    form = FORMS[doc.form].akn
    if form.actor:
        return form.actor
    return _SLUG.sub("-", doc.issuer.lower()).strip("-")[:60] or "issuer"


def work_date(doc: Document, generated: _dt.date) -> str:
    """The Work's date in the IRI: the date of adoption, else the date it was generated."""
    return (doc.adopted or generated).isoformat()


def work_number(doc: Document) -> str:
    """The Work's number in the IRI: the symbol's numbers (AKN4UN's "71-4"), else the document's id."""
    found = FORMS[doc.form].akn.symbol.search(doc.metadata.get("symbol", ""))
    return "-".join(found.groups()) if found else doc.id


def work_iri(doc: Document, generated: _dt.date) -> str:
    """The FRBR Work IRI by the AKN naming convention: `/akn/un/statement/deliberation/un-ga/2016-10-13/71-4`."""
    form = FORMS[doc.form].akn
    parts = ["", "akn", form.country, form.document, form.subtype, actor(doc), work_date(doc, generated),
             work_number(doc)]  # fmt: skip
    return "/".join(p for p in parts if p is not None)
