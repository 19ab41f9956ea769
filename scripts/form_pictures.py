"""Pictures of each form's first page for the README, made from real texts of the corpus.

For each form of `clausepress.forms.FORMS`, one short text of `tests/corpus/` is imported,
built (the screen PDF) and its first page drawn to `docs/forms/<form>.png` with poppler's
pdftoppm; `docs/forms/<form>.yaml` keeps the whole imported source, under a line naming
the corpus text and its provenance, and the README's "Forms" section shows its first
lines (the block between `<!-- form_pictures.py: <form> -->` and
`<!-- /form_pictures.py: <form> -->`, which this script rewrites). Only a text that imports
as an editor counted it gets a picture (`NOT_YET` in tests/test_corpus.py says which do not):
a picture of a wrong import would show the importer's mistakes. A form no corpus text holds
for gets none, and the README says so.

Run it after a change to the importer or the styles, from any directory:
`.venv/bin/python scripts/form_pictures.py`. The same inputs give the same files: the
build writes the same PDF bytes for the same source (tests/test_build.py holds it to that),
and pdftoppm, at a fixed resolution, draws the same PNG bytes from the same PDF (two runs
compared); another poppler or other fonts may draw different pixels.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from clausepress import build
from clausepress.forms import FORMS
from clausepress.importer import import_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "docs" / "forms"
README = ROOT / "README.md"
EXAMPLE_LINES = 25  # the README shows this many lines of each imported source
RESOLUTION = 50  # dots per inch: an A4 page is 414 x 585 pixels

# One short, representative real text per form (a folder of tests/corpus/); None where the
# corpus has no text of the form.
TEXTS: dict[str, str | None] = {
    "association": "gpew-2022-em-iran",
    "un-ga": "unga-80-56-victim-assistance-modalities",
    "un-sc": "unsc-2722-2024-red-sea-s-2024-37",
    "eu-parliament": "ep-2004-b6-0152-motion",
    "coe-pace": None,
    "us-congress": "us-hconres-16-116-capitol-grounds",
    "us-municipal": "rivergrove-ord-16-1974",
    "articles": "udhr-ru-nltk",
}


def not_yet() -> dict[str, str]:
    """The corpus texts that do not import as counted yet (tests/test_corpus.py's table)."""
    tree = ast.parse((ROOT / "tests" / "test_corpus.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "NOT_YET":
            return dict(ast.literal_eval(node.value))  # type: ignore[arg-type]
    return {}


def provenance(name: str) -> dict[str, str]:
    """The `key: value` lines of a corpus text's PROVENANCE (repository, path, commit, document...)."""
    fields: dict[str, str] = {}
    for line in (CORPUS / name / "PROVENANCE").read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(": ")
        if sep and key.isidentifier() and key not in fields:
            fields[key] = value.strip()
    return fields


def origin_line(name: str) -> str:
    """One line naming the corpus text and where it came from."""
    p = provenance(name)
    commit = p.get("commit", "").split()[0][:12]
    return (
        f"tests/corpus/{name}: {p.get('document', name)}; from {p.get('repository', '?')}, "
        f"{p.get('path', '?')} at {commit} (see its PROVENANCE)"
    )


def imported(name: str, yaml_path: Path) -> list[str]:
    """The imported source's lines, less the importer's opening comment (it names a temporary path)."""
    lines = yaml_path.read_text(encoding="utf-8").splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return lines


def excerpt_block(form: str, name: str, lines: list[str]) -> str:
    """The README's block for `form`: where the source comes from and its first lines, fenced."""
    shown = lines[:EXAMPLE_LINES]
    while shown and not shown[-1].strip():
        shown.pop()
    p = provenance(name)
    where = f"{p.get('repository', '?')}'s `{p.get('path', '?')}` at {p.get('commit', '?').split()[0][:12]}"
    intro = (
        f"The first {len(shown)} lines of [docs/forms/{form}.yaml](docs/forms/{form}.yaml) (the whole "
        f"source, {len(lines)} lines), as `clausepress import` made it of `tests/corpus/{name}` "
        f"(from {where}; see its `PROVENANCE`):"
    )
    return (
        f"<!-- form_pictures.py: {form} -->\n"
        + textwrap.fill(intro, width=90, break_long_words=False, break_on_hyphens=False)
        + "\n\n```yaml\n"
        + "\n".join(shown)
        + "\n```\n"
        f"<!-- /form_pictures.py: {form} -->"
    )


def update_readme(blocks: dict[str, str]) -> list[str]:
    """Rewrite the README's excerpt blocks; the forms whose markers it lacks."""
    text = README.read_text(encoding="utf-8")
    missing = []
    for form, block in blocks.items():
        pattern = re.compile(
            rf"<!-- form_pictures\.py: {re.escape(form)} -->.*?<!-- /form_pictures\.py: {re.escape(form)} -->",
            re.DOTALL,
        )
        text, n = pattern.subn(lambda _, block=block: block, text)
        if n != 1:
            missing.append(form)
    README.write_text(text, encoding="utf-8")
    return missing


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    failed = [f"{form}: no text chosen in TEXTS" for form in FORMS if form not in TEXTS]
    pending = not_yet()
    blocks: dict[str, str] = {}
    for form, name in TEXTS.items():
        if name is None:
            print(f"{form}: no corpus text of this form: no picture")
            continue
        if name in pending:  # a picture of a wrong import would show the importer's mistakes
            failed.append(f"{form}: {name}: does not import as counted yet ({pending[name]})")
            continue
        source = next((CORPUS / name).glob("input.*"))
        with tempfile.TemporaryDirectory() as tmp:
            yaml_path = Path(tmp) / f"{name}.yaml"
            try:
                import_file(source, yaml_path, force=True)
                lines = imported(name, yaml_path)
                (OUT / f"{form}.yaml").write_text(
                    f"# {origin_line(name)}; as `clausepress import` wrote it"
                    " (its opening comment left out). Made by scripts/form_pictures.py.\n"
                    + "\n".join(lines).strip("\n")
                    + "\n",
                    encoding="utf-8",
                )
                got = next((line.split(":", 1)[1].split("#")[0].strip() for line in lines
                            if line.startswith("form:")), "association")  # fmt: skip
                if got != form:
                    failed.append(f"{form}: {name}: imports as form {got}")
                    continue
                outputs = build(OUT / f"{form}.yaml", Path(tmp) / "out", formats=["pdf"])
            except Exception as exc:  # a text the importer or the build cannot take yet: say so
                failed.append(f"{form}: {name}: {type(exc).__name__}: {exc}")
                continue
            pdf = outputs[0].path
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(OUT / form)], check=True)  # fmt: skip
        blocks[form] = excerpt_block(form, name, lines)
        size = (OUT / f"{form}.png").stat().st_size
        print(f"{form}: {name}: docs/forms/{form}.png ({size:,} bytes), docs/forms/{form}.yaml")
    for form in update_readme(blocks):
        failed.append(f"{form}: README.md has no <!-- form_pictures.py: {form} --> block to rewrite")
    for line in failed:
        print(f"not made: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
