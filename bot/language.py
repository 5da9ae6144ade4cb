"""Understanding the shop's words with spaCy, from the catalogue's own vocabulary.

A blank English pipeline with the lookup lemmatizer (tables from spacy-lookups-data, no
model download) turns "bricks" into "brick"; a PhraseMatcher on lemmas, built from the
terms in the database, finds categories, attribute values, answer options and jobs; a
token Matcher finds sizes and weights ("10mm", "3/8 inch", "12 kg"). Words the lookup
table does not know ("plasterboards") and small typos ("plasterbord") are mapped onto
the catalogue's own words before matching. A new synonym in the data is matched as soon
as the knowledge is reloaded: the Rasa model is not involved.
"""

from __future__ import annotations

import difflib
import re
import threading
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bot.knowledge import JOB_QUESTION, Knowledge, LatestOnly, Option, Question
from bot.text import clean_text

# Length in mm, mass in kg; everything else counts as a plain number.
UNITS: Dict[str, Tuple[str, float]] = {
    "mm": ("length", 1.0), "millimetre": ("length", 1.0), "millimeter": ("length", 1.0),
    "cm": ("length", 10.0), "centimetre": ("length", 10.0), "centimeter": ("length", 10.0),
    "inch": ("length", 25.4), "inches": ("length", 25.4), "in": ("length", 25.4),
    '"': ("length", 25.4), "″": ("length", 25.4), "''": ("length", 25.4),
    "kg": ("mass", 1.0), "kgs": ("mass", 1.0), "kilo": ("mass", 1.0), "kilos": ("mass", 1.0),
    "kilogram": ("mass", 1.0), "kilograms": ("mass", 1.0), "g": ("mass", 0.001),
    "grams": ("mass", 0.001), "lb": ("mass", 0.4536), "lbs": ("mass", 0.4536),
    "pound": ("mass", 0.4536), "pounds": ("mass", 0.4536),
    # "a 10 mil bit": the trade's short word for millimetres.
    "mil": ("length", 1.0), "mils": ("length", 1.0), "mill": ("length", 1.0),
    # A group of people: "four people", and the groups GROUP_PATTERNS reads.
    "people": ("people", 1.0), "persons": ("people", 1.0),
    "m": ("length", 1000.0), "metre": ("length", 1000.0), "metres": ("length", 1000.0),
    "meter": ("length", 1000.0), "meters": ("length", 1000.0),
}
IMPERIAL = frozenset({"inch", "inches", "in", '"', "″", "''"})
NUMBER_WORDS: Dict[str, float] = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({"a couple": 2, "couple": 2, "half": 0.5, "quarter": 0.25, "dozen": 12})
FRACTION_WORDS = ("half", "quarter")  # not numbers to spaCy: "half an inch"
DONT_KNOW = ("not sure", "no idea", "don't know", "dont know", "do not know", "dunno",
             "no clue", "not certain", "can't tell", "cannot tell", "haven't a clue", "unsure",
             "not too sure", "not really sure", "not entirely sure", "not quite sure",
             "got a clue", "couldn't say", "couldn't tell", "idk", "not a clue",
             "can't remember", "cannot remember", "don't remember")
# Words that leave something out of a list: "not the gloves", "everything except the primer".
HOLD_ON = re.compile(r"\b(?:hang|hold) on\b(?=\s*(?:[,.!:;-]|$|a (?:sec|second|minute|mo)\b))")
"""An interjection, "hang on, I misremembered": no picture is hung (followed by the
thing hung, "hang on the wall", the words are the job's)."""
LEAVE_OUT = re.compile(r"\b(not the|not any|without|except|exept|apart from|but the|leave out|"
                       r"leave the|leave off|skip|miss out|miss off|drop|remove|take out|take off|"
                       r"minus|bar the|no need for|don'?t (?:want|need))\b")
# Words that ask for a member of staff: "can I talk to someone", "a real person please".
# A trade is no member of staff: "I need an electrician" is the job, for a referral.
PERSON = re.compile(r"\b(person|human|someone|somebody|anyone|anybody|staff|colleague|"
                    r"assistant|agent|advis[eo]r|manager|employee|operator|representative|"
                    r"salesperson|shop ?keeper|real one|talk to|speak to|speak with|chat with|"
                    r"call me|ring me|phone me)\b")
