"""Requests checked against the bundled OpenAPI spec, with errors in the API's shape.

The checks are those openapi-core's ``validate_request`` makes for this spec (the security header, the query
parameters, the body's media type and its JSON Schema, with openapi-schema-validator's OAS 3.1 validator and
format checker, as openapi-core uses them), compiled once per operation when the first request is checked:
openapi-core builds its validators again for every request, which cost more than the fake's own work.
``tests/test_fake_validation.py`` holds the two to the same answers.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import attrs
import httpx

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

Problems = dict[str, list[str] | str]
SPEC_URI = "urn:cryptocloud:openapi.yaml"
DATA_KEYWORDS = frozenset({"enum", "const", "default", "example", "examples"})  # their values are data, not schemas


@cache
def spec_text() -> str:
    return resources.files("cryptocloud_client").joinpath("openapi.yaml").read_text(encoding="utf-8")


@cache
def spec() -> dict[str, Any]:
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(spec_text())
    return loaded


@attrs.frozen
class Parameter:
    name: str
    required: bool
    schema: Validator


@attrs.frozen
class Operation:
    """What a request to one operation must be, compiled from the spec."""

    security: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # per requirement: scheme names, their headers
    query: tuple[Parameter, ...]
    body_required: bool
    media_types: tuple[str, ...]
    body: Validator | None  # the JSON body's schema (the spec's media types here are all JSON)


@cache
def operations() -> dict[tuple[str, str], Operation]:
    """Every operation of the spec by (path, lower-case method), compiled once."""
    from openapi_schema_validator import OAS30ReadValidator, OAS31Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    document = spec()
    # The whole document, registered under a URI of its own, for the references left in place (see _inlined).
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(document))
    # openapi-core checks OAS 3.1 schemas with the 3.0 format checker (for byte/binary): so does the fake.
    formats = OAS30ReadValidator.FORMAT_CHECKER

    def compiled(*where: str) -> Validator:
        made: Validator = OAS31Validator(
            _inlined(document, _at(document, where)), registry=registry, format_checker=formats
        )
        return made

    schemes = document.get("components", {}).get("securitySchemes", {})
    compiled_operations = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            security = tuple(
                (tuple(requirement), tuple(_header_of(schemes.get(name, {})) for name in requirement))
                for requirement in operation.get("security", document.get("security", []))
            )
            query = tuple(
                Parameter(p["name"], p.get("required", False), compiled(*where, str(i), "schema"))
                for where in [("paths", path, method, "parameters"), ("paths", path, "parameters")]
                for i, p in enumerate(_at(document, where) or [])
                if p["in"] == "query" and "schema" in p
            )
            body = operation.get("requestBody", {})
            content = body.get("content", {})
            media_types = tuple(content)
            first = next(iter(media_types), None)  # the spec's bodies are all JSON, one media type each
            compiled_operations[(path, method)] = Operation(
                security=security,
                query=query,
                body_required=body.get("required", False),
                media_types=media_types,
                body=None
                if first is None or "schema" not in content[first]
                else compiled("paths", path, method, "requestBody", "content", first, "schema"),
            )
    return compiled_operations


def _at(document: Any, where: Iterable[str]) -> Any:
    found: Any = document
    for step in where:
        found = found[int(step)] if isinstance(found, list) else found.get(step, {})
    return found


def _inlined(document: dict[str, Any], node: Any, following: frozenset[str] = frozenset()) -> Any:
    """``node`` with each plain ``{"$ref": "#/..."}`` replaced by what it points to, so that checking a body does
    not look references up again and again (a third of the check's time); the errors are the same, as a $ref
    yields its target's errors unchanged. A reference beside other keywords, or one met again inside itself,
    stays a reference, made absolute to the registered document."""
    if isinstance(node, list):
        return [_inlined(document, item, following) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        if len(node) == 1 and ref not in following:
            target = _at(document, (step.replace("~1", "/").replace("~0", "~") for step in ref[2:].split("/")))
            return _inlined(document, target, following | {ref})
        node = {**node, "$ref": SPEC_URI + ref}
    return {key: value if key in DATA_KEYWORDS else _inlined(document, value, following) for key, value in node.items()}


def _header_of(scheme: dict[str, Any]) -> str:
    """The header an apiKey scheme is sent in ("" for other schemes: not checked)."""
    return str(scheme["name"]).lower() if scheme.get("type") == "apiKey" and scheme.get("in") == "header" else ""


def problems(request: httpx.Request) -> Problems:
    """What the spec finds wrong with a request: error messages by field, in the API's shape (a list per field;
    ``validate_error`` is one string, as the API sends it). A path or method outside the spec has none here:
    the fake answers those itself (404, 405)."""
    operation = operations().get((request.url.path, request.method.lower()))
    if operation is None:
        return {}
    headers = request.headers
    if operation.security and not any(
        all(not header or header in headers for header in needed) for _, needed in operation.security
    ):
        schemes = [list(names) for names, _ in operation.security]
        found = f"Security not found. Schemes not valid for any requirement: {schemes}"
        return {"validate_error": f"SecurityValidationError: {found}"}
    if operation.query:
        query = parse_qs(request.url.query.decode(), keep_blank_values=True)
        for parameter in operation.query:
            if parameter.name not in query:
                if parameter.required:
                    return {"validate_error": f"Missing required query parameter: {parameter.name}"}
                continue
            value = query[parameter.name][0]  # the first of repeated values, as openapi-core reads them
            if value == "":
                return {"validate_error": f"Query parameter error: {parameter.name}"}
            if not parameter.schema.is_valid(value):
                return {"validate_error": f"Invalid query parameter: {parameter.name}"}
    return _body_problems(operation, request.content, headers.get("content-type", ""))


def _body_problems(operation: Operation, content: bytes, content_type: str) -> Problems:
    if not operation.media_types:
        return {}
    if not content:
        return {"validate_error": "Missing required request body"} if operation.body_required else {}
    if not _media_type_known(content_type, operation.media_types):
        return {
            "validate_error": "Request body validation error: Content for the following mimetype not found: "
            f"{content_type}. Valid mimetypes: {list(operation.media_types)}"
        }
    try:
        # Plain json.loads, numbers as floats, as openapi-core reads a body for its check: the schema's
        # integer and minimum checks see the same values.
        value = json.loads(content)
    except ValueError:
        shown = content.decode(errors="replace")
        return {
            "validate_error": "Request body validation error: Failed to deserialize value with "
            f"{content_type.split(';')[0].lower().rstrip()} mimetype: {shown}"
        }
    if operation.body is None:
        return {}
    return _shaped(operation.body.iter_errors(value))


def _media_type_known(content_type: str, media_types: tuple[str, ...]) -> bool:
    """The media type matches one the operation takes: exactly, without parameters, or by a range (*/*)."""
    bare = content_type.split(";")[0].lower().rstrip()
    return (
        content_type in media_types
        or bare in media_types
        or bool(bare and any(fnmatch.fnmatch(bare, known) for known in media_types))
    )


def _shaped(errors: Iterable[Any]) -> Problems:
    found: dict[str, list[str]] = {}
    for error in errors:
        field = ".".join(str(p) for p in error.absolute_path) or _field_of(error)
        found.setdefault(field, []).append(error.message)
    shaped: Problems = dict(found)
    if "validate_error" in found:
        shaped["validate_error"] = "; ".join(found["validate_error"])
    return shaped


def _field_of(error: Any) -> str:
    """The field a 'required' error is about; other errors about the whole body go under validate_error."""
    if error.validator == "required":
        return str(error.message.split("'")[1])
    return "validate_error"
