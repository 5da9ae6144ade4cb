"""The training examples made from the knowledge (bot/training_examples.py)."""

from pathlib import Path

import yaml

from bench.examples import measured_lines
from bot.catalogue.needs import read_needs_file
from bot.knowledge import Knowledge
from bot.settings import demo_dir
from bot.training_examples import TARGET, examples, file_for, normalise

ROOT = Path(__file__).resolve().parents[2]
FRAMES = {
    "request_item": ["do you have {a_item}", "got any {item}s?"], "request_item_count": 4,
    "ask_price": ["how much is {the_item}", "price of {the_item}?"], "ask_price_count": 2,
    "ask_stock": ["is {the_item} in stock"], "ask_stock_count": 2,
    "ask_location": ["where is {the_item}"], "ask_location_count": 2,
    "drop_item": ["lose {the_item}"], "drop_item_count": 2,
    "just_the_item": ["just {the_item}"], "just_the_item_count": 2,
    "describe_job": ["i want to {job}"], "describe_job_per_job": 1,
    "inform": ["it's {answer}"], "inform_count": 3,
    "vague_items": ["bit"],
}


def test_the_committed_file_is_what_the_knowledge_makes() -> None:
    # A shop that edits needs.yml or the frames reruns `bot examples`; this says when not.
    text, _ = file_for(measured_lines())
    assert (ROOT / TARGET).read_text(encoding="utf-8") == text, "run `bot examples`"


def test_every_product_of_the_shop_is_asked_for_and_every_job_described() -> None:
    made = yaml.safe_load((ROOT / TARGET).read_text(encoding="utf-8"))["nlu"]
    said = {block["intent"]: block["examples"] for block in made}
    knowledge = read_needs_file(demo_dir() / "needs.yml")
    undescribed = [job.name for job in knowledge.jobs.values()
                   if job.name not in said["describe_job"]]
    assert undescribed == []
    unnamed = [key for key, category in knowledge.categories.items()
               if not any(word in said["request_item"] for word in category.synonyms)]
    assert unnamed == []


def test_a_product_is_said_with_its_article_and_plural(small_knowledge: Knowledge) -> None:
    made = examples(small_knowledge, FRAMES)
    texts = " | ".join(made["request_item"])
    assert "do you have a " in texts or "do you have an " in texts
    assert "got any " in texts and "ss?" not in texts
    assert not {"do you have a bit", "got any bits?"} & set(made["request_item"]), "vague alone"
    assert all(t.startswith("i want to ") for t in made["describe_job"])
    assert len(made["describe_job"]) == len(small_knowledge.jobs)


def test_an_evaluation_message_is_never_made(small_knowledge: Knowledge) -> None:
    made = examples(small_knowledge, FRAMES)
    one = made["ask_price"][0]
    again = examples(small_knowledge, FRAMES, avoid={normalise(one.upper() + "?")})
    assert one not in again["ask_price"] and len(again["ask_price"]) == len(made["ask_price"])
    assert {t.split("the ", 1)[1].rstrip("?") for t in again["ask_price"]} == \
        {t.split("the ", 1)[1].rstrip("?") for t in made["ask_price"]}, "the product still said"
