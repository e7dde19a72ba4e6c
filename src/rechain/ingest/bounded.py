"""Reading inputs within the document size limit: the limit is checked before or while
reading, never after a whole file or record is in memory."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from rechain.document import MAX_BYTES, Skipped


def read_stream_bounded(stream: BinaryIO, source: str, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a stream; a longer stream is skipped with its reason."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise Skipped(source, f"over-size document (over {limit:,} bytes, limit {limit:,})")
    return data


def read_file_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes, refused by its size on disk before anything is read."""
    size = path.stat().st_size
    if size > limit:
        raise Skipped(str(path), f"over-size document ({size:,} bytes, limit {limit:,})")
    with path.open("rb") as stream:
        return read_stream_bounded(stream, str(path), limit)
