"""A throw-away PostgreSQL server on loopback for the test session.

Uses RECHAIN_TEST_POSTGRES_URL when set (an admin URL of a running server); otherwise
initialises a private cluster with the Debian server binaries and starts it on a free
port, as the postgres user when the tests run as root (the server refuses root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    def __init__(self) -> None:
        self.url = os.environ.get("RECHAIN_TEST_POSTGRES_URL", "")
        self.folder: Path | None = None
        self.bin = _binaries()

    @property
    def available(self) -> bool:
        return bool(self.url) or self.bin is not None

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        if self.url:
            return self.url
        assert self.bin is not None
        self.folder = Path(tempfile.mkdtemp(prefix="rechain-pg-"))
        os.chmod(self.folder, 0o777)
        data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        port = _free_port()
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
            "-o",
            f"-h 127.0.0.1 -p {port} -k {self.folder} -F",
        )
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        self._wait(port)
        return self.url

    def _wait(self, port: int) -> None:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("postgres did not start")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        base = self.url.rsplit("/", 1)[0]
        return f"{base}/{name}"

    def stop(self) -> None:
        if self.folder is None or self.bin is None:
            return
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
