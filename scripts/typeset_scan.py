"""How evenly the PDFs of documents are set, under the fonts this process sees.

    python scripts/typeset_scan.py [--paper a4|letter] [--json] SOURCE...

Each SOURCE is a clausepress YAML source or a corpus folder of `tests/corpus/` (its input is
imported first). Each is built to its screen PDF in a temporary folder and measured from the
finished file (`clausepress.check.typography`): the widest word space of a line, in ems; the
lines over 0.75 em and over 1 em; hyphen ladders; and the notes the build could not set on the
page of their call (its `layout.footnote-page` warnings). Run it with `FONTCONFIG_FILE` set to
a fontconfig limited to one family (tests/test_typography.py writes such files) to see the
pages as a machine with other fonts makes them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any


def scan(source: Path, paper: str, work: Path) -> dict[str, Any]:
    from clausepress import build
    from clausepress.check.typography import WORD_SPACE_LIMIT, check_typography, lines
    from clausepress.errors import NotBuilt

    if source.is_dir():
        from clausepress.importer import import_text

        (found,) = [p for p in source.iterdir() if p.name.startswith("input.")]
        fmt = {".md": "md", ".xml": "xml"}.get(found.suffix, "txt")
        result = import_text(found.read_text(encoding="utf-8"), found.name, fmt)
        yaml = work / f"{source.name}.yaml"
        yaml.write_text(result.yaml, encoding="utf-8")
        source = yaml
    try:
        (pdf,) = build(source, work / source.stem, formats=["pdf"], paper=paper, cache=False)
    except NotBuilt as refused:
        # A script the fonts at hand do not draw (Chinese under DejaVu only): the build refuses
        # rather than print boxes. Said, with the characters, and not measured.
        found = [re.search(r"\(U\+([0-9A-F]+)", f.message) for f in refused.findings]
        return {
            "source": source.stem,
            "refused": [f.code for f in refused.findings],
            "characters": [m.group(1) for m in found if m],
            "pages": 0,
        }
    widest = [line.widest for line in lines(pdf.path) if line.spaces]
    findings = check_typography(pdf.path)
    return {
        "source": source.stem,
        "pages": pdf.pages,
        "widest": round(max(widest, default=0.0), 3),
        "over_075": sum(w > 0.75 for w in widest),
        "over_1": sum(w > WORD_SPACE_LIMIT for w in widest),
        "ladders": sum(f.code == "pdf.hyphen-ladder" for f in findings),
        "notes_apart": [w for w in pdf.warnings if w.startswith("layout.footnote-page")],
        "lone": [w for w in pdf.warnings if w.startswith(("layout.widow", "layout.orphan"))],
        "repairs": list(pdf.repairs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paper", default="a4", choices=("a4", "letter"))
    parser.add_argument("--json", action="store_true", help="one JSON object a line")
    parser.add_argument("sources", nargs="+", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for source in args.sources:
            row = scan(source, args.paper, Path(tmp))
            if args.json:
                print(json.dumps(row, ensure_ascii=False), flush=True)
            elif "refused" in row:
                print(
                    f"{row['source'][:48]:48} refused: {', '.join(sorted(set(row['refused'])))}", flush=True
                )
            else:
                print(
                    f"{row['source'][:48]:48} p{row['pages']:<3} widest {row['widest']:.2f} em  "
                    f">0.75: {row['over_075']:<3} >1: {row['over_1']:<3} ladders {row['ladders']}  "
                    f"notes apart {len(row['notes_apart'])}  lone lines {len(row['lone'])}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
