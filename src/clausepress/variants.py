"""The PDF variants, each one definition that the writers, the builder and the checker read.

As WeasyPrint keeps its `VARIANTS`: what a variant is called, the file it writes, what
it asks of WeasyPrint, the stylesheet it adds, the standard veraPDF holds it to, and
what the checker verifies it declares and carries. Adding a variant is adding an entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PDFX", "SOURCE_MIME", "VARIANTS", "Variant", "variant", "variant_suffix"]

SOURCE_MIME = "application/yaml"  # the archival PDF's attached source
# PDF/X for the print variant, on request: only X-3. WeasyPrint writes a random
# xmpMM:DocumentID for X-4 and X-5g (no two builds alike), and X-1a allows CMYK only.
PDFX = "pdf/x-3"


@dataclass(frozen=True)
class Variant:
    """One PDF variant."""

    name: str
    purpose: str  # who it is for, in a few words
    suffix: str  # what it adds to an output's name: x.pdf, x.print.pdf
    weasyprint: str | None  # WeasyPrint's `pdf_variant`
    claim: str | None  # the standard it declares, as people name it
    identification: dict[str, str] = field(default_factory=dict)  # XMP properties that declare it
    verapdf: str | None = None  # the veraPDF profile it is validated against
    stylesheet: str | None = None  # from the styles folder, after document.css
    links: bool = True  # addresses are links (on paper they are printed text)
    attaches_source: bool = False  # carries its YAML source (AFRelationship /Source)
    attaches_akn: bool = False  # and its Akoma Ntoso (AFRelationship /Data, application/akn+xml)
    bleed_mm: float | None = None  # bleed around the trim box, with crop marks

    def file_name(self, doc_id: str) -> str:
        """The output's name for the document `doc_id`."""
        return f"{doc_id}{self.suffix}.pdf"


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant(
            "screen", "reading on screen, accessible", "", "pdf/ua-1", "PDF/UA-1",
            identification={"pdfuaid:part": "1"}, verapdf="ua1",
        ),
        Variant(
            "print", "the printer: bleed, crop marks, addresses as text", ".print", None, None,
            stylesheet="print.css", links=False, bleed_mm=3.0,
        ),
        Variant(
            "archival", "archives: PDF/A-3a with its source inside", ".archival", "pdf/a-3a", "PDF/A-3a",
            identification={"pdfaid:part": "3", "pdfaid:conformance": "A"}, verapdf="3a",
            attaches_source=True, attaches_akn=True,
        ),
    )
}  # fmt: skip


def variant(name: str) -> Variant:
    """The variant called `name` (ValueError naming the known ones otherwise)."""
    try:
        return VARIANTS[name]
    except KeyError:
        raise ValueError(f"unknown variant {name!r}; expected one of {', '.join(VARIANTS)}") from None


def variant_suffix(doc_id: str) -> str | None:
    """The variant suffix a document id ends in (`x.print`, `X.Archival`: case aside, as a
    file system may fold it), whose PDF it would overwrite; None when it ends in none."""
    folded = doc_id.casefold()
    return next((v.suffix for v in VARIANTS.values() if v.suffix and folded.endswith(v.suffix)), None)
