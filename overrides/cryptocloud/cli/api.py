"""API commands: invoices, balance, withdraw, stats."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .. import errors
from ._app import (
    DATE,
    EXIT_CODES,
    INVOICE_COLUMNS,
    Console,
    _api_command,
    _client,
    _day,
    _invoice_row,
    _line,
    _plain,
    _show,
    click,
    error_line,
    exit_code,
    main,
)

if TYPE_CHECKING:
    from .._client import CryptoCloud


@main.group()
def invoice() -> None:
    """Create, read, list and cancel invoices."""


@_api_command(invoice, "create")
@click.option("--amount", required=True, help="Amount, exact decimal text (e.g. 100.00).")
@click.option("--currency", default="USD", show_default=True, help="Fiat currency of the amount.")
@click.option("--order-id", help="Your order number (the key to find the invoice again).")
@click.option("--accept", "accepted", multiple=True, help="A crypto code the payer may use (repeatable).")
@click.option("--select", help="The crypto code to charge in (the answer then has address and amount).")
@click.option("--ttl", type=int, help="Minutes the invoice can be paid.")
@click.option("--email", help="The payer's email.")
@click.option("--recover", is_flag=True, help="After a lost answer, find the invoice by --order-id first.")
def invoice_create(
    fake: bool,
    as_json: bool,
    amount: str,
    currency: str,
    order_id: str | None,
    accepted: tuple[str, ...],
    select: str | None,
    ttl: int | None,
    email: str | None,
    recover: bool,
) -> None:
    """Create an invoice and print it."""
    if ttl is not None and ttl <= 0:
        raise errors.InvalidParameterError("--ttl", ttl, f"must be a positive number of minutes, got {ttl}")
    with _client(fake) as client:
        created = client.invoices.create(
            amount=amount,
            currency=currency,
            order_id=order_id,
            available_currencies=list(accepted) or None,
            cryptocurrency=select,
            time_to_pay=timedelta(minutes=ttl) if ttl is not None else None,
            email=email,
            recover=recover,
        )
    row = _invoice_row(created) | {"pay_url": created.pay_url}
    _show([row], [*INVOICE_COLUMNS[:4], "pay_url"], as_json, "Invoice created")


@_api_command(invoice, "get")
@click.argument("uuids", nargs=-1, required=True)
def invoice_get(fake: bool, as_json: bool, uuids: tuple[str, ...]) -> None:
    """Show invoices by id (with or without INV-)."""
    from .._params import bare_id  # here: it imports the generated models, which `cryptocloud --help` never needs

    with _client(fake) as client:
        found = client.invoices.retrieve_many(list(uuids))
    if found:
        _show([_invoice_row(i) for i in found], INVOICE_COLUMNS, as_json, "Invoices")
    have = {bare_id(i.uuid) for i in found}
    missing = [u for u in uuids if bare_id(u.strip()) not in have]
    if missing:
        # The line client.invoices.retrieve's NotFoundError gives: the API answers without the invoice.
        click.echo(f"error: NotFoundError: no invoice {', '.join(missing)} in the answer", err=True)
        sys.exit(dict(EXIT_CODES)[errors.NotFoundError])


@_api_command(invoice, "list")
@click.option("--start", type=DATE, help="First day (YYYY-MM-DD); default: 30 days ago.")
@click.option("--end", type=DATE, help="Last day (YYYY-MM-DD); default: today.")
def invoice_list(fake: bool, as_json: bool, start: datetime | None, end: datetime | None) -> None:
    """List the invoices created in a period, streaming page by page."""
    today = date.today()
    first, last = _day(start, today - timedelta(days=30)), _day(end, today)
    err = Console(stderr=True)
    with _client(fake) as client, err.status("listing invoices...") as status:
        rows = []
        for count, listed in enumerate(client.invoices.list(start=first, end=last), 1):
            status.update(f"listing invoices... {count}")
            if as_json:
                click.echo(_line(_invoice_row(listed)))  # streamed: one JSON object per line
            else:
                rows.append(_invoice_row(listed))
    if not as_json:
        _show(rows, INVOICE_COLUMNS, False, f"Invoices {first} to {last}: {len(rows)}")


@_api_command(invoice, "cancel")
@click.argument("uuid")
def invoice_cancel(fake: bool, as_json: bool, uuid: str) -> None:
    """Cancel an invoice that is still waiting for payment (status created)."""
    with _client(fake) as client:
        try:
            client.invoices.cancel(uuid)
        except errors.BadRequestError as refused:
            if refused.errors.get("validate_error") != ["Invoice is not created"]:
                raise
            # The API's words mean "not in status created"; say which status it is in, when it can be read.
            click.echo(f"{error_line(refused)} ({_why_not_created(client, uuid)})", err=True)
            sys.exit(exit_code(refused))
    click.echo(_line({"uuid": uuid, "canceled": True}) if as_json else f"canceled {uuid}")


def _why_not_created(client: CryptoCloud, uuid: str) -> str:
    rule = "only an invoice still waiting for payment, in status created, can be canceled"
    try:
        status = client.invoices.retrieve(uuid).status
    except errors.NotFoundError:
        return f"there is no invoice {uuid}; {rule}"
    except errors.CryptoCloudError:
        return f"{rule}: it may be paid, partly paid, canceled or expired"
    return f"{uuid} is {getattr(status, 'value', status)}; {rule}"


@_api_command(main, "balance")
def balance(fake: bool, as_json: bool) -> None:
    """Show the merchant's balances."""
    with _client(fake) as client:
        balances = client.balances.list()
    rows = [_plain(b.to_dict()) | {"currency": b.currency.code} for b in balances]
    _show(rows, ["currency", "balance_crypto", "balance_usd", "available_balance"], as_json, "Balances")


