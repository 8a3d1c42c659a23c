"""Finding invoices again: paging through the list, and the lookup that recovers a create that may have landed.

``create(..., recover=True)`` runs ``recovering_create``: after a failure that may have left an invoice behind,
it looks the order up several times over the client's ``recovery_window`` and returns an invoice only if this
call could have made it (see ``_ours``); it sends the create again only when every lookup positively saw every
invoice that could be this one and none was (see ``_could_be_ours``). A lookup that cannot prove it saw the whole
list (a page it could not read, a list with no visible end) ends in the create's own error, never a resend.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import cast

import attrs
import httpx
from cryptocloud_client.api.invoices import list_invoices
from cryptocloud_client.models import FiatCurrency, InvoiceCreateRequest, InvoiceListRequest
from cryptocloud_client.types import Unset

from . import _params, errors
from ._core import Call, Core, Flow, Unsettled, blocking, noted
from .ledger._base import ABSENT, DONE, REFUSED, UNKNOWN
from .models import NOT_A_VALUE, Invoice, InvoiceDetails, InvoicePage, invoice_page

# How much earlier than our first send the server's clock may date an invoice and it still be ours (clock skew).
RECOVERY_SLACK = timedelta(minutes=5)
FIRST_LOOKUP_DELAY = 0.5  # then 1, 2, 4 ... seconds apart, until the client's recovery_window has passed
# A lookup reads at most this many pages of 100 (a shop's whole day, several times over); past that it cannot
# prove anything, and the create's own error is raised rather than a resend.
MAX_LOOKUP_PAGES = 50
# The states an invoice this very call created can be in seconds later (a canceled one is someone else's).
_FRESH_STATUSES = frozenset({"created", "paid", "partial", "overpaid"})
# A fiat amount may come back rounded to the cent: an answer within this of the asked amount agrees with it.
CENT = Decimal("0.01")
_FIAT_CODES = frozenset(code.value for code in FiatCurrency)


class Unproven(Exception):
    """A lookup could not see every invoice that could be the one looked for (a list with no visible end)."""


class InvoicePager:
    """Pages through the invoice list one page at a time, whatever the API's ``limit`` means.

    The docs call ``limit`` "the number of the last record, inclusive": it may be a page size or an end index.
    Pages are asked for as (offset, page size); a page longer than asked shows the end-index reading, and the
    next pages are asked for that way. Paging stops on an empty page, on a short page (unless ``all_count``
    says more remain), or on a page with nothing new; ids repeated from the previous page are skipped. Only
    one page is held at a time.

    With ``prove_end`` (a lookup that decides whether to create again), a short page is not taken as the end (a
    server may send shorter pages than asked without saying so): paging goes on until an empty page or until
    ``all_count`` invoices were seen, and a page with nothing new raises ``Unproven``.
    """

    def __init__(
        self,
        core: Core,
        http: httpx.Client | httpx.AsyncClient,
        start: object,
        end: object,
        page_size: object,
        *,
        prove_end: bool = False,
    ):
        self._core, self._http = core, http
        self._start, self._end = _params.period(start, end)
        self._size = _params.page_size(page_size)
        self._offset = 0
        self._end_index = False  # True once the server has shown that limit is an inclusive end index
        self._previous: set[str] = set()
        self._seen = 0
        self._done = False
        self._prove_end = prove_end

    def next_call(self) -> Call[InvoicePage] | None:
        if self._done:
            return None
        limit = self._offset + self._size - 1 if self._end_index else self._size
        body = InvoiceListRequest(start=self._start, end=self._end, offset=self._offset, limit=limit)
        return Call(self._core.build(self._http, list_invoices.request_kwargs(body=body)), invoice_page, creates=False)

    def accept(self, page: InvoicePage) -> list[InvoiceDetails]:
        """The page's invoices not seen on the previous page; decides whether another page is needed."""
        invoices = page.invoices
        if len(invoices) > self._size and not self._end_index:
            self._end_index = True
        fresh = [invoice for invoice in invoices if invoice.uuid not in self._previous]
        self._offset += len(invoices)
        self._previous = {invoice.uuid for invoice in invoices}
        self._seen += len(fresh)
        counted_out = page.all_count is not None and self._seen >= page.all_count
        if self._prove_end:
            if invoices and not fresh and not counted_out:
                raise Unproven(f"the list repeated a page at offset {self._offset - len(invoices)} without an end")
            self._done = not invoices or counted_out
            return fresh
        short = len(invoices) < self._size
        if not invoices or not fresh or (short and page.all_count is None) or counted_out:
            self._done = True
        return fresh


