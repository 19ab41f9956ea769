"""Checks of what each PDF variant promises: tags and language everywhere, PDF/A and the
source attachment for the archival one, boxes and marks for the print one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, StreamObject

from ..errors import display_path
from ..model import Document
from ..variants import SOURCE_MIME, VARIANTS, Variant
from .findings import Finding, shown

__all__ = ["check_variant", "detect_variant", "variant_by_name"]


def _xmp(reader: PdfReader) -> str:
    meta = reader.root_object.get("/Metadata")
    return meta.get_object().get_data().decode("utf-8", "replace") if meta is not None else ""


def _xmp_value(xmp: str, name: str) -> str | None:
    """An XMP property written as an attribute or as an element."""
    found = re.search(rf'{name}="([^"]*)"', xmp) or re.search(rf"<{name}>([^<]*)</{name}>", xmp)
    return found.group(1) if found else None


def detect_variant(path: Path, reader: PdfReader | None = None) -> str:
    """The variant a PDF is: from what it declares, else its boxes, else its name."""
    reader = reader or PdfReader(path)
    xmp = _xmp(reader)
    for v in VARIANTS.values():  # what it declares: every identifying property, or the first one
        if v.identification and all(_xmp_value(xmp, p) == value for p, value in v.identification.items()):
            return v.name
    for v in VARIANTS.values():  # a declaration with a wrong value is still that variant's (reported)
        if v.identification and _xmp_value(xmp, next(iter(v.identification))):
            return v.name
    page: Any = reader.pages[0] if reader.pages else None
    if page is not None and "/TrimBox" in page and list(page.mediabox) != list(page["/TrimBox"]):
        return next(v.name for v in VARIANTS.values() if v.bleed_mm)
    return variant_by_name(path)


def variant_by_name(path: Path) -> str:
    """The variant a PDF's name says (`<id>.archival.pdf`), else the screen one."""
    for v in VARIANTS.values():
        if v.suffix and path.name.endswith(v.file_name("")):
            return v.name
    return "screen"


def check_variant(
    doc: Document,
    path: Path,
    source: Path | None,
    variant: str | None = None,
    reader: PdfReader | None = None,
) -> list[Finding]:
    """What the PDF's variant promises, checked; `source` is the YAML the archival PDF must carry."""
    name = display_path(path)
    reader = reader or PdfReader(path)
    variant = variant or detect_variant(path, reader)
    kind = VARIANTS[variant]
    findings = [*_common(doc, reader, name), *_identification(kind, reader, name)]
    if kind.attaches_source:
        findings += _attachment(kind, reader, source, name)
    if kind.attaches_akn:
        findings += _akn_attachment(doc, kind, reader, path, name)
    if kind.bleed_mm is not None:
        findings += _print(kind, reader, name)
    return findings


def _common(doc: Document, reader: PdfReader, name: str) -> Iterator[Finding]:
    root = reader.root_object
    if "/StructTreeRoot" not in root:
        yield Finding("pdf.untagged", "error", "the PDF has no structure tree (it is not tagged)", name)
    lang = root.get("/Lang")
    if not lang:
        yield Finding("pdf.language-missing", "error", "the PDF does not say its language (/Lang)", name)
    elif str(lang) != doc.language:
        yield Finding(
            "pdf.language-wrong", "error", f"the PDF's language is '{lang}', not '{doc.language}'", name
        )
    boxes: dict[str, int] = {}  # a character drawn as a box -> the first page that shows it
    read: set[int] = set()
    for number, page in enumerate(reader.pages, 1):
        for font in _fonts(page):
            if not _embedded(font):
                base = str(font.get("/BaseFont", "?")).lstrip("/")
                yield Finding(
                    "pdf.font-not-embedded", "error", f"the font {base} is not embedded", name, page=number
                )
            if id(font) not in read:
                read.add(id(font))
                for char in _notdef(font):
                    boxes.setdefault(char, number)
    for char, number in boxes.items():
        codes = " ".join(f"U+{ord(c):04X}" for c in char)
        yield Finding(
            "pdf.missing-glyph", "error",
            f"the PDF shows a box for '{shown(char)}' ({codes}): no font in it draws the character", name,
            page=number,
        )  # fmt: skip


