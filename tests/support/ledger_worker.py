"""A worker process of the ledger tests: one operation, as a shop's web worker or job would run it, then one line
on stdout saying what became of it. Run as ``python ledger_worker.py OPERATION ARGS...``; LEDGER "-" means none.

    withdraw BASE_URL LEDGER KEY        a withdrawal of 10 USDT_TRC20 (KEY "-": no idempotency key)
    create BASE_URL LEDGER ORDER_ID     an invoice of 10 USD
    claim LEDGER KEY EFFECTS LEASE HOLD process the payment KEY once: append a line to EFFECTS, hold HOLD seconds
    claim-in DB_URL KEY                 the same, with the claim and the effect in one PostgreSQL transaction
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal

from cryptocloud import CryptoCloud, CryptoCloudError
from cryptocloud.ledger import open_ledger

API_KEY, SHOP_ID, WITHDRAWAL_KEY = "fake-api-key", "fake-shop", "fake-wkey-2f9c"
ADDRESS = "TXYZabcdefghijkLMNOPqrstuvwx12345"


def client(base_url: str, ledger: str) -> CryptoCloud:
    return CryptoCloud(
        api_key=API_KEY,
        shop_id=SHOP_ID,
        base_url=base_url,
        withdrawal_key=WITHDRAWAL_KEY,
        ledger=None if ledger == "-" else ledger,
        max_retries=0,
        timeout=30,
    )


def main(operation: str, *args: str) -> str:
    if operation == "withdraw":
        base_url, ledger, key = args
        with client(base_url, ledger) as made:
            out = made.withdrawals.create(
                currency_code="USDT_TRC20",
                to_address=ADDRESS,
                amount=Decimal("10"),
                idempotency_key=None if key == "-" else key,
            )
        return f"ok {out.id}"
    if operation == "create":
        base_url, ledger, order_id = args
        with client(base_url, ledger) as made:
            return f"ok {made.invoices.create(amount=Decimal('10'), order_id=order_id).uuid}"
    if operation == "claim":
        ledger_url, key, effects, lease, hold = args
        if ledger_url == "-":  # what integrations do today: a set in this process's memory
            processed: set[str] = set()
            first = key not in processed
            processed.add(key)
            if first:
                _effect(effects, key)
            return "first" if first else "skipped"
        with open_ledger(ledger_url).once(key, lease=float(lease)) as claim:
            if claim:
                time.sleep(float(hold))  # a worker that dies here has not done the work: it must not count
                _effect(effects, key)
            return "first" if claim else "skipped"
    if operation == "claim-in":
        import psycopg
        from cryptocloud.ledger.postgres import PostgresLedger

        db_url, key = args
        shared = PostgresLedger(db_url)
        with psycopg.connect(db_url) as conn, conn.transaction():
            if not shared.claim_in(conn, key):
                return "skipped"
            conn.execute("INSERT INTO shop_effects (dedup_key) VALUES (%s)", (key,))  # the shop's own update
        return "first"
    raise SystemExit(f"unknown operation {operation!r}")


def _effect(path: str, key: str) -> None:
    with open(path, "a") as out:
        out.write(key + "\n")


if __name__ == "__main__":
    try:
        print(main(*sys.argv[1:]), flush=True)
    except CryptoCloudError as error:
        print(f"error {type(error).__name__}", flush=True)
