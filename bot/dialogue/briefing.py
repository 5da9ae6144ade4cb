"""What a member of staff sees beside the replies (the tablet): what is known so far, each
answer with the choices that change it; why the open question matters, in one line from
the engine's decision; the list with talking points for each item; and the warnings.

The replies say what to tell the shopper; the briefing is the state of the consultation,
read for someone coaching the sale. It decides nothing: every tap it offers is an ``Act``
that goes back through the controller like any other turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from bot.bundles import Bundle, BundleItem, render_reason, whys_told
from bot.dialogue.lists import EXTRA_ROLE, Lists
from bot.dialogue.replies import Act, Ask, Choice, Choices, ProductAnswer, Reply
from bot.dialogue.services import Services
from bot.dialogue.state import Consultation, Conversation, DecisionRecord, Stage
from bot.dialogue.turn import Meaning
from bot.knowledge import JOB_QUESTION, ComponentSpec, JobSpec, Question

LOW_STOCK = 3  # at most this many left after the sale: worth a word to the attendant


@dataclass(frozen=True)
class Fact:
    """An answer so far: the question, the option(s) held, whether it was assumed (not
    sure, skipped, finished early), and every option of the question as a choice."""

    question: str
    asked: str
    answer: str
    assumed: bool
    choices: Choices


@dataclass(frozen=True)
class TalkingPoints:
    """How to sell one item of the list: why it is there, and what goes wrong without
    it or with the wrong one."""

    sku: str
    why: str
    points: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Briefing:
    """The consultation as a member of staff needs it, after a turn."""

    facts: Tuple[Fact, ...]
    pending: Optional[str]  # the open question (a face keeps showing it until answered)
    asked_for: Optional[str]
    why_asked: Optional[str]
    bundle: Optional[Bundle]
    taken: bool  # the shopper took the list
    talking_points: Tuple[TalkingPoints, ...]
    warnings: Tuple[str, ...]
    can_skip: bool
    can_finish: bool
    starts: Choices = ()  # with nothing under way: the jobs, to start by a tap
    items: Tuple[str, ...] = ()  # ... and the items shoppers ask for by name, as words


class Briefer:
    """Reads a conversation for a member of staff."""

    def __init__(self, services: Services, lists: Lists, starts: Callable[[], Choices]) -> None:
        self.s = services
        self.lists = lists
        self.starts = starts

    def brief(self, conv: Conversation, replies: Sequence[Reply]) -> Briefing:
        c = conv.consultation
        bundle = self.lists.current(c) if c.stage in (Stage.BUNDLE, Stage.TAKEN) else None
        settled = self.s.settled(c)
        discovering = c.stage is Stage.DISCOVERING and not conv.care.handed_off
        return Briefing(
            facts=tuple(self._facts(c)),
            pending=None if conv.care.handed_off else c.pending,
            asked_for=self._asked_for(c),
            why_asked=self._why_asked(replies),
            bundle=bundle,
            taken=c.stage is Stage.TAKEN,
            talking_points=() if bundle is None else tuple(self._points(bundle)),
            warnings=tuple(self._warnings(c, bundle, replies)),
            can_skip=discovering and c.pending not in (None, JOB_QUESTION),
            can_finish=discovering and JOB_QUESTION in settled,
            **self._ways_in(c),
        )

    def _ways_in(self, c: Consultation) -> Dict[str, Any]:
        """With nothing under way, how a consultation can start: a job, or an item asked
        for by name (the kinds of item the data gives a purpose question)."""
        if c.stage is not Stage.IDLE:
            return {}
        items = tuple(spec.label for spec in self.s.knowledge.categories.values()
                      if spec.purpose_question)
        return {"starts": self.starts(), "items": items}

    # -- what is known ------------------------------------------------------------------------

    def _facts(self, c: Consultation) -> List[Fact]:
        order = [JOB_QUESTION, *self.s.knowledge.questions]
        known = sorted(c.known.items(), key=lambda kv: order.index(kv[0])
                       if kv[0] in order else len(order))
        return [self._fact(c, key, options) for key, options in known
                if key == JOB_QUESTION or key in self.s.knowledge.questions]

    def _fact(self, c: Consultation, key: str, held: Sequence[str]) -> Fact:
        question: Question = self.s.knowledge.question(key)
        answer = " or ".join(self.s.knowledge.label(key, o) for o in held)
        choices = tuple(Choice(o.label, Act(Meaning.ANSWER, answer=(key, o.key)))
                        for o in question.options)
        return Fact(key, question.text, answer, key in c.assumed, choices)

    def _asked_for(self, c: Consultation) -> Optional[str]:
        item = c.item
        if item is None:
            return None
        size = f"{item.size_mm:g} mm " if item.size_mm else ""
        return f"{size}{self.s.label(item.category)}"

    def _why_asked(self, replies: Sequence[Reply]) -> Optional[str]:
        """One line from the engine's decision behind the question asked this turn."""
        decision: Optional[DecisionRecord] = next(
            (r.decision for r in reversed(replies) if isinstance(r, Ask)), None)
        if decision is None or decision.action != "ask":
            return None
        return self.s.words.say("why_asked", solutions=decision.solutions,
                                bundles=decision.bundles)

    # -- the list -----------------------------------------------------------------------------

    def _points(self, bundle: Bundle) -> List[TalkingPoints]:
        job = self.s.knowledge.jobs.get(bundle.job)
        # A role may have a component per case (a masonry bit for brick, a wood bit for
        # timber): the one that applies to these answers is the one that chose the item.
        components: Dict[str, ComponentSpec] = {
            c.role: c for c in (job.components if job else ()) if c.applies(bundle.answers)}
        return [self._item_points(bundle, item, components.get(item.role), job)
                for item in bundle.items]

    def _item_points(self, bundle: Bundle, item: BundleItem,
                     component: Optional[ComponentSpec], job: Optional[JobSpec]) -> TalkingPoints:
        w = self.s.words
        sku = item.product.sku
        if component is None or job is None or item.role == EXTRA_ROLE:
            return TalkingPoints(sku, item.reason)
        why = render_reason(self.s.knowledge, component, bundle.answers, whys=False)
        points = [w.say("talk_careful", why=why)
                  for why in whys_told(self.s.knowledge, component, bundle.answers)]
        matched = self._labels(bundle, component.depends_on)
        if matched:
            points.append(w.say("talk_matched", items=matched))
        fitted = self._labels(bundle, [c.role for c in job.components
                                       if component.role in c.depends_on])
        if fitted:
            points.append(w.say("talk_without", items=fitted))
        return TalkingPoints(sku, why or item.reason, tuple(dict.fromkeys(points)))

    def _labels(self, bundle: Bundle, roles: Sequence[str]) -> str:
        """ "drill bit and screw": the kinds of item of these roles, said as a list."""
        names = list(dict.fromkeys(self.s.label(i.product.category) for i in bundle.items
                                   if i.role in roles))
        return " and ".join([self.s.words.listing(names[:-1]), names[-1]] if len(names) > 1
                            else names)

    def _warnings(self, c: Consultation, bundle: Optional[Bundle],
                  replies: Sequence[Reply]) -> List[str]:
        w = self.s.words
        said = [r.warning for r in replies if isinstance(r, ProductAnswer) and r.warning]
        warnings = [w.say("warn_unfit", why=why) for why in said]
        warnings += [w.say("warn_assumed", question=self.s.knowledge.question(q).text,
                           option=self.s.knowledge.label(q, o)) for q, o in c.assumed.items()
                     if q in self.s.knowledge.questions]
        if bundle is None:
            return warnings
        if c.item is not None:
            warnings.append(self.lists.item_note(c.item, bundle))
        for item in bundle.items:
            if item.substitute_for is not None:
                warnings.append(w.say("warn_substitute", product=item.substitute_for.name,
                                      instead=item.product.name))
            left = item.product.stock - item.quantity
            if left < 0:
                warnings.append(w.say("warn_short", product=item.product.name,
                                      stock=item.product.stock))
            elif left < LOW_STOCK:
                warnings.append(w.say("warn_low", product=item.product.name, left=left))
        warnings += [w.say("warn_missing", label=self.s.label(m)) for m in bundle.missing]
        return [text for text in warnings if text]