def _find_all(
    core: Core,
    http: httpx.Client | httpx.AsyncClient,
    keep: Callable[[InvoiceDetails], bool],
    since: datetime,
    what: str,
) -> Flow[list[InvoiceDetails]]:
    """Every listed invoice that ``keep`` cannot rule out, created (or not saying when) at or after ``since``,
    oldest first, through the list endpoint, having seen the list to its proven end (else ``Unproven``).

    The dates asked for reach a day further on each side: the API may count days in its own time zone."""
    today = datetime.now(UTC).date()
    day = timedelta(days=1)
    pager = InvoicePager(core, http, min(since.date(), today) - day, today + day, 100, prove_end=True)
    found: list[InvoiceDetails] = []
    pages = 0
    try:
        while (call := pager.next_call()) is not None:
            pages += 1
            if pages > MAX_LOOKUP_PAGES:
                raise Unproven(f"looking up {what}: the invoice list has more than {MAX_LOOKUP_PAGES} pages")
            page = cast(InvoicePage, (yield from core.run(call)))
            found += [i for i in pager.accept(page) if keep(i) and not _created_before(i, since)]
    except Unproven:
        if not found:
            raise  # nothing seen proves nothing
        # What was seen is enough to decide that something exists: never "none", so never a resend.
    return sorted(found, key=_created)


def _created(invoice: InvoiceDetails) -> datetime:
    """When the invoice was created; one that does not say sorts first (it cannot be shown to be newer)."""
    return invoice.created if isinstance(invoice.created, datetime) else datetime.min.replace(tzinfo=UTC)


def _created_before(invoice: InvoiceDetails, moment: datetime) -> bool:
    """Whether the invoice says it was created before ``moment`` (one that does not say cannot be ruled out)."""
    return isinstance(invoice.created, datetime) and invoice.created < moment


def _order_id_of(invoice: InvoiceDetails) -> str | None:
    """The merchant's order_id the invoice states; None when it states that there is none (null, "None")."""
    order_id = invoice.order_id
    return order_id if isinstance(order_id, str) and order_id.strip() not in NOT_A_VALUE else None


def find(
    core: Core, http: httpx.Client | httpx.AsyncClient, order_id: str, since: datetime
) -> Flow[InvoiceDetails | None]:
    """The newest invoice with this order_id created at or after ``since`` (or not saying when); None only when the
    whole list was seen without one."""
    try:
        found = yield from _find_all(core, http, lambda i: _order_id_of(i) == order_id, since, f"order_id {order_id!r}")
    except Unproven as exc:
        raise errors.APIError(f"{exc}: cannot tell whether an invoice with order_id {order_id!r} exists") from None
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
                found = yield from _look_for(core, http, body, since, error)
            except BaseException as exc:  # abandoned mid-recovery: the invoice may exist, leave a trace
                if not isinstance(exc, Exception):
                    core.unsettled.append(Unsettled(order_id, first_sent))
                raise
            if found:
                return _ours(found, body, since, error, core.redact)
            if attempt >= core.max_retries:
                raise
            attempt += 1  # every lookup saw the whole list, and no invoice that could be this one: resend


def recorded_create(
    core: Core, http: httpx.Client | httpx.AsyncClient, call: Call[Invoice], body: InvoiceCreateRequest, recover: bool
) -> Flow[Invoice]:
    """A create written down in the client's ledger before it is sent, and settled there once known: an order whose
    create may have landed cannot be created again by any process until ``reconcile`` has looked it up."""
    ledger = core.ledger
    assert ledger is not None
    order_id = body.order_id if isinstance(body.order_id, str) else None
    asked = {"amount": str(body.amount), "currency": str(body.currency), "order_id": order_id}
    row = yield from blocking(functools.partial(ledger.begin_create, order_id, asked))
    try:
        invoice = yield from (recovering_create(core, http, call, body) if recover else core.run(call))
    except errors.APIError as error:
        settled = UNKNOWN if error.may_have_been_created else REFUSED
        yield from noted(functools.partial(ledger.finish_create, row, settled), f"create of {order_id!r}")
        raise
    made = cast(Invoice, invoice).uuid
    yield from noted(functools.partial(ledger.finish_create, row, DONE, made), f"create of {order_id!r} ({made})")
    return cast(Invoice, invoice)


