"""Retries: only what is safe, at most max_retries, with backoff and Retry-After; never a second create."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from cryptocloud import APIConnectionError, APITimeoutError, InternalServerError, Invoice, RateLimitError
from support.harness import Harness, docs_response, json_response


def script(*steps: Callable[[httpx.Request], httpx.Response]) -> Callable[[httpx.Request], httpx.Response]:
    """A transport that plays the given steps in order, repeating the last one."""
    calls = iter(range(1_000_000))

    def handler(request: httpx.Request) -> httpx.Response:
        return steps[min(next(calls), len(steps) - 1)](request)

    return handler


def refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("Connection refused", request=request)


def read_timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("read timed out", request=request)


def reset_after_send(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)


def ok(request: httpx.Request) -> httpx.Response:
    return json_response(docs_response())


def status(code: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, text="<html>busy</html>", headers=headers)


def test_refused_connection_is_retried_with_backoff(mock_mode: str, sleeps: list[float]) -> None:
    harness = Harness(mock_mode, script(refuse, refuse, ok))
    invoice = harness.create(order_id="o-1")
    assert isinstance(invoice, Invoice)
    assert len(harness.requests) == 3
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0  # 0.5 s then 1 s, less up to 25 % jitter


def test_refused_connection_gives_up_after_max_retries(mock_mode: str, sleeps: list[float]) -> None:
    harness = Harness(mock_mode, refuse, max_retries=3)
    with pytest.raises(APIConnectionError) as info:
        harness.create(order_id="o-1")
    assert type(info.value) is APIConnectionError
    assert len(harness.requests) == 4 and len(sleeps) == 3
    assert info.value.may_have_been_created is False  # nothing was sent


def test_max_retries_zero_sends_once(mock_mode: str, sleeps: list[float]) -> None:
    harness = Harness(mock_mode, refuse, max_retries=0)
    with pytest.raises(APIConnectionError):
        harness.create()
    assert len(harness.requests) == 1 and sleeps == []


LANDED_ANSWERS = [
    (status(500), InternalServerError),
    (status(502), InternalServerError),
    (status(520), InternalServerError),
    (status(503, **{"Retry-After": "1"}), InternalServerError),
]
LANDED_RAISED = [(read_timeout, APITimeoutError), (reset_after_send, APIConnectionError)]


@pytest.mark.parametrize(("fault", "error"), LANDED_ANSWERS, ids=["500", "502", "520", "503 with retry-after"])
def test_create_answered_with_a_5xx_is_sent_exactly_once(
    mode: str, sleeps: list[float], fault: Callable[[httpx.Request], httpx.Response], error: type[Exception]
) -> None:
    _sent_exactly_once(mode, sleeps, fault, error)


@pytest.mark.parametrize(("fault", "error"), LANDED_RAISED, ids=["read timeout", "reset after send"])
def test_create_that_lost_its_answer_is_sent_exactly_once(
    mock_mode: str, sleeps: list[float], fault: Callable[[httpx.Request], httpx.Response], error: type[Exception]
) -> None:
    _sent_exactly_once(mock_mode, sleeps, fault, error)  # on the wire, on every backend: test_wire_faults.py


def _sent_exactly_once(
    mode: str, sleeps: list[float], fault: Callable[[httpx.Request], httpx.Response], error: type[Exception]
) -> None:
    harness = Harness(mode, script(fault, ok), max_retries=5)
    with pytest.raises(error) as info:
        harness.create(order_id="order-42")
    assert type(info.value) is error
    assert len(harness.requests) == 1
    assert sleeps == []
    assert info.value.may_have_been_created is True  # type: ignore[attr-defined]
    assert info.value.order_id == "order-42"  # type: ignore[attr-defined]
    assert "the invoice may have been created: look it up by order_id 'order-42'" in str(info.value)


def test_429_is_retried_after_the_servers_wait(mode: str, sleeps: list[float]) -> None:
    harness = Harness(mode, script(status(429, **{"Retry-After": "3"}), ok))
    assert harness.create().uuid == "INV-89UX09KA"
    assert len(harness.requests) == 2
    assert sleeps == [3.0]


def test_429_with_an_http_date(mode: str, sleeps: list[float]) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    harness = Harness(mode, script(status(429, **{"Retry-After": when}), ok))
    harness.create()
    assert len(harness.requests) == 2
    assert len(sleeps) == 1 and 15 <= sleeps[0] <= 20


def test_429_without_retry_after_backs_off(mode: str, sleeps: list[float]) -> None:
    harness = Harness(mode, script(status(429), status(429), ok))
    harness.create()
    assert len(harness.requests) == 3
    assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0


def test_429_every_time_raises_after_max_retries(mode: str, sleeps: list[float]) -> None:
    harness = Harness(mode, status(429, **{"Retry-After": "2"}), max_retries=2)
    with pytest.raises(RateLimitError) as info:
        harness.create()
    assert len(harness.requests) == 3 and sleeps == [2.0, 2.0]
    assert info.value.retry_after == 2.0
    assert info.value.may_have_been_created is False


def test_429_with_a_long_wait_is_not_waited_for(mode: str, sleeps: list[float]) -> None:
    harness = Harness(mode, status(429, **{"Retry-After": "3600"}))
    with pytest.raises(RateLimitError) as info:
        harness.create()
    assert len(harness.requests) == 1 and sleeps == []
    assert info.value.retry_after == 3600.0


def test_backoff_is_capped(mock_mode: str, sleeps: list[float]) -> None:
    harness = Harness(mock_mode, refuse, max_retries=6)
    with pytest.raises(APIConnectionError):
        harness.create()
    assert len(sleeps) == 6
    assert all(6.0 <= s <= 8.0 for s in sleeps[4:])  # 8 s cap (4th retry on), minus jitter


# ------------------------------------------------------------------ a Retry-After that makes no sense is not obeyed


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


# ------------------------------------------------------------------ a read is asked again


def test_a_read_whose_answer_is_cut_is_asked_again(mode: str, sleeps: list[float]) -> None:
    full = json.dumps({"status": "success", "result": [docs_response()["result"] | {"order_id": "o"}]})
    answers = iter([httpx.Response(200, content=full[:40].encode())])
    harness = Harness(mode, lambda r: next(answers, None) or httpx.Response(200, content=full.encode()))
    invoice = harness.call(harness.client.invoices.retrieve, "INV-89UX09KA")
    assert invoice.uuid == "INV-89UX09KA" and len(harness.requests) == 2 and len(sleeps) == 1
