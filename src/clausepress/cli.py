"""The command line: maps arguments onto the library API, prints, and sets the exit code."""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import os
import re
import sys
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import ClausepressError, UsageError, display_path, escaped, one_line, terminal_safe_json
from .render import DEFAULT_FORMATS, FORMATS
from .render.workers import Renderer, Workers, cores, die_with_parent
from .resources import STYLES
from .variants import VARIANTS

if TYPE_CHECKING:
    from .builder import BuildOptions

# The commands import what they use when they run: a one-document build starts its
# worker processes before anything else loads (see render/workers.py).

EXIT_FINDINGS = 1  # `check` found an error (or, with --strict, a warning); `build` refused
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
    b.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR", help="output folder")
    b.add_argument(
        "--to", action="append", metavar="FORMATS",
        help="some of pdf,epub,html,akn, comma-separated or repeated (default: pdf,epub,html)",
    )  # fmt: skip
    b.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="page size of the PDF (default: a4)"
    )
    b.add_argument(
        "--variant", action="append", metavar="VARIANTS",
        help=f"PDF variants, some of {','.join(VARIANTS)}, comma-separated or repeated (default: screen)",
    )  # fmt: skip
    b.add_argument("--pdfx", action="store_true", help="the print variant declares PDF/X-3")
    b.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="build N documents at once (default: 1)"
    )
    b.add_argument(
        "--cluster", metavar="ADDRESS",
        help="build the documents on a Dask cluster (its scheduler's address; pip install clausepress[cluster])",
    )  # fmt: skip
    b.add_argument("-q", "--quiet", action="store_true", help="no progress line on a terminal")
    b.add_argument(
        "--no-cache", action="store_true", help="render even what has not changed since the last build"
    )
    b.add_argument(
        "--styles",
        type=Path,
        default=STYLES,
        metavar="DIR",
        help="a folder of stylesheets (document.css, print.css, epub.css) to use instead of clausepress's own",
    )

    c = commands.add_parser("check", help="check clause numbering and links in sources, PDFs and EPUBs")
    c.add_argument(
        "sources", nargs="*", type=Path, metavar="SOURCE", help="YAML sources (default: content/*.yaml)"
    )
    c.add_argument(
        "--pdf",
        type=Path,
        action="append",
        metavar="FILE",
        help="a PDF to check, any variant; may be repeated (default: output/<id>.pdf and its variants)",
    )
    c.add_argument("--epub", type=Path, metavar="FILE", help="the EPUB to check (default: output/<id>.epub)")
    c.add_argument(
        "-o", "--output", type=Path, default=Path("output"), metavar="DIR", help="where the outputs are"
    )
    c.add_argument("--format", choices=("text", "json"), default="text", help="how to print the findings")
    c.add_argument("--strict", action="store_true", help="warnings count as errors")
    c.add_argument("--epubcheck", action="store_true", help="also run EPUBCheck (needs Java)")
    c.add_argument("--verapdf", action="store_true", help="also run veraPDF on the screen and archival PDFs")
    c.add_argument("--ace", action="store_true", help="also run Ace by DAISY on the EPUB")
    c.add_argument(
        "--tools", type=Path, metavar="DIR",
        help="where the validators' wrappers are (verapdf/verapdf-check, ace/ace-check; "
        "default: $CLAUSEPRESS_TOOLS, else ~/.local/share/clausepress/tools)",
    )  # fmt: skip
    w = commands.add_parser("watch", help="rebuild on every save and preview on 127.0.0.1")
    w.add_argument(
        "sources", nargs="*", type=Path, metavar="SOURCE", help="YAML sources (default: content/*.yaml)"
    )
    w.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR", help="output folder")
    w.add_argument("--port", type=int, default=8000, help="preview port on 127.0.0.1 (default: 8000)")
    w.add_argument("--no-serve", action="store_true", help="rebuild only; serve no preview")

    i = commands.add_parser(
        "import", help="turn a received text (.txt, .md, .xml, .docx, .odt, .pdf, .html) into a YAML source"
    )
    i.add_argument("input", metavar="INPUT", help="the text to import (- for standard input)")
    i.add_argument(
        "-o", "--output", type=Path, metavar="OUT.yaml", help="write the source here (default: print it)"
    )
    i.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    i.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        default="auto",
        help="the input's kind: xml is USLM or the Unicode UDHR's, told by its root (default: from its name and content)",
    )
    i.add_argument("--language", metavar="TAG", help="the text's language, BCP 47 (default: guessed)")
    v = commands.add_parser(
        "volume", help="build one PDF and one EPUB of the documents a volume source lists"
    )
    v.add_argument("volume", type=Path, metavar="VOLUME.yaml", help="the volume's source")
    v.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="DIR", help="output folder")
    v.add_argument(
        "--variant", action="append", metavar="VARIANTS",
        help=f"PDF variants, some of {','.join(VARIANTS)}, comma-separated or repeated (default: screen)",
    )  # fmt: skip
    v.add_argument("--pdfx", action="store_true", help="the print variant declares PDF/X-3")
    v.add_argument(
        "--to", action="append", metavar="FORMATS",
        help="some of pdf,epub, comma-separated or repeated (default: both)",
    )  # fmt: skip
    v.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N",
        help="lay out N documents at once, each in a worker process (default: 1; the same bytes)",
    )  # fmt: skip
    v.add_argument(
        "--cluster", metavar="ADDRESS",
        help="lay the documents out on a Dask cluster (its scheduler's address; pip install clausepress[cluster])",
    )  # fmt: skip
    v.add_argument("-q", "--quiet", action="store_true", help="no progress line on a terminal")
    o = commands.add_parser("outline", help="print the structure of a source: its parts, as counts")
    o.add_argument("source", type=Path, metavar="SOURCE", help="a YAML source")
    o.add_argument("--format", choices=("text", "json"), default="text", help="how to print it")
    return parser


