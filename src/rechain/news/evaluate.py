"""Scoring extraction against a gold file (eval-v1): precision, recall and F1 per entity
type and event type, and micro-averaged. Entities match on (type, id) when the gold is
linked, (type, code) for countries, else (type, folded name); events match on type
within an article, each gold event used once."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from rechain.errors import DataFileError
from rechain.extract.pipeline import extract
from rechain.ingest.text import to_document
from rechain.vocab import fold

ALGORITHM = "eval-v1"


def entity_key(entity: dict[str, Any]) -> tuple[str, str]:
    if entity.get("type") == "COUNTRY" and entity.get("code"):
        return ("COUNTRY", entity["code"])
    return (entity["type"], entity.get("id") or fold(entity.get("name") or ""))


def read_gold(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(str(path), number, f"not JSON ({exc.msg})") from None
        if "path" not in item:
            raise DataFileError(str(path), number, "a gold line needs the article's 'path'")
        items.append(item)
    return items


def evaluate(gold_path: Path) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {"entities": Counter(), "events": Counter()}
    articles = []
    for gold in read_gold(gold_path):
        article = gold_path.parent / gold["path"]
        result = extract(to_document(article.read_bytes(), str(article)))
        score_entities(gold, result, counts["entities"])
        score_events(gold, result, counts["events"])
        articles.append(
            {"path": gold["path"], "relevant_gold": gold.get("relevant", True), "relevant_found": result["relevant"]}
        )
    relevance = Counter((a["relevant_gold"], a["relevant_found"]) for a in articles)
    return {
        "algorithm": ALGORITHM,
        "articles": len(articles),
        "entities": table(counts["entities"]),
        "events": table(counts["events"]),
        "relevance_accuracy": round((relevance[(True, True)] + relevance[(False, False)]) / max(1, len(articles)), 4),
    }


def score_entities(gold: dict[str, Any], result: dict[str, Any], counts: Counter[str]) -> None:
    wanted = {entity_key(e) for e in gold.get("entities", [])}
    found = {entity_key(e) for e in result["entities"]}
    for kind, _ in found & wanted:
        counts[f"{kind}:tp"] += 1
    for kind, _ in found - wanted:
        counts[f"{kind}:fp"] += 1
    for kind, _ in wanted - found:
        counts[f"{kind}:fn"] += 1


def score_events(gold: dict[str, Any], result: dict[str, Any], counts: Counter[str]) -> None:
    wanted = Counter(e["type"] for e in gold.get("events", []))
    found = Counter(e["type"] for e in result["events"])
    for kind in set(wanted) | set(found):
        hit = min(wanted[kind], found[kind])
        counts[f"{kind}:tp"] += hit
        counts[f"{kind}:fp"] += found[kind] - hit
        counts[f"{kind}:fn"] += wanted[kind] - hit


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
