"""Reading a generated model from decoded JSON, fast, with the generated ``from_dict`` as the reference.

A list page is 100 invoices, each four generated models deep. The generated ``from_dict`` copies the dict, pops
every key, defines and calls a parser per field, and checks nothing: the type check (``_responses``) walks the
result again. Here a reader is compiled once per model class from the class itself (its annotations, and the
JSON key of each field as its ``from_dict`` pops it) that builds the same object in one pass, accepting only
values of exactly the annotated types. Anything else (a missing required key, a string amount, an unknown
shape) falls back to the generated ``from_dict`` and the full type check, so an unusual answer decodes, or
fails, exactly as it did before: the fast path is an optimisation of the usual answer, never a second reader.
``tests/test_reader.py`` holds the two to the same results.
"""

from __future__ import annotations

import ast
import datetime
import enum
import functools
import inspect
import textwrap
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cryptocloud_client.models as generated_models
from cryptocloud_client._exact import _USUAL_TIMESTAMP, MAX_ADJUSTED_EXPONENT, parse_utc_datetime
from cryptocloud_client.types import UNSET, Unset

T = TypeVar("T")
Fast = Callable[[Any], Any]


class Unusual(Exception):
    """The value is not the usual, exactly-typed shape: the generated ``from_dict`` decides."""


def _json_keys(cls: type) -> dict[str, str] | None:
    """Each ``__init__`` argument of a generated model and the JSON key its ``from_dict`` pops for it, read from the
    generated source; None when that source is not in the expected form (then there is no fast path)."""
    found = _from_dict_source(cls)
    return None if found is None else {name: key for name, (key, _) in found.items()}


