"""``client.postbacks``: confirm a payment notification by reading the invoice back from the API.

    payment = client.postbacks.confirm(request_body, request_content_type)   # secret: $CRYPTOCLOUD_SECRET
    if payment.paid:
        mark_paid(payment.invoice_uuid, payment.order_id, payment.received)  # once per invoice_uuid

A postback's token is signed but carries only ``{"id", "exp"}``: it proves that CryptoCloud sent a
notification in the last 5 minutes, and at best which invoice it is about. ``confirm`` verifies it, then asks
the API (invoice info) for that invoice, and takes status, order_id and amounts from the API's answer only.
``paid`` is true only when the API says ``paid`` or ``overpaid``: a partial payment, whose postback still says
``"success"``, is not paid.

What a forger can still do, and why it is harmless here: replay a genuine postback within its 5 minutes, or,
when the token's id is not a string naming the invoice, point it at another invoice of the same project. The
answer is then the API's truth about that invoice; the same invoice may be confirmed more than once, so act
on it idempotently, keyed by ``invoice_uuid``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs
from cryptocloud_client.models import InvoiceStatus
from cryptocloud_client.types import Unset

from .. import _token, errors
from .._core import Composite, Core, Flow
from .._resource import AsyncResource, Http, SyncResource, async_method, sync_method
from .._secrets import SecretKey
from ..invoices import retrieve_call
from ..models import NOT_A_VALUE, InvoiceDetails
from .verify import Postback, PostbackInvoice, verify_postback

if TYPE_CHECKING:
    pass

__all__ = ["ENV_SECRET", "PAID_STATUSES", "ConfirmedPayment", "Mismatch"]

ENV_SECRET = "CRYPTOCLOUD_SECRET"
Leeway = float | timedelta
PAID_STATUSES = frozenset({InvoiceStatus.PAID.value, InvoiceStatus.OVERPAID.value})


@attrs.frozen
class Mismatch:
    """A field where the postback's (unsigned) body disagrees with the API."""

    field: str
    in_body: Any
    from_api: Any


@attrs.frozen
class ConfirmedPayment:
    """What the API says about the invoice a verified postback names: act on this, not on the postback.

    ``paid`` is true only for the API statuses ``paid`` and ``overpaid``. ``order_id``, ``status``, ``currency``
    and the amounts come from the API (amounts in the payment currency unless ``_usd``), by the models' one rule:
    a field the API's answer left out is ``UNSET``, a field it sent as null is ``None`` (only where the spec
    lets it be null: ``received`` before any payment, ``order_id`` of an invoice made without one). ``currency``
    is the payment currency's full code. ``test_mode`` is the API's flag: a test-mode project can confirm
    invoices without any payment.
    ``mismatches`` lists body fields that disagree with the API (amount, currency, invoice_info's status): the
    body was altered, or its meaning differs from what the docs say; the values here are the API's either way.
    A body whose order_id differs from the API's is refused instead (PostbackVerificationError).
    ``verified_by`` says in words what was checked and how.

    ``dedup_key`` identifies the state the API confirmed (the invoice, its status, the amount received): a
    repeated delivery of the same postback, or a replay, gives the same key; a partial payment and the rest of it
    (both postbacks say ``"success"``) give two. Process a payment once per key, e.g. with a unique index on it.
    It comes from the API's answer, never from the postback's body, which the token does not sign.
    """

    invoice_uuid: str
    paid: bool
    status: InvoiceStatus | str
    order_id: str | Unset | None
    currency: str | Unset | None
    amount: Decimal | Unset
    received: Decimal | Unset | None
    amount_usd: Decimal | Unset
    received_usd: Decimal | Unset | None
    test_mode: bool
    mismatches: tuple[Mismatch, ...]
    verified_by: str
    invoice: InvoiceDetails = attrs.field(repr=False, hash=False)  # the API's whole answer
    postback: Postback = attrs.field(repr=False, hash=False)  # the verified body, for reference only

    @property
    def dedup_key(self) -> str:
        """``INV-…:status:received`` as the API confirmed them (see the class)."""
        received = self.received if isinstance(self.received, Decimal) else None
        amount = format(received.normalize(), "f") if received is not None else "-"
        return f"{self.invoice_uuid}:{self.status}:{amount}"


def _order_id(invoice: InvoiceDetails) -> str | Unset | None:
    """Absent stays UNSET and null None, as the API's answer had them; the text "None" is null too."""
    order_id = invoice.order_id
    return None if isinstance(order_id, str) and order_id.strip() in NOT_A_VALUE else order_id


