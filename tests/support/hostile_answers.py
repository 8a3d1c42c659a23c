"""The hostile-answer table: answers a server or proxy may give to a create, and transport faults, each with the one
exact error type it must end in (or a success and what it must hold). ``test_client_responses.py`` runs it on
invoice creation, ``test_withdrawals.py`` runs its answers and faults on a withdrawal."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from cryptocloud import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    Invoice,
    InvoiceStatus,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)

from support.harness import API_KEY, docs_response

UUID = "INV-89UX09KA"
CLOUDFLARE_520 = (
    "<!DOCTYPE html><html><head><title>api.cryptocloud.plus | 520: Web server is returning an unknown error"
    "</title></head><body><h1>Web server is returning an unknown error</h1><p>Ray ID: 8a1b2c3d4e5f</p></body></html>"
)
NGINX_502 = (
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
)


def docs_text(**changes: Any) -> str:
    """The docs' response with result fields changed (a value of ... deletes the field)."""
    body = docs_response()
    for key, value in changes.items():
        target = body["result"]
        *parents, last = key.split("__")
        for parent in parents:
            target = target[parent]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return json.dumps(body)


@dataclass
class Case:
    name: str
    status: int = 200
    body: str | bytes = ""
    headers: dict[str, str] = field(default_factory=dict)
    raises: type[Exception] | None = None  # None: the call must succeed
    uuid: str | None = None  # APIResponseValidationError.invoice_uuid
    # The error says the invoice may have been created. A success status with an unreadable body always does:
    # the server took the request, so the invoice may exist whatever its answer looks like.
    may_exist: bool | None = None
    exc: Callable[[httpx.Request], Exception] | None = None  # the transport raises this instead of answering
    check: Callable[[Any], object] | None = None  # extra assertions; a False result fails too

    def __post_init__(self) -> None:
        if self.may_exist is None:
            self.may_exist = self.raises is APIResponseValidationError


def wrong(name: str, **changes: Any) -> Case:
    """A 200 whose invoice has a wrong type or null somewhere: unreadable, but its uuid is kept."""
    return Case(
        name, body=docs_text(**changes), raises=APIResponseValidationError, uuid=None if "uuid" in changes else UUID
    )


def _unknown_values_kept(invoice: Invoice) -> None:
    assert invoice.status == "refunded" and not isinstance(invoice.status, InvoiceStatus)
    assert invoice.fiat_currency == "XYZ"
    assert invoice.side_commission == "both"


def _extra_fields_kept(invoice: Invoice) -> None:
    assert invoice.additional_properties == {"received": 0, "new_thing": {"a": [1]}}
    assert invoice.currency is not None and invoice.currency.additional_properties == {"short_code": "ETH"}  # type: ignore[union-attr]


def _string_amount_exact(invoice: Invoice) -> None:
    assert invoice.amount_usd == Decimal("100.10") and str(invoice.amount_usd) == "100.10"


def _numbers_exact(invoice: Invoice) -> None:
    assert invoice.amount_usd == Decimal(2**70) and type(invoice.amount_usd) is Decimal
    assert str(invoice.fee) == "-0.0" and invoice.service_fee == Decimal(0) and invoice.amount == Decimal("1E-40")


def _non_ascii_text() -> str:
    body = docs_response()
    body["result"] |= {"link": "pay.trybit.com/\u00e9\u4e2d", "extra": "\u0000\u2028"}
    return json.dumps(body, ensure_ascii=False)


def _non_ascii_kept(invoice: Invoice) -> None:
    assert (invoice.link, invoice.pay_url) == ("pay.trybit.com/\u00e9\u4e2d", "https://pay.trybit.com/\u00e9\u4e2d")
    assert invoice.additional_properties == {"extra": "\u0000\u2028"}


def _errors_by_field(error: APIStatusError) -> None:
    assert error.errors == {"amount": ["A valid number is required."], "shop_id": ["This field is required."]}


def _rate_limited(error: RateLimitError) -> None:
    assert error.retry_after == 7.0


