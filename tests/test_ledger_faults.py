"""The ledger when its database, its clock, its callers or the server misbehave (found by an outside attack on
the money path): a create in flight is not settled as absent, a ledger that fails after sending never hides what
was sent, no password in an error, leases and spacing on the database's clock, leases that cannot hold refused,
one payout however its amount is written, claim_in takes over a dead worker's lease, and an answer saying both
"success" and "error" is no refusal. Local servers on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptocloud import (
    AsyncCryptoCloud,
    BadRequestError,
    CryptoCloud,
    CryptoCloudError,
    InvalidParameterError,
    LedgerError,
    OutcomeUnknownError,
    WithdrawalTooSoonError,
)
from cryptocloud.ledger import open_ledger
from cryptocloud.testing import FakeCryptoCloud
from support.raw_server import RawServer, http
from support.wire import WireServer

WITHDRAWAL, CREATE = "/v2/invoice/api/out/create", "/v2/invoice/create"
WKEY = "fake-wkey-2f9c"
ADDRESS = "TXYZabcdefghijkLMNOPqrstuvwx12345"


def _client(fake: FakeCryptoCloud, url: str, ledger: str, **extra: Any) -> CryptoCloud:
    return CryptoCloud(
        api_key=fake.api_key,
        shop_id=fake.shop_id,
        base_url=url,
        withdrawal_key=WKEY,
        ledger=ledger,
        max_retries=0,
        timeout=10,
        **extra,
    )


def _funded() -> FakeCryptoCloud:
    fake = FakeCryptoCloud(seed=1, withdrawal_key=WKEY)
    fake.fund("USDT_TRC20", Decimal("1000"))
    return fake


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/ledger.db"


# ------------------------------------------------------------------ reconcile and a create still in flight


def test_reconcile_does_not_declare_absent_a_create_that_is_still_in_flight(ledger_url: str) -> None:
    """Worker A's create of order-7 is in flight (the server is slow to commit). Worker B restarts and runs
    reconcile, as the README says to do at start-up: the list does not show order-7 yet, so reconcile settles it
    "absent" and B's create of order-7 goes out. Then A's lands: two invoices for one order."""
    fake = FakeCryptoCloud(seed=1)
    first_create = threading.Event()

    def slow_first_create(request: httpx.Request) -> httpx.Response:
        if request.url.path == CREATE and not first_create.is_set():
            first_create.set()
            time.sleep(1.5)  # still committing when B reconciles
        return fake.handle(request)

    with WireServer(slow_first_create) as server:
        a = _client(fake, server.url, ledger_url)
        b = _client(fake, server.url, ledger_url)
        results: list[object] = []
        worker = threading.Thread(
            target=lambda: results.append(a.invoices.create(amount=Decimal("10"), order_id="order-7"))
        )
        worker.start()
        assert first_create.wait(3)
        report = b.reconcile()  # B's start-up
        outcomes = [(r.key, r.outcome) for r in report]
        with pytest.raises(OutcomeUnknownError):  # A's create is still open: B sends nothing
            b.invoices.create(amount=Decimal("10"), order_id="order-7")
        worker.join(5)
    made = [i for i in fake.invoices.values() if i.get("order_id") == "order-7"]
    assert len(made) == 1, f"{len(made)} invoices for order-7; reconcile said {outcomes}"
    assert outcomes == [("order-7", "unknown")] and len(results) == 1  # left for later; A's create returned


# ------------------------------------------------------------------ the ledger fails before or after sending


@pytest.fixture
def short_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    import cryptocloud.ledger.sqlite as sqlite_ledger

    monkeypatch.setattr(sqlite_ledger, "BUSY_TIMEOUT", 0.3)  # a lock held longer than the busy timeout


def _lock_ledger(path: str, hold: float) -> threading.Thread:
    """Another process of the shop takes the ledger's write lock (a long job, a backup, `sqlite3 .dump`)."""
    taken = threading.Event()

    def hold_lock() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(hold)
        conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold_lock, daemon=True)
    holder.start()
    taken.wait(5)
    return holder


