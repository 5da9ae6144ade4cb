"""The trainer's replay page in Chromium: a shopper's real conversation (over the REST
channel, so Rasa stores it) found in the list, stepped through forward and back with the
path drawn and the turn on screen lit up, the assistant's reasons shown; a practice round
scored; a story replayed against today's model; the conversation saved as a test story.
Screenshots: test_reports/screenshots/replay-*.png."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, WAIT_S
from tests.browser.staff_pages import staff_browser
from tests.conftest import LiveServers

pytestmark = pytest.mark.browser
DESKTOP = (1280, 900)
CONVERSATION = ["I want to hang a mirror on my brick wall", "about 3 kg",
                '/inform{"choice":"drill:hammer"}', "/take_all", "/deny"]


def shoot(page: Page, name: str) -> None:
    """``test_reports/screenshots/<name>.png``: the whole page, as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def at_turn(page: Page, turn: int) -> None:
    """The turn on screen, lit up on the path."""
    expect(page.locator("#path g.turn.current")).to_have_attribute("data-turn", str(turn))


def test_a_trainer_steps_through_a_real_conversation_practises_and_saves_it(
        browser: Browser, live_servers: LiveServers, tmp_path: Path) -> None:
    sender = f"shopper-{uuid.uuid4().hex}"
    for text in CONVERSATION:
        live_servers.say(sender, text)
    password = live_servers.staff_account("Tess Trainer", "trainer")
    with staff_browser(browser, live_servers.staff_url, "Tess Trainer", password,
                       page="/replay", size=DESKTOP) as page:
        row = page.locator("#sources button", has_text=CONVERSATION[0]).first
        expect(row).to_be_visible(timeout=WAIT_S * 1000)
        expect(row).to_contain_text("bundle taken")
        assert sender not in page.content()  # sender ids never reach the browser
        row.click()

        # The path: a column per turn, the first lit up; solutions falling.
        expect(page.locator("#path svg g.turn")).to_have_count(len(CONVERSATION),
                                                              timeout=WAIT_S * 1000)
        at_turn(page, 1)
        expect(page.locator("#path svg")).to_contain_text("said: wall")
        expect(page.locator("#path svg")).to_contain_text("asked: weight")
        expect(page.locator("#position")).to_have_text(f"Turn 1 of {len(CONVERSATION)}")
        step = page.locator("#step")
        expect(step).to_contain_text(CONVERSATION[0])
        expect(step).to_contain_text("intent: describe_job")
        expect(step).to_contain_text("wall: brick")  # the reader's catalogue words
        expect(step).to_contain_text("Asked about the weight")
        expect(step.locator(".gain.chosen")).to_contain_text("weight")
        shoot(page, "replay-1-turn-1")

        page.get_by_role("button", name="Next turn").click()
        at_turn(page, 2)
        expect(step).to_contain_text("Asked about the drill")
        page.keyboard.press("ArrowRight")
        expect(page.locator("#position")).to_have_text(f"Turn 3 of {len(CONVERSATION)}")
        expect(step).to_contain_text("Made the list")
        expect(step.locator(".list-lines li").first).to_be_visible()
        at_turn(page, 3)
        shoot(page, "replay-2-turn-3-the-list")
        page.get_by_role("button", name="Back one turn").click()
        at_turn(page, 2)
        expect(step).to_contain_text("about 3 kg")

        # Practice: the reply hidden until the trainee picks; then the gains and the score.
        page.get_by_role("button", name="Practise it").click()
        at_turn(page, 1)
        practice = page.locator("#practice")
        expect(practice).to_contain_text("What would you do next?")
        expect(step).not_to_contain_text("Asked about the weight")
        shoot(page, "replay-3-practice-pick")
        practice.get_by_role("button", name="The list is ready").click()
        expect(practice).to_contain_text("The assistant chose: How heavy is it?")
        expect(practice).to_contain_text("Your pick scores 0%")
        page.get_by_role("button", name="Next turn").click()
        practice.get_by_role("button", name="What drill have you got?").click()
        expect(practice).to_contain_text("Same choice as the assistant.")
        expect(practice).to_contain_text("Score over the session: 50% (2 turns)")
        expect(practice.locator(".gain.chosen")).to_contain_text("What drill have you got?")
        expect(practice.locator(".gain").last).to_contain_text("The list is ready0.00 bits")
        shoot(page, "replay-4-practice-scored")

        # A misread message corrected, and the conversation saved as a test story.
        page.get_by_role("button", name="Stop practising").click()
        page.get_by_role("button", name="Back one turn").click()
        page.get_by_label("The right intent for turn 1").select_option("request_item")
        with page.expect_download() as download:
            page.get_by_role("button", name="Save as test story").click()
        saved = tmp_path / "story.yml"
        download.value.save_as(saved)
        story = yaml.safe_load(saved.read_text())["stories"][0]
        assert story["steps"][0] == {"user": CONVERSATION[0], "intent": "request_item"}
        assert sender not in saved.read_text()

        # ...and proposed as a training example, for a trainer to accept or reject. (Only
        # rejected here: accepting writes data/nlu_from_shoppers.yml in the project.)
        page.get_by_role("button", name="Propose as training example").click()
        expect(page.locator("#banner")).to_contain_text("Proposed as a training example")
        page.get_by_role("tab", name="Misread messages").click()
        proposal = page.locator("#sources .proposal", has_text=CONVERSATION[0])
        expect(proposal).to_contain_text("read as describe_job · should be request_item")
        shoot(page, "replay-5-misread-proposed")
        proposal.get_by_role("button", name="Reject").click()
        expect(proposal).to_have_count(0)

        # A story, against today's model.
        page.get_by_role("tab", name="Stories").click()
        page.locator("#sources button", has_text="a side question, then back").click()
        expect(page.locator("#path svg g.turn")).to_have_count(2, timeout=WAIT_S * 1000)
        expect(step).to_contain_text("the story says: describe_job")
        shoot(page, "replay-6-story")
        page.set_viewport_size({"width": 390, "height": 844})
        page.locator("#sources button", has_text="not sure of an answer").click()
        expect(page.locator("#title")).to_have_text("not sure of an answer", timeout=WAIT_S * 1000)
        expect(page.locator("#title")).to_be_in_viewport()  # a phone scrolls to the replay
        shoot(page, "replay-7-story-phone")
