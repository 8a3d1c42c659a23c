"""The fake as a test double, measured in one run: `cryptocloud fake-server` beside Prism, and the in-process fake.

    .venv/bin/python bench/compare.py --fake-only [--write]     (--write merges these rows into bench/RESULTS.md)

Both servers run as processes of their own, each as a user starts it (`cryptocloud fake-server`, validation on;
`npx prism mock openapi/cryptocloud.yaml`, its output discarded), and are driven by the same keep-alive
httpx.Client, one request at a time, in alternating rounds: creates per second, and the median latency of an
info request and of a list page of 100 invoices. The in-process rows time `FakeCryptoCloud().client()` (spec
validation on): one create, and listing 100,000 invoices through `client.invoices.list`.
"""

from __future__ import annotations

import contextlib
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
from cryptocloud.testing import FakeCryptoCloud

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).with_name("cryptocloud"))
PRISM = ROOT / "node_modules" / ".bin" / "prism"
Row = tuple[str, str, str]
SECTION = "## The fake as a test double"
# Targets (issue 23): fake-server creates/s >= 1,000 and >= 2x Prism; info and a 100-invoice page <= 5 ms;
# in-process create <= 0.3 ms; listing 100,000 invoices in-process <= 10 s.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited with status {process.returncode}") from None
            time.sleep(0.2)
    raise SystemExit(f"{name} did not start within 60 s")


@contextlib.contextmanager
def running(command: list[str], url: str, name: str) -> Iterator[str]:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(url, process, name)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def fake_server() -> contextlib.AbstractContextManager[str]:
    port = _free_port()
    return running([CLI, "fake-server", "--port", str(port), "--seed", "1"], f"http://127.0.0.1:{port}", "fake-server")


def prism() -> contextlib.AbstractContextManager[str]:
    if not PRISM.exists():
        raise SystemExit("node_modules/.bin/prism is missing: run ./test.sh once (it installs the pinned npm tools)")
    port = _free_port()
    command = [str(PRISM), "mock", "openapi/cryptocloud.yaml", "-h", "127.0.0.1", "-p", str(port)]
    return running(command, f"http://127.0.0.1:{port}", "prism")


class Driver:
    """One keep-alive client against one server, with the shop and key that server takes."""

    def __init__(self, url: str, key: str, shop: str) -> None:
        self.client = httpx.Client(base_url=url, headers={"Authorization": f"Token {key}"}, timeout=30)
        self.shop = shop
        self.uuids: list[str] = []
        self.day = datetime.now(UTC).strftime("%d.%m.%Y")

    def create(self) -> None:
        answer = self.client.post("/v2/invoice/create", json={"shop_id": self.shop, "amount": 100, "order_id": "o-1"})
        assert answer.status_code == 200, answer.text
        self.uuids.append(answer.json()["result"]["uuid"])

    def info(self) -> None:
        answer = self.client.post("/v2/invoice/merchant/info", json={"uuids": self.uuids[:1]})
        assert answer.status_code == 200, answer.text
        answer.json()

    def page(self) -> None:
        body = {"start": self.day, "end": self.day, "offset": 0, "limit": 100}
        answer = self.client.post("/v2/invoice/merchant/list", json=body)
        assert answer.status_code == 200, answer.text
        self.listed = len(answer.json()["result"])


