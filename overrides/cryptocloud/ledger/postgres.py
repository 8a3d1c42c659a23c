"""The ledger in PostgreSQL: every machine of the shop (psycopg 3, the ``postgres`` extra)."""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from .. import errors
from ._base import Connection, Ledger

_PASSWORD = re.compile(r"://[^/@:]*:([^@]*)@")  # the password of postgresql://user:password@host/...

# Every ledger transaction takes this transaction-scoped advisory lock first, so that two processes never decide
# on the same key at once (what SQLite's BEGIN IMMEDIATE gives). Ledger writes are few and short.
LOCK = 0x63632D6C6564  # "cc-led"


class PostgresLedger(Ledger):
    """``PostgresLedger("postgresql://shop@db/shop")``: the tables ``cc_*`` in that database. ``claim_in`` lets a
    postback's claim commit in the same transaction as the shop's own update, on the shop's connection."""

    placeholder = "%s"
    row_id = "BIGSERIAL PRIMARY KEY"
    real = "DOUBLE PRECISION"
    now_sql = "extract(epoch from clock_timestamp())::float8"

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url
        # libpq quotes the URL, or its password, in some errors: those texts pass through _hide first.
        password = _PASSWORD.search(url)
        self._hidden = {password.group(1), urllib.parse.unquote(password.group(1))} - {""} if password else set()
        self._lock = threading.Lock()  # one connection, one transaction at a time
        self._conn: psycopg.Connection[Any] | None = None
        with self._transaction() as conn:
            for statement in self._schema():
                conn.execute(statement)

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self._url, autocommit=True)
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        failure = None
        with self._lock:
            try:
                conn = self._connection()
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
                    yield conn
            except psycopg.Error as error:
                failure = self._hide(f"{type(error).__name__}: {error}")
        if failure is not None:  # raised outside the handler: psycopg's exception, maybe with the URL, not chained
            raise errors.LedgerError(failure)

    def _hide(self, text: str) -> str:
        for secret in self._hidden:
            text = text.replace(secret, "<hidden>")
        return text

    def claim_in(self, connection: psycopg.Connection[Any], key: str) -> bool:
        """Claim the confirmed payment ``key`` inside the caller's own transaction on ``connection``: True for the
        one transaction that claims it. The claim commits, or rolls back, with the shop's own update: a worker
        that dies before committing leaves nothing claimed (no lease needed)."""
        # A claim by ``once`` whose lease ran out (its worker died) is taken over; a live lease or a done one is not.
        claimed = connection.execute(
            "INSERT INTO cc_postbacks (dedup_key, state, owner, lease_until, updated_at) "
            f"VALUES (%s, 'done', 'transaction', NULL, {self.now_sql}) "
            "ON CONFLICT (dedup_key) DO UPDATE SET state = 'done', owner = 'transaction', lease_until = NULL, "
            "updated_at = EXCLUDED.updated_at "
            "WHERE cc_postbacks.state <> 'done' AND cc_postbacks.lease_until <= EXCLUDED.updated_at",
            (key,),
        )
        return bool(claimed.rowcount == 1)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __repr__(self) -> str:
        return "<PostgresLedger>"  # the URL may hold a password
