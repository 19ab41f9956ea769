"""The HTML writer: the model as one accessible page, the page the PDF is made from.

The same writer makes the EPUB's XHTML (`target="epub"`): the markup is well-formed XML
in both cases. The two differ only in where footnotes go: inline at their call for print
(WeasyPrint floats them to the foot of the page, `float: footnote`), and as `<aside>`
notes after the text for e-readers, which show them as pop-ups.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
import tinycss2
from markupsafe import Markup

from .. import __version__
from ..errors import Origin, ResourceError, SourceError, UsageError, display_path, shown
from ..forms import FORMS
from ..furniture import Furniture, catalogue, format_date, numeral_style
from ..model import Annex, Citation, Clause, Document, Emphasis, Heading, Inline, Strong, Text, plain_text
from ..presentation import SPACELESS_CHARACTERS, is_linkable, note_id, noteref_id
from ..reading import TooLarge, read_at_most
from ..resources import STYLES, TEMPLATES
from ..variants import variant
from . import PAPER_SIZES, RenderOptions
from .notes import note_html

Target = Literal["html", "epub"]


@dataclass(frozen=True)
class Footnote:
    """A citation's note as a writer shows it."""

    number: int
    id: str
    ref_id: str
    body: Markup


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_ENV = _environment()


STYLESHEETS = ("document.css", "print.css", "epub.css")  # what a --styles folder holds
MAX_STYLESHEET_BYTES = 4 * 1024 * 1024  # clausepress's own take 40 KB together


def read_style(name: str, styles: Path = STYLES) -> str:
    """The text of a stylesheet from `styles/`, checked before any output is made: UsageError
    when it cannot be read; ResourceError when it asks for anything from outside."""
    path = styles / name
    where = display_path(path)
    try:
        css = read_at_most(path, MAX_STYLESHEET_BYTES).decode("utf-8")
    except TooLarge:
        raise UsageError(f"{where}: the stylesheet holds more than {MAX_STYLESHEET_BYTES:,} bytes") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where}: the stylesheet is not valid UTF-8 (byte {exc.start:,})") from None
    except OSError as exc:
        raise UsageError(f"{where}: cannot read the stylesheet: {exc.strerror or exc}") from None
    found = fetch_in_style(css)
    if found is not None:
        line, column, what = found
        raise ResourceError(
            f"refused to fetch {shown(what)}: the stylesheet asks for it, and clausepress fetches nothing "
            "from the network or from files (styles must be self-contained)",
            Origin(where, line, column),
        )
    return css


# CSS functions that fetch what they name (`url()`, `src()`), or a string they hold (`image-set("a.png" 1x)`).
_FETCHING = frozenset({"url", "src"})
_FETCHING_STRINGS = frozenset({"image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade"})


@functools.lru_cache(maxsize=8)
def fetch_in_style(css: str) -> tuple[int, int, str] | None:
    """The first thing a stylesheet would fetch, as (line, column, what), in any of the forms a
    renderer or a browser fetches by: `@import` (anywhere, with a string or a url), `url()` quoted
    or not (escapes read as CSS reads them: `u\\72l(`), `src()`, the strings of `image-set()`,
    `attr(x url)`; `</style>` too, which would end the page's style element. None when it is
    self-contained."""
    if "</style" in css.lower():
        index = css.lower().index("</style")
        return css.count("\n", 0, index) + 1, index - (css.rfind("\n", 0, index) + 1) + 1, "</style>"
    return _fetch_in(tinycss2.parse_stylesheet(css), strings=False)


def _fetch_in(nodes: Iterable[Any], strings: bool) -> tuple[int, int, str] | None:
    for node in nodes or ():
        found: tuple[int, int, str] | None = None
        kind = getattr(node, "type", "")
        if kind == "url" or (kind == "error" and "url" in node.kind):
            found = (node.source_line, node.source_column, f"url({getattr(node, 'value', '')})")
        elif (kind == "at-rule" and node.lower_at_keyword == "import") or (
            kind == "at-keyword" and node.lower_value == "import"  # one inside a block: not parsed as a rule
        ):
            target = tinycss2.serialize(node.prelude).strip() if kind == "at-rule" else ""
            found = (node.source_line, node.source_column, f"@import {target}".strip())
        elif kind == "string" and strings:
            found = (node.source_line, node.source_column, node.value)
        elif kind == "function":
            name = node.lower_name
            if name in _FETCHING or (
                name == "attr" and any(getattr(a, "lower_value", "") == "url" for a in node.arguments)
            ):
                found = (
                    node.source_line,
                    node.source_column,
                    f"{name}({tinycss2.serialize(node.arguments)})",
                )
            else:
                found = _fetch_in(node.arguments, strings or name in _FETCHING_STRINGS)
        elif kind in ("qualified-rule", "at-rule"):
            found = _fetch_in(node.prelude, strings) or _fetch_in(node.content, strings)
        elif kind.endswith("block"):
            found = _fetch_in(node.content, strings)
        if found is not None:
            return found
    return None


