"""The small language of component rules and quantities, parsed from catalogue data.

A rule is ``"<attribute> <op> <value>"``; the value is a literal, ``$fact`` (set by an
answer), ``@role.attribute`` (an attribute of the product chosen for another role), or
arithmetic over those (``@plug.length_mm + $board_mm + 5``: a screw long enough to go
through the board into the plug). Quantities are whole numbers or arithmetic over facts
and ``@self.attribute``. Nothing here uses ``eval``: expressions are parsed with ``ast`` and
only numbers, names, + - * /, ceil(), min() and max() are allowed.
"""

from __future__ import annotations

import ast
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

OPERATORS = ("in", ">=", "<=", "!=", "=", ">", "<")
_RULE = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(>=|<=|!=|=|>|<|\bin\b)\s*(\S.*?)\s*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

Value = Union[float, str, Tuple[str, ...]]


class RuleError(ValueError):
    """A rule or quantity in the catalogue data is malformed."""


@dataclass(frozen=True)
class Rule:
    """A constraint on one product attribute, as written in the data."""

    attribute: str
    op: str
    operand: str
    why: Optional[str] = None

    @property
    def facts(self) -> Tuple[str, ...]:
        """Names of the facts ($name) this rule depends on."""
        return tuple(_FACT.findall(self.operand))

    @property
    def roles(self) -> Tuple[str, ...]:
        """The other roles this rule depends on (``@role.attr``)."""
        return tuple(dict.fromkeys(role for role, _ in _REFERENCE.findall(self.operand)))

    @property
    def role(self) -> Optional[str]:
        """The first other role this rule depends on, if any."""
        return self.roles[0] if self.roles else None

    def resolve(
        self, facts: Mapping[str, Any], chosen: Mapping[str, Mapping[str, Any]]
    ) -> Optional["ResolvedRule"]:
        """The rule with its operand replaced by a value; None while that value is unknown."""
        value = _operand_value(self.operand, facts, chosen)
        if value is None:
            return None
        if self.op == "in":
            value = tuple(str(v).strip() for v in str(value).split("|"))
        return ResolvedRule(self.attribute, self.op, value, self.why)

    def partial(self, facts: Mapping[str, Any]) -> Tuple[str, str, str]:
        """The rule with facts filled in and role references left symbolic (for signatures)."""
        if _is_arithmetic(self.operand):
            expression = Expression(self.operand)
            if not expression.roles:
                value = expression.value({"fact__" + f: facts.get(f) for f in expression.facts})
                return (self.attribute, self.op, str(value))
            return (self.attribute, self.op, expression.partial(facts))
        if self.operand.startswith("$"):
            return (self.attribute, self.op, str(facts.get(self.operand[1:])))
        return (self.attribute, self.op, self.operand)


@dataclass(frozen=True)
class ResolvedRule:
    """A rule whose value is known: can be checked against a product or sent to SQL."""

    attribute: str
    op: str
    value: Value
    why: Optional[str] = None

    def holds(self, attributes: Mapping[str, Any]) -> bool:
        """Whether a product with these attributes satisfies the rule."""
        actual = attributes.get(self.attribute)
        if actual is None:
            return self.op == "!="
        return compare(actual, self.op, self.value)


def compare(actual: Any, op: str, value: Value) -> bool:
    """Compare an attribute value with a rule's value; numbers numerically."""
    if op == "in":
        return str(actual) in value  # type: ignore[operator]
    if isinstance(value, float) or isinstance(actual, float):
        try:
            a, b = float(actual), float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return op == "!="
        return {
            "=": a == b, "!=": a != b, ">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b
        }[op]
    if op == "=":
        return str(actual) == str(value)
    if op == "!=":
        return str(actual) != str(value)
    raise RuleError(f"operator {op} needs numbers, got {actual!r} and {value!r}")


def _operand_value(
    operand: str, facts: Mapping[str, Any], chosen: Mapping[str, Mapping[str, Any]]
) -> Optional[Value]:
    if _is_arithmetic(operand):
        expression = Expression(operand)
        names = {f"fact__{f}": facts.get(f) for f in expression.facts}
        names.update({f"role__{r}__{a}": chosen.get(r, {}).get(a) for r, a in expression.references})
        return expression.value(names)
    if operand.startswith("$"):
        return _literal(facts.get(operand[1:]))
    if operand.startswith("@"):
        role, _, attribute = operand[1:].partition(".")
        return _literal(chosen.get(role, {}).get(attribute))
    return _literal(operand)


def _literal(value: Any) -> Optional[Value]:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    return float(text) if _NUMBER.match(text) else text


