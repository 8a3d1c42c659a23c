"""Run the same test on every backend: CryptoCloud and AsyncCryptoCloud over an httpx mock transport, and
AsyncCryptoCloud on aiohttp (``http_backend="aiohttp"``) over a real local socket served by the same handler."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, CryptoCloud
from cryptocloud_client import exact
from reference import spec
from wire import WireServer

API_KEY = "sk_live_9f8e7d6c5b4a-SECRET"
SHOP_ID = "shop-123"
MOCK_MODES = ["sync", "async"]  # a mock transport: the handler may also raise a transport error
MODES = [*MOCK_MODES, "aiohttp"]  # every backend; the handler answers over a real socket on aiohttp

Handler = Callable[[httpx.Request], httpx.Response]


def docs_response() -> dict[str, Any]:
    """A fresh copy of the spec's full example response (the docs' values)."""
    example = spec()["paths"]["/v2/invoice/create"]["post"]["responses"]["200"]["content"]["application/json"]
    value: dict[str, Any] = json.loads(json.dumps(example["examples"]["docs"]["value"]))
    return value


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    headers = {"content-type": "application/json"} | (headers or {})
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)


def echoing(body: dict[str, Any]) -> Handler:
    """A handler that answers a create with ``body``, its fiat amount and currency those the request asked for (the
    client refuses an answer that states another order's)."""

    def handler(request: httpx.Request) -> httpx.Response:
        asked = exact.loads(request.content)
        result = body["result"] | {"amount_in_fiat": asked["amount"], "fiat_currency": asked.get("currency", "USD")}
        return httpx.Response(200, content=exact.dumps(body | {"result": result}))

    return handler


_OPEN: list[Harness] = []  # closed after each test by the autouse fixture below


class Harness:
    """One client on one backend whose requests are all recorded (by the transport, or by the server)."""

    def __init__(self, mode: str, handler: Handler, **client_kwargs: Any) -> None:
        self.mode = mode
        self.requests: list[httpx.Request] = []
        self.server: WireServer | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

        def recording(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        options: dict[str, Any] = {"api_key": API_KEY, "shop_id": SHOP_ID} | client_kwargs
        transport = httpx.MockTransport(recording)
        if mode == "sync":
            self.client: CryptoCloud | AsyncCryptoCloud = CryptoCloud(
                http_client=httpx.Client(transport=transport), **options
            )
        elif mode == "async":
            self.client = AsyncCryptoCloud(http_client=httpx.AsyncClient(transport=transport), **options)
        else:
            assert mode == "aiohttp", mode
            self.server = WireServer(recording).__enter__()
            self.loop = asyncio.new_event_loop()  # one loop: aiohttp's session belongs to the loop it starts on
            options.setdefault("base_url", self.server.url)
            self.client = AsyncCryptoCloud(http_backend="aiohttp", **options)
        _OPEN.append(self)

    def call(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        result = operation(*args, **kwargs)
        if self.loop is not None:
            return self.loop.run_until_complete(result)
        return asyncio.run(result) if self.mode == "async" else result

    def close(self) -> None:
        close_backend(self.client, self.loop, self.server)

    def create(self, **kwargs: Any) -> Any:
        return self.call(self.client.invoices.create, **({"amount": "100"} | kwargs))

    def create_raw(self, **kwargs: Any) -> Any:
        return self.call(self.client.invoices.with_raw_response.create, **({"amount": "100"} | kwargs))


def close_backend(
    client: CryptoCloud | AsyncCryptoCloud, loop: asyncio.AbstractEventLoop | None, server: WireServer | None
) -> None:
    """Close what a harness opened for the aiohttp backend: its client (on its own loop), the loop, the server."""
    if loop is not None:
        assert isinstance(client, AsyncCryptoCloud)
        loop.run_until_complete(client.close())
        loop.close()
    if server is not None:
        server.__exit__()


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=MOCK_MODES)
def mock_mode(request: pytest.FixtureRequest) -> str:
    """The backends whose transport a test can make raise any httpx error."""
    return str(request.param)


@pytest.fixture(autouse=True)
def _close_harnesses() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff sleeps of every client instead of sleeping (aiohttp's own zero-second yields to the
    event loop still run)."""
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_async_sleep(seconds: float, result: Any = None) -> Any:
        if seconds == 0:
            return await real_sleep(0, result)
        slept.append(seconds)
        return result

    monkeypatch.setattr("cryptocloud._client.time.sleep", slept.append)
    monkeypatch.setattr("asyncio.sleep", fake_async_sleep)
    return slept
