"""verify_postback: a table of genuine and forged notifications."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import jwt
import pytest
from cryptocloud import InvalidParameterError
from cryptocloud.postbacks import Postback, PostbackInvoice, PostbackVerificationError, verify_postback
from support.harness import docs_response

SECRET = "project-secret-key-0123456789abcdef"
# Far ahead: the table is built at collection, which can be minutes before a test runs.
LATER = int(time.time()) + 86400
OTHER_SECRET = "some-other-projects-secret-key-000000"
INVOICE = "89UX09KA"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def token(claims: dict[str, Any] | None = None, *, key: str = SECRET, algorithm: str = "HS256", **headers: Any) -> str:
    payload = {"id": 13, "exp": LATER} if claims is None else claims
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers or None)


def fields(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "status": "success",
        "invoice_id": INVOICE,
        "amount_crypto": 0.033366,
        "currency": "ETH",
        "order_id": "ORDER_93223",
        "token": token(),
    }
    for key, value in changes.items():
        if value is ...:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def as_json(**changes: Any) -> bytes:
    return json.dumps(fields(**changes)).encode()


def as_form(**changes: Any) -> bytes:
    return urlencode({k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in fields(**changes).items()}).encode()


def unsigned_none_token() -> str:
    header = jwt.utils.base64url_encode(b'{"alg":"none","typ":"JWT"}').decode()
    payload = jwt.utils.base64url_encode(json.dumps({"id": 13, "exp": LATER}).encode()).decode()
    return f"{header}.{payload}."


def forged_header(alg: str) -> str:
    """A token claiming another algorithm: refused on its header, before any signature is checked."""
    header = jwt.utils.base64url_encode(json.dumps({"alg": alg, "typ": "JWT"}).encode()).decode()
    payload = jwt.utils.base64url_encode(json.dumps({"id": 13, "exp": LATER}).encode()).decode()
    return f"{header}.{payload}.c2lnbmF0dXJl"


@dataclass
class Case:
    name: str
    body: bytes | str
    content_type: str | None
    reason: str | None = None  # None: accepted
    check: Callable[[Postback], object] | None = None


AMOUNT = "postback.amount_crypto: "  # where the generated decoder says the amount is wrong

CASES = [
    Case(
        "valid json",
        as_json(),
        JSON,
        check=lambda p: (p.invoice_uuid, p.amount_crypto) == ("INV-89UX09KA", Decimal("0.033366")),
    ),
    Case(
        "valid form",
        as_form(),
        FORM,
        check=lambda p: p.amount_crypto == Decimal("0.033366") and p.order_id == "ORDER_93223",
    ),
    Case("json with charset", as_json(), "application/json; charset=utf-8"),
    Case("content type sniffed", as_json(), None),
    Case("body as str", as_json().decode(), JSON),
    Case("amount as string", as_json(amount_crypto="0.10"), JSON, check=lambda p: str(p.amount_crypto) == "0.10"),
    Case(
        "extra fields",
        as_json(surprise={"a": 1}),
        JSON,
        check=lambda p: p.additional_properties == {"surprise": {"a": 1}},
    ),
    Case(
        "integer id in token",
        as_json(token=token({"id": 13, "exp": LATER})),
        JSON,
        check=lambda p: p.token_payload["id"] == 13,
    ),
    Case("token names this invoice", as_json(token=token({"id": "INV-89UX09KA", "exp": LATER})), JSON),
    Case(
        "invoice_info parsed",
        as_json(invoice_info=docs_response()["result"] | {"order_id": "ORDER_93223"}),
        JSON,
        check=lambda p: isinstance(p.invoice_info, PostbackInvoice) and p.invoice_info.order_id == "ORDER_93223",
    ),
    Case(
        "invoice_info in a form",
        as_form(invoice_info=docs_response()["result"]),
        FORM,
        check=lambda p: isinstance(p.invoice_info, PostbackInvoice),
    ),
    Case(
        "invoice_info unreadable is kept",
        as_json(invoice_info={"uuid": 5}),
        JSON,
        check=lambda p: p.invoice_info is None or p.additional_properties["invoice_info"] == {"uuid": 5},
    ),
    Case("order_id null (static wallet)", as_json(order_id=None), JSON, check=lambda p: p.order_id is None),
    Case("expired", as_json(token=token({"id": 13, "exp": int(time.time()) - 120})), JSON, "token expired"),
    Case(
        "not yet valid",
        as_json(token=token({"id": 13, "exp": LATER, "nbf": LATER - 3600})),
        JSON,
        "token not yet valid",
    ),
    Case(
        "issued in the future",
        as_json(token=token({"id": 13, "exp": LATER, "iat": LATER - 3600})),
        JSON,
        "token not yet valid",
    ),
    Case("no exp", as_json(token=token({"id": 13})), JSON, "token has no 'exp' claim"),
    Case(
        "wrong secret",
        as_json(token=token(key=OTHER_SECRET)),
        JSON,
        "token signature does not match (wrong secret key?)",
    ),
    Case("alg none", as_json(token=unsigned_none_token()), JSON, "token algorithm 'none' is not HS256"),
    Case("RS256 header", as_json(token=forged_header("RS256")), JSON, "token algorithm 'RS256' is not HS256"),
    Case("HS512", as_json(token=forged_header("HS512")), JSON, "token algorithm 'HS512' is not HS256"),
    Case(
        "token names another invoice",
        as_json(token=token({"id": "INV-OTHER123", "exp": LATER})),
        JSON,
        "token is for invoice 'INV-OTHER123', body is for '89UX09KA'",
    ),
    Case(
        "token invoice_id claim differs",
        as_json(token=token({"invoice_id": "ZZZ", "exp": LATER})),
        JSON,
        "token is for invoice 'ZZZ', body is for '89UX09KA'",
    ),
    Case("missing token", as_json(token=...), JSON, "no token"),
    Case("malformed token", as_json(token="not.a.jwt"), JSON, "malformed token (header is not base64url)"),
    Case("token not a string", as_json(token=12), JSON, "no token"),
    Case("empty body", b"", JSON, "empty body"),
    Case("whitespace body", b"  \n", FORM, "empty body"),
    Case("body not json", b"{not json", JSON, "body is not valid JSON"),
    Case("json array", b"[1, 2]", JSON, "body is not a JSON object"),
    Case("neither json nor form", b"\xff\xfe garbage", FORM, "body is neither JSON nor a URL-encoded form"),
    Case(
        "unsupported content type",
        as_json(),
        "text/plain",
        "unsupported content type 'text/plain' (expected JSON or a form)",
    ),
    Case("form repeats a field", as_form() + b"&invoice_id=OTHER", FORM, "form repeats invoice_id"),
    Case("missing invoice_id", as_json(invoice_id=...), JSON, "missing field invoice_id"),
    Case("missing amount", as_json(amount_crypto=...), JSON, AMOUNT + "missing"),
    Case("missing currency", as_json(currency=...), JSON, "postback.currency: missing"),
    Case("amount not a number", as_json(amount_crypto="lots"), JSON, "postback.amount_crypto: 'lots' is not a number"),
    Case(
        "amount NaN text", as_json(amount_crypto="NaN"), JSON, "postback.amount_crypto: 'NaN' is not a plausible amount"
    ),
    Case("status not text", as_json(status=1), JSON, "postback.status: expected str, got int 1"),
]


def test_table_size() -> None:
    assert len(CASES) >= 15
    assert sum(c.reason is None for c in CASES) >= 8 and sum(c.reason is not None for c in CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_postback(case: Case) -> None:
    if case.reason is None:
        postback = verify_postback(case.body, case.content_type, SECRET)
        assert isinstance(postback, Postback)
        assert isinstance(postback.amount_crypto, Decimal)
        if case.check is not None:
            assert case.check(postback) is not False
        return
    with pytest.raises(PostbackVerificationError) as info:
        verify_postback(case.body, case.content_type, SECRET)
    assert info.value.reason == case.reason
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)


def test_leeway_accepts_a_little_clock_skew() -> None:
    late = as_json(token=token({"id": 13, "exp": int(time.time()) - 5}))
    with pytest.raises(PostbackVerificationError):
        verify_postback(late, JSON, SECRET)
    assert verify_postback(late, JSON, SECRET, leeway=30).invoice_id == INVOICE


@pytest.mark.parametrize("secret", ["", "   ", None])
def test_a_missing_secret_is_a_programming_error(secret: Any) -> None:
    with pytest.raises(InvalidParameterError) as info:
        verify_postback(as_json(), JSON, secret)
    assert info.value.field == "secret"


def test_the_fake_signs_postbacks_that_verify() -> None:
    from cryptocloud.testing import FakeCryptoCloud

    for postback_format in ("json", "form"):
        fake = FakeCryptoCloud(postback_format=postback_format, seed=5)
        client = fake.client()
        invoice = client.invoices.create(amount=Decimal("10"), order_id="o-1")
        assert isinstance(invoice.amount, Decimal)
        half = invoice.amount / 2
        partial = fake.pay(invoice.uuid, amount=half)
        verified = verify_postback(partial.body, partial.content_type, fake.secret)
        assert partial.content_type == ("application/json" if postback_format == "json" else FORM)
        assert (verified.invoice_uuid, verified.order_id) == (invoice.uuid, "o-1")
        assert verified.amount_crypto == half
        assert isinstance(verified.invoice_info, PostbackInvoice) and verified.invoice_info.status == "partial"
        with pytest.raises(PostbackVerificationError):
            verify_postback(partial.body, partial.content_type, "not-the-fake-secret-0123456789abcdef")
