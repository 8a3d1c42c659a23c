"""Faults on the wire, on every backend: a real local server cuts each exchange at each point, lies about
lengths, trickles, or streams without end, and the server counts what it got.

For each backend (sync httpx, async httpx, async aiohttp) and each operation: how many connections and complete
requests reached the server, how many invoices exist at the end, and what the error says. A create or a cancel
that may have reached the server is never resent and its error says it may have taken effect; a read is resent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from cryptocloud import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    CryptoCloud,
    Invoice,
)
from cryptocloud._core import Core
from cryptocloud.testing import FakeCryptoCloud
from support.harness import WireClient
from support.wire import CUTS, WireServer, refused_url

ORDER = "order-1"


@pytest.fixture(autouse=True)
def _short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real sleeps (the clients run on real sockets), but 10 ms instead of 0.5 s before a resend."""
    monkeypatch.setattr(Core, "backoff", lambda self, attempt: 0.01)


def serve(fake: FakeCryptoCloud, cut: str | None, path: str, **server: Any) -> WireServer:
    """The fake on the wire; the first request to ``path`` is answered as ``cut`` says, the rest properly."""
    seen: list[int] = []

    def fault(number: int, request: httpx.Request) -> str | None:
        if request.url.path != path or seen:
            return None
        seen.append(number)
        return cut

    return WireServer(fake.handle, fault, **server)


def invoices_for(fake: FakeCryptoCloud, order_id: str) -> list[dict[str, Any]]:
    return [invoice for invoice in fake.invoices.values() if invoice["order_id"] == order_id]


# cut -> (did the server carry the request out, the error a create or cancel ends with)
EXPECTED: dict[str, tuple[bool, type[APIError]]] = {
    "close_before_request": (False, APIConnectionError),
    "close_mid_request": (False, APIConnectionError),
    "close_after_request": (True, APIConnectionError),
    "reset_after_request": (True, APIConnectionError),
    "close_after_headers": (True, APIConnectionError),
    "close_mid_body": (True, APIConnectionError),
    "length_too_long": (True, APIConnectionError),
    "length_too_short": (True, APIResponseValidationError),  # the cut JSON is read, and is not JSON
    "duplicate_length": (True, APIConnectionError),
}
assert set(EXPECTED) == set(CUTS)
# aiohttp reads the 10 bytes beyond a short Content-Length as the next answer's status line, and fails the call.
EXPECTED_AIOHTTP = EXPECTED | {"length_too_short": (True, APIConnectionError)}


def expected(backend: str, cut: str) -> tuple[bool, type[APIError]]:
    return (EXPECTED_AIOHTTP if backend == "aiohttp" else EXPECTED)[cut]


@pytest.mark.parametrize("cut", CUTS)
def test_a_create_cut_anywhere_is_sent_once_and_says_it_may_exist(backend: str, cut: str) -> None:
    carried_out, error_type = expected(backend, cut)
    fake = FakeCryptoCloud(seed=1)
    with serve(fake, cut, "/v2/invoice/create") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    error = info.value
    assert type(error) is error_type, repr(error)
    assert error.may_have_been_created is True and error.may_have_taken_effect is True
    assert error.order_id == ORDER and f"look it up by order_id {ORDER!r}" in str(error)
    assert server.connections == 1  # never resent
    assert len(server.requests) == (1 if carried_out else 0)
    assert len(invoices_for(fake, ORDER)) == (1 if carried_out else 0)
    assert "fake-api-key" not in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("cut", CUTS)
def test_a_cancel_cut_anywhere_is_sent_once_and_says_it_may_have_worked(backend: str, cut: str) -> None:
    carried_out, error_type = expected(backend, cut)
    fake = FakeCryptoCloud(seed=1)
    with fake.client() as setup:
        uuid = setup.invoices.create(amount=Decimal("10")).uuid
    with serve(fake, cut, "/v2/invoice/merchant/canceled") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.invoices.cancel, uuid)
        finally:
            wire.close()
    error = info.value
    assert type(error) is error_type, repr(error)
    assert error.may_have_taken_effect is True and error.may_have_been_created is False
    assert "the cancel may have been carried out" in str(error)
    assert server.connections == 1
    assert fake.invoices[uuid]["status"] == ("canceled" if carried_out else "created")


@pytest.mark.parametrize("cut", CUTS)
def test_a_read_cut_anywhere_is_resent_and_succeeds(backend: str, cut: str) -> None:
    carried_out, _ = expected(backend, cut)
    fake = FakeCryptoCloud(seed=1)
    with fake.client() as setup:
        uuid = setup.invoices.create(amount=Decimal("10")).uuid
    with serve(fake, cut, "/v2/invoice/merchant/info") as server:
        wire = WireClient(backend, server.url, max_retries=3)
        try:
            found = wire.run(wire.client.invoices.retrieve, uuid)
        finally:
            wire.close()
    assert found.uuid == uuid
    assert len(server.requests) == (2 if carried_out else 1)  # the cut one (when it was read) and the resend


