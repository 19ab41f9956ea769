"""Progress: a line redrawn in place on a terminal (a pseudo-terminal here), nothing in a pipe or
with --quiet; the command line's builds show it on a terminal and keep their output as it was."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from clausepress.progress import Progress

from .test_volume import _volume_source


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_terminal_gets_the_line_a_pipe_and_quiet_get_nothing() -> None:
    leader, follower = pty.openpty()
    with open(follower, "w", encoding="utf-8", closefd=True) as terminal:
        progress = Progress(terminal)
        assert progress.live
        progress.start(3)
        progress.advance(4)
        assert progress.line().startswith("documents 1/3, pages 4, ~") and progress.line().endswith(" s left")
        progress.advance(2)
        progress.advance(5)
        assert progress.line() == "documents 3/3, pages 11"  # nothing left: no time left shown
        progress.finish()
        quiet = Progress(terminal, quiet=True)
        quiet.start(1)
        quiet.advance(1)
        quiet.finish()
    drawn = _read_all(leader).decode()
    os.close(leader)
    assert drawn.count("\r\x1b[K") == 5  # start, three documents, the end (quiet: none)
    assert "documents 1/3, pages 4, ~" in drawn and drawn.endswith("documents 3/3, pages 11\r\x1b[K")
    read, write = os.pipe()
    with open(write, "w", encoding="utf-8") as pipe:
        piped = Progress(pipe)
        piped.start(2)
        piped.advance(3)
        piped.finish()
        assert not piped.live
    with open(read, "rb") as got:
        assert got.read() == b""


def _stderr_of(command: list[str], terminal: bool) -> tuple[int, str, str]:
    """Run `command` with its standard error a terminal (or a pipe); its status, output, error."""
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    err = _read_all(leader).decode()
    out, _ = proc.communicate()
    os.close(leader)
    return proc.returncode, out, err


def test_the_volume_command_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """On a terminal the line counts the documents up to 3/3 and is erased at the end; in a pipe
    and with --quiet on a terminal, standard error holds no line; standard output is the same."""
    volume = _volume_source(tmp_path)
    command = [
        sys.executable,
        "-m",
        "clausepress",
        "volume",
        str(volume),
        "-o",
        str(tmp_path / "out"),
        "--jobs",
        "2",
    ]
    status, out, err = _stderr_of(command, terminal=True)
    assert status == 0, err
    assert "documents 1/3" in err and "documents 3/3, pages " in err and err.endswith("\r\x1b[K")
    status, piped, err = _stderr_of(command, terminal=False)
    assert status == 0 and err == "" and piped == out
    status, _, err = _stderr_of([*command, "--quiet"], terminal=True)
    assert status == 0 and err == ""
