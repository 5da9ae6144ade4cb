"""The attendant's shortcuts: skip the open question, finish now with the safest list.
Each passed-over answer is the question's safe option, else its likeliest, kept as
assumed (so that the tablet shows it and one tap changes it)."""

from __future__ import annotations

from bot.dialogue.replies import Act, Ask, Offer, Say
from bot.dialogue.turn import Meaning
from bot.shop import Shop
from tests.conftest import Shopper

SKIP, FINISH = Act(Meaning.SKIP_QUESTION), Act(Meaning.FINISH_NOW)


def test_skip_takes_the_safe_option_and_asks_the_next_question(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture", "describe_job")
    assert shopper.pending == "wall"
    replies = shopper.tap(SKIP)
    assert shopper.consultation.known["wall"] == ("brick",)  # the data's safe option
    assert shopper.consultation.assumed == {"wall": "brick"}
    assert isinstance(replies[-1], Ask) and replies[-1].question.key == "weight"
    assert replies[-1].text.startswith("Skipped: I've gone with brick or concrete for now")


def test_skip_without_a_safe_option_takes_the_likeliest(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture on a brick wall", "describe_job")
    assert shopper.pending == "weight"  # no safe option, equal weights: the first
    shopper.tap(SKIP)
    assert shopper.consultation.assumed == {"weight": "light"}


def test_the_job_is_never_skipped_or_assumed(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("Do you have a 10mm drill?", "request_item")
    for act in (SKIP, FINISH):
        replies = shopper.tap(act)
        assert [type(r) for r in replies] == [Say]
        assert replies[0].text.startswith("First the job")
        assert shopper.pending == "job" and "job" not in shopper.consultation.known


def test_finish_now_gives_the_list_with_every_open_answer_assumed(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture", "describe_job")
    replies = shopper.tap(FINISH)
    offer = replies[-1]
    assert isinstance(offer, Offer)
    assert offer.text.startswith("To finish now I've gone with brick or concrete, under 5 kg")
    assert {i.role for i in offer.bundle.items} == {"plug", "bit", "screw", "hook"}
    assert set(shopper.consultation.assumed) == {"wall", "weight"}
    assert shopper.pending is None


def test_a_finished_list_changes_with_one_tap_on_an_assumed_answer(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture", "describe_job")
    shopper.tap(FINISH)
    replies = shopper.tap(Act(Meaning.ANSWER, answer=("wall", "plasterboard")))
    offer = replies[-1]
    assert isinstance(offer, Offer)
    assert {i.role for i in offer.bundle.items} == {"fixing", "hook"}
    assert "wall" not in shopper.consultation.assumed  # said now, no longer assumed


def test_nothing_to_skip_after_the_list(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a light picture on a brick wall", "describe_job")
    assert shopper.tap(SKIP)[0].text == "There's no question to skip."
