"""Every command, found by walking the Typer app, writes JSON that parses and CSV with a
header; untrusted text cannot drive the terminal; bad dates and numbers are refused."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import FIXTURES
from rechain.cli import app
from rechain.errors import UsageError
from rechain.news.review import decide, list_proposals
from rechain.news.run import ingest
from rechain.store import open_store

Args = Callable[["Context"], list[str]]


class Context:
    """What the commands need: a built store (bundled KB plus articles) and a few files."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.folder = folder
        self.gold = folder / "gold.jsonl"
        article = FIXTURES / "news" / "en-offtake.txt"
        self.gold.write_text(json.dumps({"path": str(article), "relevant": True, "entities": [], "events": []}) + "\n")

    def proposal(self, status: str) -> str:
        """A proposal with that status; a decided one is made by accepting one if needed."""
        store = open_store(self.url)
        try:
            found = list_proposals(store, status)
            if not found and status == "accepted":
                found = [decide(store, str(list_proposals(store, "proposed")[0]["id"]), "accepted")]
        finally:
            store.close()
        assert found, f"no {status} proposal to work on"
        return str(found[0]["id"])


# The arguments each command needs. A command missing here fails the walk: add it.
ARGUMENTS: dict[str, Args] = {
    "up": lambda c: [],
    "version": lambda c: [],
    "init": lambda c: [],
    "kb load": lambda c: [],
    "kb validate": lambda c: [],
    "kb stats": lambda c: [],
    "show": lambda c: ["Baotou"],
    "chain": lambda c: ["--place", "Baotou"],
    "search-names": lambda c: ["Lynas"],
    "export": lambda c: ["facilities"],
    "risk concentration": lambda c: ["--year", "2023"],
    "risk supply": lambda c: [],
    "risk index": lambda c: [],
    "risk diversification": lambda c: ["--last", "2027"],
    "controls check": lambda c: ["--material", "dysprosium", "--date", "2025-06-01"],
    "controls listings": lambda c: [],
    "trace": lambda c: ["Lynas", "--material", "dysprosium"],
    "exposure": lambda c: [str(FIXTURES / "parts.csv"), "--date", "2025-06-01"],
    "validate": lambda c: [],
    "ingest": lambda c: [str(FIXTURES / "news")],
    "extract": lambda c: [str(FIXTURES / "news" / "en-offtake.txt")],
    "events": lambda c: [],
    "prices": lambda c: ["--material", "ndpr oxide"],
    "search": lambda c: ["rare earth"],
    "review list": lambda c: ["--status", "all"],
    "review accept": lambda c: [c.proposal("proposed")],
    "review reject": lambda c: [c.proposal("proposed")],
    "review undo": lambda c: [c.proposal("accepted")],
    "review history": lambda c: [c.proposal("accepted")],
    "eval": lambda c: [str(c.gold)],
    "scenario list": lambda c: [],
    "scenario run": lambda c: ["april-2025-licensing"],
    "bench scenarios": lambda c: ["--runs", "2"],
    "bench ingest": lambda c: ["--docs", "100", "--baseline-docs", "10"],
}
# Commands whose output has one fixed format (its own contract).
FIXED_FORMAT = {"extract": "jsonl"}


def walk(group: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from walk(command, path + " ")
        else:
            yield path, command


COMMANDS = dict(walk(typer.main.get_command(app)))


@pytest.fixture(scope="module")
def context(bundled_store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Context:
    """A copy of the bundled store with the bundled articles ingested: events and proposals
    to read on whichever worker runs a command."""
    folder = tmp_path_factory.mktemp("formats")
    shutil.copy(bundled_store_url.removeprefix("sqlite:///"), folder / "rechain.sqlite")
    url = f"sqlite:///{folder / 'rechain.sqlite'}"
    store = open_store(url)
    try:
        ingest(store, [str(FIXTURES / "devarticles")])
    finally:
        store.close()
    return Context(url, folder)


def invoke(context: Context, *args: str) -> Any:
    """Run a command in this process (the walk is long; the subprocess path is tested elsewhere)."""
    env = {"RECHAIN_DATABASE_URL": context.url, "RECHAIN_HOME": str(context.folder / "home"), "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env)


def test_every_command_has_its_arguments_listed() -> None:
    assert sorted(set(COMMANDS) - set(ARGUMENTS)) == []
    assert sorted(set(ARGUMENTS) - set(COMMANDS)) == []


@pytest.mark.parametrize("path", list(ARGUMENTS))
def test_every_command_writes_json_and_csv(context: Context, path: str) -> None:
    command = COMMANDS[path]
    options = {o for p in command.params for o in getattr(p, "opts", [])}
    assert "--format" in options, f"{path} has no --format option"
    for fmt in ("json", "csv"):
        args = [*path.split(), *ARGUMENTS[path](context), "--format", fmt]
        result = invoke(context, *args)
        if path in FIXED_FORMAT:  # refused as a usage error (exit 2 through `main`)
            assert isinstance(result.exception, UsageError) and FIXED_FORMAT[path] in str(result.exception)
            continue
        assert result.exit_code == 0, f"rechain {' '.join(args)}: {result.exception!r} {result.output[-500:]}"
        if fmt == "json":
            json.loads(result.stdout)
        else:
            header = next(csv.reader(io.StringIO(result.stdout)), None)
            assert header and all(header), f"rechain {' '.join(args)} wrote no CSV header: {result.stdout[:200]!r}"


def test_a_format_a_command_cannot_write_is_refused_in_one_line(cli) -> None:
    refused = cli("extract", str(FIXTURES / "news" / "en-offtake.txt"), "--format", "csv")
    assert refused.code == 2 and refused.stdout == "" and refused.stderr.count("\n") == 1
