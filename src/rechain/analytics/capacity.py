"""Headline capacities (headline-v2) and organisation-level figures.

headline-v2: a facility's headline is an operating nameplate figure (or, for mines and
concentrators, REO contained) on the stage's basis, converted by basis-v1 where a rule
and its sourced input allow; a target, a feed capacity or a planned phase is never a
headline. Every headline carries the stated figure, its basis, status and the conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

from rechain.analytics.basis import Conversion, convert
from rechain.analytics.elements import ElementShares
from rechain.store import ClaimRow, Store
from rechain.views import Profile, rank

ALGORITHM = "headline-v2"
STAGE_BASIS = {
    "mining": "reo",
    "beneficiation": "reo",
    "separation": "reo",
    "metal_alloy": "metal",
    "magnet": "magnet",
    "component": "units",
    "recycling": "feedstock",
}
HEADLINE_FIGURES = (None, "nameplate", "contained")


@dataclass(frozen=True)
class Headline:
    facility: str
    value: float | None  # on `basis`; None when the figure had to be refused
    basis: str
    status: str
    figure: str
    stated: str  # the figure as the source states it
    how: str  # the conversion applied, or why it was refused
    claim: str

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in ("value", "basis", "status", "figure", "stated", "how", "claim")}


def figure_status(claim: ClaimRow, p: Profile) -> str:
    """A capacity row's phase status; the facility row's own figure has the facility's status."""
    return str(claim.qualifiers.get("phase_status") or p.value("status") or "unknown")


def eligible(claim: ClaimRow, p: Profile, statuses: tuple[str, ...]) -> bool:
    return (
        claim.value is not None
        and claim.qualifiers.get("figure") in HEADLINE_FIGURES
        and figure_status(claim, p) in statuses
    )


def headline(
    p: Profile, basis: str, shares: ElementShares, statuses: tuple[str, ...] = ("operating",)
) -> Headline | None:
    """The facility's headline on `basis`; None when it states no eligible figure at all."""
    candidates = [c for c in rank(p.claims.get("capacity", []), p.sources) if eligible(c, p, statuses)]
    candidates.sort(key=lambda c: c.qualifiers.get("basis") != basis)  # a figure on the basis itself first
    refused: Headline | None = None
    for claim in candidates:
        converted = _convert(claim, basis, p, shares)
        found = Headline(
            p.id,
            converted.value,
            basis,
            figure_status(claim, p),
            claim.qualifiers.get("figure") or "nameplate",
            f"{claim.value:g} {claim.qualifiers.get('unit')} {claim.qualifiers.get('basis')}",
            converted.how,
            claim.id,
        )
        if converted.value is not None:
            return found
        refused = refused or found
    return refused


def _convert(claim: ClaimRow, basis: str, p: Profile, shares: ElementShares) -> Conversion:
    q = claim.qualifiers
    return convert(
        float(claim.value),
        q.get("basis") or "",
        basis,
        ndpr_share_pct=shares.ndpr_share(p),
        grade_pct=q.get("grade_pct"),
    )


def distinct_capacities(p: Profile) -> list[ClaimRow]:
    """The facility's capacity claims best first, one per figure (a figure two sources state is one)."""
    found: list[ClaimRow] = []
    for claim in p.ranked("capacity"):
        if not any(_same_figure(claim, kept) for kept in found):
            found.append(claim)
    return found


def figure_sources(p: Profile, claim: ClaimRow) -> list[str]:
    """Every source stating the same figure as `claim`."""
    return sorted({c.source_id for c in p.claims.get("capacity", []) if _same_figure(c, claim)})


def _same_figure(a: ClaimRow, b: ClaimRow) -> bool:
    return a.value == b.value and a.qualifiers == b.qualifiers


def shown_headline(p: Profile) -> ClaimRow | None:
    """The figure to show first for a facility: a nameplate (never a target or a feed), operating
    phases first, then on the stage's basis; None when the facility states none."""
    basis = STAGE_BASIS.get(str(p.value("stage")), "")
    usable = [
        c for c in distinct_capacities(p) if c.value is not None and c.qualifiers.get("figure") in HEADLINE_FIGURES
    ]
    usable.sort(key=lambda c: (figure_status(c, p) != "operating", c.qualifiers.get("basis") != basis))
    return usable[0] if usable else None


def capacity_label(claim: ClaimRow, p: Profile) -> str:
    """'10000 t/y magnet (planned, target, 2026)': the figure with its basis, status and kind."""
    q = claim.qualifiers
    details = [figure_status(claim, p), q.get("figure") or "nameplate"] + ([str(q["year"])] if q.get("year") else [])
    return f"{claim.value:g} {q.get('unit')} {q.get('basis')} ({', '.join(details)})"


@dataclass(frozen=True)
class OrgFigure:
    organization: str
    country: str
    value: float
    scope: str
    includes: tuple[str, ...]
    claim: str


def org_figures(store: Store, stage: str, year: int, basis: str) -> list[OrgFigure]:
    """Operating nameplate organisation-level figures on the basis, the latest up to the year, one per
    (organisation, country)."""
    claims = [
        c
        for c in store.claims(property="org_capacity")
        if c.qualifiers["stage"] == stage
        and c.qualifiers["basis"] == basis
        and c.qualifiers["status"] == "operating"
        and c.qualifiers["figure"] == "nameplate"
        and c.value is not None
        and (c.qualifiers["year"] or 0) <= year
    ]
    countries = {c.subject: c for c in store.claims(property="country", subject=list({c.subject for c in claims}))}
    ranked = sorted(
        rank(claims, store.sources({c.source_id for c in claims})), key=lambda c: -(c.qualifiers["year"] or 0)
    )
    best: dict[tuple[str, str], OrgFigure] = {}
    for c in ranked:
        country = c.qualifiers.get("country") or (countries[c.subject].value if c.subject in countries else "")
        key = (c.subject, str(country))
        best.setdefault(
            key,
            OrgFigure(
                c.subject,
                str(country),
                float(c.value),
                c.qualifiers["scope"],
                tuple(c.qualifiers.get("includes") or ()),
                c.id,
            ),
        )
    return list(best.values())
