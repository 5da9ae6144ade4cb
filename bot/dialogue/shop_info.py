"""Questions about the shop itself (opening hours with today's answer, the address, parking,
delivery, collection, the returns policy), answered from the shop's facts file."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import groupby
from typing import List

from bot.dialogue.replies import Reply, Say
from bot.dialogue.services import Services
from bot.shop_facts import ShopFacts, Topic, Weekday, clock, shop_facts

UNRECOGNISED = (Topic.HOURS, Topic.ADDRESS)  # "tell me about the shop"


class ShopInfo:
    """Answers about the shop, in the shop's words."""

    def __init__(self, services: Services) -> None:
        self.s = services

    def asks_about_the_shop(self, text: str) -> bool:
        """Whether a message names something about the shop (its hours, address...)."""
        _, reader = shop_facts()
        return bool(reader.topics(text))

    def answer(self, text: str, now: datetime) -> List[Reply]:
        facts, reader = shop_facts()
        topics = reader.topics(text) or list(UNRECOGNISED)
        return [Say(self.s.words.join(*(self._fact(facts, topic, now) for topic in topics)))]

    def _fact(self, facts: ShopFacts, topic: Topic, now: datetime) -> str:
        w = self.s.words
        if topic is Topic.HOURS:
            return w.join(self.today(facts, now), w.say("our_hours", week=self.week(facts)))
        if topic is Topic.ADDRESS:
            return w.say("our_address", name=facts.name, address=facts.address,
                         directions=facts.directions)
        if topic is Topic.RETURNS:
            return facts.returns.format(unused_days=self.s.policy.unused_days,
                                        faulty_days=self.s.policy.faulty_days)
        return {Topic.PARKING: facts.parking, Topic.DELIVERY: facts.delivery,
                Topic.COLLECTION: facts.collection,
                Topic.PHONE: w.say("our_phone", phone=facts.phone)}[topic]

    def today(self, facts: ShopFacts, now: datetime) -> str:
        """Today's answer: "We're open until 8 pm today", or when the shop opens next."""
        w = self.s.words
        hours = facts.hours_on(now.date())
        if hours and hours[0] <= now.time() < hours[1]:
            return w.say("open_until", close=clock(hours[1]))
        if hours and now.time() < hours[0]:
            return w.say("opens_today", open=clock(hours[0]), close=clock(hours[1]))
        opening = facts.next_opening(now)
        if opening is None:
            return w.say("closed_for_now")
        day, at = opening
        when = w.say("tomorrow") if day == now.date() + timedelta(days=1) else \
            w.say("on_day", day=Weekday.of(day).value.capitalize())
        return w.say("closed_now", open=clock(at), when=when)

    def week(self, facts: ShopFacts) -> str:
        """The usual week, days with the same hours together: "Monday to Friday 8 am to 8 pm"."""
        parts = []
        for hours, days in groupby(Weekday, key=lambda d: facts.hours.get(d, "closed")):
            w = self.s.words
            names = [d.value.capitalize() for d in days]
            span = names[0] if len(names) == 1 else w.say("span", first=names[0], last=names[-1])
            said = w.say("closed") if isinstance(hours, str) else \
                w.say("span", first=clock(hours[0]), last=clock(hours[1]))
            parts.append(f"{span} {said}")
        return self.s.words.listing(parts)
