"""Lost-invoice recovery: whatever fault hits a create, exactly one invoice exists for its order_id; recovery returns
only an invoice this call could have made; a create abandoned after sending is listed in unsettled_creates."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AsyncCryptoCloud,
    InternalServerError,
    InvalidParameterError,
    Invoice,
    OrderIdConflictError,
    RateLimitError,
    Unsettled,
)
from cryptocloud.testing import FakeCryptoCloud
from support.fake_harness import FakeHarness
from support.harness import Harness, WireClient, docs_response, json_response, late
from support.wire import WireServer

# fault -> (may the request have landed, the error create raises without recovery)
FAULTS: dict[str, tuple[bool, type[APIError]]] = {
    "reset_after_send": (True, APIConnectionError),
    "read_timeout": (True, APITimeoutError),
    "server_error": (True, InternalServerError),
    "html_520": (True, InternalServerError),  # not carried out by the fake, but the client cannot know that
    "refused": (False, APIConnectionError),
    "rate_limit": (False, RateLimitError),
}


def created_for(fake: FakeCryptoCloud, order_id: str) -> int:
    return sum(1 for invoice in fake.invoices.values() if invoice["order_id"] == order_id)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_recover_gives_exactly_one_invoice(mode: str, sleeps: list[float], fault: str) -> None:
    h = FakeHarness(mode)
    h.fake.fail_next(fault)
    invoice = h.run(h.client.invoices.create, amount=Decimal("12.34"), order_id="order-1", recover=True)
    assert isinstance(invoice, Invoice)
    assert created_for(h.fake, "order-1") == 1
    (stored,) = [i for i in h.fake.invoices.values() if i["order_id"] == "order-1"]
    assert invoice.uuid == stored["uuid"]
    assert invoice.amount_in_fiat == Decimal("12.34")


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_recover_survives_the_fault_twice(mode: str, sleeps: list[float], fault: str) -> None:
    h = FakeHarness(mode)
    h.fake.fail_next(fault, count=2)
    h.run(h.client.invoices.create, amount=Decimal("1"), order_id="order-2", recover=True)
    assert created_for(h.fake, "order-2") == 1


@pytest.mark.parametrize("fault", sorted(set(FAULTS) - {"refused"}))
def test_without_recover_a_create_is_never_resent_once_it_may_have_landed(
    mode: str, sleeps: list[float], fault: str
) -> None:
    _never_resent(mode, fault)


def test_a_refused_create_is_resent(mock_mode: str, sleeps: list[float]) -> None:
    _never_resent(mock_mode, "refused")  # a refusal on the wire, on every backend: test_wire_faults.py


def _never_resent(mode: str, fault: str) -> None:
    may_land, error = FAULTS[fault]
    h = FakeHarness(mode, max_retries=2)
    h.fake.fail_next(fault)
    if may_land:
        with pytest.raises(error) as info:
            h.run(h.client.invoices.create, amount=Decimal("1"), order_id="order-3")
        assert type(info.value) is error and info.value.may_have_been_created
        assert len(h.fake.requests) == 1
        assert created_for(h.fake, "order-3") == (0 if fault == "html_520" else 1)
    else:
        h.run(h.client.invoices.create, amount=Decimal("1"), order_id="order-3")  # retried: nothing had landed
        assert len(h.fake.requests) == 2
        assert created_for(h.fake, "order-3") == 1


def test_recovery_gives_up_with_the_original_error(mode: str, sleeps: list[float]) -> None:
    h = FakeHarness(mode, max_retries=1)
    h.fake.fail_next("html_520", count=10)  # creates and lookups all fail
    with pytest.raises(InternalServerError) as info:
        h.run(h.client.invoices.create, amount=Decimal("1"), order_id="order-4", recover=True)
    assert info.value.may_have_been_created and info.value.order_id == "order-4"
    assert created_for(h.fake, "order-4") == 0


def test_find_by_order_id(mode: str) -> None:
    h = FakeHarness(mode)
    first = h.run(h.client.invoices.create, amount=Decimal("1"), order_id="order-5")
    h.run(h.client.invoices.create, amount=Decimal("2"), order_id="other")
    h.fake.advance(timedelta(seconds=1))
    second = h.run(h.client.invoices.create, amount=Decimal("3"), order_id="order-5")
    found = h.run(h.client.invoices.find_by_order_id, "order-5")
    assert found.uuid == second.uuid != first.uuid  # the newest of two
    assert h.run(h.client.invoices.find_by_order_id, "nope") is None
    later = datetime.now(UTC) + timedelta(hours=1)
    assert h.run(h.client.invoices.find_by_order_id, "order-5", since=later) is None


@pytest.mark.parametrize("fault", ["read_timeout", "reset_after_send", "server_error"])
def test_a_cancel_that_may_have_landed_is_not_resent(mode: str, sleeps: list[float], fault: str) -> None:
    # Resent, a cancel that worked would be refused ("Invoice is not created") and look like a failure.
    h = FakeHarness(mode, max_retries=3)
    uuid = h.run(h.client.invoices.create, amount=Decimal("1")).uuid
    h.fake.fail_next(fault)
    with pytest.raises(APIError) as info:
        h.run(h.client.invoices.cancel, uuid)
    assert info.value.may_have_been_created is False
    assert [r.url.path for r in h.fake.requests].count("/v2/invoice/merchant/canceled") == 1
    assert h.fake.invoices[uuid]["status"] == "canceled"  # the fake carried it out before the fault


def test_reads_are_resent_after_a_lost_answer(mode: str, sleeps: list[float]) -> None:
    h = FakeHarness(mode)
    uuid = h.run(h.client.invoices.create, amount=Decimal("1")).uuid
    h.fake.fail_next("read_timeout")
    assert h.run(h.client.invoices.retrieve, uuid).uuid == uuid
    assert [r.url.path for r in h.fake.requests].count("/v2/invoice/merchant/info") == 2
    assert len(sleeps) == 1


# ------------------------------------------------------------ recovery returns only what this call could have made


def _backdate(fake: FakeCryptoCloud, uuid: str, by: timedelta) -> None:
    created = datetime.now(UTC) - by
    fake.invoices[uuid]["created"] = created.strftime("%Y-%m-%d %H:%M:%S.%f")


def test_recovery_never_returns_an_older_invoice_with_the_same_order_id(mode: str, sleeps: list[float]) -> None:
    # An earlier $10 invoice for order-7 was canceled; a $25 create for order-7 gets a 520 and nothing is created.
    h = FakeHarness(mode)
    old = h.run(h.client.invoices.create, amount=Decimal("10"), order_id="order-7")
    h.run(h.client.invoices.cancel, old.uuid)
    _backdate(h.fake, old.uuid, timedelta(minutes=1))
    h.fake.fail_next("html_520")
    with pytest.raises(OrderIdConflictError) as info:
        h.run(h.client.invoices.create, amount=Decimal("25"), order_id="order-7", recover=True)
    error = info.value
    assert [i.uuid for i in error.invoices] == [old.uuid]
    assert isinstance(error.cause, InternalServerError)
    assert error.may_have_been_created is True and error.order_id == "order-7"
    assert f"{old.uuid} (10 USD, canceled" in str(error) and "nothing was resent" in str(error)
    assert created_for(h.fake, "order-7") == 1  # only the old one: nothing was resent
    assert h.paths().count("/v2/invoice/create") == 2  # the old create and the failed one


def test_recovery_ignores_an_invoice_created_before_this_call(mode: str, sleeps: list[float]) -> None:
    # Same order_id, same amount, but created an hour before: outside the window, so not ours, and not seen.
    h = FakeHarness(mode)
    old = h.run(h.client.invoices.create, amount=Decimal("25"), order_id="order-8")
    _backdate(h.fake, old.uuid, timedelta(hours=1))
    h.fake.fail_next("html_520")
    invoice = h.run(h.client.invoices.create, amount=Decimal("25"), order_id="order-8", recover=True)
    assert invoice.uuid != old.uuid
    assert created_for(h.fake, "order-8") == 2  # the old one and this call's one


def test_recovery_never_returns_a_canceled_invoice_made_minutes_before_this_call(
    mode: str, sleeps: list[float]
) -> None:
    # Same order_id, amount and currency, created 4 minutes before: inside the 5 minutes allowed for clock skew,
    # but canceled, so it cannot be what this call made. Nothing is resent either.
    h = FakeHarness(mode, recovery_window=0)
    old = h.run(h.client.invoices.create, amount=Decimal("10"), order_id="order-12")
    h.run(h.client.invoices.cancel, old.uuid)
    _backdate(h.fake, old.uuid, timedelta(minutes=4))
    h.fake.fail_next("html_520")  # this create is read, refused with a page, and not carried out
    with pytest.raises(OrderIdConflictError) as info:
        h.run(h.client.invoices.create, amount=Decimal("10"), order_id="order-12", recover=True)
    assert [i.uuid for i in info.value.invoices] == [old.uuid]
    assert created_for(h.fake, "order-12") == 1
    assert h.paths().count("/v2/invoice/create") == 2  # the old create and the failed one


@pytest.mark.parametrize(
    ("amount", "currency"), [(Decimal("26"), "USD"), (Decimal("25"), "EUR")], ids=["other amount", "other currency"]
)
def test_recovery_refuses_a_recent_invoice_for_another_amount_or_currency(
    mode: str, sleeps: list[float], amount: Decimal, currency: str
) -> None:
    h = FakeHarness(mode)
    other = h.run(h.client.invoices.create, amount=amount, currency=currency, order_id="order-9")
    h.fake.fail_next("html_520")
    with pytest.raises(OrderIdConflictError) as info:
        h.run(h.client.invoices.create, amount=Decimal("25"), currency="USD", order_id="order-9", recover=True)
    assert [i.uuid for i in info.value.invoices] == [other.uuid]
    assert created_for(h.fake, "order-9") == 1


def test_recovery_looks_several_times_over_the_window_before_resending(mode: str, sleeps: list[float]) -> None:
    h = FakeHarness(mode, recovery_window=15.0)
    h.fake.fail_next("html_520")  # nothing created: every lookup finds nothing, then the create is resent
    invoice = h.run(h.client.invoices.create, amount=Decimal("5"), order_id="order-10", recover=True)
    assert created_for(h.fake, "order-10") == 1
    assert isinstance(invoice, Invoice) and invoice.amount_in_fiat == Decimal("5")
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 7.5]  # lookups at 0.5, 1.5, 3.5, 7.5 and 15 s after the failure
    assert h.paths().count("/v2/invoice/merchant/list") == 5
    assert h.paths().count("/v2/invoice/create") == 2


def test_a_zero_recovery_window_looks_once(mode: str, sleeps: list[float]) -> None:
    h = FakeHarness(mode, recovery_window=0)
    h.fake.fail_next("html_520")
    h.run(h.client.invoices.create, amount=Decimal("5"), order_id="order-11", recover=True)
    assert h.paths().count("/v2/invoice/merchant/list") == 1
    assert created_for(h.fake, "order-11") == 1


# ------------------------------------------------------------ the create is resent only when every invoice was seen
# A listing the client cannot see to its end, or an invoice it cannot rule out, ends in the create's own error (or
# a conflict to decide by hand), never in a second invoice.

LIST = "/v2/invoice/merchant/list"


def _reshaped(mode: str, fake: FakeCryptoCloud, reshape: Any) -> Harness:
    """A harness whose list answers are the fake's whole list, cut into pages by ``reshape(items, offset, limit)``
    (-> the page, and all_count or None); every other answer is the fake's."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path != LIST:
            return fake.handle(request)
        asked = json.loads(request.content)
        everything = json.loads(fake.handle(_with_body(request, asked | {"offset": 0, "limit": 100})).content)
        page, all_count = reshape(everything["result"], int(asked.get("offset", 0)), int(asked["limit"]))
        answer: dict[str, Any] = {"status": "success", "result": page}
        if all_count is not None:
            answer["all_count"] = all_count
        return httpx.Response(200, json=answer)

    return Harness(mode, handler, api_key=fake.api_key, shop_id=fake.shop_id)


