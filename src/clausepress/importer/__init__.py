"""clausepress import: a resolution received as text (from a PDF, a word processor, Markdown) to a YAML source.

One pipeline, each stage a module: read the lines and take out the page furniture and
the footnotes (`pages`), assemble the paragraphs (`paragraphs`), tell the parts
(`structure`), turn links and footnote calls into citations (`inline`), write the YAML
(`emit`). Every change to the text is collected as a `Repair` value and handed back.

XML formats give their parts as elements: each has a reader that makes the same draft
(`uslm`: GPO's United States Legislative Markup; `udhr_xml`: the Unicode UDHR project's
XML), on a tree parsed safely by `xmlsource`; the draft is then written as a text's is.
"""

from __future__ import annotations

import errno
import re
import sys
from pathlib import Path

from ..errors import Origin, SourceError, UsageError, display_path
from ..files import FileExists, cannot_write, write_atomically
from ..reading import TooLarge, read_at_most
from ..source import MAX_CHARACTERS, MAX_SOURCE_BYTES, decode, loads
from . import akn, udhr_xml, uslm
from .emit import emit
from .genre import detect_form
from .head import early_form, page_furniture, take_head
from .inline import Citer
from .located import Located
from .pages import (
    Line,
    calls_in_head,
    front_matter,
    gather_footnotes,
    read_lines,
    remove_furniture,
    remove_line_numbers,
    remove_markup,
    split_lost_breaks,
    unspace_cjk,
)
from .paragraphs import Vocabulary, assemble, join_lines
from .patterns import (
    article_word,
    articles_headed_by,
    find_date,
    guess_language,
    misprinted_articles,
    misprints_recognised,
    regional_english,
    sentinel_in,
)
from .received import BINARY_FORMATS, read_received, sniff
from .repair import ImportResult, Repair
from .structure import Draft, classify
from .xmlsource import parse, root_of

__all__ = ["FORMATS", "ImportResult", "Repair", "import_file", "import_text"]

FORMATS = ("auto", "txt", "md", "xml", "uslm", "udhr", "akn", *BINARY_FORMATS)
# The XML readers by format name: the namespace and root elements each reads, and the reader.
_XML_READERS = {"uslm": uslm, "udhr": udhr_xml}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
_MARKDOWN_LINES = re.compile(r"#{1,6}\s+\S|[-*+]\s+[^\W\d_*]|[-*+]\s+[*_\[]|\[\^\d+\]:\s")


