"""Reviewing proposed knowledge-base edits: list, accept, reject, undo. Every decision is
recorded; accepting writes the proposal's claims (status 'accepted'), undoing marks them
rejected and puts the proposal back for review."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from rechain.errors import NotFoundError, UsageError
from rechain.model import Claim, ClaimStatus
from rechain.store import Store, schema
from rechain.store.store import dialect_insert


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def list_proposals(store: Store, status: str | None = "proposed", limit: int = 100) -> list[dict[str, Any]]:
    p = schema.proposals.c
    query = select(schema.proposals).order_by(p.created_at, p.id).limit(limit)
    if status:
        query = query.where(p.status == status)
    with store.engine.connect() as conn:
        return [{**dict(r._mapping), "payload": json.loads(r.payload)} for r in conn.execute(query)]


def _proposal(store: Store, proposal_id: str) -> dict[str, Any]:
    p = schema.proposals.c
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(schema.proposals).where(p.id.startswith(proposal_id))))
    if not rows:
        raise NotFoundError(f"no proposal {proposal_id!r}")
    if len(rows) > 1:
        raise UsageError(f"{proposal_id!r} is the start of {len(rows)} proposals; give more of the id")
    return {**dict(rows[0]._mapping), "payload": json.loads(rows[0].payload)}


def _claims(proposal: dict[str, Any]) -> list[Claim]:
    source = f"article:{proposal['article_id']}"
    return [
        Claim(
            c["subject"],
            c["property"],
            c["value"],
            source,
            qualifiers=c.get("qualifiers") or {},
            confidence=0.7,
            status=ClaimStatus.ACCEPTED,
        )
        for c in proposal["payload"]["claims"]
    ]


def decide(store: Store, proposal_id: str, decision: str, note: str | None = None) -> dict[str, Any]:
    if decision not in ("accepted", "rejected"):
        raise UsageError("a decision is accepted or rejected")
    proposal = _proposal(store, proposal_id)
    if proposal["status"] != "proposed":
        raise UsageError(f"proposal {proposal['id'][:10]} is already {proposal['status']}; undo it first")
    with store.engine.begin() as conn:
        if decision == "accepted":
            entity = proposal["payload"].get("entity")
            if entity:
                conn.execute(
                    dialect_insert(store)(schema.entities).on_conflict_do_nothing(index_elements=["id"]),
                    [{"id": entity["id"], "type": entity["type"], "name": entity["name"]}],
                )
            claims = _claims(proposal)
            from rechain.store.store import _claim_record

            rows = [_claim_record(c, _now()) for c in claims]
            conn.execute(
                dialect_insert(store)(schema.claims).on_conflict_do_update(
                    index_elements=["id"], set_={"status": str(ClaimStatus.ACCEPTED)}
                ),
                rows,
            )
        _record(conn, store, proposal["id"], decision, note)
    return {**proposal, "status": decision}


def undo(store: Store, proposal_id: str, note: str | None = None) -> dict[str, Any]:
    proposal = _proposal(store, proposal_id)
    if proposal["status"] == "proposed":
        raise UsageError(f"proposal {proposal['id'][:10]} has no decision to undo")
    with store.engine.begin() as conn:
        if proposal["status"] == "accepted":
            ids = [c.id for c in _claims(proposal)]
            conn.execute(
                update(schema.claims).where(schema.claims.c.id.in_(ids)).values(status=str(ClaimStatus.REJECTED))
            )
        _record(conn, store, proposal["id"], "undone", note)
    return {**proposal, "status": "proposed"}


def _record(conn: Any, store: Store, proposal_id: str, decision: str, note: str | None) -> None:
    status = "proposed" if decision == "undone" else decision
    conn.execute(update(schema.proposals).where(schema.proposals.c.id == proposal_id).values(status=status))
    conn.execute(
        schema.decisions.insert().values(proposal_id=proposal_id, decision=decision, decided_at=_now(), note=note)
    )


def history(store: Store, proposal_id: str) -> list[dict[str, Any]]:
    d = schema.decisions.c
    proposal = _proposal(store, proposal_id)
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.decisions).where(d.proposal_id == proposal["id"]).order_by(d.id))
        return [dict(r._mapping) for r in rows]