# Words of a complaint about something bought, whatever the product: "it's stopped working".
COMPLAINT = re.compile(r"\b(broke|broken|breaks|faulty|fault|defective|dud|split|cracked|"
                       r"snapped|ripped|torn|leak(?:s|ing|ed)?|stopped working|died|dead|"
                       r"damaged|bent|jammed|useless|rubbish|refund|money back|return(?:ing)?|"
                       r"bring (?:it|them) back|take (?:it|them) back|(?:doesn'?t|won'?t|"
                       r"didn'?t) (?:work|light|lock|close|stick|hold))\b")
# Words that ask what something costs: "how much is the 5 mm bit?", "£ for the bracket?".
PRICE = re.compile(r"(\bhow much\b|\bprice[sd]?\b|\bcosts?\b|\bcharg(?:e|ing)\b|£)")
COMPANIONS = ["friends", "friend", "mates", "mate", "pals", "others", "people", "colleagues",
              "kids", "children", "lads", "girls", "guys", "adults", "teenagers", "teens", "boys"]
_NUM: Dict[str, Any] = {"LIKE_NUM": True}
# A group said in words, and how many that makes with whoever speaks: (pattern, added).
GROUP_PATTERNS: Dict[str, Tuple[List[Dict[str, Any]], int]] = {
    "GROUP_ME_AND": ([{"LOWER": {"IN": ["me", "myself", "i"]}}, {"LOWER": "and"},
                      {"LOWER": {"IN": ["my", "the"]}, "OP": "?"}, _NUM,
                      {"LOWER": {"IN": COMPANIONS}}], 1),
    "GROUP_WITH": ([{"LOWER": "with"}, {"LOWER": {"IN": ["my", "the"]}, "OP": "?"}, _NUM,
                    {"LOWER": {"IN": COMPANIONS}}], 1),
    "GROUP_OF_US": ([_NUM, {"LOWER": "of"}, {"LOWER": {"IN": ["us", "them", "we"]}}], 0),
    "GROUP_FAMILY": ([{"LOWER": "family"}, {"LOWER": "of"}, _NUM], 0),
    "GROUP_KIDS_AND_US": ([_NUM, {"LOWER": {"IN": ["kids", "children"]}}, {"LOWER": "and"},
                           {"LOWER": "us"}], 2),
    "GROUP_KIDS_AND_ME": ([_NUM, {"LOWER": {"IN": ["kids", "children"]}}, {"LOWER": "and"},
                           {"LOWER": {"IN": ["me", "myself"]}}], 1),
    "GROUP_US_AND_KIDS": ([{"LOWER": "us"}, {"LOWER": "and"}, {"LOWER": "the", "OP": "?"},
                           _NUM, {"LOWER": {"IN": ["kids", "children"]}}], 2),
    "GROUP_ME_AND_ONE": ([{"LOWER": {"IN": ["me", "myself", "i"]}}, {"LOWER": "and"},
                          {"LOWER": {"IN": ["my", "a"]}},
                          {"LOWER": {"IN": ["brother", "sister", "partner", "wife", "husband",
                                            "mate", "friend", "dad", "mum", "son", "daughter",
                                            "girlfriend", "boyfriend", "pal", "colleague"]}}], 1),
    "GROUP_JUST_ONE": ([{"LOWER": {"IN": ["just", "only"]}},
                        {"LOWER": {"IN": ["him", "her", "them", "me", "myself"]}}], 0),
}
NEGATIONS = frozenset({"not", "no", "never", "nothing"})
FUNCTION_WORDS = frozenset(
    "a an the of or and to it it's is its my i we our for on in at with this that just "
    "about maybe probably think so".split())


@dataclass(frozen=True)
class Measure:
    """A number the shopper gave, in base units (mm or kg) when it had a unit."""

    value: float
    dimension: Optional[str]  # "length", "mass" or None for a bare number
    text: str
    unit: Optional[str] = None  # the unit as said: "mm", "inch", "kg"...


