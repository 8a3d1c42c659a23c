"""The bundled spec, read for comparing answers with it: which fields, types, nulls and enum values it allows."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import attrs

from ._model import (
    _ABSENT,
    KINDS,
    MISSING,
    NULL,
    UNKNOWN_ENUM,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    Answer,
    DriftInputError,
    Finding,
    Row,
    _join,
    _json_type,
    sample,
)


@attrs.frozen
class _Node:
    """The known fields and enum values at one place of an answer (for the client's run-time check)."""

    enum: frozenset[str] | None = None
    known: frozenset[str] | None = None
    children: dict[str, _Node] = attrs.field(factory=dict)
    extra: _Node | None = None
    open_object: bool = False
    items: _Node | None = None

    def walk(self, value: Any, path: str, out: list[tuple[str, str, Any]]) -> None:
        if self.enum is not None:
            if isinstance(value, str) and value not in self.enum:
                out.append((UNKNOWN_ENUM, path, value))
        elif self.known is not None and isinstance(value, dict):
            for key in value.keys() - self.known if not self.open_object else ():
                out.append((UNKNOWN_FIELD, _join(path, key), value[key]))
            for key, child in self.children.items():
                if key in value:
                    child.walk(value[key], _join(path, key), out)
            if self.extra is not None:
                for key in value.keys() - self.known:
                    self.extra.walk(value[key], _join(path, key), out)
        elif self.items is not None and isinstance(value, list):
            for item in value:
                self.items.walk(item, f"{path}[]", out)


class Spec:
    """The parts of an OpenAPI document that drift needs: operations and their schemas, flattened."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
        # Caches by id(); each entry keeps its key object alive, so an id is never reused while cached.
        self._flat: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._type_cache: dict[int, tuple[dict[str, Any], frozenset[str]]] = {}
        self._nodes: dict[int, tuple[dict[str, Any], _Node | None]] = {}
        self.operations: dict[str, tuple[str, dict[str, Any], bool]] = {}  # id -> (path, operation, webhook)
        self._by_path: dict[str, str | None] = {}
        for group, webhook in (("paths", False), ("webhooks", True)):
            for path, item in document.get(group, {}).items():
                for operation in item.values():
                    if isinstance(operation, dict) and "operationId" in operation:
                        self.operations[operation["operationId"]] = (path, operation, webhook)

    def operation_for(self, path: str) -> str | None:
        """The operation answering at ``path`` (a URL path, whatever prefix the base URL adds)."""
        if path in self._by_path:  # asked for every answer: the same few paths
            return self._by_path[path]
        found = None
        for operation_id, (spec_path, _, webhook) in self.operations.items():
            if not webhook and path.rstrip("/").endswith(spec_path.rstrip("/")):
                found = operation_id
                break
        if len(self._by_path) < 256:
            self._by_path[path] = found
        return found

    def body_schema(self, operation_id: str, status: int) -> dict[str, Any] | None:
        """The schema of the JSON answer ``status`` of an operation (a webhook's: of the body it sends)."""
        _, operation, webhook = self.operations[operation_id]
        holder = operation.get("requestBody", {}) if webhook else operation.get("responses", {}).get(str(status))
        if holder is None:
            holder = operation.get("responses", {}).get("default")
        while isinstance(holder, dict) and "$ref" in holder:
            _, section, name = holder["$ref"].removeprefix("#/").split("/")
            holder = self.document["components"][section][name]
        if not isinstance(holder, dict):
            return None
        schema = holder.get("content", {}).get("application/json", {}).get("schema")
        return schema if isinstance(schema, dict) else None

    # ------------------------------------------------------------------ schemas

    def flatten(self, schema: dict[str, Any]) -> dict[str, Any]:
        """``$ref`` followed and ``allOf`` merged: one dict with type, properties, required, enum, anyOf..."""
        cached = self._flat.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        if "$ref" in schema:
            target = self._schemas[schema["$ref"].rsplit("/", 1)[1]]
            flat = dict(self.flatten(target))
            flat.update({k: v for k, v in schema.items() if k != "$ref"})
        elif "allOf" in schema:
            flat = {"properties": {}, "required": []}
            parts = [self.flatten(m) for m in schema["allOf"]] + [{k: v for k, v in schema.items() if k != "allOf"}]
            for part in parts:
                for key, value in part.items():
                    if key == "properties":
                        flat["properties"] |= value
                    elif key == "required":
                        flat["required"] += [r for r in value if r not in flat["required"]]
                    else:
                        flat[key] = value
            if not flat["properties"]:
                del flat["properties"]
        else:
            flat = schema
        self._flat[id(schema)] = (schema, flat)
        return flat

    def _types(self, flat: dict[str, Any]) -> frozenset[str]:
        cached = self._type_cache.get(id(flat))
        if cached is not None and cached[0] is flat:
            return cached[1]
        declared = flat.get("type")
        types = frozenset([declared] if isinstance(declared, str) else declared or ())
        if not types and "properties" in flat:
            types = frozenset({"object"})
        self._type_cache[id(flat)] = (flat, types)
        return types

    def _allows(self, flat: dict[str, Any], json_type: str) -> bool:
        if "anyOf" in flat:
            return any(self._allows(self.flatten(b), json_type) for b in flat["anyOf"])
        types = self._types(flat)
        return not types or json_type in types or (json_type == "integer" and "number" in types)

    def _describe(self, flat: dict[str, Any]) -> str:
        if "anyOf" in flat:
            return " or ".join(self._describe(self.flatten(b)) for b in flat["anyOf"])
        types = sorted(self._types(flat)) or ["any"]
        text = "|".join(types)
        return f"{text} ({flat['format']})" if "format" in flat else text

    def check(self, schema: dict[str, Any], value: Any, path: str = "") -> list[tuple[str, str, str, Any]]:
        """(kind, field, expected, value) for each way ``value`` differs from ``schema``."""
        out: list[tuple[str, str, str, Any]] = []
        self._check(self.flatten(schema), value, path, out)
        return out

    def _check(self, flat: dict[str, Any], value: Any, path: str, out: list[tuple[str, str, str, Any]]) -> None:
        if "anyOf" in flat:
            self._check_any_of(flat, value, path, out)
            return
        types = self._types(flat)
        json_type = _json_type(value)
        if value is None:
            if types and "null" not in types:
                out.append((NULL, path, self._describe(flat), value))
            return
        if types and not self._allows(flat, json_type):
            out.append((WRONG_TYPE, path, self._describe(flat), value))
            return
        if "enum" in flat and value not in flat["enum"]:
            out.append((UNKNOWN_ENUM, path, "one of " + ", ".join(map(str, flat["enum"])), value))
        elif isinstance(value, str) and "pattern" in flat and not re.search(flat["pattern"], value):
            out.append((WRONG_TYPE, path, f"text matching {flat['pattern']}", value))
        elif isinstance(value, list) and isinstance(flat.get("items"), dict):
            items = self.flatten(flat["items"])
            for item in value:
                self._check(items, item, f"{path}[]", out)
        elif isinstance(value, dict):
            self._check_object(flat, value, path, out)

    def _check_object(
        self, flat: dict[str, Any], value: dict[str, Any], path: str, out: list[tuple[str, str, str, Any]]
    ) -> None:
        properties: dict[str, Any] = flat.get("properties", {})
        for name in flat.get("required", ()):
            if name not in value:
                out.append((MISSING, _join(path, name), "required", _ABSENT))
        extra = flat.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                self._check(self.flatten(properties[key]), item, _join(path, key), out)
            elif isinstance(extra, dict):
                self._check(self.flatten(extra), item, _join(path, key), out)
            elif properties or extra is False:
                out.append((UNKNOWN_FIELD, _join(path, key), "not in the spec", item))

    def _check_any_of(self, flat: dict[str, Any], value: Any, path: str, out: list[tuple[str, str, str, Any]]) -> None:
        branches = [self.flatten(b) for b in flat["anyOf"]]
        if value is None:
            if not any(self._allows(b, "null") for b in branches):
                out.append((NULL, path, self._describe(flat), value))
            return
        # An open enum: the enum, or any text. Text outside the enum is accepted, and reported as drift.
        enums = [b for b in branches if "enum" in b]
        if isinstance(value, str) and enums and any(self._types(b) == {"string"} and "enum" not in b for b in branches):
            known = [v for b in enums for v in b["enum"]]
            if value not in known:
                out.append((UNKNOWN_ENUM, path, "one of " + ", ".join(map(str, known)), value))
            return
        attempts: list[list[tuple[str, str, str, Any]]] = []
        for branch in branches:
            found: list[tuple[str, str, str, Any]] = []
            self._check(branch, value, path, found)
            if not found:
                return
            attempts.append(found)
        json_type = _json_type(value)
        matching = [a for a, branch in zip(attempts, branches, strict=True) if self._allows(branch, json_type)]
        if matching:
            out.extend(sorted(matching, key=lambda a: len(a))[0])  # the branch this value came closest to
        else:
            out.append((WRONG_TYPE, path, self._describe(flat), value))

    # ------------------------------------------------------------------ the fast check the client runs

    def _node(self, schema: dict[str, Any]) -> _Node | None:
        """What an answer may hold at ``schema``, reduced to what the run-time check needs (cached)."""
        flat = self.flatten(schema)
        cached = self._nodes.get(id(flat))
        if cached is not None and cached[0] is flat:
            return cached[1]
        node: _Node | None = None
        if "anyOf" in flat:
            branches = [self.flatten(b) for b in flat["anyOf"]]
            known = frozenset(v for b in branches for v in b.get("enum", ()))
            solid = [b for b in branches if self._types(b) != {"null"}]
            if known:
                node = _Node(enum=known)
            elif len(solid) == 1:
                node = self._node(solid[0])
        elif "enum" in flat:
            node = _Node(enum=frozenset(flat["enum"]))
        elif "properties" in flat or isinstance(flat.get("additionalProperties"), dict):
            properties: dict[str, Any] = flat.get("properties", {})
            extra = flat.get("additionalProperties")
            node = _Node(
                known=frozenset(properties),
                children={k: n for k, v in properties.items() if (n := self._node(v)) is not None},
                extra=self._node(extra) if isinstance(extra, dict) else None,
                open_object=isinstance(extra, dict),
            )
        elif isinstance(flat.get("items"), dict):
            node = _Node(items=self._node(flat["items"]))
        self._nodes[id(flat)] = (flat, node)
        return node

    def unknowns(self, operation: str, status: int, body: Any) -> list[tuple[str, str, Any]]:
        """(kind, field, value) for each unknown field or enum value in an answer: a lighter ``findings``."""
        schema = self.body_schema(operation, status)
        node = self._node(schema) if schema is not None else None
        out: list[tuple[str, str, Any]] = []
        if node is not None:
            node.walk(body, "", out)
        return out

    # ------------------------------------------------------------------ answers

    def findings(self, answer: Answer) -> list[Finding]:
        operation = answer.operation or (self.operation_for(answer.path) if answer.path else None)
        if operation is None or operation not in self.operations:
            what = answer.operation or answer.path or "no operation or path given"
            raise DriftInputError(f"{answer.where}: no operation of the spec answers {what!r} (try --operation)")
        schema = self.body_schema(operation, answer.status)
        if schema is None:
            if answer.body is None:
                return []  # a recorded non-JSON answer (a proxy's error page): not the API's shape
            expected = f"no JSON answer {answer.status} in the spec"
            return [Finding(operation, WRONG_TYPE, "(body)", expected, sample(answer.body), answer.where)]
        return [
            Finding(operation, kind, field or "(body)", expected, sample(value), answer.where)
            for kind, field, expected, value in self.check(schema, answer.body)
        ]


@functools.cache
def bundled_spec() -> Spec:
    """The spec this package was generated from."""
    text = resources.files("cryptocloud_client").joinpath("openapi.json").read_text(encoding="utf-8")
    return Spec(json.loads(text))


def rows(findings: Iterable[Finding]) -> list[Row]:
    """Findings merged by operation, kind and field (first sample and place kept), in a stable order."""
    merged: dict[tuple[str, str, str], Row] = {}
    for f in findings:
        key = (f.operation, f.kind, f.field)
        row = merged.get(key)
        merged[key] = (
            Row(f.operation, f.kind, f.field, f.expected, f.sample, f.seen_in, 1)
            if row is None
            else attrs.evolve(row, count=row.count + 1)
        )
    return sorted(merged.values(), key=lambda r: (r.operation, KINDS.index(r.kind), r.field))


# ------------------------------------------------------------------ reading recorded answers
