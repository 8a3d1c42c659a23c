"""A fake CryptoCloud for tests: stateful, in memory, validated against the bundled OpenAPI spec.

    fake = FakeCryptoCloud()
    client = fake.client()                      # a CryptoCloud wired to the fake in-process (no socket)
    invoice = client.invoices.create(amount=Decimal("10"), order_id="o-1")
    postback = fake.pay(invoice.uuid)           # .body / .content_type, signed with fake.secret
    verify_postback(postback.body, postback.content_type, fake.secret)
    fake.fail_next("read_timeout")              # the next request lands, then its answer is lost

Requests are checked against ``openapi.yaml`` (shipped with the generated package) by openapi-core, not by
hand-written rules, and refused with the real API's error shapes. Needs the ``testing`` extra.
"""

from __future__ import annotations

import heapq
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from random import Random
from typing import Any
from urllib.parse import parse_qs, urlencode

import attrs
import httpx
import jwt
import yaml
from cryptocloud_client import _exact
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from ._client import AsyncCryptoCloud, CryptoCloud

FAKE_BASE_URL = "https://fake.cryptocloud.invalid"
SPEC_SERVER = "https://api.trybit.com"  # the current host; the spec lists the legacy one too
MAX_HOURS_TO_PAY = 24 * 365 * 100  # a century; a longer time would overflow the expiry date
MAX_AMOUNT_DIGITS = 20  # before the point; beyond that the fake answers like a Django DecimalField
FAULTS = ("refused", "html_520", "rate_limit", "reset_after_send", "read_timeout", "server_error")
WITHDRAWAL_PATH = "/v2/invoice/api/out/create"
WITHDRAWAL_SPACING = timedelta(seconds=12)  # the docs: at least 12 s between two withdrawals

# Fixed, round rates: enough to make amounts look real and stay reproducible.
USD_PER_FIAT = {
    "USD": "1",
    "UZS": "0.00008",
    "KGS": "0.0115",
    "KZT": "0.002",
    "AMD": "0.0026",
    "AZN": "0.59",
    "BYN": "0.31",
    "AUD": "0.66",
    "TRY": "0.029",
    "AED": "0.27",
    "CAD": "0.73",
    "CNY": "0.14",
    "HKD": "0.13",
    "IDR": "0.00006",
    "INR": "0.012",
    "JPY": "0.0067",
    "PHP": "0.017",
    "SGD": "0.75",
    "THB": "0.029",
    "VND": "0.00004",
    "MYR": "0.22",
    "RUB": "0.011",
    "UAH": "0.024",
    "EUR": "1.08",
    "GBP": "1.27",
}
USD_PER_COIN = {
    "BTC": "100000",
    "LTC": "90",
    "TRX": "0.25",
    "SOL": "150",
    "TON": "5",
    "BNB": "600",
    "ETH": "3000",
    "ARB": "0.8",
    "OP": "1.6",
    "PEPE": "0.00001",
    "SHIB": "0.00002",
    "TRUMP": "10",
    "XAUT": "2600",
}
NETWORKS = {
    "ARB": "Arbitrum",
    "BASE": "Base",
    "OPT": "Optimism",
    "BSC": "BNB Smart Chain",
    "ERC20": "Ethereum",
    "SOL": "Solana",
    "TON": "TON",
    "TRC20": "Tron",
}


@cache
def spec_text() -> str:
    return resources.files("cryptocloud_client").joinpath("openapi.yaml").read_text(encoding="utf-8")


@cache
def _openapi() -> OpenAPI:
    return OpenAPI.from_dict(yaml.safe_load(spec_text()))


@attrs.frozen
class _OpenAPIRequest:
    """An httpx request as openapi-core reads it (its contrib adapters cover other HTTP libraries)."""

    host_url: str
    path: str
    method: str
    parameters: RequestParameters
    content_type: str
    body: bytes | None

    @classmethod
    def of(cls, request: httpx.Request) -> _OpenAPIRequest:
        return cls(
            host_url=SPEC_SERVER,  # the fake stands in for the real host, whatever URL reached it
            path=request.url.path,
            method=request.method.lower(),
            parameters=RequestParameters(
                query=ImmutableMultiDict(parse_qs(request.url.query.decode(), keep_blank_values=True)),
                header=Headers(dict(request.headers)),
                cookie=ImmutableMultiDict(),
            ),
            content_type=request.headers.get("content-type", ""),
            body=request.content,
        )