def _set(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


def _secret(secret: object) -> bytes:
    if secret is None:
        secret = os.environ.get(ENV_SECRET)
        if not secret:
            reason = f"missing: pass secret=, postback_secret= to the client, or set {ENV_SECRET}"
            raise errors.InvalidParameterError("secret", "<hidden>", reason)
    return _token.secret_key(secret)


def _verified_by(postback: Postback, invoice_uuid: str) -> str:
    expires = postback.token_expires_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    named = postback.token_payload.get("id")
    if postback.invoice_id_authenticated:
        which = f"the token names invoice {invoice_uuid}"
    else:
        which = f"the token does not name the invoice (its id is {_token.short(named, 30)}), so invoice_id is unsigned"
    return (
        f"HS256 token signature checked with the project's secret key, valid until {expires}; {which}; "
        f"status, order_id and amounts read from the API (invoice info for {invoice_uuid}), not from the postback"
    )


def _mismatches(postback: Postback, invoice: InvoiceDetails) -> tuple[Mismatch, ...]:
    found: list[Mismatch] = []
    body_order, api_order = _set(postback.order_id), _set(invoice.order_id)
    if body_order is not None and api_order is not None and body_order != api_order:
        raise errors.PostbackVerificationError(
            f"order_id in the body ({_token.short(body_order)}) is not the invoice's ({_token.short(api_order)}): "
            "the body was altered"
        )
    if body_order != api_order:  # one side has none (a static wallet's identify, say): reported, not refused
        found.append(Mismatch("order_id", body_order, api_order))
    currency = _set(invoice.currency)
    if currency is not None and postback.currency != currency.fullcode:
        found.append(Mismatch("currency", postback.currency, currency.fullcode))
    received = _set(invoice.received)
    if received is not None and postback.amount_crypto != received:
        found.append(Mismatch("amount_crypto", postback.amount_crypto, received))
    info = _set(postback.invoice_info)
    if isinstance(info, PostbackInvoice) and str(info.status) != str(invoice.status):
        found.append(Mismatch("invoice_info.status", str(info.status), str(invoice.status)))
    return tuple(found)


def confirm_call(
    core: Core,
    http: Http,
    /,
    body: bytes | str,
    content_type: str | None,
    secret: str | bytes | SecretKey | None = None,
    *,
    leeway: Leeway = 0,
) -> Composite[ConfirmedPayment]:
    """Verify a postback, then read its invoice from the API; return what the API says (``ConfirmedPayment``).

    ``secret`` is the project's secret key (default: the client's ``postback_secret``, else $CRYPTOCLOUD_SECRET).
    Raises PostbackVerificationError when the token does not verify, the API has no such invoice, or the body's
    order_id is not the invoice's; an APIError when the API cannot be asked now (answer the postback with a
    5xx, or check the invoice later with ``invoices.retrieve``). Confirming the same postback again gives the
    same answer while its token lasts and the invoice does not change.
    """
    if secret is None and core.postback_secret is not None:
        key = core.postback_secret.key
    else:
        key = secret.key if isinstance(secret, SecretKey) else _secret(secret)
    postback = verify_postback(body, content_type, key, leeway=leeway)
    try:
        read = retrieve_call(core, http, postback.invoice_uuid)
    except errors.InvalidParameterError:
        raise errors.PostbackVerificationError(
            f"invoice_id {_token.short(postback.invoice_id)} is not an invoice id"
        ) from None

    def flow(core: Core) -> Flow[ConfirmedPayment]:
        try:
            invoice = cast(InvoiceDetails, (yield from core.run(read)))
        except errors.NotFoundError:
            raise errors.PostbackVerificationError(f"the API has no invoice {postback.invoice_uuid}") from None
        currency = invoice.currency
        return ConfirmedPayment(
            invoice_uuid=invoice.uuid,
            paid=str(invoice.status) in PAID_STATUSES,
            status=invoice.status,
            # absent stays UNSET and null None, as the API's answer had them; the text "None" is null too
            order_id=None
            if isinstance(invoice.order_id, str) and invoice.order_id in NOT_A_VALUE
            else invoice.order_id,
            currency=currency if currency is None or isinstance(currency, Unset) else currency.fullcode,
            amount=invoice.amount,
            received=invoice.received,
            amount_usd=invoice.amount_usd,
            received_usd=invoice.received_usd,
            test_mode=_set(invoice.test_mode) is True,
            mismatches=_mismatches(postback, invoice),
            verified_by=_verified_by(postback, invoice.uuid),
            invoice=invoice,
            postback=postback,
        )

    return Composite(flow)


class Postbacks(SyncResource):
    confirm = sync_method(confirm_call)


class AsyncPostbacks(AsyncResource):
    confirm = async_method(confirm_call)
