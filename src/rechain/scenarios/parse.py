"""Parsing a scenario mapping into a Scenario, checking names and numbers as it goes."""

from __future__ import annotations

import re
from typing import Any

from rechain import vocab
from rechain.scenarios.spec import (
    DEFAULT_REGIONS,
    END_USES,
    STAGES,
    Control,
    Demand,
    NewCapacity,
    Outage,
    Scenario,
    SpecReader,
    Stockpile,
)

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
TOP_KEYS = {
    "name",
    "description",
    "start",
    "periods",
    "step",
    "regions",
    "elements",
    "utilisation",
    "magnet_composition",
    "demand",
    "priorities",
    "controls",
    "outages",
    "new_capacity",
    "kb_pipeline",
    "stockpiles",
    "uncertain",
    "element_shares",
}


def parse_scenario(r: SpecReader) -> Scenario:
    r.check_keys(TOP_KEYS)
    start = str(r.get("start", (str,)))
    match = MONTH.match(start)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise r.fail(f"'start' is YYYY-MM, not {start!r}")
    scenario = Scenario(
        name=r.get("name", str),
        description=r.get("description", str, ""),
        start_year=int(match.group(1)),
        start_month=int(match.group(2)),
        periods=r.get("periods", int, low=1, high=240),
        step=r.get("step", str, "month"),
        regions=_regions(r),
        elements=_elements(r),
        utilisation=r.get("utilisation", (float,), 1.0, 0.0, 1.0),
        composition={},
        demand=[],
        priorities={},
        path=r.path,
    )
    if scenario.step not in ("month", "year"):
        raise r.fail(f"'step' is month or year, not {scenario.step!r}")
    scenario.composition = _composition(r, scenario.elements)
    scenario.priorities = _priorities(r)
    scenario.demand = [_demand(_child(r, d), scenario) for d in r.get("demand", list)]
    scenario.controls = [_control(_child(r, c), scenario) for c in r.get("controls", list, [])]
    scenario.outages = [_outage(_child(r, o), scenario) for o in r.get("outages", list, [])]
    scenario.new_capacity = [_new_capacity(_child(r, n), scenario) for n in r.get("new_capacity", list, [])]
    scenario.stockpiles = [_stockpile(_child(r, s), scenario) for s in r.get("stockpiles", list, [])]
    scenario.kb_pipeline = _kb_pipeline(r)
    scenario.uncertain = _uncertain(r)
    scenario.element_shares = _element_shares(r, scenario)
    return scenario


def _element_shares(r: SpecReader, scenario: Scenario) -> dict[tuple[str, str], float]:
    """Assumed element shares of mined REO (fractions), where the knowledge base has none."""
    raw = r.get("element_shares", dict, {})
    block = SpecReader(r.path, raw)
    out = {}
    for region, shares in raw.items():
        if region in ("__line__", "note"):
            continue
        if region not in scenario.regions or not isinstance(shares, dict):
            raise block.fail(f"element_shares: unknown region {region!r}")
        child = SpecReader(r.path, shares)
        for element in scenario.elements:
            value = child.get(element, (float,), None, 0.0, 1.0)
            if value is not None:
                out[(region, element)] = value
        child.check_keys(set(scenario.elements))
    return out


def _child(parent: SpecReader, data: Any) -> SpecReader:
    if not isinstance(data, dict):
        raise parent.fail(f"expected a mapping, found {data!r}")
    return SpecReader(parent.path, data)


def _regions(r: SpecReader) -> dict[str, list[str]]:
    raw = r.get("regions", dict, None)
    if raw is None:
        return DEFAULT_REGIONS
    regions = {k: v for k, v in raw.items() if k not in ("__line__", "note")}
    for name, members in regions.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise r.fail(f"region {name!r} must list ISO country codes or '*'")
        for code in members:
            if code != "*" and code not in vocab.countries():
                raise r.fail(f"region {name!r}: unknown country code {code!r}")
    if sum("*" in m for m in regions.values()) != 1:
        raise r.fail("exactly one region must hold '*' (every other country)")
    return regions


