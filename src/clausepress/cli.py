"""The command line: maps arguments onto the library API, prints, and sets the exit code."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .build import FORMATS, build
from .errors import ClausepressError, UsageError, display_path

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in clausepress, never the user's doing


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="clausepress", description="Publish documents of numbered clauses.")
    parser.add_argument("--version", action="version", version=f"clausepress {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = commands.add_parser("build", help="build PDF, EPUB and HTML from YAML sources")
    b.add_argument(
        "sources", nargs="*", type=Path, metavar="SOURCE", help="YAML sources (default: content/*.yaml)"
    )
    b.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="output folder (default: output/)",
    )
    b.add_argument(
        "--to",
        default=",".join(FORMATS),
        metavar="FORMATS",
        help="comma-separated: pdf,epub,html (default: all)",
    )
    b.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="page size of the PDF (default: a4)"
    )
    return parser


def _sources(given: list[Path]) -> list[Path]:
    if given:
        return given
    found = sorted(Path("content").glob("*.yaml"))
    if not found:
        raise UsageError("no SOURCE given and no content/*.yaml found")
    return found


def _formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"--to: unknown format {', '.join(unknown) or '(none)'}; expected some of {', '.join(FORMATS)}"
        )
    return formats


def _build(args: argparse.Namespace) -> int:
    formats = _formats(args.to)
    status = 0
    for source in _sources(args.sources):
        try:
            outputs = build(source, args.output, formats, args.paper)
        except ClausepressError as exc:
            print(exc, file=sys.stderr)
            status = max(status, exc.exit_code)
            continue
        for out in outputs:
            pages = f", {out.pages} pages" if out.pages is not None else ""
            print(f"{display_path(out.path)}  {out.size:,} bytes{pages}")
            for warning in out.warnings:
                print(f"{display_path(source)}: warning: {out.format}: {warning}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        return _build(args)
    except ClausepressError as exc:
        print(f"clausepress: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("clausepress: interrupted", file=sys.stderr)
        return 130
    except Exception:
        print("clausepress: internal error (a bug in clausepress; please report it):", file=sys.stderr)
        traceback.print_exc(limit=-3, file=sys.stderr)
        return EXIT_INTERNAL
