"""The JSON API under /api."""

from __future__ import annotations

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    """Add the API's routers to `app`."""
