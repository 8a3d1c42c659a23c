"""Every v2 operation through the facade, sync and async, against the embedded fake."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from cryptocloud import BadRequestError, InvalidParameterError, NotFoundError
from cryptocloud.models import InvoiceDetails
from cryptocloud.testing import FakeCryptoCloud
from cryptocloud_client.models import Balance, StaticWallet, Statistics
from support.fake_harness import FakeHarness

TODAY = datetime.now(UTC).date()


def create(h: FakeHarness, **kwargs: object) -> str:
    return str(h.run(h.client.invoices.create, **({"amount": Decimal("10")} | kwargs)).uuid)


def test_cancel(mode: str) -> None:
    h = FakeHarness(mode)
    uuid = create(h)
    assert h.run(h.client.invoices.cancel, uuid.removeprefix("INV-")) is None  # accepted without the prefix
    assert json.loads(h.fake.requests[-1].content) == {"uuid": uuid}  # and sent with it
    assert h.fake.invoices[uuid]["status"] == "canceled"
    with pytest.raises(BadRequestError) as info:
        h.run(h.client.invoices.cancel, uuid)  # no longer "created"
    assert info.value.errors == {"validate_error": ["Invoice is not created"]}


def test_retrieve(mode: str) -> None:
    h = FakeHarness(mode)
    uuid = create(h, order_id="o-1")
    invoice = h.run(h.client.invoices.retrieve, uuid)
    assert isinstance(invoice, InvoiceDetails)
    assert (invoice.uuid, invoice.order_id, invoice.received) == (uuid, "o-1", Decimal(0))
    assert invoice.pay_url == invoice.link and invoice.link.startswith("https://")
    with pytest.raises(NotFoundError) as info:
        h.run(h.client.invoices.retrieve, "INV-NOSUCH12")
    # The API answers 200 without the invoice: the status is kept as it was, the message says what is missing.
    assert (str(info.value), info.value.status_code) == ("no invoice INV-NOSUCH12 in the answer", 200)


def test_retrieve_many_splits_by_100_and_keeps_order(mode: str) -> None:
    h = FakeHarness(mode)
    uuids = [create(h) for _ in range(250)]
    wanted = [*reversed(uuids), "INV-MISSING1", uuids[0].removeprefix("INV-")]  # a repeat, unprefixed
    before = len(h.fake.requests)
    found = h.run(h.client.invoices.retrieve_many, wanted)
    sizes = [len(json.loads(r.content)["uuids"]) for r in h.fake.requests[before:]]
    assert sizes == [100, 100, 51]
    assert [i.uuid for i in found] == list(reversed(uuids))  # missing left out, repeat once


@pytest.mark.parametrize("reading", ["page_size", "end_index"])
@pytest.mark.parametrize("all_count", [True, False], ids=["with all_count", "without all_count"])
@pytest.mark.parametrize("total", [0, 1, 99, 100, 101, 250])
def test_list_pages_through_everything_once(mode: str, reading: str, all_count: bool, total: int) -> None:
    fake = FakeCryptoCloud(list_limit=reading, report_all_count=all_count, seed=3)
    h = FakeHarness(mode, fake)
    created = [create(h) for _ in range(total)]
    before = len(fake.requests)
    listed = h.collect(h.client.invoices.list(start=TODAY, end=TODAY, page_size=100))
    assert sorted(i.uuid for i in listed) == sorted(created)
    assert len({i.uuid for i in listed}) == total
    pages = len(fake.requests) - before
    assert pages <= total // 100 + 2


def test_list_is_lazy_and_checks_dates_first(mode: str) -> None:
    h = FakeHarness(mode)
    for _ in range(5):
        create(h)
    before = len(h.fake.requests)
    iterator = h.client.invoices.list(start=TODAY, end=TODAY, page_size=2)
    assert len(h.fake.requests) == before  # nothing sent until iterated
    assert len(h.collect(iterator)) == 5
    assert [json.loads(r.content)["offset"] for r in h.fake.requests[before:]] == [0, 2, 4]
    with pytest.raises(InvalidParameterError) as info:
        h.client.invoices.list(start=TODAY, end=TODAY - timedelta(days=1))
    assert info.value.field == "end"
    for bad in ({"start": "2026-01-01", "end": TODAY}, {"start": datetime.now(UTC), "end": TODAY}):
        with pytest.raises(InvalidParameterError):
            h.client.invoices.list(**bad)
    with pytest.raises(InvalidParameterError):
        h.client.invoices.list(start=TODAY, end=TODAY, page_size=101)


def test_list_sends_dotted_dates(mode: str) -> None:
    h = FakeHarness(mode)
    h.collect(h.client.invoices.list(start=date(2026, 1, 2), end=date(2026, 2, 3)))
    assert json.loads(h.fake.requests[-1].content) == {
        "start": "02.01.2026",
        "end": "03.02.2026",
        "offset": 0,
        "limit": 100,
    }


def test_balances_statistics_and_static_wallets(mode: str) -> None:
    h = FakeHarness(mode)
    paid = create(h, amount=Decimal("100"), cryptocurrency="USDT_TRC20")
    create(h, amount=Decimal("5"))
    h.fake.pay(paid)
    balances = h.run(h.client.balances.list)
    assert [type(b) for b in balances] == [Balance]
    assert (balances[0].currency.code, balances[0].balance_usd) == ("USDT_TRC20", Decimal("100"))
    stats = h.run(h.client.statistics.get, start=TODAY, end=TODAY)
    assert isinstance(stats, Statistics)
    assert (stats.count.all_, stats.count.paid, stats.count.created) == (2, 1, 1)
    assert stats.amount.paid == Decimal("100") and isinstance(stats.amount.overpaid, Decimal)
    wallet = h.run(h.client.static_wallets.create, currency="USDT_TRC20", identify="customer-42")
    assert isinstance(wallet, StaticWallet) and len(wallet.uuid) == 32 and wallet.address.startswith("T")
    assert json.loads(h.fake.requests[-1].content) == {
        "shop_id": "fake-shop",
        "currency": "USDT_TRC20",
        "identify": "customer-42",
    }


@pytest.mark.parametrize(
    ("call", "kwargs", "field"),
    [
        ("cancel", {"uuid": "INV-"}, "uuid"),
        ("cancel", {"uuid": "has space"}, "uuid"),
        ("retrieve", {"uuid": 42}, "uuid"),
        ("retrieve_many", {"uuids": "INV-89UX09KA"}, "uuids"),
        ("retrieve_many", {"uuids": ["INV-OK", "bad id"]}, "uuids[1]"),
        ("find_by_order_id", {"order_id": ""}, "order_id"),
        ("find_by_order_id", {"order_id": "o", "since": datetime(2026, 1, 1)}, "since"),
        ("create", {"amount": 1, "recover": True}, "recover"),
    ],
)
def test_bad_arguments_are_refused_before_sending(mode: str, call: str, kwargs: dict[str, object], field: str) -> None:
    h = FakeHarness(mode)
    with pytest.raises(InvalidParameterError) as info:
        h.run(getattr(h.client.invoices, call), **kwargs)
    assert info.value.field == field
    assert h.fake.requests == []


def test_static_wallet_refuses_bad_currency(mode: str) -> None:
    h = FakeHarness(mode)
    with pytest.raises(InvalidParameterError) as info:  # malformed: refused before sending
        h.run(h.client.static_wallets.create, currency="usd", identify="x")
    assert info.value.field == "currency" and h.fake.requests == []
    with pytest.raises(BadRequestError) as refused:  # well formed but unlisted: sent, and the server decides
        h.run(h.client.static_wallets.create, currency="USD", identify="x")
    assert list(refused.value.errors) == ["currency"] and len(h.fake.requests) == 1
