"""Every field the docs name exists in the spec with the documented type; nested objects are named schemas."""

from __future__ import annotations

from typing import Any

import pytest
from support.recorded_tools import recorded
from support.reference import (
    DOCS_PATH,
    REQUEST_SECTION,
    RESPONSE_SECTION,
    DocField,
    request_fields,
    response_fields,
    typed_names,
)
from support.spec_tools import all_properties, json_types, property_schema, ref_name, resolve, schemas

# What each type word of the docs means in JSON Schema terms.
EXPECTED_JSON_TYPE = {"string": "string", "float": "number", "bool": "boolean", "dict": "object"}


def check_field(schema_name: str, path: str, field: DocField) -> None:
    prop = property_schema(schema_name, path)
    where = f"{schema_name}.{path}"
    if field.doc_type == "list[string]":
        target = resolve(prop)
        assert target["type"] == "array", where
        assert json_types(target["items"]) == {"string"}, where
    elif field.doc_type == "dict":
        name = ref_name(prop)
        assert name is not None, f"{where}: a nested object must be a named schema"
        assert schemas()[name]["type"] == "object", where
    else:
        # Nullable fields may also be null; open enums are string or enum-of-string.
        assert json_types(prop) - {"null"} == {EXPECTED_JSON_TYPE[field.doc_type]}, where


REQUEST = request_fields()
RESPONSE = response_fields()


@pytest.mark.parametrize(("section", "parsed"), [(REQUEST_SECTION, REQUEST), (RESPONSE_SECTION, RESPONSE)])
def test_the_parser_reads_every_field_the_docs_list(
    section: tuple[str, str | None], parsed: dict[str, DocField]
) -> None:
    # Every name above a type line of the docs copy is a field the parser read: a field written in a form it does
    # not know (or a docs copy laid out anew) fails here, before a spec test passes on fewer fields.
    listed = typed_names(*section)
    assert listed, f"{DOCS_PATH.name} has no section {section[0]!r}"
    assert sorted(listed) == sorted(name.rsplit(".", 1)[-1] for name in parsed), f"read from {DOCS_PATH}"


@pytest.mark.parametrize("name", sorted(REQUEST))
def test_request_field(name: str) -> None:
    check_field("InvoiceCreateRequest", name, REQUEST[name])


def test_request_required_fields_match_docs() -> None:
    required = sorted(n for n, f in REQUEST.items() if f.required)  # the docs star them
    assert sorted(schemas()["InvoiceCreateRequest"]["required"]) == required


def test_request_is_closed_and_amount_positive() -> None:
    request = schemas()["InvoiceCreateRequest"]
    assert request["additionalProperties"] is False
    assert schemas()["InvoiceAddFields"]["additionalProperties"] is False
    assert resolve(request["properties"]["amount"])["exclusiveMinimum"] == 0
    assert request["properties"]["currency"]["default"] == "USD"
    assert ref_name(request["properties"]["currency"]) == "FiatCurrency"
    assert ref_name(property_schema("InvoiceCreateRequest", "add_fields.cryptocurrency")) == "CryptoCurrency"
    items = resolve(property_schema("InvoiceCreateRequest", "add_fields.available_currencies"))["items"]
    assert ref_name(items) == "CryptoCurrency"


@pytest.mark.parametrize("name", sorted(RESPONSE))
def test_response_field(name: str) -> None:
    check_field("InvoiceFields", name, RESPONSE[name])


def real_create_fields() -> set[str]:
    """Every field of the invoice in the recorded real answers to a create (tests/recorded/)."""
    found: set[str] = set()
    for answer in recorded().values():
        result = answer["body"].get("result") if isinstance(answer["body"], dict) else None
        if answer["operation"] == "createInvoice" and isinstance(result, dict):
            found |= set(result)
    return found


def test_response_has_exactly_the_fields_the_docs_or_real_answers_name() -> None:
    in_spec = set(schemas()["InvoiceFields"]["properties"])
    named = set(RESPONSE) | real_create_fields()
    assert sorted(named - in_spec) == [], "add these to InvoiceFields in openapi/cryptocloud.yaml"
    assert sorted(in_spec - named) == [], (
        f"no source names these: record a real answer that shows them (tests/recorded/) or add them to {DOCS_PATH}"
    )


@pytest.mark.parametrize(("schema", "field"), [("Currency", "currency"), ("Project", "project")])
def test_nested_schema_has_exactly_the_docs_keys(schema: str, field: str) -> None:
    from support.reference import example_value

    doc_object: dict[str, Any] = example_value(RESPONSE[field])
    assert ref_name(schemas()["InvoiceFields"]["properties"][field]) == schema
    assert sorted(schemas()[schema]["properties"]) == sorted(doc_object)
    if schema == "Currency":
        assert ref_name(schemas()["Currency"]["properties"]["network"]) == "Network"
        assert sorted(schemas()["Network"]["properties"]) == sorted(doc_object["network"])


def test_response_enum_fields_are_open_and_request_fields_closed() -> None:
    invoice = schemas()["InvoiceFields"]["properties"]
    for name in ("status", "fiat_currency", "side_commission", "side_commission_cc"):
        branches = resolve(invoice[name]).get("anyOf", [])
        assert {"type": "string"} in branches, f"Invoice.{name} must accept unknown values"
    currency = property_schema("InvoiceCreateRequest", "currency")
    assert "anyOf" not in resolve(currency) and "enum" in resolve(currency)


@pytest.mark.parametrize(("schema", "prop", "prop_schema"), list(all_properties()), ids=lambda v: str(v)[:30])
def test_every_property_has_a_one_line_description(schema: str, prop: str, prop_schema: dict[str, Any]) -> None:
    described = prop_schema.get("description") or resolve(prop_schema).get("description")
    assert described and "\n" not in described.strip(), f"{schema}.{prop}"


def test_money_and_time_formats() -> None:
    invoice = schemas()["InvoiceFields"]["properties"]
    money = [n for n, f in RESPONSE.items() if f.doc_type == "float"]  # every float of the docs is money
    assert money, f"no float field in the response section of {DOCS_PATH}"
    assert [n for n in money if resolve(invoice[n]).get("format") != "decimal"] == []
    assert resolve(property_schema("InvoiceCreateRequest", "amount"))["format"] == "decimal"
    for name in ("created", "expiry_date"):
        assert resolve(invoice[name])["format"] == "utc-datetime"


def test_security_is_declared_on_every_operation() -> None:
    from support.reference import spec

    scheme = spec()["components"]["securitySchemes"]["ApiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    operations = [op for item in spec()["paths"].values() for op in item.values()]
    withdrawal = [op for op in operations if op["operationId"] == "createWithdrawal"]
    assert [op["security"] for op in withdrawal] == [[{"WithdrawalKeyAuth": []}]]  # a key of its own
    assert operations and all(op["security"] == [{"ApiKeyAuth": []}] for op in operations if op not in withdrawal)
    create = spec()["paths"]["/v2/invoice/create"]["post"]
    assert (create["operationId"], create["tags"]) == ("createInvoice", ["invoices"])
    assert sorted(create["responses"]) == ["200", "400", "401", "403"]
