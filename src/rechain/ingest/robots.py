"""robots.txt, read once per site and kept for a while: a source a site's robots.txt
disallows for our user agent is not fetched. As RFC 9309 says: a robots.txt answered with
4xx means no rules; a server error or no answer means everything is disallowed, for a
short while, until it is asked again."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from rechain.document import Skipped
from rechain.ingest.fetch import USER_AGENT, fetch

KEEP_SECONDS = 6 * 3600
RETRY_SECONDS = 1800  # after a server error: disallow, and ask again sooner
AGENT = USER_AGENT.split("/")[0]  # "rechain": the product token robots.txt rules name


@dataclass
class RobotsCache:
    allow_private: bool = False
    keep_seconds: float = KEEP_SECONDS
    _sites: dict[str, tuple[float, RobotFileParser]] = field(default_factory=dict)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._sites.get(site)
        if cached is None or time.monotonic() > cached[0]:
            rules, keep = self._read(site)
            cached = self._sites[site] = (time.monotonic() + keep, rules)
        return cached[1].can_fetch(AGENT, url)

    def _read(self, site: str) -> tuple[RobotFileParser, float]:
        rules = RobotFileParser()
        try:
            fetched = fetch(f"{site}/robots.txt", allow_private=self.allow_private, deadline_seconds=20.0)
        except Skipped as skipped:
            if skipped.reason.startswith("HTTP 4"):
                rules.parse([])  # no rules: everything allowed
                return rules, self.keep_seconds
            rules.parse(["User-agent: *", "Disallow: /"])  # unreachable: everything disallowed, for now
            return rules, RETRY_SECONDS
        rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        return rules, self.keep_seconds
