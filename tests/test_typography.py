"""Even type: the line breaker's fix, the layout's repairs, and the checker's measure of the page.

The pages are measured as a compositor judges them (check/typography.py): a justified line's
widest word space in ems, hyphen ladders. The first document and the corpus are built under the
project's fonts and under fontconfigs limited to DejaVu and to Liberation (a machine with other
fonts), on A4 and Letter, in processes of their own (fontconfig reads its configuration once).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import weasyprint

from clausepress.check.typography import check_typography, lines
from clausepress.render import linebreak, verify

from .conftest import FIRST, ROOT

SCAN = ROOT / "scripts" / "typeset_scan.py"
FONT_DIRS = {
    "dejavu": "/usr/share/fonts/truetype/dejavu",
    "liberation": "/usr/share/fonts/truetype/liberation2",
}
FAMILIES = {"dejavu": "DejaVu", "liberation": "Liberation"}


def fontconfig(tmp: Path, fonts: str) -> Path:
    """A fontconfig that sees only one family's fonts, its serif and sans the defaults."""
    folder = FONT_DIRS[fonts]
    if not Path(folder).is_dir():
        pytest.fail(f"{folder} is missing: scripts/bootstrap.sh installs it for the tests")
    family = FAMILIES[fonts]
    conf = tmp / f"fonts-{fonts}.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{folder}</dir>
  <cachedir>{tmp / ("fc-cache-" + fonts)}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
  <alias binding="strong"><family>serif</family><prefer><family>{family} Serif</family></prefer></alias>
  <alias binding="strong"><family>sans-serif</family><prefer><family>{family} Sans</family></prefer></alias>
</fontconfig>
""",
        encoding="utf-8",
    )
    return conf


def scan(sources: list[Path], paper: str, conf: Path | None) -> list[dict[str, object]]:
    env = dict(os.environ)
    if conf is not None:
        env["FONTCONFIG_FILE"] = str(conf)
    proc = subprocess.run(
        [sys.executable, str(SCAN), "--json", "--paper", paper, *map(str, sources)],
        capture_output=True, text=True, env=env, timeout=1800, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


# --- the line breaker -------------------------------------------------------------------------

# A minimal reproduction for WeasyPrint's line breaker (v70, text/line_break.py): a text whose
# last line fits but for the space it ends with (here the white space before `</p>`), in a
# justified, hyphenated paragraph (clause 6 of the first document).
_REPRO = (
    '<p lang="en" style="width: {width}pt; font: 10.5pt serif; text-align: justify; hyphens: auto; '
    'hyphenate-limit-chars: 6 2 3">Urges Azerbaijan to comply with orders and judgments of the '
    "International Court of Justice, and other obligations of international law including "
    "international human rights law and international humanitarian law;\n</p>"
)


def _syllable_lines(width: float) -> list[str]:
    """The lines of the reproduction at `width`, but its last, that hold one word or a piece of
    one and nothing else ("liga-" between "ob-" and "tions", "ing" after "includ-")."""
    document = weasyprint.HTML(string=_REPRO.format(width=width)).render()
    texts = [
        verify._line_text(line).strip()
        for page in document.pages
        for _, line in verify._lines(page._page_box.children[0], None)
    ]
    return [t for t in texts[:-1] if " " not in t]


def test_text_that_fits_but_for_its_trailing_space(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the fix, some width leaves a syllable alone on a line; with it, none does. The
    same sweep proves that the reproduction reproduces."""
    from weasyprint.layout import inline

    widths = [300 + 0.5 * i for i in range(300)]
    linebreak.install()
    fixed = inline.split_first_line
    assert [w for w in widths if _syllable_lines(w)] == []
    monkeypatch.setattr(inline, "split_first_line", fixed.__wrapped__)
    assert [w for w in widths if _syllable_lines(w)], (
        "the reproduction no longer reproduces WeasyPrint's fault"
    )


# --- the checker's measure ------------------------------------------------------------------


def _pdf(tmp_path: Path, body: str, name: str = "page.pdf") -> Path:
    path = tmp_path / name
    weasyprint.HTML(
        string=f'<html lang="en"><body style="font: 11pt serif; width: 12cm">{body}</body></html>'
    ).write_pdf(path)
    return path


def test_word_spaces_are_measured_in_ems(tmp_path: Path) -> None:
    wide = _pdf(tmp_path, '<p style="word-spacing: 1.5em">a line of words set wide apart</p>', "wide.pdf")
    (line,) = [x for x in lines(wide) if x.spaces]
    assert 1.6 < line.widest < 2.0  # 1.5 em added to a space of about a quarter em
    assert [f.code for f in check_typography(wide)] == ["pdf.word-space"]
    plain = _pdf(tmp_path, "<p>a line of words set as they come</p>", "plain.pdf")
    (line,) = [x for x in lines(plain) if x.spaces]
    assert 0.15 < line.widest < 0.45 and check_typography(plain) == []


