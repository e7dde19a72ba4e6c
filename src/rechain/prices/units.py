"""Price units and their traps: yuan per tonne against dollars per kilogram, 万元 (ten
thousand yuan) per tonne, China's domestic prices quoted with VAT. Every conversion made is
returned as a sentence, so nothing is mixed silently; currencies are never converted."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rechain.errors import UsageError

CURRENCIES = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollar": "USD", "dollars": "USD", "美元": "USD",
    "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "元": "CNY", "¥": "CNY", "人民币": "CNY",
    "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR",
}  # fmt: skip
KILOGRAMS = {
    "kg": 1.0, "kilogram": 1.0, "kilo": 1.0, "公斤": 1.0, "千克": 1.0,
    "t": 1000.0, "mt": 1000.0, "tonne": 1000.0, "ton": 1000.0, "metric ton": 1000.0, "吨": 1000.0,
    "lb": 0.45359237, "pound": 0.45359237,
}  # fmt: skip
MULTIPLIERS = {"万": 1e4, "千": 1e3, "亿": 1e8, "thousand": 1e3, "k": 1e3, "million": 1e6}
UNIT = re.compile(
    r"^\s*(?P<mult>万|千|亿|thousand|k|million)?\s*(?P<cur>[^\s/]+?)s?\s*(?:/|per|每)\s*(?P<mass>.+?)\s*$"
)
VAT_FILE = Path(__file__).parent / "data" / "vat_cn.csv"


@dataclass(frozen=True)
class PriceUnit:
    currency: str
    kilograms: float  # mass the price is quoted per
    multiplier: float = 1.0  # 万元/吨: the number counts ten thousands of yuan

    @property
    def label(self) -> str:
        return f"{self.currency}/kg"


def parse_unit(text: str) -> PriceUnit:
    """'yuan/t', 'USD/kg', '万元/吨', 'US$ per lb' -> currency and mass; unknown units are refused."""
    match = UNIT.match(text.lower())
    if not match:
        raise UsageError(f"unknown price unit {text!r} (expected currency/mass, e.g. USD/kg, yuan/t, 万元/吨)")
    currency = CURRENCIES.get(match["cur"].rstrip("s")) or CURRENCIES.get(match["cur"])
    mass = KILOGRAMS.get(match["mass"].rstrip("s")) or KILOGRAMS.get(match["mass"])
    if currency is None or mass is None:
        raise UsageError(f"unknown price unit {text!r} (currency or mass not recognised)")
    return PriceUnit(currency, mass, MULTIPLIERS.get(match["mult"] or "", 1.0))


@dataclass(frozen=True)
class Normalised:
    value: float  # per kilogram, VAT excluded where the quote included it and the rate is known
    unit: str  # e.g. "CNY/kg"
    vat: str  # excluded | not_applicable | unknown | included (kept when the rate is unknown)
    steps: tuple[str, ...]  # each conversion made, in words


@cache
def vat_rates() -> tuple[tuple[str, float, str], ...]:
    """China's standard VAT rate on goods by the date it took effect, with its KB source id."""
    with VAT_FILE.open(encoding="utf-8") as stream:
        return tuple((r["from"], float(r["rate_pct"]), r["source"]) for r in csv.DictReader(stream))


def china_vat_on(date: str) -> tuple[float, str] | None:
    """The rate in force on a date (YYYY, YYYY-MM or YYYY-MM-DD), or None before the first known one."""
    day = (date + "-12-31")[:10] if len(date) == 4 else (date + "-28")[:10] if len(date) == 7 else date
    found = None
    for start, rate, source in vat_rates():
        if start <= day:
            found = (rate, source)
    return found


def normalise(value: float, unit: PriceUnit, vat: str, date: str | None, market: str) -> Normalised:
    """A quote per kilogram in its own currency, China's domestic VAT removed where it was included."""
    steps = []
    amount = value * unit.multiplier
    if unit.multiplier != 1.0:
        steps.append(f"x{unit.multiplier:g} (quoted in multiples of {unit.multiplier:g} {unit.currency})")
    if unit.kilograms != 1.0:
        amount /= unit.kilograms
        steps.append(f"/{unit.kilograms:g} (per {unit.kilograms:g} kg to per kg)")
    if vat == "included" and market == "china-domestic":
        rate = china_vat_on(date) if date else None
        if rate is None:
            steps.append("VAT included, rate on that date unknown: left in")
        else:
            amount /= 1 + rate[0] / 100
            steps.append(f"/{1 + rate[0] / 100:g} (China VAT {rate[0]:g}% removed, source {rate[1]})")
            vat = "excluded"
    return Normalised(round(amount, 4), unit.label, vat, tuple(steps))
