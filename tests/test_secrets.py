"""The API key never leaves through what the client writes, holds or hands back, whatever the server echoes: log
records (ours, httpx's INFO line, httpcore's DEBUG trace), error messages and bodies (also JSON-escaped, also in
pieces), decoded models, recovery's conflicts, the repr of the client and of what it keeps between calls; and each
request carries the key of the client that sent it."""

from __future__ import annotations

import asyncio
import json
import logging
from decimal import Decimal

import httpx
import pytest
from cryptocloud import (
    APIError,
    AsyncCryptoCloud,
    AuthenticationError,
    BadRequestError,
    CryptoCloud,
    Invoice,
    OrderIdConflictError,
)
from support.fake_harness import FakeHarness
from support.harness import API_KEY, SHOP_ID, Harness, WireClient, docs_response, echoing, json_response
from support.harness import WIRE_KEY as KEY
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


def _echo_key_in_status_line(head: bytes) -> bytes:
    auth = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"authorization:"))
    return b"HTTP/1.1 " + auth.split(b":", 1)[1].strip() + b"\r\nContent-Length: 0\r\n\r\n"


def test_a_server_echoing_the_key_in_a_broken_answer_never_puts_it_in_the_log(
    backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    # h11 and aiohttp quote the broken status line in their error, which the client logs at DEBUG ("... failed").
    caplog.set_level(logging.DEBUG)  # every logger
    result, _ = create_on(backend, _echo_key_in_status_line)
    assert isinstance(result, APIError) and leaks(str(result)) == []
    # caplog.text is what a handler wrote at the time (a record's args are formatted again later, redacted by then)
    ours = [line for line in caplog.text.splitlines() if " cryptocloud:" in line]
    assert [line for line in ours if "failed" in line], "the client logs a failed exchange at DEBUG"
    assert leaks(caplog.text) == []


# ------------------------------------------------------------------ in pieces, in a conflict, in what is kept


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"key {API_KEY} refused", id="whole key"),
        pytest.param("x" * 190 + API_KEY, id="key cut by the 200-character limit"),
        pytest.param(f"prefix {API_KEY[:12]} suffix", id="the key's first 12 characters"),
        pytest.param(f"tail {API_KEY[-9:]}!", id="the key's last 9 characters"),
        pytest.param(f"middle {API_KEY[5:13]} end", id="8 characters from the middle"),
    ],
)
def test_no_piece_of_the_key_of_8_characters_survives(mode: str, text: str) -> None:
    body = {"status": "error", "result": {"authorization": text}}
    harness = Harness(mode, lambda r: json_response(body, 400), max_retries=0)
    with pytest.raises(AuthenticationError) as info:
        harness.create()
    error = info.value
    shown = [str(error), repr(error), error.body, *error.errors["authorization"]]
    for piece in (API_KEY[i : i + 8] for i in range(len(API_KEY) - 7)):
        assert all(piece not in text for text in shown), piece
    assert "<hidden>" in error.body


def test_short_pieces_and_other_words_are_kept() -> None:
    client = CryptoCloud(api_key=API_KEY, shop_id="s")
    assert client._core.redact("sk_live and -SECRET stay") == "sk_live and -SECRET stay"  # 7 characters each
    assert client._core.redact(f"a{API_KEY[:8]}b") == "a<hidden>b"
    client.close()


def test_a_recovery_conflict_never_quotes_the_key(mode: str, sleeps: list[float]) -> None:
    # OrderIdConflictError lists each invoice found (uuid, amount, status) as the server stated it: a list answer
    # that echoes the key must not put the key in the message.
    h = FakeHarness(mode, recovery_window=0)
    other = h.run(h.client.invoices.create, amount=Decimal("99"), order_id=ORDER)
    h.fake.invoices[other.uuid]["status"] = f"echo Token {h.fake.api_key}"
    h.fake.fail_next("html_520")  # read and refused with a page: this create is not carried out
    with pytest.raises(OrderIdConflictError) as info:
        h.run(h.client.invoices.create, amount=Decimal("10"), order_id=ORDER, recover=True)
    assert [invoice.uuid for invoice in info.value.invoices] == [other.uuid]
    assert "<hidden>" in str(info.value)
    assert h.fake.api_key not in str(info.value) and h.fake.api_key not in repr(info.value)


WITHDRAWAL_KEY = "wk_live_4d3c2b1a0f9e-WITHDRAW"


@pytest.mark.parametrize("given", [False, True], ids=["client made here", "http_client="])
def test_the_key_is_in_no_repr_of_what_the_client_keeps(given: bool) -> None:
    seen: list[httpx.Request] = []
    answer = echoing(docs_response())

    def transport_handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    transport = httpx.MockTransport(transport_handler)
    http: dict[str, object] = {"http_client": httpx.Client(transport=transport)} if given else {"transport": transport}
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, withdrawal_key=WITHDRAWAL_KEY, **http)  # type: ignore[arg-type]
    client.invoices.create(amount="1")
    client.invoices.create(amount="2")  # built from what the first call kept
    core = client._core
    texts = [
        repr(client),
        str(client),
        repr(core),
        repr(core._requests),
        repr(core._requests._header_sets),
        repr(core._requests._urls),
        *(repr(request) for request in seen),
        *(repr(request.headers) for request in seen),
        str(vars(client)),
        repr(vars(client.invoices)),
        repr(client.withdrawals.__dict__),
    ]
    client.close()
    for text in texts:
        assert API_KEY not in text and WITHDRAWAL_KEY not in text, text


def test_two_clients_sharing_one_http_client_each_send_their_own_key() -> None:
    seen: list[httpx.Request] = []
    answer = echoing(docs_response())

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    http = httpx.Client(transport=httpx.MockTransport(record))
    first = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http)
    second = CryptoCloud(api_key="sk_live_other-0123456789", shop_id=SHOP_ID, http_client=http)
    for _ in range(3):
        first.invoices.create(amount="1")
        second.invoices.create(amount="1")
        http.headers["X-Round"] = "next"
    keys = [r.headers.get_list("authorization") for r in seen]
    assert keys == [[f"Token {API_KEY}"], ["Token sk_live_other-0123456789"]] * 3
