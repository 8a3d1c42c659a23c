"""Attacks on the two fast paths of issue 15, as an outsider would try them: the compiled model reader
(``cryptocloud._reader``) and the request built from parts kept per client (``Core.build``).

Each test holds the fast path to what the client did before it: the generated ``from_dict`` plus the type check for
decoding, and ``http.build_request`` for requests. A fast path may only be faster: the same request on the wire, the
same answers accepted and refused, the same model (class, field types, unknown keys in order), no bare exception,
no key in a repr.
"""

from __future__ import annotations

import asyncio
import json
import threading
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import httpx
import pytest
from cryptocloud import (
    APIResponseValidationError,
    AsyncCryptoCloud,
    CryptoCloud,
    Withdrawal,
    models,
)
from cryptocloud import withdrawals as withdrawals_module
from cryptocloud._core import Core
from cryptocloud_client import exact
from cryptocloud_client.api.invoices import create_invoice
from cryptocloud_client.models import InvoiceCreateRequest
from support.harness import API_KEY, SHOP_ID, Harness, docs_response, echoing, json_response

T = TypeVar("T")

# ====================================================================== the reader

LISTED: dict[str, Any] = {  # one invoice as the list and info endpoints return it (the recorded real shape)
    "uuid": "INV-8X1K2M3N",
    "status": "paid",
    "created": "2026-01-02 10:11:12.123456",
    "address": "TXYZ",
    "expiry_date": "2026-01-03 10:11:12.123456",
    "side_commission": "client",
    "side_commission_cc": "merchant",
    "side_commission_service": "client",
    "type_payments": "crypto",
    "invoice_id": None,
    "amount": Decimal("12.345678"),
    "amount_usd": Decimal("12.35"),
    "amount_in_fiat": 12,
    "fee": Decimal("0.1"),
    "fee_usd": Decimal("0.1"),
    "service_fee": Decimal("0.0"),
    "service_fee_usd": Decimal("0.0"),
    "fiat_currency": "USD",
    "is_email_required": False,
    "link": "pay.cryptocloud.plus/8X1K2M3N",
    "currency": {
        "id": 4,
        "code": "USDT",
        "fullcode": "USDT_TRC20",
        "network": {"code": "TRC20", "id": 4, "icon": "i", "fullname": "Tron"},
        "name": "Tether",
        "is_email_required": False,
        "stablecoin": True,
        "icon_base": "b",
        "icon_network": "n",
        "icon_qr": "q",
        "order": 1,
    },
    "project": {"id": 7, "name": "shop", "fail": "f", "success": "s", "logo": None},
    "test_mode": False,
    "order_id": "o-1",
    "received": None,
    "received_usd": Decimal("0"),
    "to_surcharge": None,
    "to_surcharge_usd": None,
    "date_finished": None,
    "invoice_status": "success",
    "tx_list": [],
}
CREATED: dict[str, Any] = docs_response()["result"]


def field_types(value: Any) -> Any:
    """The class of every field, nested models and lists of models too: equal objects of other classes differ."""
    if attrs.has(type(value)):
        fields = {f.name: field_types(getattr(value, f.name)) for f in attrs.fields(type(value))}
        return (type(value), fields, [(k, type(v)) for k, v in value.additional_properties.items()])
    if isinstance(value, list):
        return [field_types(item) for item in value]
    return type(value)


def generated_result(cls: type, value: Any) -> tuple[str, Any]:
    """What the generated strict ``from_dict`` makes of ``value``: ("ok", model) or ("raises", exception class)."""
    try:
        model = typing.cast(Any, cls).from_dict(value)
    except Exception as exc:
        return "raises", type(exc)
    return "ok", model