def _with_body(request: httpx.Request, body: dict[str, Any]) -> httpx.Request:
    return httpx.Request(request.method, request.url, headers=request.headers, json=body)


def _others(h: Harness, fake: FakeCryptoCloud, count: int) -> None:
    for n in range(count):
        h.call(h.client.invoices.create, amount=Decimal("3"), order_id=f"other-{n}")


def test_recovery_never_resends_when_the_listed_invoice_states_no_creation_time(mode: str, sleeps: list[float]) -> None:
    fake = FakeCryptoCloud(seed=7)
    h = _reshaped(mode, fake, _undated)
    fake.fail_next("read_timeout")  # the create lands, its answer is lost; the list cannot say when it was made
    with pytest.raises(OrderIdConflictError) as info:
        h.call(h.client.invoices.create, amount=Decimal("12.34"), order_id="order-1", recover=True)
    assert "creation time not stated" in str(info.value) and info.value.may_have_been_created is True
    assert created_for(fake, "order-1") == 1
    assert [r.url.path for r in h.requests].count("/v2/invoice/create") == 1


def _undated(items: list[dict[str, Any]], offset: int, limit: int) -> tuple[list[dict[str, Any]], None]:
    """Pages as asked, each invoice without its ``created`` (as the docs' info example shows them)."""
    return [{k: v for k, v in item.items() if k != "created"} for item in items][offset : offset + limit], None


