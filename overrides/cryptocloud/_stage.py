"""How far an HTTP exchange got before it failed: the one place that says whether a request may have reached the
server.

Only errors that prove nothing left the machine count as ``NOT_SENT``; anything else (including an error we cannot
place) counts as sent, because for a create the cost of a wrong "not sent" is a second invoice.
"""

from __future__ import annotations

import enum
import time

import attrs
import httpx


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


class Overrun(Exception):
    """The answer went past a limit of ours: its size or the attempt's deadline."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@attrs.frozen
class Broken:
    """An exchange that ended without a complete answer: what failed, how far it got, and the answer's head."""

    stage: Stage
    exc: BaseException
    response: httpx.Response | None = None  # the status and headers, when an answer had started
    deadline_passed: bool = False  # the attempt's deadline, not a single timeout, ended it
    partial: bytes = b""  # what arrived of the body before it broke off

    @classmethod
    def of(cls, exc: BaseException, response: httpx.Response | None, deadline: float, partial: bytes = b"") -> Broken:
        stage = Stage.ANSWERED if response is not None else stage_of(exc)
        return cls(stage, exc, response, is_timeout(exc) and time.monotonic() >= deadline, partial)