def _rate(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return calls / (time.perf_counter() - start)


def _latencies(fn: Callable[[], object], calls: int) -> list[float]:
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def served_rows(calls: int, rounds: int) -> list[Row]:
    """fake-server against Prism: creates per second (alternating rounds, median ratio), info and list latency."""
    with fake_server() as fake_url, prism() as prism_url:
        drivers = {"fake-server": Driver(fake_url, "fake-api-key", "fake-shop"), "prism": Driver(prism_url, "k", "s")}
        for driver in drivers.values():
            _rate(driver.create, 50)  # warm up: connections, caches, Prism's JIT
        rates: dict[str, list[float]] = {name: [] for name in drivers}
        for _ in range(rounds):
            for name, driver in drivers.items():
                rates[name].append(_rate(driver.create, calls))
        fake = drivers["fake-server"]
        fake.uuids = fake.uuids[-1:]
        info = statistics.median(_latencies(fake.info, calls))
        page = statistics.median(_latencies(fake.page, max(20, calls // 5)))
        assert fake.listed == 100, fake.listed
        prism_info = statistics.median(_latencies(drivers["prism"].info, calls))
        for driver in drivers.values():
            driver.client.close()
    ratio = statistics.median(f / p for f, p in zip(rates["fake-server"], rates["prism"], strict=True))
    fake_rate, prism_rate = statistics.median(rates["fake-server"]), statistics.median(rates["prism"])
    note = f"{ratio:.1f}x Prism, median of {rounds} alternating rounds (target >= 1,000/s and >= 2x)"
    return [
        ("fake-server: create, keep-alive httpx.Client", f"{fake_rate:,.0f} req/s", note),
        ("npx prism mock openapi/cryptocloud.yaml: create, same client", f"{prism_rate:,.0f} req/s", "baseline"),
        ("fake-server: info of 1 invoice, median latency", f"{info * 1e3:.2f} ms", "target <= 5 ms"),
        ("fake-server: list page of 100 invoices, median latency", f"{page * 1e3:.2f} ms", "target <= 5 ms"),
        ("npx prism mock: info, median latency", f"{prism_info * 1e3:.2f} ms", "for comparison"),
    ]


def in_process_rows(calls: int, listed: int) -> list[Row]:
    fake = FakeCryptoCloud(seed=3)  # spec validation on, as users' tests run it
    client = fake.client()

    def create() -> object:
        return client.invoices.create(amount=Decimal("10"), order_id="o-1")

    _rate(create, 200)
    per_create = statistics.median(1 / _rate(create, calls) for _ in range(5))
    for _ in range(listed - len(fake.invoices)):
        create()
    today = datetime.now(UTC).date()
    start = time.perf_counter()
    seen = sum(1 for _ in client.invoices.list(start=today, end=today))
    elapsed = time.perf_counter() - start
    assert seen == listed, (seen, listed)
    return [
        ("in-process fake: client.invoices.create", f"{per_create * 1e3:.3f} ms/call", "target <= 0.3 ms"),
        (f"in-process fake: list {listed:,} invoices (client.invoices.list)", f"{elapsed:.1f} s", "target <= 10 s"),
    ]


def rows(quick: bool) -> list[Row]:
    calls, rounds, listed = (200, 3, 10_000) if quick else (500, 5, 100_000)
    return served_rows(calls, rounds) + in_process_rows(calls * 4, listed)


BEFORE = """
Before issue 23 (commit 2cf0546, measured by the same drivers in one run on 2026-12-05, beside the new server and
Prism at 432 req/s): `cryptocloud fake-server` 22 creates/s (a head and a body written apart met delayed ACKs:
44 ms an info request), a list page 5.2 ms; in-process, a create 1.40 ms (openapi-core built its validators for
every request) and 100,000 invoices listed in 5.7 s. The 49.9 s of the memory row in the table above is that
listing under tracemalloc, with validation off.
"""


def section(measured: list[Row], machine: str) -> str:
    width = max(len(name) for name, _, _ in measured)
    table = "\n".join(f"| {name:<{width}} | {value} | {note} |" for name, value, note in measured)
    return (
        f"{SECTION}\n\nRecorded by `.venv/bin/python bench/compare.py --fake-only --write` (or a full `--write`) on "
        f"{datetime.now(UTC):%Y-%m-%d}: {machine}. `cryptocloud fake-server` (spec validation on) and Prism each "
        "in a process of its own, one keep-alive httpx.Client sending one request at a time; the in-process fake "
        "with validation on.\n\n| measure | value | ratio / note |\n|---|---|---|\n" + table + "\n" + BEFORE
    )


def merged(results: str, new_section: str) -> str:
    """RESULTS.md with its fake section replaced by ``new_section`` (appended when it has none)."""
    found = re.search(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", results, re.M | re.S)
    if found is None:
        return results.rstrip("\n") + "\n\n" + new_section
    return results[: found.start()] + new_section + ("\n" if results[found.end() :] else "") + results[found.end() :]
