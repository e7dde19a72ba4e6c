"""Print docs/cli.md: the CLI reference generated from --help."""

from rechain.clidocs import cli_reference

print(cli_reference(), end="")
