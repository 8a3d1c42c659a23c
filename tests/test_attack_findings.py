"""Findings of an outside attack on the money path (mostly the ledger). Each test states what should hold; each
fails against the code as it stands. Local servers on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, CryptoCloud, CryptoCloudError
from cryptocloud.testing import FakeCryptoCloud
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


# ------------------------------------------------------------------ 1. reconcile settles a create still in flight


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
        try:
            b.invoices.create(amount=Decimal("10"), order_id="order-7")
        except CryptoCloudError:
            pass
        worker.join(5)
    made = [i for i in fake.invoices.values() if i.get("order_id") == "order-7"]
    assert len(made) == 1, f"{len(made)} invoices for order-7; reconcile said {outcomes}"


# ------------------------------------------------------------------ 2. the ledger fails after the money moved


@pytest.fixture
def short_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    import cryptocloud.ledger.sqlite as sqlite_ledger

    monkeypatch.setattr(sqlite_ledger, "BUSY_TIMEOUT", 0.3)  # a lock held longer than the busy timeout


def _lock_ledger(path: str, hold: float) -> None:
    """Another process of the shop takes the ledger's write lock (a long job, a backup, `sqlite3 .dump`)."""

    def hold_lock() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        time.sleep(hold)
        conn.execute("ROLLBACK")
        conn.close()

    threading.Thread(target=hold_lock, daemon=True).start()
    time.sleep(0.05)


@pytest.mark.parametrize("idempotency_key", [None, "payout-1"])
def test_a_withdrawal_that_went_out_is_never_reported_as_a_bare_database_error(
    tmp_path: Path, short_busy: None, idempotency_key: str | None
) -> None:
    """The withdrawal is carried out and answered; the ledger cannot record the answer (another process holds its
    lock longer than the busy timeout). The caller gets sqlite3.OperationalError: not a CryptoCloudError, no
    may_have_taken_effect, and the withdrawal's id is lost. A job that retries on a non-API error pays twice."""
    fake = _funded()
    path = str(tmp_path / "ledger.db")

    def app(request: httpx.Request) -> httpx.Response:
        answer = fake.handle(request)
        if request.url.path == WITHDRAWAL:
            _lock_ledger(path, 1.0)
        return answer

    with WireServer(app) as server, _client(fake, server.url, f"sqlite:///{path}") as client:
        try:
            out = client.withdrawals.create(
                currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10"), idempotency_key=idempotency_key
            )
        except CryptoCloudError as error:
            assert getattr(error, "may_have_taken_effect", False), repr(error)
        except Exception as error:  # noqa: BLE001 - the finding
            pytest.fail(f"the withdrawal went out ({len(fake.withdrawals)}), the caller got {error!r}")
        else:
            assert out.id
    assert len(fake.withdrawals) == 1


def test_an_invoice_that_was_created_is_never_lost_to_a_bare_database_error(tmp_path: Path, short_busy: None) -> None:
    fake = FakeCryptoCloud(seed=1)
    path = str(tmp_path / "ledger.db")

    def app(request: httpx.Request) -> httpx.Response:
        answer = fake.handle(request)
        if request.url.path == CREATE:
            _lock_ledger(path, 1.0)
        return answer

    with WireServer(app) as server, _client(fake, server.url, f"sqlite:///{path}") as client:
        try:
            client.invoices.create(amount=Decimal("10"), order_id="order-9")
        except CryptoCloudError as error:
            assert getattr(error, "may_have_been_created", False), repr(error)
        except Exception as error:  # noqa: BLE001 - the finding
            pytest.fail(f"the invoice was created ({len(fake.invoices)}), the caller got {error!r}")


# ------------------------------------------------------------------ 3. the async client blocks its event loop on the ledger


@pytest.mark.parametrize("http_backend", ["httpx", "aiohttp"])
def test_the_async_client_does_not_block_the_event_loop_while_the_ledger_is_locked(
    tmp_path: Path, http_backend: str
) -> None:
    """Another process holds the ledger's write lock for 1.2 s. The async client waits for it inside
    sqlite3 (busy timeout 30 s) on the event loop's thread: every other coroutine of the web server stalls."""
    fake = FakeCryptoCloud(seed=1)
    path = str(tmp_path / "ledger.db")

    async def scenario(url: str) -> float:
        client = AsyncCryptoCloud(
            api_key=fake.api_key, shop_id=fake.shop_id, base_url=url, ledger=f"sqlite:///{path}",
            max_retries=0, timeout=10, http_backend=http_backend,
        )
        gaps: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            last = time.monotonic()
            while not stop.is_set():
                await asyncio.sleep(0.02)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        _lock_ledger(path, 1.2)
        await client.invoices.create(amount=Decimal("10"), order_id="order-async")
        stop.set()
        await tick
        await client.close()
        return max(gaps)

    with WireServer(fake.handle) as server:
        worst = asyncio.run(scenario(server.url))
    assert worst < 0.5, f"the event loop stood still for {worst:.2f} s waiting for the ledger"


# ------------------------------------------------------------------ 4. the ledger URL's password in an error


@pytest.mark.parametrize(
    "url",
    ["postgresql://shop:Hunter2pw%zz@127.0.0.1:1/shop", "postgresql://shop:Hunter2pw@[::1/shop"],
)
def test_a_postgres_ledger_url_with_a_typo_does_not_put_its_password_in_the_error(url: str) -> None:
    """libpq quotes the URI (or the password token) in its parse errors; open_ledger passes psycopg's error on
    raw, so the password lands in the traceback, the log, Sentry."""
    with pytest.raises(Exception) as raised:
        CryptoCloud(api_key="k", ledger=url)
    text = f"{raised.value!r} {raised.value}"
    assert "Hunter2pw" not in text, text


