"""A simulated shopper: talks to the running assistant over the REST channel, answering
each question from a scenario's hidden need in its own words (bench/shopper_words.yml),
until a bundle arrives.

How it answers is drawn from a seeded random generator, so a run can be repeated: it
clicks the answer's button, types the button's label, says it in its own words (a
figure with a unit where the question has one), or volunteers a second fact of the job
with the answer. Questions the scenario lists as ``unsure`` are first met with "not
sure"; asked again, the shopper answers.

Some shoppers also have habits (``TRAITS``, drawn once per conversation): a question
about the shop in the middle; an answer to another question than the one asked; every
fact at once in one long message; "not sure" to the end where the question has a safe
choice; a wrong answer, corrected after the list arrives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple

import yaml

from bench.scenario import Scenario
from bot.knowledge import JOB_QUESTION, Knowledge, Question
from bot.language import UNITS

WORDS_FILE = Path(__file__).resolve().parent / "shopper_words.yml"
MAX_TURNS = 12
# How often each way of answering is chosen (the rest of the time: own words).
STYLES = (("button", 0.25), ("label", 0.15), ("volunteer", 0.15), ("words", 0.45))
TYPO_SHARE = 0.15  # typed answers with two letters of one longer word swapped
# Habits of real shoppers, each drawn once per conversation with this chance.
TRAITS = (("shop_question", 0.2), ("out_of_order", 0.2), ("long_message", 0.15),
          ("stubborn_unsure", 0.5), ("misremember", 0.15))
# Figures in other units, from a figure in the question's unit.
OTHER_UNITS: Dict[str, Dict[str, Callable[[float], float]]] = {
    "kg": {"lb": lambda n: round(n / UNITS["lb"][1])},
    "inch": {"cm": lambda n: round(n * UNITS["inch"][1] / 10)},
    "mm": {"cm": lambda n: round(n / 10, 1), "inch": lambda n: round(n / UNITS["inch"][1], 2)},
}
SWITCH = "switch"  # the assistant checks a change of job (bot/dialogue/consultation.py)
BACK_TO_UNIT = {"lb": "lb", "cm": "cm", "inch": "inch", "mm": "mm", "n": None}

Say = Callable[[str], List[Dict[str, Any]]]


@dataclass(frozen=True)
class ShopperWords:
    """The shopper's vocabulary: answers per question and option, figures, "not sure"."""

    answers: Mapping[str, Mapping[str, Sequence[str]]]
    numbers: Mapping[str, Sequence[str]]
    unsure: Sequence[str]
    volunteer: Sequence[str]
    shop: Sequence[str] = ()
    correction: Sequence[str] = ("sorry, I got that wrong: {right}",)

    @classmethod
    def load(cls, path: Path = WORDS_FILE) -> "ShopperWords":
        data = yaml.safe_load(path.read_text())
        return cls(data["answers"], data.get("numbers") or {}, data["unsure"], data["volunteer"],
                   data.get("shop") or (), data.get("correction") or cls.correction)

    def utterances(self) -> List[str]:
        """Every fixed line (figures' templates aside), for the check against data/."""
        lines = [w for options in self.answers.values() for ws in options.values() for w in ws]
        return lines + list(self.unsure) + list(self.shop)


@dataclass
class Conversation:
    """What happened in one simulated consultation."""

    scenario: str
    seed: int
    traits: Tuple[str, ...] = ()
    turns: List[Dict[str, Any]] = field(default_factory=list)
    questions: List[str] = field(default_factory=list)
    first_known: Optional[Dict[str, List[str]]] = None
    bundle: Optional[Dict[str, Any]] = None
    product: Optional[Dict[str, Any]] = None
    ended: str = "turns"  # "bundle", "product", "stuck" or "turns"

    def as_dict(self) -> Dict[str, Any]:
        return {"scenario": self.scenario, "seed": self.seed, "traits": list(self.traits),
                "ended": self.ended, "questions": self.questions, "turns": self.turns}


