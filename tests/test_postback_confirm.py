"""client.postbacks.confirm against the embedded fake, sync and async: what the API says, never the body."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptocloud import UNSET, APIConnectionError, CryptoCloud, InvalidParameterError, PostbackVerificationError
from cryptocloud.postbacks import ConfirmedPayment, Mismatch
from cryptocloud.testing import FakeCryptoCloud
from support.fake_harness import FakeHarness

SECRET = "the-fakes-project-secret-0123456789"
INFO_PATH = "/v2/invoice/merchant/info"


def harness(mode: str, postback_format: str = "json", **options: Any) -> FakeHarness:
    fake = FakeCryptoCloud(seed=3, secret=SECRET, postback_format=postback_format)
    return FakeHarness(mode, fake, **({"postback_secret": SECRET} | options))


def invoice(h: FakeHarness, order_id: str = "o-1", amount: str = "10") -> Any:
    return h.run(h.client.invoices.create, amount=Decimal(amount), order_id=order_id)


def confirm(h: FakeHarness, body: bytes, content_type: str = "application/json", **kwargs: Any) -> ConfirmedPayment:
    result: ConfirmedPayment = h.run(h.client.postbacks.confirm, body, content_type, **kwargs)
    return result


def rejected(h: FakeHarness, body: bytes, content_type: str = "application/json", **kwargs: Any) -> str:
    with pytest.raises(PostbackVerificationError) as info:
        confirm(h, body, content_type, **kwargs)
    assert SECRET not in str(info.value)
    return info.value.reason


def rewritten(body: bytes, **changes: Any) -> bytes:
    fields = json.loads(body)
    fields.update(changes)
    return json.dumps(fields).encode()


def signed(claims: dict[str, Any], key: str = SECRET) -> str:
    return jwt.encode({"exp": int(time.time()) + 300} | claims, key, algorithm="HS256")


def infos(h: FakeHarness) -> int:
    return h.paths().count(INFO_PATH)


@pytest.mark.parametrize("postback_format", ["json", "form"])
def test_a_full_payment_is_paid_with_every_value_from_the_api(mode: str, postback_format: str) -> None:
    h = harness(mode, postback_format)
    created = invoice(h)
    note = h.fake.pay(created.uuid)
    payment = confirm(h, note.body, note.content_type)
    due = h.fake.invoices[created.uuid]["amount"]
    assert (payment.invoice_uuid, payment.paid, payment.status, payment.order_id) == (created.uuid, True, "paid", "o-1")
    assert (payment.amount, payment.received, payment.amount_usd, payment.received_usd) == (
        due,
        due,
        Decimal(10),
        Decimal(10),
    )
    assert isinstance(payment.received, Decimal) and isinstance(payment.amount_usd, Decimal)
    assert (payment.currency, payment.test_mode, payment.mismatches) == ("USDT_TRC20", True, ())
    assert payment.invoice.uuid == created.uuid and payment.postback.invoice_uuid == created.uuid
    expires = payment.postback.token_expires_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    assert payment.verified_by == (
        f"HS256 token signature checked with the project's secret key, valid until {expires}; "
        f"the token names invoice {created.uuid}; status, order_id and amounts read from the API "
        f"(invoice info for {created.uuid}), not from the postback"
    )
    assert infos(h) == 1


def test_absent_is_unset_and_null_is_none_as_in_the_apis_answer(mode: str) -> None:
    """ConfirmedPayment follows the models' one rule: a field the API's answer left out is UNSET, a null None."""
    h = harness(mode)
    created = invoice(h)
    note = h.fake.pay(created.uuid)
    record = h.fake.invoices[created.uuid]
    del record["received_usd"], record["amount_usd"]  # left out of the answer
    record["order_id"] = None  # sent as null
    payment = confirm(h, rewritten(note.body, order_id=None))
    assert (payment.received_usd, payment.amount_usd, payment.order_id) == (UNSET, UNSET, None)
    assert (payment.received, payment.paid) == (record["amount"], True)
    del record["received"], record["currency"]
    payment = confirm(h, rewritten(note.body, order_id=None))
    assert (payment.received, payment.currency, payment.paid) == (UNSET, UNSET, True)


def test_a_partial_payment_says_success_in_the_body_and_is_not_paid(mode: str) -> None:
    h = harness(mode)
    created = invoice(h)
    half = h.fake.invoices[created.uuid]["amount"] / 2
    note = h.fake.pay(created.uuid, amount=half)
    assert json.loads(note.body)["status"] == "success"
    payment = confirm(h, note.body)
    assert (payment.paid, payment.status, payment.received, payment.postback.status) == (
        False,
        "partial",
        half,
        "success",
    )
    assert payment.invoice.to_surcharge == half


def test_an_overpayment_is_paid(mode: str) -> None:
    h = harness(mode)
    created = invoice(h)
    more = h.fake.invoices[created.uuid]["amount"] * 2
    payment = confirm(h, h.fake.pay(created.uuid, amount=more).body)
    assert (payment.paid, payment.status, payment.received) == (True, "overpaid", more)


def test_a_body_rewritten_to_another_order_is_refused(mode: str) -> None:
    h = harness(mode)
    paid = invoice(h, "o-cheap", "1")
    invoice(h, "o-expensive", "5000")
    body = rewritten(h.fake.pay(paid.uuid).body, order_id="o-expensive")
    reason = rejected(h, body)
    assert reason == "order_id in the body ('o-expensive') is not the invoice's ('o-cheap'): the body was altered"


def test_a_body_rewritten_to_a_larger_amount_changes_nothing_the_api_says(mode: str) -> None:
    h = harness(mode)
    created = invoice(h)
    half = h.fake.invoices[created.uuid]["amount"] / 2
    body = rewritten(h.fake.pay(created.uuid, amount=half).body, amount_crypto="1000")
    payment = confirm(h, body)
    assert (payment.paid, payment.status, payment.received) == (False, "partial", half)
    assert payment.mismatches == (Mismatch("amount_crypto", Decimal(1000), half),)


def test_a_body_claiming_paid_in_invoice_info_is_reported(mode: str) -> None:
    h = harness(mode)
    created = invoice(h)
    half = h.fake.invoices[created.uuid]["amount"] / 2
    note = json.loads(h.fake.pay(created.uuid, amount=half).body)
    note["invoice_info"]["status"] = "paid"
    payment = confirm(h, json.dumps(note).encode())
    assert payment.paid is False
    assert payment.mismatches == (Mismatch("invoice_info.status", "paid", "partial"),)


def test_a_body_pointed_at_another_invoice_is_refused_when_the_token_names_one(mode: str) -> None:
    h = harness(mode)
    first, second = invoice(h, "o-1"), invoice(h, "o-2")
    h.fake.pay(second.uuid)
    body = rewritten(h.fake.pay(first.uuid, amount=Decimal("0.01")).body, invoice_id=second.uuid[4:], order_id="o-2")
    assert rejected(h, body) == f"token is for invoice '{first.uuid[4:]}', body is for '{second.uuid[4:]}'"
    assert infos(h) == 0  # refused before asking the API


def test_an_integer_token_id_leaves_the_invoice_unsigned_and_the_api_decides(mode: str) -> None:
    """The docs' sample token ({"id": 13}): a replayed token can name any invoice; the answer is still true."""
    h = harness(mode)
    unpaid = invoice(h, "o-unpaid")
    body = rewritten(h.fake.pay(invoice(h, "o-paid").uuid).body, token=signed({"id": 13}))
    body = rewritten(body, invoice_id=unpaid.uuid[4:], order_id="o-unpaid")
    payment = confirm(h, body)
    assert (payment.invoice_uuid, payment.paid, payment.status) == (unpaid.uuid, False, "created")
    assert payment.postback.authenticated_fields == ()
    assert "the token does not name the invoice (its id is 13), so invoice_id is unsigned" in payment.verified_by


