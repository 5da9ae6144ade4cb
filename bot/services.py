"""PostgreSQL, Redis and nginx from Debian's packages, run by the project itself on
127.0.0.1 with their data in a folder of its own (under ``var/``): for the tests, the
benchmarks, and ``bot run --replicas`` on one machine without a shop's own servers.

Nothing here touches a server that was already running: each service is started from its
own folder on its own port, with a random password, and stopped by whoever started it.
A shop's production servers are given by URL instead (``bot run --database ... --redis
...``); this module is never pointed at them.

- ``Postgres``: a cluster made by ``initdb`` in ``folder/data`` (owned by the ``postgres``
  user when run as root: initdb refuses root), started and stopped with ``pg_ctl``;
  databases made and dropped by name.
- ``Redis``: ``redis-server`` in the foreground, nothing saved to disk, a password.
- ``nginx``: the load balancer in front of the replicas (``bot.serve.nginx_config``), in
  the foreground, its files in a folder of its own.

``scripts/setup.sh --services`` installs the packages (``apt-get install postgresql
redis-server nginx-light``) when they are missing.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, List, Optional
from urllib.parse import quote

from sqlalchemy import create_engine, text

READY_TIMEOUT_S = 60
POSTGRES_USER = "postgres"
PACKAGES = "postgresql redis-server nginx-light"


class ServiceMissing(RuntimeError):
    """A program this needs is not installed; the message says how to install it."""


def _missing(program: str) -> ServiceMissing:
    return ServiceMissing(f"{program} is not installed: run scripts/setup.sh --services (as root "
                          f"it runs `apt-get install -y {PACKAGES}`)")


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:port."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_until(ready: Callable[[], bool], what: str, timeout: float = READY_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} was not ready within {timeout:.0f} s")


def end(process: "Optional[subprocess.Popen[bytes]]", how: int = signal.SIGTERM,
        timeout: float = 20) -> None:
    """Stop a child process with the signal ``how``; killed if it is still there after
    ``timeout`` seconds."""
    end_all([process], how, timeout)


def end_all(processes: "List[Optional[subprocess.Popen[bytes]]]", how: int = signal.SIGTERM,
            timeout: float = 20) -> None:
    """Stop child processes together: the signal to each, then wait for each (killed when
    still there ``timeout`` seconds after)."""
    running = [p for p in processes if p is not None and p.poll() is None]
    for process in running:
        process.send_signal(how)
    deadline = time.monotonic() + timeout
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _password(path: Path) -> str:
    """The service's password, made (0600) on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(16))
    return path.read_text().strip()


# -- PostgreSQL -------------------------------------------------------------------------------

def postgres_bin() -> Path:
    """The folder of PostgreSQL's server programs (Debian keeps them off PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise _missing("PostgreSQL (initdb)")


def _as_postgres() -> List[str]:
    """initdb and pg_ctl refuse root: as root they run as the postgres user."""
    return ["runuser", "-u", POSTGRES_USER, "--"] if os.geteuid() == 0 else []


@dataclass
class Postgres:
    """A PostgreSQL cluster of our own in ``folder`` (data in ``folder/data``)."""

    folder: Path
    port: int
    password: str
    bin: Path = field(default_factory=postgres_bin)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return (f"postgresql://{POSTGRES_USER}:{quote(self.password)}@127.0.0.1:{self.port}/"
                f"{database}")

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 "
                   "-c max_connections=300")
        subprocess.run([*_as_postgres(), str(self.bin / "pg_ctl"), "-D", str(self.data), "-o",
                        options, "-l", str(self.data / "server.log"), "-w", "-t",
                        str(READY_TIMEOUT_S), "start"], check=True, stdout=subprocess.DEVNULL)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: end every session, roll back what they had open;
        ``immediate``: as a crash would)."""
        subprocess.run([*_as_postgres(), str(self.bin / "pg_ctl"), "-D", str(self.data), "-m",
                        mode, "-w", "stop"], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists() and listening(self.port)

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", future=True)
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()

    def has_database(self, name: str) -> bool:
        engine = create_engine(self.url(), future=True)
        try:
            with engine.connect() as connection:
                return bool(connection.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).scalar())
        finally:
            engine.dispose()

    def create_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        _check_name(name)
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        _check_name(name)
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _check_name(name: str) -> None:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")


