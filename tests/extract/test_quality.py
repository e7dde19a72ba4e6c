"""Pinned quality floors: extraction may not silently get worse on the development set.

Scores at the time the floors were pinned (see README): entities micro-F1 0.918,
events micro-F1 0.723, relevance accuracy 0.946 on 74 articles; the seeds' events 1.0.
Raise a floor when the extractor improves; never lower one to make a change pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rechain.news.evaluate import evaluate

GOLD = Path(__file__).parent.parent / "gold"
FLOORS = {"entities": 0.90, "events": 0.70, "relevance": 0.92}


@pytest.fixture(scope="module")
def scores() -> dict:
    return evaluate(GOLD / "dev.jsonl")


def test_the_development_set_is_large_enough(scores: dict) -> None:
    assert scores["articles"] >= 60
    languages = [
        line for line in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines() if '"language": "zh"' in line
    ]
    assert len(languages) >= 10


def test_entity_floor(scores: dict) -> None:
    assert scores["entities"]["micro"]["f1"] >= FLOORS["entities"]


def test_event_floor(scores: dict) -> None:
    assert scores["events"]["micro"]["f1"] >= FLOORS["events"]


def test_relevance_floor(scores: dict) -> None:
    assert scores["relevance_accuracy"] >= FLOORS["relevance"]


@pytest.mark.skipif(
    not (GOLD.parents[2] / "shared" / "seeds").is_dir(), reason="../shared/seeds not beside the checkout"
)
def test_the_seeds_floor() -> None:
    seeds = evaluate(GOLD / "seeds.jsonl")
    assert seeds["events"]["micro"]["f1"] == 1.0
    assert seeds["entities"]["micro"]["f1"] >= 0.75


def test_cli_eval_prints_the_tables(cli) -> None:
    result = cli("eval", str(GOLD / "dev.jsonl"))
    assert result.code == 0 and "micro" in result.stdout and "EXPORT_CONTROL" in result.stdout


def test_cli_eval_reads_the_news_set_format(cli, tmp_path: Path) -> None:
    """Gold lines that carry their text, entities listed per type, and a negative control."""
    article = {
        "id": "lynas-offtake",
        "title": "Lynas signs NdPr offtake",
        "published": "2025-03-04",
        "text": "Lynas Rare Earths signed an offtake agreement for NdPr oxide with Blue Line Magnetics Inc. "
        "on 3 March 2025 in Texas. The rare earth producer will supply 1,000 tonnes a year.",
        "entities": {"ORG": ["Lynas Rare Earths", "Blue Line Magnetics"], "COUNTRY": [], "MATERIAL": ["ndpr oxide"]},
        "events": [{"type": "PARTNERSHIP_AGREEMENT", "date": "2025-03-03"}],
    }
    negative = {
        "id": "fossil",
        "title": "A rare fossil",
        "published": "2021-10-22",
        "text": "Scientists found a rare baby dinosaur fossil in a quarry; the museum will show it next year.",
        "entities": {},
        "events": [],
        "negative_control": True,
    }
    gold = tmp_path / "news.jsonl"
    gold.write_text("\n".join(json.dumps(item) for item in (article, negative)) + "\n", encoding="utf-8")
    result = cli("eval", str(gold))
    assert result.code == 0, result.stderr
    assert "PARTNERSHIP_AGREEMENT" in result.stdout and "MATERIAL" in result.stdout
    assert "event dates right at the gold's precision: 1/1" in result.stdout
    scores = json.loads(cli("eval", str(gold), "--format", "json").stdout)
    assert scores["events"]["micro"]["f1"] == 1.0 and scores["entities"]["ORG"]["tp"] == 2