# The importer's input formats (importer.FORMATS, which the tests hold this to): the importer
# is loaded only when `import` runs.
IMPORT_FORMATS = ("auto", "txt", "md", "xml", "uslm", "udhr", "akn", "docx", "odt", "pdf", "html")


def _sources(given: list[Path]) -> list[Path]:
    if given:
        return given
    found = sorted(Path("content").glob("*.yaml"))
    if not found:
        raise UsageError("no SOURCE given and no content/*.yaml found")
    return found


def _choices(
    given: list[str] | None, default: tuple[str, ...], allowed: tuple[str, ...], option: str, noun: str
) -> list[str]:
    """A list option's values, comma-separated and repeated ones together, each one of `allowed`."""
    if given is None:
        return list(default)
    chosen = [v.strip().lower() for value in given for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        raise UsageError(
            f"{option}: unknown {noun} {', '.join(unknown) or '(none)'}; expected some of {', '.join(allowed)}"
        )
    return chosen


@dataclass(frozen=True)
class _BuildJob:
    """One source to build, with the options: what a worker process needs."""

    source: Path
    output: Path
    options: BuildOptions
    data: bytes | None = None  # the source's bytes, read by the client (a cluster's worker may not see it)


def _build_one(
    job: _BuildJob, renderer: Renderer | None = None, writer: Any = None
) -> tuple[int, list[str], list[str]]:
    """Build one source: (status, lines for stdout, lines for stderr). Runs in a worker with --jobs,
    and in a cluster's worker with --cluster (`writer` then keeps the outputs for the client)."""
    from .builder import build_document, refuse_meaningless
    from .check import DocumentReport, check_source
    from .check.report import summary
    from .files import recover_set
    from .source import load, read_source

    out: list[str] = []
    err: list[str] = []
    source = job.source
    try:
        data = job.data if job.data is not None else read_source(source)  # once: a FIFO can be read once
        doc = load(source, data)
        findings = check_source(doc)
        refuse_meaningless(doc, findings)
        report = DocumentReport(display_path(source), doc.id, findings=findings)
        err.append(f"{summary(report)} (clausepress check {display_path(source)} for details)")
        recovered = recover_set(job.output, doc.id)
        if recovered is not None:
            err.append(f"note: {recovered}")
        outputs = build_document(
            doc, job.output, job.options, source=data, base_dir=source.parent,
            renderer=renderer, findings=findings, **({"writer": writer} if writer is not None else {}),
        )  # fmt: skip
    except ClausepressError as exc:
        err.append(str(exc))
        return exc.exit_code, out, err
    for o in outputs:
        pages = f", {o.pages} pages" if o.pages is not None else ""
        note = " (unchanged)" if o.cached else ""
        out.append(f"{display_path(o.path)}  {o.size:,} bytes{pages}{note}")
        err += [f"{display_path(source)}: repaired: {o.format}: {r}" for r in o.repairs]
        err += [f"{display_path(source)}: warning: {o.format}: {w}" for w in o.warnings]
    return 0, out, err


def _refuse_shared_ids(sources: list[Path]) -> None:
    """UsageError, before anything is built, when two sources have one id (or ids that differ
    only in case, which a file system may fold): each would overwrite the other's outputs.
    A source that cannot be read is left to its own build to report; so is a stream (a FIFO),
    which can be read only once."""
    if len(sources) < 2:
        return
    from .source import load

    seen: dict[str, Path] = {}
    for source in sources:
        if not source.is_file():
            continue
        try:
            doc_id = load(source).id
        except ClausepressError:
            continue
        first = seen.setdefault(doc_id.casefold(), source)
        if first is not source:
            raise UsageError(
                f"{display_path(first)} and {display_path(source)} both have the id '{doc_id}' (case aside): "
                "their outputs would overwrite each other; nothing built"
            )


def _build(args: argparse.Namespace) -> int:
    from .builder import BuildOptions  # noqa: F811  # loaded when used

    options = BuildOptions(
        formats=_choices(args.to, DEFAULT_FORMATS, FORMATS, "--to", "format"),
        variants=_choices(args.variant, ("screen",), tuple(VARIANTS), "--variant", "variant"),
        paper=args.paper, pdfx=args.pdfx, styles=args.styles, cache=not args.no_cache,
    )  # fmt: skip
    if not args.styles.is_dir():
        raise UsageError(f"--styles {escaped(display_path(args.styles))}: no such folder")
    sources = list({source.resolve(): source for source in _sources(args.sources)}.values())  # each once
    _refuse_shared_ids(sources)
    jobs = [_BuildJob(source, args.output, options) for source in sources]
    if args.jobs < 1:
        raise UsageError("--jobs takes a whole number of at least 1")
    if args.cluster is not None:  # one document too: the cluster's machines, not this one's
        results: Iterable[tuple[int, list[str], list[str]]] = _on_cluster(jobs, args.cluster)
    elif len(jobs) == 1 and cores() > 1 and {"pdf", "epub"} & set(options.formats):
        # One document: worker processes load WeasyPrint while this one reads the source,
        # then lay out the PDF variants (two at a time on two cores) while it writes the EPUB.
        renderer = Workers(min(cores(), len(options.variants) if "pdf" in options.formats else 1))
        try:
            results = [_build_one(jobs[0], renderer)]
        finally:
            renderer.close()
    elif args.jobs == 1:
        results = map(_build_one, jobs)
    else:
        # Each worker loads WeasyPrint once and builds many documents, one at a time as it
        # becomes free (a document takes far longer than handing it over), so that no worker
        # is left with a queue while the other idles. Results print in order.
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=args.jobs, initializer=die_with_parent, initargs=(os.getpid(),)
        )
        results = pool.map(_build_one, jobs)
    from .progress import Progress

    progress = Progress(quiet=args.quiet)
    progress.start(len(jobs))
    status = 0
    try:
        for code, out, err in results:
            progress.clear()
            for line in err:
                for part in line.split("\n"):  # NotBuilt: its findings, a line each
                    print(
                        one_line(part), file=sys.stderr
                    )  # a part may quote a file's name or a renderer's words
            for line in out:
                print(one_line(line))
            status = max(status, code)
            pages = next((int(m.group(1)) for line in out if (m := _PAGES.search(line))), None)
            progress.advance(pages)
    finally:
        progress.finish()
    return status


