"""The bundled scenarios, and finding a scenario by file path or bundled name."""

from __future__ import annotations

from pathlib import Path

from rechain.errors import NotFoundError
from rechain.results import Rows
from rechain.scenarios.spec import Scenario, load_scenario

DATA = Path(__file__).parent / "data"


def bundled() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


def find_scenario(name_or_path: str) -> Scenario:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise NotFoundError(f"no scenario file {name_or_path!r}")
        return load_scenario(path)
    candidate = DATA / f"{name_or_path}.yaml"
    if not candidate.is_file():
        names = ", ".join(p.stem for p in bundled())
        raise NotFoundError(f"no bundled scenario {name_or_path!r} (bundled: {names})")
    return load_scenario(candidate)


def catalog() -> Rows:
    """`scenario list`: one row per bundled scenario."""
    rows = []
    for path in bundled():
        scenario = load_scenario(path)
        rows.append(
            {
                "name": path.stem,
                "title": scenario.name,
                "start": scenario.period_label(0),
                "periods": scenario.periods,
                "step": scenario.step,
            }
        )
    return Rows(rows, title="bundled scenarios", columns=("name", "title", "start", "periods", "step"))
