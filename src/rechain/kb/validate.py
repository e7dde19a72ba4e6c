"""Cross-row checks: unique ids, known references, sources that exist, coherent figures."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rechain.errors import DataFileError
from rechain.kb.files import DATA_DIR, KbRow, kinds, read_kb

# Rows that would state the same fact twice, by kind: the cells that define the fact.
FACT_KEYS = {
    "production": ("country", "material", "stage", "measure", "year", "edition"),
    "quotas": ("year", "batch", "quota", "ore_type", "company", "source"),
    "ownership": ("owner", "owned", "as_of", "source"),
    "supply_links": ("supplier", "customer", "material", "kind", "source"),
    "cluster_members": ("cluster", "member"),
}


def validate_kb(folder: Path = DATA_DIR) -> tuple[list[KbRow], list[DataFileError]]:
    """All rows and all problems, file and row named for each problem."""
    rows, problems = read_kb(folder)
    ids = _collect_ids(rows, problems)
    for row in rows:
        problems += _reference_problems(row, ids)
        problems += _figure_problems(row)
    problems += _duplicate_facts(rows)
    return rows, problems


def _collect_ids(rows: list[KbRow], problems: list[DataFileError]) -> dict[str, dict[str, str]]:
    """namespace -> id -> kind; duplicates are problems."""
    ids: dict[str, dict[str, str]] = defaultdict(dict)
    first_seen: dict[tuple[str, str], KbRow] = {}
    for row in rows:
        spec = kinds()[row.kind]["columns"].get("id")
        value = row.cells.get("id")
        if not spec or value is None:
            continue
        key = (spec["namespace"], value)
        if key in first_seen:
            earlier = first_seen[key]
            problems.append(row.error(f"duplicate id {value!r} (also {earlier.path}, row {earlier.row})"))
            continue
        first_seen[key] = row
        ids[spec["namespace"]][value] = row.kind
    return ids


def _reference_problems(row: KbRow, ids: dict[str, dict[str, str]]) -> list[DataFileError]:
    found = []
    for name, spec in kinds()[row.kind]["columns"].items():
        value = row.cells.get(name)
        if value is None:
            continue
        if spec["type"] == "ref":
            kind = ids["entity"].get(value)
            if kind not in spec["to"]:
                wanted = " or ".join(spec["to"])
                found.append(row.error(f"column {name}: unknown {wanted} id {value!r}"))
        elif spec["type"] == "sources":
            found += [row.error(f"column {name}: unknown source {s!r}") for s in value if s not in ids["source"]]
    return found


def _figure_problems(row: KbRow) -> list[DataFileError]:
    cells = row.cells
    if row.kind == "facilities" and cells["capacity"] is not None:
        if not cells["capacity_unit"] or not cells["capacity_basis"]:
            return [row.error("capacity needs capacity_unit and capacity_basis")]
        if cells["capacity"] < 0:
            return [row.error("capacity is negative")]
    if row.kind == "ownership" and cells["owner"] == cells["owned"]:
        return [row.error("an organization cannot own itself")]
    if row.kind == "supply_links" and cells["supplier"] == cells["customer"]:
        return [row.error("supplier and customer are the same")]
    if row.kind in ("production", "quotas") and cells["value"] is None and not cells["note"]:
        return [row.error("an empty value needs a note saying why")]
    return []


def _duplicate_facts(rows: list[KbRow]) -> list[DataFileError]:
    problems = []
    seen: dict[tuple[object, ...], KbRow] = {}
    for row in rows:
        fields = FACT_KEYS.get(row.kind)
        if not fields:
            continue
        key = (row.kind, *(str(row.cells.get(f)) for f in fields))
        if key in seen:
            earlier = seen[key]
            problems.append(row.error(f"duplicate row (same fact as {earlier.path}, row {earlier.row})"))
        else:
            seen[key] = row
    return problems
