"""`clausepress watch`: rebuild on every save, keep WeasyPrint loaded, preview on 127.0.0.1.

A save that breaks the source (or meets a bug) is reported in one line; watching goes on.
The preview server serves the outputs, and nothing else of the output folder: the PDFs,
EPUBs and web pages directly in it that a build recorded as its outputs, and an index of
them at `/`. It answers only requests
that name it (`Host: 127.0.0.1` or `localhost`), so that a page of another site cannot
read the preview through DNS rebinding. Into the HTML pages it serves (never into the
files) it adds a few lines that ask the server, once a second, whether a rebuild
happened, and reload the page when one did.
"""

from __future__ import annotations

import errno
import html
import http.server
import json
import socket
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from .builder import build
from .cache import CACHE_DIR
from .check import check_document
from .check.report import summary
from .errors import ClausepressError, UsageError, display_path, escaped
from .resources import STYLES

__all__ = ["Watcher"]

RELOAD = b"""<script>
(function () {
  var seen = null;
  setInterval(function () {
    fetch('/__clausepress/version').then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {});
  }, 1000);
})();
</script>
"""


# What the preview serves: the outputs, by their suffix, with their media types.
SERVED = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".epub": "application/epub+zip"}
HOSTS = ("127.0.0.1", "localhost")


@dataclass
class Watcher:
    """Builds `sources` into `out_dir`, then again each time one of them or a stylesheet changes."""

    sources: Sequence[Path]
    out_dir: Path
    variants: tuple[str, ...] = ("screen",)
    styles: Path = STYLES
    say: Callable[[str], None] = print
    version: int = 0
    rebuilds: int = 0

    def build(self, sources: Sequence[Path]) -> None:
        """Build each of `sources`; say what came of it in one line. Nothing a save does ends watching."""
        for source in sources:
            try:
                self.say(self._build_one(source))
            except ClausepressError as exc:
                self.say(str(exc))
            except Exception as exc:  # a bug: reported in one line, and watching goes on
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                self.say(
                    f"{escaped(display_path(source))}: internal error (a bug in clausepress; please report it): "
                    f"{type(exc).__name__}: {escaped(exc)} (at {Path(frame.filename).name}:{frame.lineno})"
                )
        self.version += 1

    def _build_one(self, source: Path) -> str:
        outputs = build(source, self.out_dir, styles=self.styles, variants=self.variants)
        pdfs = [o.path for o in outputs if o.format == "pdf"]
        epub = next((o.path for o in outputs if o.format == "epub"), None)
        report = check_document(source, pdfs, epub, self.out_dir)
        rebuilt = [o for o in outputs if not o.cached]
        return f"rebuilt {escaped(display_path(source))}: {len(rebuilt)} outputs; {summary(report)}"

    def run(self, stop: threading.Event | None = None, debounce: int = 300) -> None:
        """Build, then watch until `stop` is set (or the user interrupts).

        Only the folders that hold a source, and the stylesheets' folder, are watched, each
        without what is under it: a source in `/` or in a home folder does not watch the disk.
        """
        styles = self.styles.resolve()
        folders = sorted({s.resolve().parent for s in self.sources} | {styles})
        for folder in folders:
            if not folder.is_dir():
                raise UsageError(f"{escaped(display_path(folder))}: no such folder to watch")
        self.build(self.sources)
        watched = {s.resolve() for s in self.sources}
        changes_seen = watchfiles.watch(
            *folders, stop_event=stop, debounce=debounce, raise_interrupt=False, recursive=False,
            ignore_permission_denied=True,
        )  # fmt: skip
        for changes in changes_seen:
            changed = {Path(path).resolve() for _, path in changes}
            if any(p.parent == styles for p in changed):
                todo = list(self.sources)  # a stylesheet changed: everything
            else:
                todo = [s for s in self.sources if s.resolve() in changed and s.resolve() in watched]
            if todo:
                self.rebuilds += 1
                self.build(todo)

    def serve(self, port: int = 8000) -> http.server.ThreadingHTTPServer:
        """Serve the outputs on 127.0.0.1:`port` (0: any free port), in a thread.

        Raises `UsageError` for a port that is not one, or that cannot be listened on.
        """
        if not 0 <= port <= 65535:
            raise UsageError(f"--port {port}: a port is a number from 0 to 65535")
        try:
            server = _PreviewServer(("127.0.0.1", port), _handler(self, self.out_dir))
        except OSError as exc:
            why = "in use" if exc.errno == errno.EADDRINUSE else exc.strerror or type(exc).__name__
            raise UsageError(f"--port {port}: cannot listen on 127.0.0.1:{port}: {why}") from None
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


