"""The connections a client holds: kept alive between calls, given back (or hung up) whatever ends an exchange (a
limit, a cut, a cancelled task, Ctrl-C, a pool timeout, close()), shared by threads and tasks, and made through the
proxies the environment names. Against local servers that count connections opened, still open, and requests."""

from __future__ import annotations

import asyncio
import gc
import json
import signal
import socket
import threading
import time
import weakref
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AsyncCryptoCloud,
    CryptoCloud,
    Invoice,
    Stage,
    _body,
    _stage,
)
from cryptocloud.testing import FAKE_BASE_URL, FakeCryptoCloud
from support.harness import WIRE_KEY, WireClient
from support.raw_server import BALANCES, RawServer, answer, drip, held, ok_answer, silent
from support.wire import WireServer

ORDER = "order-1"

# ------------------------------------------------------------------ given back, whatever ends the exchange


@pytest.mark.parametrize("given", [False, True], ids=["client made here", "http_client="])
@pytest.mark.parametrize("limit", ["max_response_bytes", "deadline"])
def test_an_answer_cut_short_by_a_limit_closes_its_connection(backend: str, limit: str, given: bool) -> None:
    # The server drips an endless body; the client gives up at its cap or deadline and must hang up, not leave
    # the connection open (or checked out of its pool).
    options: dict[str, Any] = {"max_response_bytes": 16384} if limit == "max_response_bytes" else {"deadline": 0.3}
    with RawServer(drip) as server, WireClient(backend, server.url, given_http_client=given, **options) as made:
        result = made.create()
        assert type(result) is (APITimeoutError if limit == "deadline" else APIConnectionError), repr(result)
        assert result.stage is Stage.ANSWERED and result.may_have_been_created is True
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

    with RawServer(serve) as server, WireClient(backend, server.url) as made:
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
        with WireClient(backend, server.url, **options) as made:
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
    assert type(second_error) is APITimeoutError, repr(second_error)
    assert (second_error.stage, second_error.may_have_been_created) == (Stage.NOT_SENT, False)
    assert len(server.heads) == 2  # the warm-up and the first


@pytest.mark.parametrize("backend_name", ["async", "aiohttp"])
def test_a_cancelled_create_gives_its_connection_back(backend_name: str) -> None:
    ref: list[RawServer] = []
    with RawServer(held(ref, BALANCES)) as server:
        ref.append(server)
        with WireClient(backend_name, server.url, timeout=httpx.Timeout(3.0, pool=1.0), max_retries=0) as made:
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

    with RawServer(serve) as server, WireClient("sync", server.url, timeout=httpx.Timeout(3.0, pool=1.0)) as made:
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


# ------------------------------------------------------------------ one client, many threads or tasks


def test_many_threads_share_one_sync_client() -> None:
    # Each create is sent once, with its own body and the client's key, and makes its own invoice.
    fake = FakeCryptoCloud(seed=1)
    errors: list[BaseException] = []
    uuids: list[str] = []
    with WireServer(fake.handle) as server, WireClient("sync", server.url) as made:
        api = made.client
        assert isinstance(api, CryptoCloud)

        def work(worker: int) -> None:
            try:
                for n in range(10):
                    uuids.append(api.invoices.create(amount=Decimal(n + 1), order_id=f"t{worker}-{n}").uuid)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert errors == []
    assert (len(uuids), len(set(uuids)), len(server.requests), len(fake.invoices)) == (80, 80, 80, 80)
    sent = sorted((json.loads(r.content)["order_id"], json.loads(r.content)["amount"]) for r in server.requests)
    assert sent == sorted((f"t{w}-{n}", n + 1) for w in range(8) for n in range(10))
    assert {r.headers["authorization"] for r in server.requests} == {f"Token {WIRE_KEY}"}
    assert 1 <= server.connections <= 8


