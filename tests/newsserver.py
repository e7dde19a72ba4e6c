"""A real HTTP server on loopback serving the fixture news, with ETag support for feeds."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

NEWS = Path(__file__).parent / "fixtures" / "news"
ROUTES = {
    "/feed.xml": ("feed.xml", "application/rss+xml"),
    "/page.html": ("page.html", "text/html; charset=utf-8"),
}


class Handler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Handler.requests.append(self.path)
        if self.path == "/redirect-loop":
            self.send_response(302)
            self.send_header("Location", "/redirect-loop")
            self.end_headers()
            return
        if self.path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
            return
        if self.path not in ROUTES:
            self._send(404, b"not found", "text/plain")
            return
        name, content_type = ROUTES[self.path]
        body = (NEWS / name).read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, body, content_type, {"ETag": etag})

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that keeps the test output clean."""

    def log_message(self, *args: object) -> None:
        return


def serve_on_loopback(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 for the length of a test; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def news_server() -> Iterator[str]:
    Handler.requests = []
    yield from serve_on_loopback(Handler)
