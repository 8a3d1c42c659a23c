"""``CryptoCloud`` and ``AsyncCryptoCloud``: the same surface, differing only in how they do I/O."""

from __future__ import annotations

import os
import time
from types import TracebackType
from typing import Any, Literal, Self, TypeVar

import httpx

from ._core import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Core, Operation
from ._observe import Observer
from .balances import AsyncBalances, Balances
from .errors import InvalidParameterError
from .invoices import AsyncInvoices, Invoices
from .static_wallets import AsyncStaticWallets, StaticWallets
from .statistics import AsyncStatistics, Statistics

T = TypeVar("T")


class _Base:
    _core: Core

    def __init__(
        self,
        *,
        api_key: str | None,
        shop_id: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        record_to: str | os.PathLike[str] | None = None,
    ) -> None:
        self._core = Core.configure(
            api_key=api_key, shop_id=shop_id, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        self._observer = Observer(record_to, self._core.redact)  # recording (opt-in) and the drift logger

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._core!r})"


class CryptoCloud(_Base):
    """The CryptoCloud API, synchronously.

    ``api_key``, ``shop_id`` and ``base_url`` default to $CRYPTOCLOUD_API_KEY, $CRYPTOCLOUD_SHOP_ID and
    $CRYPTOCLOUD_BASE_URL (default https://api.trybit.com, CryptoCloud's new host; the legacy
    https://api.cryptocloud.plus is one ``base_url=`` away). ``http_client`` may be your own ``httpx.Client``:
    auth and timeouts are still applied per request, and it is not closed for you. ``record_to`` appends every
    answer to a JSON-lines file for ``cryptocloud drift`` (secrets removed).
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        shop_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        record_to: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            shop_id=shop_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            record_to=record_to,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(follow_redirects=False)
        self.invoices = Invoices(self)
        self.balances = Balances(self)
        self.statistics = Statistics(self)
        self.static_wallets = StaticWallets(self)

    def _send(self, operation: Operation[T]) -> Any:
        flow = operation.flow(self._core)
        try:
            step = next(flow)
            while True:
                if isinstance(step, float):
                    time.sleep(step)
                    step = flow.send(None)
                    continue
                try:
                    response = self._http.send(step, follow_redirects=False)
                except httpx.HTTPError as exc:
                    step = flow.throw(exc)
                else:
                    self._observer.seen(response)
                    step = flow.send(response)
        except StopIteration as done:
            return done.value

    def close(self) -> None:
        """Close the HTTP client, if this object opened it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _async_http(backend: str) -> httpx.AsyncClient:
    if backend == "httpx":
        return httpx.AsyncClient(follow_redirects=False)
    if backend != "aiohttp":
        raise InvalidParameterError("http_backend", backend, "must be 'httpx' or 'aiohttp'")
    try:
        from httpx_aiohttp import HttpxAiohttpClient
    except ImportError:
        raise InvalidParameterError(
            "http_backend", backend, "needs httpx-aiohttp: pip install 'cryptocloud-client[aiohttp]'"
        ) from None
    return HttpxAiohttpClient(follow_redirects=False)


class AsyncCryptoCloud(_Base):
    """The CryptoCloud API for asyncio: the same surface as ``CryptoCloud``, awaited.

    ``http_backend="aiohttp"`` (extra ``aiohttp``) runs the same client on aiohttp's connection pool, which
    holds up better at high concurrency.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        shop_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        http_backend: Literal["httpx", "aiohttp"] = "httpx",
        record_to: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            shop_id=shop_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            record_to=record_to,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else _async_http(http_backend)
        self.invoices = AsyncInvoices(self)
        self.balances = AsyncBalances(self)
        self.statistics = AsyncStatistics(self)
        self.static_wallets = AsyncStaticWallets(self)

    async def _send(self, operation: Operation[T]) -> Any:
        import asyncio  # here, not at the top: it costs sync users 13 ms of import time

        flow = operation.flow(self._core)
        try:
            step = next(flow)
            while True:
                if isinstance(step, float):
                    await asyncio.sleep(step)
                    step = flow.send(None)
                    continue
                try:
                    response = await self._http.send(step, follow_redirects=False)
                except httpx.HTTPError as exc:
                    step = flow.throw(exc)
                else:
                    self._observer.seen(response)
                    step = flow.send(response)
        except StopIteration as done:
            return done.value

    async def close(self) -> None:
        """Close the HTTP client, if this object opened it."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
