"""Views: the current picture resolved from claims, conflicts kept beside the winner.

Resolution rule (resolve-v1): among live claims for the same fact, the accepted or
curated claim with the highest confidence wins; ties go to the most recent source,
then to the claim id so the answer is stable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rechain.model import EntityType, Source
from rechain.store import ClaimRow, Store

RESOLUTION = "resolve-v1"


def rank(claims: Iterable[ClaimRow], sources: dict[str, Source]) -> list[ClaimRow]:
    """Claims best first, by resolve-v1."""

    def key(c: ClaimRow) -> tuple[float, int, str]:
        year = sources[c.source_id].year if c.source_id in sources else None
        return (-c.confidence, -(year or 0), c.id)

    return sorted(claims, key=key)


@dataclass
class Profile:
    """Everything the store says about one subject, grouped by property."""

    id: str
    type: str
    claims: dict[str, list[ClaimRow]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[str, Source] = field(default_factory=dict)

    def ranked(self, prop: str) -> list[ClaimRow]:
        return rank(self.claims.get(prop, []), self.sources)

    def value(self, prop: str) -> Any:
        best = self.ranked(prop)
        return best[0].value if best else None

    def values(self, prop: str) -> list[Any]:
        """Distinct values of a many-valued property, in first-seen order."""
        out: list[Any] = []
        for claim in self.claims.get(prop, []):
            if claim.value not in out:
                out.append(claim.value)
        return out

    @property
    def name(self) -> str:
        return str(self.value("name") or self.id)

    def source_ids(self) -> list[str]:
        return sorted({c.source_id for cs in self.claims.values() for c in cs} - {"rechain-vocabulary"})


def profiles(
    store: Store, type: str | EntityType | None = None, ids: Iterable[str] | None = None
) -> dict[str, Profile]:
    """Profiles of all entities of a type (or of the given ids), built from one query."""
    entities = store.entities_by_ids(ids) if ids is not None else store.entities(str(type) if type else None)
    if type and ids is not None:
        entities = [e for e in entities if e.type == type]
    found = {e.id: Profile(e.id, str(e.type)) for e in entities}
    if not found:
        return {}
    claims = (
        store.claims(subject=list(found)) if len(found) < 900 else [c for c in store.claims() if c.subject in found]
    )
    for claim in claims:
        found[claim.subject].claims[claim.property].append(claim)
    sources = store.sources({c.source_id for c in claims})
    for profile in found.values():
        profile.sources = sources
    return found


def profile(store: Store, entity_id: str) -> Profile | None:
    return profiles(store, ids=[entity_id]).get(entity_id)


def cite(sources: dict[str, Source], ids: Iterable[str]) -> str:
    """One `sources` cell: each source as 'publisher, title (year) url', ' | '-joined."""
    parts = []
    for sid in sorted(set(ids)):
        s = sources.get(sid)
        if s is None:
            parts.append(sid)
            continue
        year = f" ({s.year})" if s.year else ""
        url = f" {s.url}" if s.url else ""
        parts.append(f"{s.publisher}, {s.title}{year}{url}")
    return " | ".join(parts)