@attrs.frozen
class Reconciled:
    """What ``reconcile`` made of an operation the ledger held as unsettled."""

    kind: str  # "create" or "withdrawal"
    key: str | None  # the order_id, or the withdrawal's idempotency key
    outcome: str  # "found" (settled: it landed), "absent" (settled: it did not), "unknown" (left for a person)
    invoice_uuid: str | None
    detail: str


def reconcile(
    core: Core, http: httpx.Client | httpx.AsyncClient, older_than: float | None = None
) -> Flow[list[Reconciled]]:
    """Look up every create the ledger holds as unsettled by its order_id, and settle it: found (this order has
    exactly one invoice that matches what was asked, since the create was sent), or absent (the whole list was
    seen without one). Anything else, and every withdrawal of unknown outcome (the API cannot list them), is left
    for a person, with what was seen."""
    ledger = core.ledger
    if ledger is None:
        raise errors.InvalidParameterError(
            "ledger", None, "missing: pass ledger= to the client or set CRYPTOCLOUD_LEDGER"
        )
    report: list[Reconciled] = []
    # A create younger than the longest a call may take could still be in flight in another worker: not yet.
    in_flight = core.limits.deadline * (core.max_retries + 1) + core.recovery_window
    if older_than is not None:
        in_flight = _params.seconds(older_than, "older_than", allow_zero=True)
    for record in (yield from blocking(ledger.unsettled)):
        if record.kind == "withdrawal":
            detail = "the API lists no withdrawals: check the dashboard's history, then ledger.resolve_withdrawal"
            report.append(Reconciled("withdrawal", record.key, "unknown", None, detail))
            continue
        if record.kind == "create" and record.age < in_flight:
            detail = f"sent {record.age:.0f} s ago: it may still be in flight; reconcile again later"
            report.append(Reconciled("create", record.key, "unknown", None, detail))
            continue
        if record.key is None or record.id is None:
            report.append(
                Reconciled("create", None, "unknown", None, "no order_id to look it up by: see the dashboard")
            )
            continue
        asked = record.request
        body = InvoiceCreateRequest(
            shop_id="-", amount=Decimal(asked["amount"]), currency=_params.fiat(asked["currency"]), order_id=record.key
        )
        since = datetime.fromtimestamp(record.at, UTC) - RECOVERY_SLACK
        try:
            keep = functools.partial(_could_be_ours, body=body)
            found = yield from _find_all(core, http, keep, since, f"order_id {record.key!r}")
        except Unproven as unproven:
            report.append(Reconciled("create", record.key, "unknown", None, str(unproven)))
            continue
        matches = [invoice for invoice in found if _same_order(invoice, body, since)]
        if len(matches) == 1:
            yield from blocking(functools.partial(ledger.finish_create, record.id, DONE, matches[0].uuid))
            report.append(Reconciled("create", record.key, "found", matches[0].uuid, "it landed: settled"))
        elif not found:
            yield from blocking(functools.partial(ledger.finish_create, record.id, ABSENT))
            report.append(Reconciled("create", record.key, "absent", None, "it never landed: it may be sent again"))
        else:
            seen = ", ".join(f"{i.uuid} ({_amount_of(i)} {_currency_of(i)}, {i.status}, {_when(i)})" for i in found)
            report.append(Reconciled("create", record.key, "unknown", None, f"cannot tell which: {seen}"))
    return report


def _look_for(
    core: Core,
    http: httpx.Client | httpx.AsyncClient,
    body: InvoiceCreateRequest,
    since: datetime,
    error: errors.APIError,
) -> Flow[list[InvoiceDetails]]:
    """The invoices that could be this create's, looked for over the recovery window; [] only when every lookup saw
    the whole list and none appeared. A lookup that fails or cannot prove it saw everything raises ``error``."""
    for delay in _lookup_delays(core.recovery_window):
        yield delay  # a request still in flight may land, and a slow server commit, before we look
        try:
            found = yield from _find_all(
                core, http, lambda i: _could_be_ours(i, body), since, f"order_id {body.order_id!r}"
            )
        except errors.APIError as lookup_error:
            raise error from lookup_error
        except Unproven as unproven:
            raise error from unproven
        if found:
            return found
    return []


