"""Quantities with units, normalised: tonnes, tonnes a year, money (USD, CNY, AUD, EUR),
percentages and counts; Chinese 万/亿 multipliers included."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "万": 1e4,
    "亿": 1e8,
    "千": 1e3,
    "百万": 1e6,
}
CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "a$": "AUD",
    "aud": "AUD",
    "€": "EUR",
    "eur": "EUR",
    "yuan": "CNY",
    "cny": "CNY",
    "rmb": "CNY",
    "元": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "澳元": "AUD",
}
PATTERNS = [
    (
        "money",
        re.compile(rf"(US\$|A\$|\$|€|USD|AUD|EUR|CNY|RMB)\s?{NUMBER}\s?(thousand|million|billion|mln|bn|m|k)?\b", re.I),
    ),
    (
        "money_after",
        re.compile(rf"{NUMBER}\s?(thousand|million|billion|mln|bn)?\s?(yuan|CNY|RMB|USD|dollars|euros)\b", re.I),
    ),
    ("money_zh", re.compile(rf"{NUMBER}\s?(万|亿|千|百万)?\s?(元|美元|欧元|澳元)")),
    (
        "tonnes",
        re.compile(
            rf"{NUMBER}\s?(thousand|million|mln|k)?\s?(tonnes|tons|metric tons|t|mt|kt)\b"
            r"(\s?(?:per year|a year|per annum|/y|/yr|tpa|annually|of annual))?",
            re.I,
        ),
    ),
    ("tonnes_zh", re.compile(rf"{NUMBER}\s?(万|千)?\s?吨(/年|每年)?")),
    ("percent", re.compile(rf"{NUMBER}\s?(%|percent|per cent|pc\b)")),
]


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit, "text": self.text}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(q.start < m.end() and m.start() < q.end for q in found):
                continue
            quantity = _parse(kind, m)
            if quantity is not None:
                found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def _parse(kind: str, m: re.Match[str]) -> Quantity | None:
    g = m.groups()
    if kind == "money":
        value, unit = _number(g[1]) * SCALE.get((g[2] or "").lower(), 1), CURRENCY[g[0].lower()]
    elif kind == "money_after":
        currency = {"dollars": "USD", "euros": "EUR"}.get(g[2].lower(), CURRENCY.get(g[2].lower(), "USD"))
        value, unit = _number(g[0]) * SCALE.get((g[1] or "").lower(), 1), currency
    elif kind == "money_zh":
        value, unit = _number(g[0]) * SCALE.get(g[1] or "", 1), CURRENCY[g[2]]
    elif kind == "tonnes":
        scale = SCALE.get((g[1] or "").lower(), 1) * (1000 if g[2].lower() == "kt" else 1)
        if g[2].lower() == "mt" and not g[1]:
            scale = 1e6 if m.group(0).strip().endswith(("Mt", "MT")) else 1  # "Mt" million tonnes; "mt" metric tons
        value, unit = _number(g[0]) * scale, "t/y" if g[3] else "t"
    elif kind == "tonnes_zh":
        value, unit = _number(g[0]) * SCALE.get(g[1] or "", 1), "t/y" if g[2] else "t"
    else:
        value, unit = _number(g[0]), "%"
    return Quantity(m.start(), m.end(), value, unit, m.group(0))
