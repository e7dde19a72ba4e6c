"""Capacity basis conversion (basis-v1): the rules are data (vocab/data/basis_conversions.csv).

A capacity stated on one basis (NdPr oxide, concentrate, ...) joins a table on another
basis (REO) only through a rule of that file and the sourced input it needs (the NdPr
share of the feed, the grade of the concentrate). Without the input the figure is
refused, with the reason, never guessed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).parent.parent / "vocab" / "data" / "basis_conversions.csv"
ALGORITHM = "basis-v1"


@dataclass(frozen=True)
class Rule:
    rule: str  # same | divide_by_share | multiply_by_share | multiply_by_grade
    needs: str
    note: str


@dataclass(frozen=True)
class Conversion:
    value: float | None  # None: refused
    basis: str
    how: str  # the rule applied, or why it was refused


@cache
def rules() -> dict[tuple[str, str], Rule]:
    with RULES_FILE.open(encoding="utf-8") as handle:
        return {
            (r["from_basis"], r["to_basis"]): Rule(r["rule"], r["needs"], r["note"]) for r in csv.DictReader(handle)
        }


def convert(
    value: float, from_basis: str, to_basis: str, *, ndpr_share_pct: float | None = None, grade_pct: float | None = None
) -> Conversion:
    """`value` on `from_basis` expressed on `to_basis`, or refused with the reason."""
    rule = rules().get((from_basis, to_basis))
    if rule is None:
        return Conversion(None, to_basis, f"no rule converts {from_basis} to {to_basis}")
    if rule.rule == "same":
        return Conversion(value, to_basis, "same basis" if from_basis == to_basis else rule.note)
    factor_pct = grade_pct if rule.rule == "multiply_by_grade" else ndpr_share_pct
    if not factor_pct:
        return Conversion(None, to_basis, f"{from_basis} to {to_basis} needs the {rule.needs}; no source gives it")
    factor = factor_pct / 100
    converted = value / factor if rule.rule == "divide_by_share" else value * factor
    return Conversion(converted, to_basis, f"{rule.note} ({rule.needs} {factor_pct:g}%)")
