"""A consultation: one shopper, from the item they asked for to a bundle for the job.

``Consultant.respond`` takes the conversation state (a JSON-safe dict kept by the
caller, in Rasa a slot) and the shopper's message, and returns the new state and the
messages to send. The engine decides what to ask; this module decides how to say it and
keeps the shopper in charge (just the item, changed answers, "not sure").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.bundles import Bundle, build_bundle, bundle_from_payload, bundle_payload, bundle_text
from bot.discovery import DiscoveryEngine, Step
from bot.knowledge import JOB_QUESTION, Knowledge, Question
from bot.language import Interpreter, Reading, option_for_measure
from bot.products import Catalogue, ProductInfo, format_price
from bot.rules import ResolvedRule, holds_all

OTHER_JOB = "other"
OWNED_QUESTION = "gift_owned"  # asked of a gift buyer before the bundle: what the recipient has
NOTHING_OWNED = "none"
MAX_DECISIONS = 40
OFF_TOPIC_JOBS = 2  # jobs offered to a shopper who asked for something the shop does not do
INFORM_PAYLOAD = '/inform{{"choice":"{}:{}"}}'


@dataclass(frozen=True)
class Incoming:
    """A shopper's message as the dialogue layer saw it."""

    text: str = ""
    intent: Optional[str] = None
    choice: Optional[str] = None  # "question:option", from a button
    sku: Optional[str] = None


@dataclass
class Message:
    """One message to the shopper: text, buttons and an optional custom payload."""

    text: Optional[str] = None
    buttons: List[Dict[str, str]] = field(default_factory=list)
    custom: Optional[Dict[str, Any]] = None


def new_state() -> Dict[str, Any]:
    return {"item": None, "known": {}, "assumed": {}, "pending": None, "decisions": [],
            "bundle": None, "warned": False, "misunderstood": 0, "status": "idle", "turn": 0,
            "owned": [], "gift": None}