def start_postgres(folder: Path, port: Optional[int] = None) -> Postgres:
    """The cluster in ``folder``, made by initdb the first time, started on ``port`` (or a
    free one). Its superuser ``postgres`` has a random password (``folder/password``);
    only connections from 127.0.0.1 with that password are let in."""
    server = Postgres(folder, port or free_port(), _password(folder / "password"))
    if not (server.data / "PG_VERSION").exists():
        _initdb(server)
    if server.running():
        raise RuntimeError(f"a PostgreSQL server already runs from {server.data}")
    server.start()
    return server


def _initdb(server: Postgres) -> None:
    server.folder.mkdir(parents=True, exist_ok=True)
    os.chmod(server.folder, 0o755)  # the postgres user must reach data/ through it
    server.data.mkdir(mode=0o700, exist_ok=True)
    secret = server.folder / "initdb-password"
    secret.write_text(server.password)
    if os.geteuid() == 0:
        shutil.chown(server.data, POSTGRES_USER, POSTGRES_USER)
        shutil.chown(secret, POSTGRES_USER, POSTGRES_USER)
    try:
        subprocess.run([*_as_postgres(), str(server.bin / "initdb"), "-D", str(server.data),
                        "-U", POSTGRES_USER, "--auth-host=scram-sha-256", "--auth-local=peer",
                        f"--pwfile={secret}", "--encoding=UTF8", "--no-instructions"],
                       check=True, stdout=subprocess.DEVNULL)
    finally:
        secret.unlink()


# -- Redis ------------------------------------------------------------------------------------

@dataclass
class Redis:
    """A redis-server of our own, in the foreground (nothing saved: it holds only locks)."""

    folder: Path
    port: int
    password: str
    process: "Optional[subprocess.Popen[bytes]]" = None

    @property
    def url(self) -> str:
        return f"redis://:{quote(self.password)}@127.0.0.1:{self.port}/0"

    def start(self) -> None:
        program = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(program).exists():
            raise _missing("redis-server")
        config = self.folder / "redis.conf"
        fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(f"port {self.port}\nbind 127.0.0.1\nprotected-mode yes\n"
                         f'requirepass "{self.password}"\nsave ""\nappendonly no\n'
                         f"dir {self.folder}\ndaemonize no\nlogfile {self.folder / 'redis.log'}\n")
        self.process = subprocess.Popen([program, str(config)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.STDOUT)
        _wait_until(lambda: listening(self.port) or self.process is None
                    or self.process.poll() is not None, "redis-server")
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server stopped; see {self.folder / 'redis.log'}")

    def stop(self) -> None:
        end(self.process, signal.SIGTERM)
        self.process = None


def start_redis(folder: Path, port: Optional[int] = None) -> Redis:
    """A Redis server of our own in ``folder``, on ``port`` (or a free one)."""
    folder.mkdir(parents=True, exist_ok=True)
    server = Redis(folder, port or free_port(), _password(folder / "password"))
    server.start()
    return server


# -- nginx ------------------------------------------------------------------------------------

def nginx_program() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise _missing("nginx")
    return found


@dataclass
class Nginx:
    """nginx in the foreground with a configuration of ours (``folder/nginx.conf``)."""

    folder: Path
    port: int
    process: "Optional[subprocess.Popen[bytes]]" = None
    log: Optional[IO[bytes]] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        error_log = self.folder / "error.log"
        self.log = open(error_log, "ab")
        self.process = subprocess.Popen(
            [nginx_program(), "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"),
             "-e", str(error_log), "-g", "daemon off;"], stdout=self.log, stderr=subprocess.STDOUT)
        _wait_until(lambda: listening(self.port) or self.process is None
                    or self.process.poll() is not None, "nginx")
        if self.process.poll() is not None:
            raise RuntimeError(f"nginx stopped; see {error_log}:\n{error_log.read_text()[-2000:]}")

    def stop(self) -> None:
        end(self.process, signal.SIGQUIT)  # SIGQUIT: finish the requests under way
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


def start_nginx(folder: Path, config: str, port: int) -> Nginx:
    """nginx with ``config`` (which listens on ``port``), its files in ``folder``."""
    (folder / "tmp").mkdir(parents=True, exist_ok=True)  # nginx makes the folders inside
    (folder / "nginx.conf").write_text(config)
    server = Nginx(folder, port)
    server.start()
    return server
