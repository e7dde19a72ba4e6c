"""The app factory: one store, the API under /api, the pages at the root."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI

from rechain.web import api, pages

if TYPE_CHECKING:
    from rechain.store import Store


def create_app(store: Store, *, token: str | None = None) -> FastAPI:
    """An app over `store`; write endpoints need `token` (none: writes refused)."""
    app = FastAPI(title="rechain", version="0.1.0")
    app.state.store = store
    app.state.token = token
    api.mount(app)
    pages.mount(app)
    return app