class Consultant:
    """Runs consultations over one knowledge version and one catalogue."""

    def __init__(self, knowledge: Knowledge, catalogue: Catalogue, interpreter: Interpreter,
                 engine: DiscoveryEngine) -> None:
        self.knowledge = knowledge
        self.catalogue = catalogue
        self.interpreter = interpreter
        self.engine = engine

    # -- the turn ----------------------------------------------------------------------

    def respond(self, state: Optional[Mapping[str, Any]],
                incoming: Incoming) -> Tuple[Dict[str, Any], List[Message]]:
        """The new state and the messages for one shopper turn."""
        state = {**new_state(), **copy.deepcopy(dict(state or {}))}
        state["turn"] += 1
        pending = self._pending_question(state)
        reading = self.interpreter.read(incoming.text or "", pending)
        if state.get("pending") == OWNED_QUESTION and incoming.intent != "just_the_item":
            return self._gift_owned(state, reading, incoming)
        if incoming.choice is not None:
            chosen = self._parse_choice(incoming.choice)
            if chosen is None:
                return state, [Message("Sorry, that isn't one of the answers I offered."),
                               *self._repeat_question(state)]
            reading.options[chosen[0]] = {chosen[1]}
        if self._wants_just_the_item(reading, incoming, pending):
            return self._hand_over_item(state, reading)
        fresh = self._maybe_start_over(state, reading, incoming)
        no_such_size = self._no_such_size(state) if fresh else []
        if self._names_an_item_for_the_bundle(state, reading):
            return self._item_for_the_bundle(state, reading)
        self._read_volunteered_measures(state, reading)
        said = self._apply(state, reading, fresh)
        gift = self._note_gift(state, reading)
        notes = no_such_size + self._changes_note(said) + gift
        if not said and self._says_dont_know(incoming, reading) and state.get("pending"):
            return self._dont_know(state)
        if not said and not fresh and not gift:
            return self._not_understood(state)
        state["misunderstood"] = 0
        # "We do." answers a request for an item, not a shopper who names the job.
        asked_for_item = fresh and not no_such_size and (incoming.intent == "request_item"
                                                         or JOB_QUESTION not in reading.options)
        return self._advance(state, notes, greeted=asked_for_item)

    # -- understanding -------------------------------------------------------------------

    def _parse_choice(self, choice: str) -> Optional[Tuple[str, str]]:
        question, _, option = choice.partition(":")
        if question == JOB_QUESTION and (option in self.knowledge.jobs or option == OTHER_JOB):
            return question, option
        if question in self.knowledge.questions and self.knowledge.questions[question].option(option):
            return question, option
        return None

    def _maybe_start_over(self, state: Dict[str, Any], reading: Reading,
                          incoming: Incoming) -> bool:
        """A product asked for with no consultation running (or after one ended) starts one."""
        if not reading.categories:
            return False
        if state.get("pending") and state["pending"] in reading.options:
            return False  # "a combi drill" answers "what drill have you got?"
        category = reading.categories[0]
        finished = state["status"] in ("idle", "taken", "item")
        current = (state.get("item") or {}).get("category")
        in_bundle = {i["category"] for i in (state.get("bundle") or {}).get("items", [])}
        another_item = (incoming.intent == "request_item" and category != current
                        and category not in in_bundle)
        if not finished and not another_item:
            return False
        state.update({k: v for k, v in new_state().items()
                      if k not in ("turn", "decisions", "owned")})
        state["item"] = {
            "category": category,
            "values": {a: sorted(v) for a, v in reading.values.items()},
            "size_mm": reading.length_mm,
        }
        state["status"] = "discovering"
        return True

    def _no_such_size(self, state: Dict[str, Any]) -> List[str]:
        """A size beyond every product of the kind ("a 5 m bit", "-10 mm"): say so at once,
        rather than "We do.", and go on without it (the job will settle the size). Any
        dimension counts: "a 500 mm bit" may mean its length."""
        item = state.get("item") or {}
        size = item.get("size_mm")
        if size is None:
            return []
        dimensions = [a for a, spec in self.knowledge.attributes.items() if spec.unit == "mm"]
        if size > 0 and (not dimensions or any(
                self.catalogue.cheapest(item["category"], [ResolvedRule(a, ">=", size - 0.5)])
                for a in dimensions)):
            return []
        item["size_mm"] = None
        label = self.knowledge.categories[item["category"]].label
        return [f"We have no {size:g} mm {label}s, so let's find the size your job needs."]

    def _apply(self, state: Dict[str, Any], reading: Reading, fresh: bool) -> Dict[str, Tuple]:
        """Record what the reading answers; return {question: (old, new)} for what it said."""
        said: Dict[str, Tuple] = {}
        known: Dict[str, List[str]] = state["known"]
        for question, options in reading.options.items():
            if question != JOB_QUESTION and question not in self.knowledge.questions:
                continue
            new = sorted(options)
            old = known.get(question)
            if old == new:
                continue
            known[question] = new
            state["assumed"].pop(question, None)
            said[question] = (old, new)
        if said and state["status"] in ("idle", "taken", "item"):
            state["status"] = "discovering"
        return said

    def _read_volunteered_measures(self, state: Mapping[str, Any], reading: Reading) -> None:
        """Numbers said before their question ("a 55 inch TV") answer it, when exactly one
        open question of the jobs still possible takes a number in that unit."""
        jobs = reading.options.get(JOB_QUESTION) or self._known(state).get(JOB_QUESTION)
        open_questions = {q for j in (jobs or self.knowledge.jobs)
                          for q in self.knowledge.jobs[j].questions
                          if q not in reading.options and q != state.get("pending")}
        pending = self.knowledge.questions.get(state.get("pending") or "")
        for measure in reading.measures:
            if pending is not None and pending.key in reading.options and \
                    option_for_measure(pending, measure) is not None:
                continue  # the answer to the question asked, not a second fact
            fits = {q: option_for_measure(self.knowledge.questions[q], measure, volunteered=True)
                    for q in sorted(open_questions)}
            fits = {q: o for q, o in fits.items() if o is not None}
            if len(fits) == 1:
                (question, option), = fits.items()
                reading.options[question] = {option.key}
                open_questions.discard(question)

    def _says_dont_know(self, incoming: Incoming, reading: Reading) -> bool:
        return incoming.intent == "dont_know" or reading.dont_know

    # -- deciding what to say -----------------------------------------------------------------

    def _known(self, state: Mapping[str, Any]) -> Dict[str, frozenset]:
        known = {q: frozenset(v) for q, v in state["known"].items()}
        item = state.get("item")
        if item and JOB_QUESTION not in known:
            jobs = [j.key for j in self.knowledge.jobs_using(item["category"])]
            if jobs:
                known[JOB_QUESTION] = frozenset(jobs)
        return known

    def _advance(self, state: Dict[str, Any], notes: List[str],
                 greeted: bool = False) -> Tuple[Dict[str, Any], List[Message]]:
        known = self._known(state)
        item = state.get("item")
        if item and JOB_QUESTION not in known:
            # Nothing in our knowledge uses this item: hand it over, and offer help.
            return self._hand_over_item(state, Reading())
        step = self.engine.next_step(known)
        self._log(state, step)
        if step.decision.action == "ask":
            return state, [self._ask(state, step.question, notes, greeted)]
        if step.decision.action == "no_solution":
            state["pending"] = None
            return state, [Message(" ".join(notes + [
                "I can't find anything that fits all of that together. Could you check your "
                "last answer, or tell me about the job in your own words?"]))]
        return self._offer_bundle(state, step, notes)

    def _ask(self, state: Dict[str, Any], question: Question, notes: List[str],
             greeted: bool) -> Message:
        state["pending"] = question.key
        state["status"] = "discovering"
        lead = list(notes)
        item = state.get("item")
        if question.key == JOB_QUESTION:
            category = item["category"] if item else None
            question = self.knowledge.job_question([o.key for o in question.options], category)
        if greeted and item:
            lead.insert(0, "We do." if self._stocked(item["category"]) else
                        f"We stock {self.knowledge.categories[item['category']].label}s.")
        if state.get("gift"):
            question = replace(question, text=self.knowledge.gifts.wording(
                question, state["gift"]["for"]))
        buttons = [{"title": o.label, "payload": INFORM_PAYLOAD.format(question.key, o.key)}
                   for o in question.options]
        if question.key == JOB_QUESTION and item:
            buttons.append({"title": "something else",
                            "payload": INFORM_PAYLOAD.format(JOB_QUESTION, OTHER_JOB)})
        if question.help:
            buttons.append({"title": "not sure", "payload": "/dont_know"})
        text = " ".join(lead + [question.text])
        return Message(text, buttons, {"type": "question", "question": question.key,
                                       "options": [o.key for o in question.options],
                                       "decision": state["decisions"][-1]})

    def _offer_bundle(self, state: Dict[str, Any], step: Step,
                      notes: List[str]) -> Tuple[Dict[str, Any], List[Message]]:
        bundle = build_bundle(self.knowledge, self.catalogue, step.answers)
        # Name only what the shopper said, not the answers assumed because they don't matter.
        said = {q for q, v in state["known"].items() if len(v) == 1}
        bundle = replace(bundle, facts={q: v for q, v in bundle.facts.items() if q in said})
        item = state.get("item")
        lead = list(notes)
        if bundle.referral:  # work the shop does not sell as DIY: say who does it first
            lead.append(bundle.referral)
        gift = state.get("gift")
        if gift and gift.get("owned") is None:
            return self._ask_what_they_own(state, bundle, lead)
        # A gift is for someone else: what the shopper owns does not count, theirs does.
        owned = set() if gift else set(state.get("owned") or ())
        bundle, had = bundle.leaving_out(lambda i: i.product.sku in owned)
        for have in had:
            lead.append(f"You already have the {have.product.name} from last time, so I've "
                        "left it out.")
        if gift:
            bundle, note = self._without_what_they_own(bundle, gift)
            lead.append(note)
        previous = state.get("bundle")
        if previous and previous["items"] == bundle_payload(bundle)["items"]:
            lead.insert(0, "That doesn't change anything: the list stands.")
        elif previous:
            lead.insert(0, "Here's the updated list.")
        if item:
            lead.append(self._item_note(item, bundle))
        state.update(pending=None, status="bundle", bundle=bundle_payload(bundle))
        text = "\n".join([t for t in (" ".join(x for x in lead if x),) if t] + [bundle_text(bundle)])
        return state, [Message(text, self._bundle_buttons(bundle, item), state["bundle"])]

    # -- gifts ------------------------------------------------------------------------------

    def _note_gift(self, state: Dict[str, Any], reading: Reading) -> List[str]:
        """The shopper says the item is for someone else: from now on the questions are
        about the recipient. Returns the note for the shopper when that is news."""
        if not reading.gift:
            return []
        before = state.get("gift") or {}
        if before and (not reading.recipient or reading.recipient == before.get("for")):
            return []
        state["gift"] = {"for": reading.recipient or before.get("for"),
                         "owned": before.get("owned")}
        return [f"{_for_whom(self.knowledge, state['gift'], 'A present')}, lovely."]

    def _ask_what_they_own(self, state: Dict[str, Any], bundle: Bundle,
                           lead: List[str]) -> Tuple[Dict[str, Any], List[Message]]:
        """Before a gift's bundle: which of its kinds of item the recipient already has."""
        kinds = list(dict.fromkeys(i.product.category for i in bundle.items))
        state.update(pending=OWNED_QUESTION, status="discovering")
        text = self.knowledge.gifts.owned_question.format(
            who=self.knowledge.gifts.who(state["gift"]["for"]))
        buttons = [{"title": self.knowledge.categories[k].label,
                    "payload": INFORM_PAYLOAD.format(OWNED_QUESTION, k)} for k in kinds]
        buttons.append({"title": "none of these",
                        "payload": INFORM_PAYLOAD.format(OWNED_QUESTION, NOTHING_OWNED)})
        return state, [Message(" ".join(lead + [text]), buttons,
                               {"type": "question", "question": OWNED_QUESTION, "options": kinds})]

    def _gift_owned(self, state: Dict[str, Any], reading: Reading,
                    incoming: Incoming) -> Tuple[Dict[str, Any], List[Message]]:
        """The answer to "might they already own any of these?"."""
        question, _, choice = (incoming.choice or "").partition(":")
        if question == OWNED_QUESTION:
            owned = [] if choice == NOTHING_OWNED else [choice]
        elif reading.categories:
            owned = list(reading.categories)
        elif incoming.intent == "deny" or _says_none(incoming.text):
            owned = []
        else:
            state["misunderstood"] = state.get("misunderstood", 0) + 1
            state["pending"] = None
            _, replies = self._advance(state, ["Sorry, I didn't quite get that."])
            return state, replies
        state["gift"] = {**state["gift"], "owned": owned}
        state["misunderstood"] = 0
        return self._advance(state, [])

    def _without_what_they_own(self, bundle: Bundle,
                               gift: Mapping[str, Any]) -> Tuple[Bundle, str]:
        whom = _for_whom(self.knowledge, gift, "As a gift")
        theirs = set(gift["owned"])
        bundle, left_out = bundle.leaving_out(lambda i: i.product.category in theirs)
        if not left_out:
            return bundle, f"{whom}:"
        kinds = ", ".join(self.knowledge.categories[i.product.category].label for i in left_out)
        return bundle, f"{whom}, without the {kinds}: they have that already."

    def _item_note(self, item: Mapping[str, Any], bundle: Bundle) -> str:
        """What became of the item first asked for: not needed for this job, or another size."""
        same = [i for i in bundle.items if i.product.category == item["category"]]
        if not same:
            label = self.knowledge.categories[item["category"]].label
            return (f"You asked about a {label}, but for this job the list below does better. "
                    f"Say \"just the {label}\" if you still want one.")
        size = same[0].product.attributes.get("diameter_mm")
        if size is None or not item.get("size_mm") or abs(float(size) - float(item["size_mm"])) < 0.5:
            return ""
        return (f"You asked for {item['size_mm']:g} mm; for this job the right size is "
                f"{float(size):g} mm, to match the fixings.")

    def _bundle_buttons(self, bundle: Bundle, item: Optional[Mapping]) -> List[Dict[str, str]]:
        buttons = [{"title": "Take all", "payload": "/take_all"}]
        buttons += [{"title": f"Drop the {i.product.name}",
                     "payload": f'/drop_item{{"sku":"{i.product.sku}"}}'} for i in bundle.items]
        if item:
            label = self.knowledge.categories[item["category"]].label
            buttons.append({"title": f"Just the {label}", "payload": "/just_the_item"})
        return buttons

    def _log(self, state: Dict[str, Any], step: Step) -> None:
        entry = step.decision.as_dict()
        entry["turn"] = state["turn"]
        state["decisions"] = (state["decisions"] + [entry])[-MAX_DECISIONS:]

    # -- the shopper in charge -----------------------------------------------------------------

    def _pending_question(self, state: Mapping[str, Any]) -> Optional[Question]:
        key = state.get("pending")
        if not key:
            return None
        if key == JOB_QUESTION:
            return self.knowledge.job_question()
        return self.knowledge.questions.get(key)

    def _repeat_question(self, state: Dict[str, Any]) -> List[Message]:
        if not state.get("pending"):
            return []
        step = self.engine.next_step(self._known(state))
        if step.question is None:
            return []
        return [self._ask(state, step.question, [], False)]

    def _dont_know(self, state: Dict[str, Any]) -> Tuple[Dict[str, Any], List[Message]]:
        question = self._pending_question(state)
        assert question is not None
        help_text = question.help or ""
        if question.safe_option:
            option = question.option(question.safe_option)
            assert option is not None
            state["known"][question.key] = [option.key]
            state["assumed"][question.key] = option.key
            note = (f"{help_text} If you can't check, I'll go with {option.label}, the safe "
                    "choice; tell me if it turns out otherwise.").strip()
            return self._advance(state, [note])
        messages = [Message(f"{help_text} No problem if you can't tell yet.".strip())]
        return state, messages + self._repeat_question(state)

    def _not_understood(self, state: Dict[str, Any]) -> Tuple[Dict[str, Any], List[Message]]:
        state["misunderstood"] = state.get("misunderstood", 0) + 1
        if state.get("pending"):
            return state, [Message("Sorry, I didn't quite get that.")] + self._repeat_question(state)
        return state, [Message("Sorry, I didn't quite get that. What are you working on? "
                               "Pick one, or tell me the item you're after.", self._job_buttons())]

    def _job_buttons(self, limit: Optional[int] = None) -> List[Dict[str, str]]:
        """A button per job (the first ``limit`` of them), each choosing that job."""
        jobs = list(self.knowledge.jobs.values())[:limit]
        return [{"title": j.name, "payload": INFORM_PAYLOAD.format(JOB_QUESTION, j.key)}
                for j in jobs]

    def _changes_note(self, said: Mapping[str, Tuple]) -> List[str]:
        changed = [(q, new) for q, (old, new) in said.items() if old and q != JOB_QUESTION]
        if not changed:
            return []
        parts = [" or ".join(self.knowledge.label(q, o) for o in new) for q, new in changed]
        return [f"Got it: {', '.join(parts)}."]

    def _names_an_item_for_the_bundle(self, state: Mapping[str, Any], reading: Reading) -> bool:
        """With a bundle on the table, the shopper names a kind of item ("a wood bit")
        rather than answering a question."""
        return (state["status"] == "bundle" and bool(reading.categories)
                and bool(reading.values) and not reading.options)

    def _item_for_the_bundle(self, state: Dict[str, Any],
                             reading: Reading) -> Tuple[Dict[str, Any], List[Message]]:
        """The list already holds such an item: say so. Otherwise hand over what was
        asked for, with one warning if the job rules it out (a wood bit for brick)."""
        category = reading.categories[0]
        entry = _bundle_item_like(state, category, _value_rules(reading.values))
        if entry is None:
            return self._hand_over_item(state, reading)
        product = self.catalogue.by_sku(entry["sku"])
        text = (f"The {entry['name']} in your list is just that, and the right one for the "
                "job.")
        return state, [Message(text, custom=None if product is None else
                               {"type": "product", "product": product.as_dict()})]

    def _wants_just_the_item(self, reading: Reading, incoming: Incoming,
                             pending: Optional[Question]) -> bool:
        """"Just the drill", or a job we have nothing for. Short answers can sound alike
        ("just me", "just the bit"): words that answer the open question and name no item
        are that answer, whatever the intent classifier made of them."""
        if OTHER_JOB in reading.options.get(JOB_QUESTION, ()):
            return True
        if incoming.intent != "just_the_item":
            return False
        answers = pending is not None and pending.key in reading.options
        return not answers or bool(reading.categories)

    def _hand_over_item(self, state: Dict[str, Any],
                        reading: Reading) -> Tuple[Dict[str, Any], List[Message]]:
        item = self._item_from(state, reading)
        if item is None:
            return state, [Message("Which item would you like? Tell me its name, and I'll find it.")]
        wanted = _value_rules({a: set(v) for a, v in item["values"].items()})
        product = self._find_item(state, item, wanted)
        if product is None:
            label = self.knowledge.categories[item["category"]].label
            return state, [Message(f"Sorry, we have no {label} like that in stock right now.")]
        lines = [f"Here you are: {product.name}, {format_price(product.price_cents)}, "
                 f"aisle {product.aisle} ({product.stock} in stock)."]
        reasons = self._unfit_reasons(state, product.category, [], product)
        if reasons and not state.get("warned"):
            lines.append(f"One word of warning: {reasons[0]}. It's your call, of course.")
            state["warned"] = True
        state.update(pending=None, status="item", item=item)
        payload = {"type": "product", "product": product.as_dict()}
        buttons = [] if state.get("bundle") is None else [
            {"title": "Back to the full list", "payload": "/take_all"}]
        return state, [Message(" ".join(lines), buttons, payload)]

    def _item_from(self, state: Mapping[str, Any], reading: Reading) -> Optional[Dict[str, Any]]:
        """The item meant: the one named now, completed by what was said of it before."""
        before = state.get("item")
        if not reading.categories:
            return before
        item = {"category": reading.categories[0],
                "values": {a: sorted(v) for a, v in reading.values.items()},
                "size_mm": reading.length_mm}
        if before and before["category"] == item["category"]:
            item["values"] = {**before.get("values", {}), **item["values"]}
            item["size_mm"] = item["size_mm"] or before.get("size_mm")
        return item

    def _find_item(self, state: Mapping[str, Any], item: Mapping[str, Any],
                   wanted: Sequence[ResolvedRule]) -> Optional[ProductInfo]:
        """The item asked for: its stated attributes and size first, then what suits the job."""
        category = item["category"]
        exact = _size_rules(self.knowledge, category, item.get("size_mm"), tolerance=0.05)
        near = _size_rules(self.knowledge, category, item.get("size_mm"))
        fitting = self._job_rules(state, category)
        wanted = list(wanted)
        for rules in (wanted + exact + fitting, wanted + exact, wanted + near + fitting,
                      wanted + near, wanted):
            found = self.catalogue.cheapest(category, rules, in_stock=1)
            if found:
                return found
        return None

    def _job_rules(self, state: Mapping[str, Any], category: str) -> List[ResolvedRule]:
        """Rules the job puts on this category, as far as the answers so far settle them."""
        known = self._known(state)
        jobs = known.get(JOB_QUESTION, frozenset())
        if len(jobs) != 1:
            return []
        job = self.knowledge.jobs[next(iter(jobs))]
        answers = {q: next(iter(v)) for q, v in known.items() if len(v) == 1}
        facts = self.knowledge.facts(answers)
        chosen = {i["role"]: i.get("attributes", {}) for i in (state.get("bundle") or {}).get("items", [])}
        rules: List[ResolvedRule] = []
        for component in job.components:
            if component.category != category or not all(q in answers for q in component.when):
                continue
            if component.applies(answers):
                rules += [r for r in (x.resolve(facts, chosen) for x in component.rules) if r]
        return rules

    def _unfit_reasons(self, state: Mapping[str, Any], category: str,
                       wanted: Sequence[ResolvedRule],
                       product: Optional[ProductInfo] = None) -> List[str]:
        """Why an item would not do the job: the ``why`` of each job rule it breaks."""
        rules = [r for r in self._job_rules(state, category) if r.why]
        if product is not None:
            return [r.why for r in rules if not r.holds(product.attributes)]  # type: ignore[misc]
        broken = []
        for rule in rules:
            for w in wanted:
                if w.attribute == rule.attribute and not any(
                        rule.holds({w.attribute: v}) for v in w.value):  # type: ignore[union-attr]
                    broken.append(rule.why)
        return broken  # type: ignore[return-value]

    def _stocked(self, category: str) -> bool:
        return self.catalogue.cheapest(category, [], in_stock=1) is not None

    # -- after the bundle -------------------------------------------------------------------

    def take_all(self, state: Mapping[str, Any]) -> Tuple[Dict[str, Any], List[Message]]:
        """The shopper takes the bundle as it stands."""
        state = copy.deepcopy(dict(state)) if state else new_state()
        if not state.get("bundle"):
            return state, [Message("There's no list to take yet. What are you working on?")]
        bundle = bundle_from_payload(state["bundle"])
        aisles = sorted({i.product.aisle for i in bundle.items})
        state["status"] = "taken"
        return state, [Message(
            f"Great choice: {len(bundle.items)} items, {format_price(bundle.total_cents)} in "
            f"all. You'll find them in aisle{'s' if len(aisles) > 1 else ''} "
            f"{', '.join(aisles)}. Anything else I can help with?",
            custom={**state["bundle"], "type": "order"})]

    def drop(self, state: Mapping[str, Any], sku: Optional[str],
             text: str = "") -> Tuple[Dict[str, Any], List[Message]]:
        """The shopper drops one item from the bundle (by sku, or by naming it)."""
        state = copy.deepcopy(dict(state)) if state else new_state()
        pending = self._pending_question(state)
        if not state.get("bundle") and pending is not None and text and \
                pending.key in self.interpreter.read(text, pending).options:
            # "I've got a rucksack already" answers "have you got a rucksack?"
            return self.respond(state, Incoming(text=text))
        if not state.get("bundle"):
            return state, [Message("There's no list yet to take things off.")]
        bundle = bundle_from_payload(state["bundle"])
        item = bundle.item(sku) if sku else None
        if item is None and text:
            categories = self.interpreter.read(text).categories
            item = next((i for i in bundle.items if i.product.category in categories), None)
        if item is None:
            return state, [Message("I couldn't tell which item to drop: use the buttons under "
                                   "the list, or name it.")]
        bundle = bundle.without(item.product.sku)
        state["bundle"] = bundle_payload(bundle)
        text = f"Done, I've taken off the {item.product.name}.\n{bundle_text(bundle)}"
        return state, [Message(text, self._bundle_buttons(bundle, state.get("item")),
                               state["bundle"])]

    def product_info(self, state: Optional[Mapping[str, Any]], text: str,
                     asked: str) -> List[Message]:
        """Answer "how much / is it in stock / where is" about a product named in ``text``.

        ``asked`` is "price", "stock" or "location".
        """
        state = dict(state) if state else new_state()
        reading = self.interpreter.read(text)
        product = self._mentioned_product(state, reading)
        if product is None:
            categories = ", ".join(sorted({c.label for c in self.knowledge.categories.values()})[:12])
            return [Message("Sorry, I couldn't find that in our catalogue. We stock things like "
                            f"{categories}. Which one do you mean?")]
        payload = {"type": "product", "product": product.as_dict()}
        if asked == "price":
            text = f"The {product.name} is {format_price(product.price_cents)}."
        elif asked == "location":
            text = f"The {product.name} is in aisle {product.aisle}."
        elif product.stock > 0:
            text = f"Yes, we have {product.stock} of the {product.name} in stock, in aisle {product.aisle}."
        else:
            text = f"The {product.name} is out of stock right now." + self._alternative(product)
        return [Message(text, custom=payload)]

    def _mentioned_product(self, state: Mapping[str, Any], reading: Reading) -> Optional[ProductInfo]:
        """The product a message is about: the bundle's item of the kind named when it fits
        what was said of it, else the best match in the catalogue (its stated attributes
        and size first)."""
        if not reading.categories:
            return None
        category = reading.categories[0]
        wanted = _value_rules(reading.values)
        size_mm = reading.length_mm
        size = _size_rules(self.knowledge, category, size_mm)
        entry = _bundle_item_like(state, category, list(wanted) + size)
        if entry is not None:
            return self.catalogue.by_sku(entry["sku"])
        for rules in (list(wanted) + size, list(wanted), []):
            found = self.catalogue.cheapest(category, rules)
            if found:
                return found
        return None

    def _alternative(self, product: ProductInfo) -> str:
        rules = [ResolvedRule(a, "=", v if isinstance(v, str) else float(v))
                 for a, v in product.attributes.items()]
        other = self.catalogue.cheapest(product.category, rules, in_stock=1)
        if other:
            return (f" The {other.name} does the same job, {format_price(other.price_cents)}, "
                    f"aisle {other.aisle}.")
        return " I can ask a member of staff when it's due back."

    def answers_open_question(self, state: Optional[Mapping[str, Any]], text: str) -> bool:
        """Whether ``text`` answers the question the shopper was asked last."""
        pending = self._pending_question(state or {})
        return pending is not None and pending.key in self.interpreter.read(text, pending).options

    def off_topic(self, state: Optional[Mapping[str, Any]]) -> List[Message]:
        """What the shop can help with (a few of its jobs), then back to the open question."""
        buttons = self._job_buttons(OFF_TOPIC_JOBS) + [{"title": "talk to a person",
                                                        "payload": "/human_handoff"}]
        return [Message("I'm the shop's assistant, so I can only help with what we sell and the "
                        "jobs it's for.", buttons)] + self.resume(state)

    def resume(self, state: Optional[Mapping[str, Any]]) -> List[Message]:
        """After a side conversation: repeat the open question, if there is one."""
        if not state or not state.get("pending"):
            return []
        state = copy.deepcopy(dict(state))
        return [Message("Back to your project:")] + self._repeat_question(state)


