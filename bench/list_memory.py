"""Memory while iterating 100,000 listed invoices through client.invoices.list.

A mock transport makes each page on the fly (nothing is stored on the server side), so the growth measured is
the client's: it must hold one page at a time. Prints the peak of Python allocations above the start
(tracemalloc) and the process's resident-set growth. Target: < 30 MB above the start.

    .venv/bin/python bench/list_memory.py [--invoices 100000] [--async]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import resource
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml
from cryptocloud import AsyncCryptoCloud, CryptoCloud

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "openapi" / "cryptocloud.yaml").read_text())
TEMPLATE: dict[str, Any] = SPEC["components"]["examples"]["PaidInvoicePage"]["value"]["result"][0]


def page_maker(total: int) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        offset, limit = body["offset"], body["limit"]
        result = []
        for index in range(offset, min(offset + limit, total)):
            invoice = copy.deepcopy(TEMPLATE)
            invoice["uuid"] = f"INV-{index:08X}"
            invoice["order_id"] = f"order-{index}"
            result.append(invoice)
        return httpx.Response(
            200, content=json.dumps({"status": "success", "result": result, "all_count": total}).encode()
        )

    return httpx.MockTransport(handle)


def peak_while(count: Callable[[], int]) -> tuple[int, float, float]:
    """(what ``count`` returned, MB of peak Python allocations above the start, seconds) for one call."""
    tracemalloc.start()
    start_bytes, _ = tracemalloc.get_traced_memory()
    began = time.perf_counter()
    seen = count()
    elapsed = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seen, (peak - start_bytes) / 2**20, elapsed


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--async", dest="use_async", action="store_true")
    args = parser.parse_args()
    total: int = args.invoices
    today = datetime.now(UTC).date()

    rss_start = rss_mb()

    def listed() -> int:
        if args.use_async:

            async def run() -> int:
                count = 0
                http = httpx.AsyncClient(transport=page_maker(total))
                async with AsyncCryptoCloud(api_key="k", shop_id="s", http_client=http) as client:
                    async for _ in client.invoices.list(start=today, end=today):
                        count += 1
                return count

            return asyncio.run(run())
        with CryptoCloud(api_key="k", shop_id="s", http_client=httpx.Client(transport=page_maker(total))) as client:
            return sum(1 for _ in client.invoices.list(start=today, end=today))

    seen, growth, elapsed = peak_while(listed)
    assert seen == total, (seen, total)
    print(f"invoices listed           : {seen:,} in {elapsed:.1f} s ({'async' if args.use_async else 'sync'})")
    print(f"peak Python allocations   : {growth:.1f} MB above the start (target < 30 MB)")
    print(f"resident set growth (max) : {rss_mb() - rss_start:.1f} MB")


if __name__ == "__main__":
    main()
