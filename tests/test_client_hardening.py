"""The smaller promises: the key never leaks in pieces, a half-made client fails clearly, a Retry-After that
makes no sense is not obeyed, and a create interrupted mid-flight leaves a trace."""

from __future__ import annotations

import asyncio
import json
import threading
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    AsyncCryptoCloud,
    AuthenticationError,
    BadRequestError,
    CryptoCloud,
    InvalidParameterError,
    RateLimitError,
    Stage,
    Unsettled,
)
from support.harness import API_KEY, Harness, docs_response, json_response
from support.wire import WireServer

# ------------------------------------------------------------------ redaction


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


# ------------------------------------------------------------------ a constructor that raised


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


# ------------------------------------------------------------------ Retry-After that makes no sense


@pytest.mark.parametrize("value", ["nan", "-5", "-inf", "inf", "1_0", "1e3", "Wed, 21 Oct 2015 07:28:00 GMT", "soon"])
def test_an_unusable_retry_after_means_backoff(mock_mode: str, sleeps: list[float], value: str) -> None:
    answers = iter([json_response({"detail": "Request was throttled."}, 429, {"Retry-After": value})])
    harness = Harness(mock_mode, lambda r: next(answers, None) or json_response(docs_response()))
    harness.create()
    assert len(harness.requests) == 2
    assert len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5  # the first backoff step, never 0 s or 10 s


def test_a_sane_retry_after_is_obeyed_on_every_backend(mode: str, sleeps: list[float]) -> None:
    answers = iter([json_response({"detail": "Request was throttled."}, 429, {"Retry-After": "2.5"})])
    harness = Harness(mode, lambda r: next(answers, None) or json_response(docs_response()))
    harness.create()
    assert sleeps == [2.5] and len(harness.requests) == 2


def test_a_429_beyond_retries_keeps_no_retry_after_for_nonsense(mock_mode: str, sleeps: list[float]) -> None:
    harness = Harness(mock_mode, lambda r: json_response({"detail": "x"}, 429, {"Retry-After": "nan"}), max_retries=0)
    with pytest.raises(RateLimitError) as info:
        harness.create()
    assert info.value.retry_after is None


# ------------------------------------------------------------------ a create interrupted mid-flight


@pytest.mark.parametrize("mode", ["async", "aiohttp"])
def test_a_cancelled_async_create_leaves_a_trace(mode: str) -> None:
    async def slow_async(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.5)
        return json_response(docs_response())

    def slow(request: httpx.Request) -> httpx.Response:  # in the wire server's thread
        threading.Event().wait(0.5)
        return json_response(docs_response())

    if mode == "async":
        http = httpx.AsyncClient(transport=httpx.MockTransport(slow_async))
        client = AsyncCryptoCloud(api_key=API_KEY, shop_id="s", http_client=http)
        run: Any = asyncio.run
    else:
        harness = Harness(mode, slow)
        assert isinstance(harness.client, AsyncCryptoCloud)
        client, run = harness.client, lambda coro: harness.call(lambda: coro)

    async def give_up() -> None:
        await asyncio.wait_for(client.invoices.create(amount=Decimal("10"), order_id="order-lost"), timeout=0.1)

    with pytest.raises(TimeoutError):
        run(give_up())
    (trace,) = client.unsettled_creates
    assert isinstance(trace, Unsettled) and trace.order_id == "order-lost"
    assert trace.sent_at.tzinfo is not None


def test_a_keyboard_interrupt_leaves_a_trace() -> None:
    def interrupted(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    harness = Harness("sync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        harness.create(order_id="order-ctrl-c")
    assert [t.order_id for t in harness.client.unsettled_creates] == ["order-ctrl-c"]


def test_reads_leave_no_trace(mock_mode: str) -> None:
    def interrupted(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    harness = Harness(mock_mode, interrupted)
    with pytest.raises(KeyboardInterrupt):
        harness.call(harness.client.invoices.retrieve, "INV-89UX09KA")
    assert harness.client.unsettled_creates == []


# ------------------------------------------------------------------ a 200 error envelope is a refusal, not a landing


def test_an_error_envelope_under_200_says_nothing_was_created(mode: str) -> None:
    body = {"status": "error", "result": {"validate_error": "Invoice is not created"}}
    harness = Harness(mode, lambda r: httpx.Response(200, content=json.dumps(body).encode()), max_retries=0)
    with pytest.raises(BadRequestError) as info:
        harness.create(order_id="o-1")
    assert info.value.may_have_been_created is False


def test_a_read_whose_answer_is_cut_is_asked_again(mode: str, sleeps: list[float]) -> None:
    full = json.dumps({"status": "success", "result": [docs_response()["result"] | {"order_id": "o"}]})
    answers = iter([httpx.Response(200, content=full[:40].encode())])
    harness = Harness(mode, lambda r: next(answers, None) or httpx.Response(200, content=full.encode()))
    invoice = harness.call(harness.client.invoices.retrieve, "INV-89UX09KA")
    assert invoice.uuid == "INV-89UX09KA" and len(harness.requests) == 2 and len(sleeps) == 1


def test_the_served_fake_is_not_needed_for_the_wire_server() -> None:
    # The wire server answers from any app: a sanity check of the test tool itself.
    with WireServer(lambda r: httpx.Response(204)) as server:
        assert httpx.post(server.url + "/x", content=b"abc").status_code == 204
    assert server.connections == 1 and [r.content for r in server.requests] == [b"abc"]


def test_errors_say_how_far_the_exchange_got(mock_mode: str, sleeps: list[float]) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    def lost(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("lost", request=request)

    for handler, stage in ((refused, Stage.NOT_SENT), (lost, Stage.SENT)):
        harness = Harness(mock_mode, handler, max_retries=0)
        with pytest.raises(APIConnectionError) as info:
            harness.create(order_id="o-1")
        assert info.value.stage is stage
        assert info.value.may_have_been_created is (stage is Stage.SENT)
