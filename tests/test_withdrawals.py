"""Withdrawals: opt-in with a key of their own, sent at most once (not even after a 429), both envelopes, Decimal
amounts, 12 s between two per key; the hostile answers of support/hostile_answers.py run on them too, every backend."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    UNSET,
    APIResponseValidationError,
    APIStatusError,
    AsyncCryptoCloud,
    BadRequestError,
    CryptoCloud,
    InternalServerError,
    InvalidParameterError,
    RateLimitError,
    Withdrawal,
    WithdrawalTooSoonError,
)
from cryptocloud import withdrawals as withdrawals_module
from cryptocloud.testing import FakeCryptoCloud
from support.harness import API_KEY, Harness, docs_response, echoing, json_response, late
from support.hostile_answers import CASES, Case, handler_for

WITHDRAWAL_KEY = "wk_live_4d3c2b1a0f9e-WITHDRAW"
PATH = "/v2/invoice/api/out/create"
ADDRESS = "TXYZabcdefghijkLMNOPqrstuvwx12345"
ANSWER = {"invoice_id": "OUT-7Q2M4K9Z", "status": "created", "currency": "USDT_TRC20", "amount": 10.1}
CHECK = "the withdrawal may have been carried out: check the balance and the withdrawal history in the dashboard"


def ok(envelope: str = "result", answer: dict[str, Any] | None = None) -> httpx.Response:
    return json_response({"status": "success", envelope: answer or ANSWER})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(withdrawals_module, "_clock", fake)
    return fake


def withdraw(harness: Harness, **kwargs: Any) -> Any:
    arguments: dict[str, Any] = {"currency_code": "USDT_TRC20", "to_address": ADDRESS, "amount": Decimal("10.1")}
    return harness.call(harness.client.withdrawals.create, **(arguments | kwargs))


def harness(mode: str, handler: Any, **options: Any) -> Harness:
    return Harness(mode, handler, **({"withdrawal_key": WITHDRAWAL_KEY} | options))


# ------------------------------------------------------------------ the key


def test_without_a_key_nothing_is_sent(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_WITHDRAWAL_KEY", raising=False)
    made = Harness(mode, lambda r: ok())
    with pytest.raises(InvalidParameterError) as info:
        withdraw(made)
    assert info.value.field == "withdrawal_key" and info.value.value is None
    assert str(info.value) == "withdrawal_key: missing: pass withdrawal_key= or set CRYPTOCLOUD_WITHDRAWAL_KEY"
    assert made.requests == []


def test_the_key_goes_only_in_the_withdrawals_authorization_header(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == PATH:
            return ok()
        return json_response({"status": "success", "result": []})

    made = harness(mode, handler)
    made.call(made.client.balances.list)
    withdraw(made)
    balances, sent = made.requests
    assert balances.headers["authorization"] == f"Token {API_KEY}"
    assert sent.headers["authorization"] == f"Token {WITHDRAWAL_KEY}"
    assert WITHDRAWAL_KEY not in balances.content.decode() + str(balances.headers) + sent.content.decode()
    sent_body = json.loads(sent.content, parse_float=Decimal)
    assert sent_body == {"currency_code": "USDT_TRC20", "to_address": ADDRESS, "amount": Decimal("10.1")}
    assert WITHDRAWAL_KEY not in repr(made.client) + repr(vars(made.client)) + repr(vars(made.client.withdrawals))


def test_invoice_calls_around_withdrawals_each_send_their_own_key(mode: str, clock: Clock) -> None:
    create = echoing(docs_response())

    def handler(request: httpx.Request) -> httpx.Response:
        return ok() if request.url.path == PATH else create(request)

    made = harness(mode, handler)
    for _ in range(2):
        made.create()
        withdraw(made)
        clock.now += 13
        made.create()
    keys = [(r.url.path, r.headers.get_list("authorization")) for r in made.requests]
    invoice, out = ("/v2/invoice/create", [f"Token {API_KEY}"]), (PATH, [f"Token {WITHDRAWAL_KEY}"])
    assert keys == [invoice, out, invoice, invoice, out, invoice]


def test_the_key_comes_from_the_environment_and_an_argument_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return ok()

    monkeypatch.setenv("CRYPTOCLOUD_WITHDRAWAL_KEY", "wk_env_7Qx2Lp9Zr4")
    withdraw(Harness("sync", handler))
    withdrawals_module.SPACING.clear()
    withdraw(Harness("sync", handler, withdrawal_key="wk_arg_3Vn8Kd1Ys6"))
    assert seen == ["Token wk_env_7Qx2Lp9Zr4", "Token wk_arg_3Vn8Kd1Ys6"]


@pytest.mark.parametrize("key", ["", "  ", "two words", "tab\there", "ключ"])
def test_a_bad_key_is_refused_when_the_client_is_made(key: str) -> None:
    with pytest.raises(InvalidParameterError) as info:
        CryptoCloud(api_key="k" * 16, withdrawal_key=key)
    assert info.value.field == "withdrawal_key"
    assert info.value.value in (None, "<hidden>")


def test_an_error_echoing_the_key_hides_it(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    body = {"status": "error", "result": {"validate_error": f"bad key {WITHDRAWAL_KEY}"}}
    made = harness(mode, lambda r: json_response(body, 400))
    with caplog.at_level(logging.DEBUG, logger="cryptocloud"), pytest.raises(BadRequestError) as info:
        withdraw(made)
    error = info.value
    for text in (str(error), repr(error), error.body, json.dumps(error.errors), caplog.text):
        assert WITHDRAWAL_KEY not in text and WITHDRAWAL_KEY[:12] not in text
    assert error.errors == {"validate_error": ["bad key <hidden>"]}


# ------------------------------------------------------------------ arguments


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"amount": 10.1}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "1e3"}, "amount"),
        ({"amount": None}, "amount"),
        ({"currency_code": "USDT TRC20"}, "currency_code"),
        ({"currency_code": "usdt_trc20"}, "currency_code"),
        ({"to_address": ""}, "to_address"),
        ({"to_address": f" {ADDRESS}"}, "to_address"),
        ({"to_address": f"{ADDRESS}\n"}, "to_address"),
        ({"to_address": "T" * 257}, "to_address"),
        ({"to_address": 12345}, "to_address"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_sent(mode: str, arguments: dict[str, Any], field: str) -> None:
    made = harness(mode, lambda r: ok())
    with pytest.raises(InvalidParameterError) as info:
        withdraw(made, **arguments)
    assert info.value.field == field
    assert made.requests == []


# ------------------------------------------------------------------ answers


@pytest.mark.parametrize("envelope", ["result", "data"])
def test_both_envelopes_decode_with_exact_amounts(mode: str, envelope: str) -> None:
    answer = '{"invoice_id": "OUT-1", "status": "created", "currency": "BTC", '
    answer += '"amount": 0.10000000000000000555, "surprise": 1}'
    body = f'{{"status": "success", "{envelope}": {answer}}}'
    made = harness(mode, lambda r: httpx.Response(200, content=body.encode()))
    out = withdraw(made, currency_code="BTC", amount=Decimal("0.10000000000000000555"))  # what the answer states
    assert isinstance(out, Withdrawal)
    assert (out.invoice_id, out.status, out.currency) == ("OUT-1", "created", "BTC")
    assert out.amount == Decimal("0.10000000000000000555") and type(out.amount) is Decimal
    assert out.additional_properties == {"surprise": 1}


def test_the_newer_envelope_wins_when_both_are_there(mode: str) -> None:
    body = {"status": "success", "result": ANSWER, "data": ANSWER | {"invoice_id": "OUT-OLD"}}
    out = withdraw(harness(mode, lambda r: json_response(body)))
    assert out.invoice_id == "OUT-7Q2M4K9Z"


def test_an_answer_with_only_the_id_is_enough(mode: str) -> None:
    out = withdraw(harness(mode, lambda r: ok(answer={"invoice_id": "OUT-2"})))
    assert out.invoice_id == "OUT-2" and out.amount is UNSET


# (name, status, body) -> every one raises APIResponseValidationError, sent once, and may have taken effect
UNREADABLE = [
    ("neither envelope", 200, '{"status": "success", "withdrawal": {"invoice_id": "OUT-1"}}'),
    ("result is null", 200, '{"status": "success", "result": null}'),
    ("data is a list", 200, '{"status": "success", "data": [1]}'),
    ("no invoice_id", 200, '{"status": "success", "result": {"status": "created", "amount": 1}}'),
    ("invoice_id is a number", 200, '{"status": "success", "result": {"invoice_id": 17}}'),
    ("amount is text", 200, '{"status": "success", "result": {"invoice_id": "OUT-1", "amount": "lots"}}'),
    ("amount is NaN", 200, '{"status": "success", "result": {"invoice_id": "OUT-1", "amount": NaN}}'),
    ("amount is true", 200, '{"status": "success", "result": {"invoice_id": "OUT-1", "amount": true}}'),
    ("status is a list", 200, '{"status": "success", "data": {"invoice_id": "OUT-1", "status": []}}'),
    ("truncated", 200, '{"status": "success", "result": {"invoice_id": "OU'),
    ("html", 200, "<html>maintenance</html>"),
    ("empty 204", 204, ""),
    # An error status beside an answer naming a withdrawal, in either envelope: no refusal (it was read as one
    # under "data", the older docs' envelope: a withdrawal that went out reported as not taken effect).
    ("error beside data naming it", 200, '{"status": "error", "data": {"invoice_id": "OUT-1", "amount": 10.1}}'),
    ("error beside result naming it", 200, '{"status": "error", "result": {"invoice_id": "OUT-1", "amount": 10.1}}'),
    ("detail beside data naming it", 200, '{"detail": "Token expired", "data": {"invoice_id": "OUT-1"}}'),
]


@pytest.mark.parametrize(("name", "status", "body"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_an_unreadable_success_is_not_resent_and_may_have_worked(
    mode: str, sleeps: list[float], name: str, status: int, body: str
) -> None:
    made = harness(mode, lambda r: httpx.Response(status, content=body.encode()), max_retries=3)
    with pytest.raises(APIResponseValidationError) as info:
        withdraw(made)
    assert info.value.may_have_taken_effect is True and info.value.may_have_been_created is False
    assert CHECK in str(info.value)
    assert len(made.requests) == 1 and sleeps == []


# The hostile answers and transport faults of support/hostile_answers.py, on a withdrawal. Its 2xx cases are about an
# invoice's fields (UNREADABLE above is the withdrawal's own); every other case is an answer or a fault.
HOSTILE = [c for c in CASES if c.exc is not None or not 200 <= c.status < 300]
ANSWERED = [c for c in HOSTILE if c.exc is None]
RAISED = [c for c in HOSTILE if c.exc is not None]


def _check_hostile(mode: str, case: Case, sleeps: list[float]) -> None:
    made = harness(mode, handler_for(case), max_retries=3)
    assert case.raises is not None
    with pytest.raises(case.raises) as info:
        withdraw(made)
    error = info.value
    assert type(error) is case.raises
    # Never resent (not a 5xx, a 429, nor a lost answer), but when the connection was never made: nothing was sent.
    not_sent = case.exc is not None and not case.may_exist
    assert (len(made.requests), len(sleeps)) == ((4, 3) if not_sent else (1, 0))
    # May it have been carried out? Exactly when the invoice table says a create may have been.
    assert error.may_have_taken_effect is case.may_exist  # type: ignore[attr-defined]
    assert error.may_have_been_created is False  # type: ignore[attr-defined]
    assert (CHECK in str(error)) is case.may_exist
    for text in (str(error), repr(error)):
        assert WITHDRAWAL_KEY not in text and API_KEY not in text and "\n" not in text
    if case.check is not None and case.name != "400 errors by field":
        case.check(error)


@pytest.mark.parametrize("case", ANSWERED, ids=[c.name for c in ANSWERED])
def test_hostile_answer(mode: str, case: Case, sleeps: list[float]) -> None:
    _check_hostile(mode, case, sleeps)


@pytest.mark.parametrize("case", RAISED, ids=[c.name for c in RAISED])
def test_transport_fault(mock_mode: str, case: Case, sleeps: list[float]) -> None:
    _check_hostile(mock_mode, case, sleeps)


def test_a_429_is_not_resent_even_with_a_short_retry_after(mode: str, sleeps: list[float]) -> None:
    body = {"status": "error", "result": {"rate_limit": "Too many requests"}}
    made = harness(mode, lambda r: json_response(body, 429, {"Retry-After": "1"}), max_retries=5)
    with pytest.raises(RateLimitError) as info:
        withdraw(made)
    assert len(made.requests) == 1 and sleeps == []
    assert info.value.retry_after == 1.0 and info.value.may_have_taken_effect is False
    assert info.value.errors == {"rate_limit": ["Too many requests"]}


@pytest.mark.parametrize("key", ["required_parameter", "currency_code", "network", "uncorrected_amount", "rate_limit"])
def test_the_documented_error_keys_are_refusals(mode: str, key: str) -> None:
    body = {"status": "error", "result": {key: "refused"}}
    made = harness(mode, lambda r: json_response(body, 400))
    with pytest.raises(BadRequestError) as info:
        withdraw(made)
    assert info.value.errors == {key: ["refused"]} and info.value.may_have_taken_effect is False


def test_a_refused_connection_is_retried_because_nothing_was_sent(mock_mode: str, sleeps: list[float]) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ConnectError("Connection refused", request=request)
        return ok()

    out = withdraw(harness(mock_mode, handler))
    assert out.invoice_id == "OUT-7Q2M4K9Z" and len(calls) == 2 and len(sleeps) == 1


# ------------------------------------------------------------------ 12 s between two withdrawals per key


def test_a_second_withdrawal_within_12_s_is_refused_before_sending(mode: str, clock: Clock) -> None:
    made = harness(mode, lambda r: ok())
    withdraw(made)
    clock.now += 4.25
    with pytest.raises(WithdrawalTooSoonError) as info:
        withdraw(made)
    assert info.value.retry_after == 7.8  # 7.75, rounded to a tenth
    assert str(info.value) == (
        "a withdrawal with this withdrawal key was sent less than 12 s ago: nothing was sent; "
        "wait 7.8 s before the next one"
    )
    assert len(made.requests) == 1
    clock.now += 7.75
    withdraw(made)
    assert len(made.requests) == 2


def test_the_spacing_is_per_key_over_every_client(clock: Clock) -> None:
    first = harness("sync", lambda r: ok())
    same_key = harness("async", lambda r: ok())
    other_key = harness("sync", lambda r: ok(), withdrawal_key="wk_other_5Hm2Tq8Bc1")
    withdraw(first)
    with pytest.raises(WithdrawalTooSoonError):
        withdraw(same_key)
    withdraw(other_key)
    assert (len(first.requests), len(same_key.requests), len(other_key.requests)) == (1, 0, 1)


def test_a_failed_withdrawal_still_counts_for_the_spacing(mode: str, clock: Clock) -> None:
    made = harness(mode, lambda r: json_response({"detail": "boom"}, 500))
    with pytest.raises(InternalServerError):
        withdraw(made)
    with pytest.raises(WithdrawalTooSoonError):
        withdraw(made)
    assert len(made.requests) == 1


def test_bad_input_does_not_count_for_the_spacing(clock: Clock) -> None:
    made = harness("sync", lambda r: ok())
    with pytest.raises(InvalidParameterError):
        withdraw(made, amount="-1")
    withdraw(made)
    assert len(made.requests) == 1


# ------------------------------------------------------------------ against the fake


def test_the_fake_moves_the_balance_and_can_refuse_one(clock: Clock) -> None:
    fake = FakeCryptoCloud(seed=1)
    fake.fund("USDT_TRC20", Decimal("25.5"))
    with fake.client() as client:
        out = client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("10.25"))
        assert (out.status, out.currency, out.amount) == ("created", "USDT_TRC20", Decimal("10.25"))
        assert fake.withdrawals[out.id]["to_address"] == ADDRESS
        (balance,) = client.balances.list()
        assert balance.balance_crypto == Decimal("15.25") == fake.balance("USDT_TRC20")

        fake.advance(timedelta(seconds=12))
        clock.now += 12
        fake.refuse_next_withdrawal("network", "Network is not available.")
        with pytest.raises(BadRequestError) as info:
            client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=1)
        assert info.value.errors == {"network": ["Network is not available."]}
        assert info.value.may_have_taken_effect is False

        clock.now += 12
        with pytest.raises(BadRequestError) as info:
            client.withdrawals.create(currency_code="USDT_TRC20", to_address=ADDRESS, amount=Decimal("15.26"))
        assert list(info.value.errors) == ["uncorrected_amount"]
        assert fake.balance("USDT_TRC20") == Decimal("15.25") and len(fake.withdrawals) == 1


def test_the_fake_keeps_its_own_12_s_and_its_own_key(clock: Clock) -> None:
    fake = FakeCryptoCloud(seed=1)
    fake.fund("BTC", Decimal("1"))
    with fake.client(withdrawal_key=fake.api_key) as wrong, pytest.raises(APIStatusError) as info:
        wrong.withdrawals.create(currency_code="BTC", to_address=ADDRESS, amount=1)
    assert info.value.status_code == 401
    clock.now += 12
    fake.withdrawal_envelope = "data"
    with fake.client() as client:
        assert client.withdrawals.create(currency_code="BTC", to_address=ADDRESS, amount="0.5").amount == Decimal("0.5")
        clock.now += 12  # the client's spacing has passed; the fake's clock has not moved
        with pytest.raises(BadRequestError) as refused:
            client.withdrawals.create(currency_code="BTC", to_address=ADDRESS, amount="0.1")
    assert list(refused.value.errors) == ["rate_limit"]
    assert fake.balance("BTC") == Decimal("0.5")


def test_the_async_client_withdraws_from_the_fake(clock: Clock) -> None:
    fake = FakeCryptoCloud(seed=2)
    fake.fund("ETH", Decimal("2"))

    async def run() -> Withdrawal:
        client: AsyncCryptoCloud = fake.async_client()
        async with client:
            return await client.withdrawals.create(currency_code="ETH", to_address="0xabc", amount=Decimal("1.5"))

    assert asyncio.run(run()).amount == Decimal("1.5")
    assert fake.balance("ETH") == Decimal("0.5")


@pytest.mark.parametrize("mode", ["async", "aiohttp"])
def test_a_withdrawal_abandoned_after_sending_is_logged(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    made = late(mode, ok, withdrawal_key=WITHDRAWAL_KEY)
    client = made.client
    assert isinstance(client, AsyncCryptoCloud)

    async def give_up() -> None:
        out = client.withdrawals.create(currency_code="BTC", to_address=ADDRESS, amount=1)
        await asyncio.wait_for(out, timeout=0.1)

    with caplog.at_level(logging.WARNING, logger="cryptocloud"), pytest.raises(TimeoutError):
        made.call(give_up)
    assert [r.getMessage() for r in caplog.records] == [
        "a withdrawal was interrupted after it may have been sent: check before trying again"
    ]
    assert client.unsettled_creates == []  # not an invoice


@pytest.mark.parametrize(
    ("fault", "carried_out", "error"),
    [
        ("reset_after_send", True, "APIConnectionError"),
        ("read_timeout", True, "APITimeoutError"),
        ("server_error", True, "InternalServerError"),
        ("html_520", False, "InternalServerError"),
        ("rate_limit", False, "RateLimitError"),
    ],
)
def test_the_fakes_faults_on_a_withdrawal_are_never_resent(
    fault: str, carried_out: bool, error: str, sleeps: list[float]
) -> None:
    fake = FakeCryptoCloud(seed=3)
    fake.fund("BTC", Decimal("2"))
    fake.fail_next(fault, count=3)
    with fake.client(max_retries=3) as client, pytest.raises(Exception) as info:
        client.withdrawals.create(currency_code="BTC", to_address=ADDRESS, amount=Decimal("0.5"))
    assert type(info.value).__name__ == error
    assert len(fake.requests) == 1 and sleeps == []
    assert fake.balance("BTC") == (Decimal("1.5") if carried_out else Decimal("2"))
    # A 520 page may come from a proxy that passed the request on: it may have gone out, as the error says.
    assert info.value.may_have_taken_effect is (fault not in ("rate_limit",))  # type: ignore[attr-defined]


def test_the_control_api_funds_the_fake_and_refuses_a_withdrawal(clock: Clock) -> None:
    from cryptocloud.testing import FAKE_BASE_URL

    fake = FakeCryptoCloud(seed=4)

    def control(path: str, body: dict[str, Any]) -> httpx.Response:
        return fake.handle(httpx.Request("POST", FAKE_BASE_URL + path, json=body))

    funded = control("/_fake/fund", {"currency": "TRX", "amount": "5.5"})
    assert (funded.status_code, json.loads(funded.content)) == (200, {"currency": "TRX", "balance": 5.5})
    refused = control("/_fake/withdrawals/refuse-next", {"key": "teapot"})
    assert refused.status_code == 400 and "key must be one of" in json.loads(refused.content)["error"]
    assert control("/_fake/withdrawals/refuse-next", {"key": "network", "message": "down"}).status_code == 200
    with fake.client() as client, pytest.raises(BadRequestError) as info:
        client.withdrawals.create(currency_code="TRX", to_address=ADDRESS, amount=1)
    assert info.value.errors == {"network": ["down"]} and fake.balance("TRX") == Decimal("5.5")
    config = fake.handle(httpx.Request("GET", FAKE_BASE_URL + "/_fake/config"))
    assert json.loads(config.content)["withdrawal_key"] == fake.withdrawal_key
