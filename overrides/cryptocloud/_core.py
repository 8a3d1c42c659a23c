"""What the sync and async clients share: configuration, request building, retries, logging.

The retry loop is written once, as a generator that yields what to do next (an ``httpx.Request`` to send or
a number of seconds to sleep) and receives the response, or has the transport error thrown into it. The sync
and async clients only perform those steps; every decision lives here.
"""

from __future__ import annotations

import functools
import logging
import os
import random
import time
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar

import attrs
import httpx

from . import _params, _responses, errors
from ._version import __version__

T = TypeVar("T")

logger = logging.getLogger("cryptocloud")

# CryptoCloud became Trybit in May 2026; the legacy host still names the same API.
DEFAULT_BASE_URL = "https://api.trybit.com"
LEGACY_BASE_URL = "https://api.cryptocloud.plus"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
ENV_API_KEY = "CRYPTOCLOUD_API_KEY"
ENV_SHOP_ID = "CRYPTOCLOUD_SHOP_ID"
ENV_BASE_URL = "CRYPTOCLOUD_BASE_URL"

USER_AGENT = f"cryptocloud-client/{__version__} httpx/{httpx.__version__}"

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
# A Retry-After longer than this is not waited for: the error is raised with retry_after set instead.
MAX_RETRY_AFTER = 60.0

# Nothing of the request left the machine: always safe to try again.
_NOTHING_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
_TIMEOUTS = (httpx.TimeoutException,)


class RawResponse(Generic[T]):
    """The HTTP answer of a successful call, undecoded. ``parse()`` decodes it (and may raise)."""

    def __init__(self, response: httpx.Response, decode: Callable[[httpx.Response], T]) -> None:
        self.http_response = response
        self._decode = decode

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def text(self) -> str:
        return _responses.body_text(self.http_response)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def parse(self) -> T:
        return self._decode(self.http_response)

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}]>"


Step = httpx.Request | float  # what a driver must do: send this request, or sleep this many seconds
Flow = Generator[Step, httpx.Response | None, T]


@attrs.frozen
class Call(Generic[T]):
    """One request ready to send: how to decode its success envelope, whether it creates something, and whether
    it may be sent again after it may have reached the server."""

    request: httpx.Request
    decode: Callable[[dict[str, Any]], T]
    creates: bool  # a failure after sending may have left a new object behind: the error says so
    order_id: str | None = None
    raw: bool = False
    # Resending after the request may have landed: never for a create (a second invoice), nor for a cancel
    # (the second would be refused, hiding that the first worked). Reads are safe to resend.
    resendable: bool = attrs.field(default=attrs.Factory(lambda call: not call.creates, takes_self=True))

    def flow(self, core: Core) -> Flow[T | RawResponse[T]]:
        return core.run(self)


@attrs.frozen
class Composite(Generic[T]):
    """An operation made of several calls (chunks, pages, recovery), written once as a flow of steps."""

    make: Callable[[Core], Flow[T]]

    def flow(self, core: Core) -> Flow[T]:
        return self.make(core)


Operation = Call[T] | Composite[T]