def _not_followed(error: APIStatusError) -> None:
    assert "not followed" in error.message


CASES = [
    # --- proxies and servers failing
    Case("html 502 from nginx", 502, NGINX_502, raises=InternalServerError, may_exist=True),
    Case("html 520 from cloudflare", 520, CLOUDFLARE_520, raises=InternalServerError, may_exist=True),
    Case("cloudflare 522 empty", 522, "", raises=InternalServerError, may_exist=True),
    Case("cloudflare 524 text", 524, "A timeout occurred", raises=InternalServerError, may_exist=True),
    Case("500 json", 500, '{"detail": "Internal server error"}', raises=InternalServerError, may_exist=True),
    Case("503 html", 503, "<h1>Service Unavailable</h1>", raises=InternalServerError, may_exist=True),
    Case("499 nginx client closed", 499, "", raises=InternalServerError, may_exist=True),
    Case("500 non-utf8", 500, b"\xff\xfe\x00oops\x80", raises=InternalServerError, may_exist=True),
    # --- a 5xx is a server failure whatever its words: never "not created" because it mentions a token
    Case(
        "500 detail mentions token", 500, '{"detail": "Token decode error"}', raises=InternalServerError, may_exist=True
    ),
    Case("502 detail mentions header", 502, '{"detail": "Bad header"}', raises=InternalServerError, may_exist=True),
    Case(
        "500 with authorization envelope",
        500,
        '{"status": "error", "result": {"authorization": "Unauthorized request."}}',
        raises=InternalServerError,
        may_exist=True,
    ),
    Case(
        "201 without the envelope",
        201,
        json.dumps(docs_response()["result"]),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    # --- unreadable success bodies
    Case("200 empty body", 200, "", raises=APIResponseValidationError),
    Case("200 truncated json", 200, docs_text()[:200], raises=APIResponseValidationError, uuid=UUID),
    Case("200 json array", 200, "[]", raises=APIResponseValidationError),
    Case("200 json null", 200, "null", raises=APIResponseValidationError),
    Case("200 html", 200, "<html>maintenance</html>", raises=APIResponseValidationError),
    Case(
        "200 non-utf8 bytes",
        200,
        b'{"status": "success", "result": {"uuid": "\xff\xfe"}}',
        raises=APIResponseValidationError,
    ),
    Case(
        "200 NaN amount",
        200,
        docs_text().replace('"amount_usd": 100.0', '"amount_usd": NaN'),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "200 Infinity fee",
        200,
        docs_text().replace('"fee_usd": 0.01', '"fee_usd": -Infinity'),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "200 huge exponent money",
        200,
        docs_text().replace('"amount_usd": 100.0', '"amount_usd": 1e999999'),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "200 huge exponent id",
        200,
        docs_text().replace('"order": 9', '"order": 1e999999'),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "200 huge integer",
        200,
        docs_text().replace('"order": 9', '"order": ' + "9" * 5000),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "200 deeply nested",
        200,
        '{"status": "success", "result": ' + "[" * 100_000 + "]" * 100_000 + "}",
        raises=APIResponseValidationError,
    ),
    Case("204 no content", 204, "", raises=APIResponseValidationError),
    Case("200 missing result", 200, '{"status": "success"}', raises=APIResponseValidationError),
    Case("200 result is a list", 200, '{"status": "success", "result": [1]}', raises=APIResponseValidationError),
    Case("200 result is null", 200, '{"status": "success", "result": null}', raises=APIResponseValidationError),
    Case(
        "200 unknown envelope status",
        200,
        docs_text().replace('"success"', '"ok"', 1),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case("200 missing uuid", 200, docs_text(uuid=...), raises=APIResponseValidationError, uuid=None),
    wrong("missing created", created=...),
    wrong("missing link", link=...),
    wrong("missing amount_usd", amount_usd=...),
    wrong("uuid is a number", uuid=12345),
    wrong("link is null", link=None),
    wrong("status is a number", status=1),
    wrong("created is not a timestamp", created="yesterday"),
    wrong("created is null", created=None),
    wrong("amount_usd is text", amount_usd="a lot"),
    wrong("amount_usd is a boolean", amount_usd=True),
    wrong("fee is a list", fee=[1]),
    wrong("test_mode is a string", test_mode="yes"),
    wrong("is_email_required is a number", is_email_required=1),
    wrong("currency is a list", currency=[]),
    wrong("currency id is text", currency__id="three"),
    wrong("currency network is text", currency__network="ERC20"),
    wrong("currency network code is null", currency__network__code=None),
    wrong("currency network id is a float", currency__network__id=3.5),
    wrong("currency stablecoin is null", currency__stablecoin=None),
    wrong("project is a string", project="MyShop"),
    wrong("project is null", project=None),
    wrong("project id is null", project__id=None),
    wrong("project name is a number", project__name=7),
    wrong("created is a number", created=20260101),
    wrong("created in month 13", created="2026-13-01 00:00:00.000000"),
    Case(
        "amount_usd beyond 1E+40",
        200,
        docs_text().replace('"amount_usd": 100.0', '"amount_usd": 1E+41'),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    # --- unusual but valid: these must succeed
    Case(
        "unknown status, fiat and side values",
        body=docs_text(status="refunded", fiat_currency="XYZ", side_commission="both"),
        check=_unknown_values_kept,
    ),
    Case(
        "unknown currency code",
        body=docs_text(currency__code="NEWCOIN", currency__fullcode="NEWCOIN_CHAIN"),
        check=lambda inv: (inv.currency.code, inv.currency.fullcode) == ("NEWCOIN", "NEWCOIN_CHAIN"),
    ),
    Case(
        "extra fields",
        body=docs_text(received=0, new_thing={"a": [1]}, currency__short_code="ETH"),
        check=_extra_fields_kept,
    ),
    Case("amount as a string", body=docs_text(amount_usd="100.10"), check=_string_amount_exact),
    Case("currency null", body=docs_text(currency=None), check=lambda inv: inv.currency is None),
    Case("address null", body=docs_text(address=None), check=lambda inv: inv.address is None),
    Case(
        "timestamp without fraction",
        body=docs_text(created="2023-01-02 12:00:00"),
        check=lambda inv: inv.created.isoformat() == "2023-01-02T12:00:00+00:00",
    ),
    Case("201 created", 201, docs_text(), check=lambda inv: inv.uuid == UUID),
    Case(  # which of two values is meant cannot be told: no reader's choice decides what happened to the money
        "duplicate keys: unreadable, the invoice may exist",
        body=docs_text()[:-2] + ', "amount_usd": 1E+40, "status": "canceled"}}',
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "a repeated status: success, then error",
        body=docs_text()[:-1] + ', "status": "error"}',
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "an error status beside a result naming the invoice",
        body=docs_text().replace('"status": "success"', '"status": "error"', 1),
        raises=APIResponseValidationError,
        uuid=UUID,
    ),
    Case(
        "big integers, negative zero and a tiny exponent",
        body=docs_text(amount_usd=2**70, fee=-0.0, service_fee=0, amount="1E-40").replace('"1E-40"', "1E-40"),
        check=_numbers_exact,
    ),
    Case("non-ASCII text and control characters", body=_non_ascii_text(), check=_non_ascii_kept),
    Case(
        "a success with a null detail",
        body=docs_text().replace('"status": "success"', '"status": "success", "detail": null', 1),
        check=lambda inv: inv.uuid == UUID,
    ),
    # --- the API's error shapes
    Case(
        "400 errors by field",
        400,
        json.dumps(
            {
                "status": "error",
                "result": {"amount": ["A valid number is required."], "shop_id": "This field is required."},
            }
        ),
        raises=BadRequestError,
        check=_errors_by_field,
    ),
    Case(
        "400 validate_error",
        400,
        '{"status": "error", "result": {"validate_error": "Invoice is not created"}}',
        raises=BadRequestError,
        check=lambda e: e.errors == {"validate_error": ["Invoice is not created"]},
    ),
    Case(
        "400 result is text",
        400,
        '{"status": "error", "result": "Bad shop"}',
        raises=BadRequestError,
        check=lambda e: e.errors == {"error": ["Bad shop"]},
    ),
    Case("400 empty", 400, "", raises=BadRequestError),
    Case(
        "400 authorization shape",
        400,
        '{"status": "error", "result": {"authorization": "Unauthorized request."}}',
        raises=AuthenticationError,
    ),
    Case(
        "200 with authorization error",
        200,
        '{"status": "error", "result": {"authorization": "Unauthorized request."}}',
        raises=AuthenticationError,
    ),
    Case(
        "200 with validation error",
        200,
        '{"status": "error", "result": {"validate_error": "nope"}}',
        raises=BadRequestError,
    ),
    Case("401 signature", 401, '{"detail": "Signature verification failed"}', raises=AuthenticationError),
    Case("403 header padding", 403, '{"detail": "Invalid header padding"}', raises=AuthenticationError),
    Case(
        "403 permission",
        403,
        '{"detail": "You do not have permission to perform this action."}',
        raises=PermissionDeniedError,
    ),
    Case("403 html", 403, "<html><body>Forbidden</body></html>", raises=PermissionDeniedError),
    Case("404 text", 404, "Not Found", raises=NotFoundError),
    Case("418 unexpected 4xx", 418, "teapot", raises=APIStatusError),
    Case(
        "429 retry-after",
        429,
        '{"detail": "Request was throttled."}',
        {"Retry-After": "7"},
        raises=RateLimitError,
        check=_rate_limited,
    ),
    # --- a redirect is never followed, and after a create it says the invoice may exist: HTTP defines 303 as
    # "done, see there", and a server may redirect after carrying a request out
    Case(
        "301 redirect",
        301,
        "",
        {"Location": "https://evil.example/v2/invoice/create"},
        raises=APIStatusError,
        check=_not_followed,
        may_exist=True,
    ),
    Case(
        "303 see other",
        303,
        '{"detail": "created"}',
        {"Location": "/v2/invoice/merchant/info"},
        raises=APIStatusError,
        check=_not_followed,
        may_exist=True,
    ),
    Case(
        "307 redirect", 307, "", {"Location": "/elsewhere"}, raises=APIStatusError, check=_not_followed, may_exist=True
    ),
    Case(
        "400 echoing the key",
        400,
        json.dumps({"status": "error", "result": {"authorization": f"bad key {API_KEY}"}}),
        raises=AuthenticationError,
    ),
    # --- the transport failing
    Case(
        "connection refused",
        exc=lambda r: httpx.ConnectError("Connection refused", request=r),
        raises=APIConnectionError,
    ),
    Case("connect timeout", exc=lambda r: httpx.ConnectTimeout("timed out", request=r), raises=APITimeoutError),
    Case("pool timeout", exc=lambda r: httpx.PoolTimeout("no connection", request=r), raises=APITimeoutError),
    Case(
        "write timeout",
        exc=lambda r: httpx.WriteTimeout("timed out", request=r),
        raises=APITimeoutError,
        may_exist=True,
    ),
    Case(
        "read timeout", exc=lambda r: httpx.ReadTimeout("timed out", request=r), raises=APITimeoutError, may_exist=True
    ),
    Case(
        "reset after send",
        exc=lambda r: httpx.RemoteProtocolError("Server disconnected", request=r),
        raises=APIConnectionError,
        may_exist=True,
    ),
    Case(
        "read error",
        exc=lambda r: httpx.ReadError("Connection reset by peer", request=r),
        raises=APIConnectionError,
        may_exist=True,
    ),
]


def handler_for(case: Case) -> Callable[[httpx.Request], httpx.Response]:
    """A transport handler that answers as ``case`` says, or raises its transport error."""

    def handler(request: httpx.Request) -> httpx.Response:
        if case.exc is not None:
            raise case.exc(request)
        content = case.body if isinstance(case.body, bytes) else case.body.encode()
        return httpx.Response(case.status, content=content, headers=case.headers)

    return handler
