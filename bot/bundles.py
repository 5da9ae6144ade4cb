"""Solution bundles: the products that together do a job, each with its reason.

For each component that applies, in dependency order, the cheapest product meeting every
rule is chosen; rules may refer to products chosen for other roles (a bit as wide as the
plug), which is how compatibility holds. Where the quantity depends on the product (tins
of paint for so many litres), the product that makes the cheapest line is chosen instead.
When the choice is short of stock the cheapest in-stock match replaces it and the bundle
names both. Work a shop should not sell as DIY comes with its referral (``Bundle.referral``)
and only the components the knowledge deems safe to sell for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.knowledge import JOB_QUESTION, ComponentSpec, Knowledge
from bot.products import Catalogue, ProductInfo
from bot.rules import ResolvedRule, Rule, RuleError


@dataclass(frozen=True)
class BundleItem:
    """One line of a bundle."""

    role: str
    product: ProductInfo
    quantity: int
    reason: str
    substitute_for: Optional[ProductInfo] = None

    @property
    def line_cents(self) -> int:
        return self.product.price_cents * self.quantity


@dataclass(frozen=True)
class Bundle:
    """The products that do a job, a total, and what could not be found."""

    job: str
    job_name: str
    answers: Mapping[str, str]  # every answer it was built from: question -> option key
    facts: Mapping[str, str]  # the answers the shopper gave, by label, to name in the text
    items: Tuple[BundleItem, ...]
    missing: Tuple[str, ...] = ()  # categories the job needs that nothing in stock fits
    referral: Optional[str] = None  # who should do the job, and why (the shop sells only the safe items)

    @property
    def total_cents(self) -> int:
        return sum(i.line_cents for i in self.items)

    def without(self, sku: str) -> "Bundle":
        """The bundle less the item with this sku."""
        return self.leaving_out(lambda i: i.product.sku == sku)[0]

    def leaving_out(self, left_out: Callable[[BundleItem], bool]) -> Tuple["Bundle", Tuple[BundleItem, ...]]:
        """The bundle less the items ``left_out`` picks, and those items."""
        gone = tuple(i for i in self.items if left_out(i))
        return replace(self, items=tuple(i for i in self.items if i not in gone)), gone

    def item(self, sku: str) -> Optional[BundleItem]:
        return next((i for i in self.items if i.product.sku == sku), None)


def build_bundle(knowledge: Knowledge, catalogue: Catalogue, answers: Mapping[str, str]) -> Bundle:
    """The bundle for a job (``answers["job"]``) and the answers given."""
    job = knowledge.jobs[answers[JOB_QUESTION]]
    facts = knowledge.facts(answers)
    chosen: Dict[str, Mapping[str, Any]] = {}
    items: Dict[str, BundleItem] = {}
    missing: List[str] = []
    for layer in job.build_layers:
        ready = [(c, _resolved(c, facts, chosen)) for c in layer if c.applies(answers)]
        _prefetch(catalogue, ready, facts)
        for component, rules in ready:
            item = _choose(knowledge, catalogue, component, facts, rules, answers) \
                if rules is not None else None
            if item is None:
                missing.append(component.category)
                continue
            chosen[component.role] = item.product.attributes
            items[component.role] = item
    roles = dict.fromkeys(c.role for c in job.components)
    ordered = tuple(items[role] for role in roles if role in items)
    labels = {q: knowledge.label(q, o) for q, o in answers.items() if q != JOB_QUESTION}
    referral = job.referral(answers)
    return Bundle(job.key, job.name, dict(answers), labels, ordered, tuple(missing),
                  referral=referral.text() if referral else None)


def _prefetch(catalogue: Catalogue, ready: Sequence[Tuple[ComponentSpec, Optional[List[ResolvedRule]]]],
              facts: Mapping[str, Any]) -> None:
    """Read a layer's products in one go: each product read alone is a round trip to the
    database (about 0.5 ms on PostgreSQL), and a bundle has up to fifteen."""
    wanted = []
    for component, rules in ready:
        if rules is None or component.quantity.uses_product:
            continue
        try:
            wanted.append((component.category, rules, component.quantity.evaluate(facts, {})))
        except RuleError:
            continue  # a hint only: the choice itself says what is wrong, as it always did
    catalogue.prefetch(wanted)


def _choose(knowledge: Knowledge, catalogue: Catalogue, component: ComponentSpec,
            facts: Mapping[str, Any], resolved: List[ResolvedRule],
            answers: Mapping[str, str]) -> Optional[BundleItem]:
    if component.quantity.uses_product:
        return _cheapest_line(knowledge, catalogue, component, facts, resolved, answers)
    product = catalogue.cheapest(component.category, resolved)
    if product is None:
        return None
    quantity = component.quantity.evaluate(facts, product.attributes)
    substitute_for = None
    if product.stock < quantity:
        stocked = catalogue.cheapest(component.category, resolved, in_stock=quantity)
        if stocked:
            substitute_for, product = product, stocked
            quantity = component.quantity.evaluate(facts, product.attributes)
    reason = render_reason(knowledge, component, answers)
    return BundleItem(component.role, product, quantity, reason, substitute_for)


def _resolved(component: ComponentSpec, facts: Mapping[str, Any],
              chosen: Mapping[str, Mapping[str, Any]]) -> Optional[List[ResolvedRule]]:
    """The component's rules with facts and chosen products filled in; None while one
    cannot be (a fact not known, or a product it refers to not chosen). A layer's
    components refer to none of its own, so they are resolved before any is chosen."""
    if not all(d in chosen for d in component.depends_on):
        return None
    rules = [r.resolve(facts, chosen) for r in component.rules]
    resolved = [r for r in rules if r is not None]
    return resolved if len(resolved) == len(rules) else None


def _cheapest_line(knowledge: Knowledge, catalogue: Catalogue, component: ComponentSpec,
                   facts: Mapping[str, Any], resolved: List[ResolvedRule],
                   answers: Mapping[str, str]) -> Optional[BundleItem]:
    """The product whose line (price times the number needed) costs least: two 5 L tins
    rather than five 2.5 L ones; in stock for that number, or named with a substitute."""
    options = catalogue.choices(component.category, resolved, component.quantity, facts)
    if not options:
        return None
    needed = {p.sku: component.quantity.evaluate(facts, p.attributes) for p in options}

    def line(product: ProductInfo) -> Tuple[int, str]:
        return product.price_cents * needed[product.sku], product.sku

    product, substitute_for = min(options, key=line), None
    if product.stock < needed[product.sku]:
        stocked = [p for p in options if p.stock >= needed[p.sku]]
        if stocked:
            substitute_for, product = product, min(stocked, key=line)
    return BundleItem(component.role, product, needed[product.sku],
                      render_reason(knowledge, component, answers), substitute_for)


def render_reason(knowledge: Knowledge, component: ComponentSpec, answers: Mapping[str, str],
                  whys: bool = True) -> str:
    """The component's reason with answers named by their labels, and (unless ``whys`` is
    False: a staff face shows them apart) the whys of its rules."""
    text = component.reason.format_map(_Labels(knowledge, answers)) if component.reason else ""
    if not whys:
        return text
    told = [w for w in whys_told(knowledge, component, answers) if w not in text]
    if told:
        text = f"{text} ({'; '.join(told)})" if text else "; ".join(told)
    return text


def whys_told(knowledge: Knowledge, component: ComponentSpec,
              answers: Mapping[str, str]) -> List[str]:
    """The whys of a component's rules worth saying for these answers: each once, none of a
    rule that asks nothing here ("alarms that set each other off" for alarms the shopper
    wants separate)."""
    facts = knowledge.facts(answers)
    return list(dict.fromkeys(r.why for r in component.rules
                              if r.why and _narrows(knowledge, r, facts)))


def _narrows(knowledge: Knowledge, rule: Rule, facts: Mapping[str, Any]) -> bool:
    """Whether a rule asks something of a product for these facts: ``in $fact`` with the
    fact at its widest (every alternative any option gives it) asks nothing."""
    if rule.op != "in" or not rule.operand.startswith("$") or rule.operand[1:] not in facts:
        return True
    name = rule.operand[1:]
    return frozenset(str(facts[name]).split("|")) != knowledge.widest_facts.get(name, frozenset())


class _Labels(Dict[str, str]):
    """The labels of the answers a reason names, looked up as the reason asks for them
    (a reason names one or two of a dozen answers)."""

    def __init__(self, knowledge: Knowledge, answers: Mapping[str, str]) -> None:
        super().__init__()
        self.knowledge, self.answers = knowledge, answers

    def __missing__(self, key: str) -> str:
        if key in self.answers:
            return self.knowledge.label(key, self.answers[key])
        return key.replace("_", " ")


@dataclass(frozen=True)
class Line:
    """A bundle line as kept between turns: no prices or names, only what to look up."""

    role: str
    sku: str
    quantity: int
    substitute_for: Optional[str] = None


def rebuild_bundle(knowledge: Knowledge, catalogue: Catalogue, answers: Mapping[str, str],
                   said: Sequence[str], lines: Sequence[Line],
                   missing: Sequence[str] = ()) -> Bundle:
    """A bundle kept as lines, with today's names, prices and stock from the catalogue.
    A line whose product has left the catalogue becomes missing, by its category."""
    job = knowledge.jobs[answers[JOB_QUESTION]]
    components = {c.role: c for c in job.components}
    items: List[BundleItem] = []
    gone: List[str] = []
    for line in lines:
        product = catalogue.by_sku(line.sku)
        component = components.get(line.role)
        if product is None or component is None:
            gone.append(product.category if product else component.category if component
                        else line.role)
            continue
        first = catalogue.by_sku(line.substitute_for) if line.substitute_for else None
        items.append(BundleItem(line.role, product, line.quantity,
                                render_reason(knowledge, component, answers), first))
    facts = {q: knowledge.label(q, o) for q, o in answers.items()
             if q != JOB_QUESTION and q in said}
    return Bundle(job.key, job.name, dict(answers), facts, tuple(items), (*missing, *gone))


def lines_of(bundle: Bundle) -> Tuple[Line, ...]:
    """What to keep of a bundle between turns."""
    return tuple(Line(i.role, i.product.sku, i.quantity,
                      i.substitute_for.sku if i.substitute_for else None) for i in bundle.items)