def _canonical_tag(tag: str) -> str:
    """A BCP 47 tag in its canonical case: "EN" is "en", "zh-hans-cn" is "zh-Hans-CN"."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part.lower())
    return "-".join(out)


def _is_markdown(text: str) -> bool:
    """Markdown when some line is a heading, a list item or a footnote definition."""
    return any(_MARKDOWN_LINES.match(line.lstrip()) for line in text.splitlines())


def import_text(
    text: str, name: str = "<stdin>", fmt: str = "auto", language: str | None = None
) -> ImportResult:
    """The YAML source for a received text, and the repairs made to it.

    `fmt` is "txt" (text copied from a PDF or a word processor), "md" (Markdown), "uslm"
    or "udhr" (those XML formats), "xml" (either, told by the root element) or "auto"
    (XML when it opens with an XML declaration or one of those root elements; else
    Markdown when a line is a heading or a list item). `language` is a BCP 47 tag;
    without one it comes from the front matter (the XML's xml:lang) or is guessed from
    the text (else English). Raises SourceError for an empty text or one with no clause,
    and for XML that is malformed, of neither format or declares a document type.
    """
    if fmt in BINARY_FORMATS:
        raise UsageError(f"a {fmt} file is read from its bytes (import_file), not from a text")
    if fmt not in FORMATS:
        raise UsageError(f"unknown input format '{fmt}'; expected one of: {', '.join(FORMATS)}")
    if language is not None and not _LANGUAGE.match(language):
        raise UsageError(f"'{language}' is not a BCP 47 language tag (en, fr, hy, en-GB...)")
    if (index := sentinel_in(text)) is not None:
        raise SourceError(
            f"the input holds U+{ord(text[index]):04X}, a private-use character clausepress import keeps for "
            "its own use; replace it",
            Origin.of(name, text, index),
        )
    _refuse_too_long(text, name)
    if fmt in ("xml", "akn", *_XML_READERS) or (fmt == "auto" and _is_xml(text)):
        _refuse_controls(text, name)  # an XML document with one is malformed
        return _import_xml(text, name, fmt, language)
    text, controls = _remove_controls(text, name)
    lines = received = read_lines(text)  # `received`: all of them, the front matter's among them
    if all(line.blank for line in lines):
        raise SourceError("the input is empty: expected a resolution's text", Origin(name, 1, 1))
    repairs: list[Repair] = list(controls)
    lines = unspace_cjk(lines, repairs)
    meta, lines = front_matter(lines, repairs)
    md = fmt == "md" or (fmt == "auto" and _is_markdown(text))

    guessed = False
    if language is None:
        language = meta.get("language") or meta.get("lang")
        if language is not None and _LANGUAGE.match(language):
            language = _canonical_tag(language)
        else:
            words = " ".join(line.text.text for line in lines)
            language = regional_english(guess_language(words) or "en", list(meta.values()), words)
            guessed = True

    with articles_headed_by(article_word(line.text.text for line in lines)):
        misprints = misprinted_articles([line.text.text for line in lines])
        for found in misprints:
            no, column = lines[found.index].text.where(0)
            repairs.append(
                Repair(
                    no, column, "misprint",
                    f"'{found.printed}' heads the article between {found.between}: read as '{found.heading}', "
                    "a misprint; its label prints it so",
                    removed=found.printed,
                )
            )  # fmt: skip
        with misprints_recognised(misprints):
            return _import_lines(lines, repairs, meta, md, language, guessed, name, received)


def _import_lines(
    lines: list[Line],
    repairs: list[Repair],
    meta: dict[str, str],
    md: bool,
    language: str,
    guessed: bool,
    name: str,
    received: list[Line],
) -> ImportResult:
    """The import of a text's lines, less its front matter, in the language found (`received`: all
    the input's lines, its front matter's among them)."""
    lines = remove_line_numbers(lines, repairs)
    if md:
        lines = split_lost_breaks(remove_markup(lines, repairs), repairs)
    early = early_form(lines)
    head = None
    if early is not None:
        lines, head = take_head(lines, early, repairs)
        lines = remove_furniture(lines, repairs, md, page_furniture(early, head), early.annex)
    else:
        lines = remove_furniture(lines, repairs, md)
    vocab = Vocabulary(lines, language)
    lines, notes = gather_footnotes(
        lines, repairs, lambda ls: join_lines(ls, vocab, repairs, report_wraps=False)
    )
    if head is not None:
        head.metadata = calls_in_head(head.metadata, notes, repairs)
    made = len(repairs)
    blocks = assemble(lines, md, vocab, repairs, early)
    form = early if early is not None and head is not None else detect_form(blocks, md)
    if early is None and form.head:
        # A UN text that came without its title block: its paragraphs again, as the form prints them.
        del repairs[made:]
        blocks = assemble(lines, md, vocab, repairs, form)
    draft = classify(blocks, md, name, repairs, form, titled=bool(meta.get("title")), head=head)
    _closing_of_the_copy(draft, meta, repairs)
    if head is not None and head.title is not None and meta.get("title"):
        # The title the text prints wins over a catalogue's in the front matter, kept beside it.
        meta = dict(meta)
        draft.metadata.setdefault("title (front matter)", Located.at(meta.pop("title"), 1, 1))
    adoption = draft.metadata.get("adopted by")
    if adoption is not None and (day := find_date(adoption.text)) is not None:
        # "Resolution adopted by the General Assembly on 1 December 2025": the day of adoption,
        # over a catalogue's date in the front matter (that of its distribution), kept beside it.
        draft.adopted, draft.adopted_from = day, "the title block's adoption line"
        if "date" in meta and "adopted" not in meta:
            meta = dict(meta)
            meta["date (front matter)"] = meta.pop("date")
    dated = draft.metadata.get("date line")
    if dated is not None and draft.adopted is not None and find_date(dated.text) == draft.adopted:
        # The day under the title is the day of adoption, which the title block prints from `adopted`.
        del draft.metadata["date line"]
        no, column = dated.where(0)
        repairs.append(
            Repair(
                no,
                column,
                "furniture",
                f"'{dated.text}' under the title is the day of adoption: printed from `adopted`",
                dated.text,
            )
        )
    meta = _front_matter_beside(meta, draft.metadata, received, repairs)
    return _written(draft, Citer(notes, repairs, md, name), repairs, name, language, guessed, meta)


def _closing_of_the_copy(draft: Draft, meta: dict[str, str], repairs: list[Repair]) -> None:
    """A closing line that says again what a field of the front matter says (an archive's reference
    under each document of a collection, "[AA : A1838, 301/2/3]"): the copy's, no line of the text;
    kept in the metadata beside that field."""
    if draft.closing is None:
        return
    said = draft.closing.text.strip(" \t*_")
    key = next((k for k, v in meta.items() if len(said) >= 8 and said in v), None)
    if key is None:
        return
    draft.metadata[f"{key} (text)"] = draft.closing
    no, column = draft.closing.where(0)
    repairs.append(
        Repair(
            no,
            column,
            "furniture",
            f"the closing line says again the front matter's '{key}': kept in the metadata",
        )
    )
    draft.closing = None


def _front_matter_beside(
    meta: dict[str, str], found: dict[str, Located], received: list[Line], repairs: list[Repair]
) -> dict[str, str]:
    """The front matter's fields beside those the text's title block gave: one that says what the
    text prints (`symbol: A/RES/80/56` over "A/RES/80/56") is left out, with a repair; one that
    differs is kept under its own key ("symbol (front matter)")."""
    kept: dict[str, str] = {}
    for key, value in meta.items():
        if key not in found:
            kept[key] = value
        elif " ".join(value.split()) != " ".join(found[key].text.split()):
            kept[f"{key} (front matter)"] = value
        else:
            line = next((x for x in received[1:40] if re.match(rf"{re.escape(key)}\s*:", x.raw, re.I)), None)
            if line is not None:
                repairs.append(
                    Repair(line.no, 1, "front-matter", f"left out '{key}': the text prints it", line.raw)
                )
            else:
                kept[f"{key} (front matter)"] = value
    return kept


def _is_xml(text: str) -> bool:
    """XML by its content: an XML declaration, or the root element of a format read here."""
    if text.lstrip("\ufeff \t\r\n").startswith("<?xml"):
        return True
    root = root_of(text)
    return root is not None and any(
        root[0] in reader.ROOTS and root[1] == reader.NAMESPACE for reader in (*_XML_READERS.values(), akn)
    )


def _import_akn(text: str, name: str, language: str | None) -> ImportResult:
    """An Akoma Ntoso document: its model (importer/akn.py), written as YAML and read back."""
    import dataclasses

    from ..yaml_writer import write_yaml

    doc, repairs = akn.read_document(text, name)
    if language is not None:
        doc = dataclasses.replace(doc, language=language)
    try:
        yaml = write_yaml(doc)
    except ValueError:  # emphasis Markdown cannot write as it stands: run into the text, and said so
        doc = akn.without_emphasis(doc)  # type: ignore[assignment]
        repairs.append(Repair(1, 1, "emphasis-removed",
                              "italics and bold that Markdown cannot write back as they stand are plain text"))  # fmt: skip
        try:
            yaml = write_yaml(doc)
        except ValueError as exc:
            raise SourceError(
                f"the AKN's text cannot be written as a source: {exc}", Origin(name, 1, 1)
            ) from None
    return ImportResult(yaml, tuple(repairs), loads(yaml, name, default_id=doc.id))


def _import_xml(text: str, name: str, fmt: str, language: str | None) -> ImportResult:
    root = parse(text, name)  # refuses a DOCTYPE, so that no entity is ever expanded
    if root.tag in akn.ROOTS and akn.accepts(root.ns) and fmt in ("auto", "xml", "akn"):
        return _import_akn(text, name, language)
    found = next((k for k, r in _XML_READERS.items() if root.tag in r.ROOTS and root.ns == r.NAMESPACE), None)
    if found is None or fmt not in ("auto", "xml", found):
        expected = " or ".join(
            f'<{r.ROOTS[0]} xmlns="{r.NAMESPACE}"> ({k})'
            for k, r in (*_XML_READERS.items(), ("akn", akn))
            if fmt in ("auto", "xml", k)
        )
        raise SourceError(
            f"the XML's root element is <{root.tag}>{f' in namespace {root.ns}' if root.ns else ' in no namespace'}; "
            f"expected {expected}",
            Origin(name, root.line, root.column),
        )
    repairs: list[Repair] = []
    draft, stated, short_title = _XML_READERS[found].read(root, text, repairs)
    if not draft.clauses:
        raise SourceError(
            "no operative clause found: expected sections, resolving clauses or articles",
            Origin(name, root.line, root.column),
        )
    guessed = False
    if language is None:
        language = stated if stated is not None and _LANGUAGE.match(stated) else None
    if language is None:
        words = " ".join(p.text.text for p in draft.preamble) + " ".join(
            p.text.text for c in draft.clauses for p in c.paragraphs
        )
        language, guessed = guess_language(words) or "en", True
    meta = {"short_title": short_title} if short_title else {}
    return _written(draft, Citer([], repairs, False, name), repairs, name, language, guessed, meta)


def _written(
    draft: Draft,
    citer: Citer,
    repairs: list[Repair],
    name: str,
    language: str,
    guessed: bool,
    meta: dict[str, str],
) -> ImportResult:
    """The draft written as YAML through the one writer, and read back by the loader."""
    # Without a title (reported), the file's name stands in: the loader needs one.
    fallback = "Untitled" if name.startswith("<") else Path(name).stem
    found = citer.plain(draft.title) if draft.title is not None else None
    title = next(
        (t for t in (meta.get("title"), found, fallback) if t is not None and _usable(t)), "Untitled"
    )
    if draft.title is not None and not _usable(found) and not _usable(meta.get("title")):
        line, column = draft.title.where(0)
        repairs.append(Repair(line, column, "no-title", "the title line holds no visible text: set a title"))
    if not _usable(meta.get("short_title")):
        meta = {k: v for k, v in meta.items() if k != "short_title"}
    calls = draft.title is not None and title == found and citer.calls_note(draft.title)
    document, yaml_text = emit(
        draft, citer, repairs, name=name, title=title, language=language, language_guessed=guessed, meta=meta,
        title_calls_note=calls, title_stands_in=title == fallback and not _usable(found) and not _usable(meta.get("title")),
    )  # fmt: skip
    try:
        loads(yaml_text, name)
    except SourceError as exc:  # a bug of the importer, not of the input: say so
        raise RuntimeError(f"clausepress import wrote a source its loader refuses: {exc}") from exc
    return ImportResult(yaml_text, tuple(sorted(repairs, key=lambda r: (r.line, r.column))), document)


# What a received text may not hold: what a source may not (C0 and C1 controls, non-characters),
# but for the form feed, a page break the importer reads as one.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _refuse_too_long(text: str, name: str) -> None:
    """SourceError for a received text longer than a source may be."""
    if len(text) > MAX_CHARACTERS:
        raise SourceError(
            f"the input has {len(text):,} characters; a source holds at most {MAX_CHARACTERS:,}",
            Origin(name, 1, 1),
        )


def _refuse_controls(text: str, name: str) -> None:
    """SourceError at the first control character of a received XML document (malformed with it)."""
    if (match := _CONTROL.search(text)) is not None:
        raise SourceError(
            f"control character U+{ord(match.group()):04X} is not allowed in a received text; remove it",
            Origin.of(name, text, match.start()),
        )


def _remove_controls(text: str, name: str) -> tuple[str, list[Repair]]:
    """The received text without its control characters (a copy's stray ESC, BEL, U+001C, NEL:
    never part of the words, and never written into a source, where they are refused), each
    removal a repair at its place in the input."""
    repairs = []
    for match in _CONTROL.finditer(text):
        at = Origin.of(name, text, match.start())
        repairs.append(
            Repair(at.line, at.column, "control-character",
                   f"removed the control character U+{ord(match.group()):04X}", removed=match.group())
        )  # fmt: skip
    return (_CONTROL.sub("", text), repairs) if repairs else (text, repairs)


def _usable(text: str | None) -> bool:
    """A text the loader takes for a required field: not blank, as `str.strip` tells blank (source.py)."""
    return bool(text and text.strip())


def import_file(
    path: str | Path,
    out: Path | None = None,
    force: bool = False,
    fmt: str = "auto",
    language: str | None = None,
) -> ImportResult:
    """Import a `.txt`, `.md`, `.xml`, `.docx`, `.odt`, `.pdf` or `.html` file ("-" for standard input);
    write the source to `out` when given. Word, OpenDocument, PDF and HTML are told by their content.

    An existing `out` is never overwritten unless `force` (UsageError naming it). With no
    `out` nothing is written: the caller prints the result.
    """
    if out is not None:
        out = Path(out)
        if out.exists() and not force:
            raise UsageError(f"{display_path(out)} exists; use --force to overwrite it")
        if str(path) != "-" and out.resolve() == Path(path).resolve():
            raise UsageError(f"{display_path(out)} is the input itself; choose another output")
    name = "<stdin>" if str(path) == "-" else display_path(path)
    try:
        data = read_at_most(sys.stdin.buffer if str(path) == "-" else path, MAX_SOURCE_BYTES)
    except TooLarge:
        raise SourceError(
            f"the input holds more than {MAX_SOURCE_BYTES:,} bytes; a source holds at most "
            f"{MAX_CHARACTERS:,} characters",
            Origin(name, 1, 1),
        ) from None
    except OSError as exc:
        raise SourceError(f"cannot read the input: {exc.strerror or exc}", Origin(name, 1, 1)) from None
    if fmt == "auto":
        fmt = sniff(data, None if str(path) == "-" else path) or "auto"
    if fmt in BINARY_FORMATS:
        result = _import_received(data, name, fmt, language)
        _write_result(result, out, force)
        return result
    text = decode(data, name)
    if fmt == "auto" and str(path) != "-":
        suffix = Path(path).suffix.lower()
        fmt = "md" if suffix in (".md", ".markdown") else "xml" if suffix == ".xml" else fmt
    result = import_text(text, name, fmt, language)
    _write_result(result, out, force)
    return result


def _import_received(data: bytes, name: str, fmt: str, language: str | None) -> ImportResult:
    """A Word, OpenDocument, PDF or HTML file: read as Markdown by its reader, then imported as a
    Markdown text is, with the reader's own repairs before the text import's."""
    converted = read_received(data, name, fmt)
    try:
        result = import_text(converted.text, name, "md", language or converted.language)
    except SourceError as exc:
        if converted.lines and exc.origin is not None and exc.origin.file == name:
            raise SourceError(exc.message, Origin(name, converted.place(exc.origin.line), 1)) from None
        raise
    found = result.repairs
    if converted.lines:  # told at the file's place (a paragraph's number), not at the Markdown's line
        found = tuple(Repair(converted.place(r.line), 1, r.kind, r.message, r.removed) for r in found)
    if not converted.repairs and found is result.repairs:
        return result
    return ImportResult(result.yaml, tuple(converted.repairs) + found, result.document)


def _write_result(result: ImportResult, out: Path | None, force: bool) -> None:
    """The source written to `out` (when given), never over an existing file unless `force`."""
    if out is not None:
        try:
            if out.is_dir():
                raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(out))
            out.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(out, result.yaml.encode("utf-8"), overwrite=force)
        except FileExists:  # it appeared meanwhile: never overwritten without --force
            raise UsageError(f"{display_path(out)} exists; use --force to overwrite it") from None
        except OSError as exc:  # a full or read-only disk, a file where a folder should be
            raise cannot_write(out, exc) from None
