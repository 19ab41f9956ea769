"""A volume assembled from its pieces laid out alone (volume.lay_out_in_parts), with pikepdf.

The first piece (the front matter) is the base: its catalogue keeps what the whole volume
declares (the XMP identification, the language, the output intent, the attached sources). The
others' pages follow it, each piece padded to an even count with a blank page; the furniture's
pages (running heads, page numbers) are drawn over the pages as artifacts; the structure trees
are joined under the base's one Document element, with the page and annotation keys of the
parent tree numbered again; the named destinations are merged (a document's own win over the
front matter's stand-ins, so the contents link to the documents); the outline is the pieces'
outlines in order, a grouped document's nested under its group's heading.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem, Pdf

__all__ = ["Piece", "assemble"]


@dataclass(frozen=True)
class Piece:
    """A piece of the volume laid out alone: its PDF, whether a blank page follows it (it ends on
    a right-hand page), and where its outline goes (None: at the top; "under-last": under the
    last top-level entry, its group's heading)."""

    data: bytes
    pad: int
    nest: str | None
    own_destinations: bool = True  # its named destinations replace those before it (False: only add)


def assemble(pieces: list[Piece], furniture: bytes, blanks: set[int]) -> tuple[bytes, int]:
    """The volume's PDF and its page count. `furniture` has one page for each of the volume's;
    `blanks` are those that carry nothing (no furniture is drawn on them; a pad is one of them)."""
    opened = [Pdf.open(io.BytesIO(piece.data)) for piece in pieces]
    furn = Pdf.open(io.BytesIO(furniture))
    base = opened[0]
    root = base.Root.StructTreeRoot
    document = root.K[0]
    keys: list[pikepdf.Object] = []  # the parent tree's values by key: the pages', then the links'
    links: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # a link and its structure element
    outline: list[tuple[str | None, list[OutlineItem]]] = []
    index = 0
    for n, (piece, pdf) in enumerate(zip(pieces, opened, strict=True)):
        nums = _nums(pdf.Root.StructTreeRoot.ParentTree)
        first = index
        if n:  # the pages first, so that the structure's /Pg are the copied pages
            with warnings.catch_warnings():  # the named destinations are merged below
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                base.pages.extend(pdf.pages)
            for old in pdf.Root.StructTreeRoot.K[0].K:
                kid = base.copy_foreign(old)
                kid.P = document
                document.K.append(kid)
        count = len(pdf.pages)
        annotations = {  # a link's key in the piece -> the link as copied
            int(annot.StructParent): annot
            for page in base.pages[first : first + count]
            for annot in page.obj.get("/Annots", [])
            if "/StructParent" in annot
        }
        for key in sorted(nums):
            value = nums[key] if n == 0 else _foreign(base, nums[key])
            if key < count:
                base.pages[first + key].obj.StructParents = len(keys)
                keys.append(value)
            else:
                links.append((annotations[key], value))
        outline.append(
            (piece.nest, _outline(pdf, {page.obj.objgen: first + j for j, page in enumerate(pdf.pages)}))
        )
        _merge_dests(base, pdf, n, piece.own_destinations)
        index = first + count
        if piece.pad:
            base.pages.append(furn.pages[index])
            _as_artifact(base, base.pages[index], None)
            index += 1
    for annotation, element in links:  # the links' keys after the pages'
        annotation.StructParent = len(keys)
        keys.append(element)
    flat = Array()
    for key, value in enumerate(keys):
        flat.append(key)
        flat.append(value)
    root.ParentTree = base.make_indirect(Dictionary(Nums=flat))
    root.ParentTreeNextKey = len(keys)
    for i, page in enumerate(base.pages):
        if i not in blanks:
            _as_artifact(base, page, furn.pages[i], i)
    with base.open_outline() as tree:
        tree.root.clear()
        for nest, items in outline:
            if nest == "under-last" and tree.root:
                tree.root[-1].children.extend(items)
            else:
                tree.root.extend(items)
    out = io.BytesIO()
    base.save(
        out,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    total = len(base.pages)
    for pdf in opened:
        pdf.close()
    furn.close()
    return out.getvalue(), total


def _nums(tree: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """A number tree (WeasyPrint writes one flat /Nums) as a dict."""
    return dict(pikepdf.NumberTree(tree).items())


def _foreign(base: Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """`value` of another PDF copied into `base` (a direct array of references element by element)."""
    if not isinstance(value, pikepdf.Object):  # a number, a name
        return value
    if value.is_indirect:
        return base.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_foreign(base, item) for item in value])
    return value


def _merge_dests(base: Pdf, pdf: Pdf, n: int, replace: bool = True) -> None:
    if n == 0 or "/Names" not in pdf.Root or "/Dests" not in pdf.Root.Names:
        return
    if "/Names" not in base.Root:
        base.Root.Names = base.make_indirect(Dictionary())
    if "/Dests" not in base.Root.Names:
        base.Root.Names.Dests = NameTree.new(base).obj
    into = NameTree(base.Root.Names.Dests)
    for name, dest in NameTree(pdf.Root.Names.Dests).items():
        if replace or name not in into:
            into[name] = _foreign(base, dest)


def _outline(pdf: Pdf, pages: dict[tuple[int, int], int]) -> list[OutlineItem]:
    """A piece's outline, its destinations as the volume's page numbers."""

    def item(entry: OutlineItem) -> OutlineItem:
        dest = entry.destination
        assert isinstance(dest, Array)  # WeasyPrint writes each entry's /Dest as [page /XYZ x y 0]
        page, x, y = pages[dest[0].objgen], float(dest[2]), float(dest[3])
        made = OutlineItem(entry.title, page, "XYZ", left=x, top=y)
        made.children.extend(item(child) for child in entry.children)
        return made

    with pdf.open_outline() as tree:
        return [item(entry) for entry in tree.root]


def _as_artifact(base: Pdf, page: pikepdf.Page, over: pikepdf.Page | None, number: int = 0) -> None:
    """Draw `over` (a furniture page) over `page` as an artifact; with None, mark the page's own
    content (a blank page's crop marks) as one."""
    if over is None:
        page.contents_coalesce()
        page.obj.Contents.write(b"/Artifact BMC\n" + page.obj.Contents.read_bytes() + b"\nEMC\n")
        return
    form = base.copy_foreign(over.as_form_xobject())
    # A name of its own (WeasyPrint's pages share their resources), fixed (pikepdf's are random):
    # the same volume gives the same bytes.
    name = page.add_resource(form, Name.XObject, Name(f"/Furniture{number}"), replace_existing=False)
    page.contents_add(base.make_stream(b"q\n"), prepend=True)
    page.contents_add(base.make_stream(b"Q\n/Artifact BMC q " + bytes(name) + b" Do Q EMC\n"))
