"""Hostile responses: each becomes one exact error type (or a success), keeps the body, and hides the key (the table
is in support/hostile_answers.py)."""

from __future__ import annotations

import httpx
import pytest
from cryptocloud import APIResponseValidationError, BadRequestError, InternalServerError, Invoice
from support.harness import API_KEY, Harness
from support.hostile_answers import CASES, CLOUDFLARE_520, Case, handler_for


def test_table_size() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


ANSWERED = [c for c in CASES if c.exc is None]  # run on every backend, over a real socket on aiohttp
RAISED = [c for c in CASES if c.exc is not None]  # an httpx error raised by a mock transport (see test_faults.py
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
