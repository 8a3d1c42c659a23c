"""The ledger in a SQLite file: the processes of one machine (the standard library's sqlite3, WAL)."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import errors
from ._base import Connection, Ledger

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction (each is a few statements)


class SQLiteLedger(Ledger):
    """``SQLiteLedger("/var/lib/shop/cryptocloud-ledger.db")``: created readable by its owner only (0600); every
    process of the machine that uses it shares its records. A write takes the database's write lock
    (``BEGIN IMMEDIATE``), so two processes never decide on the same key at once."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self._local = threading.local()  # a connection per thread: sqlite3 connections are not shared
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))  # before sqlite3 creates it 0644
        with self._transaction() as conn:
            for statement in self._schema():
                conn.execute(statement)

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
            conn.execute("PRAGMA synchronous=FULL")  # committed means on disk, before the request leaves
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        failure = None
        try:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            failure = f"{self.path}: {error}"
        if failure is not None:  # raised outside the handler: the database's own exception is not chained to it
            raise errors.LedgerError(failure)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __repr__(self) -> str:
        return f"<SQLiteLedger {self.path}>"