def _locking_after(
    fake: FakeCryptoCloud, route: str, path: str, holders: list[threading.Thread]
) -> Callable[[httpx.Request], httpx.Response]:
    """The fake's app, which has another process lock the ledger for a second once ``route`` has been answered."""

    def app(request: httpx.Request) -> httpx.Response:
        answer = fake.handle(request)
        if request.url.path == route:
            holders.append(_lock_ledger(path, 1.0))
        return answer

    return app


@pytest.mark.parametrize("idempotency_key", [None, "payout-1"])
def test_a_withdrawal_that_went_out_is_returned_when_the_ledger_cannot_record_it(
    tmp_path: Path, short_busy: None, idempotency_key: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    """The withdrawal is carried out and answered; then the ledger cannot record the answer (another process holds
    its lock past the busy timeout). The caller gets the withdrawal; the key stays of unknown outcome."""
    fake = _funded()
    path = str(tmp_path / "ledger.db")
    holders: list[threading.Thread] = []
    app = _locking_after(fake, WITHDRAWAL, path, holders)

    asked: dict[str, Any] = {"currency_code": "USDT_TRC20", "to_address": ADDRESS, "amount": Decimal("10")}
    with WireServer(app) as server, _client(fake, server.url, f"sqlite:///{path}") as client:
        with caplog.at_level(logging.WARNING, logger="cryptocloud"):
            out = client.withdrawals.create(**asked, idempotency_key=idempotency_key)
        (made,) = fake.withdrawals
        assert out.id == made
        assert "the ledger could not record its outcome" in caplog.text and WKEY not in caplog.text
        holders[0].join()
        if idempotency_key is not None:  # what went out is not known to the ledger: nothing is sent again
            with pytest.raises(OutcomeUnknownError):
                client.withdrawals.create(**asked, idempotency_key=idempotency_key)
    assert len(fake.withdrawals) == 1


def test_an_invoice_that_was_created_is_returned_when_the_ledger_cannot_record_it(
    tmp_path: Path, short_busy: None
) -> None:
    fake = FakeCryptoCloud(seed=1)
    path = str(tmp_path / "ledger.db")
    holders: list[threading.Thread] = []
    app = _locking_after(fake, CREATE, path, holders)

    with WireServer(app) as server, _client(fake, server.url, f"sqlite:///{path}") as client:
        invoice = client.invoices.create(amount=Decimal("10"), order_id="order-9")
        assert [invoice.uuid] == list(fake.invoices)
        holders[0].join()
        with pytest.raises(OutcomeUnknownError):  # the ledger still holds it as sent, outcome unknown
            client.invoices.create(amount=Decimal("10"), order_id="order-9")
    assert len(fake.invoices) == 1


def test_a_ledger_that_cannot_record_before_sending_sends_nothing(tmp_path: Path, short_busy: None) -> None:
    fake = _funded()
    path = str(tmp_path / "ledger.db")
    with WireServer(fake.handle) as server, _client(fake, server.url, f"sqlite:///{path}") as client:
        holder = _lock_ledger(path, 1.0)
        with pytest.raises(LedgerError) as create:
            client.invoices.create(amount=Decimal("10"), order_id="order-10")
        with pytest.raises(LedgerError):
            client.withdrawals.create(
                currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("1"), idempotency_key="payout-2"
            )
        holder.join()
        assert "database is locked" in str(create.value) and server.requests == []
    assert (len(fake.invoices), len(fake.withdrawals)) == (0, 0)


# ------------------------------------------------------------------ the ledger URL's password in an error


@pytest.mark.parametrize(
    "url",
    ["postgresql://shop:Hunter2pw%zz@127.0.0.1:1/shop", "postgresql://shop:Hunter2pw@[::1/shop"],
)
def test_a_postgres_ledger_url_with_a_typo_does_not_put_its_password_in_the_error(url: str) -> None:
    """libpq quotes the URI (or the password token) in its parse errors: none of it reaches the error, and
    psycopg's own exception is not chained to it (a traceback, a log or Sentry would show it)."""
    with pytest.raises(InvalidParameterError) as raised:
        CryptoCloud(api_key="k", ledger=url)
    text = f"{raised.value!r} {raised.value}"
    assert raised.value.field == "ledger" and "cannot be opened" in text
    chain: list[BaseException] = []
    error: BaseException | None = raised.value
    while error is not None:  # what a traceback, a log or Sentry may show: the error and all it was raised from
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert not any("Hunter2pw" in f"{e!r} {e}" for e in chain), chain


# ------------------------------------------------------------------ leases and spacing on the database's clock


class _Skewed:
    """The ``time`` module of a machine whose clock is ``offset`` seconds off (NTP step, a VM resumed, another
    host of the PostgreSQL ledger)."""

    def __init__(self, offset: float) -> None:
        self.offset = offset

    def time(self) -> float:
        return time.time() + self.offset

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def test_a_payment_claimed_by_one_worker_is_not_taken_over_by_a_worker_whose_clock_is_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryptocloud.ledger._base as base

    url = f"sqlite:///{tmp_path}/ledger.db"
    first, second = open_ledger(url), open_ledger(url)
    processed = []
    with first.once("INV-X:paid:10") as claim:  # worker 1 starts shipping, well within its 60 s lease
        assert claim
        monkeypatch.setattr(base, "time", _Skewed(61.0))  # worker 2's clock is a minute ahead
        with second.once("INV-X:paid:10") as other:
            if other:
                processed.append("worker 2")
        monkeypatch.setattr(base, "time", time)
        processed.append("worker 1")
    assert processed == ["worker 1"], "the payment was processed by two workers at once"


def test_a_clock_stepped_back_does_not_block_withdrawals_for_an_hour(tmp_path: Path) -> None:
    """The database's clock steps back an hour after a withdrawal (NTP): the last send now seems to lie in the
    future. The time since is unknown, so the ledger does not ask for an hour's wait; the server's own rate
    limit refuses a withdrawal that really is too soon."""
    fake = _funded()
    path = tmp_path / "l.db"
    with WireServer(fake.handle) as server, _client(fake, server.url, f"sqlite:///{path}") as client:
        client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("1"))
        with pytest.raises(WithdrawalTooSoonError) as soon:  # by the ledger's clock: just now
            client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("1"))
        assert 11 <= soon.value.retry_after <= 12
        with sqlite3.connect(path) as stepped:  # as if the clock went back an hour since the send
            stepped.execute("UPDATE cc_spacing SET last_sent_at = last_sent_at + 3600")
        with pytest.raises(BadRequestError) as refused:  # the ledger let it through; the fake keeps 12 s itself
            client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("1"))
        assert "rate_limit" in refused.value.errors and refused.value.may_have_taken_effect is False
    assert len(fake.withdrawals) == 1


