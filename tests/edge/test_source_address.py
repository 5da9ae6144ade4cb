"""The shopper's address: the peer's, or X-Forwarded-For read past trusted proxies only."""

from __future__ import annotations

from typing import List, Optional

import pytest

from edge.source_address import client_address, trusted_networks

LB = ["10.0.0.5"]
TWO_HOPS = ["10.0.0.0/8", "192.168.1.1"]


@pytest.mark.parametrize("peer, forwarded, trusted, address", [
    ("203.0.113.9", None, [], "203.0.113.9"),
    ("203.0.113.9", "198.51.100.1", [], "203.0.113.9"),          # nobody trusted: ignored
    ("203.0.113.9", "198.51.100.1", LB, "203.0.113.9"),          # not from the proxy: ignored
    ("10.0.0.5", "198.51.100.1", LB, "198.51.100.1"),
    ("10.0.0.5", "1.1.1.1, 198.51.100.1", LB, "198.51.100.1"),   # the client's own entry: no
    ("10.0.0.5", None, LB, "10.0.0.5"),
    ("10.0.0.5", "garbage", LB, "10.0.0.5"),
    ("192.168.1.1", "1.1.1.1, 198.51.100.1, 10.2.3.4", TWO_HOPS, "198.51.100.1"),
    ("::ffff:203.0.113.9", None, [], "203.0.113.9"),
    ("2001:db8::1", None, [], "2001:db8::1"),
    (None, "198.51.100.1", LB, None), ("not an address", None, [], None),
])
def test_the_address_of_a_message(peer: Optional[str], forwarded: Optional[str],
                                  trusted: List[str], address: Optional[str]) -> None:
    assert client_address(peer, forwarded, trusted_networks(trusted)) == address


def test_trusted_proxies_must_be_addresses() -> None:
    assert [str(n) for n in trusted_networks("127.0.0.1")] == ["127.0.0.1/32"]
    assert trusted_networks(None) == []
    with pytest.raises(ValueError, match="trusted_proxies"):
        trusted_networks(["the load balancer"])
