"""One item at a time: handing over just the item (with one word of warning if it cannot
do the job the shopper described), confirming an item the list already holds, and
answering price, stock and aisle questions about a product."""

from __future__ import annotations

from enum import Enum
from typing import Any, Dict, List, Mapping, Optional

from bot.dialogue.lists import Lists
from bot.dialogue.replies import Act, Choice, ProductAnswer, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Conversation, ItemAsked, Stage
from bot.dialogue.turn import Meaning
from bot.language import Reading
from bot.products import ProductInfo
from bot.rules import ResolvedRule
from bot.shelves import item_like, unfit_reasons, value_rules

CATEGORIES_NAMED = 12  # kinds of product named to a shopper asking for something unknown


class Asked(str, Enum):
    """What a product question asks."""

    PRICE = "price"
    STOCK = "stock"
    LOCATION = "location"


class Items:
    """The counter: single items, and questions about them."""

    def __init__(self, services: Services, lists: Lists) -> None:
        self.s = services
        self.lists = lists

    def hand_over(self, conv: Conversation, reading: Reading) -> List[Reply]:
        """Just the item: the one named now (completed by what was said of it before), in
        stock, as close to the job's needs as what was said allows."""
        c = conv.consultation
        item = _item_from(c.item, reading)
        if item is None:
            return [Say(self.s.words.say("which_item"))]
        fitting = self._job_rules(conv, item.category)
        product = self.s.shelves.find_item(item.category, item.values, item.size_mm, fitting)
        if product is None:
            return [Say(self.s.words.say("none_like_that", label=self.s.label(item.category)))]
        w = self.s.words
        text = w.say("here_you_are", product=product.name, price=w.price(product.price_cents),
                     aisle=product.aisle, stock=product.stock)
        reasons = unfit_reasons(fitting, product)
        warning = None
        if reasons and not c.warned:
            warning = reasons[0]
            text = w.join(text, w.say("warning", why=warning))
            c.warned = True
        c.pending, c.stage, c.item = None, Stage.ITEM, item
        choices = () if c.bundle is None else (
            Choice(w.say("back_to_list"), Act(Meaning.TAKE_ALL)),)
        return [ProductAnswer(text, product, warning, choices)]

    def in_the_list(self, conv: Conversation, reading: Reading) -> List[Reply]:
        """The shopper names a kind of item with a list on the table: the list's item when
        it is just that; otherwise the item itself, handed over."""
        bundle = self.lists.current(conv.consultation)
        category = reading.categories[0]
        item = item_like(bundle, category, value_rules(reading.values)) if bundle else None
        if item is None:
            return self.hand_over(conv, reading)
        return [ProductAnswer(self.s.words.say("in_your_list", product=item.product.name),
                              item.product)]

    def answer(self, conv: Conversation, text: str, asked: Asked) -> List[Reply]:
        """Price, stock or aisle of the product a message names."""
        reading = self.s.reader.read(text)
        product = None
        if reading.categories:
            product = self.s.shelves.mentioned(reading.categories[0], reading.values,
                                               reading.length_mm, self.lists.current(conv.consultation))
        w = self.s.words
        if product is None:
            kinds = sorted({c.label for c in self.s.knowledge.categories.values()})
            return [Say(w.say("not_in_catalogue",
                              categories=w.listing(kinds[:CATEGORIES_NAMED])))]
        if asked is Asked.PRICE:
            said = w.say("price_is", product=product.name, price=w.price(product.price_cents))
        elif asked is Asked.LOCATION:
            said = w.say("aisle_is", product=product.name, aisle=product.aisle)
        elif product.stock > 0:
            said = w.say("in_stock", stock=product.stock, product=product.name,
                         aisle=product.aisle)
        else:
            said = w.join(w.say("out_of_stock", product=product.name), self._instead(product))
        return [ProductAnswer(said, product)]

    def _instead(self, product: ProductInfo) -> str:
        other = self.s.shelves.same_job(product)
        if other is None:
            return self.s.words.say("due_back")
        return self.s.words.say("same_job", product=other.name,
                                price=self.s.words.price(other.price_cents), aisle=other.aisle)

    def _job_rules(self, conv: Conversation, category: str) -> List[ResolvedRule]:
        """What the job, as far as it is known, asks of this kind of item."""
        answers = self.s.settled(conv.consultation)
        bundle = self.lists.current(conv.consultation)
        chosen: Dict[str, Mapping[str, Any]] = (
            {} if bundle is None else {i.role: i.product.attributes for i in bundle.items})
        return self.s.shelves.job_rules(answers, chosen, category)


def _item_from(before: Optional[ItemAsked], reading: Reading) -> Optional[ItemAsked]:
    """The item meant: the one named now, completed by what was said of it before."""
    if not reading.categories:
        return before
    values = {a: tuple(sorted(v)) for a, v in reading.values.items()}
    item = ItemAsked(category=reading.categories[0], values=values, size_mm=reading.length_mm)
    if before is not None and before.category == item.category:
        item.values = {**before.values, **item.values}
        item.size_mm = item.size_mm or before.size_mm
    return item

