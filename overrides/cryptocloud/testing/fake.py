"""FakeCryptoCloud: the in-memory API, its test controls, and how clients reach it."""

from __future__ import annotations

import secrets
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from random import Random
from typing import Any

import httpx

from .._client import AsyncCryptoCloud, CryptoCloud
from . import control, faults, operations, payments, server, spec, withdrawals
from .payments import FakePostback
from .state import FakeClock, Store
from .wire import BadBody, error, json_response, not_found, read_body

FAKE_BASE_URL = "https://fake.cryptocloud.invalid"


class FakeCryptoCloud:
    """A stateful, in-memory CryptoCloud implementing every operation of the spec.

    ``postback_format`` ("json" or "form") is the project's notification setting, and ``postback_url`` where
    ``pay()`` POSTs postbacks unless told otherwise. ``list_limit`` chooses how the fake reads the list's
    ``limit`` ("page_size" or "end_index", the two readings of the docs), and ``report_all_count`` whether list
    answers carry ``all_count``. ``validate=False`` skips the spec check of requests (about half the fake's own
    time per request): for benchmarks, never for tests of your own code.
    """

    def __init__(
        self,
        *,
        api_key: str = "fake-api-key",
        withdrawal_key: str | None = None,
        shop_id: str = "fake-shop",
        secret: str | None = None,
        postback_format: str = "json",
        postback_url: str | None = None,
        list_limit: str = "page_size",
        report_all_count: bool = True,
        seed: int | None = None,
        validate: bool = True,
    ) -> None:
        if postback_format not in ("json", "form") or list_limit not in ("page_size", "end_index"):
            raise ValueError("postback_format is 'json' or 'form'; list_limit is 'page_size' or 'end_index'")
        self.api_key = api_key
        # Random unless given: the client keeps 12 s between withdrawals per key process-wide; each fake has its own.
        self.withdrawal_key = withdrawal_key or "fake-wkey-" + secrets.token_hex(8)
        self.withdrawal_envelope = "result"  # "data": answer withdrawals in the older docs' envelope
        self.shop_id = shop_id
        self.secret = secret or secrets.token_urlsafe(32)
        self.postback_format = postback_format
        self.postback_url = postback_url
        self.list_limit = list_limit
        self.report_all_count = report_all_count
        self.validate = validate
        self.clock = FakeClock()
        self.store = Store()
        self.random = Random(seed)
        self.requests: list[httpx.Request] = []  # every API request received (not the control API's)
        self._faults: deque[faults.Fault] = deque()
        # One request at a time: the served fake answers from many threads. Re-entrant for pay() from the
        # control API; postbacks are delivered outside it, so a receiver may call the fake back.
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        hidden = "api_key=<hidden>, withdrawal_key=<hidden>, secret=<hidden>"
        return f"FakeCryptoCloud(shop_id={self.shop_id!r}, invoices={len(self.invoices)}, {hidden})"

    @property
    def invoices(self) -> dict[str, dict[str, Any]]:
        """Invoices by uuid, in creation order (the fake's own records: read them, change them with care)."""
        return self.store.invoices

    @property
    def static_wallets(self) -> dict[str, dict[str, Any]]:
        return self.store.static_wallets

    @property
    def withdrawals(self) -> dict[str, dict[str, Any]]:
        """Withdrawals by invoice_id, in order (with the ``to_address`` each was sent to)."""
        return self.store.withdrawals

    @property
    def funds(self) -> dict[str, Decimal]:
        return self.store.funds

    # ------------------------------------------------------------------ wiring

    def transport(self) -> httpx.MockTransport:
        """An httpx transport that answers from this fake, in-process (sync and async)."""
        return httpx.MockTransport(self.handle)

    def _options(self) -> dict[str, Any]:
        return {
            "api_key": self.api_key,
            "shop_id": self.shop_id,
            "base_url": FAKE_BASE_URL,
            "withdrawal_key": self.withdrawal_key,
            "postback_secret": self.secret,  # so that postbacks.confirm() checks the fake's postbacks as they are
        }

    def client(self, **options: Any) -> CryptoCloud:
        """A client wired to this fake in-process, with its key, shop id, withdrawal key and postback secret
        (``options`` are CryptoCloud's, and win)."""
        options = self._options() | options
        return CryptoCloud(transport=self.transport(), **options)

    def async_client(self, **options: Any) -> AsyncCryptoCloud:
        options = self._options() | options
        return AsyncCryptoCloud(transport=self.transport(), **options)

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve the fake over HTTP on ``host`` (loopback by default); yields its base URL. The control API
        (``fake-control.yaml``) is under ``/_fake/``."""
        with server.serve(self, host, port) as url:
            yield url

    # ------------------------------------------------------------------ test controls

    def fail_next(self, kind: str, *, count: int = 1, retry_after: float = 1.0) -> None:
        """Make the next ``count`` requests fail as ``kind``:

        refused (connection refused, nothing sent), html_520 (a Cloudflare page; nothing done), rate_limit (429
        with Retry-After), reset_after_send and read_timeout (the request is carried out, then its answer is
        lost), server_error (a 500 after the request was carried out).
        """
        if kind not in faults.FAULTS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(faults.FAULTS)}")
        with self._lock:
            self._faults.extend([faults.Fault(kind, retry_after)] * count)

    def fund(self, code: str, amount: Decimal) -> None:
        """Add ``amount`` of ``code`` (a full code such as "USDT_TRC20") to the balance, for withdrawals."""
        with self._lock:
            self.store.funds[code] = self.store.funds.get(code, Decimal(0)) + Decimal(amount)

    def refuse_next_withdrawal(self, key: str = "validate_error", message: str = "Withdrawal refused (fake).") -> None:
        """Refuse the next withdrawal with a 400 whose ``result`` is ``{key: message}`` (the docs' keys:
        required_parameter, currency_code, network, uncorrected_amount, rate_limit, validate_error)."""
        with self._lock:
            self.store.refusals.append((key, message))

    def balance(self, code: str) -> Decimal:
        """What the fake's wallet holds in ``code``: paid invoices, plus funds, less withdrawals."""
        with self._lock:
            return withdrawals.balance(self, code)

    def pending_faults(self) -> int:
        return len(self._faults)

    def advance(self, delta: timedelta) -> None:
        """Move the fake's clock forward; unpaid invoices past their expiry become canceled."""
        with self._lock:
            self.clock.offset += delta

    def cancel(self, uuid: str) -> None:
        with self._lock:
            self.store.get(uuid)["status"] = "canceled"

    def pay(self, uuid: str, amount: Decimal | None = None, *, url: str | None = None) -> FakePostback:
        """Pay an invoice (in full unless ``amount`` is given, in its crypto) and return the postback.

        The status becomes paid, partial or overpaid; the postback is signed with ``secret``, and POSTed to
        ``url`` (or else ``postback_url``) when there is one.
        """
        note = self.record_payment(uuid, amount)
        target = url or self.postback_url
        return note if target is None else payments.deliver(note, target)

    def record_payment(self, uuid: str, amount: Decimal | None = None) -> FakePostback:
        """Pay an invoice as ``pay()`` does, and return its postback without sending it."""
        with self._lock:
            invoice = self.store.get(uuid)
            paid = invoice["amount"] if amount is None else Decimal(amount)
            payments.settle(invoice, paid, self.clock.now())
            return payments.postback(invoice, paid, self.secret, self.postback_format)

    # ------------------------------------------------------------------ the HTTP side

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request: the API's paths, or the control API's under ``/_fake/``."""
        if request.url.path.startswith(control.PREFIX):
            return control.answer(self, request)
        with self._lock:
            self.requests.append(request)
            fault = self._faults.popleft() if self._faults else None
            early = faults.before(fault, request) if fault else None
            if early is not None:
                return early
            response = self._answer(request)
            return faults.after(fault, request, response) if fault else response

    def _answer(self, request: httpx.Request) -> httpx.Response:
        route = operations.ROUTES.get(request.url.path)
        if route is None:
            return not_found()
        if request.method != "POST":
            return json_response(405, {"detail": f'Method "{request.method}" not allowed.'}, {"Allow": "POST"})
        auth = request.headers.get("authorization")
        if auth is None:
            return json_response(401, {"detail": "Authentication credentials were not provided."})
        if not auth.startswith("Token ") or not auth[6:].strip():
            return json_response(403, {"detail": "Invalid header padding"})
        key = self.withdrawal_key if request.url.path == withdrawals.PATH else self.api_key  # a key of its own
        if not secrets.compare_digest(auth[6:].strip().encode(), key.encode()):
            return json_response(401, {"detail": "Signature verification failed"})
        try:
            body = read_body(request)
        except BadBody as bad:
            return error(400, {"validate_error": str(bad)})
        if self.validate:
            problems = spec.problems(operations.as_documented(self, request))
            if problems:
                return error(400, problems)
        self.store.expire(self.clock.now())
        return route(self, body)
