"""The e-book's cover: the title, the issuer and the date, set in the document's language and
script, as a raster image (PNG, 1600 x 2400 px, the 2:3 of the stores' covers).

WeasyPrint sets the cover as a page (so that every script the PDF can set, the cover can: the
same fonts, the same shaping), PDFium draws that page as pixels, Pillow writes the PNG with no
time or software stamp in it: the same source gives the same bytes.
"""

from __future__ import annotations

import io

from markupsafe import Markup, escape

from ..furniture import catalogue, format_date
from ..model import Document

__all__ = ["COVER_SIZE", "cover_alt", "cover_image", "cover_png"]

COVER_SIZE = (1600, 2400)  # pixels: width, height

_PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><style>
@page {{ size: 4in 6in; margin: 0; }}
html, body {{ margin: 0; height: 100%; }}
body {{
  background: #f4f1ea; color: #1d2a3a;
  font-family: "Noto Serif", "Noto Serif Armenian", "Noto Serif Georgian", "Noto Serif Hebrew",
    "Noto Naskh Arabic", "Noto Serif Devanagari", "Noto Serif Ethiopic", "Noto Serif CJK SC",
    "Noto Sans CJK SC", serif;
  display: flex; flex-direction: column; justify-content: center; text-align: center;
}}
.frame {{ margin: 0.35in; border: 1.5pt solid #1d2a3a; padding: 0.5in 0.3in; height: 4.3in;
  display: flex; flex-direction: column; justify-content: space-between; }}
.issuer {{ font-size: 11pt; letter-spacing: 0.06em; line-height: 1.35; }}
h1 {{ font-size: {size}pt; line-height: 1.2; font-weight: bold; margin: 0; hyphens: manual; }}
.date {{ font-size: 11pt; font-style: italic; }}
.rule {{ width: 1in; margin: 0.15in auto; border-top: 0.75pt solid #1d2a3a; }}
</style></head><body><div class="frame">
<div class="issuer">{issuer}</div>
<div><div class="rule"></div><h1>{title}</h1><div class="rule"></div></div>
<div class="date">{date}</div>
</div></body></html>"""


def _title_size(title: str) -> int:
    """A title's type size on the cover: large for a short title, smaller as it grows."""
    for limit, size in ((40, 24), (80, 20), (140, 16), (240, 13)):
        if len(title) <= limit:
            return size
    return 11


def cover_alt(doc: Document) -> str:
    """The cover's alternative text: what it shows, in the document's words."""
    date = format_date(doc.adopted, doc.language) if doc.adopted else None
    return ". ".join(x for x in (catalogue(doc.language)("Cover"), doc.issuer, doc.title, date) if x)


def cover_png(doc: Document) -> bytes:
    """The cover of `doc` as PNG bytes."""
    date = format_date(doc.adopted, doc.language) if doc.adopted else None
    return cover_image(doc.title, doc.issuer or "", date, doc.language, doc.direction)


def cover_image(title: str, issuer: str, date: str | None, language: str, direction: str) -> bytes:
    """A cover as PNG bytes: `title` between rules, `issuer` above, `date` (or a volume's session)
    below, set in `language`'s script."""
    from .libraries import import_weasyprint

    import_weasyprint()
    import pypdfium2 as pdfium
    import weasyprint

    title = title if len(title) <= 300 else title[:299] + "…"
    page = _PAGE.format(
        lang=escape(language), dir=direction, size=_title_size(title),
        issuer=escape(issuer), title=escape(title), date=escape(date) if date else Markup(""),
    )  # fmt: skip
    pdf = weasyprint.HTML(string=page).write_pdf()
    document = pdfium.PdfDocument(pdf)
    try:
        width, _ = document[0].get_size()
        image = document[0].render(scale=COVER_SIZE[0] / width).to_pil().convert("RGB")
    finally:
        document.close()
    if image.size != COVER_SIZE:
        image = image.resize(COVER_SIZE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
