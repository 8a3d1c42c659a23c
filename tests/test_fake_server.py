"""The fake under load and hostile clients: served over HTTP, and in-process for bodies the API cannot read."""

from __future__ import annotations

import http.client
import json
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import BadRequestError
from cryptocloud.testing import FakeCryptoCloud

AUTH = {"Authorization": "Token fake-api-key", "Content-Type": "application/json"}
CREATE = b'{"shop_id": "fake-shop", "amount": 1}'


@contextmanager
def served(fake: FakeCryptoCloud) -> Iterator[tuple[str, int]]:
    """The fake served on loopback; on leaving, waits for every connection's handler to finish."""
    with fake.serve() as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=30)


def test_concurrent_creates_all_land() -> None:
    n = 200
    fake = FakeCryptoCloud(seed=3)
    start = threading.Barrier(n)
    statuses: list[int] = []
    failures: list[str] = []

    def create(host: str, port: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        start.wait(timeout=60)  # all connect at once: the burst the listen backlog must absorb
        try:
            connection.request("POST", "/v2/invoice/create", body=CREATE, headers=AUTH)
            statuses.append(connection.getresponse().status)
        except OSError as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    with served(fake) as (host, port):
        threads = [threading.Thread(target=create, args=(host, port)) for _ in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert failures == []
    assert statuses == [200] * n
    assert len(fake.invoices) == n and len(fake.requests) == n


def _raw(host: str, port: int, head: bytes, body: bytes, *, reset: bool) -> bytes:
    """Send a request's head and (part of) its body, then stop sending; what came back before the close."""
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(head + body)
        if reset:  # close at once with a TCP reset
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return b""
        sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


@pytest.mark.parametrize("reset", [False, True], ids=["half-close", "reset"])
def test_truncated_body_is_not_carried_out(reset: bool, capfd: pytest.CaptureFixture[str]) -> None:
    fake = FakeCryptoCloud(seed=3)
    # The part sent is a whole create on its own: carrying it out would make an invoice.
    head = b"POST /v2/invoice/create HTTP/1.1\r\nHost: x\r\nAuthorization: Token fake-api-key\r\n"
    head += b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (len(CREATE) + 50)
    with served(fake) as (host, port):
        received = _raw(host, port, head, CREATE, reset=reset)
    assert received == b""  # no answer: the request never reached the fake
    assert (fake.requests, fake.invoices) == ([], {})
    assert capfd.readouterr() == ("", "")  # and no traceback


@pytest.mark.parametrize(
    ("headers", "body", "status", "detail"),
    [
        ({"Content-Length": "abc"}, b"", 400, "Content-Length must be a number of bytes, got 'abc'"),
        ({"Content-Length": "-1"}, b"", 400, "Content-Length must be a number of bytes, got '-1'"),
        ({"Transfer-Encoding": "chunked"}, b"0\r\n\r\n", 411, "send the body with a Content-Length"),
        ({"Content-Length": str(2 << 20)}, b"", 413, "a request body may have at most 1048576 bytes"),
    ],
)
def test_unreadable_framing_is_refused(headers: dict[str, str], body: bytes, status: int, detail: str) -> None:
    fake = FakeCryptoCloud(seed=3)
    head = "POST /v2/invoice/create HTTP/1.1\r\nHost: x\r\nAuthorization: Token fake-api-key\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    with served(fake) as (host, port):
        received = _raw(host, port, head.encode(), body, reset=False)
    status_line, _, rest = received.partition(b"\r\n")
    assert status_line.split(b" ")[1] == str(status).encode()
    assert b"Connection: close" in rest
    assert json.loads(rest.split(b"\r\n\r\n", 1)[1]) == {"detail": detail}
    assert fake.requests == []


GOOD_LINE = b"POST /v2/invoice/create HTTP/1.1\r\n"
GOOD_HEADERS = b"Host: x\r\nAuthorization: Token fake-api-key\r\nContent-Type: application/json\r\n"


@pytest.mark.parametrize(
    ("head", "status", "detail"),
    [
        (
            GOOD_LINE + GOOD_HEADERS + "Content-Length: \u00b2\r\n\r\n".encode("latin-1"),
            400,
            "the Content-Length header's value must be ASCII, got '\\xb2'",
        ),
        (
            GOOD_LINE + GOOD_HEADERS + "Content-Length: \u00b2\r\n\r\n".encode(),
            400,
            "the Content-Length header's value must be ASCII, got '\\xc2\\xb2'",
        ),
        (
            GOOD_LINE + GOOD_HEADERS + "X-Customer: caf\u00e9\r\nContent-Length: 0\r\n\r\n".encode(),
            400,
            "the X-Customer header's value must be ASCII, got 'caf\\xc3\\xa9'",
        ),
        (
            GOOD_LINE + GOOD_HEADERS + b"X-Bell: a\x07b\r\n\r\n",
            400,
            "the X-Bell header's value has a control character: 'a\\x07b'",
        ),
        (GOOD_LINE + b"no colon here\r\n\r\n", 400, "a header line must be Name: value, got 'no colon here'"),
        (GOOD_LINE + b"Bad Name: x\r\n\r\n", 400, "a header line must be Name: value, got 'Bad Name: x'"),
        (
            b"GARBAGE\r\n\r\n",
            400,
            "the request line must be METHOD /path HTTP/1.1, got 'GARBAGE'",
        ),
        (b"POST /v2/invoice/create HTTP/2.0\r\n\r\n", 505, "HTTP/1.1 only, got 'HTTP/2.0'"),
        (
            "POST /v2/\u00e9 HTTP/1.1\r\n\r\n".encode(),
            400,
            "the path must be ASCII (percent-encode the rest), got '/v2/\\xc3\\xa9'",
        ),
        (
            GOOD_LINE + b"X-Long: " + b"a" * 20000 + b"\r\n\r\n",
            431,
            "a request line or header line may have at most 16384 bytes",
        ),
        (GOOD_LINE + b"X: y\r\n" * 101 + b"\r\n", 431, "a request may have at most 100 headers"),
        (
            GOOD_LINE + GOOD_HEADERS + b"Content-Length: 1\r\nContent-Length: 2\r\n\r\n",
            400,
            "one Content-Length, got 1, 2",
        ),
        (
            GOOD_LINE + GOOD_HEADERS + b"Expect: magic\r\nContent-Length: 0\r\n\r\n",
            417,
            "only Expect: 100-continue is understood, got 'magic'",
        ),
    ],
    ids=[
        "length-latin1-superscript",
        "length-utf8-superscript",
        "non-ascii-value",
        "control-character",
        "no-colon",
        "space-in-name",
        "request-line",
        "http2",
        "non-ascii-path",
        "long-line",
        "many-headers",
        "two-lengths",
        "expect",
    ],
)
def test_malformed_requests_get_a_json_error(
    head: bytes, status: int, detail: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """Every malformed request is answered, in JSON, and the connection closed; nothing is carried out and nothing
    is printed (these once dropped the connection with a traceback)."""
    fake = FakeCryptoCloud(seed=3)
    with served(fake) as (host, port):
        received = _raw(host, port, head, b"", reset=False)
    status_line, _, rest = received.partition(b"\r\n")
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert status_line.split(b" ")[:2] == [b"HTTP/1.1", str(status).encode()]
    assert b"Connection: close" in headers.split(b"\r\n")
    assert b"content-type: application/json" in headers.split(b"\r\n")
    assert json.loads(body) == {"detail": detail}
    assert (fake.requests, fake.invoices) == ([], {})
    assert capfd.readouterr() == ("", "")


def test_a_kept_alive_connection_answers_in_turn_and_honours_expect_100() -> None:
    fake = FakeCryptoCloud(seed=3)
    create = b"Content-Length: %d\r\n\r\n%s" % (len(CREATE), CREATE)
    with served(fake) as (host, port), socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(GOOD_LINE + GOOD_HEADERS + create + GOOD_LINE + GOOD_HEADERS + create)
        stream = sock.makefile("rb")
        for _ in range(2):
            assert stream.readline() == b"HTTP/1.1 200 OK\r\n"
            length = 0
            while (line := stream.readline()) != b"\r\n":
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            assert json.loads(stream.read(length))["status"] == "success"
        sock.sendall(GOOD_LINE + GOOD_HEADERS + b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(CREATE))
        assert stream.readline() == b"HTTP/1.1 100 Continue\r\n" and stream.readline() == b"\r\n"
        sock.sendall(CREATE + b"HEAD /_fake/config HTTP/1.1\r\nConnection: close\r\n\r\n")
        assert stream.readline() == b"HTTP/1.1 200 OK\r\n"
        rest = stream.read()
    # The control API takes GET there: a 405 whose head alone answers the HEAD, and the connection closed as asked.
    assert rest.endswith(
        b"}HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\nContent-Length: 19\r\n"
        b"Connection: close\r\n\r\n"
    )
    assert len(fake.invoices) == 3


def call(fake: FakeCryptoCloud, content: bytes, content_type: str = "application/json") -> httpx.Response:
    headers = {"Authorization": "Token fake-api-key", "Content-Type": content_type}
    return fake.handle(httpx.Request("POST", "https://x/v2/invoice/create", headers=headers, content=content))


def result(response: httpx.Response) -> tuple[int, Any]:
    body = response.json()
    assert body["status"] == "error"
    return response.status_code, body["result"]


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (
            b'{"shop_id": "\xff", "amount": 1}',
            "application/json",
            "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 13: invalid start byte",
        ),
        (
            b"shop_id=\xfe&amount=1",
            "application/x-www-form-urlencoded",
            "JSON parse error - 'utf-8' codec can't decode byte 0xfe in position 8: invalid start byte",
        ),
        (b'{"shop_id": "fake-shop", "amount": 1', "application/json", "JSON parse error - Expecting ',' delimiter"),
        (b"[1, 2]", "application/json", "Invalid data. Expected a dictionary, but got list."),
    ],
)
def test_unreadable_body_gets_a_json_error(content: bytes, content_type: str, message: str) -> None:
    fake = FakeCryptoCloud(seed=3)
    status, answer = result(call(fake, content, content_type))
    assert status == 400 and list(answer) == ["validate_error"]
    assert answer["validate_error"].startswith(message)
    assert fake.invoices == {}


def test_non_utf8_body_over_http() -> None:
    fake = FakeCryptoCloud(seed=3)
    with fake.serve() as url:
        answer = httpx.post(f"{url}/v2/invoice/create", content=b'{"amount": "\xff"}', headers=AUTH)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["result"] == {
        "validate_error": "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 12: invalid start byte"
    }


TOO_BIG = ["Ensure that there are no more than 15 digits before the decimal point."]
NOT_A_NUMBER = ["A valid number is required."]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1E+40", TOO_BIG),
        ("1" + "0" * 40, TOO_BIG),
        ("1e15", TOO_BIG),
        ("NaN", ["JSON parse error - Out of range float values are not JSON compliant: 'NaN'"]),
        ("Infinity", ["JSON parse error - Out of range float values are not JSON compliant: 'Infinity'"]),
    ],
)
def test_amounts_beyond_the_fake_are_refused(amount: str, expected: list[str]) -> None:
    fake = FakeCryptoCloud(seed=3)
    status, answer = result(call(fake, b'{"shop_id": "fake-shop", "amount": %s}' % amount.encode()))
    key = "validate_error" if expected[0].startswith("JSON") else "amount"
    assert (status, answer) == (400, {key: expected[0] if key == "validate_error" else expected})
    assert fake.invoices == {}


