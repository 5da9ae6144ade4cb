"""Reading shoppers' words against the catalogue vocabulary."""

from __future__ import annotations

import pytest

from bot.language import Interpreter, parse_number
from bot.text import clean_text


@pytest.mark.parametrize("text", ["plasterboard", "it's drywall", "Gypsum board I think",
                                  "Plasterboards", "plasterbord"])
def test_synonyms_plurals_and_typos_of_an_option(small_interpreter: Interpreter, text: str) -> None:
    assert small_interpreter.read(text).options == {"wall": {"plasterboard"}}


def test_plural_categories(small_interpreter: Interpreter) -> None:
    assert small_interpreter.read("do you sell Hiking Poles?").categories == ["trekking_poles"]
    assert small_interpreter.read("Do you have a 10mm drill?").categories == ["drill_bit"]


@pytest.mark.parametrize("text, mm", [("10mm", 10), ("10 mm", 10), ("a 3/8 inch bit", 9.525),
                                      ("1 cm", 10)])
def test_sizes(small_interpreter: Interpreter, text: str, mm: float) -> None:
    measures = small_interpreter.read(text).measures
    assert measures[0].dimension == "length"
    assert measures[0].value == pytest.approx(mm)


def test_one_message_answers_several_questions(small_interpreter: Interpreter) -> None:
    reading = small_interpreter.read("a heavy mirror on my brick wall")
    assert reading.options == {"job": {"hang_picture"}, "weight": {"heavy"}, "wall": {"brick"}}


def test_a_number_answers_the_pending_question_by_range(small_knowledge, small_interpreter) -> None:
    weight = small_knowledge.questions["weight"]
    assert small_interpreter.read("about 3 kilos", weight).options == {"weight": {"light"}}
    assert small_interpreter.read("12", weight).options == {"weight": {"heavy"}}
    assert small_interpreter.read("20 lbs", weight).options == {"weight": {"heavy"}}
    # Impossible sizes answer nothing, and a length is not a weight.
    assert small_interpreter.read("500 kg", weight).options == {}
    assert small_interpreter.read("10 mm", weight).options == {}


def test_dont_know(small_interpreter: Interpreter) -> None:
    assert small_interpreter.read("No idea, sorry").dont_know
    assert small_interpreter.read("I don’t know").dont_know
    assert not small_interpreter.read("brick").dont_know


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "مرحبا", "\x00\x01", "<img src=x>",
                                  "x" * 20000, "'; DROP TABLE products; --"])
def test_odd_input_is_read_without_error(small_interpreter: Interpreter, text: str) -> None:
    assert not small_interpreter.read(text).understood


def test_clean_text_bounds_and_strips() -> None:
    assert clean_text(" a\x00b \n c ") == "a b c"
    assert len(clean_text("y" * 50000)) == 2000


@pytest.mark.parametrize("text, value", [("12", 12), ("3/8", 0.375), ("two", 2), ("x", None),
                                         ("1/0", None)])
def test_parse_number(text: str, value) -> None:
    assert parse_number(text) == value


def test_words_no_phrase_matches_are_held_against_the_pending_question(
        small_knowledge, small_interpreter: Interpreter) -> None:
    permanence = small_knowledge.questions["permanence"]
    assert small_interpreter.read("only a short while", permanence).options == {
        "permanence": {"temporary"}}
    # Without the question, or when no option's words are there, nothing is read.
    assert small_interpreter.read("only a short while").options == {}
    assert small_interpreter.read("the house is old", permanence).options == {}


def test_a_volunteered_length_must_be_in_the_questions_own_system(small_interpreter) -> None:
    from bot.knowledge import Option, Question
    from bot.language import option_for_measure

    tv = Question("tv_size", "How big is the TV?", (
        Option("small", "up to 32 inches", range=(0, 32)),
        Option("large", "33 to 85 inches", range=(33, 85))), unit="inch")
    inches = small_interpreter.read("a 55 inch telly").measures[0]
    millimetres = small_interpreter.read("a 10mm drill").measures[0]
    bare = small_interpreter.read("55").measures[0]
    assert option_for_measure(tv, inches, volunteered=True).key == "large"
    assert option_for_measure(tv, millimetres, volunteered=True) is None
    assert option_for_measure(tv, bare, volunteered=True) is None
    assert option_for_measure(tv, bare).key == "large"  # the answer to the question asked


