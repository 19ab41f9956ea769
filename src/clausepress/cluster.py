"""The same per-document work on a Dask distributed cluster (`--cluster ADDRESS`).

The client (this process) sends each document's work (a function of its arguments only: the
HTML of a document, or a source's bytes) to the cluster's workers, and gets back bytes; it writes
every output itself, where it belongs, with the files module's writers. Dask is an optional extra:
`pip install clausepress[cluster]`. Start a cluster with `dask scheduler` and, on each machine,
`dask worker ADDRESS` (with clausepress and its fonts installed there).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from .errors import UsageError

__all__ = ["Cluster", "connect"]

CONNECT_TIMEOUT = 10  # seconds: a scheduler that does not answer by then is not there


@dataclass
class Cluster:
    """A connected Dask client and a `concurrent.futures.Executor` over its workers."""

    client: Any
    executor: Executor


@contextlib.contextmanager
def connect(address: str) -> Iterator[Cluster]:
    """A client of the scheduler at `address` (UsageError, one line, if Dask is not installed or
    no scheduler answers there), closed on leaving."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--cluster needs Dask's distributed scheduler: pip install 'clausepress[cluster]'"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"--cluster {address}: no Dask scheduler answers there ({exc})") from None
    try:
        yield Cluster(client, client.get_executor())  # type: ignore[no-untyped-call]
    finally:
        client.close()  # type: ignore[no-untyped-call]
