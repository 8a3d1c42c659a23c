"""The only module that reaches into httpx's and httpcore's private state; each use says why no public API does.

Tested on the oldest and the newest httpx the package allows (``nox -s httpx_range``). When a name is missing
(another httpx), each function does the safe thing: the deadline is then enforced between body chunks only, and a
connection whose surplus cannot be seen is judged by what its answer states (``_core.Call.agrees``).
"""

from __future__ import annotations

import contextvars
import functools
import time
import weakref
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import httpcore

# ------------------------------------------------------------------ surplus bytes in a kept-alive connection
# A server (or proxy) that answers twice in one write leaves a complete second answer in h11's receive buffer.
# httpcore drops an idle connection only when its *socket* is readable, so those buffered bytes would be parsed
# as the next request's answer: order-2 would get order-1's invoice. h11 says what it holds (its public
# ``Connection.trailing_data``), but the h11 connection of an answer is reachable only through httpcore's and
# httpx's private stream wrappers: response.stream -> httpx's stream(s) -> httpcore's pool stream -> the HTTP/1.1
# connection's stream -> the connection -> its h11 state.
_HOPS = ("_stream", "_httpcore_stream", "_connection")
_MAX_HOPS = 8


def holds_surplus(response: httpx.Response) -> bool:
    """Whether the connection that carried ``response`` (read to its end) holds bytes beyond it."""
    import h11  # httpcore's HTTP/1.1 parser: installed with every httpx this package allows

    node: Any = response.stream
    for _ in range(_MAX_HOPS):
        state = getattr(node, "_h11_state", None)
        if isinstance(state, h11.Connection):
            data, _closed = state.trailing_data
            return bool(data)
        # The first hop the node has (a plain loop: a generator here cost more than the rest of the walk).
        for hop in _HOPS:
            inner = getattr(node, hop, _NO_HOP)
            if inner is not _NO_HOP:
                break
        else:
            return False  # not httpx's HTTP/1.1 transport (HTTP/2, a mock, a caller's own transport)
        if inner is None:
            return False
        node = inner
    return False


_NO_HOP = object()


def surplus_checking_connector(**options: Any) -> Any:
    """An aiohttp ``TCPConnector`` that never hands out a kept-alive connection holding an answer nobody asked for.

    aiohttp reads an idle connection's socket as bytes arrive: a second answer a server writes after the first was
    read waits, parsed, in the protocol's buffer, and aiohttp's pool reuses such a connection (it looks only at
    whether it is still connected), so the next request would read it as its own answer: order-2 would get
    order-1's invoice; and bytes that came while the event loop was not running wait in the socket. A connection is
    dropped when its protocol holds anything (``ResponseHandler.should_close``, a public property that aiohttp
    itself checks only when a connection is released, before such bytes came) or its socket is readable (as
    httpcore checks an idle connection before reusing it)."""
    import aiohttp

    class SurplusCheckingConnector(aiohttp.TCPConnector):
        # Only a connection handed out before is checked: a new one may hold bytes nobody sent for (TLS 1.3 session
        # tickets) and dropping it would only make another new one, for ever against a server that speaks first.
        handed_out: weakref.WeakSet[Any]

        async def connect(self, *args: Any, **kwargs: Any) -> Any:
            while True:
                connection = await super().connect(*args, **kwargs)
                protocol = connection.protocol
                if protocol is None or protocol not in self.handed_out:
                    if protocol is not None:
                        self.handed_out.add(protocol)
                    return connection
                if not (protocol.should_close or _readable(protocol.transport)):
                    return connection
                connection.close()  # released with should_close: aiohttp closes it; the next one is tried

    connector = SurplusCheckingConnector(**options)
    connector.handed_out = weakref.WeakSet()
    return connector


def _readable(transport: Any) -> bool:
    """Whether an idle connection's socket has bytes (or an end) waiting: nothing was asked of it."""
    import select

    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is None:
        return False
    try:
        if hasattr(select, "poll"):  # any descriptor: select() refuses those past FD_SETSIZE (a busy server has them)
            poller = select.poll()
            poller.register(sock.fileno(), select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([sock.fileno()], [], [], 0)[0])
    except (OSError, ValueError):  # closed meanwhile: not worth reusing either
        return True


