"""One item at a time: handing over just the item (with one word of warning if it cannot
do the job the shopper described), confirming an item the list already holds, and
answering price, stock and aisle questions about a product."""

from __future__ import annotations

from enum import Enum
from typing import Any, Dict, List, Mapping, Optional, Union

from bot.dialogue.list_changes import ListChanges
from bot.dialogue.lists import Lists
from bot.dialogue.replies import Act, Choice, ProductAnswer, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Conversation, ItemAsked, Stage
from bot.dialogue.turn import Meaning, Turn
from bot.language import Reading
from bot.products import ProductInfo
from bot.rules import ResolvedRule
from bot.shelves import item_like, unfit_reasons, value_rules

CATEGORIES_NAMED = 12  # kinds of product named to a shopper asking for something unknown
WHICH_AT_MOST = 3  # products offered to a shopper whose question could mean several


class Asked(str, Enum):
    """What a product question asks."""

    PRICE = "price"
    STOCK = "stock"
    LOCATION = "location"

    @property
    def meaning(self) -> Meaning:
        return {Asked.PRICE: Meaning.ASK_PRICE, Asked.STOCK: Meaning.ASK_STOCK,
                Asked.LOCATION: Meaning.ASK_LOCATION}[self]


class Items:
    """The counter: single items, and questions about them."""

    def __init__(self, services: Services, lists: Lists, changes: ListChanges) -> None:
        self.s = services
        self.lists = lists
        self.changes = changes

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
            Choice(w.say("back_to_list"), Act(Meaning.SHOW_LIST)),)
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

    def answer(self, conv: Conversation, turn: Turn, asked: Asked) -> List[Reply]:
        """Price, stock or aisle of the product a message names (or a button picked)."""
        w = self.s.words
        product = self.s.shelves.by_sku(turn.sku) if turn.sku else None
        if product is None:
            found = self._meant(conv, turn.text, asked)
            if not isinstance(found, ProductInfo):
                return found
            product = found
        if asked is Asked.PRICE:
            return [ProductAnswer(w.say("price_is", product=product.name,
                                        price=w.price(product.price_cents)), product)]
        if asked is Asked.LOCATION:
            return [ProductAnswer(w.say("aisle_is", product=product.name, aisle=product.aisle),
                                  product)]
        if product.stock > 0:
            return [ProductAnswer(w.say("in_stock", stock=product.stock, product=product.name,
                                        aisle=product.aisle), product)]
        return self._instead(conv, product)

    def _meant(self, conv: Conversation, text: str, asked: Asked) -> Union[ProductInfo, List[Reply]]:
        """The product a question is about: the list's item of that kind; else the one that
        fits the job; else, when several could be meant, "which one?" with the likeliest."""
        w = self.s.words
        reading = self.s.reader.read(text)
        if not reading.categories:
            kinds = sorted({c.label for c in self.s.knowledge.categories.values()})
            return [Say(w.say("not_in_catalogue", categories=w.listing(kinds[:CATEGORIES_NAMED])))]
        category = reading.categories[0]
        bundle = self.lists.current(conv.consultation)
        item = item_like(bundle, category, value_rules(reading.values)) if bundle else None
        if item is not None:
            return item.product
        options = self.s.shelves.which(category, reading.values, reading.length_mm,
                                       self._job_rules(conv, category), WHICH_AT_MOST)
        if not options:
            return [Say(w.say("none_like_that", label=self.s.label(category)))]
        one_aisle = asked is Asked.LOCATION and len({o.aisle for o in options}) == 1
        if len(options) == 1 or reading.measures or one_aisle:
            return options[0]
        return [Say(w.say("which_one", label=self.s.label(category)),
                    tuple(Choice(o.name, Act(asked.meaning, sku=o.sku)) for o in options))]

    def _instead(self, conv: Conversation, product: ProductInfo) -> List[Reply]:
        """Out of stock: one that does the same job, offered for the list."""
        w = self.s.words
        out = w.say("out_of_stock", product=product.name)
        other = self.s.shelves.same_job(product)
        if other is None:
            return [ProductAnswer(w.join(out, w.say("due_back")), product)]
        text = w.join(out, w.say("same_job", product=other.name,
                                 price=w.price(other.price_cents), aisle=other.aisle))
        return [ProductAnswer(text, product, None, (self.changes.suggest(conv, other),
                                                    Choice(w.say("no_thanks"), Act(Meaning.NO))))]

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

