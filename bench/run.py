"""clausepress's benchmark: side by side, in one run, on this machine.

    python bench/run.py [--quick]       (after `bash scripts/bootstrap.sh bench`)

Measures, with alternated repetitions (median and spread):
 1. `clausepress build` of the first document (PDF, EPUB, HTML) as a fresh process;
 2. the bare `weasyprint` command on the HTML clausepress writes (the floor);
 3. the pandoc pipeline on a Markdown rendition of the same document with the same footnotes:
    pandoc to EPUB 3, pandoc to standalone HTML, `weasyprint` on that HTML;
 4. `clausepress check` of the first document as a fresh process (no EPUBCheck);
 5. in one long-running process: a rebuild with nothing changed, a rebuild after a one-word change;
 6. a batch of 40 generated documents: `--jobs 1`, `--jobs 2`, and the pandoc pipeline two at a time;
 7. generated documents of about 10, 40, 160 and 320 pages: time per page and peak memory.
Prints a table of ratios and writes it to bench/results.md with the machine's description.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import document  # noqa: E402
from pandoc_md import markdown  # noqa: E402

FIRST = ROOT / "content" / "iags-2024-nagorno-karabakh.yaml"
PY = sys.executable
CLAUSEPRESS = [PY, "-m", "clausepress"]
WEASYPRINT = [str(Path(PY).parent / "weasyprint")]


def run(command: list[str]) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss


class Measure:
    """Named timings, each repeated in alternation with the others."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}

    def rounds(self, reps: int, tasks: dict[str, Callable[[], float]]) -> None:
        for _ in range(reps):
            for name, task in tasks.items():
                self.times.setdefault(name, []).append(task())

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])

    def spread(self, name: str) -> str:
        t = self.times[name]
        return f"{min(t):.3f}–{max(t):.3f}"


