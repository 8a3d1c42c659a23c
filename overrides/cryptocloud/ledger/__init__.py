"""A ledger of what may have happened, shared by every process that talks to the API with one account.

The API has no idempotency keys and no list of withdrawals; the promises of this client (never resend what may
have landed, 12 s between withdrawals, process a payment once) hold inside one process only, unless each process
writes down, before it sends and after it knows, what it did. A ledger is that record, in a database every worker
reaches: SQLite for the processes of one machine (``sqlite:///path/to/ledger.db``), PostgreSQL for many machines
(``postgresql://...``, the ``postgres`` extra). It holds no key and no secret: ids, amounts, addresses, states.

- **Withdrawals** with ``idempotency_key=``: the intent is committed before sending. The same key again returns
  the known result without sending; after an unknown outcome (the answer was lost, the process died) it raises
  ``OutcomeUnknownError`` and sends nothing until ``resolve_withdrawal`` says what happened. The 12 s between two
  withdrawals with one withdrawal key hold across every process using the ledger.
- **Creates** are recorded before sending. An order whose create may have landed cannot be created again from
  any process until ``reconcile`` (``cryptocloud reconcile``) has looked it up and settled it.
- **Postbacks**: ``once(dedup_key)`` lets one worker process a confirmed payment; a claim is a lease, so that a
  worker dying mid-way does not lose the payment: another takes it over when the lease runs out.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ._base import Claim, Ledger, LedgerRecord
from .sqlite import SQLiteLedger

__all__ = ["ENV_LEDGER", "Claim", "Ledger", "LedgerRecord", "SQLiteLedger", "open_ledger"]

ENV_LEDGER = "CRYPTOCLOUD_LEDGER"


def open_ledger(url: str | os.PathLike[str]) -> Ledger:
    """The ledger at ``url``: ``sqlite:///path`` (or a plain file path) or ``postgresql://...``."""
    from .. import errors

    text = os.fspath(url)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresLedger
        except ImportError as missing:
            from .._extras import install_hint

            raise errors.InvalidParameterError(
                "ledger", _without_password(text), f"needs psycopg: {install_hint('postgres')}"
            ) from missing
        opening: Callable[[str], Ledger] = PostgresLedger
    elif text.startswith("sqlite:///") or "://" not in text:
        opening, text = SQLiteLedger, text.removeprefix("sqlite:///")
    else:
        raise errors.InvalidParameterError("ledger", _without_password(text), "must be sqlite:///PATH or postgresql://")
    try:
        return opening(text)
    except (errors.LedgerError, OSError) as failure:
        raise errors.InvalidParameterError("ledger", _without_password(text), f"cannot be opened: {failure}") from None


def _without_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    return f"{scheme}://{userinfo.split(':')[0]}@{host}" if at else url
