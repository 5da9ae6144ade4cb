"""Rasa's Redis lock store, with every change to a lock made atomically.

Several Rasa servers share one Redis lock store so that one shopper's messages are handled
one at a time, whichever server each reaches. Rasa 3.6's ``RedisLockStore`` keeps a
conversation's ticket lock as one JSON value and changes it by GET, change in Python, SET.
Two servers that issue a ticket for the same conversation at the same moment both read the
lock before either writes it back, both issue ticket 0, and both handle their message at
once: the race the lock is there to prevent (``tests/edge/test_lock_store.py`` shows it
happen with Rasa's store; Rasa Pro has a separate concurrent store). Removing a ticket and
deleting the lock when nobody waits is the same GET/SET race, and can drop a ticket another
server has just issued.

``AtomicRedisLockStore`` keeps Rasa's ticket lock (``TicketLock``: first come, first
served, each ticket expiring after ``TICKET_LOCK_LIFETIME`` seconds) and makes each change
one Redis transaction: WATCH the key, read, change, MULTI/SET/EXEC, and start again if
another server changed the key meanwhile. The key also expires when its last ticket does,
so a server killed while holding a ticket leaves nothing behind for long.

If Redis cannot be reached, issuing a ticket raises Rasa's ``LockError`` within
``socket_timeout`` seconds and the turn is answered with the apology (``edge/rest.py``):
no message is handled without the lock, so never two of one shopper's at once. A server
does not start without Redis.

Configured in endpoints.yml (``bot run --replicas`` writes it)::

    lock_store:
      type: edge.lock_store.AtomicRedisLockStore
      url: 127.0.0.1          # Redis's host
      port: 6379
      password: ${BOT_REDIS_PASSWORD}
      db: 0
      key_prefix: shop        # letters and digits
      socket_timeout: 2
"""

from __future__ import annotations

import json
import logging
import math
import time
from typing import Any, Callable, Optional, Text, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import WatchError

logger = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_SOCKET_TIMEOUT_S = 2.0


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket locks change atomically (see the module's text)."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs,
                      **kwargs}
        kwargs.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT_S)
        super().__init__(**kwargs)
        # Fail at start-up, with Redis's own words, rather than at the first shopper.
        self.red.ping()

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], T], *,
                create: bool) -> Optional[T]:
        """Apply ``change`` to the conversation's lock in one Redis transaction, retried
        while other servers change it first; a lock left without tickets is deleted. None
        when there is no lock and ``create`` is false."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    if stored is None and not create:
                        pipe.unwatch()
                        return None
                    lock = (TicketLock.from_dict(json.loads(stored)) if stored
                            else TicketLock(conversation_id))
                    result = change(lock)
                    lock.remove_expired_tickets()
                    pipe.multi()
                    if lock.tickets:
                        last = max(ticket.expires for ticket in lock.tickets)
                        pipe.set(key, lock.dumps(), px=max(1, math.ceil((last - time.time()) * 1000)))
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except WatchError:
                    continue  # another server changed the lock between our read and write

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            number = self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime),
                                  create=True)
        except Exception as error:
            logger.error("the lock store (Redis) cannot be used: %s", error)
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        assert number is not None
        return number

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets(), create=False)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number),
                     create=False)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Rasa removes the ticket, then deletes the lock if nobody waits, in two steps
        # between which another server may issue a ticket; here it is one transaction
        # (``_change`` deletes a lock left without tickets).
        self.finish_serving(conversation_id, ticket_number)
