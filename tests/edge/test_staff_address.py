"""The address a staff server counts a request under (the sign-in slowdown, and the
recognition limits through the tablet's turns): its peer's, or behind a balancer it was
told to trust, the address the balancer forwards (edge/staff/auth.py ``address_of``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Dict, List

import pytest
from sanic.compat import Header

from edge.source_address import trusted_networks
from edge.staff.auth import address_of
from edge.staff.config import StaffConfig

BALANCER = "127.0.0.1"


def request_from(peer: str, forwarded: List[str], trusted: List[str]) -> Any:
    """As much of a Sanic request as ``address_of`` reads."""
    headers = Header([("X-Forwarded-For", value) for value in forwarded])
    config = SimpleNamespace(trusted_proxies=tuple(trusted_networks(trusted)))
    return SimpleNamespace(ip=peer, headers=headers,
                           app=SimpleNamespace(ctx=SimpleNamespace(config=config)))


def test_behind_a_trusted_balancer_the_forwarded_address_counts() -> None:
    assert address_of(request_from(BALANCER, ["203.0.113.7"], [BALANCER])) == "203.0.113.7"


def test_an_address_a_client_made_up_before_the_balancer_is_not_taken() -> None:
    """nginx appends the address it saw: what a client wrote before it is its own word."""
    sent = request_from(BALANCER, ["198.51.100.1, 203.0.113.7"], [BALANCER])
    assert address_of(sent) == "203.0.113.7"


def test_a_header_sent_twice_is_read_as_one_list() -> None:
    sent = request_from(BALANCER, ["198.51.100.1", "203.0.113.7"], [BALANCER])
    assert address_of(sent) == "203.0.113.7"


def test_without_a_trusted_balancer_the_header_is_ignored() -> None:
    assert address_of(request_from("203.0.113.9", ["10.9.9.9"], [])) == "203.0.113.9"
    assert address_of(request_from(BALANCER, ["10.9.9.9"], [])) == BALANCER


def environment(**extra: str) -> Dict[str, str]:
    return {"RASA_TOKEN": "t" * 32, "BOT_STAFF_SECRET": "s" * 40,
            "BOT_DATABASE_URL": "sqlite://", **extra}


def test_the_trusted_balancers_come_from_the_environment() -> None:
    config = StaffConfig.from_environment(8090, "http://127.0.0.1:5005", environment(
        BOT_STAFF_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8"))
    assert [str(n) for n in config.trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8"]
    assert StaffConfig.from_environment(8090, "x", environment()).trusted_proxies == ()


def test_a_trusted_balancer_that_is_no_address_stops_the_server_starting() -> None:
    with pytest.raises(ValueError, match="addresses or networks"):
        StaffConfig.from_environment(8090, "x", environment(BOT_STAFF_TRUSTED_PROXIES="nginx"))
