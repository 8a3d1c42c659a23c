"""The spec validates, and every example in it validates against its own schema."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from support.reference import SPEC_PATH, documented_paths, spec
from support.spec_tools import examples

_registry = Registry().with_resource("urn:spec", DRAFT202012.create_resource(spec()))


def _anchor_refs(schema: Any) -> Any:
    """Point the document's local refs (#/components/...) at the registered copy of the document."""
    if isinstance(schema, dict):
        return {
            k: ("urn:spec" + v if k == "$ref" and v.startswith("#") else _anchor_refs(v)) for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_anchor_refs(v) for v in schema]
    return schema


def validator_for(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(_anchor_refs(schema), registry=_registry)


def test_spec_is_valid_openapi() -> None:
    validate(spec())
    assert spec()["openapi"] == "3.1.0"
    assert isinstance(spec()["info"]["version"], str)


ALL = list(examples())


@pytest.mark.parametrize("path", sorted(documented_paths().values()))
def test_every_documented_operation_has_its_examples(path: str) -> None:
    # Each endpoint of the notes' table shows its request, its answer and the error answers every call can get.
    where = [w for w, _, _ in ALL]
    for part in ("request application/json", "response 200", "response 400", "response 401", "response 403"):
        assert any(w.startswith(f"POST {path} {part} ") for w in where), f"{SPEC_PATH}: {path} has no {part} example"


def test_the_postback_has_an_example_in_each_format() -> None:
    where = [w for w, _, _ in ALL]
    for media in ("application/json", "application/x-www-form-urlencoded"):
        assert any(w.startswith(f"POST paymentPostback request {media} ") for w in where), f"{SPEC_PATH}: {media}"


@pytest.mark.parametrize(("where", "schema", "value"), ALL, ids=[a[0] for a in ALL])
def test_example_validates(where: str, schema: dict[str, Any], value: Any) -> None:
    errors = [e.message for e in validator_for(schema).iter_errors(value)]
    assert errors == [], where


def test_a_wrong_example_is_caught() -> None:
    request_schema = spec()["paths"]["/v2/invoice/create"]["post"]["requestBody"]["content"]["application/json"]
    bad = {"shop_id": "x", "amount": 100, "currency": "XXX"}
    assert list(validator_for(request_schema["schema"]).iter_errors(bad))
