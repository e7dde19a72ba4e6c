"""New capacity from the knowledge base's building and planned projects (pipeline-v1):
each project outside the excluded countries comes online at its start year plus the
delay of its status, ramping up over the given months."""

from __future__ import annotations

from rechain.analytics.supply import STAGE_BASES, facility_capacity
from rechain.model import EntityType
from rechain.scenarios.spec import STAGES, NewCapacity, Scenario
from rechain.scenarios.world import World
from rechain.store import Store
from rechain.views import profiles

ALGORITHM = "pipeline-v1"


def pipeline_capacity(store: Store, scenario: Scenario, world: World) -> list[NewCapacity]:
    settings = scenario.kb_pipeline or {}
    delays, outside = settings.get("delay_years", {}), set(settings.get("outside", ["CN"]))
    ramp = settings.get("ramp_months", 12) * scenario.periods_per_year // 12
    added = []
    for p in profiles(store, EntityType.FACILITY).values():
        stage, status, start = p.value("stage"), p.value("status"), p.value("start_year")
        if stage not in STAGES or stage == "mining" or status not in delays or start is None:
            continue
        if p.value("country") in outside:
            continue
        claim = facility_capacity(p, STAGE_BASES[stage][:1] if stage != "separation" else ("reo", "oxide"))
        if claim is None:
            continue
        online_year = int(start) + int(delays[status])
        period = (online_year - scenario.start_year) * scenario.periods_per_year
        if scenario.step == "month":
            period -= scenario.start_month - 1
        region = world.region_of.get(p.value("country") or "", world.regions[-1])
        added.append(NewCapacity(region, stage, float(claim.value), max(period, 0), ramp, label=p.id))
    return added
