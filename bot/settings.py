"""Settings read from the environment, in one place.

Every process (CLI, action server, tests) takes the catalogue database from
``BOT_DATABASE_URL``; the default is an SQLite file under ``var/`` in the working
directory, which is the project root for ``make run`` and the servers it starts.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_URL_VARIABLE = "BOT_DATABASE_URL"
CURRENCY = "GBP"
PAGE_PORT_VARIABLE = "BOT_PAGE_PORT"
DEFAULT_PAGE_PORT = 8080
DEFAULT_STAFF_PORT = 8090
WIDGET_ORIGINS_KEY = "cors_allowed_origins"  # the widget channel's page origins, in credentials.yml
# The message metadata key under which the channels (edge/) put the shopper's address.
SOURCE_ADDRESS_KEY = "source_address"
# Message metadata only the staff's own channel sets (edge/tablet_channel.py): which face sent
# the message, and the tap (an act of bot/dialogue/replies.py) it stands for. The shoppers'
# channels drop these keys from what a caller sends, so no shopper can speak as the tablet.
FACE_KEY = "face"
ACT_KEY = "act"
STAFF_METADATA_KEYS = (FACE_KEY, ACT_KEY)


def database_url() -> str:
    """The SQLAlchemy URL of the catalogue database."""
    url = os.environ.get(DATABASE_URL_VARIABLE)
    if url:
        return url
    path = Path.cwd() / "var" / "catalogue.db"
    return f"sqlite:///{path}"


def demo_dir() -> Path:
    """The folder holding the demo catalogue shipped with the package."""
    return Path(__file__).resolve().parent / "demo"


def staff_port() -> int:
    """The staff server's port (the tablet and the desk), on 127.0.0.1 (``bot run``)."""
    return int(os.environ.get("BOT_STAFF_PORT") or DEFAULT_STAFF_PORT)


def page_port() -> int:
    """The port of the demo shop page with the chat widget, on 127.0.0.1 (``bot run``)."""
    return int(os.environ.get(PAGE_PORT_VARIABLE) or DEFAULT_PAGE_PORT)
