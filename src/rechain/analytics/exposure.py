"""Magnet exposure (exposure-v1): contained rare earths per part and per year from magnet
grades and masses, the controls they fall under, and lower-heavy-rare-earth options.

Compositions are ranges from vocab/data/magnet_grades.csv; for each element the most
specific sourced row wins (the grade's class with the same diffusion flag, then a group
of classes, then all grades). An element no row gives stays unknown, never zero.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rechain import vocab
from rechain.analytics.controls import load_controls
from rechain.csvrows import read_rows
from rechain.errors import DataFileError
from rechain.results import Report, Row
from rechain.store import Store

ALGORITHM = "exposure-v1"
COLUMNS = ["part", "grade", "mass_g", "count_per_year", "gbd"]
ELEMENTS = {
    "nd": "neodymium",
    "pr": "praseodymium",
    "dy": "dysprosium",
    "tb": "terbium",
    "sm": "samarium",
    "co": "cobalt",
    "re": "rare earths (total)",
}
NDFEB = re.compile(r"^N?(\d{2})(M|H|SH|UH|EH|AH|TH)?$", re.IGNORECASE)
SMCO = {
    "smco5": "1:5",
    "smco 1:5": "1:5",
    "sm1co5": "1:5",
    "smco 2:17": "2:17",
    "sm2co17": "2:17",
    "smco2:17": "2:17",
    "smco1:5": "1:5",
}
HEAVY = ("dy", "tb")


@dataclass(frozen=True)
class Grade:
    family: str  # "ndfeb" or "smco"
    cls: str  # coercivity class (N, M, H, SH, UH, EH, AH) or SmCo type (1:5, 2:17)
    label: str


def parse_grade(text: str) -> Grade | None:
    cleaned = " ".join(text.strip().split())
    if cleaned.lower() in SMCO:
        return Grade("smco", SMCO[cleaned.lower()], cleaned)
    match = NDFEB.match(cleaned.replace(" ", ""))
    if match:
        return Grade("ndfeb", (match.group(2) or "N").upper(), cleaned.upper())
    return None


def composition(grade: Grade, gbd: bool) -> dict[str, dict[str, Any]]:
    """Per element: (min, max) wt%, and the source row's level and id."""
    rows = [r for r in vocab.magnet_compositions() if r.family == grade.family]
    levels = [
        ("class", lambda r: r.classes == (grade.cls,)),
        ("class group", lambda r: grade.cls in r.classes and len(r.classes) > 1),
        ("all grades", lambda r: r.classes == ("*",) or grade.family == "smco" and grade.cls in r.classes),
    ]
    wanted_gbd = "yes" if gbd else "no"
    found: dict[str, dict[str, Any]] = {}
    for element in ELEMENTS:
        heavy = element in HEAVY
        # Heavy rare earths depend on the class and the process: never a bulk figure for a diffused
        # magnet, never an all-grades range for one class.
        for gbd_flags in ((wanted_gbd,),) if heavy and gbd else ((wanted_gbd,), ("", "no") if gbd else ("",)):
            for level, test in levels[:2] if heavy and grade.family == "ndfeb" else levels:
                match = next((r for r in rows if test(r) and r.gbd in gbd_flags and element in r.ranges), None)
                if match and element not in found:
                    caveat = (
                        ""
                        if match.gbd == wanted_gbd or not gbd
                        else "no diffusion-specific figure: bulk range, an upper bound"
                    )
                    found[element] = {
                        "pct": match.ranges[element],
                        "level": level,
                        "source": match.source,
                        "caveat": caveat,
                    }
    return found


def read_parts(path: Path) -> list[dict[str, Any]]:
    parts = []
    for row_no, cells in read_rows(path, COLUMNS):
        grade = parse_grade(cells["grade"])
        if grade is None:
            raise DataFileError(
                str(path), row_no, f"unknown magnet grade {cells['grade']!r} (e.g. N52, 38UH, SmCo 2:17)"
            )
        try:
            mass, count = float(cells["mass_g"]), float(cells["count_per_year"] or 1)
        except ValueError:
            raise DataFileError(str(path), row_no, "mass_g and count_per_year must be numbers") from None
        if not (0 < mass < math.inf and 0 <= count < math.inf):  # NaN fails every comparison
            raise DataFileError(
                str(path), row_no, "mass_g must be positive and count_per_year not negative (finite numbers)"
            )
        if cells["gbd"].lower() not in ("", "yes", "no"):
            raise DataFileError(str(path), row_no, f"gbd is yes or no, not {cells['gbd']!r}")
        parts.append(
            {
                "part": cells["part"] or f"row {row_no}",
                "grade": grade,
                "mass_g": mass,
                "count": count,
                "gbd": cells["gbd"].lower() == "yes",
            }
        )
    return parts