def payload(replies: Sequence[Mapping[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    """The last custom payload of this type among a turn's replies."""
    found = [r["custom"] for r in replies if (r.get("custom") or {}).get("type") == kind]
    return found[-1] if found else None


def buttons(replies: Sequence[Mapping[str, Any]]) -> List[Dict[str, str]]:
    return [b for r in replies for b in r.get("buttons") or []]


def choice_payload(question: str, option: str) -> str:
    return f'/inform{{"choice":"{question}:{option}"}}'


class SimulatedShopper:
    """One shopper per scenario and seed; ``consult`` runs the whole conversation."""

    def __init__(self, knowledge: Knowledge, words: ShopperWords, say: Say, seed: int,
                 traits: Optional[Set[str]] = None) -> None:
        self.knowledge = knowledge
        self.words = words
        self.say = say
        self.seed = seed
        self.traits = traits  # None: drawn per conversation

    def consult(self, scenario: Scenario) -> Conversation:
        rng = random.Random(f"{scenario.id}/{self.seed}")
        traits = self.traits if self.traits is not None else {
            t for t, share in TRAITS if rng.random() < share}
        talk = Conversation(scenario.id, self.seed, tuple(sorted(traits)))
        habits = _Habits(traits)
        volunteered: Set[str] = set()
        unsure_said: Set[str] = set()
        replies = self._turn(talk, scenario.opening, "opening")
        idle = 0
        for _ in range(MAX_TURNS):
            talk.bundle = payload(replies, "bundle")
            if talk.bundle and habits.correction is not None:
                key, _ = habits.correction
                habits.correction = None
                right = self._in_words(scenario, key, rng)
                text = rng.choice(list(self.words.correction)).format(right=right)
                replies = self._turn(talk, text, "correction")
                continue
            if talk.bundle:
                talk.ended = "bundle"
                return talk
            talk.product = payload(replies, "product")
            question = payload(replies, "question")
            if talk.product and len(talk.turns) > 1:
                talk.ended = "product"  # handed the item over: the consultation is dropped
                return talk
            if question is None:
                idle += 1
                if idle > 2:
                    talk.ended = "stuck"
                    return talk
                text, style = self._restate_job(scenario, replies, rng)
            else:
                idle = 0
                key = question["question"]
                if key not in talk.questions:  # asked again after a side question: one question
                    talk.questions.append(key)
                if talk.first_known is None and question.get("decision"):
                    talk.first_known = question["decision"]["known"]
                habit = self._habit(scenario, key, habits, rng, volunteered)
                if key == SWITCH:
                    # "Start a list for X, or carry on with Y?": the shopper's own job wins.
                    wanted = 0 if question["options"][0] == scenario.job else 1
                    text, style = buttons(replies)[wanted]["payload"], "switch"
                elif habit is not None:
                    text, style = habit
                elif key != JOB_QUESTION and key not in self.knowledge.questions:
                    # Not a needs question (what a gift's recipient owns): none of its
                    # answers is in the need, so the shopper picks "none".
                    text, style = _none_of(replies), "none"
                elif key not in scenario.answers:
                    # A question of another job: the assistant misread; say the job again.
                    text, style = self._in_words(scenario, JOB_QUESTION, rng), "correct"
                elif key in scenario.unsure and (key not in unsure_said or (
                        "stubborn_unsure" in habits.traits and self._safe(key))):
                    unsure_said.add(key)
                    text, style = rng.choice(list(self.words.unsure)), "unsure"
                else:
                    text, style = self._answer(scenario, key, replies, rng, volunteered)
            replies = self._turn(talk, text, style)
        return talk

    def _habit(self, scenario: Scenario, key: str, habits: "_Habits", rng: random.Random,
               volunteered: Set[str]) -> Optional[Tuple[str, str]]:
        """A habit's answer to the question asked, when one applies now (each once)."""
        if key not in scenario.answers:
            return None
        others = [q for q in scenario.need if q != key and q not in volunteered
                  and q not in scenario.unsure]
        if habits.once("shop_question") and self.words.shop:
            return rng.choice(list(self.words.shop)), "shop_question"
        if others and habits.once("long_message"):
            volunteered.update(others)
            facts = [self._in_words(scenario, q, rng) for q in [key, *others]]
            return ", and ".join(facts), "long_message"
        if others and key != JOB_QUESTION and habits.once("out_of_order"):
            other = rng.choice(others)
            volunteered.add(other)
            return self._in_words(scenario, other, rng), f"out_of_order:{other}"
        wrong = [o.key for o in self._question(key).options if o.key != scenario.answers[key]] \
            if key != JOB_QUESTION and key not in scenario.unsure else []
        if wrong and habits.once("misremember"):
            habits.correction = (key, scenario.answers[key])
            said = list(self.words.answers.get(key, {}).get(rng.choice(wrong), ()))
            if said:
                return rng.choice(said), "misremember"
            habits.correction = None
        return None

    def _safe(self, key: str) -> bool:
        return key in self.knowledge.questions and bool(self.knowledge.questions[key].safe_option)

    def _turn(self, talk: Conversation, text: str, style: str) -> List[Dict[str, Any]]:
        replies = self.say(text)
        question = payload(replies, "question")
        talk.turns.append({"said": text, "style": style,
                           "bot": " / ".join(r["text"] for r in replies if r.get("text"))[:300],
                           "asked": question["question"] if question else None})
        return replies

    # -- answering ---------------------------------------------------------------------

    def _answer(self, scenario: Scenario, key: str, replies: Sequence[Mapping[str, Any]],
                rng: random.Random, volunteered: Set[str]) -> Tuple[str, str]:
        option = scenario.answers[key]
        style = _draw(rng)
        if style == "button":
            wanted = choice_payload(key, option)
            if any(b["payload"] == wanted for b in buttons(replies)):
                return wanted, "button"
            style = "words"  # the assistant no longer offers it: say it instead
        if style == "label":
            return self._question(key).option(option).label, "label"  # type: ignore[union-attr]
        text = self._in_words(scenario, key, rng)
        if style == "volunteer":
            other = self._second_fact(scenario, key, volunteered, rng)
            if other is not None:
                volunteered.add(other)
                template = rng.choice(list(self.words.volunteer))
                text = template.format(first=text, second=self._in_words(scenario, other, rng))
                style = f"volunteer:{other}"
        if rng.random() < TYPO_SHARE:
            return _with_typo(text, rng), f"{style}+typo"
        return text, "words" if style == "words" else style

    def _restate_job(self, scenario: Scenario, replies: Sequence[Mapping[str, Any]],
                     rng: random.Random) -> Tuple[str, str]:
        """No question asked (not understood): pick the job's button, or say the job."""
        wanted = choice_payload(JOB_QUESTION, scenario.job)
        if rng.random() < 0.5 and any(b["payload"] == wanted for b in buttons(replies)):
            return wanted, "button"
        return self._in_words(scenario, JOB_QUESTION, rng), "restate"

    def _in_words(self, scenario: Scenario, key: str, rng: random.Random) -> str:
        option = scenario.answers[key]
        said = list(self.words.answers.get(key, {}).get(option, ()))
        figures = self._figures(scenario, key)
        if figures and (not said or rng.random() < 0.6):
            return rng.choice(figures)
        if not said:
            raise KeyError(f"shopper_words.yml has no words for {key}: {option}")
        return rng.choice(said)

    def _figures(self, scenario: Scenario, key: str) -> List[str]:
        """The scenario's figure for this question, in each template that reads back to
        the same option."""
        amount = scenario.amounts.get(key)
        if amount is None or key == JOB_QUESTION:
            return []
        question = self._question(key)
        figures = {"n": amount, **{name: convert(amount) for name, convert in
                                   OTHER_UNITS.get(question.unit or "", {}).items()}}
        found = []
        for template in self.words.numbers.get(key, ()):
            used = [name for name in figures if "{" + name + "}" in template]
            if all(_reads_back(question, figures[name], name, scenario.answers[key])
                   for name in used):
                found.append(template.format(**{k: f"{v:g}" for k, v in figures.items()}))
        return found

    def _second_fact(self, scenario: Scenario, key: str, volunteered: Set[str],
                     rng: random.Random) -> Optional[str]:
        others = [q for q in scenario.need if q != key and q not in volunteered
                  and q not in scenario.unsure]
        return rng.choice(others) if others else None

    def _question(self, key: str) -> Question:
        return self.knowledge.question(key)


@dataclass
class _Habits:
    """A shopper's habits, and what they still owe (a correction after the list)."""

    traits: Set[str]
    used: Set[str] = field(default_factory=set)
    correction: Optional[Tuple[str, str]] = None  # (question, the right option)

    def once(self, trait: str) -> bool:
        """Whether the habit shows now (the first time it can)."""
        if trait not in self.traits or trait in self.used:
            return False
        self.used.add(trait)
        return True


def _with_typo(text: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped inside one word of six letters or more."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(1, len(word) - 2)
    words[i] = word[:at] + word[at + 1] + word[at] + word[at + 2:]
    return " ".join(words)


def _none_of(replies: Sequence[Mapping[str, Any]]) -> str:
    found = [b["payload"] for b in buttons(replies) if "none" in b["title"].lower()]
    return found[0] if found else "none of them"


def _draw(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for style, share in STYLES:
        total += share
        if roll < total:
            return style
    return STYLES[-1][0]


def _reads_back(question: Question, figure: float, name: str, option: str) -> bool:
    """Whether a figure said in unit ``name`` falls in the same option, in the question's
    unit (so a conversion's rounding never changes the true answer)."""
    unit = BACK_TO_UNIT.get(name)
    value = figure
    if unit is not None and question.unit in UNITS:
        value = figure * UNITS[unit][1] / UNITS[question.unit][1]
    found = question.option_for_number(value)
    return found is not None and found.key == option
