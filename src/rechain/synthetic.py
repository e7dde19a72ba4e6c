"""A synthetic news corpus for benchmarks (synthetic-v1): deterministic, generated as it is
read (never held whole), about a third on rare earths in the manner of trade press, the
rest on other commodities and markets. Not test data for quality: see tests/gold."""

from __future__ import annotations

import random
from collections.abc import Iterator

from rechain.document import Document

FIRMS = [
    "Lynas Rare Earths",
    "MP Materials",
    "China Northern Rare Earth",
    "JL MAG Rare-Earth",
    "Iluka Resources",
    "Arafura Rare Earths",
    "Neo Performance Materials",
    "Shenghe Resources",
    "Vacuumschmelze",
    "Solvay",
    "USA Rare Earth",
    "Energy Fuels",
    "China Rare Earth Group",
    "Noveon Magnetics",
]
PLACES = ["Baotou", "Ganzhou", "Kalgoorlie", "Kuantan", "Mountain Pass", "Fort Worth", "Sillamae", "La Rochelle"]
MATERIALS = ["NdPr oxide", "dysprosium oxide", "terbium", "NdFeB magnets", "rare earth concentrate", "samarium"]
RARE = [
    "{firm} said on {day} it would build a new separation plant in {place} with capacity of {n},000 tonnes a year.",
    "{firm} signed an offtake agreement to supply {material} to {firm2} for five years.",
    "China's commerce ministry imposed export controls on {material}, requiring licences for each shipment.",
    "Prices of {material} rose {p}% this week to {n}00,000 yuan per tonne, traders said.",
    "{firm} received a US${n}0 million loan from the Export-Import Bank to fund its {place} refinery.",
    "{firm} agreed to acquire a {p}% stake in {firm2} for A${n}5 million.",
    "Output at the {place} mine was suspended after flooding, {firm} said in a filing.",
]
OTHER = [
    "Copper prices on the London Metal Exchange edged higher on {day} as inventories fell in Shanghai warehouses.",
    "Brent crude futures settled {p}% lower after OPEC+ signalled it would keep output targets unchanged.",
    "The central bank left its benchmark rate at {p}.25% and said inflation was moving back towards target.",
    "Wheat exports from the Black Sea rose in {month} as freight rates eased and harvest estimates improved.",
    "Steelmakers in the region cut output by {n}% as construction demand weakened in the second quarter.",
    "The chipmaker reported quarterly revenue of ${n}.{p} billion, beating analyst expectations.",
    "Lithium carbonate spot prices slipped for a third week as converters drew down inventories.",
]
FILLER = [
    "The company did not comment further.",
    "Shares were little changed in afternoon trading.",
    "Analysts said the outlook for the second half remained uncertain.",
    "The ministry will publish further details in the coming weeks.",
    "Market participants expect volumes to recover as seasonal demand returns.",
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        firm=rng.choice(FIRMS),
        firm2=rng.choice(FIRMS),
        place=rng.choice(PLACES),
        material=rng.choice(MATERIALS),
        n=rng.randint(1, 9),
        p=rng.randint(1, 30),
        day=rng.choice(["Monday", "Tuesday", "Thursday"]),
        month=rng.choice(["March", "June"]),
    )


def corpus(count: int, seed: int = 7, relevant_share: float = 0.33) -> Iterator[Document]:
    rng = random.Random(seed)
    for number in range(count):
        pool = RARE if rng.random() < relevant_share else OTHER
        paragraphs = [
            " ".join(_fill(rng.choice(pool if i == 0 else pool + FILLER), rng) for _ in range(3))
            for i in range(rng.randint(3, 6))
        ]
        yield Document(f"synthetic:{number}", "\n\n".join(paragraphs), f"Story {number}", "2025-06-01", "en")
