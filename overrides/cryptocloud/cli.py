"""The ``cryptocloud`` command: the API (or the embedded fake, with --fake) from a terminal.

Configuration comes from CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and CRYPTOCLOUD_BASE_URL. Errors are one
line on stderr, naming the flag or variable the user typed, and an exit code per kind of error (see EXIT_CODES);
the API key is never printed. Tables never cut a value: ids and links are printed whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

try:
    import click
    from rich.console import Console
    from rich.table import Table
except ImportError as missing:  # without the extra
    raise SystemExit(
        "cryptocloud: the command line needs its extra: pip install 'cryptocloud-client[cli]'"
    ) from missing

from cryptocloud_client import _exact

from . import errors
from ._version import __version__

if TYPE_CHECKING:  # imported where used: `cryptocloud --help` needs none of the client stack
    from ._client import CryptoCloud
    from .testing import FakeCryptoCloud

F = TypeVar("F", bound=Callable[..., Any])

# The most specific class wins: the order matters.
EXIT_CODES: list[tuple[type[Exception], int]] = [
    (errors.InvalidParameterError, 2),
    (errors.AuthenticationError, 3),
    (errors.PermissionDeniedError, 3),
    (errors.BadRequestError, 4),
    (errors.NotFoundError, 5),
    (errors.RateLimitError, 6),
    (errors.APIConnectionError, 7),
    (errors.InternalServerError, 8),
    (errors.APIResponseValidationError, 9),
    (errors.PostbackVerificationError, 10),
    (errors.WithdrawalTooSoonError, 11),
    (errors.CryptoCloudError, 1),
]


def exit_code(error: Exception) -> int:
    return next(code for cls, code in EXIT_CODES if isinstance(error, cls))


# The library names its arguments; the user typed flags and set variables. Indexes ("[0]") are dropped.
FLAGS = {
    "amount": "--amount",
    "currency": "--currency",
    "order_id": "--order-id",
    "available_currencies": "--accept",
    "cryptocurrency": "--select",
    "time_to_pay": "--ttl",
    "email": "--email",
    "recover": "--recover",
    "start": "--start",
    "end": "--end",
    "uuid": "UUID",
    "uuids": "UUIDS",
    "api_key": "CRYPTOCLOUD_API_KEY",
    "shop_id": "CRYPTOCLOUD_SHOP_ID",
    "base_url": "CRYPTOCLOUD_BASE_URL",
    "currency_code": "--currency",
    "to_address": "--to",
    "withdrawal_key": "CRYPTOCLOUD_WITHDRAWAL_KEY",
}
_MISSING_SETTING = re.compile(r"missing: pass \w+= or set \w+")


def error_line(error: errors.CryptoCloudError) -> str:
    """The one line printed for an error: its class, then its message (for bad input: the flag, then why)."""
    if isinstance(error, errors.InvalidParameterError):
        name = FLAGS.get(re.sub(r"\[\d+\]$", "", error.field), error.field)
        reason = _MISSING_SETTING.sub("not set (export it, or use --fake)", error.reason)
        message = f"{name}: {reason}"
    else:
        message = str(error)
    return f"error: {type(error).__name__}: {' '.join(message.split())}"


def _plain(value: Any) -> Any:
    """A model's to_dict() as plain JSON values: Decimal numbers kept exact, times in the API's text form."""
    return _exact.loads(_exact.dumps(value))


def _line(value: Any) -> str:
    return _exact.dumps(value).decode()


def _fake_class() -> type[FakeCryptoCloud]:
    """The fake, or a one-line exit naming the extra it needs (the cli extra alone does not bring it)."""
    try:
        from .testing import FakeCryptoCloud
    except ImportError as missing:
        raise SystemExit(f"error: {missing}") from None
    return FakeCryptoCloud


@contextmanager
def _client(fake: bool) -> Iterator[CryptoCloud]:
    from ._client import CryptoCloud

    if fake:
        # The client checks every argument itself; the fake's spec check of requests (openapi-core, about 0.9 s
        # to load) is for tests of other code, so a one-shot CLI run skips it.
        with _fake_class()(validate=False).client() as client:
            yield client
    else:
        with CryptoCloud() as client:
            yield client


def _reports_errors(command: F) -> F:
    """Turn the package's errors into one line on stderr and the matching exit code."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except errors.CryptoCloudError as error:
            click.echo(error_line(error), err=True)
            sys.exit(exit_code(error))

    return run  # type: ignore[return-value]


def _api_command(group: click.Group, name: str) -> Callable[[F], F]:
    """A subcommand that talks to the API: --fake and --json, and errors reported as one line."""

    def decorate(command: F) -> F:
        command = _reports_errors(command)
        command = click.option("--json", "as_json", is_flag=True, help="Machine-readable output (JSON).")(command)
        command = click.option("--fake", is_flag=True, help="Run against the embedded fake CryptoCloud.")(command)
        return group.command(name)(command)  # type: ignore[return-value]

    return decorate


