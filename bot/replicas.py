"""Several Rasa servers and action servers behind nginx, sharing PostgreSQL and Redis: the
set-up of a shop that outgrows one process (README, "A shop on more than one machine").

```
                 nginx (bot/services.py)  127.0.0.1:PORT
        REST, HTTP API: round-robin   |   socket.io: the same server for a client
          /                                \\
   rasa run #1  ...  rasa run #N       tracker store: PostgreSQL (edge/tracker_store.py)
          \\                                /  lock store: Redis (edge/lock_store.py)
        nginx 127.0.0.1:ACTIONS_PORT (round-robin)
          /                                \\
   action server #1  ...  action server #M    catalogue and care: PostgreSQL (BOT_DATABASE_URL)

        nginx 127.0.0.1:STAFF_PORT (round-robin)      accounts, sessions, tablet shoppers,
          /                                \\          hand-offs: PostgreSQL
   staff server #1  ...  staff server #K      (they reach Rasa through nginx's PORT)
```

Every process keeps only what it can rebuild: conversations are in the tracker store, a
shopper's turns are serialised by the lock store, and each process's caches are keyed by
versions read from the database in every unit of work (``bot.catalogue.needs``,
``bot.catalogue.repository``), so a catalogue import made through any process is seen by
all of them at their next turn. Any server can be killed: nginx sends the next request to
another. The staff servers keep nothing of their own either: sessions, CSRF tokens, the
sign-in slowdown, tablet shoppers (and the lease that runs one turn of each at a time) and
the desk's claims are rows, and their cookies are signed with one secret.

- ``nginx_config(...)``: the balancer's configuration.
- ``start_replicas(...)``: everything above, on 127.0.0.1, ready when it returns.
- ``Server``: one process, which the tests kill and start again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote, urlsplit

from sqlalchemy.engine.url import make_url

from bot import settings
from bot.serve import (
    READY_TIMEOUT_S,
    actions_command,
    answers,
    attend,
    ensure_model,
    load_secrets,
    page_command,
    rasa_command,
    staff_command,
    staff_env,
    write_credentials,
    write_endpoints,
)
from bot.services import (
    Nginx,
    Postgres,
    Redis,
    end,
    end_all,
    free_port,
    start_nginx,
    start_postgres,
    start_redis,
)
from bot.staff.webhook import SECRET_VARIABLE as WEBHOOK_SECRET_VARIABLE
from bot.staff.webhook import URL_VARIABLE as WEBHOOK_VARIABLE

REST_CHANNEL = "edge.rest.ShopRestInput"
WIDGET_CHANNEL = "edge.widget_channel.WidgetSocketIOInput"
TURN_TIMEOUT_VARIABLE = "BOT_TURN_TIMEOUT_S"  # edge/rest.py reads it
DEFAULT_TURN_TIMEOUT_S = 10.0
LOCK_LIFETIME_VARIABLE = "TICKET_LOCK_LIFETIME"  # Rasa's
TRACKER_URL_VARIABLE = "BOT_TRACKER_URL"
REDIS_PASSWORD_VARIABLE = "BOT_REDIS_PASSWORD"
PUBLIC_URL_VARIABLE = "BOT_PUBLIC_URL"  # edge/staff/config.py reads these two
STAFF_PROXIES_VARIABLE = "BOT_STAFF_TRUSTED_PROXIES"
STAFF_BODY_LIMIT = "1m"  # the replay's practice sets are the largest: a few kilobytes
STAFF_READ_TIMEOUT = "15m"  # the trainer's check of every story runs `rasa test core`
STAFF_KEEPALIVE_S = 4  # under Sanic's KEEP_ALIVE_TIMEOUT (5 s)


def lock_lifetime(env: Dict[str, str]) -> int:
    """Seconds a shopper's turn may hold the lock: a little more than a turn may last
    (``BOT_TURN_TIMEOUT_S``: a turn running longer is cancelled, which gives the lock back).
    A server killed in the middle of a turn holds it that long; Rasa's default is 60 s."""
    try:
        turn = float(env.get(TURN_TIMEOUT_VARIABLE) or DEFAULT_TURN_TIMEOUT_S)
    except ValueError:
        turn = DEFAULT_TURN_TIMEOUT_S
    return int(turn) + 5


