"""Shoppers over the REST channel, many at once: what the turn benchmark and the soak share.

A ``Load`` run starts ``concurrency`` workers; each holds one conversation after another
(a fresh sender each time) until the time or the turn budget runs out, and every turn is
recorded with its kind (what the assistant answered: a question, a bundle, an order...),
its duration and its error, if any. Nothing here knows the servers' internals: it only
posts to ``/webhooks/rest/webhook`` on loopback, as a shop's front end would.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp

from bench.common import summary_ms

Replies = List[Dict[str, Any]]
TURN_TIMEOUT_S = 30
MAX_TURNS_PER_CONVERSATION = 12


@dataclass
class Record:
    """Every turn of a run: durations by kind, errors by reason."""

    seconds: Dict[str, List[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    conversations: int = 0
    unfinished: int = 0

    def add(self, kind: str, seconds: float) -> None:
        self.seconds.setdefault(kind, []).append(seconds)

    @property
    def turns(self) -> int:
        return sum(len(v) for v in self.seconds.values())

    def summary(self, elapsed_s: float) -> Dict[str, Any]:
        return {"turns": self.turns, "errors": sum(self.errors.values()),
                "error_reasons": dict(self.errors), "conversations": self.conversations,
                "unfinished": self.unfinished, "elapsed_s": round(elapsed_s, 2),
                "turns_per_s": round(self.turns / elapsed_s, 2) if elapsed_s else 0.0,
                "all": summary_ms([s for v in self.seconds.values() for s in v]),
                "by_kind": {k: summary_ms(v) for k, v in sorted(self.seconds.items())}}


class TurnFailed(Exception):
    """A turn got no usable answer (HTTP error, timeout, or no reply at all)."""


def reply_kind(replies: Replies) -> str:
    """What the assistant did this turn, from its custom payloads (docs/payloads.md)."""
    kinds = [r["custom"].get("type") for r in replies if isinstance(r.get("custom"), dict)]
    for kind in ("bundle", "order", "question", "product"):
        if kind in kinds:
            return kind
    return "text" if replies else "empty"


def payload(replies: Replies, kind: str) -> Optional[Dict[str, Any]]:
    found = [r["custom"] for r in replies
             if isinstance(r.get("custom"), dict) and r["custom"].get("type") == kind]
    return found[-1] if found else None


def buttons(replies: Replies) -> List[Dict[str, str]]:
    return [b for r in replies for b in r.get("buttons") or []]


class Client:
    """One HTTP session (kept-alive connections) to one Rasa server, recording each turn."""

    def __init__(self, session: aiohttp.ClientSession, rasa_url: str, record: Record) -> None:
        self.session = session
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.record = record

    async def say(self, sender: str, text: str, kind: Optional[str] = None) -> Replies:
        """One timed turn; ``kind`` names it, else the kind of the reply does."""
        started = time.perf_counter()
        try:
            async with self.session.post(self.url, json={"sender": sender, "message": text}) as response:
                if response.status != 200:
                    raise TurnFailed(f"HTTP {response.status}")
                replies = await response.json()
        except asyncio.TimeoutError:
            self.record.errors["timeout"] += 1
            raise TurnFailed("timeout") from None
        except aiohttp.ClientError as error:
            self.record.errors[type(error).__name__] += 1
            raise TurnFailed(str(error)) from None
        except TurnFailed as error:
            self.record.errors[str(error)] += 1
            raise
        seconds = time.perf_counter() - started
        if not replies:
            self.record.errors["no reply"] += 1
            raise TurnFailed("no reply")
        self.record.add(kind or reply_kind(replies), seconds)
        return replies

    def expect(self, met: bool, error: str) -> bool:
        """Count ``error`` unless ``met``; return ``met``."""
        if not met:
            self.record.errors[error] += 1
        return met


Conversation = Callable[[Client, str, random.Random], Awaitable[bool]]
"""Holds one conversation as ``sender``; True when it reached its end."""


async def greeting_chat(client: Client, sender: str, _rng: random.Random,
                        turns: int = 4) -> bool:
    """The reference: a shopper greeting the ``rasa init`` sample bot a few times."""
    for _ in range(turns):
        await client.say(sender, "hello", kind="greeting")
    return True


def consultation(openings: List[str], typed_share: float = 0.0) -> Conversation:
    """A shopper who opens with one of ``openings``, answers each question with its first
    button (typing the button's words with probability ``typed_share``), and takes the
    bundle."""

    async def hold(client: Client, sender: str, rng: random.Random) -> bool:
        replies = await client.say(sender, rng.choice(openings))
        for _ in range(MAX_TURNS_PER_CONVERSATION):
            if payload(replies, "bundle"):
                taken = await client.say(sender, "/take_all")
                return client.expect(bool(payload(taken, "order")), "no order after take all")
            offered = buttons(replies)
            if not payload(replies, "question") or not offered:
                # Neither the next question nor the bundle: for this shopper, a failed turn
                # (such as the apology of a turn that ran out of time).
                return client.expect(False, "neither a question nor a bundle")
            first = offered[0]
            answer = first["title"] if rng.random() < typed_share else first["payload"]
            replies = await client.say(sender, answer)
        return False

    return hold


@dataclass
class Load:
    """``concurrency`` shoppers for at most ``duration_s`` seconds and ``max_turns`` turns."""

    rasa_url: str
    conversation: Conversation
    concurrency: int
    duration_s: float
    max_turns: int = 10**9
    seed: int = 1
    prefix: str = "bench"
    on_tick: Optional[Callable[[Record, float], None]] = None
    tick_s: float = 10.0
    warm_up_s: float = 0.0
    """Turns and errors of the first seconds are not counted (the figures start after)."""

    async def run(self) -> Dict[str, Any]:
        record = Record()
        started = time.perf_counter()
        deadline = started + self.duration_s
        counted_from = [started]
        timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)
        connector = aiohttp.TCPConnector(limit=self.concurrency)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
            client = Client(session, self.rasa_url, record)

            async def worker(index: int) -> None:
                rng = random.Random(self.seed * 1000 + index)
                while time.perf_counter() < deadline and record.turns < self.max_turns:
                    sender = f"{self.prefix}-{index}-{uuid.uuid4().hex[:8]}"
                    try:
                        finished = await self.conversation(client, sender, rng)
                    except TurnFailed:
                        finished = False
                    record.conversations += 1
                    record.unfinished += 0 if finished else 1

            ticker = asyncio.create_task(self._tick(record, started))
            warming = asyncio.create_task(self._warm_up(record, counted_from))
            try:
                await asyncio.gather(*(worker(i) for i in range(self.concurrency)))
            finally:
                ticker.cancel()
                warming.cancel()
        return record.summary(time.perf_counter() - counted_from[0])

    async def _warm_up(self, record: Record, counted_from: List[float]) -> None:
        if self.warm_up_s > 0:
            await asyncio.sleep(self.warm_up_s)
            record.seconds.clear()
            record.errors.clear()
            record.conversations = record.unfinished = 0
            counted_from[0] = time.perf_counter()

    async def _tick(self, record: Record, started: float) -> None:
        while self.on_tick is not None:
            await asyncio.sleep(self.tick_s)
            self.on_tick(record, time.perf_counter() - started)


def run_load(load: Load) -> Dict[str, Any]:
    return asyncio.run(load.run())
