"""When to poll a source next: its own interval with jitter after a success, and an
exponential backoff with jitter after failures, capped, so a broken site is asked less
and less often but never forgotten, and many sources never fire in step."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

MAX_BACKOFF_MINUTES = 24 * 60
JITTER = 0.1  # up to 10% of the interval, either way


@dataclass(frozen=True)
class SourceHealth:
    source_id: str
    interval_minutes: float
    next_due: float = 0.0  # seconds since the epoch
    last_success: float | None = None
    last_failure: float | None = None
    failures: int = 0  # consecutive
    last_error: str | None = None

    @property
    def backoff_minutes(self) -> float:
        if not self.failures:
            return 0.0
        return min(self.interval_minutes * 2**self.failures, MAX_BACKOFF_MINUTES)


def _jittered(minutes: float, rng: random.Random) -> float:
    return minutes * 60 * (1 + rng.uniform(-JITTER, JITTER))


def after_success(health: SourceHealth, now: float, rng: random.Random) -> SourceHealth:
    return replace(
        health,
        last_success=now,
        failures=0,
        last_error=None,
        next_due=now + _jittered(health.interval_minutes, rng),
    )


def after_failure(health: SourceHealth, now: float, error: str, rng: random.Random) -> SourceHealth:
    failed = replace(health, last_failure=now, failures=health.failures + 1, last_error=error)
    return replace(failed, next_due=now + _jittered(failed.backoff_minutes, rng))


def due(sources: list[SourceHealth], now: float) -> list[SourceHealth]:
    """Sources whose time has come, most overdue first."""
    return sorted((s for s in sources if s.next_due <= now), key=lambda s: s.next_due)
