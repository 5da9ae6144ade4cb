"""SQLAlchemy models of the catalogue: products with typed attributes, the reference rows
they need (departments, categories, attribute types), and the needs knowledge as one
stored document.

Prices are whole cents so that totals add up exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.sql.schema import Column

if TYPE_CHECKING:
    class Base:
        """The declarative base as mypy sees it: SQLAlchemy 1.4 ships no types, so the
        models' columns are untyped (Any) to the checker."""

        metadata: Any
        __tablename__: str
        __table__: Any

        def __init__(self, **columns: Any) -> None: ...
else:
    Base = declarative_base()


class Department(Base):
    """A department of the shop (hardware, outdoor)."""

    __tablename__ = "departments"
    key = Column(String(40), primary_key=True)
    label = Column(String(80), nullable=False)


class Category(Base):
    """A kind of product; its words (terms) let shoppers name it."""

    __tablename__ = "categories"
    key = Column(String(40), primary_key=True)
    label = Column(String(80), nullable=False)
    department = Column(String(40), ForeignKey("departments.key"), nullable=False)
    purpose_question: Optional[str] = Column(Text)


class AttributeDef(Base):
    """The type of a product attribute: number (with unit), text, or flag."""

    __tablename__ = "attribute_defs"
    name = Column(String(40), primary_key=True)
    kind = Column(String(10), nullable=False)
    unit: Optional[str] = Column(String(10))


class Spec(Base):
    """A product specification: a category and a set of attribute values that any number
    of products share (the same 6 mm masonry bit from several brands, at several prices).

    Rules are checked against specs, not products: a catalogue of a million products holds
    far fewer specs, so finding what meets a rule costs the same at any size, and the
    cheapest product of each matching spec is one index lookup. ``key`` is a digest of
    the category and attributes, so equal specs are stored once.
    """

    __tablename__ = "specs"
    id = Column(Integer, primary_key=True)
    category = Column(String(40), ForeignKey("categories.key"), nullable=False)
    key = Column(String(64), nullable=False, unique=True)
    attributes: List["SpecAttribute"] = relationship(
        "SpecAttribute", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (Index("ix_specs_category", "category"),)

    def attribute_map(self) -> Dict[str, Any]:
        """The attributes by name, numbers as floats."""
        return {a.name: a.value for a in self.attributes}


class SpecAttribute(Base):
    """One typed attribute value of a spec (number or text; flags as yes/no text)."""

    __tablename__ = "spec_attributes"
    spec_id = Column(Integer, ForeignKey("specs.id", ondelete="CASCADE"), primary_key=True)
    name = Column(String(40), ForeignKey("attribute_defs.name"), primary_key=True)
    number: Optional[float] = Column(Float)
    text: Optional[str] = Column(String(80))

    @property
    def value(self) -> Any:
        return self.number if self.number is not None else self.text


class Product(Base):
    """A product on sale; its attributes are those of its spec."""

    __tablename__ = "products"
    id = Column(Integer, primary_key=True)
    sku = Column(String(40), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    brand = Column(String(80), nullable=False)
    department = Column(String(40), ForeignKey("departments.key"), nullable=False)
    category = Column(String(40), ForeignKey("categories.key"), nullable=False)
    price_cents = Column(Integer, nullable=False)
    stock = Column(Integer, nullable=False)
    aisle = Column(String(20), nullable=False)
    spec_id = Column(Integer, ForeignKey("specs.id"), nullable=False)
    spec: Spec = relationship(Spec, lazy="joined", innerjoin=True)

    __table_args__ = (
        # A spec's products in price order: how the importer finds its offers.
        Index("ix_products_spec_price", "spec_id", "price_cents", "sku"),
    )

    def attribute_map(self) -> Dict[str, Any]:
        """The product's attributes by name, numbers as floats."""
        return self.spec.attribute_map()


class Offer(Base):
    """A price at which some number of a spec can be had: the spec's cheapest product, then
    each dearer product of the spec with more in stock than every cheaper one (the importer
    keeps them). Whoever needs n of a spec is served by its cheapest offer with stock >= n,
    so finding the cheapest match looks at a few offers per spec, not at every product
    (``bot.catalogue.spec_index``).
    """

    __tablename__ = "offers"
    product_id = Column(Integer, ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    spec_id = Column(Integer, ForeignKey("specs.id"), nullable=False)
    category = Column(String(40), nullable=False)
    price_cents = Column(Integer, nullable=False)
    sku = Column(String(40), nullable=False)
    stock = Column(Integer, nullable=False)

    __table_args__ = (Index("ix_offers_category", "category"), Index("ix_offers_spec", "spec_id"))


class StoredKnowledge(Base):
    """The needs knowledge: the validated needs.yml document as JSON, in one row
    (``bot.catalogue.needs``). Products refer only to departments, categories and
    attribute types, which keep rows of their own."""

    __tablename__ = "knowledge"
    key = Column(String(40), primary_key=True)
    version = Column(String(40), nullable=False)
    document = Column(Text, nullable=False)


# Tables of earlier versions, which held the knowledge row by row; `bot db init` drops them.
RETIRED_TABLES = ("terms", "components", "answer_options", "jobs", "questions", "wordings")


class Meta(Base):
    """Key/value facts about the database itself (the knowledge version)."""

    __tablename__ = "meta"
    key = Column(String(40), primary_key=True)
    value = Column(String(200), nullable=False)
