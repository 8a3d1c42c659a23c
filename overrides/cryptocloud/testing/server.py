"""The fake over HTTP: a threaded stdlib server on loopback, for tests that need a socket or another language."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import httpx

from .wire import json_response

if TYPE_CHECKING:
    from .fake import FakeCryptoCloud

MAX_BODY = 1 << 20  # bytes; the API's requests are small, a bigger one is refused before it is read


class Server(ThreadingHTTPServer):
    # The listen backlog: a burst of clients connecting at once waits to be accepted instead of being refused
    # (the default of 5 refused 69 of 200 concurrent creates). Linux caps it at net.core.somaxconn.
    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away mid-exchange: nothing to report
        super().handle_error(request, client_address)


@contextmanager
def serve(fake: FakeCryptoCloud, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``fake`` on ``host``:``port`` (0: any free port) in a thread; yields its base URL."""
    server = Server((host, port), handler_for(fake))
    thread = threading.Thread(target=server.serve_forever, name="fake-cryptocloud", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def handler_for(fake: FakeCryptoCloud) -> type[BaseHTTPRequestHandler]:
    from .fake import FAKE_BASE_URL

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 60  # seconds a connection may sit idle or stall mid-request

        def answer(self) -> None:
            content = self.read_body()
            if content is None:
                return
            request = httpx.Request(
                self.command, FAKE_BASE_URL + self.path, headers=list(self.headers.items()), content=content
            )
            try:
                response = fake.handle(request)
            except httpx.TimeoutException:  # read_timeout: the request was carried out, its answer is lost
                time.sleep(0.05)
                self.close_connection = True
                return
            except httpx.TransportError:  # refused, reset_after_send: drop the connection without an answer
                self.close_connection = True
                return
            except Exception as exc:  # a bug in the fake: say so in the answer, keep serving
                response = json_response(500, {"detail": f"fake CryptoCloud failed: {type(exc).__name__}: {exc}"})
            self.send(response)

        def __getattr__(self, name: str) -> Any:
            # Every method (POST, GET, TRACE, QUERY...): the API answers 405 off POST, the control API its own.
            if name.startswith("do_"):
                return self.answer
            raise AttributeError(name)

        def read_body(self) -> bytes | None:
            """The whole body, or None when there is none to act on (refused here, or the client gave up)."""
            if "chunked" in self.headers.get("transfer-encoding", "").lower():
                self.refuse(411, "send the body with a Content-Length")
                return None
            raw = self.headers.get("content-length", "0").strip()
            if not raw.isdigit():
                self.refuse(400, f"Content-Length must be a number of bytes, got {raw!r}")
                return None
            length = int(raw)
            if length > MAX_BODY:
                self.refuse(413, f"a request body may have at most {MAX_BODY} bytes")
                return None
            content = self.rfile.read(length)
            if len(content) < length:  # the connection closed mid-body: nothing may be carried out
                self.close_connection = True
                return None
            return content

        def refuse(self, status: int, detail: str) -> None:
            self.close_connection = True  # the rest of the request cannot be told from a next one
            self.send(json_response(status, {"detail": detail}))

        def send(self, response: httpx.Response) -> None:
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.content)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.content)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: a test server must not write to stderr

    return Handler