@pytest.mark.parametrize("lease", [0.0, -1.0, float("nan"), float("inf"), True])
def test_a_lease_that_cannot_hold_is_refused(tmp_path: Path, lease: float) -> None:
    """A lease of 0, a negative one or NaN would let a second worker take the payment at once."""
    ledger = open_ledger(f"sqlite:///{tmp_path}/ledger.db")
    with pytest.raises(InvalidParameterError) as refused:
        ledger.claim("INV-Y:paid:10", lease=lease)
    assert refused.value.field == "lease" and refused.value.value is lease
    with ledger.once("INV-Y:paid:10") as first:  # nothing was claimed by the refused call
        assert first


# ------------------------------------------------------------------ one payout, however its amount is written


def test_a_retried_payout_whose_amount_is_written_10_00_is_the_same_payout(tmp_path: Path) -> None:
    """A job stores Decimal("10") and reads back Decimal("10.00") from its NUMERIC(..., 2) column: the same payout.
    Another amount under the key is still refused, and nothing is sent."""
    fake = _funded()
    with WireServer(fake.handle) as server, _client(fake, server.url, f"sqlite:///{tmp_path}/l.db") as client:
        first = client.withdrawals.create(
            currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10"), idempotency_key="job-1"
        )
        again = client.withdrawals.create(
            currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10.00"), idempotency_key="job-1"
        )
        with pytest.raises(InvalidParameterError) as other:
            client.withdrawals.create(
                currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10.01"), idempotency_key="job-1"
            )
    assert again.id == first.id and len(fake.withdrawals) == 1
    assert other.value.field == "idempotency_key"


