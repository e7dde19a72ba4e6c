"""Tables of the claim store, written once for SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text

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
)
