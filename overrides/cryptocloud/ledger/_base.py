"""What every ledger does, in SQL both SQLite and PostgreSQL run; each backend says how it connects and locks."""

from __future__ import annotations

import abc
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
from cryptocloud_client import exact

from .. import errors

MIN_SPACING = 12.0  # seconds between two withdrawals with one withdrawal key, as CryptoCloud asks
DEFAULT_LEASE = 60.0  # seconds a worker may hold a postback before another may take it over

# Withdrawal states. "sending" is written before the request leaves and stays if the process dies.
SENDING, DONE, REFUSED, UNKNOWN = "sending", "done", "refused", "unknown"
OPEN = (SENDING, UNKNOWN)  # may have been carried out, nobody knows
# Create states: "absent" once a lookup proved the create never landed.
ABSENT = "absent"

Connection = Any  # a DB-API connection of the backend


@attrs.frozen
class LedgerRecord:
    """One operation the ledger knows of: a withdrawal (``key`` its idempotency key) or a create (``key`` its
    order_id, ``id`` its row)."""

    kind: str  # "withdrawal" or "create"
    key: str | None
    state: str
    request: dict[str, Any]
    at: float  # when it was sent (a create) or last written (a withdrawal), in seconds since the epoch
    age: float  # seconds since ``at``, by the database's clock
    id: int | None = None
    invoice_uuid: str | None = None


@attrs.frozen
class Claim:
    """A postback's processing claimed by this worker (``fresh``), or not: done already, or held by another."""

    key: str
    fresh: bool
    owner: str

    def __bool__(self) -> bool:
        return self.fresh


