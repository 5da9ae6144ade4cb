"""Remembered clients: only with consent, and forgotten completely on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, List, Mapping, Optional, Sequence, Set

from sqlalchemy import delete, null, select, update
from sqlalchemy.orm import Session

from bot.care.codes import generate_code
from bot.care.models import Client, ClientLink, Handoff, Order, OrderLine, Project


@dataclass(frozen=True)
class ClientView:
    """What the assistant may use about a remembered client."""

    id: int
    name: Optional[str]
    code: str
    last_project: Optional[str]
    last_project_on: Optional[date]
    owned_skus: Set[str]


def client_for(session: Session, sender_id: str) -> Optional[Client]:
    """The client this conversation belongs to, if they agreed to be remembered."""
    link = session.get(ClientLink, sender_id)
    return session.get(Client, link.client_id) if link else None


def remember(session: Session, sender_id: str, *, name: Optional[str], now: datetime) -> Client:
    """Remember this shopper (they said yes): a client record linked to the conversation."""
    existing = client_for(session, sender_id)
    if existing is not None:
        if name:
            existing.name = name
        return existing
    client = Client(name=(name or None) and name[:80], consent_at=now, code=new_code(session))
    client.links.append(ClientLink(sender_id=sender_id))
    session.add(client)
    session.flush()
    return client


def new_code(session: Session) -> str:
    """A client code, unique, to be recognised on another device (``bot.care.codes``)."""
    while True:
        code = generate_code()
        if session.scalar(select(Client.id).where(Client.code == code)) is None:
            return code


def by_code(session: Session, code: str) -> Optional[Client]:
    """The client with this (normalised) code. It proves nothing: only
    ``bot.care.recognition`` may act on it, after the second factor."""
    found: Optional[Client] = session.scalar(select(Client).where(Client.code == code))
    return found


def link(session: Session, client: Client, sender_id: str) -> None:
    """This conversation is the client's from now on (they proved who they are)."""
    if session.get(ClientLink, sender_id) is None:
        client.links.append(ClientLink(sender_id=sender_id))


def record_project(session: Session, client: Client, *, job: str,
                   answers: Mapping[str, Any], skus: Sequence[str], on: date) -> None:
    client.projects.append(Project(job=job, answers=dict(answers), skus=list(skus), on=on))


def claim_order(session: Session, client: Client, number: str) -> None:
    """A remembered client named this order as theirs: it joins their history (so next
    time "my poles broke" finds it without the number), unless it is someone else's."""
    session.execute(update(Order).where(Order.number == number.strip().upper(),
                                        Order.client_id == null()).values(client_id=client.id))


def view(session: Session, client: Client) -> ClientView:
    """The client as the conversation sees them."""
    owned = {sku for p in client.projects for sku in p.skus}
    owned |= set(session.scalars(select(OrderLine.sku).join(Order)
                                 .where(Order.client_id == client.id)))
    last = client.projects[-1] if client.projects else None
    return ClientView(client.id, client.name, client.code, last.job if last else None,
                      last.on if last else None, owned)


def forget(session: Session, client: Client) -> List[str]:
    """Delete every piece of personal data about a client; return their conversations'
    sender ids, whose stored conversations the caller must delete too."""
    senders = [link.sender_id for link in client.links]
    session.execute(update(Order).where(Order.client_id == client.id).values(client_id=None))
    forget_conversations(session, senders)
    session.delete(client)
    session.flush()
    return senders


def forget_conversations(session: Session, senders: Sequence[str]) -> None:
    """Delete what the database keeps of these conversations (hand-off summaries quote the
    shopper's words), for a client or for a shopper never remembered."""
    if senders:
        session.execute(delete(Handoff).where(Handoff.sender_id.in_(list(senders))))


def owned_by(session: Session, sender_id: str) -> Optional[List[str]]:
    """The skus a remembered client owns, for this conversation; None for a stranger."""
    client = client_for(session, sender_id)
    return sorted(view(session, client).owned_skus) if client is not None else None
