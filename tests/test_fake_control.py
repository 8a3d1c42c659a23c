"""`cryptocloud fake-server` driven the way a Go or TypeScript test would: over plain HTTP, no Python of ours.

This module imports nothing from ``cryptocloud``: it starts the console script, reads the printed credentials,
and uses urllib, a stdlib HTTP listener for postbacks, and PyJWT to check their tokens against the printed
secret. Every control answer is checked against the control API's own OpenAPI document, served by the fake.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_spec_validator import validate
from support.reference import ROOT
from werkzeug.datastructures import Headers, ImmutableMultiDict

CONTROL_SPEC = ROOT / "overrides/cryptocloud/testing/fake-control.yaml"
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body, parse_float=Decimal)


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


@dataclass
class Served:
    url: str
    api_key: str = field(repr=False)
    shop_id: str
    secret: str = field(repr=False)
    postbacks: list[tuple[str, bytes]] = field(default_factory=list)
    control: OpenAPI | None = None

    def http(self, method: str, path: str, body: Any = None, *, key: bool = False) -> Answer:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if key:
            request.add_header("Authorization", f"Token {self.api_key}")
        try:
            with DIRECT.open(request, timeout=30) as response:
                answer = Answer(response.status, _lower(response.headers.items()), response.read())
        except urllib.error.HTTPError as refused:
            answer = Answer(refused.code, _lower(refused.headers.items()), refused.read())
        if path.startswith("/_fake/") and self.control is not None:
            check_control_answer(self.control, method, path, data, answer)
        return answer

    def api(self, path: str, body: dict[str, Any]) -> Answer:
        return self.http("POST", path, body, key=True)

    def create(self, **fields: Any) -> dict[str, Any]:
        answer = self.api("/v2/invoice/create", {"shop_id": self.shop_id, "amount": 10} | fields)
        assert answer.status == 200, answer.body
        return answer.json()["result"]  # type: ignore[no-any-return]

    def info(self, uuid: str) -> dict[str, Any]:
        (invoice,) = self.api("/v2/invoice/merchant/info", {"uuids": [uuid]}).json()["result"]
        return invoice  # type: ignore[no-any-return]


@dataclass
class _Request:  # a control request as openapi-core reads it
    path: str
    method: str
    body: bytes | None
    host_url: str = "http://127.0.0.1:8080"
    content_type: str = "application/json"
    parameters: RequestParameters = field(
        default_factory=lambda: RequestParameters(
            query=ImmutableMultiDict(), header=Headers(), cookie=ImmutableMultiDict()
        )
    )


@dataclass
class _Response:
    data: bytes
    status_code: int
    content_type: str
    headers: dict[str, str]


def check_control_answer(control: OpenAPI, method: str, path: str, data: bytes | None, answer: Answer) -> None:
    request = _Request(path, method.lower(), data)
    response = _Response(answer.body, answer.status, answer.headers["content-type"], answer.headers)
    if answer.status < 400:  # a refused request is refused by the document too
        control.validate_request(request)
    control.validate_response(request, response)


def test_control_api_document_is_valid_openapi() -> None:
    document = yaml.safe_load(CONTROL_SPEC.read_text())
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert sorted(document["paths"]) == [
        "/_fake/",
        "/_fake/advance",
        "/_fake/config",
        "/_fake/fail-next",
        "/_fake/fund",
        "/_fake/invoices/{uuid}/pay",
        "/_fake/openapi.yaml",
        "/_fake/withdrawals/refuse-next",
    ]


class _Receiver(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]]

    def do_POST(self) -> None:
        self.received.append((self.headers["Content-Type"], self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def start_server(*arguments: str) -> tuple[subprocess.Popen[str], str]:
    """`cryptocloud fake-server --port 0 ...` started; the process and what it printed before serving."""
    command = Path(sys.executable).with_name("cryptocloud")
    server = subprocess.Popen(
        [str(command), "fake-server", "--port", "0", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    printed = "".join(server.stdout.readline() for _ in range(7))
    return server, printed


@pytest.fixture
def served() -> Iterator[Served]:
    received: list[tuple[str, bytes]] = []
    listener = ThreadingHTTPServer(("127.0.0.1", 0), type("Receiver", (_Receiver,), {"received": received}))
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{listener.server_address[1]}/hook"
    server, printed = start_server("--seed", "5", "--postback-url", hook)
    killer = threading.Timer(120, server.kill)  # a hung server must not hang the suite
    killer.start()
    try:
        found = dict(re.findall(r"^  (shop id|api key|postback secret): +(\S+)$", printed, re.M))
        url = re.match(
            rf"fake CryptoCloud at (http://127\.0\.0\.1:\d+) \(Ctrl-C or kill {server.pid} stops it\)\n", printed
        )
        assert url is not None and len(found) == 3, "unexpected start lines"
        assert f"  postbacks to:    {hook} (json)\n" in printed
        yield Served(url[1], found["api key"], found["shop id"], found["postback secret"], received)
        server.send_signal(signal.SIGINT)
        printed, errors = server.communicate(timeout=30)
        assert (server.returncode, printed, errors) == (0, "fake CryptoCloud stopped\n", "")
    finally:
        killer.cancel()
        server.kill()
        listener.shutdown()
        listener.server_close()


@pytest.mark.parametrize("background", [False, True], ids=["foreground", "background"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_server_stops_on_sigint_and_sigterm(signum: signal.Signals, background: bool) -> None:
    """Also as a shell's background job (`cryptocloud fake-server &`), which starts with SIGINT ignored."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if background else None
    try:
        server, printed = start_server()  # inherits the ignored SIGINT, as from a shell's `&`
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    try:
        url = re.match(r"fake CryptoCloud at (http://127\.0\.0\.1:\d+) ", printed)
        assert url is not None
        with DIRECT.open(url[1] + "/_fake/config", timeout=30) as answer:
            assert answer.status == 200
        server.send_signal(signum)
        stopped, errors = server.communicate(timeout=30)
        assert (server.returncode, stopped, errors) == (0, "fake CryptoCloud stopped\n", "")
    finally:
        server.kill()


