"""Withdrawals in the fake: a key of their own, 12 s apart, refused beyond the balance, and they move it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import httpx

from .wire import error, json_response

if TYPE_CHECKING:
    from .fake import FakeCryptoCloud

PATH = "/v2/invoice/api/out/create"
SPACING = timedelta(seconds=12)  # the docs: at least 12 s between two withdrawals
PAID = ("paid", "partial", "overpaid")


def balance(fake: FakeCryptoCloud, code: str) -> Decimal:
    """What the fake's wallet holds in ``code``: paid invoices, plus funds, less withdrawals."""
    store = fake.store
    received = sum(
        (i["received"] for i in store.invoices.values() if i["status"] in PAID and i["currency"]["fullcode"] == code),
        Decimal(0),
    )
    sent = sum((w["amount"] for w in store.withdrawals.values() if w["currency"] == code), Decimal(0))
    return received + store.funds.get(code, Decimal(0)) - sent


def held_codes(fake: FakeCryptoCloud) -> set[str]:
    """Every currency the wallet has held: paid invoices' and funded ones."""
    store = fake.store
    paid = {i["currency"]["fullcode"] for i in store.invoices.values() if i["status"] in PAID}
    return paid | set(store.funds)


def withdraw(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    store = fake.store
    if store.refusals:
        key, message = store.refusals.popleft()
        return error(400, {key: message})
    now = fake.clock.now()
    last = max((w["_sent_at"] for w in store.withdrawals.values()), default=None)
    if last is not None and now - last < SPACING:
        return error(400, {"rate_limit": "Too many requests: 12 seconds between withdrawals."})
    code, amount = body["currency_code"], Decimal(body["amount"])
    available = balance(fake, code)
    if amount > available:
        return error(400, {"uncorrected_amount": f"Insufficient funds: {available} {code} available."})
    invoice_id = "INV-" + "".join(fake.random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=8))
    withdrawal = {"invoice_id": invoice_id, "status": "created", "currency": code, "amount": amount}
    store.withdrawals[invoice_id] = withdrawal | {"to_address": body["to_address"], "_sent_at": now}
    return json_response(200, {"status": "success", fake.withdrawal_envelope: withdrawal})
