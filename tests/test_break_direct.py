"""Attacks on the direct send path (issue 15): a client that made its own HTTP client hands each request to the
transport itself (``_transport.send_direct``) instead of ``http.send``. Each attack is run against a misbehaving
local server (127.0.0.1 only), and where both paths exist it is compared with the old one (``http_client=`` given:
``http.send``): how far the exchange got, whether the invoice may exist, what the server saw, and what the error
and the answer carry must not depend on the path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AsyncCryptoCloud,
    CryptoCloud,
    Invoice,
    _body,
    _stage,
)
from cryptocloud._stage import Stage
from cryptocloud.testing import FakeCryptoCloud
from support.harness import WireClient
from support.raw_server import BALANCES, RawServer, answer, create_answer, drip, held, http, ok_answer, silent
from support.wire import CUTS, WireServer

KEY = "fake-api-key"
ORDER = "order-1"


@contextlib.contextmanager
def client(backend: str, url: str, *, direct: bool = True, **options: Any) -> Iterator[WireClient]:
    with WireClient(backend, url, given_http_client=not direct, **options) as made:
        yield made


def summary(result: Any) -> tuple[Any, ...]:
    """What must not depend on the path: the result's kind, stage, "may exist", and the answer the error holds."""
    if not isinstance(result, APIError):
        return (type(result).__name__,)
    response = getattr(result, "response", None)
    held: Any = None
    if response is not None:
        elapsed = response.elapsed  # raises RuntimeError if the response never got its elapsed time
        held = (response.status_code, response.http_version, response.request is not None, elapsed > timedelta(0))
    return (type(result).__name__, getattr(result, "stage", None), result.may_have_been_created, held)


# ------------------------------------------------------------------ attack: every broken answer, on both paths

FAULTS = [*CUTS, "huge_body", "gzip_bomb", "endless_chunked", "trickle"]


# A head trickled into a caller's own sync client is read to its end (its transport is left untouched), and the
# deadline strikes once the body starts: the outcome then differs in stage only, as the README says.
TRICKLED_HEAD = {("sync", "trickle")}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_answer_ends_as_it_does_through_http_send(backend: str, fault: str) -> None:
    # Stage, "may exist", what the server saw and the answer the error holds (its elapsed time included) are
    # the same whether the client made its HTTP client or was given one.
    fake = FakeCryptoCloud(seed=1)
    seen = []
    for direct in (True, False):
        with WireServer(fake.handle, fault=lambda n, r: fault) as server:
            with client(backend, server.url, direct=direct, max_retries=2, deadline=1.0) as made:
                result = made.create()
            seen.append((summary(result), len(server.requests)))
    if (backend, fault) in TRICKLED_HEAD:
        (own, _), (given, _) = seen
        assert (own[0], own[1], own[3], given[1]) == ("APITimeoutError", Stage.SENT, None, Stage.ANSWERED)
        seen = [seen[1], seen[1]]
    assert seen[0] == seen[1]
    (kind, stage, may_exist, _), requests = seen[0]
    assert (may_exist, requests) == (True, 0 if fault in ("close_before_request", "close_mid_request") else 1)
    if kind != "APIResponseValidationError":  # an answer cut short by a lying length is read as a bad body
        assert stage in (Stage.SENT, Stage.ANSWERED), seen[0]


@pytest.mark.parametrize("cut", ["close_after_headers", "close_mid_body", "length_too_long"])
def test_an_answer_cut_after_its_head_keeps_elapsed_request_and_version(backend: str, cut: str) -> None:
    # http.send's stream sets elapsed when it is closed, even unread; a direct send must too, or reading
    # error.response.elapsed raises RuntimeError.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle, fault=lambda n, r: cut) as server, client(backend, server.url) as made:
        error = made.create()
    assert isinstance(error, APIConnectionError) and error.stage is Stage.ANSWERED, repr(error)
    response = error.response
    assert response is not None
    assert isinstance(response.elapsed, timedelta) and response.elapsed > timedelta(0)
    assert response.request.url == httpx.URL(server.url + "/v2/invoice/create")
    assert (response.status_code, response.http_version) == (200, "HTTP/1.1")


