"""How each request is built. A client this package made builds it from parts kept per client: exactly the request
httpx's own ``build_request`` makes, whatever changes between calls. A caller's own client is asked to build every
request, so that its headers, hooks, auth, subclass or instrumentation apply. What is sent, seen at the transport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, CryptoCloud
from cryptocloud._core import Core
from cryptocloud._http import aiohttp_client, async_http_client, made_here, sync_http_client
from cryptocloud._requests import _CACHE_LIMIT
from cryptocloud.testing import FakeCryptoCloud
from cryptocloud_client.api.balances import get_balances
from cryptocloud_client.api.invoices import create_invoice, get_invoice_info, list_invoices
from cryptocloud_client.models import EmptyRequest, InvoiceCreateRequest, InvoiceInfoRequest, InvoiceListRequest, Locale
from support.harness import API_KEY, SHOP_ID, WireClient, docs_response, echoing
from support.wire import WireServer

CORE = Core.configure(api_key="build-test-key-0123", shop_id="shop", base_url=None, timeout=12.5, max_retries=2)


def reference(core: Core, http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
    """httpx's own merge of everything: what ``build_request`` makes of the operation, our headers and timeout."""
    return http.build_request(
        kwargs["method"],
        core.base_url + kwargs["url"],
        params=kwargs.get("params") or None,
        content=kwargs.get("content"),
        headers=core._headers | kwargs.get("headers", {}),
        timeout=core.timeout,
    )


def wire(request: httpx.Request) -> tuple[Any, ...]:
    return (request.method, str(request.url), request.headers.multi_items(), request.content, request.extensions)


def operations() -> list[dict[str, Any]]:
    body = InvoiceCreateRequest(shop_id="shop", amount=Decimal("10.50"), order_id="o-1")
    return [
        create_invoice.request_kwargs(body=body),
        create_invoice.request_kwargs(body=body, locale=Locale.RU),  # a query parameter
        get_invoice_info.request_kwargs(body=InvoiceInfoRequest(uuids=["INV-1"])),
        list_invoices.request_kwargs(body=InvoiceListRequest(start="01.01.2026", end="02.01.2026")),
        get_balances.request_kwargs(body=EmptyRequest()),
    ]


MADE_HERE: dict[str, Callable[[], httpx.Client | httpx.AsyncClient]] = {
    "sync": sync_http_client,
    "async": async_http_client,
    "aiohttp": aiohttp_client,
}


# ------------------------------------------------------------------ a client made here: from kept parts


@pytest.mark.parametrize("kind", sorted(MADE_HERE))
def test_a_client_made_here_builds_the_request_httpx_would(kind: str) -> None:
    http = MADE_HERE[kind]()
    assert made_here(http)
    for kwargs in operations():
        for _ in range(2):  # the second time from what was kept
            assert wire(CORE.build(http, kwargs)) == wire(reference(CORE, http, kwargs))
    http.headers["X-Tenant"] = "t-9"  # a change to the client's own headers is seen
    for kwargs in operations():
        built = CORE.build(http, kwargs)
        assert built.headers["x-tenant"] == "t-9" and wire(built) == wire(reference(CORE, http, kwargs))


def test_requests_do_not_share_headers() -> None:
    http = sync_http_client()
    first = CORE.build(http, operations()[0])
    first.headers["X-Mutated"] = "1"
    assert "x-mutated" not in CORE.build(http, operations()[0]).headers


def test_a_header_changed_on_every_call_is_sent_and_what_is_kept_stays_bounded() -> None:
    transport = Recording()
    client = CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, transport=transport)
    for n in range(300):
        client._http.headers["X-Request-Id"] = f"r-{n}"
        client.invoices.create(amount="1")
    assert [r.headers["x-request-id"] for r in transport.seen] == [f"r-{n}" for n in range(300)]
    kept = client._core._requests
    assert len(kept._header_sets) <= _CACHE_LIMIT + 1 and len(kept._urls) <= _CACHE_LIMIT + 1


def test_a_client_made_here_neither_keeps_nor_sends_back_cookies(backend: str) -> None:
    fake = FakeCryptoCloud(seed=1)

    def app(request: httpx.Request) -> httpx.Response:
        answer = fake.handle(request)
        answer.headers["Set-Cookie"] = "__cf_bm=abc123; Path=/; HttpOnly"
        return answer

    # A host name, not 127.0.0.1: aiohttp's own cookie jar keeps no cookies of an IP address.
    with WireServer(app) as server, WireClient(backend, server.url.replace("127.0.0.1", "localhost")) as made:
        assert [made.run(made.client.balances.list) for _ in range(2)] == [[], []]
        # Kept by none of httpx's jars either (httpx reads each answer's cookies into the client's public jar).
        assert list(made.client._http.cookies.jar) == []
        with pytest.raises(AttributeError, match="keeps no cookies: pass http_client="):
            made.client._http.cookies = {"__cf_bm": "abc123"}
    assert [r.headers.get("cookie") for r in server.requests] == [None, None]


# ------------------------------------------------------------------ made here or given: the same requests


