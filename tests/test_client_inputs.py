"""Bad input raises InvalidParameterError naming the field, and nothing reaches the transport."""

from __future__ import annotations

import json
import logging
import math
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import AsyncCryptoCloud, CryptoCloud, InvalidParameterError
from support.fake_harness import FakeHarness
from support.harness import API_KEY, Harness, docs_response, echoing, json_response

# (id, create() arguments, the field the error must name)
BAD_CREATE: list[tuple[str, dict[str, Any], str]] = [
    ("amount NaN", {"amount": Decimal("NaN")}, "amount"),
    ("amount sNaN", {"amount": Decimal("sNaN")}, "amount"),
    ("amount Infinity", {"amount": Decimal("Infinity")}, "amount"),
    ("amount float nan", {"amount": math.nan}, "amount"),
    ("amount float inf", {"amount": math.inf}, "amount"),
    ("amount negative", {"amount": Decimal("-1")}, "amount"),
    ("amount zero", {"amount": 0}, "amount"),
    ("amount zero with digits", {"amount": "0.00"}, "amount"),
    ("amount bool", {"amount": True}, "amount"),
    ("amount text", {"amount": "ten"}, "amount"),
    ("amount empty text", {"amount": ""}, "amount"),
    ("amount None", {"amount": None}, "amount"),
    ("amount list", {"amount": [1]}, "amount"),
    ("amount absurd exponent", {"amount": Decimal("1e100")}, "amount"),
    # floats are refused: 0.1 + 0.2 would be sent as 0.30000000000000004
    ("amount float sum", {"amount": 0.1 + 0.2}, "amount"),
    ("amount short float", {"amount": 19.99}, "amount"),
    ("amount text with underscore", {"amount": "1_000"}, "amount"),
    ("amount Arabic-Indic digits", {"amount": "\u0661\u0660"}, "amount"),
    ("amount text with newline", {"amount": "10\n"}, "amount"),
    ("amount text with spaces", {"amount": " 12 "}, "amount"),
    ("amount text exponent", {"amount": "1e3"}, "amount"),
    ("amount text negative", {"amount": "-5"}, "amount"),
    # A code the spec does not list is sent when it is well formed (see below); a malformed one is refused.
    ("currency lower case", {"currency": "usd"}, "currency"),
    ("currency two letters", {"currency": "US"}, "currency"),
    ("currency with a digit", {"currency": "US1"}, "currency"),
    ("available_currencies lower case", {"available_currencies": ["BTC", "doge"]}, "available_currencies[1]"),
    ("available_currencies with a space", {"available_currencies": ["USDT TRC20"]}, "available_currencies[0]"),
    ("cryptocurrency with a dash", {"cryptocurrency": "USDT-TRC20"}, "cryptocurrency"),
    ("currency number", {"currency": 840}, "currency"),
    ("available_currencies a string", {"available_currencies": "BTC"}, "available_currencies"),
    ("available_currencies empty", {"available_currencies": []}, "available_currencies"),
    ("available_currencies twice", {"available_currencies": ["BTC", "BTC"]}, "available_currencies"),
    ("available_currencies number", {"available_currencies": 5}, "available_currencies"),
    ("time_to_pay zero", {"time_to_pay": timedelta(0)}, "time_to_pay"),
    ("time_to_pay negative", {"time_to_pay": timedelta(minutes=-5)}, "time_to_pay"),
    ("time_to_pay seconds", {"time_to_pay": timedelta(minutes=10, seconds=30)}, "time_to_pay"),
    ("time_to_pay an int", {"time_to_pay": 24}, "time_to_pay"),
    ("email malformed", {"email": "not-an-email"}, "email"),
    ("email no domain dot", {"email": "a@b"}, "email"),
    ("email with space", {"email": "a b@c.com"}, "email"),
    ("email_to_send malformed", {"email_to_send": "x@"}, "email_to_send"),
    # one rule for all text sent: what order_id refuses, an email refuses too
    ("email NUL", {"email": "payer\x00@example.com"}, "email"),
    ("email DEL", {"email": "payer\x7f@example.com"}, "email"),
    ("email right-to-left override U+202E", {"email": "payer@exa\u202emple.com"}, "email"),
    ("email_to_send NUL", {"email_to_send": "payer@example.com\x00"}, "email_to_send"),
    ("email_to_send DEL", {"email_to_send": "\x7fpayer@example.com"}, "email_to_send"),
    ("email_to_send U+202E", {"email_to_send": "payer@\u202eexample.com"}, "email_to_send"),
    ("order_id leading space", {"order_id": " order-42"}, "order_id"),
    ("order_id trailing no-break space", {"order_id": "order-42\u00a0"}, "order_id"),
    ("order_id empty", {"order_id": ""}, "order_id"),
    ("order_id control char", {"order_id": "a\nb"}, "order_id"),
    ("order_id lone surrogate", {"order_id": "a\ud800b"}, "order_id"),
    ("order_id next line U+0085", {"order_id": "a\u0085b"}, "order_id"),
    ("order_id line separator U+2028", {"order_id": "a\u2028b"}, "order_id"),
    ("order_id right-to-left override U+202E", {"order_id": "order-\u202e24"}, "order_id"),
    ("order_id zero width space", {"order_id": "order\u200b-1"}, "order_id"),
    ("order_id bidi isolate U+2066", {"order_id": "\u2066order"}, "order_id"),
    ("order_id number", {"order_id": 42}, "order_id"),
    ("shop_id empty", {"shop_id": "  "}, "shop_id"),
    ("locale not a code", {"locale": "German"}, "locale"),
]


