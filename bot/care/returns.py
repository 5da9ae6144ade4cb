"""Faulty products coming back: find the purchase, apply the policy, record the return,
open (or add to) the case for the maker, and suggest a product without the failed feature.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Dict, List, Optional, Sequence

from sqlalchemy import desc, select
from sqlalchemy.orm import Session

from bot.care.models import FaultReport, MakerCase, Order, OrderContact, OrderLine, ReturnCase
from bot.catalogue.models import Product
from bot.products import Catalogue, ProductInfo
from bot.rules import ResolvedRule


@dataclass(frozen=True)
class ReturnPolicy:
    """How long after purchase we take things back.

    A product that fails in use comes back within ``faulty_days`` (a year: the poles of the
    story came back months later); an unused one, for any reason, within ``unused_days``.
    """

    faulty_days: int = 365
    unused_days: int = 30


@dataclass(frozen=True)
class Purchase:
    """One line of a past order."""

    order_number: str
    placed_on: date
    line_id: int
    sku: str
    name: str
    quantity: int
    unit_price_cents: int
    returned: int

    @property
    def returnable(self) -> int:
        return self.quantity - self.returned


@dataclass(frozen=True)
class Assessment:
    """What the policy allows for a purchase, and why, in words for the shopper."""

    accepted: bool
    reason: str
    refund_cents: int = 0


def purchases(session: Session, *, order_number: Optional[str] = None,
              client_id: Optional[int] = None, email: Optional[str] = None) -> List[Purchase]:
    """The lines of an order (by number), of every order of a client, or of every order
    placed with an e-mail address, newest first."""
    if order_number is None and client_id is None and email is None:
        return []
    query = select(Order, OrderLine).join(OrderLine, OrderLine.order_id == Order.id)
    if order_number is not None:
        query = query.where(Order.number == order_number.strip().upper())
    if client_id is not None:
        query = query.where(Order.client_id == client_id)
    if email is not None:
        query = query.join(OrderContact, OrderContact.order_id == Order.id).where(
            OrderContact.email == email.strip().lower())
    query = query.order_by(desc(Order.placed_on), OrderLine.id)
    return [Purchase(o.number, o.placed_on, line.id, line.sku, line.name, line.quantity,
                     line.unit_price_cents, line.returned)
            for o, line in session.execute(query)]


def assess(purchase: Purchase, *, today: date, faulty: bool,
           policy: ReturnPolicy = ReturnPolicy()) -> Assessment:
    """Apply the policy to one purchase."""
    age = (today - purchase.placed_on).days
    if purchase.returnable <= 0:
        return Assessment(False, f"the {purchase.name} from order {purchase.order_number} "
                                 "has already been returned")
    limit = policy.faulty_days if faulty else policy.unused_days
    if age > limit:
        kind = "faulty products" if faulty else "unused products"
        return Assessment(False, f"you bought it {age} days ago, and we take back {kind} "
                                 f"within {limit} days")
    refund = purchase.unit_price_cents * purchase.returnable
    why = ("it failed in use" if faulty else "it's unused") + f", {age} days after purchase"
    return Assessment(True, f"{why}, well within our {limit}-day promise", refund)


def record_return(session: Session, purchase: Purchase, product: Optional[ProductInfo], *,
                  defect: str, feature: Optional[str], conditions: Sequence[str],
                  assessment: Assessment, now: datetime) -> ReturnCase:
    """Record the return and file it under the maker's case for this product and feature."""
    case = ReturnCase(order_line_id=purchase.line_id, sku=purchase.sku, defect=defect[:2000],
                      feature=feature, conditions=sorted(set(conditions)),
                      outcome="refunded" if assessment.accepted else "refused",
                      refund_cents=assessment.refund_cents, created_at=now)
    if assessment.accepted:
        line = session.get(OrderLine, purchase.line_id)
        assert line is not None
        line.returned = line.quantity
    if feature is not None:
        case.maker_case = _maker_case(session, purchase.sku, product.brand if product else "",
                                      feature, now)
    session.add(case)
    session.flush()
    return case


