"""Run a test against the fake with every backend alike: CryptoCloud and AsyncCryptoCloud in-process (httpx
mock transport), and AsyncCryptoCloud on aiohttp with the fake served over a real local socket."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

from cryptocloud import AsyncCryptoCloud, CryptoCloud
from cryptocloud.testing import FakeCryptoCloud

from support.harness import _OPEN, close_backend
from support.wire import WireServer


class FakeHarness:
    def __init__(self, mode: str, fake: FakeCryptoCloud | None = None, **client_options: Any) -> None:
        self.mode = mode
        self.fake = fake or FakeCryptoCloud(seed=7)
        self.server: WireServer | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        if mode == "sync":
            self.client: CryptoCloud | AsyncCryptoCloud = self.fake.client(**client_options)
        elif mode == "async":
            self.client = self.fake.async_client(**client_options)
        else:
            assert mode == "aiohttp", mode
            # The fake's in-process faults (a lost answer, a reset) become a connection cut after the request.
            self.server = WireServer(self.fake.handle).__enter__()
            self.loop = asyncio.new_event_loop()
            # A short timeout: the fake's "read_timeout" fault is a server that stays silent until the client gives up.
            options: dict[str, Any] = {
                "api_key": self.fake.api_key,
                "shop_id": self.fake.shop_id,
                "base_url": self.server.url,
                "timeout": 1.0,
            }
            self.client = AsyncCryptoCloud(http_backend="aiohttp", **(options | client_options))
        _OPEN.append(self)  # type: ignore[arg-type]  # closed after the test like a Harness

    def run(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a client method (a coroutine function on the async client) and return its result."""
        result = method(*args, **kwargs)
        if self.loop is not None:
            return self.loop.run_until_complete(result)
        return asyncio.run(result) if self.mode == "async" else result

    def collect(self, iterator: Iterator[Any] | AsyncIterator[Any]) -> list[Any]:
        if self.mode == "sync":
            return list(iterator)  # type: ignore[arg-type]

        async def gather() -> list[Any]:
            return [item async for item in iterator]  # type: ignore[union-attr]

        if self.loop is not None:
            return self.loop.run_until_complete(gather())
        return asyncio.run(gather())

    def paths(self) -> list[str]:
        return [request.url.path for request in self.fake.requests]

    def close(self) -> None:
        close_backend(self.client, self.loop, self.server)
