"""The trainer's replay from outside: the API behind the staff sign-in (trainer and manager
only, a sender id opens nothing), and a real conversation exported by the command line as a
test story that `rasa data validate` accepts and `rasa test` passes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

from bot.replay.tracker import conversation_ref
from tests.conftest import ROOT, LiveServers
from tests.staff_client import StaffClient

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent


def talk(live: LiveServers, *texts: str) -> str:
    sender = f"shopper-{uuid.uuid4().hex}"
    for text in texts:
        live.say(sender, text)
    return sender


def trainer(live: LiveServers, role: str = "trainer") -> StaffClient:
    client = StaffClient(live.staff_url)
    name = f"Trainer {role}"
    status, _, _ = client.sign_in(name, live.staff_account(name, role))
    assert status == 303
    return client


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/replay/recorded"), ("GET", "/api/replay/stories"),
    ("GET", "/api/replay/recorded/0123456789abcdef"), ("POST", "/api/replay/practice"),
    ("POST", "/api/replay/sets"), ("POST", "/api/replay/check"),
    ("GET", "/api/replay/proposals"), ("POST", "/api/replay/proposals/1/reject"),
    ("POST", "/api/replay/recorded/0123456789abcdef/annotate"),
    ("POST", "/api/replay/recorded/0123456789abcdef/export"),
])
def test_the_replay_api_is_for_trainers_and_managers_only(live_servers: LiveServers,
                                                          method: str, path: str) -> None:
    assert StaffClient(live_servers.staff_url).request(method, path)[0] == 401
    attendant = trainer(live_servers, "attendant")
    assert attendant.request(method, path, headers={"X-CSRF-Token": attendant.csrf})[0] == 403
    assert StaffClient(live_servers.staff_url).get("/replay")[0] == 303


def test_a_trainer_finds_a_conversation_by_ref_never_by_sender(live_servers: LiveServers) -> None:
    sender = talk(live_servers, "do you sell masonry bits", "just the bit please, no questions")
    for role in ("trainer", "manager"):
        client = trainer(live_servers, role)
        assert "/replay" in client.get("/")[1].get("Location", "") or role == "manager"
        listed = client.get("/api/replay/recorded?outcome=item+only")[2]["conversations"]
        ref = conversation_ref(sender)
        assert ref in [c["ref"] for c in listed] and sender not in str(listed)
        status, _, replay = client.get(f"/api/replay/recorded/{ref}")
        assert status == 200 and replay["steps"][1]["understood"]["intent"] == "just_the_item"
        assert client.get(f"/api/replay/recorded/{sender}")[0] == 404


def test_a_recorded_conversation_exported_by_the_command_line_validates_and_passes(
        live_servers: LiveServers, trained_model: Path, tmp_path: Path) -> None:
    sender = talk(live_servers, "Have you got a 10mm drill?", "hanging a picture",
                  "it's a brick wall", "roughly 4 kilos")
    out = tmp_path / "test_exported.yml"
    env = {**os.environ, "BOT_TRACKER_URL": f"sqlite:///{live_servers.folder / 'tracker.db'}",
           "BOT_DATABASE_URL": live_servers.database_url, "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run([str(BIN / "bot"), "stories", "export", sender, "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    story = yaml.safe_load(out.read_text())["stories"][0]
    assert [s.get("intent") for s in story["steps"] if "user" in s] == \
        ["request_item", "describe_job", "inform", "inform"]
    checked = subprocess.run([str(BIN / "rasa"), "data", "validate", "--data", "data", str(out),
                              "--fail-on-warnings", "--quiet"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout[-2000:]
    tested = subprocess.run([str(BIN / "rasa"), "test", "core", "--model", str(trained_model),
                             "--stories", str(out), "--fail-on-prediction-errors",
                             "--out", str(tmp_path / "results"), "--quiet"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-2000:]
