"""Loading the knowledge base into a store: all or nothing, and idempotent."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rechain.errors import RechainError
from rechain.kb.claims import VOCABULARY_SOURCE, kb_content
from rechain.kb.files import DATA_DIR
from rechain.kb.validate import validate_kb
from rechain.store import Store

log = logging.getLogger(__name__)
# A load that would retract more than this share of the curated knowledge-base claims (the
# vocabulary's names always stay) is far more likely a wrong folder than an edit of the
# knowledge base; it needs force=True.
MAX_RETRACTED_SHARE = 0.5


class RetractionRefused(RechainError):
    """A load would retract most of the curated knowledge base."""


@dataclass(frozen=True)
class LoadReport:
    sources: int
    entities: int
    claims: int
    new_claims: int
    retracted: int
    revived: int


def load_kb(store: Store, folder: Path = DATA_DIR, force: bool = False) -> LoadReport:
    """Validate, then write the knowledge base; on any problem raise it and write nothing.

    A folder that would retract most of the curated claims (an empty or wrong folder) is
    refused unless `force`."""
    rows, problems = validate_kb(folder)
    if problems:
        raise problems[0]
    content = kb_content(rows)
    if not force:
        _refuse_mass_retraction(store, {c.id for c in content.claims}, folder)
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


def _refuse_mass_retraction(store: Store, claim_ids: set[str], folder: Path) -> None:
    curated = store.count("claims", status="curated") - store.count(
        "claims", status="curated", source_id=VOCABULARY_SOURCE
    )
    retracted = store.curated_outside(claim_ids)
    if curated and retracted > MAX_RETRACTED_SHARE * curated:
        raise RetractionRefused(
            f"loading {folder} would retract {retracted:,} of {curated:,} curated claims; "
            "check the folder, or load it with --force"
        )


def ensure_loaded(store: Store) -> None:
    """First use of an empty store: load the bundled knowledge base."""
    if store.is_empty():
        load_kb(store)
