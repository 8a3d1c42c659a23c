"""Finding invoices again: paging through the list, and the lookup that recovers a create that may have landed.

``create(..., recover=True)`` runs ``recovering_create``: after a failure that may have left an invoice behind,
it looks the order up several times over the client's ``recovery_window`` and returns an invoice only if this
call could have made it (see ``_ours``); it sends the create again only when nothing appeared.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import cast

import httpx
from cryptocloud_client.api.invoices import list_invoices
from cryptocloud_client.models import InvoiceCreateRequest, InvoiceListRequest

from . import _params, errors
from ._core import Call, Core, Flow, Unsettled
from .models import Invoice, InvoiceDetails, InvoicePage, invoice_page

# How much earlier than our first send the server's clock may date an invoice and it still be ours (clock skew).
RECOVERY_SLACK = timedelta(minutes=5)
FIRST_LOOKUP_DELAY = 0.5  # then 1, 2, 4 ... seconds apart, until the client's recovery_window has passed
# A lookup reads at most this many pages of 100 (a shop's whole day, several times over); past that it cannot
# prove anything, and the create's own error is raised rather than a resend.
MAX_LOOKUP_PAGES = 50
# The states an invoice this very call created can be in seconds later (a canceled one is someone else's).
_FRESH_STATUSES = frozenset({"created", "paid", "partial", "overpaid"})


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


def find(
    core: Core, http: httpx.Client | httpx.AsyncClient, order_id: str, since: datetime
) -> Flow[InvoiceDetails | None]:
    """The newest invoice with this order_id created at or after ``since``."""
    found = yield from _find_all(core, http, order_id, since)
    return found[-1] if found else None


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


def recovering_create(
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