def parse_rule(item: Union[str, Mapping[str, Any]]) -> Rule:
    """Parse one ``require`` entry: a string, or ``{rule: ..., why: ...}``."""
    why = None
    if isinstance(item, Mapping):
        why = item.get("why")
        item = item.get("rule", "")
    match = _RULE.match(str(item))
    if not match:
        raise RuleError(f"cannot read the rule {item!r}: expected '<attribute> <op> <value>'")
    attribute, op, operand = match.groups()
    if operand.startswith("@") and "." not in operand:
        raise RuleError(f"rule {item!r}: a role reference is written @role.attribute")
    if _is_arithmetic(operand):
        if op == "in":
            raise RuleError(f"rule {item!r}: 'in' takes values, not arithmetic")
        Expression(operand)  # refuses what is not arithmetic over facts and roles
    return Rule(attribute, op, operand, why)


_FACT = re.compile(r"\$([a-z_][a-z0-9_]*)")
_REFERENCE = re.compile(r"@([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)")
_TOTAL = re.compile(r"\b(sum|count)\(\s*([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?\s*\)")
_SINGLE = re.compile(r"^(?:\$[a-z_][a-z0-9_]*|@[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)$")


def _is_arithmetic(operand: str) -> bool:
    """Whether an operand is arithmetic rather than one literal, fact or role reference."""
    text = operand.strip()
    if _NUMBER.match(text) or _SINGLE.match(text):
        return False
    return bool(re.search(r"[+*/()]|\s-\s", text))


_ALLOWED_NODES = (
    ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Constant,
    ast.Name, ast.Call, ast.Load, ast.UnaryOp, ast.USub,
)
FUNCTIONS: Dict[str, Callable[..., float]] = {"ceil": math.ceil, "min": min, "max": max}
# The same over arrays: an expression worked out for every product of a category at once.
_ARRAY_FUNCTIONS: Dict[str, Callable[..., Any]] = {
    "ceil": np.ceil, "min": lambda *a: functools.reduce(np.minimum, a),
    "max": lambda *a: functools.reduce(np.maximum, a)}


@functools.lru_cache(maxsize=1024)
def _python(text: str) -> str:
    """An expression's text as Python names: ``$fact`` -> ``fact__fact`` and so on."""
    text = _TOTAL.sub(lambda m: f"{m.group(1)}__{m.group(2)}__{m.group(3) or ''}", text)
    text = _FACT.sub(r"fact__\1", text)
    return _REFERENCE.sub(r"role__\1__\2", text)


@functools.lru_cache(maxsize=1024)
def _checked_tree(text: str, python: str) -> ast.Expression:
    """The parsed expression, once its every node is one the rules allow (read-only)."""
    try:
        tree = ast.parse(python, mode="eval")
    except SyntaxError as error:
        raise RuleError(f"cannot read {text!r}: {error.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise RuleError(f"{text!r}: only numbers, $facts, @role.attributes, "
                            "+ - * / and ceil(), min(), max() are allowed")
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) not in FUNCTIONS:
            raise RuleError(f"{text!r}: the only functions are ceil(), min() and max()")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS and "__" not in node.id:
            raise RuleError(f"{text!r}: {node.id} is neither $fact nor @role.attribute")
    return tree


@dataclass(frozen=True)
class Expression:
    """Arithmetic over numbers, ``$facts``, ``@role.attribute`` (``@self.attribute``: the
    product being chosen), ``ceil``/``min``/``max``, and, where a whole bundle is checked,
    ``sum(category.attribute)`` (each item's attribute times its quantity) and
    ``count(category)`` (the items of a category, by quantity)."""

    text: str

    def __post_init__(self) -> None:
        _checked_tree(self.text, self.python)  # once per text: a bundle evaluates hundreds

    @property
    def tree(self) -> ast.Expression:
        return _checked_tree(self.text, self.python)

    @property
    def python(self) -> str:
        return _python(self.text)

    @property
    def facts(self) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(_FACT.findall(self.text)))

    @property
    def references(self) -> Tuple[Tuple[str, str], ...]:
        """The (role, attribute) pairs named."""
        return tuple(dict.fromkeys(_REFERENCE.findall(self.text)))

    @property
    def roles(self) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(role for role, _ in self.references))

    @property
    def totals(self) -> Tuple[Tuple[str, str, str], ...]:
        """The (function, category, attribute) of each ``sum()`` and ``count()``."""
        return tuple(dict.fromkeys((f, c, a or "") for f, c, a in _TOTAL.findall(self.text)))

    def partial(self, facts: Mapping[str, Any]) -> str:
        """The expression with facts filled in (for signatures)."""
        return _FACT.sub(lambda m: str(facts.get(m.group(1))), self.text)

    def value(self, names: Mapping[str, Any]) -> Optional[float]:
        """The value, with names as ``python`` spells them; None while one is unknown."""
        try:
            return float(_evaluate(self.tree.body, names))
        except (KeyError, TypeError, ValueError):
            return None
        except ZeroDivisionError as error:
            raise RuleError(f"{self.text!r} cannot be worked out: {error}") from None


