"""The fake over HTTP: a threaded stdlib server on loopback, for tests that need a socket or another language.

HTTP/1.1 is read here rather than by http.server: its header parsing (the email package) cost more than the
fake's own work per request, and it let malformed requests through to a traceback (``Content-Length: ²`` passes
``isdigit()``; a header value that is not ASCII cannot become an httpx header). Every request gets an answer:
the fake's, or a 4xx JSON ``{"detail": ...}`` saying what was wrong with it (never a dropped connection).
Each answer is one write, and Nagle's algorithm is off: a head and a body written apart met the client's
delayed ACK, 40 ms per request.
"""

from __future__ import annotations

import contextlib
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import httpx

from .wire import json_response

if TYPE_CHECKING:
    from .fake import FakeCryptoCloud

MAX_BODY = 1 << 20  # bytes; the API's requests are small, a bigger one is refused before it is read
MAX_LINE = 16 << 10  # bytes in the request line or one header line
MAX_HEADERS = 100
IDLE_TIMEOUT = 60  # seconds a connection may sit idle or stall mid-request
_TOKEN = frozenset(b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_HOP_BY_HOP = frozenset({"content-length", "transfer-encoding", "connection"})  # written by the server itself


class Server(socketserver.ThreadingTCPServer):
    # The listen backlog: a burst of clients connecting at once waits to be accepted instead of being refused
    # (the default of 5 refused 69 of 200 concurrent creates). Linux caps it at net.core.somaxconn.
    request_queue_size = 1024
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], fake: FakeCryptoCloud) -> None:
        self.fake = fake
        super().__init__(address, Connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client went away mid-exchange (a request that can be answered always is)


@contextmanager
def serve(fake: FakeCryptoCloud, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``fake`` on ``host``:``port`` (0: any free port) in a thread; yields its base URL."""
    server = Server((host, port), fake)
    thread = threading.Thread(target=server.serve_forever, name="fake-cryptocloud", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Malformed(Exception):
    """A request that cannot be read as HTTP/1.1: answered with ``status`` and the connection closed."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status


class Request:
    """A request's head as read off the wire."""

    __slots__ = ("headers", "keep_alive", "method", "target")

    def __init__(self, method: str, target: str, headers: list[tuple[str, str]], keep_alive: bool) -> None:
        self.method = method
        self.target = target
        self.headers = headers
        self.keep_alive = keep_alive


class Connection(socketserver.StreamRequestHandler):
    """One client connection: requests read and answered in turn while it is kept alive."""

    server: Server
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True

    def handle(self) -> None:
        from .fake import FAKE_BASE_URL

        fake = self.server.fake
        while True:
            try:
                head = self.read_head()
                if head is None:
                    return  # closed between requests: nothing was asked
                body = self.read_body(head)
            except Malformed as bad:  # the rest of the request cannot be told from a next one: close after
                self.answer_error(bad.status, str(bad))
                return
            except (TimeoutError, ConnectionError):
                return  # idle too long, or gone mid-request: nothing may be carried out
            if body is None:
                return  # the connection closed mid-body
            request = httpx.Request(head.method, FAKE_BASE_URL + head.target, headers=head.headers, content=body)
            try:
                response = fake.handle(request)
            except httpx.TimeoutException:  # read_timeout: the request was carried out, its answer is lost
                time.sleep(0.05)
                return
            except httpx.TransportError:  # refused, reset_after_send: drop the connection without an answer
                return
            except Exception as exc:  # a bug in the fake: say so in the answer, keep serving
                response = json_response(500, {"detail": f"fake CryptoCloud failed: {type(exc).__name__}: {exc}"})
            self.write(head.method, response, keep_alive=head.keep_alive)
            if not head.keep_alive:
                return

    def read_line(self) -> bytes:
        line = self.rfile.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise Malformed(431, f"a request line or header line may have at most {MAX_LINE} bytes")
        return line

    def read_head(self) -> Request | None:
        line = self.read_line()
        while line in (b"\r\n", b"\n"):  # blank lines before a request are allowed (RFC 9112, 2.2)
            line = self.read_line()
        if not line:
            return None
        parts = line.rstrip(b"\r\n").split(b" ")
        if len(parts) != 3 or not parts[0] or not set(parts[0]) <= _TOKEN or not parts[1].startswith(b"/"):
            raise Malformed(400, f"the request line must be METHOD /path HTTP/1.1, got {_shown(line)}")
        version = parts[2]
        if version not in (b"HTTP/1.1", b"HTTP/1.0"):
            raise Malformed(505 if version.startswith(b"HTTP/") else 400, f"HTTP/1.1 only, got {_shown(version)}")
        try:
            target = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise Malformed(400, f"the path must be ASCII (percent-encode the rest), got {_shown(parts[1])}") from None
        headers: list[tuple[str, str]] = []
        while True:
            line = self.read_line()
            if line in (b"\r\n", b"\n"):
                break
            if not line:
                raise ConnectionResetError  # closed mid-head
            if len(headers) == MAX_HEADERS:
                raise Malformed(431, f"a request may have at most {MAX_HEADERS} headers")
            name, colon, value = line.rstrip(b"\r\n").partition(b":")
            if not colon or not name or not set(name) <= _TOKEN:
                raise Malformed(400, f"a header line must be Name: value, got {_shown(line)}")
            value = value.strip(b" \t")
            try:
                text = value.decode("ascii")
            except UnicodeDecodeError:
                raise Malformed(400, f"the {name.decode()} header's value must be ASCII, got {_shown(value)}") from None
            if not text.isprintable():
                raise Malformed(400, f"the {name.decode()} header's value has a control character: {_shown(value)}")
            headers.append((name.decode(), text))
        connection = {value.lower() for name, value in headers if name.lower() == "connection"}
        keep_alive = "close" not in connection if version == b"HTTP/1.1" else "keep-alive" in connection
        return Request(parts[0].decode(), target, headers, keep_alive)

    def read_body(self, head: Request) -> bytes | None:
        """The whole body; None when the connection closed before it was all sent."""
        lengths = {value for name, value in head.headers if name.lower() == "content-length"}
        encodings = [value for name, value in head.headers if name.lower() == "transfer-encoding"]
        if encodings:
            raise Malformed(411, "send the body with a Content-Length")
        if len(lengths) > 1:
            raise Malformed(400, f"one Content-Length, got {', '.join(sorted(lengths))}")
        raw = lengths.pop() if lengths else "0"
        # ASCII digits only: str.isdigit() also takes '²' and other digits int() refuses.
        if not (raw.isascii() and raw.isdigit()):
            raise Malformed(400, f"Content-Length must be a number of bytes, got {raw!r}")
        length = int(raw)
        if length > MAX_BODY:
            raise Malformed(413, f"a request body may have at most {MAX_BODY} bytes")
        expect = [value.lower() for name, value in head.headers if name.lower() == "expect"]
        if expect == ["100-continue"] and length:
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        elif expect and expect != ["100-continue"]:
            raise Malformed(417, f"only Expect: 100-continue is understood, got {', '.join(expect)!r}")
        body = self.rfile.read(length) if length else b""
        return body if len(body) == length else None

    def answer_error(self, status: int, detail: str) -> None:
        with contextlib.suppress(OSError):  # the client may be gone already
            self.write("POST", json_response(status, {"detail": detail}), keep_alive=False)

    def write(self, method: str, response: httpx.Response, *, keep_alive: bool) -> None:
        """The status line, headers and body in one write."""
        content = response.content
        reason = _REASONS.get(response.status_code, "")
        lines = [f"HTTP/1.1 {response.status_code} {reason}"]
        lines += [f"{name}: {value}" for name, value in response.headers.multi_items() if name not in _HOP_BY_HOP]
        lines.append(f"Content-Length: {len(content)}")
        if not keep_alive:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if method == "HEAD" else head + content)


_REASONS = {status.value: status.phrase for status in HTTPStatus}


def _shown(raw: bytes) -> str:
    """Bytes as a refusal shows them: quoted, non-ASCII escaped, and not too long."""
    text = raw.rstrip(b"\r\n")
    return repr(text if len(text) <= 80 else text[:80] + b"...")[1:]
