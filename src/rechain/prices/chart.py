"""A price chart file: one line per market and unit, never two currencies on one axis."""

from __future__ import annotations

from pathlib import Path

from rechain.prices.series import PriceSeries


def write_chart(result: PriceSeries, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    units = sorted({p.unit for p in result.points})
    figure, axes = plt.subplots(len(units) or 1, 1, figsize=(9, 3.2 * max(1, len(units))), squeeze=False)
    for axis, unit in zip(axes[:, 0], units, strict=False):
        for name, points in result.series().items():
            if points[0].unit != unit:
                continue
            dates = [_as_date(p.date) for p in points]
            axis.plot(dates, [p.value for p in points], marker="o", label=name)
        axis.set_ylabel(unit)
        axis.legend(fontsize=8)
    axes[0, 0].set_title(f"{result.material}: prices ({result.method}; sources in the table)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return path


def _as_date(text: str):  # type: ignore[no-untyped-def]
    import datetime

    return datetime.date.fromisoformat((text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10])
