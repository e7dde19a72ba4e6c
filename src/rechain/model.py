"""The nouns: entity types, stages, claims and sources.

Every fact is a Claim: (subject, property, value, qualifiers) from a Source, valid over
some time, with a confidence and a status. A claim's id is a hash of its defining fields,
so loading the same fact twice yields the same row.
"""

from __future__ import annotations

import builtins
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    ORG = "ORG"
    COUNTRY = "COUNTRY"
    PLACE = "PLACE"
    FACILITY = "FACILITY"
    MATERIAL = "MATERIAL"
    CLUSTER = "CLUSTER"


class Stage(StrEnum):
    MINING = "mining"
    BENEFICIATION = "beneficiation"
    SEPARATION = "separation"
    METAL_ALLOY = "metal_alloy"
    MAGNET = "magnet"
    COMPONENT = "component"
    END_USE = "end_use"
    RECYCLING = "recycling"

    @property
    def order(self) -> int:
        return list(Stage).index(self)


class ClaimStatus(StrEnum):
    CURATED = "curated"  # from the bundled knowledge base
    PROPOSED = "proposed"  # from news, awaiting review
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    RETRACTED = "retracted"  # a curated row that the knowledge base no longer holds
    REPORTED = "reported"  # read in an article: a mention or an event


# Which statuses count towards the current view.
LIVE_STATUSES = (ClaimStatus.CURATED, ClaimStatus.ACCEPTED, ClaimStatus.REPORTED)

CONFIDENCE_LEVELS = {"high": 0.9, "medium": 0.7, "low": 0.5}


def stable_hash(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Source:
    id: str
    kind: str  # "dataset" or "article"
    publisher: str
    title: str
    year: int | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    type: EntityType
    name: str


@dataclass(frozen=True)
class Claim:
    subject: str
    property: str
    value: Any
    source_id: str
    qualifiers: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.7
    status: ClaimStatus = ClaimStatus.CURATED
    valid_from: str | None = None
    valid_to: str | None = None
    span: tuple[int, int] | None = None
    note: str | None = None

    @builtins.property  # the field `property` shadows the builtin inside this class
    def id(self) -> str:
        """Deterministic id over the fields that define the fact and its provenance."""
        return stable_hash(
            self.subject,
            self.property,
            self.value,
            self.qualifiers,
            self.source_id,
            list(self.span) if self.span else None,
        )