@pytest.mark.parametrize("backend_name", ["async", "aiohttp"])
def test_many_tasks_share_one_async_client(backend_name: str) -> None:
    # 50 creates at once, every third one without the locale query: each gets the invoice of its own order.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle) as server, WireClient(backend_name, server.url) as made:
        assert isinstance(made.client, AsyncCryptoCloud)
        api = made.client

        async def all_of_them() -> list[Any]:
            calls = [
                api.invoices.create(amount=Decimal(n + 1), order_id=f"task-{n}", locale="ru" if n % 3 else None)
                for n in range(50)
            ]
            return await asyncio.gather(*calls, return_exceptions=True)

        results = made.run(all_of_them)
    assert [type(r) for r in results] == [Invoice] * 50, [r for r in results if not isinstance(r, Invoice)][:3]
    assert [fake.invoices[r.uuid]["order_id"] for r in results] == [f"task-{n}" for n in range(50)]
    assert [r.amount_in_fiat for r in results] == [Decimal(n + 1) for n in range(50)]
    assert (len(server.requests), len(fake.invoices)) == (50, 50)
    for request in server.requests:
        n = int(json.loads(request.content)["order_id"].removeprefix("task-"))
        assert request.url.query == (b"locale=ru" if n % 3 else b"")
        assert request.headers["content-length"] == str(len(request.content))
    assert 1 <= server.connections <= 50


# ------------------------------------------------------------------ proxies from the environment


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


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "ALL_PROXY"])
def test_a_proxy_from_the_environment_is_used_and_no_proxy_bypasses_it(
    backend: str, variable: str, no_proxy_env: pytest.MonkeyPatch
) -> None:
    with Proxy(BALANCES) as proxy, RawServer(answer(BALANCES)) as server:
        no_proxy_env.setenv(variable, proxy.url)
        with WireClient(backend, "http://api.example.invalid") as made:
            assert made.run(made.client.balances.list) == []
        no_proxy_env.setenv("NO_PROXY", "127.0.0.1")
        with WireClient(backend, server.url) as made:
            assert made.run(made.client.balances.list) == []
    # The request line in absolute form, as a client writes it to a proxy; then straight to the server.
    assert proxy.lines == ["POST http://api.example.invalid/v2/merchant/wallet/balance/all HTTP/1.1"]
    assert len(server.heads) == 1


def test_https_proxy_tunnels_and_a_refused_tunnel_was_not_sent(backend: str, no_proxy_env: pytest.MonkeyPatch) -> None:
    with Proxy(BALANCES) as proxy:
        no_proxy_env.setenv("HTTPS_PROXY", proxy.url)
        with WireClient(backend, "https://api.example.invalid", max_retries=2) as made:
            result = made.create()
    # A refused tunnel is counted as sent on every backend (conservative: the create is not retried).
    assert proxy.lines == ["CONNECT api.example.invalid:443 HTTP/1.1"]
    assert type(result) is APIConnectionError, repr(result)
    assert (result.stage, result.may_have_been_created, result.response) == (Stage.SENT, True, None)


# ------------------------------------------------------------------ the deadline, while an answer closes


@pytest.mark.parametrize("given", [False, True], ids=["client made here", "http_client="])
def test_a_deadline_that_strikes_while_the_answer_closes_still_closes_it(
    given: bool, monkeypatch: pytest.MonkeyPatch
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
    with RawServer(drip) as server, WireClient("async", server.url, given_http_client=given, deadline=0.3) as made:
        result = made.create()
        assert isinstance(result, APITimeoutError) and result.stage is Stage.ANSWERED, repr(result)
        assert server.wait_until_closed() == 0


# ------------------------------------------------------------------ what an exchange leaves behind


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_an_answer_is_freed_when_the_call_returns_not_by_the_garbage_collector(asynchronous: bool) -> None:
    # httpx's send() links an answer and its stream both ways: left so, every answer (and, on aiohttp, the parsed
    # buffers behind it) waited for a garbage-collector pass, which then ran every few dozen calls.
    fake = FakeCryptoCloud(seed=1)
    answers: list[weakref.ref[httpx.Response]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        answer = fake.handle(request)
        answers.append(weakref.ref(answer))
        return answer

    options: dict[str, Any] = {"api_key": fake.api_key, "shop_id": fake.shop_id, "base_url": FAKE_BASE_URL}
    gc.collect()
    gc.disable()
    try:
        if asynchronous:

            async def create() -> Invoice:
                async with AsyncCryptoCloud(transport=httpx.MockTransport(handler), **options) as client:
                    return await client.invoices.create(amount=Decimal("10"), order_id=ORDER)

            invoice = asyncio.run(create())
        else:
            with CryptoCloud(transport=httpx.MockTransport(handler), **options) as client:
                invoice = client.invoices.create(amount=Decimal("10"), order_id=ORDER)
        assert invoice.uuid in fake.invoices and len(answers) == 1
        assert answers[0]() is None
    finally:
        gc.enable()
