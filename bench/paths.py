"""The calls the benchmarks time, each beside its raw-httpx baseline: create, retrieve and one page of list.

``over_network(url)`` builds them against a served fake (HTTP or HTTPS on loopback, connections kept alive);
``over_mock()`` against an in-process mock transport that answers canned bodies recorded from the fake, so that
only our layer is measured. Every candidate returns something read from the answer, as a caller would.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
from cryptocloud import CryptoCloud
from cryptocloud.testing import FAKE_BASE_URL, FakeCryptoCloud
from cryptocloud_client import AuthenticatedClient
from cryptocloud_client.api.invoices import create_invoice
from cryptocloud_client.models import InvoiceCreateRequest

KEY, SHOP = "bench-key", "bench-shop"
BODY = {"shop_id": SHOP, "amount": 100, "currency": "USD", "order_id": "order-42"}
PAGE = 100  # the API's largest page
BENCH = Path(__file__).resolve().parent
Candidates = dict[str, dict[str, Callable[[], object]]]  # path -> {"raw": ..., "ours": ..., ...}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _certificate() -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 (made once with the openssl command, under build/)."""
    folder = BENCH.parent / "build" / "bench-tls"
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not cert.exists():
        folder.mkdir(parents=True, exist_ok=True)
        command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        command += ["-keyout", str(key), "-out", str(cert), "-days", "3650", "-subj", "/CN=127.0.0.1"]
        subprocess.run(
            [*command, "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True,
            capture_output=True,
        )
    return str(cert), str(key)


@contextlib.contextmanager
def serve(*, tls: bool) -> Iterator[str]:
    """The fake served by bench/server.py (aiohttp, validation off) in its own process; yields its base URL.
    With ``tls``, over HTTPS with a self-signed certificate that SSL_CERT_FILE makes every httpx client trust
    (ours and the raw baseline alike, with httpx's default TLS settings)."""
    port = _free_port()
    command = [sys.executable, str(BENCH / "server.py"), "--port", str(port)]
    if tls:
        cert, key = _certificate()
        os.environ["SSL_CERT_FILE"] = cert
        command += ["--tls", cert, key]
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    process = subprocess.Popen(command)
    try:
        for _ in range(100):
            try:
                httpx.post(f"{url}/v2/merchant/wallet/balance/all", headers={"Authorization": f"Token {KEY}"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise SystemExit("the benchmark server did not start")
        seed_invoices(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _today() -> str:
    return f"{datetime.now(UTC):%d.%m.%Y}"


def _candidates(url: str, raw_http: httpx.Client, ours: CryptoCloud, uuid: str) -> Candidates:
    today = datetime.now(UTC).date()
    list_body = {"start": _today(), "end": _today(), "offset": 0, "limit": PAGE}

    def raw_create() -> object:
        return json.loads(raw_http.post(f"{url}/v2/invoice/create", json=BODY).content)["result"]["uuid"]

    def raw_retrieve() -> object:
        return json.loads(raw_http.post(f"{url}/v2/invoice/merchant/info", json={"uuids": [uuid]}).content)["result"][
            0
        ]["uuid"]

    def raw_list() -> object:
        return len(json.loads(raw_http.post(f"{url}/v2/invoice/merchant/list", json=list_body).content)["result"])

    return {
        "create": {"raw": raw_create, "ours": lambda: ours.invoices.create(amount=100, order_id="order-42").uuid},
        "retrieve": {"raw": raw_retrieve, "ours": lambda: ours.invoices.retrieve(uuid).uuid},
        "list": {
            "raw": raw_list,
            # One request: the page holds PAGE invoices and islice stops before a second is asked for.
            "ours": lambda: len(list(itertools.islice(ours.invoices.list(start=today, end=today), PAGE))),
        },
    }


def over_network(url: str) -> tuple[Candidates, Callable[[], None]]:
    """Candidates against a fake served by ``serve``, and a function that closes their clients."""
    raw_http = httpx.Client(headers={"Authorization": f"Token {KEY}"})
    ours = CryptoCloud(api_key=KEY, shop_id=SHOP, base_url=url)
    generated = AuthenticatedClient(base_url=url, token=KEY, prefix="Token", timeout=httpx.Timeout(30.0))
    body = InvoiceCreateRequest(shop_id=SHOP, amount=Decimal(100), order_id="order-42")
    uuid = ours.invoices.create(amount=100, order_id="order-42").uuid
    candidates = _candidates(url, raw_http, ours, uuid)
    candidates["create"]["generated"] = lambda: create_invoice.sync(client=generated, body=body)
    # The other defence issue 19 weighed against reading h11's buffer (_pool.holds_surplus): no reuse for creates.
    fresh_http = httpx.Client(limits=httpx.Limits(max_keepalive_connections=0))
    fresh = CryptoCloud(api_key=KEY, shop_id=SHOP, base_url=url, http_client=fresh_http)
    candidates["create"]["fresh"] = lambda: fresh.invoices.create(amount=100, order_id="order-42").uuid

    def close() -> None:
        raw_http.close()
        ours.close()
        fresh_http.close()
        generated.get_httpx_client().close()

    return candidates, close


def seed_invoices(url: str) -> None:
    """Enough invoices created today for a full page of the list."""
    with CryptoCloud(api_key=KEY, shop_id=SHOP, base_url=url) as client:
        for _ in range(PAGE):
            client.invoices.create(amount=100, order_id="seed")


def over_mock() -> Candidates:
    """Candidates on a mock transport answering bodies recorded once from the fake: our layer, no network."""
    fake = FakeCryptoCloud(api_key=KEY, shop_id=SHOP, seed=1, validate=False)
    recorder = fake.client()
    for _ in range(PAGE):
        uuid = recorder.invoices.create(amount=100, order_id="seed").uuid
    answers: dict[str, bytes] = {}
    for request_path, body in (
        ("/v2/invoice/create", BODY),
        ("/v2/invoice/merchant/info", {"uuids": [uuid]}),
        ("/v2/invoice/merchant/list", {"start": _today(), "end": _today(), "offset": 0, "limit": PAGE}),
    ):
        request = httpx.Request(
            "POST", FAKE_BASE_URL + request_path, json=body, headers={"Authorization": f"Token {KEY}"}
        )
        answers[request_path] = fake.handle(request).content

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=answers[request.url.path], headers={"content-type": "application/json"})

    transport = httpx.MockTransport(answer)
    raw_http = httpx.Client(transport=transport, headers={"Authorization": f"Token {KEY}"})
    ours = CryptoCloud(api_key=KEY, shop_id=SHOP, base_url=FAKE_BASE_URL, transport=transport)
    return _candidates(FAKE_BASE_URL, raw_http, ours, uuid)