def test_a_hanging_label_is_no_word_space(tmp_path: Path) -> None:
    body = "".join(
        f'<p style="padding-left: 3em"><span style="display: inline-block; width: 3em; margin-left: -3em">'
        f"{label}</span>Decides to act</p>"
        for label in ("7.", "(a)", "(一)", "iv)")
    )
    assert check_typography(_pdf(tmp_path, body)) == []


def test_right_to_left_lines_are_measured_where_the_glyphs_stand(tmp_path: Path) -> None:
    body = '<p dir="rtl" lang="ar" style="font-family: \'Noto Naskh Arabic\', serif">إذ تشير إلى ميثاقها لعام 1998</p>'
    (line,) = [x for x in lines(_pdf(tmp_path, body)) if x.spaces]
    assert 0.1 < line.widest < 0.6


def test_three_hyphenated_line_ends_make_a_ladder(tmp_path: Path) -> None:
    ladder = _pdf(
        tmp_path, "<p>the ob\u2010<br>ligations con\u2010<br>cerning de\u2010<br>velopment</p>", "l.pdf"
    )
    assert [f.code for f in check_typography(ladder)] == ["pdf.hyphen-ladder"]
    two = _pdf(tmp_path, "<p>the ob\u2010<br>ligations con\u2010<br>cerning the<br>development</p>", "t.pdf")
    assert check_typography(two) == []


def test_keep_whole_takes_the_word_at_its_place() -> None:
    html = '<p id="x">national and <em>national</em> and international</p><p id="y">national</p>'
    kept = verify.keep_whole(html, "x", "nat", 1)
    assert kept == (
        '<p id="x">national and <em><span class="whole">national</span></em> and international</p>'
        '<p id="y">national</p>',
        "national",
    )
    assert verify.keep_whole(html, "x", "nat", 2) is None  # "international" does not begin so


# --- the pages built: the first document and the corpus, under three font sets ---------------


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("fonts", ["project", "dejavu", "liberation"])
def test_first_document_is_evenly_set(fonts: str, paper: str, tmp_path: Path) -> None:
    conf = None if fonts == "project" else fontconfig(tmp_path, fonts)
    (row,) = scan([FIRST], paper, conf)
    assert row["notes_apart"] == [], row
    assert row["over_1"] == 0 and row["ladders"] == 0, row
    if (fonts, paper) == ("project", "a4"):
        # Typst sets this text with 0.82 em at most; XeLaTeX with 0.55 em.
        assert isinstance(row["widest"], float) and row["widest"] <= 0.82 and row["over_075"] <= 1, row


def _corpus_built() -> list[Path]:
    from .test_corpus import FOLDERS, NOT_YET

    return [f for f in FOLDERS if f.name not in NOT_YET]


@pytest.mark.slow
@pytest.mark.parametrize(("fonts", "paper"), [("dejavu", "letter"), ("liberation", "a4")])
def test_corpus_is_evenly_set_with_other_fonts(fonts: str, paper: str, tmp_path: Path) -> None:
    """Each corpus text that imports as counted, under one family's fonts: no note apart from its
    call, no word space over 1 em. (The project's fonts on A4: test_corpus's build test.)"""
    rows = scan(_corpus_built(), paper, fontconfig(tmp_path, fonts))
    # A text in a script the family does not draw (Chinese, Japanese, Korean, Thai... under DejaVu
    # or Liberation alone) is refused, for its missing glyphs only, not printed with boxes.
    refused = [r for r in rows if "refused" in r]
    assert all(set(r["refused"]) == {"layout.missing-glyph"} for r in refused), refused
    conf = fontconfig(tmp_path, fonts)
    for row in refused:  # each character it names is one no font of the family has
        for code in row["characters"]:
            assert not _drawn(code, conf), (row["source"], code)
    built = [r for r in rows if "refused" not in r]
    assert len(built) >= 50, len(built)
    assert [r["source"] for r in built if r["notes_apart"]] == []
    assert [(r["source"], r["widest"]) for r in built if r["over_1"]] == []


