"""What every ``cryptocloud`` command shares: the group, the client or fake, error lines, exit codes, tables.

Configuration comes from CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and CRYPTOCLOUD_BASE_URL. Errors are one
line on stderr, naming the flag or variable the user typed, and an exit code per kind of error (see EXIT_CODES);
the API key is never printed. Tables never cut a value: ids and links are printed whole.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

try:
    import click as click  # re-exported: the command modules take click from here, after this check
    from rich.console import Console as Console
    from rich.table import Table
except ImportError as missing:  # without the extra
    from .._extras import install_hint

    raise SystemExit(f"cryptocloud: the command line needs the cli extra: {install_hint('cli')}") from missing

from cryptocloud_client import exact

from .. import errors
from .._version import __version__

if TYPE_CHECKING:  # imported where used: `cryptocloud --help` needs none of the client stack
    from .._client import CryptoCloud
    from ..testing import FakeCryptoCloud

F = TypeVar("F", bound=Callable[..., Any])

# The most specific class wins: the order matters.
EXIT_CODES: list[tuple[type[Exception], int]] = [
    (errors.InvalidParameterError, 2),
    (errors.OutcomeUnknownError, 12),
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
    """A model's to_dict() as plain values: Decimal numbers kept exact, enums as their text, times kept as aware
    datetimes, so that each output writes them its way (ISO 8601 in JSON, "... UTC" in tables)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):  # none in our models; exact from its shortest text if one comes
        return exact.parse_decimal(value)
    return value


def _json_times(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()  # ISO 8601 with its zone: 2026-12-05T07:21:00.026304+00:00
    if isinstance(value, dict):
        return {key: _json_times(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_times(item) for item in value]
    return value


def _line(value: Any) -> str:
    """One JSON line: Decimal numbers with exactly their digits, times in ISO 8601 with their zone."""
    return exact.dumps(_json_times(value)).decode()


def _cell(value: Any) -> str:
    """A value as a table shows it: times in UTC, marked so; money with exactly its digits."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if isinstance(value, Decimal):
        return exact.format_decimal(value)
    if isinstance(value, (dict, list)):
        return _line(value)
    return str(value)


def _fake_class() -> type[FakeCryptoCloud]:
    """The fake, or a one-line exit naming the extra it needs (the cli extra alone does not bring it)."""
    try:
        from ..testing import FakeCryptoCloud
    except ImportError as missing:
        raise SystemExit(f"error: {missing}") from None
    return FakeCryptoCloud


@contextmanager
def _client(fake: bool) -> Iterator[CryptoCloud]:
    from .._client import CryptoCloud

    if fake:
        # The client checks every argument itself; the fake's spec check of requests (its validators compiled
        # from the spec at the first request) is for tests of other code, so a one-shot CLI run skips it.
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
            record.add_row(column, _cell(rows[0].get(column, "")))
        console.print(record)
        return
    cells = [[_cell(row.get(column, "")) for column in columns] for row in rows]
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


def _show_records_when_narrow(rows: list[dict[str, Any]], columns: list[str], as_json: bool, title: str) -> None:
    """A table of many columns (drift's), or, on a terminal too narrow for it without breaking values
    mid-word, one block per row with a field per line, so that each value has the terminal's width."""
    console = Console()
    cells = [[_cell(row.get(column, "")) for column in columns] for row in rows]
    natural = sum(max([len(column)] + [len(line[i]) for line in cells]) for i, column in enumerate(columns))
    if as_json or natural + 3 * len(columns) + 1 <= console.width:
        _show(rows, columns, as_json, title)
        return
    console.print(f"{title}: {len(rows)}", style="bold")
    for number, line in enumerate(cells, 1):
        record = Table.grid(padding=(0, 2))
        record.add_column("field", style="bold", no_wrap=True)
        record.add_column("value", overflow="fold")
        for column, value in zip(columns, line, strict=True):
            record.add_row(column, value)
        console.print(f"\n{number}.")
        console.print(record)


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
  CRYPTOCLOUD_SECRET    the project's secret key, which signs postbacks: `postback verify
                        --secret-env CRYPTOCLOUD_SECRET` (never printed)

Times are UTC: marked "UTC" in tables, ISO 8601 with their zone in --json.
"""


@click.group(epilog=ENVIRONMENT)
@click.version_option(__version__, prog_name="cryptocloud")
def main() -> None:
    """CryptoCloud (now Trybit) crypto payments from the command line (every API command also takes --fake)."""
