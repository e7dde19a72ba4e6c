"""The HTML pages (each with a JSON twin) and their packaged static assets."""

from __future__ import annotations

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    """Add the pages' routes and static files to `app`."""
