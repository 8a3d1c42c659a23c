"""Every answer belongs to the request it answers, on every backend.

A server or proxy that answers once too often leaves a complete surplus answer in the client's buffer of a
kept-alive connection. Read as the next request's answer, it hands order-2 the invoice of order-1 (whose customer
is then sent to the wrong payment page, while order-2's real invoice is orphaned), or reports a withdrawal the
server carried out as refused. The first defence: a connection holding bytes the exchange did not account for is
never used again. The second: an answer that states what was asked (a create's fiat amount and currency, its
order_id when present; a withdrawal's amount and currency) must agree with the request, or the call fails saying
the operation may exist, and the connection is dropped. Counted at the server: requests and invoices.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import APIResponseValidationError, BadRequestError
from cryptocloud.testing import FakeCryptoCloud
from support.harness import WireClient
from support.raw_server import RawServer, http
from support.wire import WireServer

CREATE = "/v2/invoice/create"
BALANCE = "/v2/merchant/wallet/balance/all"
WITHDRAWAL = "/v2/invoice/api/out/create"
WKEY = "fake-wkey-2f9c"
TO = "TXYZabcdefghijkLMNOPqrstuvwx12345"


def surplus_once(path: str, kind: str) -> Any:
    """A fault schedule: the first request to ``path`` is answered with ``kind`` (a surplus answer after it)."""
    fired: list[int] = []

    def fault(number: int, request: httpx.Request) -> str | None:
        if request.url.path == path and not fired:
            fired.append(number)
            return kind
        return None

    return fault


def order_of(fake: FakeCryptoCloud, uuid: str) -> str:
    return str(fake.invoices[uuid]["order_id"])


def test_a_surplus_create_answer_is_never_taken_for_the_next_create(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle, surplus_once(CREATE, "answer_twice")) as server:
        wire = WireClient(backend, server.url)
        try:
            got = {
                order: wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=order).uuid
                for order in ("order-1", "order-2", "order-3")
            }
        finally:
            wire.close()
    # Each order got the invoice the server made for it, and the server made exactly one per order.
    assert {order: order_of(fake, uuid) for order, uuid in got.items()} == {o: o for o in got}
    assert len(set(got.values())) == 3 and len(fake.invoices) == 3
    assert [r.url.path for r in server.requests].count(CREATE) == 3


def test_a_surplus_refusal_after_a_read_is_never_taken_for_a_withdrawal_or_a_create(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1, withdrawal_key=WKEY)
    fake.fund("USDT_TRC20", Decimal("100"))
    with WireServer(fake.handle, surplus_once(BALANCE, "answer_plus_400")) as server:
        wire = WireClient(backend, server.url, withdrawal_key=WKEY)
        try:
            wire.run(wire.client.balances.list)
            out = wire.run(wire.client.withdrawals.create, currency_code="USDT_TRC20", to_address=TO, amount=30)
            wire.run(wire.client.balances.list)
            invoice = wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id="order-1")
        finally:
            wire.close()
    assert out.amount == Decimal("30") and fake.balance("USDT_TRC20") == Decimal("70")
    assert list(fake.withdrawals) == [out.invoice_id]
    assert order_of(fake, invoice.uuid) == "order-1" and len(fake.invoices) == 1
    paths = [r.url.path for r in server.requests]
    assert (paths.count(WITHDRAWAL), paths.count(CREATE)) == (1, 1)


def _late_surplus(fake: FakeCryptoCloud) -> Any:
    """A raw server's answers: request N creates order-(N+1) at ``fake``; the first answer is written again 50 ms
    after it, while the client is idle (a proxy that replays an answer), on the kept-alive connection."""

    def serve(number: int, head: bytes, conn: socket.socket) -> bool:
        body = {"shop_id": fake.shop_id, "amount": 10, "currency": "USD", "order_id": f"order-{number + 1}"}
        request = httpx.Request(
            "POST", "http://fake" + CREATE, headers={"Authorization": f"Token {fake.api_key}"}, json=body
        )
        answer = http(b"HTTP/1.1 200 OK", fake.handle(request).content)
        conn.sendall(answer)
        if number == 0:
            time.sleep(0.05)
            conn.sendall(answer)
        return True

    return serve


@pytest.mark.parametrize("idle", ["event loop running", "event loop blocked"])
def test_a_surplus_answer_arriving_while_idle_is_never_taken_for_the_next_create(backend: str, idle: str) -> None:
    # The surplus comes after the first answer was read, before the next request: on aiohttp, whose pool reuses a
    # connection whenever it is still connected, it was read as order-2's answer (order-2 got order-1's invoice).
    fake = FakeCryptoCloud(seed=1)
    with RawServer(_late_surplus(fake)) as server:
        wire = WireClient(backend, server.url)
        try:
            got = {}
            for order in ("order-1", "order-2", "order-3"):
                got[order] = wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=order).uuid
                if wire.loop is not None and idle == "event loop running":
                    wire.loop.run_until_complete(asyncio.sleep(0.3))  # aiohttp reads the surplus meanwhile
                else:
                    time.sleep(0.3)  # the surplus waits in the socket
        finally:
            wire.close()
    assert {order: order_of(fake, uuid) for order, uuid in got.items()} == {o: o for o in got}
    assert len(set(got.values())) == 3 and len(fake.invoices) == 3 == len(server.heads)


def _answer_with(fake: FakeCryptoCloud, path: str, change: dict[str, Any]) -> Any:
    """The fake, but the answers to ``path`` carry other values in ``result`` (as if they answered another request)."""

    def app(request: httpx.Request) -> httpx.Response:
        response = fake.handle(request)
        if request.url.path != path:
            return response
        body = json.loads(response.content, parse_float=Decimal)
        key = "result" if "result" in body else "data"
        body[key] |= change
        return httpx.Response(response.status_code, content=json.dumps(body, default=str).encode())

    return app


CREATE_MISMATCHES = {
    "another amount": {"amount_in_fiat": "20.00"},
    "another currency": {"fiat_currency": "EUR"},
    "another order": {"order_id": "order-9"},
}


@pytest.mark.parametrize("change", sorted(CREATE_MISMATCHES))
def test_a_create_answer_for_another_order_fails_saying_it_may_exist_and_drops_the_connection(
    backend: str, change: str
) -> None:
    fake = FakeCryptoCloud(seed=1)
    with WireServer(_answer_with(fake, CREATE, CREATE_MISMATCHES[change])) as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            with pytest.raises(APIResponseValidationError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id="order-1")
            connections = server.connections
            wire.run(wire.client.balances.list)
        finally:
            wire.close()
    error = info.value
    assert error.may_have_been_created is True and error.order_id == "order-1"
    assert "does not answer this request" in str(error)
    assert error.invoice_uuid == next(iter(fake.invoices))  # the body is kept, with the id it names
    assert len(fake.invoices) == 1 and len(server.requests) == 2  # never resent
    # On httpx the next request goes on a new connection. aiohttp keeps it: it holds no bytes beyond the answer
    # (its connector drops one that does before reuse), so it is in step even when the server's answer was not.
    assert server.connections == connections + (backend != "aiohttp")


def test_a_create_answer_that_agrees_within_its_precision_is_taken(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1)
    # The recorded answers write 100.00 as 100.0, and a fiat amount may come back rounded to the cent.
    with WireServer(_answer_with(fake, CREATE, {"amount_in_fiat": "10.01", "fiat_currency": "usd"})) as server:
        wire = WireClient(backend, server.url)
        try:
            invoice = wire.run(wire.client.invoices.create, amount=Decimal("10.005"), order_id="order-1")
        finally:
            wire.close()
    assert invoice.amount_in_fiat == Decimal("10.01") and len(fake.invoices) == 1


WITHDRAWAL_MISMATCHES = {"another amount": {"amount": "31"}, "another currency": {"currency": "BTC"}}


@pytest.mark.parametrize("change", sorted(WITHDRAWAL_MISMATCHES))
def test_a_withdrawal_answer_for_another_withdrawal_fails_saying_it_may_have_gone_out(
    backend: str, change: str
) -> None:
    fake = FakeCryptoCloud(seed=1, withdrawal_key=WKEY)
    fake.fund("USDT_TRC20", Decimal("100"))
    with WireServer(_answer_with(fake, WITHDRAWAL, WITHDRAWAL_MISMATCHES[change])) as server:
        wire = WireClient(backend, server.url, withdrawal_key=WKEY)
        try:
            with pytest.raises(APIResponseValidationError) as info:
                wire.run(wire.client.withdrawals.create, currency_code="USDT_TRC20", to_address=TO, amount=30)
        finally:
            wire.close()
    assert info.value.may_have_taken_effect is True and not isinstance(info.value, BadRequestError)
    assert "does not answer this request" in str(info.value)
    assert len(fake.withdrawals) == 1 and len(server.requests) == 1