def test_a_refused_connection_is_retried_and_says_nothing_was_sent(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[int] = []

    def no_wait(self: Core, attempt: int) -> float:
        slept.append(attempt)
        return 0.0

    monkeypatch.setattr(Core, "backoff", no_wait)
    with refused_url() as url:
        wire = WireClient(backend, url, max_retries=2)
        try:
            with pytest.raises(APIConnectionError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    assert type(info.value) is APIConnectionError
    assert info.value.may_have_been_created is False and info.value.may_have_taken_effect is False
    assert slept == [0, 1]  # two retries: a refused connection proves nothing was sent


# ------------------------------------------------------------------ what the server can make us hold or wait for

LIMIT_CASES: dict[str, tuple[dict[str, Any], type[APIError], str]] = {
    # cut -> (the client options, the error, words of its message)
    "trickle": ({"timeout": 0.3}, APITimeoutError, "deadline"),
    "endless_chunked": ({"max_response_bytes": 1024 * 1024}, APIConnectionError, "larger than 1048576 bytes"),
    "huge_body": ({"max_response_bytes": 1024 * 1024}, APIConnectionError, "larger than 1048576 bytes"),
    "gzip_bomb": ({"max_response_bytes": 1024 * 1024}, APIConnectionError, "larger than 1048576 bytes"),
}


@pytest.mark.parametrize("cut", sorted(LIMIT_CASES))
def test_size_and_time_are_bounded(backend: str, cut: str) -> None:
    options, error_type, words = LIMIT_CASES[cut]
    fake = FakeCryptoCloud(seed=1)
    with serve(fake, cut, "/v2/invoice/create") as server:
        wire = WireClient(backend, server.url, **options)
        try:
            with pytest.raises(APIError) as info:
                wire.run(wire.client.invoices.create, amount=Decimal("10"), order_id=ORDER)
        finally:
            wire.close()
    error = info.value
    assert type(error) is error_type, repr(error)
    assert words in str(error)
    assert error.may_have_been_created is True
    assert len(server.requests) == 1 and len(invoices_for(fake, ORDER)) == 1
    # The server offered 100-200 MB (or 18 s of trickle); the client stopped reading long before.
    assert server.bytes_sent < 32 * 1024 * 1024


def test_the_default_body_cap_is_10_mib() -> None:
    client = CryptoCloud(api_key="k" * 16, shop_id="s")
    assert client._core.limits.max_bytes == 10 * 1024 * 1024
    assert client._core.limits.deadline == 35.0  # 5 s connect + 30 s read
    client.close()


# ------------------------------------------------------------------ recovery against a slow commit, on the wire


def test_recovery_waits_for_a_late_commit_instead_of_resending(backend: str) -> None:
    # The server commits the create 2.5 s after receiving it; the client gives up reading after 1 s. The lookups
    # (0.5, 1, 2 s apart) find the invoice once it is committed: nothing is resent.
    fake = FakeCryptoCloud(seed=1)
    with WireServer(fake.handle, slow_paths={"/v2/invoice/create": 2.5}) as server:
        wire = WireClient(backend, server.url, timeout=1.0)
        try:
            invoice = wire.run(wire.client.invoices.create, amount=Decimal("25"), order_id="order-late", recover=True)
        finally:
            wire.close()
    assert isinstance(invoice, Invoice)
    (stored,) = invoices_for(fake, "order-late")
    assert invoice.uuid == stored["uuid"] and invoice.amount_in_fiat == Decimal("25")
    assert [r.url.path for r in server.requests].count("/v2/invoice/create") == 1


# ------------------------------------------------------------------ withdrawals: money going out, sent at most once

WITHDRAWAL = "/v2/invoice/api/out/create"
TO = "TXYZabcdefghijkLMNOPqrstuvwx12345"


def _funded() -> FakeCryptoCloud:
    fake = FakeCryptoCloud(seed=1, withdrawal_key="fake-wkey-2f9c")
    fake.fund("USDT_TRC20", Decimal("100"))
    return fake


def _withdraw(backend: str, server: WireServer, **options: Any) -> APIError:
    wire = WireClient(backend, server.url, withdrawal_key="fake-wkey-2f9c", **({"max_retries": 3} | options))
    try:
        with pytest.raises(APIError) as info:
            wire.run(wire.client.withdrawals.create, currency_code="USDT_TRC20", to_address=TO, amount=Decimal("30"))
    finally:
        wire.close()
    return info.value


@pytest.mark.parametrize("cut", CUTS)
def test_a_withdrawal_cut_anywhere_is_sent_once_and_says_it_may_have_gone_out(backend: str, cut: str) -> None:
    carried_out, error_type = expected(backend, cut)
    fake = _funded()
    with serve(fake, cut, WITHDRAWAL) as server:
        error = _withdraw(backend, server)
    assert type(error) is error_type, repr(error)
    assert error.may_have_taken_effect is True and error.may_have_been_created is False
    assert "the withdrawal may have been carried out: check the balance and the withdrawal history" in str(error)
    assert server.connections == 1  # never resent
    assert len(server.requests) == (1 if carried_out else 0)  # counted by the server
    assert len(fake.withdrawals) == (1 if carried_out else 0)
    assert fake.balance("USDT_TRC20") == (Decimal("70") if carried_out else Decimal("100"))
    assert "fake-wkey-2f9c" not in str(error) and "fake-api-key" not in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("cut", sorted(LIMIT_CASES))
def test_a_withdrawal_answer_is_bounded_in_size_and_time(backend: str, cut: str) -> None:
    options, error_type, words = LIMIT_CASES[cut]
    fake = _funded()
    with serve(fake, cut, WITHDRAWAL) as server:
        error = _withdraw(backend, server, **options)
    assert type(error) is error_type, repr(error)
    assert words in str(error) and error.may_have_taken_effect is True
    assert server.connections == 1 and len(server.requests) == 1 and len(fake.withdrawals) == 1
    assert server.bytes_sent < 32 * 1024 * 1024


def test_a_refused_connection_is_the_only_withdrawal_fault_that_is_retried(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Core, "backoff", lambda self, attempt: 0.0)
    with refused_url() as url:
        wire = WireClient(backend, url, withdrawal_key="fake-wkey-2f9c", max_retries=2)
        try:
            with pytest.raises(APIConnectionError) as info:
                wire.run(wire.client.withdrawals.create, currency_code="BTC", to_address=TO, amount=1)
        finally:
            wire.close()
    assert type(info.value) is APIConnectionError and info.value.may_have_taken_effect is False