def with_(body: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    return {**body, **changes}


EDGE_VALUES: list[Any] = [
    True,
    False,
    0,
    1,
    -1,
    2**63,
    2**70,
    -(2**64),
    10**40,
    10**41,
    Decimal("1E+40"),
    Decimal("9.99E+40"),
    Decimal("1E+41"),
    Decimal("1E-40"),
    Decimal("1E-41"),
    Decimal("-0"),
    Decimal("-0.0"),
    Decimal("0E-41"),
    Decimal("0E+41"),
    Decimal("12.50"),
    "12.50",
    "",
    "paid",
    "refunded",  # an unknown status: kept as text by the open enums
    "USD",
    "client",
    "2026-01-02 10:11:12.123456",
    "2026-01-02T10:11:12.123456",
    "2026-01-02 10:11:12.12345Z",  # 26 characters, not the usual form
    "2026-01-02 10:11:12.\u0661\u0662\u0663\u0664\u0665\u0666",  # Arabic-Indic digits, 26 characters
    "\uff12\uff10\uff12\uff16-01-02 10:11:12.123456",  # full-width year
    "2026-13-02 10:11:12.123456",
    "2026-02-30 10:11:12.123456",
    None,
    [],
    ["a"],
    [1],
    [None],
    {},
    {"code": "X"},
    {"id": True},
    {"network": None},
    {"network": {"id": 1.5}},
]


# --- through the client: what it returns and refuses, on every backend


def create_answer(result: str) -> str:
    return '{"status": "success", "result": ' + result + "}"


def text_response(text: str) -> httpx.Response:
    return httpx.Response(200, content=text.encode(), headers={"content-type": "application/json"})


def expected_create(text: str) -> tuple[str, Any]:
    return generated_result(models.Invoice, exact.loads(text)["result"])


ODD_CREATES = {
    "duplicate keys, the last one wins": json.dumps(CREATED)[:-1] + ', "amount_usd": 1E+40, "status": "canceled"}',
    "big ints, -0 and a tiny exponent": json.dumps(
        with_(CREATED, amount_usd=2**70, fee=-0.0, service_fee=0, amount="1E-40")
    ).replace('"1E-40"', "1E-40"),
    "unknown status and currency, nested nulls": json.dumps(
        with_(CREATED, status="refunded", fiat_currency="XYZ", currency=None, address=None)
    ),
    "non-ASCII everywhere": json.dumps(
        with_(CREATED, link="pay.trybit.com/\u00e9\u4e2d", extra="\u0000\u2028"), ensure_ascii=False
    ),
}
REFUSED_CREATES = {
    "amount beyond 1E+40": json.dumps(CREATED)[:-1] + ', "amount_usd": 1E+41}',
    "a boolean for a number": json.dumps(with_(CREATED, amount_usd=True)),
    "an int for a boolean": json.dumps(with_(CREATED, test_mode=1)),
    "a number for a timestamp": json.dumps(with_(CREATED, created=20260101)),
    "month 13": json.dumps(with_(CREATED, created="2026-13-01 00:00:00.000000")),
    "null project": json.dumps(with_(CREATED, project=None)),
    "a list of invoices": "[" + json.dumps(CREATED) + "]",
}


@pytest.mark.parametrize("name", sorted(ODD_CREATES))
def test_odd_but_valid_creates_return_the_generated_model(mode: str, name: str) -> None:
    text = create_answer(ODD_CREATES[name])
    verdict, reference = expected_create(text)
    assert verdict == "ok", reference
    made = Harness(mode, lambda r: text_response(text))
    invoice = made.create()
    assert type(invoice) is models.Invoice
    assert invoice == reference and field_types(invoice) == field_types(reference)
    raw = made.create_raw().parse()  # RawResponse.parse() unwraps the same way
    assert type(raw) is models.Invoice and raw == reference


@pytest.mark.parametrize("name", sorted(REFUSED_CREATES))
def test_refused_creates_keep_the_body_and_the_invoice_id(mode: str, name: str) -> None:
    text = create_answer(REFUSED_CREATES[name])
    made = Harness(mode, lambda r: text_response(text))
    with pytest.raises(APIResponseValidationError) as info:
        made.create(order_id="o-9")
    error = info.value
    assert error.body == text
    assert error.may_have_been_created is True
    if not name.startswith("a list"):
        assert error.invoice_uuid == CREATED["uuid"]
    assert API_KEY not in str(error) and API_KEY not in repr(error)
    assert len(made.requests) == 1  # a create is never sent twice


def list_answer(items: list[Any], all_count: int | None = None) -> httpx.Response:
    body: dict[str, Any] = {"status": "success", "result": items}
    if all_count is not None:
        body["all_count"] = all_count
    return httpx.Response(200, content=exact.dumps(body), headers={"content-type": "application/json"})


def test_a_page_mixing_usual_and_unusual_invoices_reads_each_as_from_dict(mode: str) -> None:
    import datetime as dt

    items = [LISTED, with_(LISTED, uuid="INV-2", amount="12.50"), with_(LISTED, uuid="INV-3", status="new", x=1)]
    made = Harness(mode, lambda r: list_answer(items, all_count=3))
    client = made.client
    if isinstance(client, AsyncCryptoCloud):

        async def collect() -> list[Any]:
            return [i async for i in client.invoices.list(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 2))]

        got = made.call(collect)
    else:
        got = list(client.invoices.list(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 2)))
    references = [models.InvoiceDetails.from_dict(item) for item in items]
    assert got == references
    assert [type(i) for i in got] == [models.InvoiceDetails] * 3
    assert [field_types(i) for i in got] == [field_types(r) for r in references]