def test_recovery_pages_past_short_pages_without_all_count(mode: str, sleeps: list[float]) -> None:
    # Pages of at most 3 whatever the limit, oldest first, no all_count: this create's invoice is on page 3.
    fake = FakeCryptoCloud(seed=7)
    h = _reshaped(mode, fake, lambda items, o, n: (items[::-1][o : o + min(n, 3)], None))
    _others(h, fake, 6)
    fake.fail_next("read_timeout")
    invoice = h.call(h.client.invoices.create, amount=Decimal("12.34"), order_id="order-1", recover=True)
    (stored,) = [i for i in fake.invoices.values() if i["order_id"] == "order-1"]
    assert invoice.uuid == stored["uuid"] and created_for(fake, "order-1") == 1


def test_recovery_never_resends_when_the_list_shows_no_end(mode: str, sleeps: list[float]) -> None:
    # A server that ignores offset: the same short first page whatever is asked, this create's invoice not on it.
    fake = FakeCryptoCloud(seed=7)
    h = _reshaped(mode, fake, lambda items, o, n: (items[::-1][:3], None))
    _others(h, fake, 4)
    fake.fail_next("read_timeout")
    with pytest.raises(APIConnectionError) as info:  # the create's own error: a lost answer
        h.call(h.client.invoices.create, amount=Decimal("12.34"), order_id="order-1", recover=True)
    assert info.value.may_have_been_created is True and info.value.order_id == "order-1"
    assert created_for(fake, "order-1") == 1
    assert [r.url.path for r in h.requests].count("/v2/invoice/create") == 5  # 4 others, and this one once


