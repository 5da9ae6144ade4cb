"""A tablet turn next to a chat turn, on loopback, one conversation at a time.

    python -m bench.tablet                 # 30 consultations per face, about 2 minutes
    python -m bench.tablet --rounds 5      # a short run

Our servers (action server, Rasa server, staff server) over a fresh demo catalogue hold the
drill consultation in three ways, in alternating rounds so that noise from other work on
the machine falls on all three:

- **chat**: the REST channel, as a shop's front end: the words, then each answer as the
  chat's button payload (``/inform{"choice": ...}``, which Rasa reads without its model);
- **tablet channel**: Rasa's tablet channel directly (edge/tablet_channel.py, with the API
  token): the words, then each answer as a tap (its act in the metadata, its label as the
  words, which Rasa's model does read);
- **tablet**: what the attendant's page does: the staff server's API with a signed-in
  session and its CSRF token, which sends the turn through the tablet channel and keeps
  the screen; so the difference from the line above is the staff server's own cost.

Each turn is named by what it answered: ``typed`` (the opening words, a question back),
``question`` (an answer, the next question back), ``bundle`` (the last answer, the list).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from bench.common import free_port, progress, summary_ms, write_results
from bench.turns import our_model
from bot.db import session_scope
from bot.serve import Servers, start_servers
from bot.settings import demo_dir
from bot.staff.accounts import add_account
from bot.store import init_database

ROOT = Path(__file__).resolve().parent.parent
DRILL = "Do you have a 10mm drill?"
ANSWERS = [("question", "job", "hang_picture", "hang something"),
           ("question", "wall", "brick", "brick or concrete"),
           ("bundle", "weight", "light", "under 5 kg")]
FACES = ("chat", "tablet channel", "tablet")
PASSWORD = "a benchmark password"

Turn = Callable[[], Any]


def post(url: str, body: Any, headers: Optional[Dict[str, str]] = None,
         opener: Optional[urllib.request.OpenerDirector] = None) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})
    with (opener or urllib.request.build_opener()).open(request, timeout=30) as answer:
        return json.loads(answer.read().decode() or "null")


class Staff:
    """A signed-in tablet: a cookie jar and the CSRF token."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = self.opener.open(f"{url}/login", timeout=30).read().decode()
        token = re.search(r'name="login_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        form = urllib.parse.urlencode({"name": "Bench", "password": PASSWORD,
                                       "login_token": token, "next": "/tablet"}).encode()
        self.opener.open(urllib.request.Request(f"{url}/login", data=form, headers={
            "Origin": url}), timeout=30).read()
        me = json.loads(self.opener.open(f"{url}/api/me", timeout=30).read().decode())
        self.headers = {"X-CSRF-Token": me["csrf"]}

    def new_shopper(self) -> int:
        return int(post(f"{self.url}/api/tablet/shoppers", None, self.headers,
                        self.opener)["shopper"]["id"])

    def turn(self, shopper: int, body: Dict[str, Any]) -> Any:
        return post(f"{self.url}/api/tablet/shoppers/{shopper}/turns",
                    {"turn_id": uuid.uuid4().hex, **body}, self.headers, self.opener)


def consultation(face: str, servers: Servers, staff: Staff) -> List[Tuple[str, Turn]]:
    """The drill consultation's turns for one face, as (kind, the call that makes it)."""
    if face == "chat":
        sender = f"bench-{uuid.uuid4().hex}"
        url = f"{servers.rasa_url}/webhooks/rest/webhook"

        def chat(text: str) -> Turn:
            return lambda: post(url, {"sender": sender, "message": text})

        return [("typed", chat(DRILL))] + [
            (kind, chat('/inform{"choice":"%s:%s"}' % (q, o))) for kind, q, o, _ in ANSWERS]
    if face == "tablet channel":
        sender = f"tablet-bench-{uuid.uuid4().hex}"
        url = f"{servers.rasa_url}/webhooks/tablet/webhook"
        auth = {"Authorization": f"Bearer {servers.token}"}

        def direct(body: Dict[str, Any]) -> Turn:
            return lambda: post(url, {"sender": sender, **body}, auth)

        return [("typed", direct({"message": DRILL}))] + [
            (kind, direct({"message": label, "act": {"meaning": "answer", "answer": [q, o]}}))
            for kind, q, o, label in ANSWERS]
    shopper = staff.new_shopper()
    return [("typed", lambda: staff.turn(shopper, {"text": DRILL}))] + [
        (kind, (lambda q=q, o=o, label=label: staff.turn(shopper, {
            "label": label, "act": {"meaning": "answer", "answer": [q, o], "sku": None}})))
        for kind, q, o, label in ANSWERS]


def run(rounds: int, servers: Servers, staff: Staff) -> Dict[str, Dict[str, List[float]]]:
    seconds: Dict[str, Dict[str, List[float]]] = {face: {} for face in FACES}
    for number in range(rounds):
        for face in FACES:
            for kind, call in consultation(face, servers, staff):
                started = time.perf_counter()
                call()
                seconds[face].setdefault(kind, []).append(time.perf_counter() - started)
        if (number + 1) % 10 == 0:
            progress(f"{number + 1} of {rounds} rounds")
    return seconds


def start(folder: Path) -> Servers:
    url = f"sqlite:///{folder / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv")
    with session_scope(url) as session:
        add_account(session, "Bench", "attendant", PASSWORD, datetime.now())
    return start_servers(ROOT, model=our_model(), rasa_port=free_port(),
                         actions_port=free_port(), page_port=free_port(),
                         staff_port=free_port(), env={"BOT_DATABASE_URL": url},
                         tracker_db=folder / "tracker.db", run_dir=folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--name", default="tablet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        progress("starting the servers over a fresh demo catalogue")
        servers = start(Path(folder))
        try:
            staff = Staff(servers.staff_url)
            run(2, servers, staff)  # warm-up: caches, connections, the model's first calls
            seconds = run(args.rounds, servers, staff)
        finally:
            servers.stop()
    results = {face: {kind: summary_ms(v) for kind, v in kinds.items()}
               for face, kinds in seconds.items()}
    results.update({f"{face} (all)": summary_ms([s for v in kinds.values() for s in v])
                    for face, kinds in seconds.items()})
    rows = [[face, kind, r["n"], r["p50_ms"], r["p95_ms"]]
            for face in FACES for kind, r in results[face].items()]
    rows += [[f"{face}", "all turns", results[f"{face} (all)"]["n"],
              results[f"{face} (all)"]["p50_ms"], results[f"{face} (all)"]["p95_ms"]]
             for face in FACES]
    write_results(args.name, f"python -m bench.tablet --rounds {args.rounds}", results, rows,
                  ["face", "turn", "n", "p50 ms", "p95 ms"], notes=[
                      "One conversation at a time, on loopback, faces alternating round by round.",
                      "chat: REST channel, answers as button payloads (no model call); tablet "
                      "channel: taps as acts with their labels as words (the model reads them); "
                      "tablet: the staff server's API in front of the tablet channel.",
                  ])


if __name__ == "__main__":
    main()