def test_retrieve_picks_an_unwrapped_invoice_and_refuses_a_bad_one(mode: str) -> None:
    answers = [[with_(LISTED, uuid="INV-OTHER"), LISTED], [with_(LISTED, amount_usd=True)]]
    made = Harness(mode, lambda r: list_answer(answers[min(len(made.requests), 2) - 1]))
    got = made.call(made.client.invoices.retrieve, "8X1K2M3N")
    assert type(got) is models.InvoiceDetails
    assert got == models.InvoiceDetails.from_dict(LISTED)
    with pytest.raises(APIResponseValidationError) as info:
        made.call(made.client.invoices.retrieve, "INV-8X1K2M3N")
    assert "result[0].amount_usd: expected a number, got a boolean (invoice INV-8X1K2M3N may exist)" in str(info.value)


WITHDRAWAL_KEY = "wk_live_4d3c2b1a0f9e-WITHDRAW"


@pytest.mark.parametrize("envelope", ["result", "data"])
def test_a_withdrawal_under_either_envelope_reads_as_from_dict(mode: str, envelope: str) -> None:
    answer = {"invoice_id": "OUT-1", "status": "created", "currency": "USDT_TRC20", "amount": Decimal("10.1"), "z": 1}
    made = Harness(
        mode,
        lambda r: httpx.Response(200, content=exact.dumps({"status": "success", envelope: answer})),
        withdrawal_key=WITHDRAWAL_KEY,
    )
    got = made.call(made.client.withdrawals.create, currency_code="USDT_TRC20", to_address="TX1", amount="10.1")
    assert type(got) is Withdrawal and got == Withdrawal.from_dict(answer)
    assert got.additional_properties == {"z": 1}


# ====================================================================== request building


