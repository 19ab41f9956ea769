"""The test harness itself: WeasyPrint's warnings fail a test; the validators' registry dedupes."""

from __future__ import annotations

import logging
import types
from pathlib import Path

import pytest
import weasyprint

from .conftest import Validators, _no_weasyprint_logs

BAD_CSS = "<p style='color: no-such-colour'>x</p>"


@pytest.mark.weasyprint_warnings
def test_a_weasyprint_warning_fails_the_test_that_caused_it(caplog: pytest.LogCaptureFixture) -> None:
    unmarked = types.SimpleNamespace(get_closest_marker=lambda name: None)
    around = _no_weasyprint_logs(unmarked, "the test")  # type: ignore[arg-type]
    next(around)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        weasyprint.HTML(string=BAD_CSS).render()
    assert any("no-such-colour" in r.getMessage() for r in caplog.records if r.name == "weasyprint")
    with pytest.raises(
        AssertionError, match=r"WeasyPrint logged 1 warning\(s\) or error\(s\) during the test"
    ):
        next(around)


def test_a_test_that_provokes_no_warning_passes_the_check() -> None:
    unmarked = types.SimpleNamespace(get_closest_marker=lambda name: None)
    around = _no_weasyprint_logs(unmarked, "the test")  # type: ignore[arg-type]
    next(around)
    weasyprint.HTML(string="<p style='color: red'>x</p>").render()
    with pytest.raises(StopIteration):
        next(around)


@pytest.mark.weasyprint_warnings
def test_a_marked_test_may_provoke_warnings_and_asserts_them(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        weasyprint.HTML(string=BAD_CSS).render()
    (record,) = [r for r in caplog.records if r.name == "weasyprint"]
    assert record.levelno == logging.WARNING and "no-such-colour" in record.getMessage()


def test_the_registry_queues_each_distinct_file_once(tmp_path: Path) -> None:
    registry = Validators(tmp_path / "registry")
    a, b, c = tmp_path / "a.epub", tmp_path / "b.epub", tmp_path / "c.epub"
    a.write_bytes(b"same bytes")
    b.write_bytes(b"same bytes")
    c.write_bytes(b"other bytes")
    assert registry.want("epubcheck", a) == registry.want("epubcheck", b) != registry.want("epubcheck", c)
    assert len(registry._queued["epubcheck"]) == 2
    registry.want("verapdf-ua1", a)  # another validator: queued for it too
    assert len(registry._queued["verapdf-ua1"]) == 1
    a.write_bytes(b"changed after queueing")  # the queued copy keeps the bytes as they were
    (copy,) = [p for p in registry._queued["verapdf-ua1"].values()]
    assert copy.read_bytes() == b"same bytes" and copy.name == "a.epub"