# ------------------------------------------------------------------ 5. leases and spacing on each process's own clock


class _Skewed:
    """The ``time`` module of a machine whose clock is ``offset`` seconds off (NTP step, a VM resumed, another
    host of the PostgreSQL ledger): the ledger reads time.time() in the client, not the database's clock."""

    def __init__(self, offset: float) -> None:
        self.offset = offset

    def time(self) -> float:
        return time.time() + self.offset

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def test_a_payment_claimed_by_one_worker_is_not_taken_over_by_a_worker_whose_clock_is_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptocloud.ledger import open_ledger
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


def test_a_clock_stepped_back_does_not_block_withdrawals_for_an_hour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptocloud import WithdrawalTooSoonError
    import cryptocloud.ledger._base as base

    fake = _funded()
    with WireServer(fake.handle) as server, _client(fake, server.url, f"sqlite:///{tmp_path}/l.db") as client:
        monkeypatch.setattr(base, "time", _Skewed(0.0))
        client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("1"))
        base.time.offset = -3600 + 13.0  # NTP steps the clock back an hour, 13 s later
        try:
            client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("1"))
        except WithdrawalTooSoonError as refused:
            pytest.fail(f"13 s after the last withdrawal, told to wait {refused.retry_after} s")


@pytest.mark.parametrize("lease", [0.0, -1.0, float("nan")])
def test_a_lease_that_cannot_hold_is_refused_not_silently_granted(tmp_path: Path, lease: float) -> None:
    """once(key, lease=0 / negative / NaN) hands out a claim that another worker may take at once (NaN is stored as
    NULL in SQLite and PostgreSQL); a misconfigured lease should be an InvalidParameterError."""
    from cryptocloud.ledger import open_ledger

    url = f"sqlite:///{tmp_path}/ledger.db"
    first, second = open_ledger(url), open_ledger(url)
    with first.once("INV-Y:paid:10", lease=lease) as claim:
        with second.once("INV-Y:paid:10") as other:
            assert not (claim and other), f"lease={lease}: both workers hold the payment"


# ------------------------------------------------------------------ 6. the same payout retried with its amount written otherwise


def test_a_retried_payout_whose_amount_is_written_10_00_is_the_same_payout(tmp_path: Path) -> None:
    """A job stores Decimal("10") and reads back Decimal("10.00") from its NUMERIC(…, 2) column: the ledger compares
    str(amount) and refuses the retry as "another withdrawal" (nothing sent: safe, but the key is dead)."""
    import cryptocloud.ledger._base as base

    fake = _funded()
    with WireServer(fake.handle) as server, _client(fake, server.url, f"sqlite:///{tmp_path}/l.db") as client:
        first = client.withdrawals.create(
            currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10"), idempotency_key="job-1"
        )
        again = client.withdrawals.create(
            currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10.00"), idempotency_key="job-1"
        )
    assert again.id == first.id and len(fake.withdrawals) == 1
    assert base.MIN_SPACING == 12.0


# ------------------------------------------------------------------ 7. PostgreSQL: claim_in meets a lease whose worker died


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    from support.pg_server import cluster

    with cluster() as url:
        yield url


def test_claim_in_takes_over_a_payment_whose_once_worker_died(postgres: str) -> None:
    """Worker 1 (the README's handler, ledger.once) claims the payment and is killed before finishing. After its
    lease, the next delivery is handled with claim_in (the README's PostgreSQL way): ON CONFLICT DO NOTHING meets
    the dead worker's 'claimed' row and answers False for ever: the paid order is never shipped."""
    import psycopg
    from cryptocloud.ledger.postgres import PostgresLedger
    from support.pg_server import fresh_database

    url = fresh_database(postgres)
    dead = PostgresLedger(url)
    assert dead.claim("INV-Z:paid:10", lease=0.1)  # then SIGKILL: no complete, no release
    dead.close()
    time.sleep(0.2)
    shared = PostgresLedger(url)
    with psycopg.connect(url) as conn, conn.transaction():
        took = shared.claim_in(conn, "INV-Z:paid:10")
    shared.close()
    assert took, "the payment's lease ran out, yet no delivery can ever claim it again"


# ------------------------------------------------------------------ 8. a repeated "status" key read as a refusal


def _invoice_answer_with_status_repeated() -> bytes:
    invoice = FakeCryptoCloud(seed=1)
    response = invoice.handle(
        httpx.Request(
            "POST", "http://x/v2/invoice/create", headers={"Authorization": f"Token {invoice.api_key}"},
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
    """200 OK, the created invoice under "result", and "status" given twice (success, then error). The client keeps
    the last and raises BadRequestError with may_have_been_created=False: the ledger records the create as
    REFUSED, the order is free again, and the retry sends a second create (two invoices for one order). With
    the keys the other way round it returns the invoice: the answer is ambiguous and must be treated as such."""
    from support.raw_server import RawServer, http

    answer = _invoice_answer_with_status_repeated()
    sent: list[int] = []

    def serve(number: int, head: bytes, conn: Any) -> bool:
        sent.append(number)
        conn.sendall(http(b"HTTP/1.1 200 OK", answer))
        return True

    options = dict(api_key="k-0123456789abcdef", shop_id="shop", max_retries=0, timeout=3,
                   ledger=f"sqlite:///{tmp_path}/l.db")
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
                async with AsyncCryptoCloud(base_url=server.url, http_backend=backend, **options) as client:
                    for _ in range(2):
                        try:
                            await client.invoices.create(amount=Decimal("10"), order_id="order-dup")
                        except CryptoCloudError as error:
                            outcomes.append(f"{type(error).__name__} {getattr(error, 'may_have_been_created', '-')}")

            asyncio.run(go())
    assert len(sent) == 1, f"{len(sent)} creates of order-dup sent: {outcomes}"
