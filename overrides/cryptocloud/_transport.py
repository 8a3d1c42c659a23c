"""What the sync and async drivers share about one HTTP exchange: reading the answer within bounds, and saying
how far a failed exchange got.

"May the server have carried out this request?" is decided from how far the exchange got, in one place
(``Stage``): nothing left the machine, the request may have been written, or an answer started. Only errors
that prove nothing was sent count as ``NOT_SENT``; anything else (including an error we cannot place) counts as
sent, because for a create the cost of a wrong "not sent" is a second invoice.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import logging
import os
import socket
import time
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import httpx

from . import _pool

T = TypeVar("T")

DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024  # decompressed; the largest real answer (a list page) is ~100 KB
# What we ask for and can inflate within the cap. httpx would add br/zstd when their packages are installed.
ACCEPT_ENCODING = "gzip, deflate"
# Response heads: aiohttp's default refuses any header line over 8190 bytes (a long Set-Cookie or CSP from a proxy).
MAX_HEADER_LINE = 65536


class Stage(enum.IntEnum):
    """How far an exchange got before it failed."""

    NOT_SENT = 0  # proof that nothing of the request left the machine
    SENT = 1  # the request may have been written (wholly or partly); no answer was read
    ANSWERED = 2  # a status line and headers came back


class ClientClosed(Exception):
    """The client (or the HTTP client it was given) was closed: nothing was sent, and nothing will be."""

    def __init__(self) -> None:
        super().__init__("the client is closed (close() was called, or its with-block ended): nothing was sent")


# httpx's own transport raises these only before a byte of the request is written.
_HTTPX_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
    ClientClosed,
)
# Libraries whose exceptions may escape a transport unmapped (httpx-aiohttp re-raises what it does not map).
_TRANSPORT_MODULES = frozenset({"aiohttp", "httpcore", "h11", "anyio", "ssl", "socket"})


def is_transport_error(exc: BaseException) -> bool:
    """Whether ``exc`` came from the HTTP stack (as opposed to a bug in the caller's or our code). A UnicodeError
    counts: httpx-aiohttp encodes a server's reason phrase outside its own error mapping."""
    return isinstance(exc, (httpx.HTTPError, OSError, EOFError, UnicodeError, Overrun)) or (
        type(exc).__module__.split(".")[0] in _TRANSPORT_MODULES
    )


def stage_of(exc: BaseException) -> Stage:
    """The stage a transport error proves; ``SENT`` unless it proves nothing left the machine."""
    cause = exc.__cause__
    if cause is not None and type(cause).__module__.startswith("aiohttp"):
        # httpx-aiohttp maps every aiohttp.ClientConnectionError (which includes "server disconnected" after the
        # request was written) to httpx.ConnectTimeout: judge by aiohttp's own class instead.
        import aiohttp

        connecting = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)
        return Stage.NOT_SENT if isinstance(cause, connecting) else Stage.SENT
    if type(exc).__module__.startswith("aiohttp"):
        return Stage.SENT
    return Stage.NOT_SENT if isinstance(exc, _HTTPX_NOT_SENT) else Stage.SENT


def is_timeout(exc: BaseException) -> bool:
    cause = exc.__cause__
    if cause is not None and type(cause).__module__.startswith("aiohttp"):
        return isinstance(cause, TimeoutError)  # httpx-aiohttp calls every connection error a ConnectTimeout
    return isinstance(exc, (httpx.TimeoutException, TimeoutError)) or (isinstance(exc, Overrun) and exc.timed_out)


@attrs.frozen
class Broken:
    """An exchange that ended without a complete answer: what failed, how far it got, and the answer's head."""

    stage: Stage
    exc: BaseException
    response: httpx.Response | None = None  # the status and headers, when an answer had started
    deadline_passed: bool = False  # the attempt's deadline, not a single timeout, ended it

    @classmethod
    def of(cls, exc: BaseException, response: httpx.Response | None, deadline: float) -> Broken:
        stage = Stage.ANSWERED if response is not None else stage_of(exc)
        return cls(stage, exc, response, is_timeout(exc) and time.monotonic() >= deadline)