def _from_dict_source(cls: type) -> dict[str, tuple[str, frozenset[str]]] | None:
    """``_json_keys``, with the names of the functions each value goes through on its way from ``d.pop`` (where
    ``parse_decimal`` and ``parse_utc_datetime`` must be seen for the fast path to convert as they do)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(typing.cast(Any, cls).from_dict)))
    except (OSError, TypeError, SyntaxError):
        return None
    popped: dict[str, tuple[str, frozenset[str]]] = {}  # variable -> (key, functions called in its assignment)
    built: ast.Call | None = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            calls = [call for call in ast.walk(node.value) if isinstance(call, ast.Call)]
            called = frozenset(
                call.func.id if isinstance(call.func, ast.Name) else call.func.attr
                for call in calls
                if isinstance(call.func, (ast.Name, ast.Attribute))
            )
            for call in calls:
                if (
                    isinstance(call.func, ast.Attribute)
                    and call.func.attr == "pop"
                    and isinstance(call.func.value, ast.Name)
                    and call.func.value.id == "d"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                    and isinstance(call.args[0].value, str)
                ):
                    popped[node.targets[0].id] = (call.args[0].value, called)
            value = node.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "cls":
                built = value
    if built is None or built.args:
        return None
    keys: dict[str, tuple[str, frozenset[str]]] = {}
    for keyword in built.keywords:
        if keyword.arg is None or not isinstance(keyword.value, ast.Name):
            return None
        var = keyword.value.id
        key = popped.get(var, popped.get("_" + var))  # a nested model is popped into "_name" first
        if key is None:
            return None
        keys[keyword.arg] = key
    return keys


# What from_dict must call on a value of each type for the fast path's conversion to be the same as its own.
_CONVERSIONS = {Decimal: "parse_decimal", datetime.datetime: "parse_utc_datetime"}


def _branches(hint: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(hint)
    return typing.get_args(hint) if origin is typing.Union or origin is types.UnionType else (hint,)


class _Source:
    """The lines of one compiled reader and the objects they refer to."""

    def __init__(self, outer: tuple[type, ...]) -> None:
        self.outer = outer  # the classes being compiled, this one last: a model inside itself has no fast path
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"Unusual": Unusual, "UNSET": UNSET, "Unset": Unset, "Decimal": Decimal}
        self.names["NoneType"] = type(None)
        self.names |= {"parse_utc_datetime": parse_utc_datetime, "MAX": MAX_ADJUSTED_EXPONENT}
        self.names |= {"USUAL": _USUAL_TIMESTAMP.fullmatch, "fromiso": datetime.datetime.fromisoformat}

    def name(self, value: Any) -> str:
        label = f"N{len(self.names)}"
        self.names[label] = value
        return label

    def value_check(self, hint: Any, var: str) -> bool:
        """Lines that accept ``var`` (its class in ``c``) of type ``hint``, converting it as ``from_dict`` would,
        or raise Unusual; False when ``hint`` has a branch this reader does not know."""
        converting: list[tuple[str, list[str]]] = []  # (condition, lines) for values that need converting
        plain: list[str] = []  # classes taken as they are
        branches = _branches(hint)
        open_enum = str in branches
        bound = f"if not -MAX <= {var}.adjusted() <= MAX: raise Unusual"  # what parse_decimal lets through
        for branch in branches:
            if branch is Any:
                return True
            if branch in (str, bool, int, list):
                plain.append(branch.__name__)
            elif branch is type(None):
                plain.append("NoneType")
            elif branch is Unset:
                plain.append("Unset")
            elif branch is Decimal:
                converting.append(("c is Decimal", [bound]))
                converting.append(("c is int", [f"{var} = Decimal({var})", bound]))
            elif branch is datetime.datetime:
                # The API's usual form is read in C here; any other goes to parse_utc_datetime, which raises on
                # what it cannot read (and a usual-looking one that is no date, month 13, raises here: from_dict).
                usual = f"fromiso({var} + '+00:00') if len({var}) == 26 and USUAL({var}) else parse_utc_datetime({var})"
                converting.append(("c is str", [f"{var} = {usual}"]))
            elif isinstance(branch, type) and issubclass(branch, enum.Enum):
                members = self.name(branch._value2member_map_)
                # An open enum (``E | str``) keeps an unknown value as text; a closed one leaves it to from_dict.
                lookup = f"{members}.get({var}, {var})" if open_enum else f"{members}[{var}]"
                converting.insert(0, ("c is str", [f"{var} = {lookup}"]))
            elif isinstance(branch, type) and attrs.has(branch):
                fast = _compile(branch, self.outer)
                if fast is None:
                    return False
                converting.append(("c is dict", [f"{var} = {self.name(fast)}({var})"]))
            elif typing.get_origin(branch) is list:
                (item,) = typing.get_args(branch)
                if item is Any:
                    plain.append("list")
                elif item is str:
                    converting.append(("c is list", [f"if not all(i.__class__ is str for i in {var}): raise Unusual"]))
                elif isinstance(item, type) and attrs.has(item) and (fast := _compile(item, self.outer)) is not None:
                    converting.append(("c is list", [f"{var} = [{self.name(fast)}(i) for i in {var}]"]))
                else:
                    return False
            else:
                return False
        # An open enum's "str" branch is the enum's. Any other pair of branches testing the same class (two enums,
        # "int | Decimal") depends on the order from_dict tries them in: no fast path rather than a guess.
        tests: dict[str, list[str]] = {}
        for condition, lines in converting:
            if tests.get(condition, lines) != lines:
                return False
            tests[condition] = lines
        for name in plain:
            if f"c is {name}" in tests and not (open_enum and name == "str"):
                return False
        kept = [name for name in dict.fromkeys(plain) if f"c is {name}" not in tests]
        self.lines.append(f"    c = {var}.__class__")
        for i, (condition, lines) in enumerate(tests.items()):
            self.lines.append(f"    {'if' if i == 0 else 'elif'} {condition}:")
            self.lines += [f"        {line}" for line in lines]
        refuse = " and ".join(f"c is not {name}" for name in kept)
        if refuse:
            self.lines.append(f"    {'elif' if tests else 'if'} {refuse}:")
        else:
            self.lines.append("    else:")
        self.lines.append("        raise Unusual")
        return True


@functools.cache
def reader_of(cls: type) -> Fast | None:
    """The compiled fast reader of the generated model ``cls`` (or a subclass of one), or None without one."""
    return _compile(cls, ())


def _compile(cls: type, outer: tuple[type, ...]) -> Fast | None:
    if cls in outer:
        return None  # a schema that contains itself: from_dict reads it
    found = _from_dict_source(cls)
    if found is None:
        return None
    keys = {name: key for name, (key, _) in found.items()}
    hints = typing.get_type_hints(cls, localns=vars(generated_models))
    fields = [f for f in attrs.fields(cls) if f.init]
    if {f.name for f in fields} != set(keys) or hints.get("additional_properties") != dict[str, Any]:
        return None  # typed unknown keys (``additionalProperties: {...}``) are converted by from_dict, not kept
    for field in fields:  # a Decimal or a time that from_dict reads some other way (or not at all): no fast path
        needed = {_CONVERSIONS[b] for b in _branches(hints[field.name]) if b in _CONVERSIONS}
        if not needed <= found[field.name][1]:
            return None
    source = _Source((*outer, cls))
    source.names["cls"] = cls
    source.names["KNOWN"] = frozenset(keys.values())
    source.lines += ["def read(d):", "    if d.__class__ is not dict: raise Unusual", "    g = d.get"]
    arguments = []
    for i, field in enumerate(fields):
        key, var = repr(keys[field.name]), f"a{i}"
        if field.default is attrs.NOTHING:  # required
            source.lines += [f"    if {key} not in d: raise Unusual", f"    {var} = d[{key}]"]
        else:
            source.lines.append(f"    {var} = g({key}, UNSET)")
        if not source.value_check(hints[field.name], var):
            return None
        arguments.append(f"{field.name}={var}")
    source.lines.append(f"    o = cls({', '.join(arguments)})")
    # Unknown keys are kept, in the order they came, as from_dict keeps them.
    source.lines.append("    extra = {} if d.keys() <= KNOWN else {k: x for k, x in d.items() if k not in KNOWN}")
    source.lines.append("    o.additional_properties = extra")
    source.lines.append("    return o")
    exec("\n".join(source.lines), source.names)  # the source is made of field names and keys, never of data
    return typing.cast(Fast, source.names["read"])


def read(cls: type[T], value: Any) -> tuple[T, bool]:
    """``cls.from_dict(value)``, and whether it is known to match its annotations (read by the fast path)."""
    fast = reader_of(typing.cast(type, cls))
    if fast is not None:
        try:
            return fast(value), True
        except Exception:  # anything unusual: the generated reader decides, as it always did
            pass
    return typing.cast(Any, cls).from_dict(value), False
