"""Shared fixtures: stores on SQLite and on a real PostgreSQL server, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pgserver import PostgresServer
from rechain.kb.load import load_kb
from rechain.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_KB = FIXTURES / "kb_small"
RECHAIN = str(Path(sys.executable).with_name("rechain"))
pytest_plugins = ["newsserver"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    if not server.available:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing; the test command installs them")
        pytest.skip("no PostgreSQL server binaries here")
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store URL on each backend: the same behaviour tests run on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def small_kb(tmp_path: Path) -> Path:
    """A writable copy of the small fixture knowledge base."""
    target = tmp_path / "kb"
    shutil.copytree(SMALL_KB, target)
    return target


@pytest.fixture
def small_store(store: Store) -> Store:
    load_kb(store, SMALL_KB)
    return store


@pytest.fixture(scope="session")
def bundled_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store loaded from the bundled knowledge base, shared by read-only tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('bundled') / 'rechain.sqlite'}"
    store = open_store(url)
    load_kb(store)
    store.close()
    return url


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path):
    """Run the installed `rechain` command with its own RECHAIN_HOME."""
    home = tmp_path / "home"

    def run(*args: str, database_url: str | None = None, input: str | None = None) -> Result:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RECHAIN_")}
        env["RECHAIN_HOME"] = str(home)
        env["COLUMNS"] = "250"
        if database_url:
            env["RECHAIN_DATABASE_URL"] = database_url
        done = subprocess.run([RECHAIN, *args], capture_output=True, text=True, env=env, input=input, timeout=300)
        return Result(done.returncode, done.stdout, done.stderr)

    return run
