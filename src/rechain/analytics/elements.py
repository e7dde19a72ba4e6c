"""Element distributions (elements-v1): which elements a mine's ore holds, from sourced
distributions of the deposit itself or, failing that, of its deposit type.

A mine supplies an element only where its ore does: the element is a named product of
the site, or a distribution gives it at least SUPPLY_THRESHOLD_PCT of the REO.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rechain.store import Store
from rechain.views import Profile, rank

ALGORITHM = "elements-v1"
SUPPLY_THRESHOLD_PCT = 1.0  # below 1% of the REO a deposit is not counted as a source of the element
NDPR = "ndpr oxide"


@dataclass
class ElementShares:
    """pct of REO by element, for facilities (their own deposit) and for deposit types."""

    by_facility: dict[str, dict[str, float]] = field(default_factory=dict)
    by_deposit_type: dict[str, dict[str, float]] = field(default_factory=dict)

    def of(self, p: Profile) -> dict[str, float]:
        """The facility's own distribution, else its deposit type's; empty when no source gives one."""
        return self.by_facility.get(p.id) or self.by_deposit_type.get(p.value("deposit_type") or "", {})

    def ndpr_share(self, p: Profile) -> float | None:
        return ndpr_of(self.of(p))


def ndpr_of(shares: dict[str, float]) -> float | None:
    if NDPR in shares:
        return shares[NDPR]
    if "neodymium" in shares and "praseodymium" in shares:
        return shares["neodymium"] + shares["praseodymium"]
    return None


def element_shares(store: Store) -> ElementShares:
    """The best-ranked share per (facility or deposit type, element)."""
    claims = store.claims(property="element_share")
    found = ElementShares()
    for claim in rank(claims, store.sources({c.source_id for c in claims})):
        q = claim.qualifiers
        if claim.value is None:
            continue
        if claim.subject != q.get("country"):  # a facility's own deposit
            found.by_facility.setdefault(claim.subject, {}).setdefault(q["element"], float(claim.value))
        if q.get("deposit_type"):
            found.by_deposit_type.setdefault(q["deposit_type"], {}).setdefault(q["element"], float(claim.value))
    return found


def supplies_element(p: Profile, element: str, shares: ElementShares) -> tuple[bool, str]:
    """Whether a mine supplies the element, and why (or why not)."""
    if element in p.values("product"):
        return True, f"{element} is a named product of the site"
    known = shares.of(p)
    share = ndpr_of(known) if element == NDPR else known.get(element)
    deposit = p.value("deposit_type") or "deposit type not recorded"
    if share is None:
        return False, f"no source gives the {element} share of its ore ({deposit})"
    if share < SUPPLY_THRESHOLD_PCT:
        return False, f"{element} is {share:g}% of the REO of its ore ({deposit})"
    return True, f"{element} is {share:g}% of the REO of its ore ({deposit})"
