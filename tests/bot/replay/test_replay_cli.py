"""`bot replay list|show|export` and `bot stories export` over a recorded conversation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.replay.tracker import conversation_ref


@pytest.fixture
def shop_env(monkeypatch: pytest.MonkeyPatch, demo_db: str, tracker_url: str) -> None:
    monkeypatch.setenv("BOT_DATABASE_URL", demo_db)
    monkeypatch.setenv("BOT_TRACKER_URL", tracker_url)


def test_list_show_and_export_a_recording(shop_env: None, recorded_drill: str,
                                          capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    ref = conversation_ref(recorded_drill)
    assert main(["replay", "list", "--job", "hang_picture"]) == 0
    listed = capsys.readouterr().out
    assert ref in listed and "Have you got a 10mm drill?" in listed
    assert recorded_drill not in listed  # sender ids stay private
    assert main(["replay", "list", "--outcome", "item only"]) == 0
    assert "No recorded conversations match." in capsys.readouterr().out

    assert main(["replay", "show", ref]) == 0
    shown = capsys.readouterr().out
    assert "turn 3  shopper: it's a brick wall" in shown
    assert "decided: ask weight" in shown and "gains (bits): weight" in shown

    out = tmp_path / "test_exported.yml"
    assert main(["stories", "export", recorded_drill, "-o", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    story = yaml.safe_load(out.read_text())["stories"][0]
    assert story["steps"][0] == {"user": "Have you got a 10mm drill?", "intent": "request_item"}
    assert main(["replay", "export", ref, "--intent", "2=inform"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)["stories"][0]
    assert printed["steps"][2]["intent"] == "inform"
    assert main(["replay", "export", "nobody"]) == 1


def test_show_a_story_with_its_own_intents(shop_env: None,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "list", "--stories"]) == 0
    assert "tests/test_stories.yml#not sure of an answer" in capsys.readouterr().out
    assert main(["replay", "show", "tests/test_stories.yml#not sure of an answer",
                 "--no-model"]) == 0
    shown = capsys.readouterr().out
    assert "turn 2  shopper: no idea to be honest" in shown
    assert "does what the story says" in shown
    assert main(["replay", "show", "tests/test_stories.yml#no such story", "--no-model"]) == 1


def test_annotate_list_and_accept_a_misread_message(shop_env: None, recorded_drill: str,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    import shutil

    from tests.conftest import ROOT

    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)  # accepting writes the project's data/
    ref = conversation_ref(recorded_drill)
    assert main(["replay", "annotate", ref, "4", "dont_know"]) == 0
    made = capsys.readouterr().out
    assert "'roughly 4 kilos' as dont_know (read as inform)" in made
    assert main(["replay", "annotate", ref, "5", "take_all"]) == 1  # a button: no words
    capsys.readouterr()
    assert main(["replay", "proposals"]) == 0
    listed = capsys.readouterr().out
    assert "roughly 4 kilos" in listed
    proposal = int(made.split()[1].rstrip(":"))
    assert main(["replay", "accept", str(proposal)]) == 0
    assert "roughly 4 kilos" in (tmp_path / "data" / "nlu_from_shoppers.yml").read_text()
    assert main(["replay", "reject", str(proposal)]) == 1  # decided already
