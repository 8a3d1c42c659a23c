"""The Python package's public surface, as its users reach it, and what changed in it between two releases.

    public_surface.py      print the surface of the package that ``import cryptocloud`` finds, as JSON

What is collected (``collect``): every method of both clients and their resources with its run-time signature
(``inspect.signature(client.invoices.create)``), the clients' constructors, the package's functions
(``verify_postback``); the attributes users read or set on models, generated (``cryptocloud_client.models``) and
hand-written (``ConfirmedPayment``, ``Invoice.pay_url``...); enums and their values; the error classes, what they
derive from and the attributes they carry; every command of the ``cryptocloud`` CLI with its options and
arguments; the names ``cryptocloud`` exports; the generated package's operations and clients. Models that exist
only to be merged into others by ``allOf`` (``InvoiceFields``) are left out: no operation takes or returns one,
and their fields are listed with the models that merge them.

``compare`` says what changed, and which changes are BREAKING for code written against the old surface: anything
removed, a parameter that becomes required or whose type narrows, an attribute users read whose type widens
(it may now be None or UNSET), a request model field that becomes required, an error class that stops deriving
from one of its bases, a CLI option that becomes required.

A build tool (codegen.sh runs it with the new generated tree first on PYTHONPATH): it imports and inspects the
package, and reads the error classes' source for the attributes their constructors set.
"""

from __future__ import annotations

import ast
import asyncio
import enum
import functools
import importlib
import importlib.resources
import inspect
import json
import pkgutil
import re
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from typing import Any

import attrs
from surface_diff import Change, compare_enums

KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional or keyword",
    inspect.Parameter.VAR_POSITIONAL: "*args",
    inspect.Parameter.KEYWORD_ONLY: "keyword",
    inspect.Parameter.VAR_KEYWORD: "**kwargs",
}
IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*")


# ------------------------------------------------------------------ types and signatures as text


