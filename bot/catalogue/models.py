"""SQLAlchemy models of the catalogue: products with typed attributes, and the needs
knowledge (jobs, questions, answer options, components) as rows.

Prices are whole cents so that totals add up exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
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


class Term(Base):
    """A word or phrase a shopper may use, and what it means.

    kind is one of: category (target: category key), value (target: "attribute:value"),
    option (target: "question:option"), job (target: job key).
    """

    __tablename__ = "terms"
    id = Column(Integer, primary_key=True)
    phrase = Column(String(120), nullable=False)
    kind = Column(String(10), nullable=False)
    target = Column(String(120), nullable=False)

    __table_args__ = (UniqueConstraint("phrase", "kind", "target"),)


class Question(Base):
    """A question that tells solutions apart (the job itself is the question "job")."""

    __tablename__ = "questions"
    key = Column(String(40), primary_key=True)
    text = Column(Text, nullable=False)
    help: Optional[str] = Column(Text)
    safe_option: Optional[str] = Column(String(40))
    unit: Optional[str] = Column(String(10))
    position = Column(Integer, nullable=False, default=0)
    options: List["AnswerOption"] = relationship(
        "AnswerOption", cascade="all, delete-orphan", order_by="AnswerOption.position"
    )


class AnswerOption(Base):
    """One answer to a question, with the facts it implies (``values``)."""

    __tablename__ = "answer_options"
    id = Column(Integer, primary_key=True)
    question_key = Column(String(40), ForeignKey("questions.key", ondelete="CASCADE"))
    key = Column(String(40), nullable=False)
    label = Column(String(120), nullable=False)
    weight = Column(Float, nullable=False, default=1.0)
    range_min: Optional[float] = Column(Float)
    range_max: Optional[float] = Column(Float)
    values: Dict[str, Any] = Column(JSON, nullable=False, default=dict)
    position = Column(Integer, nullable=False, default=0)

    __table_args__ = (UniqueConstraint("question_key", "key"),)


class Job(Base):
    """A job a shopper wants done, and the questions that can matter for it."""

    __tablename__ = "jobs"
    key = Column(String(40), primary_key=True)
    label = Column(String(120), nullable=False)
    name = Column(String(200), nullable=False)
    department = Column(String(40), ForeignKey("departments.key"), nullable=False)
    position = Column(Integer, nullable=False, default=0)
    question_keys: List[str] = Column(JSON, nullable=False, default=list)
    components: List["Component"] = relationship(
        "Component", cascade="all, delete-orphan", order_by="Component.position"
    )


class Component(Base):
    """A part of a job's bundle: which category, when, under which rules, how many."""

    __tablename__ = "components"
    id = Column(Integer, primary_key=True)
    job_key = Column(String(40), ForeignKey("jobs.key", ondelete="CASCADE"), nullable=False)
    role = Column(String(40), nullable=False)
    position = Column(Integer, nullable=False, default=0)
    category = Column(String(40), ForeignKey("categories.key"), nullable=False)
    when: Dict[str, List[str]] = Column(JSON, nullable=False, default=dict)
    require: List[Any] = Column(JSON, nullable=False, default=list)
    quantity = Column(String(80), nullable=False, default="1")
    reason = Column(Text, nullable=False, default="")

    __table_args__ = (UniqueConstraint("job_key", "role"),)


class Wording(Base):
    """A sentence of the needs knowledge that is not a question's own text: how questions
    are put to a gift buyer, and how recipients are named (see ``Knowledge.gifts``)."""

    __tablename__ = "wordings"
    key = Column(String(120), primary_key=True)
    text = Column(Text, nullable=False)


class Meta(Base):
    """Key/value facts about the database itself (the knowledge version)."""

    __tablename__ = "meta"
    key = Column(String(40), primary_key=True)
    value = Column(String(200), nullable=False)