def test_a_raw_answer_carries_what_http_send_gave_it(backend: str) -> None:
    data = http(b"HTTP/1.1 200 Fine Thanks", create_answer(), b"X-Request-Id: r-1")
    seen = []
    for direct in (True, False):
        with RawServer(answer(data)) as server, client(backend, server.url, direct=direct) as made:
            raw = made.run(made.client.invoices.with_raw_response.create, amount=Decimal("10"), order_id=ORDER)
        response = raw.http_response
        assert isinstance(response.elapsed, timedelta) and response.elapsed > timedelta(0)
        seen.append(
            (
                response.status_code,
                response.reason_phrase,
                response.http_version,
                str(response.request.url),
                response.request.method,
                response.headers["x-request-id"],
                response.is_closed,
                raw.parse().amount,
            )
        )
        assert seen[-1][3] == server.url + "/v2/invoice/create"
    assert seen[0][:3] == (200, "Fine Thanks", "HTTP/1.1")
    assert seen[0][4:] == seen[1][4:] == ("POST", "r-1", True, Decimal("10"))


# ------------------------------------------------------------------ attack: the key in httpx's log line


def test_a_reason_phrase_echoing_the_key_never_reaches_the_httpx_log_line(
    backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    # On the direct path this package writes httpx's INFO line itself, so it can keep the key out of it.
    def echo(number: int, head: bytes, conn: socket.socket) -> bool:
        auth = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"authorization:"))
        conn.sendall(http(b"HTTP/1.1 200 " + auth.split(b":", 1)[1].strip(), create_answer()))
        return True

    caplog.set_level(logging.INFO, logger="httpx")
    with RawServer(echo) as server, client(backend, server.url) as made:
        result = made.create()
    assert isinstance(result, Invoice), repr(result)
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert len(lines) == 1 and lines[0].startswith(f"HTTP Request: POST {server.url}/v2/invoice/create"), lines
    assert KEY not in caplog.text and KEY not in lines[0]


# ------------------------------------------------------------------ attack: odd but real answers


def test_informational_answers_before_the_real_one_are_skipped(backend: str) -> None:
    data = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + ok_answer()
    for direct in (True, False):
        with RawServer(answer(data)) as server, client(backend, server.url, direct=direct) as made:
            result = made.create()
        assert isinstance(result, Invoice) and result.amount == Decimal("10"), repr(result)
        assert len(server.heads) == 1


@pytest.mark.parametrize("status", [b"301 Moved Permanently", b"302 Found", b"307 Temporary Redirect"])
def test_a_redirect_is_never_followed(backend: str, status: bytes) -> None:
    seen = []
    for direct in (True, False):
        with RawServer(answer(b"")) as elsewhere:
            data = (
                b"HTTP/1.1 " + status + b"\r\nLocation: " + elsewhere.url.encode() + b"/x\r\nContent-Length: 0\r\n\r\n"
            )
            with RawServer(answer(data)) as server, client(backend, server.url, direct=direct) as made:
                result = made.create()
                read = made.outcome(made.client.balances.list)
        assert isinstance(result, APIStatusError) and isinstance(read, APIStatusError), (result, read)
        assert (len(server.heads), elsewhere.connections) == (2, 0)
        seen.append((type(result), result.status_code, result.may_have_been_created, type(read)))
    assert seen[0] == seen[1]


