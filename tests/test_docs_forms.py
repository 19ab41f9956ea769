"""The README's "Forms" section and docs/forms/: the pictures it links exist, the sources load.

`scripts/form_pictures.py` makes docs/forms/ and rewrites the README's excerpts; these checks
render nothing (fast tier): they catch a picture removed, a source the reader no longer takes,
and an excerpt left behind by a change to the imported source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clausepress import loads
from clausepress.forms import FORMS

from .conftest import ROOT

FORMS_DIR = ROOT / "docs" / "forms"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("### Forms\n") : README.index("\n## ", README.index("### Forms\n"))]
LINKED = sorted(set(re.findall(r"!\[[^\]]*\]\((docs/[^)\s]+)\)", README)))
EXCERPT = re.compile(
    r"<!-- form_pictures\.py: (?P<form>[\w-]+) -->\n(?P<intro>.*?)```yaml\n(?P<body>.*?)```\n"
    r"<!-- /form_pictures\.py: (?P=form) -->",
    re.DOTALL,
)
EXCERPTS = {m["form"]: m for m in EXCERPT.finditer(README)}
SOURCES = sorted(FORMS_DIR.glob("*.yaml"))


def test_readme_links_pictures() -> None:
    assert LINKED, "the README links no picture of docs/"


@pytest.mark.parametrize("link", LINKED)
def test_linked_picture_exists(link: str) -> None:
    path = ROOT / link
    assert path.is_file(), f"README.md links {link}, which does not exist"
    data = path.read_bytes()
    if path.suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{link} is no PNG"
        assert len(data) < 150_000, f"{link} has {len(data):,} bytes: draw it at a lower resolution"


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_docs_source_loads(source: Path) -> None:
    doc = loads(source.read_text(encoding="utf-8"), name=str(source.relative_to(ROOT)))
    assert doc.form == source.stem, f"{source.name} is of the form {doc.form}"


def test_every_form_has_its_heading() -> None:
    for name in FORMS:
        assert f"\n#### `{name}`\n" in SECTION, f"the README's Forms section has no heading for {name}"


@pytest.mark.parametrize("form", sorted(FORMS))
def test_picture_source_and_excerpt_go_together(form: str) -> None:
    """A form has a picture, a source in docs/forms/ and an excerpt of it, or none of the three."""
    png, yaml = FORMS_DIR / f"{form}.png", FORMS_DIR / f"{form}.yaml"
    linked = f"docs/forms/{form}.png" in LINKED
    assert png.exists() == yaml.exists() == linked == (form in EXCERPTS), (
        f"{form}: picture {png.exists()}, source {yaml.exists()}, linked {linked}, excerpt {form in EXCERPTS}"
    )


@pytest.mark.parametrize("form", sorted(EXCERPTS))
def test_excerpt_is_the_source_beginning(form: str) -> None:
    """The README's excerpt is the first lines of docs/forms/<form>.yaml (run form_pictures.py)."""
    lines = (FORMS_DIR / f"{form}.yaml").read_text(encoding="utf-8").splitlines()
    body = lines[1:] if lines[0].startswith("# ") else lines  # the line naming the corpus text
    shown = EXCERPTS[form]["body"].splitlines()
    assert shown == body[: len(shown)], (
        f"README.md's excerpt of {form} is not docs/forms/{form}.yaml's beginning"
    )
    assert f"docs/forms/{form}.yaml" in EXCERPTS[form]["intro"]
