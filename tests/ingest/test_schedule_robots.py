"""The watcher's manners: backoff with jitter after failures, robots.txt obeyed."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from newsserver import QuietHandler, serve_on_loopback
from rechain.ingest.robots import RobotsCache
from rechain.ingest.schedule import MAX_BACKOFF_MINUTES, SourceHealth, after_failure, after_success, due


def test_failures_back_off_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(1)
    health = SourceHealth("feed", interval_minutes=30)
    waits = []
    for _ in range(8):
        health = after_failure(health, 0.0, "HTTP 503", rng)
        waits.append(health.next_due / 60)
    assert health.failures == 8 and health.last_error == "HTTP 503"
    for n, wait in enumerate(waits, start=1):
        planned = min(30 * 2**n, MAX_BACKOFF_MINUTES)
        assert 0.9 * planned <= wait <= 1.1 * planned
    assert max(waits) <= 1.1 * MAX_BACKOFF_MINUTES
    recovered = after_success(health, 1000.0, rng)
    assert recovered.failures == 0 and recovered.last_success == 1000.0
    assert 1000 + 0.9 * 30 * 60 <= recovered.next_due <= 1000 + 1.1 * 30 * 60


def test_sources_fall_due_in_order_and_jitter_spreads_them() -> None:
    rng = random.Random(2)
    polled = [after_success(SourceHealth(f"s{i}", 60), 0.0, rng) for i in range(20)]
    assert len({round(s.next_due) for s in polled}) == 20  # not in step
    assert due(polled, 0.0) == []
    later = due(polled, 3600 * 1.2)
    assert len(later) == 20 and [s.next_due for s in later] == sorted(s.next_due for s in later)


ROBOTS = b"User-agent: rechain\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n"


class RobotsHandler(QuietHandler):
    hits: list[str] = []
    status = 200

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        RobotsHandler.hits.append(self.path)
        body = ROBOTS if RobotsHandler.status == 200 else b"no"
        self.send_response(RobotsHandler.status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def robots_site() -> Iterator[str]:
    RobotsHandler.hits, RobotsHandler.status = [], 200
    yield from serve_on_loopback(RobotsHandler)


def test_robots_txt_rules_for_our_agent_are_obeyed_and_read_once(robots_site: str) -> None:
    robots = RobotsCache(allow_private=True)
    assert robots.allowed(f"{robots_site}/news/feed.xml")
    assert not robots.allowed(f"{robots_site}/private/feed.xml")
    assert RobotsHandler.hits == ["/robots.txt"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)])
def test_robots_txt_answered_4xx_allows_and_a_server_error_disallows(robots_site: str, status: int, allowed: bool) -> None:
    RobotsHandler.status = status
    assert RobotsCache(allow_private=True).allowed(f"{robots_site}/feed.xml") is allowed
