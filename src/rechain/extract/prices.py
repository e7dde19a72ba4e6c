"""Price statements (prices-v1): a price report says several things in one sentence ('NdPr
oxide fell 2,000 yuan/t to 598,000 yuan/t, the metal fell 2,500 yuan/t ...'). Each movement
word opens a statement about the materials named just before it (else just after it), with
the figures up to the next movement; each statement becomes its own PRICE_MOVEMENT with a
`price` object: material, market and basis where stated, value, currency, unit, change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rechain.extract.quantities import Quantity

UP = (
    r"rose|rises?|rising|risen|climb\w*|jump\w*|surg\w*|gain(?:ed|s)?|edged up|edged higher|increas\w*|soar\w*|"
    r"rall(?:y|ied|ies)|firmed|strengthened|shot up|grew|grow(?:s|ing)?|higher|adjusted up\w*|"
    r"上涨|上调|走高|反弹|上行|上升|攀升|涨"
)
DOWN = (
    r"fell|falls?|falling|fallen|slipp?\w*|dropp?\w*|declin\w*|edged down|edged lower|decreas\w*|tumbl\w*|"
    r"plung\w*|eased|weakened|weaker|lower|slid|adjusted down\w*|下跌|下调|走低|回落|下行|下降|下滑|跌"
)
MOVE = re.compile(rf"(?:\b|(?<=[\u4e00-\u9fff]))(?:(?P<up>{UP})|(?P<down>{DOWN}))(?:\b|(?=[\u4e00-\u9fff\d]))", re.I)
PER_UNIT = re.compile(
    r"(?:\s*\([^)]{0,30}\))?\s*(?:/|per\s+|a\s+)?(?:metric\s+)?"
    r"(?P<unit>tonnes?|tons?|mt\b|t\b|kg\b|kilograms?|lb\b|pounds?|吨|公斤|千克)",
    re.I,
)
UNIT_NAMES = {"吨": "t", "公斤": "kg", "千克": "kg", "lb": "lb", "pound": "lb"}
MARKETS = (
    ("FOB China", re.compile(r"\bFOB China\b", re.I)),
    ("CIF Rotterdam", re.compile(r"\bCIF Rotterdam\b", re.I)),
    ("CIF Europe", re.compile(r"\bCIF Europe\b", re.I)),
    ("China domestic", re.compile(r"\bdomestic\b|\bChina spot\b|\bChinese markets?\b|国内", re.I)),
    ("exchange", re.compile(r"\bexchange\b|交易所", re.I)),
)
BASES = (
    ("incl. VAT", re.compile(r"\bincl(?:uding|\.)? VAT\b|含税", re.I)),
    ("excl. VAT", re.compile(r"\bexcl(?:uding|\.)? VAT\b|不含税", re.I)),
    ("ex-works", re.compile(r"\bex-?works\b|\bEXW\b", re.I)),
)
CURRENCIES = {"CNY", "USD", "AUD", "EUR"}


@dataclass
class Statement:
    start: int  # offsets into the article
    end: int
    direction: str  # "up" or "down"
    materials: list[str]
    figures: list[Quantity]


def statements(
    text: str, span: tuple[int, int], materials: list[tuple[int, str]], figures: list[Quantity]
) -> list[Statement]:
    """The price statements of one sentence. `materials` are (offset, canonical name) pairs."""
    start, end = span
    moves = list(MOVE.finditer(text, start, end))
    found: list[Statement] = []
    for i, move in enumerate(moves):
        opens = moves[i - 1].end() if i else start
        closes = moves[i + 1].start() if i + 1 < len(moves) else end
        # the materials named after the previous statement's last figure and before this movement
        since = max((q.end for q in figures if opens <= q.start < move.start()), default=opens)
        before = _unique(name for at, name in materials if since <= at < move.start())
        after = _unique(name for at, name in materials if move.end() <= at < closes)
        own = [q for q in figures if move.start() <= q.start < closes]
        subject = before or after
        if found and (not subject or subject == found[-1].materials) and not (own and found[-1].figures):
            found[-1].end = closes  # 'rose ... increasing 3%': one statement told twice
            found[-1].figures += own
            continue
        direction = "up" if move.group("up") else "down"
        found.append(Statement(move.start() if not before else opens, closes, direction, subject, own))
    return found


def _unique(names: Any) -> list[str]:
    return list(dict.fromkeys(names))


def price_details(text: str, statement: Statement, sentence: tuple[int, int], date: str | None) -> dict[str, Any]:
    """The `price` object of a statement: what is priced where, at what, and how it moved."""
    # '$72,715' in 'CNY 445,000 ($72,715)' restates the price in another currency
    money = [q for q in statement.figures if q.unit in CURRENCIES and text[q.start - 1 : q.start] != "("]
    changes = [q for q in statement.figures if q.unit == "%"]
    value = money[-1] if money else None  # 'fell by 2,000 yuan/t to 598,000 yuan/t': the level comes last
    change: dict[str, Any] | None = None
    if changes:
        change = {"value": _signed(changes[0].value, statement.direction), "unit": "%"}
    elif len(money) >= 2:
        change = {"value": _signed(money[0].value, statement.direction), "unit": money[0].unit}
    context = text[sentence[0] : sentence[1]]
    return {
        "material": statement.materials[0] if statement.materials else None,
        "market": next((name for name, cue in MARKETS if cue.search(context)), None),
        "basis": next((name for name, cue in BASES if cue.search(context)), None),
        "value": value.value if value else None,
        "currency": value.unit if value else None,
        "unit": _unit_after(text, value) if value else None,
        "change": change,
        "direction": statement.direction,
        "date": date,
    }


def _signed(value: float, direction: str) -> float:
    return -abs(value) if direction == "down" else abs(value)


def _unit_after(text: str, figure: Quantity) -> str | None:
    """'598,000 yuan/ton' -> 't'; '$72 per kilogram' -> 'kg'; a price with no unit stated -> None."""
    match = PER_UNIT.match(text, figure.end, figure.end + 24)
    if not match:
        return None
    word = match.group("unit").lower()
    if word in UNIT_NAMES:
        return UNIT_NAMES[word]
    return "kg" if word.startswith("k") else "lb" if word.startswith(("lb", "pound")) else "t"
