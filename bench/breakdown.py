"""Where a rebuild's time goes: the first document rebuilt in one warm process, profiled.

    python bench/breakdown.py [SOURCE] [--runs N]

Prints the share of the rebuild's time spent in each stage, measured with cProfile
(whose overhead inflates every stage alike): clausepress's own work, then WeasyPrint's
HTML parsing and styles, its layout (and, inside it, the footnote area laid out again
each time a note joins a page), and its PDF writing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"

# (label, file suffix, function name) of the stages, as cProfile names them.
STAGES = [
    ("whole rebuild", "clausepress/builder.py", "build_document"),
    ("WeasyPrint: everything", "clausepress/render/pdf.py", "render_pdf"),
    ("  HTML parsing, styles, boxes", "weasyprint/document.py", "_build_layout_context"),
    ("  layout of the pages", "weasyprint/layout/__init__.py", "layout_document"),
    ("    footnote area laid out again", "weasyprint/layout/__init__.py", "_update_footnote_area"),
    ("  PDF writing (incl. tags, fonts)", "weasyprint/document.py", "write_pdf"),
    ("EPUB", "clausepress/render/epub.py", "render_epub"),
    ("HTML (with hyphenation)", "clausepress/render/html.py", "render_html"),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", nargs="?", type=Path, default=FIRST)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from clausepress import build

    out = Path(tempfile.mkdtemp(prefix="clausepress-profile-"))
    build(args.source, out, cache=False)  # warm: WeasyPrint loaded, fonts known
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.runs):
        build(args.source, out, cache=False)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    cumulative: dict[tuple[str, str], float] = {}
    for (filename, _, function), (_, _, _, cum, _) in stats.items():
        for _, suffix, name in STAGES:
            if function == name and filename.endswith(suffix):
                cumulative[(suffix, name)] = max(cumulative.get((suffix, name), 0.0), cum)
    whole = cumulative.get((STAGES[0][1], STAGES[0][2]), 0.0)
    print(f"{args.runs} warm rebuilds of {args.source.name}, profiled\n")
    print("| stage | share of the rebuild |\n| --- | --- |")
    for label, suffix, name in STAGES:
        share = cumulative.get((suffix, name), 0.0) / whole if whole else 0.0
        print(f"| {label.strip()}{' (within the above)' if label.startswith('    ') else ''} | {share:.0%} |")


if __name__ == "__main__":
    main()