_CIDCHAR = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s+(\d{1,9})")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*<([0-9A-Fa-f]{0,64})>")
_SECTION = re.compile(rb"begin(cidchar|bfchar)(.*?)end\1", re.S)


def _notdef(font: Any) -> list[str]:
    """The characters a font draws with its .notdef glyph (a box): the codes its /Encoding CMap maps
    to glyph 0, as WeasyPrint writes a font some of whose characters no installed font has, named by
    the font's /ToUnicode."""
    encoding = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if not isinstance(encoding, StreamObject):
        return []
    missing = {
        int(code, 16)
        for section in _SECTION.finditer(encoding.get_data())
        if section.group(1) == b"cidchar"
        for code, cid in _CIDCHAR.findall(section.group(2))
        if int(cid) == 0 and int(code, 16) != 0
    }
    to_unicode = font.get("/ToUnicode")
    if not missing or to_unicode is None:
        return []
    text: dict[int, str] = {}
    for section in _SECTION.finditer(to_unicode.get_object().get_data()):
        if section.group(1) == b"bfchar":
            for code, utf16 in _BFCHAR.findall(section.group(2)):
                text[int(code, 16)] = bytes.fromhex(utf16.decode()).decode("utf-16-be", "replace")
    return sorted({text[code] for code in missing if text.get(code)})


def _fonts(page: object) -> Iterator[DictionaryObject]:
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by its own glyph procedures
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _identification(kind: Variant, reader: PdfReader, name: str) -> Iterator[Finding]:
    """The XMP properties that declare the variant's standard, each with its value."""
    xmp = _xmp(reader)
    declared = {prop: _xmp_value(xmp, prop) for prop in kind.identification}
    if declared != kind.identification:
        said = ", ".join(f"{p}={v}" for p, v in declared.items() if v) or "nothing"
        yield Finding(
            f"{kind.name}.identification", "error",
            f"the {kind.name} PDF does not declare {kind.claim} in its XMP (it says {said})", name,
        )  # fmt: skip


def _attachment(kind: Variant, reader: PdfReader, source: Path | None, name: str) -> Iterator[Finding]:
    """The source the PDF carries: there, typed, and the same bytes as the source file."""
    if "/Encrypt" in reader.trailer:
        yield Finding(f"{kind.name}.encrypted", "error", f"the {kind.name} PDF is encrypted", name)
    attached = _source_attachment(reader)
    if attached is None:
        yield Finding(
            f"{kind.name}.attachment-missing", "error",
            f"the {kind.name} PDF does not carry its source (AFRelationship /Source)", name,
        )  # fmt: skip
        return
    data, mime = attached
    if mime != SOURCE_MIME:
        yield Finding(
            f"{kind.name}.attachment-type",
            "error",
            f"the attached source is typed '{mime}', not '{SOURCE_MIME}'",
            name,
        )
    if source is not None and data != source.read_bytes():
        yield Finding(
            f"{kind.name}.attachment-differs", "error",
            f"the attached source differs from {display_path(source)}", name,
        )  # fmt: skip


