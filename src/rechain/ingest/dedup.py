"""Duplicates: exact (normalised text hash) and near (MinHash over word shingles, LSH),
so syndicated copies become one story with several sources."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.8
PERMUTATIONS = 64
WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 3) -> set[str]:
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)}
    if any("\u4e00" <= ch <= "\u9fff" for ch in text[:200]):
        chars = [ch for ch in text if not ch.isspace()]
        return {"".join(chars[i : i + 4]) for i in range(max(1, len(chars) - 3))}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    signature = MinHash(num_perm=PERMUTATIONS)
    for shingle in shingles(text):
        signature.update(shingle.encode("utf-8"))
    return signature


class StoryIndex:
    """Remembers documents seen in this run; says which earlier story a new one repeats."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self.exact: dict[str, str] = {}

    def add(self, key: str, text: str, content_hash: str | None = None) -> str | None:
        """Register a document; return the key of the story it duplicates, or None."""
        if content_hash is not None and content_hash in self.exact:
            return self.exact[content_hash]
        signature = minhash(text)
        near = self.lsh.query(signature)
        if content_hash is not None:
            self.exact[content_hash] = key
        if near:
            return sorted(near)[0]
        self.lsh.insert(key, signature)
        return None
