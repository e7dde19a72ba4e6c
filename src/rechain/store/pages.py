"""One page of a filtered query: the items, how many match in all, and where the page is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select, func, select

from rechain.errors import UsageError

T = TypeVar("T")
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int  # rows matching the filters, on every page
    limit: int
    offset: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": [item.as_dict() if hasattr(item, "as_dict") else item for item in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


def check_window(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise UsageError(f"offset cannot be negative ({offset})")


def fetch_page(conn: Connection, query: Select[Any], limit: int, offset: int, item: Callable[[Any], T]) -> Page[T]:
    """Run an ordered, filtered query for one page; the total is a COUNT in SQL, not a row load."""
    check_window(limit, offset)
    total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = conn.execute(query.limit(limit).offset(offset))
    return Page([item(r) for r in rows], int(total), limit, offset)
