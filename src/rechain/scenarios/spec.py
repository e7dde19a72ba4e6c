"""Scenario files: YAML in, a validated Scenario out; every error names the file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rechain.errors import DataFileError
from rechain.vocab import EU_MEMBERS

STAGES = ("mining", "separation", "metal_alloy", "magnet")
END_USES = (
    "ev_traction",
    "hybrid_vehicles",
    "two_three_wheelers",
    "wind",
    "industrial_motors",
    "consumer_electronics",
    "automotive_other",
    "defence",
    "medical",
    "other",
)
DEFAULT_REGIONS = {
    "CN": ["CN"],
    "MM": ["MM"],
    "AU": ["AU"],
    "US": ["US"],
    "MY": ["MY"],
    "JP": ["JP"],
    "VN": ["VN"],
    "EU": list(EU_MEMBERS),
    "ROW": ["*"],
}


class _LineLoader(yaml.SafeLoader):
    """Records the line of every mapping under the key '__line__'."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


@dataclass
class Control:
    issuer: str
    stages: list[str]
    elements: list[str]
    start: int  # period index
    end: int | None
    approval_rate: float
    name: str = ""
    line: int = 0
    # Licensing delays: share of the uncontrolled export flow held back in a period (negative:
    # held-back flow released above it), stated per month or read from the issuer's trade rows.
    held_back: dict[int, float] = field(default_factory=dict)
    held_back_from_trade: str | None = None


@dataclass
class Outage:
    region: str
    stage: str
    tonnes_per_year: float | None
    facility: str | None
    start: int
    end: int | None
    availability: float
    line: int = 0


@dataclass
class NewCapacity:
    region: str
    stage: str
    tonnes_per_year: float
    start: int
    ramp_periods: int
    label: str = ""
    line: int = 0


@dataclass
class Demand:
    region: str
    end_use: str
    tonnes_per_year: float
    growth_pct: float
    line: int = 0


@dataclass
class Stockpile:
    region: str
    stage: str
    element: str | None
    tonnes: float
    line: int = 0


@dataclass
class Scenario:
    name: str
    description: str
    start_year: int
    start_month: int
    periods: int
    step: str
    regions: dict[str, list[str]]
    elements: list[str]
    utilisation: float
    composition: dict[str, float]  # wt% of magnet
    demand: list[Demand]
    priorities: dict[str, float]
    controls: list[Control] = field(default_factory=list)
    outages: list[Outage] = field(default_factory=list)
    new_capacity: list[NewCapacity] = field(default_factory=list)
    kb_pipeline: dict[str, Any] | None = None
    stockpiles: list[Stockpile] = field(default_factory=list)
    uncertain: dict[str, tuple[float, float]] = field(default_factory=dict)
    element_shares: dict[tuple[str, str], float] = field(default_factory=dict)  # stated assumptions
    notes: list[str] = field(default_factory=list)
    path: str = ""

    @property
    def periods_per_year(self) -> int:
        return 12 if self.step == "month" else 1

    def period_label(self, t: int) -> str:
        if self.step == "year":
            return str(self.start_year + t)
        month = self.start_month - 1 + t
        return f"{self.start_year + month // 12}-{month % 12 + 1:02d}"


class SpecReader:
    """Typed access to one YAML mapping, raising errors that name file and line."""

    def __init__(self, path: str, data: dict[str, Any], scenario: dict[str, Any] | None = None) -> None:
        self.path, self.data, self.line = path, data, int(data.get("__line__", 1))
        self.scenario = scenario

    def fail(self, message: str) -> DataFileError:
        return DataFileError(self.path, None, f"line {self.line}: {message}")

    def get(
        self,
        key: str,
        kind: type | tuple[type, ...],
        default: Any = ...,
        low: float | None = None,
        high: float | None = None,
    ) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.fail(f"{key!r} is required")
            return default
        value = self.data[key]
        if isinstance(kind, tuple) and float in kind and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(f"{key!r} must be {getattr(kind, '__name__', kind)}, not {value!r}")
        number = value if isinstance(value, int | float) else None
        if number is not None and (low is not None and number < low or high is not None and number > high):
            limits = (
                f"outside {low}..{high}"
                if low is not None and high is not None
                else (f"below {low}" if low is not None else f"above {high}")
            )
            raise self.fail(f"{key!r} is {value}, {limits}")
        return value

    def check_keys(self, allowed: set[str]) -> None:
        unknown = set(self.data) - allowed - {"__line__", "note"}
        if unknown:
            raise self.fail(f"unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(allowed))})")


def load_scenario(path: Path) -> Scenario:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), None, f"cannot read scenario ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise DataFileError(str(path), None, f"{where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise DataFileError(str(path), None, "a scenario is a YAML mapping")
    from rechain.scenarios.parse import parse_scenario

    return parse_scenario(SpecReader(str(path), data))
