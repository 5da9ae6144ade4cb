"""PostgreSQL and Redis for the tests: throwaway databases (and Redis key prefixes) of the
test session's own, never a shop's.

- ``BOT_TEST_POSTGRES_URL`` (optional): a PostgreSQL server to use, by a URL that may
  create databases (e.g. ``postgresql://postgres:pw@127.0.0.1:5432/postgres``). The tests
  make databases named ``bot_test_<random>`` in it and drop them at the end.
- Otherwise the session starts a cluster of its own (``bot.services``) in
  ``var/services/test-<pid>/`` on a free port, and removes it at the end. A PostgreSQL that
  already runs on the machine is left alone.
- ``BOT_TEST_REDIS_URL`` (optional) likewise for Redis: the tests' locks then live under a
  key prefix of their own; otherwise a redis-server of the session's own.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import List, Optional

from sqlalchemy import create_engine, text
from sqlalchemy.engine.url import make_url

from bot.db import get_engine
from bot.services import Postgres, Redis, start_postgres, start_redis

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_VARIABLE = "BOT_TEST_POSTGRES_URL"
REDIS_VARIABLE = "BOT_TEST_REDIS_URL"


def session_folder() -> Path:
    return ROOT / "var" / "services" / f"test-{os.getpid()}"


class PostgresForTests:
    """Where the tests make their PostgreSQL databases."""

    def __init__(self) -> None:
        given = os.environ.get(POSTGRES_VARIABLE)
        self.own: Optional[Postgres] = None
        if given:
            self.admin_url = given
        else:
            self.own = start_postgres(session_folder() / "postgres")
            self.admin_url = self.own.url()
        self.made: List[str] = []

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", future=True)
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()

    def database(self, label: str = "db") -> str:
        """The URL of a new, empty database of this session's own."""
        name = f"bot_test_{label}_{secrets.token_hex(4)}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return str(make_url(self.admin_url).set(database=name))

    def drop(self, url: str) -> None:
        get_engine(url).dispose()
        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.made:
            self.made.remove(name)

    def close(self) -> None:
        if self.own is not None:
            self.own.stop()
            shutil.rmtree(self.own.folder, ignore_errors=True)
            return
        for name in list(self.made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class RedisForTests:
    """The Redis server the tests' lock stores use, and the key prefix that keeps their
    locks apart from anything else in it."""

    def __init__(self) -> None:
        given = os.environ.get(REDIS_VARIABLE)
        self.own: Optional[Redis] = None
        self.prefix = f"bottest{secrets.token_hex(4)}"
        if given:
            self.url = given
        else:
            self.own = start_redis(session_folder() / "redis")
            self.url = self.own.url

    def stop(self) -> None:
        """Stop the server (only one of the session's own can be stopped: a test of
        Redis going away)."""
        assert self.own is not None, "not stopping a Redis the tests did not start"
        self.own.stop()

    def start(self) -> None:
        assert self.own is not None
        self.own.start()

    def close(self) -> None:
        if self.own is not None:
            self.own.stop()
            shutil.rmtree(self.own.folder, ignore_errors=True)
