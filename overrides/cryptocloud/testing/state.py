"""What the fake holds: its clock, invoices, static wallets and withdrawals, and when each invoice expires."""

from __future__ import annotations

import heapq
from collections import deque
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from .._params import INVOICE_PREFIX, bare_id


class FakeClock:
    """The fake's time: real UTC time moved forward by ``advance()``."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


class Store:
    """Invoices by uuid (in creation order) and static wallets; callers hold the fake's lock."""

    def __init__(self) -> None:
        self.invoices: dict[str, dict[str, Any]] = {}
        self.static_wallets: dict[str, dict[str, Any]] = {}
        self.withdrawals: dict[str, dict[str, Any]] = {}  # by invoice_id, in order
        self.funds: dict[str, Decimal] = {}  # balance added by fund(), by currency code
        self.refusals: deque[tuple[str, str]] = deque()  # withdrawals to refuse next: (error key, message)
        self._expiries: list[tuple[datetime, str]] = []  # a heap: the next invoice to expire first
        self._listing: tuple[Any, list[dict[str, Any]]] = (None, [])  # the last period listed, and its invoices

    def add(self, invoice: dict[str, Any], expires: datetime) -> None:
        self.invoices[invoice["uuid"]] = invoice
        heapq.heappush(self._expiries, (expires, invoice["uuid"]))

    def find(self, uuid: str) -> dict[str, Any] | None:
        """An invoice by uuid, with or without the ``INV-`` prefix."""
        return self.invoices.get(INVOICE_PREFIX + bare_id(uuid))

    def get(self, uuid: str) -> dict[str, Any]:
        invoice = self.find(uuid)
        if invoice is None:
            raise KeyError(f"the fake has no invoice {uuid}")
        return invoice

    def expire(self, now: datetime) -> None:
        """Unpaid invoices past their expiry become canceled."""
        while self._expiries and self._expiries[0][0] <= now:
            _, uuid = heapq.heappop(self._expiries)
            if self.invoices[uuid]["status"] == "created":
                self.invoices[uuid]["status"] = "canceled"

    def created_between(self, start: str, end: str) -> list[dict[str, Any]]:
        """Invoices created on ISO days start to end, newest first; kept while nothing is added, so that
        paging through a long listing does not filter every invoice again for each page."""
        key = (start, end, len(self.invoices))
        if self._listing[0] != key:
            chosen = [i for i in reversed(self.invoices.values()) if start <= i["created"][:10] <= end]
            self._listing = (key, chosen)
        return self._listing[1]