@attrs.frozen(repr=False, cache_hash=False)
class Core:
    api_key: str
    shop_id: str | None
    base_url: str
    timeout: httpx.Timeout
    max_retries: int

    @classmethod
    def configure(
        cls,
        *,
        api_key: str | None,
        shop_id: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
    ) -> Core:
        """Explicit arguments win over the environment; every value is checked here, before any request."""
        key = _params.api_key(api_key if api_key is not None else os.environ.get(ENV_API_KEY), ENV_API_KEY)
        shop = shop_id if shop_id is not None else os.environ.get(ENV_SHOP_ID) or None
        url = _params.base_url(base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL)
        return cls(
            api_key=key,
            shop_id=_params.text(shop, "shop_id") if shop is not None else None,
            base_url=str(url).rstrip("/"),
            timeout=_params.timeout(timeout),
            max_retries=_params.max_retries(max_retries),
        )

    def __repr__(self) -> str:
        return f"base_url={self.base_url!r}, shop_id={self.shop_id!r}, api_key=<hidden>"

    def redact(self, text: str) -> str:
        return text.replace(self.api_key, "<hidden>")

    # ------------------------------------------------------------------ requests

    @functools.cached_property
    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Token {self.api_key}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }

    def build(self, http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
        """An httpx request from a generated operation's ``_get_kwargs()``, with auth and our timeout."""
        return http.build_request(
            kwargs["method"],
            self.base_url + kwargs["url"],
            params=kwargs.get("params") or None,
            content=kwargs.get("content"),
            headers=self._headers | kwargs.get("headers", {}),
            timeout=self.timeout,
        )

    def require_shop_id(self, shop_id: str | None) -> str:
        if shop_id is not None:
            return _params.text(shop_id, "shop_id")
        if self.shop_id is None:
            raise errors.InvalidParameterError("shop_id", None, f"missing: pass shop_id= or set {ENV_SHOP_ID}")
        return self.shop_id

    # ------------------------------------------------------------------ the retry loop

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... up to 8 s, each less up to a quarter."""
        return min(INITIAL_BACKOFF * 2.0**attempt, MAX_BACKOFF) * (1 - 0.25 * random.random())

    def run(self, call: Call[T]) -> Flow[T | RawResponse[T]]:
        """Send ``call`` with retries; return its decoded result (or RawResponse) or raise an APIError."""
        attempt = 0
        while True:
            started = time.perf_counter()
            self._log_request(call.request, attempt)
            try:
                response = yield call.request
            except httpx.HTTPError as exc:
                error = self._transport_error(exc, call)
                logger.debug("%s %s failed: %s", call.request.method, call.request.url, error)
                retryable = isinstance(exc, _NOTHING_SENT) or call.resendable
                if not retryable or attempt >= self.max_retries:
                    raise error from None
                delay = self.backoff(attempt)
            else:
                assert response is not None
                logger.debug(
                    "%s %s -> %s in %.3f s",
                    call.request.method,
                    call.request.url,
                    response.status_code,
                    time.perf_counter() - started,
                )
                delay_or_none = self._retry_delay(response, call, attempt)
                if delay_or_none is None:
                    return self._finish(response, call)
                delay = delay_or_none
            logger.debug("retrying in %.2f s (attempt %d of %d)", delay, attempt + 2, self.max_retries + 1)
            yield delay
            attempt += 1

    def _retry_delay(self, response: httpx.Response, call: Call[Any], attempt: int) -> float | None:
        """Seconds to wait before resending, or None to finish with this response."""
        status = response.status_code
        if attempt >= self.max_retries:
            return None
        if status == 429:
            wait = _responses.retry_after(response)
            if wait is None:
                return self.backoff(attempt)
            return wait if wait <= MAX_RETRY_AFTER else None
        if status >= 500 and call.resendable:
            return self.backoff(attempt)
        return None

    def _finish(self, response: httpx.Response, call: Call[T]) -> T | RawResponse[T]:
        if 200 <= response.status_code < 300:
            if call.raw:
                return RawResponse(response, lambda r: self._decode(r, call))
            return self._decode(response, call)
        error = _responses.status_error(response)
        self._polish(error, call, may_exist=isinstance(error, errors.InternalServerError))
        raise error

    def _decode(self, response: httpx.Response, call: Call[T]) -> T:
        try:
            return _responses.decode_success(response, call.decode)
        except errors.APIError as error:
            self._polish(error, call, may_exist=False)
            raise

    def _transport_error(self, exc: httpx.HTTPError, call: Call[Any]) -> errors.APIConnectionError:
        cls = errors.APITimeoutError if isinstance(exc, _TIMEOUTS) else errors.APIConnectionError
        what = "timed out" if cls is errors.APITimeoutError else "connection failed"
        reason = str(exc) or type(exc).__name__
        error = cls(f"{call.request.method} {call.request.url.path} {what}: {reason}", request=call.request)
        self._polish(error, call, may_exist=not isinstance(exc, _NOTHING_SENT))
        return error

    def _polish(self, error: errors.APIError, call: Call[Any], *, may_exist: bool) -> None:
        """Say when a create may have landed, and make sure the key is nowhere in the message."""
        if may_exist and call.creates:
            error._mark_may_exist(call.order_id)
        redacted = self.redact(error.message)
        if redacted != error.message:
            error.message = redacted
            error.args = (redacted,)

    def _log_request(self, request: httpx.Request, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            headers = {k: ("Token <hidden>" if k.lower() == "authorization" else v) for k, v in request.headers.items()}
            logger.debug("%s %s (attempt %d) headers=%s", request.method, request.url, attempt + 1, headers)