def test_the_same_postback_twice_gives_the_same_answer(mode: str) -> None:
    h = harness(mode)
    note = h.fake.pay(invoice(h).uuid)
    first, again = confirm(h, note.body), confirm(h, note.body)
    assert first == again and first.paid is True
    assert infos(h) == 2  # each confirmation asks the API: the merchant's records decide what is new


def test_a_forged_token_is_refused_before_any_request(mode: str) -> None:
    h = harness(mode)
    created = invoice(h)
    body = rewritten(
        h.fake.pay(created.uuid).body,
        token=signed({"id": created.uuid[4:]}, key="a-guessed-secret-of-32-bytes-or-more"),
    )
    assert rejected(h, body) == "token signature does not match (wrong secret key?)"
    assert infos(h) == 0


def test_an_invoice_the_api_does_not_know_is_refused(mode: str) -> None:
    h = harness(mode)
    body = rewritten(h.fake.pay(invoice(h).uuid).body, invoice_id="ZZZZ9999", token=signed({"id": "ZZZZ9999"}))
    assert rejected(h, body) == "the API has no invoice INV-ZZZZ9999"


def test_an_invoice_id_the_api_cannot_take_is_refused(mode: str) -> None:
    h = harness(mode)
    body = rewritten(h.fake.pay(invoice(h).uuid).body, invoice_id="../../merchant", token=signed({"id": 13}))
    assert rejected(h, body) == "invoice_id '../../merchant' is not an invoice id"
    assert infos(h) == 0


def test_an_api_that_cannot_answer_is_an_api_error_not_a_verdict(mode: str, sleeps: list[float]) -> None:
    h = harness(mode)
    note = h.fake.pay(invoice(h).uuid)
    h.fake.fail_next("refused", count=3)
    with pytest.raises(APIConnectionError):
        confirm(h, note.body)
    assert confirm(h, note.body).paid is True


