"""``client.withdrawals``: send money out of the merchant's balance to an address. Opt-in, never resent.

    client = CryptoCloud(withdrawal_key=...)        # or $CRYPTOCLOUD_WITHDRAWAL_KEY
    out = client.withdrawals.create(currency_code="USDT_TRC20", to_address="T...", amount=Decimal("10"))

A withdrawal needs its own key, made in the account's security settings; it is sent only with withdrawals, as
``Authorization: Token <withdrawal key>``. It is sent at most once: not after a lost or cut answer, a 5xx, an
unreadable success, nor even a 429 (a refusal, but money going out is worth a person's look). When it may
have been carried out, the error's ``may_have_taken_effect`` is true: check the balance and the withdrawal
history before trying again.

CryptoCloud asks for 12 s between two withdrawals. This process keeps that spacing per withdrawal key, over
every client holding the key: a withdrawal asked for sooner raises WithdrawalTooSoonError (nothing sent; its
``retry_after`` says how long to wait). The 12 s count from each withdrawal this process started to send,
whatever its outcome. Other processes using the same key are not seen: the server's ``rate_limit`` refusal
(a BadRequestError or RateLimitError, never resent) covers them.
"""

from __future__ import annotations

import functools
import re
import threading
import time
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs
from cryptocloud_client.api.withdrawals import create_withdrawal
from cryptocloud_client.exact import DecodeError
from cryptocloud_client.models import CryptoCurrency, Currency, WithdrawalCreateRequest
from cryptocloud_client.models import Withdrawal as GeneratedWithdrawal

from . import _params, errors
from ._core import ENV_WITHDRAWAL_KEY, Call, Composite, Core, Flow, blocking, noted
from ._resource import AsyncResource, Http, SyncResource, async_method, sync_method
from ._secrets import WithdrawalKey
from .ledger._base import DONE, REFUSED, UNKNOWN

if TYPE_CHECKING:
    pass

__all__ = ["ENV_WITHDRAWAL_KEY", "MIN_SPACING", "Withdrawal"]

MIN_SPACING = 12.0  # seconds between two withdrawals with one key, as CryptoCloud asks
ENVELOPES = ("result", "data")  # the newer docs' envelope, then the older docs'
# An address as the chains write them: printable ASCII without spaces (base58, hex, bech32, TON's base64url).
_ADDRESS = re.compile(r"[\x21-\x7e]{1,256}")


class _Spacing:
    """When this process last started to send a withdrawal, per key (by its SHA-256)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[bytes, float] = {}

    def reserve(self, key: WithdrawalKey) -> None:
        """Record a withdrawal about to be sent now, or raise WithdrawalTooSoonError (nothing sent)."""
        with self._lock:
            now = _clock()
            last = self._last.get(key.digest)
            if last is not None and now - last < MIN_SPACING:
                raise errors.WithdrawalTooSoonError(round(MIN_SPACING - (now - last), 1) or 0.1)
            self._last[key.digest] = now

    def clear(self) -> None:
        with self._lock:
            self._last.clear()


_clock = time.monotonic
SPACING = _Spacing()


def _address(value: object) -> str:
    if not isinstance(value, str):
        raise errors.InvalidParameterError("to_address", value, f"must be a string, got {type(value).__name__}")
    if not _ADDRESS.fullmatch(value):
        raise errors.InvalidParameterError(
            "to_address", value, "must be 1 to 256 printable ASCII characters without spaces"
        )
    return value


def require(key: WithdrawalKey | None) -> WithdrawalKey:
    if key is None:
        raise errors.InvalidParameterError(
            "withdrawal_key", None, f"missing: pass withdrawal_key= or set {ENV_WITHDRAWAL_KEY}"
        )
    return key


def request(
    *, currency_code: CryptoCurrency | str, to_address: str, amount: Decimal | int | str
) -> WithdrawalCreateRequest:
    """The withdrawal's body, every argument checked (InvalidParameterError naming it)."""
    return WithdrawalCreateRequest(
        currency_code=_params.crypto(currency_code, "currency_code"),
        to_address=_address(to_address),
        amount=_params.amount(amount),
    )


class Withdrawal(GeneratedWithdrawal):
    """A withdrawal as created, in whichever shape the API answered (see the spec's ``Withdrawal``): ``id`` and
    ``currency_code`` read it either way; every other field it sent is kept (``additional_properties``)."""

    @property
    def id(self) -> str:
        """The withdrawal's ``INV-`` id, from ``uuid`` (2026 docs) or ``invoice_id`` (older docs)."""
        named = self.uuid if isinstance(self.uuid, str) and self.uuid else self.invoice_id
        return _params.INVOICE_PREFIX + _params.bare_id(named) if isinstance(named, str) else ""

    @property
    def currency_code(self) -> str | None:
        """The full code of the currency sent ("USDT_TRC20"), from a code or a currency object; None if unsaid."""
        currency = self.currency
        if isinstance(currency, Currency):
            code = currency.fullcode if isinstance(currency.fullcode, str) else currency.code
            return code if isinstance(code, str) else None
        return currency if isinstance(currency, str) else None


