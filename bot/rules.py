"""The small language of component rules and quantities, parsed from catalogue data.

A rule is ``"<attribute> <op> <value>"``; the value is a literal, ``$fact`` (set by an
answer) or ``@role.attribute`` (an attribute of the product chosen for another role).
Quantities are whole numbers or arithmetic over facts and ``@self.attribute`` with
``ceil``. Nothing here uses ``eval``: expressions are parsed with ``ast`` and only
numbers, names, + - * / and ceil() are allowed.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

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
        return (self.operand[1:],) if self.operand.startswith("$") else ()

    @property
    def role(self) -> Optional[str]:
        """The other role this rule depends on (``@role.attr``), if any."""
        if self.operand.startswith("@"):
            return self.operand[1:].split(".", 1)[0]
        return None

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
    return Rule(attribute, op, operand, why)


_ALLOWED_NODES = (
    ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Constant,
    ast.Name, ast.Call, ast.Load, ast.UnaryOp, ast.USub,
)


@dataclass(frozen=True)
class Quantity:
    """How many of a component: a whole number or an expression over facts."""

    expression: str

    def __post_init__(self) -> None:
        tree = ast.parse(self._python(), mode="eval")
        for node in ast.walk(tree):
            if not isinstance(node, _ALLOWED_NODES):
                raise RuleError(f"quantity {self.expression!r}: only numbers, $facts, "
                                "@self.attributes, + - * / and ceil() are allowed")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) != "ceil":
                raise RuleError(f"quantity {self.expression!r}: the only function is ceil()")

    def _python(self) -> str:
        text = re.sub(r"\$([a-z_][a-z0-9_]*)", r"fact__\1", str(self.expression))
        return re.sub(r"@self\.([a-z_][a-z0-9_]*)", r"self__\1", text)

    @property
    def facts(self) -> Tuple[str, ...]:
        return tuple(re.findall(r"\$([a-z_][a-z0-9_]*)", str(self.expression)))

    def partial(self, facts: Mapping[str, Any]) -> str:
        """The expression with facts filled in (for signatures)."""
        return re.sub(r"\$([a-z_][a-z0-9_]*)", lambda m: str(facts.get(m.group(1))),
                      str(self.expression))

    def evaluate(self, facts: Mapping[str, Any], product: Mapping[str, Any]) -> int:
        """The whole number needed (at least 1), given the facts and the chosen product."""
        names: Dict[str, Any] = {"ceil": math.ceil}
        names.update({f"fact__{k}": v for k, v in facts.items()})
        names.update({f"self__{k}": v for k, v in product.items()})
        tree = ast.parse(self._python(), mode="eval")
        try:
            value = _evaluate(tree.body, names)
        except (KeyError, TypeError, ZeroDivisionError) as error:
            raise RuleError(f"quantity {self.expression!r} cannot be worked out: {error}") from error
        return max(1, int(math.ceil(value)))


def _evaluate(node: ast.AST, names: Mapping[str, Any]) -> float:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (int, float)):
            raise RuleError(f"{node.value!r} is not a number")
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(names[node.id])
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, names)
    if isinstance(node, ast.Call):
        return float(math.ceil(_evaluate(node.args[0], names)))
    assert isinstance(node, ast.BinOp)
    left, right = _evaluate(node.left, names), _evaluate(node.right, names)
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