def test_not_sure_is_no_answer_whatever_words_it_shares_with_an_option(
        small_interpreter: Interpreter) -> None:
    from bot.knowledge import Option, Question

    weight = Question("weight", "How heavy is it?", (
        Option("light", "under 5 kg", synonyms=("not hefty",)),
        Option("heavy", "over 5 kg", synonyms=("a hefty beast",))))
    reading = small_interpreter.read("hmm, I'm not sure", weight)
    assert reading.dont_know and reading.options == {}
    assert small_interpreter.read("not hefty at all", weight).options == {"weight": {"light"}}


@pytest.mark.parametrize("text, mm", [("a 10 mil bit", 10), ("half an inch", 12.7),
                                      ("a quarter inch bit", 6.35), ("8 mill", 8)])
def test_trade_and_fraction_sizes(small_interpreter: Interpreter, text: str, mm: float) -> None:
    lengths = [m.value for m in small_interpreter.read(text).measures if m.dimension == "length"]
    assert lengths == [pytest.approx(mm)]


def test_two_letters_swapped_are_read_as_the_catalogue_word(small_interpreter) -> None:
    # Too short for the fuzzy match to be safe ("birck" and "brick" are 80% alike).
    assert small_interpreter.read("it is birck").options == {"wall": {"brick"}}


def test_a_plural_is_read_even_when_the_lookup_table_lemmatises_the_singular_oddly(
        small_interpreter: Interpreter) -> None:
    # The lookup table turns "bit" into "bite" but "bits" into "bit".
    assert small_interpreter.read("some bits").categories == small_interpreter.read("a bit").categories
    assert small_interpreter.read("some bits").categories


def test_a_term_in_ed_is_matched_as_written_not_by_its_verb(small_interpreter) -> None:
    from bot.knowledge import Option, Question
    from bot.language import Interpreter as Reader

    mount = Question("mount_type", "Flat or tilting?", (
        Option("fixed", "flat", synonyms=("fixed",)), Option("tilt", "tilt", synonyms=("tilt",))))
    knowledge = small_interpreter.knowledge
    reader = Reader(type(knowledge)(**{**knowledge.__dict__,
                                       "questions": {**knowledge.questions, "mount_type": mount}}))
    assert reader.read("a fixed one").options == {"mount_type": {"fixed"}}
    assert reader.read("I want to fix it to the wall").options.get("mount_type") is None


@pytest.mark.parametrize("text, pending, surface", [
    ("putting a heavy mirror on a brick wall", None, None),
    ("the wall is solid concrete", "wall", None),
    ("I want to paint the walls of the lounge", None, {"walls"}),
    ("just the walls", "surface", {"walls"}),
    ("walls", None, {"walls"}),  # no job in hand: every reading stands
])
def test_words_answer_only_the_questions_of_the_job_in_hand(
        text: str, pending: str, surface) -> None:
    from bot.catalogue.needs import read_needs_file
    from bot.settings import demo_dir

    demo = read_needs_file(demo_dir() / "needs.yml")
    reading = Interpreter(demo).read(text, demo.questions[pending] if pending else None)
    assert reading.options.get("surface") == surface


@pytest.mark.parametrize("text, job", [("hang on, I misremembered, it's brick", None),
                                       ("hold on a sec: brick", None),
                                       ("I want to hang a mirror", "hang_picture")])
def test_hang_on_is_no_picture_hung(small_interpreter: Interpreter, text: str, job) -> None:
    reading = small_interpreter.read(text)
    assert reading.options.get("job") == ({job} if job else None)
    assert job or reading.options["wall"] == {"brick"}



@pytest.mark.parametrize("text, permanence", [("brick, and it's for a while", {"temporary"}),
                                              ("brick, stays a good while", None)])
def test_with_another_answer_only_a_whole_phrase_answers_the_open_question(
        small_knowledge, small_interpreter, text: str, permanence) -> None:
    """Words that answered another question leave only a whole phrase of an option for the
    open one: a word shared with a phrase ("good") is not enough."""
    reading = small_interpreter.read(text, small_knowledge.questions["permanence"])
    assert reading.options["wall"] == {"brick"}
    assert reading.options.get("permanence") == permanence