MALFORMED = {
    "not_http": b"SMTP ready\r\n\r\n",
    "bad_chunk_size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    "bad_content_length": b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}",
    "nul_in_header": b"HTTP/1.1 200 OK\r\nX\x00Y: 1\r\nContent-Length: 2\r\n\r\n{}",
    "status_out_of_range": b"HTTP/1.1 1000 Big\r\nContent-Length: 2\r\n\r\n{}",
    "chunked_and_length": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_answer_is_an_api_error_that_may_have_created(backend: str, name: str) -> None:
    # aiohttp's parser errors (ClientResponseError, BadHttpMessage) escape httpx-aiohttp's mapping unmapped.
    for direct in (True, False):
        with RawServer(answer(MALFORMED[name])) as server, client(backend, server.url, direct=direct) as made:
            result = made.create()
        assert isinstance(result, APIError), repr(result)
        assert result.may_have_been_created is True, repr(result)
        assert len(server.heads) == 1
        assert KEY not in str(result)


# ------------------------------------------------------------------ attack: connections given back


@pytest.mark.parametrize("limit", ["max_response_bytes", "deadline"])
def test_an_answer_cut_short_by_a_limit_closes_its_connection(backend: str, limit: str) -> None:
    # The server drips an endless body; the client gives up at its cap or deadline and must hang up, not leave
    # the connection open (or checked out of its pool).
    options: dict[str, Any] = {"max_response_bytes": 16384} if limit == "max_response_bytes" else {"deadline": 0.3}
    for direct in (True, False):
        with RawServer(drip) as server, client(backend, server.url, direct=direct, **options) as made:
            result = made.create()
            assert isinstance(result, APIConnectionError) and result.stage is Stage.ANSWERED, repr(result)
            assert isinstance(result, APITimeoutError) is (limit == "deadline")
            assert server.wait_until_closed() == 0
        assert (server.connections, len(server.heads)) == (1, 1)


def test_answers_on_one_connection_and_a_new_one_after_a_cut(backend: str) -> None:
    # Keep-alive: five reads on one connection; a read whose answer is cut is asked again on a new one.
    def serve(number: int, head: bytes, conn: socket.socket) -> bool:
        if number == 5:
            conn.sendall(BALANCES[:-5])  # cut mid-body
            return False
        conn.sendall(BALANCES)
        return True

    with RawServer(serve) as server, client(backend, server.url) as made:
        results = [made.run(made.client.balances.list) for _ in range(7)]
    assert results == [[]] * 7
    assert (server.connections, len(server.heads)) == (2, 8)


def test_a_pool_timeout_says_not_sent_and_nothing_reached_the_server(backend: str) -> None:
    # One connection in the pool, held by a slow create: a second create waits for the pool, times out, and
    # truly was not sent; the first still succeeds.
    ref: list[RawServer] = []
    with RawServer(held(ref, ok_answer())) as server:
        ref.append(server)
        options: dict[str, Any] = {"timeout": httpx.Timeout(3.0, pool=0.2), "max_retries": 0}
        with client(backend, server.url, **options) as made:
            server.release.set()
            assert isinstance(made.create("warm-up"), Invoice)  # makes aiohttp's session
            server.release.clear()
            made.limit_pool_to_one()
            if made.loop is None:
                first: list[Any] = []
                thread = threading.Thread(target=lambda: first.append(made.create("first")))
                thread.start()
                while len(server.heads) < 2:
                    time.sleep(0.005)
                second = made.create("second")
                server.release.set()
                thread.join(10)
                results = [first[0], second]
            else:
                assert isinstance(made.client, AsyncCryptoCloud)
                api = made.client

                async def both() -> list[Any]:
                    one = asyncio.ensure_future(api.invoices.create(amount=Decimal("10"), order_id="first"))
                    while len(server.heads) < 2:
                        await asyncio.sleep(0.005)
                    try:
                        await api.invoices.create(amount=Decimal("10"), order_id="second")
                        two: Any = None
                    except APIError as exc:
                        two = exc
                    server.release.set()
                    return [await one, two]

                results = made.run(both)
    first_result, second_error = results
    assert isinstance(first_result, Invoice), repr(first_result)
    assert isinstance(second_error, APITimeoutError), repr(second_error)
    assert (second_error.stage, second_error.may_have_been_created) == (Stage.NOT_SENT, False)
    assert len(server.heads) == 2  # the warm-up and the first


@pytest.mark.parametrize("backend_name", ["async", "aiohttp"])
def test_a_cancelled_create_gives_its_connection_back(backend_name: str) -> None:
    ref: list[RawServer] = []
    with RawServer(held(ref, BALANCES)) as server:
        ref.append(server)
        with client(backend_name, server.url, timeout=httpx.Timeout(3.0, pool=1.0), max_retries=0) as made:
            assert isinstance(made.client, AsyncCryptoCloud)
            api = made.client
            server.release.set()
            assert made.run(api.balances.list) == []
            server.release.clear()
            made.limit_pool_to_one()

            async def give_up() -> None:
                await asyncio.wait_for(api.invoices.create(amount=Decimal("10"), order_id="lost"), timeout=0.2)

            with pytest.raises(TimeoutError):
                made.run(give_up)
            server.release.set()
            assert made.run(api.balances.list) == []  # a connection checked out for good would time out here
            assert [u.order_id for u in api.unsettled_creates] == ["lost"]
    assert len(server.heads) == 3


@pytest.mark.parametrize("where", ["waiting_for_the_head", "mid_body"])
def test_ctrl_c_mid_exchange_gives_the_connection_back(where: str) -> None:
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    first = silent if where == "waiting_for_the_head" else drip

    def serve(number: int, head: bytes, conn: socket.socket) -> bool:
        return first(number, head, conn) if number == 0 else answer(BALANCES)(number, head, conn)

    with RawServer(serve) as server, client("sync", server.url, timeout=httpx.Timeout(3.0, pool=1.0)) as made:
        made.limit_pool_to_one()
        previous = signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        try:
            with pytest.raises(KeyboardInterrupt):
                made.client.invoices.create(amount=Decimal("10"), order_id="ctrl-c")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        assert server.wait_until_closed() == 0
        assert made.run(made.client.balances.list) == []
        assert [u.order_id for u in made.client.unsettled_creates] == ["ctrl-c"]
    assert (server.connections, len(server.heads)) == (2, 2)


# ------------------------------------------------------------------ attack: sharing and closing


def test_many_threads_share_one_sync_client() -> None:
    fake = FakeCryptoCloud(seed=1)
    errors: list[BaseException] = []
    uuids: list[str] = []
    with WireServer(fake.handle) as server, CryptoCloud(api_key=KEY, shop_id="fake-shop", base_url=server.url) as api:

        def work(worker: int) -> None:
            try:
                for n in range(10):
                    uuids.append(api.invoices.create(amount=Decimal("10"), order_id=f"t{worker}-{n}").uuid)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert errors == []
    assert (len(uuids), len(set(uuids)), len(server.requests), len(fake.invoices)) == (80, 80, 80, 80)
    assert 1 <= server.connections <= 8


def test_closing_the_client_during_a_create_never_escapes_bare(backend: str) -> None:
    # close() while a create waits for its answer: the create either gets its answer or an APIError that says
    # the invoice may exist, never a bare exception, and nothing is sent twice.
    ref: list[RawServer] = []
    with RawServer(held(ref, ok_answer())) as server:
        ref.append(server)
        made = WireClient(backend, server.url, max_retries=2)
        if made.loop is None:
            api = made.client
            assert isinstance(api, CryptoCloud)
            results: list[Any] = []
            thread = threading.Thread(target=lambda: results.append(made.create()))
            thread.start()
            while not server.heads:
                time.sleep(0.005)
            api.close()
            server.release.set()
            thread.join(10)
            result = results[0]
        else:
            assert isinstance(made.client, AsyncCryptoCloud)
            aapi = made.client

            async def race() -> Any:
                call = asyncio.ensure_future(aapi.invoices.create(amount=Decimal("10"), order_id=ORDER))
                while not server.heads:
                    await asyncio.sleep(0.005)
                await aapi.close()
                server.release.set()
                try:
                    return await call
                except Exception as exc:
                    return exc

            result = made.run(race)
        made.close()
    assert isinstance(result, Invoice) or (isinstance(result, APIError) and result.may_have_been_created), repr(result)
    assert len(server.heads) == 1


# ------------------------------------------------------------------ attack: proxies from the environment


class Proxy(RawServer):
    """A forward proxy that answers every request itself with ``data``, and refuses every CONNECT (403)."""

    def __init__(self, data: bytes) -> None:
        self.lines: list[str] = []

        def serve(number: int, head: bytes, conn: socket.socket) -> bool:
            self.lines.append(head.split(b"\r\n", 1)[0].decode())
            if head.startswith(b"CONNECT"):
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return False
            conn.sendall(data)
            return True

        super().__init__(serve)


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def test_all_proxy_is_used_and_no_proxy_bypasses_it(backend: str, no_proxy_env: pytest.MonkeyPatch) -> None:
    with Proxy(BALANCES) as proxy, RawServer(answer(BALANCES)) as server:
        no_proxy_env.setenv("ALL_PROXY", proxy.url)
        for direct in (True, False):
            with client(backend, "http://api.example.invalid", direct=direct) as made:
                assert made.run(made.client.balances.list) == []
        no_proxy_env.setenv("NO_PROXY", "127.0.0.1")
        for direct in (True, False):
            with client(backend, server.url, direct=direct) as made:
                assert made.run(made.client.balances.list) == []
    assert proxy.lines == ["POST http://api.example.invalid/v2/merchant/wallet/balance/all HTTP/1.1"] * 2
    assert len(server.heads) == 2


def test_https_proxy_tunnels_and_a_refused_tunnel_was_not_sent(backend: str, no_proxy_env: pytest.MonkeyPatch) -> None:
    with Proxy(BALANCES) as proxy:
        no_proxy_env.setenv("HTTPS_PROXY", proxy.url)
        seen = []
        for direct in (True, False):
            with client(backend, "https://api.example.invalid", direct=direct, max_retries=0) as made:
                result = made.create()
            seen.append(summary(result))
    # A refused tunnel is counted as sent on every backend and path (conservative: the create is not retried).
    assert proxy.lines == ["CONNECT api.example.invalid:443 HTTP/1.1"] * 2
    assert seen[0] == seen[1] == ("APIConnectionError", Stage.SENT, True, None)


def test_the_deadline_bounds_a_trickled_head_through_an_environment_proxy(no_proxy_env: pytest.MonkeyPatch) -> None:
    # The sync deadline reaches the socket through the network backend of each transport the client made holds,
    # the proxies' transports (mounts made from the environment) as well.
    data = ok_answer()
    head_size = data.index(b"\r\n\r\n") + 4
    written: list[int] = []

    def trickle(number: int, head: bytes, conn: socket.socket) -> bool:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(head_size):  # about 1 s in all
            conn.sendall(data[i : i + 1])
            written.append(i)
            time.sleep(0.01)
        conn.sendall(data[head_size:])
        return False

    with RawServer(trickle) as proxy:
        no_proxy_env.setenv("HTTP_PROXY", proxy.url)
        with client("sync", "http://api.example.invalid", deadline=0.3) as made:
            result = made.create()
        assert isinstance(result, APITimeoutError) and "0.3 s deadline" in str(result), repr(result)
        assert len(written) < head_size // 2, f"{len(written)} of {head_size} head bytes were waited for"


@pytest.mark.parametrize("direct", [True, False])
def test_a_deadline_that_strikes_while_the_answer_closes_still_closes_it(
    direct: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The body's own deadline check fires first (between chunks), then asyncio.timeout's cancellation lands while
    # the cut answer is being closed. httpcore shields its close with anyio, which a native task.cancel() passes:
    # the close stopped half-way and left the connection open (seen about once in 300 runs of the test above).
    # Here the body's check fires 50 ms early and the close is slowed, so that the cancellation lands in it.
    import httpcore._async.http11 as http11

    original_close = http11.AsyncHTTP11Connection._response_closed
    original_add = _body.Body.add

    async def slow_close(self: Any) -> None:
        await asyncio.sleep(0.3)
        await original_close(self)

    def add_early(self: Any, chunk: bytes) -> None:
        original_add(self, chunk)
        if time.monotonic() > self._deadline - 0.05:
            raise _stage.Overrun(_body.deadline_message(self._limits), timed_out=True)

    monkeypatch.setattr(http11.AsyncHTTP11Connection, "_response_closed", slow_close)
    monkeypatch.setattr(_body.Body, "add", add_early)
    with RawServer(drip) as server, client("async", server.url, direct=direct, deadline=0.3) as made:
        result = made.create()
        assert isinstance(result, APITimeoutError) and result.stage is Stage.ANSWERED, repr(result)
        assert server.wait_until_closed() == 0


@pytest.mark.parametrize("backend_name", ["async", "aiohttp"])
def test_many_tasks_share_one_async_client(backend_name: str) -> None:
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle) as server, client(backend_name, server.url) as made:
        assert isinstance(made.client, AsyncCryptoCloud)
        api = made.client

        async def all_of_them() -> list[Any]:
            calls = [api.invoices.create(amount=Decimal("10"), order_id=f"task-{n}") for n in range(50)]
            return await asyncio.gather(*calls, return_exceptions=True)

        results = made.run(all_of_them)
    assert [type(r) for r in results] == [Invoice] * 50, [r for r in results if not isinstance(r, Invoice)][:3]
    assert (len({r.uuid for r in results}), len(server.requests), len(fake.invoices)) == (50, 50, 50)
    assert 1 <= server.connections <= 50
