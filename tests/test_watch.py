"""`clausepress watch`: one save, one rebuild; the preview server reloads the page by itself."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

import pytest

from clausepress.watch import Watcher

from .conftest import FIXTURES


@pytest.mark.slow
def test_a_change_triggers_one_rebuild(tmp_path: Path) -> None:
    source = tmp_path / "doc.yaml"
    source.write_text((FIXTURES / "subclauses.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    said: list[str] = []
    watcher = Watcher([source], tmp_path / "out", say=said.append)
    server = watcher.serve(0)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop, 100), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while watcher.version < 1 and time.monotonic() < deadline:  # the first build
            time.sleep(0.05)
        assert watcher.version == 1 and watcher.rebuilds == 0
        base = f"http://127.0.0.1:{server.server_address[1]}"
        page = urllib.request.urlopen(f"{base}/doc.html").read().decode()
        assert "/__clausepress/version" in page  # the served page reloads itself...
        assert "<script" not in (tmp_path / "out" / "doc.html").read_text()  # ...the file does not
        assert urllib.request.urlopen(f"{base}/__clausepress/version").read() == b"1"

        time.sleep(0.5)
        source.write_text(
            source.read_text(encoding="utf-8").replace("Urges", "Strongly urges"), encoding="utf-8"
        )
        while watcher.version < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # time for a second, unwanted rebuild to show
        assert watcher.rebuilds == 1 and watcher.version == 2
        assert "Strongly urges" in (tmp_path / "out" / "doc.html").read_text(encoding="utf-8")
        assert urllib.request.urlopen(f"{base}/__clausepress/version").read() == b"2"
        assert said[-1].startswith("rebuilt ") and "0 errors" in said[-1]
    finally:
        stop.set()
        thread.join(timeout=10)
        server.shutdown()