class Overrun(Exception):
    """The answer went past a limit of ours: its size or the attempt's deadline."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@attrs.frozen
class Limits:
    max_bytes: int
    deadline: float  # seconds an attempt may take, from sending to the end of the body


class Body:
    """Collects an answer's raw bytes, inflating them within the size cap, and enforces the attempt's deadline.

    httpx's own decoders inflate each network chunk whole, through every listed encoding, before anyone can
    count: 64 KB of gzip can become 64 MB. Here each chunk is inflated with ``max_length``, so nothing past the
    cap is ever held; only gzip and deflate, one layer, are accepted (what ``ACCEPT_ENCODING`` asks for).
    """

    __slots__ = ("_chunks", "_deadline", "_inflate", "_limits", "_raw_deflate", "_size")

    def __init__(self, limits: Limits, deadline: float, content_encoding: str = "") -> None:
        self._limits = limits
        self._deadline = deadline
        self._chunks: list[bytes] = []
        self._size = 0
        self._raw_deflate = False
        self._inflate = _inflater(content_encoding)

    @classmethod
    def of(cls, response: httpx.Response, limits: Limits, deadline: float) -> Body:
        """A collector for ``response``: inflating as its Content-Encoding says, unless a mock transport already
        read (and decoded) the whole body."""
        encoding = "" if hasattr(response, "_content") else response.headers.get("content-encoding", "")
        return cls(limits, deadline, encoding)

    @staticmethod
    def unread(response: httpx.Response) -> list[bytes]:
        """The body when it was read before the drivers saw it (an httpx.MockTransport answer), else []."""
        return [response.content] if hasattr(response, "_content") else []

    def add(self, chunk: bytes) -> None:
        room = self._limits.max_bytes - self._size
        if self._inflate is not None:
            chunk = self._inflated(chunk, room)
        self._size += len(chunk)
        if self._size > self._limits.max_bytes:
            raise Overrun(f"answer larger than {self._limits.max_bytes} bytes (max_response_bytes)", timed_out=False)
        self._chunks.append(chunk)
        if time.monotonic() > self._deadline:
            raise Overrun(deadline_message(self._limits), timed_out=True)

    def _inflated(self, chunk: bytes, room: int) -> bytes:
        assert self._inflate is not None
        try:
            # One more byte than there is room for: producing it proves the answer is too large.
            inflated: bytes = self._inflate.decompress(chunk, room + 1)
            return inflated
        except zlib.error:
            if self._size or self._raw_deflate or self._inflate.__class__ is not _ZLIB_TYPE:
                raise Overrun("answer body is not valid gzip/deflate", timed_out=False) from None
            self._raw_deflate = True  # "deflate" sent raw, without the zlib header, as some servers do
            self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflated(chunk, room)

    def complete(self, response: httpx.Response) -> httpx.Response:
        """``response`` with its (inflated) body in place, as if read by httpx itself (``.content`` works)."""
        response._content = b"".join(self._chunks)
        return response


def timed(response: httpx.Response, started: float | None) -> None:
    """Set ``response.elapsed`` of a direct send (``started`` given) when not yet set: it has no stream of httpx's
    to set it on close, and an answer cut short (kept on the error) must still have one, or reading it raises."""
    if started is not None and not hasattr(response, "_elapsed"):
        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)


_ZLIB_TYPE = type(zlib.decompressobj())


def _inflater(content_encoding: str) -> Any:
    """A zlib decompressor for the answer's Content-Encoding; None for an identity body."""
    if not content_encoding:
        return None
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip().lower() not in ("", "identity")]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise Overrun(f"answer encoded as {content_encoding!r}; only gzip or deflate was asked for", timed_out=False)
    return zlib.decompressobj(16 + zlib.MAX_WBITS if codings[0] != "deflate" else zlib.MAX_WBITS)


def deadline_message(limits: Limits) -> str:
    return f"no complete answer within the {limits.deadline:g} s deadline"


def end_of_answer(response: httpx.Response) -> None:
    """Called once an answer is read to its end: a connection holding bytes beyond it (a server that answered
    twice) is dropped, so that no later request reads them as its own answer."""
    if _pool.holds_surplus(response):
        drop_connection(response)


