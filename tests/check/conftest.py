"""Fixtures of the checker tests: the sound test documents, and the UN-style one built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Built, _build

HERE = Path(__file__).resolve().parent
CHECK_FIXTURES = HERE / "fixtures"
UN = CHECK_FIXTURES / "un_resolution.yaml"
FR = CHECK_FIXTURES / "fr_resolution.yaml"
RU = CHECK_FIXTURES / "ru_resolution.yaml"


@pytest.fixture(scope="session")
def un_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The UN-style English resolution, built once for every checker test that edits an output."""
    return _build(UN, tmp_path_factory.mktemp("un-resolution"))
