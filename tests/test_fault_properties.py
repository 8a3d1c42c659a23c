"""Property tests over fault schedules: whatever sequence of faults hits a create and its recovery lookups, there is
never more than one invoice for the order, a returned invoice is that one, and an error that says "not created"
is never wrong."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from unittest import mock

from cryptocloud import APIError, Invoice, OrderIdConflictError
from cryptocloud.testing import FakeCryptoCloud
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.fake_harness import FakeHarness

FAULT_KINDS = ["refused", "html_520", "rate_limit", "reset_after_send", "read_timeout", "server_error"]

schedules = st.lists(st.sampled_from(FAULT_KINDS), max_size=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    faults=schedules,
    mode=st.sampled_from(["sync", "async"]),
    recover=st.booleans(),
    max_retries=st.integers(0, 3),
    window=st.sampled_from([0.0, 3.0, 15.0]),
)
def test_one_invoice_per_order_whatever_the_faults(
    faults: list[str], mode: str, recover: bool, max_retries: int, window: float
) -> None:
    fake = FakeCryptoCloud(seed=3)  # a fresh fake per example (3 ms once the spec is loaded)
    for kind in faults:  # each fault hits the next request in order: the create, a lookup, a resend...
        fake.fail_next(kind)
    h = FakeHarness(mode, fake, max_retries=max_retries, recovery_window=window)
    slept: list[float] = []

    async def no_async_sleep(seconds: float, result: Any = None) -> Any:
        slept.append(seconds)
        return result

    with mock.patch("cryptocloud._client.time.sleep", slept.append), mock.patch("asyncio.sleep", no_async_sleep):
        try:
            outcome: Invoice | APIError = h.run(
                h.client.invoices.create, amount=Decimal("12.50"), order_id="order-p", recover=recover
            )
        except APIError as error:
            outcome = error

    mine = [invoice for invoice in fake.invoices.values() if invoice["order_id"] == "order-p"]
    assert len(mine) <= 1  # never a second invoice for one order
    creates = [r for r in fake.requests if r.url.path == "/v2/invoice/create"]
    if isinstance(outcome, Invoice):
        assert [outcome.uuid] == [i["uuid"] for i in mine] and outcome.amount_in_fiat == Decimal("12.50")
    else:
        assert not isinstance(outcome, OrderIdConflictError)  # no other invoice uses this order_id
        if not outcome.may_have_been_created:
            assert mine == []  # "not created" is never wrong
        else:
            assert outcome.order_id == "order-p"
    if not recover:
        # Without recovery a create is sent again only after a fault that proves it was not carried out.
        refusals = sum(1 for kind in faults[: len(creates) - 1] if kind in ("refused", "rate_limit"))
        assert len(creates) == 1 + refusals