@attrs.frozen
class FakePostback:
    """What the fake sent (or would send) to the notification URL."""

    body: bytes
    content_type: str
    status_code: int | None = None  # the receiver's answer, when the fake POSTed it


class FakeClock:
    """The fake's time: real UTC time moved forward by ``advance()``."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def _money(value: Decimal, places: str = "0.000001") -> Decimal:
    """Rounded to ``places``, trailing zeros dropped, never in exponent form (10, not 1E+1)."""
    rounded = value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return Decimal(format(rounded.normalize(), "f")) if rounded else Decimal(0)


def _stamp(moment: datetime) -> str:
    return _exact.format_utc_datetime(moment)


def _error(status: int, result: dict[str, Any] | str) -> httpx.Response:
    return _json(status, {"status": "error", "result": result})


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        status, content=_exact.dumps(body), headers={"content-type": "application/json", **(headers or {})}
    )


class FakeCryptoCloud:
    """A stateful, in-memory CryptoCloud implementing every operation of the spec.

    ``postback_format`` ("json" or "form") is the project's notification setting. ``list_limit`` chooses how
    the fake reads the list's ``limit`` ("page_size" or "end_index", the two readings of the docs), and
    ``report_all_count`` whether list answers carry ``all_count``. ``validate=False`` skips the spec check of
    requests (about 1.5 ms each): for benchmarks, never for tests of your own code.
    """

    def __init__(
        self,
        *,
        api_key: str = "fake-api-key",
        withdrawal_key: str | None = None,
        shop_id: str = "fake-shop",
        secret: str | None = None,
        postback_format: str = "json",
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
        self.withdrawals: dict[str, dict[str, Any]] = {}  # by invoice_id, in order
        self.funds: dict[str, Decimal] = {}  # balance added by fund(), by currency code
        self._refusals: deque[tuple[str, str]] = deque()  # withdrawals to refuse next: (error key, message)
        self.shop_id = shop_id
        self.secret = secret or secrets.token_urlsafe(32)
        self.postback_format = postback_format
        self.list_limit = list_limit
        self.report_all_count = report_all_count
        self.validate = validate
        self.clock = FakeClock()
        self.invoices: dict[str, dict[str, Any]] = {}  # by uuid, in creation order
        self.static_wallets: dict[str, dict[str, Any]] = {}
        self._expiries: list[tuple[datetime, str]] = []  # a heap: the next invoice to expire first
        self._listing: tuple[Any, list[dict[str, Any]]] = (None, [])  # the last period listed, and its invoices
        self.requests: list[httpx.Request] = []
        self._faults: deque[tuple[str, float]] = deque()
        self._random = Random(seed)
        self._lock = threading.Lock()
        self._routes: dict[str, Callable[[dict[str, Any], httpx.Request], httpx.Response]] = {
            "/v2/invoice/create": self._create,
            "/v2/invoice/merchant/canceled": self._cancel,
            "/v2/invoice/merchant/info": self._info,
            "/v2/invoice/merchant/list": self._list,
            "/v2/merchant/wallet/balance/all": self._balances,
            "/v2/invoice/merchant/statistics": self._statistics,
            "/v2/invoice/static/create": self._static_create,
            WITHDRAWAL_PATH: self._withdraw,
        }

    def __repr__(self) -> str:
        hidden = "api_key=<hidden>, withdrawal_key=<hidden>, secret=<hidden>"
        return f"FakeCryptoCloud(shop_id={self.shop_id!r}, invoices={len(self.invoices)}, {hidden})"

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
        }

    def client(self, **options: Any) -> CryptoCloud:
        options = self._options() | options
        return CryptoCloud(http_client=httpx.Client(transport=self.transport()), **options)

    def async_client(self, **options: Any) -> AsyncCryptoCloud:
        options = self._options() | options
        return AsyncCryptoCloud(http_client=httpx.AsyncClient(transport=self.transport()), **options)

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve the fake over HTTP on ``host`` (loopback by default); yields its base URL."""
        server = ThreadingHTTPServer((host, port), _handler_for(self))
        thread = threading.Thread(target=server.serve_forever, name="fake-cryptocloud", daemon=True)
        thread.start()
        try:
            yield f"http://{host}:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    # ------------------------------------------------------------------ test controls

    def fail_next(self, kind: str, *, count: int = 1, retry_after: float = 1.0) -> None:
        """Make the next ``count`` requests fail as ``kind``:

        refused (connection refused, nothing sent), html_520 (a Cloudflare page; nothing done), rate_limit (429
        with Retry-After), reset_after_send and read_timeout (the request is carried out, then its answer is
        lost), server_error (a 500 after the request was carried out).
        """
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULTS)}")
        self._faults.extend([(kind, retry_after)] * count)

    def fund(self, code: str, amount: Decimal) -> None:
        """Add ``amount`` of ``code`` (a full code such as "USDT_TRC20") to the balance, for withdrawals."""
        self.funds[code] = self.funds.get(code, Decimal(0)) + Decimal(amount)

    def refuse_next_withdrawal(self, key: str = "validate_error", message: str = "Withdrawal refused (fake).") -> None:
        """Refuse the next withdrawal with a 400 whose ``result`` is ``{key: message}`` (the docs' keys:
        required_parameter, currency_code, network, uncorrected_amount, rate_limit, validate_error)."""
        self._refusals.append((key, message))

    def balance(self, code: str) -> Decimal:
        """What the fake's wallet holds in ``code``: paid invoices, plus funds, less withdrawals."""
        received = sum(
            (
                i["received"]
                for i in self.invoices.values()
                if i["status"] in ("paid", "partial", "overpaid") and i["currency"]["fullcode"] == code
            ),
            Decimal(0),
        )
        sent = sum((w["amount"] for w in self.withdrawals.values() if w["currency"] == code), Decimal(0))
        return received + self.funds.get(code, Decimal(0)) - sent

    def advance(self, delta: timedelta) -> None:
        """Move the fake's clock forward; unpaid invoices past their expiry become canceled."""
        self.clock.offset += delta

    def cancel(self, uuid: str) -> None:
        self._invoice(uuid)["status"] = "canceled"

    def pay(self, uuid: str, amount: Decimal | None = None, *, url: str | None = None) -> FakePostback:
        """Pay an invoice (in full unless ``amount`` is given, in its crypto) and return the postback.

        The status becomes paid, partial or overpaid; the postback is signed with ``secret``, and POSTed to
        ``url`` when one is given.
        """
        invoice = self._invoice(uuid)
        due = invoice["amount"]
        paid = due if amount is None else Decimal(amount)
        invoice["received"] = paid
        invoice["received_usd"] = _money(paid * invoice["amount_usd"] / due) if due else paid
        invoice["status"] = "paid" if paid == due else "partial" if paid < due else "overpaid"
        invoice["to_surcharge"] = max(due - paid, Decimal(0))
        invoice["to_surcharge_usd"] = (
            _money(invoice["to_surcharge"] * invoice["amount_usd"] / due) if due else Decimal(0)
        )
        invoice["date_finished"] = _stamp(self.clock.now())
        invoice["invoice_status"] = "success"
        bare = uuid.removeprefix("INV-")
        token = jwt.encode(
            {"id": bare, "exp": int(time.time()) + 300}, self.secret, algorithm="HS256", headers={"typ": "JWT"}
        )
        fields = {
            "status": "success",
            "invoice_id": bare,
            "amount_crypto": paid,
            "currency": invoice["currency"]["fullcode"],
            "order_id": invoice.get("order_id"),
            "token": token,
            "invoice_info": self._public(invoice),
        }
        if self.postback_format == "json":
            body, content_type = _exact.dumps(fields), "application/json"
        else:
            form = {
                k: (_exact.dumps(v).decode() if isinstance(v, dict) else str(v))
                for k, v in fields.items()
                if v is not None
            }
            body, content_type = urlencode(form).encode(), "application/x-www-form-urlencoded"
        status = None
        if url is not None:
            status = httpx.post(url, content=body, headers={"content-type": content_type}, timeout=10).status_code
        return FakePostback(body, content_type, status)

    # ------------------------------------------------------------------ the HTTP side

    def handle(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
            fault = self._faults.popleft() if self._faults else None
            if fault and fault[0] == "refused":
                raise httpx.ConnectError("[Errno 111] Connection refused (fake)", request=request)
            if fault and fault[0] == "html_520":
                page = "<html><head><title>520: Web server is returning an unknown error</title></head></html>"
                return httpx.Response(520, text=page, headers={"content-type": "text/html"})
            if fault and fault[0] == "rate_limit":
                return _json(429, {"detail": "Request was throttled."}, {"Retry-After": f"{fault[1]:g}"})
            response = self._answer(request)
            if fault and fault[0] == "reset_after_send":
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response (fake)", request=request
                )
            if fault and fault[0] == "read_timeout":
                raise httpx.ReadTimeout("The read operation timed out (fake)", request=request)
            if fault and fault[0] == "server_error":
                return _json(500, {"detail": "Internal server error"})
            return response

    def _answer(self, request: httpx.Request) -> httpx.Response:
        route = self._routes.get(request.url.path)
        if route is None:
            return httpx.Response(404, text="Not Found", headers={"content-type": "text/plain"})
        if request.method != "POST":
            return _json(405, {"detail": f'Method "{request.method}" not allowed.'}, {"Allow": "POST"})
        auth = request.headers.get("authorization")
        if auth is None:
            return _json(401, {"detail": "Authentication credentials were not provided."})
        if not auth.startswith("Token ") or not auth[6:].strip():
            return _json(403, {"detail": "Invalid header padding"})
        key = self.withdrawal_key if request.url.path == WITHDRAWAL_PATH else self.api_key  # a key of its own
        if not secrets.compare_digest(auth[6:].strip(), key):
            return _json(401, {"detail": "Signature verification failed"})
        try:
            body = _body(request)  # the API (Django REST framework) refuses a body it cannot parse with a 400
        except (UnicodeDecodeError, ValueError) as exc:
            return _error(400, {"validate_error": f"JSON parse error - {exc}"})
        if self.validate:
            problems = _validate(self._as_documented(request))
            if problems:
                return _error(400, problems)
        self._expire()
        return route(body, request)

    # ------------------------------------------------------------------ operations

    def _create(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        if body["shop_id"] != self.shop_id:
            return _error(400, {"shop_id": ["Shop not found."]})
        if Decimal(body["amount"]).adjusted() >= MAX_AMOUNT_DIGITS:  # the API's decimal fields hold no more
            return _error(400, {"amount": [f"Ensure that there are no more than {MAX_AMOUNT_DIGITS} digits in total."]})
        add = body.get("add_fields", {})
        fiat = body.get("currency", "USD")
        amount_usd = _money(Decimal(body["amount"]) * Decimal(USD_PER_FIAT[fiat]), "0.01")
        code = add.get("cryptocurrency") or (add.get("available_currencies") or ["USDT_TRC20"])[0]
        currency = self._currency(code)
        crypto = _money(amount_usd / self._usd_per(code))
        now = self.clock.now()
        ttl = {k: int(v) for k, v in add.get("time_to_pay", {"hours": 24, "minutes": 0}).items()}
        if ttl["hours"] > MAX_HOURS_TO_PAY:  # beyond the calendar: answered as the API answers a bad field
            return _error(
                400,
                {"add_fields.time_to_pay.hours": [f"Ensure this value is less than or equal to {MAX_HOURS_TO_PAY}."]},
            )
        bare = "".join(self._random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=8))
        invoice = {
            "uuid": f"INV-{bare}",
            "created": _stamp(now),
            "address": self._address(code) if add.get("cryptocurrency") else None,
            "expiry_date": _stamp(now + timedelta(hours=ttl["hours"], minutes=ttl["minutes"])),
            "side_commission": "client",
            "side_commission_cc": "client",
            "amount": crypto,
            "amount_usd": amount_usd,
            "amount_in_fiat": Decimal(body["amount"]),
            "fee": _money(crypto * Decimal("0.001")),
            "fee_usd": _money(amount_usd * Decimal("0.001"), "0.01"),
            "service_fee": _money(crypto * Decimal("0.019")),
            "service_fee_usd": _money(amount_usd * Decimal("0.019"), "0.01"),
            "fiat_currency": fiat,
            "status": "created",
            "is_email_required": False,
            "link": f"pay.trybit.com/{bare}",
            "currency": currency,
            "project": {
                "id": 1,
                "name": "Fake shop",
                "fail": "https://example.com/fail",
                "success": "https://example.com/success",
                "logo": "https://example.com/logo.png",
            },
            "test_mode": True,
            "order_id": body.get("order_id"),
            "received": Decimal(0),
            "received_usd": Decimal(0),
            "to_surcharge": crypto,
            "to_surcharge_usd": amount_usd,
            "date_finished": None,
            "invoice_status": None,
            "type_payments": "crypto",
            "tx_list": [],
        }
        self.invoices[invoice["uuid"]] = invoice
        heapq.heappush(self._expiries, (now + timedelta(hours=ttl["hours"], minutes=ttl["minutes"]), invoice["uuid"]))
        return _json(200, {"status": "success", "result": self._public(invoice, created=True)})

    def _cancel(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        invoice = self.invoices.get("INV-" + body["uuid"].removeprefix("INV-"))
        if invoice is None or invoice["status"] != "created":
            return _error(400, {"validate_error": "Invoice is not created"})
        invoice["status"] = "canceled"
        return _json(200, {"status": "success", "result": ["ok"]})

    def _info(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        found = [self.invoices.get("INV-" + uuid.removeprefix("INV-")) for uuid in body["uuids"]]
        return _json(200, {"status": "success", "result": [self._public(i) for i in found if i is not None]})

    def _list(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        period = _period(body)
        if isinstance(period, httpx.Response):
            return period
        start, end = (day.isoformat() for day in period)
        if end < start:
            return _error(400, {"validate_error": "end must not be before start"})
        chosen = self._created_between(start, end)
        # JSON Schema counts 2.0 as an integer, and so does the API: read such numbers as ints.
        offset, limit = int(body.get("offset", 0)), int(body.get("limit", 10))
        stop = limit + 1 if self.list_limit == "end_index" else offset + limit  # end index is inclusive
        answer: dict[str, Any] = {"status": "success", "result": [self._public(i) for i in chosen[offset:stop]]}
        if self.report_all_count:
            answer["all_count"] = len(chosen)
        return _json(200, answer)

    def _balances(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        codes = {
            i["currency"]["fullcode"] for i in self.invoices.values() if i["status"] in ("paid", "partial", "overpaid")
        }
        totals = {code: self.balance(code) for code in codes | set(self.funds)}
        result = []
        for code, held in sorted(totals.items()):
            usd = _money(held * self._usd_per(code), "0.01")
            result.append(
                {
                    "currency": self._balance_currency(code),
                    "balance_crypto": held,
                    "balance_usd": usd,
                    "available_balance": held,
                    "available_balance_usd": usd,
                }
            )
        return _json(200, {"status": "success", "result": result})

    def _statistics(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        period = _period(body)
        if isinstance(period, httpx.Response):
            return period
        start, end = period
        statuses = ("created", "paid", "overpaid", "partial", "canceled")
        count = dict.fromkeys(("all", *statuses), 0)
        amount = dict.fromkeys(("all", *statuses), Decimal(0))
        for invoice in self.invoices.values():
            if start <= _exact.parse_utc_datetime(invoice["created"]).date() <= end:
                for key in ("all", invoice["status"]):
                    count[key] += 1
                    amount[key] += invoice["amount_usd"]
        return _json(200, {"status": "success", "result": {"count": count, "amount": amount}})

    def _static_create(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        if body["shop_id"] != self.shop_id:
            return _error(400, {"shop_id": ["Shop not found."]})
        wallet: dict[str, Any] = {
            "currency": self._balance_currency(body["currency"]),
            "address": self._address(body["currency"]),
            "uuid": "".join(self._random.choices("0123456789abcdef", k=32)),
        }
        self.static_wallets[wallet["uuid"]] = wallet | {"identify": body["identify"]}
        return _json(200, {"status": "success", "result": wallet})

    def _withdraw(self, body: dict[str, Any], request: httpx.Request) -> httpx.Response:
        if self._refusals:
            key, message = self._refusals.popleft()
            return _error(400, {key: message})
        now = self.clock.now()
        last = max((w["_sent_at"] for w in self.withdrawals.values()), default=None)
        if last is not None and now - last < WITHDRAWAL_SPACING:
            return _error(400, {"rate_limit": "Too many requests: 12 seconds between withdrawals."})
        code, amount = body["currency_code"], Decimal(body["amount"])
        if amount > self.balance(code):
            return _error(400, {"uncorrected_amount": f"Insufficient funds: {self.balance(code)} {code} available."})
        invoice_id = "OUT-" + "".join(self._random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=8))
        withdrawal = {"invoice_id": invoice_id, "status": "created", "currency": code, "amount": amount}
        self.withdrawals[invoice_id] = withdrawal | {"to_address": body["to_address"], "_sent_at": now}
        return _json(200, {"status": "success", self.withdrawal_envelope: withdrawal})

    # ------------------------------------------------------------------ helpers

    def _created_between(self, start: str, end: str) -> list[dict[str, Any]]:
        """Invoices created on ISO days start to end, newest first; kept while nothing is added, so that
        paging through a long listing does not filter every invoice again for each page."""
        key = (start, end, len(self.invoices))
        if self._listing[0] != key:
            chosen = [i for i in reversed(self.invoices.values()) if start <= i["created"][:10] <= end]
            self._listing = (key, chosen)
        return self._listing[1]

    def _as_documented(self, request: httpx.Request) -> httpx.Request:
        """The request to check against the spec. Read as an end index, ``limit`` can only keep to the
        documented maximum of 100 as a distance from ``offset``, so that is what is checked in that mode."""
        if self.list_limit != "end_index" or request.url.path != "/v2/invoice/merchant/list":
            return request
        try:
            body = json.loads(request.content)
            body["limit"] = max(1, body["limit"] - body.get("offset", 0))
        except (ValueError, KeyError, TypeError):
            return request
        return httpx.Request(request.method, request.url, headers=request.headers, content=json.dumps(body).encode())

    def _invoice(self, uuid: str) -> dict[str, Any]:
        try:
            return self.invoices["INV-" + uuid.removeprefix("INV-")]
        except KeyError:
            raise KeyError(f"the fake has no invoice {uuid}") from None

    def _expire(self) -> None:
        now = self.clock.now()
        while self._expiries and self._expiries[0][0] <= now:
            _, uuid = heapq.heappop(self._expiries)
            if self.invoices[uuid]["status"] == "created":
                self.invoices[uuid]["status"] = "canceled"

    def _public(self, invoice: dict[str, Any], *, created: bool = False) -> dict[str, Any]:
        """An invoice as the API shows it: creation answers without the read-back fields."""
        if created:
            extra = (
                "order_id",
                "received",
                "received_usd",
                "to_surcharge",
                "to_surcharge_usd",
                "date_finished",
                "invoice_status",
                "type_payments",
                "tx_list",
            )
            return {k: v for k, v in invoice.items() if k not in extra}
        return {**invoice, "link": "https://" + invoice["link"]}  # read-back links carry a scheme

    @staticmethod
    def _usd_per(code: str) -> Decimal:
        coin = code.split("_")[0]
        return Decimal(USD_PER_COIN.get(coin, "1"))  # the rest are dollar stablecoins

    @staticmethod
    def _network(code: str) -> dict[str, Any]:
        coin, _, chain = code.partition("_")
        chain = (
            chain
            or {"BTC": "BTC", "LTC": "LTC", "TRX": "TRC20", "SOL": "SOL", "TON": "TON", "BNB": "BSC", "ETH": "ERC20"}[
                coin
            ]
        )
        return {
            "code": chain,
            "id": sorted(NETWORKS).index(chain) + 1 if chain in NETWORKS else 0,
            "icon": f"https://cdn.cryptocloud.plus/img/network/{chain}.svg",
            "fullname": NETWORKS.get(chain, coin),
        }

    def _currency(self, code: str) -> dict[str, Any]:
        coin = code.split("_")[0]
        return {
            "id": len(code),
            "code": coin,
            "fullcode": code,
            "network": self._network(code),
            "name": coin,
            "is_email_required": False,
            "stablecoin": coin in ("USDT", "USDC", "DAI", "USDD", "PYUSD"),
            "icon_base": f"https://cdn.cryptocloud.plus/img/currency/{coin}.svg",
            "icon_network": f"https://cdn.cryptocloud.plus/img/currency/{code}.svg",
            "icon_qr": f"https://cdn.cryptocloud.plus/img/stroke/{coin}_STROKE.svg",
            "order": 1,
        }

    def _balance_currency(self, code: str) -> dict[str, Any]:
        shown = self._currency(code)
        return {
            "id": shown["id"],
            "code": code,
            "short_code": shown["code"],
            "name": shown["name"],
            "is_email_required": False,
            "stablecoin": shown["stablecoin"],
            "icon_base": shown["icon_base"],
            "icon_network": shown["icon_network"],
            "icon_qr": shown["icon_qr"],
            "order": 1,
            "obj_network": self._network(code),
            "enable": True,
        }

    def _address(self, code: str) -> str:
        alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
        return ("T" if code.endswith("TRC20") else "0x") + "".join(self._random.choices(alphabet, k=33))


def _body(request: httpx.Request) -> dict[str, Any]:
    """A request body as data. A form is read too: some clients send one (the spec, and validation, say JSON)."""
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
    loaded: dict[str, Any] = json.loads(request.content or b"{}", parse_float=Decimal)
    return loaded


def _period(body: dict[str, Any]) -> tuple[date, date] | httpx.Response:
    """``start`` and ``end`` as days, or the API's 400 naming a day that the calendar lacks (31.02.2026)."""
    days = []
    for field in ("start", "end"):
        try:
            days.append(datetime.strptime(body[field], "%d.%m.%Y").date())
        except (KeyError, TypeError, ValueError):
            return _error(400, {field: [f"Date has wrong format: {body.get(field)!r}. Use dd.mm.yyyy."]})
    return days[0], days[1]


def _validate(request: httpx.Request) -> dict[str, list[str] | str]:
    """The request checked against the spec by openapi-core: error messages by field, in the API's shape
    (a list per field; ``validate_error`` is one string, as the API sends it)."""
    from openapi_core.validation.request.exceptions import InvalidRequestBody, RequestValidationError

    try:
        _openapi().validate_request(_OpenAPIRequest.of(request))  # type: ignore[arg-type]  # a protocol match
    except InvalidRequestBody as exc:
        cause = exc.__cause__
        problems: dict[str, list[str]] = {}
        for error in getattr(cause, "schema_errors", ()) or ():
            field = ".".join(str(p) for p in error.absolute_path) or _field_of(error)
            problems.setdefault(field, []).append(error.message)
        if not problems:
            return {"validate_error": str(exc)}
        shaped: dict[str, list[str] | str] = dict(problems)
        if "validate_error" in problems:
            shaped["validate_error"] = "; ".join(problems["validate_error"])
        return shaped
    except RequestValidationError as exc:
        return {"validate_error": str(exc)}
    return {}


def _field_of(error: Any) -> str:
    """The field a 'required' or 'additionalProperties' error is about."""
    if error.validator == "required":
        return str(error.message.split("'")[1])
    return "validate_error"


def _handler_for(fake: FakeCryptoCloud) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            request = httpx.Request(
                self.command,
                FAKE_BASE_URL + self.path,
                headers=list(self.headers.items()),
                content=self.rfile.read(length),
            )
            try:
                response = fake.handle(request)
            except httpx.TimeoutException:
                time.sleep(0.05)
                self.close_connection = True
                return
            except httpx.TransportError:
                self.close_connection = True  # drop the connection without an answer
                return
            except Exception as exc:  # a bug in the fake: answer 500 rather than drop the connection silently
                response = _json(500, {"detail": f"Internal server error (fake): {type(exc).__name__}"})
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.content)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.content)

        def __getattr__(self, name: str) -> Any:
            # Every other method (GET, TRACE, QUERY...) gets the API's 405, or 404 off its paths.
            if name.startswith("do_"):
                return self.do_POST
            raise AttributeError(name)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: a test server must not write to stderr

    return Handler