class _PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's server: a backlog for a browser's many requests at once, and no traceback
    for a client that goes away (or anything else a request meets)."""

    request_queue_size = socket.SOMAXCONN
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the request is lost; the preview and watching go on


def _handler(watcher: Watcher, out_dir: Path) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = 30  # a client that connects and says nothing does not keep a thread for ever

        def do_GET(self) -> None:  # noqa: N802
            self._answer(body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            if not _host_allowed(self.headers.get("Host"), int(self.server.server_address[1])):  # type: ignore[index]
                return self._send(403, b"This preview answers only at 127.0.0.1 and localhost.\n",
                                  "text/plain; charset=utf-8", body)  # fmt: skip
            path = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0], errors="replace")
            if path == "/__clausepress/version":
                return self._send(200, str(watcher.version).encode(), "text/plain", body)
            if path == "/":
                return self._send(200, _index(out_dir), "text/html; charset=utf-8", body)
            target = _output(out_dir, path)
            if target is None:
                return self._send(404, b"Not an output of this build.\n", "text/plain; charset=utf-8", body)
            try:
                data = target.read_bytes()
            except OSError:
                return self._send(404, b"Not an output of this build.\n", "text/plain; charset=utf-8", body)
            if target.suffix == ".html":
                data = data.replace(b"</body>", RELOAD + b"</body>")
            return self._send(200, data, SERVED[target.suffix], body)

        def _send(self, status: int, data: bytes, kind: str, body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _host_allowed(host: str | None, port: int) -> bool:
    """Whether a request's Host header names this server: 127.0.0.1 or localhost, with its port or none."""
    if host is None:
        return False
    name, _, given = host.strip().lower().rpartition(":") if ":" in host else (host.strip().lower(), "", "")
    return name in HOSTS and given in ("", str(port))


def _output(out_dir: Path, path: str) -> Path | None:
    """The output a request's path names, or None: a PDF, EPUB or web page directly in the folder
    that a build recorded as its output (in `.clausepress-cache/`)."""
    name = path[1:] if path.startswith("/") else ""
    if (
        not name or "/" in name or "\\" in name or name.startswith(".") or Path(name).suffix not in SERVED
        or any(ord(c) < 0x20 or c in "\x7f\ufffd" for c in name) or name not in _recorded(out_dir)
    ):  # fmt: skip
        return None
    target = out_dir / name
    try:
        if target.is_file() and target.resolve().parent == out_dir.resolve():
            return target
    except (OSError, ValueError):
        pass
    return None


def _recorded(out_dir: Path) -> set[str]:
    """The names of the outputs the builds into `out_dir` recorded (cache.py's records)."""
    names: set[str] = set()
    for path in (out_dir / CACHE_DIR).glob("*.json"):
        try:
            outputs = json.loads(path.read_text(encoding="utf-8")).get("outputs")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(outputs, list):
            names.update(str(o["name"]) for o in outputs if isinstance(o, dict) and "name" in o)
    return names


def _index(out_dir: Path) -> bytes:
    """The page at `/`: a link to each output."""
    try:
        names = sorted(p.name for p in out_dir.iterdir() if _output(out_dir, "/" + p.name) is not None)
    except OSError:
        names = []
    items = "".join(f'<li><a href="/{urllib.parse.quote(n)}">{html.escape(n)}</a></li>\n' for n in names)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>clausepress preview</title></head>\n'
        f"<body><h1>Outputs</h1>\n<ul>\n{items}</ul>\n{RELOAD.decode()}</body></html>\n"
    ).encode()
