"""``python -m edge.staff --port 8090 --assistant http://127.0.0.1:5005``: the staff server
on 127.0.0.1 (``bot run`` starts it). Needs ``RASA_TOKEN`` and ``BOT_STAFF_SECRET`` in the
environment (``bot run`` passes both from var/secrets.env)."""

from __future__ import annotations

import argparse
from typing import List, Optional

from bot.settings import staff_port
from edge.staff.app import make_app
from edge.staff.config import StaffConfig

LOOPBACK = "127.0.0.1"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=staff_port())
    parser.add_argument("--assistant", default="http://127.0.0.1:5005",
                        help="the Rasa server's address, as this server reaches it")
    parser.add_argument("--model", help="the model the Rasa server runs (for the trainer's "
                        "check of every story with rasa test core)")
    args = parser.parse_args(argv)
    try:
        config = StaffConfig.from_environment(args.port, args.assistant, model=args.model)
    except ValueError as error:
        raise SystemExit(f"The staff server cannot start: {error}") from error
    app = make_app(config)
    print(f"Staff server (tablet, desk, replay) on http://{LOOPBACK}:{args.port}/", flush=True)
    app.run(host=LOOPBACK, port=args.port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
