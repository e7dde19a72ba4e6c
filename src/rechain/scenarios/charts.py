"""Charts of a scenario result as PNG and SVG (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def write_charts(result: dict[str, Any], folder: Path) -> list[Path]:
    """Shortfall share by region over time, and magnet output by region; PNG and SVG each."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    periods = result["periods"]
    regions = [r for r in result["demand_total_t"] if result["demand_total_t"][r] or _made(result, r)]
    for name, series, ylabel in (
        ("shortfall", lambda p, r: _share(p["regions"][r]), "share of demand not met"),
        ("magnets", lambda p, r: p["regions"][r]["magnets_t"], "magnet output per period (t)"),
    ):
        figure, axes = plt.subplots(figsize=(9, 4.5))
        for region in regions:
            axes.plot(range(len(periods)), [series(p, region) for p in result["by_period"]], label=region)
        axes.set_title(f"{result['scenario']}: {ylabel}")
        axes.set_ylabel(ylabel)
        step = max(1, len(periods) // 12)
        axes.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
        axes.legend(ncols=3, fontsize="small")
        figure.tight_layout()
        for suffix in ("png", "svg"):
            path = folder / f"{name}.{suffix}"
            figure.savefig(path)
            written.append(path)
        plt.close(figure)
    return written


def _share(region: dict[str, Any]) -> float:
    return region["shortfall_t"] / region["demand_t"] if region["demand_t"] else 0.0


def _made(result: dict[str, Any], region: str) -> bool:
    return any(p["regions"][region]["magnets_t"] > 0 for p in result["by_period"])
