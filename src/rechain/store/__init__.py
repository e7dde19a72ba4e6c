"""The claim store: one interface, SQLite by default, PostgreSQL by URL."""

from rechain.store.store import ClaimRow, Store, open_store

__all__ = ["ClaimRow", "Store", "open_store"]
