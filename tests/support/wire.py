"""A real HTTP/1.1 server on 127.0.0.1 that answers through an app (``httpx.Request -> httpx.Response``, like
httpx.MockTransport) or misbehaves on purpose at a chosen point of the exchange.

It is written on raw sockets so that it can do what no framework lets a server do: cut the connection before
or after reading the request, after the headers or mid-body, lie about Content-Length, send it twice, trickle
a byte at a time, or stream forever. Every connection and every complete request is counted, so a test can say
exactly how many times a client sent something. Each client connection gets a thread; every loop is bounded.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from time import sleep as _sleep  # bound now: tests patch time.sleep to record the client's waits

import httpx

App = Callable[[httpx.Request], httpx.Response]

# Where the exchange is cut, or how the answer lies. None: answer properly.
CUTS = (
    "close_before_request",  # accept, close at once: the request may sit unread in our socket buffer
    "close_mid_request",  # read the head, not the body, close: the app never sees the request
    "close_after_request",  # read it, let the app carry it out, close without answering
    "reset_after_request",  # the same, closing with a TCP reset
    "close_after_headers",  # carried out; status line and headers sent, then close
    "close_mid_body",  # carried out; half the body sent, then close
    "length_too_long",  # carried out; Content-Length says 100 bytes more than are sent, then close
    "length_too_short",  # carried out; Content-Length says 10 bytes fewer than are sent
    "duplicate_length",  # carried out; two different Content-Length headers
)
LIMITS = (
    "trickle",  # carried out; the whole answer a byte at a time, 20 ms apart (bounded to 30 s)
    "endless_chunked",  # carried out; a chunked body that never ends (bounded to 200 MB)
    "huge_body",  # carried out; Content-Length 100 MB of zeros
    "gzip_bomb",  # carried out; 100 MB of zeros compressed to ~100 KB
)
# Carried out and answered properly, with a second complete answer in the same write (a server or proxy that
# answers twice): the surplus sits in the client's buffer of a kept-alive connection.
SURPLUS = (
    "answer_twice",  # the same answer again
    "answer_plus_400",  # then a 400 in the API's error shape
)
MAX_STREAM_SECONDS = 30.0


@dataclass
class Exchange:
    """What the server saw of one connection."""

    requests: int = 0  # complete requests read on it


@dataclass
class WireServer:
    app: App
    # (request number from 0, request) -> the misbehaviour for its answer, or None to answer properly
    fault: Callable[[int, httpx.Request], str | None] = lambda n, r: None
    slow_paths: dict[str, float] = field(default_factory=dict)  # path -> seconds before carrying it out
    requests: list[httpx.Request] = field(default_factory=list)
    connections: int = 0
    bytes_sent: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> WireServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=0.5)  # daemon threads: one stuck on a silent client may be left

    def _accept(self) -> None:
        self._listener.settimeout(0.05)
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    # ------------------------------------------------------------------ one connection

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5.0)
        reader = _Reader(conn)
        with contextlib.closing(conn), contextlib.suppress(OSError):
            while not self._stop.is_set():
                with self._lock:
                    number = len(self.requests) + self._incomplete
                head = reader.head()
                if head is None:
                    return
                method, target, headers = head
                probe = httpx.Request(method, self.url + target, headers=headers)
                cut = self.fault(number, probe)
                if cut == "close_before_request":
                    self._count_incomplete()
                    return
                if cut == "close_mid_request":
                    self._count_incomplete()
                    return
                body = reader.exactly(int(headers.get("content-length", "0")))
                if body is None:
                    self._count_incomplete()
                    return  # the client cut its own request: never carried out
                request = httpx.Request(method, self.url + target, headers=headers, content=body)
                with self._lock:
                    self.requests.append(request)
                _sleep(self.slow_paths.get(request.url.path, 0.0))  # a slow commit
                try:
                    response = self.app(request)
                except httpx.TimeoutException:  # the app's in-process "lost answer": say nothing until the
                    _wait_for_close(conn)  # client gives up
                    return
                except httpx.TransportError:  # another in-process fault: on the wire, the connection is cut
                    return
                if cut in ("close_after_request", "reset_after_request"):
                    if cut == "reset_after_request":
                        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if not self._answer(conn, response, cut):
                    return

    _incomplete = 0

    def _count_incomplete(self) -> None:
        with self._lock:
            self._incomplete += 1

    def _send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        with self._lock:
            self.bytes_sent += len(data)

    def _answer(self, conn: socket.socket, response: httpx.Response, cut: str | None) -> bool:
        """Write the answer as ``cut`` says; False when the connection must close afterwards."""
        body = response.content
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _FRAMING]
        reason = response.reason_phrase or "Status"
        if cut in ("endless_chunked", "huge_body", "gzip_bomb"):
            return self._stream(conn, response.status_code, reason, headers, cut)
        length = {"length_too_long": len(body) + 100, "length_too_short": max(len(body) - 10, 0)}.get(
            cut or "", len(body)
        )
        framing = [("Content-Length", str(length))]
        if cut == "duplicate_length":
            framing.append(("Content-Length", str(length + 7)))
        head = _head(response.status_code, reason, headers + framing)
        if cut in SURPLUS:
            self._send(conn, head + body + (head + body if cut == "answer_twice" else _REFUSAL))
            return True
        if cut == "close_after_headers":
            self._send(conn, head)
            return False
        if cut == "close_mid_body":
            self._send(conn, head + body[: len(body) // 2])
            return False
        if cut == "trickle":
            started = time.monotonic()
            for i in range(len(head + body)):
                if time.monotonic() - started > MAX_STREAM_SECONDS:
                    return False
                self._send(conn, (head + body)[i : i + 1])
                _sleep(0.02)
            return False
        self._send(conn, head + body)
        return cut is None

    def _stream(self, conn: socket.socket, status: int, reason: str, headers: list[tuple[str, str]], cut: str) -> bool:
        started = time.monotonic()
        chunk = b"0" * 65536
        if cut == "endless_chunked":
            self._send(conn, _head(status, reason, [*headers, ("Transfer-Encoding", "chunked")]))
            frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
            for _ in range(200 * 16):  # 200 MB at most
                if time.monotonic() - started > MAX_STREAM_SECONDS:
                    break
                self._send(conn, frame)
            return False
        if cut == "huge_body":
            size = 100 * 1024 * 1024
            self._send(conn, _head(status, reason, [*headers, ("Content-Length", str(size))]))
            for _ in range(size // len(chunk)):
                if time.monotonic() - started > MAX_STREAM_SECONDS:
                    break
                self._send(conn, chunk)
            return False
        bomb = gzip_bomb()
        self._send(
            conn, _head(status, reason, [*headers, ("Content-Encoding", "gzip"), ("Content-Length", str(len(bomb)))])
        )
        self._send(conn, bomb)
        return False


_REFUSAL_BODY = b'{"status": "error", "result": {"validate_error": "surplus answer"}}'
_REFUSAL = (
    b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(_REFUSAL_BODY)
    + _REFUSAL_BODY
)
_FRAMING = frozenset({"content-length", "transfer-encoding", "content-encoding", "connection"})


def _wait_for_close(conn: socket.socket, limit: float = 10.0) -> None:
    conn.settimeout(limit)
    with contextlib.suppress(OSError):
        while conn.recv(65536):
            pass


def _head(status: int, reason: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    """100 MB of zeros, gzipped (about 100 KB); made once per process."""
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\0" * (100 * 1024 * 1024), compresslevel=9))
    return _BOMB[0]


class _Reader:
    """Reads HTTP/1.1 request heads and bodies off a socket."""

    def __init__(self, conn: socket.socket) -> None:
        self._conn = conn
        self._buffer = b""

    def _fill(self) -> bool:
        data = self._conn.recv(65536)
        self._buffer += data
        return bool(data)

    def head(self) -> tuple[str, str, dict[str, str]] | None:
        while b"\r\n\r\n" not in self._buffer:
            if len(self._buffer) > 65536 or not self._fill():
                return None
        raw, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        first, *lines = raw.decode("latin-1").split("\r\n")
        method, target, _ = first.split(" ", 2)
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return method, target, headers

    def exactly(self, size: int) -> bytes | None:
        while len(self._buffer) < size:
            if not self._fill():
                return None
        body, self._buffer = self._buffer[:size], self._buffer[size:]
        return body


@contextlib.contextmanager
def refused_url() -> Iterator[str]:
    """A URL on which nothing listens: connecting is refused."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    yield f"http://127.0.0.1:{port}"
