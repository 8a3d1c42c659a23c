"""The control API: what tests in any language use to drive the served fake (see ``fake-control.yaml``).

It lives under ``/_fake/``, apart from the API's ``/v2/`` paths, needs no API key, and answers
``{"error": "..."}`` when refused.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import httpx

from . import payments
from .catalog import stamp
from .faults import FAULTS
from .operations import public
from .wire import BadBody, as_decimal, json_response, read_body

if TYPE_CHECKING:
    from .fake import FakeCryptoCloud

PREFIX = "/_fake/"
_PAY = re.compile(r"/_fake/invoices/(?P<uuid>[^/]+)/pay")


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@cache
def control_spec() -> str:
    return resources.files(__package__).joinpath("fake-control.yaml").read_text(encoding="utf-8")


@cache
def index() -> dict[str, Any]:
    """What ``GET /_fake/`` answers: every control's method, path and what it does, from the control API's own
    document (one source for both)."""
    import yaml

    document = yaml.safe_load(control_spec())
    controls = [
        {"method": method.upper(), "path": path, "does": operation["summary"]}
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    return {
        "controls": controls,
        "api": "the API's own paths (/v2/...) answer as openapi.yaml says, with the API key of GET /_fake/config",
        "described_at": "/_fake/openapi.yaml",
    }


def answer(fake: FakeCryptoCloud, request: httpx.Request) -> httpx.Response:
    path, method = request.url.path, request.method
    try:
        if path == PREFIX:
            _expect(method, "GET")
            return json_response(200, index())
        if path == "/_fake/config":
            _expect(method, "GET")
            return json_response(200, _config(fake))
        if path == "/_fake/openapi.yaml":
            _expect(method, "GET")
            return httpx.Response(200, text=control_spec(), headers={"content-type": "application/yaml"})
        if path == "/_fake/fail-next":
            _expect(method, "POST")
            return _fail_next(fake, _body(request))
        if path == "/_fake/advance":
            _expect(method, "POST")
            return _advance(fake, _body(request))
        if path == "/_fake/fund":
            _expect(method, "POST")
            return _fund(fake, _body(request))
        if path == "/_fake/withdrawals/refuse-next":
            _expect(method, "POST")
            return _refuse_withdrawal(fake, _body(request))
        if match := _PAY.fullmatch(path):
            _expect(method, "POST")
            return _pay(fake, match["uuid"], _body(request))
        raise Refused(404, f"no control endpoint {path}")
    except Refused as refused:
        return json_response(refused.status, {"error": str(refused)})


def _config(fake: FakeCryptoCloud) -> dict[str, Any]:
    return {
        "api_key": fake.api_key,
        "withdrawal_key": fake.withdrawal_key,
        "shop_id": fake.shop_id,
        "secret": fake.secret,
        "postback_url": fake.postback_url,
        "postback_format": fake.postback_format,
        "now": stamp(fake.clock.now()),
        "faults": list(FAULTS),
        "pending_faults": fake.pending_faults(),
    }


def _fail_next(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    kind = body.get("kind")
    count = body.get("count", 1)
    retry_after = body.get("retry_after", 1)
    if kind not in FAULTS:
        raise Refused(400, f"kind must be one of {', '.join(FAULTS)}, got {kind!r}")
    if type(count) is not int or not 1 <= count <= 1000:
        raise Refused(400, f"count must be a whole number from 1 to 1000, got {count!r}")
    if not isinstance(retry_after, (int, Decimal)) or isinstance(retry_after, bool) or not 0 <= retry_after <= 3600:
        raise Refused(400, f"retry_after must be a number of seconds from 0 to 3600, got {retry_after!r}")
    fake.fail_next(kind, count=count, retry_after=float(retry_after))
    return json_response(200, {"pending_faults": fake.pending_faults()})


def _advance(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    seconds = body.get("seconds")
    if not isinstance(seconds, (int, Decimal)) or isinstance(seconds, bool) or not 0 < seconds <= 10 * 365 * 86400:
        raise Refused(400, f"seconds must be a number above 0 (at most ten years), got {seconds!r}")
    fake.advance(timedelta(seconds=float(seconds)))
    return json_response(200, {"now": stamp(fake.clock.now())})


REFUSAL_KEYS = ("required_parameter", "currency_code", "network", "uncorrected_amount", "rate_limit", "validate_error")


def _fund(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    currency, amount = body.get("currency"), as_decimal(body.get("amount"))
    if not isinstance(currency, str) or not currency:
        raise Refused(400, f"currency must be a currency code such as USDT_TRC20, got {currency!r}")
    if amount is None or amount <= 0:
        raise Refused(400, f"amount must be a number above 0, got {body.get('amount')!r}")
    fake.fund(currency, amount)
    return json_response(200, {"currency": currency, "balance": fake.balance(currency)})


def _refuse_withdrawal(fake: FakeCryptoCloud, body: dict[str, Any]) -> httpx.Response:
    key, message = body.get("key", "validate_error"), body.get("message", "Withdrawal refused (fake).")
    if key not in REFUSAL_KEYS:
        raise Refused(400, f"key must be one of {', '.join(REFUSAL_KEYS)}, got {key!r}")
    if not isinstance(message, str) or not message:
        raise Refused(400, f"message must be a non-empty string, got {message!r}")
    fake.refuse_next_withdrawal(key, message)
    return json_response(200, {"refusing": key})


def _pay(fake: FakeCryptoCloud, uuid: str, body: dict[str, Any]) -> httpx.Response:
    amount = None if body.get("amount") is None else as_decimal(body["amount"])
    if "amount" in body and (amount is None or amount <= 0):
        raise Refused(400, f"amount must be a number above 0 (in the invoice's crypto), got {body['amount']!r}")
    try:
        note = fake.record_payment(uuid, amount)
    except KeyError:
        raise Refused(404, f"no invoice {uuid}") from None
    delivery: dict[str, Any] = {"url": fake.postback_url, "status_code": None, "error": None}
    if fake.postback_url is not None:  # a receiver that is down is reported, not raised
        try:
            delivery["status_code"] = payments.deliver(note, fake.postback_url).status_code
        except httpx.HTTPError as exc:
            delivery["error"] = f"{type(exc).__name__}: {exc}"
    postback = {"content_type": note.content_type, "body": note.body.decode()}
    return json_response(200, {"invoice": public(fake.store.get(uuid)), "postback": postback, "delivery": delivery})


def _expect(method: str, allowed: str) -> None:
    if method != allowed:
        raise Refused(405, f"use {allowed}")


def _body(request: httpx.Request) -> dict[str, Any]:
    try:
        return read_body(request)
    except BadBody as bad:
        raise Refused(400, str(bad)) from None
