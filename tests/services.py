"""PostgreSQL and Redis for the tests: servers of the test session's own, never a shop's.

The session starts them (``bot.services``) on free ports of 127.0.0.1, with their data in
``var/services/test-<pid>/``, on first use, and stops and removes them at the end. A
PostgreSQL or Redis that already runs on the machine is left alone: the tests never
connect to it. Each test that needs a database gets a new one (``bot_test_<random>``) in
the session's cluster, dropped afterwards; lock stores use a key prefix of the session's.
Only servers of their own can be stopped and restarted by the failure tests.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import List, Union

from sqlalchemy.engine.url import make_url

from bot.db import get_engine
from bot.services import Postgres, Redis, start_postgres, start_redis

ROOT = Path(__file__).resolve().parent.parent


def session_folder() -> Path:
    return ROOT / "var" / "services" / f"test-{os.getpid()}"


class _ServerOfOurOwn:
    """A server the session started: stopped and started again as an outage is, and
    removed at the end."""

    server: Union[Postgres, Redis]

    def stop(self) -> None:
        """Stop the server, ending every session, as an outage does."""
        self.server.stop()

    def start(self) -> None:
        self.server.start()

    def close(self) -> None:
        self.server.stop()
        shutil.rmtree(self.server.folder, ignore_errors=True)


class PostgresForTests(_ServerOfOurOwn):
    """The session's PostgreSQL cluster, where tests make their databases."""

    def __init__(self) -> None:
        self.server = start_postgres(session_folder() / "postgres")
        self.made: List[str] = []

    def database(self, label: str = "db") -> str:
        """The URL of a new, empty database of this session's own."""
        name = f"bot_test_{label}_{secrets.token_hex(4)}"
        self.made.append(name)
        return self.server.create_database(name)

    def drop(self, url: str) -> None:
        get_engine(url).dispose()
        name = make_url(url).database
        self.server.drop_database(name)
        if name in self.made:
            self.made.remove(name)


class RedisForTests(_ServerOfOurOwn):
    """The session's Redis server, and the key prefix of the session's locks."""

    def __init__(self) -> None:
        self.server = start_redis(session_folder() / "redis")
        self.url = self.server.url
        self.prefix = f"bottest{secrets.token_hex(4)}"