def disagreement(withdrawal: Withdrawal, body: WithdrawalCreateRequest) -> str | None:
    """How the answer's stated amount or currency contradicts the request; None when nothing it states does. The
    currency may be stated as the full code ("USDT_TRC20") or the coin alone ("USDT"), as text or an object."""
    if isinstance(withdrawal.amount, Decimal) and withdrawal.amount != body.amount:
        return f"amount {withdrawal.amount}, asked {body.amount}"
    asked = str(body.currency_code)
    stated = withdrawal.currency_code
    if stated is not None and stated.upper() not in (asked, asked.split("_")[0]):
        return f"currency {stated!r}, asked {asked!r}"
    return None


def _decode(data: dict[str, Any]) -> Withdrawal:
    key = next(key for key in ENVELOPES if key in data)  # decode_success made sure one is there
    withdrawal = Withdrawal.from_dict(data[key])
    if not withdrawal.id:  # what moved cannot be named: the error keeps the body, and says it may have gone out
        raise DecodeError(key, "names no withdrawal: neither uuid nor invoice_id")
    return withdrawal


def create_call(
    core: Core,
    http: Http,
    /,
    *,
    currency_code: CryptoCurrency | str,
    to_address: str,
    amount: Decimal | int | str,
    idempotency_key: str | None = None,
) -> Composite[Withdrawal]:
    """Send ``amount`` of ``currency_code`` (a full code such as "USDT_TRC20") to ``to_address``; return the
    withdrawal as created (``id``, ``status``, ``currency_code``, ``amount`` as Decimal).

    Needs the client's ``withdrawal_key`` (or $CRYPTOCLOUD_WITHDRAWAL_KEY). Every argument is checked before
    anything is sent; a float amount is refused. Sent at most once: a failure after it may have reached the
    server raises an APIError whose ``may_have_taken_effect`` is true; check the balance and the withdrawal
    history before trying again. Less than 12 s after the previous withdrawal with the same key (from this
    process, or any process sharing the client's ledger) raises WithdrawalTooSoonError, and nothing is sent.

    ``idempotency_key`` (needs the client's ``ledger``) makes the withdrawal once-only across processes and
    restarts: the intent is committed to the ledger before sending; the same key again returns the known result
    without sending, or raises OutcomeUnknownError (sending nothing) while an earlier attempt's outcome is
    unknown: resolve it with ``ledger.resolve_withdrawal`` after checking the dashboard's history.
    """
    ledger = core.ledger
    if idempotency_key is not None:
        idempotency_key = _params.text(idempotency_key, "idempotency_key")
        if ledger is None:
            raise errors.InvalidParameterError(
                "idempotency_key",
                idempotency_key,
                "needs a ledger: pass ledger= to the client or set CRYPTOCLOUD_LEDGER",
            )
    key = require(core.withdrawal_key)
    body = request(currency_code=currency_code, to_address=to_address, amount=amount)
    # The client's configuration with the withdrawal key in place of the API key: its Authorization header, and
    # its redaction of error messages, logs and recordings, are then the withdrawal key's (and the API key's).
    signed = attrs.evolve(core, api_key=key.value, also_hidden=(core.api_key,))
    call = Call(
        signed.build(http, create_withdrawal.request_kwargs(body=body)),
        _decode,
        creates=False,
        resendable=False,
        resend_rate_limited=False,
        what="withdrawal",
        envelope=ENVELOPES,
        agrees=functools.partial(disagreement, body=body),  # one that disagrees answers another request
    )

    def flow(_: Core) -> Flow[Withdrawal]:
        if ledger is None:
            SPACING.reserve(key)
            return cast(Withdrawal, (yield from signed.run(call)))
        # Committed before the request leaves: a process that dies after sending leaves "sending" behind.
        record = idempotency_key or f"unkeyed-{uuid.uuid4().hex}"
        # 10 and 10.00 are one amount: a job that reads it back from a NUMERIC column retries the same payout.
        amount = format(Decimal(body.amount).normalize(), "f")
        asked = {"currency_code": str(body.currency_code), "to_address": body.to_address, "amount": amount}
        what = f"withdrawal {record!r}"
        known = yield from blocking(functools.partial(ledger.begin_withdrawal, record, asked, key.digest))
        if known is not None:
            return Withdrawal.from_dict(known)  # carried out before: returned, nothing sent
        try:
            withdrawal = cast(Withdrawal, (yield from signed.run(call)))
        except errors.APIError as error:
            outcome = UNKNOWN if error.may_have_taken_effect else REFUSED
            yield from noted(functools.partial(ledger.finish_withdrawal, record, outcome, detail=error.message), what)
            raise
        yield from noted(functools.partial(ledger.finish_withdrawal, record, DONE, withdrawal.to_dict()), what)
        return withdrawal

    return Composite(flow)


class Withdrawals(SyncResource):
    create = sync_method(create_call)


class AsyncWithdrawals(AsyncResource):
    create = async_method(create_call)
