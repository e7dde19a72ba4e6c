"""Reading CSV data files row by row, with the file and row named on every error."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from rechain.errors import DataFileError


def read_rows(path: Path, columns: list[str] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, cells) for each data row; row 1 is the header.

    Cells are stripped; a row with the wrong number of cells, a header that differs
    from `columns`, a file that is not UTF-8 text, or an unterminated quote raises
    DataFileError naming the file and row.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read ({exc.strerror})") from None
    if "\x00" in text:
        raise DataFileError(str(path), None, "binary content (NUL byte)")
    reader = csv.reader(text.splitlines(), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataFileError(str(path), 1, "empty file, expected a header row") from None
    except csv.Error as exc:
        raise DataFileError(str(path), 1, f"malformed CSV header ({exc})") from None
    if columns is not None and header != columns:
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        detail = f"missing {missing}" if missing else f"unexpected {extra}" if extra else "wrong column order"
        raise DataFileError(str(path), 1, f"header does not match the format ({detail})")
    row_no = 1
    try:
        for row_no, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise DataFileError(str(path), row_no, f"{len(cells)} cells, the header has {len(header)}")
            yield row_no, {h: c.strip() for h, c in zip(header, cells, strict=True)}
    except csv.Error as exc:
        raise DataFileError(str(path), row_no + 1, f"malformed CSV ({exc})") from None


def split_list(cell: str) -> list[str]:
    """Split a `|`-separated cell into its non-empty items."""
    return [item.strip() for item in cell.split("|") if item.strip()]