def never_called(request: httpx.Request) -> httpx.Response:
    raise AssertionError("a request was sent")


def test_table_size() -> None:
    assert len(BAD_CREATE) >= 25


@pytest.mark.parametrize(("arguments", "field"), [c[1:] for c in BAD_CREATE], ids=[c[0] for c in BAD_CREATE])
def test_bad_create_argument(mode: str, arguments: dict[str, Any], field: str) -> None:
    harness = Harness(mode, never_called)
    with pytest.raises(InvalidParameterError) as info:
        harness.create(**({"amount": "10"} | arguments))
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert isinstance(info.value, ValueError)
    assert harness.requests == []


def test_error_names_the_value() -> None:
    harness = Harness("sync", never_called)
    with pytest.raises(InvalidParameterError) as info:
        harness.create(currency="usd")
    assert info.value.value == "usd"
    assert str(info.value) == "currency: unknown code 'usd' (did you mean 'USD'?)"


CLIENTS = [CryptoCloud, AsyncCryptoCloud]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"api_key": None}, "api_key", "api_key: missing: pass api_key= or set CRYPTOCLOUD_API_KEY"),
        ({"api_key": ""}, "api_key", "api_key: missing: pass api_key= or set CRYPTOCLOUD_API_KEY"),
        ({"api_key": API_KEY + "\n"}, "api_key", "api_key: contains control characters, spaces or non-ASCII"),
        ({"api_key": "abc\x00def"}, "api_key", "api_key: contains control characters, spaces or non-ASCII"),
        ({"api_key": "kéy"}, "api_key", "api_key: contains control characters, spaces or non-ASCII"),
        ({"base_url": "ftp://api.cryptocloud.plus"}, "base_url", None),
        ({"base_url": "not a url"}, "base_url", None),
        # Paths were joined into the query or the fragment (every request went to "/"), and userinfo was sent as
        # Basic auth in place of the API key.
        ({"base_url": "https://api.trybit.com/?x=1"}, "base_url", None),
        ({"base_url": "https://api.trybit.com?"}, "base_url", None),
        ({"base_url": "https://api.trybit.com/#v2"}, "base_url", None),
        (
            {"base_url": "https://user:pw@api.trybit.com"},
            "base_url",
            "base_url: must not carry user:password (the API takes its key)",
        ),
        ({"timeout": -1}, "timeout", None),
        ({"timeout": "30"}, "timeout", None),
        ({"max_retries": -1}, "max_retries", None),
        ({"max_retries": 1.5}, "max_retries", None),
        ({"shop_id": ""}, "shop_id", None),
    ],
)
def test_bad_client_option(
    monkeypatch: pytest.MonkeyPatch, client_class: type, options: dict[str, Any], field: str, message: str | None
) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_API_KEY", raising=False)
    with pytest.raises(InvalidParameterError) as info:
        client_class(**({"api_key": API_KEY} | options))
    assert info.value.field == field
    if message:
        assert str(info.value) == message
    assert API_KEY not in str(info.value) and API_KEY not in repr(info.value.value)


