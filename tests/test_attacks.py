"""Attacks on the money promises that currently break them (see ATTACKS.md for every attack tried).

Each test asserts the promised behaviour against a misbehaving local server (127.0.0.1 only): a create or cancel
that may have landed says so and is recorded when interrupted, recovery never hands back an invoice this call did
not create, a real answer never fails a call, a bad one never escapes as a bare exception, and the API key never
appears in a message or a log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import httpx
import pytest
from cryptocloud import APIError, CryptoCloud, Invoice, OrderIdConflictError
from cryptocloud.testing import FakeCryptoCloud
from support.harness import WireClient
from support.raw_server import RawServer, create_answer, create_on, http
from support.wire import WireServer

KEY = "fake-api-key"  # WireClient's key, and the fake's
ORDER = "order-1"

# ------------------------------------------------------------------ promise 3: a real answer never fails a call


def test_a_reason_phrase_that_is_not_utf8_does_not_fail_a_real_answer(backend: str) -> None:
    # "HTTP/1.1 200 Succ\xe8s" (a Latin-1 reason phrase from an old proxy). aiohttp decodes it with surrogateescape
    # and httpx-aiohttp's transport does response.reason.encode() outside its exception mapping: a bare
    # UnicodeEncodeError escapes from a create the server carried out, with no may_have_been_created.
    result, server = create_on(backend, lambda head: http(b"HTTP/1.1 200 Succ\xe8s", create_answer()))
    assert isinstance(result, Invoice), repr(result)
    assert len(server.heads) == 1


def test_a_5xx_with_a_latin1_reason_phrase_is_an_api_error_that_may_have_created(backend: str) -> None:
    result, server = create_on(backend, lambda head: http(b"HTTP/1.1 502 Mauvaise passerelle \xe9", b"down"))
    assert isinstance(result, APIError), repr(result)
    assert result.may_have_been_created is True
    assert len(server.heads) == 1


def test_a_success_envelope_with_a_null_detail_returns_the_invoice() -> None:
    # {"status": "success", "result": {...the invoice...}, "detail": null}: decode_success treats any "detail"
    # key as an error shape, so a create the server carried out (its invoice is in the body) fails as a
    # BadRequestError with may_have_been_created False: the caller is told to retry, and makes a second invoice.
    body = create_answer().replace(b'"status":"success"', b'"status":"success","detail":null', 1)
    result, _ = create_on("sync", lambda head: http(b"HTTP/1.1 200 OK", body))
    assert isinstance(result, Invoice), repr(result)


def test_a_real_answer_with_a_10_kib_header_is_read_on_every_backend(backend: str) -> None:
    # A long Content-Security-Policy or Set-Cookie: httpx reads heads up to 100 KB; aiohttp's session refuses any
    # header line over 8190 bytes, so the same answer fails only on http_backend="aiohttp".
    policy = b"Content-Security-Policy: default-src 'self' " + b"https://cdn.example.com " * 420
    result, _ = create_on(backend, lambda head: http(b"HTTP/1.1 200 OK", create_answer(), policy))
    assert isinstance(result, Invoice), repr(result)


# ------------------------------------------------------------------ promise 1: a create that may have landed says so


def test_a_101_answer_to_a_create_says_it_may_have_been_created(backend: str) -> None:
    # The server read and carried out the create, then answered 101. httpx calls it a protocol error (may exist);
    # on aiohttp the 101 is a final status, and _error_class maps every status under 300 to BadRequestError,
    # a refusal: may_have_been_created is False although nothing says the create was refused.
    answer = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"
    result, server = create_on(backend, lambda head: answer)
    assert isinstance(result, APIError), repr(result)
    assert result.may_have_been_created is True, repr(result)
    assert len(server.heads) == 1


# ------------------------------------------------------------------ promise 3: the key never in a log line


def _echo_key_in_status_line(head: bytes) -> bytes:
    auth = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"authorization:"))
    return b"HTTP/1.1 " + auth.split(b":", 1)[1].strip() + b"\r\nContent-Length: 0\r\n\r\n"


def test_a_server_echoing_the_key_in_a_broken_answer_never_puts_it_in_the_log(
    backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    # h11 and aiohttp quote the broken status line in their error; Core.run logs that error at DEBUG
    # ("... failed: %s") before settle() redacts it, so the key is in the "cryptocloud" log.
    caplog.set_level(logging.DEBUG, logger="cryptocloud")
    result, _ = create_on(backend, _echo_key_in_status_line)
    assert isinstance(result, APIError) and KEY not in str(result)
    # caplog.text is what a handler wrote at the time (a record's args are formatted again later, redacted by then)
    ours = [line for line in caplog.text.splitlines() if " cryptocloud:" in line]
    assert [line for line in ours if "failed" in line], "the client logs a failed exchange at DEBUG"
    assert not [line for line in ours if KEY in line]


# ------------------------------------------------------------------ recovery


def _cut_create(fake: FakeCryptoCloud, *, carry_out: bool) -> Callable[[httpx.Request], httpx.Response]:
    """The fake, except that the first create is read and the connection then cut (after carrying it out or not)."""
    cut: list[int] = []

    def app(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v2/invoice/create" and not cut:
            cut.append(1)
            if carry_out:
                fake.handle(request)
            raise httpx.ReadError("cut")  # WireServer closes the connection without answering
        return fake.handle(request)

    return app


def _stored(fake: FakeCryptoCloud, *, amount: str, created: datetime, status: str) -> str:
    with fake.serve() as url, CryptoCloud(api_key=fake.api_key, shop_id=fake.shop_id, base_url=url) as setup:
        uuid = setup.invoices.create(amount=Decimal(amount), order_id=ORDER).uuid
    fake.invoices[uuid]["created"] = created.strftime("%Y-%m-%d %H:%M:%S.%f")
    fake.invoices[uuid]["status"] = status
    return uuid


def test_recovery_never_returns_an_invoice_created_before_this_call() -> None:
    # An earlier invoice for this order_id (same amount, canceled 4 minutes ago). This create is read by the
    # server and cut before it is carried out; recovery accepts anything created since "first send - 5 min"
    # (RECOVERY_SLACK) and returns the old, canceled invoice as if this call had made it.
    fake = FakeCryptoCloud(seed=1)
    old = _stored(fake, amount="10", created=datetime.now(UTC) - timedelta(minutes=4), status="canceled")
    with WireServer(_cut_create(fake, carry_out=False)) as server:
        wire = WireClient("sync", server.url, recovery_window=0.0)
        try:
            result: Any = wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER, recover=True)
        except OrderIdConflictError as conflict:
            result = conflict
        finally:
            wire.close()
    assert not (isinstance(result, Invoice) and result.uuid == old), f"returned the older invoice {old}"
    assert isinstance(result, OrderIdConflictError)


def test_a_recovery_conflict_never_quotes_the_key() -> None:
    # OrderIdConflictError's message lists each invoice found (uuid, amount, status) straight from the server and
    # is raised without settle(): a list answer that echoes the key puts it in the message.
    fake = FakeCryptoCloud(seed=1)
    _stored(fake, amount="99", created=datetime.now(UTC), status=f"echo Token {KEY}")
    with WireServer(_cut_create(fake, carry_out=False)) as server:
        wire = WireClient("sync", server.url, recovery_window=0.0)
        try:
            with pytest.raises(OrderIdConflictError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER, recover=True)
        finally:
            wire.close()
    assert KEY not in str(info.value)


@pytest.fixture
def after_the_create_failed() -> Iterator[Callable[[WireServer], bool]]:
    """A predicate: the server has read (and carried out) the create, and the client has had time to see it cut."""
    seen: dict[int, float] = {}

    def ready(server: WireServer) -> bool:
        if not any(r.url.path == "/v2/invoice/create" for r in server.requests):
            return False
        first = seen.setdefault(id(server), time.monotonic())
        return time.monotonic() - first > 0.2  # inside the first lookup delay (0.5 s)

    yield ready


@pytest.mark.parametrize("backend", ["async", "aiohttp"])
def test_a_recovering_create_cancelled_while_it_looks_is_recorded_as_unsettled(
    backend: str, after_the_create_failed: Callable[[WireServer], bool]
) -> None:
    # The create was carried out and its answer cut; recovery waits before looking. Cancelling the task then
    # (asyncio.wait_for, a shutdown) leaves no trace: the wait and the lookups are outside Core.run's record.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(_cut_create(fake, carry_out=True)) as server:
        wire = WireClient(backend, server.url, recovery_window=5.0)
        assert wire.loop is not None

        async def main() -> None:
            task = asyncio.ensure_future(
                wire.client.invoices.create(amount=Decimal("10"), order_id=ORDER, recover=True)  # type: ignore[arg-type]
            )
            for _ in range(200):  # at most 2 s
                if after_the_create_failed(server) or task.done():
                    break
                await asyncio.sleep(0.01)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        try:
            wire.loop.run_until_complete(main())
        finally:
            wire.close()
    assert len([i for i in fake.invoices.values() if i["order_id"] == ORDER]) == 1
    assert [u.order_id for u in wire.client.unsettled_creates] == [ORDER]


def test_a_recovering_create_interrupted_by_ctrl_c_while_it_waits_is_recorded_as_unsettled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeCryptoCloud(seed=1)

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    with WireServer(_cut_create(fake, carry_out=True)) as server:
        wire = WireClient("sync", server.url, recovery_window=5.0)
        monkeypatch.setattr(time, "sleep", interrupted)  # the first wait of recovery, after the cut create
        try:
            with pytest.raises(KeyboardInterrupt):
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER, recover=True)
        finally:
            monkeypatch.undo()
            wire.close()
    assert len([i for i in fake.invoices.values() if i["order_id"] == ORDER]) == 1
    assert [u.order_id for u in wire.client.unsettled_creates] == [ORDER]


# ------------------------------------------------------------------ promise 3: size is bounded while decompressing


@cache
def gzipped_zeros() -> bytes:
    """64 MiB of zeros, gzipped (64 KB)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    zeros = b"\0" * (1 << 20)
    return b"".join(compressor.compress(zeros) for _ in range(64)) + compressor.flush()


