"""Per-call latency of the two PyPI clients, run by compare.py inside a throwaway virtual environment.

    python bench/others.py URL CALLS  ->  {"crypto-cloud-py": {"us": ..., "failed": n}, "cryptocloud-sdk": {...}}

Both fail to decode some valid answers (fields they require that the API does not always send); the request
has made its round trip by then, so the time is counted and the failure reported beside it.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time


def main() -> None:
    url, calls = sys.argv[1], int(sys.argv[2])
    # Installed only in the throwaway venv that runs this file.
    from crypto_cloud_py import CryptoCloudApi  # type: ignore[import-not-found]
    from cryptocloud_sdk import CryptoCloud, dto  # type: ignore[import-not-found]

    results: dict[str, dict[str, float]] = {}
    sync_api = CryptoCloudApi("bench-key", base_url=url + "/v2")
    failed = 0
    start = time.perf_counter()
    for _ in range(calls):
        try:
            sync_api.invoice_create("bench-shop", 100, order_id="order-42")
        except Exception:
            failed += 1
    results["crypto-cloud-py"] = {"us": (time.perf_counter() - start) / calls * 1e6, "failed": failed}

    sdk = CryptoCloud("bench-key", "bench-shop", host=url)

    async def run() -> dict[str, float]:
        invoice = dto.InvoiceInput(amount=100, order_id="order-42")
        failures = 0
        began = time.perf_counter()
        for _ in range(calls):
            try:
                await sdk.create_invoice(invoice)
            except Exception:
                failures += 1
        return {"us": (time.perf_counter() - began) / calls * 1e6, "failed": failures}

    results["cryptocloud-sdk"] = asyncio.run(run())
    print(json.dumps(results))


if __name__ == "__main__":
    main()
