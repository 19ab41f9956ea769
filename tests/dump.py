"""A readable, stable dump of the document model, for golden files a person reviews.

`dump(doc)` renders the `Document` dataclass tree as indented text: one node a line,
its class name and where it was read from (`@line:column`), then its fields; lists as
`- ` items; a node of one field on one line (`Text 'words'`); strings as Python literals (so spaces, no-break spaces and line breaks show).
Empty fields (None, empty tuples and dicts) are left out, to keep the dump short; paths are
shown relative to the repository.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import re
from pathlib import Path

from clausepress.errors import Origin

ROOT = Path(__file__).resolve().parents[1]


def _where(origin: Origin) -> str:
    return f"@{origin.line}:{origin.column}"


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Path):
        path = value.resolve()
        return repr(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else value.name)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Origin):
        return _where(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, re.Pattern):
        return f"/{value.pattern}/"
    return repr(value)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, (tuple, list, dict, frozenset, set)) and not value)


def _lines(value: object, indent: str) -> list[str]:
    """The lines of a value that does not fit after its name (a node, a list, a mapping)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and not isinstance(value, Origin):
        return _node(value, indent)
    if isinstance(value, (tuple, list)):
        out = []
        for item in value:
            if _simple(item):
                out.append(f"{indent}- {_scalar(item)}")
            else:
                first, *rest = _lines(item, indent + "  ")
                out += [f"{indent}- {first.lstrip()}", *rest]
        return out
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if _simple(item):
                out.append(f"{indent}{key}: {_scalar(item)}")
            else:
                out += [f"{indent}{key}:", *_lines(item, indent + "  ")]
        return out
    return [f"{indent}{_scalar(value)}"]


def _simple(value: object) -> bool:
    return isinstance(value, Origin) or not (
        (dataclasses.is_dataclass(value) and not isinstance(value, type))
        or isinstance(value, (tuple, list, dict))
    )


def _node(node: object, indent: str) -> list[str]:
    origin = getattr(node, "origin", None)
    head = type(node).__name__ + (f" {_where(origin)}" if isinstance(origin, Origin) else "")
    fields = dataclasses.fields(node)  # type: ignore[arg-type]
    if len(fields) == 1 and _simple(value := getattr(node, fields[0].name)):
        return [f"{indent}{head} {_scalar(value)}"]  # Text 'words', on one line
    out = [f"{indent}{head}"]
    for f in dataclasses.fields(node):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        if f.name == "origin" or _empty(value):
            continue
        if f.name in ("path", "file") and isinstance(value, str):
            value = Path(value)  # as the loader was given it: relative to the working directory, or not
        if _simple(value):
            out.append(f"{indent}  {f.name}: {_scalar(value)}")
        else:
            out += [f"{indent}  {f.name}:", *_lines(value, indent + "    ")]
    return out


def dump(node: object) -> str:
    """The model tree of `node` (a `Document`, or any node of it) as indented text."""
    return "\n".join(_node(node, "")) + "\n"