def drop_connection(response: httpx.Response) -> None:
    """Make sure the connection that carried ``response`` is never used again: its socket is shut down, so that
    httpcore, which checks an idle connection's socket before reusing it, closes it instead. A no-op where the
    answer names no socket (aiohttp, which never reuses a connection holding unread bytes; a mock transport)."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if sock is not None:  # a socket.socket, or asyncio's TransportSocket around one
        with contextlib.suppress(OSError, AttributeError):
            sock.shutdown(socket.SHUT_RDWR)


# ------------------------------------------------------------------ sending on a client we made
# ``httpx.Client.send`` runs auth flows, redirect handling, event hooks and cookie extraction around the transport
# call. A client this package made has none of those to apply (no auth, no hooks, redirects never followed, and
# a key-authenticated API has no use for cookies), yet extracting cookies alone costs ~15 us per answer. For such
# a client the drivers hand the request to its transport directly, as ``_send_single_request`` would, keeping what
# callers can see: the request on the response, the elapsed time, httpx's own log line, errors naming the request.
_httpx_logger = logging.getLogger("httpx")


def can_send_direct(http: httpx.Client | httpx.AsyncClient) -> bool:
    """Whether this httpx has the (private) transport lookup the direct path needs; otherwise send() is used."""
    return callable(getattr(http, "_transport_for_url", None))


def _transport_of(http: httpx.Client | httpx.AsyncClient, request: httpx.Request) -> Any:
    if http.is_closed:
        raise RuntimeError("Cannot send a request, as the client has been closed.")
    return http._transport_for_url(request.url)  # proxies from the environment are mounts of their own


def _answered(response: httpx.Response, request: httpx.Request, redact: Callable[[str], str]) -> httpx.Response:
    response.request = request
    if _httpx_logger.isEnabledFor(logging.INFO):
        # Unlike httpx's, this line is redacted: a server (or proxy) may echo the key in its reason phrase.
        _httpx_logger.info(
            'HTTP Request: %s %s "%s %d %s"',
            request.method,
            redact(str(request.url)),
            response.http_version,
            response.status_code,
            redact(response.reason_phrase),
        )
    return response


def send_direct(http: httpx.Client, request: httpx.Request, redact: Callable[[str], str]) -> httpx.Response:
    """``http.send(request, stream=True)`` for a client this package made."""
    transport = _transport_of(http, request)
    try:
        response = transport.handle_request(request)
    except httpx.RequestError as exc:
        exc.request = request
        raise
    return _answered(response, request, redact)


async def send_direct_async(
    http: httpx.AsyncClient, request: httpx.Request, redact: Callable[[str], str]
) -> httpx.Response:
    """``await http.send(request, stream=True)`` for a client this package made."""
    transport = _transport_of(http, request)
    try:
        response = await transport.handle_async_request(request)
    except httpx.RequestError as exc:
        exc.request = request
        raise
    return _answered(response, request, redact)


_PROXY_VARIABLES = ("ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


def _socks_proxy() -> tuple[str, str] | None:
    """The environment variable that names a SOCKS proxy, and its URL without any user:password; None if none."""
    for name in _PROXY_VARIABLES:
        value = os.environ.get(name, "")
        if value.lower().startswith("socks"):
            scheme, _, rest = value.partition("://")
            return name, f"{scheme}://{rest.rpartition('@')[2]}"
    return None


def _proxied(make: Callable[[], T]) -> T:
    """``make()`` (an httpx client), with httpx's bare ImportError for a SOCKS proxy without socksio made an
    InvalidParameterError that names the variable and the fix."""
    try:
        return make()
    except ImportError:
        socks = _socks_proxy()
        if socks is None:
            raise
        from .errors import InvalidParameterError

        raise InvalidParameterError(*socks, "names a SOCKS proxy, which needs: pip install 'httpx[socks]'") from None


def sync_http_client() -> httpx.Client:
    """The httpx.Client the sync client makes for itself: no redirects, socket operations within the deadline."""
    return _pool.bound_by_deadline(_proxied(lambda: httpx.Client(follow_redirects=False)))


def async_http_client() -> httpx.AsyncClient:
    """The httpx.AsyncClient the async client makes for itself: no redirects."""
    return _proxied(lambda: httpx.AsyncClient(follow_redirects=False))


def aiohttp_client() -> httpx.AsyncClient:
    """httpx's API on aiohttp's connection pool, with room for long header lines."""
    import aiohttp
    from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient

    class Response(aiohttp.ClientResponse):
        async def start(self, connection: Any) -> aiohttp.ClientResponse:
            started = await super().start(connection)
            # aiohttp keeps a non-UTF-8 reason phrase as surrogates, which httpx-aiohttp cannot encode
            self.reason = (self.reason or "").encode("utf-8", "surrogateescape").decode("latin-1")
            return started

    def session() -> aiohttp.ClientSession:
        # httpx's own defaults: 100 connections, 5 s keep-alive, certifi's CA bundle
        connector = aiohttp.TCPConnector(limit=100, keepalive_timeout=5.0, ssl=httpx.create_ssl_context())
        return aiohttp.ClientSession(
            connector=connector,
            response_class=Response,
            max_line_size=MAX_HEADER_LINE,
            max_field_size=MAX_HEADER_LINE,
        )

    # httpx makes no mounts from $HTTP_PROXY, $HTTPS_PROXY, $ALL_PROXY and $NO_PROXY for a client given its
    # transport: make them as it would (aiohttp's own trust_env would also put ~/.netrc in the Authorization
    # header). aiohttp speaks only to HTTP proxies: rather than connect around a SOCKS one, refuse.
    socks = _socks_proxy()
    if socks is not None:
        from .errors import InvalidParameterError

        raise InvalidParameterError(
            *socks,
            "names a SOCKS proxy, which the aiohttp backend cannot use (it would connect around it): use "
            "http_backend='httpx' with pip install 'httpx[socks]', or an HTTP proxy",
        )
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {}
    for pattern, url in _pool.environment_proxies().items():
        if url is None:
            mounts[pattern] = None
        elif httpx.URL(url).scheme in ("http", "https"):
            mounts[pattern] = AiohttpTransport(client=session, proxy=httpx.Proxy(url))
    return HttpxAiohttpClient(transport=AiohttpTransport(client=session), mounts=mounts, follow_redirects=False)