def _elements(r: SpecReader) -> list[str]:
    elements = r.get("elements", list, ["NdPr", "Dy", "Tb"])
    for symbol in elements:
        if symbol != "NdPr" and symbol not in vocab.elements():
            raise r.fail(f"unknown element symbol {symbol!r}")
    return list(elements)


def _composition(r: SpecReader, elements: list[str]) -> dict[str, float]:
    raw = _child(r, r.get("magnet_composition", dict))
    out = {}
    for symbol in elements:
        out[symbol] = raw.get(symbol, (float,), low=0.0, high=100.0)
    raw.check_keys(set(elements))
    return out


def _priorities(r: SpecReader) -> dict[str, float]:
    raw = r.get("priorities", dict, {})
    out = {u: 1.0 for u in END_USES}
    for key, value in raw.items():
        if key in ("__line__", "note"):
            continue
        if key not in END_USES:
            raise r.fail(f"unknown end use {key!r} in priorities")
        if not isinstance(value, int | float) or value <= 0:
            raise r.fail(f"priority of {key!r} must be a positive number")
        out[key] = float(value)
    return out


def period_of(r: SpecReader, scenario: Scenario, key: str, default: Any = ...) -> int | None:
    text = r.get(key, str, default)
    if text is None:
        return None
    match = MONTH.match(text)
    if not match:
        raise r.fail(f"{key!r} is YYYY-MM, not {text!r}")
    months = (int(match.group(1)) - scenario.start_year) * 12 + int(match.group(2)) - scenario.start_month
    return max(months // (12 // scenario.periods_per_year), 0)


def _region(r: SpecReader, scenario: Scenario, key: str = "region") -> str:
    name = r.get(key, str)
    if name not in scenario.regions:
        raise r.fail(f"unknown region {name!r} (regions: {', '.join(scenario.regions)})")
    return name


def _stage(r: SpecReader, value: str) -> str:
    if value not in STAGES:
        raise r.fail(f"unknown stage {value!r} (stages: {', '.join(STAGES)})")
    return value


def _demand(r: SpecReader, scenario: Scenario) -> Demand:
    r.check_keys({"region", "end_use", "t_per_year", "growth_pct"})
    end_use = r.get("end_use", str)
    if end_use not in END_USES:
        raise r.fail(f"unknown end use {end_use!r}")
    return Demand(
        _region(r, scenario),
        end_use,
        r.get("t_per_year", (float,), low=0.0),
        r.get("growth_pct", (float,), 0.0, -100.0, 1000.0),
        r.line,
    )


def _control(r: SpecReader, scenario: Scenario) -> Control:
    r.check_keys(
        {"name", "issuer", "stages", "elements", "from", "to", "approval_rate", "held_back", "held_back_from_trade"}
    )
    stages = [_stage(r, s) for s in r.get("stages", list)]
    elements = r.get("elements", list, list(scenario.elements))
    for e in elements:
        if e not in scenario.elements:
            raise r.fail(f"element {e!r} is not modelled (elements: {', '.join(scenario.elements)})")
    return Control(
        _region(r, scenario, "issuer"),
        stages,
        elements,
        period_of(r, scenario, "from") or 0,
        period_of(r, scenario, "to", None),
        r.get("approval_rate", (float,), low=0.0, high=1.0),
        r.get("name", str, ""),
        r.line,
        _held_back(r, scenario),
        _trade_material(r),
    )


def _held_back(r: SpecReader, scenario: Scenario) -> dict[int, float]:
    """Month -> share of the uncontrolled export flow held back that month (negative: released)."""
    raw = r.get("held_back", dict, {})
    out = {}
    for month, share in raw.items():
        if month in ("__line__", "note"):
            continue
        if not isinstance(month, str) or not MONTH.match(month):
            raise r.fail(f"held_back: months are YYYY-MM, not {month!r}")
        if not isinstance(share, int | float) or isinstance(share, bool) or not -1.0 <= share <= 1.0:
            raise r.fail(f"held_back: the share for {month} must lie within -1..1, not {share!r}")
        period = period_of(SpecReader(r.path, {"month": month, "__line__": r.line}), scenario, "month")
        out[period or 0] = float(share)
    return out


def _trade_material(r: SpecReader) -> str | None:
    material = r.get("held_back_from_trade", str, None)
    if material is not None and material not in vocab.materials():
        raise r.fail(f"held_back_from_trade: unknown material {material!r}")
    return material


def _outage(r: SpecReader, scenario: Scenario) -> Outage:
    r.check_keys({"facility", "region", "stage", "t_per_year", "from", "to", "availability"})
    facility = r.get("facility", str, None)
    region = _region(r, scenario) if facility is None else r.get("region", str, "")
    stage = _stage(r, r.get("stage", str)) if facility is None else r.get("stage", str, "")
    tonnes = r.get("t_per_year", (float,), None, 0.0) if facility is None else None
    if facility is None and tonnes is None:
        raise r.fail("an outage names a facility, or a region, stage and t_per_year")
    return Outage(
        region,
        stage,
        tonnes,
        facility,
        period_of(r, scenario, "from") or 0,
        period_of(r, scenario, "to", None),
        r.get("availability", (float,), 0.0, 0.0, 1.0),
        r.line,
    )


def _new_capacity(r: SpecReader, scenario: Scenario) -> NewCapacity:
    r.check_keys({"region", "stage", "t_per_year", "from", "ramp_months", "label"})
    ramp = r.get("ramp_months", int, 0, 0, 120)
    return NewCapacity(
        _region(r, scenario),
        _stage(r, r.get("stage", str)),
        r.get("t_per_year", (float,), low=0.0),
        period_of(r, scenario, "from") or 0,
        max(ramp * scenario.periods_per_year // 12, 0),
        r.get("label", str, ""),
        r.line,
    )


def _stockpile(r: SpecReader, scenario: Scenario) -> Stockpile:
    r.check_keys({"region", "stage", "element", "tonnes"})
    stage = _stage(r, r.get("stage", str))
    element = r.get("element", str, None)
    if stage != "magnet" and element not in scenario.elements:
        raise r.fail(f"a {stage} stockpile names a modelled element, not {element!r}")
    return Stockpile(_region(r, scenario), stage, element, r.get("tonnes", (float,), low=0.0), r.line)


def _kb_pipeline(r: SpecReader) -> dict[str, Any] | None:
    raw = r.get("kb_pipeline", dict, None)
    if raw is None:
        return None
    child = SpecReader(r.path, raw)
    child.check_keys({"delay_years", "outside", "ramp_months"})
    delays = child.get("delay_years", dict, {"construction": 1, "planned": 3})
    return {
        "delay_years": {k: int(v) for k, v in delays.items() if k != "__line__"},
        "outside": child.get("outside", list, ["CN"]),
        "ramp_months": child.get("ramp_months", int, 12, 0, 120),
    }


def _uncertain(r: SpecReader) -> dict[str, tuple[float, float]]:
    raw = r.get("uncertain", dict, {})
    out = {}
    for key, bounds in raw.items():
        if key == "__line__":
            continue
        if key not in ("utilisation", "approval_rate", "ramp_delay_months"):
            raise r.fail(f"unknown uncertain input {key!r} (utilisation, approval_rate, ramp_delay_months)")
        if not (
            isinstance(bounds, list)
            and len(bounds) == 2
            and all(isinstance(b, int | float) for b in bounds)
            and bounds[0] <= bounds[1]
        ):
            raise r.fail(f"uncertain {key!r} is [low, high]")
        if key != "ramp_delay_months" and not (bounds[0] >= 0 and bounds[1] <= 1):
            raise r.fail(f"uncertain {key!r} must lie within 0..1")
        out[key] = (float(bounds[0]), float(bounds[1]))
    return out
