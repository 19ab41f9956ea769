"""Pictures of each form's first page for the README, made from real texts of the corpus.

For each form, one text of `tests/corpus/` is imported, built (the screen PDF) and its first
page drawn to `docs/forms/<form>.png` with poppler's pdftoppm; `docs/forms/<form>.yaml` keeps
the first lines of the imported source, the README's short example. Run it after a change to
the importer or the styles: `.venv/bin/python scripts/form_pictures.py`.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from clausepress import build
from clausepress.importer import import_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "docs" / "forms"
EXAMPLE_LINES = 40

# One real text per form (a folder of tests/corpus/).
TEXTS = {
    "association": "gpew-2022-em-iran",
    "us-congress": "us-hres-99-114-nunnelee",
    "un-ga": "unga-192-III-1948-armaments",
    "un-sc": "unsc-67-1949-indonesia",
    "eu-parliament": "ep-2006-patent-policy-resolution",
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


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    pending = not_yet()
    for form, name in TEXTS.items():
        if name in pending:  # a picture of a wrong import would show the importer's mistakes
            failed.append(f"{form}: {name}: does not import as counted yet ({pending[name]})")
            continue
        folder = CORPUS / name
        source = next(folder.glob("input.*"))
        with tempfile.TemporaryDirectory() as tmp:
            yaml_path = Path(tmp) / f"{name}.yaml"
            try:
                import_file(source, yaml_path, force=True)
                outputs = build(yaml_path, Path(tmp) / "out", formats=["pdf"])
            except Exception as exc:  # a text the importer or the build cannot take yet: say so
                failed.append(f"{form}: {name}: {type(exc).__name__}: {exc}")
                continue
            pdf = outputs[0].path
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(OUT / form)], check=True)  # fmt: skip
            lines = yaml_path.read_text(encoding="utf-8").splitlines()
            body = [line for line in lines if not line.startswith("#")][:EXAMPLE_LINES]
            (OUT / f"{form}.yaml").write_text(
                f"# from tests/corpus/{name} (see its PROVENANCE), as clausepress import wrote it\n"
                + "\n".join(body).strip("\n")
                + "\n",
                encoding="utf-8",
            )
            shutil.rmtree(Path(tmp) / "out", ignore_errors=True)
        print(f"{form}: {name}: docs/forms/{form}.png")
    for line in failed:
        print(f"not made: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
