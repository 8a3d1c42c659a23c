"""What changed for users between two versions of the spec: operations, models, fields, enum values.

    surface_diff.py OLD_SPEC NEW_SPEC [--markdown] [--version=OLD_VERSION [--current=VERSION]]

Run by codegen.sh against the spec in git HEAD (or ``--diff REF``). Each change is marked BREAKING when code
written against the old generated client can stop working: something removed, a type changed, a response field
that may now be absent or null, a request field that becomes required, an enum value removed. The last line says
which semver bump that calls for. Written for this spec's conventions (named schemas, allOf merging, anyOf open
enums); no maintained OpenAPI diff tool installs from the registries and reads OpenAPI 3.1 offline (Optic's CLI
1.0.9 crashes on start, openapi-diff 0.24.1 refuses 3.1), hence this script.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

PREFIX = "#/components/schemas/"


class Change(NamedTuple):
    what: str  # operation, model, field, enum value
    subject: str
    detail: str
    breaking: bool


class Field(NamedTuple):
    type: str
    required: bool
    nullable: bool


class Surface:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
        self.operations: dict[str, str] = {}
        request: set[str] = set()
        response: set[str] = set()
        for group in ("paths", "webhooks"):
            for path, item in document.get(group, {}).items():
                for method, op in item.items():
                    if not isinstance(op, dict) or "operationId" not in op:
                        continue
                    where = f"{method.upper()} {path}" if group == "paths" else f"webhook {path}"
                    self.operations[op["operationId"]] = where
                    body = self._refs(op.get("requestBody", {}))
                    # A webhook's body is what users receive: it reads like a response.
                    (response if group == "webhooks" else request).update(body)
                    request.update(self._refs(op.get("parameters", [])))
                    response.update(self._refs(op.get("responses", {})))
        self.request = self._closure(request)
        self.response = self._closure(response)

    def _refs(self, node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                if ref.startswith(PREFIX):
                    yield ref.removeprefix(PREFIX)
                else:  # a shared response, parameter or example: follow it
                    _, section, name = ref.removeprefix("#/").split("/")
                    yield from self._refs(self.document["components"][section][name])
            for key, value in node.items():
                if key != "examples":
                    yield from self._refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from self._refs(value)

    def _closure(self, names: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen or name not in self.schemas:
                continue
            seen.add(name)
            todo.extend(self._refs(self.schemas[name]))
        return seen

    def side(self, model: str) -> str:
        if model.endswith("()"):
            return "request"  # an operation's parameters
        sides = [s for s, names in (("request", self.request), ("response", self.response)) if model in names]
        return "+".join(sides) or "unused"

    def type_of(self, schema: dict[str, Any]) -> tuple[str, bool]:
        """(type description without null, nullable)."""
        if "$ref" in schema:
            name = schema["$ref"].removeprefix(PREFIX)
            target = self.schemas.get(name, {})
            if "anyOf" in target and "properties" not in target:
                return self.type_of(target)  # a named union (an open enum) reads as what it unites
            return name, False
        if len(schema.get("allOf", ())) == 1:
            inner, nullable = self.type_of(schema["allOf"][0])
            return inner, nullable
        if "anyOf" in schema:
            parts = [self.type_of(branch) for branch in schema["anyOf"] if branch != {"type": "null"}]
            nullable = any(branch == {"type": "null"} for branch in schema["anyOf"]) or any(n for _, n in parts)
            return " | ".join(sorted(t for t, _ in parts)), nullable
        declared = schema.get("type", [])
        types = [declared] if isinstance(declared, str) else list(declared)
        nullable = "null" in types
        types = [t for t in types if t != "null"] or ["any"]
        text = "|".join(types)
        if "array" in types and isinstance(schema.get("items"), dict):
            text = text.replace("array", f"list[{self.type_of(schema['items'])[0]}]")
        if "format" in schema:
            text += f" ({schema['format']})"
        return text, nullable

    def fields(self, model: str) -> dict[str, Field]:
        schema = self.schemas[model]
        properties: dict[str, Any] = {}
        required: set[str] = set()
        for part in [*schema.get("allOf", ()), schema]:
            if "$ref" in part:
                for name, found in self.fields(part["$ref"].removeprefix(PREFIX)).items():
                    properties[name] = found
                    if found.required:
                        required.add(name)
                continue
            for name, prop in part.get("properties", {}).items():
                properties[name] = prop
            required.update(part.get("required", ()))
        result = {}
        for name, prop in properties.items():
            if isinstance(prop, Field):
                result[name] = prop._replace(required=name in required)
            else:
                kind, nullable = self.type_of(prop)
                result[name] = Field(kind, name in required, nullable)
        return result

    def models(self) -> dict[str, dict[str, Field]]:
        """Object schemas by name with their fields, and each operation's parameters as one more "model"."""
        found = {
            name: self.fields(name)
            for name, schema in self.schemas.items()
            if ("properties" in schema or "allOf" in schema) and "enum" not in schema
        }
        for group in ("paths", "webhooks"):
            for item in self.document.get(group, {}).values():
                for op in item.values():
                    parameters = op.get("parameters", []) if isinstance(op, dict) else []
                    if parameters:
                        fields = {}
                        for parameter in parameters:
                            kind, nullable = self.type_of(parameter.get("schema", {}))
                            fields[parameter["name"]] = Field(kind, bool(parameter.get("required")), nullable)
                        found[f"{op['operationId']}()"] = fields
        return found

    def enums(self) -> dict[str, list[str]]:
        return {name: list(schema["enum"]) for name, schema in self.schemas.items() if "enum" in schema}