# ------------------------------------------------------------------ PostgreSQL: claim_in and a lease whose worker died


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    from support.pg_server import cluster

    with cluster() as url:
        yield url


def test_claim_in_takes_over_a_payment_whose_once_worker_died(postgres: str) -> None:
    """Worker 1 (ledger.once) claims the payment and is killed before finishing. After its lease, the next
    delivery is handled with claim_in (the README's PostgreSQL way): it takes the payment over, once; a live lease
    and a done payment are not taken."""
    import psycopg
    from cryptocloud.ledger.postgres import PostgresLedger
    from support.pg_server import fresh_database

    url = fresh_database(postgres)
    dead = PostgresLedger(url)
    assert dead.claim("INV-Z:paid:10", lease=0.1)  # then SIGKILL: no complete, no release
    assert dead.claim("INV-L:paid:10", lease=60)  # a live worker, well within its lease
    dead.close()
    time.sleep(0.2)
    shared = PostgresLedger(url)
    with psycopg.connect(url) as conn:
        took = [shared.claim_in(conn, key) for key in ("INV-Z:paid:10", "INV-Z:paid:10", "INV-L:paid:10")]
        conn.commit()
    shared.close()
    assert took == [True, False, False]  # taken over once; the live lease is not taken


# ------------------------------------------------------------------ an answer saying both "success" and "error"


def _invoice_answer_with_status_repeated() -> bytes:
    invoice = FakeCryptoCloud(seed=1)
    response = invoice.handle(
        httpx.Request(
            "POST",
            "http://x/v2/invoice/create",
            headers={"Authorization": f"Token {invoice.api_key}"},
            json={"shop_id": invoice.shop_id, "amount": 10, "currency": "USD", "order_id": "order-dup"},
        )
    )
    body = response.content.decode().rstrip()
    assert body.endswith("}") and '"status": "success"' in body.replace('":"', '": "')
    return (body[:-1] + ', "status": "error"}').encode()  # the invoice, and then a second "status"


@pytest.mark.parametrize("backend", ["sync", "httpx", "aiohttp"])
def test_a_200_naming_a_created_invoice_with_a_repeated_status_key_is_not_a_refusal(
    tmp_path: Path, backend: str
) -> None:
    """200 OK, the created invoice under "result", and "status" given twice (success, then error). Keeping the
    last would read a refusal: the ledger would free the order and the retry would make a second invoice. The
    answer is unreadable instead, the invoice may exist, and the retry sends nothing."""
    answer = _invoice_answer_with_status_repeated()
    sent: list[int] = []

    def serve(number: int, head: bytes, conn: Any) -> bool:
        sent.append(number)
        conn.sendall(http(b"HTTP/1.1 200 OK", answer))
        return True

    options: dict[str, Any] = dict(
        api_key="k-0123456789abcdef", shop_id="shop", max_retries=0, timeout=3, ledger=f"sqlite:///{tmp_path}/l.db"
    )
    outcomes: list[str] = []
    with RawServer(serve) as server:
        if backend == "sync":
            with CryptoCloud(base_url=server.url, **options) as client:
                for _ in range(2):
                    try:
                        client.invoices.create(amount=Decimal("10"), order_id="order-dup")
                    except CryptoCloudError as error:
                        outcomes.append(f"{type(error).__name__} {getattr(error, 'may_have_been_created', '-')}")
        else:

            async def go() -> None:
                async with AsyncCryptoCloud(base_url=server.url, **options | {"http_backend": backend}) as client:
                    for _ in range(2):
                        try:
                            await client.invoices.create(amount=Decimal("10"), order_id="order-dup")
                        except CryptoCloudError as error:
                            outcomes.append(f"{type(error).__name__} {getattr(error, 'may_have_been_created', '-')}")

            asyncio.run(go())
    assert len(sent) == 1, f"{len(sent)} creates of order-dup sent: {outcomes}"
    assert outcomes == ["APIResponseValidationError True", "OutcomeUnknownError -"]
