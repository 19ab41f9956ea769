"""`clausepress watch`: rebuild on every save, keep WeasyPrint loaded, preview on 127.0.0.1.

The preview server serves the output folder. Into the HTML pages it serves (never into
the files) it adds a few lines that ask the server, once a second, whether a rebuild
happened, and reload the page when one did.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from .builder import build
from .check import check_document
from .check.report import summary
from .errors import ClausepressError, display_path
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
        for source in sources:
            try:
                outputs = build(source, self.out_dir, styles=self.styles, variants=self.variants)
                report = check_document(source, [o.path for o in outputs if o.format == "pdf"],
                                        next(o.path for o in outputs if o.format == "epub"))  # fmt: skip
            except ClausepressError as exc:
                self.say(str(exc))
                continue
            rebuilt = [o for o in outputs if not o.cached]
            self.say(f"rebuilt {display_path(source)}: {len(rebuilt)} outputs; {summary(report)}")
        self.version += 1

    def run(self, stop: threading.Event | None = None, debounce: int = 300) -> None:
        """Build, then watch until `stop` is set (or the user interrupts)."""
        self.build(self.sources)
        folders = {s.resolve().parent for s in self.sources} | {self.styles.resolve()}
        watched = {s.resolve() for s in self.sources}
        for changes in watchfiles.watch(*folders, stop_event=stop, debounce=debounce, raise_interrupt=False):
            changed = {Path(path).resolve() for _, path in changes}
            if any(self.styles.resolve() in p.parents for p in changed):
                todo = list(self.sources)  # a stylesheet changed: everything
            else:
                todo = [s for s in self.sources if s.resolve() in changed and s.resolve() in watched]
            if todo:
                self.rebuilds += 1
                self.build(todo)

    def serve(self, port: int = 8000) -> http.server.ThreadingHTTPServer:
        """Serve the output folder on 127.0.0.1:`port` (0: any free port), in a thread."""
        watcher = self
        folder = str(self.out_dir)

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=folder, **kwargs)  # type: ignore[arg-type]

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/__clausepress/version":
                    return self._send(str(watcher.version).encode(), "text/plain")
                target = Path(folder) / self.path.lstrip("/").split("?")[0]
                if (
                    target.suffix == ".html"
                    and target.is_file()
                    and Path(folder).resolve() in target.resolve().parents
                ):
                    page = target.read_bytes().replace(b"</body>", RELOAD + b"</body>")
                    return self._send(page, "text/html; charset=utf-8")
                return super().do_GET()

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server
