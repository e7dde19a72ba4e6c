"""The layers hold: extract/ reads documents without ingest/, news/ or the store; ingest/
makes documents without news/ or the store; SQL lives in store/; no module imports
another's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "rechain"


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in a file, lazy ones inside functions included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("extract", ("rechain.ingest", "rechain.news", "rechain.store", "sqlalchemy")),
        ("ingest", ("rechain.news", "rechain.store", "sqlalchemy")),
    ],
)
def test_lower_layers_do_not_reach_up(package: str, forbidden: tuple[str, ...]) -> None:
    offending = [
        f"{path.name}: {module}"
        for path in sorted((SRC / package).glob("*.py"))
        for module, _ in imports(path)
        if module.startswith(forbidden)
    ]
    assert offending == []


def test_sql_lives_in_the_store_and_private_names_stay_private() -> None:
    sql, private = [], []
    for path in sorted(SRC.rglob("*.py")):
        inside_store = path.parent.name == "store"
        for module, names in imports(path):
            if module.startswith("sqlalchemy") and not inside_store:
                sql.append(str(path.relative_to(SRC)))
            # cli/ shares its shell helpers while it is reworked; every other module is held
            if module.startswith("rechain") and path.parent.name != "cli":
                hidden = [n for n in names if n.startswith("_") and not n.startswith("__")]
                private += [f"{path.relative_to(SRC)}: {module}.{n}" for n in hidden]
    assert sql == [] and private == []
