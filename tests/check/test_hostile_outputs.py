"""The checker on valid documents that are awkward, and on crafted files: no false finding, no crash.

A valid document with non-ASCII addresses, words too long for a line and invisible characters
checks clean; each is compared as rendering shows it. Crafted PDFs (pikepdf) and EPUBs (zipfile)
give findings, never an exception, with every read bounded.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from clausepress import build, load, loads
from clausepress.check import Finding, check_document
from clausepress.check.epub import MAX_INFLATED, MAX_MEMBER, check_epub
from clausepress.check.pdf import _join_broken, check_pdf, read_pdf
from clausepress.cli import main
from clausepress.importer import import_file
from clausepress.model import Document
from clausepress.presentation import DEFAULT_IGNORABLE, address_key, small_number, words
from clausepress.render.html import MAX_NOTES, clause_hang

from ..conftest import Built, _build


def _hex(n: int, seed: str) -> str:
    """`n` characters of hex digits, a checksum's word: no hyphenation point in it."""
    out = ""
    while len(out) < n:
        out += hashlib.sha512(f"{seed}{len(out)}".encode()).hexdigest()
    return out[:n]


ARMENIAN = "https://hy.wikipedia.org/wiki/Արցախ"
RESUME = "https://files.test/résumé.pdf"
IDN = "https://例え.テスト/パス?q=é#frag"
ESCAPED = "https://Files.test/%c3%a9t%C3%A9"  # percent-encoded in the source, in lower case
# Default-ignorable characters, each between two letters: all drawn as nothing but the Hangul
# fillers (U+3164, U+1160, U+FFA0), which HarfBuzz draws as a blank and the PDF reads as a space.
INVISIBLE = [
    "\ufe0f",
    "\u034f",
    "\u2063",
    "\u2061",
    "\u180e",
    "\u3164",
    "\u200d",
    "\U000e0100",
    "\u1160",
    "\uffa0",
]
LONG = {80: _hex(80, "a"), 128: _hex(128, "b"), 300: _hex(300, "c"), 96: _hex(96, "d"), 200: _hex(200, "e")}


def _quoted(text: str) -> str:
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


AWKWARD = f"""\
title: Awkward but Valid Documents
language: en
preamble:
  - {_quoted(f"Recalling the [Armenian page]({ARMENIAN}), the [résumé][cv], the [register]({IDN}) and the [summary][escaped],")}
  - Noting the checksum {LONG[80]}, the digest {LONG[128]} and the key {LONG[300]},
  - {_quoted("Noting the marks " + ", ".join(f"{chr(97 + i)}{ch}{chr(97 + i)}" for i, ch in enumerate(INVISIBLE)) + ",")}
enacting: "Resolves:"
operative:
  - verb: Urges
    text: "all to keep {LONG[96]} in the register:"
    subclauses:
      - the digest {LONG[200]} with it;
      - its copy;
  - verb: Decides
    text: to close the matter.
sources:
  cv:
    title: Curriculum
    URL: {RESUME}
  escaped:
    title: Summary
    URL: {ESCAPED}
"""


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("awkward")
    source = folder / "awkward.yaml"
    source.write_text(AWKWARD, encoding="utf-8")
    return _build(source, folder)


def test_awkward_document_checks_clean(awkward: Built) -> None:
    report = check_document(awkward.source, awkward.pdf, awkward.epub)
    assert [str(f) for f in report.findings] == []


def test_awkward_document_holds_what_the_classes_are(awkward: Built) -> None:
    """The PDF really has percent-encoded addresses, and words broken at a line end with no hyphen:
    without the checker's rules it would report them."""
    doc = load(awkward.source)
    pdf = read_pdf(awkward.pdf, notes=True, furniture=(doc.short_title,))
    uris = [u for _, u in pdf.uris]
    assert "https://hy.wikipedia.org/wiki/%D4%B1%D6%80%D6%81%D5%A1%D5%AD" in uris
    assert ARMENIAN not in uris and RESUME not in uris
    assert LONG[300] not in pdf.body_words  # parted at two line ends
    assert any(w and LONG[300].startswith(w) for w in pdf.body_words)
    joined = read_pdf(
        awkward.pdf, notes=True, furniture=(doc.short_title,), long_words=words(LONG[300] + ",")
    )
    assert LONG[300] + "," in joined.body_words


