"""Docs that cannot drift: the CLI reference is generated, and every setting is documented."""

from __future__ import annotations

from pathlib import Path

from rechain.clidocs import cli_reference, command_paths
from rechain.config import SETTINGS

ROOT = Path(__file__).parent.parent


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text() == cli_reference(), "run `make docs`"


def test_every_command_is_in_the_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text()
    for path in command_paths():
        assert f"## rechain {path}\n" in reference


def test_every_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert setting.name in readme


def test_the_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```")]
    assert block == [
        "make run    # build the embedded store from the bundled data and summarise it",
        "make test   # install what the tests need (PostgreSQL included) and run them all",
    ]
