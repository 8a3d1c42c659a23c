"""Run the same test against CryptoCloud and AsyncCryptoCloud over an httpx mock transport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, CryptoCloud
from reference import spec

API_KEY = "sk_live_9f8e7d6c5b4a-SECRET"
SHOP_ID = "shop-123"
MODES = ["sync", "async"]

Handler = Callable[[httpx.Request], httpx.Response]


def docs_response() -> dict[str, Any]:
    """A fresh copy of the spec's full example response (the docs' values)."""
    example = spec()["paths"]["/v2/invoice/create"]["post"]["responses"]["200"]["content"]["application/json"]
    value: dict[str, Any] = json.loads(json.dumps(example["examples"]["docs"]["value"]))
    return value


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    headers = {"content-type": "application/json"} | (headers or {})
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)


class Harness:
    """One client (sync or async) whose transport records every request it is asked to send."""

    def __init__(self, mode: str, handler: Handler, **client_kwargs: Any) -> None:
        self.mode = mode
        self.requests: list[httpx.Request] = []

        def recording(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        options: dict[str, Any] = {"api_key": API_KEY, "shop_id": SHOP_ID} | client_kwargs
        transport = httpx.MockTransport(recording)
        if mode == "sync":
            self.client: CryptoCloud | AsyncCryptoCloud = CryptoCloud(
                http_client=httpx.Client(transport=transport), **options
            )
        else:
            self.client = AsyncCryptoCloud(http_client=httpx.AsyncClient(transport=transport), **options)

    def call(self, operation: Callable[..., Any], **kwargs: Any) -> Any:
        result = operation(**kwargs)
        return asyncio.run(result) if self.mode == "async" else result

    def create(self, **kwargs: Any) -> Any:
        return self.call(self.client.invoices.create, **({"amount": "100"} | kwargs))

    def create_raw(self, **kwargs: Any) -> Any:
        return self.call(self.client.invoices.with_raw_response.create, **({"amount": "100"} | kwargs))


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff sleeps of both clients instead of sleeping."""
    slept: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("cryptocloud._client.time.sleep", slept.append)
    monkeypatch.setattr("asyncio.sleep", fake_async_sleep)
    return slept
