"""Answers as public material shows them (issue 22), each decoded through the client on every backend, each test
naming its source: the withdrawal in every docs version, nulls, the text "None", repeated postbacks, redirects."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import APIResponseValidationError, APIStatusError
from cryptocloud.testing import FakeCryptoCloud
from support.fake_harness import FakeHarness
from support.harness import Harness, echoing
from support.recorded_tools import answer, decode, recorded

WITHDRAWALS = {
    # source -> (id, currency_code, amount)
    "withdrawal_docs_2026.json": ("INV-2Q2SICZN", "USDT_TRC20", Decimal("10.0")),
    "withdrawal_docs_older.json": ("INV-XXXXXXXX", "BTC", Decimal("0.05")),
}


@pytest.mark.parametrize("source", sorted(WITHDRAWALS))
def test_every_docs_version_of_the_withdrawal_answer_is_read(mode: str, source: str) -> None:
    body = recorded()[source]["body"]
    out = decode("createWithdrawal", body, mode)
    assert (out.id, out.currency_code, out.amount) == WITHDRAWALS[source]
    assert type(out.amount) is Decimal
    # What the answer carries beyond the spec is kept as sent, nothing dropped.
    sent = body.get("result", body.get("data"))
    assert set(out.to_dict()) | set(out.additional_properties) >= set(sent)


def test_the_2026_withdrawal_keeps_its_currency_object_its_nulls_and_its_none_texts(mode: str) -> None:
    out = decode("createWithdrawal", recorded()["withdrawal_docs_2026.json"]["body"], mode)
    assert out.currency.fullcode == "USDT_TRC20" and out.currency.network.code == "TRC20"
    assert (out.expiry_date, out.date_finished, out.amount_in_crypto) == (None, None, None)
    assert (out.pay_url, out.order_id, out.type_, out.invoice_status) == ("None", "None", "dw", "start")
    assert out.currency_list[0]["network"][0]["code"] == "TRC20"  # an array here, kept as sent


def test_a_withdrawal_answer_naming_no_withdrawal_says_it_may_have_gone_out(mode: str) -> None:
    body = copy.deepcopy(recorded()["withdrawal_docs_older.json"]["body"])
    del body["data"]["invoice_id"]
    with pytest.raises(APIResponseValidationError) as info:
        decode("createWithdrawal", body, mode)
    assert "names no withdrawal: neither uuid nor invoice_id" in str(info.value)
    assert info.value.may_have_taken_effect is True


def _invoice_like(**changes: Any) -> dict[str, Any]:
    """The invoice-like object of the 2026 docs' answer, as an info item (the same object shape)."""
    item: dict[str, Any] = copy.deepcopy(recorded()["withdrawal_docs_2026.json"]["body"]["result"])
    return item | {"link": "pay.cryptocloud.plus/2Q2SICZN"} | changes


def test_an_info_item_with_expiry_date_null_is_read(mode: str) -> None:
    # Source: the 2026 docs' answer shows expiry_date and date_finished null on an invoice-like object.
    item = _invoice_like()
    h = Harness(mode, lambda r: answer({"status": "success", "result": [item]}))
    invoice = h.call(h.client.invoices.retrieve, "INV-2Q2SICZN")
    assert (invoice.expiry_date, invoice.date_finished) == (None, None)


def test_the_text_none_is_never_a_link_nor_a_merchants_order(mode: str) -> None:
    # Source: the 2026 docs' answer carries "pay_url": "None" and "order_id": "None" (a server-side str(None)).
    item = _invoice_like(link="None", order_id="None")
    h = Harness(mode, lambda r: answer({"status": "success", "result": [item]}))
    invoice = h.call(h.client.invoices.retrieve, "INV-2Q2SICZN")
    assert invoice.pay_url is None and invoice.link == "None"
    created = Harness(mode, echoing({"status": "success", "result": item | {"amount_usd": 10}}))
    assert created.create(amount="0.01").pay_url is None  # never https://None


def test_an_order_id_of_none_text_never_matches_a_lookup(mode: str) -> None:
    fake = FakeCryptoCloud(seed=7)
    h = FakeHarness(mode, fake)
    made = h.run(h.client.invoices.create, amount=Decimal("5"))  # no order_id
    fake.invoices[made.uuid]["order_id"] = "None"
    assert h.run(h.client.invoices.find_by_order_id, "None") is None


def test_repeated_postbacks_share_a_key_and_a_partial_payment_and_its_rest_do_not(mode: str) -> None:
    fake = FakeCryptoCloud(seed=7)
    h = FakeHarness(mode, fake, postback_secret=fake.secret)
    invoice = h.run(h.client.invoices.create, amount=Decimal("10"), order_id="o-1")
    partial = fake.pay(invoice.uuid, amount=fake.invoices[invoice.uuid]["amount"] / 2)
    first = h.run(h.client.postbacks.confirm, partial.body, partial.content_type)
    again = h.run(h.client.postbacks.confirm, partial.body, partial.content_type)  # delivered twice
    rest = fake.pay(invoice.uuid)
    paid = h.run(h.client.postbacks.confirm, rest.body, rest.content_type)
    assert first.dedup_key == again.dedup_key and not first.paid
    assert paid.paid and paid.dedup_key != first.dedup_key
    assert first.dedup_key.startswith(f"{invoice.uuid}:partial:") and paid.dedup_key.startswith(f"{invoice.uuid}:")


@pytest.mark.parametrize("status", [301, 308])
def test_a_redirect_with_a_json_body_still_names_the_new_host(mode: str, status: int) -> None:
    moved = httpx.Response(
        status, json={"detail": "moved"}, headers={"Location": "https://api.trybit.com/v2/invoice/create"}
    )
    h = Harness(mode, lambda r: moved)
    with pytest.raises(APIStatusError) as info:
        h.create()
    message = str(info.value)
    assert "set base_url='https://api.trybit.com' or CRYPTOCLOUD_BASE_URL" in message and "(detail: moved)" in message
    assert info.value.may_have_been_created is True