@cache
def gzipped_twice() -> bytes:
    """The same, gzipped again: 269 bytes on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return compressor.compress(gzipped_zeros()) + compressor.flush()


@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip"])
def test_max_response_bytes_bounds_memory_while_decompressing(backend: str, encoding: str) -> None:
    # Body.add counts decompressed chunks, but httpx inflates each network chunk whole (no max_length) and
    # through every listed encoding in turn: one 64 KB chunk becomes 64 MiB before the cap is looked at, and
    # "gzip, gzip" turns 269 bytes on the wire into 64 MiB (1 KB into ~1 GiB) in a single decompress call.
    body = gzipped_zeros() if encoding == "gzip" else gzipped_twice()
    answer = http(b"HTTP/1.1 200 OK", body, b"Content-Encoding: " + encoding.encode())
    tracemalloc.start()
    try:
        result, _ = create_on(backend, lambda head: answer, max_response_bytes=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # One layer is inflated up to the cap; stacked layers (never asked for: we send gzip, deflate) are refused.
    words = "max_response_bytes" if encoding == "gzip" else "answer encoded as 'gzip, gzip'"
    assert isinstance(result, APIError) and words in str(result), repr(result)
    assert result.may_have_been_created is True
    assert peak < 16 << 20, f"{peak >> 20} MiB held for a 1 MiB cap"


# ------------------------------------------------------------------ promise 3: time is bounded with your own client


@pytest.mark.parametrize("own_client", [False, True], ids=["client made here", "http_client="])
def test_the_deadline_bounds_a_trickled_head(own_client: bool) -> None:
    # The sync deadline reaches the socket only through the network backend of the httpx.Client the SDK makes. A
    # caller's own client is left as it was given (no private state of it touched): a head trickled a byte every
    # 10 ms is read to its end (each read is within the 2 s read timeout), and the 0.3 s deadline is noticed
    # once the body starts (the README says so).
    answer = http(b"HTTP/1.1 200 OK", create_answer())
    head_size = answer.index(b"\r\n\r\n") + 4
    written: list[int] = []

    def trickle(number: int, head: bytes, conn: socket.socket) -> bool:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(head_size):  # about 1 s in all
            conn.sendall(answer[i : i + 1])
            written.append(i)
            time.sleep(0.01)
        conn.sendall(answer[head_size:])
        return False

    with RawServer(trickle) as server, httpx.Client() as own:
        options: dict[str, Any] = {"http_client": own} if own_client else {}
        client = CryptoCloud(
            api_key=KEY, shop_id="fake-shop", base_url=server.url, timeout=2.0, deadline=0.3, **options
        )
        with pytest.raises(APIError) as info:
            client.invoices.create(amount=Decimal("10"), order_id=ORDER)
        client.close()
    assert "0.3 s deadline" in str(info.value)
    if own_client:
        assert len(written) == head_size
    else:
        assert len(written) < head_size // 2, f"{len(written)} of {head_size} head bytes were waited for"


# ------------------------------------------------------------------ promise 3: a bad answer never hangs the client


class _Hung(Exception):
    pass


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Interrupts the block (with _Hung) if it is still running after ``seconds``: a guard against a hang that
    would otherwise burn a core for hours, not a speed measurement (the block needs milliseconds)."""

    def interrupt(signum: int, frame: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_an_error_page_full_of_angle_brackets_does_not_hang_the_client() -> None:
    # A 500 whose 200 KB body is "<<<<...": one_line() strips HTML tags with r"<(?!hidden>)[^>]*>", which from
    # every "<" scans to the end of the text and back: quadratic (40 KB: 2.4 s; 10 MiB: about two days of CPU).
    def app(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, content=b"<" * 200_000)

    http_client = httpx.Client(transport=httpx.MockTransport(app))
    client = CryptoCloud(api_key=KEY, shop_id="fake-shop", max_retries=0, http_client=http_client)
    try:
        with hang_guard(10.0), pytest.raises(APIError) as info:
            client.invoices.retrieve("INV-AAAA1111")
    except _Hung:
        pytest.fail("still turning a 200 KB error page into a message after 10 s (it takes milliseconds)")
    finally:
        http_client.close()
    assert info.value.may_have_taken_effect is False
