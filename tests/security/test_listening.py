"""From outside: every server the project starts listens on loopback only."""

from __future__ import annotations

from pathlib import Path
from typing import Set, Tuple
from urllib.parse import urlparse

import pytest

from tests.conftest import LiveServers

LOOPBACK_V4 = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
LOOPBACK_V6 = "00000000000000000000000001000000"


def listening(port: int) -> Set[Tuple[str, str]]:
    """(table, address) of every socket listening on ``port``, from the kernel's tables."""
    found = set()
    for table in ("tcp", "tcp6"):
        path = Path("/proc/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add((table, address))
    return found


@pytest.mark.parametrize("server", ["rasa_url", "actions_url", "page_url"])
def test_each_server_listens_on_loopback_only(live_servers: LiveServers, server: str) -> None:
    url = getattr(live_servers.servers, server, None)
    if url is None:
        pytest.fail(f"the live servers have no {server}")
    sockets = listening(urlparse(url).port)
    assert sockets, f"nothing listens for {url}"
    assert all(address in (LOOPBACK_V4, LOOPBACK_V6) for _, address in sockets), sockets
