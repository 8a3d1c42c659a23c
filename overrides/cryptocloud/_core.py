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
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from . import _params, _responses, errors
from ._body import ACCEPT_ENCODING, DEFAULT_MAX_RESPONSE_BYTES, Limits, deadline_message
from ._http import drop_connection
from ._observe import Observer
from ._requests import Requests
from ._secrets import SecretKey, Secrets, WithdrawalKey
from ._stage import Broken, ClientClosed, Stage, is_timeout
from ._version import __version__

if TYPE_CHECKING:
    from .ledger import Ledger

T = TypeVar("T")

logger = logging.getLogger("cryptocloud")

# CryptoCloud became Trybit in May 2026; the legacy host still names the same API.
DEFAULT_BASE_URL = "https://api.trybit.com"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
ENV_API_KEY = "CRYPTOCLOUD_API_KEY"
ENV_SHOP_ID = "CRYPTOCLOUD_SHOP_ID"
ENV_BASE_URL = "CRYPTOCLOUD_BASE_URL"
ENV_WITHDRAWAL_KEY = "CRYPTOCLOUD_WITHDRAWAL_KEY"

USER_AGENT = f"cryptocloud-client/{__version__} httpx/{httpx.__version__}"

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
# A Retry-After longer than this is not waited for: the error is raised with retry_after set instead.
MAX_RETRY_AFTER = 60.0
# After a create may have failed, recovery looks for its invoice for this long before it may send it again: a
# server that commits an invoice later than this after the failure can still end up with two.
DEFAULT_RECOVERY_WINDOW = 15.0


@attrs.frozen
class Blocking:
    """Work that waits on something other than the API (the ledger's database, which may wait for another
    process's transaction): the sync driver runs it, the async one in a thread, so that no event loop stalls."""

    work: Callable[[], Any]


Step = httpx.Request | float | Blocking  # what a driver must do: send this request, sleep, or run this work
Outcome = httpx.Response | Broken  # what it sends back: the complete answer, or how the exchange broke
Flow = Generator[Step, Any, T]  # Any: a Blocking step gets its work's result back


def blocking(work: Callable[[], T]) -> Generator[Step, Any, T]:
    """``result = yield from blocking(functools.partial(ledger.begin_create, ...))`` inside a flow."""
    result: T = yield Blocking(work)
    return result


def noted(work: Callable[[], object], what: str) -> Generator[Step, Any, None]:
    """Write down in the ledger what became of an operation that was sent. If the ledger fails now, the
    operation's own result or error still reaches the caller: the ledger keeps it as of unknown outcome (which
    stops any process from sending it again until it is reconciled), and the failure is logged."""
    try:
        yield from blocking(work)
    except errors.LedgerError as failure:
        logger.warning(
            "%s: the ledger could not record its outcome (%s); it stays unknown until reconciled", what, failure
        )


@attrs.frozen
class Unsettled:
    """A create that was interrupted (cancelled, KeyboardInterrupt) after it may have been sent."""

    order_id: str | None
    sent_at: datetime


@attrs.frozen
class Call(Generic[T]):
    """One request ready to send: how to decode its success envelope, whether it creates something, and whether
    it may be sent again after it may have reached the server."""

    request: httpx.Request
    decode: Callable[[dict[str, Any]], T]
    creates: bool  # a failure after sending may have left a new object behind: the error says so
    order_id: str | None = None
    raw: bool = False
    what: str = "request"  # how an error names it ("the cancel may have been carried out")
    # Resending after the request may have landed: never for a create (a second invoice), nor for a cancel
    # (the second would be refused, hiding that the first worked). Reads are safe to resend.
    resendable: bool = attrs.field(default=attrs.Factory(lambda call: not call.creates, takes_self=True))
    # A 429 is a refusal, so it is resent by default; a withdrawal (money going out) is not, to be conservative.
    resend_rate_limited: bool = True
    envelope: tuple[str, ...] = ("result",)  # the keys a success may carry its answer under (the first present)
    # What the decoded answer states of the request, compared with what was asked: a description of the first
    # disagreement, or None. An answer that disagrees answers another request (a surplus answer read late).
    agrees: Callable[[Any], str | None] | None = None

    def flow(self, core: Core) -> Flow[T | _responses.RawResponse[T]]:
        return core.run(self)