def _could_be_ours(invoice: InvoiceDetails, body: InvoiceCreateRequest) -> bool:
    """Whether nothing the listed invoice states rules out that this create made it: its order_id, when it states
    one, is ours; when it states none at all (the field absent), its amount and currency do not contradict ours."""
    if not isinstance(invoice.order_id, Unset):
        return _order_id_of(invoice) == body.order_id
    return disagreement(invoice, body) is None


def _ours(
    found: list[InvoiceDetails],
    body: InvoiceCreateRequest,
    since: datetime,
    error: errors.APIError,
    redact: Callable[[str], str],
) -> Invoice:
    """The one invoice among ``found`` that this create could have made, proven by what it states, or a conflict."""
    matches = [invoice for invoice in found if _same_order(invoice, body, since)]
    if len(matches) == 1:
        match = matches[0]
        if not (isinstance(match.link, str) and isinstance(match.amount_usd, Decimal)):
            raise error  # it exists, but the listing lacks what an Invoice needs: never send a second create
        return Invoice.from_dict(match.to_dict())
    described = ", ".join(f"{i.uuid} ({_amount_of(i)} {_currency_of(i)}, {i.status}, {_when(i)})" for i in found)
    message = (
        f"recovery of order_id {body.order_id!r} ({body.amount} {body.currency}) found invoices this call cannot "
        f"be proven to have created: {described}; nothing was resent. {error.message}"
    )
    conflict = errors.OrderIdConflictError(redact(message), cause=error, invoices=found)
    conflict.may_have_taken_effect = conflict.may_have_been_created = True
    conflict.order_id = body.order_id if isinstance(body.order_id, str) else None
    raise conflict


def _when(invoice: InvoiceDetails) -> str:
    if isinstance(invoice.created, datetime):
        return f"created {invoice.created:%Y-%m-%d %H:%M:%S}"
    return "creation time not stated"


def _amount_of(invoice: InvoiceDetails) -> object:
    return invoice.amount_in_fiat if isinstance(invoice.amount_in_fiat, Decimal) else "?"


def _currency_of(invoice: InvoiceDetails) -> str:
    return str(invoice.fiat_currency) if isinstance(invoice.fiat_currency, str) else "?"


def disagreement(invoice: Invoice | InvoiceDetails, body: InvoiceCreateRequest) -> str | None:
    """How an invoice's stated fiat amount, currency or order_id contradicts the create ``body``; None when nothing
    it states does (what it leaves out cannot disagree). ``amount`` is the crypto amount: not compared."""
    amount, currency = invoice.amount_in_fiat, invoice.fiat_currency
    if isinstance(amount, Decimal) and abs(amount - body.amount) > CENT:
        return f"amount_in_fiat {amount}, asked {body.amount}"
    # Only a code the spec knows is compared: an unknown one (the API's enums are open) proves nothing.
    if isinstance(currency, str) and currency.upper() in _FIAT_CODES and currency.upper() != str(body.currency):
        return f"fiat_currency {currency!r}, asked {str(body.currency)!r}"
    stated = invoice.order_id if isinstance(invoice, InvoiceDetails) else invoice.additional_properties.get("order_id")
    if isinstance(stated, str) and stated.strip() not in NOT_A_VALUE and stated != body.order_id:
        return f"order_id {stated!r}, asked {body.order_id if isinstance(body.order_id, str) else None!r}"
    return None


def _same_order(invoice: InvoiceDetails, body: InvoiceCreateRequest, since: datetime) -> bool:
    """Proven to be the invoice this create made: our order_id, created since the first send, the same amount and
    currency, and in a state a fresh invoice can be in (not canceled). All of it stated, none of it contradicted."""
    stated = (
        _order_id_of(invoice) == body.order_id
        and isinstance(invoice.created, datetime)
        and invoice.created >= since
        and isinstance(invoice.amount_in_fiat, Decimal)
        and isinstance(invoice.fiat_currency, str)
    )
    status = getattr(invoice.status, "value", invoice.status)
    return stated and disagreement(invoice, body) is None and status in _FRESH_STATUSES
