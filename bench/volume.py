"""The volume's benchmark: 100 generated resolutions (the batch's documents, the first document's
size) in one volume, in one run, on this machine.

    python bench/volume.py [--documents 100] [--reps 1]    (bash scripts/bootstrap.sh bench --volume)

Measures, each as a fresh process, alternated when repeated:
 1. the one-process layout: the HTML of the whole volume through WeasyPrint once
    (`volume.lay_out_volume`, the floor every peer has);
 2. `clausepress volume --jobs 2` (each document laid out alone in two worker processes, then
    assembled), with the peak memory of its whole process tree (the RSS of it and its children,
    summed, sampled every 20 ms);
 3. `clausepress volume --cluster ADDRESS` on a two-worker `LocalCluster` on 127.0.0.1 (started
    once, before the runs; its workers load WeasyPrint on their first document);
 4. the machine's two cores: a CPU-bound loop in two processes at once against one alone, before
    and after the runs (2.0: two cores really deliver two; a shared machine delivers less).
Prints the ratios and writes them into bench/results.md, under "Volume" (the rest is run.py's).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import document  # noqa: E402

PY = sys.executable
CLAUSEPRESS = [PY, "-m", "clausepress"]
ONE_PASS = (
    "import sys; from pathlib import Path; from clausepress.volume import lay_out_volume, load_volume; "
    "Path(sys.argv[2]).write_bytes(lay_out_volume(load_volume(sys.argv[1])).data)"
)
SPIN = "n = 0\nfor i in range(25_000_000): n += i\n"


def _tree_rss(root: int) -> int:
    """The resident memory (KiB) of `root` and all its descendants now."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        found = re.search(r"^VmRSS:\s+(\d+)", status, re.MULTILINE)
        rss[int(entry)] = int(found.group(1)) if found else 0
    mine = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in mine)


def run(command: list[str]) -> tuple[float, int]:
    """Wall time and the peak memory (KiB) of a fresh process and its children, summed."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}\n{err.decode()[-2000:]}")
    return elapsed, peak[0]


def cores_deliver() -> tuple[float, float, float]:
    """(one process's time, two at once, the throughput of two over one: 2.0 is two full cores)."""
    start = time.perf_counter()
    subprocess.run([PY, "-c", SPIN], check=True)
    one = time.perf_counter() - start
    start = time.perf_counter()
    procs = [subprocess.Popen([PY, "-c", SPIN]) for _ in range(2)]
    for p in procs:
        p.wait()
    two = time.perf_counter() - start
    return one, two, 2 * one / two


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100, help="documents in the volume (default: 100)")
    parser.add_argument("--reps", type=int, default=1, help="repetitions of each timing (default: 1)")
    parser.add_argument("--no-cluster", action="store_true", help="leave out the LocalCluster run")
    args = parser.parse_args()
    import clausepress

    work = Path(tempfile.mkdtemp(prefix="clausepress-volume-bench-"))
    names = []
    for i in range(args.documents):
        (work / f"doc{i:03}.yaml").write_text(document(15, seed=i), encoding="utf-8")
        names.append(f"doc{i:03}.yaml")
    listed = "".join(f"  - {n}\n" for n in names)
    volume = work / "volume.yaml"
    volume.write_text(
        f"title: Generated volume\nissuer: Council of Archivists\ndocuments:\n{listed}", encoding="utf-8"
    )

    before = cores_deliver()
    cluster = client = None
    if not args.no_cluster:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
    tasks = {
        "one-pass": [PY, "-c", ONE_PASS, str(volume), str(work / "one-pass.pdf")],
        "jobs2": [*CLAUSEPRESS, "volume", str(volume), "-o", str(work / "jobs2"), "--jobs", "2", "--quiet"],
    }
    if cluster is not None:
        tasks["cluster2"] = [*CLAUSEPRESS, "volume", str(volume), "-o", str(work / "cluster2"), "--quiet",
                             "--cluster", cluster.scheduler_address]  # fmt: skip
    times: dict[str, list[float]] = {}
    peaks: dict[str, int] = {}
    for _ in range(args.reps):
        for name, command in tasks.items():
            elapsed, peak = run(command)
            times.setdefault(name, []).append(elapsed)
            peaks[name] = max(peaks.get(name, 0), peak)
    after = cores_deliver()
    if client is not None and cluster is not None:
        client.close()
        cluster.close()
    import pikepdf

    with pikepdf.open(work / "jobs2" / "volume.pdf") as pdf:
        pages = len(pdf.pages)
    same = (work / "jobs2" / "volume.pdf").read_bytes() == (
        (work / "cluster2" / "volume.pdf").read_bytes() if cluster is not None else b""
    )

    med = {name: statistics.median(t) for name, t in times.items()}
    rows = [
        ("two CPU-bound processes / one, throughput (before; after)", f"{before[2]:.2f}; {after[2]:.2f}", "2.0 on two free cores"),
        ("one-process layout / --jobs 2 (speed-up)", f"{med['one-pass'] / med['jobs2']:.2f}", "≥ 1.8"),
        ("peak memory of the --jobs 2 build, process tree (MiB)", f"{peaks['jobs2'] / 1024:.0f}", "< 1024"),
        ("peak memory of the one-process layout (MiB)", f"{peaks['one-pass'] / 1024:.0f}", ""),
    ]  # fmt: skip
    if "cluster2" in med:
        rows.append(
            (
                "--cluster (two-worker LocalCluster) / --jobs 2",
                f"{med['cluster2'] / med['jobs2']:.2f}",
                "≤ 1.2",
            )
        )
    lines = [
        "## Volume",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node() or 'machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, clausepress {clausepress.__version__}. "
        f"Command: `python bench/volume.py --documents {args.documents} --reps {args.reps}`. "
        f"{args.documents} generated resolutions of 15 clauses, {pages} pages; the --jobs 2 and --cluster "
        f"PDFs {'are' if same else 'are NOT'} byte-identical.",
        "",
        "| ratio | measured | target |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        "| timing (s) | median | min–max | runs |",
        "| --- | --- | --- | --- |",
        *[f"| {n} | {med[n]:.2f} | {min(t):.2f}–{max(t):.2f} | {len(t)} |" for n, t in times.items()],
        "",
        f"Two cores' check: one CPU-bound process {before[0]:.2f} s, two at once {before[1]:.2f} s (before); "
        f"{after[0]:.2f} s and {after[1]:.2f} s (after).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    results = HERE / "results.md"
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    old = old.split("\n## Volume\n", 1)[0].rstrip("\n") + "\n\n"
    results.write_text(old + text, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
