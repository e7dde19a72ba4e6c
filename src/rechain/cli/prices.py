"""Prices: series per material and market, with their sources and a chart file."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from rechain.cli.shell import Format, FormatOption, app, canonical_material, emit, err, open_loaded_store
from rechain.errors import UsageError


@app.command("prices")
def prices(
    material: Annotated[str, typer.Option(help="a material, e.g. 'NdPr oxide', Dy2O3, terbium")],
    since: Annotated[str | None, typer.Option(help="only points from YYYY-MM-DD on")] = None,
    chart: Annotated[Path | None, typer.Option(help="also write a chart to this PNG or SVG file")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Price points for a material (KB reference points and news), per kg with VAT stated."""
    from rechain.prices.series import price_series

    if since is not None:
        try:
            datetime.date.fromisoformat(since)
        except ValueError:
            raise UsageError(f"--since {since!r} is not a date (YYYY-MM-DD)") from None
    result = price_series(open_loaded_store(), canonical_material(material), since)
    emit(result, format)
    if chart is not None:
        from rechain.prices.chart import write_chart

        if chart.suffix.lower() not in (".png", ".svg"):
            raise UsageError("--chart must name a .png or .svg file")
        if not result.points:
            raise UsageError(f"no price points for {result.material}: nothing to chart")
        err.print(f"chart: {write_chart(result, chart)}", markup=False, highlight=False)