@dataclass
class Server:
    """One server process: its command, environment and log, and the URL that answers
    once it is ready."""

    name: str
    command: List[str]
    env: Dict[str, str]
    log: Path
    ready_url: str
    cwd: Path
    process: "Optional[subprocess.Popen[bytes]]" = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        with open(self.log, "ab") as handle:
            self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env,
                                            stdout=handle, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped while starting; its log ends:\n"
                                   f"{self.log.read_text(errors='replace')[-3000:]}")
            if answers(self.ready_url):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        """Stop it as an operator would (it finishes what it can)."""
        end(self.process, signal.SIGINT)

    def kill(self) -> None:
        """End it at once, as a crash or a lost machine would."""
        if self.running:
            assert self.process is not None
            self.process.kill()
            self.process.wait()


@dataclass
class Replicas:
    """The running set: its public address (the balancer) and every process in it."""

    rasa_url: str
    actions_url: str
    token: str
    page_url: str
    rasa: List[Server]
    actions: List[Server]
    balancer: Nginx
    page: Optional[Server] = None
    env: Dict[str, str] = field(default_factory=dict)
    staff: List[Server] = field(default_factory=list)
    staff_url: str = ""
    """The staff servers' balancer (tablet, desk, replay), or "" when none was started."""

    @property
    def staff_urls(self) -> List[str]:
        """Each staff server's own address (bypassing the balancer)."""
        return [server.ready_url.rsplit("/login", 1)[0] for server in self.staff]

    @property
    def rasa_urls(self) -> List[str]:
        """Each Rasa server's own address (bypassing the balancer)."""
        return [server.ready_url.split("/status")[0] for server in self.rasa]

    def servers(self) -> List[Server]:
        return [*self.rasa, *self.actions, *([self.page] if self.page else []), *self.staff]

    def stop(self) -> None:
        """Stop every server at once (each finishes what it can), then the balancer."""
        end_all([server.process for server in self.servers()], signal.SIGINT)
        self.balancer.stop()

    def __enter__(self) -> "Replicas":
        return self

    def __exit__(self, *_: Any) -> None:
        self.stop()


def nginx_config(*, port: int, rasa_ports: List[int], actions_port: int,
                 action_ports: List[int], folder: Path, staff_port: Optional[int] = None,
                 staff_ports: Sequence[int] = ()) -> str:
    """nginx in front of the Rasa servers (on ``port``) and the action servers (on
    ``actions_port``), all on 127.0.0.1.

    REST turns and the HTTP API go round-robin: any Rasa server can take any turn (the lock
    store keeps one shopper's turns in order). A socket.io connection must stay on one
    server (a long-polling client sends many requests, all to the server that holds its
    session): ``hash $remote_addr consistent`` sends each client address to one server,
    and to another only when that one is down. (The shop's widget speaks WebSocket only,
    one long connection, so it would not need it; other socket.io clients do.) Behind
    another proxy, hash on the shopper's address it forwards instead.

    A server that refuses connections is skipped for 5 s and the request goes to the next:
    nothing of it was sent. A request already sent to a server that dies is not sent again
    (nginx's default for POST), so no message is handled twice: the caller gets a 502.

    The staff servers, on ``staff_port``, when ``staff_ports`` are given: see
    ``staff_balancer``.
    """
    as_root = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    rasa = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                     for p in rasa_ports)
    actions = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                        for p in action_ports)
    temp = folder / "tmp"
    staff = staff_balancer(staff_port, staff_ports) if staff_port and staff_ports else ""
    return f"""# Written by bot/replicas.py for this run; nginx -p {folder} -c nginx.conf
{as_root}worker_processes 1;
pid {folder / 'nginx.pid'};
events {{ worker_connections 4096; }}
http {{
    log_format replicas '$time_iso8601 $remote_addr "$request" $status '
                        'upstream=$upstream_addr $request_time s ended=$msec';
    access_log {folder / 'access.log'} replicas;
    # Requests and answers are small: kept in memory, never in temporary files.
    client_max_body_size 64k;
    client_body_buffer_size 64k;
    proxy_buffering off;
    client_body_temp_path {temp / 'body'};
    proxy_temp_path {temp / 'proxy'};
    fastcgi_temp_path {temp / 'fastcgi'};
    uwsgi_temp_path {temp / 'uwsgi'};
    scgi_temp_path {temp / 'scgi'};

    upstream rasa {{
{rasa}
        keepalive 64;
    }}
    upstream rasa_socket {{
        hash $remote_addr consistent;
{rasa}
    }}
    upstream actions {{
{actions}
        keepalive 64;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    server {{
        listen 127.0.0.1:{port};
        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_connect_timeout 2s;
        location /socket.io/ {{
            proxy_pass http://rasa_socket;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
        }}
        location / {{
            proxy_pass http://rasa;
            proxy_set_header Connection "";
            proxy_read_timeout 120s;
        }}
    }}
    server {{
        listen 127.0.0.1:{actions_port};
        location / {{
            proxy_pass http://actions;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
    }}
{staff}}}
"""


