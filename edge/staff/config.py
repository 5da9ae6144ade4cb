"""The staff server's settings, from its command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional, Tuple

from bot.settings import database_url
from bot.staff.tokens import staff_secret
from bot.staff.webhook import SECRET_VARIABLE as WEBHOOK_SECRET_VARIABLE
from bot.staff.webhook import webhook_url
from edge.source_address import Network, trusted_networks

PUBLIC_URL_VARIABLE = "BOT_PUBLIC_URL"
SECURE_COOKIES_VARIABLE = "BOT_STAFF_SECURE_COOKIES"
TRUSTED_PROXIES_VARIABLE = "BOT_STAFF_TRUSTED_PROXIES"


@dataclass(frozen=True)
class StaffConfig:
    """What the staff server needs to know.

    Attributes:
        port: where it listens, on 127.0.0.1.
        assistant_url: the Rasa server, as this server reaches it.
        token: Rasa's HTTP API token (the tablet's channel takes it too).
        secret: signs the staff's cookies.
        database_url: the catalogue database (accounts, sessions, hand-offs).
        public_url: where shoppers' phones reach the list pages (the QR code's address).
        secure_cookies: cookies only over HTTPS (set it behind an HTTPS proxy).
        webhook: a help desk's URL to post each hand-off to, and the secret that signs it.
        model: the trained model the Rasa server runs (the trainer's `rasa test core`).
        trusted_proxies: the balancers whose ``X-Forwarded-For`` names the staff's address
            (``BOT_STAFF_TRUSTED_PROXIES``, addresses or networks separated by commas):
            behind one, every request comes from its address, and the sign-in slowdown per
            address and the recognition limits would count every tablet as one.
    """

    port: int
    assistant_url: str
    token: str
    secret: str
    database_url: str
    public_url: str
    secure_cookies: bool = False
    webhook: Optional[str] = None
    webhook_secret: Optional[str] = None
    model: Optional[str] = None  # the Rasa model, for the trainer's check of every story
    trusted_proxies: Tuple[Network, ...] = ()

    @classmethod
    def from_environment(cls, port: int, assistant_url: str,
                         environ: Optional[Mapping[str, str]] = None,
                         model: Optional[str] = None) -> "StaffConfig":
        """Raises ValueError when the token or the secret is missing, or a trusted proxy
        is not an address or a network."""
        env = os.environ if environ is None else environ
        token = env.get("RASA_TOKEN", "")
        if not token.strip():
            raise ValueError("RASA_TOKEN is not set: the staff server talks to Rasa's API")
        own = f"http://127.0.0.1:{port}"
        return cls(port=port, assistant_url=assistant_url.rstrip("/"), token=token,
                   secret=staff_secret(env), database_url=env.get("BOT_DATABASE_URL")
                   or database_url(), public_url=(env.get(PUBLIC_URL_VARIABLE) or own).rstrip("/"),
                   secure_cookies=env.get(SECURE_COOKIES_VARIABLE, "") in ("1", "true", "yes"),
                   webhook=webhook_url(env), webhook_secret=env.get(WEBHOOK_SECRET_VARIABLE),
                   model=model, trusted_proxies=tuple(trusted_networks(
                       [e for e in env.get(TRUSTED_PROXIES_VARIABLE, "").split(",") if e.strip()])))
