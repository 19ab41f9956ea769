"""Write the office test files (tests/data/office/README.md): each real text as pandoc Markdown,
then as DOCX and ODT by pandoc, and by LibreOffice (headless) from pandoc's files of the other format.

    .venv/bin/python tests/data/office/make_files.py          # all the cases
    .venv/bin/python tests/data/office/make_files.py --check  # the Markdown only, compared

The words are those of the real texts (the project's first document, and corpus texts as the
importer reads them); this script writes no word of its own but the Markdown's marks. A citation
becomes what its source is: a footnote (a source with a note), a link (a source with an address),
or a link whose target is lost, `[words](#)` (a source whose status is missing), as the received
text of the first document carried its lost links.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))

from clausepress import load  # noqa: E402
from clausepress.importer import import_file  # noqa: E402
from clausepress.model import Citation, Document, Emphasis, Inline, Strong, SubClause, Text  # noqa: E402

# case -> where its text comes from
CASES = {
    "iags-2024-nagorno-karabakh": ROOT / "content" / "iags-2024-nagorno-karabakh.yaml",
    "unga-80-68-ccw-convention": ROOT / "tests" / "corpus" / "unga-80-68-ccw-convention" / "input.md",
    "ny-senate-res-159-2023": ROOT / "tests" / "corpus" / "ny-senate-res-159-2023" / "input.md",
    "unsc-2339-2017-car-sanctions-s-2017-77": (
        ROOT / "tests" / "corpus" / "unsc-2339-2017-car-sanctions-s-2017-77" / "input.txt"
    ),
}
PANDOC_FROM = (
    "markdown-smart-citations-tex_math_dollars-subscript-superscript-raw_html-raw_tex-auto_identifiers"
)
_ESCAPE = re.compile(r"([\\`*_\[\]<>#$@^~|])")


def esc(text: str) -> str:
    """Text as Markdown that pandoc reads as that text."""
    return _ESCAPE.sub(r"\\\1", text)


def document(source: Path) -> Document:
    return load(source) if source.suffix == ".yaml" else import_file(source).document


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.notes: list[str] = []

    def inline(self, nodes: tuple[Inline, ...]) -> str:
        out = []
        for n in nodes:
            if isinstance(n, Text):
                out.append(esc(n.text))
            elif isinstance(n, Emphasis):
                out.append(f"*{self.inline(n.children)}*")
            elif isinstance(n, Strong):
                out.append(f"**{self.inline(n.children)}**")
            elif isinstance(n, Citation):
                out.append(self.citation(n))
        return "".join(out)

    def citation(self, cite: Citation) -> str:
        words = self.inline(cite.children)
        source = self.doc.sources.get(cite.source_id)
        if source is not None and source.note and source.status != "editorial":
            note = esc(source.note)
            if source.url and source.url not in source.note:
                note += f" <{source.url}>"
            self.notes.append(note)
            return f"{words}[^{len(self.notes)}]"
        if source is not None and source.url:
            return f"[{words}](<{source.url}>)"
        return f"[{words}](#)"  # the target is lost

    def subclauses(self, subs: tuple[SubClause, ...], depth: int) -> list[str]:
        out = []
        for s in subs:
            label = s.label if re.fullmatch(r"\(?[a-zA-Z0-9]+[.)]", s.label) else f"({s.label})"
            out.append(f"{'    ' * depth}{label} {self.inline(s.content)}")
            out += self.subclauses(s.subclauses, depth + 1)
        return out

    def markdown(self) -> str:
        doc = self.doc
        blocks = [f"# {esc(doc.title)}"]
        if doc.formula:
            blocks.append(self.inline(doc.formula))
        for p in doc.preamble:
            blocks += [f"## {esc(h.text)}" for h in p.headings]
            blocks.append(self.inline(p.content))
        if doc.enacting:
            blocks.append(self.inline(doc.enacting))
        for c in doc.operative:
            blocks += [f"## {esc(h.text)}" for h in c.headings]
            verb = f"*{esc(c.verb)}* " if c.verb else ""
            # The clause's label as printed: "1." a numbered list's (the word processor numbers it), any
            # other as the text's own first word, none where the print has none ("RESOLVED, That ...").
            label = f"{c.number}. " if c.label == f"{c.number}." else f"{esc(c.label)} " if c.label else ""
            lines = [f"{label}{verb}{self.inline(c.content)}"]
            if c.subclauses:
                lines += [""] + self.subclauses(c.subclauses, 1)
            for para in c.paragraphs:
                lines += ["", f"    {self.inline(para)}"]
            blocks.append("\n".join(lines))
        if doc.closing:
            blocks.append(self.inline(doc.closing))
        blocks += [f"[^{i}]: {note}" for i, note in enumerate(self.notes, 1)]
        return "\n\n".join(blocks) + "\n"


def markdown(source: Path) -> str:
    return _Writer(document(source)).markdown()


def soffice(src: Path, fmt: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
             "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.move(str(Path(tmp) / f"{src.stem}.{fmt}"), out)


def make(case: str, out_dir: Path = HERE) -> list[Path]:
    md = out_dir / f"{case}.md"
    md.write_text(markdown(CASES[case]), encoding="utf-8")
    made = []
    for fmt in ("docx", "odt"):
        target = out_dir / f"{case}.pandoc.{fmt}"
        subprocess.run(["pandoc", "-f", PANDOC_FROM, str(md), "-o", str(target)], check=True, timeout=300)
        made.append(target)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, other in (("docx", "odt"), ("odt", "docx")):
            src = Path(tmp) / f"{case}.{other}"
            shutil.copy(out_dir / f"{case}.pandoc.{other}", src)
            soffice(src, fmt, out_dir / f"{case}.libreoffice.{fmt}")
            made.append(out_dir / f"{case}.libreoffice.{fmt}")
    return made


if __name__ == "__main__":
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    if "--check" in sys.argv:
        stale = [c for c in CASES if (HERE / f"{c}.md").read_text(encoding="utf-8") != markdown(CASES[c])]
        print("stale: " + ", ".join(stale) if stale else "the Markdown is as the sources give it")
        sys.exit(1 if stale else 0)
    for case in only or CASES:
        for path in make(case):
            print(path.relative_to(ROOT))
