"""The floor under a typed list page: what any decoder into the generated models must spend, measured.

    .venv/bin/python bench/floor.py

A raw ``json.loads`` of one page (100 invoices) builds dicts, floats and strings in C. A typed page must, on top
of that, at least: build the four generated attrs objects of each invoice (InvoiceDetails, Currency, Network,
Project), make each amount a Decimal and each timestamp an aware datetime, and look at each field once to know
its type. Each of those is timed here alone, in its cheapest form (values prepared beforehand, no checks), and
set against the budget the list page's 2.0x target leaves: the raw call's own time again.
``client.invoices.list`` does all of them plus the rest of a call; the generated strict ``from_dict`` (written
by codegen) is what it runs per invoice.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import httpx
from cryptocloud.models import InvoiceDetails
from cryptocloud.testing import FAKE_BASE_URL, FakeCryptoCloud
from cryptocloud_client import AuthenticatedClient, exact
from cryptocloud_client.api.invoices import create_invoice
from cryptocloud_client.models import Currency, InvoiceCreateRequest, Network, Project

PAGE = 100
LIST_TARGET = 2.0  # the largest ratio of a list page on the mock to the raw call (bench/compare.py)


def _page() -> bytes:
    fake = FakeCryptoCloud(api_key="k", shop_id="s", seed=1, validate=False)
    client = fake.client()
    for _ in range(PAGE):
        client.invoices.create(amount=100, order_id="seed")
    today = f"{datetime.now(UTC):%d.%m.%Y}"
    body = {"start": today, "end": today, "offset": 0, "limit": PAGE}
    request = httpx.Request(
        "POST", FAKE_BASE_URL + "/v2/invoice/merchant/list", json=body, headers={"Authorization": "Token k"}
    )
    return fake.handle(request).content


def _best(fn: Callable[[], object], number: int = 200, repeat: int = 7) -> float:
    """Seconds per call: the best of ``repeat`` runs, the least disturbed by other work on a shared machine."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def _init_kwargs(model: Any) -> dict[str, Any]:
    return {f.name: getattr(model, f.name) for f in attrs.fields(type(model)) if f.init}


def measure() -> list[tuple[str, float]]:
    """(what, microseconds per page), the raw parse first, then each part of the floor, then our reader."""
    content = _page()
    invoices = exact.loads(content)["result"]
    models = [InvoiceDetails.from_dict(item) for item in invoices]
    details = [_init_kwargs(m) for m in models]
    nested = [
        (_init_kwargs(m.currency), _init_kwargs(m.currency.network), _init_kwargs(m.project))
        for m in models
        if isinstance(m.currency, Currency)
        and isinstance(m.currency.network, Network)
        and isinstance(m.project, Project)
    ]
    assert len(nested) == PAGE
    amounts = [v for item in invoices for v in item.values() if type(v) in (int, Decimal) and type(v) is not bool]
    stamps = [v for item in invoices for k, v in item.items() if k in ("created", "expiry_date", "date_finished") and v]
    fields = [(item, list(item)) for item in invoices]

    def objects() -> None:
        for kw, (c, n, p) in zip(details, nested, strict=True):
            InvoiceDetails(**kw)
            Currency(**c)
            Network(**n)
            Project(**p)

    def look() -> None:
        for item, keys in fields:
            get = item.get
            for key in keys:
                _ = get(key).__class__

    return [
        ("json.loads of the page (the raw call parses this)", _best(lambda: json.loads(content))),
        ("the same with exact Decimal numbers (exact.loads)", _best(lambda: exact.loads(content))),
        (f"build {4 * PAGE} generated attrs objects, values ready", _best(objects)),
        (f"{len(amounts)} amounts to Decimal", _best(lambda: [Decimal(v) for v in amounts])),
        (
            f"{len(stamps)} timestamps to aware UTC datetimes",
            _best(lambda: [datetime.fromisoformat(s + "+00:00") for s in stamps]),
        ),
        (f"look at each of {sum(len(k) for _, k in fields)} fields once", _best(look)),
        (
            "the generated strict from_dict, the whole page",
            _best(lambda: [InvoiceDetails.from_dict(i) for i in invoices]),
        ),
    ]


def rows(raw_call: float | None = None) -> list[tuple[str, str, str]]:
    """Table rows for compare.py: each part in microseconds per page, and the floor against the budget."""
    measured = measure()
    floor = sum(seconds for name, seconds in measured[2:6])
    raw = raw_call if raw_call is not None else measured[0][1]
    out = [(f"list floor: {name}", f"{seconds * 1e6:,.0f} us/page", "") for name, seconds in measured]
    budget = (LIST_TARGET - 1) * raw
    out.append(
        (
            "list floor: typed work no decoder can skip (sum of the 4 parts)",
            f"{floor * 1e6:,.0f} us/page",
            f"{floor / budget:.1f}x the {budget * 1e6:,.0f} us a {LIST_TARGET}x target leaves over the raw call",
        )
    )
    return out


def generated_rows() -> list[tuple[str, str, str]]:
    """Where the generated package's create_invoice.sync spends beyond a raw httpx POST + json.loads, on a mock
    transport: the URL (httpx joining a relative one to the client's base_url costs more than the absolute one
    the endpoints now give it, joined by request_url), and building the typed answer (Response, HTTPStatus,
    from_dict) instead of json.loads."""
    fake = FakeCryptoCloud(api_key="k", shop_id="s", seed=1, validate=False)
    ask = {"shop_id": "s", "amount": 100, "currency": "USD", "order_id": "order-42"}
    url = FAKE_BASE_URL + "/v2/invoice/create"
    content = fake.handle(httpx.Request("POST", url, json=ask, headers={"Authorization": "Token k"})).content
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=content))
    raw = httpx.Client(transport=transport, headers={"Authorization": "Token k"})
    generated = AuthenticatedClient(base_url=FAKE_BASE_URL, token="k", httpx_args={"transport": transport})
    body = InvoiceCreateRequest(shop_id="s", amount=Decimal(100), order_id="order-42")
    kwargs = create_invoice.request_kwargs(body=body)
    http = generated.get_httpx_client()
    answer = http.request(**kwargs)
    measured = {
        "raw httpx POST + json.loads": _best(lambda: json.loads(raw.post(url, json=ask).content), 2000),
        "generated create_invoice.sync": _best(lambda: create_invoice.sync(client=generated, body=body), 2000),
        "its httpx request, relative URL (as the generator wrote it)": _best(lambda: http.request(**kwargs), 2000),
        "its httpx request, the same URL absolute": _best(lambda: http.request(**(kwargs | {"url": url})), 2000),
        "its typed answer (_build_response)": _best(
            lambda: create_invoice._build_response(client=generated, response=answer),
            2000,  # a bench may look inside
        ),
        "json.loads of the same answer": _best(lambda: json.loads(answer.content), 2000),
    }
    return [(f"generated create, mock: {name}", f"{value * 1e6:,.1f} us/call", "") for name, value in measured.items()]


if __name__ == "__main__":
    for name, value, note in rows() + generated_rows():
        print(f"{name:<80} {value:>14}  {note}")
