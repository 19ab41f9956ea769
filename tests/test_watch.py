"""`clausepress watch`: one save, one rebuild; the preview server reloads the page by itself.

Hostile saves and requests: no save ends watching, the preview serves only the outputs, only
to requests that name 127.0.0.1 or localhost, and never prints a traceback.
"""

from __future__ import annotations

import json
import os
import re
import socket
import struct
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clausepress.errors import UsageError
from clausepress.resources import STYLES
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


# --- the preview serves the outputs, to 127.0.0.1 and localhost only, and never a traceback ------


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    """A preview server over a folder of outputs and what else a folder may hold."""
    tmp_path = tmp_path_factory.mktemp("preview")
    out = tmp_path / "out"
    (out / ".clausepress-cache").mkdir(parents=True)
    outputs = [{"name": n} for n in ("doc.html", "doc.pdf", "doc.epub", "link.html", "gone.pdf")]
    (out / ".clausepress-cache" / "doc.json").write_text(json.dumps({"key": "secret", "outputs": outputs}))
    (out / ".clausepress-cache" / "broken.json").write_text("{not json")
    (out / "other.pdf").write_bytes(b"%PDF- a PDF no build recorded")
    (out / "doc.html").write_text("<html><body><p>the page</p></body></html>")
    (out / "doc.pdf").write_bytes(b"%PDF-1.7 " + b"x" * 2_000_000)
    (out / "doc.epub").write_bytes(b"PK epub")
    (out / ".doc.html.abc.tmp").write_text("a temporary")
    (out / ".doc.clausepress-set").write_text("{}")
    (out / "notes.txt").write_text("not an output")
    (out / "sub").mkdir()
    (out / "sub" / "other.html").write_text("<html><body>below</body></html>")
    (tmp_path / "outside.html").write_text("<html><body>outside</body></html>")
    (out / "link.html").symlink_to(tmp_path / "outside.html")
    server = Watcher([tmp_path / "doc.yaml"], out).serve(0)
    try:
        yield "127.0.0.1", server.server_address[1], out
    finally:
        server.shutdown()
        server.server_close()