def test_missing_shop_id_names_the_env_var(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_SHOP_ID", raising=False)
    harness = Harness(mode, never_called, shop_id=None)
    with pytest.raises(InvalidParameterError) as info:
        harness.create()
    assert str(info.value) == "shop_id: missing: pass shop_id= or set CRYPTOCLOUD_SHOP_ID"
    assert harness.requests == []


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (Decimal("100.00"), b'"amount":100.00'),
        (Decimal("4.500000159168849e-06"), b'"amount":0.000004500000159168849'),
        (5, b'"amount":5'),
        ("12.3400", b'"amount":12.3400'),
        # plain digits, never the exponent form that str(Decimal) gives
        (Decimal("1E+2"), b'"amount":100'),
        (Decimal("1E-7"), b'"amount":0.0000001'),
        (Decimal("1.5E+3"), b'"amount":1500'),
    ],
)
def test_amount_is_sent_with_exact_digits(mode: str, given: Any, sent: bytes) -> None:
    harness = Harness(mode, echoing(docs_response()))
    harness.create(amount=given)
    assert sent in harness.requests[0].content


@pytest.mark.parametrize(
    ("duration", "hours", "minutes"),
    [(timedelta(hours=2, minutes=30), 2, 30), (timedelta(minutes=59), 0, 59), (timedelta(days=2, minutes=1), 48, 1)],
)
def test_time_to_pay_is_sent_as_whole_hours_and_minutes(
    mode: str, duration: timedelta, hours: int, minutes: int
) -> None:
    harness = Harness(mode, lambda r: json_response(docs_response()))
    harness.create(time_to_pay=duration)
    assert f'"time_to_pay":{{"hours":{hours},"minutes":{minutes}}}'.encode() in harness.requests[0].content


UNLISTED = {"currency": "XTS", "available_currencies": ["USDC_TRC20", "TUSD_ERC20"], "cryptocurrency": "XRP"}


def test_well_formed_codes_the_spec_does_not_list_are_sent_and_logged_once(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    # The API adds currencies without notice (older docs list USDC_TRC20 and TUSD_ERC20, absent from the create
    # list): a user must not wait for a release to use one. The server decides; its refusal names the field.
    from cryptocloud import _params

    _params._warned.clear()
    harness = Harness(mode, echoing(docs_response()))
    with caplog.at_level(logging.WARNING, logger="cryptocloud.drift"):
        harness.create(amount="100", **UNLISTED)
        harness.create(amount="100", **UNLISTED)
    sent = [json.loads(r.content) for r in harness.requests]
    assert [s["currency"] for s in sent] == ["XTS", "XTS"]
    assert sent[0]["add_fields"] == {"available_currencies": ["USDC_TRC20", "TUSD_ERC20"], "cryptocurrency": "XRP"}
    warned = sorted(r.getMessage() for r in caplog.records if r.name == "cryptocloud.drift")
    assert warned == [
        "available_currencies[0]: 'USDC_TRC20' is not a CryptoCurrency the spec lists; sent as given",
        "available_currencies[1]: 'TUSD_ERC20' is not a CryptoCurrency the spec lists; sent as given",
        "cryptocurrency: 'XRP' is not a CryptoCurrency the spec lists; sent as given",
        "currency: 'XTS' is not a FiatCurrency the spec lists; sent as given",
    ]


def test_the_server_refusing_an_unlisted_code_is_a_typed_error_naming_the_field(mode: str) -> None:
    from cryptocloud import BadRequestError

    h = FakeHarness(mode)  # the fake follows the spec: it refuses what the spec does not list, as the API would
    with pytest.raises(BadRequestError) as info:
        h.run(h.client.invoices.create, amount="10", available_currencies=["USDC_TRC20"])
    assert list(info.value.errors) == ["add_fields.available_currencies.0"]
    assert "'USDC_TRC20' is not one of" in info.value.errors["add_fields.available_currencies.0"][0]
    assert h.fake.invoices == {}