def pandoc_pipeline(pandoc: str, md: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([pandoc, str(md), "-o", str(out.with_suffix(".epub")), "-t", "epub3"], check=True)
    subprocess.run(
        [pandoc, str(md), "-s", "-o", str(out.with_suffix(".html"))], check=True, capture_output=True
    )
    subprocess.run([*WEASYPRINT, str(out.with_suffix(".html")), str(out.with_suffix(".pdf"))], check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and smaller sizes")
    args = parser.parse_args()
    try:
        import pypandoc
    except ImportError:
        raise SystemExit(
            "the pandoc pipeline needs pypandoc-binary: bash scripts/bootstrap.sh bench"
        ) from None
    import clausepress
    from clausepress import build, load

    pandoc = pypandoc.get_pandoc_path()
    reps = 3 if args.quick else 5
    work = Path(tempfile.mkdtemp(prefix="clausepress-bench-"))
    m = Measure()
    rows: list[tuple[str, str, str, str]] = []

    # 1-4: one document
    built = work / "first"
    subprocess.run([*CLAUSEPRESS, "build", str(FIRST), "-o", str(built), "--no-cache"], check=True,
                   capture_output=True)  # fmt: skip
    html = built / "iags-2024-nagorno-karabakh.html"
    md = work / "first.md"
    md.write_text(markdown(load(FIRST)), encoding="utf-8")
    m.rounds(reps, {
        "build": lambda: run([*CLAUSEPRESS, "build", str(FIRST), "-o", str(work / "b"), "--no-cache"])[0],
        "weasyprint": lambda: run([*WEASYPRINT, str(html), str(work / "floor.pdf")])[0],
        "pandoc": lambda: pandoc_pipeline(pandoc, md, work / "pandoc"),
        "check": lambda: run([*CLAUSEPRESS, "check", str(FIRST), "-o", str(built)])[0],
    })  # fmt: skip

    # 5: a long-running process (this one)
    copy = work / "edit" / "iags-2024-nagorno-karabakh.yaml"
    copy.parent.mkdir()
    copy.write_text(FIRST.read_text(encoding="utf-8"), encoding="utf-8")
    build(copy, work / "edit-out")  # warm: WeasyPrint loaded, fonts known

    def unchanged() -> float:
        start = time.perf_counter()
        outputs = build(copy, work / "edit-out")
        assert all(o.cached for o in outputs)
        return time.perf_counter() - start

    flip = {"n": 0}

    def one_word() -> float:
        flip["n"] += 1
        text = FIRST.read_text(encoding="utf-8").replace(
            "Call upon", "Calls upon" if flip["n"] % 2 else "Call upon"
        )
        copy.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        outputs = build(copy, work / "edit-out")
        assert not any(o.cached for o in outputs)
        return time.perf_counter() - start

    m.rounds(reps, {"rebuild-unchanged": unchanged, "rebuild-one-word": one_word})

    # 6: a batch of 40
    batch = work / "batch"
    batch.mkdir()
    sources = []
    for i in range(40):
        path = batch / f"doc{i:02}.yaml"
        path.write_text(document(15, seed=i), encoding="utf-8")
        (batch / f"doc{i:02}.md").write_text(markdown(load(path)), encoding="utf-8")
        sources.append(path)

    def batch_jobs(n: int) -> Callable[[], float]:
        return lambda: run([*CLAUSEPRESS, "build", *map(str, sources), "-o", str(work / f"batch-{n}"),
                            "--no-cache", "--jobs", str(n)])[0]  # fmt: skip

    def batch_pandoc() -> float:
        start = time.perf_counter()
        out = work / "batch-pandoc"
        out.mkdir(exist_ok=True)
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda p: pandoc_pipeline(pandoc, p.with_suffix(".md"), out / p.stem), sources))
        return time.perf_counter() - start

    m.rounds(2 if args.quick else 3, {"batch-jobs1": batch_jobs(1), "batch-jobs2": batch_jobs(2),
                                       "batch-pandoc2": batch_pandoc})  # fmt: skip

    # 7: size
    # A note a clause: past 2,000 notes a source is refused (MAX_NOTES).
    sizes = {10: 55, 40: 225, 160: 900, 320: 1800}
    if args.quick:
        sizes = {10: 55, 40: 225, 160: 900}
    scale: dict[int, tuple[int, float, int]] = {}
    for target, clauses in sizes.items():
        path = work / f"size-{target}.yaml"
        path.write_text(document(clauses, seed=target), encoding="utf-8")
        outputs = build(path, work / f"size-{target}-out", formats=["pdf"], cache=False)
        pages = outputs[0].pages or 1
        runs = [run([*CLAUSEPRESS, "build", str(path), "-o", str(work / f"size-{target}-b"), "--no-cache"])
                for _ in range(1 if target >= 160 else 2)]  # fmt: skip
        scale[target] = (pages, statistics.median(r[0] for r in runs), max(r[1] for r in runs))

    # the table
    def ratio(a: str, b: str) -> float:
        return m.median(a) / m.median(b)

    build_time = m.median("build")
    rows = [
        ("build / bare WeasyPrint (floor)", f"{ratio('build', 'weasyprint'):.2f}", "≤ 1.05", ""),
        ("build / pandoc pipeline", f"{ratio('build', 'pandoc'):.2f}", "< 1.0", ""),
        ("check / build", f"{ratio('check', 'build'):.2f}", "≤ 0.25", ""),
        (
            "rebuild, nothing changed / cold build",
            f"{m.median('rebuild-unchanged') / build_time:.3f}",
            "< 0.1",
            "",
        ),
        (
            "rebuild, one word changed / cold build",
            f"{m.median('rebuild-one-word') / build_time:.2f}",
            "< 0.33",
            "",
        ),
        (
            "batch of 40: --jobs 2 / pandoc two at a time",
            f"{ratio('batch-jobs2', 'batch-pandoc2'):.2f}",
            "≤ 0.35",
            "",
        ),
        (
            "batch of 40: --jobs 1 / --jobs 2 (speed-up)",
            f"{ratio('batch-jobs1', 'batch-jobs2'):.2f}",
            "≥ 1.7",
            "",
        ),
    ]
    per_page = {t: s / p for t, (p, s, _) in scale.items()}
    if 320 in scale and 40 in scale:
        rows.append(("time per page, 320 / 40 pages", f"{per_page[320] / per_page[40]:.2f}", "≤ 1.25", ""))
        rows.append(("peak memory at 320 pages (MiB)", f"{scale[320][2] / 1024:.0f}", "< 1024", ""))
    for i, (name, value, target, _) in enumerate(rows):
        number = float(value)
        ok = {
            "≤": number <= float(target[2:]), "<": number < float(target[2:]), "≥": number >= float(target[2:])
        }[target[0]]  # fmt: skip
        rows[i] = (name, value, target, "met" if ok else "NOT met")

    times = [(name, f"{m.median(name):.3f}", m.spread(name), str(len(t))) for name, t in m.times.items()]
    machine = (
        f"{platform.node() or 'machine'}: {platform.machine()}, {os.cpu_count()} cores, "
        f"{_cpu()}, Python {platform.python_version()}, clausepress {clausepress.__version__}, "
        f"WeasyPrint {_version('weasyprint')}, pandoc {pypandoc.get_pandoc_version()}"
    )
    lines = [
        "# Benchmark results",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine}.",
        f"Command: `python bench/run.py{' --quick' if args.quick else ''}`.",
        "",
        "| ratio | measured | target | |",
        "| --- | --- | --- | --- |",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        "| timing (s) | median | min–max | runs |",
        "| --- | --- | --- | --- |",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in times],
        "",
        "| size | pages | build (s) | s per page | peak memory (MiB) |",
        "| --- | --- | --- | --- | --- |",
        *[
            f"| ~{t} pages | {p} | {s:.2f} | {s / p:.3f} | {mem / 1024:.0f} |"
            for t, (p, s, mem) in scale.items()
        ],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (HERE / "results.md").write_text(text, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    main()
