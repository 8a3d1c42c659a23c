"""Every optional field of every spec example and recorded answer, removed or nulled in turn, still decodes.

The spec's rule: only fields every source shows, and without which the answer means nothing, are required;
the rest may be absent, and may be null where a source showed null. So for each optional field present in an
answer: without it the answer decodes; null, it decodes when the spec says nullable, and otherwise fails with
the typed error of a bad answer (a postback keeps an unreadable ``invoice_info`` raw instead).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from cryptocloud import APIResponseValidationError, APIStatusError, PostbackVerificationError
from cryptocloud.drift import Spec, bundled_spec
from cryptocloud.postbacks import PostbackInvoice
from support.recorded_tools import decode, decode_error, error_examples, recorded, spec_examples

Path = tuple[str | int, ...]

SOURCES = [(name, rec["operation"], rec["body"]) for name, rec in recorded().items()] + list(spec_examples())


def optional_fields(spec: Spec, schema: dict[str, Any], value: Any, path: Path = ()) -> Iterator[tuple[Path, bool]]:
    """(path, nullable) of each optional field present in ``value``, at any depth."""
    flat = spec.flatten(schema)
    if "anyOf" in flat:
        for branch in flat["anyOf"]:
            if value is not None and not spec.check(branch, value):
                yield from optional_fields(spec, branch, value, path)
                return
        return
    if isinstance(value, list) and isinstance(flat.get("items"), dict):
        for i, item in enumerate(value):
            yield from optional_fields(spec, flat["items"], item, (*path, i))
    elif isinstance(value, dict):
        properties = flat.get("properties", {})
        for key, item in value.items():
            if key not in properties:
                continue
            if key not in flat.get("required", ()):
                yield (*path, key), not spec.check(properties[key], None)
            yield from optional_fields(spec, properties[key], item, (*path, key))


def variant(body: Any, path: Path, null: bool) -> Any:
    changed = copy.deepcopy(body)
    holder = changed
    for step in path[:-1]:
        holder = holder[step]
    if null:
        holder[path[-1]] = None
    else:
        del holder[path[-1]]
    return changed


def problems(operation: str, body: Any) -> tuple[int, list[str]]:
    """(number of cases, what went wrong) for every optional field of ``body``, removed then nulled."""
    spec = bundled_spec()
    schema = spec.body_schema(operation, 200)
    assert schema is not None
    wrong: list[str] = []
    cases = 0
    for path, nullable in optional_fields(spec, schema, body):
        if operation == "createWithdrawal" and len(path) == 1:
            continue  # the envelope: `result` or `data`, one always (a JSON Schema "one of" would be a union type)
        where = ".".join(map(str, path))
        in_info = operation == "paymentPostback" and path[0] == "invoice_info" and len(path) > 1
        for null in (False, True):
            cases += 1
            what = f"{where} {'null' if null else 'removed'}"
            changed = variant(body, path, null)
            try:
                result = decode(operation, changed)
            except (APIResponseValidationError, PostbackVerificationError) as error:
                if operation == "createWithdrawal" and _names_no_withdrawal(changed, str(path[0])):
                    continue  # every docs version names it by uuid or invoice_id: an answer without may hide a payout
                if not null or nullable or in_info:
                    wrong.append(f"{what}: {type(error).__name__}: {error}")
                continue
            if null and not nullable and not in_info:
                wrong.append(f"{what}: decoded although the spec says not nullable")
            elif in_info and (null and not nullable) != (not isinstance(result.invoice_info, PostbackInvoice)):
                wrong.append(f"{what}: invoice_info is {type(result.invoice_info).__name__}")
    return cases, wrong


def _names_no_withdrawal(body: Any, envelope: str) -> bool:
    withdrawal = body.get(envelope)
    return isinstance(withdrawal, dict) and not any(isinstance(withdrawal.get(k), str) for k in ("uuid", "invoice_id"))


RECORDED_NAMES = set(recorded())


@pytest.mark.parametrize(("name", "operation", "body"), SOURCES, ids=[s[0] for s in SOURCES])
def test_each_optional_field_removed_or_nulled(name: str, operation: str, body: Any) -> None:
    cases, wrong = problems(operation, body)
    assert wrong == []
    if name in RECORDED_NAMES:  # a real answer always carries fields it may leave out; none found: the walk is lost
        assert cases > 0, f"tests/recorded/{name}: no optional field found to remove or null"


ERRORS = list(error_examples())


@pytest.mark.parametrize(("name", "status", "body"), ERRORS, ids=[e[0] for e in ERRORS])
def test_error_examples_stay_typed_errors_without_each_optional_field(name: str, status: int, body: Any) -> None:
    spec = bundled_spec()
    schema = spec.body_schema("createInvoice", status)
    assert schema is not None
    cases = [(path, null) for path, _ in optional_fields(spec, schema, body) for null in (False, True)]
    for path, null in cases:
        error = decode_error(status, variant(body, path, null))
        assert isinstance(error, APIStatusError), (path, null, error)
        assert error.status_code == status


def test_the_walk_finds_nested_optional_fields() -> None:
    spec = bundled_spec()
    body = recorded()["info_docs.json"]["body"]
    schema = spec.body_schema("getInvoiceInfo", 200)
    assert schema is not None
    found = dict(optional_fields(spec, schema, body))
    assert found[("result", 0, "project", "logo")] is True  # nullable: the docs' example has null
    assert found[("result", 0, "currency", "network", "code")] is False
    assert ("result", 0, "uuid") not in found and ("result", 0, "status") not in found  # required


def test_the_walk_finds_the_optional_keys_of_the_error_examples() -> None:
    # The notes (openapi/reference/cryptocloud-api-notes.md) name both error envelopes' keys.
    spec = bundled_spec()
    found = set()
    for _, status, body in ERRORS:
        schema = spec.body_schema("createInvoice", status)
        assert schema is not None
        found |= {path for path, _ in optional_fields(spec, schema, body)}
    assert {("result", "validate_error"), ("result", "authorization")} <= found
