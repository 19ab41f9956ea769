"""`--cluster ADDRESS`: the same per-document work on a Dask cluster, here a two-worker
`LocalCluster` on 127.0.0.1: the outputs are those of a build here, byte for byte, written by the
client; a bad source among good ones is told at its line and the others still build; an unchanged
document is not sent; a volume laid out there is the volume laid out here."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausepress.cli import main

from .test_volume import _volume_source

pytest.importorskip("distributed", reason="Dask is not installed (pip install 'clausepress[cluster]')")

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "subclauses.yaml"


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def _sent(cluster: object) -> int:
    """How many task transitions the scheduler has made (it makes none when nothing is sent)."""
    return int(cluster.scheduler.transition_counter)  # type: ignore[attr-defined]


def test_a_batch_on_the_cluster_is_the_batch_built_here(
    cluster: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = []
    for name in ("first", "second"):
        sources.append(tmp_path / f"{name}.yaml")
        shutil.copyfile(FIXTURE, sources[-1])
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: A title\nissuer: [an issuer\n", encoding="utf-8")
    args = [*map(str, [sources[0], bad, sources[1]]), "--to", "pdf,html"]
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    assert main(["build", *args, "-o", str(tmp_path / "here")]) == 2
    capsys.readouterr()
    assert main(["build", *args, "-o", str(tmp_path / "there"), "--cluster", address]) == 2
    captured = capsys.readouterr()
    (error,) = [line for line in captured.err.splitlines() if "bad.yaml" in line]
    assert "bad.yaml:3:1: error:" in error  # the flow sequence left open, told at its line
    assert "Traceback" not in captured.err
    here = sorted(p.name for p in (tmp_path / "here").iterdir() if p.suffix in (".pdf", ".html"))
    there = sorted(p.name for p in (tmp_path / "there").iterdir() if p.suffix in (".pdf", ".html"))
    assert here == there == ["first.html", "first.pdf", "second.html", "second.pdf"]
    for name in here:
        assert (tmp_path / "there" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()
    assert captured.out.count("bytes") == 4
    # Unchanged: nothing sent, every output told unchanged.
    before = _sent(cluster)
    assert main(["build", str(sources[0]), str(sources[1]), "--to", "pdf,html", "-o", str(tmp_path / "there"),
                 "--cluster", address]) == 0  # fmt: skip
    assert capsys.readouterr().out.count("(unchanged)") == 4
    assert _sent(cluster) == before


def test_a_volume_on_the_cluster_is_the_volume_laid_out_here(
    cluster: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    volume = _volume_source(tmp_path)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    before = _sent(cluster)
    assert main(["volume", str(volume), "-o", str(tmp_path / "there"), "--cluster", address]) == 0
    assert _sent(cluster) > before  # the documents were laid out there
    assert main(["volume", str(volume), "-o", str(tmp_path / "here")]) == 0
    assert (tmp_path / "there" / "session.pdf").read_bytes() == (
        tmp_path / "here" / "session.pdf"
    ).read_bytes()


def test_no_scheduler_there_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A port where no scheduler listens: exit 2 and one line naming the address, no traceback."""
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert main(["build", str(FIXTURE), "-o", str(tmp_path), "--cluster", f"tcp://127.0.0.1:{port}"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert f"--cluster tcp://127.0.0.1:{port}: no Dask scheduler answers there" in line