def staff_balancer(port: int, staff_ports: Sequence[int]) -> str:
    """nginx's part for the staff servers: round-robin, since any of them can take any
    request (their state is in the database, their cookies signed with one secret).

    - ``Host`` as the browser sent it, port included: a staff server takes a change whose
      ``Origin`` is its public URL (``BOT_PUBLIC_URL``) or the address in ``Host``. nginx's
      ``$host`` drops the port, and a tablet that reaches the balancer by another address
      than the public URL (the shop's own name for it, say) could not sign in.
    - ``X-Forwarded-For``, which the staff servers read because they are told to trust
      127.0.0.1 (``BOT_STAFF_TRUSTED_PROXIES``): the sign-in slowdown and the recognition
      limits count by the tablet's address, not the balancer's.
    - No buffering (the global ``proxy_buffering off``): the desk's live events
      (server-sent events, a heartbeat every 15 s) reach it as they are sent.
    - A longer wait for answers: the trainer's check of every story takes minutes.
    - A turn already sent to a server that dies is not sent again (nginx's default for
      POST): the tablet sends it again itself, with the same turn id.
    """
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                        for p in staff_ports)
    return f"""
    upstream staff {{
{servers}
        keepalive 16;
        # Shorter than a staff server's own (Sanic's 5 s): nginx does not send a turn on a
        # connection the server is closing, which would be a 502 (a POST is not sent again).
        keepalive_timeout {STAFF_KEEPALIVE_S}s;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size {STAFF_BODY_LIMIT};
        client_body_buffer_size {STAFF_BODY_LIMIT};
        location / {{
            proxy_pass http://staff;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_read_timeout {STAFF_READ_TIMEOUT};
        }}
    }}
"""


