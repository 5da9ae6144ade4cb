"""The list for the job: offering it when discovery is done, showing it again, and its
text and choices (what the shopper does with it is ``bot.dialogue.list_changes``). The list
is kept as lines (skus and quantities) and rebuilt from the catalogue whenever it is shown,
so names, prices and stock are today's."""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from bot.bundles import Bundle, BundleItem, lines_of
from bot.dialogue.gifts import Gifts
from bot.dialogue.replies import Act, Choice, Choices, Offer, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import BundleRef, Consultation, Conversation, ItemAsked, Stage
from bot.dialogue.turn import Meaning
from bot.discovery import Step
from bot.knowledge import JOB_QUESTION

EXTRA_ROLE = "extra"  # a product the shopper said yes to, outside the job's list


class Lists:
    """Offers, takes and trims the list."""

    def __init__(self, services: Services, gifts: Gifts) -> None:
        self.s = services
        self.gifts = gifts

    def offer(self, conv: Conversation, step: Step, notes: Sequence[str]) -> List[Reply]:
        """The list for the answers the engine settled on, less what the shopper (or the
        gift's recipient) already owns, with what became of the item first asked for."""
        c = conv.consultation
        said = tuple(q for q, v in c.known.items() if len(v) == 1)
        bundle = self.s.shelves.build(step.answers)
        bundle = replace(bundle, facts={q: v for q, v in bundle.facts.items() if q in said})
        lead = list(notes)
        if bundle.referral:  # work the shop does not sell as DIY: say who does it first
            lead.append(bundle.referral)
        if c.gift is not None and c.gift.owned is None:
            return self.gifts.ask_owned(conv, bundle, lead)
        owned = set() if c.gift else set(c.owned)
        bundle, had = bundle.leaving_out(lambda i: i.product.sku in owned)
        lead += [self.s.words.say("already_own", product=i.product.name) for i in had]
        if c.gift is not None:
            bundle, note = self.gifts.without_what_they_own(bundle, c.gift)
            lead.append(note)
        if c.bundle is not None:
            same = c.bundle.lines == lines_of(bundle)
            lead.insert(0, self.s.words.say("list_stands" if same else "list_updated"))
        if c.item is not None:
            lead.append(self.item_note(c.item, bundle))
        c.pending, c.stage = None, Stage.BUNDLE
        c.bundle = BundleRef(job=bundle.job, answers=dict(step.answers), said=said,
                             lines=lines_of(bundle), missing=bundle.missing)
        bundle = replace(bundle, items=bundle.items + self._extras(c))
        text = "\n".join(t for t in (self.s.words.join(*lead), self.text(bundle)) if t)
        return [Offer(text, bundle, choices=self.choices(bundle, c.item))]

    def current(self, c: Consultation) -> Optional[Bundle]:
        """The list on the table, rebuilt from the catalogue, with what the shopper said yes
        to besides (None: there is none)."""
        extras = self._extras(c)
        ref = c.bundle
        if ref is None:
            return Bundle("", "", {}, {}, extras) if extras else None
        answers = ref.answers or {JOB_QUESTION: ref.job}
        bundle = self.s.shelves.rebuild(answers, ref.said, ref.lines, ref.missing)
        return replace(bundle, items=bundle.items + extras)

    def show(self, conv: Conversation) -> List[Reply]:
        """The list as it stands, to look at again (nothing is taken)."""
        bundle = self.current(conv.consultation)
        if bundle is None:
            return [Say(self.s.words.say("nothing_to_show"))]
        return [Offer(self.text(bundle), bundle,
                      choices=self.choices(bundle, conv.consultation.item))]

    def _extras(self, c: Consultation) -> Tuple[BundleItem, ...]:
        reason = self.s.words.say("extra_reason")
        products = [(line, self.s.shelves.by_sku(line.sku)) for line in c.extras]
        return tuple(BundleItem(EXTRA_ROLE, product, line.quantity, reason)
                     for line, product in products if product is not None)

    def text(self, bundle: Bundle) -> str:
        """The list as a shopper reads it."""
        w = self.s.words
        facts = "; ".join(bundle.facts.values())  # labels hold commas: "no, a dry room"
        lines = [w.say("bundle_heading", job=bundle.job_name,
                       facts=w.say("bundle_facts", facts=facts) if facts else "")
                 if bundle.job else w.say("your_list")]
        for item in bundle.items:
            line = w.say("bundle_line", quantity=item.quantity, product=item.product.name,
                         price=w.price(item.product.price_cents), reason=item.reason,
                         aisle=item.product.aisle)
            if item.substitute_for:
                line += w.say("bundle_substitute", product=item.substitute_for.name)
            lines.append(line)
        lines += [w.say("bundle_missing", label=self.s.label(c)) for c in bundle.missing]
        in_stock = all(i.product.stock >= i.quantity for i in bundle.items)
        lines.append(w.join(w.say("bundle_total", total=w.price(bundle.total_cents)),
                            w.say("bundle_all_in_stock") if in_stock else ""))
        return "\n".join(lines)

    def choices(self, bundle: Bundle, item: Optional[ItemAsked]) -> Choices:
        """Take it all, drop any one item, just the item first asked for (while the list
        holds one), or start over."""
        w = self.s.words
        choices = [Choice(w.say("take_all"), Act(Meaning.TAKE_ALL))]
        choices += [Choice(w.say("drop_item", product=i.product.name),
                           Act(Meaning.DROP_ITEM, sku=i.product.sku)) for i in bundle.items]
        if item is not None and any(i.product.category == item.category for i in bundle.items):
            choices.append(Choice(w.say("just_the_item", label=self.s.label(item.category)),
                                  Act(Meaning.JUST_THE_ITEM)))
        choices.append(Choice(w.say("start_over"), Act(Meaning.START_OVER)))
        return tuple(choices)

    def item_note(self, item: ItemAsked, bundle: Bundle) -> str:
        """What became of the item first asked for: not needed for this job, or another size."""
        same = [i for i in bundle.items if i.product.category == item.category]
        if not same:
            return self.s.words.say("asked_about_other", label=self.s.label(item.category))
        size = self.s.shelves.size_of(same[0].product)
        if size is None or not item.size_mm or abs(size - item.size_mm) < 0.5:
            return ""
        return self.s.words.say("asked_other_size", asked=f"{item.size_mm:g}", right=f"{size:g}")