@dataclass
class Reading:
    """What a message says in the catalogue's terms."""

    categories: List[str] = field(default_factory=list)
    values: Dict[str, Set[str]] = field(default_factory=dict)
    options: Dict[str, Set[str]] = field(default_factory=dict)
    measures: List[Measure] = field(default_factory=list)
    dont_know: bool = False
    leaves_out: bool = False  # "not the gloves", "everything except the primer"
    names_a_person: bool = False  # "can I speak to someone?"
    complains: bool = False  # "it's stopped working", "I want my money back"
    asks_a_price: bool = False  # "how much is...", "price of..."
    defects: Set[Tuple[str, str]] = field(default_factory=set)  # (category, feature)
    conditions: Set[str] = field(default_factory=set)
    gift: bool = False  # "a present", or someone named the item is for ("poles for my dad")
    recipient: Optional[str] = None  # who it is for: a key of ``Knowledge.gifts.recipients``

    @property
    def length_mm(self) -> Optional[float]:
        """The first length said ("a 10mm bit"), in mm: the size of the item named."""
        return next((m.value for m in self.measures if m.dimension == "length"), None)

    @property
    def understood(self) -> bool:
        return bool(self.categories or self.values or self.options or self.measures
                    or self.dont_know)

    def as_dict(self) -> Dict[str, Any]:
        return {"categories": self.categories,
                "values": {k: sorted(v) for k, v in self.values.items()},
                "options": {k: sorted(v) for k, v in self.options.items()},
                "measures": [(m.value, m.dimension) for m in self.measures],
                "dont_know": self.dont_know}


_nlp_lock = threading.Lock()
_nlp: Optional[Language] = None


def pipeline() -> Language:
    """The shared blank English pipeline with the lookup lemmatizer (made once)."""
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            nlp = spacy.blank("en")
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
            _nlp = nlp
        return _nlp


class Interpreter:
    """Reads messages against one version of the knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.nlp = pipeline()
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        # "fixed" (a TV mount) must not match "fix" (a shelf to the wall): one-word terms
        # in -ed/-ing are matched as written; their base forms are terms of their own.
        self.forms = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.measures = Matcher(self.nlp.vocab)
        self.vocabulary: Set[str] = set()
        self._lemma_of: Dict[str, str] = {}  # the catalogue's words and the table's lemmas
        for label, phrases in self._terms():
            docs = [self._doc(p) for p in phrases]
            as_written = [d for d in docs if _inflected_word(d)]
            by_lemma = [d for d in docs if not _inflected_word(d)]
            if by_lemma:
                self.phrases.add(label, by_lemma)
            if as_written:
                self.forms.add(label, as_written)
            self.vocabulary.update(t.lemma_ for d in docs for t in d if t.is_alpha)
            self._lemma_of.update((t.lower_, t.lemma_) for d in docs for t in d if t.is_alpha)
        self._fuzzy_pool = sorted(w for w in self.vocabulary if len(w) >= 5)
        self.measures.add("MEASURE", [
            [{"LIKE_NUM": True}, {"LOWER": {"IN": sorted(UNITS)}}],
            [{"LIKE_NUM": True}, {"LOWER": "-"}, {"LOWER": {"IN": sorted(UNITS)}}],
            [{"LOWER": {"IN": list(FRACTION_WORDS)}}, {"LOWER": {"IN": ["a", "an"]}, "OP": "?"},
             {"LOWER": {"IN": sorted(UNITS)}}],
        ])
        self.measures.add("NUMBER", [[{"LIKE_NUM": True}]])
        self.groups = Matcher(self.nlp.vocab)
        for name, (pattern, _) in GROUP_PATTERNS.items():
            self.groups.add(name, [pattern])

    def _terms(self) -> Iterable[Tuple[str, List[str]]]:
        k = self.knowledge
        for key, category in k.categories.items():
            yield f"category|{key}", list(category.synonyms) + [category.label]
        for attribute, values in k.values.items():
            for value, synonyms in values.items():
                yield f"value|{attribute}|{value}", list(synonyms)
        for key, question in k.questions.items():
            for option in question.options:
                yield f"option|{key}|{option.key}", list(option.synonyms)
        for key, job in k.jobs.items():
            yield f"option|{JOB_QUESTION}|{key}", list(job.synonyms)
        for kind, features in k.defects.items():
            for feature, words in features.items():
                yield f"defect|{kind}|{feature}", list(words)
        for condition, words in k.conditions.items():
            yield f"condition|{condition}", list(words)
        yield "gift|", list(k.gifts.words)
        for key, recipient in k.gifts.recipients.items():
            yield f"recipient|{key}", [f"my {w}" for w in recipient.synonyms]

    def _doc(self, text: str) -> Doc:
        doc = self.nlp(text.lower())
        return doc

    def read(self, text: str, pending: Optional[Question] = None,
             in_hand: Optional[str] = None) -> Reading:
        """What ``text`` says; numbers and "not sure" are read in the light of ``pending``,
        and words in the light of the job in hand (``in_hand``), as well as any job named."""
        lowered = HOLD_ON.sub("wait", clean_text(text).lower())
        doc = self._doc(lowered)
        self._normalise(doc)
        plain = lowered.replace("’", "'")
        reading = Reading(dont_know=any(p in plain for p in DONT_KNOW),
                          leaves_out=bool(LEAVE_OUT.search(plain)),
                          names_a_person=bool(PERSON.search(plain)),
                          complains=bool(COMPLAINT.search(plain)),
                          asks_a_price=bool(PRICE.search(plain)))
        spans = [Span(doc, s, e, label=self.nlp.vocab.strings[m])
                 for matcher in (self.phrases, self.forms) for m, s, e in matcher(doc)]
        # "How heavy is it?" names the question, not an answer: "no idea how heavy it is".
        kept = [s for s in _longest(spans)
                if not (s.start > 0 and doc[s.start - 1].lower_ == "how"
                        and s.label_.startswith("option|"))]
        for span in kept:
            self._add(reading, span.label_)
        _read_recipient(reading, kept)
        self._keep_what_the_job_asks(reading, pending, in_hand)
        groups = self._groups(doc)
        reading.measures = [m for m, _ in groups] + self._measures(
            doc, {i for _, span in groups for i in range(span.start, span.end)})
        if pending is not None:
            self._answer_by_number(reading, pending)
            self._answer_by_words(reading, pending, doc)
        return reading

    def _keep_what_the_job_asks(self, reading: Reading, pending: Optional[Question],
                                in_hand: Optional[str]) -> None:
        """Words answer only questions of the jobs in play (the one in hand, one named, or
        those asking the pending question): the wall a TV goes on is not the walls a
        painter paints; and a job's word inside an answer ("hang on, it's 50 inches")
        leaves the answer for the job in hand standing."""
        named = set(reading.options.get(JOB_QUESTION, ()))
        jobs = named | ({in_hand} if in_hand else set())
        if not jobs and pending is not None:
            jobs = {j.key for j in self.knowledge.jobs.values() if pending.key in j.questions}
        if not jobs:
            return
        asked = {q for j in jobs for q in self.knowledge.jobs[j].questions} | {JOB_QUESTION}
        for question in [q for q in reading.options if q not in asked]:
            del reading.options[question]

    def _normalise(self, doc: Doc) -> None:
        # Plurals the lookup table lacks, and near-misses, onto catalogue words.
        for token in doc:
            lemma = token.lemma_
            if not token.is_alpha or lemma in self.vocabulary:
                continue
            # "bits" -> "bit", which the lookup table itself turns into "bite".
            for stem in [lemma, *_stems(lemma)]:
                if stem in self.vocabulary or stem in self._lemma_of:
                    token.lemma_ = self._lemma_of.get(stem, stem)
                    break
            else:
                swapped = [w for s in [lemma, *_stems(lemma)] for w in _transpositions(s)
                           if w in self.vocabulary] if len(lemma) >= 4 else []
                if swapped:  # "toggels": two letters the wrong way round
                    token.lemma_ = swapped[0]
                elif len(lemma) >= 5:
                    close = difflib.get_close_matches(lemma, self._fuzzy_pool, n=1, cutoff=0.85)
                    if close:
                        token.lemma_ = close[0]

    def _add(self, reading: Reading, label: str) -> None:
        kind, _, rest = label.partition("|")
        if kind == "category":
            if rest not in reading.categories:
                reading.categories.append(rest)
        elif kind == "value":
            attribute, _, value = rest.partition("|")
            reading.values.setdefault(attribute, set()).add(value)
        elif kind == "option":
            question, _, option = rest.partition("|")
            reading.options.setdefault(question, set()).add(option)
        elif kind == "defect":
            category, _, feature = rest.partition("|")
            reading.defects.add((category, feature))
        elif kind == "condition":
            reading.conditions.add(rest)

    def _groups(self, doc: Doc) -> List[Tuple[Measure, Span]]:
        """How many people a group said in words makes: "me and three mates" (4), "the
        four of us" (4), "a family of five" (5), "two kids and us" (4), "just him" (1)."""
        found: List[Tuple[Measure, Span]] = []
        for match, start, end in self.groups(doc):
            name = self.nlp.vocab.strings[match]
            span = doc[start:end]
            number = next((parse_number(t.text) for t in span if t.like_num), 1.0)
            if number is not None and number > 0:
                found.append((Measure(number + GROUP_PATTERNS[name][1], "people", span.text,
                                      "people"), span))
        return found[:1]

    def _measures(self, doc: Doc, grouped: Set[int]) -> List[Measure]:
        """Sizes, weights and bare numbers (not those inside a group already read)."""
        found = []
        matches = [(self.nlp.vocab.strings[m], Span(doc, s, e)) for m, s, e in self.measures(doc)]
        with_unit = [span for name, span in matches if name == "MEASURE"]
        covered = grouped | {i for span in with_unit for i in range(span.start, span.end)}
        for span in _longest(with_unit):
            number = parse_number(span[0].text)
            unit = UNITS.get(span[-1].lower_)
            if number is not None and unit:
                found.append(Measure(number * unit[1], unit[0], span.text, span[-1].lower_))
        for name, span in matches:
            if name == "NUMBER" and span.start not in covered:
                number = parse_number(span.text)
                if number is not None:
                    found.append(Measure(number, None, span.text))
        return found

    def _answer_by_number(self, reading: Reading, pending: Question) -> None:
        """A number fits the pending question when its unit agrees (or it has none)."""
        if pending.key in reading.options:
            return
        for measure in reading.measures:
            option = option_for_measure(pending, measure)
            if option is not None:
                reading.options[pending.key] = {option.key}
                return


    def _answer_by_words(self, reading: Reading, pending: Question, doc: Doc) -> None:
        """An answer that matched no phrase ("a full day") is held against the pending
        question's own options: the option whose label or synonym it covers best wins,
        when exactly one does."""
        if pending.key in reading.options or pending.key == JOB_QUESTION or reading.measures:
            return  # a number is read by range alone: "500 kg" is no option's "kg"
        if reading.dont_know:
            return  # "I'm not sure" is no answer, though it shares "not" with "not heavy"
        # The question's own unit ("people") says nothing about which option: "1e9 people"
        # must not read as "two people".
        said = _content_words(doc) - {pending.unit}
        if not said:
            return
        best: Dict[str, float] = {}
        for option in pending.options:
            for phrase in (option.label, *option.synonyms):
                words = _content_words(self._doc(phrase)) - {pending.unit}
                if words and (words & said) - NEGATIONS:  # "not a clue" is not "not heavy"
                    cover = len(words & said) / len(words)
                    best[option.key] = max(best.get(option.key, 0.0), cover)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        # Words that answered another question leave only a whole phrase for this one:
        # "a ready made lead with the plugs on" is no "power lead", "brick, for a while" is.
        least = 1.0 if any(q != JOB_QUESTION for q in reading.options) else 0.5
        if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            reading.options[pending.key] = {ranked[0][0]}


def option_for_measure(question: Question, measure: Measure, *,
                       volunteered: bool = False) -> Optional[Option]:
    """The option of a ranged question that a number answers, if its unit agrees.

    A bare number answers the question being asked, in that question's unit. A number
    volunteered before its question is asked must carry a unit of the same system:
    "a 10mm drill" says nothing about a TV's size in inches, "a 55 inch TV" does.
    """
    if not any(o.range for o in question.options):
        return None
    unit = UNITS.get(question.unit or "")
    if measure.dimension is None:
        return None if volunteered else question.option_for_number(measure.value)
    if unit is None or unit[0] != measure.dimension:
        return None
    if (volunteered and measure.dimension == "length"
            and (measure.unit in IMPERIAL) != (question.unit in IMPERIAL)):
        return None
    return question.option_for_number(measure.value / unit[1])


def _read_recipient(reading: Reading, spans: List[Span]) -> None:
    """Who the shopper buys for. "Poles for my dad" is a gift; "hanging a picture for my
    wife" is a job the shopper does themself: the recipient then follows a job's words.
    Naming someone is not buying for them: "my daughter painted it" and "a tent for me and
    my girlfriend" (the shopper uses it too) are not gifts."""
    reading.gift = any(s.label_ == "gift|" for s in spans)
    ordered = sorted(spans, key=lambda s: s.start)
    for index, span in enumerate(ordered):
        kind, _, key = span.label_.partition("|")
        if kind != "recipient" or (not reading.gift and not _bought_for(span)):
            continue
        before = [s for s in ordered[:index] if not s.label_.startswith(("recipient|", "gift|"))]
        if reading.gift or not before or not before[-1].label_.startswith(f"option|{JOB_QUESTION}|"):
            reading.gift, reading.recipient = True, key
            return


