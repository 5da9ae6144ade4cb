"""The set-ups the load benchmarks compare, each over a fresh demo catalogue of its own:

- ``sqlite``: one Rasa server and one action server, conversations and catalogue in SQLite
  files (what ``bot run`` starts);
- ``postgresql``: one of each behind nginx, on PostgreSQL and Redis (``bot run --replicas 1``);
- ``replicas``: two of each behind nginx, on PostgreSQL and Redis (``bot run --replicas 2``).

PostgreSQL and Redis are servers of the benchmark's own (``bot.services``), in
``var/bench/services-<pid>/``, removed afterwards. ``Running.processes`` names every process
whose memory a benchmark samples (PostgreSQL's with its backends).
"""

from __future__ import annotations

import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List

from bench.common import progress
from bench.turns import DRILL, ROOT, start_ours
from bot.replicas import start_replicas
from bot.serve import say
from bot.settings import demo_dir
from bot.store import init_database

SETUPS = ("sqlite", "postgresql", "replicas")


@dataclass
class Running:
    """A set-up that answers at ``rasa_url``; ``stop()`` ends it and what it started."""

    name: str
    rasa_url: str
    processes: Dict[str, int]
    cold_s: float
    stops: List[Callable[[], None]] = field(default_factory=list)

    def stop(self) -> None:
        for stop in reversed(self.stops):
            stop()


def start(kind: str, model: Path, folder: Path) -> Running:
    """Start one of ``SETUPS`` over a fresh demo catalogue; ``cold_s``: from the command
    to the first answer."""
    if kind == "sqlite":
        servers, cold = start_ours(model, folder)
        return Running(kind, servers.rasa_url,
                       {"action_server": servers.processes[0].pid,
                        "rasa_server": servers.processes[1].pid}, cold, [servers.stop])
    from bot.services import start_postgres, start_redis

    services = ROOT / "var" / "bench" / f"services-{folder.name}"
    running = Running(kind, "", {}, 0.0, [lambda: shutil.rmtree(services, ignore_errors=True)])
    try:
        postgres = start_postgres(services / "postgres")
        running.stops.append(postgres.stop)
        redis = start_redis(services / "redis")
        running.stops.append(redis.stop)
        url = postgres.create_database("shop")
        init_database(url, products=demo_dir() / "products.csv")
        count = 2 if kind == "replicas" else 1
        progress(f"starting {count} Rasa server(s) and {count} action server(s) behind nginx")
        started = time.perf_counter()
        replicas = start_replicas(ROOT, model=model, database_url=url, redis_url=redis.url,
                                  replicas=count, action_servers=count, run_dir=folder / "run")
        running.stops.append(replicas.stop)
        say(replicas.rasa_url, f"cold-{secrets.token_hex(4)}", DRILL, timeout=120)
        running.cold_s = time.perf_counter() - started
    except Exception:
        running.stop()
        raise
    running.rasa_url = replicas.rasa_url
    running.processes = {
        **{f"rasa_server_{i + 1}": s.process.pid for i, s in enumerate(replicas.rasa) if s.process},
        **{f"action_server_{i + 1}": s.process.pid for i, s in enumerate(replicas.actions)
           if s.process},
        "nginx": replicas.balancer.process.pid if replicas.balancer.process else 0,
        "postgresql": int((postgres.data / "postmaster.pid").read_text().split()[0]),
        "redis": redis.process.pid if redis.process else 0}
    return running
