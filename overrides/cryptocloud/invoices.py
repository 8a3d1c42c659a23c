"""``client.invoices``: each operation is defined once and exposed sync, async and (single calls) raw."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, cast

import httpx
from cryptocloud_client.api.invoices import cancel_invoice, create_invoice, get_invoice_info, list_invoices
from cryptocloud_client.models import (
    CryptoCurrency,
    FiatCurrency,
    InvoiceAddFields,
    InvoiceCancelRequest,
    InvoiceCreateRequest,
    InvoiceInfoRequest,
    InvoiceListRequest,
    Locale,
    ResendPeriod,
    TimeToPay,
)
from cryptocloud_client.types import UNSET

from . import _params, errors
from ._core import Call, Composite, Core, Flow, Operation, Unsettled
from ._resource import AsyncResource, SyncResource, async_method, async_raw_method, sync_method, sync_raw_method
from ._responses import Missing
from .models import Invoice, InvoiceDetails, InvoicePage, invoice_page, result_as, results_as

INFO_CHUNK = 100  # the API reads at most 100 ids per request
# How much earlier than our first send the server's clock may date an invoice and it still be ours (clock skew).
RECOVERY_SLACK = timedelta(minutes=5)
FIRST_LOOKUP_DELAY = 0.5  # then 1, 2, 4 ... seconds apart, until the client's recovery_window has passed
# A lookup reads at most this many pages of 100 (a shop's whole day, several times over); past that it cannot
# prove anything, and the create's own error is raised rather than a resend.
MAX_LOOKUP_PAGES = 50
# The states an invoice this very call created can be in seconds later (a canceled one is someone else's).
_FRESH_STATUSES = frozenset({"created", "paid", "partial", "overpaid"})


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
    add_fields = InvoiceAddFields(
        time_to_pay=TimeToPay(*_params.time_to_pay(time_to_pay)) if time_to_pay is not None else UNSET,
        email_to_send=_params.email(email_to_send, "email_to_send") if email_to_send is not None else UNSET,
        available_currencies=(_params.crypto_list(available_currencies) if available_currencies is not None else UNSET),
        cryptocurrency=_params.crypto(cryptocurrency) if cryptocurrency is not None else UNSET,
        period=_params.code(period, ResendPeriod, "period") if period is not None else UNSET,
    )
    body = InvoiceCreateRequest(
        shop_id=core.require_shop_id(shop_id),
        amount=_params.amount(amount),
        currency=_params.fiat(currency),
        order_id=_params.text(order_id, "order_id") if order_id is not None else UNSET,
        email=_params.email(email) if email is not None else UNSET,
        add_fields=add_fields if add_fields.to_dict() else UNSET,
    )
    kwargs = create_invoice._get_kwargs(body=body, locale=_params.locale(locale) if locale is not None else UNSET)
    call = Call(core.build(http, kwargs), result_as(Invoice.from_dict), creates=True, order_id=order_id)
    if not recover:
        return call
    if order_id is None:
        raise errors.InvalidParameterError("recover", recover, "needs an order_id to look the invoice up by")
    return Composite(lambda core: _recovering_create(core, http, call, body))


def _lookup_delays(window: float) -> list[float]:
    """Waits between the lookups of one recovery: 0.5, 1, 2, 4 ... s, the last one ending the window."""
    delays: list[float] = []
    delay, total = FIRST_LOOKUP_DELAY, 0.0
    while total < window:
        step = min(delay, window - total)
        delays.append(step)
        total += step
        delay *= 2
    return delays or [0.0]


def _recovering_create(
    core: Core, http: httpx.Client | httpx.AsyncClient, call: Call[Invoice], body: InvoiceCreateRequest
) -> Flow[Invoice]:
    order_id = cast(str, body.order_id)
    first_sent = datetime.now(UTC)
    since = first_sent - RECOVERY_SLACK
    attempt = 0
    while True:
        try:
            return cast(Invoice, (yield from core.run(call)))
        except errors.APIError as error:
            if not error.may_have_been_created:
                raise
            try:
                found = yield from _look_for(core, http, order_id, since, error)
            except BaseException as exc:  # abandoned mid-recovery: the invoice may exist, leave a trace
                if not isinstance(exc, Exception):
                    core.unsettled.append(Unsettled(order_id, first_sent))
                raise
            if found:
                return _ours(found, body, error, core.redact)
            if attempt >= core.max_retries:
                raise
            attempt += 1  # no invoice with this order_id appeared in the window: resend


def _look_for(
    core: Core, http: httpx.Client | httpx.AsyncClient, order_id: str, since: datetime, error: errors.APIError
) -> Flow[list[InvoiceDetails]]:
    """The invoices with this order_id since ``since``, looked for over the recovery window; [] if none showed."""
    for delay in _lookup_delays(core.recovery_window):
        yield delay  # a request still in flight may land, and a slow server commit, before we look
        try:
            found = yield from _find_all(core, http, order_id, since)
        except errors.APIError as lookup_error:
            raise error from lookup_error
        if found:
            return found
    return []


def _ours(
    found: list[InvoiceDetails], body: InvoiceCreateRequest, error: errors.APIError, redact: Callable[[str], str]
) -> Invoice:
    """The one invoice among ``found`` (this order_id, recent) that this create could have made, or a conflict."""
    matches = [invoice for invoice in found if _same_order(invoice, body)]
    if len(matches) == 1:
        match = matches[0]
        if not (isinstance(match.link, str) and isinstance(match.amount_usd, Decimal)):
            raise error  # it exists, but the listing lacks what an Invoice needs: never send a second create
        return Invoice.from_dict(match.to_dict())
    described = ", ".join(
        f"{i.uuid} ({_amount_of(i)} {_currency_of(i)}, {i.status}, created {_created(i):%Y-%m-%d %H:%M:%S})"
        for i in found
    )
    message = (
        f"recovery of order_id {body.order_id!r} ({body.amount} {body.currency}) found invoices this call cannot "
        f"be proven to have created: {described}; nothing was resent. {error.message}"
    )
    conflict = errors.OrderIdConflictError(redact(message), cause=error, invoices=found)
    conflict.may_have_taken_effect = conflict.may_have_been_created = True
    conflict.order_id = body.order_id if isinstance(body.order_id, str) else None
    raise conflict


def _amount_of(invoice: InvoiceDetails) -> object:
    return invoice.amount_in_fiat if isinstance(invoice.amount_in_fiat, Decimal) else "?"


def _currency_of(invoice: InvoiceDetails) -> str:
    return str(invoice.fiat_currency) if isinstance(invoice.fiat_currency, str) else "?"


def _same_order(invoice: InvoiceDetails, body: InvoiceCreateRequest) -> bool:
    """Same amount and currency as asked for, and in a state a fresh invoice can be in (not canceled). An invoice
    that does not say all of this cannot be proven to be the one this call made."""
    amount = invoice.amount_in_fiat
    currency = invoice.fiat_currency
    if not isinstance(amount, Decimal) or not isinstance(currency, str):
        return False
    status = getattr(invoice.status, "value", invoice.status)
    return amount == body.amount and currency == str(body.currency) and status in _FRESH_STATUSES


def cancel_call(core: Core, http: httpx.Client | httpx.AsyncClient, /, uuid: str) -> Call[None]:
    """Cancel an invoice that is still ``created`` (id with or without ``INV-``)."""
    body = InvoiceCancelRequest(uuid=_params.invoice_id(uuid))

    def confirmed(data: dict[str, Any]) -> None:
        if not isinstance(data["result"], (list, str)):
            raise TypeError(f"result: expected ['ok'], got {type(data['result']).__name__}")

    request = core.build(http, cancel_invoice._get_kwargs(body=body))
    return Call(request, confirmed, creates=False, resendable=False, what="cancel")


def _bare(uuid: str) -> str:
    return uuid.removeprefix("INV-")


def _info_call(core: Core, http: httpx.Client | httpx.AsyncClient, ids: list[str]) -> Call[list[InvoiceDetails]]:
    kwargs = get_invoice_info._get_kwargs(body=InvoiceInfoRequest(uuids=ids))
    return Call(core.build(http, kwargs), results_as(InvoiceDetails.from_dict), creates=False)


def retrieve_call(core: Core, http: httpx.Client | httpx.AsyncClient, /, uuid: str) -> Call[InvoiceDetails]:
    """One invoice by id (with or without ``INV-``); NotFoundError when the answer does not contain it."""
    wanted = _params.invoice_id(uuid)
    info = _info_call(core, http, [wanted])

    def pick(data: dict[str, Any]) -> InvoiceDetails:
        for invoice in info.decode(data):
            if _bare(invoice.uuid) == _bare(wanted):
                return invoice
        raise Missing(f"no invoice {wanted} in the answer")

    return Call(info.request, pick, creates=False)


def retrieve_many_call(
    core: Core, http: httpx.Client | httpx.AsyncClient, /, uuids: list[str] | tuple[str, ...]
) -> Composite[list[InvoiceDetails]]:
    """Invoices by id, any number (requests of 100), in the order asked; ids the API does not return are left out."""
    wanted = _params.invoice_ids(uuids)

    def flow(core: Core) -> Flow[list[InvoiceDetails]]:
        found: dict[str, InvoiceDetails] = {}
        for start in range(0, len(wanted), INFO_CHUNK):
            invoices = yield from core.run(_info_call(core, http, wanted[start : start + INFO_CHUNK]))
            found |= {_bare(invoice.uuid): invoice for invoice in cast(list[InvoiceDetails], invoices)}
        return [found[_bare(uuid)] for uuid in wanted if _bare(uuid) in found]

    return Composite(flow)


class InvoicePager:
    """Pages through the invoice list one page at a time, whatever the API's ``limit`` means.

    The docs call ``limit`` "the number of the last record, inclusive": it may be a page size or an end index.
    Pages are asked for as (offset, page size); a page longer than asked shows the end-index reading, and the
    next pages are asked for that way. Paging stops on an empty page, on a short page (unless ``all_count``
    says more remain), or on a page with nothing new; ids repeated from the previous page are skipped. Only
    one page is held at a time.
    """

    def __init__(
        self, core: Core, http: httpx.Client | httpx.AsyncClient, start: object, end: object, page_size: object
    ):
        self._core, self._http = core, http
        self._start, self._end = _params.period(start, end)
        self._size = _params.page_size(page_size)
        self._offset = 0
        self._end_index = False  # True once the server has shown that limit is an inclusive end index
        self._previous: set[str] = set()
        self._seen = 0
        self._done = False

    def next_call(self) -> Call[InvoicePage] | None:
        if self._done:
            return None
        limit = self._offset + self._size - 1 if self._end_index else self._size
        body = InvoiceListRequest(start=self._start, end=self._end, offset=self._offset, limit=limit)
        return Call(self._core.build(self._http, list_invoices._get_kwargs(body=body)), invoice_page, creates=False)

    def accept(self, page: InvoicePage) -> list[InvoiceDetails]:
        """The page's invoices not seen on the previous page; decides whether another page is needed."""
        invoices = page.invoices
        if len(invoices) > self._size and not self._end_index:
            self._end_index = True
        fresh = [invoice for invoice in invoices if invoice.uuid not in self._previous]
        self._offset += len(invoices)
        self._previous = {invoice.uuid for invoice in invoices}
        self._seen += len(fresh)
        more_by_count = page.all_count is not None and self._seen < page.all_count
        short = len(invoices) < self._size
        if not invoices or not fresh or (short and not more_by_count):
            self._done = True
        if page.all_count is not None and self._seen >= page.all_count:
            self._done = True
        return fresh


