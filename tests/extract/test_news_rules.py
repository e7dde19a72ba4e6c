"""What real news taught the extractor, asserted through the library's `extract` on small
articles written for each rule: who acts, which way an acquisition runs, dates never after the
article, one price event per price statement with its price, traditional Chinese, languages,
and which unknown organisations are worth a reviewer's time."""

from __future__ import annotations

from typing import Any

import pytest

from rechain.extract.pipeline import extract
from rechain.ingest.text import to_document
from rechain.language import detect_language
from rechain.news.record import proposals


def run(text: str, published: str = "2025-11-07", title: str = "News") -> dict[str, Any]:
    document = to_document(f"title: {title}\npublished: {published}\n---\n{text}".encode(), "article.txt")
    return extract(document)


def events(result: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in result["events"] if e["type"] == kind]


def test_the_dateline_publisher_and_exchanges_are_not_actors() -> None:
    result = run(
        "PERTH, Nov 7 (Metals Industry Wire) - Lynas Rare Earths signed an offtake agreement for NdPr oxide "
        "with Blue Line Magnetics Inc., shares of which trade on the Nasdaq."
    )
    [event] = events(result, "PARTNERSHIP_AGREEMENT")
    assert "Metals Industry Wire" not in event["actors"] and "Nasdaq" not in event["actors"]
    assert any("Lynas" in actor for actor in event["actors"])


def test_a_partner_named_in_a_later_sentence_joins_the_event() -> None:
    result = run(
        "Lynas Rare Earths signed an offtake agreement for NdPr oxide on Friday.\n"
        "The agreement is with Blue Line Magnetics Inc., a magnet maker in Texas."
    )
    [event] = events(result, "PARTNERSHIP_AGREEMENT")
    assert any(actor.startswith("Blue Line Magnetics") for actor in event["actors"])


def test_buys_is_an_acquisition_not_a_disruption() -> None:
    result = run("USA Rare Earth buys Less Common Metals Ltd, the UK maker of rare earth metals, for $100 million.")
    assert [e["type"] for e in result["events"]] == ["MERGER_ACQUISITION"]


def test_the_buyer_leads_the_actors_of_an_acquisition() -> None:
    result = run(
        "Peak Rare Earths said its board accepted Shenghe Resources Holding Co., Ltd.'s takeover offer "
        "for the rare earths developer."
    )
    [event] = events(result, "MERGER_ACQUISITION")
    assert event["actors"][0].startswith("Shenghe") and event["actors"][1].startswith("Peak")


def test_no_event_is_dated_after_its_article() -> None:
    result = run("China's Ministry of Commerce imposed export controls on rare earth magnets effective November 10.")
    [event] = events(result, "EXPORT_CONTROL")
    assert event["date"] <= "2025-11-07"
    stated = run("China imposed export controls on rare earths on 9 October 2025, effective 1 December 2025.")
    assert [e["date"] for e in stated["events"]] == ["2025-10-09"]


def test_an_undated_event_takes_the_date_the_text_last_stated() -> None:
    result = run("On 3 November 2025 the index moved.\nDysprosium oxide prices rose 2% to $300/kg.")
    [event] = events(result, "PRICE_MOVEMENT")
    assert event["date"] == "2025-11-03"


def test_a_month_only_publication_date_completes_a_day_of_that_month() -> None:
    result = run(
        "7月29日，巨星稀土永磁新材料产业项目开工仪式在绵阳举行，项目总投资50亿元，建成后年产钕铁硼磁材一万吨，"
        "将带动当地稀土永磁产业链发展。",
        published="2022-07",
    )
    [event] = events(result, "CAPACITY_EXPANSION")
    assert event["date"] == "2022-07-29"


def test_one_price_event_per_price_statement_with_its_price() -> None:
    result = run(
        "The price of praseodymium-neodymium oxide fell by 2,000 yuan/ton to 598,000 yuan/ton, "
        "the price of dysprosium metal rose by 20,000 yuan/ton to 3.42 million yuan/ton."
    )
    prices = [e["price"] for e in events(result, "PRICE_MOVEMENT")]
    assert [p["material"] for p in prices] == ["ndpr oxide", "dysprosium"]
    first, second = prices
    assert (first["value"], first["currency"], first["unit"]) == (598000.0, "CNY", "t")
    assert first["change"] == {"value": -2000.0, "unit": "CNY"} and first["direction"] == "down"
    assert second["value"] == 3420000.0 and second["change"]["value"] == 20000.0


def test_unchanged_prices_are_not_events() -> None:
    result = run("Terbium oxide prices were unchanged at 7,000 yuan/kg this week in China.")
    assert events(result, "PRICE_MOVEMENT") == []