def _drawn(code: str, conf: Path) -> bool:
    """Whether a font of the fontconfig `conf` has the character U+`code` (fc-list's charset)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    found = subprocess.run(
        ["fc-list", f":charset={code.lower()}", "family"], capture_output=True, text=True, env=env
    )
    return bool(found.stdout.strip())


def test_a_heading_left_alone_at_a_page_foot_is_found() -> None:
    """`stranded` finds a heading that is a page's last line (its text on the next page), at
    whatever place the filler puts it, and nothing where the heading keeps with its text."""

    def page(filler: int, keep: bool) -> weasyprint.Document:
        style = "" if keep else ' style="break-after: auto"'
        html = (
            "<html><body>" + "<p>x</p>" * filler + f'<h2 id="h"{style}>Heading</h2>'
            '<p id="p" style="orphans: 1">' + "text " * 300 + "</p></body></html>"
        )
        return weasyprint.HTML(string=html).render()

    found = [n for n in range(40, 60) if verify.stranded(page(n, keep=False)) == ["h"]]
    assert found, "no filler put the heading at a page's foot: the test needs another range"
    assert verify.stranded(page(found[0], keep=True)) == []


@pytest.mark.weasyprint_warnings
def test_a_character_no_font_draws_fails_the_build_naming_it_and_its_part(tmp_path: Path) -> None:
    """A character no installed font draws (here one Unicode leaves unassigned) fails the build:
    an error at the line of the part it stands in, naming it and the fonts to install; no PDF
    with a box is written, and an earlier PDF stays as it was."""
    from clausepress import build
    from clausepress.errors import NotBuilt

    source = tmp_path / "glyphs.yaml"
    source.write_text(
        'title: Glyphs\nlanguage: en\noperative:\n  - text: "Drawn."\n  - text: "A letter: \\u0378, and again \\u0378."\n',
        encoding="utf-8",
    )
    with pytest.raises(NotBuilt) as refused:
        build(source, tmp_path / "out", formats=["pdf"], cache=False)
    (finding,) = refused.value.findings
    assert (finding.code, finding.severity, finding.line) == ("layout.missing-glyph", "error", 5)
    assert finding.message == (
        "no installed font draws '\u0378' (U+0378) in 'clause-2': install a font for its script "
        "(on Debian: fonts-noto-extra)"
    )
    assert not (tmp_path / "out" / "glyphs.pdf").exists()


def _filled(filler: int, style: str, paragraphs: str) -> weasyprint.Document:
    return weasyprint.HTML(
        string=f'<html><body>{"<div>x</div>" * filler}<ol><li id="p" style="{style}">{paragraphs}</li></ol></body></html>'
    ).render()


def test_widows_and_orphans_are_found() -> None:
    """`lone_lines` finds a paragraph's one line left at a page's foot or head where the rule
    forbids it (its style, or `forbid`), and nothing where the style lets WeasyPrint make it."""

    def kinds(style: str, forbid: int | None = None) -> set[str]:
        found: set[str] = set()
        for filler in range(20, 50):
            document = _filled(filler, style, "<p>" + "text " * 300 + "</p>")
            found |= {lone.kind for lone in verify.lone_lines(document, forbid)}
        return found

    assert kinds("orphans: 1; widows: 1", forbid=2) == {"orphan", "widow"}
    assert kinds("orphans: 1; widows: 1") == set()  # the style lets them stand
    assert kinds("") == set()  # WeasyPrint keeps its defaults (2 and 2)


def test_a_short_paragraph_at_a_page_head_is_no_widow() -> None:
    """A clause's last paragraph of one line, set alone at the head of a page after its
    clause's longer paragraph, is no widow: the lines of one paragraph are counted, not those
    of one id (it was reported for Article 20 of the Vietnamese Declaration)."""
    heads = 0
    for filler in range(20, 50):
        document = _filled(filler, "", "<p>" + "text " * 120 + "</p><p>Short.</p>")
        if len(document.pages) > 1:
            first = next(verify._lines(verify._flow(document.pages[1]), None))[1]
            heads += verify._line_text(first).strip() == "Short."
        assert verify.lone_lines(document, forbid=2) == [], filler
    assert heads, "no filler set the short paragraph at a page's head: the test needs another range"


def test_a_paragraph_is_named_by_a_selector_from_the_nearest_id() -> None:
    """A paragraph with no id of its own is named from the nearest id above it and its place,
    so that a repair can move that paragraph and not its whole clause."""
    paragraphs = "<p>One.</p><p>" + "text " * 300 + "</p>"
    document = _filled(20, "", paragraphs)
    paths = {
        verify._selector(path)
        for _, path, _ in verify._paragraph_lines(verify._flow(document.pages[0]), None)
    }
    assert {"#p > :nth-child(1)", "#p > :nth-child(2)"} <= paths
    lone = {
        x.selector
        for n in range(20, 50)
        for x in verify.lone_lines(_filled(n, "orphans: 1; widows: 1", paragraphs), 2)
    }
    assert lone == {"#p > :nth-child(2)"}


def _clauses(tmp_path: Path, styles: str) -> tuple[Path, Path]:
    """A source of 40 clauses of three lines or so (an invented fixture, for the repair rules
    only) and a styles folder of clausepress's own with `styles` added to its document.css."""
    import shutil

    from clausepress.resources import STYLES

    folder = tmp_path / "styles"
    shutil.copytree(STYLES, folder)
    with (folder / "document.css").open("a", encoding="utf-8") as css:
        css.write("\n" + styles + "\n")
    words = "the council notes the report of its committee on the budget for the year".split()
    clauses = []
    for n in range(40):
        text = " ".join(words[(n + i) % len(words)] for i in range(40 + n % 4))
        clauses.append(f"  - text: Notes that {text}.")
    source = tmp_path / "clauses.yaml"
    source.write_text(
        "title: Clauses\nlanguage: en\noperative:\n" + "\n".join(clauses) + "\n", encoding="utf-8"
    )
    return source, folder


