"""The facade's surface: configuration (a half-made client too), what is sent, what comes back (the raw HTTP answer
as well), a closed client, and where the key never appears."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    UNSET,
    APIConnectionError,
    AsyncCryptoCloud,
    BadRequestError,
    CryptoCloud,
    InvalidParameterError,
    Invoice,
    InvoiceStatus,
    RawResponse,
)
from cryptocloud._stage import Stage
from cryptocloud.testing import FakeCryptoCloud
from support.harness import API_KEY, SHOP_ID, Harness, WireClient, docs_response, json_response
from support.raw_server import RawServer, answer, create_answer, http
from support.wire import WireServer


def ok(request: httpx.Request) -> httpx.Response:
    return json_response(docs_response())


def test_documented_surface(mock_mode: str) -> None:
    harness = Harness(mock_mode, ok)
    invoice = harness.create(
        amount=Decimal("100.00"),
        currency="USD",
        order_id="order-42",
        time_to_pay=timedelta(hours=2, minutes=30),
        available_currencies=["BTC", "USDT_TRC20"],
        cryptocurrency=None,
        email=None,
        locale=None,
    )
    assert isinstance(invoice, Invoice)
    assert (invoice.uuid, invoice.link) == ("INV-89UX09KA", "pay.cryptocloud.plus/89UX09KA")
    assert invoice.pay_url == "https://pay.cryptocloud.plus/89UX09KA"
    assert invoice.amount_usd == Decimal("100.0") and str(invoice.amount_usd) == "100.0"
    assert invoice.created == datetime(2026, 1, 1, 12, 0, tzinfo=UTC) and invoice.created.tzinfo is UTC
    assert invoice.status is InvoiceStatus.CREATED
    assert invoice.fee == Decimal("4.500000159168849e-06")

    (request,) = harness.requests
    assert request.method == "POST"
    assert str(request.url) == "https://api.trybit.com/v2/invoice/create"  # the current host by default
    assert request.headers["authorization"] == f"Token {API_KEY}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"].startswith("cryptocloud-client/")
    assert json.loads(request.content) == {
        "shop_id": SHOP_ID,
        "amount": 100.0,
        "currency": "USD",
        "order_id": "order-42",
        "add_fields": {"time_to_pay": {"hours": 2, "minutes": 30}, "available_currencies": ["BTC", "USDT_TRC20"]},
    }
    assert b'"amount":100.00' in request.content


def test_minimal_create_sends_only_what_was_given(mode: str) -> None:
    harness = Harness(mode, ok)
    harness.create(amount=100, locale="ru", cryptocurrency="ETH", email="payer@example.com")
    (request,) = harness.requests
    assert request.url.params["locale"] == "ru"
    assert json.loads(request.content) == {
        "shop_id": SHOP_ID,
        "amount": 100,
        "currency": "USD",
        "email": "payer@example.com",
        "add_fields": {"cryptocurrency": "ETH"},
    }


def test_pay_url_keeps_a_link_that_has_a_scheme(mode: str) -> None:
    body = docs_response()
    body["result"]["link"] = "https://pay.cryptocloud.plus/89UX09KA"
    harness = Harness(mode, lambda r: json_response(body))
    assert harness.create().pay_url == "https://pay.cryptocloud.plus/89UX09KA"


def test_zero_is_not_absent(mode: str) -> None:
    body = docs_response()
    body["result"]["fee"] = 0
    del body["result"]["service_fee"]
    invoice = Harness(mode, lambda r: json_response(body)).create()
    assert invoice.fee == Decimal(0) and isinstance(invoice.fee, Decimal)
    assert invoice.service_fee is UNSET


def test_environment_configures_the_client(monkeypatch: pytest.MonkeyPatch, mock_mode: str) -> None:
    monkeypatch.setenv("CRYPTOCLOUD_API_KEY", "env-key")
    monkeypatch.setenv("CRYPTOCLOUD_SHOP_ID", "env-shop")
    monkeypatch.setenv("CRYPTOCLOUD_BASE_URL", "http://127.0.0.1:8099/")
    harness = Harness(mock_mode, ok, api_key=None, shop_id=None)
    harness.create()
    (request,) = harness.requests
    assert str(request.url) == "http://127.0.0.1:8099/v2/invoice/create"
    assert request.headers["authorization"] == "Token env-key"
    assert json.loads(request.content)["shop_id"] == "env-shop"


def test_explicit_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch, mock_mode: str) -> None:
    monkeypatch.setenv("CRYPTOCLOUD_API_KEY", "env-key")
    monkeypatch.setenv("CRYPTOCLOUD_SHOP_ID", "env-shop")
    harness = Harness(mock_mode, ok, base_url="https://proxy.example/api")
    harness.create(shop_id="call-shop")
    (request,) = harness.requests
    assert str(request.url) == "https://proxy.example/api/v2/invoice/create"
    assert request.headers["authorization"] == f"Token {API_KEY}"
    assert json.loads(request.content)["shop_id"] == "call-shop"


def test_default_and_custom_timeouts(mock_mode: str) -> None:
    harness = Harness(mock_mode, ok)
    harness.create()
    assert harness.requests[0].extensions["timeout"] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    harness = Harness(mock_mode, ok, timeout=2.5)
    harness.create()
    assert harness.requests[0].extensions["timeout"] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


def test_raw_response(mode: str) -> None:
    harness = Harness(mode, lambda r: json_response(docs_response(), headers={"x-request-id": "abc"}))
    raw = harness.create_raw()
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "abc"
    assert json.loads(raw.text)["result"]["uuid"] == "INV-89UX09KA"
    invoice = raw.parse()
    assert isinstance(invoice, Invoice) and invoice.amount_usd == Decimal("100.0")
    assert repr(raw) == "<RawResponse [200]>"


def test_raw_response_still_raises_error_statuses(mode: str) -> None:
    body = {"status": "error", "result": {"validate_error": "nope"}}
    harness = Harness(mode, lambda r: httpx.Response(400, json=body))
    with pytest.raises(BadRequestError):
        harness.create_raw()


def test_users_http_client_keeps_its_settings_and_gets_auth() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(docs_response())

    http = httpx.Client(transport=httpx.MockTransport(handler), headers={"X-Team": "payments"})
    with CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http) as client:
        client.invoices.create(amount=100)  # the amount the docs' answer states
    assert seen[0].headers["x-team"] == "payments"
    assert seen[0].headers["authorization"] == f"Token {API_KEY}"
    assert not http.is_closed  # the user's client is the user's to close
    http.close()


def test_own_http_clients_are_closed() -> None:
    with CryptoCloud(api_key=API_KEY) as client:
        pass
    assert client._http.is_closed

    async def run() -> AsyncCryptoCloud:
        async with AsyncCryptoCloud(api_key=API_KEY) as aclient:
            pass
        return aclient

    assert asyncio.run(run())._http.is_closed


def test_redirects_are_not_followed(mock_mode: str) -> None:
    harness = Harness(mock_mode, lambda r: httpx.Response(302, headers={"Location": "https://attacker.example/steal"}))
    with pytest.raises(Exception) as info:
        harness.create()
    assert "redirect to https://attacker.example not followed" in str(info.value)
    assert [str(r.url.host) for r in harness.requests] == ["api.trybit.com"]


def test_the_key_is_never_shown(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="cryptocloud")
    echo = {"status": "error", "result": {"authorization": f"key {API_KEY} refused"}}
    harness = Harness(mode, lambda r: httpx.Response(400, json=echo))
    with pytest.raises(Exception) as info:
        harness.create()
    shown = [repr(harness.client), str(harness.client), str(info.value), repr(info.value), caplog.text]
    assert all(API_KEY not in text for text in shown)
    assert "Token <hidden>" in caplog.text
    assert "api_key=<hidden>" in repr(harness.client)
    assert "<hidden>" in str(info.value)


def test_requests_and_responses_are_logged_at_debug(mock_mode: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="cryptocloud")
    Harness(mock_mode, ok).create()
    messages = [r.getMessage() for r in caplog.records if r.name == "cryptocloud"]
    assert len(messages) == 2
    assert messages[0].startswith("POST https://api.trybit.com/v2/invoice/create (attempt 1) headers=")
    assert messages[1].startswith("POST https://api.trybit.com/v2/invoice/create -> 200 in ")


def test_a_closed_client_sends_nothing_and_records_nothing(mode: str, sleeps: list[float]) -> None:
    harness = Harness(mode, lambda r: json_response(docs_response()), max_retries=3)
    client = harness.client
    if isinstance(client, CryptoCloud):
        client._http.close()  # the caller's own HTTP client, closed by the caller
    elif harness.loop is not None:  # aiohttp: the client made its own HTTP client; close() closes it
        harness.loop.run_until_complete(client.close())
    else:
        asyncio.run(client._http.aclose())
    with pytest.raises(APIConnectionError) as info:
        harness.create(order_id="order-1")
    error = info.value
    assert "the client is closed" in str(error) and "nothing was sent" in str(error)
    assert (error.stage, error.may_have_been_created, error.may_have_taken_effect) == (Stage.NOT_SENT, False, False)
    assert harness.client.unsettled_creates == [] and harness.requests == [] and sleeps == []


def test_a_closed_client_that_made_its_http_client_opens_no_connection(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1)
    closed = "the client is closed (close() was called, or its with-block ended): nothing was sent"
    with WireServer(fake.handle) as server, WireClient(backend, server.url) as made:
        closing = made.client.close()
        if asyncio.iscoroutine(closing):
            made.run(lambda: closing)
        result = made.create()
    assert type(result) is APIConnectionError and closed in str(result), repr(result)
    assert (result.stage, result.may_have_been_created) == (Stage.NOT_SENT, False)
    assert made.client.unsettled_creates == []
    assert (server.connections, len(server.requests)) == (0, 0)


def test_a_raw_answer_is_the_whole_http_answer(backend: str, caplog: pytest.LogCaptureFixture) -> None:
    data = http(b"HTTP/1.1 200 Fine Thanks", create_answer(), b"X-Request-Id: r-1")
    caplog.set_level(logging.INFO, logger="httpx")
    with RawServer(answer(data)) as server, WireClient(backend, server.url) as made:
        raw = made.run(made.client.invoices.with_raw_response.create, amount=Decimal("10"), order_id="order-1")
    response = raw.http_response
    assert (response.status_code, response.reason_phrase, response.http_version) == (200, "Fine Thanks", "HTTP/1.1")
    assert (response.request.method, str(response.request.url)) == ("POST", server.url + "/v2/invoice/create")
    assert response.headers["x-request-id"] == "r-1" and response.is_closed
    assert isinstance(response.elapsed, timedelta) and response.elapsed > timedelta(0)
    assert raw.parse().amount_in_fiat == Decimal("10")
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]  # httpx's own line, as users know it
    assert lines == [f'HTTP Request: POST {server.url}/v2/invoice/create "HTTP/1.1 200 Fine Thanks"']


@pytest.mark.parametrize("cls", [CryptoCloud, AsyncCryptoCloud])
def test_a_half_made_client_fails_clearly(monkeypatch: pytest.MonkeyPatch, cls: type[Any]) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_API_KEY", raising=False)
    client: Any = object.__new__(cls)
    with pytest.raises(InvalidParameterError) as info:
        client.__init__()
    assert info.value.field == "api_key"
    assert repr(client) == f"<{cls.__name__}: not configured>"  # a traceback printing locals shows this
    closed = client.close()
    if asyncio.iscoroutine(closed):
        asyncio.run(closed)  # nothing to close, nothing raised


@pytest.mark.parametrize("variable", ["ALL_PROXY", "https_proxy"])
def test_a_socks_proxy_in_the_environment_is_refused_by_name_before_connecting(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "socks5://user:secret@10.0.0.1:1080")
    refusals: list[tuple[Callable[[], object], str]] = [
        (lambda: AsyncCryptoCloud(api_key=API_KEY, http_backend="aiohttp"), "the aiohttp backend cannot use"),
        # without socksio (not installed here), httpx itself cannot either: the error says how to get it
        (lambda: CryptoCloud(api_key=API_KEY), "pip install 'httpx[socks]'"),
        (lambda: AsyncCryptoCloud(api_key=API_KEY), "pip install 'httpx[socks]'"),
    ]
    for make, words in refusals:
        with pytest.raises(InvalidParameterError) as info:
            make()
        assert (info.value.field, info.value.value) == (variable, "socks5://10.0.0.1:1080")  # no password shown
        assert words in str(info.value) and "secret" not in str(info.value)
