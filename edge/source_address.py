"""The address a shopper's message came from, as the channels put it in the message's
metadata for the recognition limits (``bot.settings.SOURCE_ADDRESS_KEY``).

The peer of the connection is the shopper, unless it is one of the proxies the shop
listed (``trusted_proxies`` in credentials.yml): then ``X-Forwarded-For`` is read from
the right, past every trusted proxy, to the first address no trusted proxy vouches for.
A header from anyone else is ignored, since a client can write whatever it likes there,
and reading it would let one attacker look like a thousand.
"""

from __future__ import annotations

import ipaddress
from typing import Any, List, Optional, Sequence, Union

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
TRUSTED_PROXIES_KEY = "trusted_proxies"


def trusted_networks(value: Any) -> List[Network]:
    """The proxies from credentials.yml: addresses or networks (``10.0.0.0/8``).

    Raises:
        ValueError: an entry is not an address or a network.
    """
    entries = [value] if isinstance(value, str) else list(value or [])
    try:
        return [ipaddress.ip_network(str(entry).strip(), strict=False) for entry in entries]
    except ValueError as error:
        raise ValueError(f"{TRUSTED_PROXIES_KEY} must list addresses or networks: {error}") \
            from error


def client_address(peer: Optional[str], forwarded_for: Optional[str],
                   trusted: Sequence[Network]) -> Optional[str]:
    """The shopper's address, or None when the peer's is unknown.

    Args:
        peer: the address of the connection's other end.
        forwarded_for: the ``X-Forwarded-For`` header, if any (several are joined by ",").
        trusted: the proxies whose word is taken.
    """
    current = _parse(peer)
    if current is None:
        return None
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not any(current in network for network in trusted):
            break
        previous = _parse(hop)
        if previous is None:  # a garbled entry: the last proxy's own peer is all we know
            break
        current = previous
    return str(current)


def _parse(text: Optional[str]) -> Optional[Address]:
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:203.0.113.9 is 203.0.113.9
    return mapped or address
