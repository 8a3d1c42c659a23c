"""Small helpers to walk the OpenAPI document in tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from support.reference import spec

SCHEMA_PREFIX = "#/components/schemas/"


def schemas(document: dict[str, Any] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = (document or spec())["components"]["schemas"]
    return result


def resolve(schema: dict[str, Any], document: dict[str, Any] | None = None) -> dict[str, Any]:
    """Follow `$ref` and one-element `allOf` to the schema that carries the type."""
    while True:
        if "$ref" in schema:
            schema = schemas(document)[schema["$ref"].removeprefix(SCHEMA_PREFIX)]
        elif len(schema.get("allOf", ())) == 1:
            schema = schema["allOf"][0]
        else:
            return schema


def json_types(schema: dict[str, Any]) -> set[str]:
    """Every JSON type a value of this schema may have (anyOf branches included)."""
    schema = resolve(schema)
    if "anyOf" in schema:
        return set().union(*(json_types(branch) for branch in schema["anyOf"]))
    declared = schema.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


def ref_name(schema: dict[str, Any]) -> str | None:
    """The named schema a property points at, directly or through a one-element allOf."""
    if "$ref" in schema:
        return str(schema["$ref"]).removeprefix(SCHEMA_PREFIX)
    if len(schema.get("allOf", ())) == 1:
        return ref_name(schema["allOf"][0])
    # A nullable object: anyOf [the schema, null].
    branches = [b for b in schema.get("anyOf", ()) if b != {"type": "null"}]
    if len(branches) == 1 and len(schema["anyOf"]) == 2:
        return ref_name(branches[0])
    return None


def property_schema(schema_name: str, dotted: str) -> dict[str, Any]:
    """`add_fields.time_to_pay` of InvoiceCreateRequest: follows named object schemas along the path."""
    schema = schemas()[schema_name]
    first, _, rest = dotted.partition(".")
    prop: dict[str, Any] = schema["properties"][first]
    if rest:
        name = ref_name(prop)
        assert name is not None, f"{schema_name}.{first} is not a named schema"
        return property_schema(name, rest)
    return prop


def all_properties() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, schema in schemas().items():
        for prop, prop_schema in schema.get("properties", {}).items():
            yield name, prop, prop_schema


def _deref(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` to components (responses, examples...)."""
    while "$ref" in node:
        _, section, name = node["$ref"].removeprefix("#/").split("/")
        node = document["components"][section][name]
    return node


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path or webhook name, operation) for every operation and webhook."""
    document = spec()
    for group in ("paths", "webhooks"):
        for path, item in document.get(group, {}).items():
            for method, operation in item.items():
                yield method, path, operation


def examples() -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example value) for every example in the document."""
    document = spec()
    for method, path, operation in operations():
        media_sources = [("request", operation.get("requestBody", {}))]
        media_sources += [(f"response {code}", r) for code, r in operation.get("responses", {}).items()]
        for label, holder in media_sources:
            for content_type, media in _deref(document, holder).get("content", {}).items():
                for ex_name, example in media.get("examples", {}).items():
                    where = f"{method.upper()} {path} {label} {content_type} {ex_name}"
                    yield where, media["schema"], _deref(document, example)["value"]
    for name, prop, prop_schema in all_properties():
        for i, value in enumerate(prop_schema.get("examples", [])):
            yield f"{name}.{prop} example {i}", prop_schema, value
