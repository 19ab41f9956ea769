"""The package's own files: its stylesheets and templates, found with importlib.resources.

The one place that knows where they are, so that a wheel carries them and nothing in the
code reaches outside the installed package.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["SCHEMAS", "STYLES", "TEMPLATES"]


def _folder(name: str) -> Path:
    folder = files("clausepress") / name
    if not isinstance(folder, Path):  # a zipped install: Jinja and WeasyPrint need real files
        raise RuntimeError(f"clausepress's {name} are not files on disk ({folder}); install it unzipped")
    return folder


STYLES = _folder("styles")  # document.css, print.css, epub.css: what every build uses by default
TEMPLATES = _folder("templates")  # the Jinja templates of the page, the EPUB's XHTML and nav
SCHEMAS = _folder("schemas")  # the Akoma Ntoso 3.0 XSD and the xml.xsd it imports (schemas/README.md)
