"""What changed for users between two versions of the spec (operations, models, fields, enum values), the rule
for the spec's own version, and the vocabulary both diffs share (Change, grouping, rendering, semver).

    surface_diff.py OLD_SPEC NEW_SPEC [--markdown]

codegen.sh does not run this file itself: changes.py compares the spec with the last release's (kept in
openapi/surface/VERSION.json, or given as a file) through ``summarize`` and ``compare`` here, and the Python
package's surface through public_surface.py. Each change is marked BREAKING when code written against the old
generated client can stop working: something removed, a type changed, a response field that may now be absent
or null, a request field that becomes required, an enum value removed. Schemas that exist only to be merged into
others by ``allOf`` (``InvoiceFields``) are not listed: their fields are, once, with the models that merge them.
Written for this spec's conventions (named schemas, allOf merging, anyOf open enums); no maintained OpenAPI diff
tool installs from the registries and reads OpenAPI 3.1 offline (Optic's CLI 1.0.9 crashes on start,
openapi-diff 0.24.1 refuses 3.1), hence this script.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

PREFIX = "#/components/schemas/"


class Change(NamedTuple):
    what: str  # operation, model, field, enum value; the Python surface adds method, parameter, attribute...
    owner: str  # the model, client or enum the member belongs to; "" for a whole operation, model or enum
    member: str
    detail: str
    breaking: bool

    @property
    def subject(self) -> str:
        return f"{self.owner}.{self.member}" if self.owner else self.member


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
        for section in ("paths", "webhooks"):
            for item in self.document.get(section, {}).values():
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

    def internal_bases(self) -> set[str]:
        """Schemas used only as a part of other schemas' ``allOf`` (merged into them): no operation takes or
        returns one, so they are no part of what users see, though generators make a class of each."""
        composed: set[str] = set()
        elsewhere: set[str] = set()
        for schema in self.schemas.values():
            parts = schema.get("allOf", [])
            if len(parts) > 1:
                composed.update(p["$ref"].removeprefix(PREFIX) for p in parts if "$ref" in p)
                elsewhere.update(self._refs([p for p in parts if "$ref" not in p]))
                elsewhere.update(self._refs({k: v for k, v in schema.items() if k != "allOf"}))
            else:
                elsewhere.update(self._refs(schema))
        rest = {k: v for k, v in self.document.items() if k != "components"}
        elsewhere.update(self._refs(rest))
        return composed - elsewhere


def summarize(document: dict[str, Any]) -> dict[str, Any]:
    """What users of the spec see, as plain data (kept in a release's snapshot): operations, models with their
    side and fields ``[type, required, nullable]``, enums."""
    surface = Surface(document)
    internal = surface.internal_bases()
    return {
        "operations": surface.operations,
        "models": {
            name: {"side": surface.side(name), "fields": {f: list(field) for f, field in fields.items()}}
            for name, fields in surface.models().items()
            if name not in internal
        },
        "enums": surface.enums(),
    }


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from spec summary ``old`` to ``new`` (``summarize``), breaking changes marked."""
    changes: list[Change] = []
    for op in sorted(old["operations"].keys() | new["operations"].keys()):
        before, after = old["operations"].get(op), new["operations"].get(op)
        if before is None:
            changes.append(Change("operation", "", op, f"added ({after})", False))
        elif after is None:
            changes.append(Change("operation", "", op, f"removed ({before})", True))
        elif before != after:
            changes.append(Change("operation", "", op, f"moved: {before} -> {after}", True))

    old_models, new_models = old["models"], new["models"]
    for model in sorted(old_models.keys() | new_models.keys()):
        if model not in new_models:
            changes.append(Change("model", "", model, "removed", True))
            continue
        side = new_models[model]["side"]
        if model not in old_models:
            changes.append(Change("model", "", model, f"added ({side})", False))
            continue
        before = {name: Field(*f) for name, f in old_models[model]["fields"].items()}
        after = {name: Field(*f) for name, f in new_models[model]["fields"].items()}
        changes += _compare_fields(model, side, before, after)

    return changes + compare_enums(old["enums"], new["enums"])


def compare_enums(old: dict[str, list[str]], new: dict[str, list[str]]) -> list[Change]:
    """Enums by name with their values, before and after: a value removed breaks code that names it."""
    changes: list[Change] = []
    for enum in [*old, *(e for e in new if e not in old)]:
        before, after = old.get(enum), new.get(enum)
        if after is None:
            changes.append(Change("enum", "", enum, "removed", True))
        elif before is None:
            changes.append(Change("enum", "", enum, f"added: {', '.join(after)}", False))
        else:
            changes += [Change("enum value", enum, v, "added", False) for v in after if v not in before]
            changes += [Change("enum value", enum, v, "removed", True) for v in before if v not in after]
    return changes


def _compare_fields(model: str, side: str, before: dict[str, Field], after: dict[str, Field]) -> list[Change]:
    request, response = "request" in side, "response" in side
    changes = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if new is None:
            changes.append(Change("field", model, name, f"removed ({side})", True))
        elif old is None:
            what = f"added: {new.type}{' | null' if new.nullable else ''}, {'required' if new.required else 'optional'}"
            changes.append(Change("field", model, name, f"{what} ({side})", request and new.required))
        else:
            if old.type != new.type:
                widened = old.type in new.type.split(" | ")  # accepts what it did and more
                breaking = response or not widened
                changes.append(Change("field", model, name, f"type {old.type} -> {new.type} ({side})", breaking))
            if old.required != new.required:
                how = "optional -> required" if new.required else "required -> optional"
                breaking = (request and new.required) or (response and not new.required)
                changes.append(Change("field", model, name, f"{how} ({side})", breaking))
            if old.nullable != new.nullable:
                how = "now nullable" if new.nullable else "no longer nullable"
                breaking = (response and new.nullable) or (request and not new.nullable)
                changes.append(Change("field", model, name, f"{how} ({side})", breaking))
    return changes


def group(changes: Iterable[Change]) -> list[Change]:
    """One change made alike to several owners becomes one, its owner written ``{A,B,C}``: a field added to the
    invoice fields is one line for Invoice, InvoiceDetails and PostbackInvoice. First appearance order."""
    owners: dict[tuple[str, str, str, bool], list[str]] = {}
    for c in changes:
        owners.setdefault((c.what, c.member, c.detail, c.breaking), []).append(c.owner)
    grouped = []
    for (what, member, detail, breaking), names in owners.items():
        unique = list(dict.fromkeys(names))
        owner = unique[0] if len(unique) == 1 else "{" + ",".join(unique) + "}"
        grouped.append(Change(what, owner, member, detail, breaking))
    return grouped


# ------------------------------------------------------------------ versions


def parse_version(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(p) for p in version.split(".")[:3])
    return major, minor, patch


def bump(version: str, changes: list[Change]) -> str:
    """The next version by semver (before 1.0, a breaking change bumps the minor number)."""
    major, minor, patch = parse_version(version)
    if any(c.breaking for c in changes):
        return f"{major + 1}.0.0" if major else f"{major}.{minor + 1}.0"
    if changes:
        return f"{major}.{minor + 1}.0" if major else f"{major}.{minor}.{patch + 1}"
    return version


def fingerprint(document: dict[str, Any]) -> str:
    """A hash of the whole document but its own ``info.version``: whether anything in it changed, text included."""
    bare = copy.deepcopy(document)
    bare.get("info", {}).pop("version", None)
    return hashlib.sha256(json.dumps(bare, sort_keys=True, default=str).encode()).hexdigest()


def api_major(document: dict[str, Any]) -> int | None:
    """The API's own major version, from its paths (``/v2/...``), when all of them say the same."""
    found = {m.group(1) for path in document.get("paths", {}) if (m := re.match(r"/v(\d+)/", path))}
    return int(found.pop()) if len(found) == 1 else None


def spec_version(
    released: str, released_fingerprint: str, document: dict[str, Any], changes: list[Change]
) -> tuple[str, str]:
    """The ``info.version`` the spec should carry now, after ``released`` at the last release, and why.

    Its major is the API's own (the ``/vN/`` paths); its minor goes up when what it describes changes
    (operations, models, fields, enum values: BREAKING ones are marked in the CHANGELOG, since the API, not this
    document, decides them); its patch when only its text does (descriptions, examples)."""
    major, minor, patch = parse_version(released)
    api = api_major(document)
    if api is not None and api != major:
        return f"{api}.0.0", f"the API's paths are now /v{api}/"
    if changes:
        breaking = sum(c.breaking for c in changes)
        return f"{major}.{minor + 1}.0", f"what it describes changed ({len(changes)} change(s), {breaking} breaking)"
    if fingerprint(document) != released_fingerprint:
        return f"{major}.{minor}.{patch + 1}", "only its text changed (descriptions, examples)"
    return released, "unchanged"


# ------------------------------------------------------------------ output


def render(changes: list[Change], markdown: bool = False, title: str = "public surface") -> str:
    if markdown:
        lines = [f"- {'**BREAKING** ' if c.breaking else ''}{c.what} `{c.subject}`: {c.detail}" for c in changes]
        return "\n".join(lines) + "\n"
    breaking = sum(c.breaking for c in changes)
    lines = [f"{title}: {len(changes)} change(s), {breaking} breaking"]
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
    changes = group(compare(summarize(load(args[0])), summarize(load(args[1]))))
    sys.stdout.write(render(changes, markdown="--markdown" in argv, title="spec"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
