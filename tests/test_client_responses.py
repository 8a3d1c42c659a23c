"""Hostile responses: each becomes one exact error type (or a success), keeps the body, and hides the key (the table
is in support/hostile_answers.py); list pages and retrieves read odd invoices exactly; error messages are one line,
made in linear time, and say how far the exchange got."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncCryptoCloud,
    BadRequestError,
    InternalServerError,
    Invoice,
    InvoiceDetails,
    InvoiceStatus,
    Stage,
)
from cryptocloud_client import exact
from support.harness import API_KEY, Harness
from support.hostile_answers import CASES, CLOUDFLARE_520, Case, handler_for


def test_table_size() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


ANSWERED = [c for c in CASES if c.exc is None]  # run on every backend, over a real socket on aiohttp
RAISED = [c for c in CASES if c.exc is not None]  # an httpx error raised by a mock transport (see test_wire_faults.py
# for the same faults made on the wire, on every backend)


@pytest.mark.parametrize("case", ANSWERED, ids=[c.name for c in ANSWERED])
def test_hostile_response(mode: str, case: Case) -> None:
    _check(mode, case)


@pytest.mark.parametrize("case", RAISED, ids=[c.name for c in RAISED])
def test_transport_error(mock_mode: str, case: Case) -> None:
    _check(mock_mode, case)


def _check(mode: str, case: Case) -> None:
    harness = Harness(mode, handler_for(case), max_retries=0)
    if case.raises is None:
        invoice = harness.create(order_id="order-42")
        assert isinstance(invoice, Invoice)
        assert case.check is not None
        assert case.check(invoice) is not False
        return

    with pytest.raises(case.raises) as info:
        harness.create(order_id="order-42")
    error = info.value
    assert type(error) is case.raises
    assert len(harness.requests) == 1
    for text in (str(error), repr(error), error.args[0]):
        assert API_KEY not in text
        assert "\n" not in text
    if case.exc is None:
        sent = case.body if isinstance(case.body, bytes) else case.body.encode()
        # the body is kept as sent, but for the API key, which is never kept anywhere
        shown = sent.decode("utf-8", errors="replace").replace(API_KEY, "<hidden>")
        assert error.body == shown  # type: ignore[attr-defined]
        assert error.response.content == sent  # type: ignore[attr-defined]
        assert error.status_code == case.status  # type: ignore[attr-defined]
    if isinstance(error, APIResponseValidationError):
        assert error.invoice_uuid == case.uuid
        if case.uuid:
            assert case.uuid in str(error)
    assert error.may_have_been_created is case.may_exist  # type: ignore[attr-defined]
    if case.may_exist:
        assert "order_id 'order-42'" in str(error)
    if case.check is not None:
        case.check(error)


def test_status_error_message_is_one_readable_line(mode: str) -> None:
    body = {"status": "error", "result": {"amount": ["A valid number is required."]}}
    harness = Harness(mode, lambda r: httpx.Response(400, json=body))
    with pytest.raises(BadRequestError) as info:
        harness.create()
    assert str(info.value) == "400 Bad Request: amount: A valid number is required."


def test_html_page_message_keeps_its_words(mode: str) -> None:
    harness = Harness(mode, lambda r: httpx.Response(520, text=CLOUDFLARE_520), max_retries=0)
    with pytest.raises(InternalServerError) as info:
        harness.create()
    assert str(info.value) == (
        "HTTP 520: api.cryptocloud.plus | 520: Web server is returning an unknown error Web server is returning an "
        "unknown error Ray ID: 8a1b2c3d4e5f; the invoice may have been created: look it up in the dashboard "
        "(no order_id given) before trying again"
    )


# ------------------------------------------------------------------ invoices as the list and info endpoints give them

LISTED: dict[str, Any] = {  # one invoice as the list and info endpoints return it (the recorded real shape)
    "uuid": "INV-8X1K2M3N",
    "status": "paid",
    "created": "2026-01-02 10:11:12.123456",
    "address": "TXYZ",
    "expiry_date": "2026-01-03 10:11:12.123456",
    "side_commission": "client",
    "side_commission_cc": "merchant",
    "side_commission_service": "client",
    "type_payments": "crypto",
    "invoice_id": None,
    "amount": Decimal("12.345678"),
    "amount_usd": Decimal("12.35"),
    "amount_in_fiat": 12,
    "fee": Decimal("0.1"),
    "fee_usd": Decimal("0.1"),
    "service_fee": Decimal("0.0"),
    "service_fee_usd": Decimal("0.0"),
    "fiat_currency": "USD",
    "is_email_required": False,
    "link": "pay.cryptocloud.plus/8X1K2M3N",
    "currency": {
        "id": 4,
        "code": "USDT",
        "fullcode": "USDT_TRC20",
        "network": {"code": "TRC20", "id": 4, "icon": "i", "fullname": "Tron"},
        "name": "Tether",
        "is_email_required": False,
        "stablecoin": True,
        "icon_base": "b",
        "icon_network": "n",
        "icon_qr": "q",
        "order": 1,
    },
    "project": {"id": 7, "name": "shop", "fail": "f", "success": "s", "logo": None},
    "test_mode": False,
    "order_id": "o-1",
    "received": None,
    "received_usd": Decimal("0"),
    "to_surcharge": None,
    "to_surcharge_usd": None,
    "date_finished": None,
    "invoice_status": "success",
    "tx_list": [],
}


def list_answer(items: list[Any], all_count: int | None = None) -> httpx.Response:
    body: dict[str, Any] = {"status": "success", "result": items}
    if all_count is not None:
        body["all_count"] = all_count
    return httpx.Response(200, content=exact.dumps(body), headers={"content-type": "application/json"})


def test_a_list_page_of_usual_and_unusual_invoices_reads_each_exactly(mode: str) -> None:
    items = [LISTED, LISTED | {"uuid": "INV-2", "amount": "12.50"}, LISTED | {"uuid": "INV-3", "status": "new", "x": 1}]
    made = Harness(mode, lambda r: list_answer(items, all_count=3))
    client = made.client
    start, end = date(2026, 1, 1), date(2026, 1, 2)
    if isinstance(client, AsyncCryptoCloud):

        async def collect() -> list[Any]:
            return [i async for i in client.invoices.list(start=start, end=end)]

        got = made.call(collect)
    else:
        got = list(client.invoices.list(start=start, end=end))
    assert [type(i) for i in got] == [InvoiceDetails] * 3
    assert [i.uuid for i in got] == ["INV-8X1K2M3N", "INV-2", "INV-3"]
    assert [i.amount for i in got] == [Decimal("12.345678"), Decimal("12.50"), Decimal("12.345678")]
    assert all(type(i.amount) is Decimal for i in got)  # a string amount too
    assert [i.status for i in got] == [InvoiceStatus.PAID, InvoiceStatus.PAID, "new"]  # unknown: kept as text
    assert [i.additional_properties for i in got] == [{}, {}, {"x": 1}]
    assert got[0].created == datetime(2026, 1, 2, 10, 11, 12, 123456, tzinfo=UTC)
    assert (got[0].received, got[0].currency.network.code) == (None, "TRC20")


def test_retrieve_picks_its_invoice_from_the_answer_and_refuses_a_bad_one(mode: str) -> None:
    answers = [[LISTED | {"uuid": "INV-OTHER"}, LISTED], [LISTED | {"amount_usd": True}]]
    made = Harness(mode, lambda r: list_answer(answers[min(len(made.requests), 2) - 1]))
    got = made.call(made.client.invoices.retrieve, "8X1K2M3N")  # the id without its INV- prefix
    assert type(got) is InvoiceDetails
    assert (got.uuid, got.amount, got.order_id) == ("INV-8X1K2M3N", Decimal("12.345678"), "o-1")
    with pytest.raises(APIResponseValidationError) as info:
        made.call(made.client.invoices.retrieve, "INV-8X1K2M3N")
    assert "result[0].amount_usd: expected a number, got a boolean (invoice INV-8X1K2M3N may exist)" in str(info.value)


# ------------------------------------------------------------------ error messages


class _Hung(Exception):
    pass


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Interrupts the block (with _Hung) if it is still running after ``seconds``: a guard against a hang that
    would otherwise burn a core for hours, not a speed measurement (the block needs milliseconds)."""

    def interrupt(signum: int, frame: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_an_error_page_full_of_angle_brackets_does_not_hang_the_client() -> None:
    # A 500 whose 200 KB body is "<<<<...": stripping tags with a pattern that scans from every "<" to the end and
    # back would be quadratic (40 KB: 2.4 s; 10 MiB: about two days of CPU).
    harness = Harness("sync", lambda request: httpx.Response(500, content=b"<" * 200_000), max_retries=0)
    try:
        with hang_guard(10.0), pytest.raises(InternalServerError) as info:
            harness.call(harness.client.invoices.retrieve, "INV-AAAA1111")
    except _Hung:
        pytest.fail("still turning a 200 KB error page into a message after 10 s (it takes milliseconds)")
    assert info.value.may_have_taken_effect is False and "\n" not in str(info.value)


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
