"""The held-out NLU set (bench/nlu/messages.yml) and how bench/nlu.py scores it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.nlu import Scores, evaluate_reader, load_messages, rasa_test_file, read_entities
from bench.scenario import normalise, training_utterances
from bot.catalogue.needs import read_needs_file
from bot.language import Interpreter
from bot.settings import demo_dir

DEMO = read_needs_file(demo_dir() / "needs.yml")
MESSAGES = load_messages(DEMO)
ROOT = Path(__file__).resolve().parents[2]


def test_the_held_out_set_is_never_training_data() -> None:
    trained = training_utterances()
    assert [m.text for m in MESSAGES if normalise(m.text) in trained] == []


def test_the_held_out_set_covers_every_intent_and_the_hard_kinds() -> None:
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    assert {m.intent for m in MESSAGES} == intents
    texts = [m.text.lower() for m in MESSAGES]
    assert any("mm" in t for t in texts) and any("inch" in t or '"' in t for t in texts)
    assert any(len(t.split()) >= 25 for t in texts), "a long, rambling message"
    assert sum(len(t.split()) == 1 for t in texts) >= 5, "short answers"
    assert any(m.pending for m in MESSAGES)


def test_an_annotation_outside_the_knowledge_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "messages.yml"
    path.write_text("messages:\n  - text: a sofa\n    intent: request_item\n"
                    "    read: {categories: [sofa]}\n")
    with pytest.raises(ValueError, match="unknown category sofa"):
        load_messages(DEMO, path)


def test_entities_are_scored_as_sets_per_message() -> None:
    scores = Scores()
    scores.add({("category", "tent"), ("option", "people", "two")},
               {("category", "tent"), ("option", "season", "summer")})
    assert scores.as_dict() == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}


def test_the_reader_is_scored_with_the_pending_question() -> None:
    reader = Interpreter(DEMO)
    weight = DEMO.question("weight")
    assert ("option", "weight", "medium") in read_entities(reader.read("12 kg", weight))
    assert ("measure", "mass", 12.0) in read_entities(reader.read("12 kg"))
    result = evaluate_reader(DEMO, MESSAGES[:5])
    assert result["messages"] == 5 and 0 <= result["overall"]["f1"] <= 1


def test_the_rasa_test_file_holds_every_message_under_its_intent(tmp_path: Path) -> None:
    data = yaml.safe_load(rasa_test_file(MESSAGES, tmp_path / "test.yml").read_text())
    examples = {(block["intent"], line[2:]) for block in data["nlu"]
                for line in block["examples"].splitlines()}
    assert examples == {(m.intent, m.text) for m in MESSAGES}


def test_the_sets_written_apart_are_never_training_data_and_cover_every_intent() -> None:
    from bench.nlu import UNSEEN_SETS, load_unseen

    trained = training_utterances()
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    assert len(UNSEEN_SETS) >= 2
    for path in UNSEEN_SETS:
        messages = load_unseen(path)
        assert len(messages) >= 200 and {m.intent for m in messages} <= intents
        # Even the stock phrases both sides write on their own ("hiya") are kept out of
        # the training data: the sets measure words the model never saw.
        assert [m.text for m in messages if normalise(m.text) in trained] == [], path.name
