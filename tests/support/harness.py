"""Run the same test on every backend: CryptoCloud and AsyncCryptoCloud over an httpx mock transport, and
AsyncCryptoCloud on aiohttp (``http_backend="aiohttp"``) over a real local socket served by the same handler."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, CryptoCloud
from cryptocloud._http import aiohttp_client
from cryptocloud_client import exact

from support.reference import spec
from support.wire import WireServer

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


def late(mode: str, answer: Callable[[], httpx.Response], **client_kwargs: Any) -> Harness:
    """A harness on an async backend ("async" or "aiohttp") whose every answer comes 0.5 s late: long enough for a
    test to give up on a call (``asyncio.wait_for``) after it was sent."""

    async def late_async(request: httpx.Request) -> httpx.Response:  # on the test's event loop
        await asyncio.sleep(0.5)
        return answer()

    def late_sync(request: httpx.Request) -> httpx.Response:  # in the wire server's thread
        threading.Event().wait(0.5)
        return answer()

    assert mode in ("async", "aiohttp"), mode
    handler: Any = late_async if mode == "async" else late_sync  # a mock transport awaits what it is given
    return Harness(mode, handler, **client_kwargs)


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


# ------------------------------------------------------------------ a client on a real socket

BACKENDS = ["sync", "async", "aiohttp"]  # CryptoCloud on httpx, AsyncCryptoCloud on httpx and on aiohttp
WIRE_KEY = "fake-api-key"  # the key of a WireClient, and of the fake


class WireClient:
    """A client on one backend pointed at ``url`` (a local server), with the HTTP client it makes itself, as users
    get it; or, with ``given_http_client=True``, with an HTTP client of the same kind made here and passed as
    ``http_client=`` (a caller's own, left as it was given)."""

    def __init__(self, backend: str, url: str, *, given_http_client: bool = False, **options: Any) -> None:
        defaults: dict[str, Any] = {"api_key": WIRE_KEY, "shop_id": "fake-shop", "base_url": url, "timeout": 2.0}
        options = defaults | options
        self.loop = asyncio.new_event_loop() if backend != "sync" else None
        self.given: httpx.Client | httpx.AsyncClient | None = None
        if backend == "sync":
            if given_http_client:
                self.given = options["http_client"] = httpx.Client()
            self.client: CryptoCloud | AsyncCryptoCloud = CryptoCloud(**options)
        else:
            if given_http_client:
                self.given = options["http_client"] = httpx.AsyncClient() if backend == "async" else aiohttp_client()
            self.client = AsyncCryptoCloud(http_backend="httpx" if backend == "async" else "aiohttp", **options)

    def __enter__(self) -> WireClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        return self.loop.run_until_complete(result) if self.loop is not None else result

    def outcome(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        """The result, or whatever was raised (the test looks at what escaped, whatever it is)."""
        try:
            return self.run(method, *args, **kwargs)
        except Exception as exc:
            return exc

    def create(self, order_id: str = "order-1") -> Any:
        """The outcome of a 10 USD create for ``order_id``."""
        return self.outcome(self.client.invoices.create, amount=Decimal("10"), order_id=order_id)

    def limit_pool_to_one(self) -> None:
        """One connection at most in the pool of the HTTP client (the aiohttp session exists after a first call)."""
        http = self.given or self.client._http
        transport: Any = http._transport
        if hasattr(transport, "_pool"):
            transport._pool._max_connections = 1
        else:
            transport.client.connector._limit = 1

    def close(self) -> None:
        if isinstance(self.client, AsyncCryptoCloud):
            assert self.loop is not None
            self.loop.run_until_complete(self.client.close())
            if isinstance(self.given, httpx.AsyncClient):
                self.loop.run_until_complete(self.given.aclose())
            self.loop.close()
        else:
            self.client.close()
            if isinstance(self.given, httpx.Client):
                self.given.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend of a WireClient: every one."""
    return str(request.param)


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy variable in the environment (the machine's own would change where requests go); a test sets what
    it needs on the monkeypatch returned."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch
