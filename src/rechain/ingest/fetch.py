"""Fetching a URL safely: http(s) only, no private or loopback addresses unless allowed,
bounded redirects, a timeout, a size cap and a content-type check."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from rechain.document import MAX_BYTES, Skipped

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
DEADLINE_SECONDS = 60.0  # the whole fetch, redirects included: a server dripping bytes cannot hold an ingest
MAX_REDIRECTS = 5
# 304 Not Modified is a 3xx too, but an answer, not a redirect (httpx's is_redirect says yes to it)
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
TEXT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
)
USER_AGENT = "rechain/0.1 (+https://example.invalid/rechain; research crawler)"


@dataclass
class Fetched:
    url: str
    status: int
    content: bytes
    content_type: str
    headers: dict[str, str]


def check_url(url: str, allow_private: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Skipped(url, f"refused scheme {parts.scheme or '(none)'!r}: only http and https")
    if not parts.hostname:
        raise Skipped(url, "no host in URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise Skipped(url, f"cannot resolve host {parts.hostname!r}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise Skipped(url, f"refused private or loopback address {address} (use --allow-private)")


def fetch(
    url: str,
    allow_private: bool = False,
    headers: dict[str, str] | None = None,
    client: httpx.Client | None = None,
    deadline_seconds: float = DEADLINE_SECONDS,
) -> Fetched:
    """GET with manual redirects so every hop is checked like the first, within one overall deadline."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + deadline_seconds
    try:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, allow_private)
            _check_deadline(url, deadline, deadline_seconds)
            with client.stream("GET", url, headers=headers or {}, follow_redirects=False) as response:
                if is_redirect(response):
                    url = str(response.url.join(response.headers["location"]))
                    continue
                return _read(url, response, deadline, deadline_seconds)
        raise Skipped(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        raise Skipped(url, f"fetch failed ({type(exc).__name__})") from None
    finally:
        if own:
            client.close()


def is_redirect(response: httpx.Response) -> bool:
    return response.status_code in REDIRECT_CODES and "location" in response.headers


def _check_deadline(url: str, deadline: float, seconds: float) -> None:
    if time.monotonic() > deadline:
        raise Skipped(url, f"fetch took longer than {seconds:g} s")


def _read(url: str, response: httpx.Response, deadline: float, seconds: float) -> Fetched:
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if response.status_code == 304:
        return Fetched(url, 304, b"", content_type, dict(response.headers))
    if response.status_code >= 400:
        raise Skipped(url, f"HTTP {response.status_code}")
    if content_type and not content_type.startswith(TEXT_TYPES):
        raise Skipped(url, f"refused content type {content_type!r}")
    declared = int(response.headers.get("content-length") or 0)
    if declared > MAX_BYTES:
        raise Skipped(url, f"over-size response ({declared:,} bytes)")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        _check_deadline(url, deadline, seconds)
        if len(body) > MAX_BYTES:
            raise Skipped(url, f"over-size response (over {MAX_BYTES:,} bytes)")
    return Fetched(url, response.status_code, bytes(body), content_type, dict(response.headers))