def union_parts(text: str) -> list[str]:
    """The top-level members of a union written ``A | B[C | D]``, each stripped."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += 1 if char in "[(" else -1 if char in "])" else 0
        if char == "|" and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def type_text(annotation: Any) -> str:
    """An annotation as text, union members sorted (``None | str | Unset``), so that order is no change."""
    if annotation is inspect.Parameter.empty or annotation is inspect.Signature.empty:
        return ""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", None) or repr(annotation)
    return " | ".join(sorted(union_parts(text.replace("typing.", "")), key=str.casefold))


def default_text(value: Any) -> str | None:
    if value is inspect.Parameter.empty:
        return None
    text = repr(value)
    return f"<{type(value).__name__}>" if " at 0x" in text else text


def signature(call: Any) -> dict[str, Any]:
    """Parameters ``[name, kind, type, default or None]`` and the return type of ``call`` as it is called."""
    found = inspect.signature(call)
    params = [
        [p.name, KINDS[p.kind], type_text(p.annotation), default_text(p.default)] for p in found.parameters.values()
    ]
    return {"params": params, "returns": type_text(found.return_annotation)}


# ------------------------------------------------------------------ where a class is reached from


def is_ours(cls: type) -> bool:
    return cls.__module__.split(".")[0] in ("cryptocloud", "cryptocloud_client")


def public_name(cls: type) -> str:
    """Generated classes by their name (``Invoice``); hand-written ones by their shortest public import path
    (``cryptocloud.Invoice``, ``cryptocloud.postbacks.Mismatch``)."""
    if cls.__module__.startswith("cryptocloud_client"):
        return cls.__name__
    parts = cls.__module__.split(".")
    for depth in range(1, len(parts) + 1):
        module = ".".join(parts[:depth])
        if any(p.startswith("_") for p in parts[1:depth]):
            break
        if getattr(sys.modules.get(module), cls.__name__, None) is cls:
            return f"{module}.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def classes_named(annotation: str, owner: Any) -> Iterator[type]:
    """Our classes an annotation names, resolved where ``owner`` (a module, a class and its bases, a function)
    was written."""
    if isinstance(owner, types.ModuleType):
        modules = [owner]
    else:
        written = owner.__mro__ if isinstance(owner, type) else (owner,)
        modules = [sys.modules[c.__module__] for c in written if c.__module__ in sys.modules]
    for name in IDENTIFIER.findall(annotation):
        for module in modules:
            value: Any = module
            for part in name.split("."):
                value = getattr(value, part, None)
            if isinstance(value, type) and is_ours(value):
                yield value
                break


# ------------------------------------------------------------------ collecting


class Collector:
    def __init__(self) -> None:
        import cryptocloud
        import cryptocloud_client
        from cryptocloud import errors

        self.cryptocloud, self.errors, self.generated = cryptocloud, errors, cryptocloud_client
        spec = json.loads(importlib.resources.files("cryptocloud_client").joinpath("openapi.json").read_text())
        from surface_diff import Surface

        described = Surface(spec)
        self.sides = {name: described.side(name) for name in described.schemas}
        self.internal = described.internal_bases()
        self.surface: dict[str, Any] = {
            "calls": {},
            "models": {},
            "enums": {},
            "errors": {},
            "commands": {},
            "names": sorted(cryptocloud.__all__),
        }
        self.todo: list[type] = []

    def collect(self) -> dict[str, Any]:
        import cryptocloud_client.models as models

        for name in sorted(models.__all__):
            if name not in self.internal:
                self.todo.append(getattr(models, name))
        for name in sorted(self.cryptocloud.__all__):
            value = getattr(self.cryptocloud, name)
            if name in ("CryptoCloud", "AsyncCryptoCloud"):
                self.client(value)
            elif isinstance(value, type) and issubclass(value, BaseException):
                self.error(value)
            elif isinstance(value, type):
                self.todo.append(value)
            elif callable(value):
                self.call("", name, value, value)
        self.generated_package()
        self.cli()
        seen: set[type] = set()
        while self.todo:
            cls = self.todo.pop(0)
            if cls not in seen:
                seen.add(cls)
                self.model(cls)
        return self.surface

    def call(self, owner: str, member: str, function: Any, context: Any) -> None:
        found = signature(function)
        self.surface["calls"].setdefault(owner, {})[member] = found
        for text in (found["returns"], *(p[2] for p in found["params"])):
            self.todo.extend(classes_named(text, context))

    def client(self, cls: type) -> None:
        from cryptocloud._resource import AsyncResource, SyncResource

        self.call("", cls.__name__, cls, cls)
        instance = cls(api_key="surface", shop_id="surface")
        try:
            self.methods(cls.__name__, "", instance)
            attributes = self.attributes(cls, None)
            for name, value in sorted(vars(instance).items()):
                if not name.startswith("_") and isinstance(value, SyncResource | AsyncResource):
                    attributes[name] = {"type": type(value).__name__, "required": False}
                    self.resource(cls.__name__, name, value)
            self.surface["models"][cls.__name__] = {"side": "response", "attributes": attributes}
        finally:
            closed = instance.close()
            if inspect.iscoroutine(closed):
                asyncio.run(closed)

    def resource(self, owner: str, prefix: str, resource: Any) -> None:
        """The resource's methods, and those of resources it holds (``with_raw_response``), by dotted path."""
        from cryptocloud._resource import AsyncResource, SyncResource

        self.methods(owner, prefix, resource)
        for name in public_members(type(resource)):
            if isinstance(inspect.getattr_static(type(resource), name), property | functools.cached_property):
                value = getattr(resource, name)
                if isinstance(value, SyncResource | AsyncResource):
                    self.resource(owner, f"{prefix}.{name}", value)
        calls = self.surface["calls"][owner]
        for member, found in calls.items():  # with_raw_response.create takes what create takes: said once
            plain = member.replace(".with_raw_response.", ".")
            if plain != member and plain in calls and calls[plain]["params"] == found["params"]:
                found["params"] = f"as {plain}"

    def methods(self, owner: str, prefix: str, instance: Any) -> None:
        for name in public_members(type(instance)):
            if inspect.isfunction(inspect.getattr_static(type(instance), name)):
                self.call(owner, f"{prefix}.{name}".lstrip("."), getattr(instance, name), type(instance))

    def attributes(self, cls: type, base: type | None) -> dict[str, Any]:
        """Fields (attrs) and properties users read, with their types; ``required`` for fields the constructor
        needs. With ``base``, only those the base does not have alike."""
        found: dict[str, Any] = {}
        if attrs.has(cls):
            for field in attrs.fields(cls):
                if not field.name.startswith("_"):
                    required = field.init and field.default is attrs.NOTHING
                    found[field.name] = {"type": type_text(field.type or ""), "required": required}
        for name in public_members(cls):
            static = inspect.getattr_static(cls, name)
            if isinstance(static, property | functools.cached_property):
                getter = static.func if isinstance(static, functools.cached_property) else static.fget
                assert getter is not None, f"{cls.__name__}.{name}: a property without a getter"
                found[name] = {"type": type_text(inspect.signature(getter).return_annotation), "required": False}
        for value in found.values():
            self.todo.extend(classes_named(value["type"], cls))
        if base is not None:
            inherited = self.attributes(base, None)
            found = {k: v for k, v in found.items() if inherited.get(k) != v}
        return found

    def model(self, cls: type) -> None:
        name = public_name(cls)
        if issubclass(cls, enum.Enum):
            self.surface["enums"][name] = [str(member.value) for member in cls]
            return
        if issubclass(cls, BaseException) or name in self.surface["models"]:
            return
        bases = [b for b in cls.__bases__ if is_ours(b) and attrs.has(b)]
        side = self.sides.get(cls.__name__, "response") if name == cls.__name__ else "response"
        entry: dict[str, Any] = {"side": side}
        if bases:
            entry["extends"] = public_name(bases[0])
            self.todo.append(bases[0])
        entry["attributes"] = self.attributes(cls, bases[0] if bases else None)
        self.surface["models"][name] = entry
        for member in public_members(cls, inspect.isfunction, generated=False):  # the generator's are its own
            self.call(name, member, getattr(cls, member), cls)

    def error(self, cls: type[BaseException]) -> None:
        bases = [b.__name__ for b in cls.__mro__[1:] if b not in (object, BaseException) and b.__name__[0] != "_"]
        names: set[str] = set()
        for klass in cls.__mro__:
            if klass.__module__ != self.errors.__name__:
                continue
            names |= {n for n in vars(klass).get("__annotations__", {}) if not n.startswith("_")}
            names |= set(assigned_attributes(klass))
        names |= set(public_members(cls, lambda v: isinstance(v, property)))
        self.surface["errors"][cls.__name__] = {"bases": bases, "attributes": sorted(names)}

    def generated_package(self) -> None:
        import cryptocloud_client.api as api

        for client in ("AuthenticatedClient", "Client"):
            self.call("cryptocloud_client", client, getattr(self.generated, client), self.generated)
        for info in pkgutil.walk_packages(api.__path__, "cryptocloud_client.api."):
            if not info.ispkg:
                module = importlib.import_module(info.name)
                self.call("cryptocloud_client.api", info.name.split(".", 2)[2] + ".sync", module.sync, module)

    def cli(self) -> None:
        import click
        from cryptocloud.cli import main

        def walk(command: click.Command, path: str) -> None:
            params: dict[str, Any] = {}
            for param in command.params:
                if isinstance(param, click.Option):
                    params[max(param.opts, key=len)] = {
                        "required": param.required,
                        "type": param.type.name,
                        "flag": param.is_flag,
                        "multiple": param.multiple,
                    }
                else:
                    params[param.human_readable_name] = {
                        "required": param.required,
                        "type": param.type.name,
                        "nargs": param.nargs,
                    }
            self.surface["commands"][path] = params
            if isinstance(command, click.Group):
                for name, sub in sorted(command.commands.items()):
                    walk(sub, f"{path} {name}")

        walk(main, "cryptocloud")


