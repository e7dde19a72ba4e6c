"""The exception tree: one root, a few specific subclasses carrying fields.

Library code raises these; the CLI turns them into one-line messages and exit codes
(1 for runtime failures, 2 for usage errors).
"""

from __future__ import annotations


class RechainError(Exception):
    """Root of every error rechain raises on purpose."""

    exit_code = 1


class UsageError(RechainError):
    """The caller asked for something that cannot be asked (bad option, unknown name)."""

    exit_code = 2


class DataFileError(RechainError):
    """A knowledge-base or input file is malformed; names the file and row."""

    def __init__(self, path: str, row: int | None, message: str) -> None:
        self.path, self.row, self.message = path, row, message
        where = f"{path}, row {row}" if row is not None else path
        super().__init__(f"{where}: {message}")


class StoreError(RechainError):
    """The store cannot be opened or used (not rechain's, unreachable, corrupt)."""


class SchemaVersionError(StoreError):
    """The store was written by a newer rechain than this one."""


class NotFoundError(UsageError):
    """A name or id given by the user matches nothing."""


class NoMatchError(RechainError):
    """A name matches no entity closely enough (exit 1: the query was well formed, the answer is no)."""
