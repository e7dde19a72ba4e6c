"""The two seed articles come out of `rechain extract` as the project requires. They are
read from ../shared/seeds beside the checkout (never copied into the repository)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")


def run_extract(cli, name: str) -> dict:
    result = cli("extract", "--format", "jsonl", str(SEEDS / name))
    assert result.code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_seed_000_baotou_expands_its_chain(cli) -> None:
    data = run_extract(cli, "000_6a43fed9292b33f7.txt")
    found = {(e["type"], e["id"]) for e in data["entities"]}
    assert {("PLACE", "baotou"), ("ORG", "jl-mag-baotou"), ("ORG", "baotou-jiangxin-micro-motor")} <= found
    baotou = next(e for e in data["entities"] if e["id"] == "baotou")
    assert baotou["type"] == "PLACE" and ("COUNTRY", "CN") in found
    assert [e["type"] for e in data["events"]] == ["CAPACITY_EXPANSION"]  # repeated captions count once
    assert data["published"] == "2023-02-15" and data["relevant"] is True


def test_seed_002_cluster_and_headline_events(cli) -> None:
    data = run_extract(cli, "002_89532f8ebb9c9903.txt")
    found = {(e["type"], e["id"]) for e in data["entities"]}
    assert {
        ("CLUSTER", "baotou-rare-earth-cluster"),
        ("ORG", "inner-mongolia-rare-earth-industry-association"),
        ("ORG", "china-northern-rare-earth"),
    } <= found
    kinds = [e["type"] for e in data["events"]]
    assert sorted(kinds) == sorted(
        ["POLICY_DESIGNATION", "EXPORT_CONTROL", "INVESTMENT_FUNDING", "ENTITY_LISTING", "PARTNERSHIP_AGREEMENT"]
    )
    text = (SEEDS / "002_89532f8ebb9c9903.txt").read_text(encoding="utf-8")
    for event in data["events"]:
        evidence = text[event["evidence"][0] : event["evidence"][1]]
        assert "Inbox" not in evidence and "subscribing" not in evidence and "By Daniel" not in evidence
    shenghe = next(e for e in data["events"] if e["type"] == "PARTNERSHIP_AGREEMENT")
    assert "Shenghe Resources Holding Co., Ltd." in shenghe["actors"]


def test_extract_never_opens_the_store(cli, tmp_path: Path) -> None:
    result = cli("extract", str(SEEDS / "000_6a43fed9292b33f7.txt"), database_url=f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert result.code == 0 and not (tmp_path / "x.sqlite").exists()
    assert not (tmp_path / "home").exists()


def test_extract_bad_input(cli, tmp_path: Path) -> None:
    missing = cli("extract", str(tmp_path / "nope.txt"))
    assert missing.code == 2 and "no such file" in missing.stderr
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    skipped = cli("extract", str(tmp_path / "bin.txt"))
    assert skipped.code == 1 and skipped.stdout == "" and "binary content" in skipped.stderr
    article = tmp_path / "article.txt"
    article.write_text("Fictional wire\n\nA fictional NdFeB magnet plant in Baotou started production of 5,000 tonnes a year.\n")
    mixed = cli("extract", str(tmp_path / "bin.txt"), str(article))
    assert mixed.code == 0 and mixed.stdout.count("\n") == 1 and "binary content" in mixed.stderr