def furniture_css(words: Furniture, numerals: str | None = None) -> str:
    """The page's added words as CSS: the page numbering ("Page 1 of 4", "第 1 页，共 4 页") and
    the outline's group titles, in the document's language (furniture.py); the page numbers in
    the counter style `numerals` (the script's own digits the clauses are numbered in), if any."""
    page = words("Page {page} of {pages}")
    style = f", {numerals}" if numerals else ""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", page):
        if piece == "{page}":
            parts.append(f"counter(page{style})")
        elif piece == "{pages}":
            parts.append(f"counter(pages{style})")
        elif piece:
            parts.append(_css_string(piece))
    return (
        f"@media print {{ @page {{ @bottom-center {{ content: {' '.join(parts)}; }} }}\n"
        f"  #preamble {{ bookmark-label: {_css_string(words('Preamble'))}; }}\n"
        f"  #operative {{ bookmark-label: {_css_string(words('Operative part'))}; }} }}\n"
    )


def _css_string(text: str) -> str:
    """`text` as a CSS string: quotes, backslashes and line ends escaped."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\\n\r' or ord(c) < 32 else c for c in text) + '"'


# A run of capitals this long is no word a printer keeps whole (a copy ran words together,
# "SENATEOFTHEUNITEDSTATES..."): it is hyphenated like any other.
LONG_CAPITALS = 25
# A word in capitals long enough to be hyphenated ("RESOLVED", "THEREFORE"): printers do not
# break one, and CSS cannot tell it from others (`hyphens: auto` breaks every word).
_CAPITALS = re.compile(rf"\b[^\W\d_a-z]{{6,{LONG_CAPITALS - 1}}}\b")
# A run of text with no break point in it (no breaking space, hyphen or dash) this long may not
# fit a line: the page lets only such a run break anywhere (`.unbroken`), since WeasyPrint (v70)
# under `overflow-wrap: break-word` re-breaks by characters a line whose hyphen does not fit,
# and prints the break with no hyphen ("ac" / "count").
UNBROKEN = 30
_UNBROKEN_RUN = re.compile("[^\\s\\-\u2010\u2013\u2014" + SPACELESS_CHARACTERS + "]{" + str(UNBROKEN) + ",}")


def _keep_capitals(text: str) -> Markup:
    """`text`, escaped, its words in capitals kept whole (a span that is not hyphenated).

    The page that becomes the PDF is hyphenated by WeasyPrint from the document's language
    (`hyphens: auto`, pyphen's dictionaries), the web page by the browser: no soft hyphens in
    the text, so that the words a reader searches or copies are the words of the source, and
    WeasyPrint breaks lines by its own rules (whose faults with marked hyphens in v70 made
    two-em word spaces: render/linebreak.py).
    """
    out: list[Markup] = []
    last = 0
    for m in _CAPITALS.finditer(text):
        if not m.group(0).isupper():
            continue
        out.append(Markup.escape(text[last : m.start()]))
        out.append(Markup('<span class="whole">{}</span>').format(m.group(0)))
        last = m.end()
    out.append(Markup.escape(text[last:]))
    return Markup("").join(out)


# A soft hyphen between two spaces (a copy's stand-in for a dash: "Automobil- \u00ad sowie")
# shows nothing, but keeps the spaces around it from collapsing: a word space twice as wide. The
# page sets one space (the soft hyphen kept, after it); the text's characters are unchanged.
_LONE_SOFT_HYPHEN = re.compile(r"(?<=\s)\u00ad\s+")


def _page_text(text: str) -> Markup:
    """A text of the page, escaped: a run with no break point for a line's length may break
    anywhere (`.unbroken`), and words in capitals are kept whole."""
    out, at = Markup(""), 0
    for run in _UNBROKEN_RUN.finditer(text):
        out += _keep_capitals(text[at : run.start()])
        out += Markup('<span class="unbroken">{}</span>').format(run.group())
        at = run.end()
    return out + _keep_capitals(text[at:])


class _InlineWriter:
    def __init__(self, doc: Document, target: Target, links: bool = True) -> None:
        self.doc = doc
        self.target = target
        self.links = links
        self.words = catalogue(doc.language)

    def footnote(self, cite: Citation) -> Footnote:
        return Footnote(
            number=cite.number,
            id=note_id(cite.number),
            ref_id=noteref_id(cite.number),
            body=note_html(
                self.doc.sources.get(cite.source_id),
                cite.source_id,
                self.links,
                breaks=self.target == "epub",
                words=self.words,
            ),
        )

    def render(self, nodes: tuple[Inline, ...]) -> Markup:
        return Markup("").join(self.node(n) for n in nodes)

    def node(self, n: Inline) -> Markup:
        if isinstance(n, Text):
            # E-readers hyphenate and break overlong words by themselves (epub.css).
            text = _LONE_SOFT_HYPHEN.sub("\u00ad", n.text)
            return _page_text(text) if self.target == "html" else Markup.escape(text)
        if isinstance(n, Emphasis):
            return Markup("<em>{}</em>").format(self.render(n.children))
        if isinstance(n, Strong):
            return Markup("<strong>{}</strong>").format(self.render(n.children))
        return self.citation(n)

    def citation(self, cite: Citation) -> Markup:
        source = self.doc.sources.get(cite.source_id)
        anchor = self.render(cite.children)
        if source is not None and is_linkable(source.url) and self.links:
            text = Markup('<a class="cite" href="{}">{}</a>').format(source.url, anchor)
        elif source is not None and is_linkable(source.url):
            text = Markup('<span class="cite">{}</span>').format(anchor)
        else:
            text = Markup('<span class="cite missing">{}</span>').format(anchor)
        note = self.footnote(cite)
        if self.target == "epub":
            # The number raised by markup, not by CSS alone: a reader that ignores the stylesheet
            # still sets it apart from the text ("November 2023<sup>12</sup>", not "November 202312").
            call = Markup(
                '<a class="noteref" epub:type="noteref" role="doc-noteref" id="{}" href="#{}"><sup>{}</sup></a>'
            ).format(note.ref_id, note.id, note.number)
            return text + call
        call = Markup('<a class="noteref" role="doc-noteref" id="{}" href="#{}">{}</a>').format(
            note.ref_id, note.id, note.number
        )
        body = Markup(
            '<span class="footnote" role="doc-footnote" id="{}"><span class="fn-number">{}</span> {}</span>'
        ).format(note.id, note.number, note.body)
        return text + call + body


def render_html(
    doc: Document,
    options: RenderOptions | None = None,
    target: Target = "html",
    styles: Path = STYLES,
    page_breaks: dict[str, list[int]] | None = None,
) -> str:
    """The document as a standalone HTML page (or the EPUB's XHTML when `target="epub"`).

    Every stylesheet of `styles` is checked first, whichever this page uses: each output
    is made from this page, so a stylesheet that asks to fetch stops every format's build
    before anything is written (ResourceError).
    A document with more than `MAX_NOTES` footnotes is refused (`SourceError`, exit 2) before
    anything is laid out."""
    refuse_too_many_notes(doc)
    options = options or RenderOptions()
    for name in STYLESHEETS:
        read_style(name, styles)
    inline = _InlineWriter(doc, target, options.links)
    words = catalogue(doc.language)
    numerals = numeral_style(c.number for c in doc.operative)
    page_css = f"@page {{ size: {PAPER_SIZES[options.paper]}; }}\n" + furniture_css(words, numerals)
    stylesheet = variant(options.variant).stylesheet
    if stylesheet:
        page_css += read_style(stylesheet, styles)
    # The web page carries its styles (it stands alone); the EPUB links its own stylesheet.
    css = None if target == "epub" else Markup(read_style("document.css", styles) + page_css)
    template = _ENV.get_template("document.html.j2")
    return template.render(
        doc=doc,
        target=target,
        inline=inline.render,
        footnotes=[inline.footnote(c) for c in doc.citations()],
        css=css,
        page_breaks=page_breaks or {},
        adopted=format_date(doc.adopted, doc.language) if doc.adopted else None,
        timestamp=options.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        generator=f"clausepress {__version__}",
        numbering_class=numbering_class(doc.numbering),
        hang=clause_hang(doc),
        groups=clause_groups,
        annex_title=functools.partial(annex_title, words=words),
        words=words,
        direction=doc.direction,
        title_block=title_block(doc, inline.render),
    )


# The most footnotes a document may have. Each note is laid out once (render/footnotes.py), but a
# build still grows faster than its notes (a full build on a loaded two-core machine: 500 notes
# 32 s, 1,000 56 s, 2,000 74 s, 5,000 235 s and 880 MB; README, Limits): past this a build would
# run for minutes.
MAX_NOTES = 2000


def refuse_too_many_notes(doc: Document) -> None:
    """Refuse, at the first citation past the limit, a document with more than `MAX_NOTES` notes."""
    citations = doc.citations()
    if len(citations) > MAX_NOTES:
        raise SourceError(
            f"too many footnotes: {len(citations):,} (the limit is {MAX_NOTES:,}; here is note {MAX_NOTES + 1:,})",
            citations[MAX_NOTES].origin,
        )


def title_block(doc: Document, render: Callable[[tuple[Inline, ...]], Markup]) -> list[tuple[str, str]]:
    """The fields the title block prints, in order: each as its text, or as its inline text written
    by `render` when the source gives it so (a field that calls a note)."""
    if doc.form not in FORMS:
        return []
    printed = FORMS[doc.form].printed(dict(doc.metadata), doc.metadata_content)
    return [(k, render(doc.metadata_content[k]) if k in doc.metadata_content else v) for k, v in printed]


HANG_EM = 2.2  # the width of a hanging clause number in styles/document.css (2 em in epub.css)
# Widths in em of bold figures and punctuation in the serif faces of the page (Noto Serif Bold's
# figures are 0.56 em), rounded up; any other character counts as a wide letter.
_NARROW = dict.fromkeys("0123456789", 0.6) | dict.fromkeys(".,)(:", 0.32) | {"i": 0.35, "l": 0.35, "t": 0.42}
_WIDE = 0.75
_GAP = 0.45  # the space between the number and the text


def clause_hang(doc: Document) -> str | None:
    """The width of the hanging numbers of `doc` when its widest clause label ("1234.", "12ter.")
    is wider than the style sheets' box (None otherwise): every clause hangs that width, so that
    no number breaks across two lines or runs into its text. The box also grows with its label
    (`min-width`, `white-space: nowrap`), where this estimate falls short."""
    if numbering_class(doc.numbering) == "article":
        return None
    clauses = [*doc.operative, *(c for a in doc.annexes for c in a.paragraphs)]
    widest = max((sum(_NARROW.get(ch, _WIDE) for ch in c.label) for c in clauses if c.label), default=0.0)
    width = widest + _GAP
    return f"{width:.2f}em" if width > HANG_EM else None


def numbering_class(style: str) -> str:
    """The CSS class of a numbering style: numbers hang ("1.", "1)"); a label with words
    ("Article 1", "Статья 1", "Section 1.", "第1条") stands as a line of its own above the text."""
    return {"1.": "period", "1)": "parenthesis", "none": "none"}.get(style, "article")


@dataclass(frozen=True)
class ClauseGroup:
    """Clauses as a list is printed: the headings above them, then the clauses up to the next heading."""

    headings: tuple[Heading, ...]
    clauses: tuple[Clause, ...]


def clause_groups(clauses: tuple[Clause, ...]) -> list[ClauseGroup]:
    """`clauses` cut at each clause that has headings before it."""
    groups: list[ClauseGroup] = []
    for c in clauses:
        if c.headings or not groups:
            groups.append(ClauseGroup(c.headings, (c,)))
        else:
            groups[-1] = ClauseGroup(groups[-1].headings, (*groups[-1].clauses, c))
    return groups


def render_nav(doc: Document, document_file: str, pages: list[int]) -> str:
    """The EPUB's navigation document: contents, page list and landmarks."""
    words = catalogue(doc.language)
    return _ENV.get_template("nav.xhtml.j2").render(
        doc=doc,
        file=document_file,
        pages=pages,
        annex_title=functools.partial(annex_title, words=words),
        words=words,
    )


def annex_title(annex: Annex, words: Furniture | None = None) -> str:
    """An annex as a table of contents names it: "Annex II A declaration"."""
    # An annex whose heading a copy lost is named by its place ("Annex 1"), as the outline names it.
    return " ".join(x for x in (annex.label, plain_text(annex.title)) if x) or (words or catalogue("en"))(
        "Annex {number}", number=annex.id.rsplit("-", 1)[-1]
    )
