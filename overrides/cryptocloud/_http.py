"""The HTTP clients this package makes, and what it does to a connection after an answer.

Sync httpx (its sockets bounded by each attempt's deadline), async httpx, and httpx's API on aiohttp's pool;
proxies from the environment as httpx reads them (a SOCKS one refused by name where it cannot be used). Each is
registered in ``made_here``: only such a client gets requests built from prebuilt parts (``_requests``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from . import _pool

T = TypeVar("T")

# Response heads: aiohttp's default refuses any header line over 8190 bytes (a long Set-Cookie or CSP from a proxy).
MAX_HEADER_LINE = 65536
_MADE_HERE: weakref.WeakSet[httpx.Client | httpx.AsyncClient] = weakref.WeakSet()


class _NoCookies(httpx.Cookies):
    """The cookies of a client made here: none. The API authenticates by key, and a cookie a proxy in front of it
    sets is not sent back (``_requests``); keeping none also spares reading every answer's headers for them."""

    def extract_cookies(self, response: httpx.Response) -> None:
        """Keep nothing from ``response``."""


class _Cookieless:
    """Mixed into the httpx clients made here: httpx asks each answer's cookies of the client's public ``cookies``
    jar, which for them keeps none. A caller's own client (``http_client=``) keeps httpx's cookie handling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._no_cookies = _NoCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._no_cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        raise AttributeError("a client made by cryptocloud keeps no cookies: pass http_client= to keep them")


class _Client(_Cookieless, httpx.Client):
    pass


class _AsyncClient(_Cookieless, httpx.AsyncClient):
    pass


def made_here(http: httpx.Client | httpx.AsyncClient) -> bool:
    """Whether ``http`` is a client this package made (as opposed to a caller's own)."""
    return http in _MADE_HERE


def _ours(http: T) -> T:
    _MADE_HERE.add(http)  # type: ignore[arg-type]
    return http


def end_of_answer(response: httpx.Response) -> None:
    """Called once an answer is read to its end: a connection holding bytes beyond it (a server that answered
    twice) is dropped, so that no later request reads them as its own answer. Only an answer that names its
    connection (httpcore's) can be looked into and dropped; aiohttp's pool checks its own (``_pool``)."""
    if "network_stream" in response.extensions and _pool.holds_surplus(response):
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


def sync_http_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The httpx.Client the sync client makes for itself: no redirects, socket operations within the deadline
    (``transport``, when given, is used as it is)."""
    made = _proxied(lambda: _Client(follow_redirects=False, transport=transport))
    return _ours(_pool.bound_by_deadline(made) if transport is None else made)


def async_http_client(transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The httpx.AsyncClient the async client makes for itself: no redirects."""
    return _ours(_proxied(lambda: _AsyncClient(follow_redirects=False, transport=transport)))


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
        connector = _pool.surplus_checking_connector(limit=100, keepalive_timeout=5.0, ssl=httpx.create_ssl_context())
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),  # aiohttp keeps and sends back cookies of its own: none here
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

    class Client(_Cookieless, HttpxAiohttpClient):
        pass

    return _ours(Client(transport=AiohttpTransport(client=session), mounts=mounts, follow_redirects=False))
