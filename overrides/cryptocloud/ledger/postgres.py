"""The ledger in PostgreSQL: every machine of the shop (psycopg 3, the ``postgres`` extra)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from ._base import Connection, Ledger

# Every ledger transaction takes this transaction-scoped advisory lock first, so that two processes never decide
# on the same key at once (what SQLite's BEGIN IMMEDIATE gives). Ledger writes are few and short.
LOCK = 0x63632D6C6564  # "cc-led"


class PostgresLedger(Ledger):
    """``PostgresLedger("postgresql://shop@db/shop")``: the tables ``cc_*`` in that database. ``claim_in`` lets a
    postback's claim commit in the same transaction as the shop's own update, on the shop's connection."""

    placeholder = "%s"
    row_id = "BIGSERIAL PRIMARY KEY"
    real = "DOUBLE PRECISION"

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url
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
        with self._lock:
            conn = self._connection()
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
                yield conn

    def claim_in(self, connection: psycopg.Connection[Any], key: str) -> bool:
        """Claim the confirmed payment ``key`` inside the caller's own transaction on ``connection``: True for the
        one transaction that claims it. The claim commits, or rolls back, with the shop's own update: a worker
        that dies before committing leaves nothing claimed (no lease needed)."""
        inserted = connection.execute(
            "INSERT INTO cc_postbacks (dedup_key, state, owner, lease_until, updated_at) "
            "VALUES (%s, 'done', 'transaction', NULL, extract(epoch from now())) ON CONFLICT DO NOTHING",
            (key,),
        )
        return bool(inserted.rowcount == 1)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __repr__(self) -> str:
        return "<PostgresLedger>"  # the URL may hold a password
