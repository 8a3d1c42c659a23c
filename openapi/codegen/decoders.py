"""Codegen step: each generated model's ``from_dict`` becomes a strict decoder that builds the model in one pass.

The generator's ``from_dict`` copies the dict, pops every key through a nested parser per field, and checks
nothing: a string where an object belongs ends up in the model, and a missing key escapes as a bare KeyError.
The decoder written here, as ordinary source that ruff, mypy --strict and ``codegen.sh --check`` see, reads each
field once, converts it as the post-processor's converters do (``exact.parse_decimal``, ``parse_utc_datetime``:
string amounts included), keeps unknown keys in ``additional_properties`` in the order they came, and refuses
anything its annotation does not allow with ``exact.DecodeError`` (a ValueError) whose ``path`` names the field,
through nested models and list items.

It is driven by the models themselves: the package just generated is imported (from the temp dir, never the
checkout's), each model's annotations say what a field may hold, and the spec says which JSON key it is read
from. A field type this step does not know fails codegen, naming it.
"""

from __future__ import annotations

import enum
import importlib
import re
import sys
import types
import typing
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs


class DecoderError(Exception):
    pass


def _branches(hint: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(hint)
    return typing.get_args(hint) if origin is typing.Union or origin is types.UnionType else (hint,)


def _describe(branches: tuple[Any, ...], unset: type) -> str:
    names = []
    for branch in branches:
        if branch is unset:
            continue
        if typing.get_origin(branch) is list:
            (item,) = typing.get_args(branch)
            names.append(f"list[{_describe((item,), unset)}]")
        elif branch is type(None):
            names.append("null")
        elif branch is Any:
            names.append("any")
        else:
            names.append(getattr(branch, "__name__", str(branch)))
    return " | ".join(names)


# An enum's value -> member map, read by the decoders through a module-level name: looking it up on the enum class
# costs several times the dict lookup itself, once per field per object.
_MEMBERS = "_members_of_"


class _Writer:
    """The source of one model's decoder."""

    def __init__(self, models: dict[type, str], unset: type, exact: types.ModuleType) -> None:
        self.models = models  # model class -> its name in the module's namespace
        self.unset = unset
        self.exact = exact  # the package's exact.py: its bounds are written into the decoders as literals
        self.lines: list[str] = []

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def value(self, hint: Any, var: str, path: str, indent: int, count_missing: bool = False) -> None:
        """Lines that check ``var`` against ``hint``, converting it in place, or raise DecodeError at ``path``
        (a Python expression giving the path's text). With ``count_missing``, an UNSET value adds 1 to
        ``missing``."""
        branches = _branches(hint)
        if Any in branches:
            return
        checks: list[tuple[str, list[str]]] = []  # (condition, lines converting var)
        fallbacks: list[tuple[str, list[str]]] = []  # the same for what JSON never gives: tested after None/UNSET
        converter: str | None = None  # Decimal/datetime: whatever is left goes through the converter
        nullable = type(None) in branches
        for branch in branches:
            if branch is type(None) or branch is self.unset:
                continue
            if branch is str:
                if any(isinstance(b, type) and issubclass(b, enum.Enum) and b is not self.unset for b in branches):
                    continue  # an open enum's text branch: handled with the enum
                # Exact str first (all a JSON body holds); a str subclass still passes, after the cheap tests.
                checks.append((f"{var}.__class__ is str", []))
                fallbacks.append((f"isinstance({var}, str)", []))
            elif branch is bool:
                checks.append((f"{var} is True or {var} is False", []))
            elif branch is int:
                checks.append((f"{var}.__class__ is int", []))
            elif branch is Decimal or branch is datetime:
                if converter is not None:
                    raise DecoderError(f"{path}: two converted types in one union")
                converter = "parse_decimal" if branch is Decimal else "parse_utc_datetime"
                if branch is Decimal:  # what exact.loads makes of JSON numbers, checked in line as parse_decimal would
                    # The bounds as literals: a constant costs less than a global and its negation, per amount.
                    most, integral_most = self.exact.MAX_ADJUSTED_EXPONENT, self.exact.MAX_INTEGRAL_AMOUNT
                    # is_finite() first: NaN and Infinity have an adjusted() of 0, inside any bounds.
                    bounded = f"{var}.is_finite() and {-most} <= {var}.adjusted() <= {most}"
                    checks.append((f"{var}.__class__ is Decimal and {bounded}", []))
                    integral = f"{var}.__class__ is int and {-integral_most} < {var} < {integral_most}"
                    checks.append((integral, [f"{var} = Decimal({var})"]))
                else:  # the form the API always sends, read in C as parse_utc_datetime's own fast path does
                    usual = f"{var}.__class__ is str and len({var}) == 26 and usual_timestamp({var})"
                    reading = [
                        "try:",
                        f"    {var} = utc_fromisoformat({var} + '+00:00')",
                        "except ValueError:  # not a real date (month 13...): parse_utc_datetime says why",
                        "    try:",
                        f"        {var} = parse_utc_datetime({var})",
                        "    except (TypeError, ValueError, ArithmeticError) as exc:",
                        f"        raise DecodeError({path}, str(exc)) from None",
                    ]
                    checks.append((usual, reading))
            elif isinstance(branch, type) and issubclass(branch, enum.Enum):
                members = f"{_MEMBERS}{branch.__name__}"
                if str in branches:  # open: an unknown value stays text
                    checks.append((f"{var}.__class__ is str", [f"{var} = {members}.get({var}, {var})"]))
                    fallbacks.append((f"isinstance({var}, str)", [f"{var} = {members}.get({var}, {var})"]))
                else:
                    checks.append((f"{var}.__class__ is str and {var} in {members}", [f"{var} = {members}[{var}]"]))
                    fallbacks.append((f"isinstance({var}, str) and {var} in {members}", [f"{var} = {members}[{var}]"]))
            elif isinstance(branch, type) and branch in self.models:
                checks.append((f"{var}.__class__ is dict", [f"{var} = {self.models[branch]}.from_dict({var})"]))
                if set(branches) <= {branch, self.unset}:
                    # As the generator's from_dict read it (it took dict(value)): an empty text or array is an
                    # object with no fields (PHP writes an empty object as []).
                    checks.append((f"{var} == '' or {var} == []", [f"{var} = {self.models[branch]}.from_dict({{}})"]))
            elif typing.get_origin(branch) is list:
                checks.append((f"{var}.__class__ is list", self._items(typing.get_args(branch)[0], var, path)))
            else:
                raise DecoderError(f"{path}: no decoder for {branch!r}")
        expected = _describe(branches, self.unset)
        clauses = 0

        def clause(condition: str) -> None:
            nonlocal clauses
            self.emit(indent, f"{'if' if clauses == 0 else 'elif'} {condition}:")
            clauses += 1

        for condition, converting in checks:
            clause(condition)
            if len(converting) == 1 and ".from_dict(" in converting[0]:  # a nested model: its errors get our path
                self._guarded(converting, path, indent + 1)
            else:
                for line in converting or ["pass"]:
                    self.emit(indent + 1, line)
        absent = {f"{var} is None": nullable, f"{var} is UNSET": self.unset in branches}
        if count_missing and self.unset in branches:
            clause(f"{var} is UNSET")
            self.emit(indent + 1, "missing += 1")
            if nullable:
                clause(f"{var} is None")
                self.emit(indent + 1, "pass")
        elif any(absent.values()):
            clause(" or ".join(test for test, ok in absent.items() if ok))
            self.emit(indent + 1, "pass")
        for condition, converting in fallbacks:
            clause(condition)
            for line in converting or ["pass"]:
                self.emit(indent + 1, line)
        if converter is None:
            self.emit(indent, "else:")
            self.emit(indent + 1, f"raise DecodeError.wrong({path}, {expected!r}, {var})")
            return
        if not all(absent.values()):  # the converters let None and UNSET through: refuse them here
            clause(" or ".join(test for test, ok in absent.items() if not ok))
            self.emit(indent + 1, f"raise DecodeError.wrong({path}, {expected!r}, {var})")
        self.emit(indent, "else:")
        self.emit(indent + 1, "try:")
        self.emit(indent + 2, f"{var} = {converter}({var})")
        self.emit(indent + 1, "except (TypeError, ValueError, ArithmeticError) as exc:")
        self.emit(indent + 2, f"raise DecodeError({path}, str(exc)) from None")

    def _guarded(self, body: list[str], path: str, indent: int) -> None:
        self.emit(indent, "try:")
        for line in body:
            self.emit(indent + 1, line)
        self.emit(indent, "except DecodeError as exc:")
        self.emit(indent + 1, f"raise exc.inside({path}) from None")

    def _items(self, item: Any, var: str, path: str) -> list[str]:
        """Lines converting the items of the list ``var`` (an item's path is its index inside ``path``)."""
        if item is Any:
            return []
        if item is str:
            return [
                f"for i, x in enumerate({var}):",
                "    if not isinstance(x, str):",
                f"        raise DecodeError.wrong(i, 'str', x).inside({path})",
            ]
        if isinstance(item, type) and item in self.models:
            model = self.models[item]
            return [
                f"items: list[{model}] = []",
                f"for x in {var}:",
                "    if x.__class__ is not dict:",
                f"        raise DecodeError.wrong(len(items), {model!r}, x).inside({path})",
                "    try:",
                f"        items.append({model}.from_dict(x))",
                "    except DecodeError as exc:",
                f"        raise exc.inside(len(items)).inside({path}) from None",
                f"{var} = items",
            ]
        if isinstance(item, type) and issubclass(item, enum.Enum):
            members = f"{_MEMBERS}{item.__name__}"
            return [
                f"for i, x in enumerate({var}):",
                f"    if not (isinstance(x, str) and x in {members}):",
                f"        raise DecodeError.wrong(i, {item.__name__!r}, x).inside({path})",
                f"{var} = [{members}[x] for x in {var}]",
            ]
        raise DecoderError(f"{path}: no decoder for list items {item!r}")


def decoder_source(
    cls: type,
    keys: dict[str, str],
    hints: dict[str, Any],
    models: dict[type, str],
    unset: type,
    exact: types.ModuleType,
) -> list[str]:
    """The ``_json_keys`` constant and the ``from_dict`` of the model ``cls`` (lines indented for a class body)."""
    fields = [field for field in attrs.fields(cls) if field.init]
    if {field.name for field in fields} != set(keys):
        raise DecoderError(f"{cls.__name__}: fields {sorted(f.name for f in fields)} but JSON keys for {sorted(keys)}")
    extra = hints.get("additional_properties")
    w = _Writer(models, unset, exact)
    w.emit(1, f"_json_keys: ClassVar[frozenset[str]] = frozenset({sorted(keys.values())!r})")
    w.emit(0, "")
    w.emit(1, "@classmethod")
    w.emit(1, "def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:")
    w.emit(2, '"""Decode the JSON object ``src_dict``; DecodeError (a ValueError) names what is wrong and where."""')
    w.emit(2, "d = src_dict")
    w.emit(2, "if d.__class__ is not dict and not isinstance(d, Mapping):")
    w.emit(3, "raise DecodeError.wrong('', 'an object', d)")
    w.emit(2, "get = d.get")
    if extra is not None:
        w.emit(2, "missing = 0  # fields not in d: then len(d) says whether d has other keys")
    arguments = []
    for i, field in enumerate(fields):
        key = keys[field.name]
        var = f"a{i}"
        w.emit(2, f"{var}: Any = get({key!r}, UNSET)")  # Any: converted in place, checked by the lines below
        hint = hints[field.name]
        if field.default is attrs.NOTHING and unset in _branches(hint):
            raise DecoderError(f"{cls.__name__}.{field.name}: required, yet may be UNSET")
        w.value(hint, var, repr(key), 2, count_missing=extra is not None)
        arguments.append(var)
    if any(field.kw_only for field in fields):
        raise DecoderError(f"{cls.__name__}: a keyword-only field; the decoder passes fields by position")
    # By position, in attrs' order of __init__'s parameters (the fields' order): binding each argument by its
    # keyword costs more than the assignments __init__ then makes.
    w.emit(2, f"obj = cls({', '.join(arguments)})")
    if extra is not None:
        # Unknown keys, in the order they came, as the generator's from_dict keeps them. When the object has
        # exactly as many keys as fields found, there is none: that count is cheaper than testing every key.
        w.emit(2, f"if len(d) != {len(fields)} - missing:")
        w.emit(3, "known = cls._json_keys")
        w.emit(3, "if not d.keys() <= known:")
        if extra == dict[str, Any]:
            w.emit(4, "obj.additional_properties = {k: x for k, x in d.items() if k not in known}")
        else:
            (_, value_hint) = typing.get_args(extra)
            w.emit(4, "more = {}")
            w.emit(4, "for k, x in d.items():")
            w.emit(5, "if k not in known:")
            w.value(value_hint, "x", "k", 6)
            w.emit(6, "more[k] = x")
            w.emit(4, "obj.additional_properties = more")
    w.emit(2, "return obj")
    return w.lines


_FROM_DICT = re.compile(
    r"^    @classmethod\n    def from_dict\(.*?(?=^    @property\n|^    def |\Z)", re.MULTILINE | re.DOTALL
)


def write_decoders(package: Path, keys_of: Callable[[str], dict[str, str] | None]) -> int:
    """Replace every model's ``from_dict`` in ``package`` (just generated; imported from its temp dir) with its
    strict decoder. ``keys_of(module name)`` gives the attribute -> JSON key map of the schema that module was
    generated from. Returns how many were written."""
    sys.path.insert(0, str(package.parent))
    try:
        models_module = importlib.import_module(f"{package.name}.models")
        unset = importlib.import_module(f"{package.name}.types").Unset
        exact = importlib.import_module(f"{package.name}.exact")
        classes = {
            getattr(models_module, name): name
            for name in models_module.__all__
            if attrs.has(getattr(models_module, name))
        }
        written = 0
        for cls, name in classes.items():
            keys = keys_of(cls.__module__.rsplit(".", 1)[1])
            if keys is None:
                raise DecoderError(f"{name}: no schema in the spec names this model")
            hints = typing.get_type_hints(cls, localns=vars(models_module))
            path = Path(sys.modules[cls.__module__].__file__ or "")
            text = path.read_text()
            source = "\n".join(decoder_source(cls, keys, hints, classes, unset, exact)) + "\n\n"
            text, count = _FROM_DICT.subn(source.replace("\\", "\\\\"), text)
            if count != 1:
                raise DecoderError(f"{path.name}: expected one from_dict, found {count}")
            path.write_text(_imports(text, sorted(set(re.findall(rf"\b{_MEMBERS}(\w+)", source)))))
            written += 1
        return written
    finally:
        sys.path.remove(str(package.parent))
        for module in [m for m in sys.modules if m == package.name or m.startswith(package.name + ".")]:
            del sys.modules[module]


def _imports(text: str, enums: list[str]) -> str:
    """The module's imports, with what the decoder uses added (nested models are imported already; unused imports
    are then removed by ruff's F401 fix), then the value -> member maps of the ``enums`` its decoder reads."""
    needed = [
        "from typing import ClassVar",
        "from ..exact import (DecodeError, parse_decimal, parse_utc_datetime, usual_timestamp, utc_fromisoformat)",
        "from ..types import UNSET",
    ]
    header, sep, rest = text.partition("\n\n\n")
    maps = "".join(f"{_MEMBERS}{name} = {name}._value2member_map_\n" for name in enums)
    return header + "\n" + "\n".join(needed) + sep + (maps + "\n\n" if maps else "") + rest
