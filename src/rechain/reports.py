"""Results of the knowledge-base, news, review and benchmark commands, with their rows.

The analytics results live beside their computations (analytics/, scenarios/run.py,
describe.py, lookup.py); these wrap what kb/, ingest/, review, news and benchmarks
return, so that every command renders through `rechain.results.render`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rechain.results import Message, Report, Row, Rows, Section


@dataclass(frozen=True)
class KbStats(Report):
    """`kb stats`: the counts (rows: one per count); facilities by stage as a second table."""

    def rows(self) -> list[Row]:
        return [{k: v for k, v in self.data.items() if not isinstance(v, dict)}]

    def sections(self) -> list[Section]:
        counts = [{"what": k, "count": v} for k, v in self.rows()[0].items()]
        by_stage = [{"stage": k, "facilities": v} for k, v in self.data["facilities_by_stage"].items()]
        return [Section(counts, "knowledge base"), Section(by_stage)]


def load_message(report: Any) -> Message:
    """`kb load` and `init`: what a load of the knowledge base did."""
    r = report
    return Message(
        f"loaded {r.claims} claims from {r.sources} sources about {r.entities} entities: "
        f"{r.new_claims} new, {r.retracted} retracted, {r.revived} restored",
        asdict(r),
    )


@dataclass(frozen=True)
class IngestReport(Report):
    """`ingest`: counts of new, duplicate, irrelevant and failed documents, and why."""

    columns = ("new", "duplicate", "irrelevant", "failed", "events", "proposals")

    def rows(self) -> list[Row]:
        return [{k: self.data[k] for k in self.columns}]

    def sections(self) -> list[Section]:
        d = self.data
        line = (
            f"new {d['new']}, duplicate {d['duplicate']}, irrelevant {d['irrelevant']}, "
            f"failed {d['failed']}; {d['events']} events, {d['proposals']} proposals"
        )
        reasons = sorted(d["reasons"].items(), key=lambda kv: -kv[1])
        return [Section(before=[line, *(f"  failed: {n} x {reason}" for reason, n in reasons)])]


EVENT_COLUMNS = ("date", "type", "actors", "materials", "places", "quantities", "title")


def events_report(events: list[Row]) -> Rows:
    """`events`: JSON keeps lists; rows join them with '; '."""
    return EventRows(events, columns=EVENT_COLUMNS)


@dataclass(frozen=True)
class EventRows(Rows):
    def rows(self) -> list[Row]:
        return [
            {
                **r,
                "actors": "; ".join(r["actors"]),
                "materials": "; ".join(r["materials"]),
                "places": "; ".join(r["places"]),
                "quantities": "; ".join(q["text"] for q in r["quantities"]),
            }
            for r in self.items
        ]


@dataclass(frozen=True)
class ProposalRows(Rows):
    """`review list`: full proposals in JSON, short ids and evidence in rows."""

    def rows(self) -> list[Row]:
        return [
            {
                "id": r["id"][:10],
                "kind": r["kind"],
                "summary": r["summary"],
                "status": r["status"],
                "evidence": r["evidence"][:160],
            }
            for r in self.items
        ]


PROPOSAL_COLUMNS = ("id", "kind", "summary", "status", "evidence")
DECISION_COLUMNS = ("id", "proposal_id", "decision", "decided_at", "note")


def decision_message(verb: str, done: Row) -> Message:
    """`review accept|reject|undo`: the proposal as it now stands."""
    summary = "back to proposed" if verb == "undone" else done["summary"]
    return Message(f"{verb} {done['id'][:10]}: {summary}", done)


@dataclass(frozen=True)
class EvaluationReport(Report):
    """`eval`: precision, recall and F1 per entity and event type."""

    columns = ("part", "type", "precision", "recall", "f1", "tp", "fp", "fn")

    def rows(self) -> list[Row]:
        return [{"part": part, "type": k, **v} for part in ("entities", "events") for k, v in self.data[part].items()]

    def sections(self) -> list[Section]:
        d = self.data
        tables = [
            Section(
                [{"type": k, **v} for k, v in d[part].items()],
                f"{part} ({d['articles']} articles, {d['algorithm']})",
            )
            for part in ("entities", "events")
        ]
        lines = [f"relevance accuracy {d['relevance_accuracy']:.3f}"]
        if "dates" in d:
            lines.append(f"event dates right at the gold's precision: {d['dates']['right']}/{d['dates']['gold']}")
        lines += [f"worst: {w['article']} ({w['errors']} errors)" for w in d.get("worst", [])]
        return [*tables, Section(before=lines)]


@dataclass(frozen=True)
class ScenarioBench(Report):
    """`bench scenarios`: seconds per case beside its target."""

    columns = ("case", "seconds", "target_s")

    title_format = "{benchmark} on {cores} cores, scenario {scenario}"

    def rows(self) -> list[Row]:
        d = self.data
        return [{"case": k, "seconds": v, "target_s": d["targets"].get(k)} for k, v in d["seconds"].items()]


@dataclass(frozen=True)
class IngestBench(Report):
    """`bench ingest`: one row per measure; the baseline's measures as a second table."""

    columns = ("measure", "value")

    def rows(self) -> list[Row]:
        return [{"measure": k, "value": v} for k, v in self.data.items() if k not in ("targets", "baseline")]

    def sections(self) -> list[Section]:
        baseline = [{"measure": k, "value": v} for k, v in self.data.get("baseline", {}).items()]
        return [Section(self.rows(), self.data.get("benchmark")), Section(baseline, "baseline")]


@dataclass(frozen=True)
class StoreSummary(Report):
    """`up`: what the store knows after building it from the knowledge base."""

    stored: Row
    headline: str = ""

    def as_dict(self) -> Row:
        return {"knowledge_base": self.data, "stored": self.stored}

    def rows(self) -> list[Row]:
        return KbStats(self.data).rows()

    def sections(self) -> list[Section]:
        stored = self.stored
        line = (
            f"{stored['articles']} articles and {stored['events']} events stored; "
            "add news with `rechain ingest FILE|FOLDER|URL|FEED...`"
        )
        return [Section(before=[self.headline]), *KbStats(self.data).sections(), Section(before=[line])]
