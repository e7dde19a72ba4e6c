"""Scoring extraction against a gold file (eval-v1): precision, recall and F1 per entity
type and event type, and micro-averaged. Entities match on (type, id) when the gold is
linked, (type, code) for countries, else (type, folded name); events match on type
within an article, each gold event used once. Also how many gold event dates come out at the
gold's precision, and the articles with the most errors.

Two gold formats: the project's (`path` to an article file, entities as extract writes them)
and the news-set format (`id`, `title`, `published`, `text`, entities as lists per type,
`negative_control`), read as a feed delivers it. Negative controls score apart: their
entities are not scored and every event found in them is a false positive."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from rechain.document import Document
from rechain.errors import DataFileError
from rechain.extract.gazetteer import strip_legal_form
from rechain.extract.pipeline import extract
from rechain.ingest.text import to_document
from rechain.language import detect_language
from rechain.vocab import fold

ALGORITHM = "eval-v1"
TYPES = {"ORG", "COUNTRY", "PLACE", "FACILITY", "MATERIAL", "CLUSTER"}


def entity_key(entity: dict[str, Any]) -> tuple[str, str]:
    if entity.get("type") == "COUNTRY" and entity.get("code"):
        return ("COUNTRY", entity["code"])
    return (entity["type"], entity.get("id") or fold(entity.get("name") or ""))


def name_key(entity: dict[str, Any]) -> tuple[str, str]:
    """(type, code) for countries, else (type, folded name without legal form or parentheses)."""
    if entity.get("type") == "COUNTRY" and entity.get("code"):
        return ("COUNTRY", entity["code"])
    name = re.sub(r"\s*\([^)]*\)", "", entity.get("name") or "")
    return (entity["type"], fold(strip_legal_form(name)))


def read_gold(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(str(path), number, f"not JSON ({exc.msg})") from None
        if "path" not in item and "text" not in item:
            raise DataFileError(str(path), number, "a gold line needs the article's 'path' or its 'text'")
        items.append(item)
    return items


WORST = 5


def evaluate(gold_path: Path) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {"entities": Counter(), "events": Counter(), "dates": Counter()}
    articles = []
    for gold in read_gold(gold_path):
        result = extract(_document(gold, gold_path))
        errors = Counter[str]()
        if not gold.get("negative_control"):
            score_entities(gold, result, errors)
        score_events(gold, result, errors)
        score_dates(gold, result, counts["dates"])
        for key, value in errors.items():
            counts["entities" if key.startswith("entity:") else "events"][key.split(":", 1)[1]] += value
        articles.append(
            {
                "article": gold.get("path") or gold.get("id"),
                "errors": sum(v for k, v in errors.items() if not k.endswith(":tp")),
                "relevant_gold": gold.get("relevant", not gold.get("negative_control", False)),
                "relevant_found": result["relevant"],
            }
        )
    relevance = Counter((a["relevant_gold"], a["relevant_found"]) for a in articles)
    worst = sorted(articles, key=lambda a: -a["errors"])[:WORST]
    return {
        "algorithm": ALGORITHM,
        "articles": len(articles),
        "entities": table(counts["entities"]),
        "events": table(counts["events"]),
        "dates": {"gold": counts["dates"]["gold"], "right": counts["dates"]["right"]},
        "worst": [{"article": a["article"], "errors": a["errors"]} for a in worst if a["errors"]],
        "relevance_accuracy": round((relevance[(True, True)] + relevance[(False, False)]) / max(1, len(articles)), 4),
    }


def _document(gold: dict[str, Any], gold_path: Path) -> Document:
    if "path" in gold:
        article = gold_path.parent / gold["path"]
        return to_document(article.read_bytes(), str(article))
    text = gold["text"]
    published = gold.get("published") or None
    return Document(str(gold["id"]), text, gold.get("title") or "", published, detect_language(text))


def _gold_entities(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """The news-set format lists names per type; the project's lists entities."""
    entities = gold.get("entities", [])
    if isinstance(entities, list):
        return entities
    return [
        {"type": kind, "name": name, "code": name if kind == "COUNTRY" else None}
        for kind, names in entities.items()
        for name in names
    ]


def score_dates(gold: dict[str, Any], result: dict[str, Any], counts: Counter[str]) -> None:
    """A dated gold event is dated right when an unused found event of its type carries the
    date at the gold's precision ('2024' holds for '2024-12-30')."""
    pool: dict[str, list[str]] = {}
    for event in result["events"]:
        pool.setdefault(event["type"], []).append(str(event.get("date") or ""))
    for event in [] if gold.get("negative_control") else gold.get("events", []):
        if not event.get("date"):
            continue
        counts["gold"] += 1
        dates = pool.get(event["type"], [])
        hit = next((i for i, d in enumerate(dates) if d.startswith(str(event["date"]))), None)
        if hit is not None:
            counts["right"] += 1
            del dates[hit]


def score_entities(gold: dict[str, Any], result: dict[str, Any], counts: Counter[str]) -> None:
    # the news-set format names entities as written, without ids: compare names there
    key = entity_key if isinstance(gold.get("entities", []), list) else name_key
    wanted = {key(e) for e in _gold_entities(gold)}
    found = {key(e) for e in result["entities"] if e["type"] in TYPES}
    for kind, _ in found & wanted:
        counts[f"entity:{kind}:tp"] += 1
    for kind, _ in found - wanted:
        counts[f"entity:{kind}:fp"] += 1
    for kind, _ in wanted - found:
        counts[f"entity:{kind}:fn"] += 1


def score_events(gold: dict[str, Any], result: dict[str, Any], counts: Counter[str]) -> None:
    # a negative control's own events are not rare-earth news: any event found there is wrong
    wanted = Counter() if gold.get("negative_control") else Counter(e["type"] for e in gold.get("events", []))
    found = Counter(e["type"] for e in result["events"])
    for kind in set(wanted) | set(found):
        hit = min(wanted[kind], found[kind])
        counts[f"event:{kind}:tp"] += hit
        counts[f"event:{kind}:fp"] += found[kind] - hit
        counts[f"event:{kind}:fn"] += wanted[kind] - hit


def table(counts: Counter[str]) -> dict[str, dict[str, float]]:
    kinds = sorted({key.split(":")[0] for key in counts})
    rows = {kind: _prf(counts[f"{kind}:tp"], counts[f"{kind}:fp"], counts[f"{kind}:fn"]) for kind in kinds}
    total = [sum(counts[f"{k}:{m}"] for k in kinds) for m in ("tp", "fp", "fn")]
    rows["micro"] = _prf(*total)
    return rows


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }
