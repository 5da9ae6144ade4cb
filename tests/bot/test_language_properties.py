"""Properties of reading answers (hypothesis): any text at all, with any question open, is
read without failing and only into the knowledge's own terms; every answer option, said
in its own words, is read as that option; a number is read as the option whose range
holds it, and an impossible one ("-3 kg", "1e9 kg") as no option."""

from __future__ import annotations

from typing import List, Optional

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.catalogue.needs import read_needs_file
from bot.knowledge import JOB_QUESTION, Knowledge, Question
from bot.language import Interpreter
from bot.settings import demo_dir
from bot.text import MAX_MESSAGE_CHARS, clean_text

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
# Emoji, right-to-left and other scripts, control characters, lone surrogates' neighbours.
SHOPPER_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300) | st.sampled_from([
    "", "   \n\t ", "🔨🔨 do you have a 10mm drill? 😀", "هل لديك مثقاب 10mm؟",
    "שלום, brick wall", "Bohrer 10mm дрель ドリル", "drill\x00\x07 bit\x1b[31m", "\u202eklirb",
    "'; DROP TABLE products;--", "<script>alert(1)</script> wall plug", "-3", "0", "1e9",
    "1e9 kg", "-3 kg", "0 kg", "nan kg", "inf mm", "1/0 kg", "500 mm bit", "9" * 400])


@pytest.fixture(scope="module")
def demo_knowledge() -> Knowledge:
    return read_needs_file(demo_dir() / "needs.yml")


@pytest.fixture(scope="module")
def demo_interpreter(demo_knowledge: Knowledge) -> Interpreter:
    return Interpreter(demo_knowledge)


def questions(knowledge: Knowledge) -> List[Optional[Question]]:
    return [None, knowledge.job_question(), *knowledge.questions.values()]


@SETTINGS
@given(text=SHOPPER_TEXT, data=st.data())
def test_any_text_is_read_into_the_knowledge_own_terms(demo_interpreter: Interpreter,
                                                       text: str, data: st.DataObject) -> None:
    knowledge = demo_interpreter.knowledge
    pending = data.draw(st.sampled_from(questions(knowledge)))
    reading = demo_interpreter.read(text, pending)
    assert set(reading.categories) <= set(knowledge.categories)
    for question, options in reading.options.items():
        allowed = set(knowledge.jobs) if question == JOB_QUESTION else {
            o.key for o in knowledge.questions[question].options}
        assert options and options <= allowed | {"other"}
    for measure in reading.measures:
        assert measure.value == measure.value, "NaN read as a number"


@given(text=st.text(max_size=30000))
@settings(max_examples=50, deadline=None)
def test_cleaned_text_is_bounded_and_free_of_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert len(cleaned) <= MAX_MESSAGE_CHARS
    assert not any(ord(c) < 32 or ord(c) == 127 for c in cleaned)


def test_every_option_in_its_own_words_is_read_as_that_option(
        demo_interpreter: Interpreter, demo_knowledge: Knowledge) -> None:
    misread = []
    for question in demo_knowledge.questions.values():
        for option in question.options:
            for words in (option.label, *option.synonyms):
                got = demo_interpreter.read(words, question).options.get(question.key)
                if option.key not in (got or ()):
                    misread.append((question.key, words, option.key, got))
    assert misread == []


def range_questions(knowledge: Knowledge) -> List[Question]:
    return [q for q in knowledge.questions.values()
            if q.unit and any(o.range for o in q.options)]


@SETTINGS
@given(data=st.data())
def test_a_number_in_range_is_read_as_its_option(demo_interpreter: Interpreter,
                                                 demo_knowledge: Knowledge,
                                                 data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(range_questions(demo_knowledge)))
    option = data.draw(st.sampled_from([o for o in question.options if o.range]))
    low, high = option.range
    number = data.draw(st.integers(int(low) + 1, max(int(low) + 1, int(high) - 1)))
    assume(option.holds_number(number) and question.option_for_number(number) == option)
    reading = demo_interpreter.read(f"{number} {question.unit}", question)
    assert reading.options.get(question.key) == {option.key}


@pytest.mark.parametrize("said", ["-3", "-3 {unit}", "1e9 {unit}", "1000000000 {unit}",
                                  "nan {unit}", "1/0 {unit}"])
def test_an_impossible_number_is_no_answer(demo_interpreter: Interpreter,
                                           demo_knowledge: Knowledge, said: str) -> None:
    for question in range_questions(demo_knowledge):
        reading = demo_interpreter.read(said.format(unit=question.unit), question)
        assert question.key not in reading.options, (question.key, said)
