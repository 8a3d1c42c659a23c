"""Per-call overhead of client.invoices.create against a raw httpx.Client POST of the same body.

Both run over the same in-process mock transport answering the docs' full response, so the ratio measures
our layer (validation, model building, exact JSON, decoding, type check), not the network. Rounds alternate
between the two and the median of per-round ratios is printed. Target: <= 1.10x.

    .venv/bin/python bench/overhead.py [--calls 2000] [--rounds 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import httpx
import yaml
from cryptocloud import CryptoCloud

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "openapi" / "cryptocloud.yaml").read_text())
EXAMPLE = SPEC["paths"]["/v2/invoice/create"]["post"]["responses"]["200"]["content"]["application/json"]
RESPONSE = json.dumps(EXAMPLE["examples"]["docs"]["value"]).encode()
URL = "https://api.cryptocloud.plus/v2/invoice/create"
KEY = "bench-key"


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=RESPONSE, headers={"content-type": "application/json"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    transport = httpx.MockTransport(answer)
    raw_http = httpx.Client(transport=transport)
    client = CryptoCloud(api_key=KEY, shop_id="shop", http_client=httpx.Client(transport=transport))
    body = b'{"shop_id":"shop","amount":100.00,"currency":"USD","order_id":"order-42"}'
    headers = {"Authorization": f"Token {KEY}", "Content-Type": "application/json", "Accept": "application/json"}

    def raw_call() -> str:
        response = raw_http.post(URL, content=body, headers=headers)
        return str(json.loads(response.content)["result"]["uuid"])

    def our_call() -> str:
        return client.invoices.create(amount=Decimal("100.00"), order_id="order-42").uuid

    calls: int = args.calls

    def timed(fn: Callable[[], str]) -> float:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        return (time.perf_counter() - start) / calls

    for fn in (raw_call, our_call):  # warm up
        timed(fn)
    ratios, raws, ours = [], [], []
    for _ in range(args.rounds):
        r, o = timed(raw_call), timed(our_call)
        raws.append(r)
        ours.append(o)
        ratios.append(o / r)
    print(f"raw httpx POST + json.loads : {statistics.median(raws) * 1e6:8.1f} us/call")
    print(f"client.invoices.create      : {statistics.median(ours) * 1e6:8.1f} us/call")
    print(f"ratio (median of {args.rounds} rounds): {statistics.median(ratios):.3f}x  (target <= 1.10x)")


if __name__ == "__main__":
    main()