def _akn_attachment(
    doc: Document, kind: Variant, reader: PdfReader, path: Path, name: str
) -> Iterator[Finding]:
    """The Akoma Ntoso the PDF carries: there, typed, schema-valid, and the same bytes as the
    `<id>.akn.xml` beside the PDF when there is one."""
    from lxml import etree

    from .. import akn

    attached = _source_attachment(reader, "/Data")
    if attached is None:
        yield Finding(
            f"{kind.name}.akn-missing", "error",
            f"the {kind.name} PDF does not carry its Akoma Ntoso (AFRelationship /Data)", name,
        )  # fmt: skip
        return
    data, mime = attached
    if mime != akn.MIME:
        yield Finding(
            f"{kind.name}.akn-type",
            "error",
            f"the attached Akoma Ntoso is typed '{mime}', not '{akn.MIME}'",
            name,
        )
    try:
        tree = etree.fromstring(
            data, etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        )
        errors = akn.schema_errors(tree)
    except etree.XMLSyntaxError as exc:
        errors = [akn.SchemaError(exc.lineno or 0, exc.offset or 0, str(exc))]
    for e in errors[:5]:
        yield Finding(
            f"{kind.name}.akn-invalid", "error",
            f"the attached Akoma Ntoso breaks the AKN 3.0 schema at its line {e.line}: {e.message}", name,
        )  # fmt: skip
    beside = path.with_name(akn.file_name(doc.id))
    if beside.is_file() and beside.read_bytes() != data:
        yield Finding(
            f"{kind.name}.akn-differs", "error", f"the attached Akoma Ntoso differs from {display_path(beside)}",
            name,
        )  # fmt: skip


def _source_attachment(reader: PdfReader, relationship: str = "/Source") -> tuple[bytes, str] | None:
    """The bytes and MIME type of the file attached with `relationship` (/Source), if any."""
    root = reader.root_object
    for spec in root.get("/AF") or []:
        spec = spec.get_object()
        if spec.get("/AFRelationship") != relationship:
            continue
        stream = spec.get("/EF", {}).get("/F")
        if stream is None:
            continue
        stream = stream.get_object()
        mime = str(stream.get("/Subtype", "")).lstrip("/").replace("#2f", "/").replace("#2F", "/")
        return stream.get_data(), mime
    return None


def _print(kind: Variant, reader: PdfReader, name: str) -> Iterator[Finding]:
    bleed_pt = (kind.bleed_mm or 0) * 72 / 25.4
    for number, page in enumerate(reader.pages, 1):
        trim, bleed = page.get("/TrimBox"), page.get("/BleedBox")
        if trim is None or bleed is None:
            yield Finding("print.boxes", "error", "the page has no TrimBox or no BleedBox", name, page=number)
            continue
        trim, bleed = [float(v) for v in trim], [float(v) for v in bleed]
        margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
        if any(abs(m - bleed_pt) > 0.5 for m in margins):
            shown = ", ".join(f"{m * 25.4 / 72:.1f}" for m in margins)
            yield Finding(
                "print.boxes", "error", f"the bleed is not {kind.bleed_mm:g} mm on every side ({shown} mm)",
                name, page=number,
            )  # fmt: skip
        media = [float(v) for v in page.mediabox]
        if not (
            media[0] <= bleed[0] and media[1] <= bleed[1] and media[2] >= bleed[2] and media[3] >= bleed[3]
        ):
            yield Finding(
                "print.boxes", "error", "the MediaBox does not hold the BleedBox", name, page=number
            )
        if not _draws_marks(page, trim):
            yield Finding(
                "print.marks", "error", "the page has no crop marks outside its trim box", name, page=number
            )
        for ref in page.get("/Annots") or []:
            action = ref.get_object().get("/A")
            if action is not None and "/URI" in action:
                yield Finding(
                    "print.link",
                    "warning",
                    f"a link to {action['/URI']} in a PDF meant for paper",
                    name,
                    page=number,
                )
                break


def _draws_marks(page: object, trim: list[float]) -> bool:
    """Whether the page draws lines reaching outside its trim box: WeasyPrint's crop marks,
    drawn in form XObjects whose box starts left of and below the trim box."""
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") != "/Form":
            continue
        box = [float(v) for v in xobject.get("/BBox", [0, 0, 0, 0])]
        if box[0] < 0 and box[1] < 0:
            operators = {op for _, op in ContentStream(xobject, None).operations}
            if operators & {b"S", b"s", b"B", b"b", b"B*", b"b*"}:
                return True
    return False