_PAGES = re.compile(r"\.pdf  [\d,]+ bytes, (\d+) pages")


def _remote_build(
    job: _BuildJob,
) -> tuple[int, list[str], list[str], tuple[Path, str, dict[str, bytes]] | None]:
    """In a cluster's worker: `_build_one` with the outputs kept, not written (the client writes them)."""
    import dataclasses

    kept: list[tuple[Path, str, dict[str, bytes]]] = []
    options = dataclasses.replace(job.options, cache=False)  # the client asked the cache already

    def keep(folder: Path, set_id: str, files: dict[str, bytes]) -> None:
        kept.append((folder, set_id, dict(files)))

    code, out, err = _build_one(dataclasses.replace(job, options=options), writer=keep)
    return code, out, err, kept[0] if kept else None


def _on_cluster(jobs: list[_BuildJob], address: str) -> Iterable[tuple[int, list[str], list[str]]]:
    """Each document built on the cluster at `address`, its outputs written here, in order.

    The client reads each source and asks the cache first: an unchanged document (or one that
    cannot be read or loaded, whose error is told here) is done here at once, and not sent."""
    import dataclasses

    from .builder import cached_outputs
    from .check import check_source
    from .cluster import connect
    from .files import write_set
    from .source import load, read_source

    with connect(address) as cluster:
        pending: list[Any] = []
        for job in jobs:
            try:
                data = read_source(job.source)
                doc = load(job.source, data)
                check_source(doc)
                here = cached_outputs(doc, job.output, job.options, data) is not None
            except ClausepressError:
                data, here = None, True  # told by the build here, as without --cluster
            job = dataclasses.replace(job, data=data)
            pending.append(job if here else cluster.executor.submit(_remote_build, job))
        for item in pending:
            if isinstance(item, _BuildJob):
                yield _build_one(item)
                continue
            code, out, err, kept = item.result()
            if kept is not None:
                try:
                    write_set(*kept)
                except ClausepressError as exc:
                    code, out, err = exc.exit_code, [], [*err, str(exc)]
            yield code, out, err