def test_traditional_chinese_reads_like_simplified() -> None:
    result = run(
        "2022年5月9日稀土指數為804點，較昨日上升了8點。國內輕稀土鐠釹系價格上漲，氧化鐠釹均價報80萬元/噸，"
        "金屬鐠釹均價報98萬元/噸。",
        published="2022-05-09",
    )
    assert events(result, "PRICE_MOVEMENT")
    assert "ndpr oxide" in {e["name"] for e in result["entities"] if e["type"] == "MATERIAL"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La startup a posé la première pierre d'une usine de recyclage de terres rares dans le sud-ouest.", "fr"),
        ("A empresa firmou um acordo de financiamento para a construção de uma refinaria de terras raras.", "pt"),
        ("Die Firma will nun gemeinsam mit der Partnerin die Vorkommen der Seltenen Erden bewerten.", "de"),
        ("中国政府がレアアースの日本向けの輸出を制限し始めた。", "ja"),
        ("中国商务部宣布对稀土实施出口管制。", "zh"),
        ("The company signed an offtake agreement for rare earth oxide.", "en"),
    ],
)
def test_languages_by_script_and_function_words(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_events_in_french_and_japanese() -> None:
    french = run(
        "Pour échapper au monopole chinois, la startup lyonnaise Carester a posé lundi la première pierre "
        "d'une usine de recyclage de terres rares à Lacq, dans le sud-ouest de la France."
    )
    assert [e["type"] for e in french["events"]] == ["CAPACITY_EXPANSION"]
    japanese = run(
        "関係者によると、中国政府がレアアースやレアアース磁石の日本向けの輸出を制限し始めた。"
        "日本の自動車メーカーや電機メーカーは調達先の確保を急いでいる。"
    )
    assert [e["type"] for e in japanese["events"]] == ["EXPORT_CONTROL"]


def test_only_reviewable_organisations_are_proposed() -> None:
    text = (
        "LONDON, Nov 7 (Critical Metals Desk) - Blue Line Magnetics Inc. signed a rare earth magnet supply deal "
        "listed on the Australian Securities Exchange in April. Base Resources Ltd welcomed the rare earth news."
    )
    result = run(text)
    proposed = {p["payload"]["entity"]["name"] for p in proposals(result, text, "a") if p["kind"] == "new_organization"}
    assert {name.split(" Inc")[0].split(" Ltd")[0] for name in proposed} == {"Blue Line Magnetics", "Base Resources"}
    assert not any("Desk" in name or "Exchange" in name or name.startswith("April") for name in proposed)


def test_government_bodies_and_head_word_facilities_are_named() -> None:
    result = run(
        "The U.S. Department of Commerce opened a Section 232 investigation into rare earth magnets.\n"
        "Lynas Rare Earths began first feed at the Kalgoorlie plant, and Molycorp started Project Phoenix."
    )
    names = {(e["type"], e["name"]) for e in result["entities"]}
    assert ("ORG", "U.S. Department of Commerce") in names
    assert {("FACILITY", "Kalgoorlie plant"), ("FACILITY", "Project Phoenix")} <= names


def test_a_text_file_quoting_a_tag_stays_text() -> None:
    body = (
        "Rare earth magnet makers met in Baotou.\nThe slide said <p>NdPr oxide prices rose 2% this week</p> in China."
    )
    document = to_document(f"title: Magnets\npublished: 2025-11-07\n---\n{body}".encode(), "story.txt")
    assert "<p>" in document.text and document.title == "Magnets"
    page = to_document(f"<html><body><p>{body}</p></body></html>".encode(), "page.txt")
    assert "<p>" not in page.text


def test_tariffs_at_other_rates_are_other_measures() -> None:
    result = run(
        "The US imposed 25pc tariffs on $200bn of Chinese imports, including rare earth magnets.\n"
        "China announced it will impose 5-25pc tariffs on imports of rare earth ores from the US."
    )
    assert [e["type"] for e in result["events"]] == ["TRADE_MEASURE", "TRADE_MEASURE"]


def test_an_acquisition_told_in_the_passive_is_proposed_buyer_first() -> None:
    text = (
        "Peak Rare Earths has agreed to be acquired by Shenghe Resources for A$158 million, the companies "
        "said on Friday, handing the Chinese group the Ngualla rare earth project in Tanzania."
    )
    result = run(text, published="2025-05-02")
    (deal,) = events(result, "MERGER_ACQUISITION")
    assert deal["actors"][0].startswith("Shenghe")
    summaries = [p["summary"] for p in proposals(result, text, "article") if p["kind"] == "acquisition"]
    assert summaries == ["Shenghe Resources Holding Co., Ltd. acquires Peak Rare Earths Limited"]
