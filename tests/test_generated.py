"""The generated package decodes the docs' response exactly and sends exactly the docs' request."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import httpx
import pytest
from cryptocloud_client import AuthenticatedClient, exact
from cryptocloud_client.api.invoices import create_invoice
from cryptocloud_client.client import request_url
from cryptocloud_client.models import (
    CommissionSide,
    CryptoCurrency,
    Currency,
    FiatCurrency,
    InvoiceAddFields,
    InvoiceCreateRequest,
    InvoiceCreateResponse,
    InvoiceStatus,
    Locale,
    Network,
    Project,
    TimeToPay,
)
from cryptocloud_client.types import Unset
from support.reference import example_value, response_fields, spec

OPERATION = spec()["paths"]["/v2/invoice/create"]["post"]
EXAMPLE_RESPONSE: dict[str, Any] = OPERATION["responses"]["200"]["content"]["application/json"]["examples"]["docs"][
    "value"
]
EXAMPLE_REQUEST: dict[str, Any] = OPERATION["requestBody"]["content"]["application/json"]["examples"]["docs"]["value"]


def example_bytes(value: Any) -> bytes:
    # YAML gives floats for the example's numbers; write them back with their shortest exact text.
    return json.dumps(value).encode()


def leftover_properties(model: Any) -> list[str]:
    """Names of unknown keys kept anywhere in a decoded model tree."""
    found = []
    if attrs.has(type(model)):
        found += [f"{type(model).__name__}.{k}" for k in getattr(model, "additional_properties", {})]
        for field in attrs.fields(type(model)):
            found += leftover_properties(getattr(model, field.name))
    return found


def decode_example() -> InvoiceCreateResponse:
    return InvoiceCreateResponse.from_dict(exact.loads(example_bytes(EXAMPLE_RESPONSE)))


def test_full_example_response_decodes_with_nothing_left_over() -> None:
    decoded = decode_example()
    assert leftover_properties(decoded) == []
    assert isinstance(decoded.result.currency, Currency)
    assert isinstance(decoded.result.currency.network, Network)
    assert isinstance(decoded.result.project, Project)


def test_every_decoded_value_equals_the_docs() -> None:
    invoice = decode_example().result
    checked = 0
    for name, field in response_fields().items():
        value = getattr(invoice, name)
        expected = example_value(field)
        if field.doc_type == "float":
            assert isinstance(value, Decimal) and value == expected, name
        elif name in ("created", "expiry_date"):
            assert isinstance(value, datetime) and value.tzinfo is UTC
            assert exact.format_utc_datetime(value) == expected, name
        elif field.doc_type == "dict":
            assert exact.loads(exact.dumps(value.to_dict())) == expected, name
        else:
            assert value == expected, name
        checked += 1
    assert checked == 20
    assert invoice.created == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert invoice.fee == Decimal("4.500000159168849e-06")
    assert invoice.status is InvoiceStatus.CREATED
    assert invoice.side_commission is CommissionSide.CLIENT
    assert invoice.fiat_currency is FiatCurrency.USD


def test_to_dict_round_trips() -> None:
    decoded = decode_example()
    again = InvoiceCreateResponse.from_dict(exact.loads(exact.dumps(decoded.to_dict())))
    assert again == decoded
    assert exact.loads(exact.dumps(decoded.to_dict())) == exact.loads(example_bytes(EXAMPLE_RESPONSE))


def test_unknown_enum_values_stay_strings() -> None:
    body = json.loads(example_bytes(EXAMPLE_RESPONSE))
    body["result"] |= {"status": "refunded", "fiat_currency": "XYZ", "side_commission": "nobody"}
    invoice = InvoiceCreateResponse.from_dict(exact.loads(json.dumps(body))).result
    assert (invoice.status, invoice.fiat_currency, invoice.side_commission) == ("refunded", "XYZ", "nobody")
    assert not isinstance(invoice.status, InvoiceStatus)


def test_timestamps_without_fraction_and_absent_fields() -> None:
    body = {"uuid": "INV-1", "created": "2023-01-02 12:00:00", "status": "paid", "link": "x", "amount_usd": 0}
    invoice = InvoiceCreateResponse.from_dict({"status": "success", "result": body}).result
    assert invoice.created == datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
    assert invoice.amount_usd == Decimal(0) and isinstance(invoice.amount_usd, Decimal)
    assert isinstance(invoice.fee, Unset)


def test_generated_client_sends_exactly_the_docs_request() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, content=example_bytes(EXAMPLE_RESPONSE), headers={"content-type": "application/json"}
        )

    client = AuthenticatedClient(
        base_url="https://api.cryptocloud.plus",
        token="test-key",
        prefix="Token",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    body = InvoiceCreateRequest(
        shop_id=EXAMPLE_REQUEST["shop_id"],
        amount=Decimal("100"),
        currency=FiatCurrency.USD,
        order_id="ORDER_93223",
        add_fields=InvoiceAddFields(
            time_to_pay=TimeToPay(hours=24, minutes=0),
            available_currencies=[CryptoCurrency.USDT_TRC20, CryptoCurrency.ETH, CryptoCurrency.BTC],
            cryptocurrency=CryptoCurrency.ETH,
        ),
    )
    with client:
        response = create_invoice.sync_detailed(client=client, body=body, locale=Locale.EN)

    assert len(seen) == 1
    request = seen[0]
    assert request.method == "POST"
    assert request.url == "https://api.cryptocloud.plus/v2/invoice/create?locale=en"
    assert request.headers["Authorization"] == "Token test-key"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == EXAMPLE_REQUEST
    assert isinstance(response.parsed, InvoiceCreateResponse)
    assert response.parsed.result.uuid == "INV-89UX09KA"


def test_query_parameters_go_to_httpx_only_when_given() -> None:
    # codegen drops an empty params dict from request_kwargs: httpx would still re-parse the URL to merge it in.
    body = InvoiceCreateRequest(shop_id="shop", amount=Decimal("1"))
    assert "params" not in create_invoice.request_kwargs(body=body)
    assert create_invoice.request_kwargs(body=body, locale=Locale.RU)["params"] == {"locale": "ru"}
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=example_bytes(EXAMPLE_RESPONSE))

    transport = httpx.MockTransport(handler)
    client = AuthenticatedClient(base_url="https://api.trybit.com", token="k", httpx_args={"transport": transport})
    with client:
        create_invoice.sync_detailed(client=client, body=body)
        create_invoice.sync_detailed(client=client, body=body, locale="de")
    assert [str(r.url) for r in seen] == [
        "https://api.trybit.com/v2/invoice/create",
        "https://api.trybit.com/v2/invoice/create?locale=de",
    ]


@pytest.mark.parametrize(
    "base_url",
    [
        "https://api.trybit.com",
        "https://api.trybit.com/",
        "https://gateway.example/cryptocloud",
        "https://gateway.example/cryptocloud/",
        "http://user:secret@127.0.0.1:8080/a%20b/",
        "https://bücher.example/api",
        "https://gateway.example/api?tenant=1",
        "https://gateway.example/api#part",
    ],
)
def test_endpoints_join_their_url_to_base_url_as_httpx_does(base_url: str) -> None:
    # The generated endpoints join the URL themselves (request_url): httpx must have made the very same one.
    for http in (httpx.Client(base_url=base_url), httpx.AsyncClient(base_url=base_url)):
        for path in ("/v2/invoice/create", "/v2/invoice/merchant/list"):
            for params in (None, {"locale": "ru"}):
                joined = http.build_request("POST", request_url(http, path), params=params).url
                assert str(joined) == str(http.build_request("POST", path, params=params).url)


def test_amount_digits_are_sent_as_given() -> None:
    body = InvoiceCreateRequest(shop_id="s", amount=Decimal("100.10"))
    assert exact.dumps(body.to_dict()) == b'{"shop_id":"s","amount":100.10,"currency":"USD"}'
    assert exact.dumps({"fee": Decimal("4.500000159168849e-06")}) == b'{"fee":0.000004500000159168849}'
    assert exact.loads(b'{"fee":4.500000159168849e-06}')["fee"] == Decimal("4.500000159168849e-06")


def test_every_model_field_is_typed_by_the_spec() -> None:
    # Money fields are Decimal and times datetime in the annotations users see, not float and str.
    hints = {f.name: str(f.type) for f in attrs.fields(type(decode_example().result))}
    assert hints["amount_usd"] == "Decimal"
    assert hints["fee"] == "Decimal | Unset"
    assert hints["created"] == "datetime.datetime"
    assert str(attrs.fields(InvoiceCreateRequest).amount.type) == "Decimal"
