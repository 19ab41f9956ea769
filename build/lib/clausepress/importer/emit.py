"""The YAML source, laid out for a person to edit: one part after the other, long texts folded."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass

import yaml

from .inline import Citer
from .repair import Repair
from .structure import UNPLACED, Clause, Draft, Sub

WIDTH = 96


def quote(value: str) -> str:
    """`value` as a one-line YAML scalar, quoted when YAML needs it (PyYAML decides)."""
    out = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    out = out.removesuffix("\n").removesuffix("\n...")
    if "\n" in out:
        out = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style='"').rstrip("\n")
    return out


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


def _fold(value: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in value.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _loads_back(lines: list[str], value: str) -> bool:
    """Whether a folded block, read by YAML, gives back `value` exactly."""
    try:
        data = yaml.safe_load("x: >-\n" + "\n".join("  " + line for line in lines))
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and data.get("x") == value


def entry(prefix: str, value: str, indent: int, comment: str = "") -> list[str]:
    """`prefix` and the value: on one line when it fits, else a `>-` block indented by `indent`.

    A comment goes at the end of the first line, or on a line of its own above it when the
    line would be too long.
    """
    one = prefix + quote(value)
    if len(one) <= WIDTH or " " not in value:
        lines = [one]
    else:
        folded = _fold(value, WIDTH - indent)
        if value != value.strip() or not _loads_back(folded, value):
            lines = [one]
        else:
            lines = [prefix + ">-"] + [" " * indent + line for line in folded]
    if comment:
        if len(lines[0]) + len(comment) + 4 <= WIDTH:
            lines[0] += f"  # {comment}"
        else:
            pad = len(prefix) - len(prefix.lstrip(" "))
            lines.insert(0, " " * pad + f"# {comment}")
    return lines


def emit(
    draft: Draft,
    citer: Citer,
    repairs: list[Repair],
    *,
    name: str,
    title: str,
    language: str,
    language_guessed: bool,
    meta: dict[str, str],
) -> str:
    """The whole source. Texts are converted in reading order, so that sources come in citation order."""
    body: list[str] = []
    body += entry("title: ", title, 2)
    if meta.get("short_title"):
        body += entry("short_title: ", meta["short_title"], 2)
    if meta.get("issuer"):
        body += entry("issuer: ", meta["issuer"], 2)
    elif draft.issuer:
        body += entry("issuer: ", draft.issuer, 2, "clausepress import: taken from the enacting line")
    adopted = meta.get("adopted") or meta.get("date")
    if adopted:
        body.append(f"adopted: {quote(adopted)}")
    elif draft.adopted:
        # Unquoted, as people write dates: the loader reads the text of the scalar.
        body.append(f"adopted: {draft.adopted}  # clausepress import: taken from the closing line")
    body += entry(
        "language: ", language, 2, "clausepress import: guessed from the text" if language_guessed else ""
    )
    if draft.numbering != "1.":
        body.append(f"numbering: {quote(draft.numbering)}")

    if draft.preamble:
        body += ["", "preamble:"]
        for paragraph in draft.preamble:
            if paragraph.unplaced:
                body.append(f"  # {UNPLACED}")
            text = citer.convert(paragraph.text)
            if paragraph.label:
                body.append(f"  - label: {quote(paragraph.label)}")
                body += entry("    text: ", text, 6)
            else:
                body += entry("  - ", text, 4)

    if draft.enacting is not None:
        body.append("")
        if draft.enacting_moved:
            line = draft.enacting.where(0)[0]
            body.append(f"# clausepress import: moved here from line {line}, where it opens the document")
        body += entry("enacting: ", citer.convert(draft.enacting), 2)

    body += ["", "operative:"]
    for clause in draft.clauses:
        body += _clause(clause, citer)

    if draft.closing is not None:
        body.append("")
        body += entry("closing: ", citer.convert(draft.closing), 2)

    citer.uncited_notes()
    if citer.sources:
        body += ["", "sources:"]
        for sid, fields in citer.sources.items():
            if sid in citer.comments:
                body.append(f"  # {citer.comments[sid]}")
            body.append(f"  {sid}:")
            for key, value in fields.items():
                body += entry(f"    {key}: ", value, 6)

    counts = Counter(r.kind for r in repairs)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    said = (
        f"Imported by `clausepress import` from {name}, with {len(repairs)} "
        f"repair{'' if len(repairs) == 1 else 's'}{f' ({summary})' if summary else ''}. Check them against "
        "the text received. Comments that start with 'clausepress import:' mark what the importer "
        "guessed or could not place."
    )
    # A comment holds printable characters only (YAML refuses the others even there).
    header = [f"# {_printable(title)}", "#"]
    header += [
        "# " + _printable(line)
        for line in textwrap.wrap(said, WIDTH - 2, break_long_words=False, break_on_hyphens=False)
    ]
    header.append("")
    return "\n".join(header + body) + "\n"


def _clause(clause: Clause, citer: Citer) -> list[str]:
    # Reading order: the first paragraph, the sub-clauses, then the further paragraphs.
    paragraphs = [citer.convert(p.text) for p in clause.paragraphs[:1]]
    subs = [_convert_sub(s, citer) for s in clause.subs]
    paragraphs += [citer.convert(p.text) for p in clause.paragraphs[1:]]
    if not paragraphs or not paragraphs[0]:
        paragraphs = ["…"]

    out: list[str] = []
    leads = iter(["  - "])

    def lead() -> str:
        return next(leads, "    ")

    if any(p.unplaced for p in clause.paragraphs):
        out.append(f"  # {UNPLACED}")
    if clause.number is not None:
        out.append(lead() + f"number: {clause.number if clause.number.isdigit() else quote(clause.number)}")
    if clause.verb:
        out += entry(lead() + "verb: ", clause.verb, 6, "verb guessed" if clause.verb_guessed else "")
    if len(paragraphs) == 1:
        out += entry(lead() + "text: ", paragraphs[0], 6)
    else:
        out.append(lead() + "text:")
        for paragraph in paragraphs:
            out += entry("      - ", paragraph, 8)
    if subs:
        out.append(lead() + "subclauses:")
        for sub in subs:
            out += _sub_lines(sub, 6)
    return out


@dataclass(frozen=True)
class _Converted:
    sub: Sub
    text: str
    children: list[_Converted]


def _convert_sub(sub: Sub, citer: Citer) -> _Converted:
    text = citer.convert(sub.text) or "…"
    return _Converted(sub, text, [_convert_sub(s, citer) for s in sub.subs])


def _sub_lines(converted: _Converted, indent: int) -> list[str]:
    sub, text, children = converted.sub, converted.text, converted.children
    pad = " " * indent
    if not children and not sub.explicit:
        return entry(f"{pad}- ", text, indent + 2)
    out: list[str] = []
    if sub.explicit:
        out.append(f"{pad}- label: {quote(sub.label)}")
        out += entry(f"{pad}  text: ", text, indent + 4)
    else:
        out += entry(f"{pad}- text: ", text, indent + 4)
    if children:
        out.append(f"{pad}  subclauses:")
        for child in children:
            out += _sub_lines(child, indent + 4)
    return out
