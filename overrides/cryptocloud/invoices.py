"""``client.invoices``: each operation is defined once and exposed sync, async and (single calls) raw."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, cast

import httpx
from cryptocloud_client.api.invoices import cancel_invoice, create_invoice, get_invoice_info
from cryptocloud_client.models import (
    CryptoCurrency,
    FiatCurrency,
    InvoiceAddFields,
    InvoiceCancelRequest,
    InvoiceCreateRequest,
    InvoiceInfoRequest,
    Locale,
    ResendPeriod,
    TimeToPay,
)
from cryptocloud_client.types import UNSET, Unset

from . import _params, errors
from ._core import Call, Composite, Core, Flow, Operation
from ._lookup import InvoicePager, disagreement, find, recorded_create, recovering_create
from ._resource import AsyncResource, SyncResource, async_method, async_raw_method, sync_method, sync_raw_method
from ._responses import Missing
from .models import Invoice, InvoiceDetails, result_as, results_as

INFO_CHUNK = 100  # the API reads at most 100 ids per request
_decode_invoice = result_as(Invoice)
_decode_details = results_as(InvoiceDetails)


def create_call(
    core: Core,
    http: httpx.Client | httpx.AsyncClient,
    /,
    *,
    amount: Decimal | int | str,
    currency: FiatCurrency | str = "USD",
    order_id: str | None = None,
    email: str | None = None,
    time_to_pay: timedelta | None = None,
    available_currencies: list[CryptoCurrency | str] | tuple[CryptoCurrency | str, ...] | None = None,
    cryptocurrency: CryptoCurrency | str | None = None,
    email_to_send: str | None = None,
    period: ResendPeriod | str | None = None,
    locale: Locale | str | None = None,
    shop_id: str | None = None,
    recover: bool = False,
) -> Operation[Invoice]:
    """Create an invoice and return it.

    ``amount`` is exact: a Decimal, an int or a string of plain digits (a float is refused). Every argument is
    checked before anything is sent. A create that fails after it may have reached the server is never resent:
    the error's ``may_have_been_created`` is true and ``order_id`` says what to look it up by.

    With ``recover=True`` (needs ``order_id``) the client does that lookup itself, through the list endpoint,
    several times over the client's ``recovery_window`` (15 s by default) so that a late commit is seen. It
    returns an invoice only if this call could have created it: this order_id, created no earlier than the
    first send (less 5 minutes of clock skew), the same amount and currency. An invoice with this order_id that
    does not match raises OrderIdConflictError (nothing resent). The create is sent again only when no invoice
    with this order_id appeared in the whole window. Remaining risk: an invoice the server commits later than
    the window after the failure is not seen, and the resend makes a second one.

    ``period`` ("month", "week", "day") emails the unpaid invoice again to ``email_to_send`` that often.
    """
    if period is not None and email_to_send is None:
        raise errors.InvalidParameterError("period", period, "needs email_to_send: the invoice is emailed again there")
    add_fields: InvoiceAddFields | Unset = UNSET  # sent only when one of its fields is given
    if any(a is not None for a in (time_to_pay, email_to_send, available_currencies, cryptocurrency, period)):
        add_fields = InvoiceAddFields(
            time_to_pay=TimeToPay(*_params.time_to_pay(time_to_pay)) if time_to_pay is not None else UNSET,
            email_to_send=_params.email(email_to_send, "email_to_send") if email_to_send is not None else UNSET,
            available_currencies=(
                _params.crypto_list(available_currencies) if available_currencies is not None else UNSET
            ),
            cryptocurrency=_params.crypto(cryptocurrency) if cryptocurrency is not None else UNSET,
            period=_params.code(period, ResendPeriod, "period") if period is not None else UNSET,
        )
    body = InvoiceCreateRequest(
        shop_id=core.require_shop_id(shop_id),
        amount=_params.amount(amount),
        currency=_params.fiat(currency),
        order_id=_params.text(order_id, "order_id") if order_id is not None else UNSET,
        email=_params.email(email) if email is not None else UNSET,
        add_fields=add_fields,
    )
    kwargs = create_invoice.request_kwargs(body=body, locale=_params.locale(locale) if locale is not None else UNSET)
    # The answer states the fiat amount and currency asked for (and may state the order_id): one that disagrees
    # answers another request. Two orders of the same price cannot be told apart this way (see _pool).
    agrees = functools.partial(disagreement, body=body)
    call = Call(core.build(http, kwargs), _decode_invoice, creates=True, order_id=order_id, agrees=agrees)
    if recover and order_id is None:
        raise errors.InvalidParameterError("recover", recover, "needs an order_id to look the invoice up by")
    if core.ledger is not None:
        return Composite(lambda core: recorded_create(core, http, call, body, recover))
    return Composite(lambda core: recovering_create(core, http, call, body)) if recover else call


def cancel_call(core: Core, http: httpx.Client | httpx.AsyncClient, /, uuid: str) -> Call[None]:
    """Cancel an invoice that is still ``created`` (id with or without ``INV-``)."""
    body = InvoiceCancelRequest(uuid=_params.invoice_id(uuid))

    def confirmed(data: dict[str, Any]) -> None:
        if not isinstance(data["result"], (list, str)):
            raise TypeError(f"result: expected ['ok'], got {type(data['result']).__name__}")

    request = core.build(http, cancel_invoice.request_kwargs(body=body))
    return Call(request, confirmed, creates=False, resendable=False, what="cancel")


def _info_request(core: Core, http: httpx.Client | httpx.AsyncClient, ids: list[str]) -> httpx.Request:
    return core.build(http, get_invoice_info.request_kwargs(body=InvoiceInfoRequest(uuids=ids)))


def retrieve_call(core: Core, http: httpx.Client | httpx.AsyncClient, /, uuid: str) -> Call[InvoiceDetails]:
    """One invoice by id (with or without ``INV-``); NotFoundError when the answer does not contain it."""
    wanted = _params.invoice_id(uuid)

    def pick(data: dict[str, Any]) -> InvoiceDetails:
        for invoice in _decode_details(data):
            if _params.bare_id(invoice.uuid) == _params.bare_id(wanted):
                return invoice
        raise Missing(f"no invoice {wanted} in the answer")

    return Call(_info_request(core, http, [wanted]), pick, creates=False)


def retrieve_many_call(
    core: Core, http: httpx.Client | httpx.AsyncClient, /, uuids: list[str] | tuple[str, ...]
) -> Composite[list[InvoiceDetails]]:
    """Invoices by id, any number (requests of 100), in the order asked; ids the API does not return are left out."""
    wanted = _params.invoice_ids(uuids)

    def flow(core: Core) -> Flow[list[InvoiceDetails]]:
        found: dict[str, InvoiceDetails] = {}
        for start in range(0, len(wanted), INFO_CHUNK):
            call = Call(_info_request(core, http, wanted[start : start + INFO_CHUNK]), _decode_details, creates=False)
            invoices = yield from core.run(call)
            found |= {_params.bare_id(invoice.uuid): invoice for invoice in cast(list[InvoiceDetails], invoices)}
        return [found[_params.bare_id(uuid)] for uuid in wanted if _params.bare_id(uuid) in found]

    return Composite(flow)


def find_by_order_id_call(
    core: Core,
    http: httpx.Client | httpx.AsyncClient,
    /,
    order_id: str,
    *,
    since: datetime | date | timedelta = timedelta(days=1),
) -> Composite[InvoiceDetails | None]:
    """The newest invoice created with this ``order_id`` since ``since`` (an aware datetime, a date, or how long
    ago; default one day), found through the list endpoint; None when there is none."""
    order_id = _params.text(order_id, "order_id")
    if isinstance(since, timedelta):
        moment = datetime.now(UTC) - since
    elif isinstance(since, datetime):
        if since.tzinfo is None:
            raise errors.InvalidParameterError("since", since, "must be timezone-aware")
        moment = since.astimezone(UTC)
    elif isinstance(since, date):
        moment = datetime(since.year, since.month, since.day, tzinfo=UTC)
    else:
        raise errors.InvalidParameterError("since", since, "must be a datetime, date or timedelta")
    return Composite(lambda core: find(core, http, order_id, moment))


class Invoices(SyncResource):
    create = sync_method(create_call)
    cancel = sync_method(cancel_call)
    retrieve = sync_method(retrieve_call)
    retrieve_many = sync_method(retrieve_many_call)
    find_by_order_id = sync_method(find_by_order_id_call)

    def list(self, *, start: date, end: date, page_size: int = 100) -> Iterator[InvoiceDetails]:
        """Every invoice created from ``start`` to ``end`` (dates, both included), fetched lazily page by page."""
        pager = InvoicePager(self._client._core, self._client._http, start, end, page_size)  # checks now
        return self._pages(pager)

    def _pages(self, pager: InvoicePager) -> Iterator[InvoiceDetails]:
        while (call := pager.next_call()) is not None:
            yield from pager.accept(self._client._send(call))

    @cached_property
    def with_raw_response(self) -> InvoicesWithRawResponse:
        """The single-request operations, returning the undecoded HTTP answer (``.parse()`` decodes it)."""
        return InvoicesWithRawResponse(self._client)


class InvoicesWithRawResponse(SyncResource):
    create = sync_raw_method(create_call)
    cancel = sync_raw_method(cancel_call)
    retrieve = sync_raw_method(retrieve_call)


class AsyncInvoices(AsyncResource):
    create = async_method(create_call)
    cancel = async_method(cancel_call)
    retrieve = async_method(retrieve_call)
    retrieve_many = async_method(retrieve_many_call)
    find_by_order_id = async_method(find_by_order_id_call)

    def list(self, *, start: date, end: date, page_size: int = 100) -> AsyncIterator[InvoiceDetails]:
        """Every invoice created from ``start`` to ``end`` (dates, both included), fetched lazily page by page."""
        pager = InvoicePager(self._client._core, self._client._http, start, end, page_size)  # checks now
        return self._pages(pager)

    async def _pages(self, pager: InvoicePager) -> AsyncIterator[InvoiceDetails]:
        while (call := pager.next_call()) is not None:
            for invoice in pager.accept(await self._client._send(call)):
                yield invoice

    @cached_property
    def with_raw_response(self) -> AsyncInvoicesWithRawResponse:
        """The single-request operations, returning the undecoded HTTP answer (``.parse()`` decodes it)."""
        return AsyncInvoicesWithRawResponse(self._client)


class AsyncInvoicesWithRawResponse(AsyncResource):
    create = async_raw_method(create_call)
    cancel = async_raw_method(cancel_call)
    retrieve = async_raw_method(retrieve_call)