# Values a user copies: kept on one line while the terminal is wide enough, the other columns wrap first.
WHOLE = ("uuid", "link", "pay_url", "address")


def _show(rows: list[dict[str, Any]], columns: list[str], as_json: bool, title: str) -> None:
    if as_json:
        for row in rows:
            click.echo(_line(row))
        return
    console = Console()
    if len(rows) == 1:  # one record: a field per line, so each value has the width of the terminal
        record = Table(title=title, show_header=False)
        record.add_column("field", style="bold", no_wrap=True)
        record.add_column("value", overflow="fold")
        for column in columns:
            record.add_row(column, str(rows[0].get(column, "")))
        console.print(record)
        return
    cells = [[str(row.get(column, "")) for column in columns] for row in rows]
    whole = [
        max([len(column)] + [len(line[i]) for line in cells]) for i, column in enumerate(columns) if column in WHOLE
    ]
    others = len(columns) - len(whole)
    # Borders take 3 characters per column and 1; every other column can be squeezed to 4.
    keep_whole = sum(whole) + 4 * others + 3 * len(columns) + 1 <= console.width
    table = Table(title=title, show_lines=True)  # rule between rows: a wrapped row still reads as one
    for column in columns:
        # "fold" wraps a value that does not fit instead of cutting it with an ellipsis: no value is ever
        # shortened, and ids and links stay on one line when they fit.
        table.add_column(column, overflow="fold", no_wrap=keep_whole and column in WHOLE)
    for line in cells:
        table.add_row(*line)
    console.print(table)


INVOICE_COLUMNS = ["uuid", "status", "amount_usd", "fiat_currency", "order_id", "created", "link"]


def _invoice_row(invoice: Any) -> dict[str, Any]:
    return _plain(invoice.to_dict())  # type: ignore[no-any-return]


DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: datetime | None, default: date) -> date:
    return value.date() if value is not None else default


ENVIRONMENT = """\b
Environment:
  CRYPTOCLOUD_API_KEY   the project's API key (never printed)
  CRYPTOCLOUD_SHOP_ID   the shop id invoices are created for
  CRYPTOCLOUD_BASE_URL  the API's address (default https://api.trybit.com; the legacy
                        https://api.cryptocloud.plus serves the same API), e.g. a fake-server's URL
  CRYPTOCLOUD_WITHDRAWAL_KEY  the separate key `withdraw` needs (never printed)
"""


@click.group(epilog=ENVIRONMENT)
@click.version_option(__version__, prog_name="cryptocloud")
def main() -> None:
    """CryptoCloud (now Trybit) crypto payments from the command line (every API command also takes --fake)."""


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
    with _client(fake) as client:
        found = client.invoices.retrieve_many(list(uuids))
    if found:
        _show([_invoice_row(i) for i in found], INVOICE_COLUMNS, as_json, "Invoices")
    have = {i.uuid.removeprefix("INV-") for i in found}
    missing = [u for u in uuids if u.strip().removeprefix("INV-") not in have]
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
    """Cancel an invoice that is still waiting for payment."""
    with _client(fake) as client:
        client.invoices.cancel(uuid)
    click.echo(_line({"uuid": uuid, "canceled": True}) if as_json else f"canceled {uuid}")


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
    from .withdrawals import request, require

    with _client(fake) as client:
        require(client.withdrawals._key)  # every check before the question, and before anything is sent
        body = request(currency_code=currency, to_address=to_address, amount=amount)
        if not yes:
            question = f"Withdraw {body.amount} {body.currency_code} to {body.to_address}? This cannot be undone."
            if not click.confirm(question, default=False, err=True):
                click.echo("not sent", err=True)
                sys.exit(1)
        sent = client.withdrawals.create(currency_code=currency, to_address=to_address, amount=amount)
    _show([_plain(sent.to_dict())], ["invoice_id", "status", "currency", "amount"], as_json, "Withdrawal created")


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


@main.group()
def postback() -> None:
    """Payment notifications."""