def _raw(port: int, request: bytes) -> tuple[int, bytes]:
    """Send `request` as it is; the status and the body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _get(port: int, path: str, host: str | None = "127.0.0.1") -> tuple[int, bytes]:
    header = f"Host: {host}\r\n" if host is not None else ""
    return _raw(port, f"GET {path} HTTP/1.1\r\n{header}Connection: close\r\n\r\n".encode("latin-1"))


@pytest.mark.parametrize(
    "path",
    ["/.clausepress-cache/", "/.clausepress-cache/doc.json", "/.clausepress-cache%2Fdoc.json", "/sub/",
     "/sub/other.html", "/.doc.html.abc.tmp", "/.doc.clausepress-set", "/notes.txt", "/link.html",
     "/../outside.html", "/%2e%2e/outside.html", "/%00", "/doc.html%00", "/%ff%fe", "/doc.html/",
     "//etc/passwd", "/%5c..%5coutside.html", "/" + "a" * 5000 + ".html", "/other.pdf", "/gone.pdf"],
)  # fmt: skip
def test_the_preview_serves_only_the_outputs(
    path: str, preview: tuple[str, int, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    _, port, _ = preview
    status, body = _get(port, path)
    assert status == 404 and b"secret" not in body and b"outside" not in body and b"below" not in body
    assert capfd.readouterr().err == ""  # no traceback, no log line


def test_the_preview_serves_the_outputs_and_an_index_of_them(
    preview: tuple[str, int, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    _, port, _ = preview
    status, page = _get(port, "/doc.html")
    assert status == 200 and b"the page" in page and b"/__clausepress/version" in page
    assert _get(port, "/doc.pdf?x=1")[0] == 200 and _get(port, "/doc.epub", host="localhost")[0] == 200
    status, index = _get(port, "/")
    assert status == 200
    assert re.findall(rb'href="/([^"]+)"', index) == [b"doc.epub", b"doc.html", b"doc.pdf"]
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "host",
    [None, "", "evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost.evil.example",
     "127.0.0.1:1", "localhost:{other}", "[::1]:{port}", "0.0.0.0:{port}", "127.0.0.2:{port}"],
)  # fmt: skip
def test_the_preview_answers_no_other_host(host: str | None, preview: tuple[str, int, Path]) -> None:
    """DNS rebinding: a page of another site that resolves its name to 127.0.0.1 sends its own Host."""
    _, port, _ = preview
    given = None if host is None else host.format(port=port, other=port + 1)
    for path in ("/doc.html", "/", "/__clausepress/version", "/doc.pdf"):
        status, body = _get(port, path, host=given)
        assert status == 403 and b"the page" not in body


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:{port}", "localhost", "LOCALHOST:{port}"])
def test_the_preview_answers_its_own_names(host: str, preview: tuple[str, int, Path]) -> None:
    _, port, _ = preview
    assert _get(port, "/doc.html", host=host.format(port=port))[0] == 200


def test_clients_that_go_away_print_nothing(
    preview: tuple[str, int, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    _, port, _ = preview
    for request in (b"GET /doc.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", b"GET /doc", b"",
                    b"\x00\xff garbage\r\n\r\n", b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200):  # fmt: skip
        conn = socket.create_connection(("127.0.0.1", port), timeout=30)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # a reset, not a close
        conn.sendall(request)
        if request.startswith(b"GET /doc.pdf"):
            conn.recv(100)  # the answer begun: the 2 MB PDF is still being sent when the client goes
        conn.close()
    assert _get(port, "/doc.html")[0] == 200  # the server goes on
    assert capfd.readouterr().err == ""


def test_many_requests_at_once_are_all_answered(preview: tuple[str, int, Path]) -> None:
    """A browser opening a page asks for many things at once: the backlog holds them all."""
    _, port, _ = preview
    import http.server

    from clausepress import watch

    assert watch._PreviewServer.request_queue_size >= 64 > http.server.HTTPServer.request_queue_size
    conns = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(40)]
    for conn in conns:
        conn.sendall(b"GET /__clausepress/version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    for conn in conns:
        with conn:
            assert conn.recv(100).startswith(b"HTTP/1.0 200")


@pytest.mark.parametrize("port", [-1, 65536, 99999])
def test_a_port_that_is_none_is_a_usage_error(port: int, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=f"--port {port}"):
        Watcher([tmp_path / "doc.yaml"], tmp_path).serve(port)


def test_a_port_in_use_is_a_usage_error(preview: tuple[str, int, Path], tmp_path: Path) -> None:
    _, port, _ = preview
    with pytest.raises(UsageError, match="in use"):
        Watcher([tmp_path / "doc.yaml"], tmp_path).serve(port)


# --- watching survives every save, and watches only the sources' folders ------------------------


def test_only_the_sources_folders_are_watched_and_not_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clausepress import watch

    asked: dict[str, object] = {}

    def fake_watch(*paths: Path, **options: object) -> Iterator[set[tuple[object, str]]]:
        asked.update(options, paths=paths)
        return iter(())

    monkeypatch.setattr(watch.watchfiles, "watch", fake_watch)
    monkeypatch.setattr(Watcher, "build", lambda self, sources: None)
    (tmp_path / "a").mkdir()
    Watcher([tmp_path / "a" / "x.yaml", tmp_path / "a" / "y.yaml", Path("/z.yaml")], tmp_path / "out").run()
    assert sorted(map(str, asked["paths"])) == sorted([str(tmp_path / "a"), "/", str(STYLES.resolve())])  # type: ignore[call-overload]
    assert asked["recursive"] is False


@pytest.mark.slow
@pytest.mark.skipif(
    os.geteuid() != 0, reason="writes a source into / (the issue's example), which needs root"
)
def test_a_source_in_the_root_folder_is_watched(tmp_path: Path) -> None:
    source = Path("/") / f"clausepress-watch-test-{os.getpid()}.yaml"
    source.write_text((FIXTURES / "subclauses.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    said: list[str] = []
    watcher = Watcher([source], tmp_path / "out", say=said.append)
    stop = threading.Event()
    failed: list[BaseException] = []

    def run() -> None:
        try:
            watcher.run(stop, 100)
        except BaseException as exc:  # noqa: BLE001  # the test reports it
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        _wait(lambda: watcher.version >= 1)
        time.sleep(0.5)
        source.write_text(
            source.read_text(encoding="utf-8").replace("Urges", "Strongly urges"), encoding="utf-8"
        )
        _wait(lambda: watcher.version >= 2 or not thread.is_alive())
        assert not failed and thread.is_alive() and said[-1].startswith("rebuilt ")
    finally:
        stop.set()
        thread.join(timeout=30)
        source.unlink()


def _wait(done: Callable[[], bool], bound: float = 120) -> None:
    """Poll until `done` (a bound for what never happens, not a timing)."""
    deadline = time.monotonic() + bound
    while not done() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert done()


BAD_SAVES: list[tuple[str, bytes]] = [
    ("a YAML syntax error", b"title: [unclosed\n"),
    ("an empty file", b""),
    ("binary bytes", bytes(range(256)) * 4),
    ("a list, not a mapping", b"- 1\n- 2\n"),
    ("a bad value", b"title: T\nadopted: 2024-02-30\noperative:\n  - verb: Decides\n    text: x.\n"),
    (
        "a duplicated id",
        b"title: T\noperative:\n  - id: a\n    verb: Decides\n"
        b"    text: x;\n  - id: a\n    verb: Decides\n    text: y.\n",
    ),
    ("a bug met on the way", b"BUG"),  # the builder raises what no input should make it raise
    ("the file removed", b""),
]


@pytest.mark.slow
def test_watching_survives_every_bad_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clausepress import watch

    real_build = watch.build

    def build_with_a_bug(source: Path, *args: object, **kwargs: object) -> object:
        if Path(source).exists() and Path(source).read_bytes() == b"BUG":
            raise RuntimeError("a bug in the builder")
        return real_build(source, *args, **kwargs)

    monkeypatch.setattr(watch, "build", build_with_a_bug)
    good = (FIXTURES / "subclauses.yaml").read_text(encoding="utf-8")
    source = tmp_path / "doc.yaml"
    source.write_text(good, encoding="utf-8")
    said: list[str] = []
    watcher = Watcher([source], tmp_path / "out", say=said.append)
    server = watcher.serve(0)
    port = server.server_address[1]
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop, 100), daemon=True)
    thread.start()
    try:
        _wait(lambda: watcher.version >= 1)
        for what, data in BAD_SAVES:
            seen = watcher.version
            time.sleep(0.3)
            if what == "the file removed":
                source.unlink()
            else:
                source.write_bytes(data)
            _wait(lambda seen=seen: watcher.version > seen or not thread.is_alive())  # type: ignore[misc]
            assert thread.is_alive(), f"watching ended after {what}"
            # One line (a refused document: one line a finding, then the refusal), never a traceback.
            assert all(
                re.search(r"error: |internal error|: not built: ", line) for line in said[-1].splitlines()
            )
            assert "Traceback" not in said[-1]
            assert not said[-1].startswith("rebuilt "), (what, said[-1])
            assert _get(port, "/doc.html")[0] == 200  # the earlier page is still served
        seen = watcher.version
        time.sleep(0.3)
        source.write_text(good.replace("Urges", "Strongly urges"), encoding="utf-8")
        _wait(lambda: watcher.version > seen)
        assert said[-1].startswith("rebuilt ") and "Strongly urges" in _get(port, "/doc.html")[1].decode()
        assert any("internal error" in line and "a bug in the builder" in line for line in said)
    finally:
        stop.set()
        thread.join(timeout=30)
        server.shutdown()