def compare(old: Surface, new: Surface) -> list[Change]:
    changes: list[Change] = []
    for op in sorted(old.operations.keys() | new.operations.keys()):
        before, after = old.operations.get(op), new.operations.get(op)
        if before is None:
            changes.append(Change("operation", op, f"added ({after})", False))
        elif after is None:
            changes.append(Change("operation", op, f"removed ({before})", True))
        elif before != after:
            changes.append(Change("operation", op, f"moved: {before} -> {after}", True))

    old_models, new_models = old.models(), new.models()
    for model in sorted(old_models.keys() | new_models.keys()):
        if model not in new_models:
            changes.append(Change("model", model, "removed", True))
            continue
        side = new.side(model)
        if model not in old_models:
            changes.append(Change("model", model, f"added ({side})", False))
            continue
        changes += _compare_fields(model, side, old_models[model], new_models[model])

    old_enums, new_enums = old.enums(), new.enums()
    for enum in sorted(old_enums.keys() | new_enums.keys()):
        values_before, values_after = old_enums.get(enum), new_enums.get(enum)
        if values_after is None:
            changes.append(Change("enum", enum, "removed", True))
        elif values_before is None:
            changes.append(Change("enum", enum, f"added: {', '.join(values_after)}", False))
        else:
            changes += [
                Change("enum value", f"{enum}.{v}", "added", False) for v in values_after if v not in values_before
            ]
            changes += [
                Change("enum value", f"{enum}.{v}", "removed", True) for v in values_before if v not in values_after
            ]
    return changes


def _compare_fields(model: str, side: str, before: dict[str, Field], after: dict[str, Field]) -> list[Change]:
    request, response = "request" in side, "response" in side
    changes = []
    for name in sorted(before.keys() | after.keys()):
        subject = f"{model}.{name}"
        old, new = before.get(name), after.get(name)
        if new is None:
            changes.append(Change("field", subject, f"removed ({side})", True))
        elif old is None:
            what = f"added: {new.type}{' | null' if new.nullable else ''}, {'required' if new.required else 'optional'}"
            changes.append(Change("field", subject, f"{what} ({side})", request and new.required))
        else:
            if old.type != new.type:
                widened = old.type in new.type.split(" | ")  # accepts what it did and more
                breaking = response or not widened
                changes.append(Change("field", subject, f"type {old.type} -> {new.type} ({side})", breaking))
            if old.required != new.required:
                how = "optional -> required" if new.required else "required -> optional"
                breaking = (request and new.required) or (response and not new.required)
                changes.append(Change("field", subject, f"{how} ({side})", breaking))
            if old.nullable != new.nullable:
                how = "now nullable" if new.nullable else "no longer nullable"
                breaking = (response and new.nullable) or (request and not new.nullable)
                changes.append(Change("field", subject, f"{how} ({side})", breaking))
    return changes


def bump(version: str, changes: list[Change]) -> str:
    """The next version by semver (before 1.0, a breaking change bumps the minor number)."""
    major, minor, patch = (int(p) for p in version.split(".")[:3])
    if any(c.breaking for c in changes):
        return f"{major + 1}.0.0" if major else f"{major}.{minor + 1}.0"
    if changes:
        return f"{major}.{minor + 1}.0" if major else f"{major}.{minor}.{patch + 1}"
    return version


def render(changes: list[Change], markdown: bool = False) -> str:
    breaking = sum(c.breaking for c in changes)
    if markdown:
        lines = [f"- {'**BREAKING** ' if c.breaking else ''}{c.what} `{c.subject}`: {c.detail}" for c in changes]
        return "\n".join(lines) + "\n"
    lines = [f"public surface: {len(changes)} change(s), {breaking} breaking"]
    lines += [f"  {'BREAKING' if c.breaking else 'ok      '}  {c.what:<10} {c.subject:<40} {c.detail}" for c in changes]
    return "\n".join(lines) + "\n"


def load(path: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(Path(path).read_text()) or {}
    return document


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    changes = compare(Surface(load(args[0])), Surface(load(args[1])))
    sys.stdout.write(render(changes, markdown="--markdown" in argv))
    options = dict(a.removeprefix("--").split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    if "version" in options:
        needed = bump(options["version"], changes)
        current = options.get("current", options["version"])
        note = "" if current == needed else f" (the package says {current}: set overrides/cryptocloud/_version.py)"
        print(f"semver: {options['version']} -> {needed}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