# ------------------------------------------------------------------ an answer's body, read by us
# The drivers read an answer's body themselves (``_body.Body``: inflated within a size cap, as httpx's decoders do
# not), then hand it back on the response so that ``.content``, ``.text`` and ``.json()`` work for callers and
# errors. httpx has no public way to give a response a body read by someone else; building a second Response
# instead copies every header again, which cost the aiohttp backend a fifth of its throughput (bench/RESULTS.md).


def set_content(response: httpx.Response, content: bytes) -> None:
    response._content = content


# ------------------------------------------------------------------ the deadline inside httpx's own transport
# A server that trickles its headers a byte at a time keeps a sync call inside httpx, where no per-read timeout
# fires. httpx offers no way to give its transport a network backend, so for the clients this package makes, the
# pool's backend is swapped for one that bounds every socket operation by the time left (``DEADLINE``, set by the
# sync driver). Async calls are bounded by ``asyncio.timeout`` instead.

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("cryptocloud_deadline", default=None)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error("the attempt's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


def _httpcore_bases() -> tuple[type[httpcore.NetworkBackend], type[httpcore.NetworkStream]]:
    try:
        from httpcore import NetworkBackend, NetworkStream  # httpcore >= 0.17
    except ImportError:  # httpcore 0.16, with httpx 0.23
        from httpcore.backends.base import (  # type: ignore[import-not-found,no-redef]
            NetworkBackend,
            NetworkStream,
        )
    return NetworkBackend, NetworkStream


@functools.cache
def _deadline_backend_class() -> type[httpcore.NetworkBackend]:
    """Defined on first use: httpcore is imported when a client is made, not when cryptocloud is."""
    import httpcore

    network_backend, network_stream = _httpcore_bases()

    class DeadlineStream(network_stream):  # type: ignore[valid-type,misc]
        def __init__(self, stream: httpcore.NetworkStream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class DeadlineBackend(network_backend):  # type: ignore[valid-type,misc]
        def __init__(self, backend: httpcore.NetworkBackend) -> None:
            self._backend = backend

        # ``options``: socket_options, which httpcore passes since 0.17 (and 0.16's backends do not take)
        def connect_tcp(
            self, host: str, port: int, timeout: float | None = None, local_address: str | None = None, **options: Any
        ) -> httpcore.NetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return DeadlineStream(self._backend.connect_tcp(host, port, bounded, local_address, **options))

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, **options: Any
        ) -> httpcore.NetworkStream:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            return DeadlineStream(self._backend.connect_unix_socket(path, bounded, **options))

        def sleep(self, seconds: float) -> None:
            self._backend.sleep(seconds)

    return DeadlineBackend


def bound_by_deadline(http: httpx.Client) -> httpx.Client:
    """``http`` (made by this package) with the deadline in the sockets of its transports: the default one and
    each mounted one (proxies from the environment are mounts). Another transport is left alone: the drivers
    still check the deadline between body chunks."""
    deadline_backend = _deadline_backend_class()
    network_backend, _ = _httpcore_bases()
    for transport in [getattr(http, "_transport", None), *getattr(http, "_mounts", {}).values()]:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, network_backend) and not isinstance(backend, deadline_backend):
            pool._network_backend = deadline_backend(backend)  # type: ignore[call-arg,union-attr]
    return http


# ------------------------------------------------------------------ proxies from the environment, for aiohttp
# httpx makes mounts from $HTTP_PROXY, $HTTPS_PROXY, $ALL_PROXY and $NO_PROXY only for a client that was not given
# a transport; the aiohttp backend is given one. httpx's own reading of those variables is private.


def environment_proxies() -> dict[str, str | None]:
    """URL pattern -> proxy URL (None: no proxy), as httpx reads the environment."""
    from httpx._utils import get_environment_proxies

    return get_environment_proxies()