def old_build(self: Core, http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
    """``Core.build`` as it was before issue 15: httpx's own ``build_request``."""
    return http.build_request(
        kwargs["method"],
        self.base_url + kwargs["url"],
        params=kwargs.get("params") or None,
        content=kwargs.get("content"),
        headers=self._headers | kwargs.get("headers", {}),
        timeout=self.timeout,
    )


def wire(request: httpx.Request) -> tuple[Any, ...]:
    return (request.method, str(request.url), request.headers.multi_items(), request.content, request.extensions)


Scenario = Callable[[], list[httpx.Request]]


def same_as_before(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    """Run ``scenario`` with the fast ``Core.build`` and with the old one: the same requests must be sent."""
    ours = scenario()
    with monkeypatch.context() as patch:
        patch.setattr(Core, "build", old_build)
        before = scenario()
    assert [wire(r) for r in ours] == [wire(r) for r in before]
    return ours


ok_create = echoing({"status": "success", "result": CREATED})


def recorded_sync(http: httpx.Client, calls: Callable[[CryptoCloud], None], **options: Any) -> list[httpx.Request]:
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http, **options)
    calls(client)
    return list(http._transport.seen)  # type: ignore[attr-defined]


class Recording(httpx.MockTransport):
    def __init__(self, handler: Callable[[httpx.Request], httpx.Response] = ok_create) -> None:
        self.seen: list[httpx.Request] = []

        def record(request: httpx.Request) -> httpx.Response:
            self.seen.append(request)
            return handler(request)

        super().__init__(record)


class Stamping(httpx.Client):
    """A caller's client that adds its own header to every request it builds (tracing, signing)."""

    def build_request(self, *args: Any, **kwargs: Any) -> httpx.Request:
        request = super().build_request(*args, **kwargs)
        request.headers["X-Stamp"] = "built-by-caller"
        return request


class AsyncStamping(httpx.AsyncClient):
    def build_request(self, *args: Any, **kwargs: Any) -> httpx.Request:
        request = super().build_request(*args, **kwargs)
        request.headers["X-Stamp"] = "built-by-caller"
        return request


class MergingHeaders(httpx.Client):
    """A caller's client that merges headers its own way."""

    def _merge_headers(self, headers: Any = None) -> Any:
        merged: httpx.Headers = super()._merge_headers(headers)  # type: ignore[assignment]
        merged["X-Merged"] = "1"
        return merged


def one_create(client: CryptoCloud) -> None:
    client.invoices.create(amount="5")


def two_creates(client: CryptoCloud) -> None:
    client.invoices.create(amount="5")
    client.invoices.create(amount="6", locale="en")


def test_a_callers_client_that_builds_its_own_requests_still_builds_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = same_as_before(lambda: recorded_sync(Stamping(transport=Recording()), two_creates), monkeypatch)
    assert [r.headers["x-stamp"] for r in sent] == ["built-by-caller"] * 2
    sent = same_as_before(lambda: recorded_sync(MergingHeaders(transport=Recording()), two_creates), monkeypatch)
    assert [r.headers["x-merged"] for r in sent] == ["1"] * 2


def test_only_a_client_made_here_takes_prebuilt_requests() -> None:
    from cryptocloud._http import aiohttp_client, async_http_client, sync_http_client

    kwargs = create_invoice.request_kwargs(body=InvoiceCreateRequest(shop_id="s", amount=Decimal(1)))
    fast: list[httpx.Client | httpx.AsyncClient] = [sync_http_client(), async_http_client(), aiohttp_client()]
    # a caller's client is asked to build every request, however plain it is
    slow: list[httpx.Client | httpx.AsyncClient] = [httpx.Client(), httpx.AsyncClient(), Stamping(), MergingHeaders()]
    for http, expected in [*((h, True) for h in fast), *((h, False) for h in slow)]:
        core = Core.configure(api_key="k-0123456789", shop_id="s", base_url=None, timeout=5, max_retries=0)
        core.build(http, kwargs)
        assert bool(core._requests._urls) is expected, type(http)


def test_an_async_client_that_builds_its_own_requests_still_builds_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    def scenario() -> list[httpx.Request]:
        transport = Recording()

        async def run() -> None:
            async with AsyncCryptoCloud(
                api_key=API_KEY, shop_id=SHOP_ID, http_client=AsyncStamping(transport=transport)
            ) as client:
                await client.invoices.create(amount="5")

        asyncio.run(run())
        return transport.seen

    assert same_as_before(scenario, monkeypatch)[0].headers["x-stamp"] == "built-by-caller"


def test_a_build_request_patched_on_the_instance_is_still_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def scenario() -> list[httpx.Request]:
        http = httpx.Client(transport=Recording())
        original = http.build_request

        def patched(*args: Any, **kwargs: Any) -> httpx.Request:  # what an instrumentation library does
            request = original(*args, **kwargs)
            request.headers["traceparent"] = "00-abc-def-01"
            return request

        http.build_request = patched  # type: ignore[method-assign]
        return recorded_sync(http, one_create)

    assert same_as_before(scenario, monkeypatch)[0].headers["traceparent"] == "00-abc-def-01"


def test_auth_and_event_hooks_of_a_callers_client_act_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: list[str] = []

    def scenario() -> list[httpx.Request]:
        def hook(request: httpx.Request) -> None:
            hooked.append(request.headers["authorization"][:5])
            request.headers["X-Hook"] = str(len(hooked) % 2)

        http = httpx.Client(transport=Recording(), event_hooks={"request": [hook]}, auth=httpx.BasicAuth("u", "p"))
        return recorded_sync(http, two_creates)

    sent = same_as_before(scenario, monkeypatch)
    assert len(hooked) == 4 and hooked[:2] == hooked[2:]  # the caller's auth= applies as it did
    assert [r.headers["x-hook"] for r in sent] == ["1", "0"]


def test_default_headers_changed_between_calls_are_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    def calls(client: CryptoCloud) -> None:
        http = client._http
        client.invoices.create(amount="1")
        http.headers["X-Tenant"] = "t-1"
        client.invoices.create(amount="2")
        http.headers["X-Tenant"] = "t-2"
        client.invoices.create(amount="3")
        del http.headers["X-Tenant"]
        client.invoices.create(amount="4")
        http.headers = httpx.Headers({"Accept": "text/plain", "X-New": "n"})  # replaced
        client.invoices.create(amount="5")
        http.headers = httpx.Headers([(b"X-Bytes", b"caf\xc3\xa9")])  # a non-ASCII value, as bytes
        client.invoices.create(amount="6")
        http.headers["authorization"] = "Token someone-elses"  # ours wins, as before
        client.invoices.create(amount="7")

    sent = same_as_before(lambda: recorded_sync(httpx.Client(transport=Recording()), calls), monkeypatch)
    assert [r.headers.get("x-tenant") for r in sent] == [None, "t-1", "t-2", None, None, None, None]
    assert sent[4].headers["x-new"] == "n" and sent[4].headers["accept"] == "application/json"
    assert dict(sent[5].headers.raw)[b"X-Bytes"] == b"caf\xc3\xa9"
    assert {r.headers["authorization"] for r in sent} == {f"Token {API_KEY}"}


def test_base_url_with_a_path_and_the_locale_query(monkeypatch: pytest.MonkeyPatch) -> None:
    def calls(client: CryptoCloud) -> None:
        client.invoices.create(amount="1")
        client.invoices.create(amount="1", locale="ru")
        client.invoices.create(amount="1")

    sent = same_as_before(
        lambda: recorded_sync(httpx.Client(transport=Recording()), calls, base_url="https://proxy.example/cc/api/"),
        monkeypatch,
    )
    assert [str(r.url) for r in sent] == [
        "https://proxy.example/cc/api/v2/invoice/create",
        "https://proxy.example/cc/api/v2/invoice/create?locale=ru",
        "https://proxy.example/cc/api/v2/invoice/create",
    ]


def test_a_withdrawal_between_invoice_calls_never_sends_the_wrong_key(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(withdrawals_module, "_clock", lambda: now[0])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/out/create"):
            return json_response({"status": "success", "data": {"invoice_id": "OUT-1", "status": "created"}})
        return ok_create(request)

    made = Harness(mode, handler, withdrawal_key=WITHDRAWAL_KEY)
    for _ in range(2):
        made.create()
        made.call(made.client.withdrawals.create, currency_code="USDT_TRC20", to_address="TX1", amount="1")
        now[0] += 13
        made.create()
    keys = [(r.url.path, r.headers.get_list("authorization")) for r in made.requests]
    invoice, out = (
        ("/v2/invoice/create", [f"Token {API_KEY}"]),
        ("/v2/invoice/api/out/create", [f"Token {WITHDRAWAL_KEY}"]),
    )
    assert keys == [invoice, out, invoice, invoice, out, invoice]
    # the withdrawal's headers are not kept on the client's core
    assert len(made.client._core._requests._header_sets) <= 1


def test_async_tasks_sharing_one_client_each_send_their_own_request() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        asked = json.loads(request.content, parse_float=Decimal)
        stated = {"order_id": asked.get("order_id"), "amount_in_fiat": asked["amount"]}
        return json_response({"status": "success", "result": with_(CREATED, **stated)})

    transport = Recording(handler)

    async def run() -> list[Any]:
        async with AsyncCryptoCloud(
            api_key=API_KEY, shop_id=SHOP_ID, http_client=httpx.AsyncClient(transport=transport)
        ) as client:
            return await asyncio.gather(
                *(
                    client.invoices.create(amount=str(n + 1), order_id=f"o-{n}", locale=("ru" if n % 3 else None))
                    for n in range(60)
                )
            )

    invoices = asyncio.run(run())
    assert [i.additional_properties.get("order_id") for i in invoices] == [f"o-{n}" for n in range(60)]
    assert sorted(json.loads(r.content)["amount"] for r in transport.seen) == sorted(Decimal(n + 1) for n in range(60))
    for request in transport.seen:
        n = int(json.loads(request.content)["order_id"][2:])
        assert request.url.query == (b"locale=ru" if n % 3 else b"")
        assert request.headers["content-length"] == str(len(request.content))


def test_threads_sharing_one_sync_client_each_send_their_own_request() -> None:
    transport = Recording()
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=httpx.Client(transport=transport))
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(25):
                client.invoices.create(amount=str(i + 1), order_id=f"t{n}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(transport.seen) == 150
    assert sorted(json.loads(r.content)["order_id"] for r in transport.seen) == sorted(
        f"t{n}-{i}" for n in range(6) for i in range(25)
    )
    assert {r.headers["authorization"] for r in transport.seen} == {f"Token {API_KEY}"}


def test_a_header_changed_on_every_call_does_not_grow_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    transport = Recording()
    http = httpx.Client(transport=transport)
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http)
    for n in range(300):
        http.headers["X-Request-Id"] = f"r-{n}"
        client.invoices.create(amount="1")
    assert [r.headers["x-request-id"] for r in transport.seen] == [f"r-{n}" for n in range(300)]
    assert len(client._core._requests._header_sets) <= 65 and len(client._core._requests._urls) <= 65


def test_the_key_is_in_no_repr_of_what_the_fast_paths_keep() -> None:
    transport = Recording()
    http = httpx.Client(transport=transport)
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http, withdrawal_key=WITHDRAWAL_KEY)
    client.invoices.create(amount="1")
    core = client._core
    texts = [
        repr(client),
        repr(core),
        repr(core._requests._header_sets),
        repr(core._requests._urls),
        repr(transport.seen[0]),
        repr(transport.seen[0].headers),
        str(vars(client)),
        repr(client.withdrawals.__dict__),
    ]
    for text in texts:
        assert API_KEY not in text and WITHDRAWAL_KEY not in text, text


