"""Counts that summarise what the store knows: counted in SQL, except the facility
figures, which follow each facility's resolved profile."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rechain import vocab
from rechain.kb.claims import VOCABULARY_SOURCE
from rechain.model import EntityType
from rechain.store import Store
from rechain.views import profiles


def kb_stats(store: Store) -> dict[str, Any]:
    facilities = profiles(store, EntityType.FACILITY)
    orgs = store.count("entities", type=str(EntityType.ORG))
    statistics = ["production", "reserves"]
    stats_countries = store.claim_values("subject", property=statistics) - {"WORLD", "OTHER"}
    facility_countries = {p.value("country") for p in facilities.values()} - {None}
    by_stage = Counter(p.value("stage") for p in facilities.values())
    by_status = Counter(p.value("status") for p in facilities.values())
    used_sources = store.claim_values("source_id") - {VOCABULARY_SOURCE}
    return {
        "facilities": len(facilities),
        "organizations": orgs,
        "countries": len(facility_countries | stats_countries),
        "facility_countries": len(facility_countries),
        "places": store.count("entities", type=str(EntityType.PLACE)),
        "clusters": store.count("entities", type=str(EntityType.CLUSTER)),
        "sources": len(used_sources),
        "claims": store.count("claims"),
        "supply_links": store.count_claims("supplies"),
        "ownership_links": store.count_claims("owner"),
        "production_figures": store.count_claims(statistics),
        "quota_figures": store.count_claims("quota"),
        "facilities_by_stage": {s: by_stage.get(s, 0) for s in vocab.stage_names()},
        "facilities_by_status": dict(sorted(by_status.items(), key=lambda kv: str(kv[0]))),
    }
