"""What a citation's footnote says about its source, shared by every writer."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..furniture import Furniture, catalogue
from ..model import Source
from ..presentation import is_linkable

MISSING = "Link target not given in the source text."  # the furniture's messages (furniture.MESSAGES)
EDITORIAL = "Address supplied by the editor."


_URL_BREAK = re.compile(r"(?<=[/.])(?=[^/.])")


def breakable_url(url: str) -> Markup:
    """An address as printed, with a break opportunity (`<wbr/>`) after each "/" and "." that a
    word follows: a line may break there, never inside "https" or a name."""
    return Markup("<wbr/>").join(escape(part) for part in _URL_BREAK.split(url))


def note_html(
    source: Source | None,
    source_id: str,
    links: bool = True,
    breaks: bool = False,
    words: Furniture | None = None,
) -> Markup:
    """The footnote text for a citation of `source` (None when the id is undefined).

    `links`: the address is a link; otherwise it is printed text (paper). `breaks`: the address
    may break only after its "/" and "." (the EPUB's, for readers that would break it anywhere;
    the PDF's page breaks it so itself, and keeps one link annotation per address). `words`:
    the furniture of the document's language (English by default).
    """
    words = words or catalogue("en")
    if source is None:
        return Markup("Source “{}” is not defined in the document; link target unknown.").format(source_id)
    parts: list[Markup] = []
    described = [escape(x) for x in (source.author, source.publisher) if x]
    if source.title:
        described.append(Markup("<cite>{}</cite>").format(source.title))
    if source.issued:
        described.append(escape(source.issued))
    if described:
        parts.append(Markup(", ").join(described) + Markup("."))
    if is_linkable(source.url):
        template = '<a class="url" href="{0}">{1}</a>.' if links else '<span class="url">{1}</span>.'
        parts.append(
            Markup(template).format(source.url, breakable_url(source.url or "") if breaks else source.url)
        )
        if source.accessed:
            parts.append(escape(words("Accessed {date}.", date=source.accessed)))
    elif source.url and urlsplit(source.url.strip()).scheme in ("http", "https"):
        parts.append(escape(words("Link target not usable: “{url}”.", url=source.url)))
    elif source.url:
        parts.append(escape(words("Link target not usable (not an http or https address).")))
    elif source.status == "missing" or not (described or source.note):  # a note alone is a note
        parts.append(escape(words(MISSING)))
    if source.note:
        parts.append(escape(source.note))
    elif source.status == "editorial":
        parts.append(escape(words(EDITORIAL)))
    return Markup(" ").join(parts)