class Recording(httpx.MockTransport):
    """A mock transport that answers creates (echoing the amount asked) and keeps every request it is sent."""

    def __init__(self) -> None:
        self.seen: list[httpx.Request] = []
        ok_create = echoing({"status": "success", "result": docs_response()["result"]})

        def record(request: httpx.Request) -> httpx.Response:
            self.seen.append(request)
            return ok_create(request)

        super().__init__(record)


def sent_by(calls: Callable[[CryptoCloud], None], given: bool, **options: Any) -> list[httpx.Request]:
    """The requests ``calls`` sends on a client that made its HTTP client (``given``: one it was given)."""
    transport = Recording()
    http: dict[str, Any] = {"http_client": httpx.Client(transport=transport)} if given else {"transport": transport}
    with CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, **http, **options) as client:
        calls(client)
    return transport.seen


GIVEN = pytest.mark.parametrize("given", [False, True], ids=["client made here", "http_client="])


@GIVEN
def test_default_headers_changed_between_calls_are_sent(given: bool) -> None:
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
        http.headers["authorization"] = "Token someone-elses"  # ours wins
        client.invoices.create(amount="7")

    sent = sent_by(calls, given)
    assert [json.loads(r.content)["amount"] for r in sent] == [1, 2, 3, 4, 5, 6, 7]
    assert [r.headers.get("x-tenant") for r in sent] == [None, "t-1", "t-2", None, None, None, None]
    assert sent[4].headers["x-new"] == "n" and sent[4].headers["accept"] == "application/json"
    assert dict(sent[5].headers.raw)[b"X-Bytes"] == b"caf\xc3\xa9"
    assert {r.headers["authorization"] for r in sent} == {f"Token {API_KEY}"}


@GIVEN
def test_base_url_with_a_path_and_the_locale_query(given: bool) -> None:
    def calls(client: CryptoCloud) -> None:
        client.invoices.create(amount="1")
        client.invoices.create(amount="1", locale="ru")
        client.invoices.create(amount="1")

    sent = sent_by(calls, given, base_url="https://proxy.example/cc/api/")
    assert [str(r.url) for r in sent] == [
        "https://proxy.example/cc/api/v2/invoice/create",
        "https://proxy.example/cc/api/v2/invoice/create?locale=ru",
        "https://proxy.example/cc/api/v2/invoice/create",
    ]


# ------------------------------------------------------------------ a caller's own client builds every request


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


def through(http: httpx.Client, calls: Callable[[CryptoCloud], None]) -> list[httpx.Request]:
    """The requests ``calls`` sends through the caller's client ``http`` (on a Recording transport)."""
    with CryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http) as client:
        calls(client)
    return list(http._transport.seen)  # type: ignore[attr-defined]


def one_create(client: CryptoCloud) -> None:
    client.invoices.create(amount="5")


def two_creates(client: CryptoCloud) -> None:
    client.invoices.create(amount="5")
    client.invoices.create(amount="6", locale="en")


@pytest.mark.parametrize(
    ("kind", "header", "value"), [(Stamping, "x-stamp", "built-by-caller"), (MergingHeaders, "x-merged", "1")]
)
def test_a_callers_client_that_builds_its_own_requests_still_builds_ours(
    kind: type[httpx.Client], header: str, value: str
) -> None:
    sent = through(kind(transport=Recording()), two_creates)
    assert [r.headers[header] for r in sent] == [value, value]
    assert [json.loads(r.content)["amount"] for r in sent] == [5, 6]
    assert [r.url.query for r in sent] == [b"", b"locale=en"]
    assert {r.headers["authorization"] for r in sent} == {f"Token {API_KEY}"}


def test_an_async_client_that_builds_its_own_requests_still_builds_ours() -> None:
    transport = Recording()

    async def run() -> None:
        http = AsyncStamping(transport=transport)
        async with AsyncCryptoCloud(api_key=API_KEY, shop_id=SHOP_ID, http_client=http) as client:
            await client.invoices.create(amount="5")

    asyncio.run(run())
    (sent,) = transport.seen
    assert sent.headers["x-stamp"] == "built-by-caller" and sent.headers["authorization"] == f"Token {API_KEY}"


def test_a_build_request_patched_on_the_instance_is_still_used() -> None:
    http = httpx.Client(transport=Recording())
    original = http.build_request

    def patched(*args: Any, **kwargs: Any) -> httpx.Request:  # what an instrumentation library does
        request = original(*args, **kwargs)
        request.headers["traceparent"] = "00-abc-def-01"
        return request

    http.build_request = patched  # type: ignore[method-assign]
    (sent,) = through(http, one_create)
    assert sent.headers["traceparent"] == "00-abc-def-01"


def test_auth_and_event_hooks_of_a_callers_client_apply() -> None:
    hooked: list[str] = []

    def hook(request: httpx.Request) -> None:
        hooked.append(request.headers["authorization"][:5])
        request.headers["X-Hook"] = str(len(hooked) % 2)

    http = httpx.Client(transport=Recording(), event_hooks={"request": [hook]}, auth=httpx.BasicAuth("u", "p"))
    sent = through(http, two_creates)
    assert hooked == ["Basic", "Basic"]  # the caller's auth= is the caller's choice, and it wins
    assert [r.headers["x-hook"] for r in sent] == ["1", "0"]


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