GIVING_WORDS = frozenset({"for", "buy", "buying", "bought", "get", "getting", "give", "giving"})
SHOPPER_WORDS = frozenset({"me", "i", "myself", "us", "we"})


def _bought_for(span: Span) -> bool:
    """Whether "my X" is who the item is for ("for my dad", "getting my dad a drill"),
    with the shopper not among them ("for my dad and me")."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in GIVING_WORDS:
        return False
    after = [t.lower_ for t in doc[span.end:span.end + 2]]
    return not (after[:1] == ["and"] and after[1:2] and after[1] in SHOPPER_WORDS)


def _content_words(doc: Doc) -> Set[str]:
    # Word forms, not lemmas: "days" must not read as "a day". Only the emptiest words go;
    # spaCy's stop list would drop telling ones such as "several" and "full".
    return {t.lower_ for t in doc
            if t.is_alpha and t.lower_ not in FUNCTION_WORDS and t.lower_ not in UNITS}


def _longest(spans: List[Span]) -> List[Span]:
    """Overlapping matches: keep the longest; equal spans keep all their labels."""
    kept = filter_spans(spans)
    bounds = {(s.start, s.end) for s in kept}
    return [s for s in spans if (s.start, s.end) in bounds]


def _inflected_word(doc: Doc) -> bool:
    """A one-word term in -ed or -ing whose lemma is another word ("fixed" -> "fix")."""
    return (len(doc) == 1 and doc[0].lower_.endswith(("ed", "ing"))
            and doc[0].lemma_ != doc[0].lower_)


def _transpositions(word: str) -> List[str]:
    """The word with two neighbouring letters swapped, each way: "toggel" -> "toggle"."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]


def _stems(word: str) -> List[str]:
    stems = []
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        stems.append(word[:-1])
    return stems


def parse_number(text: str) -> Optional[float]:
    """"12", "12.5", "3/8", "1 1/2" or a number word; None when it is not one."""
    text = text.strip().lower().replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        if "/" in text:
            return float(Fraction(text))
        return float(text)
    except (ValueError, ZeroDivisionError):
        return None


_interpreters: LatestOnly[Interpreter] = LatestOnly()


def interpreter_for(knowledge: Knowledge) -> Interpreter:
    """The interpreter for this version of the knowledge (built once per version)."""
    return _interpreters.get(knowledge.version, lambda: Interpreter(knowledge))

