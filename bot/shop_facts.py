"""The shop's own facts (opening hours, address, parking, delivery, collection, returns),
from a file the shop edits (``bot/demo/shop.yml``, or the one ``BOT_SHOP_FACTS`` names),
and which of them a message asks about."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Literal, Optional, Tuple, Union

import yaml
from pydantic import BaseModel, Extra, ValidationError
from spacy.matcher import PhraseMatcher

from bot.language import pipeline
from bot.settings import demo_dir

FACTS_VARIABLE = "BOT_SHOP_FACTS"
Hours = Union[Literal["closed"], Tuple[time, time]]


class Weekday(str, Enum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @classmethod
    def of(cls, day: date) -> "Weekday":
        return list(cls)[day.weekday()]


class Topic(str, Enum):
    """What a shopper may ask about the shop."""

    HOURS = "hours"
    ADDRESS = "address"
    PARKING = "parking"
    PHONE = "phone"
    DELIVERY = "delivery"
    COLLECTION = "collection"
    RETURNS = "returns"


class ShopFactsError(ValueError):
    """The shop's facts file cannot be used; the message says where and why."""


class ShopFacts(BaseModel):
    """The facts, validated: an unknown key or a malformed time is refused."""

    class Config:
        extra = Extra.forbid

    name: str
    address: str
    directions: str
    parking: str
    phone: str
    hours: Dict[Weekday, Hours]
    special_days: Dict[date, Hours] = {}
    delivery: str
    collection: str
    returns: str
    topics: Dict[Topic, List[str]]

    def hours_on(self, day: date) -> Optional[Tuple[time, time]]:
        """Opening and closing time on a day (None: closed)."""
        hours = self.special_days.get(day, self.hours.get(Weekday.of(day), "closed"))
        return None if isinstance(hours, str) else hours

    def next_opening(self, now: datetime) -> Optional[Tuple[date, time]]:
        """When the shop next opens after ``now`` (None: not within a fortnight)."""
        for ahead in range(0, 15):
            day = now.date() + timedelta(days=ahead)
            hours = self.hours_on(day)
            if hours and (ahead > 0 or now.time() < hours[0]):
                return day, hours[0]
        return None


class TopicReader:
    """Finds which of the shop's facts a message asks about (spaCy phrases on lemmas)."""

    def __init__(self, facts: ShopFacts) -> None:
        self.nlp = pipeline()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        for topic, words in facts.topics.items():
            self.matcher.add(topic.value, [self.nlp(w.lower()) for w in words])

    def topics(self, text: str) -> List[Topic]:
        doc = self.nlp(text.lower())
        found = [Topic(self.nlp.vocab.strings[m]) for m, _, _ in self.matcher(doc)]
        return list(dict.fromkeys(found))


def facts_path() -> Path:
    return Path(os.environ.get(FACTS_VARIABLE) or demo_dir() / "shop.yml")


def shop_facts() -> Tuple[ShopFacts, TopicReader]:
    """The shop's facts and their topic reader (read again when the file changes)."""
    path = facts_path()
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: str, _modified: int) -> Tuple[ShopFacts, TopicReader]:
    try:
        facts = ShopFacts.parse_obj(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise ShopFactsError(f"{path}: {error}") from error
    return facts, TopicReader(facts)


def clock(at: time) -> str:
    """A time as a shopper says it: "8 pm", "4:30 pm"."""
    hour = at.hour % 12 or 12
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes} {'am' if at.hour < 12 else 'pm'}"
