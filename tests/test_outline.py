"""`clausepress outline`: the structure of a source as counts, in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clausepress import load
from clausepress.cli import main
from clausepress.outline import outline

PARTS = Path(__file__).resolve().parent / "forms" / "un-ga-parts.yaml"


def test_outline_counts_every_part() -> None:
    assert outline(load(PARTS)) == {
        "id": "un-ga-parts",
        "title": "99/1. Test of the parts",
        "form": "un-ga",
        "language": "en",
        "metadata": {
            "symbol": "A/RES/99/1",
            "distribution": "Distr.: General",
            "session": "Ninety-ninth session",
            "agenda item": "Agenda item 1",
        },
        "preamble": 1,
        "operative": 3,
        "subclauses": 0,
        "headings": 2,
        "annexes": [{"title": "A declaration", "paragraphs": 2, "headings": 1}],
        "footnotes": 0,
    }


def test_outline_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(PARTS), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["headings"] == 2
    assert main(["outline", str(PARTS)]) == 0
    text = capsys.readouterr().out
    assert "1 preamble paragraphs, 3 operative, 0 sub-clauses, 2 headings, 0 footnotes" in text
    assert "annex: A declaration (2 paragraphs, 1 headings)" in text


def test_outline_counts_the_operative_part_s_headings_and_all_of_an_annex_s() -> None:
    counted = outline(load(PARTS.with_name("headed-parts.yaml")))
    assert counted["headings"] == 1  # "II. The Assembly:"; "I. The Assembly finds:" heads the preamble
    assert counted["annexes"] == [{"title": "Questionnaire", "paragraphs": 2, "headings": 3}]