def record_fault(session: Session, product: Optional[ProductInfo], category: str, *,
                 defect: str, feature: Optional[str], conditions: Sequence[str],
                 now: datetime) -> FaultReport:
    """A fault told without the order: recorded for the buyers, and under the maker's case
    for the product described when it could be told which one it was."""
    report = FaultReport(sku=product.sku if product else None, category=category,
                         feature=feature, conditions=sorted(set(conditions)),
                         defect=defect[:2000], created_at=now)
    if product is not None and feature is not None:
        report.maker_case = _maker_case(session, product.sku, product.brand, feature, now)
    session.add(report)
    session.flush()
    return report


def _maker_case(session: Session, sku: str, brand: str, feature: str,
                now: datetime) -> MakerCase:
    found: Optional[MakerCase] = session.scalar(select(MakerCase).where(
        MakerCase.sku == sku, MakerCase.feature == feature, MakerCase.status == "open"))
    if found is None:
        found = MakerCase(sku=sku, brand=brand, feature=feature, status="open", opened_at=now)
        session.add(found)
    return found


def alternative(catalogue: Catalogue, product: ProductInfo, feature: str) -> Optional[ProductInfo]:
    """The cheapest in-stock product of the same kind that does not share the failed feature."""
    value = product.attributes.get(feature)
    if value is None:
        return None
    rule = ResolvedRule(feature, "!=", value if isinstance(value, str) else float(value))
    return catalogue.cheapest(product.category, [rule], in_stock=1)


@dataclass(frozen=True)
class CaseSummary:
    """One maker case: a product and the feature of it that failed, with its returns."""

    sku: str
    name: str
    brand: str
    feature: str
    status: str
    opened_on: date
    returns: int
    conditions: Dict[str, int]
    defects: List[str]


def cases_report(session: Session) -> List[CaseSummary]:
    """Maker cases, product by product (most returns first), each failed feature apart."""
    summaries = []
    for case in session.scalars(select(MakerCase)):
        conditions: Dict[str, int] = defaultdict(int)
        told = [*case.returns, *case.reports]  # returns, and faults told without the order
        for r in told:
            for c in r.conditions:
                conditions[c] += 1
        name = session.scalar(select(Product.name).where(Product.sku == case.sku)) or case.sku
        summaries.append(CaseSummary(case.sku, name, case.brand, case.feature, case.status,
                                     case.opened_at.date(), case.count,
                                     dict(sorted(conditions.items(), key=lambda kv: -kv[1])),
                                     [r.defect for r in told]))
    per_product: Dict[str, int] = defaultdict(int)
    for s in summaries:
        per_product[s.sku] += s.returns
    return sorted(summaries, key=lambda s: (-per_product[s.sku], s.sku, -s.returns, s.feature))


def format_cases_report(summaries: Sequence[CaseSummary]) -> str:
    """The report for the buying team: each product, then each defect with its returns,
    the conditions of use and the shoppers' own words."""
    if not summaries:
        return "No maker cases yet."
    lines = [f"Maker cases: {len({s.sku for s in summaries})} product(s), "
             f"{sum(s.returns for s in summaries)} return(s)"]
    for sku, group in groupby(summaries, key=lambda s: s.sku):
        cases = list(group)
        lines += ["", f"{sku}  {cases[0].name}  ({cases[0].brand or 'maker unknown'})"]
        for case in cases:
            used = ", ".join(f"{c} {n}" for c, n in case.conditions.items()) or "not said"
            lines.append(f"  {case.feature}: {case.returns} return(s), {case.status} since "
                         f"{case.opened_on:%Y-%m-%d}; conditions: {used}")
            lines += [f'    - "{words}"' for words in case.defects]
    return "\n".join(lines)