@postback.command("verify")
@click.option("--secret-env", required=True, help="Name of the environment variable holding the secret key.")
@click.option("--content-type", help="The request's Content-Type (sniffed when absent).")
@click.option(
    "--confirm",
    is_flag=True,
    help="Also read the invoice from the API (CRYPTOCLOUD_API_KEY): status, order_id and amounts from there.",
)
@click.argument("file", type=click.File("rb"))
@_reports_errors
def postback_verify(secret_env: str, content_type: str | None, confirm: bool, file: Any) -> None:
    """Check a saved postback body (FILE, or - for stdin) and print what its token proves.

    Only the token is signed, and it names at most the invoice: the body's status, order_id and amounts are
    printed under "unauthenticated". With --confirm, "api" holds what the API says, and "paid" is true only
    for an invoice the API calls paid or overpaid.
    """
    from .postbacks import MAX_BODY_BYTES, verify_postback

    secret = os.environ.get(secret_env)
    if not secret:
        raise errors.InvalidParameterError("--secret-env", secret_env, f"${secret_env} is not set")
    body = file.read(MAX_BODY_BYTES + 1)  # one byte more than allowed, so an oversized body is refused, not read
    verified = verify_postback(body, content_type, secret)
    fields = _plain(verified.to_dict())
    report: dict[str, Any] = {
        "invoice_uuid": verified.invoice_uuid,
        "token_verified": True,
        "token_expires": verified.token_expires_at.isoformat(),
        "token_payload": _plain(verified.token_payload),
        "authenticated": {name: fields[name] for name in verified.authenticated_fields},
        "unauthenticated": {name: fields[name] for name in verified.unauthenticated_fields},
        "confirmed": False,
        "paid": None,
    }
    if confirm:
        with _client(False) as client:
            payment = client.postbacks.confirm(body, content_type, secret)
        api = attrs.asdict(payment, recurse=False, filter=lambda a, _: a.name in _API_FIELDS)
        report |= {
            "confirmed": True,
            "paid": payment.paid,
            "api": _plain(api),
            "mismatches": [_plain(attrs.asdict(m)) for m in payment.mismatches],
            "verified_by": payment.verified_by,
        }
    click.echo(_line(report))


_API_FIELDS = (
    "invoice_uuid",
    "status",
    "order_id",
    "currency",
    "amount",
    "received",
    "amount_usd",
    "received_usd",
    "test_mode",
)


@main.command("drift")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output: one JSON object per row.")
@click.option("--operation", help="operationId of bare answers (files that are just a response body).")
def drift(files: tuple[Path, ...], as_json: bool, operation: str | None) -> None:
    """Show what recorded answers have that the spec lacks or contradicts; exit 1 when there is drift.

    FILES are JSON (one record or a list), JSON lines (what record_to= writes) or HAR captures. A record is
    {"operation" or "path", "status", "body"}.
    """
    from . import drift as spec_drift  # the spec is read only when asked

    try:
        rows, count = spec_drift.report(files, operation)
    except spec_drift.DriftInputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if as_json:
        for row in rows:
            click.echo(_line(row.as_dict()))
    elif rows:
        columns = ["operation", "kind", "field", "expected", "sample", "seen_in", "count"]
        _show([row.as_dict() for row in rows], columns, False, "Drift: answers against the spec")
    click.echo(f"{count} answers read, {len(rows)} drift rows", err=True)
    sys.exit(1 if rows else 0)


@main.command("fake-server")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int, help="0 picks a free port.")
@click.option("--seed", type=int, help="Make ids reproducible.")
@click.option("--postback-url", help="POST each payment's postback here (pay through the control API).")
@click.option("--postback-format", type=click.Choice(["json", "form"]), default="json", show_default=True)
@click.option("--secret-env", help="Name of an environment variable holding the postback secret (else random).")
@click.option("--withdrawal-key", help="The fake's withdrawal key (default: made up, and printed).")
def fake_server(
    host: str,
    port: int,
    seed: int | None,
    postback_url: str | None,
    postback_format: str,
    secret_env: str | None,
    withdrawal_key: str | None,
) -> None:
    """Serve the embedded fake CryptoCloud over HTTP until interrupted, with a control API under /_fake/."""
    secret = os.environ.get(secret_env) if secret_env else None
    if secret_env and not secret:
        raise SystemExit(f"error: --secret-env: ${secret_env} is not set")
    fake = _fake_class()(
        seed=seed,
        secret=secret,
        postback_url=postback_url,
        postback_format=postback_format,
        withdrawal_key=withdrawal_key,
    )
    with fake.serve(host, port) as url:
        # A fake's made-up credentials, printed so that tests in any language can use them.
        click.echo(f"fake CryptoCloud at {url} (Ctrl-C stops)")
        click.echo(f"  shop id:         {fake.shop_id}")
        click.echo(f"  api key:         {fake.api_key}")
        click.echo(f"  withdrawal key:  {fake.withdrawal_key}")
        click.echo(f"  postback secret: {fake.secret}")
        click.echo(f"  postbacks to:    {postback_url or '(none: the control API returns them)'} ({postback_format})")
        click.echo(f"  control API:     {url}/_fake/ (described at {url}/_fake/openapi.yaml)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
