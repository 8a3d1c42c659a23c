"""The promises across processes and crashes (cryptocloud.ledger), on SQLite and on a real PostgreSQL server.

Each scenario runs worker processes (tests/support/ledger_worker.py) against a local server that counts what reaches it,
kills one with SIGKILL where the issue says, and counts again: without a ledger the second process repeats the
money-moving request; with one, exactly one request (or one effect) happens.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptocloud import APIConnectionError, AsyncCryptoCloud, CryptoCloud, InvalidParameterError, OutcomeUnknownError
from cryptocloud.cli import main as cli
from cryptocloud.ledger import open_ledger
from cryptocloud.testing import FakeCryptoCloud
from support.fake_harness import FakeHarness
from support.pg_server import cluster, fresh_database
from support.wire import WireServer

WORKER = str(Path(__file__).parent / "support" / "ledger_worker.py")
WITHDRAWAL, CREATE = "/v2/invoice/api/out/create", "/v2/invoice/create"
WKEY = "fake-wkey-2f9c"
LEDGERS = ["none", "sqlite", "postgres"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    with cluster() as url:
        yield url


def _ledger(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "none":
        return "-"
    if kind == "sqlite":
        return f"sqlite:///{tmp_path}/ledger.db"
    return fresh_database(str(request.getfixturevalue("postgres")))


@pytest.fixture(params=LEDGERS)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh ledger's URL, or "-" for none (what happens today)."""
    return _ledger(request.param, request, tmp_path)


@pytest.fixture(params=LEDGERS[1:])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh ledger's URL, on each backend."""
    return _ledger(request.param, request, tmp_path)


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, WORKER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def outcome(worker: subprocess.Popen[str]) -> str:
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    return out.strip()


def wait_for(condition: Any, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.02)


def holding(fake: FakeCryptoCloud, path: str, *, carry_out_first: bool) -> Any:
    """The fake, except that the first request to ``path`` is held (its answer never comes while the test runs):
    carried out first, or not yet, as a real server may do either before an answer is lost."""
    held = threading.Event()

    def app(request: httpx.Request) -> httpx.Response:
        if request.url.path == path and not held.is_set():
            held.set()
            answer = fake.handle(request) if carry_out_first else None
            time.sleep(8)  # the worker is killed meanwhile
            return answer if answer is not None else fake.handle(request)
        return fake.handle(request)

    return app


def requests_to(server: WireServer, path: str) -> int:
    return [r.url.path for r in server.requests].count(path)


def funded() -> FakeCryptoCloud:
    fake = FakeCryptoCloud(seed=1, withdrawal_key=WKEY)
    fake.fund("USDT_TRC20", Decimal("1000"))
    return fake


# ------------------------------------------------------------------ a payout sent twice


def test_a_payout_whose_process_is_killed_after_sending_is_not_sent_again(ledger: str) -> None:
    fake = funded()
    key = "-" if ledger == "-" else "payout-42"
    with WireServer(holding(fake, WITHDRAWAL, carry_out_first=False)) as server:
        first = spawn("withdraw", server.url, ledger, key)
        wait_for(lambda: requests_to(server, WITHDRAWAL) == 1, "the withdrawal to reach the server")
        os.kill(first.pid, signal.SIGKILL)  # OOM, a deploy, kill -9: after sending, before the answer
        first.wait()
        retried = outcome(spawn("withdraw", server.url, ledger, key))  # the job queue retries the job
        sent = requests_to(server, WITHDRAWAL)
    if ledger == "-":
        assert (retried.split()[0], sent) == ("ok", 2)  # today: the payout goes out twice
    else:
        assert (retried, sent) == ("error OutcomeUnknownError", 1)


def test_eight_processes_racing_one_key_send_one_withdrawal(ledger: str) -> None:
    fake = funded()
    key = "-" if ledger == "-" else "payout-8"

    def slow(request: httpx.Request) -> httpx.Response:
        if request.url.path == WITHDRAWAL:
            time.sleep(0.3)  # all eight are running while the first is in flight
        return fake.handle(request)

    with WireServer(slow) as server:
        workers = [spawn("withdraw", server.url, ledger, key) for _ in range(8)]
        results = [outcome(worker) for worker in workers]
        sent = requests_to(server, WITHDRAWAL)
    if ledger == "-":
        assert sent == 8
        return
    assert sent == 1
    ok = {line for line in results if line.startswith("ok ")}
    assert len(ok) <= 1 and set(results) <= ok | {"error OutcomeUnknownError"}


def test_the_12_seconds_hold_across_processes(shared: str) -> None:
    fake = funded()
    with WireServer(fake.handle) as server:
        first = outcome(spawn("withdraw", server.url, shared, "payout-a"))
        second = outcome(spawn("withdraw", server.url, shared, "payout-b"))  # another key, another process
        sent = requests_to(server, WITHDRAWAL)
    assert (first.split()[0], second, sent) == ("ok", "error WithdrawalTooSoonError", 1)