def redis_settings(url: str, prefix: str) -> Dict[str, Any]:
    """Rasa's lock store settings from a redis:// URL (the password stays in the
    environment: ``BOT_REDIS_PASSWORD``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"not a redis:// URL: {url!r}")
    settings: Dict[str, Any] = {"type": "edge.lock_store.AtomicRedisLockStore",
                                "url": parts.hostname or "127.0.0.1", "port": parts.port or 6379,
                                "db": int(parts.path.strip("/") or 0), "key_prefix": prefix,
                                "use_ssl": parts.scheme == "rediss"}
    if parts.username:
        settings["username"] = unquote(parts.username)
    if parts.password:
        settings["password"] = f"${{{REDIS_PASSWORD_VARIABLE}}}"
    return settings


def redis_url_without_password(url: str) -> str:
    """A redis:// URL as it may be written to a file (the password stays in the
    environment: ``BOT_REDIS_PASSWORD``)."""
    parts = urlsplit(url)
    host = f"{parts.hostname or '127.0.0.1'}:{parts.port or 6379}"
    return f"{parts.scheme}://{host}{parts.path or '/0'}"


def start_replicas(root: Path, *, model: Path, database_url: str, redis_url: str,
                   replicas: int = 2, action_servers: int = 2, tracker_url: Optional[str] = None,
                   port: Optional[int] = None, actions_port: Optional[int] = None,
                   page_port: Optional[int] = None, staff_port: Optional[int] = None,
                   env: Optional[Dict[str, str]] = None, run_dir: Optional[Path] = None,
                   channels: Optional[Dict[str, Dict[str, Any]]] = None,
                   lock_prefix: str = "shop", staff_servers: Optional[int] = None) -> Replicas:
    """Start ``replicas`` Rasa servers and ``action_servers`` action servers behind nginx on
    127.0.0.1 (and the shop page on ``page_port`` and ``staff_servers`` staff servers behind
    nginx on ``staff_port``, when given), and return once all answer.

    Args:
        database_url: the catalogue and care database, PostgreSQL (``BOT_DATABASE_URL``);
            it must be set up already (``bot db init``).
        redis_url: the lock store, ``redis://[:password@]host:port/db``.
        tracker_url: the conversations' database (default: the same as ``database_url``;
            Rasa keeps them in its own table, ``events``).
        port, actions_port: the balancer's ports (default: free).
        page_port, staff_port: the shop page's, and the staff servers' balancer's (default:
            none). The staff servers reach Rasa through the balancer, as the page does.
        staff_servers: how many staff servers (default: as many as ``replicas``); the
            help-desk webhook (``BOT_HANDOFF_WEBHOOK``) is given to the first only
            (``staff_envs``).
        channels: settings laid over credentials.yml's, by channel; the channels trust the
            balancer (127.0.0.1) to name the shopper's address.
        lock_prefix: the lock store's key prefix (letters and digits).
    """
    if make_url(database_url).get_backend_name() != "postgresql":
        raise ValueError("several servers share PostgreSQL: give a postgresql:// database URL")
    staff_servers = replicas if staff_servers is None else staff_servers
    if replicas < 1 or action_servers < 1 or (staff_port and staff_servers < 1):
        raise ValueError("at least one Rasa server, one action server and one staff server")
    run_dir = run_dir or root / "var" / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    tracker_url = tracker_url or database_url
    keys = load_secrets(root)
    token = keys["RASA_TOKEN"]
    port, actions_port = port or free_port(), actions_port or free_port()
    rasa_ports = [free_port() for _ in range(replicas)]
    action_ports = [free_port() for _ in range(action_servers)]
    staff_ports = [free_port() for _ in range(staff_servers)] if staff_port else []
    base_env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", **(env or {}),
                "BOT_DATABASE_URL": database_url}
    base_env.setdefault(LOCK_LIFETIME_VARIABLE, str(lock_lifetime(base_env)))
    rasa_env = {**base_env, "RASA_TOKEN": token, TRACKER_URL_VARIABLE: tracker_url}
    password = urlsplit(redis_url).password
    if password:
        rasa_env[REDIS_PASSWORD_VARIABLE] = unquote(password)

    balancer = start_nginx(run_dir / "nginx", nginx_config(
        port=port, rasa_ports=rasa_ports, actions_port=actions_port, action_ports=action_ports,
        folder=run_dir / "nginx", staff_port=staff_port, staff_ports=staff_ports), port)
    public = balancer.url
    staff_url = f"http://127.0.0.1:{staff_port}" if staff_port else ""
    page_url = f"http://127.0.0.1:{page_port}" if page_port else ""
    trusted = {"trusted_proxies": ["127.0.0.1"]}
    # The widget's messages go through Redis too: the desk's reach a widget whichever
    # server holds its socket (edge/widget_channel.py).
    queue = {"socket_queue": {"url": redis_url_without_password(redis_url),
                              "channel": f"{lock_prefix}-socketio"}}
    merged = {REST_CHANNEL: {**trusted, **(channels or {}).get(REST_CHANNEL, {})},
              WIDGET_CHANNEL: {**trusted, **queue, **(channels or {}).get(WIDGET_CHANNEL, {})},
              **{k: v for k, v in (channels or {}).items() if k not in (REST_CHANNEL, WIDGET_CHANNEL)}}
    credentials, origins = write_credentials(root, run_dir, page_origin=page_url or public,
                                             channels=merged, name="replicas")
    endpoints = write_endpoints(
        root, run_dir, name="replicas", actions_url=f"http://127.0.0.1:{actions_port}/webhook",
        tracker={"type": "edge.tracker_store.ForgetfulSQLTrackerStore", "dialect": "postgresql",
                 "url": f"${{{TRACKER_URL_VARIABLE}}}"},
        lock_store=redis_settings(redis_url, lock_prefix))
    actions = [Server(f"action server {i + 1}", actions_command(p), base_env,
                      run_dir / f"actions-{p}.log", f"http://127.0.0.1:{p}/health", root)
               for i, p in enumerate(action_ports)]
    rasa = [Server(f"Rasa server {i + 1}",
                   rasa_command(model, p, endpoints, credentials, origins), rasa_env,
                   run_dir / f"rasa-{p}.log", f"http://127.0.0.1:{p}/status?token={token}", root)
            for i, p in enumerate(rasa_ports)]
    page = (Server("shop page", page_command(page_port, public), base_env,
                   run_dir / f"page-{page_port}.log", f"{page_url}/", root) if page_port else None)
    staff = [Server(f"staff server {i + 1}", staff_command(p, public, model), env_,
                    run_dir / f"staff-{p}.log", f"http://127.0.0.1:{p}/login", root)
             for i, (p, env_) in enumerate(zip(staff_ports, staff_envs(
                 {**base_env, **staff_env(keys, tracker_url)}, staff_url, len(staff_ports))))]
    running = Replicas(public, f"http://127.0.0.1:{actions_port}", token, page_url, rasa,
                       actions, balancer, page, rasa_env, staff, staff_url)
    try:
        for server in running.servers():
            server.start()
        with ThreadPoolExecutor(len(running.servers())) as pool:
            list(pool.map(lambda server: server.wait_ready(), running.servers()))
    except Exception:
        running.stop()
        raise
    return running


def staff_envs(env: Dict[str, str], public_url: str, count: int) -> List[Dict[str, str]]:
    """Each staff server's environment behind the balancer at ``public_url``.

    They trust the balancer's word on the staff's address (``X-Forwarded-For``), and the
    list links they give name the balancer, not a server's own port (unless the shop gave
    its own ``BOT_PUBLIC_URL``). Only the first posts hand-offs to a help desk: each server
    that has ``BOT_HANDOFF_WEBHOOK`` reads the outbox on its own, and two would post one
    hand-off twice. The outbox is rows, so what that server has not posted when it stops
    is posted when it starts again; meanwhile the desk lists every hand-off anyway.
    """
    # The balancer is on loopback; a shop's own proxies in front of it stay trusted too.
    proxies = [p for p in env.get(STAFF_PROXIES_VARIABLE, "").split(",") if p.strip()]
    shared = {**env, STAFF_PROXIES_VARIABLE: ",".join(dict.fromkeys(["127.0.0.1", *proxies]))}
    shared.setdefault(PUBLIC_URL_VARIABLE, public_url)
    others = {k: v for k, v in shared.items() if k not in (WEBHOOK_VARIABLE, WEBHOOK_SECRET_VARIABLE)}
    return [shared if i == 0 else others for i in range(count)]


def restart(server: Server) -> None:
    """Start a stopped or killed server again, as it was, and wait until it answers."""
    server.stop()
    server.start()
    server.wait_ready()


LOCAL_DATABASE = "shop"


def local_postgres(root: Path) -> Tuple[Postgres, str]:
    """A PostgreSQL of the project's own, for trying the replicated set-up on one machine
    (data in var/services/postgres, kept between runs; a free port; a random password), and
    the URL of its database ``shop``. Not for a shop's data: give its server's URL instead."""
    postgres = start_postgres(root / "var" / "services" / "postgres")
    try:
        if not postgres.has_database(LOCAL_DATABASE):
            postgres.create_database(LOCAL_DATABASE)
    except Exception:
        postgres.stop()
        raise
    write_private(postgres.folder / "url", postgres.url(LOCAL_DATABASE))
    return postgres, postgres.url(LOCAL_DATABASE)


def run_replicas(root: Path, *, replicas: int, action_servers: int,
                 database_url: Optional[str], redis_url: Optional[str], port: int,
                 actions_port: int, staff_servers: Optional[int] = None) -> int:
    """``bot run --replicas N``: the set behind nginx on ``port``, with the shop page and
    the staff servers (as many as the Rasa servers unless ``staff_servers`` says; behind
    nginx on the staff port), then a terminal chat (or a wait). PostgreSQL or Redis not given by URL is started for the
    run, of the project's own (``local_postgres``, a Redis in var/services/redis), and
    stopped after it."""
    from bot.store import catalogue_ready, ensure_schema, init_database

    postgres: Optional[Postgres] = None
    redis: Optional[Redis] = None
    try:
        if not database_url:
            print("Starting a PostgreSQL of the project's own (var/services/postgres)...")
            postgres, database_url = local_postgres(root)
        if not redis_url:
            redis = start_redis(root / "var" / "services" / "redis")
            redis_url = redis.url
        if not catalogue_ready(database_url):
            print("Setting up the catalogue database with the demo products...", flush=True)
            init_database(database_url, products=settings.demo_dir() / "products.csv",
                          orders=settings.demo_dir() / "orders.csv")
        else:
            ensure_schema(database_url, knowledge=True)
        model = ensure_model(root)
        staff_servers = replicas if staff_servers is None else staff_servers
        print(f"Starting {replicas} Rasa server(s), {action_servers} action server(s) and "
              f"{staff_servers} staff server(s) behind nginx (about a minute)...", flush=True)
        with start_replicas(root, model=model, database_url=database_url, redis_url=redis_url,
                            replicas=replicas, action_servers=action_servers, port=port,
                            actions_port=actions_port, page_port=settings.page_port(),
                            staff_port=settings.staff_port(),
                            staff_servers=staff_servers) as running:
            print(f"\nThe assistant is ready: {replicas} Rasa server(s) behind nginx."
                  f"\n  REST: POST {running.rasa_url}/webhooks/rest/webhook"
                  f"\n  shop page with the chat widget: {running.page_url}/"
                  f"\n  staff: the tablet {running.staff_url}/tablet, the desk "
                  f"{running.staff_url}/desk (accounts: bot staff add NAME --role attendant)"
                  f"\n  staff servers (behind nginx): {', '.join(running.staff_urls)}"
                  f"\n  Rasa servers: {', '.join(running.rasa_urls)}"
                  f"\n  action servers (behind nginx): {running.actions_url}"
                  "\n  HTTP API token: in var/secrets.env (or `bot token`)"
                  "\n  logs: var/run/ (nginx's: var/run/nginx/)"
                  + ("\n  the database's URL (its password included): var/services/postgres/url"
                     if postgres else "") + "\n", flush=True)
            attend(running.rasa_url, lambda: all(s.running for s in running.servers()))
    finally:
        if redis is not None:
            redis.stop()
        if postgres is not None:
            postgres.stop()
    return 0


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file only its owner can read."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text + "\n")