def test_a_changed_non_ascii_address_is_still_reported(awkward: Built, tmp_path: Path) -> None:
    edited = tmp_path / "edited.pdf"
    with pikepdf.open(awkward.pdf) as pdf:
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get("/A")
                if action is not None and "/URI" in action and "%D4%B1" in str(action.URI):
                    action.URI = pikepdf.String(str(action.URI).replace("%D4%B1", "%D4%B2"))
        pdf.save(edited)
    findings = check_pdf(load(awkward.source), edited)
    assert sorted(f.code for f in findings) == ["pdf.link-missing", "pdf.link-unknown"]
    assert "https://hy.wikipedia.org/wiki/Բրցախ" in next(
        f.message for f in findings if f.code == "pdf.link-unknown"
    )


# --- addresses as IRIs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "written"),
    [
        (ARMENIAN, "https://hy.wikipedia.org/wiki/%D4%B1%D6%80%D6%81%D5%A1%D5%AD"),
        (RESUME, "https://files.test/r%C3%A9sum%C3%A9.pdf"),
        (IDN, "https://%E4%BE%8B%E3%81%88.%E3%83%86%E3%82%B9%E3%83%88/%E3%83%91%E3%82%B9?q=%C3%A9#frag"),
        ("https://例え.テスト/a", "https://xn--r8jz45g.xn--zckzah/a"),
        ("HTTPS://Archive.TEST/~user", "https://archive.test/%7Euser"),
        ("https://a.test/%c3%a9", "https://a.test/é"),
        ("https://a.test:8443/ü?x=ü#ü", "https://a.test:8443/%C3%BC?x=%C3%BC#%C3%BC"),
    ],
)
def test_addresses_that_are_one_iri(source: str, written: str) -> None:
    assert address_key(source) == address_key(written)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://a.test/a%2Fb", "https://a.test/a/b"),  # an escaped slash is not a slash
        ("https://a.test/r%C3%A9sum%C3%A9", "https://a.test/resume"),
        ("https://a.test/%FF", "https://a.test/ÿ"),  # not UTF-8: stays an octet
        ("https://a.test/Path", "https://a.test/path"),  # the path's case counts
        ("http://a.test/x", "https://a.test/x"),
    ],
)
def test_addresses_that_differ(one: str, other: str) -> None:
    assert address_key(one) != address_key(other)


# --- text as rendering shows it -----------------------------------------------------------


@pytest.mark.parametrize("first", [f for f, _ in DEFAULT_IGNORABLE] + [last for _, last in DEFAULT_IGNORABLE])
def test_default_ignorable_characters_compare_as_drawn(first: int) -> None:
    filler = chr(first) in "\u115f\u1160\u3164\uffa0"
    assert words(f"ab{chr(first)}cd") == (["ab", "cd"] if filler else ["abcd"])


@pytest.mark.parametrize("kept", ["\u00a0", "\u202f", "\u2010x", "\u0301", "\u200a"])
def test_other_characters_stay_themselves(kept: str) -> None:
    # A no-break space joins, a combining mark stays, a hair space breaks: none is dropped.
    assert "".join(words(f"ab{kept}cd")) != "abcd" or kept == "\u200a"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (f"a {LONG[80][:50]}\n{LONG[80][50:]} b", True),
        (f"{LONG[300][:100]}\n{LONG[300][100:200]}\n{LONG[300][200:]},", True),
        (f"a {LONG[80][:5]}\n{LONG[80][5:]} b", False),  # a part that cannot have filled a line
        (f"a {LONG[80][:50]} {LONG[80][50:]} b", False),  # a space where no line ends: a real parting
        (f"a {LONG[80][:50]}\nzz{LONG[80][50:]} b", False),  # joined, no word of the document
    ],
)
def test_a_long_word_broken_at_a_line_end_is_one_word(text: str, joined: bool) -> None:
    whole = sorted({LONG[80], LONG[300] + ","})
    result = words(_join_broken(text, whole))
    assert (LONG[80] in result or LONG[300] + "," in result) == joined


# --- missing glyphs -----------------------------------------------------------------------

NO_GLYPH = ["\U0001fadf", "\u0378", "\U00030000"]  # no installed font draws these


