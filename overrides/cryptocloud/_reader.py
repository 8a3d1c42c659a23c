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
from cryptocloud_client._exact import MAX_ADJUSTED_EXPONENT, parse_utc_datetime
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
        self.names |= {"parse_utc_datetime": parse_utc_datetime, "MAX": MAX_ADJUSTED_EXPONENT}

    def name(self, value: Any) -> str:
        label = f"N{len(self.names)}"
        self.names[label] = value
        return label

    def value_check(self, hint: Any, indent: str) -> bool:
        """Lines that accept ``v`` (class in ``c``) of type ``hint`` and convert it as ``from_dict`` would, or raise
        Unusual; False when ``hint`` has a branch this reader does not know."""
        tests: list[tuple[str, list[str]]] = []  # (condition, body)
        branches = _branches(hint)
        open_enum = str in branches
        for branch in branches:
            if branch is Any:
                return self._emit([("True", [])], indent)
            if branch is str or branch is bool or branch is int:
                tests.append((f"c is {branch.__name__}", []))
            elif branch is type(None):
                tests.append(("v is None", []))
            elif branch is Unset:
                tests.append(("c is Unset", []))
            elif branch is Decimal:
                # What parse_decimal accepts without a word: a JSON number, exact, of a plausible size.
                bound = "if not -MAX <= v.adjusted() <= MAX: raise Unusual"
                tests.append(("c is Decimal", [bound]))
                tests.append(("c is int", ["v = Decimal(v)", bound]))
            elif branch is datetime.datetime:
                tests.append(("c is str", ["v = parse_utc_datetime(v)"]))  # raises on anything it cannot read
            elif isinstance(branch, type) and issubclass(branch, enum.Enum):
                members = self.name(branch._value2member_map_)
                # An open enum (``E | str``) keeps an unknown value as text; a closed one leaves it to from_dict.
                convert = f"v = {members}.get(v, v)" if open_enum else f"v = {members}[v]"
                tests.insert(0, ("c is str", [convert]))
            elif isinstance(branch, type) and attrs.has(branch):
                fast = _compile(branch, self.outer)
                if fast is None:
                    return False
                tests.append(("c is dict", [f"v = {self.name(fast)}(v)"]))
            elif typing.get_origin(branch) is list:
                (item,) = typing.get_args(branch)
                if item is Any:
                    tests.append(("c is list", []))
                elif item is str:
                    tests.append(("c is list", ["if not all(i.__class__ is str for i in v): raise Unusual"]))
                elif isinstance(item, type) and attrs.has(item) and (fast := _compile(item, self.outer)) is not None:
                    tests.append(("c is list", [f"v = [{self.name(fast)}(i) for i in v]"]))
                else:
                    return False
            else:
                return False
        # An open enum's "str" branch is the enum's. Any other pair of branches testing the same thing (two enums,
        # "int | Decimal") depends on the order from_dict tries them in: no fast path rather than a guess.
        unique: dict[str, list[str]] = {}
        for condition, body in tests:
            if (
                condition in unique
                and body != unique[condition]
                and not (open_enum and condition == "c is str" and body == [])
            ):
                return False
            unique.setdefault(condition, body)
        return self._emit(list(unique.items()), indent)

    def _emit(self, tests: list[tuple[str, list[str]]], indent: str) -> bool:
        for i, (condition, body) in enumerate(tests):
            self.lines.append(f"{indent}{'if' if i == 0 else 'elif'} {condition}:")
            self.lines += [f"{indent}    {line}" for line in body or ["pass"]]
        self.lines.append(f"{indent}else:")
        self.lines.append(f"{indent}    raise Unusual")
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
        key = repr(keys[field.name])
        required = field.default is attrs.NOTHING
        if required:
            source.lines += [f"    if {key} not in d: raise Unusual", f"    v = d[{key}]"]
        else:
            source.lines.append(f"    v = g({key}, UNSET)")
        source.lines.append("    c = v.__class__")
        if not source.value_check(hints[field.name], "    "):
            return None
        source.lines.append(f"    a{i} = v")
        arguments.append(f"{field.name}=a{i}")
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
