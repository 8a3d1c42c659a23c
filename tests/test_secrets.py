"""The API key never leaves through what the client writes or hands back, whatever the server echoes: log records
(ours, httpx's INFO line, httpcore's DEBUG trace), error messages and bodies (also JSON-escaped), decoded models."""

from __future__ import annotations

import asyncio
import json
import logging
from decimal import Decimal

import httpx
import pytest
from cryptocloud import APIError, AsyncCryptoCloud, BadRequestError, CryptoCloud, Invoice
from support.harness import WIRE_KEY as KEY
from support.harness import WireClient
from support.raw_server import RawServer, answer_once, create_answer, create_on, http

ORDER = "order-1"

PIECES = {KEY[i : i + 8] for i in range(len(KEY) - 7)}


def leaks(text: str) -> list[str]:
    return sorted(piece for piece in PIECES if piece in text)


def escaped(text: str) -> str:
    """``text`` as a JSON string body would carry it with every character escaped."""
    return "".join(f"\\u{ord(c):04x}" for c in text)


def echo_in_head(head: bytes) -> bytes:
    """A genuine create answer whose reason phrase and a header echo the key."""
    return http(b"HTTP/1.1 200 OK " + KEY.encode(), create_answer(), b"X-Echo: " + KEY.encode())


def test_a_key_echoed_in_the_reason_phrase_and_a_header_is_in_no_log_record(
    backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore, aiohttp
    invoice, _ = create_on(backend, echo_in_head)
    assert isinstance(invoice, Invoice), invoice
    messages = [record.getMessage() for record in caplog.records]
    assert any(record.name.startswith(("httpcore", "httpx", "cryptocloud")) for record in caplog.records)
    assert [m for m in messages if leaks(m)] == [] and leaks(caplog.text) == []


def test_a_callers_own_http_client_logs_no_key_either(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with RawServer(answer_once(echo_in_head)) as server:
        with CryptoCloud(api_key=KEY, shop_id="fake-shop", base_url=server.url, http_client=httpx.Client()) as client:
            client.invoices.create(amount=Decimal("10"), order_id=ORDER)

        async def run() -> None:
            async with httpx.AsyncClient() as http_client:
                client = AsyncCryptoCloud(
                    api_key=KEY, shop_id="fake-shop", base_url=server.url, http_client=http_client
                )
                await client.invoices.create(amount=Decimal("10"), order_id=ORDER)

        asyncio.run(run())
    httpx_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert len(httpx_lines) == 2 and all("HTTP Request: POST" in line for line in httpx_lines)
    assert [r.getMessage() for r in caplog.records if leaks(r.getMessage())] == []


def test_an_error_body_never_gives_the_key_back_through_json(backend: str) -> None:
    body = '{"status": "error", "result": {"validate_error": "bad key ' + escaped(KEY) + '"}}'
    error, _ = create_on(backend, lambda head: http(b"HTTP/1.1 400 Bad Request", body.encode()))
    assert isinstance(error, BadRequestError)
    decoded = json.loads(error.body)
    assert decoded == {"status": "error", "result": {"validate_error": "bad key <hidden>"}}
    assert error.errors == {"validate_error": ["bad key <hidden>"]}
    for text in (str(error), repr(error), error.body, json.dumps(decoded)):
        assert leaks(text) == []


@pytest.mark.parametrize("form", ["plain", "escaped"])
def test_a_key_echoed_in_a_success_answer_reaches_no_model(backend: str, form: str) -> None:
    echo = KEY if form == "plain" else escaped(KEY)
    text = create_answer().decode()
    answer = text[: text.rindex("}}")] + f', "echo": "{echo}", "{echo}": 1}}}}'

    invoice, _ = create_on(backend, lambda head: http(b"HTTP/1.1 200 OK", answer.encode()))
    assert isinstance(invoice, Invoice), invoice
    assert invoice.additional_properties == {"echo": "<hidden>", "<hidden>": 1}
    assert leaks(repr(invoice)) == [] and leaks(json.dumps(invoice.to_dict(), default=str)) == []


def test_an_echoing_error_answer_on_a_withdrawal_hides_both_keys(backend: str) -> None:
    withdrawal_key = "wk_live_4d3c2b1a0f9e"
    body = f'{{"status": "error", "result": {{"validate_error": "{escaped(withdrawal_key)} / {KEY}"}}}}'
    refusal = http(b"HTTP/1.1 400 " + withdrawal_key.encode(), body.encode())
    with RawServer(answer_once(lambda head: refusal)) as server:
        wire = WireClient(backend, server.url, api_key=KEY, withdrawal_key=withdrawal_key)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.withdrawals.create, currency_code="BTC", to_address="bc1q", amount=1)
        finally:
            wire.close()
    error = info.value
    assert isinstance(error, BadRequestError)
    for text in (str(error), error.body, json.dumps(json.loads(error.body))):
        assert withdrawal_key not in text and KEY not in text
