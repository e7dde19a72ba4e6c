"""A small linear-program builder over HiGHS: named variables, sparse rows, one solve.

Rows are stored row-wise and handed to HiGHS in one piece, which keeps model building
linear in the number of nonzeros (a 10-year monthly model has ~10^5 of them).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import highspy
import numpy as np

from rechain.errors import RechainError

INF = highspy.kHighsInf
_STDOUT_LOCK = threading.Lock()


@contextmanager
def _stdout_silenced() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null for a moment: HiGHS 1.16 prints its banner from C++
    when a solver is constructed, before any option can switch output off."""
    with _STDOUT_LOCK:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as sink:
                os.dup2(sink.fileno(), 1)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def _quiet_solver() -> highspy.Highs:
    with _stdout_silenced():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


class InfeasibleModel(RechainError):
    """The scenario's constraints cannot all be met."""


@dataclass
class LinearProgram:
    names: dict[Hashable, int] = field(default_factory=dict)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_names: list[Hashable] = field(default_factory=list)

    def var(self, name: Hashable, lower: float = 0.0, upper: float = INF, cost: float = 0.0) -> int:
        if name in self.names:
            raise ValueError(f"variable {name!r} defined twice")
        self.names[name] = len(self.lower)
        self.lower.append(lower)
        self.upper.append(upper)
        self.cost.append(cost)
        return self.names[name]

    def row(self, name: Hashable, terms: Iterable[tuple[int, float]], lower: float = -INF, upper: float = INF) -> None:
        merged: dict[int, float] = {}
        for column, coefficient in terms:
            merged[column] = merged.get(column, 0.0) + coefficient
        for column, coefficient in merged.items():
            if coefficient:
                self.index.append(column)
                self.value.append(coefficient)
        self.starts.append(len(self.index))
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_names.append(name)

    def solve(self) -> Solution:
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(self.lower), len(self.row_lower)
        lp.col_cost_ = np.array(self.cost)
        lp.col_lower_, lp.col_upper_ = np.array(self.lower), np.array(self.upper)
        lp.row_lower_, lp.row_upper_ = np.array(self.row_lower), np.array(self.row_upper)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self.index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self.value)
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
        highs = _quiet_solver()
        highs.passModel(lp)
        highs.run()
        status = highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise InfeasibleModel(f"the scenario model has no solution ({highs.modelStatusToString(status)})")
        solution = highs.getSolution()
        return Solution(
            self,
            np.array(solution.col_value),
            np.array(solution.row_value),
            np.array(solution.row_dual),
            highs.getInfo().objective_function_value,
        )


@dataclass
class Solution:
    program: LinearProgram
    columns: np.ndarray
    rows: np.ndarray
    duals: np.ndarray
    objective: float

    def __getitem__(self, name: Hashable) -> float:
        return float(self.columns[self.program.names[name]])

    def get(self, name: Hashable, default: float = 0.0) -> float:
        column = self.program.names.get(name)
        return default if column is None else float(self.columns[column])

    def binding_rows(self, tolerance: float = 1e-6) -> list[Hashable]:
        """Rows held at their upper bound with a nonzero shadow price."""
        upper = np.array(self.program.row_upper)
        tight = (np.abs(self.rows - upper) <= tolerance * np.maximum(1.0, np.abs(upper))) & (np.abs(self.duals) > 1e-9)
        return [self.program.row_names[i] for i in np.flatnonzero(tight)]