def _bundle_item_like(state: Mapping[str, Any], category: str,
                      rules: Sequence[ResolvedRule]) -> Optional[Dict[str, Any]]:
    """The bundle's item of this category that meets these rules, if there is one."""
    for entry in (state.get("bundle") or {}).get("items", []):
        if entry["category"] == category and holds_all(rules, entry.get("attributes", {})):
            return entry
    return None


def _for_whom(knowledge: Knowledge, gift: Mapping[str, Any], lead: str) -> str:
    """ "A present for your dad", or just "A present" when the shopper did not say who."""
    return f"{lead} for {knowledge.gifts.who(gift['for'])}" if gift.get("for") else lead


def _says_none(text: str) -> bool:
    words = set(text.lower().replace(",", " ").replace(".", " ").split())
    return bool(words & {"none", "nothing", "no", "neither", "nope"})


def _value_rules(values: Mapping[str, Any]) -> List[ResolvedRule]:
    return [ResolvedRule(a, "in", tuple(sorted(v))) for a, v in values.items()]


def _size_rules(knowledge: Knowledge, category: str, size_mm: Optional[float],
                tolerance: float = 0.5) -> List[ResolvedRule]:
    """A size said by the shopper ("10mm"), as a diameter within ``tolerance`` mm."""
    if size_mm is None or "diameter_mm" not in knowledge.attributes:
        return []
    return [ResolvedRule("diameter_mm", ">=", size_mm - tolerance),
            ResolvedRule("diameter_mm", "<=", size_mm + tolerance)]