# ------------------------------------------------------------------ a create lost with its process


def test_a_create_lost_with_its_process_is_reconciled_not_made_again(
    ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeCryptoCloud(seed=1)
    with WireServer(holding(fake, CREATE, carry_out_first=True)) as server:
        first = spawn("create", server.url, ledger, "order-42")
        wait_for(lambda: len(fake.invoices) == 1, "the invoice to be made")
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        restarted = outcome(spawn("create", server.url, ledger, "order-42"))
        if ledger == "-":
            assert restarted.split()[0] == "ok" and len(fake.invoices) == 2  # today: two invoices for one order
            return
        assert restarted == "error OutcomeUnknownError" and len(fake.invoices) == 1
        for name, value in {
            "CRYPTOCLOUD_LEDGER": ledger,
            "CRYPTOCLOUD_API_KEY": fake.api_key,
            "CRYPTOCLOUD_SHOP_ID": fake.shop_id,
            "CRYPTOCLOUD_BASE_URL": server.url,
        }.items():
            monkeypatch.setenv(name, value)
        early = CliRunner().invoke(cli, ["reconcile", "--json"])  # the create could still be in flight: not yet
        assert early.exit_code == 1 and json.loads(early.output)["outcome"] == "unknown", early.output
        assert "in flight" in json.loads(early.output)["detail"] and len(fake.invoices) == 1
        settled = CliRunner().invoke(cli, ["reconcile", "--json", "--older-than", "0"])  # after a restart
    (invoice,) = fake.invoices
    assert settled.exit_code == 0, settled.output
    assert json.loads(settled.output) | {"detail": "-"} == {
        "kind": "create",
        "key": "order-42",
        "outcome": "found",
        "invoice": invoice,
        "detail": "-",
    }
    assert open_ledger(ledger).unsettled() == []  # settled: a new create for order-42 may go ahead


# ------------------------------------------------------------------ a postback processed twice


def effects(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_a_payment_claimed_by_eight_processes_at_once_is_processed_once(ledger: str, tmp_path: Path) -> None:
    done = tmp_path / "effects.txt"
    workers = [spawn("claim", ledger, "INV-8X1K2M3N:paid:10", str(done), "60", "0.2") for _ in range(8)]
    results = sorted(outcome(worker) for worker in workers)
    if ledger == "-":
        assert (results, len(effects(done))) == (["first"] * 8, 8)  # every worker's own "processed" set
    else:
        assert (results, effects(done)) == (["first", *["skipped"] * 7], ["INV-8X1K2M3N:paid:10"])


def test_a_worker_dying_with_a_claim_loses_no_payment(shared: str, tmp_path: Path) -> None:
    ledger = shared
    done = tmp_path / "effects.txt"
    key = "INV-8X1K2M3N:paid:10"
    holder = spawn("claim", ledger, key, str(done), "1", "30")  # claims with a 1 s lease, then hangs
    wait_for(lambda: open_ledger(ledger).claim(key, 1).fresh is False, "the claim")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert outcome(spawn("claim", ledger, key, str(done), "1", "0")) == "skipped"  # the lease still runs
    time.sleep(1.1)
    assert outcome(spawn("claim", ledger, key, str(done), "1", "0")) == "first"  # taken over
    assert outcome(spawn("claim", ledger, key, str(done), "1", "0")) == "skipped"
    assert effects(done) == [key]


def test_a_claim_in_the_shops_own_transaction_wins_once(postgres: str) -> None:
    import psycopg
    from cryptocloud.ledger.postgres import PostgresLedger

    url = fresh_database(postgres)
    PostgresLedger(url).close()  # the ledger's tables
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE shop_effects (dedup_key TEXT)")
    results = sorted(outcome(worker) for worker in [spawn("claim-in", url, "INV-1:paid:5") for _ in range(8)])
    with psycopg.connect(url) as conn:
        (count,) = conn.execute("SELECT count(*) FROM shop_effects").fetchone() or (0,)
    assert (results, count) == (["first", *["skipped"] * 7], 1)


# ------------------------------------------------------------------ the ledger itself


def test_an_idempotency_key_without_a_ledger_is_refused_before_anything_is_sent() -> None:
    fake = funded()
    with fake.client(ledger=None) as client, pytest.raises(InvalidParameterError) as info:
        client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k-1")
    assert (info.value.field, info.value.value) == ("idempotency_key", "k-1")
    assert "needs a ledger" in str(info.value) and fake.requests == []


def test_a_known_result_is_returned_without_sending_and_a_reused_key_is_refused(tmp_path: Path) -> None:
    fake = funded()
    with fake.client(ledger=f"sqlite:///{tmp_path}/l.db") as client:
        first = client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k")
        again = client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k")
        with pytest.raises(InvalidParameterError) as info:
            client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=2, idempotency_key="k")
    assert again.id == first.id and again.amount == Decimal("1") and len(fake.withdrawals) == 1
    assert info.value.field == "idempotency_key" and "was used for another withdrawal" in str(info.value)


def test_an_unknown_outcome_waits_for_a_person_then_follows_their_word(tmp_path: Path) -> None:
    fake = funded()
    url = f"sqlite:///{tmp_path}/l.db"
    with fake.client(ledger=url) as client:
        fake.fail_next("read_timeout")  # carried out, its answer lost
        with pytest.raises(Exception) as lost:
            client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k")
        assert getattr(lost.value, "may_have_taken_effect", False) is True
        with pytest.raises(OutcomeUnknownError) as unknown:
            client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k")
        assert (unknown.value.kind, unknown.value.key) == ("withdrawal", "k")
        assert [r.outcome for r in client.reconcile()] == ["unknown"]  # the API lists no withdrawals
        (made,) = fake.withdrawals
        assert client.ledger is not None
        client.ledger.resolve_withdrawal("k", withdrawal_id=made)  # seen in the dashboard's history
        resolved = client.withdrawals.create(
            currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k"
        )
    assert resolved.id == made and len(fake.withdrawals) == 1


def test_the_sqlite_file_is_private_and_holds_no_secret(tmp_path: Path) -> None:
    fake = funded()
    path = tmp_path / "ledger.db"
    with fake.client(ledger=f"sqlite:///{path}") as client:
        client.withdrawals.create(currency_code="USDT_TRC20", to_address="TX1", amount=1, idempotency_key="k")
        client.invoices.create(amount=Decimal("5"), order_id="o-1")
        assert client.ledger is not None
        with client.ledger.once("INV-1:paid:5"):
            pass
    assert path.stat().st_mode & 0o777 == 0o600
    dump = "\n".join(sqlite3.connect(path).iterdump())
    assert "o-1" in dump and "TX1" in dump  # what it is for: orders and withdrawals, by id
    for secret in (fake.api_key, fake.withdrawal_key, fake.secret):
        assert secret not in dump


def test_a_ledger_from_the_environment_and_a_bad_url() -> None:
    with pytest.raises(InvalidParameterError) as info:
        CryptoCloud(api_key="k" * 16, ledger="mysql://user:pw@db/shop")
    assert info.value.field == "ledger" and info.value.value == "mysql://user@db/shop" and "pw" not in str(info.value)


# ------------------------------------------------------------------ every backend, and the event loop


@pytest.mark.parametrize("mode", ["sync", "async", "aiohttp"])
def test_the_ledger_on_every_backend(mode: str, tmp_path: Path) -> None:
    fake = funded()
    h = FakeHarness(mode, fake, ledger=f"sqlite:///{tmp_path / 'ledger.db'}", withdrawal_key=WKEY)
    asked = {"currency_code": "USDT_TRC20", "to_address": "TX1", "amount": 1, "idempotency_key": "payout-1"}
    first = h.run(h.client.withdrawals.create, **asked)
    again = h.run(h.client.withdrawals.create, **asked)  # a retried job: the recorded result, nothing sent
    assert again.id == first.id and len(fake.withdrawals) == 1
    fake.fail_next("reset_after_send")  # carried out, its answer lost
    with pytest.raises(APIConnectionError) as lost:
        h.run(h.client.invoices.create, amount=Decimal("5"), order_id="order-7")
    assert lost.value.may_have_been_created is True
    with pytest.raises(OutcomeUnknownError):
        h.run(h.client.invoices.create, amount=Decimal("5"), order_id="order-7")
    (made,) = fake.invoices
    settled = h.run(h.client.reconcile, older_than=0)
    assert [(r.kind, r.key, r.outcome, r.invoice_uuid) for r in settled] == [("create", "order-7", "found", made)]
    assert len(fake.invoices) == 1


@pytest.mark.parametrize("mode", ["async", "aiohttp"])
def test_an_async_client_waits_for_the_ledger_without_stalling_its_loop(mode: str, tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    h = FakeHarness(mode, ledger=f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)  # another process's long transaction, in effect

    async def scenario() -> str:
        holder.execute("BEGIN IMMEDIATE")
        client = h.client
        assert isinstance(client, AsyncCryptoCloud)
        create = asyncio.ensure_future(client.invoices.create(amount=Decimal("5"), order_id="order-8"))
        await asyncio.sleep(0.3)  # returns only if the loop runs while the create waits for the ledger
        waiting = not create.done()
        holder.execute("COMMIT")  # a stalled loop would never get here: the create would time out on the lock
        invoice = await create
        assert waiting
        return str(invoice.uuid)

    made = h.loop.run_until_complete(scenario()) if h.loop is not None else asyncio.run(scenario())
    holder.close()
    assert [made] == list(h.fake.invoices)
