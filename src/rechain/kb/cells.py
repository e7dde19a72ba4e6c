"""Cell types of the knowledge-base files: each parses a raw cell or raises ValueError."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rechain import vocab
from rechain.csvrows import split_list

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
CONFIDENCES = ("high", "medium", "low")


def _id(raw: str, spec: dict[str, Any]) -> str:
    if not SLUG.match(raw):
        raise ValueError(f"id {raw!r} is not a lower-case slug (a-z, 0-9, -)")
    return raw


def _number(raw: str, spec: dict[str, Any]) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a plain number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{raw!r} is not a finite number")
    low, high = spec.get("min"), spec.get("max")
    if low is not None and value < low:
        raise ValueError(f"{raw} is below the minimum {low}")
    if high is not None and value > high:
        raise ValueError(f"{raw} is above the maximum {high}")
    return value


def _year(raw: str, spec: dict[str, Any]) -> int:
    if not raw.isdigit() or not 1800 <= int(raw) <= 2100:
        raise ValueError(f"{raw!r} is not a year")
    return int(raw)


def _int(raw: str, spec: dict[str, Any]) -> int:
    if not raw.lstrip("-").isdigit():
        raise ValueError(f"{raw!r} is not a whole number")
    return int(raw)


def _coordinate(limit: float) -> Callable[[str, dict[str, Any]], float]:
    def parse(raw: str, spec: dict[str, Any]) -> float:
        value = _number(raw, {})
        if not -limit <= value <= limit:
            raise ValueError(f"{raw} is outside -{limit:g}..{limit:g}")
        return value

    return parse


def _url(raw: str, spec: dict[str, Any]) -> str:
    if not re.match(r"^https?://\S+$", raw):
        raise ValueError(f"{raw!r} is not an http(s) URL")
    return raw


def _date(raw: str, spec: dict[str, Any]) -> str:
    if not DATE.match(raw):
        raise ValueError(f"{raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return raw


def _country(raw: str, spec: dict[str, Any]) -> str:
    if raw in spec.get("extra", ()):
        return raw
    if raw not in vocab.countries():
        raise ValueError(f"unknown country code {raw!r}")
    return raw


def _enum(raw: str, spec: dict[str, Any]) -> str:
    if raw not in spec["values"]:
        raise ValueError(f"{raw!r} is not one of {', '.join(spec['values'])}")
    return raw


def _material(raw: str, spec: dict[str, Any]) -> str:
    if raw not in vocab.materials():
        raise ValueError(f"unknown material {raw!r} (see vocab/data/materials.csv)")
    return raw


def _stage(raw: str, spec: dict[str, Any]) -> str:
    if raw not in vocab.stage_names():
        raise ValueError(f"unknown stage {raw!r}")
    return raw


def _confidence(raw: str, spec: dict[str, Any]) -> str:
    if raw not in CONFIDENCES:
        raise ValueError(f"confidence {raw!r} is not one of high, medium, low")
    return raw


def _each(parse: Callable[[str, dict[str, Any]], Any]) -> Callable[[str, dict[str, Any]], list[Any]]:
    return lambda raw, spec: [parse(item, spec) for item in split_list(raw)]


PARSERS: dict[str, Callable[[str, dict[str, Any]], Any]] = {
    "id": _id,
    "text": lambda raw, spec: raw,
    "list": lambda raw, spec: split_list(raw),
    "number": _number,
    "year": _year,
    "int": _int,
    "latitude": _coordinate(90),
    "longitude": _coordinate(180),
    "url": _url,
    "date": _date,
    "country": _country,
    "enum": _enum,
    "ref": _id,
    "material": _material,
    "materials": _each(_material),
    "enum_list": _each(_enum),
    "stage": _stage,
    "stages": _each(_stage),
    "sources": _each(_id),
    "confidence": _confidence,
}


def parse_cell(raw: str, spec: dict[str, Any]) -> Any:
    """Parsed value of a cell, or None when it is empty and not required."""
    if not raw:
        if spec.get("required"):
            raise ValueError("is required")
        return None
    return PARSERS[spec["type"]](raw, spec)