def _check(args: argparse.Namespace) -> int:
    from .check import check_document
    from .check.report import format_json, format_text
    from .check.volume import check_volume
    from .volume import is_volume

    sources = _sources(args.sources)
    if (args.pdf or args.epub) and len(sources) != 1:
        raise UsageError("--pdf and --epub need exactly one SOURCE")
    reports = []
    status = 0
    for source in sources:
        try:
            if is_volume(source):  # a volume: its documents, and the PDF laid out from them
                reports.append(
                    check_volume(source, args.pdf[0] if args.pdf else None, args.output, args.epub)
                )
                continue
            reports.append(
                check_document(
                    source,
                    args.pdf,
                    args.epub,
                    args.output,
                    epubcheck=args.epubcheck,
                    verapdf=args.verapdf,
                    ace=args.ace,
                    tools=args.tools,
                )  # fmt: skip
            )
        except ClausepressError as exc:
            print(exc, file=sys.stderr)
            status = max(status, exc.exit_code)
    if args.format == "json":
        print(terminal_safe_json(format_json(reports)))
    else:
        print("\n".join(one_line(line) for line in format_text(reports).split("\n")))  # names too
    failed = any(r.errors or (args.strict and r.warnings) for r in reports)
    return max(status, EXIT_FINDINGS if failed else 0)


