"""Tables of the claim store, written once for SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

migrations = Table(
    "rechain_migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("publisher", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("year", Integer),
    Column("url", Text),
    Column("note", Text),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("name", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("subject", String(200), nullable=False),
    Column("property", String(60), nullable=False),
    Column("value", Text, nullable=False),  # JSON
    Column("qualifiers", Text, nullable=False),  # JSON object, sorted keys
    Column("source_id", String(200), nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("confidence", Float, nullable=False),
    Column("status", String(20), nullable=False),
    Column("valid_from", String(20)),
    Column("valid_to", String(20)),
    Column("note", Text),
    Column("first_seen", String(40), nullable=False),
    Index("ix_claims_subject", "subject"),
    Index("ix_claims_property_status", "property", "status"),
    Index("ix_claims_source", "source_id"),  # added by 0003_query_indexes
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of the normalised text
    Column("source", Text, nullable=False),  # where it was first read
    Column("title", Text, nullable=False),
    Column("published", String(20)),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("relevant", Boolean, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    Index("ix_articles_published", "published"),  # added by 0003_query_indexes
    Index("ix_articles_language", "language"),
)

article_sources = Table(
    "article_sources",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of (article, source)
    Column("article_id", String(40), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("duplicate_of", String(40)),  # set when a near-duplicate joined an earlier story
)

feed_state = Table(
    "feed_state",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of the feed URL
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("modified", Text),
    Column("polled_at", String(40)),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("summary", Text, nullable=False),
    Column("payload", Text, nullable=False),  # JSON: the claims (and entity) it would add
    Column("article_id", String(40), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("status", String(20), nullable=False),  # proposed, accepted, rejected
    Column("created_at", String(40), nullable=False),
    Index("ix_proposals_status_created", "status", "created_at"),  # added by 0003_query_indexes
    Index("ix_proposals_article", "article_id"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("proposal_id", String(40), nullable=False, index=True),
    Column("decision", String(20), nullable=False),  # accepted, rejected, undone
    Column("decided_at", String(40), nullable=False),
    Column("note", Text),
)

# The searchable columns of event claims (claims.value is JSON), written beside each
# event claim so events are filtered in SQL (0003_query_indexes).
events = Table(
    "events",
    metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("article_id", String(40)),
    Column("type", String(40), nullable=False),
    Column("date", String(20)),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_date", "date"),
    Index("ix_events_article", "article_id"),
)

event_terms = Table(
    "event_terms",
    metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("kind", String(20), primary_key=True),  # entity, material or place
    Column("value", String(200), primary_key=True),
    Index("ix_event_terms_kind_value", "kind", "value"),
)
