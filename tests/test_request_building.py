"""``Core.build`` builds, from parts kept per client, exactly the request ``http.build_request`` would."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud._core import Core
from cryptocloud_client.api.balances import get_balances
from cryptocloud_client.api.invoices import create_invoice, get_invoice_info, list_invoices
from cryptocloud_client.models import EmptyRequest, InvoiceCreateRequest, InvoiceInfoRequest, InvoiceListRequest, Locale

CORE = Core.configure(api_key="build-test-key-0123", shop_id="shop", base_url=None, timeout=12.5, max_retries=2)


def reference(core: Core, http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
    """What the client built before: httpx's own merge of everything."""
    return http.build_request(
        kwargs["method"],
        core.base_url + kwargs["url"],
        params=kwargs.get("params") or None,
        content=kwargs.get("content"),
        headers=core._headers | kwargs.get("headers", {}),
        timeout=core.timeout,
    )


def operations() -> list[dict[str, Any]]:
    body = InvoiceCreateRequest(shop_id="shop", amount=Decimal("10.50"), order_id="o-1")
    return [
        create_invoice.request_kwargs(body=body),
        create_invoice.request_kwargs(body=body, locale=Locale.RU),  # a query parameter
        get_invoice_info.request_kwargs(body=InvoiceInfoRequest(uuids=["INV-1"])),
        list_invoices.request_kwargs(body=InvoiceListRequest(start="01.01.2026", end="02.01.2026")),
        get_balances.request_kwargs(body=EmptyRequest()),
    ]


def clients() -> list[httpx.Client | httpx.AsyncClient]:
    with_cookie = httpx.Client()
    with_cookie.cookies.set("__cf_bm", "abc", domain="api.trybit.com")
    return [
        httpx.Client(),
        httpx.AsyncClient(),
        httpx.Client(headers={"User-Agent": "mine/1.0", "X-Trace": "t-1", "Accept": "text/plain"}),
        httpx.Client(params={"debug": "1"}),
        with_cookie,
    ]


@pytest.mark.parametrize("client_index", range(5))
def test_the_same_request_as_httpx_builds(client_index: int) -> None:
    http = clients()[client_index]
    for kwargs in operations():
        for _ in range(2):  # the second time from what was kept
            ours, theirs = CORE.build(http, kwargs), reference(CORE, http, kwargs)
            assert (ours.method, str(ours.url)) == (theirs.method, str(theirs.url))
            assert ours.headers.multi_items() == theirs.headers.multi_items()
            assert ours.content == theirs.content
            assert ours.extensions == theirs.extensions


def test_a_change_to_the_clients_headers_is_seen() -> None:
    http = httpx.Client()
    kwargs = operations()[0]
    assert "x-tenant" not in CORE.build(http, kwargs).headers
    http.headers["X-Tenant"] = "t-9"
    assert CORE.build(http, kwargs).headers["x-tenant"] == "t-9"
    assert CORE.build(http, kwargs).headers.multi_items() == reference(CORE, http, kwargs).headers.multi_items()


def test_requests_do_not_share_headers() -> None:
    http = httpx.Client()
    first = CORE.build(http, operations()[0])
    first.headers["X-Mutated"] = "1"
    assert "x-mutated" not in CORE.build(http, operations()[0]).headers