@dataclass(frozen=True)
class Quantity:
    """How many of a component: a whole number or an expression over facts and the
    chosen product's own attributes (``@self.volume_l``)."""

    expression: str

    def __post_init__(self) -> None:
        Expression(str(self.expression))

    @property
    def facts(self) -> Tuple[str, ...]:
        return Expression(str(self.expression)).facts

    @property
    def product_attributes(self) -> Tuple[str, ...]:
        """The chosen product's own attributes the number depends on (``@self.volume_l``)."""
        return tuple(a for role, a in Expression(str(self.expression)).references
                     if role == "self")

    @property
    def uses_product(self) -> bool:
        """Whether the number depends on the product chosen (a tin's volume): then the
        product that makes the cheapest line is chosen, not the cheapest unit."""
        return "self" in Expression(str(self.expression)).roles

    def partial(self, facts: Mapping[str, Any]) -> str:
        """The expression with facts filled in (for signatures)."""
        return Expression(str(self.expression)).partial(facts)

    def each(self, facts: Mapping[str, Any],
             products: Mapping[str, npt.NDArray[np.float64]]) -> npt.NDArray[np.float64]:
        """The number needed of each of many products at once, given each one's attributes
        as columns (``product_attributes``; NaN: a product without it); NaN where it cannot
        be worked out. Equal to ``evaluate`` product by product."""
        expression = Expression(str(self.expression))
        names: Dict[str, Any] = {f"fact__{k}": v for k, v in facts.items()}
        names.update({f"role__self__{k}": v for k, v in products.items()})
        size = len(next(iter(products.values()))) if products else 1
        try:
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.broadcast_to(np.asarray(_evaluate(
                    expression.tree.body, names, _ARRAY_FUNCTIONS),
                    dtype=np.float64), (size,))
                needed: npt.NDArray[np.float64] = np.maximum(1.0, np.ceil(value - 1e-9))
        except KeyError:  # a fact not known yet
            return np.full(size, np.nan)
        needed[~np.isfinite(value)] = np.nan
        return needed

    def evaluate(self, facts: Mapping[str, Any], product: Mapping[str, Any]) -> int:
        """The whole number needed (at least 1), given the facts and the chosen product."""
        expression = Expression(str(self.expression))
        names: Dict[str, Any] = {f"fact__{k}": v for k, v in facts.items()}
        names.update({f"role__self__{k}": v for k, v in product.items()})
        value = expression.value(names)
        if value is None:
            raise RuleError(f"quantity {self.expression!r} cannot be worked out from "
                            f"{sorted(facts)} and the product's {sorted(product)}")
        return max(1, int(math.ceil(value - 1e-9)))


def _evaluate(node: ast.AST, names: Mapping[str, Any],
              functions: Mapping[str, Callable[..., Any]] = FUNCTIONS) -> Any:
    """The value of an expression's tree: a float, or with ``_ARRAY_FUNCTIONS`` and arrays
    among the names, an array."""
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (int, float)):
            raise RuleError(f"{node.value!r} is not a number")
        return float(node.value)
    if isinstance(node, ast.Name):
        value = names[node.id]
        return value if isinstance(value, np.ndarray) else float(value)
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, names, functions)
    if isinstance(node, ast.Call):
        arguments = [_evaluate(a, names, functions) for a in node.args]
        assert isinstance(node.func, ast.Name)  # checked when the expression was parsed
        found = functions[node.func.id](*arguments)
        return found if isinstance(found, np.ndarray) else float(found)
    assert isinstance(node, ast.BinOp)
    left = _evaluate(node.left, names, functions)
    right = _evaluate(node.right, names, functions)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    return left / right


def holds_all(rules: Sequence[ResolvedRule], attributes: Mapping[str, Any]) -> bool:
    """Whether a product's attributes satisfy every rule."""
    return all(rule.holds(attributes) for rule in rules)


@dataclass(frozen=True)
class Total:
    """A comparison of two expressions over a whole bundle: ``"sum(hydration.volume_l) >=
    $hours * 0.75"``."""

    left: Expression
    op: str
    right: Expression

    @property
    def totals(self) -> Tuple[Tuple[str, str, str], ...]:
        return tuple(dict.fromkeys(self.left.totals + self.right.totals))

    def holds(self, names: Mapping[str, Any]) -> Optional[bool]:
        """Whether it holds, given names as ``Expression.python`` spells them; None when a
        name is unknown."""
        left, right = self.left.value(names), self.right.value(names)
        if left is None or right is None:
            return None
        return compare(left, self.op, right)


_COMPARISON = re.compile(r"^(.*?)\s*(>=|<=|!=|=|>|<)\s*(.*)$")


def parse_total(text: str) -> Total:
    """Parse ``"<expression> <op> <expression>"``."""
    match = _COMPARISON.match(text.strip())
    if not match or not match.group(1) or not match.group(3):
        raise RuleError(f"cannot read {text!r}: expected '<expression> <op> <expression>'")
    left, op, right = match.groups()
    return Total(Expression(left), op, Expression(right))
