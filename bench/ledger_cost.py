"""The ledger's cost per call, as a ratio to the same call without it (a script, not a test).

    .venv/bin/python bench/ledger_cost.py [--calls N] [--write]    (--write merges the rows into RESULTS.md)

Serves the fake on loopback over HTTP (bench/server.py) and times ``invoices.create`` with no ledger, with a SQLite
ledger (a file in a temporary folder) and with a PostgreSQL ledger (a throwaway cluster, tests/support/pg_server.py;
left out with a note when PostgreSQL is not installed), rounds interleaved so that noise hits all alike. A create
with a ledger writes twice (before sending, after knowing), as a withdrawal with ``idempotency_key=`` does; the cost
of a postback's ``ledger.once`` (claim, then complete) is timed alone.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))

from cryptocloud import CryptoCloud  # noqa: E402
from cryptocloud.ledger import Ledger, open_ledger  # noqa: E402
from paths import KEY, SHOP, serve  # noqa: E402
from support import pg_server  # noqa: E402

RESULTS = BENCH / "RESULTS.md"
HEADING = "## The ledger's cost per call"


@contextlib.contextmanager
def ledgers() -> Iterator[dict[str, str]]:
    """The ledger URLs to measure: SQLite always, PostgreSQL when it is installed."""
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        urls = {"sqlite": f"sqlite:///{folder}/ledger.db"}
        try:
            urls["postgres"] = pg_server.fresh_database(stack.enter_context(pg_server.cluster()))
        except RuntimeError as missing:
            print(f"postgres: not measured ({missing})", file=sys.stderr)
        yield urls


def median_per_call(candidates: dict[str, Callable[[], object]], calls: int, rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for fn in candidates.values():
        for _ in range(max(10, calls // 10)):
            fn()
    for _ in range(rounds):
        for name, fn in candidates.items():
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            samples[name].append((time.perf_counter() - start) / calls)
    return {name: statistics.median(times) for name, times in samples.items()}


def measure(calls: int, rounds: int) -> list[str]:
    orders = itertools.count()
    with serve(tls=False) as url, ledgers() as urls:
        clients = {"none": CryptoCloud(api_key=KEY, shop_id=SHOP, base_url=url)}
        clients |= {name: CryptoCloud(api_key=KEY, shop_id=SHOP, base_url=url, ledger=u) for name, u in urls.items()}

        def create(client: CryptoCloud) -> Callable[[], object]:
            return lambda: client.invoices.create(amount=100, order_id=f"order-{next(orders)}").uuid

        creates = median_per_call({name: create(c) for name, c in clients.items()}, calls, rounds)
        keys = itertools.count()

        def once(ledger: Ledger) -> Callable[[], object]:
            def claim_and_complete() -> object:
                with ledger.once(f"INV-{next(keys)}:paid:100") as first:
                    return bool(first)

            return claim_and_complete

        opened = {name: open_ledger(u) for name, u in urls.items()}
        onces = median_per_call({name: once(ledger) for name, ledger in opened.items()}, calls, rounds)
        for client in clients.values():
            client.close()
        for ledger in opened.values():
            ledger.close()
    base = creates["none"]
    rows = [
        "| ledger | create (ms) | ratio to no ledger | `ledger.once` (ms) |",
        "|---|---:|---:|---:|",
        f"| none | {base * 1e3:.2f} | 1.00x | |",
    ]
    for name in urls:
        rows.append(f"| {name} | {creates[name] * 1e3:.2f} | {creates[name] / base:.2f}x | {onces[name] * 1e3:.2f} |")
    return rows


def write(rows: list[str], note: str) -> None:
    text = RESULTS.read_text()
    section = f"{HEADING}\n\n{note}\n\n" + "\n".join(rows) + "\n"
    head, found, tail = text.partition(HEADING)
    if found:
        rest = tail.split("\n## ", 1)
        text = head + section + ("\n## " + rest[1] if len(rest) == 2 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows = measure(args.calls, args.rounds)
    print("\n".join(rows))
    if args.write:
        note = (
            f"`bench/ledger_cost.py --calls {args.calls} --rounds {args.rounds}`: `invoices.create` against the fake"
            " served over HTTP on loopback, median of the rounds; a ledger write is one transaction before sending"
            " and one after (a withdrawal with `idempotency_key=` writes the same two). SQLite in WAL mode on the"
            " local disk; PostgreSQL a throwaway cluster on loopback with fsync off (as in the tests)."
        )
        write(rows, note)


if __name__ == "__main__":
    main()