def test_a_test_in_another_language(served: Served) -> None:
    # The control API describes itself; from here on every control answer is checked against it.
    described = served.http("GET", "/_fake/openapi.yaml")
    assert described.status == 200 and described.body.decode() == CONTROL_SPEC.read_text()
    served.control = OpenAPI.from_dict(yaml.safe_load(described.body))
    # The root the server prints lists every control.
    index = served.http("GET", "/_fake/").json()
    assert [(c["method"], c["path"]) for c in index["controls"]] == [
        ("GET", "/_fake/"),
        ("GET", "/_fake/config"),
        ("GET", "/_fake/openapi.yaml"),
        ("POST", "/_fake/invoices/{uuid}/pay"),
        ("POST", "/_fake/fail-next"),
        ("POST", "/_fake/fund"),
        ("POST", "/_fake/withdrawals/refuse-next"),
        ("POST", "/_fake/advance"),
    ]
    assert index["controls"][5]["does"] == "Add to the wallet's balance, for withdrawals"
    assert index["described_at"] == "/_fake/openapi.yaml"
    config = served.http("GET", "/_fake/config").json()
    assert (config["api_key"], config["shop_id"], config["secret"]) == (
        served.api_key,
        served.shop_id,
        served.secret,
    )
    assert config["postback_url"].endswith("/hook") and config["pending_faults"] == 0

    # Pay in full: the postback reaches the listener, signed with the printed secret.
    invoice = served.create(order_id="order-1", add_fields={"cryptocurrency": "ETH"})
    paid = served.http("POST", f"/_fake/invoices/{invoice['uuid']}/pay", {}).json()
    assert (paid["invoice"]["status"], paid["delivery"]["status_code"], paid["delivery"]["error"]) == (
        "paid",
        200,
        None,
    )
    assert served.info(invoice["uuid"])["status"] == "paid"
    ((content_type, body),) = served.postbacks
    assert content_type == "application/json" and body.decode() == paid["postback"]["body"]
    postback = json.loads(body, parse_float=Decimal)
    claims = jwt.decode(postback["token"], served.secret, algorithms=["HS256"])
    assert claims["id"] == postback["invoice_id"] == invoice["uuid"].removeprefix("INV-")
    assert (postback["order_id"], postback["amount_crypto"]) == ("order-1", invoice["amount"])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(postback["token"], "another-secret-of-32-bytes-or-more", algorithms=["HS256"])

    # Pay in part: the invoice is partial, and says what is still due.
    second = served.create(add_fields={"cryptocurrency": "ETH"})
    half = second["amount"] / 2
    partial = served.http("POST", f"/_fake/invoices/{second['uuid'][4:]}/pay", {"amount": str(half)}).json()
    assert partial["invoice"]["status"] == "partial"
    assert (partial["invoice"]["received"], partial["invoice"]["to_surcharge"]) == (half, second["amount"] - half)
    assert json.loads(served.postbacks[1][1], parse_float=Decimal)["amount_crypto"] == half

    # Fail the next requests: a 500 after the invoice was made; a 429 with Retry-After; a dropped connection.
    assert served.http("POST", "/_fake/fail-next", {"kind": "server_error"}).json() == {"pending_faults": 1}
    failed = served.api("/v2/invoice/create", {"shop_id": served.shop_id, "amount": 3})
    assert failed.status == 500
    assert served.http("POST", "/_fake/fail-next", {"kind": "rate_limit", "retry_after": 7}).status == 200
    limited = served.api("/v2/invoice/create", {"shop_id": served.shop_id, "amount": 3})
    assert (limited.status, limited.headers["retry-after"]) == (429, "7")
    served.http("POST", "/_fake/fail-next", {"kind": "reset_after_send"})
    with pytest.raises(http.client.RemoteDisconnected):
        served.api("/v2/invoice/create", {"shop_id": served.shop_id, "amount": 3})
    today = served.http("GET", "/_fake/config").json()["now"][:10]
    day = ".".join(reversed(today.split("-")))
    listed = served.api("/v2/invoice/merchant/list", {"start": day, "end": day, "limit": 100}).json()
    assert listed["all_count"] == 4  # two paid, the one answered 500 and the dropped one: both were made

    # Move the clock: an unpaid invoice past its time to pay is canceled.
    short = served.create(add_fields={"time_to_pay": {"hours": 0, "minutes": 30}})
    assert served.info(short["uuid"])["status"] == "created"
    moved = served.http("POST", "/_fake/advance", {"seconds": 31 * 60}).json()
    assert moved["now"] > config["now"]
    assert served.info(short["uuid"])["status"] == "canceled"

    # Refused control requests say why, in one shape.
    refusals = [
        served.http("POST", "/_fake/invoices/INV-NOPE1234/pay", {}),
        served.http("POST", "/_fake/fail-next", {"kind": "meteor"}),
        served.http("POST", "/_fake/advance", {"seconds": -5}),
        served.http("POST", f"/_fake/invoices/{short['uuid']}/pay", {"amount": "lots"}),
    ]
    assert [(r.status, r.json()) for r in refusals] == [
        (404, {"error": "no invoice INV-NOPE1234"}),
        (
            400,
            {
                "error": "kind must be one of refused, html_520, rate_limit, reset_after_send, read_timeout, "
                "server_error, got 'meteor'"
            },
        ),
        (400, {"error": "seconds must be a number above 0 (at most ten years), got -5"}),
        (400, {"error": "amount must be a number above 0 (in the invoice's crypto), got 'lots'"}),
    ]
    assert len(served.postbacks) == 2
