"""Real answers kept under tests/recorded/ and the spec's own examples, decoded through the public client."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import jwt
from cryptocloud import AsyncCryptoCloud, CryptoCloud, verify_postback
from cryptocloud.withdrawals import SPACING
from cryptocloud_client import exact

from support.harness import Harness
from support.reference import ROOT, spec

RECORDED = ROOT / "tests" / "recorded"
POSTBACK_SECRET = "recorded-postback-secret-0123456789"


def recorded() -> dict[str, dict[str, Any]]:
    """Every recorded answer by file name: {"source", "operation", "status", "body"}."""
    return {p.name: json.loads(p.read_text(), parse_float=Decimal) for p in sorted(RECORDED.glob("*.json"))}


def spec_examples() -> Iterator[tuple[str, str, Any]]:
    """(name, operationId, body) for each success example of the spec: 200 answers and the postback's JSON."""
    document = spec()
    for group in ("paths", "webhooks"):
        for item in document.get(group, {}).values():
            for operation in item.values():
                holder = operation["requestBody"] if group == "webhooks" else operation["responses"]["200"]
                for name, example in holder["content"]["application/json"].get("examples", {}).items():
                    while "$ref" in example:
                        example = document["components"]["examples"][example["$ref"].rsplit("/", 1)[1]]
                    value = json.loads(json.dumps(example["value"]), parse_float=Decimal)
                    yield f"{operation['operationId']}:{name}", operation["operationId"], value


def error_examples() -> Iterator[tuple[str, int, Any]]:
    """(name, status, body) for each error example of invoice creation (400, 401, 403: shared by every operation)."""
    document = spec()
    for status, holder in document["paths"]["/v2/invoice/create"]["post"]["responses"].items():
        if status == "200":
            continue
        while "$ref" in holder:
            holder = document["components"]["responses"][holder["$ref"].rsplit("/", 1)[1]]
        for name, example in holder["content"]["application/json"]["examples"].items():
            yield f"createInvoice:{status}:{name}", int(status), copy.deepcopy(example["value"])


def decode_error(status: int, body: Any) -> Exception:
    """The error the client raises for an error answer ``status`` with ``body`` (AssertionError if none)."""
    harness = Harness("sync", lambda request: answer(body, status))
    try:
        harness.create()
    except Exception as error:
        return error
    raise AssertionError(f"no error raised for {status}")


def _signed(body: dict[str, Any]) -> dict[str, Any]:
    """The postback with a token signed by our test secret (recorded tokens are samples that cannot verify)."""
    claims = {"id": body.get("invoice_id"), "exp": int(time.time()) + 3600}
    return body | {"token": jwt.encode(claims, POSTBACK_SECRET, algorithm="HS256")}


def decode(operation: str, body: Any, mode: str = "sync") -> Any:
    """``body`` as the API's answer to ``operation``, decoded by the client the way a user calls it."""
    body = copy.deepcopy(body)
    if operation == "paymentPostback":
        raw = exact.dumps(_signed(body))
        return verify_postback(raw, "application/json", POSTBACK_SECRET)
    harness = Harness(mode, lambda request: answer(body), withdrawal_key="rk_9f2c7e1d4b3a")
    client = harness.client
    if operation == "createInvoice":
        return harness.create(**asked_for(body, ("amount_in_fiat", "amount"), ("fiat_currency", "currency")))
    if operation == "getInvoiceInfo":
        ids = [item["uuid"] for item in body["result"] if isinstance(item, dict) and isinstance(item.get("uuid"), str)]
        return harness.call(client.invoices.retrieve_many, uuids=ids or ["INV-89UX09KA"])
    if operation == "listInvoices":
        start, end = date(2026, 1, 1), date(2026, 1, 31)
        if isinstance(client, CryptoCloud):
            return list(client.invoices.list(start=start, end=end))

        async def collect(client: AsyncCryptoCloud) -> list[Any]:
            return [invoice async for invoice in client.invoices.list(start=start, end=end)]

        return harness.call(collect, client=client)
    if operation == "cancelInvoice":
        return harness.call(client.invoices.cancel, uuid="INV-89UX09KA")
    if operation == "getBalances":
        return harness.call(client.balances.list)
    if operation == "getStatistics":
        return harness.call(client.statistics.get, start=date(2026, 1, 1), end=date(2026, 1, 31))
    if operation == "createStaticWallet":
        return harness.call(client.static_wallets.create, currency="USDT_TRC20", identify="customer-42")
    if operation == "createWithdrawal":
        SPACING.clear()  # many decodes in one test: the 12 s between withdrawals is not what is tested here
        asked = {"currency_code": "BTC", "amount": 1} | asked_for(
            body, ("amount", "amount"), ("currency", "currency_code")
        )
        return harness.call(client.withdrawals.create, to_address="bc1qexample", **asked)
    raise AssertionError(f"no facade call for {operation}")


def asked_for(body: Any, *fields: tuple[str, str]) -> dict[str, Any]:
    """The arguments of the request ``body`` answers: each (answer field, argument) the answer states in a form the
    client can send (a positive amount, a code), so that the client takes the answer as this request's."""
    envelope = body.get("result", body.get("data")) if isinstance(body, dict) else None
    asked: dict[str, Any] = {}
    for field, argument in fields:
        value = envelope.get(field) if isinstance(envelope, dict) else None
        if isinstance(value, dict):  # a currency object: its full code
            value = value.get("fullcode", value.get("code"))
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value > 0:
            asked[argument] = Decimal(value)
        elif isinstance(value, str) and value.isupper() and value.replace("_", "").isalnum():
            asked[argument] = value
    return asked


def answer(body: Any, status: int = 200) -> httpx.Response:
    """An HTTP answer carrying ``body`` with its numbers exactly as recorded."""
    return httpx.Response(status, content=exact.dumps(body), headers={"content-type": "application/json"})