def test_a_build_moves_a_paragraph_rather_than_leave_a_line_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the verifier finds a widow or an orphan (here: a style that lets WeasyPrint make
    them, and a verifier that forbids them, as a page that must hold a note makes them), the
    build moves the paragraph to the next page and says so; none is left."""
    import functools

    from clausepress import build
    from clausepress.render import pdf as pdf_writer

    source, styles = _clauses(tmp_path, ".clause { orphans: 1; widows: 1; }")
    seen: list[list[verify.Lone]] = []
    monkeypatch.setattr(pdf_writer, "lone_lines", lambda d: seen.append(verify.lone_lines(d, 2)) or [])
    (allowed,) = build(source, tmp_path / "allowed", formats=["pdf"], styles=styles, cache=False)
    monkeypatch.setattr(pdf_writer, "lone_lines", functools.partial(verify.lone_lines, forbid=2))
    (pdf,) = build(source, tmp_path / "out", formats=["pdf"], styles=styles, cache=False)
    moves = [r for r in pdf.repairs if "line alone" in r]
    assert moves and len(moves) >= len(seen[-1]) > 0, (seen, pdf.repairs)
    assert not any(w.startswith(("layout.widow", "layout.orphan")) for w in pdf.warnings), pdf.warnings
    assert allowed.warnings == () and not any("line alone" in r for r in allowed.repairs)
    # The checker reads the same widows and orphans from the finished file, and none once repaired.
    found = {
        (f.code, f.page) for f in check_typography(allowed.path) if f.code in ("pdf.widow", "pdf.orphan")
    }
    assert found == {(f"pdf.{x.kind}", x.page) for x in seen[-1]}
    assert not [f for f in check_typography(pdf.path) if f.code in ("pdf.widow", "pdf.orphan")]


def test_text_past_the_margin_is_found() -> None:
    def past(style: str) -> list[tuple[int, str | None, float, str]]:
        html = f'<html><body><p id="a">A line of words.</p><p id="b" style="{style}">{"word " * 80}</p></body></html>'
        return verify.overflows(weasyprint.HTML(string=html).render())

    assert past("") == []
    ((page, block, far, text),) = past("white-space: nowrap")
    assert (page, block, text[:4]) == (1, "b", "word") and far > 100


def test_a_build_breaks_a_run_that_would_stand_past_the_margin(tmp_path: Path) -> None:
    """A run with no break point that would stand past the margin (here a style that stops
    the writer's own cure, `.unbroken`) is repaired: its block may break anywhere; a style
    that forbids every break (`white-space: nowrap`) stays a warning with page and part."""
    from clausepress import build

    run = "x" * 140
    for styles, repaired in (
        (".unbroken { overflow-wrap: normal; }", True),
        (".clause { white-space: nowrap; }", False),
    ):
        source, folder = _clauses(tmp_path / str(repaired), styles)
        source.write_text(source.read_text(encoding="utf-8").replace("Notes that the", f"Notes {run} the", 1))
        (pdf,) = build(source, tmp_path / str(repaired) / "out", formats=["pdf"], styles=folder, cache=False)
        overflow = [w for w in pdf.warnings if w.startswith("layout.overflow")]
        if repaired:
            assert any("stood past the margin" in r for r in pdf.repairs) and overflow == [], (
                pdf.repairs,
                overflow,
            )
        else:
            assert overflow and "'clause-1'" in overflow[0] and "page 1" in overflow[0], pdf.warnings