class Ledger(abc.ABC):
    """The SQL of the ledger; subclasses connect, lock and name their placeholders."""

    placeholder = "?"
    row_id = "INTEGER PRIMARY KEY AUTOINCREMENT"
    real = "REAL"
    # Seconds since the epoch by the database's clock: leases and the 12 s spacing are compared between
    # processes and machines, so they are read from one clock, not from each process's own.
    now_sql = "(julianday('now') - 2440587.5) * 86400.0"

    def __init__(self) -> None:
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"

    # ---------------------------------------------------------------- what a backend provides

    @abc.abstractmethod
    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A connection in a transaction that holds the ledger's write lock until it commits."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the backend's connections."""

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def _run(self, conn: Connection, text: str, *values: Any) -> Any:
        return conn.execute(self._sql(text), values)

    def _now(self, conn: Connection) -> float:
        return float(conn.execute(f"SELECT {self.now_sql}").fetchone()[0])

    def _schema(self) -> list[str]:
        return [
            "CREATE TABLE IF NOT EXISTS cc_withdrawals (idempotency_key TEXT PRIMARY KEY, state TEXT NOT NULL, "
            f"request TEXT NOT NULL, result TEXT, detail TEXT, updated_at {self.real} NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS cc_spacing (key_digest TEXT PRIMARY KEY, last_sent_at {self.real} NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS cc_creates (id {self.row_id}, order_id TEXT, state TEXT NOT NULL, "
            f"request TEXT NOT NULL, invoice_uuid TEXT, sent_at {self.real} NOT NULL, updated_at {self.real} NOT NULL)",
            # One open create per order: a second process trying the same order meets the first one's row.
            "CREATE UNIQUE INDEX IF NOT EXISTS cc_creates_open ON cc_creates (order_id) "
            "WHERE state IN ('sending', 'unknown')",
            "CREATE TABLE IF NOT EXISTS cc_postbacks (dedup_key TEXT PRIMARY KEY, state TEXT NOT NULL, owner TEXT, "
            f"lease_until {self.real}, updated_at {self.real} NOT NULL)",
        ]

    # ---------------------------------------------------------------- withdrawals

    def begin_withdrawal(self, key: str, request: dict[str, Any], key_digest: bytes) -> dict[str, Any] | None:
        """Commit the intent to send the withdrawal ``key`` before it is sent. Returns the answer of an earlier
        attempt that is known to have worked (send nothing, return it); raises OutcomeUnknownError when an
        earlier attempt may have worked, WithdrawalTooSoonError within 12 s of any withdrawal with this
        withdrawal key (from any process using the ledger), InvalidParameterError when ``key`` was used for
        another withdrawal; else records "sending" (and the send time, for the spacing) and returns None."""
        wanted = json.dumps(request, sort_keys=True, default=str)
        with self._transaction() as conn:
            now = self._now(conn)
            row = self._run(
                conn, "SELECT state, request, result FROM cc_withdrawals WHERE idempotency_key = ?", key
            ).fetchone()
            if row is not None:
                state, asked, result = row
                if asked != wanted:
                    raise errors.InvalidParameterError(
                        "idempotency_key", key, f"was used for another withdrawal ({asked}): use a new key"
                    )
                if state == DONE:
                    return dict(exact.loads(result))
                if state in OPEN:
                    raise errors.OutcomeUnknownError("withdrawal", key)
            digest = key_digest.hex()
            last = self._run(conn, "SELECT last_sent_at FROM cc_spacing WHERE key_digest = ?", digest).fetchone()
            # A clock stepped back (now before the last send) says nothing of the time since: the server's own
            # rate_limit refusal covers that case, rather than a wait of however far the clock went back.
            if last is not None and 0 <= now - last[0] < MIN_SPACING:
                raise errors.WithdrawalTooSoonError(round(MIN_SPACING - (now - last[0]), 1) or 0.1)
            self._run(conn, "DELETE FROM cc_spacing WHERE key_digest = ?", digest)
            self._run(conn, "INSERT INTO cc_spacing (key_digest, last_sent_at) VALUES (?, ?)", digest, now)
            self._run(conn, "DELETE FROM cc_withdrawals WHERE idempotency_key = ?", key)  # refused before: again
            self._run(
                conn,
                "INSERT INTO cc_withdrawals (idempotency_key, state, request, updated_at) VALUES (?, ?, ?, ?)",
                key,
                SENDING,
                wanted,
                now,
            )
        return None

    def finish_withdrawal(self, key: str, state: str, result: dict[str, Any] | None = None, detail: str = "") -> None:
        """Record what became of the withdrawal ``key``: DONE (with the answer), REFUSED, or UNKNOWN."""
        with self._transaction() as conn:
            self._run(
                conn,
                "UPDATE cc_withdrawals SET state = ?, result = ?, detail = ?, updated_at = ? WHERE idempotency_key = ?",
                state,
                exact.dumps(result).decode() if result is not None else None,
                detail,
                self._now(conn),
                key,
            )

    def resolve_withdrawal(self, key: str, *, withdrawal_id: str | None) -> None:
        """A person's word on a withdrawal whose outcome was unknown: ``withdrawal_id`` (the ``INV-`` id in the
        dashboard's history) when it went out, then the key returns it; None when it did not, then the key may
        send again."""
        if withdrawal_id is None:
            self.finish_withdrawal(key, REFUSED, detail="resolved: not carried out")
        else:
            self.finish_withdrawal(key, DONE, {"invoice_id": withdrawal_id}, "resolved: carried out")

    # ---------------------------------------------------------------- creates

    def begin_create(self, order_id: str | None, request: dict[str, Any]) -> int:
        """Record a create about to be sent; its row id. Raises OutcomeUnknownError when another create for this
        order may have landed and is not settled yet (reconcile first)."""
        with self._transaction() as conn:
            now = self._now(conn)
            if order_id is not None:
                open_row = self._run(
                    conn, "SELECT id FROM cc_creates WHERE order_id = ? AND state IN ('sending', 'unknown')", order_id
                ).fetchone()
                if open_row is not None:
                    raise errors.OutcomeUnknownError("create", order_id)
            cursor = self._run(
                conn,
                "INSERT INTO cc_creates (order_id, state, request, sent_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                "RETURNING id",
                order_id,
                SENDING,
                json.dumps(request, sort_keys=True, default=str),
                now,
                now,
            )
            return int(cursor.fetchone()[0])

    def finish_create(self, row: int, state: str, invoice_uuid: str | None = None) -> None:
        """Record what became of the create ``row``: DONE (its invoice), REFUSED, UNKNOWN or ABSENT."""
        with self._transaction() as conn:
            self._run(
                conn,
                "UPDATE cc_creates SET state = ?, invoice_uuid = ?, updated_at = ? WHERE id = ?",
                state,
                invoice_uuid,
                self._now(conn),
                row,
            )

    def unsettled(self) -> list[LedgerRecord]:
        """Creates and withdrawals that may have been carried out and are not settled, oldest first."""
        with self._transaction() as conn:
            creates = self._run(
                conn,
                "SELECT id, order_id, state, request, sent_at FROM cc_creates "
                "WHERE state IN ('sending', 'unknown') ORDER BY sent_at",
            ).fetchall()
            withdrawals = self._run(
                conn,
                "SELECT idempotency_key, state, request, updated_at FROM cc_withdrawals "
                "WHERE state IN ('sending', 'unknown') ORDER BY updated_at",
            ).fetchall()
            now = self._now(conn)
        records = [LedgerRecord("create", o, s, json.loads(r), t, now - t, id=i) for i, o, s, r, t in creates]
        records += [LedgerRecord("withdrawal", k, s, json.loads(r), t, now - t) for k, s, r, t in withdrawals]
        return sorted(records, key=lambda record: record.at)

    # ---------------------------------------------------------------- postbacks

    def claim(self, key: str, lease: float = DEFAULT_LEASE) -> Claim:
        """Claim the processing of the confirmed payment ``key``: fresh when nobody has done it and nobody holds
        it (or the one who held it let its lease run out)."""
        from .._params import seconds

        lease = seconds(lease, "lease")  # 0, negative or NaN would hand the payment to two workers at once
        owner = f"{self._owner}:{time.monotonic_ns()}"
        with self._transaction() as conn:
            now = self._now(conn)
            row = self._run(conn, "SELECT state, lease_until FROM cc_postbacks WHERE dedup_key = ?", key).fetchone()
            if row is not None and (row[0] == DONE or row[1] > now):
                return Claim(key, False, owner)
            self._run(conn, "DELETE FROM cc_postbacks WHERE dedup_key = ?", key)
            self._run(
                conn,
                "INSERT INTO cc_postbacks (dedup_key, state, owner, lease_until, updated_at) VALUES (?, ?, ?, ?, ?)",
                key,
                "claimed",
                owner,
                now + lease,
                now,
            )
        return Claim(key, True, owner)

    def complete(self, claim: Claim) -> None:
        """The claimed payment is processed: nobody processes it again."""
        with self._transaction() as conn:
            self._run(
                conn,
                "UPDATE cc_postbacks SET state = ?, updated_at = ? WHERE dedup_key = ? AND owner = ?",
                DONE,
                self._now(conn),
                claim.key,
                claim.owner,
            )

    def release(self, claim: Claim) -> None:
        """The claimed payment was not processed (an error): another delivery may take it at once."""
        with self._transaction() as conn:
            self._run(
                conn,
                "DELETE FROM cc_postbacks WHERE dedup_key = ? AND owner = ? AND state <> ?",
                claim.key,
                claim.owner,
                DONE,
            )

    @contextmanager
    def once(self, key: str, lease: float = DEFAULT_LEASE) -> Iterator[Claim]:
        """``with ledger.once(payment.dedup_key) as first:`` runs its block's work once across workers: ``first``
        is true for the one worker that claimed it; the claim is completed when the block ends, released when it
        raises, and taken over by another worker if this one dies holding it for longer than ``lease`` seconds."""
        claim = self.claim(key, lease)
        if not claim.fresh:
            yield claim
            return
        try:
            yield claim
        except BaseException:
            self.release(claim)
            raise
        self.complete(claim)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