def test_find_by_order_id_finds_an_invoice_that_states_no_creation_time_and_never_says_none_unseen(
    mode: str,
) -> None:
    fake = FakeCryptoCloud(seed=7)
    undated = _reshaped(mode, fake, _undated)
    made = undated.call(undated.client.invoices.create, amount=Decimal("5"), order_id="order-5")
    assert undated.call(undated.client.invoices.find_by_order_id, "order-5").uuid == made.uuid
    endless = _reshaped(mode, fake, lambda items, o, n: (items[:1], None))
    with pytest.raises(APIError) as info:
        endless.call(endless.client.invoices.find_by_order_id, "order-6")
    assert "cannot tell whether an invoice with order_id 'order-6' exists" in str(info.value)


@pytest.mark.parametrize("order_id", [" order-42", "order-42 ", "\torder-42", "order-42\u00a0"])
def test_an_order_id_the_server_could_trim_is_refused_before_anything_is_sent(mode: str, order_id: str) -> None:
    h = FakeHarness(mode)
    for method in (h.client.invoices.create, h.client.invoices.find_by_order_id):
        arguments = {"amount": Decimal("1"), "order_id": order_id} if method == h.client.invoices.create else {}
        with pytest.raises(InvalidParameterError) as info:
            h.run(method, **arguments) if arguments else h.run(method, order_id)
        assert (info.value.field, info.value.value) == ("order_id", order_id)
    assert h.fake.requests == []


