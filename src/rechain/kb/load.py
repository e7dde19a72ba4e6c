"""Loading the knowledge base into a store: all or nothing, and idempotent."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rechain.kb.claims import kb_content
from rechain.kb.files import DATA_DIR
from rechain.kb.validate import validate_kb
from rechain.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadReport:
    sources: int
    entities: int
    claims: int
    new_claims: int
    retracted: int
    revived: int


def load_kb(store: Store, folder: Path = DATA_DIR) -> LoadReport:
    """Validate, then write the knowledge base; on any problem raise it and write nothing."""
    rows, problems = validate_kb(folder)
    if problems:
        raise problems[0]
    content = kb_content(rows)
    added = store.write(content.sources, content.entities, content.claims)
    synced = store.sync_curated({c.id for c in content.claims})
    log.info("knowledge base loaded: %s new claims, %s retracted", added["claims"], synced["retracted"])
    return LoadReport(
        len(content.sources),
        len(content.entities),
        len({c.id for c in content.claims}),
        added["claims"],
        synced["retracted"],
        synced["revived"],
    )


def ensure_loaded(store: Store) -> None:
    """First use of an empty store: load the bundled knowledge base."""
    if store.is_empty():
        load_kb(store)