def public_members(cls: type, keep: Any = None, generated: bool = True) -> list[str]:
    """Public names defined on ``cls`` or our bases (not on object, Exception, str...; with ``generated=False``,
    not on the generated models either), sorted."""
    names = set()
    for klass in cls.__mro__:
        if is_ours(klass) and (generated or not klass.__module__.startswith("cryptocloud_client")):
            names |= {n for n, v in vars(klass).items() if not n.startswith("_") and (keep is None or keep(v))}
    return sorted(names)


def assigned_attributes(cls: type) -> Iterator[str]:
    """``self.NAME = ...`` in the class's ``__init__`` (public names only)."""
    init = vars(cls).get("__init__")
    if init is None:
        return
    tree = ast.parse(textwrap.dedent(inspect.getsource(init)))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)):
            continue
        if isinstance(node.value, ast.Name) and node.value.id == "self" and not node.attr.startswith("_"):
            yield node.attr


def collect() -> dict[str, Any]:
    """The surface of the package that ``import cryptocloud`` and ``import cryptocloud_client`` find."""
    return Collector().collect()


# ------------------------------------------------------------------ comparing


def _widened(before: str, after: str) -> bool:
    return set(union_parts(before)) <= set(union_parts(after))


def _keyed(before: dict[str, Any], after: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """Each key of either, in the old order then the new keys, with its value before and after (None: absent)."""
    for key in [*before, *(k for k in after if k not in before)]:
        yield key, before.get(key), after.get(key)


def _params(calls: dict[str, Any], found: dict[str, Any]) -> list[list[Any]]:
    params = found["params"]
    if isinstance(params, str):  # "as invoices.create"
        return list(calls[params.removeprefix("as ")]["params"])
    return list(params)


def _compare_params(owner: str, member: str, old: dict[str, list[Any]], new: dict[str, list[Any]]) -> list[Change]:
    """Parameters ``[name, kind, type, default]`` of one call before and after, by name."""
    changes: list[Change] = []
    for name, was, now in _keyed(old, new):
        subject = f"{member}({name})"
        if now is None:
            changes.append(Change("parameter", owner, subject, "removed", True))
        elif was is None:
            required = now[3] is None and now[1] not in ("*args", "**kwargs")
            detail = f"added: {now[2]}" + (", required" if required else f" = {now[3]}" if now[3] else "")
            changes.append(Change("parameter", owner, subject, detail, required))
        else:
            if was[1] != now[1]:
                loosened = now[1] == "positional or keyword" and was[1] in ("positional", "keyword")
                changes.append(Change("parameter", owner, subject, f"{was[1]} -> {now[1]}", not loosened))
            if was[2] != now[2]:
                widened = _widened(was[2], now[2])
                changes.append(Change("parameter", owner, subject, f"type {was[2]} -> {now[2]}", not widened))
            if was[3] != now[3]:
                detail = "now required" if now[3] is None else f"default {was[3]} -> {now[3]}"
                changes.append(Change("parameter", owner, subject, detail, was[3] is not None))
    positional = ("positional", "positional or keyword")
    order_before = [n for n, p in old.items() if p[1] in positional and n in new]
    order_after = [n for n, p in new.items() if p[1] in positional and n in old]
    if order_before != order_after:
        changes.append(Change("method", owner, member, f"positional order {order_before} -> {order_after}", True))
    return changes


Both = Callable[[str, Any, Any], list[Change]]


def _each(what: str, owner: str, old: dict[str, Any], new: dict[str, Any], added: str, both: Both) -> list[Change]:
    """Each member of ``old`` and ``new``: removed (BREAKING), ``added``, or what ``both`` finds between the two."""
    changes: list[Change] = []
    for name, was, now in _keyed(old, new):
        if now is None:
            changes.append(Change(what, owner, name, "removed", True))
        elif was is None:
            changes.append(Change(what, owner, name, added.format(**now) if isinstance(now, dict) else added, False))
        else:
            changes += both(name, was, now)
    return changes


def _compare_calls(owner: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    def both(member: str, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
        changes: list[Change] = []
        # "as invoices.create" on both sides: that call's own line says what changed.
        if not (isinstance(before["params"], str) and before["params"] == after["params"]):
            was = {p[0]: p for p in _params(old, before)}
            now = {p[0]: p for p in _params(new, after)}
            changes += _compare_params(owner, member, was, now)
        if before["returns"] != after["returns"]:
            narrowed = _widened(after["returns"], before["returns"])
            detail = f"returns {before['returns']} -> {after['returns']}"
            changes.append(Change("method", owner, member, detail, not narrowed))
        return changes

    return _each("method", owner, old, new, "added", both)


def _compare_attributes(model: str, side: str, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Attributes users read (a response model: a wider type may break them) or set (a request model: a
    narrower type, or one now required, may break them)."""
    request, response = "request" in side, "response" in side or side == "unused"
    changes: list[Change] = []
    for name, was, now in _keyed(before, after):
        if now is None:
            changes.append(Change("attribute", model, name, "removed", True))
        elif was is None:
            detail = f"added: {now['type']}" + (", required" if now["required"] and request else "")
            changes.append(Change("attribute", model, name, detail, request and now["required"]))
        else:
            if was["type"] != now["type"]:
                read_wider = response and not _widened(now["type"], was["type"])
                set_narrower = request and not _widened(was["type"], now["type"])
                detail = f"type {was['type']} -> {now['type']}"
                changes.append(Change("attribute", model, name, detail, read_wider or set_narrower))
            if request and was["required"] != now["required"]:
                detail = "now required" if now["required"] else "no longer required"
                changes.append(Change("attribute", model, name, detail, now["required"]))
    return changes


def _model(model: str, was: dict[str, Any], now: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    if was.get("extends") != now.get("extends"):
        changes.append(Change("class", "", model, f"extends {was.get('extends')} -> {now.get('extends')}", True))
    return changes + _compare_attributes(model, now["side"], was["attributes"], now["attributes"])


def _error(name: str, was: dict[str, Any], now: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    lost = [b for b in was["bases"] if b not in now["bases"]]  # an except clause stops catching it
    if lost:
        changes.append(Change("error", "", name, f"no longer a {', '.join(lost)}", True))
    before, after = was["attributes"], now["attributes"]
    changes += [Change("attribute", name, a, "removed", True) for a in before if a not in after]
    return changes + [Change("attribute", name, a, "added", False) for a in after if a not in before]


def _command(command: str, was: dict[str, Any], now: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for option, before, after in _keyed(was, now):
        subject = f"{command} {option}"
        if after is None:
            changes.append(Change("option", "", subject, "removed", True))
        elif before is None:
            detail = "added, required" if after["required"] else "added"
            changes.append(Change("option", "", subject, detail, after["required"]))
        elif before != after:
            differ = [k for k in after if before.get(k) != after.get(k)]
            detail = ", ".join(f"{k} {before.get(k)} -> {after.get(k)}" for k in differ)
            loosened = differ == ["required"] and not after["required"]
            changes.append(Change("option", "", subject, detail, not loosened))
    return changes


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from surface ``old`` to ``new`` (both from ``collect``), breaking changes marked."""
    before, after = old["names"], new["names"]
    changes = [Change("name", "cryptocloud", n, "no longer exported", True) for n in before if n not in after]
    changes += [Change("name", "cryptocloud", n, "exported", False) for n in after if n not in before]
    for owner, was, now in _keyed(old["calls"], new["calls"]):
        changes += _compare_calls(owner, was or {}, now or {})
    changes += _each("class", "", old["models"], new["models"], "added ({side})", _model)
    changes += compare_enums(old["enums"], new["enums"])
    changes += _each("error", "", old["errors"], new["errors"], "added", _error)
    return changes + _each("command", "", old["commands"], new["commands"], "added", _command)


def main() -> int:
    json.dump(collect(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