# ------------------------------------------------------------ a create abandoned after sending leaves a trace
# Cancelled (asyncio.wait_for, a shutdown) or interrupted (Ctrl-C) after it may have reached the server, a create
# raises nothing of ours, but the invoice may exist: client.unsettled_creates lists it. Reads leave no trace.


@pytest.mark.parametrize("mode", ["async", "aiohttp"])
def test_a_cancelled_async_create_leaves_a_trace(mode: str) -> None:
    made = late(mode, lambda: json_response(docs_response()))
    client = made.client
    assert isinstance(client, AsyncCryptoCloud)

    async def give_up() -> None:
        await asyncio.wait_for(client.invoices.create(amount=Decimal("10"), order_id="order-lost"), timeout=0.1)

    with pytest.raises(TimeoutError):
        made.call(give_up)
    (trace,) = client.unsettled_creates
    assert isinstance(trace, Unsettled) and trace.order_id == "order-lost"
    assert trace.sent_at.tzinfo is not None


def test_a_keyboard_interrupt_leaves_a_trace() -> None:
    def interrupted(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    harness = Harness("sync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        harness.create(order_id="order-ctrl-c")
    assert [t.order_id for t in harness.client.unsettled_creates] == ["order-ctrl-c"]


def test_reads_leave_no_trace(mock_mode: str) -> None:
    def interrupted(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    harness = Harness(mock_mode, interrupted)
    with pytest.raises(KeyboardInterrupt):
        harness.call(harness.client.invoices.retrieve, "INV-89UX09KA")
    assert harness.client.unsettled_creates == []


def _cut_create(fake: FakeCryptoCloud) -> Callable[[httpx.Request], httpx.Response]:
    """The fake on the wire, except that the first create is carried out and its connection then cut unanswered."""
    cut: list[int] = []

    def app(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v2/invoice/create" and not cut:
            cut.append(1)
            fake.handle(request)
            raise httpx.ReadError("cut")  # WireServer closes the connection without answering
        return fake.handle(request)

    return app


@pytest.mark.parametrize("backend_name", ["async", "aiohttp"])
def test_a_recovering_create_cancelled_while_it_looks_is_recorded_as_unsettled(backend_name: str) -> None:
    # The create was carried out and its answer cut; recovery waits before looking. Cancelling the task then
    # (asyncio.wait_for, a shutdown) must leave the trace: the wait and the lookups belong to the create.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(_cut_create(fake)) as server, WireClient(backend_name, server.url, recovery_window=5.0) as wire:
        assert isinstance(wire.client, AsyncCryptoCloud)
        client = wire.client

        async def main() -> None:
            task = asyncio.ensure_future(client.invoices.create(amount=Decimal("10"), order_id="order-1", recover=True))
            first: float | None = None
            for _ in range(200):  # at most 2 s
                if any(r.url.path == "/v2/invoice/create" for r in server.requests):
                    first = first or time.monotonic()
                    if time.monotonic() - first > 0.2:  # seen cut, inside the first lookup delay (0.5 s)
                        break
                if task.done():
                    break
                await asyncio.sleep(0.01)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        wire.run(main)
    assert created_for(fake, "order-1") == 1
    assert [u.order_id for u in client.unsettled_creates] == ["order-1"]


def test_a_recovering_create_interrupted_by_ctrl_c_while_it_waits_is_recorded_as_unsettled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeCryptoCloud(seed=1)

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    with WireServer(_cut_create(fake)) as server:
        wire = WireClient("sync", server.url, recovery_window=5.0)
        monkeypatch.setattr(time, "sleep", interrupted)  # the first wait of recovery, after the cut create
        try:
            with pytest.raises(KeyboardInterrupt):
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id="order-1", recover=True)
        finally:
            monkeypatch.undo()
            wire.close()
    assert created_for(fake, "order-1") == 1
    assert [u.order_id for u in wire.client.unsettled_creates] == ["order-1"]