def test_two_clients_sharing_one_http_client_each_send_their_own_key() -> None:
    transport = Recording()
    http = httpx.Client(transport=transport)
    first = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http)
    second = CryptoCloud(api_key="sk_live_other-0123456789", shop_id=SHOP_ID, http_client=http)
    for _ in range(3):
        first.invoices.create(amount="1")
        second.invoices.create(amount="1")
        http.headers["X-Round"] = "next"
    keys = [r.headers.get_list("authorization") for r in transport.seen]
    assert keys == [[f"Token {API_KEY}"], ["Token sk_live_other-0123456789"]] * 3


def test_httpx_patched_after_a_first_call_is_still_used(monkeypatch: pytest.MonkeyPatch) -> None:
    transport = Recording()
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=httpx.Client(transport=transport))
    client.invoices.create(amount="1")
    original = httpx.Client.build_request

    def instrumented(self: httpx.Client, *args: Any, **kwargs: Any) -> httpx.Request:
        request = original(self, *args, **kwargs)
        request.headers["X-Instrumented"] = "1"
        return request

    monkeypatch.setattr(httpx.Client, "build_request", instrumented)  # what an instrumentation library does
    client.invoices.create(amount="1")
    monkeypatch.undo()
    client.invoices.create(amount="1")
    assert [r.headers.get("x-instrumented") for r in transport.seen] == [None, "1", None]