def exposure(store: Store, path: Path, day: str) -> dict[str, Any]:
    parts = [_part_exposure(store, p, day) for p in read_parts(path)]
    totals: dict[str, list[float]] = {}
    for part in parts:
        for element, amounts in part["per_year_kg"].items():
            if amounts is not None:
                total = totals.setdefault(element, [0.0, 0.0])
                total[0] += amounts[0]
                total[1] += amounts[1]
    return {
        "algorithm": ALGORITHM,
        "date": day,
        "parts": parts,
        "per_year_kg_total": {k: [round(v[0], 4), round(v[1], 4)] for k, v in totals.items()},
    }


def _part_exposure(store: Store, part: dict[str, Any], day: str) -> dict[str, Any]:
    grade: Grade = part["grade"]
    comp = composition(grade, part["gbd"])
    per_part = {
        ELEMENTS[e]: [part["mass_g"] * c["pct"][0] / 100_000, part["mass_g"] * c["pct"][1] / 100_000]
        for e, c in comp.items()
    }
    unknown = [ELEMENTS[e] for e in ELEMENTS if e not in comp and _relevant(grade, e)]
    contained = {name for name, (_, high) in per_part.items() if high > 0} - {ELEMENTS["re"]}
    if grade.family == "ndfeb":  # Nd and Pr are in every NdFeB magnet, known amounts or not
        contained |= {ELEMENTS["nd"], ELEMENTS["pr"]}
    return {
        "part": part["part"],
        "grade": grade.label,
        "family": grade.family,
        "class": grade.cls,
        "gbd": part["gbd"],
        "mass_g": part["mass_g"],
        "count_per_year": part["count"],
        "per_part_kg": {k: [round(v[0], 6), round(v[1], 6)] for k, v in per_part.items()},
        "per_year_kg": {
            k: [round(v[0] * part["count"], 4), round(v[1] * part["count"], 4)] for k, v in per_part.items()
        },
        "composition_sources": {ELEMENTS[e]: c for e, c in comp.items()},
        "unknown": unknown,
        "controls": _controls_for(store, contained, day),
        "scenarios": _scenarios_for(grade, contained),
        "alternatives": _alternatives(grade, part["gbd"], comp),
    }


def _relevant(grade: Grade, element: str) -> bool:
    return element in (("nd", "pr", "dy", "tb") if grade.family == "ndfeb" else ("sm", "co"))


def _controls_for(store: Store, elements: set[str], day: str) -> list[dict[str, Any]]:
    found = []
    for control in load_controls(store):
        covered = set(control.measure.get("materials") or []) & elements
        forms = set(control.measure.get("forms") or [])
        if covered and (not forms or forms & {"magnet", "magnet_material"}):
            found.append(
                {
                    "id": control.id,
                    "reference": control.measure.get("reference"),
                    "status": control.status_on(day),
                    "elements": sorted(covered),
                }
            )
    return sorted(found, key=lambda c: c["id"])


def _scenarios_for(grade: Grade, elements: set[str]) -> list[str]:
    """Bundled scenarios whose controls stop magnets, or the metals in them, containing these elements."""
    from rechain.scenarios.catalog import bundled
    from rechain.scenarios.spec import load_scenario
    from rechain.scenarios.world import NDPR

    symbols = {e.symbol for e in vocab.elements().values() if e.name in elements}
    if {"Nd", "Pr"} & symbols:
        symbols.add(NDPR)
    found = []
    for path in bundled():
        scenario = load_scenario(path)
        if any(set(c.elements) & symbols and {"magnet", "metal_alloy"} & set(c.stages) for c in scenario.controls):
            found.append(path.stem)
        elif grade.family == "ndfeb" and scenario.outages and {"Dy", "Tb"} & symbols:
            found.append(path.stem)  # supply outages of heavy rare earths reach these magnets
    return found


def _alternatives(grade: Grade, gbd: bool, comp: dict[str, dict[str, Any]]) -> list[str]:
    heavy_max = sum(comp[e]["pct"][1] for e in HEAVY if e in comp)
    if grade.family != "ndfeb" or heavy_max == 0:
        return []
    options = []
    if not gbd:
        options.append(
            f"grain-boundary-diffused {grade.label}: sources in magnet_grades.csv report heavy rare earth "
            "use cut by roughly half or more for the same class"
        )
    if grade.cls not in ("N", "M"):
        options.append("a lower coercivity class, where the part's operating temperature allows it, needs less Dy/Tb")
    return options


@dataclass(frozen=True)
class ExposureReport(Report):
    """`exposure`: one row per part and element, with the controls in force."""

    columns = ("part", "grade", "element", "kg/year min", "kg/year max", "controls")

    title_format = "magnet exposure ({algorithm})"

    def rows(self) -> list[Row]:
        return [
            {
                "part": p["part"],
                "grade": p["grade"],
                "element": e,
                "kg/year min": v[0],
                "kg/year max": v[1],
                "controls": ", ".join(c["id"] for c in p["controls"] if c["status"] == "in force"),
            }
            for p in self.data["parts"]
            for e, v in p["per_year_kg"].items()
        ]


def exposure_report(store: Store, path: Path, day: str) -> ExposureReport:
    return ExposureReport(exposure(store, path, day))
