"""A user's script: test_typing.py type-checks it with mypy --strict and pyright (assert_type fails the check if a
type drifts), as a user of the installed package would."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import assert_type

from cryptocloud import (
    UNSET,
    AsyncCryptoCloud,
    ConfirmedPayment,
    CryptoCloud,
    Invoice,
    InvoiceDetails,
    InvoiceStatus,
    RawResponse,
    Unset,
)


def create_one() -> Decimal:
    client = CryptoCloud(api_key=os.environ.get("KEY"), timeout=10.0, max_retries=3)
    invoice = client.invoices.create(
        amount=Decimal("100.00"),
        currency="USD",
        order_id="order-42",
        time_to_pay=timedelta(hours=2, minutes=30),
        available_currencies=["BTC", "USDT_TRC20"],
        cryptocurrency=None,
        email=None,
        locale=None,
    )
    assert_type(invoice, Invoice)
    assert_type(invoice.uuid, str)
    assert_type(invoice.pay_url, str | None)  # None when the answer's link is the text "None"
    assert_type(invoice.amount_usd, Decimal)
    assert_type(invoice.created, datetime)
    zone: tzinfo | None = invoice.created.tzinfo
    status: InvoiceStatus | str = invoice.status
    raw = client.invoices.with_raw_response.create(amount=Decimal("5"))
    assert_type(raw, RawResponse[Invoice])
    assert_type(raw.parse(), Invoice)
    print(zone, status, raw.status_code, raw.headers, raw.text)
    return invoice.amount_usd + Decimal("1")


async def create_async() -> Decimal:
    async with AsyncCryptoCloud() as aclient:
        invoice = await aclient.invoices.create(amount=Decimal("5"))
        raw = await aclient.invoices.with_raw_response.create(amount=5)
        assert_type(raw, RawResponse[Invoice])
    return invoice.amount_usd + Decimal("1")


def total_fees(invoices: list[Invoice]) -> Decimal:
    """The README's way to test an optional field: ``is not UNSET`` narrows it to its value's type."""
    total = Decimal(0)
    for invoice in invoices:
        if invoice.fee_usd is not UNSET:
            total += invoice.fee_usd
        assert_type(invoice.fee_usd, Decimal | Unset)
    return total


def received(details: InvoiceDetails) -> Decimal:
    """The other ways: ``is UNSET`` with an early return, and isinstance."""
    if details.received is UNSET or details.received is None:
        return Decimal(0)
    assert_type(details.received, Decimal)
    fee = details.fee if not isinstance(details.fee, Unset) else Decimal(0)
    return details.received - fee


def confirmed(payment: ConfirmedPayment) -> Decimal:
    """The one rule in a hand-written model: absent is UNSET, null is None, as in the API's invoice."""
    assert_type(payment.received, Decimal | Unset | None)
    if payment.received is UNSET:  # the API's answer left it out
        return Decimal(0)
    if payment.received is None:  # the API sent null: nothing received yet
        return Decimal(0)
    assert_type(payment.received, Decimal)
    amount = payment.amount if payment.amount is not UNSET else Decimal(0)  # optional, never null
    assert_type(amount, Decimal)
    return payment.received + amount
