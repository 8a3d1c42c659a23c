"""Faults on the wire, on every backend: a real local server cuts each exchange at each point, lies about
lengths, trickles, streams without end, or answers in ways no API should (malformed heads, informational and
redirect answers, reason phrases that are not UTF-8), and the server counts what it got.

For each backend (sync httpx, async httpx, async aiohttp) and each operation: how many connections and complete
requests reached the server, how many invoices exist at the end, and what the error says. A create or a cancel
that may have reached the server is never resent and its error says it may have taken effect; a read is resent;
a real answer, however odd its framing, is read; size, memory and time are bounded.
"""

from __future__ import annotations

import gzip
import json
import socket
import time
import tracemalloc
import zlib
from datetime import timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    CryptoCloud,
    InternalServerError,
    Invoice,
    Stage,
)
from cryptocloud._core import Core
from cryptocloud.testing import FakeCryptoCloud
from support.harness import WIRE_KEY, WireClient
from support.raw_server import RawServer, answer, create_answer, create_on, http, ok_answer
from support.wire import CUTS, WireServer, refused_url

ORDER = "order-1"


@pytest.fixture(autouse=True)
def _short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real sleeps (the clients run on real sockets), but 10 ms instead of 0.5 s before a resend."""
    monkeypatch.setattr(Core, "backoff", lambda self, attempt: 0.01)


def serve(fake: FakeCryptoCloud, cut: str | None, path: str, **server: Any) -> WireServer:
    """The fake on the wire; the first request to ``path`` is answered as ``cut`` says, the rest properly."""
    seen: list[int] = []

    def fault(number: int, request: httpx.Request) -> str | None:
        if request.url.path != path or seen:
            return None
        seen.append(number)
        return cut

    return WireServer(fake.handle, fault, **server)


def invoices_for(fake: FakeCryptoCloud, order_id: str) -> list[dict[str, Any]]:
    return [invoice for invoice in fake.invoices.values() if invoice["order_id"] == order_id]


# cut -> (did the server carry the request out, the error a create or cancel ends with)
EXPECTED: dict[str, tuple[bool, type[APIError]]] = {
    "close_before_request": (False, APIConnectionError),
    "close_mid_request": (False, APIConnectionError),
    "close_after_request": (True, APIConnectionError),
    "reset_after_request": (True, APIConnectionError),
    "close_after_headers": (True, APIConnectionError),
    "close_mid_body": (True, APIConnectionError),
    "length_too_long": (True, APIConnectionError),
    "length_too_short": (True, APIResponseValidationError),  # the cut JSON is read, and is not JSON
    "duplicate_length": (True, APIConnectionError),
}
assert set(EXPECTED) == set(CUTS)
# aiohttp reads the 10 bytes beyond a short Content-Length as the next answer's status line, and fails the call.
EXPECTED_AIOHTTP = EXPECTED | {"length_too_short": (True, APIConnectionError)}


def expected(backend: str, cut: str) -> tuple[bool, type[APIError]]:
    return (EXPECTED_AIOHTTP if backend == "aiohttp" else EXPECTED)[cut]


@pytest.mark.parametrize("cut", CUTS)
def test_a_create_cut_anywhere_is_sent_once_and_says_it_may_exist(backend: str, cut: str) -> None:
    carried_out, error_type = expected(backend, cut)
    fake = FakeCryptoCloud(seed=1)
    with serve(fake, cut, "/v2/invoice/create") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    error = info.value
    assert type(error) is error_type, repr(error)
    assert error.may_have_been_created is True and error.may_have_taken_effect is True
    assert error.order_id == ORDER and f"look it up by order_id {ORDER!r}" in str(error)
    assert server.connections == 1  # never resent
    assert len(server.requests) == (1 if carried_out else 0)
    assert len(invoices_for(fake, ORDER)) == (1 if carried_out else 0)
    assert "fake-api-key" not in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("cut", ["close_mid_body", "length_too_long"])
def test_a_create_whose_answer_breaks_off_names_the_invoice_the_server_made(backend: str, cut: str) -> None:
    # The fake on the wire makes the invoice, then its answer breaks off: what arrived is on the error, and the
    # invoice id, where it arrived, is the one invoice the server holds for the order.
    fake = FakeCryptoCloud(seed=1)
    with serve(fake, cut, "/v2/invoice/create") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            with pytest.raises(APIConnectionError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    error = info.value
    (made,) = invoices_for(fake, ORDER)
    uuid = made["uuid"]
    assert (server.connections, len(server.requests)) == (1, 1) and error.may_have_been_created is True
    assert error.body and error.body.startswith('{"status":"success","result":{'), error.body
    arrived = f'"{uuid}"' in error.body  # the whole body arrives when the length lies; half of it when cut
    assert arrived or cut == "close_mid_body"
    assert error.invoice_uuid == (uuid if arrived else None)
    assert (f"what arrived names invoice {uuid}" in str(error)) is arrived


@pytest.mark.parametrize("cut", CUTS)
def test_a_cancel_cut_anywhere_is_sent_once_and_says_it_may_have_worked(backend: str, cut: str) -> None:
    carried_out, error_type = expected(backend, cut)
    fake = FakeCryptoCloud(seed=1)
    with fake.client() as setup:
        uuid = setup.invoices.create(amount=Decimal("10")).uuid
    with serve(fake, cut, "/v2/invoice/merchant/canceled") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.invoices.cancel, uuid)
        finally:
            wire.close()
    error = info.value
    assert type(error) is error_type, repr(error)
    assert error.may_have_taken_effect is True and error.may_have_been_created is False
    assert "the cancel may have been carried out" in str(error)
    assert server.connections == 1
    assert fake.invoices[uuid]["status"] == ("canceled" if carried_out else "created")


@pytest.mark.parametrize("cut", CUTS)
def test_a_read_cut_anywhere_is_resent_and_succeeds(backend: str, cut: str) -> None:
    carried_out, _ = expected(backend, cut)
    fake = FakeCryptoCloud(seed=1)
    with fake.client() as setup:
        uuid = setup.invoices.create(amount=Decimal("10")).uuid
    with serve(fake, cut, "/v2/invoice/merchant/info") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            found = wire.run(wire.client.invoices.retrieve, uuid)
        finally:
            wire.close()
    assert found.uuid == uuid
    assert len(server.requests) == (2 if carried_out else 1)  # the cut one (when it was read) and the resend


def test_a_refused_connection_is_retried_and_says_nothing_was_sent(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[int] = []

    def no_wait(self: Core, attempt: int) -> float:
        slept.append(attempt)
        return 0.0

    monkeypatch.setattr(Core, "backoff", no_wait)
    with refused_url() as url:
        wire = WireClient(backend, url, max_retries=2)
        try:
            with pytest.raises(APIConnectionError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    assert type(info.value) is APIConnectionError
    assert info.value.may_have_been_created is False and info.value.may_have_taken_effect is False
    assert slept == [0, 1]  # two retries: a refused connection proves nothing was sent


# ------------------------------------------------------------------ what the server can make us hold or wait for

LIMIT_CASES: dict[str, tuple[dict[str, Any], type[APIError], str]] = {
    # cut -> (the client options, the error, words of its message)
    "trickle": ({"timeout": 0.3}, APITimeoutError, "deadline"),
    "endless_chunked": ({"max_response_bytes": 1024 * 1024}, APIConnectionError, "larger than 1048576 bytes"),
    "huge_body": ({"max_response_bytes": 1024 * 1024}, APIConnectionError, "larger than 1048576 bytes"),
    "gzip_bomb": ({"max_response_bytes": 1024 * 1024}, APIConnectionError, "larger than 1048576 bytes"),
}


@pytest.mark.parametrize("cut", sorted(LIMIT_CASES))
def test_size_and_time_are_bounded(backend: str, cut: str) -> None:
    options, error_type, words = LIMIT_CASES[cut]
    fake = FakeCryptoCloud(seed=1)
    with serve(fake, cut, "/v2/invoice/create") as server:
        wire = WireClient(backend, server.url, **options)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    error = info.value
    assert type(error) is error_type, repr(error)
    assert words in str(error)
    assert error.may_have_been_created is True
    assert len(server.requests) == 1 and len(invoices_for(fake, ORDER)) == 1
    # The server offered 100-200 MB (or 18 s of trickle); the client stopped reading long before.
    assert server.bytes_sent < 32 * 1024 * 1024


def test_the_default_body_cap_is_10_mib() -> None:
    client = CryptoCloud(api_key="k" * 16, shop_id="s")
    assert client._core.limits.max_bytes == 10 * 1024 * 1024
    assert client._core.limits.deadline == 35.0  # 5 s connect + 30 s read
    client.close()


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
    # httpx inflates each network chunk whole and through every listed encoding in turn: one 64 KB chunk would be
    # 64 MiB before a cap counted after decoding is looked at, and "gzip, gzip" turns 269 bytes into 64 MiB.
    body = gzipped_zeros() if encoding == "gzip" else gzipped_twice()
    data = http(b"HTTP/1.1 200 OK", body, b"Content-Encoding: " + encoding.encode())
    tracemalloc.start()
    try:
        result, server = create_on(backend, lambda head: data, max_response_bytes=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # One layer is inflated up to the cap; stacked layers (never asked for: we send gzip, deflate) are refused.
    words = "max_response_bytes" if encoding == "gzip" else "answer encoded as 'gzip, gzip'"
    assert type(result) is APIConnectionError and words in str(result), repr(result)
    assert result.may_have_been_created is True and len(server.heads) == 1
    assert peak < 16 << 20, f"{peak >> 20} MiB held for a 1 MiB cap"


@pytest.mark.parametrize("how", ["cut short", "past max_response_bytes", "gzip past max_response_bytes"])
def test_an_answer_broken_off_keeps_what_arrived_and_the_invoice_it_names(backend: str, how: str) -> None:
    # The invoice was made; its answer breaks off (the length lies, or it passes the cap). What arrived is kept on
    # the error, without the key a server echoed in it, and the invoice id in it is given.
    genuine = create_answer()
    uuid = json.loads(genuine)["result"]["uuid"]
    body = genuine[:-1] + b', "echo": "' + WIRE_KEY.encode() + b'"}' + b" " * 4000
    if how == "cut short":
        data = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999\r\n\r\n" + body
    elif how == "past max_response_bytes":
        data = http(b"HTTP/1.1 200 OK", body)
    else:
        data = http(b"HTTP/1.1 200 OK", gzip.compress(body), b"Content-Encoding: gzip")
    result, server = create_on(backend, lambda head: data, max_response_bytes=len(genuine) + 100)
    assert type(result) is APIConnectionError and result.stage is Stage.ANSWERED, repr(result)
    assert result.may_have_been_created is True and len(server.heads) == 1  # never resent
    assert result.invoice_uuid == uuid and f"what arrived names invoice {uuid}" in str(result)
    assert result.body is not None and result.body.startswith(genuine[:-1].decode())
    assert WIRE_KEY not in result.body and '"echo": "<hidden>"' in result.body
    assert len(result.body) <= len(genuine) + 100


def trickled_head(written: list[int]) -> tuple[Any, int]:
    """A server's way to answer: a genuine create answer whose head comes a byte every 10 ms (about 1 s), then the
    body at once; and the size of that head."""
    data = ok_answer()
    head_size = data.index(b"\r\n\r\n") + 4

    def trickle(number: int, head: bytes, conn: socket.socket) -> bool:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(head_size):
            conn.sendall(data[i : i + 1])
            written.append(i)
            time.sleep(0.01)
        conn.sendall(data[head_size:])
        return False

    return trickle, head_size


@pytest.mark.parametrize("own_client", [False, True], ids=["client made here", "http_client="])
def test_the_deadline_bounds_a_trickled_head(own_client: bool) -> None:
    # The sync deadline reaches the socket through the network backend of the httpx.Client the SDK makes. A
    # caller's own client is left as it was given (no private state of it touched): its head is read to its end
    # (each read is within the 2 s read timeout), and the 0.3 s deadline is noticed once the body starts (the README
    # says so).
    written: list[int] = []
    trickle, head_size = trickled_head(written)
    with RawServer(trickle) as server, httpx.Client() as own:
        options: dict[str, Any] = {"http_client": own} if own_client else {}
        client = CryptoCloud(
            api_key=WIRE_KEY, shop_id="fake-shop", base_url=server.url, timeout=2.0, deadline=0.3, **options
        )
        with pytest.raises(APITimeoutError) as info:
            client.invoices.create(amount=Decimal("10"), order_id=ORDER)
        client.close()
    assert "0.3 s deadline" in str(info.value) and info.value.may_have_been_created is True
    if own_client:
        assert len(written) == head_size and info.value.stage is Stage.ANSWERED
    else:
        assert len(written) < head_size // 2, f"{len(written)} of {head_size} head bytes were waited for"
        assert info.value.stage is Stage.SENT


def test_the_deadline_bounds_a_trickled_head_through_an_environment_proxy(no_proxy_env: pytest.MonkeyPatch) -> None:
    # The sync deadline reaches the socket through the network backend of each transport the client made holds,
    # the proxies' transports (mounts made from the environment) as well.
    written: list[int] = []
    trickle, head_size = trickled_head(written)
    with RawServer(trickle) as proxy:
        no_proxy_env.setenv("HTTP_PROXY", proxy.url)
        with WireClient("sync", "http://api.example.invalid", deadline=0.3) as made:
            result = made.create()
    assert type(result) is APITimeoutError and "0.3 s deadline" in str(result), repr(result)
    assert len(written) < head_size // 2, f"{len(written)} of {head_size} head bytes were waited for"


# ------------------------------------------------------------------ odd answers, as they come off the wire


def test_a_reason_phrase_that_is_not_utf8_does_not_fail_a_real_answer(backend: str) -> None:
    # "HTTP/1.1 200 Succ\xe8s" (a Latin-1 reason phrase from an old proxy): aiohttp decodes it with surrogateescape,
    # and httpx-aiohttp encodes it again outside its exception mapping.
    result, server = create_on(backend, lambda head: http(b"HTTP/1.1 200 Succ\xe8s", create_answer()))
    assert isinstance(result, Invoice), repr(result)
    assert result.amount_in_fiat == Decimal("10") and len(server.heads) == 1


def test_a_5xx_with_a_latin1_reason_phrase_is_an_api_error_that_may_have_created(backend: str) -> None:
    result, server = create_on(backend, lambda head: http(b"HTTP/1.1 502 Mauvaise passerelle \xe9", b"down"))
    assert type(result) is InternalServerError, repr(result)
    assert (result.status_code, result.may_have_been_created) == (502, True)
    assert len(server.heads) == 1


def test_a_real_answer_with_a_10_kib_header_is_read_on_every_backend(backend: str) -> None:
    # A long Content-Security-Policy or Set-Cookie: httpx reads heads up to 100 KB; aiohttp's session refuses any
    # header line over 8190 bytes unless told otherwise.
    policy = b"Content-Security-Policy: default-src 'self' " + b"https://cdn.example.com " * 420
    result, _ = create_on(backend, lambda head: http(b"HTTP/1.1 200 OK", create_answer(), policy))
    assert isinstance(result, Invoice), repr(result)


def test_a_101_answer_to_a_create_says_it_may_have_been_created(backend: str) -> None:
    # The server read and carried out the create, then answered 101: nothing says the create was refused.
    switching = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"
    result, server = create_on(backend, lambda head: switching)
    assert isinstance(result, APIError), repr(result)
    assert result.may_have_been_created is True, repr(result)
    assert len(server.heads) == 1


def test_informational_answers_before_the_real_one_are_skipped(backend: str) -> None:
    data = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + ok_answer()
    with RawServer(answer(data)) as server, WireClient(backend, server.url) as made:
        result = made.create()
    assert isinstance(result, Invoice) and result.amount_in_fiat == Decimal("10"), repr(result)
    assert len(server.heads) == 1


@pytest.mark.parametrize("status", [b"301 Moved Permanently", b"302 Found", b"307 Temporary Redirect"])
def test_a_redirect_is_never_followed(backend: str, status: bytes) -> None:
    # A create redirected may have been carried out (HTTP's 303 means "done, see there"); a read is not followed
    # either. The place it points at is never contacted.
    with RawServer(answer(b"")) as elsewhere:
        location = b"Location: " + elsewhere.url.encode() + b"/x"
        data = b"HTTP/1.1 " + status + b"\r\n" + location + b"\r\nContent-Length: 0\r\n\r\n"
        with RawServer(answer(data)) as server, WireClient(backend, server.url) as made:
            created = made.create()
            read = made.outcome(made.client.balances.list)
    assert type(created) is APIStatusError and type(read) is APIStatusError, (created, read)
    assert (created.status_code, created.may_have_been_created) == (int(status[:3]), True)
    assert "not followed" in str(created) and "not followed" in str(read)
    assert (len(server.heads), elsewhere.connections) == (2, 0)


# name -> (the answer's bytes, the error on httpx, the error on aiohttp)
MALFORMED: dict[str, tuple[bytes, type[APIError], type[APIError]]] = {
    "not_http": (b"SMTP ready\r\n\r\n", APIConnectionError, APIConnectionError),
    "bad_chunk_size": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        APIConnectionError,
        APIConnectionError,
    ),
    "bad_content_length": (
        b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}",
        APIConnectionError,
        APIConnectionError,
    ),
    "nul_in_header": (
        b"HTTP/1.1 200 OK\r\nX\x00Y: 1\r\nContent-Length: 2\r\n\r\n{}",
        APIConnectionError,
        APIConnectionError,
    ),
    "status_out_of_range": (
        b"HTTP/1.1 1000 Big\r\nContent-Length: 2\r\n\r\n{}",
        APIConnectionError,
        APIConnectionError,
    ),
    # httpx reads the chunked body ({}), which is no answer to a create; aiohttp refuses the framing
    "chunked_and_length": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        APIResponseValidationError,
        APIConnectionError,
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_answer_is_an_api_error_that_may_have_created(backend: str, name: str) -> None:
    data, on_httpx, on_aiohttp = MALFORMED[name]
    with RawServer(answer(data)) as server, WireClient(backend, server.url, max_retries=2) as made:
        result = made.create()
    assert type(result) is (on_aiohttp if backend == "aiohttp" else on_httpx), repr(result)
    assert result.may_have_been_created is True
    assert (server.connections, len(server.heads)) == (1, 1)  # never resent
    assert WIRE_KEY not in str(result)


@pytest.mark.parametrize("cut", ["close_after_headers", "close_mid_body", "length_too_long"])
def test_an_answer_cut_after_its_head_is_kept_whole_on_the_error(backend: str, cut: str) -> None:
    # error.response is the answer as far as it came: its request, status, version and elapsed time all readable.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle, fault=lambda n, r: cut) as server, WireClient(backend, server.url) as made:
        error = made.create()
    assert type(error) is APIConnectionError and error.stage is Stage.ANSWERED, repr(error)
    response = error.response
    assert response is not None
    assert isinstance(response.elapsed, timedelta) and response.elapsed > timedelta(0)
    assert response.request.url == httpx.URL(server.url + "/v2/invoice/create")
    assert (response.status_code, response.http_version) == (200, "HTTP/1.1")


# ------------------------------------------------------------------ recovery against a slow commit, on the wire


def test_recovery_waits_for_a_late_commit_instead_of_resending(backend: str) -> None:
    # The server commits the create 2.5 s after receiving it; the client gives up reading after 1 s. The lookups
    # (0.5, 1, 2 s apart) find the invoice once it is committed: nothing is resent.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle, slow_paths={"/v2/invoice/create": 2.5}) as server:
        wire = WireClient(backend, server.url, timeout=1.0)
        try:
            invoice = wire.run(wire.client.invoices.create, amount=Decimal("25"), order_id="order-late", recover=True)
        finally:
            wire.close()
    assert isinstance(invoice, Invoice)
    (stored,) = invoices_for(fake, "order-late")
    assert invoice.uuid == stored["uuid"] and invoice.amount_in_fiat == Decimal("25")
    assert [r.url.path for r in server.requests].count("/v2/invoice/create") == 1


# ------------------------------------------------------------------ withdrawals: money going out, sent at most once

WITHDRAWAL = "/v2/invoice/api/out/create"
TO = "TXYZabcdefghijkLMNOPqrstuvwx12345"


def _funded() -> FakeCryptoCloud:
    fake = FakeCryptoCloud(seed=1, withdrawal_key="fake-wkey-2f9c")
    fake.fund("USDT_TRC20", Decimal("100"))
    return fake


def _withdraw(backend: str, server: WireServer, **options: Any) -> APIError:
    wire = WireClient(backend, server.url, withdrawal_key="fake-wkey-2f9c", **({"max_retries": 3} | options))
    try:
        with pytest.raises(APIError) as info:
            wire.run(wire.client.withdrawals.create, currency_code="USDT_TRC20", to_address=TO, amount=Decimal("30"))
    finally:
        wire.close()
    return info.value


@pytest.mark.parametrize("cut", CUTS)
def test_a_withdrawal_cut_anywhere_is_sent_once_and_says_it_may_have_gone_out(backend: str, cut: str) -> None:
    carried_out, error_type = expected(backend, cut)
    fake = _funded()
    with serve(fake, cut, WITHDRAWAL) as server:
        error = _withdraw(backend, server)
    assert type(error) is error_type, repr(error)
    assert error.may_have_taken_effect is True and error.may_have_been_created is False
    assert "the withdrawal may have been carried out: check the balance and the withdrawal history" in str(error)
    assert server.connections == 1  # never resent
    assert len(server.requests) == (1 if carried_out else 0)  # counted by the server
    assert len(fake.withdrawals) == (1 if carried_out else 0)
    assert fake.balance("USDT_TRC20") == (Decimal("70") if carried_out else Decimal("100"))
    assert "fake-wkey-2f9c" not in str(error) and "fake-api-key" not in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("cut", sorted(LIMIT_CASES))
def test_a_withdrawal_answer_is_bounded_in_size_and_time(backend: str, cut: str) -> None:
    options, error_type, words = LIMIT_CASES[cut]
    fake = _funded()
    with serve(fake, cut, WITHDRAWAL) as server:
        error = _withdraw(backend, server, **options)
    assert type(error) is error_type, repr(error)
    assert words in str(error) and error.may_have_taken_effect is True
    assert server.connections == 1 and len(server.requests) == 1 and len(fake.withdrawals) == 1
    assert server.bytes_sent < 32 * 1024 * 1024


def test_a_refused_connection_is_the_only_withdrawal_fault_that_is_retried(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Core, "backoff", lambda self, attempt: 0.0)
    with refused_url() as url:
        wire = WireClient(backend, url, withdrawal_key="fake-wkey-2f9c", max_retries=2)
        try:
            with pytest.raises(APIConnectionError) as info:
                wire.run(wire.client.withdrawals.create, currency_code="BTC", to_address=TO, amount=1)
        finally:
            wire.close()
    assert type(info.value) is APIConnectionError and info.value.may_have_taken_effect is False


# ------------------------------------------------------------------ the test tool itself


def test_the_wire_server_answers_from_any_app_and_counts_what_it_got() -> None:
    with WireServer(lambda r: httpx.Response(204)) as server:
        assert httpx.post(server.url + "/x", content=b"abc").status_code == 204
    assert server.connections == 1 and [r.content for r in server.requests] == [b"abc"]
