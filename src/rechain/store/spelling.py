"""British and American spellings as one search term: licence and license, organisation
and organization. Stemmers keep them apart (licenc, licens), so both sides of a search
(what is indexed, what is asked) are brought to one spelling first: in Python for SQLite's
index, by the same rules in SQL for PostgreSQL's."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)
# (british ending, american ending, shortest word it applies to); longer endings first.
# Stored indexes are built with these rules: changing them needs a migration that rebuilds
# article_words (SQLite) and ix_articles_words (PostgreSQL).
ENDINGS = (
    ("isation", "ization", 8),
    ("ising", "izing", 7),
    ("ised", "ized", 6),
    ("ise", "ize", 6),
    ("ence", "ense", 6),
    ("our", "or", 6),
)


def american(word: str) -> str:
    """The word (lower case) with an American ending where a British one may stand;
    plurals too (licences, licenses)."""
    word = word.lower()
    plural = word.endswith("s") and not word.endswith("ss")
    singular = word[:-1] if plural else word
    for british, us, shortest in ENDINGS:
        if singular.endswith(british) and len(singular) >= shortest:
            return singular[: -len(british)] + us + ("s" if plural else "")
    return word


def american_text(text: str) -> str:
    """Text to index: every word in its American spelling."""
    return WORD.sub(lambda match: american(match.group()), text)


def american_sql(expression: str) -> str:
    """The same rewriting as `american_text`, as a PostgreSQL expression (immutable, so an
    index can be built on it): one regexp_replace per ending."""
    for british, us, shortest in ENDINGS:
        prefix = shortest - len(british)
        expression = f"regexp_replace({expression}, '(\\w{{{prefix},}}){british}(s?)\\M', '\\1{us}\\2', 'g')"
    return expression


def words_vector(table: str = "") -> str:
    """The PostgreSQL text-search vector of an article, as indexed and as searched (with
    the articles table's alias, if the query gives it one)."""
    prefix = f"{table}." if table else ""
    article = f"lower({prefix}title || ' ' || {prefix}text)"
    return f"to_tsvector('english', {american_sql(article)})"
