"""The fake's request check, compiled once per operation, answers exactly what openapi-core answered per request.

Every operation's spec examples, then each with every field (top-level and nested) removed and replaced by odd
values, an unknown field added, other media types, an empty body and the query parameter: the fake's
``spec.problems`` and openapi-core's ``validate_request`` (tests/openapi_reference.py) give the same errors by
field, with the same messages.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml
from cryptocloud.testing import FakeCryptoCloud, spec
from support.openapi_reference import reference_problems

SPEC = yaml.safe_load(spec.spec_text())
ODD_VALUES: list[Any] = [None, -1, 0, 1.5, 1e400, "", "x" * 300, "-1", True, [], {}, [1], {"a": 1}, "2026-01-01"]


def _examples() -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        content = item["post"]["requestBody"]["content"]["application/json"]
        for example in content["examples"].values():
            yield path, example["value"]


def _paths_in(body: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(body, dict):
        for key, value in body.items():
            yield (*prefix, key)
            yield from _paths_in(value, (*prefix, key))
    elif isinstance(body, list):
        for index, value in enumerate(body):
            yield (*prefix, index)
            yield from _paths_in(value, (*prefix, index))


def _changed(body: Any, where: tuple[Any, ...], value: Any, *, remove: bool = False) -> Any:
    changed = copy.deepcopy(body)
    parent = changed
    for step in where[:-1]:
        parent = parent[step]
    if remove:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return changed


def _bodies() -> Iterator[tuple[str, Any]]:
    for path, example in _examples():
        yield path, example
        yield path, example | {"unknown_field": 1}
        for where in _paths_in(example):
            yield path, _changed(example, where, None, remove=True)
            for value in ODD_VALUES:
                yield path, _changed(example, where, value)
        for value in ODD_VALUES:
            yield path, value


CASES = list(_bodies())


def _request(
    path: str, content: bytes, content_type: str | None = "application/json", query: str = ""
) -> httpx.Request:
    headers = {"Authorization": "Token fake-api-key"}
    if content_type is not None:
        headers["Content-Type"] = content_type
    url = f"https://api.trybit.com{path}" + (f"?{query}" if query else "")
    return httpx.Request("POST", url, headers=headers, content=content)


def test_the_cases_reach_every_operation_with_bodies_taken_and_refused() -> None:
    outcomes: dict[str, set[bool]] = {path: set() for path in SPEC["paths"]}
    for path, body in CASES:
        outcomes[path].add(bool(spec.problems(_request(path, json.dumps(body).encode()))))
    assert {path: sorted(seen) for path, seen in outcomes.items()} == {path: [False, True] for path in SPEC["paths"]}


@pytest.mark.parametrize(("path", "body"), CASES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(CASES)])
def test_body_errors_match_openapi_core(path: str, body: Any) -> None:
    request = _request(path, json.dumps(body).encode())
    assert spec.problems(request) == reference_problems(request)


@pytest.mark.parametrize(
    ("content", "content_type", "query", "expected"),
    [
        (b"", "application/json", "", {"validate_error": "Missing required request body"}),
        (
            b"shop_id=fake-shop&amount=1",
            "application/x-www-form-urlencoded",
            "",
            {
                "validate_error": "Request body validation error: Content for the following mimetype not found: "
                "application/x-www-form-urlencoded. Valid mimetypes: ['application/json']"
            },
        ),
        (
            b'{"shop_id": "fake-shop", "amount": 1}',
            None,
            "",
            {
                "validate_error": "Request body validation error: Content for the following mimetype not found: . "
                "Valid mimetypes: ['application/json']"
            },
        ),
        (b'{"shop_id": "fake-shop", "amount": 1}', "application/json; charset=utf-8", "", {}),
        (b'{"shop_id": "fake-shop", "amount": 1}', "Application/JSON", "", {}),
        (b'{"shop_id": "fake-shop", "amount": 1}', "application/json", "locale=ru", {}),
        (b'{"shop_id": "fake-shop", "amount": 1}', "application/json", "locale=xx&locale=", {}),
        (
            b'{"shop_id": "fake-shop", "amount": 1}',
            "application/json",
            "locale=",
            {"validate_error": "Query parameter error: locale"},
        ),
        (b"[1]", "application/json", "", {"validate_error": "[1] is not of type 'object'"}),
    ],
)
def test_media_types_and_parameters_match_openapi_core(
    content: bytes, content_type: str | None, query: str, expected: dict[str, Any]
) -> None:
    request = _request("/v2/invoice/create", content, content_type, query)
    assert spec.problems(request) == reference_problems(request) == expected


def test_a_missing_key_header_matches_openapi_core() -> None:
    request = httpx.Request("POST", "https://api.trybit.com/v2/invoice/create", json={"amount": 1})
    expected = "SecurityValidationError: Security not found. Schemes not valid for any requirement: [['ApiKeyAuth']]"
    assert spec.problems(request) == reference_problems(request) == {"validate_error": expected}


def test_the_fake_refuses_with_the_compiled_check() -> None:
    fake = FakeCryptoCloud(seed=1)
    answer = fake.handle(_request("/v2/invoice/create", b'{"shop_id": "fake-shop", "amount": 1, "currency": "XXX"}'))
    assert answer.status_code == 400
    assert list(answer.json()["result"]) == ["currency"]
    assert fake.invoices == {}
