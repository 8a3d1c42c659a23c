"""Drift: where real answers of the API differ from the spec, found before it breaks anyone.

``cryptocloud drift FILES...`` reads recorded answers (JSON, JSON lines, or a HAR file saved from a browser or
proxy) and reports, per operation, what the spec lacks or contradicts. The client's opt-in recording
(``record_to=``) writes the JSON-lines form, and its ``cryptocloud.drift`` logger uses the same check at run
time. The spec read here is the one the package was generated from (``cryptocloud_client/openapi.json``).

Kinds of finding: an unknown field, a wrong type (or text not matching the spec's pattern), a null where the
spec says not-null, an enum value the spec lacks, a required field missing.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
from cryptocloud_client import _exact

UNKNOWN_FIELD = "unknown field"
WRONG_TYPE = "wrong type"
NULL = "null not allowed"
UNKNOWN_ENUM = "unknown enum value"
MISSING = "missing required"
KINDS = (UNKNOWN_FIELD, WRONG_TYPE, NULL, UNKNOWN_ENUM, MISSING)

_SAMPLE = 40  # characters of a value shown in a report
_ABSENT = object()  # the "value" of a missing field


class DriftInputError(ValueError):
    """A file that cannot be read as recorded answers (the message names the file and line)."""


@attrs.frozen
class Answer:
    """One recorded answer: its body, and what it answered (an operationId, or a path to look it up by)."""

    body: Any
    where: str
    operation: str | None = None
    path: str | None = None
    status: int = 200


@attrs.frozen
class Finding:
    operation: str
    kind: str
    field: str  # a JSON path; list items are written []
    expected: str  # what the spec says
    sample: str  # the value seen, shortened
    seen_in: str


@attrs.frozen
class Row:
    """Findings of one kind at one field of one operation, merged across answers."""

    operation: str
    kind: str
    field: str
    expected: str
    sample: str
    seen_in: str
    count: int

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def sample(value: Any) -> str:
    """A value as it appeared, shortened for a report."""
    if value is _ABSENT:
        return "(absent)"
    text = _exact.dumps(value).decode("utf-8", errors="replace")  # Decimal as the number it was
    return text if len(text) <= _SAMPLE else text[: _SAMPLE - 3] + "..."


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


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
        for group, webhook in (("paths", False), ("webhooks", True)):
            for path, item in document.get(group, {}).items():
                for operation in item.values():
                    if isinstance(operation, dict) and "operationId" in operation:
                        self.operations[operation["operationId"]] = (path, operation, webhook)

    def operation_for(self, path: str) -> str | None:
        """The operation answering at ``path`` (a URL path, whatever prefix the base URL adds)."""
        path = path.rstrip("/")
        for operation_id, (spec_path, _, webhook) in self.operations.items():
            if not webhook and path.endswith(spec_path.rstrip("/")):
                return operation_id
        return None

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


def _loads(text: str) -> Any:
    return _exact.loads(text)  # money stays exact; NaN and Infinity are refused


def _record(data: Any, where: str, operation: str | None) -> Answer:
    """One record ({"operation" or "path", "status", "body"}), or a bare body when ``operation`` is given."""
    if isinstance(data, dict) and ("body" in data or "response" in data):
        path = data.get("path") or (urlsplit(data["url"]).path if isinstance(data.get("url"), str) else None)
        status = data.get("status", 200)
        if not isinstance(status, int):
            raise DriftInputError(f"{where}: status must be a number, got {status!r}")
        body = data["body"] if "body" in data else data["response"]
        return Answer(body, where, operation or data.get("operation"), path, status)
    if operation is None:
        raise DriftInputError(f"{where}: a bare answer: give --operation, or record {{'operation', 'body'}} objects")
    return Answer(data, where, operation)


def _har(data: dict[str, Any], name: str) -> Iterator[Answer]:
    for i, entry in enumerate(data["log"].get("entries", [])):
        request, response = entry.get("request", {}), entry.get("response", {})
        content = response.get("content", {})
        text = content.get("text")
        if not isinstance(text, str) or "json" not in str(content.get("mimeType", "json")):
            continue
        if content.get("encoding") == "base64":
            text = base64.b64decode(text).decode("utf-8", errors="replace")
        try:
            body = _loads(text)
        except ValueError:
            continue
        path = urlsplit(str(request.get("url", ""))).path
        if bundled_spec().operation_for(path) is None:
            continue  # another site's traffic in the same capture
        yield Answer(body, f"{name}#entry{i}", None, path, int(response.get("status", 200)))


def read_answers(file: Path, operation: str | None = None) -> Iterator[Answer]:
    """The answers in a JSON file (one record, a list of records, or a HAR capture) or a JSON-lines file."""
    name = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DriftInputError(f"{name}: cannot read: {exc}") from None
    try:
        data = _loads(text)
    except ValueError:
        data = None
        lines = True
    else:
        lines = False
    if not lines:
        if isinstance(data, dict) and isinstance(data.get("log"), dict):
            yield from _har(data, name)
        elif isinstance(data, list) and (operation is None or all(isinstance(d, dict) and "body" in d for d in data)):
            for i, item in enumerate(data):
                yield _record(item, f"{name}[{i}]", operation)
        else:
            yield _record(data, name, operation)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = _loads(line)
        except ValueError as exc:
            raise DriftInputError(f"{name}:{number}: not JSON ({exc})") from None
        yield _record(item, f"{name}:{number}", operation)


def report(files: Iterable[Path], operation: str | None = None, spec: Spec | None = None) -> tuple[list[Row], int]:
    """(drift rows, number of answers read) for the recorded answers in ``files``."""
    spec = spec or bundled_spec()
    found: list[Finding] = []
    count = 0
    for file in files:
        for answer in read_answers(file, operation):
            count += 1
            found += spec.findings(answer)
    return rows(found), count
