"""What the shopper does with the list: take it all (told what is missing for the job, if
they dropped something the job needs), drop an item (told once when other items go with
it), and say yes to a product the assistant suggested (it joins the list)."""

from __future__ import annotations

from typing import List, Optional, Sequence, Set

from bot.bundles import Bundle, BundleItem, Line, lines_of, render_reason
from bot.dialogue.lists import EXTRA_ROLE, Lists
from bot.dialogue.replies import Act, Choice, Offer, ProductAnswer, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Conversation, Stage, Waiting
from bot.dialogue.turn import Meaning
from bot.knowledge import JobSpec
from bot.products import ProductInfo


class ListChanges:
    """Takes, trims and adds to the list."""

    def __init__(self, services: Services, lists: Lists) -> None:
        self.s = services
        self.lists = lists

    def take_all(self, conv: Conversation) -> List[Reply]:
        """The shopper takes the list as it stands."""
        bundle = self.lists.current(conv.consultation)
        if bundle is None or not bundle.items:
            return [Say(self.s.words.say("nothing_to_take"))]
        w = self.s.words
        aisles = sorted({i.product.aisle for i in bundle.items})
        conv.consultation.stage = Stage.TAKEN
        key = "taken_many_aisles" if len(aisles) > 1 else "taken_one_aisle"
        text = w.say(key, count=len(bundle.items), total=w.price(bundle.total_cents),
                     aisles=w.listing(aisles))
        return [Offer(w.join(text, *self._missing_for_the_job(conv, bundle)), bundle, taken=True)]

    def drop(self, conv: Conversation, sku: Optional[str], text: str) -> List[Reply]:
        """The shopper drops one item from the list (by sku, or by naming its kind); when
        other items go with it, they are asked once whether to drop those too."""
        c = conv.consultation
        bundle = self.lists.current(c)
        if bundle is None:
            return [Say(self.s.words.say("nothing_to_drop"))]
        item = bundle.item(sku) if sku else None
        if item is None and text:
            categories = self.s.reader.read(text).categories
            item = next((i for i in bundle.items if i.product.category in categories), None)
        if item is None:
            return [Say(self.s.words.say("which_to_drop"))]
        linked = self._linked(bundle, item)
        if linked and c.dropping != item.product.sku:
            return [self._ask_drop_both(conv, item, linked)]
        return self._without(conv, bundle, [item])

    def drop_both(self, conv: Conversation, agreed: bool) -> List[Reply]:
        """The answer to "drop them too, or keep it?"."""
        c = conv.consultation
        sku, c.dropping, conv.waiting = c.dropping, None, Waiting.NOTHING
        bundle = self.lists.current(c)
        item = bundle.item(sku) if bundle and sku else None
        if bundle is None or item is None:
            return [Say(self.s.words.say("nothing_to_drop"))]
        if not agreed:
            return [Offer(self.s.words.say("kept", product=item.product.name), bundle,
                          choices=self.lists.choices(bundle, c.item))]
        return self._without(conv, bundle, [item, *self._linked(bundle, item)])

    def suggest(self, conv: Conversation, product: ProductInfo) -> Choice:
        """A product offered to the shopper: a "yes please" adds it to the list."""
        conv.care.offered, conv.waiting = product.sku, Waiting.OFFER
        return Choice(self.s.words.say("add_to_list"), Act(Meaning.YES))

    def take_offer(self, conv: Conversation, agreed: bool) -> List[Reply]:
        """The answer to a product suggested: added to the list, or not."""
        sku, conv.care.offered, conv.waiting = conv.care.offered, None, Waiting.NOTHING
        product = self.s.shelves.by_sku(sku) if sku else None
        if not agreed or product is None:
            return [Say(self.s.words.say("no_problem"))]
        c = conv.consultation
        if sku not in {line.sku for line in c.extras}:
            c.extras = (*c.extras, Line(EXTRA_ROLE, product.sku, 1))
        bundle = self.lists.current(c)
        assert bundle is not None
        said = self.s.words.say("added", product=product.name)
        return [Offer(f"{said}\n{self.lists.text(bundle)}", bundle,
                      choices=self.lists.choices(bundle, c.item))]

    def _without(self, conv: Conversation, bundle: Bundle,
                 items: Sequence[BundleItem]) -> List[Reply]:
        c = conv.consultation
        gone = {i.product.sku for i in items}
        bundle = bundle.leaving_out(lambda i: i.product.sku in gone)[0]
        if c.bundle is not None:
            c.bundle = c.bundle.copy(update={"lines": tuple(
                line for line in lines_of(bundle) if line.role != EXTRA_ROLE)})
        c.extras = tuple(line for line in c.extras if line.sku not in gone)
        names = self.s.words.listing([i.product.name for i in items])
        said = self.s.words.say("dropped", product=names)
        return [Offer(f"{said}\n{self.lists.text(bundle)}", bundle,
                      choices=self.lists.choices(bundle, c.item))]

    def _ask_drop_both(self, conv: Conversation, item: BundleItem,
                       linked: Sequence[BundleItem]) -> Reply:
        w = self.s.words
        conv.consultation.dropping, conv.waiting = item.product.sku, Waiting.DROP_BOTH
        others = w.listing([i.product.name for i in linked])
        return ProductAnswer(w.say("goes_with", others=others, product=item.product.name),
                             item.product, None,
                             (Choice(w.say("drop_them_too"), Act(Meaning.YES)),
                              Choice(w.say("keep_it", product=item.product.name),
                                     Act(Meaning.NO))))

    def _linked(self, bundle: Bundle, item: BundleItem) -> List[BundleItem]:
        """The list's items chosen to fit this one, or that this one was chosen to fit
        (the bit is as wide as the plugs; the plugs hold the screws)."""
        job = self.s.knowledge.jobs.get(bundle.job)
        if job is None or item.role == EXTRA_ROLE:
            return []
        roles = _coupled(job, item.role)
        return [i for i in bundle.items if i.role in roles]

    def _missing_for_the_job(self, conv: Conversation, bundle: Bundle) -> List[str]:
        """What the job needs that the list no longer holds (dropped by the shopper)."""
        ref = conv.consultation.bundle
        job = self.s.knowledge.jobs.get(bundle.job)
        if ref is None or job is None or not ref.answers:
            return []
        held = {i.role for i in bundle.items}
        return [self.s.words.say("still_needed", label=self.s.label(component.category),
                                 reason=render_reason(self.s.knowledge, component, ref.answers))
                for component in job.components
                if component.applies(ref.answers) and component.role not in held
                and component.category not in ref.missing]


def _coupled(job: JobSpec, role: str) -> Set[str]:
    """Roles whose rules refer to ``role``, and the roles ``role``'s rules refer to."""
    coupled = {c.role for c in job.components if role in c.depends_on}
    coupled |= {d for c in job.components if c.role == role for d in c.depends_on}
    return coupled - {role}