@_api_command(main, "withdraw")
@click.option("--currency", required=True, help="Full code of the currency to send (e.g. USDT_TRC20).")
@click.option("--to", "to_address", required=True, help="The address to send to.")
@click.option("--amount", required=True, help="Amount, exact decimal text (e.g. 10.5).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def withdraw(fake: bool, as_json: bool, currency: str, to_address: str, amount: str, yes: bool) -> None:
    """Send money out of the balance to an address, once (asks first unless --yes).

    Never resent: after an error that says it may have been carried out, check the balance and the
    withdrawal history before trying again. At least 12 s between two withdrawals.
    """
    from ..withdrawals import request, require

    with _client(fake) as client:
        require(client._core.withdrawal_key)  # every check before the question, and before anything is sent
        body = request(currency_code=currency, to_address=to_address, amount=amount)
        if not yes:
            question = f"Withdraw {body.amount} {body.currency_code} to {body.to_address}? This cannot be undone."
            if not click.confirm(question, default=False, err=True):
                click.echo("not sent", err=True)
                sys.exit(1)
        sent = client.withdrawals.create(currency_code=currency, to_address=to_address, amount=amount)
    shown = _plain(sent.to_dict()) | {"id": sent.id, "currency": sent.currency_code}  # either shape of the answer
    _show([shown], ["id", "status", "currency", "amount"], as_json, "Withdrawal created")


@_api_command(main, "stats")
@click.option("--start", type=DATE, help="First day (YYYY-MM-DD); default: 30 days ago.")
@click.option("--end", type=DATE, help="Last day (YYYY-MM-DD); default: today.")
def stats(fake: bool, as_json: bool, start: datetime | None, end: datetime | None) -> None:
    """Count and sum the invoices of a period by status."""
    today = date.today()
    with _client(fake) as client:
        result = client.statistics.get(start=_day(start, today - timedelta(days=30)), end=_day(end, today))
    data = _plain(result.to_dict())
    rows = [{"status": k, "count": v, "amount_usd": data["amount"][k]} for k, v in data["count"].items()]
    _show(rows, ["status", "count", "amount_usd"], as_json, "Statistics")


@_api_command(main, "reconcile")
@click.option(
    "--older-than",
    type=float,
    default=None,
    help="Seconds: a create sent more recently may still be in flight and is left (default: the longest a create"
    " may take, from the timeout, retries and recovery window).",
)
def reconcile(fake: bool, as_json: bool, older_than: float | None) -> None:
    """Settle what the ledger ($CRYPTOCLOUD_LEDGER) holds as unsettled after a crash or a lost answer.

    Each create that may have landed is looked up by its order_id: "found" (it landed: its invoice) or "absent"
    (it did not: the order may be created again). Withdrawals of unknown outcome cannot be looked up (the API
    lists none): check the dashboard's history. Exit status 1 while anything stays unknown.
    """
    with _client(fake) as client:
        settled = client.reconcile(older_than=older_than)
    rows = [
        {"kind": r.kind, "key": r.key, "outcome": r.outcome, "invoice": r.invoice_uuid, "detail": r.detail}
        for r in settled
    ]
    if not rows and not as_json:
        click.echo("nothing to reconcile: the ledger holds no operation of unknown outcome")
        return
    _show(rows, ["kind", "key", "outcome", "invoice", "detail"], as_json, "Reconciled")
    if any(r.outcome == "unknown" for r in settled):
        sys.exit(1)
