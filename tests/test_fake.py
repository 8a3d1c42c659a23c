"""The embedded fake: its answers validate against the spec, and its test controls do what they say."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import attrs
import httpx
import pytest
from cryptocloud import APIConnectionError, APITimeoutError, InternalServerError, RateLimitError, verify_postback
from cryptocloud.testing import FAULTS, FakeCryptoCloud
from support.openapi_reference import OpenAPIRequest, openapi

TODAY = datetime.now(UTC).strftime("%d.%m.%Y")


@attrs.frozen
class _OpenAPIResponse:
    data: bytes
    status_code: int
    content_type: str
    headers: dict[str, str]


def call(
    fake: FakeCryptoCloud, path: str, body: Any, key: str | None = "fake-api-key"
) -> tuple[httpx.Request, httpx.Response]:
    headers = {"Authorization": f"Token {key}"} if key else {}
    request = httpx.Request("POST", f"https://api.cryptocloud.plus{path}", json=body, headers=headers)
    return request, fake.handle(request)


def spec_problems(request: httpx.Request, response: httpx.Response) -> list[str]:
    """What openapi-core finds wrong with the fake's answer, by the spec's response schemas."""
    adapted = _OpenAPIResponse(
        response.content, response.status_code, response.headers["content-type"], dict(response.headers)
    )
    try:
        openapi().validate_response(OpenAPIRequest.of(request), adapted)  # type: ignore[arg-type]
    except Exception as exc:  # openapi-core's errors; the cause names the schema problem
        return [f"{type(exc).__name__}: {exc} {exc.__cause__ or ''}"]
    return []


@pytest.fixture
def fake() -> FakeCryptoCloud:
    fake = FakeCryptoCloud(seed=11)
    client = fake.client()
    paid = client.invoices.create(amount=Decimal("100"), order_id="o-1", cryptocurrency="USDT_TRC20")
    client.invoices.create(amount=Decimal("5.5"), currency="EUR", available_currencies=["BTC", "ETH"])
    fake.pay(paid.uuid)
    return fake


def operations(fake: FakeCryptoCloud) -> list[tuple[str, Any]]:
    uuid = next(iter(fake.invoices))
    return [
        (
            "/v2/invoice/create",
            {
                "shop_id": "fake-shop",
                "amount": 10,
                "currency": "USD",
                "order_id": "x",
                "add_fields": {"time_to_pay": {"hours": 1, "minutes": 5}, "cryptocurrency": "ETH"},
            },
        ),
        ("/v2/invoice/merchant/info", {"uuids": list(fake.invoices)}),
        ("/v2/invoice/merchant/list", {"start": TODAY, "end": TODAY, "offset": 0, "limit": 100}),
        ("/v2/merchant/wallet/balance/all", {}),
        ("/v2/invoice/merchant/statistics", {"start": TODAY, "end": TODAY}),
        ("/v2/invoice/static/create", {"shop_id": "fake-shop", "currency": "USDT_TRC20", "identify": "c-1"}),
        ("/v2/invoice/merchant/canceled", {"uuid": list(fake.invoices)[1]}),
        ("/v2/invoice/merchant/canceled", {"uuid": uuid}),  # paid: refused with the documented 400 shape
        ("/v2/invoice/create", {"shop_id": "fake-shop", "amount": -1}),  # 400 by field
    ]


def test_every_answer_validates_against_the_spec(fake: FakeCryptoCloud) -> None:
    statuses = []
    for path, body in operations(fake):
        request, response = call(fake, path, body)
        assert spec_problems(request, response) == [], (path, body, response.text)
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 200, 200, 200, 200, 400, 400]
    for key in (None, "Bearer x", "wrong-key"):
        request, response = call(fake, "/v2/merchant/wallet/balance/all", {}, key)
        assert response.status_code in (401, 403)
        assert spec_problems(request, response) == []


def test_a_validation_error_names_the_field(fake: FakeCryptoCloud) -> None:
    _, response = call(fake, "/v2/invoice/create", {"shop_id": "fake-shop", "amount": 1, "currency": "XXX"})
    assert response.status_code == 400
    assert list(response.json()["result"]) == ["currency"]


def test_unknown_path_is_a_text_404(fake: FakeCryptoCloud) -> None:
    _, response = call(fake, "/v2/nope", {})
    assert (response.status_code, response.text) == (404, "Not Found")


def test_expiry_follows_the_clock() -> None:
    fake = FakeCryptoCloud(seed=1)
    client = fake.client()
    short = client.invoices.create(amount=1, time_to_pay=timedelta(minutes=30))
    long = client.invoices.create(amount=1)
    fake.advance(timedelta(minutes=31))
    statuses = {i.uuid: i.status for i in client.invoices.retrieve_many([short.uuid, long.uuid])}
    assert statuses == {short.uuid: "canceled", long.uuid: "created"}


@pytest.mark.parametrize(
    ("share", "status"), [(Decimal(1), "paid"), (Decimal("0.5"), "partial"), (Decimal(2), "overpaid")]
)
def test_pay_moves_the_status(share: Decimal, status: str) -> None:
    fake = FakeCryptoCloud(seed=1)
    client = fake.client()
    invoice = client.invoices.create(amount=Decimal("10"), cryptocurrency="ETH")
    assert isinstance(invoice.amount, Decimal)
    postback = fake.pay(invoice.uuid, amount=invoice.amount * share)
    assert client.invoices.retrieve(invoice.uuid).status == status
    assert verify_postback(postback.body, postback.content_type, fake.secret).amount_crypto == invoice.amount * share


def test_pay_posts_the_postback_to_a_url() -> None:
    received: list[tuple[str, bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append((self.headers["content-type"], self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.handle_request, daemon=True).start()
    fake = FakeCryptoCloud(postback_format="form", seed=1)
    invoice = fake.client().invoices.create(amount=1, order_id="o-9")
    sent = fake.pay(invoice.uuid, url=f"http://127.0.0.1:{server.server_address[1]}/hook")
    server.server_close()
    assert sent.status_code == 200
    assert received == [("application/x-www-form-urlencoded", sent.body)]
    assert verify_postback(received[0][1], received[0][0], fake.secret).order_id == "o-9"


@pytest.mark.parametrize(
    ("kind", "error", "landed"),
    [
        ("refused", APIConnectionError, False),
        ("html_520", InternalServerError, False),
        ("rate_limit", RateLimitError, False),
        ("reset_after_send", APIConnectionError, True),
        ("read_timeout", APITimeoutError, True),
        ("server_error", InternalServerError, True),
    ],
)
def test_fail_next(kind: str, error: type[Exception], landed: bool) -> None:
    fake = FakeCryptoCloud(seed=1)
    client = fake.client(max_retries=0)
    fake.fail_next(kind)
    with pytest.raises(error):
        client.invoices.create(amount=1)
    assert len(fake.invoices) == (1 if landed else 0)
    assert client.invoices.create(amount=1).uuid in fake.invoices  # only the next request failed
    assert sorted(FAULTS) == sorted(
        ["refused", "html_520", "rate_limit", "reset_after_send", "read_timeout", "server_error"]
    )


def test_fake_hides_its_secrets() -> None:
    fake = FakeCryptoCloud(api_key="k" * 20, secret="s" * 40)
    assert "k" * 20 not in repr(fake) and "s" * 40 not in repr(fake)


def test_pytest_fixture(cryptocloud_fake: FakeCryptoCloud) -> None:
    invoice = cryptocloud_fake.client().invoices.create(amount=Decimal("3"))
    assert list(cryptocloud_fake.invoices) == [invoice.uuid]


def test_served_fake_answers_over_http() -> None:
    fake = FakeCryptoCloud(seed=1)
    with fake.serve() as url:
        assert url.startswith("http://127.0.0.1:")
        answer = httpx.post(
            f"{url}/v2/invoice/create",
            json={"shop_id": "fake-shop", "amount": 2},
            headers={"Authorization": "Token fake-api-key"},
        )
        assert answer.status_code == 200 and json.loads(answer.content)["result"]["uuid"] in fake.invoices
        fake.fail_next("reset_after_send")
        with pytest.raises(httpx.TransportError):
            httpx.post(
                f"{url}/v2/invoice/create",
                json={"shop_id": "fake-shop", "amount": 2},
                headers={"Authorization": "Token fake-api-key"},
            )
    assert len(fake.invoices) == 2


def test_the_response_check_catches_a_broken_answer(fake: FakeCryptoCloud) -> None:
    request, response = call(fake, "/v2/merchant/wallet/balance/all", {})
    broken = json.loads(response.content)
    broken["result"][0]["balance_usd"] = "lots"
    bad = httpx.Response(200, json=broken)
    assert spec_problems(request, bad) != []
    assert spec_problems(request, httpx.Response(200, json={"status": "success"})) != []


def test_a_fake_client_confirms_the_fakes_postbacks_out_of_the_box() -> None:
    fake = FakeCryptoCloud(seed=4)
    client = fake.client()
    invoice = client.invoices.create(amount=Decimal("10"), order_id="o-7")
    note = fake.pay(invoice.uuid)
    payment = client.postbacks.confirm(note.body, note.content_type)
    assert (payment.invoice_uuid, payment.order_id, payment.paid, payment.status) == (invoice.uuid, "o-7", True, "paid")
    assert fake.secret not in repr(client)


def test_the_fakes_json_is_exact_json() -> None:
    """The fake's own encoder writes what exact.dumps writes, for its records and for anything else."""
    from cryptocloud.testing import wire
    from cryptocloud_client import exact
    from cryptocloud_client.models import InvoiceStatus

    fake = FakeCryptoCloud(seed=2)
    client = fake.client()
    invoice = client.invoices.create(amount=Decimal("100.10"), order_id="o-\u2603", cryptocurrency="BTC")
    fake.pay(invoice.uuid, Decimal("0.0001"))
    values: list[Any] = [
        *fake.invoices.values(),
        {"a": [True, False, None, 0, -5, Decimal("1E+2"), Decimal("-0.000"), '"\\\n\u2028'], "b": (1, "x")},
        {"status": InvoiceStatus.PAID, "when": datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), 1: "int key"},
        [],
        {},
    ]
    for value in values:
        assert wire.dumps(value) == exact.dumps(value)
    assert wire.dumps(values[1]) == (b'{"a":[true,false,null,0,-5,100,-0.000,"\\"\\\\\\n\xe2\x80\xa8"],"b":[1,"x"]}')


def test_currencies_new_to_the_spec_are_priced_not_a_crash() -> None:
    """A code the spec adds before the fake's rate table knows it (the API-change drill adds XRP): a fiat one is
    priced like the dollar, a coin like a stablecoin on its own chain. The spec does not list these two yet, so
    the fake runs without request validation, as a regenerated spec would let them through."""
    fake = FakeCryptoCloud(seed=3, validate=False)
    body = {"shop_id": fake.shop_id, "amount": "12.50", "currency": "CHF", "add_fields": {"cryptocurrency": "XYZ"}}
    request = httpx.Request(
        "POST", "http://fake/v2/invoice/create", headers={"Authorization": f"Token {fake.api_key}"}, json=body
    )
    answer = json.loads(fake.handle(request).content)
    assert answer["status"] == "success", answer
    result = answer["result"]
    assert (result["amount_usd"], result["currency"]["code"], result["currency"]["network"]["code"]) == (
        12.5,
        "XYZ",
        "XYZ",
    )
