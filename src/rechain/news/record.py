"""What an extracted article becomes in the store (record-v1): a source, mention and
event claims (status 'reported'), and proposed knowledge-base edits for review."""

from __future__ import annotations

import re
from typing import Any

from rechain.document import Document
from rechain.extract.orgs import proposable
from rechain.model import Claim, ClaimStatus, Source, stable_hash
from rechain.vocab import fold

OFFTAKE_WORDS = re.compile(r"offtake|off-take|supply|tolling|承购|包销|供货|供应", re.IGNORECASE)


def article_id(document: Document) -> str:
    return document.content_hash[:24]


def article_source(document: Document, article: str) -> Source:
    year = int(document.published[:4]) if document.published and document.published[:4].isdigit() else None
    url = document.source if document.source.startswith(("http://", "https://")) else None
    return Source(
        f"article:{article}",
        "article",
        document.publisher or "unknown publisher",
        document.title or "(untitled)",
        year,
        url,
    )


def article_claims(result: dict[str, Any], article: str, source: Source) -> list[Claim]:
    claims = []
    for entity in result["entities"]:
        if entity["id"]:
            first = entity["mentions"][0]
            claims.append(
                Claim(
                    entity["id"],
                    "mentioned_in",
                    article,
                    source.id,
                    confidence=0.9,
                    status=ClaimStatus.REPORTED,
                    span=(first[0], first[1]),
                )
            )
    for event in result["events"]:
        start, end = event["evidence"]
        ids = sorted(
            {e["id"] for e in result["entities"] if e["id"] and any(start <= a and b <= end for a, b in e["mentions"])}
        )
        value = {**event, "article": article, "entity_ids": ids}
        subject = "event:" + stable_hash(article, event["type"], event["evidence"])
        claims.append(
            Claim(
                subject,
                "event",
                value,
                source.id,
                confidence=event["confidence"],
                status=ClaimStatus.REPORTED,
                valid_from=event["date"],
                span=(start, end),
            )
        )
    return claims


def _linked_in(result: dict[str, Any], event: dict[str, Any], entity_type: str) -> list[dict[str, Any]]:
    start, end = event["evidence"]
    found = [
        e
        for e in result["entities"]
        if e["type"] == entity_type and e["id"] and any(start <= a and b <= end for a, b in e["mentions"])
    ]
    return sorted(found, key=lambda e: min(a for a, _ in e["mentions"] if a >= start))


def proposals(result: dict[str, Any], text: str, article: str) -> list[dict[str, Any]]:
    if not result["relevant"]:
        return []
    found = [_new_org(e, text, article) for e in result["entities"] if proposable(e)]
    for event in result["events"]:
        maker = {
            "CAPACITY_EXPANSION": _capacity,
            "PARTNERSHIP_AGREEMENT": _offtake,
            "MERGER_ACQUISITION": _acquisition,
        }.get(event["type"])
        proposal = maker(result, event, text, article) if maker else None
        if proposal:
            found.append(proposal)
    return found


def _proposal(kind: str, summary: str, payload: dict[str, Any], article: str, evidence: str) -> dict[str, Any]:
    return {
        "id": stable_hash(kind, payload),
        "kind": kind,
        "summary": summary,
        "payload": payload,
        "article_id": article,
        "evidence": evidence,
        "status": "proposed",
    }


def _new_org(entity: dict[str, Any], text: str, article: str) -> dict[str, Any]:
    slug = "news-" + re.sub(r"[^a-z0-9]+", "-", fold(entity["name"])).strip("-")[:60] or "news-" + stable_hash(
        entity["name"]
    )
    a, b = entity["mentions"][0]
    payload = {
        "entity": {"id": slug, "type": "ORG", "name": entity["name"]},
        "claims": [{"subject": slug, "property": "name", "value": entity["name"]}],
    }
    return _proposal("new_organization", f"new organisation {entity['name']!r}", payload, article, _around(text, a, b))


def _capacity(result: dict[str, Any], event: dict[str, Any], text: str, article: str) -> dict[str, Any] | None:
    tonnes = [q for q in event["quantities"] if q["unit"] in ("t", "t/y")]
    if not tonnes:
        return None
    evidence = text[event["evidence"][0] : event["evidence"][1]]
    qualifiers = {"unit": "t/y", "basis": "product", "year": (event["date"] or "")[:4] or None}
    facilities = _linked_in(result, event, "FACILITY")
    if len(facilities) == 1:
        facility = facilities[0]
        payload: dict[str, Any] = {
            "claims": [
                {
                    "subject": facility["id"],
                    "property": "capacity",
                    "value": tonnes[0]["value"],
                    "qualifiers": qualifiers,
                }
            ]
        }
        return _proposal("capacity", f"capacity {tonnes[0]['text']} for {facility['name']}", payload, article, evidence)
    orgs = _linked_in(result, event, "ORG")
    if not orgs:
        return None
    operator = orgs[0]
    slug = f"news-{operator['id']}-{stable_hash(article, event['evidence'])[:6]}"
    payload = {
        "entity": {"id": slug, "type": "FACILITY", "name": f"{operator['name']} project (reported)"},
        "claims": [
            {"subject": slug, "property": "operator", "value": operator["id"]},
            {"subject": slug, "property": "status", "value": "planned"},
            {"subject": slug, "property": "capacity", "value": tonnes[0]["value"], "qualifiers": qualifiers},
        ],
    }
    return _proposal(
        "new_facility", f"new plant of {operator['name']}, {tonnes[0]['text']}", payload, article, evidence
    )


def _offtake(result: dict[str, Any], event: dict[str, Any], text: str, article: str) -> dict[str, Any] | None:
    evidence = text[event["evidence"][0] : event["evidence"][1]]
    orgs = _linked_in(result, event, "ORG")
    if len(orgs) < 2 or not OFFTAKE_WORDS.search(evidence):
        return None
    material = event["materials"][0] if event["materials"] else None
    payload = {
        "claims": [
            {
                "subject": orgs[0]["id"],
                "property": "supplies",
                "value": orgs[1]["id"],
                "qualifiers": {"kind": "offtake", "material": material},
            }
        ]
    }
    return _proposal("offtake", f"{orgs[0]['name']} supplies {orgs[1]['name']}", payload, article, evidence)


def _acquisition(result: dict[str, Any], event: dict[str, Any], text: str, article: str) -> dict[str, Any] | None:
    evidence = text[event["evidence"][0] : event["evidence"][1]]
    orgs = _in_actor_order(_linked_in(result, event, "ORG"), event.get("actors") or [])
    if len(orgs) < 2:
        return None
    share = next((q["value"] for q in event["quantities"] if q["unit"] == "%"), None)
    payload = {
        "claims": [
            {
                "subject": orgs[1]["id"],
                "property": "owner",
                "value": orgs[0]["id"],
                "qualifiers": {"share_pct": share, "as_of": (event["date"] or "")[:4] or None},
            }
        ]
    }
    return _proposal("acquisition", f"{orgs[0]['name']} acquires {orgs[1]['name']}", payload, article, evidence)


def _in_actor_order(orgs: list[dict[str, Any]], actors: list[str]) -> list[dict[str, Any]]:
    """The event's actors lead in their order (an acquisition names its buyer first); the
    other organisations keep their order in the text."""
    rank = {name: i for i, name in enumerate(actors)}
    return sorted(orgs, key=lambda e: rank.get(e["name"], len(rank)))


def _around(text: str, start: int, end: int, width: int = 120) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())
