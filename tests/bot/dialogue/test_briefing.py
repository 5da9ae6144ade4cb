"""The briefing a member of staff sees beside the replies: the facts so far with the taps
that change them, why the question matters, talking points, warnings."""

from __future__ import annotations

from bot.dialogue.replies import Act
from bot.dialogue.turn import Meaning
from bot.shop import Shop
from tests.conftest import Shopper


def test_a_question_comes_with_the_engine_s_reason_in_one_line(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture", "describe_job")
    briefing = shop.dialogue.brief(shopper.outcome)
    decision = shopper.consultation.decisions[-1]
    assert briefing.why_asked == (
        f"{decision.solutions} ways of doing the job are still open, needing "
        f"{decision.bundles} different lists: this answer narrows them down most.")
    assert briefing.pending == "wall" and briefing.can_skip and briefing.can_finish
    assert [f.question for f in briefing.facts] == ["job"]
    assert briefing.bundle is None and briefing.talking_points == ()


def test_every_fact_offers_each_option_to_change_it(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture on a brick wall", "describe_job")
    briefing = shop.dialogue.brief(shopper.outcome)
    wall = next(f for f in briefing.facts if f.question == "wall")
    assert (wall.asked, wall.answer, wall.assumed) == (
        "What is the wall made of?", "brick or concrete", False)
    assert [c.act for c in wall.choices] == [
        Act(Meaning.ANSWER, answer=("wall", key)) for key in ("brick", "plasterboard", "timber")]
    job = next(f for f in briefing.facts if f.question == "job")
    assert {c.label for c in job.choices} >= {"hang something", "fix a shelf to the wall"}


def test_the_list_comes_with_talking_points_and_warnings(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("Do you have a 10mm drill?", "request_item")
    shopper.say("hanging a picture", "describe_job")
    shopper.tap(Act(Meaning.FINISH_NOW))
    briefing = shop.dialogue.brief(shopper.outcome)
    assert briefing.bundle is not None and not briefing.can_skip and not briefing.can_finish
    points = {p.sku: p for p in briefing.talking_points}
    bit = points["BIT-M6"]
    assert bit.why == "to drill the holes for the plugs"  # the whys apart, as points
    assert bit.points == ("Not just any: a wood bit would not cut brick.",
                          "Matched to the wall plug.")
    plug = next(p for p in briefing.talking_points if p.sku.startswith("PLUG"))
    assert "Without it, what's chosen to fit it (drill bit and screw) won't do the job." \
        in plug.points
    assert briefing.asked_for == "10 mm drill bit"
    assert any("right size is 6 mm" in w for w in briefing.warnings)
    assert "Assumed, not said: brick or concrete (What is the wall made of?). Check it with the " \
        "shopper." in briefing.warnings


def test_a_hand_off_leaves_nothing_to_skip_or_finish(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture", "describe_job")
    shopper.say("can I talk to a person", "human_handoff")
    briefing = shop.dialogue.brief(shopper.outcome)
    assert briefing.pending is None and not briefing.can_skip and not briefing.can_finish


def test_with_nothing_under_way_the_ways_in_are_offered(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("hello", "greet")
    briefing = shop.dialogue.brief(shopper.outcome)
    assert [c.label for c in briefing.starts][:2] == ["hang a picture or mirror", "put up a shelf"]
    assert briefing.starts[0].act == Act(Meaning.ANSWER, answer=("job", "hang_picture"))
    assert "drill bit" in briefing.items
    shopper.say("I want to hang a picture", "describe_job")
    assert shop.dialogue.brief(shopper.outcome).starts == ()


def test_a_role_with_a_component_per_case_is_briefed_from_the_one_that_applies(
        demo_shop: Shop) -> None:
    """hang_picture has a drill bit for brick, for dot and dab, for plasterboard and for
    timber: the brick wall's masonry bit is no pilot hole in timber."""
    shopper = Shopper(demo_shop)
    shopper.say("I want to hang a picture", "describe_job")
    for choice in ("wall:brick", "weight:light", "drill:hammer"):
        shopper.say("/inform", "inform", choice=choice)
    briefing = demo_shop.dialogue.brief(shopper.outcome)
    bit = next(p for p in briefing.talking_points if "masonry" in p.sku.lower()
               or "MAS" in p.sku)
    assert "Not just any: a wood bit would not cut brick or block." in bit.points
    assert not any("timber" in p for p in bit.points), bit.points