@pytest.mark.parametrize("validate", [True, False])
def test_largest_amount_is_converted_exactly(validate: bool) -> None:
    fake = FakeCryptoCloud(seed=3, validate=validate)
    body = b'{"shop_id": "fake-shop", "amount": 999999999999999.99, "currency": "GBP", "add_fields": '
    body += b'{"cryptocurrency": "PEPE_ERC20"}}'
    created = json.loads(call(fake, body).content, parse_float=Decimal)["result"]
    assert (created["amount_in_fiat"], created["amount_usd"]) == (
        Decimal("999999999999999.99"),
        Decimal("1269999999999999.99"),
    )
    (invoice,) = fake.invoices.values()
    assert str(invoice["amount"]) == "126999999999999999000"


def test_invalid_amount_without_validation() -> None:
    fake = FakeCryptoCloud(seed=3, validate=False)
    for amount in (b'"abc"', b"-1", b"0", b"true", b"null"):
        status, answer = result(call(fake, b'{"shop_id": "fake-shop", "amount": %s}' % amount))
        assert (status, answer) == (400, {"amount": NOT_A_NUMBER}), amount
    assert fake.invoices == {}


def test_huge_amount_through_the_client_is_a_bad_request() -> None:
    fake = FakeCryptoCloud(seed=3)
    with pytest.raises(BadRequestError, match="amount: Ensure that there are no more than 15 digits"):
        fake.client(max_retries=0).invoices.create(amount=Decimal("1E+40"))
    assert fake.invoices == {}
