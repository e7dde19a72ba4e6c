"""Reviewing proposed knowledge-base edits: list, accept, reject, undo. Every decision is
recorded; accepting writes the proposal's claims (status 'accepted'), undoing marks them
rejected and puts the proposal back for review."""

from __future__ import annotations

from typing import Any

from rechain.errors import NotFoundError, UsageError
from rechain.model import Claim, ClaimStatus, Entity, EntityType
from rechain.store import Store
from rechain.store import proposals as stored
from rechain.store.proposals import ProposalRow


def list_proposals(store: Store, status: str | None = "proposed", limit: int = 100) -> list[dict[str, Any]]:
    return [p.as_dict() for p in stored.proposal_page(store, status, limit=limit).items]


def find_proposal(store: Store, proposal_id: str) -> ProposalRow:
    """The one proposal whose id starts with `proposal_id`."""
    found = stored.proposals_starting(store, proposal_id)
    if not found:
        raise NotFoundError(f"no proposal {proposal_id!r}")
    if len(found) > 1:
        raise UsageError(f"{proposal_id!r} is the start of several proposals; give more of the id")
    return found[0]


def proposal_claims(proposal: ProposalRow) -> list[Claim]:
    """The claims accepting this proposal adds, sourced to its article."""
    source = f"article:{proposal.article_id}"
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
        for c in proposal.payload["claims"]
    ]


def _entity(proposal: ProposalRow) -> Entity | None:
    found = proposal.payload.get("entity")
    return Entity(found["id"], EntityType(found["type"]), found["name"]) if found else None


def decide(store: Store, proposal_id: str, decision: str, note: str | None = None) -> dict[str, Any]:
    if decision not in ("accepted", "rejected"):
        raise UsageError("a decision is accepted or rejected")
    proposal = find_proposal(store, proposal_id)
    if proposal.status != "proposed":
        raise UsageError(f"proposal {proposal.id[:10]} is already {proposal.status}; undo it first")
    if decision == "accepted":
        stored.accept(store, proposal.id, _entity(proposal), proposal_claims(proposal), note)
    else:
        stored.reject(store, proposal.id, note)
    return {**proposal.as_dict(), "status": decision}


def undo(store: Store, proposal_id: str, note: str | None = None) -> dict[str, Any]:
    proposal = find_proposal(store, proposal_id)
    if proposal.status == "proposed":
        raise UsageError(f"proposal {proposal.id[:10]} has no decision to undo")
    withdrawn = [c.id for c in proposal_claims(proposal)] if proposal.status == "accepted" else []
    stored.undo(store, proposal.id, withdrawn, note)
    return {**proposal.as_dict(), "status": "proposed"}


def history(store: Store, proposal_id: str) -> list[dict[str, Any]]:
    return stored.decisions(store, find_proposal(store, proposal_id).id)
