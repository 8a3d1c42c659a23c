"""``CryptoCloud`` and ``AsyncCryptoCloud``: the same surface, differing only in how they do I/O."""

from __future__ import annotations

import functools
import os
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

import httpx

from . import _http, _pool
from ._body import DEFAULT_MAX_RESPONSE_BYTES, Body
from ._core import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_RECOVERY_WINDOW,
    DEFAULT_TIMEOUT,
    Blocking,
    Composite,
    Core,
    Operation,
    Outcome,
    Unsettled,
)
from ._extras import install_hint
from ._lookup import Reconciled, reconcile
from ._stage import Broken, ClientClosed, Stage, is_transport_error
from .balances import AsyncBalances, Balances
from .errors import InvalidParameterError
from .invoices import AsyncInvoices, Invoices
from .postbacks import AsyncPostbacks, Postbacks
from .static_wallets import AsyncStaticWallets, StaticWallets
from .statistics import AsyncStatistics, Statistics
from .withdrawals import AsyncWithdrawals, Withdrawals

if TYPE_CHECKING:
    from .ledger import Ledger

T = TypeVar("T")


class _Base:
    _core: Core
    _owns_http = False  # until __init__ has made an HTTP client: close() of a half-made client does nothing

    def __init__(self, **options: Any) -> None:
        self._core = Core.configure(**options)

    def __repr__(self) -> str:
        core = getattr(self, "_core", None)  # a constructor that raised leaves no _core
        return f"{type(self).__name__}({core!r})" if core is not None else f"<{type(self).__name__}: not configured>"

    @property
    def ledger(self) -> Ledger | None:
        """The ledger this client writes to (``ledger=`` or $CRYPTOCLOUD_LEDGER), or None: see cryptocloud.ledger."""
        return self._core.ledger

    @property
    def unsettled_creates(self) -> list[Unsettled]:
        """Creates that were interrupted (a cancelled task, KeyboardInterrupt) after they may have been sent,
        oldest first: their invoices may exist. Look each up with ``invoices.find_by_order_id``."""
        return list(self._core.unsettled)