@pytest.mark.weasyprint_warnings
def test_a_missing_glyph_is_reported_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF that draws a box for a character (as another tool makes one: clausepress's own build
    refuses to write it, layout.missing-glyph) is reported as such by the checker."""
    import clausepress.builder

    monkeypatch.setattr(clausepress.builder, "_refuse_missing_glyphs", lambda doc, warnings: None)
    clauses = "".join(
        f"  - verb: Urges\n    text: {_quoted(f'all to draw x{ch}y here;')}\n" for ch in NO_GLYPH
    )
    source = tmp_path / "glyphs.yaml"
    source.write_text(
        f"title: Glyphs\nlanguage: en\noperative:\n{clauses}  - verb: Decides\n    text: to close.\n",
        encoding="utf-8",
    )
    outputs = {o.format: o for o in build(source, tmp_path)}
    assert sum("layout.missing-glyph" in w for w in outputs["pdf"].warnings) == len(NO_GLYPH)
    findings = check_pdf(load(source), outputs["pdf"].path)
    assert sorted(f.code for f in findings) == ["pdf.missing-glyph"] * len(NO_GLYPH)
    for ch in NO_GLYPH:
        assert any(f"U+{ord(ch):04X}" in f.message for f in findings)


# --- crafted PDFs ---------------------------------------------------------------------------


def _dest_of_digits(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            if "/Dest" in annot:
                annot.Dest = pikepdf.String("fn-" + "9" * 5000)
            elif annot.get("/A") is not None and "/D" in annot.A:
                annot.A.D = pikepdf.String("fn-" + "7" * 5000)


def _named_dest_of_digits(pdf: pikepdf.Pdf) -> None:
    names = list(pdf.Root.Names.Dests.Names)
    pdf.Root.Names.Dests.Names = pikepdf.Array([pikepdf.String("fn-" + "1" * 5000), names[1], *names])


def _uri_not_a_string(pdf: pikepdf.Pdf) -> None:
    for annot in pdf.pages[0].get("/Annots") or []:
        if annot.get("/A") is not None and "/URI" in annot.A:
            annot.A.URI = 12345
            break


def _uri_with_controls(pdf: pikepdf.Pdf) -> None:
    for annot in pdf.pages[0].get("/Annots") or []:
        if annot.get("/A") is not None and "/URI" in annot.A:
            annot.A.URI = pikepdf.String("https://a.test/\x00\x1b[31m\u202e" + "x" * 100_000)


def _annots_not_an_array(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Annots = 7


def _outline_loop(pdf: pikepdf.Pdf) -> None:
    first = pdf.Root.Outlines.First
    first.Next = first
    first.First = first


def _outline_deep(pdf: pikepdf.Pdf) -> None:
    parent = pdf.Root.Outlines.First
    for depth in range(5000):
        child = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(f"level {depth}"), Parent=parent))
        parent.First = parent.Last = child
        parent.Count = 1
        parent = child


def _digits_as_destination_name(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            if "/Dest" in annot:
                annot.Dest = pikepdf.String("fn-" + "٣" * 12)


CRAFTS: dict[str, Callable[[pikepdf.Pdf], None]] = {
    "note destination of 5,000 digits": _dest_of_digits,
    "named destination of 5,000 digits": _named_dest_of_digits,
    "address not a string": _uri_not_a_string,
    "address with control characters": _uri_with_controls,
    "annotations not an array": _annots_not_an_array,
    "outline in a loop": _outline_loop,
    "outline 5,000 levels deep": _outline_deep,
    "destination of Arabic-Indic digits": _digits_as_destination_name,
}


@pytest.fixture(scope="module")
def un_doc(un_built: Built) -> Document:
    return load(un_built.source)


def _one_line_each(findings: list[Finding]) -> None:
    for f in findings:
        assert "\n" not in str(f) and "\x1b" not in str(f) and "\x00" not in str(f)
        assert len(str(f)) < 1000, str(f)[:200]


@pytest.mark.parametrize("craft", sorted(CRAFTS))
def test_a_crafted_pdf_gives_findings_not_a_crash(
    craft: str, un_built: Built, un_doc: Document, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "crafted.pdf"
    with pikepdf.open(un_built.pdf) as pdf:
        CRAFTS[craft](pdf)
        pdf.save(edited)
    findings = check_pdf(un_doc, edited)
    # A destination nothing points to is harmless; every other craft breaks a promise.
    assert bool(findings) == (craft != "named destination of 5,000 digits"), [str(f) for f in findings]
    _one_line_each(findings)
    assert capfd.readouterr().err == ""


def test_an_encryption_dictionary_of_nonsense_is_a_finding(
    un_built: Built, un_doc: Document, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.pdf"
    with pikepdf.open(un_built.pdf) as pdf:  # a classic cross-reference table, with a trailer to patch
        pdf.save(plain, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
    data = plain.read_bytes()
    assert b"trailer <<" in data
    crafted = tmp_path / "crafted.pdf"
    crafted.write_bytes(
        data.replace(b"trailer <<", b"trailer << /Encrypt << /Filter /Standard /V 99 /R 99 >>", 1)
    )
    findings = check_pdf(un_doc, crafted)
    assert findings
    _one_line_each(findings)
    assert capfd.readouterr().err == ""


def test_a_truncated_pdf_is_unreadable(un_built: Built, un_doc: Document, tmp_path: Path) -> None:
    for cut in (0.3, 0.6, 0.95):
        edited = tmp_path / f"cut-{cut}.pdf"
        data = un_built.pdf.read_bytes()
        edited.write_bytes(data[: int(len(data) * cut)])
        findings = check_pdf(un_doc, edited)
        assert findings
        _one_line_each(findings)


@pytest.mark.parametrize("text", ["9" * 5000, "²", "٣", "", "-1", "1" * 9, "1" * 10])
def test_numbers_read_from_a_file_are_bounded(text: str) -> None:
    assert small_number(text) == (int(text) if text in ("1" * 9,) else None)


def test_pypdf_complaints_stay_off_standard_error(
    un_built: Built, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # A wrong startxref offset: pypdf reads the file anyway, and logs that it did.
    data = un_built.pdf.read_bytes()
    at = data.rindex(b"startxref")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:at] + b"startxref\n12\n%%EOF\n")
    capfd.readouterr()
    code = main(["check", str(un_built.source), "--pdf", str(damaged), "--epub", str(un_built.epub)])
    out, err = capfd.readouterr()
    assert err == ""
    assert "[pdf.malformed]" in out and "startxref" in out
    assert code == 0  # a warning: the file was read whole


# --- AES and other encryption of the archival PDF -------------------------------------------


@pytest.fixture(scope="module")
def archival(un_built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archival")
    outputs = build(un_built.source, folder, variants=["archival"], formats=["pdf"])
    return next(o.path for o in outputs if o.path.name.endswith(".archival.pdf"))


@pytest.mark.parametrize(
    "encryption",
    [
        pikepdf.Encryption(owner="o", user="", R=6, aes=True),
        pikepdf.Encryption(owner="o", user="", R=4, aes=True),
        pikepdf.Encryption(owner="o", user="secret", R=6, aes=True),
        pikepdf.Encryption(owner="o", user="", R=4, aes=False, metadata=False),
        pikepdf.Encryption(owner="o", user="secret", R=3, aes=False, metadata=False),
    ],
    ids=["aes-256", "aes-128", "aes-256-password", "rc4-128", "rc4-password"],
)
def test_an_encrypted_archival_pdf_is_archival_encrypted(
    encryption: pikepdf.Encryption, archival: Path, un_doc: Document, un_built: Built, tmp_path: Path
) -> None:
    locked = tmp_path / archival.name
    with pikepdf.open(archival) as pdf:
        pdf.save(locked, encryption=encryption)
    findings = check_pdf(un_doc, locked, un_built.source)
    codes = [f.code for f in findings]
    assert "archival.encrypted" in codes
    assert "pdf.unreadable" not in codes


# --- crafted EPUBs ------------------------------------------------------------------------


def _rezip(original: Path, edited: Path, edit: Callable[[str, bytes, zipfile.ZipFile], bool]) -> None:
    """Copy the EPUB, letting `edit` write a member itself (returning True) instead of the copy."""
    with zipfile.ZipFile(original) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if not edit(info.filename, data, zout):
                zout.writestr(info, data)


def _inflating(mib: int) -> Callable[[str, bytes, zipfile.ZipFile], bool]:
    """The XHTML grown by `mib` MiB of comments (small ones: a text node over 10 MB is refused)."""
    chunk = (b"<!--" + b" " * 1017 + b"-->") * 1024

    def edit(name: str, data: bytes, z: zipfile.ZipFile) -> bool:
        if not name.endswith("document.xhtml"):
            return False
        at = data.rindex(b"</body>")
        with z.open(name, "w") as member:
            member.write(data[:at])
            for _ in range(mib):
                member.write(chunk)
            member.write(data[at:])
        return True

    return edit


def _replacing(
    old: bytes, new: bytes, member: str = "document.xhtml"
) -> Callable[[str, bytes, zipfile.ZipFile], bool]:
    def edit(name: str, data: bytes, z: zipfile.ZipFile) -> bool:
        if not name.endswith(member):
            return False
        assert old in data, (name, old)
        z.writestr(name, data.replace(old, new, 1))
        return True

    return edit


def _spine_repeated(times: int) -> Callable[[str, bytes, zipfile.ZipFile], bool]:
    def edit(name: str, data: bytes, z: zipfile.ZipFile) -> bool:
        if not name.endswith(".opf"):
            return False
        start = data.index(b">", data.index(b"<spine")) + 1
        end = data.index(b"</spine>")
        z.writestr(name, data[:end] + data[start:end] * times + data[end:])
        return True

    return edit


def test_an_epub_that_inflates_past_the_cap_is_too_large(
    un_built: Built, un_doc: Document, tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.epub"
    _rezip(un_built.epub, bomb, _inflating(MAX_MEMBER // 2**20 + 8))
    assert bomb.stat().st_size < 2**20 * 2  # a small file
    tracemalloc.start()
    try:
        findings = check_epub(un_doc, bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f.code for f in findings] == ["epub.too-large"]
    assert peak < MAX_MEMBER + 16 * 2**20


def test_an_epub_whose_files_inflate_past_the_cap_together_is_too_large(
    un_built: Built, un_doc: Document, tmp_path: Path
) -> None:
    # One file under the cap of a file, listed in the spine often enough to pass the cap of all.
    big = tmp_path / "big.epub"
    _rezip(un_built.epub, big, _inflating(MAX_MEMBER // 2**20 - 4))
    many = tmp_path / "many.epub"
    _rezip(big, many, _spine_repeated(MAX_INFLATED // MAX_MEMBER + 1))
    assert [f.code for f in check_epub(un_doc, many)] == ["epub.too-large"]


ENTITY_BOMB = (
    b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 16) for i in range(8))
    + b"]>"
)

EPUB_CRAFTS: dict[str, Callable[[str, bytes, zipfile.ZipFile], bool]] = {
    "page marker of 5,000 digits": _replacing(
        b"<body", b'<body><span role="doc-pagebreak" aria-label="' + b"9" * 5000 + b'"/'
    ),
    "page marker of a superscript digit": _replacing(
        b"<body", b'<body><span role="doc-pagebreak" aria-label="\xc2\xb2"/'
    ),
    "address urlsplit refuses": _replacing(b'href="https://', b'href="http://[::1'),
    "entities that expand a billion times": _replacing(b"<html", ENTITY_BOMB + b"<html"),
    "elements nested 5,000 deep": _replacing(b"</body>", b"<span>" * 5000 + b"</span>" * 5000 + b"</body>"),
    "container naming no package": _replacing(b'full-path="', b'full-path="nowhere/', "container.xml"),
    "note call to a note of 5,000 digits": _replacing(b'href="#fn-1"', b'href="#fn-' + b"1" * 5000 + b'"'),
}


@pytest.mark.parametrize("craft", sorted(EPUB_CRAFTS))
def test_a_crafted_epub_gives_findings_not_a_crash(
    craft: str, un_built: Built, un_doc: Document, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    crafted = tmp_path / "crafted.epub"
    _rezip(un_built.epub, crafted, EPUB_CRAFTS[craft])
    tracemalloc.start()
    try:
        findings = check_epub(un_doc, crafted)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert findings, "a crafted EPUB is not sound"
    _one_line_each(findings)
    assert peak < 64 * 2**20
    assert capfd.readouterr().err == ""


# --- hanging clause numbers -----------------------------------------------------------------

NUMBERS = ["1234", "12ter", "2bis", "10000", "7"]


@pytest.fixture(scope="module")
def numbered(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("numbers")
    text = "the pages of the long report on numbers, and to write what they find in it again and again"
    clauses = "".join(f"  - number: {n}\n    verb: Urges\n    text: all to read {text};\n" for n in NUMBERS)
    source = folder / "numbers.yaml"
    source.write_text(f"title: Numbers\nlanguage: en\noperative:\n{clauses}", encoding="utf-8")
    return _build(source, folder)


@pytest.mark.parametrize("number", NUMBERS)
def test_a_wide_clause_number_stays_on_one_line_before_its_verb(number: str, numbered: Built) -> None:
    pdf = pdfium.PdfDocument(numbered.pdf)
    try:
        page = pdf[0]
        text = page.get_textpage()
        whole = text.get_text_range()
        at = whole.index(f"{number}.")
        label = [text.get_charbox(i) for i in range(at, at + len(number) + 1)]
        verb_at = whole.index("Urges", at)
        verb = text.get_charbox(verb_at)
        assert whole[at + len(number) + 1 : verb_at].strip() == ""  # nothing between: not broken
        assert len({round(box[1]) for box in label}) == 1  # one baseline: one line
        assert label[-1][2] < verb[0] - 2  # the label ends before the verb starts, with a gap
        assert abs(verb[1] - label[0][1]) < 3  # the verb on the label's line
    finally:
        pdf.close()


def test_numbered_document_checks_clean_in_its_outputs(numbered: Built) -> None:
    report = check_document(numbered.source, numbered.pdf, numbered.epub)
    assert [str(f) for f in report.findings if f.line is None] == []


@pytest.mark.parametrize(("numbers", "wider"), [(["1", "99"], False), (["1234"], True), (["12ter"], True)])
def test_the_hanging_box_grows_with_the_widest_number(numbers: list[str], wider: bool) -> None:
    clauses = "".join(f"  - number: {n}\n    verb: Urges\n    text: all;\n" for n in numbers)
    doc = loads(f"title: T\noperative:\n{clauses}")
    assert (clause_hang(doc) is not None) == wider


# --- import respects the umask ------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_import_writes_with_the_umask(umask: int, tmp_path: Path) -> None:
    received = tmp_path / "received.txt"
    received.write_text("The Assembly,\n\n1. Urges all to act;\n\n2. Decides to close.\n", encoding="utf-8")
    previous = os.umask(umask)
    try:
        out = tmp_path / "out.yaml"
        import_file(received, out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
        out.chmod(0o640)  # a file replaced with --force keeps its mode
        import_file(received, out, force=True)
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(previous)


# --- many footnotes -------------------------------------------------------------------------


def test_more_footnotes_than_the_limit_are_refused_before_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = MAX_NOTES + 1
    per = 50
    clauses = "".join(
        "  - verb: Notes\n    text: "
        + " ".join(f"w [n](https://n.test/{k})" for k in range(start, min(start + per, notes)))
        + ";\n"
        for start in range(0, notes, per)
    )
    source = tmp_path / "notes.yaml"
    source.write_text(f"title: Notes\noperative:\n{clauses}", encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--to", "pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"{source}:") and "too many footnotes: 2,001 (the limit is 2,000" in err[-1]
    assert not (tmp_path / "out" / "notes.pdf").exists()


COMPLEX_LINE = "\u0ba4\U00011fc0\u0bae and \u0928\u092e\u0938\u094d\u0924\u0947 \U0001f600 here;"


def _complex(text: str) -> str:
    return (
        f"title: Tamil\nlanguage: ta\noperative:\n  - verb: Urges\n    text: {_quoted(text)}\n"
        "  - verb: Decides\n    text: to close.\n"
    )


def test_a_character_outside_the_bmp_in_a_complex_script_line(tmp_path: Path) -> None:
    """PDFium skips every character from U+FFFD up in a /ActualText (which render/actualtext.py
    writes, and pdftotext reads): in a document with a complex script they are not compared in
    the PDF. What it does read is: a changed word of the line is still reported."""
    source = tmp_path / "tamil.yaml"
    source.write_text(_complex(COMPLEX_LINE), encoding="utf-8")
    outputs = {o.format: o.path for o in build(source, tmp_path)}
    assert [f.code for f in check_pdf(load(source), outputs["pdf"])] == []
    found = check_document(source, outputs["pdf"], outputs["epub"]).findings
    assert [f for f in found if f.code != "language.furniture"] == []  # no catalogue for Tamil yet
    changed = loads(_complex(COMPLEX_LINE.replace("and", "or")), str(source))
    assert [f.code for f in check_pdf(changed, outputs["pdf"])] == ["pdf.clause-missing"]
