"""The API's operations as the fake carries them out, one function per path, and the invoice as the API shows it.

Each takes the fake (holding its lock) and the parsed body, already checked against the spec when the fake
validates, and returns the API's answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import httpx
from cryptocloud_client import exact

from . import catalog, withdrawals
from .catalog import money
from .wire import as_decimal, error, json_response

if TYPE_CHECKING:
    from .fake import FakeCryptoCloud

# Digits an amount may have before the decimal point. The real limit is not documented; the fake needs one so
# that every conversion stays exact, and answers a bigger amount the way Django REST framework does.
MAX_WHOLE_DIGITS = 15
MAX_HOURS_TO_PAY = 24 * 365 * 100  # a century; a longer time would overflow the expiry date
UUID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _amount(value: Any) -> Decimal | httpx.Response:
    """The amount to invoice, or the API's answer refusing it."""
    amount = as_decimal(value)
    if amount is None or amount <= 0:
        return error(400, {"amount": ["A valid number is required."]})
    if amount.adjusted() >= MAX_WHOLE_DIGITS:
        too_big = f"Ensure that there are no more than {MAX_WHOLE_DIGITS} digits before the decimal point."
        return error(400, {"amount": [too_big]})
    return amount


def create(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    if body.get("shop_id") != fake.shop_id:
        return error(400, {"shop_id": ["Shop not found."]})
    amount = _amount(body.get("amount"))
    if isinstance(amount, httpx.Response):
        return amount
    add = body.get("add_fields", {})
    fiat = body.get("currency", "USD")
    amount_usd = money(amount * catalog.usd_per_fiat(fiat), "0.01")
    code = add.get("cryptocurrency") or (add.get("available_currencies") or ["USDT_TRC20"])[0]
    crypto = money(amount_usd / catalog.usd_per(code))
    now = fake.clock.now()
    ttl = {k: int(v) for k, v in add.get("time_to_pay", {"hours": 24, "minutes": 0}).items()}
    if ttl["hours"] > MAX_HOURS_TO_PAY:  # beyond the calendar: answered as the API answers a bad field
        too_long = f"Ensure this value is less than or equal to {MAX_HOURS_TO_PAY}."
        return error(400, {"add_fields.time_to_pay.hours": [too_long]})
    expires = now + timedelta(hours=ttl["hours"], minutes=ttl["minutes"])
    bare = "".join(fake.random.choices(UUID_ALPHABET, k=8))
    invoice = {
        "uuid": f"INV-{bare}",
        "created": catalog.stamp(now),
        "address": catalog.address(fake.random, code) if add.get("cryptocurrency") else None,
        "expiry_date": catalog.stamp(expires),
        "side_commission": "client",
        "side_commission_cc": "client",
        "amount": crypto,
        "amount_usd": amount_usd,
        "amount_in_fiat": amount,
        "fee": money(crypto * Decimal("0.001")),
        "fee_usd": money(amount_usd * Decimal("0.001"), "0.01"),
        "service_fee": money(crypto * Decimal("0.019")),
        "service_fee_usd": money(amount_usd * Decimal("0.019"), "0.01"),
        "fiat_currency": fiat,
        "status": "created",
        "is_email_required": False,
        "link": f"pay.trybit.com/{bare}",
        "currency": catalog.currency(code),
        "project": {
            "id": 1,
            "name": "Fake shop",
            "fail": "https://example.com/fail",
            "success": "https://example.com/success",
            "logo": "https://example.com/logo.png",
        },
        "test_mode": True,
        "order_id": body.get("order_id"),
        "received": Decimal(0),
        "received_usd": Decimal(0),
        "to_surcharge": crypto,
        "to_surcharge_usd": amount_usd,
        "date_finished": None,
        "invoice_status": None,
        "type_payments": "crypto",
        "tx_list": [],
    }
    fake.store.add(invoice, expires)
    return json_response(200, {"status": "success", "result": public(invoice, created=True)})


def cancel(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    invoice = fake.store.find(body["uuid"])
    if invoice is None or invoice["status"] != "created":
        return error(400, {"validate_error": "Invoice is not created"})
    invoice["status"] = "canceled"
    return json_response(200, {"status": "success", "result": ["ok"]})


def info(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    found = [fake.store.find(uuid) for uuid in body["uuids"]]
    return json_response(200, {"status": "success", "result": [public(i) for i in found if i is not None]})


def list_(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    period = _period(body)
    if isinstance(period, httpx.Response):
        return period
    start, end = (day.isoformat() for day in period)
    if end < start:
        return error(400, {"validate_error": "end must not be before start"})
    chosen = fake.store.created_between(start, end)
    # JSON Schema counts 2.0 as an integer, and so does the API: read such numbers as ints.
    offset, limit = int(body.get("offset", 0)), int(body.get("limit", 10))
    stop = limit + 1 if fake.list_limit == "end_index" else offset + limit  # end index is inclusive
    answer: dict[str, Any] = {"status": "success", "result": [public(i) for i in chosen[offset:stop]]}
    if fake.report_all_count:
        answer["all_count"] = len(chosen)
    return json_response(200, answer)


def balances(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    totals = {code: withdrawals.balance(fake, code) for code in withdrawals.held_codes(fake)}
    result = []
    for code, held in sorted(totals.items()):
        usd = money(held * catalog.usd_per(code), "0.01")
        result.append(
            {
                "currency": catalog.balance_currency(code),
                "balance_crypto": held,
                "balance_usd": usd,
                "available_balance": held,
                "available_balance_usd": usd,
            }
        )
    return json_response(200, {"status": "success", "result": result})


def statistics(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    period = _period(body)
    if isinstance(period, httpx.Response):
        return period
    start, end = period
    statuses = ("created", "paid", "overpaid", "partial", "canceled")
    count = dict.fromkeys(("all", *statuses), 0)
    amount = dict.fromkeys(("all", *statuses), Decimal(0))
    for invoice in fake.store.invoices.values():
        if start <= exact.parse_utc_datetime(invoice["created"]).date() <= end:
            for key in ("all", invoice["status"]):
                count[key] += 1
                amount[key] += invoice["amount_usd"]
    return json_response(200, {"status": "success", "result": {"count": count, "amount": amount}})


def static_create(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    if body["shop_id"] != fake.shop_id:
        return error(400, {"shop_id": ["Shop not found."]})
    wallet: dict[str, Any] = {
        "currency": catalog.balance_currency(body["currency"]),
        "address": catalog.address(fake.random, body["currency"]),
        "uuid": "".join(fake.random.choices("0123456789abcdef", k=32)),
    }
    fake.store.static_wallets[wallet["uuid"]] = wallet | {"identify": body["identify"]}
    return json_response(200, {"status": "success", "result": wallet})


def _period(body: dict[str, Any]) -> tuple[date, date] | httpx.Response:
    """``start`` and ``end`` as days, or the API's 400 naming a day that the calendar lacks (31.02.2026)."""
    days = []
    for field in ("start", "end"):
        try:
            days.append(datetime.strptime(body[field], "%d.%m.%Y").date())
        except (KeyError, TypeError, ValueError):
            return error(400, {field: [f"Date has wrong format: {body.get(field)!r}. Use dd.mm.yyyy."]})
    return days[0], days[1]


ROUTES: dict[str, Callable[[FakeCryptoCloud, dict[str, Any]], httpx.Response]] = {
    "/v2/invoice/create": create,
    "/v2/invoice/merchant/canceled": cancel,
    "/v2/invoice/merchant/info": info,
    "/v2/invoice/merchant/list": list_,
    "/v2/merchant/wallet/balance/all": balances,
    "/v2/invoice/merchant/statistics": statistics,
    "/v2/invoice/static/create": static_create,
    withdrawals.PATH: withdrawals.withdraw,
}


def public(invoice: dict[str, Any], *, created: bool = False) -> dict[str, Any]:
    """An invoice as the API shows it: creation answers without the read-back fields."""
    if created:
        extra = (
            "order_id",
            "received",
            "received_usd",
            "to_surcharge",
            "to_surcharge_usd",
            "date_finished",
            "invoice_status",
            "type_payments",
            "tx_list",
        )
        return {k: v for k, v in invoice.items() if k not in extra}
    return {**invoice, "link": "https://" + invoice["link"]}  # read-back links carry a scheme


def as_documented(fake: FakeCryptoCloud, request: httpx.Request) -> httpx.Request:
    """The request to check against the spec. Read as an end index, ``limit`` can only keep to the
    documented maximum of 100 as a distance from ``offset``, so that is what is checked in that mode."""
    if fake.list_limit != "end_index" or request.url.path != "/v2/invoice/merchant/list":
        return request
    try:
        body = json.loads(request.content)
        body["limit"] = max(1, body["limit"] - body.get("offset", 0))
    except (ValueError, KeyError, TypeError):
        return request
    return httpx.Request(request.method, request.url, headers=request.headers, content=json.dumps(body).encode())
