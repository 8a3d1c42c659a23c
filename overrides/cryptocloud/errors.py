"""Every error the client raises. One hierarchy, one module.

CryptoCloudError
├── InvalidParameterError (also ValueError): bad input, caught before anything is sent
└── APIError
    ├── APIConnectionError -> APITimeoutError: no usable answer came back
    ├── APIStatusError: the server answered with an error status
    │   ├── BadRequestError (400), AuthenticationError (401 or an "authorization" error body),
    │   ├── PermissionDeniedError (403), NotFoundError (404), RateLimitError (429)
    │   └── InternalServerError (>= 500, Cloudflare 520-527, and any non-standard code)
    ├── APIResponseValidationError: a 2xx whose body is not what the spec says
    └── OrderIdConflictError: recovery found an invoice with this order_id that this call did not create
OutcomeUnknownError: the ledger says an earlier attempt may have been carried out (nothing was sent)
LedgerError: the ledger's database could not be read or written before sending (nothing was sent)
PostbackVerificationError: a payment notification that must not be trusted
WithdrawalTooSoonError: a withdrawal asked for less than 12 s after the last one with its key (nothing sent)

Messages are one line and never contain the API key. When a request that changes something (a create, a
cancel) may have been carried out before it failed, ``may_have_taken_effect`` is true; for a create
``may_have_been_created`` is true as well, and the message says how to look the invoice up.
"""

from __future__ import annotations

from typing import Any

import httpx

from ._stage import Stage

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "CryptoCloudError",
    "InternalServerError",
    "InvalidParameterError",
    "LedgerError",
    "NotFoundError",
    "OrderIdConflictError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "PostbackVerificationError",
    "RateLimitError",
    "WithdrawalTooSoonError",
]


class CryptoCloudError(Exception):
    """Base of every error raised by this package."""


class InvalidParameterError(CryptoCloudError, ValueError):
    """An argument is invalid; nothing was sent. ``field`` names it, ``value`` is what was given."""

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class APIError(CryptoCloudError):
    """A request was attempted and did not give a usable answer.

    ``may_have_been_created`` is true when the request could have created an invoice before failing; then
    ``order_id`` (when one was given) is the key to look it up by before trying again.
    """

    may_have_taken_effect: bool = False
    may_have_been_created: bool = False
    order_id: str | None = None

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        self.message = message
        self.request = request
        super().__init__(message)

    def _set_message(self, message: str) -> None:
        self.message = message
        self.args = (message,)

    def _mark_may_exist(self, order_id: str | None) -> None:
        self.may_have_taken_effect = self.may_have_been_created = True
        self.order_id = order_id
        hint = f"look it up by order_id {order_id!r}" if order_id else "look it up in the dashboard (no order_id given)"
        self._set_message(f"{self.message}; the invoice may have been created: {hint} before trying again")

    def _mark_may_have_taken_effect(self, what: str) -> None:
        self.may_have_taken_effect = True
        check = _HOW_TO_CHECK.get(what, "check")
        self._set_message(f"{self.message}; the {what} may have been carried out: {check} before trying again")


_HOW_TO_CHECK = {"withdrawal": "check the balance and the withdrawal history in the dashboard"}


class APIConnectionError(APIError):
    """The connection failed or broke before a complete answer arrived (or the answer passed a limit: the
    attempt's deadline, ``max_response_bytes``). ``stage`` says how far the exchange got (``Stage.NOT_SENT`` only
    when nothing can have left the machine); ``response`` has the answer's status and headers when one had
    started. ``body`` is the text of what arrived of its body (None when nothing did), and ``invoice_uuid`` the
    invoice id found in it: an answer cut short may still name the invoice that was made."""

    stage: Stage = Stage.SENT
    response: httpx.Response | None = None
    body: str | None = None
    invoice_uuid: str | None = None


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class _Answered(APIError):
    """An error that came with an HTTP answer: the response, its status and its raw text are kept."""

    def __init__(self, message: str, *, response: httpx.Response, body: str) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.body = body


class APIStatusError(_Answered):
    """The server answered with an error status.

    ``body`` is the raw text of the answer; ``errors`` maps each field (or ``validate_error``,
    ``authorization``, ``detail``) to the server's messages about it.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: str, errors: dict[str, list[str]]) -> None:
        super().__init__(message, response=response, body=body)
        self.errors = errors


class BadRequestError(APIStatusError):
    """400: the server refused the request's content."""


class AuthenticationError(APIStatusError):
    """401, or any answer whose body says the API key was refused."""


class PermissionDeniedError(APIStatusError):
    """403: the API key may not do this."""


class NotFoundError(APIStatusError):
    """404: no such endpoint or object."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's wait in seconds, when it gave one."""

    retry_after: float | None = None


class InternalServerError(APIStatusError):
    """A server or proxy failure: >= 500, Cloudflare's 520-527, or a status code HTTP does not define."""


class APIResponseValidationError(_Answered):
    """A success status whose body is not what the spec says. ``body`` keeps the raw text.

    ``invoice_uuid`` is the invoice's id when one could be found in the body: the invoice may exist even
    though its answer could not be read. ``is_json`` is false when the body is not JSON at all (cut short, an
    HTML page): a read is then asked again, as after a lost answer.
    """

    is_json: bool = True

    def __init__(self, message: str, *, response: httpx.Response, body: str, invoice_uuid: str | None) -> None:
        super().__init__(message, response=response, body=body)
        self.invoice_uuid = invoice_uuid


class OrderIdConflictError(APIError):
    """A create with ``recover=True`` may have failed, and the invoices found with its ``order_id`` are not ones
    this call could have created (older, another amount or currency, or not comparable). Nothing was resent and
    nothing is returned: ``invoices`` are what was found, ``cause`` the create's own error. Decide by hand.
    """

    def __init__(self, message: str, *, cause: APIError, invoices: list[Any]) -> None:
        super().__init__(message, request=cause.request)
        self.cause = cause
        self.invoices = invoices


class OutcomeUnknownError(CryptoCloudError):
    """The ledger holds an earlier attempt that may have been carried out, and nobody knows whether: a withdrawal
    with this ``idempotency_key`` whose answer was lost (or whose process died), or a create for this ``order_id``
    not reconciled yet. Nothing was sent. ``kind`` is "withdrawal" or "create", ``key`` the key or order id."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        if kind == "withdrawal":
            how = (
                "check the withdrawal history in the dashboard, then ledger.resolve_withdrawal(key, withdrawal_id=...)"
                " (None if it did not go out)"
            )
        else:
            how = "run `cryptocloud reconcile` (or client.reconcile()) to look it up and settle it"
        super().__init__(f"an earlier {kind} for {key!r} may have been carried out; nothing was sent: {how}")


class LedgerError(CryptoCloudError):
    """The ledger's database could not be read or written (locked past its timeout, unreachable, read-only...).
    Raised only where nothing was sent: before a request, or by the ledger's own methods. After a request was
    sent, a ledger failure never hides its result or error: it is logged, and the ledger keeps the operation as of
    unknown outcome, so no process sends it again before it is reconciled."""


class PostbackVerificationError(CryptoCloudError):
    """A postback failed verification: do not act on it. ``reason`` says why (never the secret)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"postback rejected: {reason}")


class WithdrawalTooSoonError(CryptoCloudError):
    """CryptoCloud wants at least 12 s between two withdrawals with one key, and one was sent less than that ago
    from this process. Nothing was sent; ``retry_after`` is how many seconds to wait before asking again."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"a withdrawal with this withdrawal key was sent less than 12 s ago: nothing was sent; "
            f"wait {retry_after:.1f} s before the next one"
        )
