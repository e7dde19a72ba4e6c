"""The per-document work, split in two so it can be spread out: `analyse` is pure (no
store, picklable result: a watcher or a Dask worker runs it anywhere) and `write` stores
a batch of analyses in one transaction, idempotently."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rechain.document import Document
from rechain.extract.gazetteer import Gazetteer
from rechain.extract.pipeline import extract
from rechain.extract.relevance import is_relevant
from rechain.news.record import article_claims, article_id, article_source, proposals
from rechain.store import Store
from rechain.store.articles import NewArticle, add_articles


@dataclass(frozen=True)
class Analysis:
    """What one document is: irrelevant (no article), or an article with its claims."""

    source: str
    article: NewArticle | None
    events: int = 0

    @property
    def relevant(self) -> bool:
        return self.article is not None


@dataclass(frozen=True)
class Written:
    new: int = 0
    duplicate: int = 0
    events: int = 0
    proposals: int = 0


def analyse(document: Document, gazetteer: Gazetteer) -> Analysis:
    """Relevance (once), then extraction and the record of a relevant document."""
    if not is_relevant(document):
        return Analysis(document.source, None)
    result = extract(document, gazetteer, relevant=True)
    key = article_id(document)
    citation = article_source(document, key)
    article = NewArticle(
        key,
        document.source,
        document.title,
        document.published,
        document.language,
        document.text,
        citation,
        tuple(article_claims(result, key, citation)),
        tuple(proposals(result, document.text, key)),
    )
    return Analysis(document.source, article, len(result["events"]))


def write(analyses: Sequence[Analysis], store: Store) -> Written:
    """Store the relevant analyses in one transaction; an article already stored (by this
    run, an earlier one or one running beside it) only gains a source."""
    stored = [a for a in analyses if a.article is not None]
    added = add_articles(store, [a.article for a in stored if a.article is not None])
    fresh = [a for a, new in zip(stored, added, strict=True) if new]
    return Written(
        new=len(fresh),
        duplicate=len(stored) - len(fresh),
        events=sum(a.events for a in fresh),
        proposals=sum(len(a.article.proposals) for a in fresh if a.article is not None),
    )
