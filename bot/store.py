"""The shop's database as a whole: create it and fill it (schema, needs knowledge, products
and past orders). It sits above the catalogue and care packages, which know nothing of each
other's set-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

from sqlalchemy import inspect, select
from sqlalchemy.exc import SQLAlchemyError

import bot.care.models  # noqa: F401  (registers the care tables with Base)
import bot.replay.models  # noqa: F401  (and the practice tables)
import bot.staff.models  # noqa: F401  (and the staff tables)
from bot.care.orders import import_orders
from bot.catalogue.importer import (
    ImportReport,
    import_products,
    new_catalogue_version,
    read_file,
    refresh_offers,
)
from bot.catalogue.models import Base, Offer, Product, StoredKnowledge
from bot.catalogue.needs import DOCUMENT_KEY, read_needs_file, save_knowledge
from bot.db import DatabaseUnavailable, get_engine, session_scope, unavailable
from bot.settings import demo_dir


def init_database(url: Optional[str] = None, *, needs: Optional[Path] = None,
                  products: Optional[Path] = None,
                  orders: Optional[Path] = None) -> Optional[ImportReport]:
    """Create missing tables, load the needs knowledge and (optionally) products and
    past orders (``bot.care.orders``).

    Everything after table creation happens in one transaction: a bad needs, products or
    orders file leaves the database as it was.
    """
    knowledge = read_needs_file(needs or demo_dir() / "needs.yml")
    text = read_file(products) if products else None
    orders_text = read_file(orders) if orders else None
    try:
        ensure_tables(url)
        with session_scope(url) as session:
            save_knowledge(session, knowledge)
            report = import_products(session, text) if text is not None else None
            if orders_text is not None:
                import_orders(session, orders_text, today=date.today())
            return report
    except SQLAlchemyError as error:
        raise unavailable(error, "write the catalogue database") from error


def ensure_tables(url: Optional[str] = None, *, knowledge: bool = False) -> None:
    """Create the tables a newer version added to an existing database, and fill the
    offers of a catalogue made before offers existed. With ``knowledge``, also check that
    the needs knowledge is stored (as one document, since this version).

    Raises:
        DatabaseUnavailable: the database cannot be written, or its products predate specs
            (products now take their attributes from a spec): it must be made afresh; or,
            with ``knowledge``, it holds no needs knowledge in the present form.
    """
    try:
        engine = get_engine(url)
        Base.metadata.create_all(engine)
        if "spec_id" not in {c["name"] for c in inspect(engine).get_columns("products")}:
            raise DatabaseUnavailable(
                f"the catalogue database {engine.url} was made by an older version (products "
                "without specs): delete it and run `bot db init --demo`, then import your "
                "products again")
        with session_scope(url) as session:
            if session.scalar(select(Product.id).limit(1)) is not None and \
                    session.scalar(select(Offer.product_id).limit(1)) is None:
                refresh_offers(session)
                new_catalogue_version(session)
            if knowledge and session.get(StoredKnowledge, DOCUMENT_KEY) is None:
                raise DatabaseUnavailable(
                    f"the catalogue database {engine.url} holds no needs knowledge in the "
                    "form this version reads: run `bot db init` (with --needs FILE for a "
                    "needs.yml of your own); products and orders are kept")
    except SQLAlchemyError as error:
        raise unavailable(error, "write the catalogue database") from error