@attrs.frozen
class Composite(Generic[T]):
    """An operation made of several calls (chunks, pages, recovery), written once as a flow of steps."""

    make: Callable[[Core], Flow[T]]

    def flow(self, core: Core) -> Flow[T]:
        return self.make(core)


Operation = Call[T] | Composite[T]


def _deadline(timeout: httpx.Timeout) -> float:
    """The default deadline of one attempt: the connect timeout plus the read timeout (35 s by default)."""
    connect = timeout.connect if timeout.connect is not None else 30.0
    read = timeout.read if timeout.read is not None else 300.0
    return connect + read


@attrs.frozen(repr=False, cache_hash=False)
class Core:
    api_key: str
    shop_id: str | None
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    limits: Limits
    recovery_window: float
    observer: Observer  # records answers (opt-in) and logs what the spec does not know
    # Creates interrupted after they may have been sent: the only trace of an invoice that may exist.
    unsettled: list[Unsettled] = attrs.field(factory=list, eq=False)
    also_hidden: tuple[str, ...] = ()  # other secrets redaction removes too (the API key, on withdrawals)
    withdrawal_key: WithdrawalKey | None = None  # needed by withdrawals.create, sent with withdrawals only
    postback_secret: SecretKey | None = None  # postbacks.confirm's default (else $CRYPTOCLOUD_SECRET, when used)
    ledger: Ledger | None = None  # what may have happened, shared across processes (optional)

    @classmethod
    def configure(
        cls,
        *,
        api_key: str | None,
        shop_id: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        recovery_window: float = DEFAULT_RECOVERY_WINDOW,
        record_to: str | os.PathLike[str] | None = None,
        withdrawal_key: str | None = None,
        postback_secret: str | bytes | None = None,
        ledger: Ledger | str | os.PathLike[str] | None = None,
    ) -> Core:
        """Explicit arguments win over the environment; every value is checked here, before any request."""
        key = _params.api_key(api_key if api_key is not None else os.environ.get(ENV_API_KEY), ENV_API_KEY)
        shop = shop_id if shop_id is not None else os.environ.get(ENV_SHOP_ID) or None
        url = _params.base_url(base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL)
        checked_timeout = _params.timeout(timeout)
        core = cls(
            api_key=key,
            shop_id=_params.text(shop, "shop_id") if shop is not None else None,
            base_url=str(url).rstrip("/"),
            timeout=checked_timeout,
            max_retries=_params.max_retries(max_retries),
            limits=Limits(
                max_bytes=_params.max_response_bytes(max_response_bytes),
                deadline=_params.seconds(deadline, "deadline") if deadline is not None else _deadline(checked_timeout),
            ),
            recovery_window=_params.seconds(recovery_window, "recovery_window", allow_zero=True),
            observer=Observer(record_to),
            withdrawal_key=_withdrawal_key(withdrawal_key),
            postback_secret=SecretKey(postback_secret) if postback_secret is not None else None,
            ledger=_ledger(ledger),
        )
        # The keys join the log filter now, not at the first error: httpx's INFO line of a successful exchange
        # carries the reason phrase, which a hostile server may make echo the key.
        core.redact.register()
        return core

    def __repr__(self) -> str:
        return f"base_url={self.base_url!r}, shop_id={self.shop_id!r}, api_key=<hidden>"

    @functools.cached_property
    def redact(self) -> Secrets:
        """Removes the API key (and ``also_hidden``) from a text; its log filter keeps them out of log records."""
        withdrawal = (self.withdrawal_key.value,) if self.withdrawal_key is not None else ()
        return Secrets(self.api_key, *self.also_hidden, *withdrawal)

    # ------------------------------------------------------------------ requests

    @functools.cached_property
    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Token {self.api_key}",
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "User-Agent": USER_AGENT,
        }

    @functools.cached_property
    def _requests(self) -> Requests:
        return Requests(self.base_url, self._headers, self.timeout)

    def build(self, http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
        """An httpx request from a generated operation's ``request_kwargs()``, with auth and our timeout."""
        return self._requests.build(http, kwargs)

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

    def run(self, call: Call[T]) -> Flow[T | _responses.RawResponse[T]]:
        """Send ``call`` with retries; return its decoded result (or RawResponse) or raise an APIError."""
        attempt = 0
        while True:
            debug = logger.isEnabledFor(logging.DEBUG)  # once per attempt: the calls below cost when disabled
            if debug:
                self._log_request(call.request, attempt)
            started = time.perf_counter()
            sent_at = time.time()  # a datetime only if it is needed, below
            try:
                outcome = yield call.request
            except BaseException:  # the caller gave up (task cancelled, KeyboardInterrupt) mid-exchange
                if call.creates:
                    self.unsettled.append(Unsettled(call.order_id, datetime.fromtimestamp(sent_at, UTC)))
                    logger.warning("a create (order_id %r) was interrupted after it may have been sent", call.order_id)
                elif not call.resendable:  # a cancel, a withdrawal: no error will say so, the log does
                    logger.warning(
                        "a %s was interrupted after it may have been sent: check before trying again", call.what
                    )
                raise
            if isinstance(outcome, Broken):
                error = self._broken(outcome, call)
                if debug:
                    logger.debug("%s %s failed: %s", call.request.method, call.request.url, self.redact(error.message))
                if (
                    not (outcome.stage is Stage.NOT_SENT or call.resendable)
                    or attempt >= self.max_retries
                    or isinstance(outcome.exc, ClientClosed)  # no later attempt can go out either
                ):
                    raise self.settle(error, call)
                delay = self.backoff(attempt)
            else:
                assert outcome is not None
                self.observer.seen(outcome, self.redact)
                if debug:
                    logger.debug(
                        "%s %s -> %s in %.3f s",
                        call.request.method,
                        call.request.url,
                        outcome.status_code,
                        time.perf_counter() - started,
                    )
                delay_or_none = self._retry_delay(outcome, call, attempt)
                if delay_or_none is None:
                    try:
                        return self._finish(outcome, call)
                    except errors.APIResponseValidationError as error:
                        # A success cut short (not JSON at all) is worth asking again for, if asking is safe.
                        if error.is_json or not call.resendable or attempt >= self.max_retries:
                            raise
                        delay_or_none = self.backoff(attempt)
                delay = delay_or_none
            logger.debug("retrying in %.2f s (attempt %d of %d)", delay, attempt + 2, self.max_retries + 1)
            yield delay
            attempt += 1

    def _retry_delay(self, response: httpx.Response, call: Call[Any], attempt: int) -> float | None:
        """Seconds to wait before resending, or None to finish with this response."""
        status = response.status_code
        if attempt >= self.max_retries:
            return None
        if status == 429 and call.resend_rate_limited:  # refused, so safe to resend whatever the call
            wait = _responses.retry_after(response)
            if wait is None:
                return self.backoff(attempt)
            return wait if wait <= MAX_RETRY_AFTER else None
        if status >= 500 and call.resendable:
            return self.backoff(attempt)
        return None

    def _finish(self, response: httpx.Response, call: Call[T]) -> T | _responses.RawResponse[T]:
        if 200 <= response.status_code < 300:
            if call.raw:
                return _responses.RawResponse(response, lambda r: self._decode(r, call))
            return self._decode(response, call)
        raise self.settle(_responses.status_error(response, self.redact), call)

    def _decode(self, response: httpx.Response, call: Call[T]) -> T:
        try:
            # Where a misread answer costs money (it may say "refused" of what was carried out), it must be unique.
            unique = not call.resendable
            result = _responses.decode_success(response, call.decode, self.redact, call.envelope, unique)
        except errors.APIError as error:
            raise self.settle(error, call) from None
        if call.agrees is not None and (problem := call.agrees(result)) is not None:
            drop_connection(response)  # it may be out of step by one answer: later requests get a new one
            raise self.settle(_responses.foreign_answer(response, problem, self.redact), call)
        return result

    def _broken(self, broken: Broken, call: Call[Any]) -> errors.APIConnectionError:
        exc = broken.exc
        cls = errors.APITimeoutError if is_timeout(exc) else errors.APIConnectionError
        what = "timed out" if cls is errors.APITimeoutError else "connection failed"
        if broken.deadline_passed:
            reason = deadline_message(self.limits)
        else:  # aiohttp's own words when httpx-aiohttp mapped its error; one line, however the library wrote it
            reason = _responses.one_line(str(exc.__cause__ or exc)) or type(exc).__name__
        if broken.response is not None:
            what += f" after {_responses.status_text(broken.response.status_code)}"
        error = cls(f"{call.request.method} {call.request.url.path} {what}: {reason}", request=call.request)
        error.stage = broken.stage
        error.response = broken.response
        if broken.partial:
            error.body = self.redact.body(broken.partial.decode("utf-8", errors="replace"))
            error.invoice_uuid = _responses.uuid_in_text(error.body)
            if error.invoice_uuid is not None:
                error._set_message(f"{error.message} (what arrived names invoice {error.invoice_uuid})")
        return error

    def settle(self, error: errors.APIError, call: Call[Any]) -> errors.APIError:
        """The one place that says whether a failed call may have been carried out, and hides the key."""
        if not call.resendable and _may_have_landed(error):
            if call.creates:
                error._mark_may_exist(call.order_id)
            else:
                error._mark_may_have_taken_effect(call.what)
        redacted = self.redact(error.message)
        if redacted != error.message:
            error._set_message(redacted)
        return error

    def _log_request(self, request: httpx.Request, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            headers = {k: ("Token <hidden>" if k.lower() == "authorization" else v) for k, v in request.headers.items()}
            logger.debug("%s %s (attempt %d) headers=%s", request.method, request.url, attempt + 1, headers)


def _ledger(value: Ledger | str | os.PathLike[str] | None) -> Ledger | None:
    """The ledger given (an instance, or its URL), else the one $CRYPTOCLOUD_LEDGER names; None without either."""
    from .ledger import ENV_LEDGER, Ledger, open_ledger

    if isinstance(value, Ledger):
        return value
    url = value if value is not None else os.environ.get(ENV_LEDGER) or None
    return open_ledger(url) if url is not None else None


def _withdrawal_key(value: str | None) -> WithdrawalKey | None:
    """The key given, else $CRYPTOCLOUD_WITHDRAWAL_KEY, checked; None when neither is set."""
    if value is None:
        value = os.environ.get(ENV_WITHDRAWAL_KEY) or None
        if value is None:
            return None
    return WithdrawalKey(_params.api_key(value, ENV_WITHDRAWAL_KEY, "withdrawal_key"))


def _may_have_landed(error: errors.APIError) -> bool:
    """Whether the server may have carried out a request that ended in ``error``, by how far the exchange got:
    not if nothing was sent, nor if the server answered with a refusal (a 4xx status, or an error envelope under
    2xx); otherwise yes: the request was sent and no answer said it was refused (a lost or cut answer, a 3xx,
    which may mean "done, see there" as 303 does, a 5xx or unknown status, a success that could not be read)."""
    if isinstance(error, errors.APIConnectionError):
        return error.stage is not Stage.NOT_SENT
    if isinstance(error, errors.APIStatusError):
        return isinstance(error, errors.InternalServerError) or 300 <= error.status_code < 400
    return True