def _import(args: argparse.Namespace) -> int:
    from .importer import import_file

    result = import_file(args.input, args.output, args.force, args.format, args.language)
    name = "<stdin>" if args.input == "-" else display_path(args.input)
    for r in result.repairs:
        print(one_line(f"{name}:{r.line}:{r.column}: note: {r.message} [import.{r.kind}]"), file=sys.stderr)
    if args.output is None:
        sys.stdout.write(result.yaml)
    else:
        print(
            one_line(f"{display_path(args.output)}: written; {len(result.repairs)} repairs noted"),
            file=sys.stderr,
        )
    return 0


def _say(text: str) -> None:
    """Print what `watch` reports, a line at a time (a refused document's findings each on one), plain."""
    for line in text.split("\n"):
        print(one_line(line), flush=True)


def _watch(args: argparse.Namespace) -> int:
    from .files import cannot_write
    from .watch import Watcher

    watcher = Watcher(_sources(args.sources), args.output, say=_say)
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(args.output, exc) from None
    if not args.no_serve:
        server = watcher.serve(args.port)
        print(f"preview: http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    watcher.run()
    return 0


def _outline(args: argparse.Namespace) -> int:
    from .outline import format_outline
    from .source import load

    text = format_outline(load(args.source), args.format)
    safe = terminal_safe_json(text) if args.format == "json" else "\n".join(map(one_line, text.split("\n")))
    sys.stdout.write(safe)  # a title's reordering controls and line separators shown escaped
    return 0


def _volume(args: argparse.Namespace) -> int:
    from .progress import Progress
    from .render import RenderOptions
    from .volume import build_volume
    from .volume_epub import build_volume_epub

    if args.jobs < 1:
        raise UsageError("--jobs takes a whole number of at least 1")
    formats = _choices(args.to, ("pdf", "epub"), ("pdf", "epub"), "--to", "format")
    names = _choices(args.variant, ("screen",), tuple(VARIANTS), "--variant", "variant")
    page_starts = None  # the screen PDF's, for the EPUB's page list
    with contextlib.ExitStack() as stack:
        executor = None
        if args.cluster is not None:
            from .cluster import connect

            executor = stack.enter_context(connect(args.cluster)).executor
        for name in names if "pdf" in formats else ():
            progress = Progress(quiet=args.quiet)
            try:
                out, laid = build_volume(
                    args.volume, args.output, RenderOptions(variant=name, pdfx=args.pdfx),
                    jobs=args.jobs, progress=progress, executor=executor,
                )  # fmt: skip
            finally:
                progress.finish()
            page_starts = laid.page_starts if name == "screen" else page_starts
            size = out.stat().st_size
            print(
                one_line(
                    f"{display_path(out)}  {size:,} bytes, {laid.pages} pages, {len(laid.starts)} documents"
                )
            )
        if "epub" in formats:
            out, data = build_volume_epub(
                args.volume, args.output, RenderOptions(), page_starts, jobs=args.jobs, executor=executor
            )
            print(one_line(f"{display_path(out)}  {len(data):,} bytes"))
    return 0


COMMANDS = {
    "build": _build, "check": _check, "import": _import, "outline": _outline, "volume": _volume, "watch": _watch,
}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except ClausepressError as exc:
        print(f"clausepress: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("clausepress: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        # The system refused something (a full or read-only disk, a permission, a port): the
        # environment's doing, not a bug; the commands name the path where they know it.
        where = f"{escaped(exc.filename)}: " if isinstance(exc.filename, str) else ""
        print(f"clausepress: error: {where}{escaped(exc.strerror or exc)}", file=sys.stderr)
        return 2
    except Exception as exc:
        # A bug, not the user's doing: a short report; the whole traceback with CLAUSEPRESS_DEBUG=1.
        if os.environ.get("CLAUSEPRESS_DEBUG"):
            traceback.print_exc(file=sys.stderr)
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        print(
            one_line(
                f"clausepress: internal error (a bug in clausepress; please report it): "
                f"{type(exc).__name__}: {exc} (at {Path(frame.filename).name}:{frame.lineno}; "
                "CLAUSEPRESS_DEBUG=1 shows the traceback)"
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
