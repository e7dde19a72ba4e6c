"""Finding and reading the knowledge-base files, kind by kind, as typed rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from rechain.csvrows import read_rows
from rechain.errors import DataFileError
from rechain.kb.cells import parse_cell

DATA_DIR = Path(__file__).parent / "data"
SCHEMA_FILE = Path(__file__).parent / "schema.yaml"


@dataclass(frozen=True)
class KbRow:
    kind: str
    path: str
    row: int
    cells: dict[str, Any]

    def error(self, message: str) -> DataFileError:
        return DataFileError(self.path, self.row, message)


@cache
def kinds() -> dict[str, dict[str, Any]]:
    """The file kinds of schema.yaml, in declaration order."""
    loaded: dict[str, dict[str, Any]] = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


def kind_of(path: Path) -> str | None:
    """The kind a file belongs to: the longest kind name its stem starts with."""
    matches = [k for k in kinds() if path.stem == k or path.stem.startswith(k + "_")]
    return max(matches, key=len) if matches else None


def kb_files(folder: Path) -> tuple[dict[str, list[Path]], list[DataFileError]]:
    """The CSV files of each kind, and a problem for each file that fits no kind."""
    if not folder.is_dir():
        raise DataFileError(str(folder), None, "knowledge-base folder not found")
    found: dict[str, list[Path]] = {k: [] for k in kinds()}
    strays = []
    for path in sorted(folder.glob("*.csv")):
        kind = kind_of(path)
        if kind is None:
            strays.append(DataFileError(str(path), None, "file name matches no knowledge-base kind"))
        else:
            found[kind].append(path)
    return found, strays


def read_kb(folder: Path = DATA_DIR) -> tuple[list[KbRow], list[DataFileError]]:
    """Every row of every file, typed; plus the cell-level problems found on the way."""
    rows: list[KbRow] = []
    files, problems = kb_files(folder)
    for kind, paths in files.items():
        columns = kinds()[kind]["columns"]
        for path in paths:
            try:
                for row_no, raw in read_rows(path, list(columns)):
                    cells, bad = _parse_row(raw, columns)
                    problems += [DataFileError(str(path), row_no, msg) for msg in bad]
                    rows.append(KbRow(kind, str(path), row_no, cells))
            except DataFileError as exc:
                problems.append(exc)
    return rows, problems


def _parse_row(raw: dict[str, str], columns: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    cells: dict[str, Any] = {}
    bad: list[str] = []
    for name, spec in columns.items():
        try:
            cells[name] = parse_cell(raw[name], spec)
        except ValueError as exc:
            cells[name] = None
            bad.append(f"column {name}: {exc}")
    return cells, bad
