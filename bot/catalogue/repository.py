"""The catalogue over SQL: every rule becomes a parameterised EXISTS on the attribute
table, so the database does the filtering with its indexes (category+price on products,
name+value on attributes) and only the few products returned are loaded."""

from __future__ import annotations

from typing import List, Optional, Sequence

from sqlalchemy import and_, exists, not_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.catalogue.models import Product, ProductAttribute
from bot.products import ProductInfo
from bot.rules import ResolvedRule


class SqlCatalogue:
    """The ``Catalogue`` interface over a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def matching(self, category: str, rules: Sequence[ResolvedRule], *,
                 in_stock: Optional[int] = None, limit: int = 1) -> List[ProductInfo]:
        query = select(Product).where(Product.category == category)
        for rule in rules:
            query = query.where(_condition(rule))
        if in_stock is not None:
            query = query.where(Product.stock >= in_stock)
        query = query.order_by(Product.price_cents, Product.sku).limit(limit)
        return [to_info(p) for p in self.session.scalars(query)]

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        product = self.session.scalar(select(Product).where(Product.sku == sku))
        return to_info(product) if product else None


def _condition(rule: ResolvedRule) -> ColumnElement:
    attribute = ProductAttribute
    same_product = and_(attribute.product_id == Product.id, attribute.name == rule.attribute)
    if rule.op == "in":
        return exists().where(same_product, attribute.text.in_(list(rule.value)))
    if isinstance(rule.value, float):
        column, value = attribute.number, rule.value
    else:
        column, value = attribute.text, str(rule.value)
    if rule.op == "!=":
        return not_(exists().where(same_product, column == value))
    compare = {
        "=": column == value, ">=": column >= value, "<=": column <= value,
        ">": column > value, "<": column < value,
    }[rule.op]
    return exists().where(same_product, compare)


def to_info(product: Product) -> ProductInfo:
    """The domain's view of a product row."""
    return ProductInfo(product.sku, product.name, product.brand, product.category,
                       product.price_cents, product.stock, product.aisle,
                       product.attribute_map())
