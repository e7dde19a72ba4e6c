"""The vocabulary: stages, event types, elements, materials and countries, loaded from data.

Every other part of rechain (validation, extraction, docs, page legends) takes its
names from here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rechain.csvrows import read_rows, split_list

DATA = Path(__file__).parent / "data"
# EU member states (ISO alpha-2) since 1 February 2020
EU_MEMBERS = (
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
)


@dataclass(frozen=True)
class StageInfo:
    name: str
    order: int
    label: str
    makes: str


@dataclass(frozen=True)
class Element:
    symbol: str
    name: str
    name_zh: str
    atomic_number: int
    atomic_weight: float | None  # None for promethium: no stable isotope
    group: str
    oxide_formula: str
    oxide_to_metal: float | None


@dataclass(frozen=True)
class Material:
    name: str
    kind: str
    element: str | None
    stages: tuple[str, ...]
    aliases: tuple[str, ...]
    reo_content_min: float | None
    reo_content_max: float | None


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    name_zh: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class MaterialFlow:
    input: str
    output: str
    stage: str


def fold(text: str) -> str:
    """Case-, width- and punctuation-insensitive form used for name look-ups."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [ch if ch.isalnum() else " " for ch in text]
    return " ".join("".join(kept).split())


def _num(cell: str) -> float | None:
    return float(cell) if cell else None


@cache
def stages() -> tuple[StageInfo, ...]:
    rows = read_rows(DATA / "stages.csv")
    found = [StageInfo(r["name"], int(r["order"]), r["label"], r["makes"]) for _, r in rows]
    return tuple(sorted(found, key=lambda s: s.order))


@cache
def stage_names() -> tuple[str, ...]:
    return tuple(s.name for s in stages())


@cache
def event_types() -> dict[str, str]:
    return {r["name"]: r["covers"] for _, r in read_rows(DATA / "event_types.csv")}


@cache
def elements() -> dict[str, Element]:
    out = {}
    for _, r in read_rows(DATA / "elements.csv"):
        out[r["symbol"]] = Element(
            r["symbol"],
            r["name"],
            r["name_zh"],
            int(r["atomic_number"]),
            _num(r["atomic_weight"]),
            r["group"],
            r["oxide_formula"],
            _num(r["oxide_to_metal"]),
        )
    return out


@cache
def materials() -> dict[str, Material]:
    out = {}
    for _, r in read_rows(DATA / "materials.csv"):
        out[r["name"]] = Material(
            r["name"],
            r["kind"],
            r["element"] or None,
            tuple(split_list(r["stage"])),
            tuple(split_list(r["aliases"])),
            _num(r["reo_content_min"]),
            _num(r["reo_content_max"]),
        )
    return out


@cache
def _material_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for material in materials().values():
        for label in (material.name, *material.aliases):
            index.setdefault(fold(label), material.name)
    for element in elements().values():
        index.setdefault(fold(element.symbol), element.name)
        index.setdefault(fold(element.name_zh), element.name)
    return index


def material_named(label: str) -> str | None:
    """Canonical material name for a name, alias, symbol or formula; None if unknown."""
    return _material_index().get(fold(label))


@cache
def countries() -> dict[str, Country]:
    out = {}
    for _, r in read_rows(DATA / "countries.csv"):
        aliases = tuple(split_list(r["aliases"]) + split_list(r["aliases_zh"]))
        out[r["code"]] = Country(r["code"], r["name"], r["name_zh"], aliases)
    return out


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries().values():
        for label in (country.name, country.name_zh, *country.aliases):
            if label:
                index.setdefault(fold(label), country.code)
    return index


def country_code(label: str) -> str | None:
    """ISO alpha-2 code for a code, English or Chinese name or alias; None if unknown."""
    if label.upper() in countries():
        return label.upper()
    return _country_index().get(fold(label))


@cache
def material_flows() -> tuple[MaterialFlow, ...]:
    rows = read_rows(DATA / "material_flows.csv")
    return tuple(MaterialFlow(r["input"], r["output"], r["stage"]) for _, r in rows)


@dataclass(frozen=True)
class MagnetComposition:
    """One sourced row of magnet_grades.csv: wt% ranges per element (None where unsourced)."""

    family: str
    classes: tuple[str, ...]  # ("*",) for every class
    gbd: str  # "yes", "no" or "" (either)
    ranges: dict[str, tuple[float, float]]
    source: str
    note: str


@cache
def magnet_compositions() -> tuple[MagnetComposition, ...]:
    out = []
    for _, r in read_rows(DATA / "magnet_grades.csv"):
        ranges = {}
        for element in ("nd", "pr", "dy", "tb", "sm", "co", "re"):
            low, high = _num(r[f"{element}_pct_min"]), _num(r[f"{element}_pct_max"])
            if low is not None or high is not None:
                ranges[element] = (low if low is not None else high or 0.0, high if high is not None else low or 0.0)
        out.append(
            MagnetComposition(
                r["family"], tuple(split_list(r["grade_pattern"])), r["gbd"], ranges, r["source"], r["note"]
            )
        )
    return tuple(out)
