"""What every route asks of the running app: its store (opened once per process)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request

if TYPE_CHECKING:
    from rechain.store import Store


def get_store(request: Request) -> Store:
    """The app's store; routes take it with `Depends(get_store)`."""
    store: Store = request.app.state.store
    return store
