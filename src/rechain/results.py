"""The one output path: typed results and the function that renders them.

A result is any object with `as_dict()` (its JSON form) and `rows()` (its row projection
for CSV and tables); it may also give `sections()` (the tables a person reads, default one
table of `rows()`), `columns` (the CSV header, needed when there may be no rows) and
`formats` (the formats it can take). `render` is the only place that writes a result:
JSON never carries NaN, CSV cells cannot start a spreadsheet formula, and table cells are
plain text with control characters removed, so article text cannot style, link or drive
the user's terminal.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TextIO

from rechain.errors import RechainError, UsageError

Row = dict[str, Any]
FORMATS = ("table", "json", "csv")


class Result(Protocol):
    def as_dict(self) -> Any: ...

    def rows(self) -> list[Row]: ...


@dataclass(frozen=True)
class Section:
    """One table for people: rows under a title, with lines of text before and after."""

    rows: list[Row] = field(default_factory=list)
    title: str | None = None
    columns: Sequence[str] | None = None
    before: Sequence[str] = ()
    after: Sequence[str] = ()


@dataclass(frozen=True)
class Rows:
    """A plain list of rows: the JSON form is the list itself."""

    items: list[Row]
    title: str | None = None
    columns: Sequence[str] | None = None
    notes: Sequence[str] = ()

    def as_dict(self) -> Any:
        return self.items

    def rows(self) -> list[Row]:
        return self.items

    def sections(self) -> list[Section]:
        return [Section(self.rows(), self.title, self.columns, after=[f"  note: {n}" for n in self.notes])]


@dataclass(frozen=True)
class Message:
    """A one-line outcome (a version, a load, a decision) with the figures behind it."""

    text: str
    data: Row

    def as_dict(self) -> Row:
        return self.data

    def rows(self) -> list[Row]:
        return [self.data]

    def sections(self) -> list[Section]:
        return [Section(before=[self.text])]


# ESC sequences (CSI, OSC, and two-character ones), then the remaining C0/C1 controls
# but tab and newline: what a terminal would act on rather than print.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(value: Any) -> str:
    """Untrusted text made safe to print: no escape sequences, no control characters."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: strings that would start a formula get a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render(result: Result, format: str, out: TextIO | None = None) -> None:
    """Write a result as a table, JSON or CSV; refuse a format the result cannot take."""
    out = out or sys.stdout
    allowed = getattr(result, "formats", FORMATS)
    if format not in allowed:
        raise UsageError(f"this command cannot write {format}: choose {' or '.join(allowed)}")
    if format == "json":
        out.write(to_json(result.as_dict()) + "\n")
    elif format == "csv":
        out.write(to_csv(result.rows(), getattr(result, "columns", None)))
    else:
        print_sections(_sections(result), out)


def to_json(data: Any) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    except ValueError as exc:  # NaN or infinity: JSON has no spelling for them
        raise RechainError(f"the result holds a number JSON cannot carry ({exc})") from exc


def to_csv(rows: list[Row], columns: Sequence[str] | None = None) -> str:
    """CSV with a header: every key in the order first seen, else (no rows) the given columns."""
    header = _keys(rows) or list(columns or ())
    buffer = io.StringIO()
    if header:
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def _keys(rows: Iterable[Row]) -> list[str]:
    return list(dict.fromkeys(k for row in rows for k in row))


def _sections(result: Result) -> list[Section]:
    sections = getattr(result, "sections", None)
    if sections is not None:
        return list(sections())
    return [Section(result.rows(), getattr(result, "title", None), getattr(result, "columns", None))]


def print_sections(sections: Iterable[Section], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, soft_wrap=True, highlight=False)
    for section in sections:
        for line in section.before:
            console.print(Text(plain(line)))
        if section.rows or section.columns:
            title = Text(plain(section.title)) if section.title else None
            table = Table(title=title, show_lines=False)
            columns = list(section.columns or _keys(section.rows))
            for column in columns:
                table.add_column(Text(plain(column)))
            for row in section.rows:
                table.add_row(*(Text(plain(row.get(c))) for c in columns))
            console.print(table)
        elif section.title:
            console.print(Text(plain(f"{section.title}: none")))
        for line in section.after:
            console.print(Text(plain(line)))


@dataclass(frozen=True)
class Report:
    """A result whose JSON form is a computed mapping; each kind of report says how it
    reads as rows (`rows`) and as tables for people (`sections`)."""

    data: Any
    title_format: ClassVar[str | None] = None  # filled from the data's keys

    @property
    def title(self) -> str | None:
        return self.title_format.format_map(self.data) if self.title_format else None

    def as_dict(self) -> Any:
        return self.data

    def rows(self) -> list[Row]:
        return []

    def sections(self) -> list[Section]:
        return [Section(self.rows(), self.title, getattr(self, "columns", None))]
