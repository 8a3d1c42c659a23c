"""Run a test against the embedded fake with CryptoCloud or AsyncCryptoCloud alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

from cryptocloud import AsyncCryptoCloud, CryptoCloud
from cryptocloud.testing import FakeCryptoCloud


class FakeHarness:
    def __init__(self, mode: str, fake: FakeCryptoCloud | None = None, **client_options: Any) -> None:
        self.mode = mode
        self.fake = fake or FakeCryptoCloud(seed=7)
        self.client: CryptoCloud | AsyncCryptoCloud = (
            self.fake.client(**client_options) if mode == "sync" else self.fake.async_client(**client_options)
        )

    def run(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a client method (a coroutine function on the async client) and return its result."""
        result = method(*args, **kwargs)
        return asyncio.run(result) if self.mode == "async" else result

    def collect(self, iterator: Iterator[Any] | AsyncIterator[Any]) -> list[Any]:
        if self.mode == "sync":
            return list(iterator)  # type: ignore[arg-type]

        async def gather() -> list[Any]:
            return [item async for item in iterator]  # type: ignore[union-attr]

        return asyncio.run(gather())

    def paths(self) -> list[str]:
        return [request.url.path for request in self.fake.requests]
