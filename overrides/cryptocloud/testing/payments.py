"""Paying an invoice: the new status and amounts, and the signed postback (notification) the API sends."""

from __future__ import annotations

import time
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import attrs
import httpx
import jwt
from cryptocloud_client import exact

from .._params import bare_id
from .catalog import money, stamp
from .operations import public

POSTBACK_LIFETIME = 300  # seconds a postback's token is valid, as the API's are


@attrs.frozen
class FakePostback:
    """What the fake sent (or would send) to the notification URL."""

    body: bytes
    content_type: str
    status_code: int | None = None  # the receiver's answer, when the fake POSTed it


def settle(invoice: dict[str, Any], paid: Decimal, now: datetime) -> None:
    """Record a payment of ``paid`` (in the invoice's crypto): the status becomes paid, partial or overpaid."""
    due = invoice["amount"]
    invoice["received"] = paid
    invoice["received_usd"] = money(paid * invoice["amount_usd"] / due) if due else paid
    invoice["status"] = "paid" if paid == due else "partial" if paid < due else "overpaid"
    invoice["to_surcharge"] = max(due - paid, Decimal(0))
    invoice["to_surcharge_usd"] = money(invoice["to_surcharge"] * invoice["amount_usd"] / due) if due else Decimal(0)
    invoice["date_finished"] = stamp(now)
    invoice["invoice_status"] = "success"


def postback(invoice: dict[str, Any], paid: Decimal, secret: str, postback_format: str) -> FakePostback:
    """The notification for a payment, its token signed with the project's secret (HS256, ``{"id", "exp"}``)."""
    bare = bare_id(invoice["uuid"])
    # The token's expiry is real time, not the fake's clock: receivers check it against their own clock.
    claims = {"id": bare, "exp": int(time.time()) + POSTBACK_LIFETIME}
    token = jwt.encode(claims, secret, algorithm="HS256", headers={"typ": "JWT"})
    fields = {
        "status": "success",
        "invoice_id": bare,
        "amount_crypto": paid,
        "currency": invoice["currency"]["fullcode"],
        "order_id": invoice.get("order_id"),
        "token": token,
        "invoice_info": public(invoice),
    }
    if postback_format == "json":
        return FakePostback(exact.dumps(fields), "application/json")
    form = {k: (exact.dumps(v).decode() if isinstance(v, dict) else str(v)) for k, v in fields.items() if v is not None}
    return FakePostback(urlencode(form).encode(), "application/x-www-form-urlencoded")


def deliver(note: FakePostback, url: str) -> FakePostback:
    """POST the postback to ``url``; the result carries the receiver's status code."""
    answer = httpx.post(url, content=note.body, headers={"content-type": note.content_type}, timeout=10)
    return attrs.evolve(note, status_code=answer.status_code)
