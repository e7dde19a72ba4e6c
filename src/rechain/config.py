"""Settings, each declared once as (name, default, help)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting(
        "RECHAIN_DATABASE_URL", "", "SQLAlchemy URL of the store (sqlite:/// or postgresql://); wins over RECHAIN_HOME"
    ),
    Setting("RECHAIN_HOME", "~/.rechain", "Folder holding the default store file rechain.sqlite"),
)


def setting(name: str) -> str:
    declared = {s.name: s for s in SETTINGS}[name]
    return os.environ.get(name) or declared.default


def database_url() -> str:
    """Where the store lives: RECHAIN_DATABASE_URL wins, else $RECHAIN_HOME/rechain.sqlite."""
    url = setting("RECHAIN_DATABASE_URL")
    if url:
        return url
    home = Path(setting("RECHAIN_HOME")).expanduser()
    return f"sqlite:///{home / 'rechain.sqlite'}"