class CryptoCloud(_Base):
    """The CryptoCloud API, synchronously.

    ``api_key``, ``shop_id`` and ``base_url`` default to $CRYPTOCLOUD_API_KEY, $CRYPTOCLOUD_SHOP_ID and
    $CRYPTOCLOUD_BASE_URL (default https://api.trybit.com, CryptoCloud's new host; the legacy
    https://api.cryptocloud.plus is one ``base_url=`` away). ``http_client`` may be your own ``httpx.Client``:
    auth and timeouts are still applied per request, and it is not closed for you. ``transport`` (an httpx
    transport, such as ``httpx.MockTransport`` in tests) is used by the HTTP client this client makes, which
    then stays this client's own (closed with it). ``postback_secret`` (default
    $CRYPTOCLOUD_SECRET, read when a postback is confirmed) is the project's secret key for ``postbacks.confirm``.
    ``withdrawal_key`` (default $CRYPTOCLOUD_WITHDRAWAL_KEY) is the separate key ``withdrawals.create`` needs;
    without it, withdrawals are refused before anything is sent.
    ``record_to`` appends every answer to a JSON-lines file for ``cryptocloud drift`` (secrets removed).
    ``ledger`` (an instance of ``cryptocloud.ledger``, its URL ``sqlite:///path`` or ``postgresql://...``, default
    $CRYPTOCLOUD_LEDGER) keeps the promises across processes: see ``cryptocloud.ledger``.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        shop_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        recovery_window: float = DEFAULT_RECOVERY_WINDOW,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        postback_secret: str | bytes | None = None,
        withdrawal_key: str | None = None,
        record_to: str | os.PathLike[str] | None = None,
        ledger: Ledger | str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            shop_id=shop_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            recovery_window=recovery_window,
            record_to=record_to,
            withdrawal_key=withdrawal_key,
            postback_secret=postback_secret,
            ledger=ledger,
        )
        # The deadline bounds each socket operation of the client made here; a caller's own client keeps its own
        # transport untouched (the deadline is then checked between body chunks).
        _one_of(http_client, transport)
        self._http = http_client if http_client is not None else _http.sync_http_client(transport)
        self._owns_http = http_client is None
        self.invoices = Invoices(self)
        self.postbacks = Postbacks(self)
        self.withdrawals = Withdrawals(self)
        self.balances = Balances(self)
        self.statistics = Statistics(self)
        self.static_wallets = StaticWallets(self)

    def _send(self, operation: Operation[T]) -> Any:
        flow = operation.flow(self._core)
        try:
            step = next(flow)
            while True:
                outcome: Any = None
                try:
                    if isinstance(step, float):
                        time.sleep(step)
                    elif isinstance(step, Blocking):
                        outcome = step.work()
                    else:
                        outcome = self._exchange(step)
                except BaseException as exc:  # interrupted: the flow records a create that may have been sent
                    flow.throw(exc)
                    raise
                step = flow.send(outcome)
        except StopIteration as done:
            return done.value

    def _exchange(self, request: httpx.Request) -> Outcome:
        """Send one request and read its whole answer within the size cap and the attempt's deadline."""
        if self._http.is_closed:
            return Broken(Stage.NOT_SENT, ClientClosed())
        limits = self._core.limits
        deadline = time.monotonic() + limits.deadline
        token = _pool.DEADLINE.set(deadline)  # bounds each socket operation of our own httpx client
        try:
            try:
                response = self._http.send(request, stream=True, follow_redirects=False)
            except Exception as exc:
                if not is_transport_error(exc):
                    raise
                return Broken.of(exc, None, deadline)
            body: Body | None = None
            try:
                body = Body.of(response, limits, deadline)
                for chunk in body.unread(response) or response.iter_raw():
                    body.add(chunk)
                _http.end_of_answer(response)
                response.close()  # before complete(): closing sets the elapsed time
                return body.complete(response)
            except Exception as exc:
                if not is_transport_error(exc):
                    raise
                return Broken.of(exc, response, deadline, body.received() if body is not None else b"")
            finally:
                response.close()
        finally:
            _pool.DEADLINE.reset(token)

    def reconcile(self, *, older_than: float | None = None) -> list[Reconciled]:
        """Settle what the ledger holds as unsettled: each create looked up by its order_id (found or absent), each
        withdrawal of unknown outcome reported for a person (see ``cryptocloud.ledger``). A create sent less than
        ``older_than`` seconds ago may still be in flight in another worker and is left as it is; by default the
        longest a create of this client may take (its deadline per attempt, its retries, its recovery window)."""
        flow = functools.partial(reconcile, http=self._http, older_than=older_than)
        return cast(list[Reconciled], self._send(Composite(flow)))

    def close(self) -> None:
        """Close the HTTP client, if this object opened it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _one_of(http_client: object, transport: object) -> None:
    if http_client is not None and transport is not None:
        raise InvalidParameterError("transport", transport, "give http_client= or transport=, not both")


def _async_http(backend: str) -> httpx.AsyncClient:
    if backend == "httpx":
        return _http.async_http_client()
    if backend != "aiohttp":
        raise InvalidParameterError("http_backend", backend, "must be 'httpx' or 'aiohttp'")
    try:
        return _http.aiohttp_client()
    except ImportError:
        raise InvalidParameterError(
            "http_backend", backend, f"needs httpx-aiohttp: {install_hint('aiohttp')}"
        ) from None


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
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        recovery_window: float = DEFAULT_RECOVERY_WINDOW,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_backend: Literal["httpx", "aiohttp"] = "httpx",
        postback_secret: str | bytes | None = None,
        withdrawal_key: str | None = None,
        record_to: str | os.PathLike[str] | None = None,
        ledger: Ledger | str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            shop_id=shop_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            recovery_window=recovery_window,
            record_to=record_to,
            withdrawal_key=withdrawal_key,
            postback_secret=postback_secret,
            ledger=ledger,
        )
        _one_of(http_client, transport)
        if http_client is not None:
            self._http = http_client
        else:
            self._http = _http.async_http_client(transport) if transport is not None else _async_http(http_backend)
        self._owns_http = http_client is None
        self.invoices = AsyncInvoices(self)
        self.postbacks = AsyncPostbacks(self)
        self.withdrawals = AsyncWithdrawals(self)
        self.balances = AsyncBalances(self)
        self.statistics = AsyncStatistics(self)
        self.static_wallets = AsyncStaticWallets(self)

    async def _send(self, operation: Operation[T]) -> Any:
        import asyncio  # here, not at the top: sync users never pay for importing it

        flow = operation.flow(self._core)
        try:
            step = next(flow)
            while True:
                outcome: Any = None
                try:
                    if isinstance(step, float):
                        await asyncio.sleep(step)
                    elif isinstance(step, Blocking):
                        outcome = await asyncio.to_thread(step.work)
                    else:
                        outcome = await self._exchange(step)
                except BaseException as exc:  # cancelled: the flow records a create that may have been sent
                    flow.throw(exc)
                    raise
                step = flow.send(outcome)
        except StopIteration as done:
            return done.value

    async def _exchange(self, request: httpx.Request) -> Outcome:
        """Send one request and read its whole answer within the size cap and the attempt's deadline."""
        import asyncio

        if self._http.is_closed:
            return Broken(Stage.NOT_SENT, ClientClosed())
        limits = self._core.limits
        deadline = time.monotonic() + limits.deadline
        response: httpx.Response | None = None
        body: Body | None = None
        try:
            try:
                async with asyncio.timeout(limits.deadline):
                    response = await self._http.send(request, stream=True, follow_redirects=False)
                    body = Body.of(response, limits, deadline)
                    for chunk in body.unread(response):
                        body.add(chunk)
                    if not response.is_stream_consumed:
                        async for chunk in response.aiter_raw():
                            body.add(chunk)
                    _http.end_of_answer(response)
            finally:
                # Closed outside the timeout: when Body's own deadline check fires first, asyncio.timeout's
                # cancellation would land in the close, which httpcore shields only from anyio, and leave the
                # connection open.
                if response is not None:
                    await response.aclose()
            return body.complete(response)
        except Exception as exc:
            if not is_transport_error(exc):
                raise
            return Broken.of(exc, response, deadline, body.received() if body is not None else b"")

    async def reconcile(self, *, older_than: float | None = None) -> list[Reconciled]:
        """Settle what the ledger holds as unsettled (see ``CryptoCloud.reconcile``)."""
        flow = functools.partial(reconcile, http=self._http, older_than=older_than)
        return cast(list[Reconciled], await self._send(Composite(flow)))

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