def _find_all(
    core: Core, http: httpx.Client | httpx.AsyncClient, order_id: str, since: datetime
) -> Flow[list[InvoiceDetails]]:
    """Every invoice with this order_id created at or after ``since``, oldest first, through the list endpoint.

    The dates asked for reach a day further on each side: the API may count days in its own time zone."""
    today = datetime.now(UTC).date()
    day = timedelta(days=1)
    pager = InvoicePager(core, http, min(since.date(), today) - day, today + day, 100)
    found: list[InvoiceDetails] = []
    pages = 0
    while (call := pager.next_call()) is not None:
        pages += 1
        if pages > MAX_LOOKUP_PAGES:
            raise errors.APIConnectionError(
                f"looking up order_id {order_id!r}: the invoice list has more than {MAX_LOOKUP_PAGES} pages",
                request=call.request,
            )
        page = cast(InvoicePage, (yield from core.run(call)))
        found += [i for i in pager.accept(page) if i.order_id == order_id and _created(i) >= since]
    return sorted(found, key=_created)


def _created(invoice: InvoiceDetails) -> datetime:
    """When the invoice was created; a listed invoice that does not say counts as made long ago (not ours)."""
    return invoice.created if isinstance(invoice.created, datetime) else datetime.min.replace(tzinfo=UTC)


def _find(
    core: Core, http: httpx.Client | httpx.AsyncClient, order_id: str, since: datetime
) -> Flow[InvoiceDetails | None]:
    """The newest invoice with this order_id created at or after ``since``."""
    found = yield from _find_all(core, http, order_id, since)
    return found[-1] if found else None


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
    return Composite(lambda core: _find(core, http, order_id, moment))


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
