"""A server on 127.0.0.1 that writes back exactly the bytes a test gives it: malformed heads, informational answers,
reason phrases that are not UTF-8, answers held until the test lets them go, bodies dripped without end.

Where ``wire.WireServer`` answers through an app and breaks the exchange at named points, this one hands the socket
to the test. It reads each request (head and Content-Length body), counts connections accepted, connections still
open and complete requests, and lets ``serve`` write the answer. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, Self

import httpx
from cryptocloud.testing import FakeCryptoCloud

from support.harness import WireClient

# (request number from 0, its head, the connection) -> whether to keep the connection for another request
Serve = Callable[[int, bytes, socket.socket], bool]


class RawServer:
    def __init__(self, serve: Serve) -> None:
        self.serve = serve
        self.heads: list[bytes] = []  # the heads of the complete requests read
        self.connections = 0
        self.open = 0
        self.release = threading.Event()  # for answers that wait until the test lets them go
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._accept, daemon=True)]

    def __enter__(self) -> Self:
        self._threads[0].start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.release.set()
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            with self._lock:
                self.connections += 1
                self.open += 1
            thread = threading.Thread(target=self._connection, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _connection(self, conn: socket.socket) -> None:
        try:
            with contextlib.closing(conn), contextlib.suppress(OSError):
                conn.settimeout(5.0)
                buffer = b""
                while not self._stop.is_set():
                    while b"\r\n\r\n" not in buffer:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        buffer += chunk
                    head, _, buffer = buffer.partition(b"\r\n\r\n")
                    length = 0
                    for line in head.split(b"\r\n")[1:]:
                        name, _, value = line.partition(b":")
                        if name.strip().lower() == b"content-length":
                            length = int(value)
                    while len(buffer) < length:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        buffer += chunk
                    buffer = buffer[length:]
                    with self._lock:
                        number = len(self.heads)
                        self.heads.append(head)
                    if not self.serve(number, head, conn):
                        return
        finally:
            with self._lock:
                self.open -= 1

    def wait_until_closed(self) -> int:
        """The connections still open once the client has had 5 s to close what it should (0 at once, usually)."""
        for _ in range(500):
            if self.open == 0:
                break
            time.sleep(0.01)
        return self.open


# ------------------------------------------------------------------ what to serve


def answer(data: bytes) -> Serve:
    """``data`` for every request, the connection kept."""

    def serve(number: int, head: bytes, conn: socket.socket) -> bool:
        conn.sendall(data)
        return True

    return serve


def answer_once(make: Callable[[bytes], bytes]) -> Serve:
    """What ``make`` writes for the request's head, then the connection closed."""

    def serve(number: int, head: bytes, conn: socket.socket) -> bool:
        conn.sendall(make(head))
        return False

    return serve


def held(server: list[RawServer], data: bytes) -> Serve:
    """``data`` once the test sets ``release`` on ``server[0]`` (after 5 s at most)."""

    def serve(number: int, head: bytes, conn: socket.socket) -> bool:
        server[0].release.wait(5)
        conn.sendall(data)
        return True

    return serve


def drip(number: int, head: bytes, conn: socket.socket) -> bool:
    """Status and headers, then a chunked body that never ends: 1 KiB every 5 ms until the client hangs up
    (10 s at most)."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    conn.sendall(b"1\r\n[\r\n")
    for _ in range(2000):
        conn.sendall(b"400\r\n" + b" " * 1024 + b"\r\n")
        time.sleep(0.005)
    return False


def silent(number: int, head: bytes, conn: socket.socket) -> bool:
    """No answer at all: wait (3 s at most) for the client to hang up."""
    with contextlib.suppress(OSError):
        conn.settimeout(3.0)
        conn.recv(1)
    return False


def http(status_line: bytes, body: bytes, *headers: bytes) -> bytes:
    """An answer's bytes: the status line, JSON content type and length, ``headers``, then ``body``."""
    head = [status_line, b"Content-Type: application/json", b"Content-Length: %d" % len(body), *headers]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


@cache
def create_answer() -> bytes:
    """A genuine answer's JSON to a 10 USD create for order-1, as the fake writes it (made once: the fake takes
    0.5 s to start)."""
    fake = FakeCryptoCloud(seed=1)
    request = httpx.Request(
        "POST",
        "http://fake/v2/invoice/create",
        headers={"Authorization": f"Token {fake.api_key}"},
        json={"shop_id": fake.shop_id, "amount": 10, "currency": "USD", "order_id": "order-1"},
    )
    return fake.handle(request).content


def ok_answer() -> bytes:
    return http(b"HTTP/1.1 200 OK", create_answer())


BALANCES = http(b"HTTP/1.1 200 OK", b'{"status": "success", "result": []}')


def create_on(backend: str, make: Callable[[bytes], bytes], **options: Any) -> tuple[Any, RawServer]:
    """A 10 USD create for order-1 on ``backend`` against a server that answers what ``make`` writes for the
    request's head, then closes: the result or the error, and the server."""
    with RawServer(answer_once(make)) as server, WireClient(backend, server.url, max_retries=2, **options) as wire:
        result = wire.outcome(wire.client.invoices.create, amount=Decimal("10"), order_id="order-1")
    return result, server
