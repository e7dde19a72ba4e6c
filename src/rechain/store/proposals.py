"""Proposed knowledge-base edits and the decisions taken on them: paginated reads, and
each decision written with its claims in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from rechain.model import Claim, ClaimStatus, Entity
from rechain.store import schema
from rechain.store.pages import Page, fetch_page
from rechain.store.store import Store
from rechain.store.writes import dialect_insert, entity_record, insert_claims, now


@dataclass(frozen=True)
class ProposalRow:
    id: str
    kind: str
    summary: str
    payload: dict[str, Any]
    article_id: str
    evidence: str
    status: str
    created_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _proposal(row: Any) -> ProposalRow:
    return ProposalRow(
        row.id, row.kind, row.summary, json.loads(row.payload), row.article_id, row.evidence, row.status, row.created_at
    )


def proposal_page(
    store: Store,
    status: str | None = "proposed",
    kind: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page[ProposalRow]:
    """Proposals filtered in SQL, oldest first, with the total that match."""
    p = schema.proposals.c
    query = select(schema.proposals).order_by(p.created_at, p.id)
    for column, wanted in ((p.status, status), (p.kind, kind), (p.article_id, article)):
        if wanted:
            query = query.where(column == wanted)
    with store.engine.connect() as conn:
        return fetch_page(conn, query, limit, offset, _proposal)


def proposals_starting(store: Store, prefix: str, most: int = 2) -> list[ProposalRow]:
    """Proposals whose id starts with `prefix` (at most `most`: enough to see ambiguity)."""
    p = schema.proposals.c
    query = select(schema.proposals).where(p.id.startswith(prefix, autoescape=True)).order_by(p.id).limit(most)
    with store.engine.connect() as conn:
        return [_proposal(r) for r in conn.execute(query)]


def insert_proposals(conn: Connection, proposals: Sequence[dict[str, Any]]) -> None:
    if not proposals:
        return
    created = now()
    rows = [
        {**p, "payload": json.dumps(p["payload"], ensure_ascii=False, sort_keys=True), "created_at": created}
        for p in proposals
    ]
    conn.execute(
        dialect_insert(conn.dialect.name)(schema.proposals).on_conflict_do_nothing(index_elements=["id"]), rows
    )


def accept(store: Store, proposal_id: str, entity: Entity | None, claims: Sequence[Claim], note: str | None) -> None:
    """Write the proposal's entity and claims (status accepted, also when they were
    rejected before) and record the decision."""
    c = schema.claims.c
    with store.engine.begin() as conn:
        if entity is not None:
            insert = dialect_insert(conn.dialect.name)(schema.entities)
            conn.execute(insert.on_conflict_do_nothing(index_elements=["id"]), [entity_record(entity)])
        insert_claims(conn, claims)
        ids = [claim.id for claim in claims]
        conn.execute(update(schema.claims).where(c.id.in_(ids)).values(status=str(ClaimStatus.ACCEPTED)))
        _record(conn, proposal_id, "accepted", note)


def reject(store: Store, proposal_id: str, note: str | None) -> None:
    with store.engine.begin() as conn:
        _record(conn, proposal_id, "rejected", note)


def undo(store: Store, proposal_id: str, withdrawn: Sequence[str], note: str | None) -> None:
    """Put the proposal back for review; the claims it had added are marked rejected."""
    with store.engine.begin() as conn:
        if withdrawn:
            claims = schema.claims
            conn.execute(
                update(claims).where(claims.c.id.in_(list(withdrawn))).values(status=str(ClaimStatus.REJECTED))
            )
        _record(conn, proposal_id, "undone", note)


def _record(conn: Connection, proposal_id: str, decision: str, note: str | None) -> None:
    status = "proposed" if decision == "undone" else decision
    conn.execute(update(schema.proposals).where(schema.proposals.c.id == proposal_id).values(status=status))
    conn.execute(
        schema.decisions.insert().values(proposal_id=proposal_id, decision=decision, decided_at=now(), note=note)
    )


def decisions(store: Store, proposal_id: str) -> list[dict[str, Any]]:
    d = schema.decisions.c
    query = select(schema.decisions).where(d.proposal_id == proposal_id).order_by(d.id)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