def test_where_the_secret_comes_from(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRYPTOCLOUD_SECRET", raising=False)
    h = harness(mode, postback_secret=None)
    note = h.fake.pay(invoice(h).uuid)
    with pytest.raises(InvalidParameterError) as info:
        confirm(h, note.body)
    assert (info.value.field, info.value.reason) == (
        "secret",
        "missing: pass secret=, postback_secret= to the client, or set CRYPTOCLOUD_SECRET",
    )
    assert confirm(h, note.body, secret=SECRET).paid is True
    assert confirm(h, note.body, secret=SECRET.encode()).paid is True
    monkeypatch.setenv("CRYPTOCLOUD_SECRET", SECRET)
    assert confirm(h, note.body).paid is True
    wrong = harness(mode, postback_secret="not-the-secret-000000000000")
    note = wrong.fake.pay(invoice(wrong).uuid)
    assert rejected(wrong, note.body) == "token signature does not match (wrong secret key?)"  # the option wins
    assert confirm(wrong, note.body, secret=SECRET).paid is True  # the argument wins over the option


def test_the_secret_option_is_checked_at_once_and_never_shown() -> None:
    with pytest.raises(InvalidParameterError) as info:
        CryptoCloud(api_key="k" * 20, postback_secret=12345)  # type: ignore[arg-type]
    assert (info.value.field, info.value.reason) == ("secret", "must be str or bytes, got int")
    fake = FakeCryptoCloud(secret=SECRET)
    client = fake.client(postback_secret=SECRET)
    payment = client.postbacks.confirm(fake.pay(client.invoices.create(amount="3").uuid).body, "application/json")
    shown = f"{client!r} {client.postbacks!r} {vars(client.postbacks)} {payment!r}"
    assert SECRET not in shown and "<hidden>" in shown


class _Request:
    """Stands in for flask.request: the README's handler reads only these two."""

    def __init__(self) -> None:
        self.body, self.content_type = b"", "application/json"

    def get_data(self) -> bytes:
        return self.body


def test_the_readmes_flask_handler_ships_only_what_the_api_calls_paid(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from support.reference import ROOT

    monkeypatch.chdir(tmp_path)  # the handler's ledger is a relative SQLite path: a fresh one per run

    section = (ROOT / "README.md").read_text().split("### Postbacks\n", 1)[1].split("\n### ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    fake = FakeCryptoCloud(seed=5, secret=SECRET)
    request = _Request()
    flask = types.ModuleType("flask")
    flask.Flask = lambda name: types.SimpleNamespace(post=lambda path: lambda handler: handler)  # type: ignore[attr-defined]
    flask.request = request  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "flask", flask)
    monkeypatch.setattr("cryptocloud.CryptoCloud", lambda **options: fake.client(**options))
    monkeypatch.setenv("CRYPTOCLOUD_SECRET", SECRET)
    namespace: dict[str, Any] = {}
    exec(compile(block, "README.md postback handler", "exec"), namespace)
    client = fake.client()
    full, partial = client.invoices.create(amount="10", order_id="o-1"), client.invoices.create(amount="10")

    def post(body: bytes) -> tuple[str, int]:
        request.body = body
        answer: tuple[str, int] = namespace["postback"]()
        return answer

    partial_note = fake.pay(partial.uuid, amount=Decimal("0.5")).body
    full_note = fake.pay(full.uuid).body
    assert post(partial_note) == ("ok", 200) and namespace["shipped"] == set()
    assert post(rewritten(full_note, order_id="o-other")) == (
        "postback refused: order_id in the body ('o-other') is not the invoice's ('o-1'): the body was altered",
        400,
    )
    forged = rewritten(full_note, token=signed({"id": full.uuid[4:]}, key="k" * 32))
    assert post(forged) == ("postback refused: token signature does not match (wrong secret key?)", 400)
    assert post(full_note) == post(full_note) == ("ok", 200)  # a replay is handled once
    assert namespace["shipped"] == {full.uuid}
    fake.fail_next("refused", count=3)
    monkeypatch.setattr("cryptocloud._client.time.sleep", lambda seconds: None)
    assert post(full_note) == ("the invoice could not be read from CryptoCloud; try again later", 503)


def test_confirm_on_the_aiohttp_backend_against_the_served_fake() -> None:
    from cryptocloud import AsyncCryptoCloud

    fake = FakeCryptoCloud(seed=6, secret=SECRET)
    full, partial = fake.client().invoices.create(amount="10"), fake.client().invoices.create(amount="10")
    notes = [fake.pay(full.uuid).body, fake.pay(partial.uuid, amount=Decimal("1")).body]

    async def confirm_both(url: str) -> list[tuple[bool, str]]:
        client = AsyncCryptoCloud(api_key=fake.api_key, base_url=url, postback_secret=SECRET, http_backend="aiohttp")
        async with client:
            payments = [await client.postbacks.confirm(note, "application/json") for note in notes]
        return [(payment.paid, str(payment.status)) for payment in payments]

    with fake.serve() as url:
        assert asyncio.run(confirm_both(url)) == [(True, "paid"), (False, "partial")]
